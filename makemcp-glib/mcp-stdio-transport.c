/* mcp-stdio-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib-unix.h>

#include <gio/gfiledescriptorbased.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-server-private.h"
#include "mcp-stdio-transport.h"

/**
 * McpStdioTransport:
 *
 * Serves MCP as newline-delimited JSON over a pair of streams: standard
 * input and output by default ([ctor@Mcp.StdioTransport.new]), or any
 * [class@Gio.InputStream] and [class@Gio.OutputStream] such as pipes and
 * sockets ([ctor@Mcp.StdioTransport.new_for_streams]).
 *
 * Input is read asynchronously on the main loop and every message is
 * handled as soon as it is complete, so a slow asynchronous tool never
 * holds up the answers to other requests. Output is queued and written one
 * message after the other, never interleaved. A line longer than
 * [property@Mcp.Server:max-message-size] is answered with an error and
 * skipped, and the connection goes on. While the client does not read its
 * answers and the output queue grows past a bound, the transport stops
 * reading new requests until the queue drains.
 *
 * At the end of input, requests in flight are cancelled, pending output is
 * written and [signal@Mcp.Transport::closed] is emitted.
 *
 * Input is read again once the lines already read have been handled: a
 * handler, or a signal handler, must never wait for the client's next
 * message in a nested main loop (the message would not be read until it
 * returns). Wait asynchronously instead, as every API of the library
 * does.
 *
 * A client that goes away while the server writes to a pipe would kill
 * the process with `SIGPIPE`: when the transport starts and the signal
 * still has its default disposition, it ignores the signal, and a write to
 * a closed pipe is an error like any other. An application that handles
 * `SIGPIPE` itself keeps its handler.
 */

#define READ_CHUNK_SIZE      (64 * 1024)
#define OUTPUT_HIGH_WATER    (16 * 1024 * 1024)
#define OUTPUT_LOW_WATER     (4 * 1024 * 1024)
#define OUTPUT_KEEP          (256 * 1024) /* a buffer kept for reuse */

struct _McpStdioTransport
{
  McpTransport     parent_instance;

  GInputStream    *input_stream;
  GSource         *read_source;      /* waiting for the input fd to be readable */
  GOutputStream   *output;
  McpSession      *session;
  GCancellable    *cancellable;
  McpJsonCache    *json_cache;      /* what the parser keeps between messages */

  GByteArray      *input;           /* what was read and not handled yet */
  gsize            scanned;         /* bytes of it known to hold no newline */
  GString         *pending;         /* answers not being written yet */
  GString         *writing;         /* answers being written */
  gsize            n_written;       /* bytes of @writing written so far */
  GSource         *flush_source;    /* an idle that writes what this iteration queued */
  gint64           flushed_at;      /* the main loop iteration of the last write */

  guint            reading : 1;
  guint            in_readable : 1;  /* in mcp_stdio_transport_readable_cb() */
  guint            in_batch : 1;     /* handling the lines of a read: answers wait */
  guint            last_line : 1;    /* handling the last of them */
  guint            writing_active : 1;
  guint            discarding : 1;   /* skipping the rest of an oversized line */
  guint            paused : 1;
  guint            input_done : 1;
  guint            closing : 1;
};

G_DEFINE_FINAL_TYPE (McpStdioTransport, mcp_stdio_transport, MCP_TYPE_TRANSPORT)

static void mcp_stdio_transport_read    (McpStdioTransport *self);
static void mcp_stdio_transport_stop_reading (McpStdioTransport *self);
static void mcp_stdio_transport_process (McpStdioTransport *self);
static void mcp_stdio_transport_flush  (McpStdioTransport *self);
static void mcp_stdio_transport_flush_soon (McpStdioTransport *self);
static void mcp_stdio_transport_finish (McpStdioTransport *self,
                                        const GError      *error);

static void
mcp_stdio_transport_dispose (GObject *object)
{
  McpStdioTransport *self = (McpStdioTransport *)object;

  if (self->session != NULL)
    {
      McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));

      if (server != NULL)
        mcp_server_remove_session (server, self->session);
      mcp_session_close (self->session);
      g_clear_pointer (&self->session, mcp_session_unref);
    }

  mcp_stdio_transport_stop_reading (self);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  g_clear_object (&self->input_stream);
  g_clear_object (&self->output);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_stdio_transport_parent_class)->dispose (object);
}

