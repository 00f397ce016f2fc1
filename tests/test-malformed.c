/* test-malformed.c — what a peer can send wrong, and the exact answer to
 * each; the connection keeps working after every one
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-util.h"

#define M TEST_MODERN_META
#define ERR(id, code, message) \
  "{\"jsonrpc\":\"2.0\",\"id\":" id ",\"error\":{\"code\":" #code ",\"message\":\"" message "\"}}"
#define SILENT NULL

typedef struct
{
  const char *name;
  const char *input;       /* one line, without its newline */
  gsize       length;      /* 0: strlen (input) */
  const char *expected;    /* the exact answer, or SILENT */
  gboolean    legacy;      /* sent on a connection that did initialize */
} Case;

static const Case cases[] = {
  /* not JSON */
  { "garbage", "garbage", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 0") },
  { "truncated object", "{\"jsonrpc\":\"2.0\"", 0, ERR ("null", -32700, "Parse error: unterminated JSON text") },
  { "truncated string", "{\"jsonrpc\":\"2.", 0, ERR ("null", -32700, "Parse error: unterminated JSON text") },
  { "unbalanced close", "}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 0") },
  { "extra close", "{}}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 2") },
  { "two objects", "{} {}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 3") },
  { "trailing garbage", "{\"a\":1} x", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 8") },
  { "comment", "// hi", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 0") },
  { "block comment", "{/* */}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 1") },
  { "single quotes", "{'a':1}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 1") },
  { "assignment", "var x = {}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 0") },
  { "trailing comma", "{\"a\":1,}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 7") },
  { "trailing comma in array", "[1,2,]", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 5") },
  { "leading comma", "[,1]", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 1") },
  { "double comma", "{\"a\":1,,\"b\":2}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 7") },
  { "bare word value", "{\"a\":nope}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 6") },
  { "control character in string", "{\"a\":\"x\ty\"}", 0, ERR ("null", -32700, "Parse error: unescaped control character in a string at byte 7") },
  { "NUL byte", "{\"a\":1}\0", 8, ERR ("null", -32700, "Parse error: unexpected character at byte 7") },
  { "NUL in string", "{\"a\":\"\0\"}", 9, ERR ("null", -32700, "Parse error: unescaped control character in a string at byte 6") },
  { "invalid UTF-8", "{\"a\":\"\xc3\x28\"}", 0, ERR ("null", -32700, "Parse error: the message is not valid UTF-8") },
  { "overlong UTF-8", "{\"a\":\"\xc0\xaf\"}", 0, ERR ("null", -32700, "Parse error: the message is not valid UTF-8") },
  { "lone surrogate byte", "{\"a\":\"\xed\xa0\x80\"}", 0, ERR ("null", -32700, "Parse error: the message is not valid UTF-8") },
  { "deep arrays", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0,
    ERR ("null", -32700, "Parse error: JSON nesting deeper than 128 levels") },
  { "deep objects", NULL, 0, ERR ("null", -32700, "Parse error: JSON nesting deeper than 128 levels") },

  { "leading zero", "{\"a\":01}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 6") },
  { "half a number", "{\"a\":-}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 6") },
  { "bare fraction", "{\"a\":1.}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 7") },
  { "number out of range", "{\"a\":1e999}", 0, ERR ("null", -32700, "Parse error: number out of range at byte 5") },
  { "bad escape", "{\"a\":\"\\x\"}", 0, ERR ("null", -32700, "Parse error: invalid escape in a string at byte 7") },
  { "short unicode escape", "{\"a\":\"\\u12\"}", 0, ERR ("null", -32700, "Parse error: invalid \\\\u escape in a string at byte 6") },
  { "NUL escape", "{\"a\":\"\\u0000\"}", 0, ERR ("null", -32700, "Parse error: unsupported \\\\u0000 escape in a string at byte 6") },
  { "missing colon", "{\"a\" 1}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 5") },
  { "key not a string", "{a:1}", 0, ERR ("null", -32700, "Parse error: unexpected character at byte 1") },
  { "empty line of spaces", "  \t ", 0, SILENT },

  /* strings a JavaScript client may send: surrogate pairs, and lone
   * surrogates (which become U+FFFD) */
  { "surrogate pair", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"\\ud83d\\ude00\"," M "}}", 0,
    ERR ("1", -32602, "Unknown tool: \xf0\x9f\x98\x80") },
  { "lone surrogate", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"\\ud800x\"," M "}}", 0,
    ERR ("1", -32602, "Unknown tool: \xef\xbf\xbdx") },
  { "id beyond 64 bits", "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775808,\"method\":\"ping\"}", 0,
    ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },

  /* not a JSON-RPC message */
  { "number", "42", 0, ERR ("null", -32600, "Invalid request: a JSON-RPC message must be an object") },
  { "string", "\"ping\"", 0, ERR ("null", -32600, "Invalid request: a JSON-RPC message must be an object") },
  { "null", "null", 0, ERR ("null", -32600, "Invalid request: a JSON-RPC message must be an object") },
  { "true", "true", 0, ERR ("null", -32600, "Invalid request: a JSON-RPC message must be an object") },
  { "empty batch", "[]", 0, ERR ("null", -32600, "Invalid request: JSON-RPC batches are not supported") },
  { "batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", 0, ERR ("null", -32600, "Invalid request: JSON-RPC batches are not supported") },
  { "empty object", "{}", 0, ERR ("null", -32600, "Invalid request: “jsonrpc” must be “2.0”") },
  { "no jsonrpc", "{\"id\":1,\"method\":\"ping\"}", 0, ERR ("1", -32600, "Invalid request: “jsonrpc” must be “2.0”") },
  { "jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", 0, ERR ("1", -32600, "Invalid request: “jsonrpc” must be “2.0”") },
  { "jsonrpc number", "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", 0, ERR ("1", -32600, "Invalid request: “jsonrpc” must be “2.0”") },
  { "no method", "{\"jsonrpc\":\"2.0\",\"id\":1}", 0, ERR ("1", -32600, "Invalid request: no “method”") },
  { "method number", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}", 0, ERR ("1", -32600, "Invalid request: “method” must be a string") },
  { "method null", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", 0, ERR ("1", -32600, "Invalid request: “method” must be a string") },
  { "method object", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{}}", 0, ERR ("1", -32600, "Invalid request: “method” must be a string") },

  /* ids of every wrong type */
  { "id null", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },
  { "id float", "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },
  { "id exponent", "{\"jsonrpc\":\"2.0\",\"id\":1e3,\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },
  { "id true", "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },
  { "id array", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },
  { "id object", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", 0, ERR ("null", -32600, "Invalid request: “id” must be a string or an integer") },

  /* params of the wrong shape */
  { "params array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[]}", 0, ERR ("1", -32602, "Invalid params: “params” must be an object") },
  { "params string", "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"ping\",\"params\":\"x\"}", 0, ERR ("\"s\"", -32602, "Invalid params: “params” must be an object") },
  { "params number", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":3}", 0, ERR ("2", -32602, "Invalid params: “params” must be an object") },
  { "_meta string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":\"m\"}}", 0, ERR ("1", -32602, "Invalid params: “_meta” must be an object") },
  { "version number", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":1}}}", 0,
    ERR ("1", -32602, "Invalid params: “io.modelcontextprotocol/protocolVersion” must be a string") },
  { "capabilities missing", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}", 0,
    ERR ("1", -32602, "Invalid params: missing “io.modelcontextprotocol/clientCapabilities” in _meta") },
  { "capabilities array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":[]}}}", 0,
    ERR ("1", -32602, "Invalid params: “io.modelcontextprotocol/clientCapabilities” must be an object") },
  { "unsupported version", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"3000-01-01\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}", 0,
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\",\"2024-11-05\"],\"requested\":\"3000-01-01\"}}}" },
  { "bad log level", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/logLevel\":7}}}", 0,
    ERR ("1", -32602, "Invalid params: “io.modelcontextprotocol/logLevel” is not a log level") },

  /* methods */
  { "unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/nothing\",\"params\":{" M "}}", 0, ERR ("1", -32601, "Method not found: tools/nothing") },
  { "empty method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\",\"params\":{" M "}}", 0, ERR ("1", -32601, "Method not found: ") },
  { "initialize in modern", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" M "}}", 0, ERR ("1", -32601, "Method not found: initialize") },
  { "unknown legacy method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x/y\"}", 0, ERR ("1", -32601, "Method not found: x/y"), TRUE },
  { "discover in legacy", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\"}", 0, ERR ("1", -32601, "Method not found: server/discover"), TRUE },
  { "request before initialize", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", 0,
    ERR ("1", -32602, "Invalid params: the request carries no “io.modelcontextprotocol/protocolVersion” in _meta, and no session was initialized (send “initialize” first to use a protocol version before 2026-07-28)") },
  { "repeated initialize", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}", 0,
    ERR ("1", -32600, "Invalid request: the session is already initialized"), TRUE },
  { "initialize without version", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}", 0,
    ERR ("1", -32602, "Invalid params: “protocolVersion” must be a string") },

  /* tool calls */
  { "call without name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{" M "}}", 0, ERR ("1", -32602, "Invalid params: “name” must be the name of a tool") },
  { "call name number", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":3," M "}}", 0, ERR ("1", -32602, "Invalid params: “name” must be the name of a tool") },
  { "unknown tool", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"," M "}}", 0, ERR ("1", -32602, "Unknown tool: nope") },
  { "arguments array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":[]," M "}}", 0, ERR ("1", -32602, "Invalid params: “arguments” must be an object") },
  { "arguments wrong type", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":\"1\",\"b\":2}}}", 0,
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Invalid argument “a”: expected an integer, got a string\"}],\"isError\":true}}", TRUE },
  { "inputResponses array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2},\"inputResponses\":[]," M "}}", 0,
    ERR ("1", -32602, "Invalid params: “inputResponses” must be an object") },
  { "forged requestState", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2},\"requestState\":\"e30.AAAA\"," M "}}", 0,
    ERR ("1", -32602, "Invalid params: requestState integrity check failed") },
  { "bad cursor", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"%%%\"," M "}}", 0, ERR ("1", -32602, "Invalid params: invalid cursor") },
  { "logging level unknown", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"shout\"}}", 0,
    ERR ("1", -32602, "Invalid params: “level” must be a log level"), TRUE },

  /* never answered */
  { "notification", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}", 0, SILENT },
  { "notification with bad params", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":7}", 0, SILENT },
  { "cancel of an unknown request", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":999}}", 0, SILENT },
  { "cancel with a bad id", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":[1]}}", 0, SILENT },
  { "response to an unknown id", "{\"jsonrpc\":\"2.0\",\"id\":12345,\"result\":{}}", 0, SILENT },
  { "error response to an unknown id", "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":1,\"message\":\"m\"}}", 0, SILENT },
  { "empty line", "", 0, SILENT },
  { "blank line", " \t ", 0, SILENT },
  { "carriage return only", "\r", 0, SILENT },
};

static void
check_still_working (TestPeer *peer)
{
  test_peer_send (peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"alive\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                  "\"arguments\":{\"a\":20,\"b\":22}," M "}}");
  test_peer_expect (peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"alive\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(TestPeer) peer = test_peer_new (server);
  g_autofree char *deep = NULL;
  const char *input = c->input;
  gsize length = c->length;

  if (input == NULL)
    {
      GString *objects = g_string_new (NULL);

      for (guint i = 0; i < 129; i++)
        g_string_append (objects, "{\"a\":");
      g_string_append (objects, "1");
      for (guint i = 0; i < 129; i++)
        g_string_append_c (objects, '}');
      input = deep = g_string_free (objects, FALSE);
    }
  if (length == 0)
    length = strlen (input);

  if (c->legacy)
    test_peer_initialize (peer, "2025-11-25");

  test_peer_send_bytes (peer, input, length);
  test_peer_send_bytes (peer, "\n", 1);

  if (c->expected != SILENT)
    test_peer_expect (peer, c->expected);

  check_still_working (peer);
  test_peer_expect_silence (peer, 20);

  g_clear_pointer (&peer, test_peer_free);
  g_assert_finalize_object (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 60);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Malformed/%02u %s", i, cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
