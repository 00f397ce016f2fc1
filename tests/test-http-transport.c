/* test-http-transport.c — the HTTP transport on the wire
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A SoupSession client talks to an McpHttpTransport listening on
 * 127.0.0.1, port 0, in the same process: both eras, the status codes and
 * headers, SSE framing, resumability, sessions, security and limits.
 */

#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define ACCEPT_BOTH "application/json, text/event-stream"

typedef struct
{
  McpServer        *server;
  McpHttpTransport *transport;
  SoupSession      *session;
  char             *base;     /* http://127.0.0.1:PORT */
  char             *url;      /* the MCP endpoint */
  guint             progress_calls;
} Fixture;

typedef struct
{
  char     *id;
  char     *event;
  char     *data;
  int       retry;
  gboolean  comment;
} SseEvent;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  char               *body;
  JsonObject         *json;     /* the body, when it is a JSON object */
  GPtrArray          *events;   /* SseEvent, when it is an event stream */
} Reply;

static void
sse_event_free (SseEvent *event)
{
  g_free (event->id);
  g_free (event->event);
  g_free (event->data);
  g_free (event);
}

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->json, json_object_unref);
  g_clear_pointer (&reply->events, g_ptr_array_unref);
  g_free (reply->body);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SseEvent, sse_event_free)

/* SSE parsing, enough for the tests: fields of one event per block. */
static gboolean
sse_parse_line (SseEvent   *event,
                const char *line)
{
  if (line[0] == ':')
    {
      event->comment = TRUE;
      return TRUE;
    }

  if (g_str_has_prefix (line, "id: "))
    event->id = g_strdup (line + 4);
  else if (g_str_has_prefix (line, "event: "))
    event->event = g_strdup (line + 7);
  else if (g_str_has_prefix (line, "retry: "))
    event->retry = atoi (line + 7);
  else if (g_str_has_prefix (line, "data: ") || strcmp (line, "data:") == 0)
    {
      const char *value = line[5] == ' ' ? line + 6 : line + 5;
      char *joined = event->data != NULL ? g_strconcat (event->data, "\n", value, NULL)
                                         : g_strdup (value);

      g_free (event->data);
      event->data = joined;
    }
  else
    return FALSE;

  return TRUE;
}

static GPtrArray *
sse_parse (const char *text)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify)sse_event_free);
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      SseEvent *event;

      if (*blocks[i] == '\0')
        continue;

      event = g_new0 (SseEvent, 1);
      event->retry = -1;
      for (guint j = 0; lines[j] != NULL; j++)
        g_assert_true (sse_parse_line (event, lines[j]));
      g_ptr_array_add (events, event);
    }

  return events;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = test_parse (json);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The JSON messages of an event stream, priming events and comments left
 * out. */
static JsonObject *
event_message (Reply *reply,
               guint  index)
{
  guint n = 0;

  for (guint i = 0; i < reply->events->len; i++)
    {
      SseEvent *event = g_ptr_array_index (reply->events, i);

      if (event->comment || event->data == NULL || *event->data == '\0')
        continue;
      if (n++ == index)
        return parse_object (event->data);
    }

  g_error ("No message %u in the event stream:\n%s", index, reply->body);
  return NULL;
}

static guint
n_messages (Reply *reply)
{
  guint n = 0;

  for (guint i = 0; i < reply->events->len; i++)
    {
      SseEvent *event = g_ptr_array_index (reply->events, i);

      if (!event->comment && event->data != NULL && *event->data != '\0')
        n++;
    }

  return n;
}

/* Requests */

static SoupMessage *
new_message_va (Fixture    *fixture,
                const char *method,
                const char *path,
                const char *body,
                va_list     args)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);
  SoupMessage *message = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  const char *name;

  g_assert_nonnull (message);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  soup_message_headers_replace (headers, "Accept", ACCEPT_BOTH);

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        soup_message_headers_remove (headers, name);
      else
        soup_message_headers_replace (headers, name, value);
    }

  return message;
}

static SoupMessage *
new_message (Fixture    *fixture,
             const char *method,
             const char *path,
             const char *body,
             ...)
{
  SoupMessage *message;
  va_list args;

  va_start (args, body);
  message = new_message_va (fixture, method, path, body, args);
  va_end (args);

  return message;
}

typedef struct
{
  GBytes   *bytes;
  GError   *error;
  gboolean  done;
} SendState;

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SendState *state = user_data;

  state->bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &state->error);
  state->done = TRUE;
}

/* Sends @message and reads the whole response. */
static Reply *
send_message (Fixture     *fixture,
              SoupMessage *message)
{
  SendState state = { NULL, NULL, FALSE };
  Reply *reply = g_new0 (Reply, 1);
  const char *type;
  gsize length = 0;
  const char *data;

  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    send_and_read_cb, &state);
  test_iterate_until (&state.done, 10000);
  g_assert_no_error (state.error);

  reply->status = soup_message_get_status (message);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  data = g_bytes_get_data (state.bytes, &length);
  reply->body = g_strndup (data != NULL ? data : "", length);
  g_bytes_unref (state.bytes);

  type = soup_message_headers_get_content_type (reply->headers, NULL);
  if (g_strcmp0 (type, "application/json") == 0)
    reply->json = parse_object (reply->body);
  else if (g_strcmp0 (type, "text/event-stream") == 0)
    reply->events = sse_parse (reply->body);

  g_object_unref (message);
  return reply;
}

static Reply *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *body,
         ...)
{
  SoupMessage *message;
  va_list args;

  va_start (args, body);
  message = new_message_va (fixture, method, path, body, args);
  va_end (args);

  return send_message (fixture, message);
}

#define TASKS_CAPS "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"
#define MODERN_META_FULL(caps) \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":" caps "}"

/* A modern request with the standard headers. @params is the inside of
 * the params object, without _meta. */
static char *
modern_body (int         id,
             const char *method,
             const char *params)
{
  return g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":{%s%s"
                          TEST_MODERN_META "}}",
                          id, method, params != NULL ? params : "",
                          params != NULL && *params != '\0' ? "," : "");
}

static Reply *
modern_call (Fixture    *fixture,
             const char *method,
             const char *name,
             const char *params)
{
  g_autofree char *body = modern_body (1, method, params);

  return request (fixture, "POST", "/mcp", body,
                  "MCP-Protocol-Version", "2026-07-28",
                  "Mcp-Method", method,
                  "Mcp-Name", name,
                  NULL);
}

static void
assert_error (Reply      *reply,
              guint       status,
              int         code)
{
  JsonObject *error;

  if (reply->status != status || reply->json == NULL)
    g_error ("Expected HTTP %u with a JSON-RPC error, got %u: %s", status, reply->status,
             reply->body);

  g_assert_true (json_object_has_member (reply->json, "error"));
  error = json_object_get_object_member (reply->json, "error");
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
}

static JsonObject *
result_of (JsonObject *message)
{
  if (!json_object_has_member (message, "result"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), message);
      g_autofree char *text = json_to_string (node, FALSE);

      g_error ("Not a result: %s", text);
    }
  return json_object_get_object_member (message, "result");
}

/* A stream read while it is open */

typedef struct
{
  GInputStream     *input;
  GDataInputStream *data;
  GCancellable     *cancellable;
  SoupMessage      *message;
  gboolean          eof;
} Stream;

static void
stream_free (Stream *stream)
{
  g_cancellable_cancel (stream->cancellable);
  g_clear_object (&stream->data);
  g_clear_object (&stream->input);
  g_clear_object (&stream->cancellable);
  g_clear_object (&stream->message);
  g_free (stream);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stream, stream_free)

typedef struct
{
  GInputStream *input;
  GError       *error;
  gboolean      done;
} OpenState;

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenState *state = user_data;

  state->input = soup_session_send_finish (SOUP_SESSION (object), result, &state->error);
  state->done = TRUE;
}

/* Sends @message and returns once the response headers are in. */
static Stream *
open_stream (Fixture     *fixture,
             SoupMessage *message)
{
  OpenState state = { NULL, NULL, FALSE };
  Stream *stream = g_new0 (Stream, 1);

  stream->cancellable = g_cancellable_new ();
  stream->message = message;
  soup_session_send_async (fixture->session, message, G_PRIORITY_DEFAULT, stream->cancellable,
                           open_cb, &state);
  test_iterate_until (&state.done, 10000);
  g_assert_no_error (state.error);

  stream->input = state.input;
  stream->data = g_data_input_stream_new (stream->input);
  g_data_input_stream_set_newline_type (stream->data, G_DATA_STREAM_NEWLINE_TYPE_LF);

  return stream;
}

typedef struct
{
  char     *line;
  GError   *error;
  gboolean  done;
} LineState;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineState *state = user_data;

  state->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                           NULL, &state->error);
  state->done = TRUE;
}

/* The next event (comments included), or NULL at the end of the stream. */
static SseEvent *
stream_next (Stream *stream)
{
  SseEvent *event = NULL;

  while (!stream->eof)
    {
      LineState state = { NULL, NULL, FALSE };

      g_data_input_stream_read_line_async (stream->data, G_PRIORITY_DEFAULT, stream->cancellable,
                                           read_line_cb, &state);
      test_iterate_until (&state.done, 10000);
      g_assert_no_error (state.error);

      if (state.line == NULL)
        {
          stream->eof = TRUE;
          break;
        }

      if (*state.line == '\0')
        {
          g_free (state.line);
          if (event != NULL)
            return event;
          continue;
        }

      if (event == NULL)
        {
          event = g_new0 (SseEvent, 1);
          event->retry = -1;
        }
      g_assert_true (sse_parse_line (event, state.line));
      g_free (state.line);
    }

  g_assert_null (event);
  return NULL;
}

/* The next JSON message, skipping comments and priming events. */
static JsonObject *
stream_next_message (Stream  *stream,
                     char   **id)
{
  for (;;)
    {
      g_autoptr(SseEvent) event = stream_next (stream);

      g_assert_nonnull (event);
      if (event->comment || event->data == NULL || *event->data == '\0')
        continue;

      if (id != NULL)
        *id = g_strdup (event->id);
      return parse_object (event->data);
    }
}

static void
stream_expect_end (Stream *stream)
{
  g_autoptr(SseEvent) event = stream_next (stream);

  if (event != NULL)
    g_error ("Expected the end of the stream, got an event: %s", event->data);
}

/* The client goes away: the connection closes before the response is
 * complete. */
