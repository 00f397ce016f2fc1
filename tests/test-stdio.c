/* test-stdio.c — the stdio transport: concurrency, cancellation, shutdown,
 * request-scoped notifications
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gunixoutputstream.h>

#include "test-util.h"

typedef struct
{
  McpServer *server;
  TestPeer  *peer;
  gsize      unread_at_finalize;
} Fixture;

/* Reports progress 0, 50, 100 and logs at three levels, 20 ms apart. */
typedef struct
{
  McpToolInvocation *invocation;
  guint              step;
} StepsCall;

static gboolean
steps_tick (gpointer user_data)
{
  StepsCall *call = user_data;
  McpRequestContext *context = mcp_tool_invocation_get_context (call->invocation);
  static const McpLogLevel levels[] = { MCP_LOG_LEVEL_DEBUG, MCP_LOG_LEVEL_INFO, MCP_LOG_LEVEL_WARNING };
  g_autofree char *message = g_strdup_printf ("step %u", call->step);

  mcp_request_context_report_progress (context, call->step * 50.0, 100.0, message);
  mcp_request_context_log (context, levels[call->step], "steps", message);
  /* not increasing: must be dropped */
  mcp_request_context_report_progress (context, call->step * 50.0, 100.0, NULL);

  if (++call->step < 3)
    return G_SOURCE_CONTINUE;

  mcp_tool_invocation_return_text (call->invocation, "done");
  g_object_unref (call->invocation);
  g_free (call);
  return G_SOURCE_REMOVE;
}

static void
steps_func (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  StepsCall *call = g_new0 (StepsCall, 1);

  call->invocation = g_object_ref (invocation);
  g_timeout_add (20, steps_tick, call);
}

static McpToolResult *
blocking_func (McpTool            *tool,
               McpRequestContext  *context,
               JsonObject         *arguments,
               gpointer            user_data,
               GError            **error)
{
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  mcp_request_context_report_progress (context, 1, 2, "in a thread");
  g_usleep (500 * G_TIME_SPAN_MILLISECOND);
  mcp_request_context_report_progress (context, 2, 2, NULL);
  return mcp_tool_result_new_text ("unblocked");
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(GError) error = NULL;

  if (mcp_request_context_ping_finish (MCP_REQUEST_CONTEXT (object), result, &error))
    mcp_tool_invocation_return_text (invocation, "pong");
  else
    mcp_tool_invocation_return_error_message (invocation, error->message);
}

static void
ping_func (McpTool           *tool,
           McpToolInvocation *invocation,
           gpointer           user_data)
{
  mcp_request_context_ping_async (mcp_tool_invocation_get_context (invocation), NULL,
                                  ping_cb, g_object_ref (invocation));
}

static McpToolResult *
big_func (McpTool            *tool,
          McpRequestContext  *context,
          JsonObject         *arguments,
          gpointer            user_data,
          GError            **error)
{
  gsize size = json_object_get_int_member (arguments, "size");
  g_autofree char *text = g_malloc (size + 1);

  memset (text, 'x', size);
  text[size] = '\0';
  return mcp_tool_result_new_text (text);
}

/* A synchronous tool that makes the next request arrive, then runs the
 * main context itself (as a handler that waits on a nested main loop
 * would): the transport must not read and handle that request inside it. */
static McpToolResult *
nested_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  Fixture *fixture = user_data;
  gint64 end = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;
  const char *after = "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/call\",\"params\":"
                      "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}," TEST_MODERN_META "}}\n";

  g_assert_cmpint (write (test_peer_get_fd (fixture->peer), after, strlen (after)), ==, strlen (after));
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  return mcp_tool_result_new_text ("nested done");
}

/* Records, when the request's context goes away, how much of the
 * server's output the peer has yet to read. */
static void
answered_first_cb (gpointer  user_data,
                   GObject  *where_the_object_was)
{
  Fixture *fixture = user_data;

  fixture->unread_at_finalize = test_peer_get_unread (fixture->peer);
}

