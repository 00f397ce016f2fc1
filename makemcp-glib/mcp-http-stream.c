/* mcp-http-stream.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "mcp-http-stream-private.h"
#include "mcp-http-util-private.h"
#include "mcp-json-private.h"

struct _McpHttpStream
{
  SoupServerMessage *message;          /* until libsoup finishes it */
  GMainContext      *context;
  GSource           *socket_source;
  GSource           *keep_alive_source;
  gulong             finished_id;
  guint              keep_alive_ms;
  GString           *held_body;        /* what was written while held */

  McpHttpStreamFunc  gone_func;
  gpointer           gone_data;
  GDestroyNotify     gone_destroy;
  McpHttpStreamFunc  release_func;
  gpointer           release_data;

  guint              sse : 1;
  guint              ended : 1;        /* we completed the response */
  guint              gone : 1;         /* the client went away first */
  guint              finished : 1;     /* libsoup is done with the message */
  guint              released : 1;
  guint              held : 1;         /* nothing goes out until released */
  guint              unpause_held : 1; /* and then, libsoup has work */
};

static void
mcp_http_stream_stop_sources (McpHttpStream *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
  if (self->keep_alive_source != NULL)
    {
      g_source_destroy (self->keep_alive_source);
      g_clear_pointer (&self->keep_alive_source, g_source_unref);
    }
}

static void
mcp_http_stream_release (McpHttpStream *self)
{
  McpHttpStreamFunc func = self->release_func;

  if (self->released)
    return;

  self->released = TRUE;
  self->release_func = NULL;
  if (func != NULL)
    func (self, self->release_data);
}

static void
mcp_http_stream_clear_gone_func (McpHttpStream *self)
{
  GDestroyNotify destroy = self->gone_destroy;
  gpointer data = self->gone_data;

  self->gone_func = NULL;
  self->gone_data = NULL;
  self->gone_destroy = NULL;
  if (destroy != NULL)
    destroy (data);
}

static void
mcp_http_stream_unpause (McpHttpStream *self)
{
  if (self->held)
    self->unpause_held = TRUE;
  else if (!self->finished && self->message != NULL)
    soup_server_message_unpause (self->message);
}

/* The end of an event stream's body; held, it comes at the release. */
static void
mcp_http_stream_complete_body (McpHttpStream *self)
{
  if (!self->held)
    soup_message_body_complete (soup_server_message_get_response_body (self->message));
}

/* The client went away before the response was complete, or the server
 * is shutting down (@status is then the answer for a response not yet
 * started). */
static void
mcp_http_stream_mark_gone_full (McpHttpStream *self,
                                guint          status)
{
  if (self->gone || self->ended)
    return;

  mcp_http_stream_ref (self);

  self->gone = TRUE;
  mcp_http_stream_stop_sources (self);

  if (self->gone_func != NULL)
    self->gone_func (self, self->gone_data);
  mcp_http_stream_clear_gone_func (self);
  mcp_http_stream_release (self);

  /* Let libsoup find out too and let go of the message; what it writes
   * can no longer arrive anywhere. */
  if (!self->finished)
    {
      if (self->sse)
        mcp_http_stream_complete_body (self);
      else if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        mcp_http_respond_error (self->message, status, NULL, MCP_HTTP_ERROR_BAD_REQUEST,
                                "Service unavailable: the server is shutting down");
      else
        soup_server_message_set_status (self->message, status, NULL);
      mcp_http_stream_unpause (self);
    }

  mcp_http_stream_unref (self);
}

static void
mcp_http_stream_mark_gone (McpHttpStream *self)
{
  mcp_http_stream_mark_gone_full (self, SOUP_STATUS_INTERNAL_SERVER_ERROR);
}

/* Ends the response because the server stops serving: whoever waits on it
 * hears that the client is gone. */
void
mcp_http_stream_abort (McpHttpStream *self)
{
  mcp_http_stream_mark_gone_full (self, SOUP_STATUS_SERVICE_UNAVAILABLE);
}

