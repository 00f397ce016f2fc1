/* mcp-http-session.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-http-session-private.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-request-context-private.h"

/* Legacy HTTP sessions and the way each request is answered.
 *
 * Modern (2026-07-28) requests are answered on their own POST: a JSON body
 * when the answer is all there is, an SSE stream of notifications and then
 * the answer otherwise; a closed connection cancels the request.
 *
 * Requests of a legacy Streamable HTTP session are answered on an SSE
 * stream whose events carry ids, and every event is also kept in the
 * session's event store: a connection that breaks, or that the server
 * closes on purpose to make the client poll, does not stop the request,
 * and the client picks the stream up again with GET and `Last-Event-ID`.
 * Messages that belong to no request go on the session's GET stream (and
 * wait in the store when none is open). */

static GQuark
exchange_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mcp-http-exchange");

  return quark;
}

struct _McpHttpExchange
{
  McpHttpSession      *session;       /* nullable */
  McpRequestContext   *context;
  McpHttpStream       *stream;        /* the response written to now */
  McpHttpExchangeMode  mode;
  McpHttpAccept        accept;
  guint64              stream_id;     /* in the session's event store */

  guint                initialize : 1;
  guint                finished : 1;
  guint                resumable : 1; /* the client holds an event id */
};

static void mcp_http_exchange_detach (McpHttpExchange *self);
static void exchange_gone_cb         (McpHttpStream   *stream,
                                      gpointer         user_data);

/* Sessions */

/* @replica_id: nullable; what the id starts with, for a proxy that routes
 * the requests of a session to the replica that holds it */
McpHttpSession *
mcp_http_session_new (McpServer          *server,
                      McpHttpSessionKind  kind,
                      const char         *replica_id,
                      guint               max_events,
                      gsize               max_event_bytes,
                      int                 retry_ms)
{
  McpHttpSession *self = g_rc_box_new0 (McpHttpSession);
  g_autofree char *random_id = mcp_http_new_session_id ();

  self->id = replica_id != NULL ? g_strconcat (replica_id, ".", random_id, NULL)
                                : g_steal_pointer (&random_id);
  self->kind = kind;
  self->retry_ms = retry_ms;
  self->last_activity = g_get_monotonic_time ();
  self->exchanges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify)mcp_http_exchange_unref);
  if (kind == MCP_HTTP_SESSION_STREAMABLE)
    self->events = mcp_http_event_store_new (max_events, max_event_bytes);

  /* The core's send function gets a borrowed pointer: closing the session
   * closes the McpSession, which then sends nothing more. */
  self->session = mcp_session_new (server, mcp_http_session_send, self, NULL);
  self->session->id = g_strdup (self->id);
  mcp_server_add_session (server, self->session);

  return self;
}

McpHttpSession *
mcp_http_session_ref (McpHttpSession *self)
{
  return g_rc_box_acquire (self);
}

static void
mcp_http_session_clear (McpHttpSession *self)
{
  mcp_http_session_close (self);

  g_clear_pointer (&self->session, mcp_session_unref);
  g_clear_pointer (&self->exchanges, g_hash_table_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->principal, g_free);
}

void
mcp_http_session_unref (McpHttpSession *self)
{
  g_rc_box_release_full (self, (GDestroyNotify)mcp_http_session_clear);
}

/* Ends the session: requests in flight are cancelled, open streams end,
 * and the session's id is no longer known. */
void
mcp_http_session_close (McpHttpSession *self)
{
  McpHttpSessionFunc closed_func = self->closed_func;
  g_autoptr(GPtrArray) exchanges = NULL;
  GHashTableIter iter;
  gpointer value;

  if (self->closed)
    return;

  mcp_http_session_ref (self);
  self->closed = TRUE;
  self->closed_func = NULL;

  mcp_server_remove_session (self->session->server, self->session);
  mcp_session_close (self->session);

  exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_http_exchange_unref);
  g_hash_table_iter_init (&iter, self->exchanges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (exchanges, mcp_http_exchange_ref (value));
      g_hash_table_iter_remove (&iter);
    }
  for (guint i = 0; i < exchanges->len; i++)
    {
      McpHttpExchange *exchange = g_ptr_array_index (exchanges, i);
      g_autoptr(McpHttpStream) stream = exchange->stream != NULL
                                        ? mcp_http_stream_ref (exchange->stream) : NULL;

      mcp_http_exchange_detach (exchange);
      if (stream != NULL)
        mcp_http_stream_end (stream);
    }

  if (self->standalone != NULL)
    {
      g_autoptr(McpHttpStream) standalone = g_steal_pointer (&self->standalone);

      mcp_http_stream_set_gone_func (standalone, NULL, NULL, NULL);
      mcp_http_stream_end (standalone);
    }

  g_clear_pointer (&self->events, mcp_http_event_store_free);

  if (closed_func != NULL)
    closed_func (self, self->closed_data);

  mcp_http_session_unref (self);
}