static McpToolResult *
answered_first_func (McpTool            *tool,
                     McpRequestContext  *context,
                     JsonObject         *arguments,
                     gpointer            user_data,
                     GError            **error)
{
  Fixture *fixture = user_data;

  g_assert_cmpuint (test_peer_get_unread (fixture->peer), ==, 0);
  g_object_weak_ref (G_OBJECT (context), answered_first_cb, fixture);
  return mcp_tool_result_new_text ("answered first");
}

/* The names of the request's params, in order, and the value of "extra":
 * the object a handler gets (here in a worker thread) has every member
 * the client sent, `_meta` included, and is built once. */
static McpToolResult *
params_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  JsonObject *params = mcp_request_context_get_params (context);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_true (mcp_request_context_get_params (context) == params);
  g_assert_true ((json_object_has_member (params, "_meta")
                  ? json_object_get_object_member (params, "_meta") : NULL) ==
                 mcp_request_context_get_meta (context));

  json_object_iter_init_ordered (&iter, params);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", name);
  if (json_object_has_member (params, "extra"))
    extra = json_to_string (json_object_get_member (params, "extra"), FALSE);
  g_string_append_printf (text, " extra=%s", extra != NULL ? extra : "none");

  return mcp_tool_result_new_text (text->str);
}

/* The warning of a result that does not match its output schema, which a
 * test provokes on purpose: counted instead of fatal. */
static guint schema_warnings;

static GLogWriterOutput
count_schema_warnings (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        g_pattern_match_simple ("*does not match its output schema*", fields[i].value))
      {
        schema_warnings++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Structured content {"n": N} with N the "n" argument, as given. */
static McpToolResult *
shaped_func (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(JsonNode) structured = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "n", json_node_copy (json_object_get_member (arguments, "n")));
  json_node_take_object (structured, object);
  return mcp_tool_result_new_structured (structured);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(McpTool) steps = mcp_tool_new ("steps", "Progress and logging");
  g_autoptr(McpTool) blocking = mcp_tool_new ("blocking", "Blocks a worker thread");
  g_autoptr(McpTool) ping = mcp_tool_new ("ping_client", "Pings the client");

  fixture->server = test_server_new ();

  mcp_tool_set_async_func (steps, steps_func, NULL, NULL);
  mcp_server_add_tool (fixture->server, steps);

  mcp_tool_set_func (blocking, blocking_func, NULL, NULL);
  mcp_tool_set_run_in_thread (blocking, TRUE);
  mcp_server_add_tool (fixture->server, blocking);

  mcp_tool_set_async_func (ping, ping_func, NULL, NULL);
  mcp_server_add_tool (fixture->server, ping);

  {
    g_autoptr(McpTool) big = mcp_tool_new ("big", "A large answer");

    mcp_tool_set_input_schema_json (big, "{\"type\":\"object\",\"properties\":{\"size\":"
                                         "{\"type\":\"integer\"}},\"required\":[\"size\"]}", NULL);
    mcp_tool_set_func (big, big_func, NULL, NULL);
    mcp_server_add_tool (fixture->server, big);
  }

  {
    g_autoptr(McpTool) shaped = mcp_tool_new ("shaped", "Structured content as given");

    mcp_tool_set_output_schema_json (shaped, "{\"type\":\"object\",\"properties\":{\"n\":"
                                             "{\"type\":\"integer\"}},\"required\":[\"n\"]}", NULL);
    mcp_tool_set_input_schema_json (shaped, "{\"type\":\"object\",\"properties\":{\"n\":{}},"
                                            "\"required\":[\"n\"]}", NULL);
    mcp_tool_set_func (shaped, shaped_func, NULL, NULL);
    mcp_server_add_tool (fixture->server, shaped);
  }

  {
    g_autoptr(McpTool) params = mcp_tool_new ("params", "The names of its params");

    mcp_tool_set_func (params, params_func, NULL, NULL);
    mcp_tool_set_run_in_thread (params, TRUE);
    mcp_server_add_tool (fixture->server, params);
  }

  {
    g_autoptr(McpTool) nested = mcp_tool_new ("nested", "Runs the main context itself");

    mcp_tool_set_func (nested, nested_func, fixture, NULL);
    mcp_server_add_tool (fixture->server, nested);
  }

  {
    g_autoptr(McpTool) answered_first = mcp_tool_new ("answered_first", "Sees when its answer left");

    mcp_tool_set_func (answered_first, answered_first_func, fixture, NULL);
    mcp_server_add_tool (fixture->server, answered_first);
  }

  fixture->peer = test_peer_new (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gpointer server = fixture->server;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_clear_pointer (&fixture->peer, test_peer_free);

  /* A tool's worker thread lets go of its GTask (whose data holds the
   * request context, and so the server) a moment after the answer has
   * left: the server must go, but may take that moment. */
  g_object_add_weak_pointer (G_OBJECT (server), &server);
  g_clear_object (&fixture->server);
  while (g_atomic_pointer_get (&server) != NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (g_atomic_pointer_get (&server));
}

/* 50 asynchronous calls of 100 ms run at once. */
static void
test_concurrency (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GString) batch = g_string_new (NULL);
  gboolean seen[50] = { FALSE, };
  gint64 start;
  gint64 elapsed;

  test_peer_initialize (fixture->peer, "2025-11-25");

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (batch, "{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                            "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":100}}}\n", i);

  start = g_get_monotonic_time ();
  test_peer_send_bytes (fixture->peer, batch->str, batch->len);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
      gint64 id = json_object_get_int_member (response, "id");
      JsonObject *result = json_object_get_object_member (response, "result");
      JsonArray *content = json_object_get_array_member (result, "content");

      g_assert_cmpint (id, >=, 0);
      g_assert_cmpint (id, <, 50);
      g_assert_false (seen[id]);
      seen[id] = TRUE;
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                       ==, "slept 100");
    }

  elapsed = g_get_monotonic_time () - start;
  g_test_message ("50 concurrent 100 ms calls took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, <, test_time_limit (300 * G_TIME_SPAN_MILLISECOND));
}

