/* mcp-client-stdio-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-client-transport-private.h"
#include "mcp-json-private.h"

/* The stdio transport of McpClient (private): newline-delimited JSON with
 * a child process, or over any pair of streams.
 *
 * Output is queued and written one message after the other. Input is read
 * in chunks and split into lines; a line that is not JSON is skipped (a
 * server that prints to standard output by mistake should not end the
 * connection), a line longer than the bound ends it.
 *
 * Closing follows the stdio transport rules of MCP: close the server's
 * standard input, wait for it to exit, then SIGTERM, then SIGKILL. */

#define READ_CHUNK_SIZE   (64 * 1024)
#define EXIT_GRACE_MS     2000

#define MCP_TYPE_CLIENT_STDIO_TRANSPORT (mcp_client_stdio_transport_get_type ())

G_DECLARE_FINAL_TYPE (McpClientStdioTransport, mcp_client_stdio_transport,
                      MCP, CLIENT_STDIO_TRANSPORT, McpClientTransport)

struct _McpClientStdioTransport
{
  McpClientTransport   parent_instance;

  GSubprocessLauncher *launcher;
  char               **argv;
  GSubprocess         *subprocess;
  GInputStream        *input;
  GOutputStream       *output;
  GCancellable        *cancellable;
  McpLineBuffer       *lines;

  GQueue               queue;     /* GTask, task data: GBytes */
  GTask               *close_task;
  guint                writing : 1;
  guint                output_closed : 1;
};

G_DEFINE_FINAL_TYPE (McpClientStdioTransport, mcp_client_stdio_transport, MCP_TYPE_CLIENT_TRANSPORT)

static void mcp_client_stdio_transport_flush        (McpClientStdioTransport *self);
static void mcp_client_stdio_transport_close_output (McpClientStdioTransport *self);

static void
fail_queue (McpClientStdioTransport *self,
            const GError            *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->queue)) != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

static void
mcp_client_stdio_transport_dispose (GObject *object)
{
  McpClientStdioTransport *self = (McpClientStdioTransport *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->queue.length > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                     "The connection to the server is closed");
      fail_queue (self, error);
    }

  g_clear_object (&self->launcher);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_client_stdio_transport_parent_class)->dispose (object);
}

static void
mcp_client_stdio_transport_finalize (GObject *object)
{
  McpClientStdioTransport *self = (McpClientStdioTransport *)object;

  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->lines, mcp_line_buffer_free);

  G_OBJECT_CLASS (mcp_client_stdio_transport_parent_class)->finalize (object);
}

/* The connection is over: nothing more is written or read. */
static void
mcp_client_stdio_transport_shutdown (McpClientStdioTransport *self,
                                     const GError            *error)
{
  g_autoptr(GError) closed = NULL;

  g_cancellable_cancel (self->cancellable);

  closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                "The connection to the server is closed");
  fail_queue (self, closed);

  mcp_client_transport_emit_closed (MCP_CLIENT_TRANSPORT (self), error);
}

static void read_next (McpClientStdioTransport *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McpClientStdioTransport) self = user_data;
  McpClientTransport *transport = MCP_CLIENT_TRANSPORT (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *line;
  gsize length;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mcp_client_stdio_transport_shutdown (self, error);
      return;
    }

  if (mcp_client_transport_is_closed (transport))
    return;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autoptr(GError) eof = NULL;

      /* The end we asked for (we closed the server's input) is no error. */
      if (!self->output_closed)
        eof = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                   "The server closed the connection");
      mcp_client_stdio_transport_shutdown (self, eof);
      return;
    }

  mcp_line_buffer_append (self->lines, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  while (mcp_line_buffer_next (self->lines, &line, &length, &error))
    {
      g_autoptr(GError) parse_error = NULL;

      if (!mcp_client_transport_emit_line (transport, line, length, &parse_error))
        g_debug ("Skipping a line from the server that is not JSON: %s", parse_error->message);

      /* A handler may have closed the connection. */
      if (mcp_client_transport_is_closed (transport))
        return;
    }

  if (error != NULL)
    {
      mcp_client_stdio_transport_shutdown (self, error);
      return;
    }

  read_next (self);
}

