/* test-client-http.c — McpClient over Streamable HTTP
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two halves. McpClient against an in-process McpServer behind an
 * McpHttpTransport on 127.0.0.1, in both eras: tools, cancellation by
 * closing the stream, sessions and their end, list changes, Mcp-Name and
 * Mcp-Param-* headers. Then McpClient against a scripted SoupServer, for
 * what a well-behaved server never sends: Server-Sent Events in every
 * legal shape, HTTP errors without JSON-RPC, an expired session.
 */

#include <string.h>

#include <libsoup/soup.h>

#include "test-util.h"

static gboolean
expire_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_while (gboolean (*condition) (gpointer),
               gpointer   data)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (10000, expire_cb, &expired);

  while (condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Gave up waiting after 10 s");
  g_source_remove (id);
}

static const char *
first_text (McpToolResult *result)
{
  JsonArray *content = mcp_tool_result_get_content (result);

  g_assert_cmpuint (json_array_get_length (content), >=, 1);
  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

/* ------------------------------------------------------------------ */
/* Against McpHttpTransport                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  McpServer        *server;
  McpHttpTransport *transport;
  McpClient        *client;
  McpEra            era;
  char             *header_seen;
} Fixture;

static McpToolResult *
header_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  return mcp_tool_result_new_text (json_object_get_string_member (arguments, "region"));
}

static McpResourceContents *
read_cafe (McpResource        *resource,
           McpRequestContext  *context,
           gpointer            user_data,
           GError            **error)
{
  return mcp_resource_contents_new_text ("notes://café", "text/plain", "crème");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autoptr(McpTool) tool = NULL;
  g_autoptr(McpResource) resource = NULL;

  fixture->era = GPOINTER_TO_INT (user_data);
  fixture->server = test_server_new ();

  tool = mcp_tool_new ("regional", "Mirrors an argument into a header");
  mcp_tool_set_input_schema_json (tool,
                                  "{\"type\":\"object\",\"properties\":{"
                                  "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                                  "\"count\":{\"type\":\"integer\",\"x-mcp-header\":\"Count\"}},"
                                  "\"required\":[\"region\"]}", &error);
  g_assert_no_error (error);
  mcp_tool_set_func (tool, header_func, NULL, NULL);
  mcp_server_add_tool (fixture->server, tool);

  resource = mcp_resource_new ("notes://café", "A café");
  mcp_resource_set_read_func (resource, read_cafe, NULL, NULL);
  mcp_server_add_resource (fixture->server, resource);

  fixture->transport = mcp_http_transport_new (fixture->server);
  g_assert_true (mcp_http_transport_listen_local (fixture->transport, 0, &error));
  g_assert_no_error (error);
  mcp_transport_start (MCP_TRANSPORT (fixture->transport));

  uri = mcp_http_transport_dup_uri (fixture->transport);
  url = g_uri_to_string (uri);
  fixture->client = mcp_client_new_for_url (url, &error);
  g_assert_no_error (error);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
}

static void
fixture_connect (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (fixture->client), ==, fixture->era);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (fixture->client != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      mcp_client_close_async (fixture->client, NULL, test_store_result, &result);
      test_wait_result (&result, 20000);
      g_clear_object (&result);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (fixture->client);
    }

  mcp_transport_close (MCP_TRANSPORT (fixture->transport));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->transport);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->header_seen, g_free);
}

static McpToolResult *
call (Fixture    *fixture,
      const char *name,
      const char *arguments,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = test_parse (arguments);

  mcp_client_call_tool_async (fixture->client, name, json_node_get_object (node), NULL,
                              test_store_result, &result);
  test_wait_result (&result, 20000);
  return mcp_client_call_tool_finish (fixture->client, result, error);
}

static gboolean
has_sessions (gpointer data)
{
  return mcp_http_transport_get_n_sessions (data) > 0;
}

static void
test_basics (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(McpToolResult) sum = NULL;
  g_autoptr(McpToolResult) failed = NULL;
  g_autoptr(McpToolResult) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) tools = NULL;

  fixture_connect (fixture);
  g_assert_cmpstr (json_object_get_string_member (mcp_client_get_server_info (fixture->client), "name"),
                   ==, "test-server");

  if (fixture->era == MCP_ERA_LEGACY)
    {
      g_assert_nonnull (mcp_client_get_session_id (fixture->client));
      g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 1);
    }
  else
    {
      g_assert_null (mcp_client_get_session_id (fixture->client));
      g_assert_cmpuint (mcp_http_transport_get_n_sessions (fixture->transport), ==, 0);
    }

  mcp_client_list_tools_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  tools = mcp_client_list_tools_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (tools), ==, 5);

  sum = call (fixture, "add", "{\"a\":20,\"b\":22}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (sum), ==, "42");

  failed = call (fixture, "fail", "{}", &error);
  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (failed));

  unknown = call (fixture, "nope", "{}", &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);

  /* Closing a legacy client ends its session on the server (DELETE). */
  if (fixture->era == MCP_ERA_LEGACY)
    {
      g_autoptr(GAsyncResult) closed = NULL;

      mcp_client_close_async (fixture->client, NULL, test_store_result, &closed);
      test_wait_result (&closed, 20000);
      iterate_while (has_sessions, fixture->transport);
    }
}