/* Answers come in completion order, each with its own id. */
static void
test_out_of_order (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                  "\"arguments\":{\"ms\":200}," TEST_MODERN_META "}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"fast\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                  "\"arguments\":{\"ms\":20}," TEST_MODERN_META "}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"sync\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                  "\"arguments\":{\"a\":40,\"b\":2}," TEST_MODERN_META "}}");

  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"sync\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"fast\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 20\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 200\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

/* A client that reuses the id of a request still in flight gets both
 * answers; the later request is the one its id stands for from then on. */
static void
test_same_id_in_flight (Fixture       *fixture,
                        gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"dup\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":50}}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"dup\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":400}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"dup\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 50\"}]}}");

  /* the first one is gone: cancelling "dup" cancels the second */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"dup\"}}");
  test_peer_expect_silence (fixture->peer, 600);
  g_assert_cmpuint (test_server_get_cancelled (), ==, 1);

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"dup\",\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"dup\",\"result\":{}}");
}

/* The request that arrives while a handler iterates the main context is
 * read and answered after that handler returns, not inside it. */
static void
test_nested_iteration (Fixture       *fixture,
                       gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"nested\",\"method\":\"tools/call\",\"params\":{\"name\":\"nested\","
                  "\"arguments\":{}," TEST_MODERN_META "}}");

  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"nested\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"nested done\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

/* A client repeats its _meta, and the server keeps what it checked in it:
 * a different one on the same connection is checked afresh. */
