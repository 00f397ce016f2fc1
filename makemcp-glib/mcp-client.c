/* mcp-client.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-client.h"
#include "mcp-client-transport-private.h"
#include "mcp-enum-types.h"
#include "mcp-error.h"
#include "mcp-input-request-private.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-util-private.h"

/**
 * McpClient:
 *
 * A client of any MCP server: a command started as a child process and
 * spoken to over its standard input and output
 * ([ctor@Mcp.Client.new_for_command]), a Streamable HTTP endpoint
 * ([ctor@Mcp.Client.new_for_url]), or any pair of streams
 * ([ctor@Mcp.Client.new_for_streams]).
 *
 * Everything is asynchronous in the GIO pattern and runs on the
 * thread-default main context of the thread that created the client.
 *
 * ```c
 * static void
 * call_cb (GObject      *object,
 *          GAsyncResult *result,
 *          gpointer      user_data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(McpToolResult) answer = NULL;
 *
 *   answer = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);
 *   …
 * }
 *
 * static void
 * connect_cb (GObject      *object,
 *             GAsyncResult *result,
 *             gpointer      user_data)
 * {
 *   McpClient *client = MCP_CLIENT (object);
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(JsonObject) arguments = json_object_new ();
 *
 *   if (!mcp_client_connect_finish (client, result, &error))
 *     return;
 *
 *   json_object_set_int_member (arguments, "a", 2);
 *   json_object_set_int_member (arguments, "b", 3);
 *   mcp_client_call_tool_async (client, "add", arguments, NULL, call_cb, NULL);
 * }
 *
 * const char *argv[] = { "example-server", NULL };
 * g_autoptr(McpClient) client = mcp_client_new_for_command (argv);
 *
 * mcp_client_connect_async (client, NULL, connect_cb, NULL);
 * ```
 *
 * ## Both protocol eras
 *
 * Like [class@Mcp.Server], the client speaks both eras of MCP (see
 * [property@Mcp.Client:mode]). [method@Mcp.Client.connect_async] first
 * asks the server with `server/discover` whether it speaks the stateless
 * 2026-07-28 revision; when it does not, the client falls back to the
 * `initialize` handshake of the legacy revisions (2025-11-25 back to
 * 2024-11-05). The methods of the client work the same in both eras.
 *
 * ## Input requests
 *
 * While it serves a request, a server may ask the client for input: an
 * elicitation, a sampling request, the roots. A legacy server sends a
 * request of its own; a 2026-07-28 server answers with an
 * `InputRequiredResult` that the client retries with the answers. Either
 * way the client emits [signal@Mcp.Client::input-request] with an
 * [class@Mcp.InputRequest] to answer. Declare what the application can
 * answer with [method@Mcp.Client.set_capabilities]. The client itself
 * answers `roots/list` with the roots given to
 * [method@Mcp.Client.add_root], and declines elicitations nobody handles.
 *
 * ## Tasks
 *
 * With [property@Mcp.Client:follow-tasks] (the default), the client
 * declares the `io.modelcontextprotocol/tasks` extension to 2026-07-28
 * servers. A tool call the server turns into a task is followed to its
 * end: the client polls `tasks/get`, answers the task's input requests
 * with `tasks/update`, and cancelling the call sends `tasks/cancel`.
 * [signal@Mcp.Client::task-status] tells how it goes.
 *
 * ## Errors
 *
 * A JSON-RPC error of the server is a #GError in the %MCP_ERROR domain
 * with the server's code and message. I/O failures are in the
 * %G_IO_ERROR domain (%G_IO_ERROR_CANCELLED for a cancelled operation,
 * %G_IO_ERROR_TIMED_OUT past [property@Mcp.Client:timeout],
 * %G_IO_ERROR_CONNECTION_CLOSED when the server went away); a spawn
 * failure is in the %G_SPAWN_ERROR domain; everything else is in the
 * %MCP_CLIENT_ERROR domain.
 */

#define PROBE_TIMEOUT_MS   10000
#define MAX_INPUT_ROUNDS   16
#define MAX_LIST_PAGES     10000
#define DEFAULT_POLL_MS    1000
#define MIN_POLL_MS        10
#define MAX_POLL_MS        30000

typedef enum
{
  STATE_NEW,
  STATE_CONNECTING,
  STATE_CONNECTED,
  STATE_CLOSED,
} ClientState;

typedef enum
{
  REQUEST_DEFAULT        = 0,
  REQUEST_WHILE_CONNECTING = 1 << 0,
  REQUEST_NO_TIMEOUT     = 1 << 1,
  /* The request does not keep the client alive (subscriptions/listen):
   * its callback gets no source object. */
  REQUEST_WEAK           = 1 << 2,
} RequestFlags;

struct _McpClient
{
  GObject              parent_instance;

  McpClientTransport  *transport;
  GMainContext        *context;
  gulong               message_handler;
  gulong               closed_handler;

  /* configuration */
  McpClientMode        mode;
  char                *legacy_version;
  char                *client_name;
  char                *client_version;
  JsonObject          *capabilities;
  char                *log_level;
  guint                timeout_ms;
  JsonArray           *roots;
  guint                follow_tasks : 1;

  /* the connection */
  ClientState          state;
  McpEra               era;
  char                *protocol_version;
  JsonObject          *server_info;
  JsonObject          *server_capabilities;
  char                *instructions;
  GError              *close_error;      /* why the server went away */

  gint64               next_id;
  gint64               next_token;
  GHashTable          *pending;          /* id key → Pending */
  GHashTable          *operations;       /* progress token key → Operation (unowned) */
  GHashTable          *server_requests;  /* id key → McpInputRequest */
  GHashTable          *tool_schemas;     /* tool name → input schema */

  /* change notifications (2026-07-28) */
  GHashTable          *subscriptions;    /* URIs */
  GCancellable        *listen_cancellable;
  char                *listen_key;       /* the pending subscriptions/listen */
  guint                listening : 1;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_LEGACY_VERSION,
  PROP_CLIENT_NAME,
  PROP_CLIENT_VERSION,
  PROP_CAPABILITIES,
  PROP_FOLLOW_TASKS,
  PROP_LOG_LEVEL,
  PROP_TIMEOUT,
  PROP_CONNECTED,
  PROP_ERA,
  PROP_PROTOCOL_VERSION,
  PROP_SERVER_INFO,
  PROP_SERVER_CAPABILITIES,
  PROP_INSTRUCTIONS,
  N_PROPS
};

enum {
  INPUT_REQUEST,
  PROGRESS,
  LOG_MESSAGE,
  LIST_CHANGED,
  RESOURCE_UPDATED,
  TASK_STATUS,
  NOTIFICATION,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McpClient, mcp_client, G_TYPE_OBJECT)

/**
 * mcp_client_error_quark:
 *
 * Gets the quark behind %MCP_CLIENT_ERROR.
 *
 * Returns: the error domain quark
 */
G_DEFINE_QUARK (mcp-client-error-quark, mcp_client_error)

/* ------------------------------------------------------------------ */
/* Requests in flight                                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  McpClient    *client;          /* unowned: the task holds a reference */
  GTask        *task;
  JsonNode     *id;
  char         *key;
  char         *method;
  GCancellable *exchange;        /* aborts the HTTP exchange */
  GSource      *cancel_source;
  GSource      *timeout_source;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->cancel_source != NULL)
    {
      g_source_destroy (pending->cancel_source);
      g_source_unref (pending->cancel_source);
    }
  if (pending->timeout_source != NULL)
    {
      g_source_destroy (pending->timeout_source);
      g_source_unref (pending->timeout_source);
    }
  g_clear_object (&pending->exchange);
  g_clear_object (&pending->task);
  g_clear_pointer (&pending->id, json_node_unref);
  g_free (pending->key);
  g_free (pending->method);
  g_free (pending);
}

/* Takes @pending out of the table and completes its task with @result
 * (taken) or @error (taken). */
static void
pending_complete (McpClient  *self,
                  Pending    *pending,
                  JsonObject *result,
                  GError     *error)
{
  GTask *task = g_steal_pointer (&pending->task);

  g_hash_table_steal (self->pending, pending->key);
  pending_free (pending);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)json_object_unref);
  g_object_unref (task);
}

static void
fail_all_pending (McpClient    *self,
                  const GError *error)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);

  for (guint i = 0; i < all->len; i++)
    pending_complete (self, g_ptr_array_index (all, i), NULL, g_error_copy (error));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_client_transport_send_finish (MCP_CLIENT_TRANSPORT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Sending a message failed: %s", error->message);
}

/* A message that expects no answer: a notification or a response. */
static void
mcp_client_send_message (McpClient *self,
                         JsonNode  *message)
{
  if (self->transport == NULL || mcp_client_transport_is_closed (self->transport))
    return;

  mcp_client_transport_send_async (self->transport, message, NULL, NULL, send_cb, NULL);
}

static void
mcp_client_send_notification (McpClient  *self,
                              const char *method,
                              JsonObject *params)
{
  g_autoptr(JsonNode) message = mcp_jsonrpc_new_notification (method, params);

  mcp_client_send_message (self, message);
}

typedef struct
{
  McpClient *client;
  char      *key;
} SendData;

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SendData *data = user_data;
  McpClient *self = data->client;
  g_autoptr(GError) error = NULL;
  Pending *pending;
  gboolean sent;

  sent = mcp_client_transport_send_finish (MCP_CLIENT_TRANSPORT (object), result, &error);

  if (self != NULL && (pending = g_hash_table_lookup (self->pending, data->key)) != NULL)
    {
      if (!sent)
        pending_complete (self, pending, NULL, g_steal_pointer (&error));
      else if (mcp_client_transport_answers_on_exchange (MCP_CLIENT_TRANSPORT (object)))
        pending_complete (self, pending, NULL,
                          g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                       "The server ended the %s exchange without an answer",
                                       pending->method));
    }

  if (data->client != NULL)
    g_object_remove_weak_pointer (G_OBJECT (data->client), (gpointer *)&data->client);
  g_free (data->key);
  g_free (data);
}

static void
pending_abort (McpClient  *self,
               Pending    *pending,
               const char *reason,
               GError     *error)
{
  /* Tell the server; over HTTP in 2026-07-28, closing the stream is how. */
  if (!mcp_client_transport_answers_on_exchange (self->transport) || self->era == MCP_ERA_LEGACY)
    {
      JsonObject *params = json_object_new ();

      json_object_set_member (params, "requestId", json_node_copy (pending->id));
      json_object_set_string_member (params, "reason", reason);
      mcp_client_send_notification (self, "notifications/cancelled", params);
    }

  g_cancellable_cancel (pending->exchange);
  pending_complete (self, pending, NULL, error);
}

static gboolean
pending_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->cancel_source, g_source_unref);
  pending_abort (pending->client, pending, "Cancelled by the client",
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static gboolean
pending_timeout_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->timeout_source, g_source_unref);
  pending_abort (pending->client, pending, "Request timed out",
                 g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                              "The server did not answer the %s request in time", pending->method));
  return G_SOURCE_REMOVE;
}

static JsonObject *
mcp_client_build_capabilities (McpClient *self)
{
  JsonObject *capabilities = self->capabilities != NULL ? mcp_json_object_copy (self->capabilities)
                                                        : json_object_new ();

  if (!json_object_has_member (capabilities, "roots"))
    {
      JsonObject *roots = json_object_new ();

      if (self->era == MCP_ERA_LEGACY)
        json_object_set_boolean_member (roots, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "roots", roots);
    }

  if (self->follow_tasks && self->era == MCP_ERA_MODERN)
    {
      JsonObject *extensions = mcp_json_get_object (capabilities, "extensions");

      if (extensions == NULL)
        {
          extensions = json_object_new ();
          json_object_set_object_member (capabilities, "extensions", extensions);
        }
      if (!json_object_has_member (extensions, MCP_TASKS_EXTENSION))
        json_object_set_object_member (extensions, MCP_TASKS_EXTENSION, json_object_new ());
    }

  return capabilities;
}

static JsonObject *
mcp_client_build_client_info (McpClient *self)
{
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "name", self->client_name);
  json_object_set_string_member (info, "version", self->client_version);
  return info;
}

/* The _meta every 2026-07-28 request carries. */
static void
mcp_client_add_modern_meta (McpClient  *self,
                            JsonObject *params)
{
  JsonObject *meta = mcp_json_get_object (params, "_meta");

  if (meta == NULL)
    {
      meta = json_object_new ();
      json_object_set_object_member (params, "_meta", meta);
    }

  json_object_set_string_member (meta, MCP_META_PROTOCOL_VERSION,
                                 self->protocol_version != NULL ? self->protocol_version
                                                                : MCP_PROTOCOL_VERSION_LATEST);
  json_object_set_object_member (meta, MCP_META_CLIENT_CAPABILITIES,
                                 mcp_client_build_capabilities (self));
  json_object_set_object_member (meta, MCP_META_CLIENT_INFO, mcp_client_build_client_info (self));
  if (self->log_level != NULL)
    json_object_set_string_member (meta, MCP_META_LOG_LEVEL, self->log_level);
}

