/* test-protocol.c — the dual-era protocol core, wire bytes in, wire bytes out
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-util.h"

#define SERVER_INFO "{\"name\":\"test-server\",\"version\":\"1.2.3\"}"

typedef struct
{
  McpServer *server;
  TestPeer  *peer;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->server = test_server_new ();
  fixture->peer = test_peer_new (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->peer, test_peer_free);
  g_assert_finalize_object (fixture->server);
}

/* JSON-RPC envelope errors: every one answered, the connection going on. */
static void
test_envelope_errors (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "{", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: unterminated JSON text\"}}" },
    { "[]", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: JSON-RPC batches are not supported\"}}" },
    { "42", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: a JSON-RPC message must be an object\"}}" },
    { "{\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “jsonrpc” must be “2.0”\"}}" },
    { "{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: “jsonrpc” must be “2.0”\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":2}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,\"message\":\"Invalid request: no “method”\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":7}", "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “method” must be a string\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “id” must be a string or an integer\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “id” must be a string or an integer\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “id” must be a string or an integer\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid request: “id” must be a string or an integer\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":[1]}", "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “params” must be an object\"}}" },
    { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"_meta\":3}}", "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “_meta” must be an object\"}}" },
    { "{\"a\":1} {\"b\":2}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: unexpected character at byte 8\"}}" },
    { "/* c */ {}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: unexpected character at byte 0\"}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      test_peer_send (fixture->peer, cases[i].in);
      test_peer_expect (fixture->peer, cases[i].out);
    }

  /* still serving */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}");
}

/* Notifications and responses to unknown requests are never answered. */
static void
test_notifications_silent (Fixture       *fixture,
                           gconstpointer  user_data)
{
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/unknown\"}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":12345}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":[]}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":{}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":78,\"error\":{\"code\":1,\"message\":\"x\"}}");
  test_peer_send (fixture->peer, "");
  test_peer_send (fixture->peer, "   ");
  test_peer_expect_silence (fixture->peer, 100);
}

static void
test_legacy_initialize_versions (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  static const struct {
    const char *requested;
    const char *answered;
  } cases[] = {
    { "2025-11-25", "2025-11-25" },
    { "2025-06-18", "2025-06-18" },
    { "2025-03-26", "2025-03-26" },
    { "2024-11-05", "2024-11-05" },
    { "2024-10-07", "2025-11-25" },
    { "2026-07-28", "2025-11-25" },
    { "garbage", "2025-11-25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestPeer) peer = test_peer_new (fixture->server);
      g_autofree char *request = NULL;
      g_autoptr(JsonObject) response = NULL;
      JsonObject *result;

      request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                 "{\"protocolVersion\":\"%s\",\"capabilities\":{},"
                                 "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
                                 cases[i].requested);
      test_peer_send (peer, request);
      response = test_peer_recv_object (peer);
      result = json_object_get_object_member (response, "result");
      g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==,
                       cases[i].answered);
      g_assert_false (json_object_has_member (result, "resultType"));
    }
}

static void
test_legacy_initialize_exact (Fixture       *fixture,
                              gconstpointer  user_data)
{
  mcp_server_set_title (fixture->server, "Test Server");
  mcp_server_set_instructions (fixture->server, "Use the tools.");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
                  "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":{}},"
                  "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"result\":{\"protocolVersion\":\"2025-06-18\","
                    "\"capabilities\":{\"tools\":{\"listChanged\":true},\"logging\":{}},"
                    "\"serverInfo\":{\"name\":\"test-server\",\"version\":\"1.2.3\",\"title\":\"Test Server\"},"
                    "\"instructions\":\"Use the tools.\"}}");

  /* 2024-11-05 has no title */
  {
    g_autoptr(TestPeer) old = test_peer_new (fixture->server);

    test_peer_send (old,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                    "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
    test_peer_expect (old,
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2024-11-05\","
                      "\"capabilities\":{\"tools\":{\"listChanged\":true},\"logging\":{}},"
                      "\"serverInfo\":{\"name\":\"test-server\",\"version\":\"1.2.3\"},"
                      "\"instructions\":\"Use the tools.\"}}");
  }
}