static void
stream_abort (Stream *stream)
{
  g_cancellable_cancel (stream->cancellable);
  g_input_stream_close (stream->input, NULL, NULL);
  g_clear_object (&stream->data);
  g_clear_object (&stream->input);
  stream->eof = TRUE;
}

/* Waits until the server holds @n responses open (it notices a client
 * that went away on its own time). */
static void
wait_for_streams (Fixture *fixture,
                  guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (mcp_http_transport_get_n_streams (fixture->transport) != n &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, n);
}

/* Fixtures: extra tools */

static McpToolResult *
progress_func (McpTool            *tool,
               McpRequestContext  *context,
               JsonObject         *arguments,
               gpointer            user_data,
               GError            **error)
{
  mcp_request_context_report_progress (context, 1, 2, "half");
  mcp_request_context_log (context, MCP_LOG_LEVEL_INFO, "test", "a log message");
  return mcp_tool_result_new_text ("done");
}

static McpToolResult *
header_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  return mcp_tool_result_new_text ("header ok");
}

static gboolean
finish_later_cb (gpointer user_data)
{
  McpToolInvocation *invocation = user_data;

  mcp_tool_invocation_return_text (invocation, "finished after the stream closed");
  return G_SOURCE_REMOVE;
}

/* Closes its stream, then answers 200 ms later (SSE polling). */
static void
polling_func (McpTool           *tool,
              McpToolInvocation *invocation,
              gpointer           user_data)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  gboolean *closed = user_data;

  mcp_request_context_report_progress (context, 1, 2, "before the close");
  *closed = mcp_http_transport_close_stream (context);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 200, finish_later_cb, g_object_ref (invocation),
                      g_object_unref);
}

static void
ask_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  text = g_strdup_printf ("Hello, %s!",
                          json_object_get_string_member (json_object_get_object_member (answer, "content"),
                                                         "name"));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
ask_name_func (McpTool           *tool,
               McpToolInvocation *invocation,
               gpointer           user_data)
{
  g_autoptr(JsonNode) schema = test_parse ("{\"type\":\"object\",\"properties\":"
                                           "{\"name\":{\"type\":\"string\"}},"
                                           "\"required\":[\"name\"]}");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "user_name",
                                    "What is your name?", json_node_get_object (schema), NULL,
                                    ask_name_cb, g_object_ref (invocation));
}

static void
add_tool (McpServer   *server,
          const char  *name,
          const char  *schema,
          McpToolFunc  func)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A test tool");
  g_autoptr(GError) error = NULL;

  mcp_tool_set_input_schema_json (tool, schema, &error);
  g_assert_no_error (error);
  mcp_tool_set_func (tool, func, NULL, NULL);
  mcp_server_add_tool (server, tool);
}

static void
add_async_tool (McpServer        *server,
                const char       *name,
                McpToolAsyncFunc  func,
                gpointer          user_data)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A test tool");

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_async_func (tool, func, user_data, NULL);
  mcp_server_add_tool (server, tool);
}

static gboolean polling_closed;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  fixture->server = test_server_new ();
  add_tool (fixture->server, "progress", "{\"type\":\"object\"}", progress_func);
  add_tool (fixture->server, "headers",
            "{\"type\":\"object\",\"properties\":{"
            "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
            "\"count\":{\"type\":\"integer\",\"x-mcp-header\":\"Count\"},"
            "\"flag\":{\"type\":\"boolean\",\"x-mcp-header\":\"Flag\"},"
            "\"nested\":{\"type\":\"object\",\"properties\":{"
            "\"zone\":{\"type\":\"string\",\"x-mcp-header\":\"Zone\"}}}}}",
            header_func);
  add_async_tool (fixture->server, "polling", polling_func, &polling_closed);
  add_async_tool (fixture->server, "ask_name", ask_name_func, NULL);

  fixture->transport = mcp_http_transport_new (fixture->server);
  g_assert_true (mcp_http_transport_listen_local (fixture->transport, 0, &error));
  g_assert_no_error (error);
  mcp_transport_start (MCP_TRANSPORT (fixture->transport));

  g_assert_cmpuint (mcp_http_transport_get_port (fixture->transport), >, 0);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%u",
                                   mcp_http_transport_get_port (fixture->transport));
  uri = mcp_http_transport_dup_uri (fixture->transport);
  fixture->url = g_uri_to_string (uri);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/mcp");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");

  fixture->session = g_object_new (SOUP_TYPE_SESSION,
                                   "max-conns", 64,
                                   "max-conns-per-host", 32,
                                   NULL);
  polling_closed = FALSE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);

  mcp_transport_close (MCP_TRANSPORT (fixture->transport));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 0);

  /* Let libsoup finish what it was writing. */
  test_wait (20);

  g_assert_finalize_object (fixture->transport);
  g_assert_finalize_object (fixture->server);
  g_free (fixture->base);
  g_free (fixture->url);
}

/* Legacy helpers */

static char *
legacy_initialize (Fixture    *fixture,
                   const char *version)
{
  g_autofree char *body = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) initialized = NULL;
  const char *id;

  body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                          "{\"protocolVersion\":\"%s\",\"capabilities\":{\"elicitation\":{}},"
                          "\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1.0\"}}}",
                          version);
  reply = request (fixture, "POST", "/mcp", body, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->json);
  g_assert_cmpstr (json_object_get_string_member (result_of (reply->json), "protocolVersion"), ==,
                   version);

  id = soup_message_headers_get_one (reply->headers, "Mcp-Session-Id");
  g_assert_nonnull (id);

  initialized = request (fixture, "POST", "/mcp",
                         "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                         "Mcp-Session-Id", id,
                         "MCP-Protocol-Version", version,
                         NULL);
  g_assert_cmpuint (initialized->status, ==, 202);
  g_assert_cmpstr (initialized->body, ==, "");

  return g_strdup (id);
}

static Reply *
legacy_call (Fixture    *fixture,
             const char *session_id,
             const char *body,
             ...)
{
  SoupMessage *message;
  va_list args;

  va_start (args, body);
  message = new_message_va (fixture, "POST", "/mcp", body, args);
  va_end (args);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Mcp-Session-Id",
                                session_id);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "MCP-Protocol-Version", "2025-11-25");

  return send_message (fixture, message);
}

/* Modern Streamable HTTP (2026-07-28) */

static void
test_modern_json (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(Reply) reply = modern_call (fixture, "tools/list", NULL, NULL);
  JsonObject *result;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");
  g_assert_null (soup_message_headers_get_one (reply->headers, "Mcp-Session-Id"));
  result = result_of (reply->json);
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_true (json_object_has_member (result, "ttlMs"));
  g_assert_cmpint (json_object_get_int_member (reply->json, "id"), ==, 1);
}

static void
test_modern_sse (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonObject) progress = NULL;
  g_autoptr(JsonObject) log = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"call-1\",\"method\":\"tools/call\","
                          "\"params\":{\"name\":\"progress\",\"arguments\":{},\"_meta\":{"
                          "\"progressToken\":\"p1\","
                          "\"io.modelcontextprotocol/logLevel\":\"debug\","
                          "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                          "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  reply = request (fixture, "POST", "/mcp", body,
                   "MCP-Protocol-Version", "2026-07-28",
                   "Mcp-Method", "tools/call",
                   "Mcp-Name", "progress",
                   NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "text/event-stream");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-Accel-Buffering"), ==, "no");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Cache-Control"), ==,
                   "no-cache, no-transform");

  /* The request's notifications, then its answer, then the end; no event
   * ids: 2026-07-28 streams do not resume. */
  g_assert_cmpuint (n_messages (reply), ==, 3);
  for (guint i = 0; i < reply->events->len; i++)
    {
      SseEvent *event = g_ptr_array_index (reply->events, i);

      g_assert_null (event->id);
      g_assert_cmpstr (event->event, ==, "message");
    }
  g_assert_true (g_str_has_prefix (reply->body, "event: message\ndata: {"));
  g_assert_true (g_str_has_suffix (reply->body, "}\n\n"));

  progress = event_message (reply, 0);
  g_assert_cmpstr (json_object_get_string_member (progress, "method"), ==, "notifications/progress");
  log = event_message (reply, 1);
  g_assert_cmpstr (json_object_get_string_member (log, "method"), ==, "notifications/message");
  response = event_message (reply, 2);
  g_assert_cmpstr (json_object_get_string_member (response, "id"), ==, "call-1");
  g_assert_cmpstr (json_object_get_string_member (result_of (response), "resultType"), ==,
                   "complete");
}

static void
test_modern_json_only_client (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *body = modern_body (7, "tools/call",
                                       "\"name\":\"progress\",\"arguments\":{}");
  g_autoptr(Reply) reply = NULL;

  /* A client that takes no event stream gets the answer alone. */
  reply = request (fixture, "POST", "/mcp", body,
                   "Accept", "application/json",
                   "MCP-Protocol-Version", "2026-07-28",
                   "Mcp-Method", "tools/call",
                   "Mcp-Name", "progress",
                   NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->json);
  g_assert_cmpint (json_object_get_int_member (reply->json, "id"), ==, 7);
}

static void
test_modern_ladder (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *discover = modern_body (101, "server/discover", NULL);

  /* No MCP-Protocol-Version header */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", discover,
                                      "Mcp-Method", "server/discover", NULL);
    assert_error (reply, 400, -32020);
    g_assert_cmpint (json_object_get_int_member (reply->json, "id"), ==, 101);
  }

  /* No _meta at all */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":\"server/discover\","
                                      "\"params\":{}}",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "server/discover", NULL);
    assert_error (reply, 400, -32602);
    g_assert_cmpint (json_object_get_int_member (reply->json, "id"), ==, 102);
  }

  /* _meta without protocolVersion: an envelope error, not a mismatch */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":103,\"method\":\"server/discover\","
                                      "\"params\":{\"_meta\":{"
                                      "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "server/discover", NULL);
    assert_error (reply, 400, -32602);
  }

  /* _meta without clientCapabilities */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":104,\"method\":\"server/discover\","
                                      "\"params\":{\"_meta\":{"
                                      "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "server/discover", NULL);
    assert_error (reply, 400, -32602);
  }

  /* Header and _meta disagree: that beats an unsupported version */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":302,\"method\":\"server/discover\","
                                      "\"params\":{\"_meta\":{"
                                      "\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\","
                                      "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "server/discover", NULL);
    assert_error (reply, 400, -32020);
  }

  /* An unsupported version */
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":301,\"method\":\"server/discover\","
                                      "\"params\":{\"_meta\":{"
                                      "\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\","
                                      "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                                      "MCP-Protocol-Version", "v999.0.0",
                                      "Mcp-Method", "server/discover", NULL);
    JsonObject *data;

    assert_error (reply, 400, -32022);
    data = json_object_get_object_member (json_object_get_object_member (reply->json, "error"),
                                          "data");
    g_assert_cmpstr (json_object_get_string_member (data, "requested"), ==, "v999.0.0");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "supported")), >, 0);
  }

  /* Unknown and removed methods: 404 */
  {
    g_autoptr(Reply) unknown = modern_call (fixture, "unknown/method", NULL, NULL);
    g_autoptr(Reply) ping = modern_call (fixture, "ping", NULL, NULL);
    g_autoptr(Reply) initialize = modern_call (fixture, "initialize", NULL, NULL);

    assert_error (unknown, 404, -32601);
    assert_error (ping, 404, -32601);
    assert_error (initialize, 404, -32601);
  }

  /* A JSON-RPC error from a handler stays in-band */
  {
    g_autoptr(Reply) reply = modern_call (fixture, "tools/call", "nosuchtool",
                                          "\"name\":\"nosuchtool\",\"arguments\":{}");

    assert_error (reply, 200, -32602);
  }
}

