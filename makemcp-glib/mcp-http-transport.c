/* mcp-http-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <gio/gnetworking.h>

#include "mcp-error.h"
#include "mcp-http-session-private.h"
#include "mcp-http-stream-private.h"
#include "mcp-http-transport-private.h"
#include "mcp-http-util-private.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-server-private.h"

/**
 * McpHttpTransport:
 *
 * Serves a [class@Mcp.Server] over HTTP with libsoup's [class@Soup.Server],
 * in both protocol eras at once, on one endpoint:
 *
 * - **Streamable HTTP, 2026-07-28.** Every request is its own `POST` to the
 *   endpoint and carries its protocol version in `_meta`. The answer is a
 *   JSON body, or, when the request sends notifications first (progress,
 *   log messages), a Server-Sent Events stream of those notifications and
 *   then the answer. The `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`
 *   and `Mcp-Param-*` headers are checked against the body. Closing the
 *   stream cancels the request. There are no sessions.
 * - **Streamable HTTP, 2025-03-26 to 2025-11-25.** An `initialize` request
 *   opens a session (`Mcp-Session-Id`), `GET` opens its stream of
 *   server-initiated messages, `DELETE` ends it, and sessions that stay
 *   idle for [property@Mcp.HttpTransport:session-timeout] expire. Requests
 *   are answered on event streams whose events carry ids, so a client that
 *   loses a stream resumes it with `GET` and `Last-Event-ID`; requests the
 *   server makes to the client travel on those streams and their answers
 *   come back as separate `POST`s.
 * - **HTTP+SSE, 2024-11-05**, at its own endpoints
 *   ([property@Mcp.HttpTransport:sse-path] and
 *   [property@Mcp.HttpTransport:messages-path]), for the oldest clients.
 *
 * The transport is secure by default: [ctor@Mcp.HttpTransport.new] with
 * [method@Mcp.HttpTransport.listen_local] binds the loopback interface
 * only; the `Host` header must name the loopback interface, an IP address or
 * an allowed host (DNS rebinding protection); a browser's `Origin` must be
 * a loopback one or an allowed origin; a bearer token, when set, is required
 * and compared in constant time; bodies are limited to
 * [property@Mcp.Server:max-message-size]; sessions and open streams are
 * limited in number. Every rejection is an HTTP error status with a
 * JSON-RPC error body.
 *
 * To embed MCP in an application that already runs a [class@Soup.Server],
 * create the transport with [ctor@Mcp.HttpTransport.new_for_soup_server]:
 * the endpoint is served at the path of the application's choosing, on the
 * application's [struct@GLib.MainContext], next to its other handlers.
 *
 * ```c
 * g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (server);
 * g_autoptr(GError) error = NULL;
 *
 * if (!mcp_http_transport_listen_local (transport, 8080, &error))
 *   g_error ("%s", error->message);
 * mcp_transport_start (MCP_TRANSPORT (transport));
 * // http://127.0.0.1:8080/mcp until mcp_transport_close()
 * ```
 */

#define DEFAULT_PATH                "/mcp"
#define DEFAULT_SSE_PATH            "/sse"
#define DEFAULT_MESSAGES_PATH       "/messages"
#define DEFAULT_SESSION_TIMEOUT_MS  (10 * 60 * 1000)
#define DEFAULT_MAX_SESSIONS        1024
#define DEFAULT_MAX_STREAMS         512
#define DEFAULT_KEEP_ALIVE_MS       15000
#define DEFAULT_RETRY_MS            1000
#define EVENTS_PER_SESSION          1024
#define EVENT_BYTES_PER_SESSION     (16 * 1024 * 1024)
#define MCP_HTTP_LISTEN_BACKLOG     128

struct _McpHttpTransport
{
  McpTransport   parent_instance;

  SoupServer    *soup_server;
  GMainContext  *main_context;
  char          *path;
  char          *sse_path;
  char          *messages_path;
  GPtrArray     *registered_paths;   /* the paths our handlers are on */
  gulong         request_signal_ids[3]; /* SoupServer::request-{started,finished,aborted} */

  GStrv          allowed_hosts;
  GStrv          allowed_origins;
  GBytes        *bearer_digest;
  McpHttpAuthFunc auth_func;
  gpointer       auth_data;
  GDestroyNotify auth_destroy;

  GHashTable    *sessions;           /* id → McpHttpSession */
  GHashTable    *streams;            /* McpHttpStream set: responses held open */
  GSource       *expiry_source;
  McpJsonCache  *json_cache;         /* what the parser keeps between bodies */

  guint          session_timeout;
  guint          max_sessions;
  guint          max_streams;
  guint          keep_alive_interval;
  guint          retry_interval;
  char          *replica_id;

  guint          owns_soup_server : 1;
  guint          started : 1;
  guint          closed : 1;
};

enum {
  PROP_0,
  PROP_SOUP_SERVER,
  PROP_PATH,
  PROP_SSE_PATH,
  PROP_MESSAGES_PATH,
  PROP_ALLOWED_HOSTS,
  PROP_ALLOWED_ORIGINS,
  PROP_BEARER_TOKEN,
  PROP_SESSION_TIMEOUT,
  PROP_MAX_SESSIONS,
  PROP_MAX_STREAMS,
  PROP_KEEP_ALIVE_INTERVAL,
  PROP_RETRY_INTERVAL,
  PROP_REPLICA_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (McpHttpTransport, mcp_http_transport, MCP_TYPE_TRANSPORT)

static void mcp_http_transport_register_handlers   (McpHttpTransport *self);
static void mcp_http_transport_unregister_handlers (McpHttpTransport *self);
static void mcp_http_transport_restart_expiry      (McpHttpTransport *self);

/* Held responses */

static void
stream_release_cb (McpHttpStream *stream,
                   gpointer       user_data)
{
  McpHttpTransport *self = user_data;

  g_hash_table_remove (self->streams, stream);
}

/* Holds @message open for an answer that comes later. The transport keeps
 * the stream until the response is complete or its client is gone. A
 * @held stream sends nothing until mcp_http_stream_release_hold(). */
static McpHttpStream *
mcp_http_transport_hold (McpHttpTransport  *self,
                         SoupServerMessage *message,
                         gboolean           held)
{
  McpHttpStream *stream = mcp_http_stream_new (message, self->keep_alive_interval, held);

  g_hash_table_add (self->streams, stream);
  mcp_http_stream_set_release_func (stream, stream_release_cb, self);

  return stream;
}

static gboolean
mcp_http_transport_check_streams (McpHttpTransport  *self,
                                  SoupServerMessage *message,
                                  JsonNode          *id)
{
  if (g_hash_table_size (self->streams) < self->max_streams)
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Retry-After", "1");
  mcp_http_respond_error (message, SOUP_STATUS_SERVICE_UNAVAILABLE, id,
                          MCP_HTTP_ERROR_BAD_REQUEST,
                          "Service unavailable: too many open streams");
  return FALSE;
}

static void
mcp_http_transport_abort_streams (McpHttpTransport *self)
{
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_http_stream_unref);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      mcp_http_stream_set_release_func (key, NULL, NULL);
      g_ptr_array_add (streams, mcp_http_stream_ref (key));
      g_hash_table_iter_remove (&iter);
    }

  for (guint i = 0; i < streams->len; i++)
    mcp_http_stream_abort (g_ptr_array_index (streams, i));
}

/* Sessions */

static void
session_closed_cb (McpHttpSession *session,
                   gpointer        user_data)
{
  McpHttpTransport *self = user_data;

  if (g_hash_table_lookup (self->sessions, session->id) == session)
    g_hash_table_remove (self->sessions, session->id);
}

static void
mcp_http_transport_close_sessions (McpHttpTransport *self,
                                   gboolean          only_expired)
{
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_http_session_unref);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      McpHttpSession *session = value;

      if (only_expired &&
          (mcp_http_session_is_busy (session) ||
           now - session->last_activity < (gint64)self->session_timeout * 1000))
        continue;

      g_ptr_array_add (expired, mcp_http_session_ref (session));
    }

  for (guint i = 0; i < expired->len; i++)
    {
      McpHttpSession *session = g_ptr_array_index (expired, i);

      if (only_expired)
        g_debug ("HTTP session %.8s… expired", session->id);
      mcp_http_session_close (session);
    }
}

static gboolean
expiry_cb (gpointer user_data)
{
  McpHttpTransport *self = user_data;

  mcp_http_transport_close_sessions (self, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
mcp_http_transport_restart_expiry (McpHttpTransport *self)
{
  guint interval;

  if (self->expiry_source != NULL)
    {
      g_source_destroy (self->expiry_source);
      g_clear_pointer (&self->expiry_source, g_source_unref);
    }

  if (!self->started || self->closed || self->session_timeout == 0)
    return;

  interval = CLAMP (self->session_timeout / 4, 10, 10000);
  self->expiry_source = g_timeout_source_new (interval);
  g_source_set_callback (self->expiry_source, expiry_cb, self, NULL);
  g_source_set_static_name (self->expiry_source, "[makemcp-glib] HTTP session expiry");
  g_source_attach (self->expiry_source, self->main_context);
}

/* Who sent @message, as the auth function said, or NULL. */
#define PRINCIPAL_KEY "mcp-principal"

static const char *
message_principal (SoupServerMessage *message)
{
  return g_object_get_data (G_OBJECT (message), PRINCIPAL_KEY);
}

static McpHttpSession *
mcp_http_transport_new_session (McpHttpTransport   *self,
                                SoupServerMessage  *message,
                                McpHttpSessionKind  kind,
                                JsonNode           *id)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  McpHttpSession *session;

  if (g_hash_table_size (self->sessions) >= self->max_sessions)
    mcp_http_transport_close_sessions (self, TRUE);

  if (g_hash_table_size (self->sessions) >= self->max_sessions)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "5");
      mcp_http_respond_error (message, SOUP_STATUS_SERVICE_UNAVAILABLE, id,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Service unavailable: too many sessions");
      return NULL;
    }

  session = mcp_http_session_new (server, kind, self->replica_id, EVENTS_PER_SESSION,
                                  EVENT_BYTES_PER_SESSION, (int)self->retry_interval);
  session->principal = g_strdup (message_principal (message));
  session->closed_func = session_closed_cb;
  session->closed_data = self;
  g_hash_table_insert (self->sessions, g_strdup (session->id), session);

  return session;
}

