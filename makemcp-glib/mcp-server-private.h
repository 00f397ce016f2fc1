/* mcp-server-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-json-private.h"
#include "mcp-registry-private.h"
#include "mcp-server.h"
#include "mcp-request-context-private.h"
#include "mcp-session-private.h"

G_BEGIN_DECLS

/* mcp-server.c: the registry and the server's identity */
typedef struct _McpSigner McpSigner;

McpSigner  *mcp_server_get_signer                  (McpServer         *self);
GHashTable *mcp_server_get_task_runs               (McpServer         *self);
guint      *mcp_server_get_failing_task_saves      (McpServer         *self);

/* The shortest lease of running tasks but none (0) */
#define MCP_SERVER_TASK_LEASE_MIN_MS 1000

/*
 * McpCheckedMeta:
 *
 * The last 2026-07-28 `_meta` that passed the checks of
 * mcp_server_accept_envelope(), sealed, with what they read from it.
 */
typedef struct
{
  JsonObject  *meta;           /* owned */
  const char  *version;        /* the rest belongs to @meta */
  JsonObject  *capabilities;
  JsonObject  *client_info;    /* nullable */
  gboolean     has_level;
  McpLogLevel  level;
} McpCheckedMeta;

McpCheckedMeta *mcp_server_get_checked_meta        (McpServer         *self);
JsonObject *mcp_server_get_modern_meta             (McpServer         *self);
const char *mcp_server_get_modern_meta_text        (McpServer         *self);
GString    *mcp_server_take_answer_buffer          (McpServer         *self);
void        mcp_server_give_answer_buffer          (McpServer         *self,
                                                    GString           *buffer);
JsonObject *mcp_server_build_server_info           (McpServer         *self,
                                                    const char        *version);
JsonObject *mcp_server_build_capabilities          (McpServer         *self,
                                                    const char        *version);
McpRegistry *mcp_server_get_tools                  (McpServer         *self);
McpRegistry *mcp_server_get_prompts                (McpServer         *self);
McpRegistry *mcp_server_get_resources              (McpServer         *self);
McpRegistry *mcp_server_get_templates              (McpServer         *self);
GPtrArray   *mcp_server_get_sessions               (McpServer         *self);
GPtrArray   *mcp_server_get_listeners              (McpServer         *self);
void         mcp_server_freeze_tools_changed       (McpServer         *self);
void         mcp_server_thaw_tools_changed         (McpServer         *self);
void        mcp_server_add_session                 (McpServer         *self,
                                                    McpSession        *session);
void        mcp_server_remove_session              (McpServer         *self,
                                                    McpSession        *session);

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
            mcp_server_accept_envelope             (McpServer             *self,
                                                    McpSession            *session,
                                                    const McpJsonEnvelope *envelope,
                                                    McpAcceptedMessage    *accepted);
void        mcp_server_dispatch                    (McpServer          *self,
                                                    McpAcceptedMessage *accepted,
                                                    McpSendFunc         send,
                                                    gpointer            send_data,
                                                    GDestroyNotify      send_destroy);
void        mcp_server_handle_message              (McpServer             *self,
                                                    McpSession            *session,
                                                    const McpJsonEnvelope *envelope,
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
                                                    guint              ttl_ms,
                                                    McpCacheScope      cache_scope);

typedef JsonObject *(*McpToJsonFunc) (gpointer    item,
                                      const char *version);

void        mcp_server_reply_list                  (McpServer         *self,
                                                    McpRequestContext *context,
                                                    McpRegistry       *registry,
                                                    const char        *member,
                                                    McpToJsonFunc      to_json);