void
mcp_http_session_touch (McpHttpSession *self)
{
  self->last_activity = g_get_monotonic_time ();
}

/* Whether anything still happens in the session: an open stream, or a
 * request in flight. Busy sessions do not expire. */
gboolean
mcp_http_session_is_busy (McpHttpSession *self)
{
  if (self->closed)
    return FALSE;

  if (mcp_http_stream_is_open (self->standalone))
    return TRUE;

  if (g_hash_table_size (self->exchanges) > 0)
    return TRUE;

  return self->session->in_flight != NULL && g_hash_table_size (self->session->in_flight) > 0;
}

/* Priming events (an event id and no data, so the client can resume
 * before the first message) came with 2025-11-25; older clients may choke
 * on an empty event. */
gboolean
mcp_http_session_wants_priming (McpHttpSession *self)
{
  return mcp_protocol_version_at_least (self->session->protocol_version, "2025-11-25");
}

static guint64
event_sequence (const char *event_id)
{
  guint64 stream = 0;
  guint64 sequence = 0;

  mcp_http_event_parse_id (event_id, &stream, &sequence);
  return sequence;
}

/* The text of a message an McpSendFunc received: as the core wrote it,
 * or serialized from its tree. */
static char *
message_text (JsonNode   *message,
              const char *text)
{
  return text != NULL ? g_strdup (text) : mcp_json_to_string (message, NULL);
}

/* Where the core sends what belongs to no request, and, for HTTP+SSE
 * sessions, everything. */
void
mcp_http_session_send (JsonNode   *message,
                       const char *text,
                       gboolean    final,
                       gpointer    user_data)
{
  McpHttpSession *self = user_data;
  g_autofree char *data = NULL;

  if (self->closed)
    return;

  data = message_text (message, text);

  if (self->kind == MCP_HTTP_SESSION_STREAMABLE)
    {
      g_autofree char *id = mcp_http_event_store_append (self->events, 0, data, FALSE);

      if (mcp_http_stream_is_open (self->standalone))
        {
          mcp_http_stream_write_event (self->standalone, id, "message", data, -1);
          self->standalone_delivered = event_sequence (id);
        }
    }
  else if (mcp_http_stream_is_open (self->standalone))
    {
      mcp_http_stream_write_event (self->standalone, NULL, "message", data, -1);
    }
}

static void
standalone_gone_cb (McpHttpStream *stream,
                    gpointer       user_data)
{
  McpHttpSession *self = user_data;

  if (self->standalone == stream)
    {
      g_clear_pointer (&self->standalone, mcp_http_stream_unref);
      mcp_http_session_touch (self);
    }

  /* An HTTP+SSE session lives exactly as long as its event stream. */
  if (self->kind == MCP_HTTP_SESSION_SSE)
    mcp_http_session_close (self);
}

static void
set_session_header (McpHttpSession *self,
                    McpHttpStream  *stream)
{
  soup_message_headers_replace (mcp_http_stream_get_response_headers (stream),
                                MCP_HTTP_HEADER_SESSION_ID, self->id);
}

static void
attach_standalone (McpHttpSession *self,
                   McpHttpStream  *stream)
{
  self->standalone = mcp_http_stream_ref (stream);
  mcp_http_stream_set_gone_func (stream, standalone_gone_cb,
                                 mcp_http_session_ref (self),
                                 (GDestroyNotify)mcp_http_session_unref);
}

typedef struct
{
  McpHttpStream *stream;
  guint          n_events;
  gboolean       saw_final;
} Replay;

static void
replay_event_cb (const char *event_id,
                 const char *data,
                 gboolean    final,
                 gpointer    user_data)
{
  Replay *replay = user_data;

  mcp_http_stream_write_event (replay->stream, event_id, "message", data, -1);
  replay->n_events++;
  replay->saw_final |= final;
}

/* A GET without `Last-Event-ID`: the session's stream for messages that
 * belong to no request. What was sent while no such stream was open comes
 * first. */