static void
test_modern_standard_headers (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *list = modern_body (1, "tools/list", NULL);
  g_autofree char *call = modern_body (2, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}");

  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", list,
                                      "MCP-Protocol-Version", "2026-07-28", NULL);
    assert_error (reply, 400, -32020);
  }
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", list,
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "prompts/list", NULL);
    assert_error (reply, 400, -32020);
  }
  {
    /* Values are case-sensitive, names are not */
    g_autoptr(Reply) wrong_case = request (fixture, "POST", "/mcp", list,
                                           "MCP-Protocol-Version", "2026-07-28",
                                           "Mcp-Method", "TOOLS/LIST", NULL);
    g_autoptr(Reply) name_case = request (fixture, "POST", "/mcp", list,
                                          "mcp-protocol-version", "2026-07-28",
                                          "MCP-METHOD", "tools/list", NULL);
    assert_error (wrong_case, 400, -32020);
    g_assert_cmpuint (name_case->status, ==, 200);
  }
  {
    g_autoptr(Reply) missing = request (fixture, "POST", "/mcp", call,
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/call", NULL);
    g_autoptr(Reply) wrong = request (fixture, "POST", "/mcp", call,
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/call",
                                      "Mcp-Name", "add", NULL);
    g_autoptr(Reply) padded = request (fixture, "POST", "/mcp", call,
                                       "MCP-Protocol-Version", "2026-07-28",
                                       "Mcp-Method", "tools/call",
                                       "Mcp-Name", "  echo  ", NULL);
    g_autoptr(Reply) encoded = request (fixture, "POST", "/mcp", call,
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/call",
                                        "Mcp-Name", "=?base64?ZWNobw==?=", NULL);
    g_autoptr(Reply) bad_encoding = request (fixture, "POST", "/mcp", call,
                                             "MCP-Protocol-Version", "2026-07-28",
                                             "Mcp-Method", "tools/call",
                                             "Mcp-Name", "=?base64?ZWNobw?=", NULL);

    assert_error (missing, 400, -32020);
    assert_error (wrong, 400, -32020);
    g_assert_cmpuint (padded->status, ==, 200);
    g_assert_cmpuint (encoded->status, ==, 200);
    g_assert_false (json_object_has_member (encoded->json, "error"));
    assert_error (bad_encoding, 400, -32020);
  }
}

static Reply *
call_headers_tool (Fixture    *fixture,
                   const char *arguments,
                   ...)
{
  g_autofree char *params = g_strdup_printf ("\"name\":\"headers\",\"arguments\":%s", arguments);
  g_autofree char *body = modern_body (5, "tools/call", params);
  SoupMessage *message;
  va_list args;

  va_start (args, arguments);
  message = new_message_va (fixture, "POST", "/mcp", body, args);
  va_end (args);

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "MCP-Protocol-Version", "2026-07-28");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Mcp-Method",
                                "tools/call");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Mcp-Name",
                                "headers");

  return send_message (fixture, message);
}

static void
assert_accepted (Reply *reply)
{
  if (reply->status != 200 || reply->json == NULL || json_object_has_member (reply->json, "error"))
    g_error ("Expected a result, got %u: %s", reply->status, reply->body);
}

static void
test_modern_param_headers (Fixture       *fixture,
                           gconstpointer  user_data)
{
  {
    g_autoptr(Reply) plain = call_headers_tool (fixture, "{\"region\":\"us-west1\"}",
                                                "Mcp-Param-Region", "us-west1", NULL);
    g_autoptr(Reply) lower = call_headers_tool (fixture, "{\"region\":\"us-west1\"}",
                                                "mcp-param-region", "us-west1", NULL);
    g_autoptr(Reply) encoded = call_headers_tool (fixture, "{\"region\":\"Hello, 世界\"}",
                                                  "Mcp-Param-Region",
                                                  "=?base64?SGVsbG8sIOS4lueVjA==?=", NULL);
    g_autoptr(Reply) literal = call_headers_tool (fixture, "{\"region\":\"SGVsbG8=\"}",
                                                  "Mcp-Param-Region", "SGVsbG8=", NULL);
    g_autoptr(Reply) no_suffix = call_headers_tool (fixture, "{\"region\":\"=?base64?SGVsbG8=\"}",
                                                    "Mcp-Param-Region", "=?base64?SGVsbG8=",
                                                    NULL);
    g_autoptr(Reply) number = call_headers_tool (fixture, "{\"count\":42}",
                                                 "Mcp-Param-Count", "42.0", NULL);
    g_autoptr(Reply) boolean = call_headers_tool (fixture, "{\"flag\":true}",
                                                  "Mcp-Param-Flag", "true", NULL);
    g_autoptr(Reply) nested = call_headers_tool (fixture, "{\"nested\":{\"zone\":\"b\"}}",
                                                 "Mcp-Param-Zone", "b", NULL);
    g_autoptr(Reply) absent = call_headers_tool (fixture, "{\"region\":null}", NULL);

    assert_accepted (plain);
    assert_accepted (lower);
    assert_accepted (encoded);
    assert_accepted (literal);
    assert_accepted (no_suffix);
    assert_accepted (number);
    assert_accepted (boolean);
    assert_accepted (nested);
    assert_accepted (absent);
  }

  {
    g_autoptr(Reply) missing = call_headers_tool (fixture, "{\"region\":\"eu\"}", NULL);
    g_autoptr(Reply) mismatch = call_headers_tool (fixture, "{\"region\":\"eu\"}",
                                                   "Mcp-Param-Region", "us", NULL);
    g_autoptr(Reply) padding = call_headers_tool (fixture, "{\"region\":\"Hello\"}",
                                                  "Mcp-Param-Region", "=?base64?SGVsbG8?=", NULL);
    g_autoptr(Reply) alphabet = call_headers_tool (fixture, "{\"region\":\"Hello\"}",
                                                   "Mcp-Param-Region", "=?base64?SGVs!!!bG8=?=",
                                                   NULL);
    g_autoptr(Reply) number = call_headers_tool (fixture, "{\"count\":42}",
                                                 "Mcp-Param-Count", "43", NULL);
    g_autoptr(Reply) boolean = call_headers_tool (fixture, "{\"flag\":true}",
                                                  "Mcp-Param-Flag", "TRUE", NULL);
    g_autoptr(Reply) nested = call_headers_tool (fixture, "{\"nested\":{\"zone\":\"b\"}}", NULL);

    assert_error (missing, 400, -32020);
    assert_error (mismatch, 400, -32020);
    assert_error (padding, 400, -32020);
    assert_error (alphabet, 400, -32020);
    assert_error (number, 400, -32020);
    assert_error (boolean, 400, -32020);
    assert_error (nested, 400, -32020);
  }
}

static void
test_modern_notification (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                    "\"params\":{\"requestId\":9," TEST_MODERN_META "}}",
                                    "MCP-Protocol-Version", "2026-07-28",
                                    NULL);

  g_assert_cmpuint (reply->status, ==, 202);
  g_assert_cmpstr (reply->body, ==, "");
}

static void
test_modern_session_ignored (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *body = modern_body (1, "tools/list", NULL);
  g_autoptr(Reply) reply = NULL;

  /* A modern request never belongs to a session, known or not. */
  reply = request (fixture, "POST", "/mcp", body,
                   "MCP-Protocol-Version", "2026-07-28",
                   "Mcp-Method", "tools/list",
                   "Mcp-Session-Id", "no-such-session",
                   NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (reply->headers, "Mcp-Session-Id"));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
}

static void
test_modern_cancel_on_close (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *body = modern_body (1, "tools/call",
                                       "\"name\":\"sleep\",\"arguments\":{\"ms\":30000}");
  SoupMessage *message;
  guint cancelled = test_server_get_cancelled ();
  gint64 deadline;

  /* The call answers nothing for 30 s: the response is held open, its
   * headers not even sent. The client gives up. */
  message = new_message (fixture, "POST", "/mcp", body,
                         "MCP-Protocol-Version", "2026-07-28",
                         "Mcp-Method", "tools/call",
                         "Mcp-Name", "sleep",
                         NULL);
  g_object_ref (message);
  {
    OpenState state = { NULL, NULL, FALSE };
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    soup_session_send_async (fixture->session, message, G_PRIORITY_DEFAULT, cancellable,
                             open_cb, &state);
    test_wait (100);
    g_assert_false (state.done);
    g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 1);

    g_cancellable_cancel (cancellable);
    test_iterate_until (&state.done, 5000);
    g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&state.error);
  }
  g_object_unref (message);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (test_server_get_cancelled () == cancelled && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (test_server_get_cancelled (), ==, cancelled + 1);
  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 0);
}