static gboolean
not_cancelled (gpointer data)
{
  return test_server_get_cancelled () == 0;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(McpToolResult) after = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture);
  json_object_set_int_member (arguments, "ms", 30000);
  mcp_client_call_tool_async (fixture->client, "sleep", arguments, cancellable, test_store_result, &result);
  test_wait (200);
  g_cancellable_cancel (cancellable);
  test_wait_result (&result, 20000);
  answer = mcp_client_call_tool_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The server hears of it: the stream closed (2026-07-28) or
   * notifications/cancelled (legacy). */
  iterate_while (not_cancelled, NULL);

  after = call (fixture, "echo", "{\"text\":\"on\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (after), ==, "on");
}

static void
record_cb (McpClient  *client,
           const char *what,
           GString    *log)
{
  g_string_append_printf (log, "%s;", what);
}

static gboolean
log_empty (gpointer data)
{
  return ((GString *)data)->len == 0;
}

static void
test_list_changed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(McpTool) extra = mcp_tool_new ("extra", "More");

  fixture_connect (fixture);
  g_signal_connect (fixture->client, "list-changed", G_CALLBACK (record_cb), log);
  mcp_client_listen (fixture->client);
  test_wait (200);

  mcp_server_add_tool (fixture->server, extra);
  iterate_while (log_empty, log);
  g_assert_cmpstr (log->str, ==, "tools;");
}

static void
test_param_headers (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(McpToolResult) first = NULL;
  g_autoptr(McpToolResult) second = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture);

  /* The client has not seen the schema: the server refuses the headers it
   * misses, the client learns the schemas and tries again. */
  first = call (fixture, "regional", "{\"region\":\"eu-west\",\"count\":3}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (first), ==, "eu-west");

  /* Non-ASCII values travel Base64-encoded. */
  second = call (fixture, "regional", "{\"region\":\"Zürich\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (second), ==, "Zürich");
}

static void
test_non_ascii_name (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture);
  mcp_client_read_resource_async (fixture->client, "notes://café", NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  contents = mcp_client_read_resource_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_resource_contents_get_items (contents), 0),
                                                  "text"), ==, "crème");
}

