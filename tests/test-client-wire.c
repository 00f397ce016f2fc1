/* test-client-wire.c — McpClient on the wire, against a scripted server
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client talks newline-delimited JSON over a pair of pipes; the test
 * plays the server on the other end, reads exactly what the client sends
 * and answers by hand: the handshake of both eras and the fallback
 * between them, cancellation, timeouts, multi round-trip requests,
 * requests of a legacy server, tasks, notifications, pagination, and a
 * server that goes away.
 */

#include <string.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "test-util.h"

typedef struct
{
  McpClient        *client;
  GDataInputStream *from_client;
  GOutputStream    *to_client;
  GQueue            lines;
  GCancellable     *cancellable;
  gboolean          reading;
  gboolean          eof;
} Fake;

static void fake_read (Fake *fake);

static void
fake_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fake *fake = user_data;
  g_autoptr(GError) error = NULL;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  fake->reading = FALSE;
  g_assert_no_error (error);
  if (line == NULL)
    {
      fake->eof = TRUE;
      return;
    }

  g_queue_push_tail (&fake->lines, line);
  fake_read (fake);
}

static void
fake_read (Fake *fake)
{
  if (fake->reading || fake->eof)
    return;

  fake->reading = TRUE;
  g_data_input_stream_read_line_async (fake->from_client, G_PRIORITY_DEFAULT, fake->cancellable,
                                       fake_read_cb, fake);
}

static Fake *
fake_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) client_in = NULL;
  g_autoptr(GOutputStream) client_out = NULL;
  g_autoptr(GInputStream) server_in = NULL;
  Fake *fake = g_new0 (Fake, 1);
  int to_server[2];
  int to_client[2];

  g_assert_true (g_unix_open_pipe (to_server, FD_CLOEXEC, &error));
  g_assert_true (g_unix_open_pipe (to_client, FD_CLOEXEC, &error));
  g_assert_true (g_unix_set_fd_nonblocking (to_client[1], TRUE, NULL));

  client_out = g_unix_output_stream_new (to_server[1], TRUE);
  server_in = g_unix_input_stream_new (to_server[0], TRUE);
  client_in = g_unix_input_stream_new (to_client[0], TRUE);
  fake->to_client = g_unix_output_stream_new (to_client[1], TRUE);
  fake->from_client = g_data_input_stream_new (server_in);
  g_data_input_stream_set_newline_type (fake->from_client, G_DATA_STREAM_NEWLINE_TYPE_LF);
  fake->cancellable = g_cancellable_new ();
  g_queue_init (&fake->lines);

  fake->client = mcp_client_new_for_streams (client_in, client_out);
  mcp_client_set_client_info (fake->client, "wire-test", "1.0");

  fake_read (fake);
  return fake;
}

static void
fake_free (Fake *fake)
{
  g_cancellable_cancel (fake->cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fake->client);
  g_clear_object (&fake->from_client);
  g_clear_object (&fake->to_client);
  g_clear_object (&fake->cancellable);
  g_queue_clear_full (&fake->lines, g_free);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static gboolean
expire_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
fake_try_recv (Fake        *fake,
               guint        timeout_ms,
               JsonObject **message)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, expire_cb, &expired);
  g_autofree char *line = NULL;
  g_autoptr(JsonNode) node = NULL;

  while (g_queue_is_empty (&fake->lines) && !expired && !fake->eof)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  line = g_queue_pop_head (&fake->lines);
  if (line == NULL)
    return FALSE;

  g_test_message ("client → %s", line);
  node = test_parse (line);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  *message = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static JsonObject *
fake_recv (Fake *fake)
{
  JsonObject *message = NULL;

  if (!fake_try_recv (fake, 10000, &message))
    g_error ("The client sent nothing within 10 s");
  return message;
}

/* Receives a message and checks its method. */
static JsonObject *
fake_expect (Fake       *fake,
             const char *method)
{
  JsonObject *message = fake_recv (fake);

  g_assert_cmpstr (json_object_get_string_member_with_default (message, "method", "(response)"),
                   ==, method);
  return message;
}

static void
fake_expect_silence (Fake  *fake,
                     guint  timeout_ms)
{
  g_autoptr(JsonObject) message = NULL;

  if (fake_try_recv (fake, timeout_ms, &message))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), message);
      g_autofree char *text = json_to_string (node, FALSE);

      g_error ("Expected nothing from the client, got %s", text);
    }
}

typedef struct
{
  gboolean done;
  GError  *error;
} WriteState;

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteState *state = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &state->error);
  state->done = TRUE;
}

static void
fake_send (Fake       *fake,
           const char *json)
{
  g_autofree char *line = g_strconcat (json, "\n", NULL);
  WriteState state = { FALSE, NULL };

  g_test_message ("server → %s", json);
  g_output_stream_write_all_async (fake->to_client, line, strlen (line), G_PRIORITY_DEFAULT, NULL,
                                   write_cb, &state);
  test_iterate_until (&state.done, 10000);
  g_assert_no_error (state.error);
}

static void
assert_node_json (JsonNode   *node,
                  const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (node);
  text = json_to_string (node, FALSE);
  test_assert_json_equal (text, expected);
}

static void
assert_object_json (JsonObject *object,
                    const char *expected)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  assert_node_json (node, expected);
}

static char *
id_text (JsonObject *message)
{
  g_autoptr(JsonNode) id = json_node_copy (json_object_get_member (message, "id"));

  return json_to_string (id, FALSE);
}