static void
test_modern_cancel_sse_on_close (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autofree char *body = NULL;
  gint64 deadline;

  /* subscriptions/listen: a stream that stays open until the client
   * closes it. */
  body = modern_body (42, "subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true}");
  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp", body,
                                              "MCP-Protocol-Version", "2026-07-28",
                                              "Mcp-Method", "subscriptions/listen",
                                              NULL));
  g_assert_cmpuint (soup_message_get_status (stream->message), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (stream->message),
                                                 "X-Accel-Buffering"), ==, "no");

  ack = stream_next_message (stream, NULL);
  g_assert_cmpstr (json_object_get_string_member (ack, "method"), ==,
                   "notifications/subscriptions/acknowledged");

  /* A change arrives on the stream, tagged with the listen request's id. */
  {
    g_autoptr(McpTool) tool = mcp_tool_new ("new_tool", "Appears");
    g_autoptr(JsonObject) changed = NULL;
    JsonObject *meta;

    mcp_server_add_tool (fixture->server, tool);
    changed = stream_next_message (stream, NULL);
    g_assert_cmpstr (json_object_get_string_member (changed, "method"), ==,
                     "notifications/tools/list_changed");
    meta = json_object_get_object_member (json_object_get_object_member (changed, "params"),
                                          "_meta");
    g_assert_cmpint (json_object_get_int_member (meta, "io.modelcontextprotocol/subscriptionId"),
                     ==, 42);
  }

  stream_abort (stream);

  /* The closed stream cancels the request: nothing is held any more. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (mcp_http_transport_get_n_streams (fixture->transport) > 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 0);
}

static void
test_keep_alive (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(SseEvent) comment = NULL;
  g_autofree char *body = NULL;

  mcp_http_transport_set_keep_alive_interval (fixture->transport, 50);

  body = modern_body (1, "subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true}");
  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp", body,
                                              "MCP-Protocol-Version", "2026-07-28",
                                              "Mcp-Method", "subscriptions/listen",
                                              NULL));
  ack = stream_next_message (stream, NULL);

  /* Quiet streams get comment lines, which clients ignore. */
  comment = stream_next (stream);
  g_assert_nonnull (comment);
  g_assert_true (comment->comment);
  g_assert_null (comment->data);

  stream_abort (stream);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A raw connection to the transport that has sent @request (and, with
 * @shut, shut its sending side), its socket made non-blocking. */
static GSocketConnection *
raw_connect (Fixture    *fixture,
             const char *request,
             gboolean    shut)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;
  GSocket *socket;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                mcp_http_transport_get_port (fixture->transport),
                                                NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==,
                   (gssize)strlen (request));
  g_assert_no_error (error);
  if (shut)
    {
      g_assert_true (g_socket_shutdown (socket, FALSE, TRUE, &error));
      g_assert_no_error (error);
    }
  g_socket_set_blocking (socket, FALSE);

  return connection;
}

/* Reads from @connection, the main context running, until what arrived
 * holds @until or, with @until NULL, until the server closes (which must
 * happen within 5 s). */
static char *
raw_receive (GSocketConnection *connection,
             const char        *until)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  GString *received = g_string_new (NULL);
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gboolean closed = FALSE;

  while (!closed && (until == NULL || strstr (received->str, until) == NULL) &&
         g_get_monotonic_time () < end)
    {
      char buffer[1024];
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n > 0)
        g_string_append_len (received, buffer, n);
      closed = n == 0;
    }
  if (until == NULL)
    g_assert_true (closed);

  return g_string_free (received, FALSE);
}

/* A client that closes its kept-alive connection after a response: the
 * server closes its end too (libsoup 3.2 alone would keep the descriptor
 * in CLOSE-WAIT for ever, one per connection). */
static void
test_closed_idle_connection (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *request = g_strdup_printf ("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n",
                                              mcp_http_transport_get_port (fixture->transport));
  guint before = 0;
  gint64 end;

  /* The first connection also makes what the client side keeps (GIO's
   * resolver thread and its wake-up descriptor): count from after it. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GSocketConnection) connection = raw_connect (fixture, request, FALSE);
      g_autofree char *received = raw_receive (connection, "\r\n\r\n");

      g_assert_true (g_str_has_prefix (received, "HTTP/1.1 405"));
      g_assert_null (strstr (received, "Connection: close"));

      g_assert_true (g_io_stream_close (G_IO_STREAM (connection), NULL, NULL));

      if (i == 0)
        {
          test_wait (200);
          before = count_open_fds ();
        }
    }

  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (count_open_fds () > before && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (count_open_fds (), ==, before);
}

/* Two requests in one write, then the client shuts its side: both are
 * answered before the server closes the connection. */
static void
test_half_closed_connection (Fixture       *fixture,
                             gconstpointer  user_data)
{
  guint port = mcp_http_transport_get_port (fixture->transport);
  g_autofree char *request = g_strdup_printf ("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n"
                                              "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n",
                                              port, port);
  g_autoptr(GSocketConnection) connection = raw_connect (fixture, request, TRUE);
  g_autofree char *received = raw_receive (connection, NULL);
  guint answers = 0;

  for (const char *p = received; (p = strstr (p, "HTTP/1.1 405")) != NULL; p++)
    answers++;
  g_assert_cmpuint (answers, ==, 2);
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  user_data)
{
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", "{\"jsonrpc\":", NULL);
    assert_error (reply, 400, -32700);
  }
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", "{}",
                                      "Content-Type", "text/plain", NULL);
    assert_error (reply, 415, -32000);
  }
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", "{}",
                                      "Accept", "text/html", NULL);
    assert_error (reply, 406, -32000);
  }
  {
    /* Near misses, and types refused with q=0 */
    const char *refused[] = { "application/jsonx, text/event-streams", "text/*json",
                              "application/json;q=0, text/event-stream;q=0",
                              "application/json; q=0, text/*;q=0" };

    for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", "{}",
                                          "Accept", refused[i], NULL);
        assert_error (reply, 406, -32000);
      }
  }
  {
    /* Case, spaces, wildcards and parameters: accepted, so the empty
     * body is what gets refused. */
    const char *accepted[] = { " Text/Event-Stream ,APPLICATION/JSON ", "*/*",
                               "application/*, text/*", "application/json;q=0.5",
                               "text/html, application/json;charset=utf-8" };

    for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
      {
        g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", "{}",
                                          "Accept", accepted[i], NULL);
        g_assert_cmpuint (reply->status, ==, 400);
      }
  }
  {
    g_autoptr(Reply) reply = request (fixture, "PUT", "/mcp", "{}", NULL);
    assert_error (reply, 405, -32000);
    g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Allow"));
  }
  {
    /* GET and DELETE without a session: 2026-07-28 has neither */
    g_autoptr(Reply) get = request (fixture, "GET", "/mcp", NULL, NULL);
    g_autoptr(Reply) delete = request (fixture, "DELETE", "/mcp", NULL, NULL);

    assert_error (get, 405, -32000);
    assert_error (delete, 405, -32000);
  }
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp/other", "{}", NULL);
    assert_error (reply, 404, -32000);
  }
  {
    /* Neither a session nor an envelope */
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                                      NULL);
    assert_error (reply, 400, -32602);
  }
}

/* Legacy Streamable HTTP (2025-03-26 … 2025-11-25) */

static void
test_legacy_session (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonObject) response = NULL;
  SseEvent *priming;
  SseEvent *last;

  /* 128 bits of randomness, visible ASCII */
  g_assert_cmpuint (strlen (id), ==, 32);
  for (const char *p = id; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 1);

  reply = legacy_call (fixture, id,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                       "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "text/event-stream");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Mcp-Session-Id"), ==, id);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-Accel-Buffering"), ==, "no");

  /* Answered before its handler returned: one complete response with its
   * length, not a chunked stream. */
  g_assert_cmpint (soup_message_headers_get_encoding (reply->headers), ==,
                   SOUP_ENCODING_CONTENT_LENGTH);
  g_assert_cmpint (soup_message_headers_get_content_length (reply->headers), ==,
                   strlen (reply->body));

  /* A priming event first (an id, a retry delay, no data), then the
   * answer with its own id. */
  g_assert_cmpuint (reply->events->len, ==, 2);
  priming = g_ptr_array_index (reply->events, 0);
  g_assert_nonnull (priming->id);
  g_assert_cmpint (priming->retry, ==, (int)mcp_http_transport_get_retry_interval (fixture->transport));
  g_assert_cmpstr (priming->data, ==, "");
  last = g_ptr_array_index (reply->events, 1);
  g_assert_nonnull (last->id);
  g_assert_cmpstr (last->id, !=, priming->id);

  response = event_message (reply, 0);
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, 1);
  g_assert_false (json_object_has_member (result_of (response), "resultType"));
}