/* The session @id names, if @message may use it: a session belongs to the
 * principal that opened it, and to no one else, even with its id. */
static McpHttpSession *
mcp_http_transport_lookup_session (McpHttpTransport   *self,
                                   SoupServerMessage  *message,
                                   const char         *id,
                                   McpHttpSessionKind  kind)
{
  McpHttpSession *session = id != NULL ? g_hash_table_lookup (self->sessions, id) : NULL;

  if (session == NULL || session->closed || session->kind != kind ||
      g_strcmp0 (session->principal, message_principal (message)) != 0)
    return NULL;

  return session;
}

static void
respond_session_not_found (SoupServerMessage *message,
                           JsonNode          *id)
{
  mcp_http_respond_error (message, SOUP_STATUS_NOT_FOUND, id, MCP_HTTP_ERROR_SESSION_NOT_FOUND,
                          "Session not found: it expired or was terminated; "
                          "start a new one with initialize");
}

/* The checks every request passes before its body is even read: run from
 * libsoup's early handler. */

typedef struct
{
  gsize max;
  gsize received;
} BodyLimit;

static void
respond_too_large (SoupServerMessage *message,
                   gsize              max)
{
  g_autofree char *text = g_strdup_printf ("Payload too large: the limit is %" G_GSIZE_FORMAT
                                           " bytes", max);

  /* The rest of the body is read and dropped; the connection ends after
   * the answer. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);
  soup_message_body_truncate (soup_server_message_get_request_body (message));
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");
  mcp_http_respond_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL,
                          MCP_HTTP_ERROR_BAD_REQUEST, text);
}

static void
body_chunk_cb (SoupServerMessage *message,
               GBytes            *chunk,
               BodyLimit         *limit)
{
  limit->received += g_bytes_get_size (chunk);
  if (limit->received > limit->max && soup_server_message_get_status (message) == 0)
    respond_too_large (message, limit->max);
}

static void
add_cors_headers (McpHttpTransport  *self,
                  SoupServerMessage *message,
                  const char        *origin)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", origin);
  soup_message_headers_append (headers, "Vary", "Origin");
  soup_message_headers_replace (headers, "Access-Control-Expose-Headers",
                                "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate");
}

/* Runs the application's auth function; answers 401 or 403 and returns
 * FALSE when it refuses. */
static gboolean
authenticate (McpHttpTransport  *self,
              SoupServerMessage *message)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *principal;

  principal = self->auth_func (self, message, self->auth_data, &error);
  if (principal != NULL)
    {
      g_object_set_data_full (G_OBJECT (message), PRINCIPAL_KEY, principal, g_free);
      return TRUE;
    }

  if (error == NULL)
    {
      g_critical ("The auth function of McpHttpTransport returned NULL without an error");
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no credentials");
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      text = g_strdup_printf ("Forbidden: %s", error->message);
      mcp_http_respond_error (message, SOUP_STATUS_FORBIDDEN, NULL, MCP_HTTP_ERROR_BAD_REQUEST, text);
      return FALSE;
    }

  if (soup_message_headers_get_one (response_headers, "WWW-Authenticate") == NULL)
    soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer");
  text = g_strdup_printf ("Unauthorized: %s", error->message);
  mcp_http_respond_error (message, SOUP_STATUS_UNAUTHORIZED, NULL, MCP_HTTP_ERROR_BAD_REQUEST, text);
  return FALSE;
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  McpHttpTransport *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  const char *origin = soup_message_headers_get_one (request_headers, "Origin");
  const char *method = soup_server_message_get_method (message);
  McpServer *mcp_server = mcp_transport_get_server (MCP_TRANSPORT (self));
  gsize max = mcp_server_get_max_message_size (mcp_server);

  if (self->closed)
    {
      mcp_http_respond_error (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Service unavailable: the server is shutting down");
      return;
    }

  /* DNS rebinding: a page of evil.example that resolves its own name to
   * 127.0.0.1 sends "Host: evil.example". */
  if (!mcp_http_check_host ((const char * const *)self->allowed_hosts,
                            soup_server_message_get_uri (message)))
    {
      g_autofree char *text = NULL;
      const char *host = soup_message_headers_get_one (request_headers, "Host");

      text = g_strdup_printf ("Forbidden: host “%s” is not allowed", host != NULL ? host : "");
      mcp_http_respond_error (message, SOUP_STATUS_FORBIDDEN, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST, text);
      return;
    }

  if (!mcp_http_check_origin ((const char * const *)self->allowed_origins, origin))
    {
      g_autofree char *text = g_strdup_printf ("Forbidden: origin “%s” is not allowed", origin);

      mcp_http_respond_error (message, SOUP_STATUS_FORBIDDEN, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST, text);
      return;
    }

  if (origin != NULL)
    add_cors_headers (self, message, origin);

  /* CORS preflight requests carry no credentials. */
  if (g_strcmp0 (method, SOUP_METHOD_OPTIONS) != 0 &&
      !mcp_http_check_bearer (self->bearer_digest,
                              soup_message_headers_get_one (request_headers, "Authorization")))
    {
      gboolean had_token = soup_message_headers_get_one (request_headers, "Authorization") != NULL;

      soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                    had_token ? "Bearer error=\"invalid_token\"" : "Bearer");
      mcp_http_respond_error (message, SOUP_STATUS_UNAUTHORIZED, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              had_token ? "Unauthorized: invalid bearer token"
                                        : "Unauthorized: a bearer token is required");
      return;
    }

  if (g_strcmp0 (method, SOUP_METHOD_OPTIONS) != 0 && self->auth_func != NULL &&
      !authenticate (self, message))
    return;

  if (max > 0)
    {
      if (soup_message_headers_get_encoding (request_headers) == SOUP_ENCODING_CONTENT_LENGTH)
        {
          if ((guint64)soup_message_headers_get_content_length (request_headers) > max)
            respond_too_large (message, max);
        }
      else
        {
          BodyLimit *limit = g_new0 (BodyLimit, 1);

          limit->max = max;
          g_signal_connect_data (message, "got-chunk", G_CALLBACK (body_chunk_cb), limit,
                                 (GClosureNotify)g_free, G_CONNECT_DEFAULT);
        }
    }
}

/* Modern requests (2026-07-28) */

static void
respond_header_mismatch (SoupServerMessage *message,
                         JsonNode          *id,
                         const char        *text)
{
  mcp_http_respond_error (message, SOUP_STATUS_BAD_REQUEST, id, MCP_ERROR_HEADER_MISMATCH, text);
}

/* The body field that Mcp-Name mirrors for @method, if any. */
static const char *
name_field_for (const char *method)
{
  if (strcmp (method, "tools/call") == 0 || strcmp (method, "prompts/get") == 0)
    return "name";
  if (strcmp (method, "resources/read") == 0)
    return "uri";
  if (strcmp (method, "tasks/get") == 0 || strcmp (method, "tasks/update") == 0 ||
      strcmp (method, "tasks/cancel") == 0)
    return "taskId";
  return NULL;
}

typedef struct
{
  SoupMessageHeaders *headers;
  char               *problem;
} ParamCheck;

/* One `x-mcp-header` annotation: the header must be there when the
 * argument is, and say the same thing. */
static void
check_param_header (ParamCheck *check,
                    const char *name,
                    JsonNode   *value)
{
  g_autofree char *header_name = g_strconcat (MCP_HTTP_HEADER_PARAM_PREFIX, name, NULL);
  g_autofree char *raw = mcp_http_dup_header (check->headers, header_name);
  g_autofree char *decoded = NULL;
  gboolean has_value = value != NULL && !JSON_NODE_HOLDS_NULL (value);

  if (check->problem != NULL)
    return;

  if (!has_value)
    {
      if (raw != NULL)
        check->problem = g_strdup_printf ("Header mismatch: %s is set but the argument it "
                                          "mirrors is absent", header_name);
      return;
    }

  if (raw == NULL)
    check->problem = g_strdup_printf ("Header mismatch: missing %s header", header_name);
  else if (!mcp_http_header_value_is_valid (raw))
    check->problem = g_strdup_printf ("Header mismatch: %s contains invalid characters",
                                      header_name);
  else if (!mcp_http_decode_header_value (raw, &decoded))
    check->problem = g_strdup_printf ("Header mismatch: %s is not valid Base64 sentinel "
                                      "encoding", header_name);
  else if (!mcp_http_header_matches_json (decoded, value))
    check->problem = g_strdup_printf ("Header mismatch: %s header value '%s' does not match "
                                      "the body", header_name, raw);
}

/* Walks the statically reachable properties of an input schema (chains of
 * `properties` only) for `x-mcp-header` annotations. */
