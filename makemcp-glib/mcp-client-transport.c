/* mcp-client-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-client-transport-private.h"
#include "mcp-error.h"
#include "mcp-json-private.h"

/* The base of the client transports (private). It keeps what every
 * transport needs to know about the connection (era and protocol version,
 * for HTTP headers), parses incoming lines and emits the messages. */

#define DEFAULT_MAX_MESSAGE_SIZE (64 * 1024 * 1024)
#define MAX_JSON_DEPTH           256

typedef struct
{
  McpEra  era;
  char   *version;
  gsize   max_message_size;
  guint   closed : 1;
} McpClientTransportPrivate;

enum {
  MESSAGE,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (McpClientTransport, mcp_client_transport, G_TYPE_OBJECT)

static void
mcp_client_transport_finalize (GObject *object)
{
  McpClientTransport *self = (McpClientTransport *)object;
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  g_clear_pointer (&priv->version, g_free);

  G_OBJECT_CLASS (mcp_client_transport_parent_class)->finalize (object);
}

static void
mcp_client_transport_real_open_async (McpClientTransport  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static gboolean
mcp_client_transport_real_finish (McpClientTransport  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_client_transport_real_initialized (McpClientTransport *self)
{
}

static void
mcp_client_transport_real_close_async (McpClientTransport  *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  mcp_client_transport_abort (self);
  g_task_return_boolean (task, TRUE);
}

static void
mcp_client_transport_class_init (McpClientTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_client_transport_finalize;

  klass->open_async = mcp_client_transport_real_open_async;
  klass->open_finish = mcp_client_transport_real_finish;
  klass->send_finish = mcp_client_transport_real_finish;
  klass->initialized = mcp_client_transport_real_initialized;
  klass->close_async = mcp_client_transport_real_close_async;
  klass->close_finish = mcp_client_transport_real_finish;

  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_NODE);

  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mcp_client_transport_init (McpClientTransport *self)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  priv->era = MCP_ERA_MODERN;
  priv->max_message_size = DEFAULT_MAX_MESSAGE_SIZE;
}

void
mcp_client_transport_open_async (McpClientTransport  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  MCP_CLIENT_TRANSPORT_GET_CLASS (self)->open_async (self, cancellable, callback, user_data);
}

gboolean
mcp_client_transport_open_finish (McpClientTransport  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return MCP_CLIENT_TRANSPORT_GET_CLASS (self)->open_finish (self, result, error);
}

void
mcp_client_transport_send_async (McpClientTransport  *self,
                                 JsonNode            *message,
                                 GHashTable          *headers,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  if (priv->closed)
    {
      g_task_report_new_error (self, callback, user_data, mcp_client_transport_send_async,
                               G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The connection to the server is closed");
      return;
    }

  MCP_CLIENT_TRANSPORT_GET_CLASS (self)->send_async (self, message, headers, cancellable,
                                                    callback, user_data);
}

gboolean
mcp_client_transport_send_finish (McpClientTransport  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  if (g_async_result_is_tagged (result, mcp_client_transport_send_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return MCP_CLIENT_TRANSPORT_GET_CLASS (self)->send_finish (self, result, error);
}

void
mcp_client_transport_initialized (McpClientTransport *self)
{
  MCP_CLIENT_TRANSPORT_GET_CLASS (self)->initialized (self);
}

void
mcp_client_transport_close_async (McpClientTransport  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MCP_CLIENT_TRANSPORT_GET_CLASS (self)->close_async (self, cancellable, callback, user_data);
}

gboolean
mcp_client_transport_close_finish (McpClientTransport  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return MCP_CLIENT_TRANSPORT_GET_CLASS (self)->close_finish (self, result, error);
}

void
mcp_client_transport_abort (McpClientTransport *self)
{
  MCP_CLIENT_TRANSPORT_GET_CLASS (self)->abort (self);
}

gboolean
mcp_client_transport_answers_on_exchange (McpClientTransport *self)
{
  return MCP_CLIENT_TRANSPORT_GET_CLASS (self)->answers_on_exchange;
}

void
mcp_client_transport_set_protocol (McpClientTransport *self,
                                   McpEra              era,
                                   const char         *version)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  priv->era = era;
  g_free (priv->version);
  priv->version = g_strdup (version);
}

McpEra
mcp_client_transport_get_era (McpClientTransport *self)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  return priv->era;
}

const char *
mcp_client_transport_get_version (McpClientTransport *self)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  return priv->version;
}

void
mcp_client_transport_set_max_message_size (McpClientTransport *self,
                                           gsize               max_size)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  priv->max_message_size = max_size > 0 ? max_size : DEFAULT_MAX_MESSAGE_SIZE;
}

gsize
mcp_client_transport_get_max_message_size (McpClientTransport *self)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  return priv->max_message_size;
}