/* A replica's sessions carry its id, for the proxy in front. */
static void
test_legacy_replica_id (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *id = NULL;
  g_autoptr(Reply) reply = NULL;

  g_assert_true (mcp_http_transport_check_replica_id ("r-1_B"));
  g_assert_false (mcp_http_transport_check_replica_id (""));
  g_assert_false (mcp_http_transport_check_replica_id ("r.1"));
  g_assert_false (mcp_http_transport_check_replica_id ("r 1"));

  mcp_http_transport_set_replica_id (fixture->transport, "r7");
  g_assert_cmpstr (mcp_http_transport_get_replica_id (fixture->transport), ==, "r7");
  id = legacy_initialize (fixture, "2025-11-25");
  g_assert_true (g_str_has_prefix (id, "r7."));
  g_assert_cmpuint (strlen (id), ==, 3 + 32);

  reply = legacy_call (fixture, id,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                       "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_legacy_versions (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  const char *list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

  {
    /* Some clients keep sending an older version they also speak. */
    g_autoptr(Reply) older = legacy_call (fixture, id, list,
                                          "Accept", "application/json", NULL);
    SoupMessage *message = new_message (fixture, "POST", "/mcp", list,
                                        "Mcp-Session-Id", id,
                                        "MCP-Protocol-Version", "2025-03-26",
                                        "Accept", "application/json",
                                        NULL);
    g_autoptr(Reply) reply = send_message (fixture, message);

    g_assert_cmpuint (older->status, ==, 200);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (reply->json);
  }
  {
    SoupMessage *message = new_message (fixture, "POST", "/mcp", list,
                                        "Mcp-Session-Id", id,
                                        "MCP-Protocol-Version", "1999-01-01",
                                        NULL);
    g_autoptr(Reply) reply = send_message (fixture, message);

    assert_error (reply, 400, -32000);
  }
  {
    /* 2024-11-05 clients send no version header at all */
    SoupMessage *message = new_message (fixture, "POST", "/mcp", list,
                                        "Mcp-Session-Id", id,
                                        "Accept", "application/json",
                                        NULL);
    g_autoptr(Reply) reply = send_message (fixture, message);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    /* An unknown method is an answer on a session, not a 404 (which would
     * mean the session is gone). */
    g_autoptr(Reply) reply = legacy_call (fixture, id,
                                          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such\"}",
                                          "Accept", "application/json", NULL);

    assert_error (reply, 200, -32601);
  }
  {
    g_autoptr(Reply) again = legacy_call (fixture, id,
                                          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\","
                                          "\"params\":{\"protocolVersion\":\"2025-11-25\","
                                          "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\","
                                          "\"version\":\"1\"}}}", NULL);

    assert_error (again, 400, -32600);
  }
}

static void
test_legacy_old_revision (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-03-26");
  g_autoptr(Reply) reply = NULL;
  SseEvent *first;

  /* Event ids for resumption, but no priming event before 2025-11-25. */
  reply = legacy_call (fixture, id,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", NULL);
  g_assert_cmpuint (reply->events->len, ==, 1);
  first = g_ptr_array_index (reply->events, 0);
  g_assert_nonnull (first->id);
  g_assert_cmpstr (first->event, ==, "message");
}

static void
test_legacy_unknown_session (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(Reply) post = legacy_call (fixture, "0123456789abcdef0123456789abcdef",
                                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                                       NULL);
  g_autoptr(Reply) get = request (fixture, "GET", "/mcp", NULL,
                                  "Mcp-Session-Id", "nope", "Accept", "text/event-stream", NULL);
  g_autoptr(Reply) delete = request (fixture, "DELETE", "/mcp", NULL,
                                     "Mcp-Session-Id", "nope", NULL);

  assert_error (post, 404, -32001);
  assert_error (get, 404, -32001);
  assert_error (delete, 404, -32001);
}

static void
test_legacy_failed_initialize (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                                    "\"params\":{\"capabilities\":{}}}", NULL);

  /* No session for a handshake that failed. */
  assert_error (reply, 200, -32602);
  g_assert_null (soup_message_headers_get_one (reply->headers, "Mcp-Session-Id"));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
}

static void
test_legacy_get_stream (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) stream = NULL;
  g_autoptr(SseEvent) priming = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autofree char *event_id = NULL;

  stream = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                              "Mcp-Session-Id", id,
                                              "MCP-Protocol-Version", "2025-11-25",
                                              "Accept", "text/event-stream",
                                              NULL));
  g_assert_cmpuint (soup_message_get_status (stream->message), ==, 200);
  priming = stream_next (stream);
  g_assert_nonnull (priming->id);
  g_assert_cmpstr (priming->data, ==, "");

  /* Messages that belong to no request travel here. */
  {
    g_autoptr(McpTool) tool = mcp_tool_new ("another", "Appears");

    mcp_server_add_tool (fixture->server, tool);
  }
  changed = stream_next_message (stream, &event_id);
  g_assert_cmpstr (json_object_get_string_member (changed, "method"), ==,
                   "notifications/tools/list_changed");
  g_assert_nonnull (event_id);

  /* One GET stream per session */
  {
    g_autoptr(Reply) second = request (fixture, "GET", "/mcp", NULL,
                                       "Mcp-Session-Id", id,
                                       "Accept", "text/event-stream", NULL);

    assert_error (second, 409, -32000);
  }

  /* A GET that does not take an event stream */
  {
    g_autoptr(Reply) reply = request (fixture, "GET", "/mcp", NULL,
                                      "Mcp-Session-Id", id,
                                      "Accept", "application/json", NULL);

    assert_error (reply, 406, -32000);
  }

  stream_abort (stream);
}

static void
test_legacy_queued_messages (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) changed = NULL;

  /* Sent while no GET stream is open: delivered when one opens. */
  {
    g_autoptr(McpTool) tool = mcp_tool_new ("another", "Appears");

    mcp_server_add_tool (fixture->server, tool);
  }

  stream = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                              "Mcp-Session-Id", id,
                                              "Accept", "text/event-stream",
                                              NULL));
  changed = stream_next_message (stream, NULL);
  g_assert_cmpstr (json_object_get_string_member (changed, "method"), ==,
                   "notifications/tools/list_changed");
  stream_abort (stream);
}

static void
test_legacy_many_queued_messages (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(SseEvent) priming = NULL;
  g_autofree char *last_id = NULL;

  /* More than the session keeps: the oldest are dropped, the newest still
   * come when the GET stream opens. */
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *name = g_strdup_printf ("tool%u", i);
      g_autoptr(McpTool) tool = mcp_tool_new (name, "Appears");

      mcp_server_add_tool (fixture->server, tool);
    }

  stream = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                              "Mcp-Session-Id", id,
                                              "Accept", "text/event-stream",
                                              NULL));
  priming = stream_next (stream);
  g_assert_cmpstr (priming->data, ==, "");
  changed = stream_next_message (stream, &last_id);
  g_assert_cmpstr (json_object_get_string_member (changed, "method"), ==,
                   "notifications/tools/list_changed");
  stream_abort (stream);
  wait_for_streams (fixture, 0);

  /* A resumption from a dropped event cannot be honoured. */
  {
    g_autoptr(Reply) reply = request (fixture, "GET", "/mcp", NULL,
                                      "Mcp-Session-Id", id,
                                      "Last-Event-ID", "0-1",
                                      "Accept", "text/event-stream", NULL);

    assert_error (reply, 400, -32000);
  }
}

static void
test_legacy_delete (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  guint cancelled = test_server_get_cancelled ();
  g_autoptr(Stream) stream = NULL;
  g_autoptr(SseEvent) priming = NULL;

  /* A call in flight ends with the session. */
  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp",
                                              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                              "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":30000}}}",
                                              "Mcp-Session-Id", id,
                                              NULL));
  priming = stream_next (stream);
  g_assert_nonnull (priming);

  {
    g_autoptr(Reply) reply = request (fixture, "DELETE", "/mcp", NULL,
                                      "Mcp-Session-Id", id, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
  stream_expect_end (stream);
  g_assert_cmpuint (test_server_get_cancelled (), ==, cancelled + 1);

  {
    g_autoptr(Reply) post = legacy_call (fixture, id,
                                         "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                                         NULL);
    g_autoptr(Reply) delete = request (fixture, "DELETE", "/mcp", NULL,
                                       "Mcp-Session-Id", id, NULL);

    assert_error (post, 404, -32001);
    assert_error (delete, 404, -32001);
  }
}

static void
test_legacy_resume_polling (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) stream = NULL;
  g_autoptr(Stream) resumed = NULL;
  g_autoptr(SseEvent) priming = NULL;
  g_autoptr(JsonObject) progress = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *last_id = NULL;

  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp",
                                              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                              "\"params\":{\"name\":\"polling\",\"arguments\":{},"
                                              "\"_meta\":{\"progressToken\":7}}}",
                                              "Mcp-Session-Id", id,
                                              "MCP-Protocol-Version", "2025-03-26",
                                              NULL));

  /* The priming event, a notification, then the server closes the
   * connection in the middle of the call. */
  priming = stream_next (stream);
  g_assert_nonnull (priming->id);
  g_assert_cmpint (priming->retry, >=, 0);
  /* Its handler sent all it had before it returned, the end of this
   * stream included: one response with its length. */
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_response_headers (stream->message)),
                   ==, SOUP_ENCODING_CONTENT_LENGTH);
  progress = stream_next_message (stream, &last_id);
  g_assert_cmpstr (json_object_get_string_member (progress, "method"), ==, "notifications/progress");
  stream_expect_end (stream);
  g_assert_true (polling_closed);

  /* The client comes back with the last id it saw. */
  resumed = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                               "Mcp-Session-Id", id,
                                               "Last-Event-ID", last_id,
                                               "Accept", "text/event-stream",
                                               NULL));
  g_assert_cmpuint (soup_message_get_status (resumed->message), ==, 200);
  response = stream_next_message (resumed, NULL);
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (response), "content"), 0),
                                                  "text"), ==, "finished after the stream closed");
  stream_expect_end (resumed);

  /* Resuming from the priming event replays the whole stream. */
  {
    g_autoptr(Reply) replay = request (fixture, "GET", "/mcp", NULL,
                                       "Mcp-Session-Id", id,
                                       "Last-Event-ID", priming->id,
                                       "Accept", "text/event-stream", NULL);

    g_assert_cmpuint (replay->status, ==, 200);
    g_assert_cmpuint (n_messages (replay), ==, 2);
  }
}

static void
test_legacy_resume_after_disconnect (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  guint cancelled = test_server_get_cancelled ();
  g_autoptr(Stream) stream = NULL;
  g_autoptr(SseEvent) priming = NULL;
  g_autoptr(Reply) resumed = NULL;
  g_autoptr(JsonObject) response = NULL;

  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp",
                                              "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                                              "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":300}}}",
                                              "Mcp-Session-Id", id,
                                              NULL));
  priming = stream_next (stream);
  g_assert_nonnull (priming->id);
  /* Still running when its handler returned: events as they come. */
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_response_headers (stream->message)),
                   ==, SOUP_ENCODING_CHUNKED);

  /* The connection breaks: on a legacy session that does not cancel. */
  stream_abort (stream);
  wait_for_streams (fixture, 0);
  g_assert_cmpuint (test_server_get_cancelled (), ==, cancelled);

  resumed = request (fixture, "GET", "/mcp", NULL,
                     "Mcp-Session-Id", id,
                     "Last-Event-ID", priming->id,
                     "Accept", "text/event-stream", NULL);
  g_assert_cmpuint (resumed->status, ==, 200);
  response = event_message (resumed, 0);
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, 5);

  /* Ids the session never gave out */
  {
    g_autoptr(Reply) bad = request (fixture, "GET", "/mcp", NULL,
                                    "Mcp-Session-Id", id,
                                    "Last-Event-ID", "garbage",
                                    "Accept", "text/event-stream", NULL);
    g_autoptr(Reply) future = request (fixture, "GET", "/mcp", NULL,
                                       "Mcp-Session-Id", id,
                                       "Last-Event-ID", "1-999",
                                       "Accept", "text/event-stream", NULL);

    assert_error (bad, 400, -32000);
    assert_error (future, 400, -32000);
  }
}

static void
test_legacy_cancel_notification (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  guint cancelled = test_server_get_cancelled ();
  g_autoptr(Stream) stream = NULL;
  g_autoptr(SseEvent) priming = NULL;

  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp",
                                              "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
                                              "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":30000}}}",
                                              "Mcp-Session-Id", id,
                                              NULL));
  priming = stream_next (stream);

  {
    g_autoptr(Reply) reply = legacy_call (fixture, id,
                                          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                          "\"params\":{\"requestId\":8,\"reason\":\"test\"}}", NULL);

    g_assert_cmpuint (reply->status, ==, 202);
  }

  test_wait (50);
  g_assert_cmpuint (test_server_get_cancelled (), ==, cancelled + 1);
}