static void
check_param_headers (ParamCheck *check,
                     JsonObject *schema,
                     JsonNode   *value,
                     guint       depth)
{
  JsonObject *schema_properties = mcp_json_get_object (schema, "properties");
  JsonObject *value_object = value != NULL && JSON_NODE_HOLDS_OBJECT (value)
                             ? json_node_get_object (value) : NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (schema_properties == NULL || depth > 32)
    return;

  json_object_iter_init (&iter, schema_properties);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonObject *property;
      JsonNode *child;
      const char *header;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      property = json_node_get_object (node);
      child = value_object != NULL ? json_object_get_member (value_object, member) : NULL;
      header = mcp_json_get_string (property, "x-mcp-header");

      if (header != NULL)
        check_param_header (check, header, child);
      check_param_headers (check, property, child, depth + 1);
    }
}

/* Mcp-Method, Mcp-Name and Mcp-Param-* against the body. Returns a
 * description of the first problem, or NULL. */
static char *
check_standard_headers (McpHttpTransport   *self,
                        SoupMessageHeaders *headers,
                        McpRequestContext  *context)
{
  const char *method = mcp_request_context_get_method (context);
  g_autofree char *method_header = mcp_http_dup_header (headers, MCP_HTTP_HEADER_METHOD);
  const char *name_field = name_field_for (method);

  if (method_header == NULL)
    return g_strdup ("Header mismatch: missing Mcp-Method header");

  if (strcmp (method_header, method) != 0)
    return g_strdup_printf ("Header mismatch: Mcp-Method header value '%s' does not match "
                            "body value '%s'", method_header, method);

  if (name_field != NULL)
    {
      g_autofree char *name_header = mcp_http_dup_header (headers, MCP_HTTP_HEADER_NAME);
      JsonNode *body_node = mcp_request_context_get_param (context, name_field);
      const char *body_name = mcp_json_node_is_string (body_node) ? json_node_get_string (body_node)
                                                                  : NULL;
      g_autofree char *decoded = NULL;

      if (name_header == NULL)
        return g_strdup ("Header mismatch: missing Mcp-Name header");

      if (!mcp_http_header_value_is_valid (name_header))
        return g_strdup ("Header mismatch: Mcp-Name contains invalid characters");

      if (!mcp_http_decode_header_value (name_header, &decoded))
        return g_strdup ("Header mismatch: Mcp-Name is not valid Base64 sentinel encoding");

      if (body_name == NULL || strcmp (decoded, body_name) != 0)
        return g_strdup_printf ("Header mismatch: Mcp-Name header value '%s' does not match "
                                "body value '%s'", name_header,
                                body_name != NULL ? body_name : "");
    }

  if (strcmp (method, "tools/call") == 0)
    {
      McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
      JsonNode *tool_name = mcp_request_context_get_param (context, "name");
      McpTool *tool = mcp_json_node_is_string (tool_name)
                      ? mcp_server_lookup_tool (server, json_node_get_string (tool_name)) : NULL;
      ParamCheck check = { headers, NULL };

      if (tool != NULL)
        check_param_headers (&check, mcp_tool_get_input_schema (tool),
                             mcp_request_context_get_param (context, "arguments"), 0);
      if (check.problem != NULL)
        return check.problem;
    }

  return NULL;
}

static void
dispatch (McpHttpTransport    *self,
          SoupServerMessage   *message,
          McpAcceptedMessage  *accepted,
          McpHttpSession      *session,
          McpHttpExchangeMode  mode,
          McpHttpAccept        accept)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  McpHttpExchange *exchange;
  g_autoptr(McpHttpStream) stream = NULL;

  mcp_request_context_set_principal (accepted->context, message_principal (message));
  exchange = mcp_http_exchange_new (session, accepted->context, mode, accept);
  /* What a handler answers before it returns leaves as one response. */
  stream = mcp_http_stream_ref (mcp_http_transport_hold (self, message, TRUE));
  mcp_http_exchange_attach (exchange, stream);

  /* The core owns the exchange now; it lets go once the request is
   * answered or cancelled. */
  mcp_server_dispatch (server, accepted, mcp_http_exchange_send, exchange,
                       (GDestroyNotify)mcp_http_exchange_unref);
  mcp_http_stream_release_hold (stream);
}

static void
respond_accepted (SoupServerMessage *message)
{
  soup_server_message_set_status (message, SOUP_STATUS_ACCEPTED, NULL);
}

/* The `_meta` object of a message's params, if it has one. */
static JsonObject *
body_meta (McpJsonEnvelope *body)
{
  JsonNode *meta = mcp_json_envelope_get_param (body, "_meta");

  return meta != NULL && JSON_NODE_HOLDS_OBJECT (meta) ? json_node_get_object (meta) : NULL;
}

/* The validation ladder of a modern request, in the order the
 * specification's conformance suite expects: the version header, the
 * `_meta` envelope, header against `_meta`, the version itself, an unknown
 * method, then the standard headers against the body. */
static void
handle_modern (McpHttpTransport  *self,
               SoupServerMessage *message,
               McpJsonEnvelope   *body,
               const char        *header_version,
               McpHttpAccept      accept)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_auto(McpAcceptedMessage) accepted = { 0, };
  JsonNode *id = body->id;
  gboolean is_request = body->is_object && id != NULL && body->method != NULL;
  g_autofree char *problem = NULL;

  if (!mcp_json_id_is_valid (id))
    id = NULL;

  if (is_request)
    {
      JsonObject *meta = body_meta (body);
      JsonNode *version = mcp_json_get_member (meta, MCP_META_PROTOCOL_VERSION);
      JsonNode *capabilities = mcp_json_get_member (meta, MCP_META_CLIENT_CAPABILITIES);

      if (header_version == NULL)
        {
          respond_header_mismatch (message, id,
                                   "Header mismatch: missing MCP-Protocol-Version header");
          return;
        }

      if (meta == NULL || !mcp_json_node_is_string (version) ||
          capabilities == NULL || !JSON_NODE_HOLDS_OBJECT (capabilities))
        {
          const char *text;

          if (meta == NULL)
            text = "Invalid params: the request has no _meta envelope (“"
                   MCP_META_PROTOCOL_VERSION "” and “" MCP_META_CLIENT_CAPABILITIES "”)";
          else if (!mcp_json_node_is_string (version))
            text = "Invalid params: missing “" MCP_META_PROTOCOL_VERSION "” in _meta";
          else
            text = "Invalid params: missing “" MCP_META_CLIENT_CAPABILITIES "” in _meta";

          mcp_http_respond_error (message, SOUP_STATUS_BAD_REQUEST, id,
                                  MCP_ERROR_INVALID_PARAMS, text);
          return;
        }

      if (strcmp (header_version, json_node_get_string (version)) != 0)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf ("Header mismatch: MCP-Protocol-Version header value '%s' "
                                  "does not match body value '%s'",
                                  header_version, json_node_get_string (version));
          respond_header_mismatch (message, id, text);
          return;
        }
    }

  switch (mcp_server_accept_envelope (server, NULL, body, &accepted))
    {
    case MCP_MESSAGE_INVALID:
      mcp_http_respond_json (message, accepted.http_status, accepted.error_response);
      return;

    case MCP_MESSAGE_NOTIFICATION:
    case MCP_MESSAGE_RESPONSE:
      respond_accepted (message);
      return;

    case MCP_MESSAGE_REQUEST:
    default:
      break;
    }

  if ((problem = check_standard_headers (self, headers, accepted.context)) != NULL)
    {
      respond_header_mismatch (message, id, problem);
      return;
    }

  if (!mcp_http_transport_check_streams (self, message, id))
    return;

  dispatch (self, message, &accepted, NULL, MCP_HTTP_EXCHANGE_MODERN, accept);
}

/* Legacy Streamable HTTP (2025-03-26 … 2025-11-25) */

static gboolean
check_legacy_version (SoupServerMessage *message,
                      const char        *header_version,
                      JsonNode          *id)
{
  g_autofree char *text = NULL;

  /* Clients send the negotiated version, but some send an older one they
   * also speak: any version we serve is fine. */
  if (header_version == NULL || mcp_protocol_version_is_supported (header_version))
    return TRUE;

  text = g_strdup_printf ("Bad Request: unsupported protocol version “%s” in "
                          "MCP-Protocol-Version", header_version);
  mcp_http_respond_error (message, SOUP_STATUS_BAD_REQUEST, id, MCP_HTTP_ERROR_BAD_REQUEST, text);
  return FALSE;
}

static void
handle_initialize (McpHttpTransport  *self,
                   SoupServerMessage *message,
                   McpJsonEnvelope   *body,
                   McpHttpAccept      accept)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_auto(McpAcceptedMessage) accepted = { 0, };
  JsonNode *id = body->id;
  McpHttpSession *session;

  if (!mcp_json_id_is_valid (id))
    id = NULL;

  if (!mcp_http_transport_check_streams (self, message, id))
    return;

  if ((session = mcp_http_transport_new_session (self, message, MCP_HTTP_SESSION_STREAMABLE,
                                                 id)) == NULL)
    return;

  if (mcp_server_accept_envelope (server, session->session, body, &accepted) != MCP_MESSAGE_REQUEST)
    {
      mcp_http_session_close (session);
      if (accepted.kind == MCP_MESSAGE_INVALID)
        mcp_http_respond_json (message, accepted.http_status, accepted.error_response);
      else
        respond_accepted (message);
      return;
    }

  /* Answered with JSON, so that a failed initialize can still drop the
   * session and its header. */
  dispatch (self, message, &accepted, session, MCP_HTTP_EXCHANGE_LEGACY_JSON, accept);
}