static void
test_legacy_handshake_rules (Fixture       *fixture,
                             gconstpointer  user_data)
{
  /* ping works before initialize */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

  /* anything else does not */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "the request carries no “io.modelcontextprotocol/protocolVersion” in _meta, and no "
                    "session was initialized (send “initialize” first to use a protocol version before "
                    "2026-07-28)\"}}");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“protocolVersion” must be a string\"}}");

  test_peer_initialize (fixture->peer, "2025-11-25");

  /* a second initialize is refused */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":"
                  "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                  "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32600,\"message\":\"Invalid request: "
                    "the session is already initialized\"}}");

  /* unknown legacy methods and modern-only ones */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,\"message\":\"Method not found: no/such\"}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"server/discover\"}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32601,\"message\":\"Method not found: server/discover\"}}");

  /* logging/setLevel */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “level” must be a log level\"}}");

  /* results carry no modern fields */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}]}}");
}

static void
test_modern_meta_rules (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* unsupported version */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                  "\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\","
                  "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
                    "\"data\":{\"supported\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],"
                    "\"requested\":\"1900-01-01\"}}}");

  /* missing capabilities */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                  "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "missing “io.modelcontextprotocol/clientCapabilities” in _meta\"}}");

  /* version of the wrong type */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                  "\"io.modelcontextprotocol/protocolVersion\":20260728,"
                  "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“io.modelcontextprotocol/protocolVersion” must be a string\"}}");

  /* bad log level */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                  "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                  "\"io.modelcontextprotocol/clientCapabilities\":{},"
                  "\"io.modelcontextprotocol/logLevel\":\"chatty\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“io.modelcontextprotocol/logLevel” is not a log level\"}}");

  /* client info of the wrong type */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                  "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                  "\"io.modelcontextprotocol/clientCapabilities\":{},"
                  "\"io.modelcontextprotocol/clientInfo\":\"me\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“io.modelcontextprotocol/clientInfo” must be an object\"}}");

  /* methods the modern era removed are unknown there */
  {
    const char *removed[] = { "initialize", "ping", "logging/setLevel",
                              "resources/subscribe", "resources/unsubscribe", "no/such" };

    for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
      {
        g_autofree char *request = NULL;
        g_autofree char *expected = NULL;

        request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"%s\",\"params\":{"
                                   TEST_MODERN_META "}}", 10 + i, removed[i]);
        expected = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"error\":{\"code\":-32601,"
                                    "\"message\":\"Method not found: %s\"}}", 10 + i, removed[i]);
        test_peer_send (fixture->peer, request);
        test_peer_expect (fixture->peer, expected);
      }
  }
}

static void
test_modern_discover (Fixture       *fixture,
                      gconstpointer  user_data)
{
  mcp_server_set_instructions (fixture->server, "Be nice.");
  mcp_server_set_list_ttl (fixture->server, 1234);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"result\":{\"supportedVersions\":[\"2026-07-28\",\"2025-11-25\","
                    "\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],\"capabilities\":{\"tools\":{\"listChanged\":true},"
                    "\"logging\":{}},\"instructions\":\"Be nice.\",\"ttlMs\":1234,\"cacheScope\":\"public\","
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

static void
test_modern_tools (Fixture       *fixture,
                   gconstpointer  user_data)
{
  mcp_server_set_list_ttl (fixture->server, 5000);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                  "\"arguments\":{\"text\":\"héllo\"}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"héllo\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* tools/list: deterministic (sorted) order and cache hints */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" TEST_MODERN_META "}}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonObject *result = json_object_get_object_member (response, "result");
    JsonArray *tools = json_object_get_array_member (result, "tools");
    const char *names[] = { "add", "echo", "fail", "sleep" };

    g_assert_cmpuint (json_array_get_length (tools), ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, i), "name"),
                       ==, names[i]);
    g_assert_cmpint (json_object_get_int_member (result, "ttlMs"), ==, 5000);
    g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "public");
    g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
    g_assert_false (json_object_has_member (result, "nextCursor"));
  }
}

