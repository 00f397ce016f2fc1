/* mcp-client-http-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "mcp-client.h"
#include "mcp-client-transport-private.h"
#include "mcp-json-private.h"

/* The Streamable HTTP transport of McpClient (private).
 *
 * Every message is one POST. The server answers a request with JSON or
 * with a stream of Server-Sent Events (its notifications and requests
 * for this request, then the answer); notifications and responses get
 * 202 Accepted. Every message of an answer is emitted as it arrives.
 *
 * 2026-07-28: MCP-Protocol-Version, Mcp-Method and Mcp-Name on every
 * message, no session; a request is cancelled by closing its stream.
 * Legacy: the session id the server gives with its answer to
 * `initialize` goes on every later message, with the negotiated
 * MCP-Protocol-Version; after the handshake a GET stream carries what the
 * server sends outside of requests; closing sends DELETE. */

#define READ_CHUNK_SIZE      (64 * 1024)
#define MAX_ERROR_BODY       (1024 * 1024)
#define MAX_CONNECTIONS      64

#define HEADER_SESSION_ID    "Mcp-Session-Id"
#define HEADER_VERSION       "MCP-Protocol-Version"
#define HEADER_METHOD        "Mcp-Method"
#define HEADER_NAME          "Mcp-Name"

#define MCP_TYPE_CLIENT_HTTP_TRANSPORT (mcp_client_http_transport_get_type ())

G_DECLARE_FINAL_TYPE (McpClientHttpTransport, mcp_client_http_transport,
                      MCP, CLIENT_HTTP_TRANSPORT, McpClientTransport)

struct _McpClientHttpTransport
{
  McpClientTransport  parent_instance;

  GUri               *uri;
  SoupSession        *session;
  GHashTable         *headers;         /* extra headers: name → value */
  char               *session_id;
  GCancellable       *cancellable;     /* the GET stream; cancelled on close */
  guint               get_stream : 1;
};

G_DEFINE_FINAL_TYPE (McpClientHttpTransport, mcp_client_http_transport, MCP_TYPE_CLIENT_TRANSPORT)

typedef enum
{
  BODY_DISCARD,
  BODY_JSON,
  BODY_SSE,
  BODY_ERROR,
} BodyKind;

/* One HTTP exchange. */
typedef struct
{
  SoupMessage   *message;
  GInputStream  *body;
  BodyKind       kind;
  GByteArray    *buffer;      /* JSON and error bodies */
  McpLineBuffer *lines;       /* SSE */
  GString       *event_data;
  char          *event_type;
  guint          event_has_data : 1;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_clear_object (&exchange->body);
  g_clear_pointer (&exchange->buffer, g_byte_array_unref);
  g_clear_pointer (&exchange->lines, mcp_line_buffer_free);
  if (exchange->event_data != NULL)
    g_string_free (exchange->event_data, TRUE);
  g_free (exchange->event_type);
  g_free (exchange);
}

static void
mcp_client_http_transport_dispose (GObject *object)
{
  McpClientHttpTransport *self = (McpClientHttpTransport *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_client_http_transport_parent_class)->dispose (object);
}

static void
mcp_client_http_transport_finalize (GObject *object)
{
  McpClientHttpTransport *self = (McpClientHttpTransport *)object;

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->session_id, g_free);

  G_OBJECT_CLASS (mcp_client_http_transport_parent_class)->finalize (object);
}

/* Header values are printable ASCII; anything else travels in the
 * Base64 sentinel form `=?base64?…?=` of 2026-07-28. */