static void
test_repeated_meta (Fixture       *fixture,
                    gconstpointer  user_data)
{
  for (guint round = 0; round < 2; round++)
    {
      test_peer_send (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                      "\"arguments\":{\"a\":1,\"b\":2}," TEST_MODERN_META "}}");
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}],"
                        "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
    }

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                  "\"arguments\":{\"a\":1,\"b\":2},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                  "\"2026-07-28\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "missing \xe2\x80\x9cio.modelcontextprotocol/clientCapabilities\xe2\x80\x9d in _meta\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                  "\"arguments\":{\"a\":1,\"b\":2},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                  "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
                  "\"io.modelcontextprotocol/logLevel\":\"loud\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "\xe2\x80\x9cio.modelcontextprotocol/logLevel\xe2\x80\x9d is not a log level\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                  "\"arguments\":{\"a\":2,\"b\":2}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"4\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

/* A handler sees the params the client sent, all of them, in order, the
 * last value of a name given twice where the first was. */
static void
test_params (Fixture       *fixture,
             gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"params\","
                  "\"extra\":1,\"arguments\":{}," TEST_MODERN_META ",\"extra\":[2],\"more\":true}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                    "\"name,extra,arguments,_meta,more extra=[2]\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_initialize (fixture->peer, "2025-11-25");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                  "\"name\":\"params\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                    "\"name extra=none\"}]}}");

  /* not an object: refused before any handler */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"params\"},"
                  "\"params\":[]}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "\xe2\x80\x9cparams\xe2\x80\x9d must be an object\"}}");
}

/* The answer to the last line of a read leaves before the server frees
 * what the request used (its context among them): the client has it
 * while the server tidies up. */
static void
test_answer_before_cleanup (Fixture       *fixture,
                            gconstpointer  user_data)
{
  const char *answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                       "\"text\":\"answered first\"}],\"resultType\":\"complete\","
                       TEST_SERVER_INFO_META "}}";

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                  "\"answered_first\",\"arguments\":{}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer, answer);
  g_assert_cmpuint (fixture->unread_at_finalize, ==, strlen (answer) + 1);
}

/* Every result is checked against the output schema (compiled once), and
 * a new schema applies from the next call. */
static void
test_output_schema (Fixture       *fixture,
                    gconstpointer  user_data)
{
  McpTool *tool = mcp_server_lookup_tool (fixture->server, "shaped");

  schema_warnings = 0;
  for (guint round = 0; round < 2; round++)
    {
      test_peer_send (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"shaped\","
                      "\"arguments\":{\"n\":7}," TEST_MODERN_META "}}");
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                        "\"{\\\"n\\\":7}\"}],\"structuredContent\":{\"n\":7},"
                        "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

      test_peer_send (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"shaped\","
                      "\"arguments\":{\"n\":\"seven\"}," TEST_MODERN_META "}}");
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":\"Internal error: "
                        "the result of the tool \xe2\x80\x9cshaped\xe2\x80\x9d does not match its output schema: "
                        "Invalid structured content \xe2\x80\x9cn\xe2\x80\x9d: expected an integer, got a string\"}}");
    }

  g_assert_cmpuint (schema_warnings, ==, 2);

  /* now a string is what is wanted */
  g_assert_true (mcp_tool_set_output_schema_json (tool, "{\"type\":\"object\",\"properties\":"
                                                        "{\"n\":{\"type\":\"string\"}}}", NULL));
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"shaped\","
                  "\"arguments\":{\"n\":\"seven\"}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                    "\"{\\\"n\\\":\\\"seven\\\"}\"}],\"structuredContent\":{\"n\":\"seven\"},"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

/* notifications/cancelled reaches the handler's cancellable, and nothing is
 * sent for the request afterwards, in either era. */
static void
test_cancellation (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-06-18");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":300}}}");
  test_wait (20);
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"reason\":\"changed my mind\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":300},"
                  TEST_MODERN_META "}}");
  test_wait (20);
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"m\","
                  TEST_MODERN_META "}}");

  /* the string id "1" is another request: not cancelled by requestId 1 */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":10}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 10\"}]}}");

  test_peer_expect_silence (fixture->peer, 500);
  g_assert_cmpuint (test_server_get_cancelled (), ==, 2);

  /* a cancellation for a finished request is ignored */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"1\"}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
}

