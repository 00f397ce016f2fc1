/* mcp-http-event-store-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * McpHttpEventStore:
 *
 * The SSE events of one legacy Streamable HTTP session, kept so that a
 * client that lost a stream can resume it with `Last-Event-ID`
 * (2025-03-26 … 2025-11-25). Each stream of the session (stream 0 is the
 * GET stream, every request stream gets the next number) numbers its events
 * from 1; an event id is "STREAM-SEQUENCE", unique within the session and
 * naming the stream it belongs to, so that a resumption never replays
 * another stream's messages.
 *
 * The store keeps the newest events up to a number and a size; a
 * resumption from an event older than that fails rather than silently
 * losing messages.
 */
typedef struct _McpHttpEventStore McpHttpEventStore;

typedef void (*McpHttpEventFunc) (const char *event_id,
                                  const char *data,
                                  gboolean    final,
                                  gpointer    user_data);

McpHttpEventStore *mcp_http_event_store_new        (guint               max_events,
                                                    gsize               max_bytes);
void               mcp_http_event_store_free       (McpHttpEventStore  *self);
guint64            mcp_http_event_store_new_stream (McpHttpEventStore  *self);
char              *mcp_http_event_store_append     (McpHttpEventStore  *self,
                                                    guint64             stream,
                                                    const char         *data,
                                                    gboolean            final);
gboolean           mcp_http_event_store_has_stream (McpHttpEventStore  *self,
                                                    guint64             stream);
gboolean           mcp_http_event_store_replay     (McpHttpEventStore  *self,
                                                    guint64             stream,
                                                    guint64             after,
                                                    gboolean            allow_gap,
                                                    McpHttpEventFunc    func,
                                                    gpointer            user_data,
                                                    guint64            *last);
gboolean           mcp_http_event_parse_id         (const char         *event_id,
                                                    guint64            *stream,
                                                    guint64            *sequence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpHttpEventStore, mcp_http_event_store_free)

G_END_DECLS