void
mcp_http_session_open_standalone (McpHttpSession *self,
                                  McpHttpStream  *stream)
{
  Replay replay = { stream, 0, FALSE };
  guint64 last = 0;

  if (mcp_http_stream_is_open (self->standalone))
    {
      mcp_http_stream_respond_error (stream, SOUP_STATUS_CONFLICT, NULL,
                                     MCP_HTTP_ERROR_BAD_REQUEST,
                                     "Conflict: the session already has an open GET stream");
      return;
    }

  set_session_header (self, stream);
  attach_standalone (self, stream);
  mcp_http_stream_start_sse (stream);

  if (mcp_http_session_wants_priming (self))
    {
      g_autofree char *id = mcp_http_event_store_append (self->events, 0, NULL, FALSE);

      mcp_http_stream_write_event (stream, id, NULL, "", self->retry_ms);
    }

  /* Messages too old to be kept are lost; what is left still comes. */
  if (mcp_http_event_store_replay (self->events, 0, self->standalone_delivered, TRUE,
                                   replay_event_cb, &replay, &last))
    self->standalone_delivered = last;
}

/* A GET with `Last-Event-ID`: the rest of the stream that event belongs
 * to, then, if its request is still running, what it sends next. */
void
mcp_http_session_resume (McpHttpSession *self,
                         McpHttpStream  *stream,
                         const char     *last_event_id)
{
  Replay replay = { stream, 0, FALSE };
  McpHttpExchange *exchange = NULL;
  guint64 stream_id;
  guint64 sequence;
  guint64 last = 0;

  if (!mcp_http_event_parse_id (last_event_id, &stream_id, &sequence) ||
      !mcp_http_event_store_has_stream (self->events, stream_id))
    {
      mcp_http_stream_respond_error (stream, SOUP_STATUS_BAD_REQUEST, NULL,
                                     MCP_HTTP_ERROR_BAD_REQUEST,
                                     "Bad Request: unknown Last-Event-ID");
      return;
    }

  if (stream_id == 0)
    {
      if (mcp_http_stream_is_open (self->standalone))
        {
          mcp_http_stream_respond_error (stream, SOUP_STATUS_CONFLICT, NULL,
                                         MCP_HTTP_ERROR_BAD_REQUEST,
                                         "Conflict: the stream already has an open connection");
          return;
        }
    }
  else
    {
      exchange = g_hash_table_lookup (self->exchanges, &stream_id);
      if (exchange != NULL && mcp_http_stream_is_open (exchange->stream))
        {
          mcp_http_stream_respond_error (stream, SOUP_STATUS_CONFLICT, NULL,
                                         MCP_HTTP_ERROR_BAD_REQUEST,
                                         "Conflict: the stream already has an open connection");
          return;
        }
    }

  set_session_header (self, stream);

  if (!mcp_http_event_store_replay (self->events, stream_id, sequence, FALSE,
                                    replay_event_cb, &replay, &last))
    {
      mcp_http_stream_respond_error (stream, SOUP_STATUS_BAD_REQUEST, NULL,
                                     MCP_HTTP_ERROR_BAD_REQUEST,
                                     "Bad Request: the events after Last-Event-ID are no longer "
                                     "available");
      return;
    }

  mcp_http_stream_start_sse (stream);

  if (stream_id == 0)
    {
      attach_standalone (self, stream);
      self->standalone_delivered = MAX (self->standalone_delivered, last);
      return;
    }

  if (exchange != NULL && !exchange->finished && !replay.saw_final)
    {
      /* The request still runs: what it sends from now on comes here. */
      exchange->stream = mcp_http_stream_ref (stream);
      exchange->resumable = TRUE;
      mcp_http_stream_set_gone_func (stream, exchange_gone_cb, mcp_http_exchange_ref (exchange),
                                     (GDestroyNotify)mcp_http_exchange_unref);
      return;
    }

  mcp_http_stream_end (stream);
}

/* The event stream of an HTTP+SSE (2024-11-05) session: its first event
 * tells the client where to POST. */
void
mcp_http_session_open_sse (McpHttpSession *self,
                           McpHttpStream  *stream,
                           const char     *endpoint)
{
  attach_standalone (self, stream);
  mcp_http_stream_start_sse (stream);
  mcp_http_stream_write_event (stream, NULL, "endpoint", endpoint, -1);
}

/* Exchanges */