static void
test_ids_echoed (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char *ids[] = { "0", "-7", "9007199254740993", "\"\"", "\"abc\"", "\"1\"", "\"ü-ñ\"" };

  test_peer_initialize (fixture->peer, "2025-11-25");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"ping\"}", ids[i]);
      g_autofree char *expected = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{}}", ids[i]);

      test_peer_send (fixture->peer, request);
      test_peer_expect (fixture->peer, expected);
    }
}

static void
test_tools_call_errors (Fixture       *fixture,
                        gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Unknown tool: nope\"}}");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “name” must be the name of a tool\"}}");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":[1,2]}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “arguments” must be an object\"}}");

  /* invalid arguments are tool execution errors naming the argument */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1}}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Missing required argument “b”\"}],\"isError\":true}}");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":\"2\"}}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Invalid argument “b”: expected an integer, got a string\"}],\"isError\":true}}");

  /* a tool failing with a GError */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"fail\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Access denied to the vault\"}],\"isError\":true}}");
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *cursor = NULL;
  g_autofree char *request = NULL;

  mcp_server_set_page_size (fixture->server, 3);
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonObject *result = json_object_get_object_member (response, "result");
    JsonArray *tools = json_object_get_array_member (result, "tools");

    g_assert_cmpuint (json_array_get_length (tools), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 2), "name"), ==, "fail");
    cursor = g_strdup (json_object_get_string_member (result, "nextCursor"));
    g_assert_nonnull (cursor);
  }

  /* a tool added between the pages does not disturb the next page */
  {
    g_autoptr(McpTool) tool = mcp_tool_new ("aaa", "first in the order");
    mcp_server_add_tool (fixture->server, tool);
  }
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"%s\"}}", cursor);
  test_peer_send (fixture->peer, request);
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonObject *result = json_object_get_object_member (response, "result");
    JsonArray *tools = json_object_get_array_member (result, "tools");

    g_assert_cmpuint (json_array_get_length (tools), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 0), "name"), ==, "sleep");
    g_assert_false (json_object_has_member (result, "nextCursor"));
  }

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"cursor\":\"!!!\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: invalid cursor\"}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"cursor\":5}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: invalid cursor\"}}");
}

/* A modern and a legacy client on one connection, interleaved. */
static void
test_eras_interleaved (Fixture       *fixture,
                       gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-03-26");

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *modern = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"m%u\",\"method\":\"tools/call\",\"params\":"
                                                 "{\"name\":\"add\",\"arguments\":{\"a\":%u,\"b\":1}," TEST_MODERN_META "}}", i, i);
      g_autofree char *modern_out = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"m%u\",\"result\":{\"content\":[{\"type\":\"text\","
                                                     "\"text\":\"%u\"}],\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}", i, i + 1);
      g_autofree char *legacy = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":"
                                                 "{\"name\":\"add\",\"arguments\":{\"a\":%u,\"b\":2}}}", i, i);
      g_autofree char *legacy_out = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"result\":{\"content\":[{\"type\":\"text\","
                                                     "\"text\":\"%u\"}]}}", i, i + 2);

      test_peer_send (fixture->peer, modern);
      test_peer_expect (fixture->peer, modern_out);
      test_peer_send (fixture->peer, legacy);
      test_peer_expect (fixture->peer, legacy_out);
    }

  /* modern requests never see the legacy session: ping stays unknown */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32601,\"message\":\"Method not found: ping\"}}");
}