char *
mcp_client_http_encode_header_value (const char *value)
{
  gboolean plain = *value != ' ' && *value != '\t';
  gsize length = strlen (value);
  g_autofree char *encoded = NULL;

  if (length > 0 && (value[length - 1] == ' ' || value[length - 1] == '\t'))
    plain = FALSE;

  for (const guchar *p = (const guchar *)value; plain && *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      plain = FALSE;

  if (plain && !(g_str_has_prefix (value, "=?base64?") && g_str_has_suffix (value, "?=")))
    return g_strdup (value);

  encoded = g_base64_encode ((const guchar *)value, length);
  return g_strconcat ("=?base64?", encoded, "?=", NULL);
}

static const char *
name_field_for (const char *method)
{
  if (g_strcmp0 (method, "tools/call") == 0 || g_strcmp0 (method, "prompts/get") == 0)
    return "name";
  if (g_strcmp0 (method, "resources/read") == 0)
    return "uri";
  if (g_strcmp0 (method, "tasks/get") == 0 || g_strcmp0 (method, "tasks/update") == 0 ||
      g_strcmp0 (method, "tasks/cancel") == 0)
    return "taskId";
  return NULL;
}

static void
add_headers (McpClientHttpTransport *self,
             SoupMessageHeaders     *headers)
{
  GHashTableIter iter;
  gpointer name;
  gpointer value;

  g_hash_table_iter_init (&iter, self->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
}

static SoupMessage *
new_message (McpClientHttpTransport *self,
             const char             *http_method)
{
  SoupMessage *message = soup_message_new_from_uri (http_method, self->uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  McpClientTransport *transport = MCP_CLIENT_TRANSPORT (self);
  const char *version = mcp_client_transport_get_version (transport);

  add_headers (self, headers);
  if (version != NULL)
    soup_message_headers_replace (headers, HEADER_VERSION, version);
  if (self->session_id != NULL && mcp_client_transport_get_era (transport) == MCP_ERA_LEGACY)
    soup_message_headers_replace (headers, HEADER_SESSION_ID, self->session_id);

  return message;
}

static void
emit_body (McpClientHttpTransport *self,
           const char             *data,
           gsize                   length)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_client_transport_emit_line (MCP_CLIENT_TRANSPORT (self), data, length, &error))
    g_debug ("Ignoring a message from the server that is not JSON: %s", error->message);
}

/* Server-Sent Events: one line of the stream. */
static void
sse_line (McpClientHttpTransport *self,
          Exchange               *exchange,
          const char             *line,
          gsize                   length)
{
  const char *colon;
  const char *value;
  g_autofree char *field = NULL;

  if (length == 0)
    {
      /* The end of an event: dispatch it. */
      if (exchange->event_has_data &&
          (exchange->event_type == NULL || strcmp (exchange->event_type, "message") == 0))
        emit_body (self, exchange->event_data->str, exchange->event_data->len);

      g_string_truncate (exchange->event_data, 0);
      g_clear_pointer (&exchange->event_type, g_free);
      exchange->event_has_data = FALSE;
      return;
    }

  if (line[0] == ':')
    return;   /* a comment: keep-alive */

  colon = memchr (line, ':', length);
  if (colon != NULL)
    {
      field = g_strndup (line, (gsize)(colon - line));
      value = colon + 1;
      if (*value == ' ')
        value++;
    }
  else
    {
      field = g_strndup (line, length);
      value = "";
    }

  if (strcmp (field, "data") == 0)
    {
      if (exchange->event_has_data)
        g_string_append_c (exchange->event_data, '\n');
      g_string_append (exchange->event_data, value);
      exchange->event_has_data = TRUE;

      if (exchange->event_data->len > mcp_client_transport_get_max_message_size (MCP_CLIENT_TRANSPORT (self)))
        {
          g_debug ("Dropping an oversized event");
          g_string_truncate (exchange->event_data, 0);
          exchange->event_has_data = FALSE;
        }
    }
  else if (strcmp (field, "event") == 0)
    {
      g_free (exchange->event_type);
      exchange->event_type = g_strdup (value);
    }
  /* "id" and "retry" only matter for resuming, which we do not do. */
}

static void read_body (GTask *task);

static void
exchange_done (GTask *task)
{
  McpClientHttpTransport *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  guint status = soup_message_get_status (exchange->message);

  switch (exchange->kind)
    {
    case BODY_JSON:
      emit_body (self, (const char *)exchange->buffer->data, exchange->buffer->len);
      break;

    case BODY_ERROR:
      {
        const char *reason = soup_message_get_reason_phrase (exchange->message);
        g_autoptr(JsonNode) node = NULL;
        JsonObject *object = NULL;
        JsonObject *error = NULL;
        const char *text = NULL;

        if (exchange->buffer->len > 0)
          node = mcp_json_parse ((const char *)exchange->buffer->data, exchange->buffer->len, 64, NULL);
        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
          {
            object = json_node_get_object (node);
            error = mcp_json_get_object (object, "error");
            text = mcp_json_get_string (error, "message");
          }

        /* A JSON-RPC error for the request: the client takes it from here. */
        if (error != NULL && mcp_json_id_is_valid (mcp_json_get_member (object, "id")))
          {
            mcp_client_transport_emit_message (MCP_CLIENT_TRANSPORT (self), node);
            break;
          }

        if (status == SOUP_STATUS_NOT_FOUND && self->session_id != NULL &&
            mcp_client_transport_get_era (MCP_CLIENT_TRANSPORT (self)) == MCP_ERA_LEGACY)
          {
            g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_SESSION_EXPIRED,
                                     "The server no longer knows the session");
            return;
          }

        g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP,
                                 "HTTP %u %s%s%s", status,
                                 reason != NULL ? reason : soup_status_get_phrase (status),
                                 text != NULL ? ": " : "", text != NULL ? text : "");
        return;
      }

    case BODY_SSE:
    case BODY_DISCARD:
    default:
      break;
    }

  g_task_return_boolean (task, TRUE);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClientHttpTransport *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  const guint8 *data;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      exchange_done (task);
      return;
    }

  switch (exchange->kind)
    {
    case BODY_JSON:
    case BODY_ERROR:
      {
        gsize limit = exchange->kind == BODY_ERROR
                      ? MAX_ERROR_BODY
                      : mcp_client_transport_get_max_message_size (MCP_CLIENT_TRANSPORT (self));

        if (exchange->buffer->len + size > limit)
          {
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                     "The server sent a message larger than %" G_GSIZE_FORMAT " bytes",
                                     limit);
            return;
          }
        g_byte_array_append (exchange->buffer, data, (guint)size);
        break;
      }

    case BODY_SSE:
      {
        const char *line;
        gsize length;

        mcp_line_buffer_append (exchange->lines, data, size);
        while (mcp_line_buffer_next (exchange->lines, &line, &length, &error))
          {
            sse_line (self, exchange, line, length);
            if (g_task_return_error_if_cancelled (task))
              return;
          }
        if (error != NULL)
          {
            g_task_return_error (task, error);
            return;
          }
        break;
      }

    case BODY_DISCARD:
    default:
      break;
    }

  read_body (g_steal_pointer (&task));
}