/* Mcp-Param-* headers (2026-07-28 over HTTP): the arguments a tool's
 * input schema marks with x-mcp-header, mirrored into headers. */
static void
collect_param_headers (GHashTable *headers,
                       JsonObject *schema,
                       JsonNode   *value,
                       guint       depth)
{
  JsonObject *schema_properties = mcp_json_get_object (schema, "properties");
  JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value)
                                                                      : NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (schema_properties == NULL || object == NULL || depth > 32)
    return;

  json_object_iter_init (&iter, schema_properties);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonNode *child = json_object_get_member (object, member);
      const char *header;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) || child == NULL)
        continue;

      header = mcp_json_get_string (json_node_get_object (node), "x-mcp-header");
      if (header != NULL && JSON_NODE_HOLDS_VALUE (child))
        {
          if (mcp_json_node_is_string (child))
            text = mcp_client_http_encode_header_value (json_node_get_string (child));
          else if (mcp_json_node_is_integer (child))
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (child));
          else if (mcp_json_node_is_boolean (child))
            text = g_strdup (json_node_get_boolean (child) ? "true" : "false");
          else if (mcp_json_node_is_number (child))
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (child)));
            }

          if (text != NULL)
            g_hash_table_replace (headers, g_strconcat ("Mcp-Param-", header, NULL),
                                  g_steal_pointer (&text));
        }

      collect_param_headers (headers, json_node_get_object (node), child, depth + 1);
    }
}

static GHashTable *
mcp_client_param_headers (McpClient  *self,
                          const char *method,
                          JsonObject *params)
{
  const char *name;
  JsonObject *schema;
  GHashTable *headers;

  if (self->era != MCP_ERA_MODERN || g_strcmp0 (method, "tools/call") != 0 ||
      !mcp_client_transport_answers_on_exchange (self->transport))
    return NULL;

  name = mcp_json_get_string (params, "name");
  schema = name != NULL ? g_hash_table_lookup (self->tool_schemas, name) : NULL;
  if (schema == NULL)
    return NULL;

  headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collect_param_headers (headers, schema, mcp_json_get_member (params, "arguments"), 0);
  return headers;
}

/* Sends a request and completes with its result object (or the JSON-RPC
 * error as an MCP_ERROR). @params is taken. */
static void
mcp_client_send_request (McpClient           *self,
                         const char          *method,
                         JsonObject          *params,
                         RequestFlags         flags,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new ((flags & REQUEST_WEAK) != 0 ? NULL : self,
                                      cancellable, callback, user_data);
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GHashTable) headers = NULL;
  Pending *pending;
  SendData *data;

  g_task_set_source_tag (task, mcp_client_send_request);

  if (params == NULL)
    params = json_object_new ();

  if (!(self->state == STATE_CONNECTED ||
        (self->state == STATE_CONNECTING && (flags & REQUEST_WHILE_CONNECTING) != 0)) ||
      self->transport == NULL || mcp_client_transport_is_closed (self->transport))
    {
      json_object_unref (params);
      /* While connecting, why the server went away is the better answer. */
      if ((flags & REQUEST_WHILE_CONNECTING) != 0 && self->close_error != NULL)
        g_task_return_error (task, g_error_copy (self->close_error));
      else if (self->close_error != NULL)
        g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED,
                                 "The connection to the server is closed: %s",
                                 self->close_error->message);
      else
        g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED,
                                 self->state == STATE_CLOSED ? "The connection to the server is closed"
                                                             : "The client is not connected");
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      json_object_unref (params);
      return;
    }

  if (self->era == MCP_ERA_MODERN && g_strcmp0 (method, "initialize") != 0)
    mcp_client_add_modern_meta (self, params);

  headers = mcp_client_param_headers (self, method, params);

  pending = g_new0 (Pending, 1);
  pending->client = self;
  pending->task = g_steal_pointer (&task);
  pending->id = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (pending->id, ++self->next_id);
  pending->key = mcp_json_id_to_key (pending->id);
  pending->method = g_strdup (method);
  pending->exchange = g_cancellable_new ();

  if (cancellable != NULL)
    {
      pending->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (pending->cancel_source, G_SOURCE_FUNC (pending_cancelled_cb),
                             pending, NULL);
      g_source_attach (pending->cancel_source, self->context);
    }

  if (timeout_ms == 0 && (flags & REQUEST_NO_TIMEOUT) == 0)
    timeout_ms = self->timeout_ms;
  if (timeout_ms > 0 && (flags & REQUEST_NO_TIMEOUT) == 0)
    {
      pending->timeout_source = g_timeout_source_new (timeout_ms);
      g_source_set_callback (pending->timeout_source, pending_timeout_cb, pending, NULL);
      g_source_attach (pending->timeout_source, self->context);
    }

  g_hash_table_insert (self->pending, pending->key, pending);

  message = mcp_jsonrpc_new_request (pending->id, method, params);

  data = g_new0 (SendData, 1);
  data->client = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *)&data->client);
  data->key = g_strdup (pending->key);
  mcp_client_transport_send_async (self->transport, message, headers, pending->exchange,
                                   request_sent_cb, data);
}

static JsonObject *
mcp_client_send_request_finish (McpClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* What the server sends                                               */
/* ------------------------------------------------------------------ */

static void
handle_response (McpClient  *self,
                 JsonObject *message,
                 JsonNode   *id)
{
  g_autofree char *key = mcp_json_id_to_key (id);
  Pending *pending = key != NULL ? g_hash_table_lookup (self->pending, key) : NULL;
  JsonNode *result = json_object_get_member (message, "result");
  JsonObject *error = mcp_json_get_object (message, "error");

  if (pending == NULL)
    {
      g_debug ("Ignoring a response to an unknown request");
      return;
    }

  if (error != NULL)
    {
      JsonNode *code = mcp_json_get_member (error, "code");
      const char *text = mcp_json_get_string (error, "message");

      pending_complete (self, pending, NULL,
                        g_error_new_literal (MCP_ERROR,
                                             mcp_json_node_is_integer (code)
                                             ? (int)json_node_get_int (code)
                                             : MCP_ERROR_INTERNAL_ERROR,
                                             text != NULL ? text : "Unknown error"));
      return;
    }

  if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
    {
      pending_complete (self, pending, NULL,
                        g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                     "The server answered %s with %s instead of a result object",
                                     pending->method, mcp_json_type_name (result)));
      return;
    }

  pending_complete (self, pending, json_object_ref (json_node_get_object (result)), NULL);
}

static void mcp_client_emit_input_request (McpClient       *self,
                                           McpInputRequest *request);

typedef struct
{
  McpClient *client;
  JsonNode  *id;
  char      *key;
} ServerRequest;

static void
server_request_free (ServerRequest *data)
{
  if (data->client != NULL)
    g_object_remove_weak_pointer (G_OBJECT (data->client), (gpointer *)&data->client);
  json_node_unref (data->id);
  g_free (data->key);
  g_free (data);
}

static void
server_request_done (McpInputRequest *request,
                     JsonObject      *result,
                     const GError    *error,
                     gpointer         user_data)
{
  ServerRequest *data = user_data;
  McpClient *self = data->client;
  g_autoptr(JsonNode) response = NULL;

  if (self == NULL)
    return;

  if (result != NULL)
    response = mcp_jsonrpc_new_response (data->id, json_object_ref (result));
  else
    response = mcp_jsonrpc_new_error_from_gerror (data->id, error);

  mcp_client_send_message (self, response);
  g_hash_table_remove (self->server_requests, data->key);
}

/* A request of a legacy server to the client. */
static void
handle_server_request (McpClient  *self,
                       JsonNode   *id,
                       const char *method,
                       JsonObject *params)
{
  g_autoptr(McpInputRequest) request = NULL;
  ServerRequest *data;

  if (strcmp (method, "ping") == 0)
    {
      g_autoptr(JsonNode) response = mcp_jsonrpc_new_response (id, json_object_new ());

      mcp_client_send_message (self, response);
      return;
    }

  data = g_new0 (ServerRequest, 1);
  data->client = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *)&data->client);
  data->id = json_node_copy (id);
  data->key = mcp_json_id_to_key (id);

  request = mcp_input_request_new (method, params, NULL, self->era,
                                   server_request_done, data, (GDestroyNotify)server_request_free);
  g_hash_table_replace (self->server_requests, g_strdup (data->key), g_object_ref (request));
  mcp_client_emit_input_request (self, request);
}

typedef struct _Operation Operation;
static void operation_progress (Operation   *op,
                                JsonObject  *params);

static void
handle_notification (McpClient  *self,
                     const char *method,
                     JsonObject *params)
{
  g_signal_emit (self, signals[NOTIFICATION], 0, method, params);

  if (strcmp (method, "notifications/progress") == 0)
    {
      g_autofree char *key = mcp_json_id_to_key (mcp_json_get_member (params, "progressToken"));
      Operation *op = key != NULL ? g_hash_table_lookup (self->operations, key) : NULL;

      if (op != NULL)
        operation_progress (op, params);
    }
  else if (strcmp (method, "notifications/message") == 0)
    {
      McpLogLevel level = MCP_LOG_LEVEL_INFO;
      JsonNode *data = mcp_json_get_member (params, "data");
      g_autoptr(JsonNode) null_node = NULL;

      mcp_log_level_from_string (mcp_json_get_string (params, "level"), &level);
      if (data == NULL)
        data = null_node = json_node_new (JSON_NODE_NULL);
      g_signal_emit (self, signals[LOG_MESSAGE], 0, level, mcp_json_get_string (params, "logger"),
                     data);
    }
  else if (strcmp (method, "notifications/tools/list_changed") == 0)
    {
      g_hash_table_remove_all (self->tool_schemas);
      g_signal_emit (self, signals[LIST_CHANGED], g_quark_from_static_string ("tools"), "tools");
    }
  else if (strcmp (method, "notifications/prompts/list_changed") == 0)
    g_signal_emit (self, signals[LIST_CHANGED], g_quark_from_static_string ("prompts"), "prompts");
  else if (strcmp (method, "notifications/resources/list_changed") == 0)
    g_signal_emit (self, signals[LIST_CHANGED], g_quark_from_static_string ("resources"), "resources");
  else if (strcmp (method, "notifications/resources/updated") == 0)
    {
      const char *uri = mcp_json_get_string (params, "uri");

      if (uri != NULL)
        g_signal_emit (self, signals[RESOURCE_UPDATED], 0, uri);
    }
  else if (strcmp (method, "notifications/cancelled") == 0)
    {
      g_autofree char *key = mcp_json_id_to_key (mcp_json_get_member (params, "requestId"));
      McpInputRequest *request = key != NULL ? g_hash_table_lookup (self->server_requests, key) : NULL;

      if (request != NULL)
        {
          g_autoptr(McpInputRequest) hold = g_object_ref (request);

          g_hash_table_remove (self->server_requests, key);
          mcp_input_request_abandon (hold);
        }
    }
  else if (strcmp (method, "notifications/tasks") == 0)
    {
      const char *task_id = mcp_json_get_string (params, "taskId");
      const char *status = mcp_json_get_string (params, "status");

      if (task_id != NULL && status != NULL)
        g_signal_emit (self, signals[TASK_STATUS], 0, task_id, status, params);
    }
}

static void
on_transport_message (McpClientTransport *transport,
                      JsonNode           *node,
                      McpClient          *self)
{
  g_autoptr(McpClient) hold = g_object_ref (self);
  JsonObject *message;
  JsonNode *id;
  JsonNode *method_node;
  JsonNode *params_node;
  JsonObject *params;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Ignoring a message from the server that is not an object");
      return;
    }

  message = json_node_get_object (node);
  id = json_object_get_member (message, "id");
  method_node = json_object_get_member (message, "method");
  params_node = json_object_get_member (message, "params");
  params = params_node != NULL && JSON_NODE_HOLDS_OBJECT (params_node)
           ? json_node_get_object (params_node) : NULL;

  if (method_node == NULL)
    {
      if (mcp_json_id_is_valid (id))
        handle_response (self, message, id);
      else
        g_debug ("Ignoring a message from the server without method or id");
      return;
    }

  if (!mcp_json_node_is_string (method_node))
    {
      g_debug ("Ignoring a message from the server whose method is not a string");
      return;
    }

  if (params == NULL)
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      if (mcp_json_id_is_valid (id))
        handle_server_request (self, id, json_node_get_string (method_node), empty);
      else if (id == NULL)
        handle_notification (self, json_node_get_string (method_node), empty);
      return;
    }

  if (mcp_json_id_is_valid (id))
    handle_server_request (self, id, json_node_get_string (method_node), params);
  else if (id == NULL)
    handle_notification (self, json_node_get_string (method_node), params);
}