static void
test_legacy_client_request (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) elicit = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *answer = NULL;

  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp",
                                              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                              "\"params\":{\"name\":\"ask_name\",\"arguments\":{}}}",
                                              "Mcp-Session-Id", id,
                                              NULL));

  /* The server's request arrives on the call's stream… */
  elicit = stream_next_message (stream, NULL);
  g_assert_cmpstr (json_object_get_string_member (elicit, "method"), ==, "elicitation/create");

  /* …and its answer comes back as a POST of its own. */
  answer = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":"
                            "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}}",
                            json_object_get_int_member (elicit, "id"));
  {
    g_autoptr(Reply) reply = legacy_call (fixture, id, answer, NULL);

    g_assert_cmpuint (reply->status, ==, 202);
    g_assert_cmpstr (reply->body, ==, "");
  }

  response = stream_next_message (stream, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (response), "content"), 0),
                                                  "text"), ==, "Hello, Alice!");
  stream_expect_end (stream);
}

static void
test_legacy_json_only (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Reply) reply = NULL;

  reply = legacy_call (fixture, id,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                       "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}",
                       "Accept", "application/json", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->json);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Mcp-Session-Id"), ==, id);
}

static void
test_legacy_expiry (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *idle = NULL;
  g_autofree char *busy = NULL;
  g_autoptr(Stream) stream = NULL;

  mcp_http_transport_set_session_timeout (fixture->transport, 100);

  idle = legacy_initialize (fixture, "2025-11-25");
  busy = legacy_initialize (fixture, "2025-11-25");

  /* A session with an open stream is in use, however quiet. */
  stream = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                              "Mcp-Session-Id", busy,
                                              "Accept", "text/event-stream",
                                              NULL));
  test_wait (400);

  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 1);
  {
    g_autoptr(Reply) gone = legacy_call (fixture, idle,
                                         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                                         NULL);
    g_autoptr(Reply) alive = legacy_call (fixture, busy,
                                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                                          NULL);

    assert_error (gone, 404, -32001);
    g_assert_cmpuint (alive->status, ==, 200);
  }

  /* Once its stream closes, it goes too. */
  stream_abort (stream);
  test_wait (400);
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
}

/* HTTP+SSE (2024-11-05) */

static void
test_sse_transport (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(Stream) stream = NULL;
  g_autoptr(SseEvent) endpoint = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) response = NULL;
  gint64 deadline;

  stream = open_stream (fixture, new_message (fixture, "GET", "/sse", NULL,
                                              "Accept", "text/event-stream", NULL));
  g_assert_cmpuint (soup_message_get_status (stream->message), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (stream->message),
                                                 "X-Accel-Buffering"), ==, "no");

  /* The first event says where to post. */
  endpoint = stream_next (stream);
  g_assert_cmpstr (endpoint->event, ==, "endpoint");
  g_assert_true (g_str_has_prefix (endpoint->data, "/messages?sessionId="));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 1);

  {
    g_autoptr(Reply) reply = request (fixture, "POST", endpoint->data,
                                      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                                      "\"params\":{\"protocolVersion\":\"2024-11-05\","
                                      "\"capabilities\":{},\"clientInfo\":{\"name\":\"old\","
                                      "\"version\":\"1\"}}}", NULL);

    g_assert_cmpuint (reply->status, ==, 202);
  }
  initialize = stream_next_message (stream, NULL);
  g_assert_cmpstr (json_object_get_string_member (result_of (initialize), "protocolVersion"), ==,
                   "2024-11-05");

  {
    g_autoptr(Reply) initialized = request (fixture, "POST", endpoint->data,
                                            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                                            NULL);
    g_autoptr(Reply) call = request (fixture, "POST", endpoint->data,
                                     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                     "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"old\"}}}",
                                     NULL);

    g_assert_cmpuint (initialized->status, ==, 202);
    g_assert_cmpuint (call->status, ==, 202);
  }
  response = stream_next_message (stream, NULL);
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, 1);

  {
    g_autoptr(Reply) unknown = request (fixture, "POST", "/messages?sessionId=nope", "{}", NULL);
    g_autoptr(Reply) no_id = request (fixture, "POST", "/messages", "{}", NULL);
    g_autoptr(Reply) get = request (fixture, "GET", "/messages", NULL, NULL);

    assert_error (unknown, 404, -32001);
    assert_error (no_id, 404, -32001);
    assert_error (get, 405, -32000);
  }

  /* The session ends with its stream. */
  stream_abort (stream);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (mcp_http_transport_get_n_sessions (fixture->transport) > 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
}

/* Security */

static void
test_security_host (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *body = modern_body (1, "tools/list", NULL);
  const char *accepted[] = { "localhost:1234", "127.0.0.1", "[::1]:8080", "10.1.2.3:80", "LOCALHOST" };

  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                      "Host", "evil.example.com",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    assert_error (reply, 403, -32000);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (reply->json, "id")));
  }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                        "Host", accepted[i],
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/list", NULL);

      if (reply->status != 200)
        g_error ("Host %s refused: %s", accepted[i], reply->body);
    }

  mcp_http_transport_add_allowed_host (fixture->transport, "mcp.example.com");
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                      "Host", "mcp.example.com:443",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_security_origin (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *body = modern_body (1, "tools/list", NULL);
  const char *refused[] = { "http://evil.example.com", "null", "https://127.0.0.1.evil.example" };
  const char *accepted[] = { "http://localhost:3000", "http://127.0.0.1", "https://[::1]:99" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                        "Origin", refused[i],
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/list", NULL);

      assert_error (reply, 403, -32000);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                        "Origin", accepted[i],
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/list", NULL);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Access-Control-Allow-Origin"),
                       ==, accepted[i]);
    }

  mcp_http_transport_add_allowed_origin (fixture->transport, "https://app.example.com");
  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", body,
                                      "Origin", "https://app.example.com",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  /* CORS preflight */
  {
    g_autoptr(Reply) reply = request (fixture, "OPTIONS", "/mcp", NULL,
                                      "Origin", "https://app.example.com",
                                      "Access-Control-Request-Method", "POST",
                                      "Access-Control-Request-Headers", "mcp-method, content-type",
                                      NULL);

    g_assert_cmpuint (reply->status, ==, 204);
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Access-Control-Allow-Origin"),
                     ==, "https://app.example.com");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Access-Control-Allow-Headers"),
                     ==, "mcp-method, content-type");
  }
}

static void
test_security_bearer (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *body = modern_body (1, "tools/list", NULL);

  g_assert_false (mcp_http_transport_get_requires_bearer_token (fixture->transport));
  g_object_set (fixture->transport, "bearer-token", "s3cret-token", NULL);
  g_assert_true (mcp_http_transport_get_requires_bearer_token (fixture->transport));

  {
    g_autoptr(Reply) none = request (fixture, "POST", "/mcp", body,
                                     "MCP-Protocol-Version", "2026-07-28",
                                     "Mcp-Method", "tools/list", NULL);
    g_autoptr(Reply) wrong = request (fixture, "POST", "/mcp", body,
                                      "Authorization", "Bearer s3cret-tokeN",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);
    g_autoptr(Reply) prefix = request (fixture, "POST", "/mcp", body,
                                       "Authorization", "Bearer s3cret",
                                       "MCP-Protocol-Version", "2026-07-28",
                                       "Mcp-Method", "tools/list", NULL);
    g_autoptr(Reply) basic = request (fixture, "POST", "/mcp", body,
                                      "Authorization", "Basic czNjcmV0LXRva2Vu",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);
    g_autoptr(Reply) right = request (fixture, "POST", "/mcp", body,
                                      "Authorization", "bearer s3cret-token",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    assert_error (none, 401, -32000);
    g_assert_cmpstr (soup_message_headers_get_one (none->headers, "WWW-Authenticate"), ==, "Bearer");
    assert_error (wrong, 401, -32000);
    g_assert_cmpstr (soup_message_headers_get_one (wrong->headers, "WWW-Authenticate"), ==,
                     "Bearer error=\"invalid_token\"");
    assert_error (prefix, 401, -32000);
    assert_error (basic, 401, -32000);
    g_assert_cmpuint (right->status, ==, 200);
  }
}

/* An application's users: a bearer token each, one of them suspended. */
static char *
auth_by_token (McpHttpTransport   *transport,
               SoupServerMessage  *message,
               gpointer            user_data,
               GError            **error)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");

  if (g_strcmp0 (authorization, "Bearer alice-token") == 0)
    return g_strdup ("alice");
  if (g_strcmp0 (authorization, "Bearer bob-token") == 0)
    return g_strdup ("bob");
  if (g_strcmp0 (authorization, "Bearer mallory-token") == 0)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "this account is suspended");
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unknown or missing token");
  return NULL;
}

static McpToolResult *
whoami_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  const char *principal = mcp_request_context_get_principal (context);

  return mcp_tool_result_new_text (principal != NULL ? principal : "nobody");
}

static Reply *
ask_name_as (Fixture    *fixture,
             const char *token,
             const char *params)
{
  g_autofree char *body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                           "\"params\":{%s," MODERN_META_FULL ("{\"elicitation\":{}}") "}}",
                                           params);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

  return request (fixture, "POST", "/mcp", body,
                  "Authorization", authorization,
                  "MCP-Protocol-Version", "2026-07-28",
                  "Mcp-Method", "tools/call",
                  "Mcp-Name", "ask_name", NULL);
}

/* A listen stream of @token's principal, following @task_id and list
 * changes of tools; returns once the acknowledgement is read. */
static Stream *
listen_as (Fixture    *fixture,
           const char *token,
           const char *task_id)
{
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":"
                                           "\"subscriptions/listen\",\"params\":{\"notifications\":"
                                           "{\"toolsListChanged\":true,\"taskIds\":[\"%s\"]},"
                                           MODERN_META_FULL (TASKS_CAPS) "}}", task_id);
  Stream *stream = open_stream (fixture, new_message (fixture, "POST", "/mcp", body,
                                                      "Authorization", authorization,
                                                      "MCP-Protocol-Version", "2026-07-28",
                                                      "Mcp-Method", "subscriptions/listen",
                                                      NULL));
  g_autoptr(JsonObject) ack = stream_next_message (stream, NULL);

  g_assert_cmpstr (json_object_get_string_member (ack, "method"), ==,
                   "notifications/subscriptions/acknowledged");
  return stream;
}

/* A task is its owner's: another principal who knows its id hears nothing
 * of it on a listen stream, as tasks/get finds nothing for them. */