static void
mcp_stdio_transport_finalize (GObject *object)
{
  McpStdioTransport *self = (McpStdioTransport *)object;

  g_clear_pointer (&self->input, g_byte_array_unref);
  g_clear_pointer (&self->json_cache, mcp_json_cache_free);
  g_string_free (self->pending, TRUE);
  g_string_free (self->writing, TRUE);

  G_OBJECT_CLASS (mcp_stdio_transport_parent_class)->finalize (object);
}

/* Where the core delivers every message of this connection. */
static void
mcp_stdio_transport_send (JsonNode   *message,
                          const char *text,
                          gboolean    final,
                          gpointer    user_data)
{
  McpStdioTransport *self = user_data;

  if (self->closing && self->output == NULL)
    return;

  /* Written straight into the buffer that goes out next. */
  if (text != NULL)
    g_string_append (self->pending, text);
  else
    mcp_json_append (self->pending, message);
  g_string_append_c (self->pending, '\n');

  /* The answers to the lines of one read go out together, as soon as
   * the last of them has its answer (one write() for all, as the
   * ceiling program does); freeing what that request used comes after,
   * while the answers travel. */
  if (!self->in_batch)
    mcp_stdio_transport_flush_soon (self);
  else if (self->last_line && final)
    mcp_stdio_transport_flush (self);
}

static gboolean
mcp_stdio_transport_flush_cb (gpointer user_data)
{
  McpStdioTransport *self = user_data;

  g_clear_pointer (&self->flush_source, g_source_unref);
  self->flushed_at = g_source_get_time (g_main_current_source ());
  mcp_stdio_transport_flush (self);
  return G_SOURCE_REMOVE;
}

/* A message sent outside the handling of input (an asynchronous handler
 * finishing): the first of a main loop iteration is written at once;
 * those that follow in the same iteration (10,000 timers that expire
 * together) wait for an idle and go out together. */
static void
mcp_stdio_transport_flush_soon (McpStdioTransport *self)
{
  GSource *current = g_main_current_source ();
  gint64 iteration;

  if (self->flush_source != NULL)
    return;

  iteration = current != NULL ? g_source_get_time (current) : 0;
  if (current == NULL || iteration != self->flushed_at)
    {
      self->flushed_at = iteration;
      mcp_stdio_transport_flush (self);
      return;
    }

  self->flush_source = g_idle_source_new ();
  g_source_set_callback (self->flush_source, mcp_stdio_transport_flush_cb,
                         g_object_ref (self), g_object_unref);
  g_source_set_static_name (self->flush_source, "[makemcp-glib] stdio output batch");
  g_source_attach (self->flush_source, g_main_context_get_thread_default ());
}

/* The bytes of answers the client has not read yet. */
static gsize
mcp_stdio_transport_queued (McpStdioTransport *self)
{
  return self->pending->len + (self->writing_active ? self->writing->len - self->n_written : 0);
}

/* Empties @buffer for reuse, unless a large answer made it large. */
static void
mcp_stdio_transport_reset_buffer (GString **buffer)
{
  if ((*buffer)->allocated_len > OUTPUT_KEEP)
    {
      g_string_free (*buffer, TRUE);
      *buffer = g_string_sized_new (4096);
    }
  else
    g_string_truncate (*buffer, 0);
}