/* At end of input: answers already made are flushed, requests in flight
 * are cancelled, the transport says it closed. */
static void
test_end_of_input (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":10000}}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}}}");
  test_peer_close_input (fixture->peer);

  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"2\"}]}}");
  while (!test_peer_is_closed (fixture->peer))
    g_main_context_iteration (NULL, TRUE);
  /* the tool hears of it through its cancellable, on the next iterations */
  for (guint i = 0; i < 100 && test_server_get_cancelled () == 0; i++)
    test_wait (10);
  g_assert_cmpuint (test_server_get_cancelled (), ==, 1);
  g_assert_false (mcp_transport_is_open (test_peer_get_transport (fixture->peer)));
  test_peer_expect_silence (fixture->peer, 50);
}

static void
test_progress_and_logging_modern (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  /* No logLevel: no log messages; progress token 7 (integer) echoed as is */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                  "\"_meta\":{\"progressToken\":7,\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                  "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,"
                    "\"progress\":0,\"total\":100,\"message\":\"step 0\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,"
                    "\"progress\":50,\"total\":100,\"message\":\"step 1\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,"
                    "\"progress\":100,\"total\":100,\"message\":\"step 2\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* logLevel info: info and warning, not debug; no token: no progress */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                  "\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/logLevel\":\"info\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                    "\"logger\":\"steps\",\"data\":\"step 1\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"warning\","
                    "\"logger\":\"steps\",\"data\":\"step 2\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
}

static void
test_progress_and_logging_legacy (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2024-11-05");

  /* before logging/setLevel every level is sent; 2024-11-05 progress has
   * no message; a string token stays a string */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                  "\"_meta\":{\"progressToken\":\"tok\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"tok\","
                    "\"progress\":0,\"total\":100}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"debug\","
                    "\"logger\":\"steps\",\"data\":\"step 0\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"tok\","
                    "\"progress\":50,\"total\":100}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                    "\"logger\":\"steps\",\"data\":\"step 1\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"tok\","
                    "\"progress\":100,\"total\":100}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"warning\","
                    "\"logger\":\"steps\",\"data\":\"step 2\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"warning\","
                    "\"logger\":\"steps\",\"data\":\"step 2\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}");
}

/* A synchronous tool in a worker thread leaves the main loop free; its
 * progress reaches the client from the thread. */
static void
test_run_in_thread (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 start;

  test_peer_initialize (fixture->peer, "2025-11-25");
  start = g_get_monotonic_time ();
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"blocking\","
                  "\"_meta\":{\"progressToken\":\"t\"}}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

  /* the ping is answered while the thread still blocks; the first progress
   * message races with it */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = test_peer_recv (fixture->peer);

      if (strstr (line, "progress") != NULL)
        g_assert_cmpstr (line, ==,
                         "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\","
                         "\"progress\":1,\"total\":2,\"message\":\"in a thread\"}}");
      else
        {
          g_assert_cmpstr (line, ==, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
          g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (400 * G_TIME_SPAN_MILLISECOND));
        }
    }
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\","
                    "\"progress\":2,\"total\":2}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"unblocked\"}]}}");
}

/* ping both ways: the server pings a legacy client and gets its answer. */
static void
test_ping_client (Fixture       *fixture,
                  gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ping_client\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"pong\"}]}}");

  /* a client that answers with an error */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ping_client\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32000,\"message\":\"busy\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The client answered with an error: busy (code -32000)\"}],\"isError\":true}}");

  /* a client that never answers: the server gives up and says so */
  mcp_server_set_client_request_timeout (fixture->server, 100);
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ping_client\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3,"
                    "\"reason\":\"Request timed out\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The client "
                    "did not answer in time\"}],\"isError\":true}}");

  /* the modern era has no server-to-client requests */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"ping_client\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Protocol "
                    "2026-07-28 has no server-to-client requests\"}],\"isError\":true,\"resultType\":\"complete\","
                    TEST_SERVER_INFO_META "}}");
}

