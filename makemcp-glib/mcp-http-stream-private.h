/* mcp-http-stream-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * McpHttpStream:
 *
 * One HTTP response the transport holds open: a paused #SoupServerMessage
 * that is answered later, either with a single JSON body or as a stream of
 * Server-Sent Events written chunk by chunk on libsoup's chunked encoding.
 *
 * The stream notices a client that goes away while nothing is being
 * written (libsoup only finds out on the next write): it watches the
 * connection's socket for the end of input, and calls the gone function.
 * Long SSE streams get a keep-alive comment at a fixed interval, which
 * also finds dead connections that the socket watch cannot see.
 *
 * The release function runs exactly once, when the response is complete
 * or the client is gone, whichever comes first.
 */
typedef struct _McpHttpStream McpHttpStream;

typedef void (*McpHttpStreamFunc) (McpHttpStream *stream,
                                   gpointer       user_data);

McpHttpStream     *mcp_http_stream_new              (SoupServerMessage *message,
                                                     guint              keep_alive_ms,
                                                     gboolean           held);
McpHttpStream     *mcp_http_stream_ref              (McpHttpStream     *self);
void               mcp_http_stream_unref            (McpHttpStream     *self);
void               mcp_http_stream_set_gone_func    (McpHttpStream     *self,
                                                     McpHttpStreamFunc  func,
                                                     gpointer           user_data,
                                                     GDestroyNotify     destroy);
void               mcp_http_stream_set_release_func (McpHttpStream     *self,
                                                     McpHttpStreamFunc  func,
                                                     gpointer           user_data);
SoupMessageHeaders *
                   mcp_http_stream_get_response_headers
                                                    (McpHttpStream     *self);
gboolean           mcp_http_stream_is_open          (McpHttpStream     *self);
gboolean           mcp_http_stream_is_sse           (McpHttpStream     *self);
void               mcp_http_stream_respond          (McpHttpStream     *self,
                                                     guint              status,
                                                     JsonNode          *body);
void               mcp_http_stream_respond_text     (McpHttpStream     *self,
                                                     guint              status,
                                                     const char        *body);
void               mcp_http_stream_respond_error    (McpHttpStream     *self,
                                                     guint              status,
                                                     JsonNode          *id,
                                                     int                code,
                                                     const char        *text);
void               mcp_http_stream_start_sse        (McpHttpStream     *self);
void               mcp_http_stream_write_event      (McpHttpStream     *self,
                                                     const char        *id,
                                                     const char        *event,
                                                     const char        *data,
                                                     int                retry_ms);
void               mcp_http_stream_write_comment    (McpHttpStream     *self,
                                                     const char        *text);
void               mcp_http_stream_end              (McpHttpStream     *self);
void               mcp_http_stream_abort            (McpHttpStream     *self);
void               mcp_http_stream_release_hold     (McpHttpStream     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpHttpStream, mcp_http_stream_unref)

G_END_DECLS