/* The server will not hear answers any more. */
static void
abandon_server_requests (McpClient *self)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->server_requests);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (requests, g_object_ref (value));
  g_hash_table_remove_all (self->server_requests);
  for (guint i = 0; i < requests->len; i++)
    mcp_input_request_abandon (g_ptr_array_index (requests, i));
}

static void
on_transport_closed (McpClientTransport *transport,
                     const GError       *error,
                     McpClient          *self)
{
  g_autoptr(McpClient) hold = g_object_ref (self);
  g_autoptr(GError) closed = NULL;

  if (error != NULL)
    {
      closed = g_error_copy (error);
      if (self->close_error == NULL)
        self->close_error = g_error_copy (error);
    }
  else
    closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                  "The connection to the server is closed");

  if (self->state != STATE_CLOSED)
    {
      self->state = STATE_CLOSED;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }

  fail_all_pending (self, closed);
  abandon_server_requests (self);

  g_signal_emit (self, signals[CLOSED], 0, error);
}

/* ------------------------------------------------------------------ */
/* Input requests                                                      */
/* ------------------------------------------------------------------ */

static void
mcp_client_emit_input_request (McpClient       *self,
                               McpInputRequest *request)
{
  const char *method = mcp_input_request_get_method (request);
  gboolean handled = FALSE;

  g_signal_emit (self, signals[INPUT_REQUEST], 0, request, &handled);
  if (handled || mcp_input_request_is_answered (request))
    return;

  /* Nobody took it: what the client can answer by itself. */
  if (strcmp (method, "roots/list") == 0)
    {
      g_autoptr(JsonObject) result = json_object_new ();

      json_object_set_array_member (result, "roots", json_array_ref (self->roots));
      mcp_input_request_return_result (request, result);
    }
  else if (strcmp (method, "elicitation/create") == 0)
    mcp_input_request_decline (request);
  else
    {
      g_autofree char *message = g_strdup_printf ("The client does not answer %s requests", method);

      mcp_input_request_return_error (request, MCP_ERROR_METHOD_NOT_FOUND, message);
    }
}

/* ------------------------------------------------------------------ */
/* Operations: a request followed through input rounds and tasks       */
/* ------------------------------------------------------------------ */

typedef enum
{
  RESULT_RAW,
  RESULT_TOOL,
  RESULT_RESOURCE,
  RESULT_PROMPT,
} ResultKind;

struct _Operation
{
  McpClient    *client;        /* unowned: the task holds a reference */
  GTask        *task;          /* unowned */
  char         *method;
  JsonObject   *params;
  char         *target;
  ResultKind    kind;
  char         *token_key;
  JsonNode     *token;

  guint         rounds;
  JsonObject   *responses;
  char         *request_state;
  GPtrArray    *inputs;        /* McpInputRequest */
  guint         waiting;
  GError       *input_error;

  char         *task_id;
  char         *task_status;
  guint         poll_ms;
  GSource      *poll_source;
  GHashTable   *task_inputs;   /* keys answered or being answered */

  GSource      *cancel_source;
  guint         header_retry : 1;
  guint         finished : 1;
};

static void
operation_clear_sources (Operation *op)
{
  if (op->poll_source != NULL)
    {
      g_source_destroy (op->poll_source);
      g_clear_pointer (&op->poll_source, g_source_unref);
    }
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }
}

static void
operation_abandon_inputs (Operation *op)
{
  g_autoptr(GPtrArray) inputs = g_steal_pointer (&op->inputs);

  op->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; inputs != NULL && i < inputs->len; i++)
    mcp_input_request_abandon (g_ptr_array_index (inputs, i));
}

static void
operation_free (Operation *op)
{
  /* The task drops its source object (the client) before its data: do
   * not touch op->client here. operation_end() did the unregistering. */
  operation_clear_sources (op);
  g_clear_pointer (&op->inputs, g_ptr_array_unref);
  g_clear_pointer (&op->method, g_free);
  g_clear_pointer (&op->params, json_object_unref);
  g_clear_pointer (&op->target, g_free);
  g_clear_pointer (&op->token_key, g_free);
  g_clear_pointer (&op->token, json_node_unref);
  g_clear_pointer (&op->responses, json_object_unref);
  g_clear_pointer (&op->request_state, g_free);
  g_clear_error (&op->input_error);
  g_clear_pointer (&op->task_id, g_free);
  g_clear_pointer (&op->task_status, g_free);
  g_clear_pointer (&op->task_inputs, g_hash_table_unref);
  g_free (op);
}

/* The operation is over: no more requests, inputs or polls for it. */
static gboolean
operation_end (Operation *op)
{
  if (op->finished)
    return FALSE;

  op->finished = TRUE;
  operation_clear_sources (op);
  operation_abandon_inputs (op);
  if (op->token_key != NULL && g_hash_table_lookup (op->client->operations, op->token_key) == op)
    g_hash_table_remove (op->client->operations, op->token_key);
  return TRUE;
}

static void tasks_cancel_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* Ending the operation may drop the last other reference to its task. */
static void
operation_return_error (Operation *op,
                        GError    *error)
{
  g_autoptr(GTask) task = g_object_ref (op->task);

  if (!operation_end (op))
    {
      g_error_free (error);
      return;
    }

  /* A task goes on without us unless we say so, whichever way the
   * cancellation reached us first. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && op->task_id != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (task)) &&
      g_strcmp0 (op->task_status, "cancelled") != 0)
    {
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, "taskId", op->task_id);
      mcp_client_send_request (op->client, "tasks/cancel", params, REQUEST_DEFAULT, 0, NULL,
                               tasks_cancel_cb, NULL);
    }

  g_task_return_error (task, error);
}

static void
operation_return_result (Operation  *op,
                         JsonObject *result)
{
  g_autoptr(GTask) task = g_object_ref (op->task);

  if (!operation_end (op))
    {
      json_object_unref (result);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify)json_object_unref);
}

static void
operation_progress (Operation  *op,
                    JsonObject *params)
{
  JsonNode *progress = mcp_json_get_member (params, "progress");
  JsonNode *total = mcp_json_get_member (params, "total");

  if (op->finished || !mcp_json_node_is_number (progress))
    return;

  g_signal_emit (op->client, signals[PROGRESS], 0, op->method, op->target,
                 mcp_json_node_get_number (progress),
                 mcp_json_node_is_number (total) ? mcp_json_node_get_number (total) : -1.0,
                 mcp_json_get_string (params, "message"));
}

static void operation_send        (GTask      *task);
static void operation_follow_task (GTask      *task,
                                   JsonObject *record);

static void
tasks_cancel_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    g_debug ("tasks/cancel failed: %s", error->message);
}

static gboolean
operation_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);

  g_clear_pointer (&op->cancel_source, g_source_unref);
  operation_return_error (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GTask *task;
  char  *key;
  guint  for_task : 1;
} InputData;

static void
input_data_free (InputData *data)
{
  g_object_unref (data->task);
  g_free (data->key);
  g_free (data);
}

static void
tasks_update_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    operation_return_error (op, error);
}

/* Every input of the round is answered: send the request again. */
static void
operation_inputs_done (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  GError *input_error = g_steal_pointer (&op->input_error);

  if (input_error == NULL)
    {
      operation_send (task);
      return;
    }

  /* No single input can be refused in 2026-07-28: the request fails. */
  if (input_error->domain == MCP_ERROR && input_error->code == MCP_ERROR_METHOD_NOT_FOUND)
    {
      GError *unavailable = g_error_new_literal (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_INPUT_UNAVAILABLE,
                                                 input_error->message);

      g_error_free (input_error);
      input_error = unavailable;
    }
  operation_return_error (op, input_error);
}

static void
operation_input_done (McpInputRequest *request,
                      JsonObject      *result,
                      const GError    *error,
                      gpointer         user_data)
{
  InputData *data = user_data;
  Operation *op = g_task_get_task_data (data->task);

  if (op->finished)
    return;

  g_ptr_array_remove (op->inputs, request);

  if (data->for_task)
    {
      JsonObject *params;
      JsonObject *responses;

      if (error != NULL)
        {
          operation_return_error (op, g_error_copy (error));
          return;
        }

      /* Each answer goes to the task as soon as it is there. */
      responses = json_object_new ();
      json_object_set_object_member (responses, data->key, json_object_ref (result));
      params = json_object_new ();
      json_object_set_string_member (params, "taskId", op->task_id);
      json_object_set_object_member (params, "inputResponses", responses);
      mcp_client_send_request (op->client, "tasks/update", params, REQUEST_DEFAULT, 0,
                               g_task_get_cancellable (data->task), tasks_update_cb,
                               g_object_ref (data->task));
      return;
    }

  if (error != NULL)
    {
      if (op->input_error == NULL)
        op->input_error = g_error_copy (error);
    }
  else
    json_object_set_object_member (op->responses, data->key, json_object_ref (result));

  if (--op->waiting > 0)
    return;

  operation_inputs_done (data->task);
}

/* Emits one input request of the operation. Returns FALSE when the
 * request is malformed (and fails the operation). */
static gboolean
operation_ask (GTask      *task,
               const char *key,
               JsonNode   *node,
               gboolean    for_task)
{
  Operation *op = g_task_get_task_data (task);
  JsonObject *spec = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *method = mcp_json_get_string (spec, "method");
  JsonNode *params = mcp_json_get_member (spec, "params");
  g_autoptr(McpInputRequest) request = NULL;
  InputData *data;

  if (method == NULL || (params != NULL && !JSON_NODE_HOLDS_OBJECT (params)))
    {
      operation_return_error (op, g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                               "The server sent a malformed input request “%s”",
                                               key));
      return FALSE;
    }

  data = g_new0 (InputData, 1);
  data->task = g_object_ref (task);
  data->key = g_strdup (key);
  data->for_task = for_task;

  request = mcp_input_request_new (method, params != NULL ? json_node_get_object (params) : NULL,
                                   key, MCP_ERA_MODERN, operation_input_done, data,
                                   (GDestroyNotify)input_data_free);
  g_ptr_array_add (op->inputs, g_object_ref (request));
  mcp_client_emit_input_request (op->client, request);
  return TRUE;
}

/* An InputRequiredResult (2026-07-28): ask, then send the request again. */
static void
operation_gather_inputs (GTask      *task,
                         JsonObject *result)
{
  Operation *op = g_task_get_task_data (task);
  JsonNode *requests_node = mcp_json_get_member (result, "inputRequests");
  JsonNode *state = mcp_json_get_member (result, "requestState");
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (++op->rounds > MAX_INPUT_ROUNDS)
    {
      operation_return_error (op, g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                               "The server asked for input more than %u times",
                                               MAX_INPUT_ROUNDS));
      return;
    }

  if ((requests_node != NULL && !JSON_NODE_HOLDS_OBJECT (requests_node)) ||
      (state != NULL && !mcp_json_node_is_string (state)))
    {
      operation_return_error (op, g_error_new_literal (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                                       "The server sent a malformed InputRequiredResult"));
      return;
    }

  g_clear_pointer (&op->request_state, g_free);
  if (state != NULL)
    op->request_state = g_strdup (json_node_get_string (state));
  g_clear_pointer (&op->responses, json_object_unref);
  op->responses = json_object_new ();

  /* One more than the inputs, so that answers given during the loop do
   * not send the request before every input was asked. */
  op->waiting = 1;
  if (requests_node != NULL)
    {
      json_object_iter_init (&iter, json_node_get_object (requests_node));
      while (json_object_iter_next (&iter, &key, &node))
        {
          op->waiting++;
          if (!operation_ask (task, key, node, FALSE))
            return;
          if (op->finished)
            return;
        }
    }

  if (--op->waiting > 0)
    return;

  operation_inputs_done (task);
}

static void
operation_response_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data);

static void
refresh_schemas_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(JsonArray) tools = NULL;
  GError *error = NULL;

  if (op->finished)
    return;

  tools = mcp_client_list_tools_finish (MCP_CLIENT (object), result, &error);
  if (tools == NULL)
    {
      operation_return_error (op, error);
      return;
    }

  operation_send (task);
}