static void
read_body (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->body, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static gboolean
content_type_is (SoupMessage *message,
                 const char  *type)
{
  const char *content_type =
    soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

  return content_type != NULL && g_ascii_strcasecmp (content_type, type) == 0;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClientHttpTransport *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  const char *session_id;
  GError *error = NULL;
  guint status;

  exchange->body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (exchange->body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "Could not reach the server: ");
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (exchange->message);
  headers = soup_message_get_response_headers (exchange->message);

  if ((session_id = soup_message_headers_get_one (headers, HEADER_SESSION_ID)) != NULL &&
      SOUP_STATUS_IS_SUCCESSFUL (status) && g_strcmp0 (session_id, self->session_id) != 0)
    {
      g_free (self->session_id);
      self->session_id = g_strdup (session_id);
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      exchange->kind = BODY_ERROR;
      exchange->buffer = g_byte_array_new ();
    }
  else if (content_type_is (exchange->message, "text/event-stream"))
    {
      exchange->kind = BODY_SSE;
      exchange->lines = mcp_line_buffer_new (mcp_client_transport_get_max_message_size (MCP_CLIENT_TRANSPORT (self)));
      exchange->event_data = g_string_new (NULL);
    }
  else if (content_type_is (exchange->message, "application/json"))
    {
      exchange->kind = BODY_JSON;
      exchange->buffer = g_byte_array_new ();
    }
  else
    exchange->kind = BODY_DISCARD;

  read_body (g_steal_pointer (&task));
}

static void
start_exchange (McpClientHttpTransport *self,
                SoupMessage            *message,
                GTask                  *task)
{
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->message = g_object_ref (message);
  g_task_set_task_data (task, exchange, (GDestroyNotify)exchange_free);

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, task);
}

static void
mcp_client_http_transport_send_async (McpClientTransport  *transport,
                                      JsonNode            *node,
                                      GHashTable          *extra_headers,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (transport);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *method = mcp_json_get_string (object, "method");
  char *text;
  gsize length = 0;

  g_task_set_source_tag (task, mcp_client_http_transport_send_async);

  message = new_message (self, "POST");
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json, text/event-stream");

  if (method != NULL && mcp_client_transport_get_era (transport) == MCP_ERA_MODERN)
    {
      const char *field = name_field_for (method);
      const char *name = field != NULL ? mcp_json_get_string (mcp_json_get_object (object, "params"), field)
                                       : NULL;

      soup_message_headers_replace (headers, HEADER_METHOD, method);
      if (name != NULL)
        {
          g_autofree char *encoded = mcp_client_http_encode_header_value (name);

          soup_message_headers_replace (headers, HEADER_NAME, encoded);
        }
    }

  if (extra_headers != NULL)
    {
      GHashTableIter iter;
      gpointer name;
      gpointer value;

      g_hash_table_iter_init (&iter, extra_headers);
      while (g_hash_table_iter_next (&iter, &name, &value))
        soup_message_headers_replace (headers, name, value);
    }

  text = mcp_json_to_string (node, &length);
  body = g_bytes_new_take (text, length);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  start_exchange (self, message, task);
}