/* Answers @request with @result (JSON text). */
static void
fake_reply (Fake       *fake,
            JsonObject *request,
            const char *result)
{
  g_autofree char *id = id_text (request);
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}", id, result);

  fake_send (fake, line);
}

static void
fake_reply_error (Fake       *fake,
                  JsonObject *request,
                  int         code,
                  const char *message)
{
  g_autofree char *id = id_text (request);
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,"
                                           "\"message\":\"%s\"}}", id, code, message);

  fake_send (fake, line);
}

static JsonObject *
params_of (JsonObject *message)
{
  return json_object_get_object_member (message, "params");
}

static JsonObject *
meta_of (JsonObject *message)
{
  JsonObject *params = params_of (message);

  return json_object_has_member (params, "_meta") ? json_object_get_object_member (params, "_meta") : NULL;
}

#define DISCOVER_RESULT \
  "{\"supportedVersions\":[\"2026-07-28\",\"2025-11-25\"],\"capabilities\":{\"tools\":{}}," \
  "\"instructions\":\"Be nice\",\"resultType\":\"complete\",\"ttlMs\":1000,\"cacheScope\":\"public\"," \
  "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"fake\",\"version\":\"9\"}}}"

#define INITIALIZE_RESULT \
  "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{},\"logging\":{}}," \
  "\"serverInfo\":{\"name\":\"fake-legacy\",\"version\":\"8\"}}"

static void
connect_modern (Fake *fake)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  discover = fake_expect (fake, "server/discover");
  fake_reply (fake, discover, DISCOVER_RESULT);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (fake->client), ==, MCP_ERA_MODERN);
}

static void
connect_legacy (Fake *fake)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) initialized = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_set_mode (fake->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  initialize = fake_expect (fake, "initialize");
  fake_reply (fake, initialize, INITIALIZE_RESULT);
  initialized = fake_expect (fake, "notifications/initialized");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (fake->client), ==, MCP_ERA_LEGACY);
}

static McpToolResult *
finish_call (Fake          *fake,
             GAsyncResult **result,
             GError       **error)
{
  test_wait_result (result, 10000);
  return mcp_client_call_tool_finish (fake->client, *result, error);
}

static const char *
first_text (McpToolResult *result)
{
  JsonArray *content = mcp_tool_result_get_content (result);

  g_assert_cmpuint (json_array_get_length (content), >=, 1);
  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

/* ------------------------------------------------------------------ */

static void
test_discover (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *meta;
  JsonObject *capabilities;

  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  g_assert_null (result);

  discover = fake_expect (fake, "server/discover");
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (discover, "id")));
  meta = meta_of (discover);
  g_assert_nonnull (meta);
  g_assert_cmpstr (json_object_get_string_member (meta, "io.modelcontextprotocol/protocolVersion"),
                   ==, "2026-07-28");
  capabilities = json_object_get_object_member (meta, "io.modelcontextprotocol/clientCapabilities");
  g_assert_true (json_object_has_member (capabilities, "roots"));
  g_assert_true (json_object_has_member (json_object_get_object_member (capabilities, "extensions"),
                                         "io.modelcontextprotocol/tasks"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (meta, "io.modelcontextprotocol/clientInfo"),
                                                  "name"), ==, "wire-test");
  g_assert_false (json_object_has_member (meta, "io.modelcontextprotocol/logLevel"));

  fake_reply (fake, discover, DISCOVER_RESULT);
  test_wait_result (&result, 10000);
  g_assert_true (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_no_error (error);

  g_assert_true (mcp_client_is_connected (fake->client));
  g_assert_cmpint (mcp_client_get_era (fake->client), ==, MCP_ERA_MODERN);
  g_assert_cmpstr (mcp_client_get_protocol_version (fake->client), ==, "2026-07-28");
  g_assert_cmpstr (json_object_get_string_member (mcp_client_get_server_info (fake->client), "name"),
                   ==, "fake");
  g_assert_cmpstr (mcp_client_get_instructions (fake->client), ==, "Be nice");
  g_assert_true (json_object_has_member (mcp_client_get_server_capabilities (fake->client), "tools"));

  /* Nothing else is sent: 2026-07-28 has no initialized notification. */
  fake_expect_silence (fake, 100);
}

static void
fallback (int code)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) initialized = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;

  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  discover = fake_expect (fake, "server/discover");
  fake_reply_error (fake, discover, code, "Nope");

  initialize = fake_expect (fake, "initialize");
  params = params_of (initialize);
  g_assert_false (json_object_has_member (params, "_meta"));
  g_assert_cmpstr (json_object_get_string_member (params, "protocolVersion"), ==, "2025-11-25");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (params, "capabilities"), "roots"),
                                                 "listChanged"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "clientInfo"), "version"),
                   ==, "1.0");
  fake_reply (fake, initialize, INITIALIZE_RESULT);

  initialized = fake_expect (fake, "notifications/initialized");
  g_assert_false (json_object_has_member (initialized, "id"));

  test_wait_result (&result, 10000);
  g_assert_true (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (fake->client), ==, MCP_ERA_LEGACY);
  g_assert_cmpstr (mcp_client_get_protocol_version (fake->client), ==, "2025-11-25");
  g_assert_cmpstr (json_object_get_string_member (mcp_client_get_server_info (fake->client), "name"),
                   ==, "fake-legacy");
}

