/* mcp-server-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-server.h"
#include "mcp-request-context-private.h"
#include "mcp-session-private.h"

G_BEGIN_DECLS

/* mcp-server.c: the registry and the server's identity */
JsonObject *mcp_server_build_server_info           (McpServer         *self,
                                                    const char        *version);
JsonObject *mcp_server_build_capabilities          (McpServer         *self,
                                                    const char        *version);
GSequence  *mcp_server_get_tool_sequence           (McpServer         *self);
void        mcp_server_freeze_tools_changed        (McpServer         *self);
void        mcp_server_thaw_tools_changed          (McpServer         *self);
void        mcp_server_add_session                 (McpServer         *self,
                                                    McpSession        *session);
void        mcp_server_remove_session              (McpServer         *self,
                                                    McpSession        *session);
void        mcp_server_broadcast                   (McpServer         *self,
                                                    const char        *method,
                                                    JsonObject        *params);

/* mcp-server-protocol.c: the dual-era protocol core */
typedef enum
{
  MCP_MESSAGE_INVALID,
  MCP_MESSAGE_REQUEST,
  MCP_MESSAGE_NOTIFICATION,
  MCP_MESSAGE_RESPONSE,
} McpMessageKind;

typedef struct _McpMethodEntry McpMethodEntry;

typedef struct
{
  McpMessageKind        kind;
  McpRequestContext    *context;         /* MCP_MESSAGE_REQUEST */
  const McpMethodEntry *method;          /* MCP_MESSAGE_REQUEST */
  JsonNode             *error_response;  /* MCP_MESSAGE_INVALID */
  guint                 http_status;     /* MCP_MESSAGE_INVALID */
} McpAcceptedMessage;

void        mcp_accepted_message_clear             (McpAcceptedMessage *accepted);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (McpAcceptedMessage, mcp_accepted_message_clear)

McpMessageKind
            mcp_server_accept_message              (McpServer          *self,
                                                    McpSession         *session,
                                                    JsonNode           *message,
                                                    McpAcceptedMessage *accepted);
void        mcp_server_dispatch                    (McpServer          *self,
                                                    McpAcceptedMessage *accepted,
                                                    McpSendFunc         send,
                                                    gpointer            send_data,
                                                    GDestroyNotify      send_destroy);
void        mcp_server_handle_message              (McpServer          *self,
                                                    McpSession         *session,
                                                    JsonNode           *message,
                                                    McpSendFunc         send,
                                                    gpointer            send_data,
                                                    GDestroyNotify      send_destroy);
void        mcp_server_send_error                  (McpServer         *self,
                                                    JsonNode          *id,
                                                    const GError      *error,
                                                    McpSendFunc        send,
                                                    gpointer           send_data,
                                                    GDestroyNotify     send_destroy);
McpRequestContext *
            mcp_server_new_detached_context        (McpServer         *self,
                                                    const char        *method,
                                                    JsonObject        *params);
void        mcp_server_reply                       (McpServer         *self,
                                                    McpRequestContext *context,
                                                    JsonObject        *result);
void        mcp_server_reply_cacheable             (McpServer         *self,
                                                    McpRequestContext *context,
                                                    JsonObject        *result,
                                                    const char        *cache_scope);
void        mcp_server_reply_error                 (McpServer         *self,
                                                    McpRequestContext *context,
                                                    const GError      *error);
void        mcp_server_reply_error_literal         (McpServer         *self,
                                                    McpRequestContext *context,
                                                    int                code,
                                                    const char        *message);
typedef const char *(*McpKeyFunc) (gpointer item);

gboolean    mcp_server_page_bounds                 (McpServer         *self,
                                                    McpRequestContext *context,
                                                    GSequence         *sequence,
                                                    McpKeyFunc         key_func,
                                                    GSequenceIter    **start,
                                                    GSequenceIter    **end);
char       *mcp_server_make_cursor                 (GSequenceIter     *iter,
                                                    McpKeyFunc         key_func);

/* mcp-server-tools.c: tools/list and tools/call */
void        mcp_server_handle_tools_list           (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_tools_call           (McpServer         *self,
                                                    McpRequestContext *context);
JsonObject *mcp_server_tool_result_to_json         (McpToolResult     *result,
                                                    const char        *version);

G_END_DECLS