static void
mcp_http_stream_finished_cb (SoupServerMessage *message,
                             McpHttpStream     *self)
{
  mcp_http_stream_ref (self);

  self->finished = TRUE;
  g_clear_signal_handler (&self->finished_id, message);

  /* Finished before we completed it: libsoup failed to write. */
  if (!self->ended)
    mcp_http_stream_mark_gone (self);

  mcp_http_stream_stop_sources (self);
  g_clear_object (&self->message);

  mcp_http_stream_unref (self);
}

/* The connection became readable while we hold its response: either the
 * client closed it (end of input, or an error), or it sent more data,
 * which we leave to libsoup. */
static gboolean
mcp_http_stream_socket_cb (GSocket      *socket,
                           GIOCondition  condition,
                           gpointer      user_data)
{
  McpHttpStream *self = user_data;
  char byte;
  ssize_t n;

  n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) &&
      (condition & (G_IO_HUP | G_IO_ERR)) == 0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->socket_source, g_source_unref);

  if (n > 0)
    return G_SOURCE_REMOVE;

  mcp_http_stream_mark_gone (self);
  return G_SOURCE_REMOVE;
}

static gboolean
mcp_http_stream_keep_alive_cb (gpointer user_data)
{
  McpHttpStream *self = user_data;

  mcp_http_stream_write_comment (self, "keep-alive");
  return G_SOURCE_CONTINUE;
}

/* Watches the connection, to find out when the client goes away. */
static void
mcp_http_stream_watch_client (McpHttpStream *self)
{
  GSocket *socket = soup_server_message_get_socket (self->message);

  /* HTTP/2 multiplexes many requests on one socket: there, only writes
   * tell a gone client. */
  if (socket != NULL && soup_server_message_get_http_version (self->message) < SOUP_HTTP_2_0)
    {
      self->socket_source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (self->socket_source, G_SOURCE_FUNC (mcp_http_stream_socket_cb),
                             self, NULL);
      g_source_set_static_name (self->socket_source, "[makemcp-glib] HTTP client watch");
      g_source_attach (self->socket_source, self->context);
    }
}

/* With @held, nothing is sent and the connection is not watched until
 * mcp_http_stream_release_hold(): a request its handler answers at once
 * then goes out as one complete response, and costs no watch. */
McpHttpStream *
mcp_http_stream_new (SoupServerMessage *message,
                     guint              keep_alive_ms,
                     gboolean           held)
{
  McpHttpStream *self = g_rc_box_new0 (McpHttpStream);

  self->message = g_object_ref (message);
  self->context = g_main_context_ref_thread_default ();
  self->keep_alive_ms = keep_alive_ms;
  self->held = held;

  soup_server_message_pause (message);
  self->finished_id = g_signal_connect (message, "finished",
                                        G_CALLBACK (mcp_http_stream_finished_cb), self);
  if (!held)
    mcp_http_stream_watch_client (self);

  return self;
}

McpHttpStream *
mcp_http_stream_ref (McpHttpStream *self)
{
  return g_rc_box_acquire (self);
}