static void
test_fallback_method_not_found (void)
{
  fallback (MCP_ERROR_METHOD_NOT_FOUND);
}

static void
test_fallback_unsupported_version (void)
{
  fallback (MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION);
}

static void
test_fallback_legacy_versions_only (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) initialized = NULL;

  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  discover = fake_expect (fake, "server/discover");
  fake_reply (fake, discover, "{\"supportedVersions\":[\"2025-06-18\"],\"capabilities\":{}}");
  initialize = fake_expect (fake, "initialize");
  fake_reply (fake, initialize, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                "\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}");
  initialized = fake_expect (fake, "notifications/initialized");
  test_wait_result (&result, 10000);
  g_assert_true (mcp_client_connect_finish (fake->client, result, NULL));
  g_assert_cmpstr (mcp_client_get_protocol_version (fake->client), ==, "2025-06-18");
}

static void
test_modern_only (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_set_mode (fake->client, MCP_CLIENT_MODE_MODERN);
  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  discover = fake_expect (fake, "server/discover");
  fake_reply_error (fake, discover, MCP_ERROR_METHOD_NOT_FOUND, "Method not found");
  test_wait_result (&result, 10000);
  g_assert_false (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION);
  g_assert_false (mcp_client_is_connected (fake->client));
  fake_expect_silence (fake, 100);
}

static void
test_legacy_mode (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) initialized = NULL;
  g_autoptr(JsonObject) set_level = NULL;

  mcp_client_set_mode (fake->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_set_legacy_version (fake->client, "2025-03-26");
  mcp_client_set_log_level (fake->client, "warning");
  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);

  initialize = fake_expect (fake, "initialize");
  g_assert_cmpstr (json_object_get_string_member (params_of (initialize), "protocolVersion"), ==, "2025-03-26");
  fake_reply (fake, initialize, "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{\"logging\":{}},"
                                "\"serverInfo\":{\"name\":\"x\",\"version\":\"1\"}}");
  initialized = fake_expect (fake, "notifications/initialized");

  /* The log level goes to a server that can log. */
  set_level = fake_expect (fake, "logging/setLevel");
  g_assert_cmpstr (json_object_get_string_member (params_of (set_level), "level"), ==, "warning");
  fake_reply (fake, set_level, "{}");

  test_wait_result (&result, 10000);
  g_assert_true (mcp_client_connect_finish (fake->client, result, NULL));
  g_assert_cmpstr (mcp_client_get_protocol_version (fake->client), ==, "2025-03-26");
}

static void
test_bad_version (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_set_mode (fake->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_connect_async (fake->client, NULL, test_store_result, &result);
  initialize = fake_expect (fake, "initialize");
  fake_reply (fake, initialize, "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},"
                                "\"serverInfo\":{\"name\":\"x\",\"version\":\"1\"}}");
  test_wait_result (&result, 10000);
  g_assert_false (mcp_client_connect_finish (fake->client, result, &error));
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION);
}

static void
test_not_connected (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_call_tool_async (fake->client, "add", NULL, NULL, test_store_result, &result);
  answer = finish_call (fake, &result, &error);
  g_assert_null (answer);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED);
  fake_expect_silence (fake, 50);
}

static void
test_modern_call (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;
  JsonObject *meta;

  mcp_client_set_log_level (fake->client, "info");
  connect_modern (fake);

  json_object_set_int_member (arguments, "a", 1);
  mcp_client_call_tool_async (fake->client, "add", arguments, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  params = params_of (call);
  g_assert_cmpstr (json_object_get_string_member (params, "name"), ==, "add");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (params, "arguments"), "a"), ==, 1);
  meta = meta_of (call);
  g_assert_cmpstr (json_object_get_string_member (meta, "io.modelcontextprotocol/protocolVersion"), ==, "2026-07-28");
  g_assert_cmpstr (json_object_get_string_member (meta, "io.modelcontextprotocol/logLevel"), ==, "info");
  g_assert_true (json_object_has_member (meta, "progressToken"));
  g_assert_true (json_object_has_member (meta, "io.modelcontextprotocol/clientCapabilities"));

  fake_reply (fake, call, "{\"content\":[{\"type\":\"text\",\"text\":\"3\"}],\"structuredContent\":{\"sum\":3},"
                          "\"isError\":false,\"resultType\":\"complete\",\"_meta\":{\"x\":1}}");
  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "3");
  g_assert_false (mcp_tool_result_get_is_error (answer));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (mcp_tool_result_get_structured_content (answer)), "sum"),
                   ==, 3);
  g_assert_true (json_object_has_member (mcp_tool_result_get_meta (answer), "x"));
}

static void
test_server_error (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "nope", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply_error (fake, call, MCP_ERROR_INVALID_PARAMS, "Unknown tool: nope");
  answer = finish_call (fake, &result, &error);
  g_assert_null (answer);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpstr (error->message, ==, "Unknown tool: nope");
}

static void
test_malformed_result (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "x", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call, "42");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Garbage on the line is skipped; the connection goes on. */
  g_clear_pointer (&call, json_object_unref);
  mcp_client_call_tool_async (fake->client, "x", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_send (fake, "this is not JSON");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":{}}");
  fake_reply (fake, call, "{\"content\":\"not an array\"}");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
}