static void
handle_session_post (McpHttpTransport  *self,
                     SoupServerMessage *message,
                     McpJsonEnvelope   *body,
                     McpHttpSession    *session,
                     const char        *header_version,
                     McpHttpAccept      accept)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_auto(McpAcceptedMessage) accepted = { 0, };
  JsonNode *id = body->id;

  if (!mcp_json_id_is_valid (id))
    id = NULL;

  if (!check_legacy_version (message, header_version, id))
    return;

  mcp_http_session_touch (session);

  switch (mcp_server_accept_envelope (server, session->session, body, &accepted))
    {
    case MCP_MESSAGE_INVALID:
      /* A 404 would tell the client that its session is gone: an unknown
       * method is an in-band error on a session. */
      mcp_http_respond_json (message,
                             accepted.http_status == SOUP_STATUS_NOT_FOUND ? SOUP_STATUS_OK
                                                                          : accepted.http_status,
                             accepted.error_response);
      return;

    case MCP_MESSAGE_NOTIFICATION:
    case MCP_MESSAGE_RESPONSE:
      respond_accepted (message);
      return;

    case MCP_MESSAGE_REQUEST:
    default:
      break;
    }

  if (!mcp_http_transport_check_streams (self, message, id))
    return;

  dispatch (self, message, &accepted, session,
            (accept & MCP_HTTP_ACCEPT_SSE) ? MCP_HTTP_EXCHANGE_LEGACY_STREAM
                                           : MCP_HTTP_EXCHANGE_LEGACY_JSON,
            accept);
}

/* A message with neither a session nor a modern envelope. */
static void
handle_sessionless (McpHttpTransport  *self,
                    SoupServerMessage *message,
                    McpJsonEnvelope   *body,
                    McpHttpAccept      accept)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_auto(McpAcceptedMessage) accepted = { 0, };

  switch (mcp_server_accept_envelope (server, NULL, body, &accepted))
    {
    case MCP_MESSAGE_INVALID:
      mcp_http_respond_json (message, accepted.http_status, accepted.error_response);
      return;

    case MCP_MESSAGE_NOTIFICATION:
    case MCP_MESSAGE_RESPONSE:
      respond_accepted (message);
      return;

    case MCP_MESSAGE_REQUEST:
    default:
      /* Only `ping` gets here. */
      if (mcp_http_transport_check_streams (self, message,
                                            mcp_request_context_get_request_id (accepted.context)))
        dispatch (self, message, &accepted, NULL, MCP_HTTP_EXCHANGE_MODERN, accept);
      return;
    }
}

static gboolean
is_legacy_initialize (McpJsonEnvelope *body)
{
  return body->is_object && body->id != NULL && mcp_json_node_is_string (body->method) &&
         strcmp (json_node_get_string (body->method), "initialize") == 0;
}

/* Whether the body names its protocol era itself: `_meta` with a protocol
 * version that is not one of the legacy ones. */
static gboolean
body_is_modern (McpJsonEnvelope *body)
{
  JsonObject *meta = body_meta (body);
  JsonNode *version = mcp_json_get_member (meta, MCP_META_PROTOCOL_VERSION);

  if (version == NULL)
    return FALSE;

  return !(mcp_json_node_is_string (version) &&
           mcp_protocol_version_is_legacy (json_node_get_string (version)));
}

static gboolean
read_body (McpHttpTransport   *self,
           SoupServerMessage  *message,
           McpJsonEnvelope    *body)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  if (!mcp_http_content_type_is_json (soup_server_message_get_request_headers (message)))
    {
      mcp_http_respond_error (message, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Unsupported Media Type: Content-Type must be application/json");
      return FALSE;
    }

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (message));
  data = g_bytes_get_data (bytes, &length);

  if (!mcp_json_parse_envelope (data, length, mcp_server_get_max_json_depth (server),
                                self->json_cache, body, &error))
    {
      mcp_http_respond_error (message, SOUP_STATUS_BAD_REQUEST, NULL,
                              MCP_ERROR_PARSE_ERROR, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
handle_post (McpHttpTransport  *self,
             SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autofree char *session_id = mcp_http_dup_header (headers, MCP_HTTP_HEADER_SESSION_ID);
  g_autofree char *header_version = mcp_http_dup_header (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION);
  McpHttpAccept accept = mcp_http_parse_accept (headers);
  g_auto(McpJsonEnvelope) body = { 0, };

  if (accept == 0)
    {
      mcp_http_respond_error (message, SOUP_STATUS_NOT_ACCEPTABLE, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Not Acceptable: the client must accept application/json and "
                              "text/event-stream");
      return;
    }

  if (!read_body (self, message, &body))
    return;

  /* Which era? A body with a modern _meta is modern whatever else comes
   * with it; a session id means a legacy session; a modern version header
   * on a request without either is a modern request with a broken
   * envelope; the rest is legacy. */
  if (body_is_modern (&body))
    handle_modern (self, message, &body, header_version, accept);
  else if (session_id != NULL)
    {
      McpHttpSession *session = mcp_http_transport_lookup_session (self, message, session_id,
                                                                   MCP_HTTP_SESSION_STREAMABLE);

      if (session == NULL)
        respond_session_not_found (message, NULL);
      else
        handle_session_post (self, message, &body, session, header_version, accept);
    }
  else if (header_version != NULL && !mcp_protocol_version_is_legacy (header_version))
    handle_modern (self, message, &body, header_version, accept);
  else if (is_legacy_initialize (&body))
    handle_initialize (self, message, &body, accept);
  else
    handle_sessionless (self, message, &body, accept);
}

static void
respond_method_not_allowed (SoupServerMessage *message,
                            const char        *allow,
                            const char        *text)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Allow", allow);
  mcp_http_respond_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL,
                          MCP_HTTP_ERROR_BAD_REQUEST, text);
}

static void
handle_get (McpHttpTransport  *self,
            SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autofree char *session_id = mcp_http_dup_header (headers, MCP_HTTP_HEADER_SESSION_ID);
  g_autofree char *header_version = mcp_http_dup_header (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION);
  g_autofree char *last_event_id = mcp_http_dup_header (headers, MCP_HTTP_HEADER_LAST_EVENT_ID);
  McpHttpSession *session;
  McpHttpStream *stream;

  if (session_id == NULL)
    {
      respond_method_not_allowed (message, "GET, POST, DELETE",
                                  "Method Not Allowed: GET opens the stream of a session "
                                  "(Mcp-Session-Id); 2026-07-28 has no GET stream");
      return;
    }

  session = mcp_http_transport_lookup_session (self, message, session_id, MCP_HTTP_SESSION_STREAMABLE);
  if (session == NULL)
    {
      respond_session_not_found (message, NULL);
      return;
    }

  if (!check_legacy_version (message, header_version, NULL))
    return;

  if (!(mcp_http_parse_accept (headers) & MCP_HTTP_ACCEPT_SSE))
    {
      mcp_http_respond_error (message, SOUP_STATUS_NOT_ACCEPTABLE, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Not Acceptable: the client must accept text/event-stream");
      return;
    }

  if (!mcp_http_transport_check_streams (self, message, NULL))
    return;

  mcp_http_session_touch (session);
  stream = mcp_http_transport_hold (self, message, FALSE);

  if (last_event_id != NULL)
    mcp_http_session_resume (session, stream, last_event_id);
  else
    mcp_http_session_open_standalone (session, stream);
}

static void
handle_delete (McpHttpTransport  *self,
               SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autofree char *session_id = mcp_http_dup_header (headers, MCP_HTTP_HEADER_SESSION_ID);
  McpHttpSession *session;

  if (session_id == NULL)
    {
      respond_method_not_allowed (message, "GET, POST, DELETE",
                                  "Method Not Allowed: DELETE ends a session (Mcp-Session-Id); "
                                  "2026-07-28 has no sessions");
      return;
    }

  session = mcp_http_transport_lookup_session (self, message, session_id, MCP_HTTP_SESSION_STREAMABLE);
  if (session == NULL)
    {
      respond_session_not_found (message, NULL);
      return;
    }

  g_debug ("HTTP session %.8s… terminated by the client", session->id);
  mcp_http_session_close (session);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* HTTP+SSE (2024-11-05) */

static void
handle_sse_get (McpHttpTransport  *self,
                SoupServerMessage *message)
{
  g_autofree char *endpoint = NULL;
  McpHttpSession *session;
  McpHttpStream *stream;

  if (!(mcp_http_parse_accept (soup_server_message_get_request_headers (message)) &
        MCP_HTTP_ACCEPT_SSE))
    {
      mcp_http_respond_error (message, SOUP_STATUS_NOT_ACCEPTABLE, NULL,
                              MCP_HTTP_ERROR_BAD_REQUEST,
                              "Not Acceptable: the client must accept text/event-stream");
      return;
    }

  if (self->messages_path == NULL)
    {
      respond_method_not_allowed (message, "", "Method Not Allowed: HTTP+SSE is disabled");
      return;
    }

  if (!mcp_http_transport_check_streams (self, message, NULL))
    return;

  if ((session = mcp_http_transport_new_session (self, message, MCP_HTTP_SESSION_SSE,
                                                 NULL)) == NULL)
    return;

  endpoint = g_strdup_printf ("%s?sessionId=%s", self->messages_path, session->id);
  stream = mcp_http_transport_hold (self, message, FALSE);
  mcp_http_session_open_sse (session, stream, endpoint);
}

static void
handle_messages_post (McpHttpTransport  *self,
                      SoupServerMessage *message,
                      GHashTable        *query)
{
  McpServer *server = mcp_transport_get_server (MCP_TRANSPORT (self));
  const char *session_id = query != NULL ? g_hash_table_lookup (query, "sessionId") : NULL;
  g_auto(McpAcceptedMessage) accepted = { 0, };
  g_auto(McpJsonEnvelope) body = { 0, };
  McpHttpSession *session;

  session = mcp_http_transport_lookup_session (self, message, session_id, MCP_HTTP_SESSION_SSE);
  if (session == NULL)
    {
      respond_session_not_found (message, NULL);
      return;
    }

  if (!read_body (self, message, &body))
    return;

  mcp_http_session_touch (session);

  /* Answers travel on the session's event stream. */
  switch (mcp_server_accept_envelope (server, session->session, &body, &accepted))
    {
    case MCP_MESSAGE_INVALID:
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (accepted.error_response),
                                                         "id")))
        {
          mcp_http_session_send (accepted.error_response, NULL, TRUE, session);
          respond_accepted (message);
        }
      else
        mcp_http_respond_json (message, SOUP_STATUS_BAD_REQUEST, accepted.error_response);
      return;

    case MCP_MESSAGE_REQUEST:
      mcp_request_context_set_principal (accepted.context, message_principal (message));
      mcp_server_dispatch (server, &accepted, mcp_http_session_send,
                           mcp_http_session_ref (session),
                           (GDestroyNotify)mcp_http_session_unref);
      respond_accepted (message);
      return;

    case MCP_MESSAGE_NOTIFICATION:
    case MCP_MESSAGE_RESPONSE:
    default:
      respond_accepted (message);
      return;
    }
}