static void
mcp_http_stream_clear (McpHttpStream *self)
{
  mcp_http_stream_stop_sources (self);
  if (self->message != NULL)
    g_clear_signal_handler (&self->finished_id, self->message);
  g_clear_object (&self->message);
  mcp_http_stream_clear_gone_func (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  if (self->held_body != NULL)
    g_string_free (self->held_body, TRUE);
}

void
mcp_http_stream_unref (McpHttpStream *self)
{
  g_rc_box_release_full (self, (GDestroyNotify)mcp_http_stream_clear);
}

void
mcp_http_stream_set_gone_func (McpHttpStream     *self,
                               McpHttpStreamFunc  func,
                               gpointer           user_data,
                               GDestroyNotify     destroy)
{
  mcp_http_stream_clear_gone_func (self);
  self->gone_func = func;
  self->gone_data = user_data;
  self->gone_destroy = destroy;
}

void
mcp_http_stream_set_release_func (McpHttpStream     *self,
                                  McpHttpStreamFunc  func,
                                  gpointer           user_data)
{
  self->release_func = func;
  self->release_data = user_data;
}

SoupMessageHeaders *
mcp_http_stream_get_response_headers (McpHttpStream *self)
{
  return self->message != NULL ? soup_server_message_get_response_headers (self->message) : NULL;
}

gboolean
mcp_http_stream_is_open (McpHttpStream *self)
{
  return self != NULL && !self->ended && !self->gone && !self->finished;
}

gboolean
mcp_http_stream_is_sse (McpHttpStream *self)
{
  return self->sse;
}

static void
mcp_http_stream_complete (McpHttpStream *self)
{
  self->ended = TRUE;
  mcp_http_stream_stop_sources (self);
  mcp_http_stream_clear_gone_func (self);
  mcp_http_stream_unpause (self);
  mcp_http_stream_release (self);
}

/* Answers with one JSON body and ends the response. */
void
mcp_http_stream_respond (McpHttpStream *self,
                         guint          status,
                         JsonNode      *body)
{
  if (!mcp_http_stream_is_open (self) || self->sse)
    return;

  if (body != NULL)
    mcp_http_respond_json (self->message, status, body);
  else
    soup_server_message_set_status (self->message, status, NULL);

  mcp_http_stream_complete (self);
}

/* Like mcp_http_stream_respond(), with the body already written. */
void
mcp_http_stream_respond_text (McpHttpStream *self,
                              guint          status,
                              const char    *body)
{
  if (!mcp_http_stream_is_open (self) || self->sse)
    return;

  soup_server_message_set_status (self->message, status, NULL);
  soup_server_message_set_response (self->message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  mcp_http_stream_complete (self);
}

void
mcp_http_stream_respond_error (McpHttpStream *self,
                               guint          status,
                               JsonNode      *id,
                               int            code,
                               const char    *text)
{
  if (!mcp_http_stream_is_open (self) || self->sse)
    return;

  mcp_http_respond_error (self->message, status, id, code, text);
  mcp_http_stream_complete (self);
}

static void
mcp_http_stream_start_keep_alive (McpHttpStream *self)
{
  if (self->keep_alive_ms == 0 || self->keep_alive_source != NULL)
    return;

  self->keep_alive_source = g_timeout_source_new (self->keep_alive_ms);
  g_source_set_callback (self->keep_alive_source, mcp_http_stream_keep_alive_cb, self, NULL);
  g_source_set_static_name (self->keep_alive_source, "[makemcp-glib] SSE keep-alive");
  g_source_attach (self->keep_alive_source, self->context);
}

/* An event stream that goes on past its first write: events leave as
 * chunks, at once, with keep-alives in between. */
static void
mcp_http_stream_start_chunks (McpHttpStream *self)
{
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (self->message),
                                     SOUP_ENCODING_CHUNKED);
  mcp_http_stream_start_keep_alive (self);
}

/* Starts a `text/event-stream` response. Held, it may still end before
 * its release, and then leaves in one piece, as an ordinary body whose
 * Content-Length libsoup sets. */
void
mcp_http_stream_start_sse (McpHttpStream *self)
{
  SoupMessageHeaders *headers;

  if (!mcp_http_stream_is_open (self) || self->sse)
    return;

  self->sse = TRUE;

  headers = soup_server_message_get_response_headers (self->message);
  soup_server_message_set_status (self->message, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (headers, "Content-Type", "text/event-stream");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache, no-transform");
  /* Reverse proxies such as nginx must pass events on at once. */
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");

  /* Written chunks are dropped instead of piling up for the message's
   * lifetime. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (self->message), FALSE);

  if (!self->held)
    mcp_http_stream_start_chunks (self);

  mcp_http_stream_unpause (self);
}

/* Where the next event is written: what is held back, or a new chunk. */
static GString *
mcp_http_stream_begin_text (McpHttpStream *self,
                            gsize          size)
{
  if (!self->held)
    return g_string_sized_new (size);

  if (self->held_body == NULL)
    self->held_body = g_string_sized_new (size + 256);
  return self->held_body;
}

/* Sends @text, from mcp_http_stream_begin_text(), as a chunk. */
static void
mcp_http_stream_end_text (McpHttpStream *self,
                          GString       *text)
{
  gsize length = text->len;

  if (text == self->held_body)
    return;

  soup_message_body_append (soup_server_message_get_response_body (self->message),
                            SOUP_MEMORY_TAKE, g_string_free (text, FALSE), length);
  mcp_http_stream_unpause (self);
}

/* One SSE event. Every line of @data becomes a `data:` field, so the
 * framing holds whatever the text contains. */
void
mcp_http_stream_write_event (McpHttpStream *self,
                             const char    *id,
                             const char    *event,
                             const char    *data,
                             int            retry_ms)
{
  GString *text;
  const char *line;

  if (!mcp_http_stream_is_open (self))
    return;

  if (!self->sse)
    mcp_http_stream_start_sse (self);

  text = mcp_http_stream_begin_text (self, 64 + (data != NULL ? strlen (data) : 0));
  if (event != NULL)
    {
      g_string_append (text, "event: ");
      g_string_append (text, event);
      g_string_append_c (text, '\n');
    }
  if (id != NULL)
    {
      g_string_append (text, "id: ");
      g_string_append (text, id);
      g_string_append_c (text, '\n');
    }
  if (retry_ms >= 0)
    {
      g_string_append (text, "retry: ");
      mcp_json_append_int (text, retry_ms);
      g_string_append_c (text, '\n');
    }

  line = data != NULL ? data : "";
  for (;;)
    {
      const char *newline = strpbrk (line, "\r\n");

      g_string_append (text, "data: ");
      if (newline == NULL)
        {
          g_string_append (text, line);
          g_string_append_c (text, '\n');
          break;
        }
      g_string_append_len (text, line, newline - line);
      g_string_append_c (text, '\n');
      line = newline + (newline[0] == '\r' && newline[1] == '\n' ? 2 : 1);
    }
  g_string_append_c (text, '\n');

  mcp_http_stream_end_text (self, text);
}

/* A comment line, which every SSE client ignores: a keep-alive. */
void
mcp_http_stream_write_comment (McpHttpStream *self,
                               const char    *comment)
{
  GString *text;

  if (!mcp_http_stream_is_open (self) || !self->sse)
    return;

  text = mcp_http_stream_begin_text (self, strlen (comment) + 4);
  g_string_append (text, ": ");
  g_string_append (text, comment);
  g_string_append (text, "\n\n");
  mcp_http_stream_end_text (self, text);
}

/* Ends the response: the last chunk of an SSE stream. */
void
mcp_http_stream_end (McpHttpStream *self)
{
  if (!mcp_http_stream_is_open (self))
    return;

  if (self->sse)
    mcp_http_stream_complete_body (self);
  else if (soup_server_message_get_status (self->message) == 0)
    soup_server_message_set_status (self->message, SOUP_STATUS_NO_CONTENT, NULL);

  mcp_http_stream_complete (self);
}

/* Sends what was held back. An event stream that already ended goes out
 * in one piece (see mcp_http_stream_start_sse()); one that goes on
 * continues in chunks, and the connection is watched from now on. */
void
mcp_http_stream_release_hold (McpHttpStream *self)
{
  SoupMessageBody *body;

  if (!self->held)
    return;

  self->held = FALSE;
  if (self->finished || self->message == NULL)
    return;

  body = soup_server_message_get_response_body (self->message);
  if (self->sse && mcp_http_stream_is_open (self))
    mcp_http_stream_start_chunks (self);
  if (self->held_body != NULL)
    {
      gsize length = self->held_body->len;

      soup_message_body_append (body, SOUP_MEMORY_TAKE,
                                g_string_free (g_steal_pointer (&self->held_body), FALSE), length);
    }
  if (self->sse && (self->ended || self->gone))
    soup_message_body_complete (body);
  else if (mcp_http_stream_is_open (self))
    mcp_http_stream_watch_client (self);

  if (self->unpause_held)
    mcp_http_stream_unpause (self);
}