/* The answers being written are out, or @error says why not. */
static void
mcp_stdio_transport_written (McpStdioTransport *self,
                             const GError      *error)
{
  self->writing_active = FALSE;
  mcp_stdio_transport_reset_buffer (&self->writing);

  if (error != NULL)
    {
      /* The client is gone: nothing we send can arrive any more. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Writing to the client failed: %s", error->message);
      mcp_stdio_transport_reset_buffer (&self->pending);
      g_clear_object (&self->output);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mcp_stdio_transport_finish (self, NULL);
      else
        mcp_stdio_transport_finish (self, error);
      return;
    }

  if (self->paused && self->pending->len <= OUTPUT_LOW_WATER)
    {
      self->paused = FALSE;
      mcp_stdio_transport_process (self);
    }

  mcp_stdio_transport_flush (self);
}

static void
mcp_stdio_transport_write_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(McpStdioTransport) self = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);
  mcp_stdio_transport_written (self, error);
}

static gboolean mcp_stdio_transport_write_ready_cb (int           fd,
                                                    GIOCondition  condition,
                                                    gpointer      user_data);

/* Writes what it can of the answers to the stream's file descriptor
 * without blocking, and waits for it to be writable for the rest: one
 * write() for all the answers of a read, with no GTask. */
static void
mcp_stdio_transport_write_fd (McpStdioTransport *self)
{
  int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (self->output));

  while (self->n_written < self->writing->len)
    {
      ssize_t written = write (fd, self->writing->str + self->n_written,
                               self->writing->len - self->n_written);

      if (written < 0)
        {
          int saved_errno = errno;
          g_autoptr(GError) error = NULL;
          g_autoptr(GSource) source = NULL;

          if (saved_errno == EINTR)
            continue;

          if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK)
            {
              source = g_unix_fd_source_new (fd, G_IO_OUT | G_IO_ERR | G_IO_HUP);
              g_source_set_callback (source, G_SOURCE_FUNC (mcp_stdio_transport_write_ready_cb),
                                     g_object_ref (self), g_object_unref);
              g_source_set_static_name (source, "[makemcp-glib] stdio output");
              g_source_attach (source, g_main_context_get_thread_default ());
              return;
            }

          error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "Error writing to file descriptor: %s", g_strerror (saved_errno));
          mcp_stdio_transport_written (self, error);
          return;
        }

      self->n_written += (gsize)written;
    }

  mcp_stdio_transport_written (self, NULL);
}

static gboolean
mcp_stdio_transport_write_ready_cb (int           fd,
                                    GIOCondition  condition,
                                    gpointer      user_data)
{
  McpStdioTransport *self = user_data;

  if (self->output != NULL && self->writing_active)
    mcp_stdio_transport_write_fd (self);
  return G_SOURCE_REMOVE;
}

static void
mcp_stdio_transport_flush (McpStdioTransport *self)
{
  if (self->writing_active || self->output == NULL)
    return;

  if (self->pending->len == 0)
    {
      if (self->closing)
        mcp_stdio_transport_finish (self, NULL);
      return;
    }

  /* What was pending is written while new answers gather in the other
   * buffer. */
  {
    GString *next = self->writing;

    self->writing = self->pending;
    self->pending = next;
  }

  self->writing_active = TRUE;
  self->n_written = 0;
  if (G_IS_FILE_DESCRIPTOR_BASED (self->output))
    mcp_stdio_transport_write_fd (self);
  else
    g_output_stream_write_all_async (self->output, self->writing->str, self->writing->len,
                                     G_PRIORITY_DEFAULT, NULL,
                                     mcp_stdio_transport_write_cb, g_object_ref (self));
}

static void
mcp_stdio_transport_handle_line (McpStdioTransport *self,
                                 const char        *data,
                                 gsize              length)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_autoptr(GError) error = NULL;
  g_auto(McpJsonEnvelope) message = { 0, };

  while (length > 0 && (data[length - 1] == '\r' || data[length - 1] == ' ' ||
                        data[length - 1] == '\t'))
    length--;
  while (length > 0 && (data[0] == ' ' || data[0] == '\t'))
    data++, length--;
  if (length == 0)
    return;

  if (!mcp_json_parse_envelope (data, length, mcp_server_get_max_json_depth (server),
                                self->json_cache, &message, &error))
    {
      mcp_server_send_error (server, NULL, error, mcp_stdio_transport_send, self, NULL);
      return;
    }

  mcp_server_handle_message (server, self->session, &message,
                             mcp_stdio_transport_send, g_object_ref (self), g_object_unref);
}

static void
mcp_stdio_transport_oversized (McpStdioTransport *self)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_autoptr(GError) error = NULL;

  error = g_error_new (MCP_ERROR, MCP_ERROR_INVALID_REQUEST,
                       "Message larger than the limit of %" G_GSIZE_FORMAT " bytes",
                       mcp_server_get_max_message_size (server));
  mcp_server_send_error (server, NULL, error, mcp_stdio_transport_send, self, NULL);
}

/* Handles the complete lines in the input buffer, until the client has
 * read too little of what we answered: then the rest waits, so that a
 * client that does not read cannot make the server hold unbounded output. */