McpHttpExchange *
mcp_http_exchange_new (McpHttpSession      *session,
                       McpRequestContext   *context,
                       McpHttpExchangeMode  mode,
                       McpHttpAccept        accept)
{
  McpHttpExchange *self = g_rc_box_new0 (McpHttpExchange);

  self->session = session != NULL ? mcp_http_session_ref (session) : NULL;
  self->context = g_object_ref (context);
  self->mode = mode;
  self->accept = accept;
  self->initialize = g_strcmp0 (mcp_request_context_get_method (context), "initialize") == 0;

  if (mode == MCP_HTTP_EXCHANGE_LEGACY_STREAM)
    {
      guint64 *key = g_new (guint64, 1);

      g_assert (session != NULL && session->events != NULL);

      self->stream_id = mcp_http_event_store_new_stream (session->events);
      *key = self->stream_id;
      g_hash_table_insert (session->exchanges, key, mcp_http_exchange_ref (self));
    }

  g_object_set_qdata (G_OBJECT (context), exchange_quark (), self);

  return self;
}

McpHttpExchange *
mcp_http_exchange_ref (McpHttpExchange *self)
{
  return g_rc_box_acquire (self);
}

static void
mcp_http_exchange_clear (McpHttpExchange *self)
{
  if (g_object_get_qdata (G_OBJECT (self->context), exchange_quark ()) == self)
    g_object_set_qdata (G_OBJECT (self->context), exchange_quark (), NULL);

  g_clear_pointer (&self->stream, mcp_http_stream_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->session, mcp_http_session_unref);
}

void
mcp_http_exchange_unref (McpHttpExchange *self)
{
  g_rc_box_release_full (self, (GDestroyNotify)mcp_http_exchange_clear);
}

McpHttpExchange *
mcp_http_exchange_for_context (McpRequestContext *context)
{
  return g_object_get_qdata (G_OBJECT (context), exchange_quark ());
}

/* Forgets the current connection; the request goes on. */
static void
mcp_http_exchange_detach (McpHttpExchange *self)
{
  g_autoptr(McpHttpStream) stream = g_steal_pointer (&self->stream);

  if (stream != NULL)
    mcp_http_stream_set_gone_func (stream, NULL, NULL, NULL);
}

static void
exchange_gone_cb (McpHttpStream *stream,
                  gpointer       user_data)
{
  McpHttpExchange *self = user_data;

  if (self->stream == stream)
    g_clear_pointer (&self->stream, mcp_http_stream_unref);

  /* On modern Streamable HTTP, closing the stream is how a client
   * cancels. A legacy request goes on: its client may come back for the
   * rest with Last-Event-ID, or cancel with notifications/cancelled. */
  if (self->mode == MCP_HTTP_EXCHANGE_MODERN && !self->finished)
    mcp_request_context_cancel (self->context);
}

/* Sends the first things a new response needs: the session header, and
 * for a resumable stream the start of the event stream with its priming
 * event. */
void
mcp_http_exchange_attach (McpHttpExchange *self,
                          McpHttpStream   *stream)
{
  g_assert (self->stream == NULL);

  self->stream = mcp_http_stream_ref (stream);
  mcp_http_stream_set_gone_func (stream, exchange_gone_cb, mcp_http_exchange_ref (self),
                                 (GDestroyNotify)mcp_http_exchange_unref);

  if (self->session != NULL)
    set_session_header (self->session, stream);

  if (self->mode == MCP_HTTP_EXCHANGE_LEGACY_STREAM)
    {
      mcp_http_stream_start_sse (stream);

      if (mcp_http_session_wants_priming (self->session))
        {
          g_autofree char *id = mcp_http_event_store_append (self->session->events,
                                                             self->stream_id, NULL, FALSE);

          mcp_http_stream_write_event (stream, id, NULL, "", self->session->retry_ms);
          self->resumable = TRUE;
        }
    }
}

/* The HTTP status of a modern JSON answer: errors the specification ties
 * to a status get it; errors of the handler stay in-band. */
static guint
modern_status_for (JsonNode *message)
{
  JsonObject *error = mcp_json_get_object (json_node_get_object (message), "error");
  JsonNode *code = mcp_json_get_member (error, "code");

  if (!mcp_json_node_is_integer (code))
    return SOUP_STATUS_OK;

  switch (json_node_get_int (code))
    {
    case MCP_ERROR_METHOD_NOT_FOUND:
      return SOUP_STATUS_NOT_FOUND;

    case MCP_ERROR_PARSE_ERROR:
    case MCP_ERROR_INVALID_REQUEST:
    case MCP_ERROR_HEADER_MISMATCH:
    case MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY:
    case MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION:
      return SOUP_STATUS_BAD_REQUEST;

    default:
      return SOUP_STATUS_OK;
    }
}