static void
operation_response_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  JsonObject *answer;
  GError *error = NULL;
  const char *result_type;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (op->finished)
    {
      g_clear_error (&error);
      g_clear_pointer (&answer, json_object_unref);
      return;
    }

  if (answer == NULL)
    {
      /* The tool wants Mcp-Param-* headers we could not know: learn the
       * schemas and try once more. */
      if (g_error_matches (error, MCP_ERROR, MCP_ERROR_HEADER_MISMATCH) &&
          strcmp (op->method, "tools/call") == 0 && !op->header_retry)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          op->header_retry = TRUE;
          g_clear_error (&error);
          mcp_client_list_tools_async (op->client, cancellable, refresh_schemas_cb,
                                       g_steal_pointer (&task));
          return;
        }

      operation_return_error (op, error);
      return;
    }

  result_type = mcp_json_get_string (answer, "resultType");
  if (g_strcmp0 (result_type, "input_required") == 0)
    operation_gather_inputs (task, answer);
  else if (g_strcmp0 (result_type, "task") == 0 && op->client->era == MCP_ERA_MODERN)
    operation_follow_task (task, answer);
  else
    {
      operation_return_result (op, answer);
      return;
    }

  json_object_unref (answer);
}

static void
operation_send (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  JsonObject *params = mcp_json_object_copy (op->params);
  JsonObject *meta;

  if (op->token != NULL)
    {
      if ((meta = mcp_json_get_object (params, "_meta")) == NULL)
        {
          meta = json_object_new ();
          json_object_set_object_member (params, "_meta", meta);
        }
      json_object_set_member (meta, "progressToken", json_node_copy (op->token));
    }

  if (op->responses != NULL && json_object_get_size (op->responses) > 0)
    json_object_set_object_member (params, "inputResponses", json_object_ref (op->responses));
  if (op->request_state != NULL)
    json_object_set_string_member (params, "requestState", op->request_state);

  mcp_client_send_request (op->client, op->method, params, REQUEST_DEFAULT, 0,
                           g_task_get_cancellable (task), operation_response_cb, g_object_ref (task));
}

/* Tasks (the io.modelcontextprotocol/tasks extension) */

static gboolean
status_is_terminal (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "failed") == 0 ||
         g_strcmp0 (status, "cancelled") == 0;
}

static void
tasks_get_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) record = NULL;
  GError *error = NULL;

  record = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (op->finished)
    {
      g_clear_error (&error);
      return;
    }

  if (record == NULL)
    {
      operation_return_error (op, error);
      return;
    }

  operation_follow_task (task, record);
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  JsonObject *params = json_object_new ();

  g_clear_pointer (&op->poll_source, g_source_unref);

  json_object_set_string_member (params, "taskId", op->task_id);
  mcp_client_send_request (op->client, "tasks/get", params, REQUEST_DEFAULT, 0,
                           g_task_get_cancellable (task), tasks_get_cb, g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* A task handle or a tasks/get answer: settle, ask, or poll again. */
static void
operation_follow_task (GTask      *task,
                       JsonObject *record)
{
  Operation *op = g_task_get_task_data (task);
  const char *task_id;
  const char *status;
  JsonNode *interval;

  /* Some servers wrap the task handle in a "task" member. */
  if (!json_object_has_member (record, "taskId") && mcp_json_get_object (record, "task") != NULL)
    record = mcp_json_get_object (record, "task");

  task_id = mcp_json_get_string (record, "taskId");
  status = mcp_json_get_string (record, "status");
  interval = mcp_json_get_member (record, "pollIntervalMs");

  if ((op->task_id == NULL && task_id == NULL) || status == NULL)
    {
      operation_return_error (op, g_error_new_literal (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                                       "The server sent a malformed task"));
      return;
    }

  if (op->task_id == NULL)
    op->task_id = g_strdup (task_id);
  if (mcp_json_node_is_integer (interval))
    op->poll_ms = (guint)CLAMP (json_node_get_int (interval), MIN_POLL_MS, MAX_POLL_MS);

  if (g_strcmp0 (op->task_status, status) != 0)
    {
      g_free (op->task_status);
      op->task_status = g_strdup (status);
      g_signal_emit (op->client, signals[TASK_STATUS], 0, op->task_id, status, record);
      if (op->finished)
        return;
    }

  if (strcmp (status, "completed") == 0)
    {
      JsonObject *inner = mcp_json_get_object (record, "result");

      if (inner == NULL)
        operation_return_error (op, g_error_new_literal (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                                                         "The server completed the task without a result"));
      else
        operation_return_result (op, json_object_ref (inner));
      return;
    }

  if (strcmp (status, "failed") == 0)
    {
      JsonObject *error = mcp_json_get_object (record, "error");
      JsonNode *code = mcp_json_get_member (error, "code");
      const char *message = mcp_json_get_string (error, "message");

      if (message == NULL)
        message = mcp_json_get_string (record, "statusMessage");
      operation_return_error (op, g_error_new_literal (MCP_ERROR,
                                                       mcp_json_node_is_integer (code)
                                                       ? (int)json_node_get_int (code)
                                                       : MCP_ERROR_INTERNAL_ERROR,
                                                       message != NULL ? message : "The task failed"));
      return;
    }

  if (strcmp (status, "cancelled") == 0)
    {
      const char *message = mcp_json_get_string (record, "statusMessage");

      operation_return_error (op, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               "The task was cancelled%s%s",
                                               message != NULL ? ": " : "",
                                               message != NULL ? message : ""));
      return;
    }

  if (strcmp (status, "input_required") == 0)
    {
      JsonObject *requests = mcp_json_get_object (record, "inputRequests");
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      if (requests != NULL)
        {
          json_object_iter_init (&iter, requests);
          while (json_object_iter_next (&iter, &key, &node))
            {
              if (g_hash_table_contains (op->task_inputs, key))
                continue;
              g_hash_table_add (op->task_inputs, g_strdup (key));
              if (!operation_ask (task, key, node, TRUE) || op->finished)
                return;
            }
        }
    }

  g_assert (!status_is_terminal (status));

  op->poll_source = g_timeout_source_new (op->poll_ms);
  g_source_set_callback (op->poll_source, poll_cb, g_object_ref (task), g_object_unref);
  g_source_attach (op->poll_source, op->client->context);
}

static Operation *
operation_new (McpClient  *self,
               GTask      *task,
               const char *method,
               JsonObject *params,
               const char *target,
               ResultKind  kind)
{
  Operation *op = g_new0 (Operation, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  op->client = self;
  op->task = task;
  op->method = g_strdup (method);
  op->params = params;
  op->target = g_strdup (target);
  op->kind = kind;
  op->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  op->task_inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->poll_ms = DEFAULT_POLL_MS;

  if (kind != RESULT_RAW)
    {
      op->token = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (op->token, ++self->next_token);
      op->token_key = mcp_json_id_to_key (op->token);
      g_hash_table_insert (self->operations, g_strdup (op->token_key), op);
    }

  g_task_set_task_data (task, op, (GDestroyNotify)operation_free);

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (operation_cancelled_cb), task, NULL);
      g_source_attach (op->cancel_source, self->context);
    }

  return op;
}

/* Starts an operation; @params is taken. */
static void
mcp_client_start_operation (McpClient           *self,
                            gpointer             source_tag,
                            const char          *method,
                            JsonObject          *params,
                            const char          *target,
                            ResultKind           kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  operation_new (self, task, method, params, target, kind);
  operation_send (task);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
mcp_client_dispose (GObject *object)
{
  McpClient *self = (McpClient *)object;

  if (self->listen_cancellable != NULL)
    g_cancellable_cancel (self->listen_cancellable);

  if (self->transport != NULL)
    {
      g_clear_signal_handler (&self->message_handler, self->transport);
      g_clear_signal_handler (&self->closed_handler, self->transport);
      if (!mcp_client_transport_is_closed (self->transport))
        mcp_client_transport_abort (self->transport);
    }

  if (self->pending != NULL && g_hash_table_size (self->pending) > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                     "The client was disposed");
      fail_all_pending (self, error);
    }
  if (self->server_requests != NULL)
    abandon_server_requests (self);

  g_clear_object (&self->transport);
  g_clear_object (&self->listen_cancellable);

  G_OBJECT_CLASS (mcp_client_parent_class)->dispose (object);
}

static void
mcp_client_finalize (GObject *object)
{
  McpClient *self = (McpClient *)object;

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->legacy_version, g_free);
  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_version, g_free);
  g_clear_pointer (&self->capabilities, json_object_unref);
  g_clear_pointer (&self->log_level, g_free);
  g_clear_pointer (&self->roots, json_array_unref);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->server_info, json_object_unref);
  g_clear_pointer (&self->server_capabilities, json_object_unref);
  g_clear_pointer (&self->instructions, g_free);
  g_clear_error (&self->close_error);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->operations, g_hash_table_unref);
  g_clear_pointer (&self->server_requests, g_hash_table_unref);
  g_clear_pointer (&self->tool_schemas, g_hash_table_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->listen_key, g_free);

  G_OBJECT_CLASS (mcp_client_parent_class)->finalize (object);
}