static void
test_security_task_owner (Fixture       *fixture,
                          gconstpointer  user_data)
{
  McpTool *sleep = mcp_server_lookup_tool (fixture->server, "sleep");
  g_autofree char *call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                           "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":200},"
                                           MODERN_META_FULL (TASKS_CAPS) "}}");
  g_autoptr(Reply) created = NULL;
  g_autoptr(Stream) alice = NULL;
  g_autoptr(Stream) bob = NULL;
  g_autoptr(JsonObject) heard = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autoptr(McpTool) extra = mcp_tool_new ("extra", "Added to end the test");
  const char *task_id;

  g_assert_nonnull (sleep);
  mcp_tool_set_task_support (sleep, MCP_TASK_SUPPORT_OPTIONAL);
  mcp_tool_set_auto_task (sleep, TRUE);
  mcp_http_transport_set_auth_func (fixture->transport, auth_by_token, NULL, NULL);

  created = request (fixture, "POST", "/mcp", call,
                     "Authorization", "Bearer alice-token",
                     "MCP-Protocol-Version", "2026-07-28",
                     "Mcp-Method", "tools/call", "Mcp-Name", "sleep", NULL);
  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result_of (created->json), "resultType"), ==, "task");
  task_id = json_object_get_string_member (result_of (created->json), "taskId");

  bob = listen_as (fixture, "bob-token", task_id);
  alice = listen_as (fixture, "alice-token", task_id);

  /* alice hears that her task completed, and no private member with it */
  heard = stream_next_message (alice, NULL);
  g_assert_cmpstr (json_object_get_string_member (heard, "method"), ==, "notifications/tasks");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (heard, "params"), "taskId"),
                   ==, task_id);
  g_assert_false (json_object_has_member (json_object_get_object_member (heard, "params"), "x-principal"));

  /* bob's next event is the list change that comes after it */
  mcp_server_add_tool (fixture->server, extra);
  next = stream_next_message (bob, NULL);
  g_assert_cmpstr (json_object_get_string_member (next, "method"), ==,
                   "notifications/tools/list_changed");
}

/* An auth function tells clients apart: handlers see the principal, and
 * what the server keeps for one client is of no use to another. */
static void
test_security_auth_func (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *whoami = modern_body (1, "tools/call", "\"name\":\"whoami\",\"arguments\":{}");
  g_autofree char *retry = NULL;
  g_autofree char *initialize = NULL;
  g_autofree char *session_id = NULL;
  const char *state;

  add_tool (fixture->server, "whoami", "{\"type\":\"object\"}", whoami_func);
  mcp_http_transport_set_auth_func (fixture->transport, auth_by_token, NULL, NULL);

  {
    g_autoptr(Reply) none = request (fixture, "POST", "/mcp", whoami,
                                     "MCP-Protocol-Version", "2026-07-28",
                                     "Mcp-Method", "tools/call", "Mcp-Name", "whoami", NULL);
    g_autoptr(Reply) suspended = request (fixture, "POST", "/mcp", whoami,
                                          "Authorization", "Bearer mallory-token",
                                          "MCP-Protocol-Version", "2026-07-28",
                                          "Mcp-Method", "tools/call", "Mcp-Name", "whoami", NULL);
    g_autoptr(Reply) alice = request (fixture, "POST", "/mcp", whoami,
                                      "Authorization", "Bearer alice-token",
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/call", "Mcp-Name", "whoami", NULL);

    assert_error (none, 401, -32000);
    g_assert_cmpstr (soup_message_headers_get_one (none->headers, "WWW-Authenticate"), ==, "Bearer");
    g_assert_cmpstr (none->body, ==,
                     "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                     "\"message\":\"Unauthorized: unknown or missing token\"}}");
    assert_error (suspended, 403, -32000);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (suspended->json, "error"),
                                                    "message"), ==, "Forbidden: this account is suspended");
    g_assert_cmpuint (alice->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (result_of (alice->json), "content"), 0), "text"),
                     ==, "alice");
  }

  /* alice's requestState is bound to alice */
  {
    g_autoptr(Reply) first = ask_name_as (fixture, "alice-token", "\"name\":\"ask_name\",\"arguments\":{}");
    g_autoptr(Reply) stolen = NULL;
    g_autoptr(Reply) own = NULL;

    g_assert_cmpstr (json_object_get_string_member (result_of (first->json), "resultType"), ==, "input_required");
    state = json_object_get_string_member (result_of (first->json), "requestState");
    retry = g_strdup_printf ("\"name\":\"ask_name\",\"arguments\":{},\"inputResponses\":{\"user_name\":"
                             "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}},\"requestState\":\"%s\"",
                             state);
    stolen = ask_name_as (fixture, "bob-token", retry);
    g_assert_cmpuint (stolen->status, ==, 200);
    g_assert_cmpstr (stolen->body, ==,
                     "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                     "requestState belongs to another request\"}}");
    own = ask_name_as (fixture, "alice-token", retry);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (result_of (own->json), "content"), 0), "text"),
                     ==, "Hello, Alice!");
  }

  /* alice's legacy session is alice's */
  initialize = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                         "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                         "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  {
    g_autoptr(Reply) opened = request (fixture, "POST", "/mcp", initialize,
                                       "Authorization", "Bearer alice-token", NULL);
    g_autoptr(Reply) by_bob = NULL;
    g_autoptr(Reply) by_alice = NULL;
    const char *list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    g_assert_cmpuint (opened->status, ==, 200);
    session_id = g_strdup (soup_message_headers_get_one (opened->headers, "Mcp-Session-Id"));
    by_bob = request (fixture, "POST", "/mcp", list, "Authorization", "Bearer bob-token",
                      "Mcp-Session-Id", session_id, "MCP-Protocol-Version", "2025-11-25", NULL);
    assert_error (by_bob, 404, -32001);
    by_alice = request (fixture, "POST", "/mcp", list, "Authorization", "Bearer alice-token",
                        "Mcp-Session-Id", session_id, "MCP-Protocol-Version", "2025-11-25", NULL);
    g_assert_cmpuint (by_alice->status, ==, 200);
  }
}

static void
test_limits_body (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GString) big = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                         "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"");

  mcp_server_set_max_message_size (fixture->server, 1024);
  for (guint i = 0; i < 2048; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}," TEST_MODERN_META "}}");

  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", big->str,
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/call",
                                      "Mcp-Name", "echo", NULL);

    assert_error (reply, 413, -32000);
  }

  /* A chunked body without a length is counted as it comes. */
  {
    g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (big->str), big->len,
                                                                         g_free);
    SoupMessage *message = new_message (fixture, "POST", "/mcp", NULL,
                                        "MCP-Protocol-Version", "2026-07-28",
                                        "Mcp-Method", "tools/call",
                                        "Mcp-Name", "echo", NULL);
    g_autoptr(Reply) reply = NULL;

    soup_message_set_request_body (message, "application/json", input, -1);
    reply = send_message (fixture, message);
    assert_error (reply, 413, -32000);
  }

  /* Below the limit, all is well. */
  {
    g_autofree char *small = modern_body (1, "tools/list", NULL);
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", small,
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_limits_sessions (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  mcp_http_transport_set_max_sessions (fixture->transport, 2);
  first = legacy_initialize (fixture, "2025-11-25");
  second = legacy_initialize (fixture, "2025-06-18");

  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp",
                                      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                                      "\"params\":{\"protocolVersion\":\"2025-11-25\","
                                      "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\","
                                      "\"version\":\"1\"}}}", NULL);

    assert_error (reply, 503, -32000);
    g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Retry-After"));
  }

  {
    g_autoptr(Reply) reply = request (fixture, "DELETE", "/mcp", NULL,
                                      "Mcp-Session-Id", first, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_free (legacy_initialize (fixture, "2025-11-25"));
  g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 2);
}

static void
test_limits_streams (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *listen = modern_body (1, "subscriptions/listen",
                                         "\"notifications\":{\"toolsListChanged\":true}");
  g_autofree char *list = modern_body (2, "tools/list", NULL);
  g_autoptr(Stream) stream = NULL;
  g_autoptr(JsonObject) ack = NULL;

  mcp_http_transport_set_max_streams (fixture->transport, 1);
  stream = open_stream (fixture, new_message (fixture, "POST", "/mcp", listen,
                                              "MCP-Protocol-Version", "2026-07-28",
                                              "Mcp-Method", "subscriptions/listen",
                                              NULL));
  ack = stream_next_message (stream, NULL);

  {
    g_autoptr(Reply) reply = request (fixture, "POST", "/mcp", list,
                                      "MCP-Protocol-Version", "2026-07-28",
                                      "Mcp-Method", "tools/list", NULL);

    assert_error (reply, 503, -32000);
    g_assert_cmpint (json_object_get_int_member (reply->json, "id"), ==, 2);
  }

  stream_abort (stream);
}

/* Embedding and lifetime */

static void
hello_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
}

static void
test_embedded (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  Fixture fixture = { 0, };
  guint port;

  /* The application's own server, handlers and loop */
  soup_server_add_handler (soup_server, "/hello", hello_cb, NULL, NULL);
  port = test_soup_server_listen_local (soup_server);

  transport = mcp_http_transport_new_for_soup_server (server, soup_server, "/api/mcp");
  mcp_http_transport_set_sse_path (transport, NULL);
  g_assert_true (mcp_http_transport_get_soup_server (transport) == soup_server);
  g_assert_cmpstr (mcp_http_transport_get_path (transport), ==, "/api/mcp");
  mcp_transport_start (MCP_TRANSPORT (transport));
  g_assert_cmpuint (mcp_http_transport_get_port (transport), ==, port);

  fixture.server = server;
  fixture.transport = transport;
  fixture.session = session;
  fixture.base = g_strdup_printf ("http://127.0.0.1:%u", port);

  {
    g_autoptr(Reply) hello = request (&fixture, "GET", "/hello", NULL, NULL);
    g_autofree char *body = modern_body (1, "tools/list", NULL);
    g_autoptr(Reply) mcp = request (&fixture, "POST", "/api/mcp", body,
                                    "MCP-Protocol-Version", "2026-07-28",
                                    "Mcp-Method", "tools/list", NULL);
    g_autoptr(Reply) sse = request (&fixture, "GET", "/sse", NULL, NULL);

    g_assert_cmpuint (hello->status, ==, 200);
    g_assert_cmpstr (hello->body, ==, "hello");
    g_assert_cmpuint (mcp->status, ==, 200);
    g_assert_nonnull (mcp->json);
    g_assert_cmpuint (sse->status, ==, 404);   /* HTTP+SSE turned off */
  }

  /* Closing removes the handlers, not the application's server. */
  mcp_transport_close (MCP_TRANSPORT (transport));
  {
    g_autoptr(Reply) hello = request (&fixture, "GET", "/hello", NULL, NULL);
    g_autoptr(Reply) mcp = request (&fixture, "POST", "/api/mcp", "{}", NULL);

    g_assert_cmpuint (hello->status, ==, 200);
    g_assert_cmpuint (mcp->status, ==, 404);
  }

  soup_session_abort (session);
  g_free (fixture.base);
  test_wait (20);
  g_assert_finalize_object (g_steal_pointer (&transport));
}