static void
test_cancel (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "slow", NULL, cancellable, test_store_result, &result);
  call = fake_expect (fake, "tools/call");

  g_cancellable_cancel (cancellable);
  cancelled = fake_expect (fake, "notifications/cancelled");
  params = params_of (cancelled);
  g_assert_true (json_node_equal (json_object_get_member (params, "requestId"),
                                  json_object_get_member (call, "id")));
  g_assert_nonnull (json_object_get_string_member (params, "reason"));

  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A late answer is ignored. */
  fake_reply (fake, call, "{\"content\":[]}");
  test_wait (50);
}

static void
test_cancel_before (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  g_cancellable_cancel (cancellable);
  mcp_client_call_tool_async (fake->client, "slow", NULL, cancellable, test_store_result, &result);
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fake_expect_silence (fake, 50);
}

static void
test_timeout (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  connect_modern (fake);
  mcp_client_set_timeout (fake->client, 200);
  start = g_get_monotonic_time ();
  mcp_client_call_tool_async (fake->client, "slow", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  cancelled = fake_expect (fake, "notifications/cancelled");
  g_assert_cmpstr (json_object_get_string_member (params_of (cancelled), "reason"), ==, "Request timed out");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
}

static gboolean
answer_input_cb (McpClient       *client,
                 McpInputRequest *request,
                 gpointer         user_data)
{
  guint *count = user_data;

  (*count)++;
  if (g_strcmp0 (mcp_input_request_get_method (request), "elicitation/create") == 0)
    {
      g_autoptr(JsonObject) content = json_object_new ();

      g_assert_cmpstr (mcp_input_request_get_message (request), ==, "Sure?");
      json_object_set_boolean_member (content, "ok", TRUE);
      mcp_input_request_accept (request, content);
      return TRUE;
    }

  if (g_strcmp0 (mcp_input_request_get_method (request), "sampling/createMessage") == 0)
    {
      mcp_input_request_return_sampled_text (request, "A summary", "test-model");
      return TRUE;
    }

  return FALSE;   /* roots: the client's own answer */
}

static void
test_mrtr (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) retry = NULL;
  g_autoptr(JsonObject) retry2 = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) arguments = json_object_new ();
  JsonObject *params;
  JsonObject *responses;
  guint count = 0;

  g_signal_connect (fake->client, "input-request", G_CALLBACK (answer_input_cb), &count);
  mcp_client_add_root (fake->client, "file:///work", "Work");
  connect_modern (fake);

  json_object_set_string_member (arguments, "what", "all");
  mcp_client_call_tool_async (fake->client, "clear", arguments, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call,
              "{\"resultType\":\"input_required\",\"requestState\":\"state-1\",\"inputRequests\":{"
              "\"confirm\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"Sure?\","
              "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}},"
              "\"roots\":{\"method\":\"roots/list\",\"params\":{}}}}");

  retry = fake_expect (fake, "tools/call");
  g_assert_false (json_node_equal (json_object_get_member (retry, "id"), json_object_get_member (call, "id")));
  params = params_of (retry);
  g_assert_cmpstr (json_object_get_string_member (params, "name"), ==, "clear");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "arguments"), "what"), ==, "all");
  g_assert_cmpstr (json_object_get_string_member (params, "requestState"), ==, "state-1");
  responses = json_object_get_object_member (params, "inputResponses");
  assert_node_json (json_object_get_member (responses, "confirm"),
                          "{\"action\":\"accept\",\"content\":{\"ok\":true}}");
  assert_node_json (json_object_get_member (responses, "roots"),
                          "{\"roots\":[{\"uri\":\"file:///work\",\"name\":\"Work\"}]}");
  g_assert_cmpuint (count, ==, 2);
  /* The same progress token for every round. */
  g_assert_true (json_node_equal (json_object_get_member (meta_of (retry), "progressToken"),
                                  json_object_get_member (meta_of (call), "progressToken")));

  /* A second round: only its own answers, the new state. */
  fake_reply (fake, retry,
              "{\"resultType\":\"input_required\",\"requestState\":\"state-2\",\"inputRequests\":{"
              "\"model\":{\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[],\"maxTokens\":5}}}}");
  retry2 = fake_expect (fake, "tools/call");
  params = params_of (retry2);
  g_assert_cmpstr (json_object_get_string_member (params, "requestState"), ==, "state-2");
  responses = json_object_get_object_member (params, "inputResponses");
  g_assert_cmpuint (json_object_get_size (responses), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (responses, "model"),
                                                                                  "content"), "text"),
                   ==, "A summary");

  fake_reply (fake, retry2, "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\"Cleared\"}]}");
  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "Cleared");
}

static void
test_mrtr_unanswered (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) retry = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);

  /* Nobody answers sampling: the call fails, nothing is retried. */
  mcp_client_call_tool_async (fake->client, "summarize", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call,
              "{\"resultType\":\"input_required\",\"inputRequests\":{"
              "\"s\":{\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[],\"maxTokens\":5}}}}");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_INPUT_UNAVAILABLE);
  g_clear_error (&error);
  g_clear_object (&result);
  fake_expect_silence (fake, 50);

  /* An elicitation nobody answers is declined. */
  g_clear_pointer (&call, json_object_unref);
  mcp_client_call_tool_async (fake->client, "clear", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call,
              "{\"resultType\":\"input_required\",\"inputRequests\":{"
              "\"c\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"?\"}}}}");
  retry = fake_expect (fake, "tools/call");
  g_assert_false (json_object_has_member (params_of (retry), "requestState"));
  assert_node_json (json_object_get_member (params_of (retry), "inputResponses"),
                          "{\"c\":{\"action\":\"decline\"}}");
  fake_reply (fake, retry, "{\"content\":[]}");
  g_clear_object (&answer);
  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);
}