static void
mcp_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpClient *self = MCP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_LEGACY_VERSION:
      g_value_set_string (value, self->legacy_version);
      break;

    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;

    case PROP_CLIENT_VERSION:
      g_value_set_string (value, self->client_version);
      break;

    case PROP_CAPABILITIES:
      g_value_set_boxed (value, self->capabilities);
      break;

    case PROP_FOLLOW_TASKS:
      g_value_set_boolean (value, self->follow_tasks);
      break;

    case PROP_LOG_LEVEL:
      g_value_set_string (value, self->log_level);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, mcp_client_is_connected (self));
      break;

    case PROP_ERA:
      g_value_set_enum (value, self->era);
      break;

    case PROP_PROTOCOL_VERSION:
      g_value_set_string (value, self->protocol_version);
      break;

    case PROP_SERVER_INFO:
      g_value_set_boxed (value, self->server_info);
      break;

    case PROP_SERVER_CAPABILITIES:
      g_value_set_boxed (value, self->server_capabilities);
      break;

    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpClient *self = MCP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MODE:
      mcp_client_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_LEGACY_VERSION:
      mcp_client_set_legacy_version (self, g_value_get_string (value));
      break;

    case PROP_CLIENT_NAME:
      mcp_client_set_client_info (self, g_value_get_string (value), self->client_version);
      break;

    case PROP_CLIENT_VERSION:
      mcp_client_set_client_info (self, self->client_name, g_value_get_string (value));
      break;

    case PROP_CAPABILITIES:
      mcp_client_set_capabilities (self, g_value_get_boxed (value));
      break;

    case PROP_FOLLOW_TASKS:
      mcp_client_set_follow_tasks (self, g_value_get_boolean (value));
      break;

    case PROP_LOG_LEVEL:
      mcp_client_set_log_level (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      mcp_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_class_init (McpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_client_dispose;
  object_class->finalize = mcp_client_finalize;
  object_class->get_property = mcp_client_get_property;
  object_class->set_property = mcp_client_set_property;

  /**
   * McpClient:mode:
   *
   * Which protocol era to speak: both, trying 2026-07-28 first (the
   * default), or only one of them. Set it before connecting.
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       MCP_TYPE_CLIENT_MODE, MCP_CLIENT_MODE_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:legacy-version:
   *
   * The protocol version the client asks for in its `initialize` request
   * when it speaks the legacy era: %MCP_PROTOCOL_VERSION_LATEST_LEGACY by
   * default, or an older revision such as `2025-03-26`.
   */
  properties[PROP_LEGACY_VERSION] =
    g_param_spec_string ("legacy-version", NULL, NULL,
                         MCP_PROTOCOL_VERSION_LATEST_LEGACY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:client-name:
   *
   * The name the client gives the server (`clientInfo.name`): the program
   * name by default.
   */
  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:client-version:
   *
   * The version the client gives the server (`clientInfo.version`).
   */
  properties[PROP_CLIENT_VERSION] =
    g_param_spec_string ("client-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:capabilities:
   *
   * The client capabilities the application declares, such as
   * `{"elicitation": {}, "sampling": {}}`: what
   * [signal@Mcp.Client::input-request] handlers answer. The client adds
   * `roots` (it answers `roots/list` itself) and, with
   * [property@Mcp.Client:follow-tasks], the tasks extension, unless they
   * are there already.
   */
  properties[PROP_CAPABILITIES] =
    g_param_spec_boxed ("capabilities", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:follow-tasks:
   *
   * Whether the client declares the `io.modelcontextprotocol/tasks`
   * extension to 2026-07-28 servers and follows the tasks they start to
   * their results.
   */
  properties[PROP_FOLLOW_TASKS] =
    g_param_spec_boolean ("follow-tasks", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:log-level:
   *
   * The lowest level of the log messages the client wants from the
   * server (`"debug"`, `"info"`, … `"emergency"`), or %NULL for none. A
   * legacy server is told with `logging/setLevel`, a 2026-07-28 server
   * with every request. Messages arrive through
   * [signal@Mcp.Client::log-message].
   */
  properties[PROP_LOG_LEVEL] =
    g_param_spec_string ("log-level", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:timeout:
   *
   * How long to wait for the answer to each request, in milliseconds; 0
   * (the default) waits as long as it takes. A request that times out is
   * cancelled on the server and fails with %G_IO_ERROR_TIMED_OUT.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:connected:
   *
   * Whether the client is connected to the server.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:era:
   *
   * The protocol era spoken with the server, once connected.
   */
  properties[PROP_ERA] =
    g_param_spec_enum ("era", NULL, NULL,
                       MCP_TYPE_ERA, MCP_ERA_MODERN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:protocol-version:
   *
   * The protocol version spoken with the server, once connected.
   */
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_string ("protocol-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:server-info:
   *
   * What the server says about itself (`name`, `version`, `title`, …),
   * once connected.
   */
  properties[PROP_SERVER_INFO] =
    g_param_spec_boxed ("server-info", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:server-capabilities:
   *
   * The capabilities of the server, once connected.
   */
  properties[PROP_SERVER_CAPABILITIES] =
    g_param_spec_boxed ("server-capabilities", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpClient:instructions:
   *
   * The server's instructions for using it, once connected, if it gave
   * any.
   */
  properties[PROP_INSTRUCTIONS] =
    g_param_spec_string ("instructions", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpClient::input-request:
   * @self: a #McpClient
   * @request: what the server asks for
   *
   * Emitted when the server asks the client for input. A handler that
   * answers @request, now or later, returns %TRUE; one that returns
   * %FALSE leaves it to the next handler. When no handler takes it, the
   * client answers `roots/list` with its roots
   * ([method@Mcp.Client.add_root]), declines an elicitation, and refuses
   * anything else, which fails the request it was for with
   * %MCP_CLIENT_ERROR_INPUT_UNAVAILABLE (2026-07-28) or with the server's
   * error (legacy).
   *
   * Returns: %TRUE if the handler answers the request
   */
  signals[INPUT_REQUEST] =
    g_signal_new ("input-request",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, MCP_TYPE_INPUT_REQUEST);

  /**
   * McpClient::progress:
   * @self: a #McpClient
   * @method: the method of the request: `tools/call`, `resources/read`
   *   or `prompts/get`
   * @target: the tool or prompt name, or the resource URI
   * @progress: how far the work has come
   * @total: the total it is going to, or -1 when unknown
   * @message: (nullable): a description of the progress
   *
   * Emitted when the server reports progress on a tool call, a resource
   * read or a prompt request.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::log-message:
   * @self: a #McpClient
   * @level: the severity
   * @logger: (nullable): the name of the logger
   * @data: the message: a string or any JSON value
   *
   * Emitted for every log message of the server
   * (`notifications/message`); see [property@Mcp.Client:log-level].
   */
  signals[LOG_MESSAGE] =
    g_signal_new ("log-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  MCP_TYPE_LOG_LEVEL,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE);

  /**
   * McpClient::list-changed:
   * @self: a #McpClient
   * @list: which list changed: `tools`, `prompts` or `resources`
   *
   * Emitted when the server says that a list changed. The signal has the
   * list as its detail: connect to `list-changed::tools` for the tools
   * only. 2026-07-28 servers only send these to clients that listen
   * ([method@Mcp.Client.listen]).
   */
  signals[LIST_CHANGED] =
    g_signal_new ("list-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::resource-updated:
   * @self: a #McpClient
   * @uri: the URI of the resource
   *
   * Emitted when a resource the client subscribed to
   * ([method@Mcp.Client.subscribe_resource_async]) changed.
   */
  signals[RESOURCE_UPDATED] =
    g_signal_new ("resource-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::task-status:
   * @self: a #McpClient
   * @task_id: the id of the task
   * @status: its new status: `working`, `input_required`, `completed`,
   *   `failed` or `cancelled`
   * @task: the task as the server described it
   *
   * Emitted when a task the client follows changes its status.
   */
  signals[TASK_STATUS] =
    g_signal_new ("task-status",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_OBJECT);

  /**
   * McpClient::notification:
   * @self: a #McpClient
   * @method: the method of the notification
   * @params: its parameters
   *
   * Emitted for every notification of the server, before the signals
   * for the ones the client knows.
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_OBJECT);

  /**
   * McpClient::closed:
   * @self: a #McpClient
   * @error: (nullable): why the connection ended, or %NULL when the
   *   application closed it
   *
   * Emitted once when the connection to the server ends. Every operation
   * still in flight has failed by then.
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mcp_client_init (McpClient *self)
{
  const char *program = g_get_prgname ();

  self->context = g_main_context_ref_thread_default ();
  self->mode = MCP_CLIENT_MODE_AUTO;
  self->legacy_version = g_strdup (MCP_PROTOCOL_VERSION_LATEST_LEGACY);
  self->client_name = program != NULL ? g_path_get_basename (program) : g_strdup ("makemcp-glib");
  self->client_version = g_strdup (PACKAGE_VERSION);
  self->follow_tasks = TRUE;
  self->roots = json_array_new ();
  self->era = MCP_ERA_MODERN;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  self->operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->server_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tool_schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)json_object_unref);
  self->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static McpClient *
mcp_client_new_for_transport (McpClientTransport *transport)
{
  McpClient *self = g_object_new (MCP_TYPE_CLIENT, NULL);

  self->transport = transport;
  self->message_handler = g_signal_connect (transport, "message",
                                            G_CALLBACK (on_transport_message), self);
  self->closed_handler = g_signal_connect (transport, "closed",
                                           G_CALLBACK (on_transport_closed), self);
  return self;
}

/**
 * mcp_client_new_for_command:
 * @argv: (array zero-terminated=1): the command that starts the server
 *   and its arguments
 *
 * Creates a client for a server that runs as a child process and speaks
 * MCP on its standard input and output. The process is started by
 * [method@Mcp.Client.connect_async], found in `PATH` when @argv[0] has no
 * slash; its standard error is the application's.
 *
 * Returns: (transfer full): a new client
 */
McpClient *
mcp_client_new_for_command (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  return mcp_client_new_for_launcher (launcher, argv);
}

/**
 * mcp_client_new_for_launcher:
 * @launcher: a launcher whose flags include %G_SUBPROCESS_FLAGS_STDIN_PIPE
 *   and %G_SUBPROCESS_FLAGS_STDOUT_PIPE
 * @argv: (array zero-terminated=1): the command that starts the server
 *   and its arguments
 *
 * Like [ctor@Mcp.Client.new_for_command], with the environment, working
 * directory and standard error handling that @launcher sets up.
 *
 * Returns: (transfer full): a new client
 */
McpClient *
mcp_client_new_for_launcher (GSubprocessLauncher *launcher,
                             const char * const  *argv)
{
  g_return_val_if_fail (G_IS_SUBPROCESS_LAUNCHER (launcher), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  return mcp_client_new_for_transport (mcp_client_stdio_transport_new_for_launcher (launcher, argv));
}

/**
 * mcp_client_new_for_streams:
 * @input: where the server's messages are read from
 * @output: where the client's messages are written to
 *
 * Creates a client that speaks MCP as newline-delimited JSON over a pair
 * of streams: pipes, a socket, or an in-process [class@Mcp.Server] on the
 * other end of an [class@Mcp.StdioTransport].
 *
 * Returns: (transfer full): a new client
 */
McpClient *
mcp_client_new_for_streams (GInputStream  *input,
                            GOutputStream *output)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  return mcp_client_new_for_transport (mcp_client_stdio_transport_new_for_streams (input, output));
}

/**
 * mcp_client_new_for_url:
 * @url: the `http` or `https` URL of a Streamable HTTP endpoint, such as
 *   `http://127.0.0.1:8080/mcp`
 * @error: return location for a %G_IO_ERROR_INVALID_ARGUMENT
 *
 * Creates a client for a server that speaks Streamable HTTP.
 *
 * Returns: (transfer full) (nullable): a new client, or %NULL when @url is
 *   not an HTTP URL
 */
McpClient *
mcp_client_new_for_url (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an http or https URL", url);
      return NULL;
    }

  return mcp_client_new_for_transport (mcp_client_http_transport_new (uri));
}

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

/**
 * mcp_client_get_mode:
 * @self: a #McpClient
 *
 * Gets which protocol era the client tries.
 *
 * Returns: the mode
 */
McpClientMode
mcp_client_get_mode (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), MCP_CLIENT_MODE_AUTO);

  return self->mode;
}

/**
 * mcp_client_set_mode:
 * @self: a #McpClient
 * @mode: the mode
 *
 * Sets which protocol era the client tries when it connects.
 */
void
mcp_client_set_mode (McpClient     *self,
                     McpClientMode  mode)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
}

/**
 * mcp_client_get_legacy_version:
 * @self: a #McpClient
 *
 * Gets the protocol version the client asks for in a legacy handshake.
 *
 * Returns: (transfer none): the version
 */
const char *
mcp_client_get_legacy_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->legacy_version;
}

/**
 * mcp_client_set_legacy_version:
 * @self: a #McpClient
 * @version: (nullable): a legacy protocol version, such as `2025-06-18`,
 *   or %NULL for %MCP_PROTOCOL_VERSION_LATEST_LEGACY
 *
 * Sets the protocol version the client asks for in a legacy handshake.
 */
void
mcp_client_set_legacy_version (McpClient  *self,
                               const char *version)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (version == NULL || mcp_protocol_version_is_legacy (version));

  if (version == NULL)
    version = MCP_PROTOCOL_VERSION_LATEST_LEGACY;

  if (mcp_set_str (&self->legacy_version, version))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGACY_VERSION]);
}

/**
 * mcp_client_get_client_name:
 * @self: a #McpClient
 *
 * Gets the name the client gives the server.
 *
 * Returns: (transfer none): the name
 */
const char *
mcp_client_get_client_name (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->client_name;
}

/**
 * mcp_client_get_client_version:
 * @self: a #McpClient
 *
 * Gets the version the client gives the server.
 *
 * Returns: (transfer none): the version
 */
const char *
mcp_client_get_client_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->client_version;
}

/**
 * mcp_client_set_client_info:
 * @self: a #McpClient
 * @name: the name of the application
 * @version: its version
 *
 * Sets what the client tells the server about itself (`clientInfo`).
 */
void
mcp_client_set_client_info (McpClient  *self,
                            const char *name,
                            const char *version)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (version != NULL);

  if (mcp_set_str (&self->client_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_NAME]);
  if (mcp_set_str (&self->client_version, version))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_VERSION]);
}

/**
 * mcp_client_get_capabilities:
 * @self: a #McpClient
 *
 * Gets the capabilities the application declares.
 *
 * Returns: (transfer none) (nullable): the capabilities
 */
JsonObject *
mcp_client_get_capabilities (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->capabilities;
}

/**
 * mcp_client_set_capabilities:
 * @self: a #McpClient
 * @capabilities: (nullable): the client capabilities, such as
 *   `{"elicitation": {"form": {}}, "sampling": {}}`
 *
 * Sets the client capabilities the application declares: what its
 * [signal@Mcp.Client::input-request] handlers answer. A legacy server
 * learns them when the client connects; a 2026-07-28 server with every
 * request.
 */
void
mcp_client_set_capabilities (McpClient  *self,
                             JsonObject *capabilities)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (mcp_set_json_object (&self->capabilities, capabilities))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

/**
 * mcp_client_get_follow_tasks:
 * @self: a #McpClient
 *
 * Gets whether the client follows tasks.
 *
 * Returns: %TRUE if it declares the tasks extension
 */
gboolean
mcp_client_get_follow_tasks (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);

  return self->follow_tasks;
}

/**
 * mcp_client_set_follow_tasks:
 * @self: a #McpClient
 * @follow_tasks: whether to declare the tasks extension
 *
 * Sets whether the client declares the `io.modelcontextprotocol/tasks`
 * extension to 2026-07-28 servers, which lets them turn long tool calls
 * into tasks that the client follows.
 */
void
mcp_client_set_follow_tasks (McpClient *self,
                             gboolean   follow_tasks)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  follow_tasks = !!follow_tasks;
  if (self->follow_tasks != (guint)follow_tasks)
    {
      self->follow_tasks = follow_tasks;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_TASKS]);
    }
}

/**
 * mcp_client_get_log_level:
 * @self: a #McpClient
 *
 * Gets the lowest level of log messages the client asks for.
 *
 * Returns: (transfer none) (nullable): the level, or %NULL
 */
const char *
mcp_client_get_log_level (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->log_level;
}

static void
set_level_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    g_debug ("logging/setLevel failed: %s", error->message);
}

static void
mcp_client_send_log_level (McpClient *self)
{
  JsonObject *params;

  if (self->log_level == NULL || self->era != MCP_ERA_LEGACY ||
      mcp_json_get_object (self->server_capabilities, "logging") == NULL)
    return;

  params = json_object_new ();
  json_object_set_string_member (params, "level", self->log_level);
  mcp_client_send_request (self, "logging/setLevel", params, REQUEST_WHILE_CONNECTING, 0, NULL,
                           set_level_cb, NULL);
}