static void
handle_preflight (McpHttpTransport  *self,
                  SoupServerMessage *message,
                  const char        *allow)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  const char *requested = soup_message_headers_get_list (request_headers,
                                                         "Access-Control-Request-Headers");

  soup_message_headers_replace (response_headers, "Allow", allow);
  if (soup_message_headers_get_one (request_headers, "Origin") != NULL)
    {
      soup_message_headers_replace (response_headers, "Access-Control-Allow-Methods", allow);
      soup_message_headers_replace (response_headers, "Access-Control-Allow-Headers",
                                    requested != NULL
                                    ? requested
                                    : "Content-Type, Accept, Authorization, Mcp-Session-Id, "
                                      "MCP-Protocol-Version, Mcp-Method, Mcp-Name, Last-Event-ID");
      soup_message_headers_replace (response_headers, "Access-Control-Max-Age", "600");
    }
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  McpHttpTransport *self = user_data;
  const char *method = soup_server_message_get_method (message);

  g_object_ref (self);

  if (self->closed)
    mcp_http_respond_error (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL,
                            MCP_HTTP_ERROR_BAD_REQUEST,
                            "Service unavailable: the server is shutting down");
  else if (g_strcmp0 (path, self->path) == 0)
    {
      if (method == SOUP_METHOD_POST)
        handle_post (self, message);
      else if (method == SOUP_METHOD_GET)
        handle_get (self, message);
      else if (method == SOUP_METHOD_DELETE)
        handle_delete (self, message);
      else if (method == SOUP_METHOD_OPTIONS)
        handle_preflight (self, message, "GET, POST, DELETE, OPTIONS");
      else
        respond_method_not_allowed (message, "GET, POST, DELETE, OPTIONS",
                                    "Method Not Allowed");
    }
  else if (self->sse_path != NULL && g_strcmp0 (path, self->sse_path) == 0)
    {
      if (method == SOUP_METHOD_GET)
        handle_sse_get (self, message);
      else if (method == SOUP_METHOD_OPTIONS)
        handle_preflight (self, message, "GET, OPTIONS");
      else
        respond_method_not_allowed (message, "GET, OPTIONS", "Method Not Allowed");
    }
  else if (self->messages_path != NULL && g_strcmp0 (path, self->messages_path) == 0)
    {
      if (method == SOUP_METHOD_POST)
        handle_messages_post (self, message, query);
      else if (method == SOUP_METHOD_OPTIONS)
        handle_preflight (self, message, "POST, OPTIONS");
      else
        respond_method_not_allowed (message, "POST, OPTIONS", "Method Not Allowed");
    }
  else
    mcp_http_respond_error (message, SOUP_STATUS_NOT_FOUND, NULL, MCP_HTTP_ERROR_BAD_REQUEST,
                            "Not Found");

  g_object_unref (self);
}

static void
request_started_cb (SoupServer        *soup_server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  mcp_http_connection_request_started (message);
}

static void
request_done_cb (SoupServer        *soup_server,
                 SoupServerMessage *message,
                 gpointer           user_data)
{
  mcp_http_connection_request_done (message);
}

static void
mcp_http_transport_register_handlers (McpHttpTransport *self)
{
  const char *paths[] = { self->path, self->sse_path, self->messages_path };

  mcp_http_transport_unregister_handlers (self);

  if (!self->started || self->closed)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      if (paths[i] == NULL)
        continue;

      soup_server_add_early_handler (self->soup_server, paths[i], early_handler_cb, self, NULL);
      soup_server_add_handler (self->soup_server, paths[i], handler_cb, self, NULL);
      g_ptr_array_add (self->registered_paths, g_strdup (paths[i]));
    }

  /* See mcp_http_connection_request_done(): libsoup 3.2 leaks the
   * descriptors of kept-alive connections that their clients close. */
  self->request_signal_ids[0] = g_signal_connect (self->soup_server, "request-started",
                                                  G_CALLBACK (request_started_cb), NULL);
  self->request_signal_ids[1] = g_signal_connect (self->soup_server, "request-finished",
                                                  G_CALLBACK (request_done_cb), NULL);
  self->request_signal_ids[2] = g_signal_connect (self->soup_server, "request-aborted",
                                                  G_CALLBACK (request_done_cb), NULL);
}

static void
mcp_http_transport_unregister_handlers (McpHttpTransport *self)
{
  for (guint i = 0; i < self->registered_paths->len; i++)
    soup_server_remove_handler (self->soup_server, g_ptr_array_index (self->registered_paths, i));
  g_ptr_array_set_size (self->registered_paths, 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->request_signal_ids); i++)
    g_clear_signal_handler (&self->request_signal_ids[i], self->soup_server);
}

/* McpTransport */

static void
mcp_http_transport_start (McpTransport *transport)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (transport);

  self->started = TRUE;
  g_clear_pointer (&self->main_context, g_main_context_unref);
  self->main_context = g_main_context_ref_thread_default ();

  mcp_http_transport_register_handlers (self);
  mcp_http_transport_restart_expiry (self);
}

static void
mcp_http_transport_shutdown (McpHttpTransport *self)
{
  if (self->closed)
    return;

  self->closed = TRUE;

  mcp_http_transport_unregister_handlers (self);
  mcp_http_transport_restart_expiry (self);
  mcp_http_transport_close_sessions (self, FALSE);
  mcp_http_transport_abort_streams (self);

  if (self->owns_soup_server)
    soup_server_disconnect (self->soup_server);
}

static void
mcp_http_transport_close (McpTransport *transport)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (transport);

  mcp_http_transport_shutdown (self);
  mcp_transport_emit_closed (transport, NULL);
}

/* GObject */

static void
mcp_http_transport_constructed (GObject *object)
{
  McpHttpTransport *self = (McpHttpTransport *)object;

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->constructed (object);

  if (self->soup_server == NULL)
    {
      self->soup_server = soup_server_new ("server-header", "makemcp-glib/" PACKAGE_VERSION " ",
                                           NULL);
      self->owns_soup_server = TRUE;
    }

  if (self->path == NULL)
    self->path = g_strdup (DEFAULT_PATH);
}

static void
mcp_http_transport_dispose (GObject *object)
{
  McpHttpTransport *self = (McpHttpTransport *)object;

  if (self->soup_server != NULL)
    mcp_http_transport_shutdown (self);

  g_clear_object (&self->soup_server);

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->dispose (object);
}

static void
mcp_http_transport_finalize (GObject *object)
{
  McpHttpTransport *self = (McpHttpTransport *)object;

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->streams, g_hash_table_unref);
  g_clear_pointer (&self->json_cache, mcp_json_cache_free);
  g_clear_pointer (&self->registered_paths, g_ptr_array_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sse_path, g_free);
  g_clear_pointer (&self->messages_path, g_free);
  g_clear_pointer (&self->replica_id, g_free);
  g_clear_pointer (&self->allowed_hosts, g_strfreev);
  g_clear_pointer (&self->allowed_origins, g_strfreev);
  g_clear_pointer (&self->bearer_digest, g_bytes_unref);
  if (self->auth_destroy != NULL)
    self->auth_destroy (self->auth_data);
  self->auth_func = NULL;
  self->auth_data = NULL;
  self->auth_destroy = NULL;

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->finalize (object);
}