/* Answers larger than the pipe buffer are written whole. */
static void
test_large_messages (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GString) request = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                             "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonObject) response = NULL;
  JsonObject *result;

  test_peer_initialize (fixture->peer, "2025-11-25");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "0123456789");
  g_string_append (request, text->str);
  g_string_append (request, "\"}}}");

  test_peer_send (fixture->peer, request->str);
  response = test_peer_recv_object (fixture->peer);
  result = json_object_get_object_member (response, "result");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0),
                                                  "text"), ==, text->str);
}

/* A tool that runs too long is answered as failed, and cancelled. */
static void
test_tool_timeout (Fixture       *fixture,
                   gconstpointer  user_data)
{
  McpTool *sleep_tool = mcp_server_lookup_tool (fixture->server, "sleep");
  gint64 start;

  mcp_tool_set_timeout (sleep_tool, 100);
  test_peer_initialize (fixture->peer, "2025-11-25");

  start = g_get_monotonic_time ();
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":60000}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The tool did "
                    "not finish within 100 ms\"}],\"isError\":true}}");
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (5 * G_TIME_SPAN_SECOND));
  for (guint i = 0; i < 100 && test_server_get_cancelled () == 0; i++)
    test_wait (10);
  g_assert_cmpuint (test_server_get_cancelled (), ==, 1);

  /* a call that finishes in time is untouched */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":10}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 10\"}]}}");
  test_peer_expect_silence (fixture->peer, 150);
}

/* Blocks for 200 ms, without looking at any cancellable. */
static McpToolResult *
block_func (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  g_usleep (200 * 1000);
  return mcp_tool_result_new_text ("blocked 200 ms");
}

/* The time limit needs the main loop: a synchronous handler that runs
 * inline cannot be interrupted and answers when it returns; the same
 * handler in a worker thread is answered as failed in time, and what it
 * returns later is dropped. */
static void
test_tool_timeout_sync (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(McpTool) inline_tool = mcp_tool_new ("block_inline", NULL);
  g_autoptr(McpTool) thread_tool = mcp_tool_new ("block_thread", NULL);

  mcp_tool_set_func (inline_tool, block_func, NULL, NULL);
  mcp_tool_set_timeout (inline_tool, 50);
  mcp_server_add_tool (fixture->server, inline_tool);
  mcp_tool_set_func (thread_tool, block_func, NULL, NULL);
  mcp_tool_set_run_in_thread (thread_tool, TRUE);
  mcp_tool_set_timeout (thread_tool, 50);
  mcp_server_add_tool (fixture->server, thread_tool);
  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"block_inline\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"blocked "
                    "200 ms\"}]}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"block_thread\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The tool did "
                    "not finish within 50 ms\"}],\"isError\":true}}");
  test_peer_expect_silence (fixture->peer, 300);
}

/* One connection cannot hold more requests in flight than the limit. */
static void
test_max_in_flight (Fixture       *fixture,
                    gconstpointer  user_data)
{
  mcp_server_set_max_in_flight (fixture->server, 2);
  test_peer_initialize (fixture->peer, "2025-11-25");

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *request =
        g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                         "\"arguments\":{\"ms\":200}}}", i);
      test_peer_send (fixture->peer, request);
    }

  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32603,\"message\":\"Server busy: already 2 "
                    "requests in flight on this connection\"}}");
  g_free (test_peer_recv (fixture->peer));
  g_free (test_peer_recv (fixture->peer));

  /* room again */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":1}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slept 1\"}]}}");
}

/* A client that sends requests but does not read the answers: the server
 * stops handling requests once 16 MiB of answers wait, and resumes when
 * the client reads. */