static void
test_mrtr_loop (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint rounds = 0;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "loop", NULL, NULL, test_store_result, &result);

  /* A server that never stops asking is cut off. */
  while (result == NULL)
    {
      g_autoptr(JsonObject) call = NULL;

      if (!fake_try_recv (fake, 500, &call))
        break;
      rounds++;
      fake_reply (fake, call, "{\"resultType\":\"input_required\",\"requestState\":\"again\"}");
    }

  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
  g_assert_cmpuint (rounds, ==, 1 + 16);   /* the call, then 16 rounds of input */
}

static gboolean
hold_input_cb (McpClient       *client,
               McpInputRequest *request,
               gpointer         user_data)
{
  McpInputRequest **store = user_data;

  *store = g_object_ref (request);
  return TRUE;
}

static void
test_legacy_server_requests (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpInputRequest) held = NULL;
  guint count = 0;
  gulong handler;

  handler = g_signal_connect (fake->client, "input-request", G_CALLBACK (answer_input_cb), &count);
  mcp_client_add_root (fake->client, "file:///a", NULL);
  connect_legacy (fake);

  mcp_client_call_tool_async (fake->client, "clear", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  g_assert_false (json_object_has_member (params_of (call), "_meta") &&
                  json_object_has_member (meta_of (call), "io.modelcontextprotocol/protocolVersion"));

  /* The server asks while it serves the call. */
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":\"e1\",\"method\":\"elicitation/create\","
                   "\"params\":{\"message\":\"Sure?\",\"requestedSchema\":{\"type\":\"object\"}}}");
  response = fake_expect (fake, "(response)");
  assert_object_json (response,
                          "{\"jsonrpc\":\"2.0\",\"id\":\"e1\",\"result\":{\"action\":\"accept\",\"content\":{\"ok\":true}}}");
  g_clear_pointer (&response, json_object_unref);

  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"roots/list\"}");
  response = fake_expect (fake, "(response)");
  assert_object_json (response,
                          "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"roots\":[{\"uri\":\"file:///a\"}]}}");
  g_clear_pointer (&response, json_object_unref);

  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
  response = fake_expect (fake, "(response)");
  assert_object_json (response,
                          "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}");
  g_clear_pointer (&response, json_object_unref);

  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"frobnicate\",\"params\":{}}");
  response = fake_expect (fake, "(response)");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (response, "error"), "code"),
                   ==, MCP_ERROR_METHOD_NOT_FOUND);
  g_clear_pointer (&response, json_object_unref);

  /* A request the server gives up on: no answer goes out. */
  g_signal_handler_disconnect (fake->client, handler);
  g_signal_connect (fake->client, "input-request", G_CALLBACK (hold_input_cb), &held);
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"elicitation/create\",\"params\":{\"message\":\"?\"}}");
  while (held == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mcp_input_request_get_key (held));
  g_assert_cmpint (mcp_input_request_get_era (held), ==, MCP_ERA_LEGACY);
  g_assert_false (g_cancellable_is_cancelled (mcp_input_request_get_cancellable (held)));
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":10}}");
  while (!g_cancellable_is_cancelled (mcp_input_request_get_cancellable (held)))
    g_main_context_iteration (NULL, TRUE);
  mcp_input_request_decline (held);
  fake_expect_silence (fake, 100);

  fake_reply (fake, call, "{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}");
  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "done");
}

static void
collect_status_cb (McpClient  *client,
                   const char *task_id,
                   const char *status,
                   JsonObject *task,
                   gpointer    user_data)
{
  GString *statuses = user_data;

  g_string_append_printf (statuses, "%s%s:%s", statuses->len > 0 ? " " : "", task_id, status);
}

static void
test_task (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);
  guint count = 0;
  guint polls = 0;
  gboolean updated = FALSE;

  g_signal_connect (fake->client, "input-request", G_CALLBACK (answer_input_cb), &count);
  g_signal_connect (fake->client, "task-status", G_CALLBACK (collect_status_cb), statuses);
  connect_modern (fake);

  mcp_client_call_tool_async (fake->client, "archive", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call, "{\"resultType\":\"task\",\"taskId\":\"t1\",\"status\":\"working\","
                          "\"pollIntervalMs\":10,\"ttlMs\":60000}");

  while (result == NULL)
    {
      g_autoptr(JsonObject) message = fake_recv (fake);
      const char *method = json_object_get_string_member (message, "method");

      g_assert_cmpstr (json_object_get_string_member (params_of (message), "taskId"), ==, "t1");
      if (g_strcmp0 (method, "tasks/get") == 0)
        {
          polls++;
          if (polls == 1)
            fake_reply (fake, message, "{\"taskId\":\"t1\",\"status\":\"working\",\"pollIntervalMs\":10}");
          else if (!updated)
            fake_reply (fake, message, "{\"taskId\":\"t1\",\"status\":\"input_required\",\"pollIntervalMs\":10,"
                                       "\"inputRequests\":{\"q\":{\"method\":\"elicitation/create\","
                                       "\"params\":{\"message\":\"Sure?\"}}}}");
          else
            fake_reply (fake, message, "{\"taskId\":\"t1\",\"status\":\"completed\",\"result\":"
                                       "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\"Archived\"}]}}");
        }
      else if (g_strcmp0 (method, "tasks/update") == 0)
        {
          assert_node_json (json_object_get_member (params_of (message), "inputResponses"),
                                  "{\"q\":{\"action\":\"accept\",\"content\":{\"ok\":true}}}");
          g_assert_false (updated);
          updated = TRUE;
          fake_reply (fake, message, "{}");
        }
      else
        g_error ("Unexpected %s", method);
    }

  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "Archived");
  g_assert_true (updated);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (statuses->str, ==, "t1:working t1:input_required t1:completed");
}