static void
mcp_http_transport_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_SOUP_SERVER:
      g_value_set_object (value, self->soup_server);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SSE_PATH:
      g_value_set_string (value, self->sse_path);
      break;

    case PROP_MESSAGES_PATH:
      g_value_set_string (value, self->messages_path);
      break;

    case PROP_ALLOWED_HOSTS:
      g_value_set_boxed (value, self->allowed_hosts);
      break;

    case PROP_ALLOWED_ORIGINS:
      g_value_set_boxed (value, self->allowed_origins);
      break;

    case PROP_SESSION_TIMEOUT:
      g_value_set_uint (value, self->session_timeout);
      break;

    case PROP_MAX_SESSIONS:
      g_value_set_uint (value, self->max_sessions);
      break;

    case PROP_MAX_STREAMS:
      g_value_set_uint (value, self->max_streams);
      break;

    case PROP_KEEP_ALIVE_INTERVAL:
      g_value_set_uint (value, self->keep_alive_interval);
      break;

    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval);
      break;

    case PROP_REPLICA_ID:
      g_value_set_string (value, self->replica_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_transport_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_SOUP_SERVER:
      self->soup_server = g_value_dup_object (value);
      break;

    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_SSE_PATH:
      mcp_http_transport_set_sse_path (self, g_value_get_string (value));
      break;

    case PROP_MESSAGES_PATH:
      mcp_http_transport_set_messages_path (self, g_value_get_string (value));
      break;

    case PROP_ALLOWED_HOSTS:
      mcp_http_transport_set_allowed_hosts (self, g_value_get_boxed (value));
      break;

    case PROP_ALLOWED_ORIGINS:
      mcp_http_transport_set_allowed_origins (self, g_value_get_boxed (value));
      break;

    case PROP_BEARER_TOKEN:
      mcp_http_transport_set_bearer_token (self, g_value_get_string (value));
      break;

    case PROP_SESSION_TIMEOUT:
      mcp_http_transport_set_session_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_SESSIONS:
      mcp_http_transport_set_max_sessions (self, g_value_get_uint (value));
      break;

    case PROP_MAX_STREAMS:
      mcp_http_transport_set_max_streams (self, g_value_get_uint (value));
      break;

    case PROP_KEEP_ALIVE_INTERVAL:
      mcp_http_transport_set_keep_alive_interval (self, g_value_get_uint (value));
      break;

    case PROP_RETRY_INTERVAL:
      mcp_http_transport_set_retry_interval (self, g_value_get_uint (value));
      break;

    case PROP_REPLICA_ID:
      mcp_http_transport_set_replica_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_transport_class_init (McpHttpTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpTransportClass *transport_class = MCP_TRANSPORT_CLASS (klass);

  object_class->constructed = mcp_http_transport_constructed;
  object_class->dispose = mcp_http_transport_dispose;
  object_class->finalize = mcp_http_transport_finalize;
  object_class->get_property = mcp_http_transport_get_property;
  object_class->set_property = mcp_http_transport_set_property;

  transport_class->start = mcp_http_transport_start;
  transport_class->close = mcp_http_transport_close;

  /**
   * McpHttpTransport:soup-server:
   *
   * The [class@Soup.Server] the endpoint is served on: the application's
   * own, or one the transport created for itself.
   */
  properties[PROP_SOUP_SERVER] =
    g_param_spec_object ("soup-server", NULL, NULL,
                         SOUP_TYPE_SERVER,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:path:
   *
   * The path of the MCP endpoint, `/mcp` unless given.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:sse-path:
   *
   * The path of the event stream of the HTTP+SSE transport of protocol
   * revision 2024-11-05, `/sse` by default; %NULL turns that transport
   * off.
   */
  properties[PROP_SSE_PATH] =
    g_param_spec_string ("sse-path", NULL, NULL,
                         DEFAULT_SSE_PATH,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:messages-path:
   *
   * The path where clients of the HTTP+SSE transport (2024-11-05) post
   * their messages, `/messages` by default; %NULL turns that transport
   * off.
   */
  properties[PROP_MESSAGES_PATH] =
    g_param_spec_string ("messages-path", NULL, NULL,
                         DEFAULT_MESSAGES_PATH,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:allowed-hosts:
   *
   * Host names accepted in the `Host` header besides the ones that cannot
   * be rebound (`localhost` and IP address literals, which are always
   * accepted): `name` for any port, `name:port` for one. `*` accepts any
   * host and turns the DNS rebinding protection off.
   */
  properties[PROP_ALLOWED_HOSTS] =
    g_param_spec_boxed ("allowed-hosts", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:allowed-origins:
   *
   * Browser origins accepted in the `Origin` header besides loopback ones
   * (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`), as
   * `scheme://host[:port]`; `*` accepts any. Requests with another origin
   * get 403 Forbidden; requests without one (programs rather than
   * browsers) are not affected.
   */
  properties[PROP_ALLOWED_ORIGINS] =
    g_param_spec_boxed ("allowed-origins", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:bearer-token:
   *
   * A token every request must carry as `Authorization: Bearer TOKEN`;
   * %NULL (the default) requires none. The property can be written but not
   * read: the transport keeps only a digest of the token.
   */
  properties[PROP_BEARER_TOKEN] =
    g_param_spec_string ("bearer-token", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:session-timeout:
   *
   * How long, in milliseconds, a legacy session may stay idle (no request,
   * no open stream) before it expires; 0 keeps sessions until they are
   * deleted.
   */
  properties[PROP_SESSION_TIMEOUT] =
    g_param_spec_uint ("session-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_SESSION_TIMEOUT_MS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:max-sessions:
   *
   * The largest number of legacy sessions at a time. When it is reached,
   * idle sessions past their timeout go first; if none can, a new session
   * is refused with 503 Service Unavailable.
   */
  properties[PROP_MAX_SESSIONS] =
    g_param_spec_uint ("max-sessions", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_MAX_SESSIONS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:max-streams:
   *
   * The largest number of responses held open at a time (requests being
   * served, event streams); more are refused with 503 Service
   * Unavailable.
   */
  properties[PROP_MAX_STREAMS] =
    g_param_spec_uint ("max-streams", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_MAX_STREAMS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:keep-alive-interval:
   *
   * How often, in milliseconds, an open event stream gets a keep-alive
   * comment, so that proxies and clients do not close a quiet stream;
   * 0 sends none. Applies to streams opened after it is set.
   */
  properties[PROP_KEEP_ALIVE_INTERVAL] =
    g_param_spec_uint ("keep-alive-interval", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_KEEP_ALIVE_MS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:retry-interval:
   *
   * The reconnection delay, in milliseconds, that the priming event of a
   * resumable legacy stream tells the client (the SSE `retry` field).
   */
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL,
                       0, G_MAXINT, DEFAULT_RETRY_MS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpHttpTransport:replica-id:
   *
   * The name of this process among replicas of one server behind a
   * reverse proxy: letters, digits, `-` and `_`, at most 64. When set,
   * the id of every legacy session starts with it and a dot
   * (`r1.6f9c…`), so that the proxy can send every request of a session
   * to the replica that holds it, by the `Mcp-Session-Id` header (or the
   * `sessionId` query parameter of HTTP+SSE). See [Running
   * replicas](scale-out.html).
   */
  properties[PROP_REPLICA_ID] =
    g_param_spec_string ("replica-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_http_transport_init (McpHttpTransport *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)mcp_http_session_unref);
  self->streams = g_hash_table_new_full (NULL, NULL, (GDestroyNotify)mcp_http_stream_unref, NULL);
  self->registered_paths = g_ptr_array_new_with_free_func (g_free);
  self->json_cache = mcp_json_cache_new ();
  self->session_timeout = DEFAULT_SESSION_TIMEOUT_MS;
  self->max_sessions = DEFAULT_MAX_SESSIONS;
  self->max_streams = DEFAULT_MAX_STREAMS;
  self->keep_alive_interval = DEFAULT_KEEP_ALIVE_MS;
  self->retry_interval = DEFAULT_RETRY_MS;
}

/**
 * mcp_http_transport_new:
 * @server: the server to serve
 *
 * Creates a transport that serves @server on a [class@Soup.Server] of its
 * own, at `/mcp` (and the HTTP+SSE endpoints `/sse` and `/messages`).
 * Call [method@Mcp.HttpTransport.listen_local] or
 * [method@Mcp.HttpTransport.listen] to bind it, then
 * [method@Mcp.Transport.start].
 *
 * Returns: (transfer full): a new #McpHttpTransport
 */
McpHttpTransport *
mcp_http_transport_new (McpServer *server)
{
  g_return_val_if_fail (MCP_IS_SERVER (server), NULL);

  return g_object_new (MCP_TYPE_HTTP_TRANSPORT, "server", server, NULL);
}

/**
 * mcp_http_transport_new_for_soup_server:
 * @server: the server to serve
 * @soup_server: the application's HTTP server
 * @path: (nullable): the path of the MCP endpoint, or %NULL for `/mcp`
 *
 * Creates a transport that serves @server at @path on an application's
 * own @soup_server, next to its other handlers. The application listens
 * and runs the [struct@GLib.MainContext] @soup_server works on; call
 * [method@Mcp.Transport.start] from that context to add the handlers, and
 * [method@Mcp.Transport.close] to remove them again.
 *
 * Returns: (transfer full): a new #McpHttpTransport
 */
McpHttpTransport *
mcp_http_transport_new_for_soup_server (McpServer  *server,
                                        SoupServer *soup_server,
                                        const char *path)
{
  g_return_val_if_fail (MCP_IS_SERVER (server), NULL);
  g_return_val_if_fail (SOUP_IS_SERVER (soup_server), NULL);
  g_return_val_if_fail (path == NULL || path[0] == '/', NULL);

  return g_object_new (MCP_TYPE_HTTP_TRANSPORT,
                       "server", server,
                       "soup-server", soup_server,
                       "path", path,
                       NULL);
}

/**
 * mcp_http_transport_get_soup_server:
 * @self: a #McpHttpTransport
 *
 * Gets the HTTP server the endpoint is served on.
 *
 * Returns: (transfer none): the #SoupServer
 */
SoupServer *
mcp_http_transport_get_soup_server (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->soup_server;
}

/**
 * mcp_http_transport_get_path:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:path].
 *
 * Returns: the path of the MCP endpoint
 */
const char *
mcp_http_transport_get_path (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->path;
}

/**
 * mcp_http_transport_get_sse_path:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:sse-path].
 *
 * Returns: (nullable): the path of the HTTP+SSE event stream
 */
const char *
mcp_http_transport_get_sse_path (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->sse_path;
}

/**
 * mcp_http_transport_set_sse_path:
 * @self: a #McpHttpTransport
 * @sse_path: (nullable): the path, or %NULL to turn HTTP+SSE off
 *
 * Sets [property@Mcp.HttpTransport:sse-path].
 */
void
mcp_http_transport_set_sse_path (McpHttpTransport *self,
                                 const char       *sse_path)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (sse_path == NULL || sse_path[0] == '/');

  if (g_strcmp0 (self->sse_path, sse_path) == 0)
    return;

  g_free (self->sse_path);
  self->sse_path = g_strdup (sse_path);
  if (self->started)
    mcp_http_transport_register_handlers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SSE_PATH]);
}

/**
 * mcp_http_transport_get_messages_path:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:messages-path].
 *
 * Returns: (nullable): the path where HTTP+SSE clients post messages
 */
const char *
mcp_http_transport_get_messages_path (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->messages_path;
}

/**
 * mcp_http_transport_set_messages_path:
 * @self: a #McpHttpTransport
 * @messages_path: (nullable): the path, or %NULL to turn HTTP+SSE off
 *
 * Sets [property@Mcp.HttpTransport:messages-path].
 */
void
mcp_http_transport_set_messages_path (McpHttpTransport *self,
                                      const char       *messages_path)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (messages_path == NULL || messages_path[0] == '/');

  if (g_strcmp0 (self->messages_path, messages_path) == 0)
    return;

  g_free (self->messages_path);
  self->messages_path = g_strdup (messages_path);
  if (self->started)
    mcp_http_transport_register_handlers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGES_PATH]);
}

/**
 * mcp_http_transport_listen:
 * @self: a #McpHttpTransport
 * @address: the address and port to listen on; port 0 picks a free one
 * @error: return location for a #GError
 *
 * Makes the transport's [class@Soup.Server] listen on @address. Prefer
 * [method@Mcp.HttpTransport.listen_local] unless the server must be
 * reachable from other machines, and then set a bearer token
 * ([method@Mcp.HttpTransport.set_bearer_token]) and the host names clients
 * use ([method@Mcp.HttpTransport.add_allowed_host]).
 *
 * Returns: %TRUE on success
 */
gboolean
mcp_http_transport_listen (McpHttpTransport  *self,
                           GSocketAddress    *address,
                           GError           **error)
{
  g_autoptr(GSocket) socket = NULL;
  GSocketFamily family;

  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* What soup_server_listen() does, with a longer queue of connections
   * waiting to be accepted: GSocket's default of 10 makes the kernel drop
   * the connection requests of a client that opens many at once (twenty
   * concurrent calls), and each retries only a second later. */
  family = g_socket_address_get_family (address);
  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return FALSE;
  if (family == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  g_socket_set_listen_backlog (socket, MCP_HTTP_LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;

  return soup_server_listen_socket (self->soup_server, socket, 0, error);
}

/**
 * mcp_http_transport_listen_local:
 * @self: a #McpHttpTransport
 * @port: the port, or 0 to pick a free one
 * @error: return location for a #GError
 *
 * Makes the transport listen on the IPv4 loopback interface (127.0.0.1)
 * only, so that only programs on the same machine reach it. With @port 0,
 * [method@Mcp.HttpTransport.get_port] tells the port picked.
 *
 * Returns: %TRUE on success
 */
gboolean
mcp_http_transport_listen_local (McpHttpTransport  *self,
                                 guint              port,
                                 GError           **error)
{
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  return mcp_http_transport_listen (self, address, error);
}

/* The URI of the first listening socket. (Not soup_server_get_uris(),
 * which leaks an address at every call in libsoup 3.2.) */
static GUri *
first_listener_uri (McpHttpTransport *self)
{
  g_autoptr(GSList) listeners = soup_server_get_listeners (self->soup_server);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *host = NULL;

  if (listeners == NULL)
    return NULL;

  address = g_socket_get_local_address (listeners->data, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;

  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return g_uri_build (G_URI_FLAGS_NONE, soup_server_is_https (self->soup_server) ? "https" : "http",
                      NULL, host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)),
                      "/", NULL, NULL);
}

/**
 * mcp_http_transport_get_port:
 * @self: a #McpHttpTransport
 *
 * Gets the port the transport's server listens on (the first one, if it
 * listens on several).
 *
 * Returns: the port, or 0 when the server does not listen
 */
guint
mcp_http_transport_get_port (McpHttpTransport *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  uri = first_listener_uri (self);
  return uri != NULL ? (guint)MAX (g_uri_get_port (uri), 0) : 0;
}

/**
 * mcp_http_transport_dup_uri:
 * @self: a #McpHttpTransport
 *
 * Gets the URL of the MCP endpoint, such as `http://127.0.0.1:8080/mcp`,
 * for the first address the server listens on.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when the server
 *   does not listen
 */
GUri *
mcp_http_transport_dup_uri (McpHttpTransport *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  if ((uri = first_listener_uri (self)) == NULL)
    return NULL;

  return soup_uri_copy (uri, SOUP_URI_PATH, self->path, SOUP_URI_NONE);
}

/**
 * mcp_http_transport_get_allowed_hosts:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:allowed-hosts].
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the hosts
 */
const char * const *
mcp_http_transport_get_allowed_hosts (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return (const char * const *)self->allowed_hosts;
}

/**
 * mcp_http_transport_set_allowed_hosts:
 * @self: a #McpHttpTransport
 * @hosts: (nullable) (array zero-terminated=1): the hosts
 *
 * Sets [property@Mcp.HttpTransport:allowed-hosts].
 */
void
mcp_http_transport_set_allowed_hosts (McpHttpTransport   *self,
                                      const char * const *hosts)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  g_strfreev (self->allowed_hosts);
  self->allowed_hosts = g_strdupv ((char **)hosts);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED_HOSTS]);
}

static void
strv_add (GStrv      *strv,
          const char *item)
{
  guint length = *strv != NULL ? g_strv_length (*strv) : 0;

  *strv = g_renew (char *, *strv, length + 2);
  (*strv)[length] = g_strdup (item);
  (*strv)[length + 1] = NULL;
}

/**
 * mcp_http_transport_add_allowed_host:
 * @self: a #McpHttpTransport
 * @host: a host name, with or without a port
 *
 * Adds @host to [property@Mcp.HttpTransport:allowed-hosts].
 */
void
mcp_http_transport_add_allowed_host (McpHttpTransport *self,
                                     const char       *host)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (host != NULL);

  strv_add (&self->allowed_hosts, host);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED_HOSTS]);
}

/**
 * mcp_http_transport_get_allowed_origins:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:allowed-origins].
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   origins
 */
const char * const *
mcp_http_transport_get_allowed_origins (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return (const char * const *)self->allowed_origins;
}

/**
 * mcp_http_transport_set_allowed_origins:
 * @self: a #McpHttpTransport
 * @origins: (nullable) (array zero-terminated=1): the origins
 *
 * Sets [property@Mcp.HttpTransport:allowed-origins].
 */
void
mcp_http_transport_set_allowed_origins (McpHttpTransport   *self,
                                        const char * const *origins)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  g_strfreev (self->allowed_origins);
  self->allowed_origins = g_strdupv ((char **)origins);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED_ORIGINS]);
}

