/* mcp-session-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-protocol.h"
#include "mcp-request-context.h"

G_BEGIN_DECLS

typedef struct _McpServer McpServer;

/*
 * McpSendFunc:
 * @message: (nullable): a JSON-RPC message to deliver to the peer, or
 *   %NULL when @text is given instead
 * @text: (nullable): the text of a successful response that the core wrote
 *   itself without building its tree (the answer of a `tools/call`),
 *   nul-terminated; %NULL when @message is given
 * @final: %TRUE when the message is the response that ends a request
 * @user_data: the data given with the function
 *
 * How the core hands an outgoing message to a transport. For a request,
 * @final tells the transport that nothing more will follow on the
 * request's stream (an HTTP transport closes its SSE stream then).
 */
typedef void (*McpSendFunc) (JsonNode   *message,
                             const char *text,
                             gboolean    final,
                             gpointer    user_data);

/*
 * McpSession:
 *
 * One peer connection as the protocol core sees it: the stdio process, or
 * a legacy HTTP session. It keeps the requests in flight (so that
 * `notifications/cancelled` finds them), the requests the server sent to
 * the client and waits on, and the legacy state an `initialize` handshake
 * set up. Modern requests use the session only for the in-flight table;
 * their era state comes from their own `_meta`.
 */
typedef struct _McpSession
{
  McpServer      *server;
  char           *id;

  McpSendFunc     send;
  gpointer        send_data;
  GDestroyNotify  send_destroy;

  GHashTable     *in_flight;        /* id key → McpRequestContext */
  GHashTable     *outgoing;         /* id key → GTask */
  gint64          next_outgoing_id;

  /* Legacy era, from initialize */
  char           *protocol_version;
  JsonObject     *client_capabilities;
  JsonObject     *client_info;
  McpLogLevel     log_level;
  GHashTable     *subscriptions;    /* URIs of resources/subscribe */
  guint           initialize_seen : 1;
  guint           initialized : 1;
  guint           has_log_level : 1;
  guint           closed : 1;

  gint64          last_activity;
} McpSession;

McpSession *mcp_session_new             (McpServer            *server,
                                         McpSendFunc           send,
                                         gpointer              send_data,
                                         GDestroyNotify        send_destroy);
McpSession *mcp_session_ref             (McpSession           *self);
void        mcp_session_unref           (McpSession           *self);
void        mcp_session_close           (McpSession           *self);
void        mcp_session_send            (McpSession           *self,
                                         JsonNode             *message);
gboolean    mcp_session_is_legacy       (McpSession           *self);
void        mcp_session_track           (McpSession           *self,
                                         McpRequestContext    *context);
void        mcp_session_untrack         (McpSession           *self,
                                         McpRequestContext    *context);
McpRequestContext *
            mcp_session_lookup          (McpSession           *self,
                                         JsonNode             *id);
void        mcp_session_request_async   (McpSession           *self,
                                         McpRequestContext    *context,
                                         const char           *method,
                                         JsonObject           *params,
                                         guint                 timeout_ms,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
JsonNode   *mcp_session_request_finish  (McpSession           *self,
                                         GAsyncResult         *result,
                                         GError              **error);
gboolean    mcp_session_handle_response (McpSession           *self,
                                         JsonNode             *id,
                                         JsonNode             *result,
                                         JsonNode             *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpSession, mcp_session_unref)

G_END_DECLS