static void
test_bearer_token (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) sum = NULL;

  mcp_http_transport_set_bearer_token (fixture->transport, "s3cret");

  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_false (mcp_client_connect_finish (fixture->client, result, &error));
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "401"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* A client that can connect again: a new one, with the token. */
  {
    g_autoptr(GUri) uri = mcp_http_transport_dup_uri (fixture->transport);
    g_autofree char *url = g_uri_to_string (uri);

    g_clear_object (&fixture->client);
    fixture->client = mcp_client_new_for_url (url, &error);
    if (fixture->era == MCP_ERA_LEGACY)
      mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
    mcp_client_set_http_header (fixture->client, "Authorization", "Bearer s3cret");
  }
  fixture_connect (fixture);
  sum = call (fixture, "add", "{\"a\":1,\"b\":2}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (sum), ==, "3");
}

/* ------------------------------------------------------------------ */
/* Against a scripted SoupServer                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *requests;      /* SoupMessageHeaders of every request, in order */
  GPtrArray  *bodies;        /* char * */
  GPtrArray  *methods;       /* char *, the HTTP method */
  /* what to answer a tools/call with */
  guint       status;
  const char *content_type;
  const char *body;
  char       *session_to_give;
  gboolean    expire_session;
} Scripted;

static void
scripted_handler (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Scripted *scripted = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *http_method = soup_server_message_get_method (message);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = NULL;
  const char *method = NULL;
  g_autofree char *id = NULL;

  g_ptr_array_add (scripted->requests, g_boxed_copy (SOUP_TYPE_MESSAGE_HEADERS, headers));
  g_ptr_array_add (scripted->bodies, g_strdup (text));
  g_ptr_array_add (scripted->methods, g_strdup (http_method));

  if (strcmp (http_method, "GET") == 0)
    {
      soup_server_message_set_status (message, 405, NULL);
      return;
    }
  if (strcmp (http_method, "DELETE") == 0)
    {
      soup_server_message_set_status (message, 200, NULL);
      return;
    }

  if (scripted->expire_session && soup_message_headers_get_one (headers, "Mcp-Session-Id") != NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  node = text != NULL ? json_from_string (text, NULL) : NULL;
  object = node != NULL ? json_node_get_object (node) : NULL;
  method = object != NULL && json_object_has_member (object, "method")
           ? json_object_get_string_member (object, "method") : NULL;
  if (object != NULL && json_object_has_member (object, "id"))
    id = json_to_string (json_object_get_member (object, "id"), FALSE);

  if (id == NULL)
    {
      soup_server_message_set_status (message, 202, NULL);
      return;
    }

  if (g_strcmp0 (method, "server/discover") == 0)
    {
      g_autofree char *answer = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"supportedVersions\":"
                                                 "[\"2026-07-28\"],\"capabilities\":{},\"_meta\":{"
                                                 "\"io.modelcontextprotocol/serverInfo\":{\"name\":\"scripted\","
                                                 "\"version\":\"1\"}}}}", id);

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
      return;
    }

  if (g_strcmp0 (method, "initialize") == 0)
    {
      g_autofree char *answer = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"protocolVersion\":"
                                                 "\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":"
                                                 "\"scripted\",\"version\":\"1\"}}}", id);

      if (scripted->session_to_give != NULL)
        soup_message_headers_replace (response, "Mcp-Session-Id", scripted->session_to_give);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
      return;
    }

  /* tools/call: the script, with ID replaced by the request id */
  {
    g_autoptr(GString) body = g_string_new (scripted->body);

    g_string_replace (body, "ID", id, 0);
    soup_server_message_set_status (message, scripted->status, NULL);
    if (scripted->content_type != NULL)
      soup_server_message_set_response (message, scripted->content_type, SOUP_MEMORY_COPY, body->str, body->len);
  }
}

static Scripted *
scripted_new (void)
{
  Scripted *scripted = g_new0 (Scripted, 1);
  guint port;

  scripted->server = soup_server_new (NULL, NULL);
  scripted->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)soup_message_headers_unref);
  scripted->bodies = g_ptr_array_new_with_free_func (g_free);
  scripted->methods = g_ptr_array_new_with_free_func (g_free);
  scripted->status = 200;
  soup_server_add_handler (scripted->server, "/mcp", scripted_handler, scripted, NULL);
  port = test_soup_server_listen_local (scripted->server);
  scripted->url = g_strdup_printf ("http://127.0.0.1:%u/mcp", port);
  return scripted;
}

