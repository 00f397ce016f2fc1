/* mcp-client-transport-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-protocol.h"

G_BEGIN_DECLS

/* The client side of a connection to an MCP server: how McpClient sends
 * JSON-RPC messages and hears the server's. Two implementations: a child
 * process (or any pair of streams) speaking newline-delimited JSON, and
 * Streamable HTTP. Messages the server sends arrive through the "message"
 * signal; the end of the connection through "closed". */

#define MCP_TYPE_CLIENT_TRANSPORT (mcp_client_transport_get_type ())

G_DECLARE_DERIVABLE_TYPE (McpClientTransport, mcp_client_transport, MCP, CLIENT_TRANSPORT, GObject)

struct _McpClientTransportClass
{
  GObjectClass parent_class;

  /* Starts the connection (spawns the process); may do nothing. */
  void     (*open_async)   (McpClientTransport   *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*open_finish)  (McpClientTransport   *self,
                            GAsyncResult         *result,
                            GError              **error);

  /* Sends one message. On stdio it completes once the message is written;
   * @cancellable is not used (a half-written line would break the
   * framing). On HTTP it completes once the exchange is over: every
   * message of the answer was emitted; @cancellable aborts the exchange,
   * which is how 2026-07-28 cancels a request over HTTP. @headers
   * (name → value, nullable) are extra HTTP headers for this message
   * (Mcp-Param-*); other transports ignore them. */
  void     (*send_async)   (McpClientTransport   *self,
                            JsonNode             *message,
                            GHashTable           *headers,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*send_finish)  (McpClientTransport   *self,
                            GAsyncResult         *result,
                            GError              **error);

  /* The legacy handshake is over (HTTP opens its GET stream). */
  void     (*initialized)  (McpClientTransport   *self);

  /* Ends the connection, gracefully when it can. */
  void     (*close_async)  (McpClientTransport   *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*close_finish) (McpClientTransport   *self,
                            GAsyncResult         *result,
                            GError              **error);

  /* Ends the connection at once (dispose). */
  void     (*abort)        (McpClientTransport   *self);

  /* TRUE when the answer to a request travels on the exchange that sent
   * it (HTTP): a request still unanswered when that exchange is over will
   * never be answered. */
  gboolean   answers_on_exchange;
};

void        mcp_client_transport_open_async        (McpClientTransport   *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean    mcp_client_transport_open_finish       (McpClientTransport   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        mcp_client_transport_send_async        (McpClientTransport   *self,
                                                    JsonNode             *message,
                                                    GHashTable           *headers,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean    mcp_client_transport_send_finish       (McpClientTransport   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        mcp_client_transport_initialized       (McpClientTransport   *self);
void        mcp_client_transport_close_async       (McpClientTransport   *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean    mcp_client_transport_close_finish      (McpClientTransport   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        mcp_client_transport_abort             (McpClientTransport   *self);
gboolean    mcp_client_transport_answers_on_exchange (McpClientTransport *self);

/* What the client tells the transport about the connection. */
void        mcp_client_transport_set_protocol      (McpClientTransport   *self,
                                                    McpEra                era,
                                                    const char           *version);
McpEra      mcp_client_transport_get_era           (McpClientTransport   *self);
const char *mcp_client_transport_get_version       (McpClientTransport   *self);
void        mcp_client_transport_set_max_message_size (McpClientTransport *self,
                                                    gsize                 max_size);
gsize       mcp_client_transport_get_max_message_size (McpClientTransport *self);

/* For implementations. */
void        mcp_client_transport_emit_message      (McpClientTransport   *self,
                                                    JsonNode             *message);
gboolean    mcp_client_transport_emit_line         (McpClientTransport   *self,
                                                    const char           *data,
                                                    gsize                 length,
                                                    GError              **error);
void        mcp_client_transport_emit_closed       (McpClientTransport   *self,
                                                    const GError         *error);
gboolean    mcp_client_transport_is_closed         (McpClientTransport   *self);

/* Newline-delimited text split into lines, with a bound on the length of
 * one line. Used for stdio framing and for Server-Sent Events. */
typedef struct _McpLineBuffer McpLineBuffer;

McpLineBuffer *mcp_line_buffer_new       (gsize           max_line);
void           mcp_line_buffer_free      (McpLineBuffer  *buffer);
void           mcp_line_buffer_append    (McpLineBuffer  *buffer,
                                          const guint8   *data,
                                          gsize           length);
/* Returns the next complete line (without its "\n" or "\r\n") in @line
 * and @length, valid until the next call; FALSE when there is none yet.
 * Sets @error (and returns FALSE) when a line grows past the bound. */
gboolean       mcp_line_buffer_next      (McpLineBuffer  *buffer,
                                          const char    **line,
                                          gsize          *length,
                                          GError        **error);
gsize          mcp_line_buffer_pending   (McpLineBuffer  *buffer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpLineBuffer, mcp_line_buffer_free)

/* The two implementations */
McpClientTransport *mcp_client_stdio_transport_new_for_launcher (GSubprocessLauncher *launcher,
                                                                 const char * const  *argv);
McpClientTransport *mcp_client_stdio_transport_new_for_streams  (GInputStream        *input,
                                                                 GOutputStream       *output);
GSubprocess        *mcp_client_stdio_transport_get_subprocess   (McpClientTransport  *self);

McpClientTransport *mcp_client_http_transport_new               (GUri                *uri);
void                mcp_client_http_transport_set_header        (McpClientTransport  *self,
                                                                 const char          *name,
                                                                 const char          *value);
const char         *mcp_client_http_transport_get_session_id    (McpClientTransport  *self);
char               *mcp_client_http_encode_header_value         (const char          *value);

G_END_DECLS