/**
 * mcp_http_transport_add_allowed_origin:
 * @self: a #McpHttpTransport
 * @origin: an origin, such as `https://app.example.com`
 *
 * Adds @origin to [property@Mcp.HttpTransport:allowed-origins].
 */
void
mcp_http_transport_add_allowed_origin (McpHttpTransport *self,
                                       const char       *origin)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (origin != NULL);

  strv_add (&self->allowed_origins, origin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED_ORIGINS]);
}

/**
 * mcp_http_transport_set_bearer_token:
 * @self: a #McpHttpTransport
 * @token: (nullable): the token, or %NULL to require none
 *
 * Sets [property@Mcp.HttpTransport:bearer-token]. Requests without the
 * token, or with another one, get 401 Unauthorized.
 */
void
mcp_http_transport_set_bearer_token (McpHttpTransport *self,
                                     const char       *token)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  g_clear_pointer (&self->bearer_digest, g_bytes_unref);
  if (token != NULL)
    self->bearer_digest = mcp_http_digest_token (token);
}

/**
 * mcp_http_transport_set_auth_func:
 * @self: a #McpHttpTransport
 * @func: (nullable) (scope notified) (closure user_data) (destroy destroy): the
 *   function that tells who sent a request, or %NULL for none
 * @user_data: closure data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Authenticates every request with @func, before its body is read (after
 * the Host, Origin and bearer-token checks; CORS preflight requests carry
 * no credentials and are not checked). What @func returns is the
 * request's principal: handlers see it with
 * [method@Mcp.RequestContext.get_principal], a `requestState` of a
 * multi-round-trip request and a task are bound to it (a client cannot
 * retry another's request or read another's task), and a legacy session
 * belongs to the principal that opened it (its id is of no use to anyone
 * else: 404).
 *
 * The static token of [method@Mcp.HttpTransport.set_bearer_token] says
 * only that a client may connect; an auth function tells clients apart,
 * for instance by looking the bearer token up in the application's own
 * table of users.
 */
void
mcp_http_transport_set_auth_func (McpHttpTransport *self,
                                  McpHttpAuthFunc   func,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (self->auth_destroy != NULL)
    self->auth_destroy (self->auth_data);
  self->auth_func = func;
  self->auth_data = user_data;
  self->auth_destroy = destroy;
}

/**
 * mcp_http_transport_get_requires_bearer_token:
 * @self: a #McpHttpTransport
 *
 * Checks whether requests need a bearer token.
 *
 * Returns: %TRUE if a bearer token is set
 */
gboolean
mcp_http_transport_get_requires_bearer_token (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);

  return self->bearer_digest != NULL;
}

/**
 * mcp_http_transport_get_session_timeout:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:session-timeout].
 *
 * Returns: the idle timeout of sessions, in milliseconds
 */
guint
mcp_http_transport_get_session_timeout (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->session_timeout;
}

/**
 * mcp_http_transport_set_session_timeout:
 * @self: a #McpHttpTransport
 * @timeout_ms: the idle timeout, in milliseconds, or 0 for none
 *
 * Sets [property@Mcp.HttpTransport:session-timeout].
 */