static void
scripted_free (Scripted *scripted)
{
  soup_server_disconnect (scripted->server);
  g_clear_object (&scripted->server);
  g_ptr_array_unref (scripted->requests);
  g_ptr_array_unref (scripted->bodies);
  g_ptr_array_unref (scripted->methods);
  g_free (scripted->session_to_give);
  g_free (scripted->url);
  g_free (scripted);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static McpClient *
scripted_connect (Scripted      *scripted,
                  McpClientMode  mode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  McpClient *client = mcp_client_new_for_url (scripted->url, &error);

  g_assert_no_error (error);
  mcp_client_set_mode (client, mode);
  mcp_client_set_http_header (client, "Authorization", "Bearer abc");
  mcp_client_connect_async (client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  return client;
}

static McpToolResult *
scripted_call (McpClient  *client,
               const char *name,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_call_tool_async (client, name, NULL, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  return mcp_client_call_tool_finish (client, result, error);
}

static void
test_headers (void)
{
  g_autoptr(Scripted) scripted = scripted_new ();
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  scripted->content_type = "application/json";
  scripted->body = "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}";
  client = scripted_connect (scripted, MCP_CLIENT_MODE_AUTO);

  headers = g_ptr_array_index (scripted->requests, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "MCP-Protocol-Version"), ==, "2026-07-28");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Mcp-Method"), ==, "server/discover");
  g_assert_null (soup_message_headers_get_one (headers, "Mcp-Name"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==, "Bearer abc");
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Accept"), "text/event-stream"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Accept"), "application/json"));
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");

  answer = scripted_call (client, "naïve tool", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "ok");
  headers = g_ptr_array_index (scripted->requests, 1);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Mcp-Method"), ==, "tools/call");
  /* "naïve tool", Base64 */
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Mcp-Name"), ==, "=?base64?bmHDr3ZlIHRvb2w=?=");
  g_assert_null (soup_message_headers_get_one (headers, "Mcp-Session-Id"));
}

static void
test_sse (void)
{
  g_autoptr(Scripted) scripted = scripted_new ();
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  /* Comments, an event of another type, data split over lines, CRLF line
   * ends, a blank event, a notification, then the answer. */
  scripted->content_type = "text/event-stream";
  scripted->body =
    ": keep-alive\n\n"
    "event: ping\ndata: {\"ignored\":true}\n\n"
    "id: 1\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\r\n"
    "data: \"params\":{\"uri\":\"a://b\"}}\r\n\r\n"
    "data:\n\n"
    "retry: 1000\n"
    "data:{\"jsonrpc\":\"2.0\",\"id\":ID,\n"
    "data:  \"result\":{\"content\":[{\"type\":\"text\",\"text\":\"streamed\"}]}}\n\n";
  client = scripted_connect (scripted, MCP_CLIENT_MODE_AUTO);
  g_signal_connect (client, "resource-updated", G_CALLBACK (record_cb), log);

  answer = scripted_call (client, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "streamed");
  g_assert_cmpstr (log->str, ==, "a://b;");
}

static void
test_stream_without_answer (void)
{
  g_autoptr(Scripted) scripted = scripted_new ();
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  scripted->content_type = "text/event-stream";
  scripted->body = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"x\"}}\n\n";
  client = scripted_connect (scripted, MCP_CLIENT_MODE_AUTO);
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
}