static void
mcp_stdio_transport_process (McpStdioTransport *self)
{
  gsize max_size = mcp_server_get_max_message_size (mcp_transport_get_server (MCP_TRANSPORT (self)));
  gsize start = 0;
  gboolean in_batch = self->in_batch;

  g_object_ref (self);
  self->in_batch = TRUE;

  while (!self->closing && start < self->input->len)
    {
      const guint8 *line = self->input->data + start;
      gsize available = self->input->len - start;
      const guint8 *newline;
      gsize length;

      if (mcp_stdio_transport_queued (self) > OUTPUT_HIGH_WATER)
        {
          self->paused = TRUE;
          break;
        }

      /* Bytes already scanned hold no newline: look only at new ones. */
      newline = memchr (line + self->scanned, '\n', available - self->scanned);
      if (newline == NULL)
        {
          self->scanned = available;

          /* A line longer than the limit: answered once, then skipped. */
          if (available > max_size)
            {
              if (!self->discarding)
                mcp_stdio_transport_oversized (self);
              self->discarding = TRUE;
              start = self->input->len;
              self->scanned = 0;
            }
          break;
        }

      self->scanned = 0;
      length = newline - line;
      if (self->discarding)
        self->discarding = FALSE;
      else if (length > max_size)
        mcp_stdio_transport_oversized (self);
      else
        {
          self->last_line = start + length + 1 == self->input->len;
          mcp_stdio_transport_handle_line (self, (const char *)line, length);
          self->last_line = FALSE;
        }
      start += length + 1;
    }

  if (start > 0 && self->input != NULL)
    g_byte_array_remove_range (self->input, 0, MIN (start, self->input->len));

  self->in_batch = in_batch;
  if (!in_batch)
    mcp_stdio_transport_flush (self);

  if (!self->paused && !self->closing)
    {
      if (self->input_done)
        {
          /* End of input: a last line without a newline still counts. */
          if (self->input->len > 0 && !self->discarding)
            mcp_stdio_transport_handle_line (self, (const char *)self->input->data,
                                             self->input->len);
          g_byte_array_set_size (self->input, 0);
          mcp_transport_close (MCP_TRANSPORT (self));
        }
      else
        mcp_stdio_transport_read (self);
    }

  g_object_unref (self);
}

/* What a read brought: bytes already appended to self->input, the end of
 * input, or an error. */
static void
mcp_stdio_transport_got_input (McpStdioTransport *self,
                               const GError      *error,
                               gboolean           end)
{
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading from the client failed: %s", error->message);
      self->input_done = TRUE;
      mcp_transport_close (MCP_TRANSPORT (self));
      return;
    }

  if (end)
    self->input_done = TRUE;
  mcp_stdio_transport_process (self);
}

static void
mcp_stdio_transport_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(McpStdioTransport) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  gconstpointer data = NULL;

  self->reading = FALSE;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      g_byte_array_append (self->input, data, size);
    }
  mcp_stdio_transport_got_input (self, error, bytes != NULL && size == 0);
}

static gboolean
mcp_stdio_transport_end_cb (gpointer user_data)
{
  mcp_stdio_transport_got_input (user_data, NULL, TRUE);
  return G_SOURCE_REMOVE;
}

/* The input's file descriptor is readable: one read(), which does not
 * block whether or not the descriptor is non-blocking. Cheaper than GIO's
 * asynchronous read, which takes a task, a thread-default source and
 * several polls a message. */