static void
test_task_failed (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) get = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "archive", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call, "{\"resultType\":\"task\",\"taskId\":\"t2\",\"status\":\"working\",\"pollIntervalMs\":10}");
  get = fake_expect (fake, "tasks/get");
  fake_reply (fake, get, "{\"taskId\":\"t2\",\"status\":\"failed\",\"error\":{\"code\":-32603,\"message\":\"Disk full\"}}");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR);
  g_assert_cmpstr (error->message, ==, "Disk full");
}

static void
test_task_cancel (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) cancel = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "archive", NULL, cancellable, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call, "{\"resultType\":\"task\",\"taskId\":\"t3\",\"status\":\"working\",\"pollIntervalMs\":5000}");
  test_wait (50);

  g_cancellable_cancel (cancellable);
  cancel = fake_expect (fake, "tasks/cancel");
  g_assert_cmpstr (json_object_get_string_member (params_of (cancel), "taskId"), ==, "t3");
  fake_reply (fake, cancel, "{}");
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fake_expect_silence (fake, 100);
}

static void
test_task_cancel_during_poll (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) get = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancel_sent = FALSE;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "archive", NULL, cancellable, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  fake_reply (fake, call, "{\"resultType\":\"task\",\"taskId\":\"t4\",\"status\":\"working\",\"pollIntervalMs\":10}");

  /* Cancelled while a tasks/get is unanswered: the task is still told. */
  get = fake_expect (fake, "tasks/get");
  g_cancellable_cancel (cancellable);
  while (!cancel_sent)
    {
      g_autoptr(JsonObject) message = fake_recv (fake);
      const char *method = json_object_get_string_member_with_default (message, "method", "");

      if (strcmp (method, "tasks/cancel") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (params_of (message), "taskId"), ==, "t4");
          fake_reply (fake, message, "{}");
          cancel_sent = TRUE;
        }
      else
        g_assert_cmpstr (method, ==, "notifications/cancelled");
    }

  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GString *log;
} Events;

static void
progress_cb (McpClient  *client,
             const char *method,
             const char *target,
             double      progress,
             double      total,
             const char *message,
             gpointer    user_data)
{
  Events *events = user_data;

  g_string_append_printf (events->log, "progress %s %s %g/%g %s\n", method, target, progress, total,
                          message != NULL ? message : "-");
}

static void
log_message_cb (McpClient   *client,
                McpLogLevel  level,
                const char  *logger,
                JsonNode    *data,
                gpointer     user_data)
{
  Events *events = user_data;
  g_autofree char *text = json_to_string (data, FALSE);

  g_string_append_printf (events->log, "log %s %s %s\n", mcp_log_level_to_string (level),
                          logger != NULL ? logger : "-", text);
}

static void
list_changed_cb (McpClient  *client,
                 const char *list,
                 gpointer    user_data)
{
  Events *events = user_data;

  g_string_append_printf (events->log, "changed %s\n", list);
}

static void
tools_changed_cb (McpClient  *client,
                  const char *list,
                  gpointer    user_data)
{
  Events *events = user_data;

  g_string_append_printf (events->log, "tools changed\n");
}

static void
updated_cb (McpClient  *client,
            const char *uri,
            gpointer    user_data)
{
  Events *events = user_data;

  g_string_append_printf (events->log, "updated %s\n", uri);
}

static void
test_notifications (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  Events events = { log };
  g_autofree char *token = NULL;
  g_autofree char *line = NULL;

  g_signal_connect (fake->client, "progress", G_CALLBACK (progress_cb), &events);
  g_signal_connect (fake->client, "log-message", G_CALLBACK (log_message_cb), &events);
  g_signal_connect (fake->client, "list-changed", G_CALLBACK (list_changed_cb), &events);
  g_signal_connect (fake->client, "list-changed::tools", G_CALLBACK (tools_changed_cb), &events);
  g_signal_connect (fake->client, "resource-updated", G_CALLBACK (updated_cb), &events);
  connect_modern (fake);

  mcp_client_call_tool_async (fake->client, "work", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  token = json_to_string (json_object_get_member (meta_of (call), "progressToken"), FALSE);

  line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                          "{\"progressToken\":%s,\"progress\":1,\"total\":4,\"message\":\"one\"}}", token);
  fake_send (fake, line);
  g_free (line);
  line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                          "{\"progressToken\":%s,\"progress\":2.5}}", token);
  fake_send (fake, line);
  /* Progress for a token the client never gave is ignored. */
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                   "{\"progressToken\":\"nobody\",\"progress\":1}}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":"
                   "{\"level\":\"warning\",\"logger\":\"db\",\"data\":\"Slow\"}}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":"
                   "{\"level\":\"error\",\"data\":{\"code\":5}}}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\",\"params\":{}}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"a://b\"}}");
  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever/list_changed\"}");
  fake_reply (fake, call, "{\"content\":[]}");
  answer = finish_call (fake, &result, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (log->str, ==,
                   "progress tools/call work 1/4 one\n"
                   "progress tools/call work 2.5/-1 -\n"
                   "log warning db \"Slow\"\n"
                   "log error - {\"code\":5}\n"
                   "changed tools\n"
                   "tools changed\n"
                   "changed prompts\n"
                   "updated a://b\n");
}