static void
exchange_send_modern (McpHttpExchange *self,
                      JsonNode        *message,
                      const char      *text,
                      gboolean         final)
{
  McpHttpStream *stream = self->stream;
  g_autofree char *data = NULL;

  if (!mcp_http_stream_is_open (stream))
    return;

  if (!mcp_http_stream_is_sse (stream))
    {
      /* The answer is all there is: one JSON body. */
      if (final && ((self->accept & MCP_HTTP_ACCEPT_JSON) || !(self->accept & MCP_HTTP_ACCEPT_SSE)))
        {
          if (text != NULL)
            mcp_http_stream_respond_text (stream, SOUP_STATUS_OK, text);
          else
            mcp_http_stream_respond (stream, modern_status_for (message), message);
          return;
        }

      /* A client that takes no event stream misses the notifications. */
      if (!(self->accept & MCP_HTTP_ACCEPT_SSE))
        return;

      mcp_http_stream_start_sse (stream);
    }

  data = message_text (message, text);
  mcp_http_stream_write_event (stream, NULL, "message", data, -1);
  if (final)
    mcp_http_stream_end (stream);
}

static void
exchange_send_legacy_stream (McpHttpExchange *self,
                             JsonNode        *message,
                             const char      *text,
                             gboolean         final)
{
  g_autofree char *data = message_text (message, text);
  g_autofree char *id = NULL;

  if (self->session->closed)
    return;

  id = mcp_http_event_store_append (self->session->events, self->stream_id, data, final);
  if (mcp_http_stream_is_open (self->stream))
    {
      mcp_http_stream_write_event (self->stream, id, "message", data, -1);
      self->resumable = TRUE;
    }

  if (final)
    {
      guint64 key = self->stream_id;

      if (self->stream != NULL)
        {
          g_autoptr(McpHttpStream) stream = mcp_http_stream_ref (self->stream);

          mcp_http_exchange_detach (self);
          mcp_http_stream_end (stream);
        }

      /* The events stay in the store for a client that comes back. */
      g_hash_table_remove (self->session->exchanges, &key);
    }
}

static void
exchange_send_legacy_json (McpHttpExchange *self,
                           JsonNode        *message,
                           const char      *text,
                           gboolean         final)
{
  if (!final)
    {
      /* No event stream on this request: what comes before the answer
       * goes on the session's GET stream. */
      mcp_http_session_send (message, text, FALSE, self->session);
      return;
    }

  if (self->initialize && message != NULL &&
      json_object_has_member (json_node_get_object (message), "error"))
    {
      /* A failed initialize opens no session. */
      if (mcp_http_stream_is_open (self->stream))
        soup_message_headers_remove (mcp_http_stream_get_response_headers (self->stream),
                                     MCP_HTTP_HEADER_SESSION_ID);
      mcp_http_session_close (self->session);
    }

  if (text != NULL)
    mcp_http_stream_respond_text (self->stream, SOUP_STATUS_OK, text);
  else
    mcp_http_stream_respond (self->stream, SOUP_STATUS_OK, message);
}

/* The McpSendFunc of a dispatched request. */
void
mcp_http_exchange_send (JsonNode   *message,
                        const char *text,
                        gboolean    final,
                        gpointer    user_data)
{
  McpHttpExchange *self = user_data;

  if (self->finished)
    return;

  mcp_http_exchange_ref (self);

  if (final)
    self->finished = TRUE;

  switch (self->mode)
    {
    case MCP_HTTP_EXCHANGE_MODERN:
      exchange_send_modern (self, message, text, final);
      break;

    case MCP_HTTP_EXCHANGE_LEGACY_STREAM:
      exchange_send_legacy_stream (self, message, text, final);
      break;

    case MCP_HTTP_EXCHANGE_LEGACY_JSON:
    default:
      exchange_send_legacy_json (self, message, text, final);
      break;
    }

  mcp_http_exchange_unref (self);
}

/* Ends the connection of a resumable request stream while the request
 * goes on: the client reconnects with `Last-Event-ID` (SSE polling). */
gboolean
mcp_http_exchange_close_stream (McpHttpExchange *self)
{
  g_autoptr(McpHttpStream) stream = NULL;

  if (self->mode != MCP_HTTP_EXCHANGE_LEGACY_STREAM || self->finished ||
      !self->resumable || !mcp_http_stream_is_open (self->stream))
    return FALSE;

  stream = mcp_http_stream_ref (self->stream);
  mcp_http_exchange_detach (self);
  mcp_http_stream_end (stream);

  return TRUE;
}