/**
 * mcp_client_set_log_level:
 * @self: a #McpClient
 * @log_level: (nullable): a log level name: `debug`, `info`, `notice`,
 *   `warning`, `error`, `critical`, `alert` or `emergency`; or %NULL
 *
 * Sets the lowest level of the log messages the client wants from the
 * server. A legacy server that is connected already is told at once.
 */
void
mcp_client_set_log_level (McpClient  *self,
                          const char *log_level)
{
  McpLogLevel level;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (log_level == NULL || mcp_log_level_from_string (log_level, &level));

  if (mcp_set_str (&self->log_level, log_level))
    {
      if (self->state == STATE_CONNECTED)
        mcp_client_send_log_level (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_LEVEL]);
    }
}

/**
 * mcp_client_get_timeout:
 * @self: a #McpClient
 *
 * Gets how long the client waits for each answer.
 *
 * Returns: the timeout in milliseconds, 0 for none
 */
guint
mcp_client_get_timeout (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), 0);

  return self->timeout_ms;
}

/**
 * mcp_client_set_timeout:
 * @self: a #McpClient
 * @timeout_ms: the timeout in milliseconds, 0 for none
 *
 * Sets how long the client waits for the answer to each request.
 */
void
mcp_client_set_timeout (McpClient *self,
                        guint      timeout_ms)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->timeout_ms != timeout_ms)
    {
      self->timeout_ms = timeout_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

/**
 * mcp_client_set_http_header:
 * @self: a #McpClient
 * @name: the name of the header, such as `Authorization`
 * @value: (nullable): its value, or %NULL to remove it
 *
 * Sets an HTTP header sent with every request of a client created with
 * [ctor@Mcp.Client.new_for_url]. Other clients ignore it.
 */
void
mcp_client_set_http_header (McpClient  *self,
                            const char *name,
                            const char *value)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  if (mcp_client_transport_answers_on_exchange (self->transport))
    mcp_client_http_transport_set_header (self->transport, name, value);
}

static void
mcp_client_roots_changed (McpClient *self)
{
  if (self->state == STATE_CONNECTED && self->era == MCP_ERA_LEGACY)
    mcp_client_send_notification (self, "notifications/roots/list_changed", NULL);
}

/**
 * mcp_client_add_root:
 * @self: a #McpClient
 * @uri: the URI of the root, such as `file:///home/user/project`
 * @name: (nullable): a name for it
 *
 * Adds a root, a place the server may work in. The client answers the
 * server's `roots/list` requests with its roots, and tells a legacy
 * server when they change. Adding a root that is there already replaces
 * its name.
 */
void
mcp_client_add_root (McpClient  *self,
                     const char *uri,
                     const char *name)
{
  JsonObject *root;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  for (guint i = 0; i < json_array_get_length (self->roots); i++)
    {
      JsonObject *existing = json_array_get_object_element (self->roots, i);

      if (g_strcmp0 (mcp_json_get_string (existing, "uri"), uri) == 0)
        {
          json_array_remove_element (self->roots, i);
          break;
        }
    }

  root = json_object_new ();
  json_object_set_string_member (root, "uri", uri);
  mcp_json_object_set_string (root, "name", name);
  json_array_add_object_element (self->roots, root);
  mcp_client_roots_changed (self);
}

/**
 * mcp_client_remove_root:
 * @self: a #McpClient
 * @uri: the URI of a root
 *
 * Removes a root added with [method@Mcp.Client.add_root].
 *
 * Returns: %TRUE if there was such a root
 */
gboolean
mcp_client_remove_root (McpClient  *self,
                        const char *uri)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (self->roots); i++)
    {
      JsonObject *existing = json_array_get_object_element (self->roots, i);

      if (g_strcmp0 (mcp_json_get_string (existing, "uri"), uri) == 0)
        {
          json_array_remove_element (self->roots, i);
          mcp_client_roots_changed (self);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mcp_client_get_roots:
 * @self: a #McpClient
 *
 * Gets the roots of the client, as `Root` objects (`uri`, `name`).
 *
 * Returns: (transfer none): the roots
 */
JsonArray *
mcp_client_get_roots (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->roots;
}

/* ------------------------------------------------------------------ */
/* Connecting                                                          */
/* ------------------------------------------------------------------ */

static void mcp_client_initialize (GTask *task);

static void
mcp_client_connected (McpClient *self,
                      GTask     *task)
{
  self->state = STATE_CONNECTED;
  mcp_client_transport_set_protocol (self->transport, self->era, self->protocol_version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_INFO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_CAPABILITIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);
  g_task_return_boolean (task, TRUE);
}

static void
mcp_client_connect_failed (McpClient *self,
                           GTask     *task,
                           GError    *error)
{
  if (self->state == STATE_CONNECTING)
    self->state = STATE_NEW;
  g_task_return_error (task, error);
}

static void
mcp_client_set_server (McpClient  *self,
                       JsonObject *info,
                       JsonObject *capabilities,
                       const char *instructions)
{
  g_clear_pointer (&self->server_info, json_object_unref);
  g_clear_pointer (&self->server_capabilities, json_object_unref);
  self->server_info = info != NULL ? json_object_ref (info) : json_object_new ();
  self->server_capabilities = capabilities != NULL ? json_object_ref (capabilities) : json_object_new ();
  mcp_set_str (&self->instructions, instructions);
}

static void
initialize_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = MCP_CLIENT (object);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  const char *version;

  answer = mcp_client_send_request_finish (self, result, &error);
  if (answer == NULL)
    {
      mcp_client_connect_failed (self, task, error);
      return;
    }

  version = mcp_json_get_string (answer, "protocolVersion");
  if (version == NULL || !mcp_protocol_version_is_legacy (version))
    {
      /* The server insists on a version we do not speak: say goodbye. */
      mcp_client_connect_failed (self, task,
                                 g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION,
                                              "The server answered initialize with protocol version "
                                              "“%s”, which the client does not speak",
                                              version != NULL ? version : "(none)"));
      return;
    }

  mcp_set_str (&self->protocol_version, version);
  mcp_client_set_server (self, mcp_json_get_object (answer, "serverInfo"),
                         mcp_json_get_object (answer, "capabilities"),
                         mcp_json_get_string (answer, "instructions"));

  mcp_client_transport_set_protocol (self->transport, MCP_ERA_LEGACY, version);
  mcp_client_send_notification (self, "notifications/initialized", NULL);
  mcp_client_transport_initialized (self->transport);
  mcp_client_send_log_level (self);

  mcp_client_connected (self, task);
}

/* The legacy handshake. */
static void
mcp_client_initialize (GTask *task)
{
  McpClient *self = g_task_get_source_object (task);
  JsonObject *params = json_object_new ();

  self->era = MCP_ERA_LEGACY;
  mcp_client_transport_set_protocol (self->transport, MCP_ERA_LEGACY, NULL);

  json_object_set_string_member (params, "protocolVersion", self->legacy_version);
  json_object_set_object_member (params, "capabilities", mcp_client_build_capabilities (self));
  json_object_set_object_member (params, "clientInfo", mcp_client_build_client_info (self));

  mcp_client_send_request (self, "initialize", params, REQUEST_WHILE_CONNECTING, 0,
                           g_task_get_cancellable (task), initialize_cb, g_object_ref (task));
}

static gboolean
strv_json_contains (JsonArray  *array,
                    const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (mcp_json_node_is_string (element) && strcmp (json_node_get_string (element), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = MCP_CLIENT (object);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonArray *versions;

  answer = mcp_client_send_request_finish (self, result, &error);
  if (answer == NULL)
    {
      /* Not a 2026-07-28 server: a JSON-RPC error, an HTTP error, or no
       * answer at all. Anything else (the connection is gone) is final. */
      if (self->mode == MCP_CLIENT_MODE_AUTO &&
          (error->domain == MCP_ERROR ||
           g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP) ||
           g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)))
        {
          g_debug ("server/discover failed (%s): trying initialize", error->message);
          g_error_free (error);
          mcp_client_initialize (task);
          return;
        }

      if (self->mode == MCP_CLIENT_MODE_MODERN && error->domain == MCP_ERROR)
        {
          GError *unsupported = g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION,
                                             "The server does not speak protocol version %s: %s",
                                             MCP_PROTOCOL_VERSION_LATEST, error->message);

          g_error_free (error);
          error = unsupported;
        }

      mcp_client_connect_failed (self, task, error);
      return;
    }

  versions = mcp_json_get_array (answer, "supportedVersions");
  if (!strv_json_contains (versions, MCP_PROTOCOL_VERSION_LATEST))
    {
      if (self->mode == MCP_CLIENT_MODE_AUTO)
        {
          mcp_client_initialize (task);
          return;
        }

      mcp_client_connect_failed (self, task,
                                 g_error_new (MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION,
                                              "The server does not list protocol version %s among "
                                              "the versions it supports",
                                              MCP_PROTOCOL_VERSION_LATEST));
      return;
    }

  mcp_set_str (&self->protocol_version, MCP_PROTOCOL_VERSION_LATEST);
  mcp_client_set_server (self,
                         mcp_json_get_object (mcp_json_get_object (answer, "_meta"),
                                              MCP_META_SERVER_INFO),
                         mcp_json_get_object (answer, "capabilities"),
                         mcp_json_get_string (answer, "instructions"));
  mcp_client_connected (self, task);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!mcp_client_transport_open_finish (MCP_CLIENT_TRANSPORT (object), result, &error))
    {
      mcp_client_connect_failed (self, task, error);
      return;
    }

  if (self->mode == MCP_CLIENT_MODE_LEGACY)
    {
      mcp_client_initialize (task);
      return;
    }

  self->era = MCP_ERA_MODERN;
  g_free (self->protocol_version);
  self->protocol_version = g_strdup (MCP_PROTOCOL_VERSION_LATEST);
  mcp_client_transport_set_protocol (self->transport, MCP_ERA_MODERN, MCP_PROTOCOL_VERSION_LATEST);
  cancellable = g_task_get_cancellable (task);
  mcp_client_send_request (self, "server/discover", NULL, REQUEST_WHILE_CONNECTING,
                           self->timeout_ms > 0 ? MIN (self->timeout_ms, PROBE_TIMEOUT_MS)
                                                : PROBE_TIMEOUT_MS,
                           cancellable, discover_cb, g_steal_pointer (&task));
}

/**
 * mcp_client_connect_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the client is
 *   connected, or could not connect
 * @user_data: closure data for @callback
 *
 * Connects to the server: starts the process of a command, then finds
 * out which protocol era the server speaks (see
 * [property@Mcp.Client:mode]) and learns its name, capabilities and
 * instructions. Finish with [method@Mcp.Client.connect_finish].
 */
void
mcp_client_connect_async (McpClient           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_connect_async);

  if (self->state != STATE_NEW)
    {
      g_task_return_new_error (task, G_IO_ERROR, self->state == STATE_CLOSED ? G_IO_ERROR_CLOSED
                                                                             : G_IO_ERROR_PENDING,
                               self->state == STATE_CLOSED ? "The client was closed"
                                                           : "The client is connected already");
      return;
    }

  self->state = STATE_CONNECTING;
  mcp_client_transport_open_async (self->transport, cancellable, open_cb, g_steal_pointer (&task));
}

/**
 * mcp_client_connect_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.connect_async].
 *
 * Returns: %TRUE if the client is connected
 */
gboolean
mcp_client_connect_finish (McpClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mcp_client_connect_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
transport_close_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_transport_close_finish (MCP_CLIENT_TRANSPORT (object), result, &error))
    g_debug ("Closing the connection failed: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

/**
 * mcp_client_close_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the connection is
 *   closed
 * @user_data: closure data for @callback
 *
 * Closes the connection. Operations in flight fail with
 * %G_IO_ERROR_CLOSED. A child process gets its standard input closed and
 * is given two seconds to exit, then SIGTERM, then SIGKILL; a legacy HTTP
 * session is ended with DELETE. A closed client cannot connect again.
 */
void
mcp_client_close_async (McpClient           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_close_async);

  if (self->listen_cancellable != NULL)
    g_cancellable_cancel (self->listen_cancellable);

  if (self->state != STATE_CLOSED)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                     "The client was closed");

      self->state = STATE_CLOSED;
      fail_all_pending (self, error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }

  mcp_client_transport_close_async (self->transport, cancellable, transport_close_cb,
                                    g_steal_pointer (&task));
}

/**
 * mcp_client_close_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.close_async].
 *
 * Returns: %TRUE once the connection is closed
 */
gboolean
mcp_client_close_finish (McpClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_client_is_connected:
 * @self: a #McpClient
 *
 * Whether the client is connected.
 *
 * Returns: %TRUE between a successful connect and the end of the
 *   connection
 */
gboolean
mcp_client_is_connected (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);

  return self->state == STATE_CONNECTED;
}