static void
test_slow_reader (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GString) requests = g_string_new (NULL);
  guint n = 100;
  guint answered = 0;

  test_peer_initialize (fixture->peer, "2025-11-25");

  /* 100 requests of 1 MiB answers, all in the pipe at once */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (requests, "{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                            "\"params\":{\"name\":\"big\",\"arguments\":{\"size\":1048576}}}\n", i);
  test_peer_pause_reading (fixture->peer, TRUE);
  test_peer_send_bytes (fixture->peer, requests->str, requests->len);
  test_wait (300);

  /* what waits is bounded: 16 MiB, plus the answer that crossed the line */
  g_assert_cmpuint (mcp_stdio_transport_get_queued_output (MCP_STDIO_TRANSPORT (test_peer_get_transport (fixture->peer))),
                    >, 8 * 1048576);
  g_assert_cmpuint (mcp_stdio_transport_get_queued_output (MCP_STDIO_TRANSPORT (test_peer_get_transport (fixture->peer))),
                    <, 18 * 1048576);

  test_peer_pause_reading (fixture->peer, FALSE);
  while (answered < n)
    {
      g_autofree char *line = test_peer_recv (fixture->peer);

      g_assert_cmpuint (strlen (line), >, 1048576);
      answered++;
    }
  g_assert_cmpuint (mcp_stdio_transport_get_queued_output (MCP_STDIO_TRANSPORT (test_peer_get_transport (fixture->peer))),
                    ==, 0);
}

static void
closed_cb (McpTransport *transport,
           const GError *error,
           gpointer      user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* A client that closed its end of the pipe: writing the answer fails, and
 * the process lives on (SIGPIPE, at its default, would kill it). */
static void
test_closed_pipe (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(McpStdioTransport) transport = NULL;
  g_autoptr(GError) error = NULL;
  const char *request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" TEST_MODERN_META "}}\n";
  struct sigaction action;
  gboolean closed = FALSE;
  int fds[2];

  signal (SIGPIPE, SIG_DFL);
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);
  close (fds[0]);

  input = g_memory_input_stream_new_from_data (request, -1, NULL);
  output = g_unix_output_stream_new (fds[1], TRUE);
  transport = mcp_stdio_transport_new_for_streams (server, input, output);
  g_signal_connect (transport, "closed", G_CALLBACK (closed_cb), &closed);
  mcp_transport_start (MCP_TRANSPORT (transport));
  test_iterate_until (&closed, 5000);

  g_assert_true (sigaction (SIGPIPE, NULL, &action) == 0);
  g_assert_true (action.sa_handler == SIG_IGN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_schema_warnings, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/StdioTransport/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Mcp/StdioTransport/closed-pipe", test_closed_pipe);
  ADD ("concurrency", test_concurrency);
  ADD ("out-of-order", test_out_of_order);
  ADD ("cancellation", test_cancellation);
  ADD ("same-id-in-flight", test_same_id_in_flight);
  ADD ("end-of-input", test_end_of_input);
  ADD ("progress-logging/modern", test_progress_and_logging_modern);
  ADD ("progress-logging/legacy", test_progress_and_logging_legacy);
  ADD ("run-in-thread", test_run_in_thread);
  ADD ("ping-client", test_ping_client);
  ADD ("large-messages", test_large_messages);
  ADD ("tool-timeout", test_tool_timeout);
  ADD ("tool-timeout-sync", test_tool_timeout_sync);
  ADD ("max-in-flight", test_max_in_flight);
  ADD ("slow-reader", test_slow_reader);
  ADD ("nested-iteration", test_nested_iteration);
  ADD ("repeated-meta", test_repeated_meta);
  ADD ("output-schema", test_output_schema);
  ADD ("params", test_params);
  ADD ("answer-before-cleanup", test_answer_before_cleanup);

#undef ADD

  return g_test_run ();
}