static gboolean
mcp_stdio_transport_readable_cb (int           fd,
                                 GIOCondition  condition,
                                 gpointer      user_data)
{
  McpStdioTransport *self = user_data;
  GSource *source = self->read_source;
  g_autoptr(GError) error = NULL;
  gsize old_length = self->input->len;
  gboolean keep;
  gssize n;

  /* A handler that runs a main loop of its own (a nested iteration)
   * comes back here while the input of the outer call is being handled:
   * stop watching until that is done. */
  if (self->in_readable)
    {
      g_clear_pointer (&self->read_source, g_source_unref);
      self->reading = FALSE;
      return G_SOURCE_REMOVE;
    }

  /* The source stays attached for as long as the transport reads on:
   * attaching a new one and destroying it for every message made GLib
   * wake its own poll() through its eventfd four times a message. */
  g_object_ref (self);
  self->in_readable = TRUE;
  self->reading = FALSE;

  g_byte_array_set_size (self->input, old_length + READ_CHUNK_SIZE);
  do
    n = read (fd, self->input->data + old_length, READ_CHUNK_SIZE);
  while (n < 0 && errno == EINTR);
  g_byte_array_set_size (self->input, old_length + MAX (n, 0));

  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    mcp_stdio_transport_read (self);
  else if (n == 0)
    {
      GSource *idle = g_idle_source_new ();

      /* The end of input closes the transport and drops the requests
       * still running. It comes after the sources attached while the
       * last input was handled (a handler that answers on the next
       * iteration), as it did when every read had a source of its own:
       * the source of the read has been dispatched before them. */
      self->input_done = TRUE;
      g_source_set_callback (idle, mcp_stdio_transport_end_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (idle, "[makemcp-glib] stdio end of input");
      g_source_attach (idle, g_main_context_get_thread_default ());
      g_source_unref (idle);
    }
  else
    {
      if (n < 0)
        error = g_error_new (G_IO_ERROR, g_io_error_from_errno (errno),
                             "Error reading from file descriptor: %s", g_strerror (errno));
      mcp_stdio_transport_got_input (self, error, n == 0);
    }

  /* Reading again (mcp_stdio_transport_read()) keeps the source; anything
   * else (paused, closing, the end of input) removes it. After a nested
   * iteration took the source away, a new one is made if reading is due. */
  self->in_readable = FALSE;
  keep = self->reading && self->read_source == source;
  if (!keep && self->read_source == source)
    g_clear_pointer (&self->read_source, g_source_unref);
  else if (self->read_source == NULL && source != NULL)
    {
      self->reading = FALSE;
      mcp_stdio_transport_read (self);
    }

  g_object_unref (self);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
mcp_stdio_transport_read (McpStdioTransport *self)
{
  if (self->reading || self->input_done || self->closing || self->paused)
    return;

  self->reading = TRUE;
  if (self->read_source != NULL)
    return;   /* in its callback, which keeps it */

  if (G_IS_FILE_DESCRIPTOR_BASED (self->input_stream))
    {
      int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (self->input_stream));

      self->read_source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
      g_source_set_callback (self->read_source, G_SOURCE_FUNC (mcp_stdio_transport_readable_cb),
                             self, NULL);
      g_source_set_static_name (self->read_source, "[makemcp-glib] stdio input");
      /* Otherwise GLib takes the descriptor out of its poll set while the
       * callback runs and puts it back after, waking its own poll() twice
       * a message; re-entry is handled in the callback. */
      g_source_set_can_recurse (self->read_source, TRUE);
      g_source_attach (self->read_source, g_main_context_get_thread_default ());
    }
  else
    g_input_stream_read_bytes_async (self->input_stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                     self->cancellable, mcp_stdio_transport_read_cb,
                                     g_object_ref (self));
}

/* No more reading: the connection ends. */
static void
mcp_stdio_transport_stop_reading (McpStdioTransport *self)
{
  if (self->read_source != NULL)
    {
      g_source_destroy (self->read_source);
      g_clear_pointer (&self->read_source, g_source_unref);
      self->reading = FALSE;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
mcp_stdio_transport_start (McpTransport *transport)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (transport);
  struct sigaction action;

  if (sigaction (SIGPIPE, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
    signal (SIGPIPE, SIG_IGN);

  mcp_stdio_transport_read (self);
}

static void
mcp_stdio_transport_finish (McpStdioTransport *self,
                            const GError      *error)
{
  g_object_ref (self);

  if (self->session != NULL)
    mcp_session_close (self->session);
  if (!self->input_done)
    mcp_stdio_transport_stop_reading (self);
  self->closing = TRUE;
  mcp_transport_emit_closed (MCP_TRANSPORT (self), error);

  g_object_unref (self);
}

static void
mcp_stdio_transport_close (McpTransport *transport)
{
  McpStdioTransport *self = MCP_STDIO_TRANSPORT (transport);

  self->closing = TRUE;

  /* Nothing more is answered; what is queued still goes out. */
  if (self->session != NULL)
    mcp_session_close (self->session);
  mcp_stdio_transport_stop_reading (self);

  if (!self->writing_active)
    mcp_stdio_transport_flush (self);
  if (self->output == NULL)
    mcp_stdio_transport_finish (self, NULL);
}

static void
mcp_stdio_transport_class_init (McpStdioTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpTransportClass *transport_class = MCP_TRANSPORT_CLASS (klass);

  object_class->dispose = mcp_stdio_transport_dispose;
  object_class->finalize = mcp_stdio_transport_finalize;

  transport_class->start = mcp_stdio_transport_start;
  transport_class->close = mcp_stdio_transport_close;
}

static void
mcp_stdio_transport_init (McpStdioTransport *self)
{
  self->cancellable = g_cancellable_new ();
  self->input = g_byte_array_new ();
  self->json_cache = mcp_json_cache_new ();
  self->pending = g_string_sized_new (4096);
  self->writing = g_string_sized_new (4096);
}

/**
 * mcp_stdio_transport_new_for_streams:
 * @server: the server to serve
 * @input: where requests arrive
 * @output: where answers go
 *
 * Creates a transport that serves @server over @input and @output, one
 * JSON-RPC message per line. Call [method@Mcp.Transport.start] to begin.
 *
 * When @output is a [class@GioUnix.OutputStream] on a pipe or a socket, its
 * file descriptor is switched to non-blocking mode, so that writing a large
 * answer to a client that is not reading cannot block the main loop.
 *
 * Returns: (transfer full): a new #McpStdioTransport
 */
McpStdioTransport *
mcp_stdio_transport_new_for_streams (McpServer     *server,
                                     GInputStream  *input,
                                     GOutputStream *output)
{
  McpStdioTransport *self;

  g_return_val_if_fail (MCP_IS_SERVER (server), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  /* GIO writes to a pollable stream once poll() says it is writable; on a
   * blocking pipe a large message would then block the whole main loop
   * while the client is not reading. */
  if (G_IS_UNIX_OUTPUT_STREAM (output))
    {
      int fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (output));
      struct stat info;

      if (fstat (fd, &info) == 0 && (S_ISFIFO (info.st_mode) || S_ISSOCK (info.st_mode)))
        g_unix_set_fd_nonblocking (fd, TRUE, NULL);
    }

  self = g_object_new (MCP_TYPE_STDIO_TRANSPORT, "server", server, NULL);
  self->input_stream = g_object_ref (input);
  self->output = g_object_ref (output);
  self->session = mcp_session_new (server, mcp_stdio_transport_send, self, NULL);
  mcp_server_add_session (server, self->session);

  return self;
}

/**
 * mcp_stdio_transport_new:
 * @server: the server to serve
 *
 * Creates a transport that serves @server on the process's standard input
 * and output.
 *
 * To keep standard output for the protocol alone, the transport takes the
 * original standard output for itself and points file descriptor 1 at
 * standard error: whatever else the process prints, with g_print(),
 * printf() or GLib's default log writer, ends up on standard error.
 *
 * Returns: (transfer full): a new #McpStdioTransport
 */
McpStdioTransport *
mcp_stdio_transport_new (McpServer *server)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  int protocol_fd;

  g_return_val_if_fail (MCP_IS_SERVER (server), NULL);

  fflush (stdout);
  protocol_fd = dup (STDOUT_FILENO);
  if (protocol_fd >= 0)
    {
      if (dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
        g_warning ("Could not point standard output at standard error: %s",
                   g_strerror (errno));
      output = g_unix_output_stream_new (protocol_fd, TRUE);
    }
  else
    output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  input = g_unix_input_stream_new (STDIN_FILENO, FALSE);

  return mcp_stdio_transport_new_for_streams (server, input, output);
}

/**
 * mcp_stdio_transport_get_queued_output:
 * @self: a #McpStdioTransport
 *
 * Gets how many bytes of answers wait to be written because the client has
 * not read them yet. While more than 16 MiB wait, the transport handles no
 * new requests.
 *
 * Returns: the number of bytes queued
 */
gsize
mcp_stdio_transport_get_queued_output (McpStdioTransport *self)
{
  g_return_val_if_fail (MCP_IS_STDIO_TRANSPORT (self), 0);

  return mcp_stdio_transport_queued (self);
}