/**
 * mcp_client_get_era:
 * @self: a #McpClient
 *
 * Gets the protocol era spoken with the server. Meaningful once
 * connected.
 *
 * Returns: the era
 */
McpEra
mcp_client_get_era (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), MCP_ERA_MODERN);

  return self->era;
}

/**
 * mcp_client_get_protocol_version:
 * @self: a #McpClient
 *
 * Gets the protocol version spoken with the server.
 *
 * Returns: (transfer none) (nullable): the version, or %NULL before the
 *   client is connected
 */
const char *
mcp_client_get_protocol_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->state == STATE_NEW || self->state == STATE_CONNECTING ? NULL : self->protocol_version;
}

/**
 * mcp_client_get_server_info:
 * @self: a #McpClient
 *
 * Gets what the server said about itself: `name`, `version`, and maybe
 * `title`, `description`, `websiteUrl`, `icons`.
 *
 * Returns: (transfer none) (nullable): the server info, or %NULL before
 *   the client is connected
 */
JsonObject *
mcp_client_get_server_info (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->server_info;
}

/**
 * mcp_client_get_server_capabilities:
 * @self: a #McpClient
 *
 * Gets the capabilities of the server.
 *
 * Returns: (transfer none) (nullable): the capabilities, or %NULL before
 *   the client is connected
 */
JsonObject *
mcp_client_get_server_capabilities (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->server_capabilities;
}

/**
 * mcp_client_get_instructions:
 * @self: a #McpClient
 *
 * Gets the server's instructions for using it.
 *
 * Returns: (transfer none) (nullable): the instructions, or %NULL
 */
const char *
mcp_client_get_instructions (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->instructions;
}

/**
 * mcp_client_get_session_id:
 * @self: a #McpClient
 *
 * Gets the session id a legacy Streamable HTTP server gave the client.
 *
 * Returns: (transfer none) (nullable): the session id, or %NULL
 */
const char *
mcp_client_get_session_id (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return mcp_client_http_transport_get_session_id (self->transport);
}

/**
 * mcp_client_get_subprocess:
 * @self: a #McpClient
 *
 * Gets the process of the server of a client created with
 * [ctor@Mcp.Client.new_for_command].
 *
 * Returns: (transfer none) (nullable): the process, or %NULL when there
 *   is none (yet)
 */
GSubprocess *
mcp_client_get_subprocess (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return mcp_client_stdio_transport_get_subprocess (self->transport);
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/**
 * mcp_client_request_async:
 * @self: a #McpClient
 * @method: the method, such as `tools/list`
 * @params: (nullable): its parameters
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the answer is there
 * @user_data: closure data for @callback
 *
 * Sends any request and hands back its result object as the server sent
 * it, for methods the client has no method of its own for. The client
 * adds what the era needs (the `_meta` of 2026-07-28). Input requests and
 * tasks are followed as for [method@Mcp.Client.call_tool_async].
 */
void
mcp_client_request_async (McpClient           *self,
                          const char          *method,
                          JsonObject          *params,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  mcp_client_start_operation (self, mcp_client_request_async, method,
                              params != NULL ? mcp_json_object_copy (params) : json_object_new (),
                              NULL, RESULT_RAW, cancellable, callback, user_data);
}

/**
 * mcp_client_request_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.request_async].
 *
 * Returns: (transfer full): the result object
 */
JsonObject *
mcp_client_request_finish (McpClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mcp_client_ping_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the server answered
 * @user_data: closure data for @callback
 *
 * Checks that the server answers: `ping` for a legacy server,
 * `server/discover` for a 2026-07-28 one (which has no `ping`).
 */
void
mcp_client_ping_async (McpClient           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_ping_async);
  mcp_client_send_request (self, self->era == MCP_ERA_LEGACY ? "ping" : "server/discover", NULL,
                           REQUEST_DEFAULT, 0, cancellable, ping_cb, g_steal_pointer (&task));
}

/**
 * mcp_client_ping_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.ping_async].
 *
 * Returns: %TRUE if the server answered
 */
gboolean
mcp_client_ping_finish (McpClient     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lists */

static const char *
list_member (const char *method)
{
  if (g_strcmp0 (method, "tools/list") == 0)
    return "tools";
  if (g_strcmp0 (method, "prompts/list") == 0)
    return "prompts";
  if (g_strcmp0 (method, "resources/list") == 0)
    return "resources";
  if (g_strcmp0 (method, "resources/templates/list") == 0)
    return "resourceTemplates";
  return NULL;
}

static void
remember_tools (McpClient *self,
                JsonArray *tools)
{
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonNode *node = json_array_get_element (tools, i);
      JsonObject *tool = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = mcp_json_get_string (tool, "name");
      JsonObject *schema = mcp_json_get_object (tool, "inputSchema");

      if (name != NULL && schema != NULL)
        g_hash_table_replace (self->tool_schemas, g_strdup (name), json_object_ref (schema));
    }
}

typedef struct
{
  char      *method;
  char      *cursor;
  JsonArray *items;
  GHashTable *cursors;   /* seen, to stop a server that loops */
  guint      pages;
  guint      one_page : 1;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->method);
  g_free (data->cursor);
  g_clear_pointer (&data->items, json_array_unref);
  g_clear_pointer (&data->cursors, g_hash_table_unref);
  g_free (data);
}

static void list_next_page (GTask *task);

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = MCP_CLIENT (object);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonArray *items;
  JsonNode *cursor;

  answer = mcp_client_send_request_finish (self, result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = mcp_json_get_array (answer, list_member (data->method));
  cursor = mcp_json_get_member (answer, "nextCursor");
  if (items == NULL || (cursor != NULL && !mcp_json_node_is_string (cursor) &&
                        !JSON_NODE_HOLDS_NULL (cursor)))
    {
      g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                               "The server answered %s with a malformed result", data->method);
      return;
    }

  if (strcmp (data->method, "tools/list") == 0)
    remember_tools (self, items);

  for (guint i = 0; i < json_array_get_length (items); i++)
    json_array_add_element (data->items, json_node_copy (json_array_get_element (items, i)));

  g_clear_pointer (&data->cursor, g_free);
  if (mcp_json_node_is_string (cursor))
    data->cursor = g_strdup (json_node_get_string (cursor));

  if (data->cursor == NULL || data->one_page)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->items), (GDestroyNotify)json_array_unref);
      return;
    }

  if (++data->pages >= MAX_LIST_PAGES || !g_hash_table_add (data->cursors, g_strdup (data->cursor)))
    {
      g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                               "The server's %s pages do not end", data->method);
      return;
    }

  list_next_page (g_steal_pointer (&task));
}

static void
list_next_page (GTask *task)
{
  McpClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  JsonObject *params = json_object_new ();

  if (data->cursor != NULL)
    json_object_set_string_member (params, "cursor", data->cursor);

  mcp_client_send_request (self, data->method, params, REQUEST_DEFAULT, 0,
                           g_task_get_cancellable (task), list_page_cb, task);
}

static void
mcp_client_list_async (McpClient           *self,
                       gpointer             source_tag,
                       const char          *method,
                       const char          *cursor,
                       gboolean             one_page,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListData *data = g_new0 (ListData, 1);

  g_task_set_source_tag (task, source_tag);
  data->method = g_strdup (method);
  data->cursor = g_strdup (cursor);
  data->items = json_array_new ();
  data->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->one_page = one_page;
  g_task_set_task_data (task, data, (GDestroyNotify)list_data_free);

  list_next_page (task);
}

