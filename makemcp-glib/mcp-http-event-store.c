/* mcp-http-event-store.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-http-event-store-private.h"
#include "mcp-json-private.h"

typedef struct
{
  guint64   stream;
  guint64   sequence;
  char     *data;       /* NULL for a priming event */
  gboolean  final;
} Event;

typedef struct
{
  guint64 next_sequence;
  guint64 evicted;      /* the newest sequence number dropped for room */
  guint   n_events;
} StreamInfo;

struct _McpHttpEventStore
{
  GQueue      events;   /* Event, oldest first */
  GHashTable *streams;  /* guint64 * → StreamInfo */
  guint64     next_stream;
  guint       max_events;
  gsize       max_bytes;
  gsize       n_bytes;
};

static void
event_free (Event *event)
{
  g_free (event->data);
  g_free (event);
}

McpHttpEventStore *
mcp_http_event_store_new (guint max_events,
                          gsize max_bytes)
{
  McpHttpEventStore *self = g_new0 (McpHttpEventStore, 1);

  g_queue_init (&self->events);
  self->streams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->next_stream = 1;
  self->max_events = MAX (max_events, 1);
  self->max_bytes = max_bytes;

  return self;
}

void
mcp_http_event_store_free (McpHttpEventStore *self)
{
  g_queue_clear_full (&self->events, (GDestroyNotify)event_free);
  g_hash_table_unref (self->streams);
  g_free (self);
}

static StreamInfo *
lookup_stream (McpHttpEventStore *self,
               guint64            stream,
               gboolean           create)
{
  StreamInfo *info = g_hash_table_lookup (self->streams, &stream);

  if (info == NULL && create)
    {
      guint64 *key = g_new (guint64, 1);

      *key = stream;
      info = g_new0 (StreamInfo, 1);
      info->next_sequence = 1;
      g_hash_table_insert (self->streams, key, info);
    }

  return info;
}

/* A new request stream; stream 0 is the session's GET stream. */
guint64
mcp_http_event_store_new_stream (McpHttpEventStore *self)
{
  guint64 stream = self->next_stream++;

  lookup_stream (self, stream, TRUE);
  return stream;
}

gboolean
mcp_http_event_store_has_stream (McpHttpEventStore *self,
                                 guint64            stream)
{
  return lookup_stream (self, stream, FALSE) != NULL || stream == 0;
}

/* An event id, "stream-sequence", as mcp_http_event_parse_id() reads it. */
static char *
format_id (guint64 stream,
           guint64 sequence)
{
  GString *id = g_string_sized_new (24);

  mcp_json_append_int (id, (gint64)stream);
  g_string_append_c (id, '-');
  mcp_json_append_int (id, (gint64)sequence);

  return g_string_free (id, FALSE);
}

/* Records an event of @stream and returns its id. @data is the event's
 * text, or NULL for a priming event (an id and no message). */
char *
mcp_http_event_store_append (McpHttpEventStore *self,
                             guint64            stream,
                             const char        *data,
                             gboolean           final)
{
  StreamInfo *info = lookup_stream (self, stream, TRUE);
  Event *event = g_new0 (Event, 1);

  event->stream = stream;
  event->sequence = info->next_sequence++;
  event->data = g_strdup (data);
  event->final = !!final;
  g_queue_push_tail (&self->events, event);
  info->n_events++;
  self->n_bytes += data != NULL ? strlen (data) : 0;

  /* The newest event always stays, whatever its size. */
  while (self->events.length > self->max_events ||
         (self->n_bytes > self->max_bytes && self->events.length > 1))
    {
      Event *oldest = g_queue_pop_head (&self->events);
      StreamInfo *oldest_info = lookup_stream (self, oldest->stream, FALSE);

      self->n_bytes -= oldest->data != NULL ? strlen (oldest->data) : 0;

      oldest_info->evicted = MAX (oldest_info->evicted, oldest->sequence);
      oldest_info->n_events--;

      /* A finished stream with nothing left to replay is forgotten. */
      if (oldest_info->n_events == 0 && oldest->final && oldest->stream != 0)
        g_hash_table_remove (self->streams, &oldest->stream);
      event_free (oldest);
    }

  return format_id (stream, event->sequence);
}

/* Calls @func for every event of @stream after sequence @after, oldest
 * first, priming events skipped. Returns FALSE, calling nothing, when the
 * stream is unknown or when some of those events were already dropped,
 * unless @allow_gap, when what is left is replayed. @last receives the
 * sequence of the last event of the stream. */
gboolean
mcp_http_event_store_replay (McpHttpEventStore *self,
                             guint64            stream,
                             guint64            after,
                             gboolean           allow_gap,
                             McpHttpEventFunc   func,
                             gpointer           user_data,
                             guint64           *last)
{
  StreamInfo *info = lookup_stream (self, stream, stream == 0);

  if (info != NULL && allow_gap)
    after = MAX (after, info->evicted);

  if (info == NULL || after < info->evicted || after >= info->next_sequence)
    return FALSE;

  for (GList *l = self->events.head; l != NULL; l = l->next)
    {
      Event *event = l->data;
      g_autofree char *id = NULL;

      if (event->stream != stream || event->sequence <= after || event->data == NULL)
        continue;

      id = format_id (event->stream, event->sequence);
      func (id, event->data, event->final, user_data);
    }

  if (last != NULL)
    *last = info->next_sequence - 1;

  return TRUE;
}

gboolean
mcp_http_event_parse_id (const char *event_id,
                         guint64    *stream,
                         guint64    *sequence)
{
  g_auto(GStrv) parts = NULL;

  if (event_id == NULL)
    return FALSE;

  parts = g_strsplit (event_id, "-", 3);
  if (g_strv_length (parts) != 2)
    return FALSE;

  return g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT64, stream, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT64, sequence, NULL);
}