static void
read_next (McpClientStdioTransport *self)
{
  g_input_stream_read_bytes_async (self->input, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, read_cb, g_object_ref (self));
}

static void
mcp_client_stdio_transport_start (McpClientStdioTransport *self)
{
  self->lines = mcp_line_buffer_new (mcp_client_transport_get_max_message_size (MCP_CLIENT_TRANSPORT (self)));
  read_next (self);
}

static void
mcp_client_stdio_transport_open_async (McpClientTransport  *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpClientStdioTransport *self = MCP_CLIENT_STDIO_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, mcp_client_stdio_transport_open_async);

  if (self->launcher != NULL)
    {
      self->subprocess = g_subprocess_launcher_spawnv (self->launcher,
                                                       (const char * const *)self->argv,
                                                       &error);
      if (self->subprocess == NULL)
        {
          g_prefix_error (&error, "Could not start “%s”: ", self->argv[0]);
          g_task_return_error (task, error);
          return;
        }

      self->input = g_object_ref (g_subprocess_get_stdout_pipe (self->subprocess));
      self->output = g_object_ref (g_subprocess_get_stdin_pipe (self->subprocess));
    }

  mcp_client_stdio_transport_start (self);
  g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClientStdioTransport *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      g_task_return_error (task, g_error_copy (error));
      if (self->close_task != NULL)
        mcp_client_stdio_transport_close_output (self);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mcp_client_stdio_transport_shutdown (self, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
  if (self->close_task != NULL)
    mcp_client_stdio_transport_close_output (self);
  else
    mcp_client_stdio_transport_flush (self);
}

static void
mcp_client_stdio_transport_flush (McpClientStdioTransport *self)
{
  GTask *task;
  GBytes *bytes;

  if (self->writing || self->output_closed)
    return;

  if ((task = g_queue_pop_head (&self->queue)) == NULL)
    return;

  bytes = g_task_get_task_data (task);
  self->writing = TRUE;
  g_output_stream_write_all_async (self->output,
                                   g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, self->cancellable, write_cb, task);
}

static void
mcp_client_stdio_transport_send_async (McpClientTransport  *transport,
                                       JsonNode            *message,
                                       GHashTable          *headers,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpClientStdioTransport *self = MCP_CLIENT_STDIO_TRANSPORT (transport);
  GTask *task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *text = NULL;
  gsize length = 0;
  GString *line;

  g_task_set_source_tag (task, mcp_client_stdio_transport_send_async);

  if (self->output == NULL || self->output_closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "Not connected to the server");
      g_object_unref (task);
      return;
    }

  text = mcp_json_to_string (message, &length);
  line = g_string_new_len (text, (gssize)length);
  g_string_append_c (line, '\n');
  g_task_set_task_data (task, g_string_free_to_bytes (line), (GDestroyNotify)g_bytes_unref);

  g_queue_push_tail (&self->queue, task);
  mcp_client_stdio_transport_flush (self);
}

/* Closing: stdin closed, then wait, SIGTERM, wait, SIGKILL. */
typedef struct
{
  GSource *timeout;
  guint    stage;
} CloseData;

static void
close_data_free (CloseData *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

static void
close_done (GTask *task)
{
  McpClientStdioTransport *self = g_task_get_source_object (task);

  mcp_client_stdio_transport_shutdown (self, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean close_timeout_cb (gpointer user_data);

static void
close_arm_timeout (GTask *task)
{
  CloseData *data = g_task_get_task_data (task);

  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  data->timeout = g_timeout_source_new (EXIT_GRACE_MS);
  g_source_set_callback (data->timeout, close_timeout_cb, task, NULL);
  g_source_attach (data->timeout, g_task_get_context (task));
}

static gboolean
close_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  McpClientStdioTransport *self = g_task_get_source_object (task);
  CloseData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->timeout, g_source_unref);

  if (data->stage == 0)
    {
      g_debug ("The server did not exit when its input was closed: SIGTERM");
      data->stage = 1;
      g_subprocess_send_signal (self->subprocess, SIGTERM);
      close_arm_timeout (task);
    }
  else
    {
      g_debug ("The server did not exit on SIGTERM: SIGKILL");
      g_subprocess_force_exit (self->subprocess);
    }

  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error))
    g_debug ("Waiting for the server failed: %s", error->message);

  close_done (task);
}