static JsonArray *
mcp_client_list_finish (McpClient     *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_client_list_tools_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the list is there
 * @user_data: closure data for @callback
 *
 * Lists the tools of the server, every page of them.
 */
void
mcp_client_list_tools_async (McpClient           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  mcp_client_list_async (self, mcp_client_list_tools_async, "tools/list", NULL, FALSE,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_list_tools_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.list_tools_async].
 *
 * Returns: (transfer full): the `Tool` objects (`name`, `description`,
 *   `inputSchema`, …)
 */
JsonArray *
mcp_client_list_tools_finish (McpClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return mcp_client_list_finish (self, result, mcp_client_list_tools_async, error);
}

/**
 * mcp_client_list_resources_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the list is there
 * @user_data: closure data for @callback
 *
 * Lists the resources of the server, every page of them.
 */
void
mcp_client_list_resources_async (McpClient           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  mcp_client_list_async (self, mcp_client_list_resources_async, "resources/list", NULL, FALSE,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_list_resources_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.list_resources_async].
 *
 * Returns: (transfer full): the `Resource` objects (`uri`, `name`, …)
 */
JsonArray *
mcp_client_list_resources_finish (McpClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mcp_client_list_finish (self, result, mcp_client_list_resources_async, error);
}

/**
 * mcp_client_list_resource_templates_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the list is there
 * @user_data: closure data for @callback
 *
 * Lists the resource templates of the server, every page of them.
 */
void
mcp_client_list_resource_templates_async (McpClient           *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  mcp_client_list_async (self, mcp_client_list_resource_templates_async,
                         "resources/templates/list", NULL, FALSE, cancellable, callback, user_data);
}

/**
 * mcp_client_list_resource_templates_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.list_resource_templates_async].
 *
 * Returns: (transfer full): the `ResourceTemplate` objects
 *   (`uriTemplate`, `name`, …)
 */
JsonArray *
mcp_client_list_resource_templates_finish (McpClient     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return mcp_client_list_finish (self, result, mcp_client_list_resource_templates_async, error);
}

/**
 * mcp_client_list_prompts_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the list is there
 * @user_data: closure data for @callback
 *
 * Lists the prompts of the server, every page of them.
 */
void
mcp_client_list_prompts_async (McpClient           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  mcp_client_list_async (self, mcp_client_list_prompts_async, "prompts/list", NULL, FALSE,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_list_prompts_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.list_prompts_async].
 *
 * Returns: (transfer full): the `Prompt` objects (`name`, `arguments`, …)
 */
JsonArray *
mcp_client_list_prompts_finish (McpClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mcp_client_list_finish (self, result, mcp_client_list_prompts_async, error);
}

/**
 * mcp_client_list_page_async:
 * @self: a #McpClient
 * @method: `tools/list`, `resources/list`, `resources/templates/list` or
 *   `prompts/list`
 * @cursor: (nullable): the cursor of the page, from an earlier
 *   [method@Mcp.Client.list_page_finish], or %NULL for the first page
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the page is there
 * @user_data: closure data for @callback
 *
 * Gets one page of a list, for applications that show long lists a page
 * at a time.
 */
void
mcp_client_list_page_async (McpClient           *self,
                            const char          *method,
                            const char          *cursor,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (list_member (method) != NULL);

  mcp_client_list_async (self, mcp_client_list_page_async, method, cursor, TRUE,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_list_page_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @next_cursor: (out) (optional) (nullable) (transfer full): the cursor of
 *   the next page, or %NULL on the last page
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.list_page_async].
 *
 * Returns: (transfer full): the items of the page
 */
JsonArray *
mcp_client_list_page_finish (McpClient     *self,
                             GAsyncResult  *result,
                             char         **next_cursor,
                             GError       **error)
{
  ListData *data;

  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (next_cursor != NULL)
    *next_cursor = g_task_had_error (G_TASK (result)) ? NULL : g_strdup (data->cursor);

  return mcp_client_list_finish (self, result, mcp_client_list_page_async, error);
}

/* Tools, resources, prompts */

/**
 * mcp_client_call_tool_async:
 * @self: a #McpClient
 * @name: the name of the tool
 * @arguments: (nullable): its arguments
 * @cancellable: (nullable): a #GCancellable; cancelling it cancels the
 *   call on the server too
 * @callback: (scope async): a callback to run when the result is there
 * @user_data: closure data for @callback
 *
 * Calls a tool. The server may report progress
 * ([signal@Mcp.Client::progress]), ask for input
 * ([signal@Mcp.Client::input-request]) or turn the call into a task,
 * which the client follows to its end.
 *
 * A tool that ran and failed is not an error: its result has
 * [method@Mcp.ToolResult.get_is_error] set. The call fails (in the
 * %MCP_ERROR domain) when the server refused it: an unknown tool, bad
 * arguments.
 */
void
mcp_client_call_tool_async (McpClient           *self,
                            const char          *name,
                            JsonObject          *arguments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  JsonObject *params;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  params = json_object_new ();
  json_object_set_string_member (params, "name", name);
  json_object_set_object_member (params, "arguments",
                                 arguments != NULL ? mcp_json_object_copy (arguments) : json_object_new ());

  mcp_client_start_operation (self, mcp_client_call_tool_async, "tools/call", params, name,
                              RESULT_TOOL, cancellable, callback, user_data);
}

/**
 * mcp_client_call_tool_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.call_tool_async].
 *
 * Returns: (transfer full): the result of the tool
 */
McpToolResult *
mcp_client_call_tool_finish (McpClient     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  JsonNode *content;
  JsonNode *structured;
  JsonObject *meta;

  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mcp_client_call_tool_async, NULL);

  if ((answer = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return NULL;

  content = mcp_json_get_member (answer, "content");
  if (content != NULL && !JSON_NODE_HOLDS_ARRAY (content))
    {
      g_set_error_literal (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                           "The server answered tools/call with a malformed result");
      return NULL;
    }

  tool_result = mcp_tool_result_new ();
  for (guint i = 0; content != NULL && i < json_array_get_length (json_node_get_array (content)); i++)
    {
      JsonNode *block = json_array_get_element (json_node_get_array (content), i);

      if (JSON_NODE_HOLDS_OBJECT (block))
        mcp_tool_result_add_content (tool_result, json_node_get_object (block));
    }

  structured = mcp_json_get_member (answer, "structuredContent");
  if (structured != NULL)
    mcp_tool_result_set_structured_content (tool_result, structured);
  mcp_tool_result_set_is_error (tool_result, mcp_json_get_boolean (answer, "isError", FALSE));
  /* The server's identity is the envelope's, not the result's. */
  if ((meta = mcp_json_get_object (answer, "_meta")) != NULL)
    {
      g_autoptr(JsonObject) copy = mcp_json_object_copy (meta);

      json_object_remove_member (copy, MCP_META_SERVER_INFO);
      if (json_object_get_size (copy) > 0)
        mcp_tool_result_set_meta (tool_result, copy);
    }

  return g_steal_pointer (&tool_result);
}

/**
 * mcp_client_read_resource_async:
 * @self: a #McpClient
 * @uri: the URI of the resource
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the contents are there
 * @user_data: closure data for @callback
 *
 * Reads a resource. A resource that does not exist fails with
 * %MCP_ERROR_INVALID_PARAMS (2026-07-28) or
 * %MCP_ERROR_RESOURCE_NOT_FOUND (legacy).
 */
void
mcp_client_read_resource_async (McpClient           *self,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  JsonObject *params;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  params = json_object_new ();
  json_object_set_string_member (params, "uri", uri);

  mcp_client_start_operation (self, mcp_client_read_resource_async, "resources/read", params, uri,
                              RESULT_RESOURCE, cancellable, callback, user_data);
}

/**
 * mcp_client_read_resource_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.read_resource_async].
 *
 * Returns: (transfer full): the contents of the resource
 */
McpResourceContents *
mcp_client_read_resource_finish (McpClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(McpResourceContents) contents = NULL;
  JsonArray *items;

  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mcp_client_read_resource_async, NULL);

  if ((answer = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return NULL;

  if ((items = mcp_json_get_array (answer, "contents")) == NULL)
    {
      g_set_error_literal (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                           "The server answered resources/read with a malformed result");
      return NULL;
    }

  contents = mcp_resource_contents_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        mcp_resource_contents_add (contents, json_node_get_object (item));
    }

  return g_steal_pointer (&contents);
}

/**
 * mcp_client_get_prompt_async:
 * @self: a #McpClient
 * @name: the name of the prompt
 * @arguments: (nullable): its arguments, each a string
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the prompt is there
 * @user_data: closure data for @callback
 *
 * Gets a prompt, filled in with @arguments.
 */
void
mcp_client_get_prompt_async (McpClient           *self,
                             const char          *name,
                             JsonObject          *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  JsonObject *params;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  params = json_object_new ();
  json_object_set_string_member (params, "name", name);
  if (arguments != NULL)
    json_object_set_object_member (params, "arguments", mcp_json_object_copy (arguments));

  mcp_client_start_operation (self, mcp_client_get_prompt_async, "prompts/get", params, name,
                              RESULT_PROMPT, cancellable, callback, user_data);
}

/**
 * mcp_client_get_prompt_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.get_prompt_async].
 *
 * Returns: (transfer full): the prompt's messages
 */
McpPromptResult *
mcp_client_get_prompt_finish (McpClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  JsonArray *messages;

  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mcp_client_get_prompt_async, NULL);

  if ((answer = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return NULL;

  if ((messages = mcp_json_get_array (answer, "messages")) == NULL)
    {
      g_set_error_literal (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                           "The server answered prompts/get with a malformed result");
      return NULL;
    }

  prompt = mcp_prompt_result_new (mcp_json_get_string (answer, "description"));
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *role = mcp_json_get_string (message, "role");
      JsonObject *content = mcp_json_get_object (message, "content");

      if (content == NULL || (g_strcmp0 (role, "user") != 0 && g_strcmp0 (role, "assistant") != 0))
        {
          g_set_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                       "Message %u of the prompt is malformed", i + 1);
          return NULL;
        }

      mcp_prompt_result_add_message (prompt, strcmp (role, "user") == 0 ? MCP_ROLE_USER
                                                                          : MCP_ROLE_ASSISTANT,
                                     content);
    }

  return g_steal_pointer (&prompt);
}

static void
complete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  GError *error = NULL;
  JsonArray *values;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  values = mcp_json_get_array (mcp_json_get_object (answer, "completion"), "values");
  if (values == NULL)
    {
      g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL,
                               "The server answered completion/complete with a malformed result");
      return;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *value = json_array_get_element (values, i);

      if (mcp_json_node_is_string (value))
        g_strv_builder_add (builder, json_node_get_string (value));
    }

  g_task_return_pointer (task, g_strv_builder_end (builder), (GDestroyNotify)g_strfreev);
}

/**
 * mcp_client_complete_async:
 * @self: a #McpClient
 * @ref_type: `ref/prompt` or `ref/resource`
 * @ref_name: the name of the prompt, or the URI template of the resource
 * @argument: the name of the argument to complete
 * @value: what the user typed so far
 * @context_arguments: (nullable): the values of the other arguments
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the completions are
 *   there
 * @user_data: closure data for @callback
 *
 * Asks the server for completions of a prompt or resource template
 * argument (`completion/complete`).
 */
void
mcp_client_complete_async (McpClient           *self,
                           const char          *ref_type,
                           const char          *ref_name,
                           const char          *argument,
                           const char          *value,
                           JsonObject          *context_arguments,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *params;
  JsonObject *ref;
  JsonObject *arg;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (ref_type != NULL);
  g_return_if_fail (ref_name != NULL);
  g_return_if_fail (argument != NULL);
  g_return_if_fail (value != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_complete_async);

  ref = json_object_new ();
  json_object_set_string_member (ref, "type", ref_type);
  json_object_set_string_member (ref, strcmp (ref_type, "ref/resource") == 0 ? "uri" : "name",
                                 ref_name);
  arg = json_object_new ();
  json_object_set_string_member (arg, "name", argument);
  json_object_set_string_member (arg, "value", value);

  params = json_object_new ();
  json_object_set_object_member (params, "ref", ref);
  json_object_set_object_member (params, "argument", arg);
  if (context_arguments != NULL)
    {
      JsonObject *context = json_object_new ();

      json_object_set_object_member (context, "arguments", mcp_json_object_copy (context_arguments));
      json_object_set_object_member (params, "context", context);
    }

  mcp_client_send_request (self, "completion/complete", params, REQUEST_DEFAULT, 0, cancellable,
                           complete_cb, g_steal_pointer (&task));
}

/**
 * mcp_client_complete_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.complete_async].
 *
 * Returns: (transfer full) (array zero-terminated=1): the completions
 */
char **
mcp_client_complete_finish (McpClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Change notifications */

static void
listen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* No source object: the request does not keep the client alive. */
  answer = g_task_propagate_pointer (G_TASK (result), &error);
  if (answer == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    g_debug ("subscriptions/listen ended: %s", error->message);
}

/* (Re)starts the subscriptions/listen request of 2026-07-28. */
static void
mcp_client_restart_listen (McpClient *self)
{
  JsonObject *params;
  JsonObject *filter;
  GHashTableIter iter;
  gpointer uri;

  if (!self->listening || self->era != MCP_ERA_MODERN || self->state != STATE_CONNECTED)
    return;

  /* The old request ends before the new one starts. */
  if (self->listen_key != NULL)
    {
      Pending *pending = g_hash_table_lookup (self->pending, self->listen_key);

      if (pending != NULL)
        pending_abort (self, pending, "Listening with a new filter",
                       g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Listening again"));
      g_clear_pointer (&self->listen_key, g_free);
    }
  if (self->listen_cancellable != NULL)
    g_cancellable_cancel (self->listen_cancellable);
  g_clear_object (&self->listen_cancellable);
  self->listen_cancellable = g_cancellable_new ();

  filter = json_object_new ();
  json_object_set_boolean_member (filter, "toolsListChanged", TRUE);
  json_object_set_boolean_member (filter, "promptsListChanged", TRUE);
  json_object_set_boolean_member (filter, "resourcesListChanged", TRUE);
  if (g_hash_table_size (self->subscriptions) > 0)
    {
      JsonArray *uris = json_array_new ();

      g_hash_table_iter_init (&iter, self->subscriptions);
      while (g_hash_table_iter_next (&iter, &uri, NULL))
        json_array_add_string_element (uris, uri);
      json_object_set_array_member (filter, "resourceSubscriptions", uris);
    }

  params = json_object_new ();
  json_object_set_object_member (params, "notifications", filter);
  mcp_client_send_request (self, "subscriptions/listen", params, REQUEST_NO_TIMEOUT | REQUEST_WEAK, 0,
                           self->listen_cancellable, listen_cb, NULL);
  self->listen_key = g_strdup_printf ("i%" G_GINT64_FORMAT, self->next_id);
}

/**
 * mcp_client_listen:
 * @self: a #McpClient, connected
 *
 * Asks the server for change notifications: from then on
 * [signal@Mcp.Client::list-changed] and
 * [signal@Mcp.Client::resource-updated] are emitted. A 2026-07-28 server
 * sends them on a `subscriptions/listen` request that stays open; a
 * legacy server sends them to every connected client anyway (over HTTP,
 * on the session's GET stream), so there is nothing to do.
 */
void
mcp_client_listen (McpClient *self)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->listening)
    return;

  self->listening = TRUE;
  mcp_client_restart_listen (self);
}

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_client_send_request_finish (MCP_CLIENT (object), result, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
mcp_client_subscription (McpClient           *self,
                         gpointer             source_tag,
                         const char          *uri,
                         gboolean             subscribe,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  if (self->state != STATE_CONNECTED)
    {
      g_task_return_new_error (task, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED,
                               "The client is not connected");
      return;
    }

  if (self->era == MCP_ERA_LEGACY)
    {
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, "uri", uri);
      mcp_client_send_request (self, subscribe ? "resources/subscribe" : "resources/unsubscribe",
                               params, REQUEST_DEFAULT, 0, cancellable, subscribe_cb,
                               g_steal_pointer (&task));
      return;
    }

  if (subscribe)
    g_hash_table_add (self->subscriptions, g_strdup (uri));
  else
    g_hash_table_remove (self->subscriptions, uri);

  self->listening = TRUE;
  mcp_client_restart_listen (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * mcp_client_subscribe_resource_async:
 * @self: a #McpClient
 * @uri: the URI of a resource
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the subscription is
 *   made
 * @user_data: closure data for @callback
 *
 * Subscribes to the changes of a resource: the client emits
 * [signal@Mcp.Client::resource-updated] when it changes. A legacy server
 * is asked with `resources/subscribe`; for a 2026-07-28 server the client
 * (re)opens its `subscriptions/listen` request (see
 * [method@Mcp.Client.listen]).
 */
void
mcp_client_subscribe_resource_async (McpClient           *self,
                                     const char          *uri,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  mcp_client_subscription (self, mcp_client_subscribe_resource_async, uri, TRUE,
                           cancellable, callback, user_data);
}

/**
 * mcp_client_subscribe_resource_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.subscribe_resource_async].
 *
 * Returns: %TRUE if the client is subscribed
 */
gboolean
mcp_client_subscribe_resource_finish (McpClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_client_unsubscribe_resource_async:
 * @self: a #McpClient
 * @uri: the URI of a resource
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): a callback to run when the subscription is
 *   gone
 * @user_data: closure data for @callback
 *
 * Ends a subscription made with
 * [method@Mcp.Client.subscribe_resource_async].
 */
void
mcp_client_unsubscribe_resource_async (McpClient           *self,
                                       const char          *uri,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  mcp_client_subscription (self, mcp_client_unsubscribe_resource_async, uri, FALSE,
                           cancellable, callback, user_data);
}

/**
 * mcp_client_unsubscribe_resource_finish:
 * @self: a #McpClient
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mcp.Client.unsubscribe_resource_async].
 *
 * Returns: %TRUE if the subscription is gone
 */
gboolean
mcp_client_unsubscribe_resource_finish (McpClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