void        mcp_server_reply_input_required        (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_reply_handler_failure       (McpServer         *self,
                                                    McpRequestContext *context,
                                                    const GError      *error,
                                                    const char        *what);
gboolean    mcp_server_reply_failure               (McpServer         *self,
                                                    McpRequestContext *context,
                                                    const GError      *error);
void        mcp_server_reply_error                 (McpServer         *self,
                                                    McpRequestContext *context,
                                                    const GError      *error);
void        mcp_server_reply_error_literal         (McpServer         *self,
                                                    McpRequestContext *context,
                                                    int                code,
                                                    const char        *message);
void        mcp_server_reply_error_full            (McpServer         *self,
                                                    McpRequestContext *context,
                                                    int                code,
                                                    const char        *message,
                                                    JsonNode          *data);
gboolean    mcp_server_page_bounds                 (McpServer         *self,
                                                    McpRequestContext *context,
                                                    McpRegistry       *registry,
                                                    GSequenceIter    **start,
                                                    GSequenceIter    **end);
char       *mcp_server_make_cursor                 (McpRegistry       *registry,
                                                    GSequenceIter     *iter);

/* mcp-server-subscriptions.c: change notifications, in both eras */
typedef struct _McpListener McpListener;

void        mcp_listener_free                      (McpListener       *listener);
void        mcp_server_publish                     (McpServer         *self,
                                                    McpEventKind       kind,
                                                    const char        *key,
                                                    JsonObject        *payload);
GHashTable *mcp_server_get_listened_task_ids      (McpServer         *self);
void        mcp_server_deliver                     (McpServer         *self,
                                                    McpEventKind       kind,
                                                    const char        *key,
                                                    JsonObject        *payload);
void        mcp_server_handle_listen               (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_subscribe            (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_unsubscribe          (McpServer         *self,
                                                    McpRequestContext *context);

/* mcp-server-resources.c, mcp-server-prompts.c */
void        mcp_server_handle_resources_list       (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_templates_list       (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_resources_read       (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_prompts_list         (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_prompts_get          (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_complete             (McpServer         *self,
                                                    McpRequestContext *context);

/* mcp-server-tasks.c: the io.modelcontextprotocol/tasks extension */
typedef struct _McpTaskRun McpTaskRun;

void        mcp_task_run_release                   (McpTaskRun        *run);
void        mcp_server_set_task_status_message     (McpServer         *self,
                                                    const char        *task_id,
                                                    const char        *message);
gboolean    mcp_server_check_tasks_capability      (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_begin_task_async            (McpServer           *self,
                                                    McpRequestContext   *context,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    mcp_server_begin_task_finish           (McpServer         *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);
void        mcp_server_settle_task                 (McpServer         *self,
                                                    McpRequestContext *context,
                                                    JsonObject        *result,
                                                    JsonObject        *error);
void        mcp_server_task_request_input          (McpServer         *self,
                                                    McpRequestContext *context,
                                                    const char        *key,
                                                    const char        *method,
                                                    JsonObject        *params,
                                                    GTask             *task);
void        mcp_server_handle_tasks_get            (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_tasks_update         (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_tasks_cancel         (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_task_cancelled_elsewhere    (McpServer         *self,
                                                    const char        *task_id);
void        mcp_server_watch_task_leases           (McpServer         *self);
gboolean    mcp_server_is_task_id                  (const char        *task_id);

/* The owner of a task, in its record and in its status events; never
 * sent to a client. */
#define MCP_TASK_PRIVATE_PRINCIPAL "x-principal"
/* The most task ids one subscriptions/listen follows (its error says 100). */
#define MCP_LISTEN_MAX_TASK_IDS 100
GSource    *mcp_server_get_lease_sweep             (McpServer         *self);
void        mcp_server_set_lease_sweep             (McpServer         *self,
                                                    GSource           *source);
void        mcp_server_task_answered_elsewhere     (McpServer         *self,
                                                    const char        *task_id,
                                                    JsonObject        *payload);

/* mcp-server-tools.c: tools/list and tools/call */
void        mcp_server_handle_tools_list           (McpServer         *self,
                                                    McpRequestContext *context);
void        mcp_server_handle_tools_call           (McpServer         *self,
                                                    McpRequestContext *context);
gboolean    mcp_server_tool_result_write           (McpToolResult     *result,
                                                    const char        *version,
                                                    GString           *out);
void        mcp_server_reply_tool_result           (McpServer         *self,
                                                    McpRequestContext *context,
                                                    McpToolResult     *result);
JsonObject *mcp_server_tool_result_to_json         (McpToolResult     *result,
                                                    const char        *version);

G_END_DECLS