static void
closed_cb (McpTransport *transport,
           const GError *error,
           gboolean     *closed)
{
  g_assert_no_error (error);
  *closed = TRUE;
}

static void
test_close_with_streams (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *listen = modern_body (1, "subscriptions/listen",
                                         "\"notifications\":{\"toolsListChanged\":true}");
  g_autofree char *sleep = modern_body (2, "tools/call",
                                        "\"name\":\"sleep\",\"arguments\":{\"ms\":30000}");
  g_autofree char *id = legacy_initialize (fixture, "2025-11-25");
  g_autoptr(Stream) listening = NULL;
  g_autoptr(Stream) legacy = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(SseEvent) priming = NULL;
  guint cancelled = test_server_get_cancelled ();
  gboolean closed = FALSE;
  OpenState pending = { NULL, NULL, FALSE };
  SoupMessage *message;

  listening = open_stream (fixture, new_message (fixture, "POST", "/mcp", listen,
                                                 "MCP-Protocol-Version", "2026-07-28",
                                                 "Mcp-Method", "subscriptions/listen",
                                                 NULL));
  ack = stream_next_message (listening, NULL);
  legacy = open_stream (fixture, new_message (fixture, "GET", "/mcp", NULL,
                                              "Mcp-Session-Id", id,
                                              "Accept", "text/event-stream",
                                              NULL));
  priming = stream_next (legacy);

  message = new_message (fixture, "POST", "/mcp", sleep,
                         "MCP-Protocol-Version", "2026-07-28",
                         "Mcp-Method", "tools/call",
                         "Mcp-Name", "sleep", NULL);
  soup_session_send_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL, open_cb, &pending);
  test_wait (100);
  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 3);

  /* Closing ends every stream and cancels what runs. */
  g_signal_connect (fixture->transport, "closed", G_CALLBACK (closed_cb), &closed);
  mcp_transport_close (MCP_TRANSPORT (fixture->transport));
  g_assert_true (closed);
  g_assert_false (mcp_transport_is_open (MCP_TRANSPORT (fixture->transport)));
  g_assert_cmpuint (mcp_http_transport_get_n_streams (fixture->transport), ==, 0);

  stream_expect_end (listening);
  stream_expect_end (legacy);
  test_iterate_until (&pending.done, 5000);
  if (pending.input != NULL)
    {
      g_assert_cmpuint (soup_message_get_status (message), ==, 503);
      g_object_unref (pending.input);
    }
  g_clear_error (&pending.error);
  g_object_unref (message);
  g_assert_cmpuint (test_server_get_cancelled (), ==, cancelled + 1);
  g_signal_handlers_disconnect_by_func (fixture->transport, closed_cb, &closed);
}

static void
test_properties (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (server);
  const char * const hosts[] = { "a.example", "b.example:8080", NULL };
  g_auto(GStrv) origins = NULL;
  g_autofree char *sse_path = NULL;
  guint timeout;

  g_assert_cmpstr (mcp_http_transport_get_path (transport), ==, "/mcp");
  g_assert_cmpstr (mcp_http_transport_get_sse_path (transport), ==, "/sse");
  g_assert_cmpstr (mcp_http_transport_get_messages_path (transport), ==, "/messages");
  g_assert_null (mcp_http_transport_get_allowed_hosts (transport));
  g_assert_cmpuint (mcp_http_transport_get_port (transport), ==, 0);
  g_assert_null (mcp_http_transport_dup_uri (transport));

  mcp_http_transport_set_allowed_hosts (transport, hosts);
  g_assert_cmpstrv (mcp_http_transport_get_allowed_hosts (transport), hosts);
  mcp_http_transport_add_allowed_origin (transport, "https://x.example");
  g_object_get (transport,
                "allowed-origins", &origins,
                "sse-path", &sse_path,
                "session-timeout", &timeout,
                NULL);
  g_assert_cmpstr (origins[0], ==, "https://x.example");
  g_assert_cmpstr (sse_path, ==, "/sse");
  g_assert_cmpuint (timeout, ==, 600000);

  mcp_http_transport_set_retry_interval (transport, 250);
  g_assert_cmpuint (mcp_http_transport_get_retry_interval (transport), ==, 250);
  mcp_http_transport_set_max_streams (transport, 3);
  g_assert_cmpuint (mcp_http_transport_get_max_streams (transport), ==, 3);
  g_assert_cmpuint (mcp_http_transport_get_max_sessions (transport), ==, 1024);
  g_assert_cmpuint (mcp_http_transport_get_keep_alive_interval (transport), ==, 15000);
  g_assert_cmpuint (mcp_http_transport_get_session_timeout (transport), ==, 600000);
}

/* A client that opens many connections at once (twenty concurrent calls)
 * gets them all at once, before the server has accepted any: the listening
 * socket's queue is longer than GSocket's default of 10, beyond which the
 * kernel drops connection requests and clients retry a second later. */
static void
test_connection_burst (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GSocketAddress) address = NULL;
  GSocket *sockets[40];

  address = g_inet_socket_address_new_from_string ("127.0.0.1",
                                                   mcp_http_transport_get_port (fixture->transport));
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      g_autoptr(GError) error = NULL;

      sockets[i] = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, &error);
      g_assert_no_error (error);
      g_socket_set_blocking (sockets[i], FALSE);
      if (!g_socket_connect (sockets[i], address, NULL, &error))
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
    }

  /* The main loop does not run: nothing is accepted meanwhile. */
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_socket_condition_timed_wait (sockets[i], G_IO_OUT, 500 * 1000, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_socket_check_connect_result (sockets[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      g_socket_close (sockets[i], NULL);
      g_object_unref (sockets[i]);
    }
}

/* Every log message of the process, debug ones included, for the test
 * that secrets never reach the logs. */
static GString *log_text;

static GLogWriterOutput
record_log (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, '\n');
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Bearer tokens and session ids are secrets: neither is ever logged, not
 * even at debug level (sessions are named by their first 8 characters). */
static void
test_security_logs (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *id = NULL;
  g_autofree char *prefix = NULL;

  g_object_set (fixture->transport, "bearer-token", "s3cret-token", NULL);
  g_string_truncate (log_text, 0);
  {
    g_autoptr(Reply) wrong = request (fixture, "POST", "/mcp", "{}", "Authorization", "Bearer s3cret-tokeN", NULL);
    g_autoptr(Reply) opened = request (fixture, "POST", "/mcp",
                                       "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                                       "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                       "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
                                       "Authorization", "Bearer s3cret-token", NULL);
    g_autoptr(Reply) deleted = NULL;

    g_assert_cmpuint (wrong->status, ==, 401);
    id = g_strdup (soup_message_headers_get_one (opened->headers, "Mcp-Session-Id"));
    g_assert_nonnull (id);
    deleted = request (fixture, "DELETE", "/mcp", NULL, "Authorization", "Bearer s3cret-token",
                       "Mcp-Session-Id", id, NULL);
    g_assert_cmpuint (deleted->status, ==, 200);
  }

  prefix = g_strdup_printf ("HTTP session %.8s… terminated by the client", id);
  g_assert_nonnull (strstr (log_text->str, prefix));
  g_assert_null (strstr (log_text->str, "s3cret"));
  g_assert_null (strstr (log_text->str, id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/HttpTransport/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("modern/json", test_modern_json);
  ADD ("modern/sse", test_modern_sse);
  ADD ("modern/json-only-client", test_modern_json_only_client);
  ADD ("modern/validation-ladder", test_modern_ladder);
  ADD ("modern/standard-headers", test_modern_standard_headers);
  ADD ("modern/param-headers", test_modern_param_headers);
  ADD ("modern/notification", test_modern_notification);
  ADD ("modern/no-session", test_modern_session_ignored);
  ADD ("modern/cancel-on-close", test_modern_cancel_on_close);
  ADD ("modern/listen-and-close", test_modern_cancel_sse_on_close);
  ADD ("modern/keep-alive", test_keep_alive);
  ADD ("bad-requests", test_bad_requests);
  ADD ("closed-idle-connection", test_closed_idle_connection);
  ADD ("half-closed-connection", test_half_closed_connection);
  ADD ("legacy/session", test_legacy_session);
  ADD ("legacy/versions", test_legacy_versions);
  ADD ("legacy/replica-id", test_legacy_replica_id);
  ADD ("legacy/2025-03-26", test_legacy_old_revision);
  ADD ("legacy/unknown-session", test_legacy_unknown_session);
  ADD ("legacy/failed-initialize", test_legacy_failed_initialize);
  ADD ("legacy/get-stream", test_legacy_get_stream);
  ADD ("legacy/queued-messages", test_legacy_queued_messages);
  ADD ("legacy/many-queued-messages", test_legacy_many_queued_messages);
  ADD ("legacy/delete", test_legacy_delete);
  ADD ("legacy/resume-polling", test_legacy_resume_polling);
  ADD ("legacy/resume-after-disconnect", test_legacy_resume_after_disconnect);
  ADD ("legacy/cancel-notification", test_legacy_cancel_notification);
  ADD ("legacy/client-request", test_legacy_client_request);
  ADD ("legacy/json-only", test_legacy_json_only);
  ADD ("legacy/expiry", test_legacy_expiry);
  ADD ("http-sse-2024", test_sse_transport);
  ADD ("security/host", test_security_host);
  ADD ("security/origin", test_security_origin);
  ADD ("security/bearer", test_security_bearer);
  ADD ("security/auth-func", test_security_auth_func);
  ADD ("security/task-owner", test_security_task_owner);
  ADD ("security/logs", test_security_logs);
  ADD ("limits/body", test_limits_body);
  ADD ("limits/sessions", test_limits_sessions);
  ADD ("limits/streams", test_limits_streams);
  ADD ("close-with-streams", test_close_with_streams);
  ADD ("connection-burst", test_connection_burst);

#undef ADD

  g_test_add_func ("/Mcp/HttpTransport/embedded", test_embedded);
  g_test_add_func ("/Mcp/HttpTransport/properties", test_properties);

  return g_test_run ();
}