/* Tools appear and disappear at runtime; legacy sessions are told. */
static void
test_list_changed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("late", "added later");

  /* before the handshake completes, nothing is sent */
  mcp_server_add_tool (fixture->server, tool);
  test_peer_expect_silence (fixture->peer, 50);

  test_peer_initialize (fixture->peer, "2025-11-25");
  g_assert_true (mcp_server_remove_tool (fixture->server, "late"));
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
  g_assert_false (mcp_server_remove_tool (fixture->server, "late"));
  test_peer_expect_silence (fixture->peer, 50);
}

static void
test_oversized_message (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GString) big = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"");

  mcp_server_set_max_message_size (fixture->server, 1000);

  while (big->len < 5000)
    g_string_append (big, "xxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (big, "\"}}");

  test_peer_send (fixture->peer, big->str);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Message larger than "
                    "the limit of 1000 bytes\"}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
}

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GString) deep = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}}");

  test_peer_send (fixture->peer, deep->str);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: JSON nesting "
                    "deeper than 128 levels\"}}");

  test_peer_send_bytes (fixture->peer, "{\"a\":\"\xff\"}\n", sizeof "{\"a\":\"\xff\"}\n" - 1);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: the message is "
                    "not valid UTF-8\"}}");

  test_peer_send_bytes (fixture->peer, "{\"a\":\"x\0y\"}\n", sizeof "{\"a\":\"x\0y\"}\n" - 1);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: unescaped "
                    "control character in a string at byte 7\"}}");

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
}

/* mcp_server_run() reads exactly argc arguments: bindings pass arrays with
 * a length and no NULL at the end. Here the array goes on past argc with an
 * option that would fail the parse. */
static void
test_run_argc (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McpServer) server = test_server_new ();
      char *run_argv[] = { (char *) "test-protocol", (char *) "--info",
                           (char *) "--no-such-option", NULL };

      exit (mcp_server_run (server, 2, run_argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*\"name\" : \"test-server\"*");
  g_test_trap_assert_stderr_unmatched ("*no-such-option*");
}

/* --task-lease: 0 or at least 1000 ms; anything else is a bad command
 * line, said so, rather than a lease renewed every millisecond or an
 * option silently ignored. */
static void
run_task_lease (const char *lease)
{
  g_autoptr(McpServer) server = test_server_new ();
  char *run_argv[] = { (char *) "test-protocol", (char *) "--task-lease", (char *) lease, NULL };

  exit (mcp_server_run (server, 3, run_argv));
}

static void
test_run_task_lease (void)
{
  if (g_test_subprocess ())
    {
      run_task_lease (g_getenv ("TEST_TASK_LEASE"));
      return;
    }

  g_setenv ("TEST_TASK_LEASE", "-5", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--task-lease is 0 (no lease) or at least 1000 ms, not -5*");

  g_setenv ("TEST_TASK_LEASE", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--task-lease is 0 (no lease) or at least 1000 ms, not 1*");
  g_unsetenv ("TEST_TASK_LEASE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Server/run/argc", test_run_argc);
  g_test_add_func ("/Mcp/Server/run/task-lease", test_run_task_lease);

#define ADD(path, func) \
  g_test_add ("/Mcp/Protocol/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("envelope-errors", test_envelope_errors);
  ADD ("notifications-silent", test_notifications_silent);
  ADD ("legacy/initialize-versions", test_legacy_initialize_versions);
  ADD ("legacy/initialize-exact", test_legacy_initialize_exact);
  ADD ("legacy/handshake-rules", test_legacy_handshake_rules);
  ADD ("modern/meta-rules", test_modern_meta_rules);
  ADD ("modern/discover", test_modern_discover);
  ADD ("modern/tools", test_modern_tools);
  ADD ("ids-echoed", test_ids_echoed);
  ADD ("tools-call-errors", test_tools_call_errors);
  ADD ("pagination", test_pagination);
  ADD ("eras-interleaved", test_eras_interleaved);
  ADD ("list-changed", test_list_changed);
  ADD ("oversized-message", test_oversized_message);
  ADD ("deep-nesting", test_deep_nesting);

#undef ADD

  return g_test_run ();
}
