/* mcp-http-transport.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-server.h>
#include <makemcp-glib/mcp-transport.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_HTTP_TRANSPORT (mcp_http_transport_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpHttpTransport, mcp_http_transport, MCP, HTTP_TRANSPORT, McpTransport)

/**
 * McpHttpAuthFunc:
 * @self: the transport
 * @message: the request, with its headers (the body is not read yet)
 * @user_data: the data given to [method@Mcp.HttpTransport.set_auth_func]
 * @error: return location for a #GError
 *
 * Tells who sent a request: checks its credentials (an `Authorization`
 * header, a client certificate, a header a trusted proxy adds…) and
 * returns the principal, a stable name of the client such as a user id.
 *
 * Fail with %G_IO_ERROR_PERMISSION_DENIED to refuse a client that is
 * known but not allowed (403), or with any other error when the request
 * has no valid credentials (401; the message of @error is sent to the
 * client, so say what is wrong without leaking secrets). A function that
 * wants clients to present a particular scheme sets `WWW-Authenticate` on
 * the response headers of @message itself; otherwise the transport sends
 * `WWW-Authenticate: Bearer`.
 *
 * Returns: (transfer full) (nullable): the principal, or %NULL with @error
 *   set
 */
typedef char *(*McpHttpAuthFunc) (McpHttpTransport   *self,
                                  SoupServerMessage  *message,
                                  gpointer            user_data,
                                  GError            **error);

MCP_AVAILABLE_IN_ALL
McpHttpTransport   *mcp_http_transport_new                   (McpServer          *server) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpHttpTransport   *mcp_http_transport_new_for_soup_server   (McpServer          *server,
                                                              SoupServer         *soup_server,
                                                              const char         *path) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
SoupServer         *mcp_http_transport_get_soup_server       (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
const char         *mcp_http_transport_get_path              (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
const char         *mcp_http_transport_get_sse_path          (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_sse_path          (McpHttpTransport   *self,
                                                              const char         *sse_path);
MCP_AVAILABLE_IN_ALL
const char         *mcp_http_transport_get_messages_path     (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_messages_path     (McpHttpTransport   *self,
                                                              const char         *messages_path);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_http_transport_listen                (McpHttpTransport   *self,
                                                              GSocketAddress     *address,
                                                              GError            **error);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_http_transport_listen_local          (McpHttpTransport   *self,
                                                              guint               port,
                                                              GError            **error);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_port              (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
GUri               *mcp_http_transport_dup_uri               (McpHttpTransport   *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char * const *mcp_http_transport_get_allowed_hosts     (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_allowed_hosts     (McpHttpTransport   *self,
                                                              const char * const *hosts);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_add_allowed_host      (McpHttpTransport   *self,
                                                              const char         *host);
MCP_AVAILABLE_IN_ALL
const char * const *mcp_http_transport_get_allowed_origins   (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_allowed_origins   (McpHttpTransport   *self,
                                                              const char * const *origins);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_add_allowed_origin    (McpHttpTransport   *self,
                                                              const char         *origin);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_bearer_token      (McpHttpTransport   *self,
                                                              const char         *token);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_http_transport_get_requires_bearer_token
                                                             (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_auth_func         (McpHttpTransport   *self,
                                                              McpHttpAuthFunc     func,
                                                              gpointer            user_data,
                                                              GDestroyNotify      destroy);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_session_timeout   (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_session_timeout   (McpHttpTransport   *self,
                                                              guint               timeout_ms);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_max_sessions      (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_max_sessions      (McpHttpTransport   *self,
                                                              guint               max_sessions);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_max_streams       (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_max_streams       (McpHttpTransport   *self,
                                                              guint               max_streams);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_keep_alive_interval
                                                             (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_keep_alive_interval
                                                             (McpHttpTransport   *self,
                                                              guint               interval_ms);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_retry_interval    (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_retry_interval    (McpHttpTransport   *self,
                                                              guint               interval_ms);
MCP_AVAILABLE_IN_ALL
const char         *mcp_http_transport_get_replica_id        (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
void                mcp_http_transport_set_replica_id        (McpHttpTransport   *self,
                                                              const char         *replica_id);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_http_transport_check_replica_id      (const char         *replica_id);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_n_sessions        (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
guint               mcp_http_transport_get_n_streams         (McpHttpTransport   *self);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_http_transport_close_stream          (McpRequestContext  *context);

G_END_DECLS