void
mcp_http_transport_set_session_timeout (McpHttpTransport *self,
                                        guint             timeout_ms)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (self->session_timeout == timeout_ms)
    return;

  self->session_timeout = timeout_ms;
  mcp_http_transport_restart_expiry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_TIMEOUT]);
}

/**
 * mcp_http_transport_get_max_sessions:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:max-sessions].
 *
 * Returns: the largest number of sessions
 */
guint
mcp_http_transport_get_max_sessions (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->max_sessions;
}

/**
 * mcp_http_transport_set_max_sessions:
 * @self: a #McpHttpTransport
 * @max_sessions: the largest number of sessions, at least 1
 *
 * Sets [property@Mcp.HttpTransport:max-sessions].
 */
void
mcp_http_transport_set_max_sessions (McpHttpTransport *self,
                                     guint             max_sessions)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (max_sessions > 0);

  if (self->max_sessions == max_sessions)
    return;

  self->max_sessions = max_sessions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SESSIONS]);
}

/**
 * mcp_http_transport_get_max_streams:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:max-streams].
 *
 * Returns: the largest number of responses held open
 */
guint
mcp_http_transport_get_max_streams (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->max_streams;
}

/**
 * mcp_http_transport_set_max_streams:
 * @self: a #McpHttpTransport
 * @max_streams: the largest number of responses held open, at least 1
 *
 * Sets [property@Mcp.HttpTransport:max-streams].
 */
void
mcp_http_transport_set_max_streams (McpHttpTransport *self,
                                    guint             max_streams)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (max_streams > 0);

  if (self->max_streams == max_streams)
    return;

  self->max_streams = max_streams;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_STREAMS]);
}

/**
 * mcp_http_transport_get_keep_alive_interval:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:keep-alive-interval].
 *
 * Returns: the interval between keep-alive comments, in milliseconds
 */
guint
mcp_http_transport_get_keep_alive_interval (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->keep_alive_interval;
}

/**
 * mcp_http_transport_set_keep_alive_interval:
 * @self: a #McpHttpTransport
 * @interval_ms: the interval in milliseconds, or 0 for no keep-alives
 *
 * Sets [property@Mcp.HttpTransport:keep-alive-interval].
 */
void
mcp_http_transport_set_keep_alive_interval (McpHttpTransport *self,
                                            guint             interval_ms)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (self->keep_alive_interval == interval_ms)
    return;

  self->keep_alive_interval = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_ALIVE_INTERVAL]);
}

/**
 * mcp_http_transport_get_retry_interval:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:retry-interval].
 *
 * Returns: the reconnection delay sent to clients, in milliseconds
 */
guint
mcp_http_transport_get_retry_interval (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->retry_interval;
}

/**
 * mcp_http_transport_set_retry_interval:
 * @self: a #McpHttpTransport
 * @interval_ms: the delay in milliseconds
 *
 * Sets [property@Mcp.HttpTransport:retry-interval].
 */
void
mcp_http_transport_set_retry_interval (McpHttpTransport *self,
                                       guint             interval_ms)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (interval_ms <= G_MAXINT);

  if (self->retry_interval == interval_ms)
    return;

  self->retry_interval = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_INTERVAL]);
}

/**
 * mcp_http_transport_check_replica_id:
 * @replica_id: a name for a replica
 *
 * Tells whether @replica_id can name a replica, see
 * [property@Mcp.HttpTransport:replica-id]: 1 to 64 letters, digits, `-`
 * and `_`.
 *
 * Returns: %TRUE when @replica_id is a valid replica id
 */
gboolean
mcp_http_transport_check_replica_id (const char *replica_id)
{
  gsize length;

  g_return_val_if_fail (replica_id != NULL, FALSE);

  length = strlen (replica_id);
  if (length == 0 || length > 64)
    return FALSE;
  for (const char *p = replica_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/**
 * mcp_http_transport_get_replica_id:
 * @self: a #McpHttpTransport
 *
 * Gets [property@Mcp.HttpTransport:replica-id].
 *
 * Returns: (nullable): the replica id
 */
const char *
mcp_http_transport_get_replica_id (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->replica_id;
}

/**
 * mcp_http_transport_set_replica_id:
 * @self: a #McpHttpTransport
 * @replica_id: (nullable): the replica id, see
 *   [func@Mcp.HttpTransport.check_replica_id], or %NULL for none
 *
 * Sets [property@Mcp.HttpTransport:replica-id]. Sessions opened before
 * keep their ids.
 */
void
mcp_http_transport_set_replica_id (McpHttpTransport *self,
                                   const char       *replica_id)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (replica_id == NULL || mcp_http_transport_check_replica_id (replica_id));

  if (g_strcmp0 (self->replica_id, replica_id) == 0)
    return;

  g_free (self->replica_id);
  self->replica_id = g_strdup (replica_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_ID]);
}

/**
 * mcp_http_transport_get_n_sessions:
 * @self: a #McpHttpTransport
 *
 * Gets the number of legacy sessions open now (Streamable HTTP and
 * HTTP+SSE).
 *
 * Returns: the number of sessions
 */
guint
mcp_http_transport_get_n_sessions (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return g_hash_table_size (self->sessions);
}

/**
 * mcp_http_transport_get_n_streams:
 * @self: a #McpHttpTransport
 *
 * Gets the number of responses held open now: requests being served and
 * event streams.
 *
 * Returns: the number of open streams
 */
guint
mcp_http_transport_get_n_streams (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return g_hash_table_size (self->streams);
}

/**
 * mcp_http_transport_close_stream:
 * @context: a request being served over HTTP
 *
 * Closes the connection that carries the answer to @context without
 * ending the request, to make the client poll: the client reconnects
 * after the retry interval with `GET` and `Last-Event-ID` and receives
 * what the request sent meanwhile, then the rest (SSE polling, protocol
 * revision 2025-11-25).
 *
 * Only resumable streams can be closed this way: requests of a legacy
 * Streamable HTTP session whose client already received an event id.
 * Nothing happens for other requests, and modern ones would be cancelled
 * by a closed stream.
 *
 * Returns: %TRUE if the connection was closed
 */
gboolean
mcp_http_transport_close_stream (McpRequestContext *context)
{
  McpHttpExchange *exchange;

  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (context), FALSE);

  exchange = mcp_http_exchange_for_context (context);
  return exchange != NULL && mcp_http_exchange_close_stream (exchange);
}

/* mcp_server_run() --http */

static gboolean
parse_listen_address (const char      *text,
                      char           **host,
                      guint           *port,
                      GError         **error)
{
  const char *port_text = NULL;
  guint64 value;

  if (text[0] == ':')
    {
      *host = g_strdup ("127.0.0.1");
      port_text = text + 1;
    }
  else if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close != NULL && close[1] == ':')
        {
          *host = g_strndup (text + 1, close - text - 1);
          port_text = close + 2;
        }
    }
  else if (strchr (text, ':') != NULL && strchr (strchr (text, ':') + 1, ':') == NULL)
    {
      const char *colon = strchr (text, ':');

      *host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }
  else if (g_ascii_isdigit (text[0]))
    {
      /* A bare port number. */
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
        {
          *host = g_strdup ("127.0.0.1");
          *port = (guint)value;
          return TRUE;
        }
    }

  if (port_text == NULL ||
      !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &value, NULL))
    {
      g_clear_pointer (host, g_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid address “%s”: expected ADDRESS:PORT, such as 127.0.0.1:8080", text);
      return FALSE;
    }

  *port = (guint)value;
  return TRUE;
}

static gboolean
run_signal_cb (gpointer user_data)
{
  mcp_transport_close (user_data);
  return G_SOURCE_CONTINUE;
}

static void
run_closed_cb (McpTransport *transport,
               const GError *error,
               GMainLoop    *loop)
{
  g_main_loop_quit (loop);
}

gboolean
mcp_http_transport_run (McpServer          *server,
                        const char         *address,
                        const char * const *allowed_hosts,
                        const char * const *allowed_origins,
                        const char         *bearer_token,
                        const char         *replica_id,
                        GError            **error)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *uri_text = NULL;
  guint port = 0;
  guint sigint_id;
  guint sigterm_id;

  if (!parse_listen_address (address, &host, &port, error))
    return FALSE;

  transport = mcp_http_transport_new (server);
  mcp_http_transport_set_allowed_hosts (transport, allowed_hosts);
  mcp_http_transport_set_allowed_origins (transport, allowed_origins);
  mcp_http_transport_set_bearer_token (transport, bearer_token);
  mcp_http_transport_set_replica_id (transport, replica_id);

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    inet_address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else if ((inet_address = g_inet_address_new_from_string (host)) == NULL)
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      GList *addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);

      if (addresses == NULL)
        return FALSE;

      inet_address = g_object_ref (addresses->data);
      g_resolver_free_addresses (addresses);

      /* The name the user gave is one clients will use. */
      mcp_http_transport_add_allowed_host (transport, host);
    }

  socket_address = g_inet_socket_address_new (inet_address, (guint16)port);
  if (!mcp_http_transport_listen (transport, socket_address, error))
    return FALSE;

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (transport, "closed", G_CALLBACK (run_closed_cb), loop);
  mcp_transport_start (MCP_TRANSPORT (transport));

  /* The URL on standard output (port 0 picks one), for scripts. */
  uri = mcp_http_transport_dup_uri (transport);
  uri_text = g_uri_to_string (uri);
  fprintf (stdout, "%s\n", uri_text);
  fflush (stdout);

  sigint_id = g_unix_signal_add (SIGINT, run_signal_cb, transport);
  sigterm_id = g_unix_signal_add (SIGTERM, run_signal_cb, transport);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_func (transport, run_closed_cb, loop);

  return TRUE;
}
