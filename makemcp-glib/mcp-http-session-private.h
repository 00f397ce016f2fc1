/* mcp-http-session-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "mcp-http-event-store-private.h"
#include "mcp-http-stream-private.h"
#include "mcp-http-util-private.h"
#include "mcp-server-private.h"

G_BEGIN_DECLS

typedef enum
{
  MCP_HTTP_SESSION_STREAMABLE,   /* Streamable HTTP, 2025-03-26 … 2025-11-25 */
  MCP_HTTP_SESSION_SSE,          /* the HTTP+SSE transport of 2024-11-05 */
} McpHttpSessionKind;

typedef struct _McpHttpSession McpHttpSession;
typedef struct _McpHttpExchange McpHttpExchange;

typedef void (*McpHttpSessionFunc) (McpHttpSession *session,
                                    gpointer        user_data);

/*
 * McpHttpSession:
 *
 * A legacy HTTP session: the #McpSession the protocol core keeps for it,
 * its id, the session-level stream (the GET stream of Streamable HTTP, or
 * the event stream of HTTP+SSE), and, for Streamable HTTP, the event store
 * and the request streams a client may resume.
 */
struct _McpHttpSession
{
  McpSession         *session;
  char               *id;
  McpHttpSessionKind  kind;
  McpHttpEventStore  *events;
  GHashTable         *exchanges;      /* guint64 * stream → McpHttpExchange */
  McpHttpStream      *standalone;     /* the session-level stream, if open */
  guint64             standalone_delivered;
  gint64              last_activity;
  int                 retry_ms;
  char               *principal;      /* who opened it, when authenticated */

  McpHttpSessionFunc  closed_func;
  gpointer            closed_data;

  guint               closed : 1;
};

McpHttpSession *mcp_http_session_new            (McpServer          *server,
                                                 McpHttpSessionKind  kind,
                                                 const char         *replica_id,
                                                 guint               max_events,
                                                 gsize               max_event_bytes,
                                                 int                 retry_ms);
McpHttpSession *mcp_http_session_ref            (McpHttpSession     *self);
void            mcp_http_session_unref          (McpHttpSession     *self);
void            mcp_http_session_close          (McpHttpSession     *self);
void            mcp_http_session_touch          (McpHttpSession     *self);
gboolean        mcp_http_session_is_busy        (McpHttpSession     *self);
gboolean        mcp_http_session_wants_priming  (McpHttpSession     *self);
void            mcp_http_session_send           (JsonNode           *message,
                                                 const char         *text,
                                                 gboolean            final,
                                                 gpointer            user_data);
void            mcp_http_session_open_standalone
                                                (McpHttpSession     *self,
                                                 McpHttpStream      *stream);
void            mcp_http_session_resume         (McpHttpSession     *self,
                                                 McpHttpStream      *stream,
                                                 const char         *last_event_id);
void            mcp_http_session_open_sse       (McpHttpSession     *self,
                                                 McpHttpStream      *stream,
                                                 const char         *endpoint);

typedef enum
{
  MCP_HTTP_EXCHANGE_MODERN,          /* JSON, or SSE without ids; a gone client cancels */
  MCP_HTTP_EXCHANGE_LEGACY_STREAM,   /* SSE with event ids, resumable */
  MCP_HTTP_EXCHANGE_LEGACY_JSON,     /* one JSON answer; the rest on the GET stream */
} McpHttpExchangeMode;

/*
 * McpHttpExchange:
 *
 * How the answer to one dispatched request travels back: the send
 * function the core gets for the request, the HTTP response it currently
 * writes to, and what a closed connection means for the request.
 */
McpHttpExchange *mcp_http_exchange_new          (McpHttpSession      *session,
                                                 McpRequestContext   *context,
                                                 McpHttpExchangeMode  mode,
                                                 McpHttpAccept        accept);
McpHttpExchange *mcp_http_exchange_ref          (McpHttpExchange     *self);
void             mcp_http_exchange_unref        (McpHttpExchange     *self);
void             mcp_http_exchange_attach       (McpHttpExchange     *self,
                                                 McpHttpStream       *stream);
void             mcp_http_exchange_send         (JsonNode            *message,
                                                 const char          *text,
                                                 gboolean             final,
                                                 gpointer             user_data);
McpHttpExchange *mcp_http_exchange_for_context  (McpRequestContext   *context);
gboolean         mcp_http_exchange_close_stream (McpHttpExchange     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpHttpSession, mcp_http_session_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpHttpExchange, mcp_http_exchange_unref)

G_END_DECLS