static void
test_pagination (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) page1 = NULL;
  g_autoptr(JsonObject) page2 = NULL;
  g_autoptr(JsonObject) page3 = NULL;
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;

  connect_modern (fake);
  mcp_client_list_tools_async (fake->client, NULL, test_store_result, &result);
  page1 = fake_expect (fake, "tools/list");
  g_assert_false (json_object_has_member (params_of (page1), "cursor"));
  fake_reply (fake, page1, "{\"tools\":[{\"name\":\"a\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"c2\"}");
  page2 = fake_expect (fake, "tools/list");
  g_assert_cmpstr (json_object_get_string_member (params_of (page2), "cursor"), ==, "c2");
  fake_reply (fake, page2, "{\"tools\":[{\"name\":\"b\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"c3\"}");
  page3 = fake_expect (fake, "tools/list");
  fake_reply (fake, page3, "{\"tools\":[{\"name\":\"c\",\"inputSchema\":{\"type\":\"object\"}}]}");
  test_wait_result (&result, 10000);
  tools = mcp_client_list_tools_finish (fake->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (tools), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 2), "name"), ==, "c");

  /* One page at a time. */
  g_clear_object (&result);
  g_clear_pointer (&tools, json_array_unref);
  g_clear_pointer (&page1, json_object_unref);
  mcp_client_list_page_async (fake->client, "prompts/list", "p2", NULL, test_store_result, &result);
  page1 = fake_expect (fake, "prompts/list");
  g_assert_cmpstr (json_object_get_string_member (params_of (page1), "cursor"), ==, "p2");
  fake_reply (fake, page1, "{\"prompts\":[{\"name\":\"x\"}],\"nextCursor\":\"p3\"}");
  test_wait_result (&result, 10000);
  tools = mcp_client_list_page_finish (fake->client, result, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (tools), ==, 1);
  g_assert_cmpstr (cursor, ==, "p3");

  /* A server whose pages never end. */
  g_clear_object (&result);
  g_clear_pointer (&tools, json_array_unref);
  mcp_client_list_resources_async (fake->client, NULL, test_store_result, &result);
  while (result == NULL)
    {
      g_autoptr(JsonObject) page = NULL;

      if (!fake_try_recv (fake, 500, &page))
        break;
      fake_reply (fake, page, "{\"resources\":[],\"nextCursor\":\"same\"}");
    }
  test_wait_result (&result, 10000);
  tools = mcp_client_list_resources_finish (fake->client, result, &error);
  g_assert_null (tools);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_PROTOCOL);
}

static void
closed_cb (McpClient    *client,
           const GError *error,
           gpointer      user_data)
{
  GError **store = user_data;

  g_assert_nonnull (error);
  *store = g_error_copy (error);
}

static void
test_server_gone (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) closed = NULL;

  g_signal_connect (fake->client, "closed", G_CALLBACK (closed_cb), &closed);
  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "x", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");

  g_output_stream_close (fake->to_client, NULL, NULL);
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_error (closed, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_false (mcp_client_is_connected (fake->client));

  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&answer);
  mcp_client_call_tool_async (fake->client, "x", NULL, NULL, test_store_result, &result);
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED);
}

static void
test_close (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  connect_modern (fake);
  mcp_client_call_tool_async (fake->client, "x", NULL, NULL, test_store_result, &result);
  call = fake_expect (fake, "tools/call");
  mcp_client_close_async (fake->client, NULL, test_store_result, &closed);
  answer = finish_call (fake, &result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  test_wait_result (&closed, 10000);
  g_assert_true (mcp_client_close_finish (fake->client, closed, NULL));

  /* The server sees the end of its input. */
  while (!fake->eof)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_prompt_resource_complete (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_autoptr(JsonObject) json = NULL;

  connect_modern (fake);

  json_object_set_string_member (arguments, "id", "1");
  mcp_client_get_prompt_async (fake->client, "review", arguments, NULL, test_store_result, &result);
  request = fake_expect (fake, "prompts/get");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params_of (request), "arguments"), "id"),
                   ==, "1");
  fake_reply (fake, request, "{\"description\":\"Review\",\"messages\":[{\"role\":\"user\",\"content\":"
                             "{\"type\":\"text\",\"text\":\"Hi\"}},{\"role\":\"assistant\",\"content\":"
                             "{\"type\":\"text\",\"text\":\"Yo\"}}]}");
  test_wait_result (&result, 10000);
  prompt = mcp_client_get_prompt_finish (fake->client, result, &error);
  g_assert_no_error (error);
  json = mcp_prompt_result_to_json (prompt);
  g_assert_cmpstr (json_object_get_string_member (json, "description"), ==, "Review");
  g_assert_cmpuint (json_array_get_length (mcp_prompt_result_get_messages (prompt)), ==, 2);

  g_clear_object (&result);
  g_clear_pointer (&request, json_object_unref);
  mcp_client_read_resource_async (fake->client, "a://b", NULL, test_store_result, &result);
  request = fake_expect (fake, "resources/read");
  g_assert_cmpstr (json_object_get_string_member (params_of (request), "uri"), ==, "a://b");
  fake_reply (fake, request, "{\"contents\":[{\"uri\":\"a://b\",\"text\":\"hello\"}]}");
  test_wait_result (&result, 10000);
  contents = mcp_client_read_resource_finish (fake->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_resource_contents_get_items (contents), 0),
                                                  "text"), ==, "hello");

  g_clear_object (&result);
  g_clear_pointer (&request, json_object_unref);
  mcp_client_complete_async (fake->client, "ref/resource", "notes://note/{id}", "id", "1", NULL, NULL,
                             test_store_result, &result);
  request = fake_expect (fake, "completion/complete");
  assert_node_json (json_object_get_member (params_of (request), "ref"),
                          "{\"type\":\"ref/resource\",\"uri\":\"notes://note/{id}\"}");
  assert_node_json (json_object_get_member (params_of (request), "argument"),
                          "{\"name\":\"id\",\"value\":\"1\"}");
  fake_reply (fake, request, "{\"completion\":{\"values\":[\"1\",\"10\"],\"hasMore\":false}}");
  test_wait_result (&result, 10000);
  values = mcp_client_complete_finish (fake->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_cmpstr (values[1], ==, "10");
}