void
mcp_client_transport_emit_message (McpClientTransport *self,
                                   JsonNode           *message)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  if (!priv->closed)
    g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* One line of JSON text from the server: parsed strictly and emitted.
 * Blank lines are skipped. Returns FALSE with @error for text that is not
 * JSON (the caller decides whether that ends the connection). */
gboolean
mcp_client_transport_emit_line (McpClientTransport  *self,
                                const char          *data,
                                gsize                length,
                                GError             **error)
{
  g_autoptr(JsonNode) message = NULL;
  gsize i;

  for (i = 0; data != NULL && i < length; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
      break;
  if (i == length)
    return TRUE;

  message = mcp_json_parse (data, length, MAX_JSON_DEPTH, error);
  if (message == NULL)
    return FALSE;

  mcp_client_transport_emit_message (self, message);
  return TRUE;
}

void
mcp_client_transport_emit_closed (McpClientTransport *self,
                                  const GError       *error)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);
  g_autoptr(McpClientTransport) hold = NULL;

  if (priv->closed)
    return;

  hold = g_object_ref (self);
  priv->closed = TRUE;
  g_signal_emit (self, signals[CLOSED], 0, error);
}

gboolean
mcp_client_transport_is_closed (McpClientTransport *self)
{
  McpClientTransportPrivate *priv = mcp_client_transport_get_instance_private (self);

  return priv->closed;
}

/* McpLineBuffer */

struct _McpLineBuffer
{
  GByteArray *data;
  gsize       start;     /* where the next line begins */
  gsize       scanned;   /* bytes from start known to hold no newline */
  gsize       max_line;
};

McpLineBuffer *
mcp_line_buffer_new (gsize max_line)
{
  McpLineBuffer *buffer = g_new0 (McpLineBuffer, 1);

  buffer->data = g_byte_array_new ();
  buffer->max_line = max_line;
  return buffer;
}

void
mcp_line_buffer_free (McpLineBuffer *buffer)
{
  g_byte_array_unref (buffer->data);
  g_free (buffer);
}

void
mcp_line_buffer_append (McpLineBuffer *buffer,
                        const guint8  *data,
                        gsize          length)
{
  /* Drop what was consumed before growing. */
  if (buffer->start > 0)
    {
      g_byte_array_remove_range (buffer->data, 0, (guint)buffer->start);
      buffer->start = 0;
    }

  g_byte_array_append (buffer->data, data, (guint)length);
}

gboolean
mcp_line_buffer_next (McpLineBuffer  *buffer,
                      const char    **line,
                      gsize          *length,
                      GError        **error)
{
  const guint8 *begin = buffer->data->data + buffer->start;
  gsize available = buffer->data->len - buffer->start;
  const guint8 *newline;
  gsize line_length;

  newline = memchr (begin + buffer->scanned, '\n', available - buffer->scanned);
  if (newline == NULL)
    {
      buffer->scanned = available;
      if (available > buffer->max_line)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The server sent a message longer than %" G_GSIZE_FORMAT " bytes",
                       buffer->max_line);
          return FALSE;
        }
      return FALSE;
    }

  line_length = (gsize)(newline - begin);
  if (line_length > buffer->max_line)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "The server sent a message longer than %" G_GSIZE_FORMAT " bytes",
                   buffer->max_line);
      return FALSE;
    }

  buffer->start += line_length + 1;
  buffer->scanned = 0;

  if (line_length > 0 && begin[line_length - 1] == '\r')
    line_length--;

  /* Terminate in place: the newline byte is ours to overwrite. */
  ((guint8 *)begin)[line_length] = '\0';
  *line = (const char *)begin;
  *length = line_length;
  return TRUE;
}

gsize
mcp_line_buffer_pending (McpLineBuffer *buffer)
{
  return buffer->data->len - buffer->start;
}