static void
output_closed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClientStdioTransport *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    g_debug ("Closing the server's input failed: %s", error->message);

  if (self->subprocess == NULL)
    {
      close_done (task);
      return;
    }

  close_arm_timeout (task);
  g_subprocess_wait_async (self->subprocess, NULL, wait_cb, g_steal_pointer (&task));
}

static void
mcp_client_stdio_transport_close_async (McpClientTransport  *transport,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  McpClientStdioTransport *self = MCP_CLIENT_STDIO_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_client_stdio_transport_close_async);
  g_task_set_task_data (task, g_new0 (CloseData, 1), (GDestroyNotify)close_data_free);

  if (self->output == NULL || self->output_closed)
    {
      close_done (task);
      return;
    }

  /* What is queued is dropped; what is being written finishes first
   * (a cancelled write would leave half a line behind). */
  self->output_closed = TRUE;
  if (self->queue.length > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                     "The connection to the server is closed");
      fail_queue (self, error);
    }

  self->close_task = g_steal_pointer (&task);
  if (!self->writing)
    mcp_client_stdio_transport_close_output (self);
}

static void
mcp_client_stdio_transport_close_output (McpClientStdioTransport *self)
{
  GTask *task = g_steal_pointer (&self->close_task);

  g_output_stream_close_async (self->output, G_PRIORITY_DEFAULT, NULL, output_closed_cb, task);
}

static void
mcp_client_stdio_transport_abort (McpClientTransport *transport)
{
  McpClientStdioTransport *self = MCP_CLIENT_STDIO_TRANSPORT (transport);

  self->output_closed = TRUE;
  if (self->subprocess != NULL)
    g_subprocess_send_signal (self->subprocess, SIGTERM);
  mcp_client_stdio_transport_shutdown (self, NULL);
}

static void
mcp_client_stdio_transport_class_init (McpClientStdioTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpClientTransportClass *transport_class = MCP_CLIENT_TRANSPORT_CLASS (klass);

  object_class->dispose = mcp_client_stdio_transport_dispose;
  object_class->finalize = mcp_client_stdio_transport_finalize;

  transport_class->open_async = mcp_client_stdio_transport_open_async;
  transport_class->send_async = mcp_client_stdio_transport_send_async;
  transport_class->close_async = mcp_client_stdio_transport_close_async;
  transport_class->abort = mcp_client_stdio_transport_abort;
  transport_class->answers_on_exchange = FALSE;
}

static void
mcp_client_stdio_transport_init (McpClientStdioTransport *self)
{
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->queue);
}

McpClientTransport *
mcp_client_stdio_transport_new_for_launcher (GSubprocessLauncher *launcher,
                                             const char * const  *argv)
{
  McpClientStdioTransport *self = g_object_new (MCP_TYPE_CLIENT_STDIO_TRANSPORT, NULL);

  self->launcher = g_object_ref (launcher);
  self->argv = g_strdupv ((char **)argv);
  return MCP_CLIENT_TRANSPORT (self);
}

McpClientTransport *
mcp_client_stdio_transport_new_for_streams (GInputStream  *input,
                                            GOutputStream *output)
{
  McpClientStdioTransport *self = g_object_new (MCP_TYPE_CLIENT_STDIO_TRANSPORT, NULL);

  self->input = g_object_ref (input);
  self->output = g_object_ref (output);
  return MCP_CLIENT_TRANSPORT (self);
}

GSubprocess *
mcp_client_stdio_transport_get_subprocess (McpClientTransport *transport)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (transport, MCP_TYPE_CLIENT_STDIO_TRANSPORT))
    return MCP_CLIENT_STDIO_TRANSPORT (transport)->subprocess;
  return NULL;
}