static void
test_listen (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) listen = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) listen2 = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  Events events = { log };
  JsonObject *filter;

  g_signal_connect (fake->client, "resource-updated", G_CALLBACK (updated_cb), &events);
  connect_modern (fake);

  mcp_client_listen (fake->client);
  listen = fake_expect (fake, "subscriptions/listen");
  filter = json_object_get_object_member (params_of (listen), "notifications");
  g_assert_true (json_object_get_boolean_member (filter, "toolsListChanged"));
  g_assert_false (json_object_has_member (filter, "resourceSubscriptions"));

  mcp_client_subscribe_resource_async (fake->client, "notes://index", NULL, test_store_result, &result);
  cancelled = fake_expect (fake, "notifications/cancelled");
  g_assert_true (json_node_equal (json_object_get_member (params_of (cancelled), "requestId"),
                                  json_object_get_member (listen, "id")));
  listen2 = fake_expect (fake, "subscriptions/listen");
  filter = json_object_get_object_member (params_of (listen2), "notifications");
  assert_node_json (json_object_get_member (filter, "resourceSubscriptions"),
                          "[\"notes://index\"]");
  test_wait_result (&result, 10000);
  g_assert_true (mcp_client_subscribe_resource_finish (fake->client, result, NULL));

  fake_send (fake, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":"
                   "{\"uri\":\"notes://index\",\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":2}}}");
  while (log->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (log->str, ==, "updated notes://index\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/ClientWire/discover", test_discover);
  g_test_add_func ("/Mcp/ClientWire/fallback/method-not-found", test_fallback_method_not_found);
  g_test_add_func ("/Mcp/ClientWire/fallback/unsupported-version", test_fallback_unsupported_version);
  g_test_add_func ("/Mcp/ClientWire/fallback/legacy-versions-only", test_fallback_legacy_versions_only);
  g_test_add_func ("/Mcp/ClientWire/modern-only", test_modern_only);
  g_test_add_func ("/Mcp/ClientWire/legacy-mode", test_legacy_mode);
  g_test_add_func ("/Mcp/ClientWire/bad-version", test_bad_version);
  g_test_add_func ("/Mcp/ClientWire/not-connected", test_not_connected);
  g_test_add_func ("/Mcp/ClientWire/modern-call", test_modern_call);
  g_test_add_func ("/Mcp/ClientWire/server-error", test_server_error);
  g_test_add_func ("/Mcp/ClientWire/malformed-result", test_malformed_result);
  g_test_add_func ("/Mcp/ClientWire/cancel", test_cancel);
  g_test_add_func ("/Mcp/ClientWire/cancel-before", test_cancel_before);
  g_test_add_func ("/Mcp/ClientWire/timeout", test_timeout);
  g_test_add_func ("/Mcp/ClientWire/mrtr", test_mrtr);
  g_test_add_func ("/Mcp/ClientWire/mrtr-unanswered", test_mrtr_unanswered);
  g_test_add_func ("/Mcp/ClientWire/mrtr-loop", test_mrtr_loop);
  g_test_add_func ("/Mcp/ClientWire/legacy-server-requests", test_legacy_server_requests);
  g_test_add_func ("/Mcp/ClientWire/task", test_task);
  g_test_add_func ("/Mcp/ClientWire/task-failed", test_task_failed);
  g_test_add_func ("/Mcp/ClientWire/task-cancel", test_task_cancel);
  g_test_add_func ("/Mcp/ClientWire/task-cancel-during-poll", test_task_cancel_during_poll);
  g_test_add_func ("/Mcp/ClientWire/notifications", test_notifications);
  g_test_add_func ("/Mcp/ClientWire/pagination", test_pagination);
  g_test_add_func ("/Mcp/ClientWire/server-gone", test_server_gone);
  g_test_add_func ("/Mcp/ClientWire/close", test_close);
  g_test_add_func ("/Mcp/ClientWire/prompt-resource-complete", test_prompt_resource_complete);
  g_test_add_func ("/Mcp/ClientWire/listen", test_listen);

  return g_test_run ();
}