/* The GET stream of a legacy session: what the server sends outside of
 * any request (list changes, resource updates). */
static void
get_stream_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The GET stream ended: %s", error->message);

  self->get_stream = FALSE;
}

static void
mcp_client_http_transport_initialized (McpClientTransport *transport)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (transport);
  g_autoptr(SoupMessage) message = NULL;
  GTask *task;

  if (self->get_stream || mcp_client_transport_get_era (transport) != MCP_ERA_LEGACY)
    return;

  message = new_message (self, "GET");
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "text/event-stream");

  self->get_stream = TRUE;
  task = g_task_new (self, self->cancellable, get_stream_cb, NULL);
  start_exchange (self, message, task);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClientHttpTransport *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    g_debug ("Ending the session failed: %s", error->message);

  mcp_client_transport_abort (MCP_CLIENT_TRANSPORT (self));
  g_task_return_boolean (task, TRUE);
}

static void
mcp_client_http_transport_close_async (McpClientTransport  *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;

  g_task_set_source_tag (task, mcp_client_http_transport_close_async);

  g_cancellable_cancel (self->cancellable);

  if (self->session_id == NULL || mcp_client_transport_get_era (transport) != MCP_ERA_LEGACY ||
      mcp_client_transport_is_closed (transport))
    {
      mcp_client_transport_abort (transport);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Tell the server the session is over. */
  message = new_message (self, "DELETE");
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    delete_cb, g_steal_pointer (&task));
}

static void
mcp_client_http_transport_abort (McpClientTransport *transport)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (transport);

  g_cancellable_cancel (self->cancellable);
  soup_session_abort (self->session);
  mcp_client_transport_emit_closed (transport, NULL);
}

static void
mcp_client_http_transport_class_init (McpClientHttpTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpClientTransportClass *transport_class = MCP_CLIENT_TRANSPORT_CLASS (klass);

  object_class->dispose = mcp_client_http_transport_dispose;
  object_class->finalize = mcp_client_http_transport_finalize;

  transport_class->send_async = mcp_client_http_transport_send_async;
  transport_class->initialized = mcp_client_http_transport_initialized;
  transport_class->close_async = mcp_client_http_transport_close_async;
  transport_class->abort = mcp_client_http_transport_abort;
  transport_class->answers_on_exchange = TRUE;
}

static void
mcp_client_http_transport_init (McpClientHttpTransport *self)
{
  /* Every request in flight holds a connection while its stream is open
   * (and the GET stream of a legacy session one more), and answering an
   * input request needs yet another: libsoup's default of two connections
   * per host would deadlock the first elicitation. */
  self->session = soup_session_new_with_options ("timeout", 0,
                                                 "max-conns", MAX_CONNECTIONS * 2,
                                                 "max-conns-per-host", MAX_CONNECTIONS,
                                                 "user-agent", "makemcp-glib/" PACKAGE_VERSION,
                                                 NULL);
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

McpClientTransport *
mcp_client_http_transport_new (GUri *uri)
{
  McpClientHttpTransport *self = g_object_new (MCP_TYPE_CLIENT_HTTP_TRANSPORT, NULL);

  self->uri = g_uri_ref (uri);
  return MCP_CLIENT_TRANSPORT (self);
}

void
mcp_client_http_transport_set_header (McpClientTransport *transport,
                                      const char         *name,
                                      const char         *value)
{
  McpClientHttpTransport *self = MCP_CLIENT_HTTP_TRANSPORT (transport);

  if (value == NULL)
    g_hash_table_remove (self->headers, name);
  else
    g_hash_table_replace (self->headers, g_strdup (name), g_strdup (value));
}

const char *
mcp_client_http_transport_get_session_id (McpClientTransport *transport)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (transport, MCP_TYPE_CLIENT_HTTP_TRANSPORT))
    return MCP_CLIENT_HTTP_TRANSPORT (transport)->session_id;
  return NULL;
}