static void
test_http_errors (void)
{
  g_autoptr(Scripted) scripted = scripted_new ();
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  client = scripted_connect (scripted, MCP_CLIENT_MODE_AUTO);

  scripted->status = 500;
  scripted->content_type = "text/plain";
  scripted->body = "Internal trouble";
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
  g_clear_error (&error);

  /* A JSON-RPC error with an HTTP error status is the server's error. */
  scripted->status = 400;
  scripted->content_type = "application/json";
  scripted->body = "{\"jsonrpc\":\"2.0\",\"id\":ID,\"error\":{\"code\":-32020,\"message\":\"Header mismatch\"}}";
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_HEADER_MISMATCH);
  g_clear_error (&error);

  /* A JSON-RPC error without id keeps the HTTP status, and its message. */
  scripted->status = 400;
  scripted->body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Bad thing\"}}";
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "400"));
  g_assert_nonnull (strstr (error->message, "Bad thing"));
  g_clear_error (&error);

  /* 202 for a request: no answer will come. */
  scripted->status = 202;
  scripted->content_type = NULL;
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
}

static void
test_legacy_session (void)
{
  g_autoptr(Scripted) scripted = scripted_new ();
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint n;

  scripted->session_to_give = g_strdup ("session-42");
  scripted->content_type = "application/json";
  scripted->body = "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{\"content\":[]}}";
  client = scripted_connect (scripted, MCP_CLIENT_MODE_LEGACY);
  g_assert_cmpstr (mcp_client_get_session_id (client), ==, "session-42");

  /* initialize: no session, no version header */
  headers = g_ptr_array_index (scripted->requests, 0);
  g_assert_null (soup_message_headers_get_one (headers, "Mcp-Session-Id"));
  g_assert_null (soup_message_headers_get_one (headers, "MCP-Protocol-Version"));
  g_assert_null (soup_message_headers_get_one (headers, "Mcp-Method"));

  answer = scripted_call (client, "x", &error);
  g_assert_no_error (error);

  /* Everything after: the session and the negotiated version. */
  for (guint i = 1; i < scripted->requests->len; i++)
    {
      headers = g_ptr_array_index (scripted->requests, i);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Mcp-Session-Id"), ==, "session-42");
      g_assert_cmpstr (soup_message_headers_get_one (headers, "MCP-Protocol-Version"), ==, "2025-06-18");
    }

  /* The GET stream was tried (405 here, and that is fine). */
  g_assert_true (g_ptr_array_find_with_equal_func (scripted->methods, "GET", g_str_equal, NULL));

  /* The server forgets the session. */
  scripted->expire_session = TRUE;
  g_clear_object (&answer);
  answer = scripted_call (client, "x", &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_SESSION_EXPIRED);

  /* Closing says DELETE. */
  scripted->expire_session = FALSE;
  n = scripted->methods->len;
  mcp_client_close_async (client, NULL, test_store_result, &closed);
  test_wait_result (&closed, 20000);
  g_assert_cmpuint (scripted->methods->len, ==, n + 1);
  g_assert_cmpstr (g_ptr_array_index (scripted->methods, n), ==, "DELETE");
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; McpEra era; } eras[] = {
    { "modern", MCP_ERA_MODERN },
    { "legacy", MCP_ERA_LEGACY },
  };
  static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
    { "basics", test_basics },
    { "cancel", test_cancel },
    { "list-changed", test_list_changed },
    { "param-headers", test_param_headers },
    { "non-ascii-name", test_non_ascii_name },
    { "bearer-token", test_bearer_token },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
      {
        g_autofree char *path = g_strdup_printf ("/Mcp/ClientHttp/%s/%s", eras[e].name, tests[t].name);

        g_test_add (path, Fixture, GINT_TO_POINTER (eras[e].era),
                    fixture_setup, tests[t].func, fixture_teardown);
      }

  g_test_add_func ("/Mcp/ClientHttp/scripted/headers", test_headers);
  g_test_add_func ("/Mcp/ClientHttp/scripted/sse", test_sse);
  g_test_add_func ("/Mcp/ClientHttp/scripted/stream-without-answer", test_stream_without_answer);
  g_test_add_func ("/Mcp/ClientHttp/scripted/http-errors", test_http_errors);
  g_test_add_func ("/Mcp/ClientHttp/scripted/legacy-session", test_legacy_session);

  return g_test_run ();
}
