/* test-tasks.c — the io.modelcontextprotocol/tasks extension, on the wire
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-util.h"

#define TASKS_CAPS "{\"elicitation\":{},\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"
#define META_WITH(caps) \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":" caps "}"
#define TASKS_META META_WITH (TASKS_CAPS)

typedef struct
{
  McpServer *server;
  TestPeer  *peer;
  guint      cancelled;
  guint      next_id;
} Fixture;

/* A cancellable asynchronous sleep, answering "done after N ms". */
typedef struct
{
  McpToolInvocation *invocation;
  Fixture           *fixture;
  GSource           *timeout;
  GSource           *cancelled;
  int                outcome;   /* 0 text, 1 tool error, 2 protocol error */
} Sleep;

static void
sleep_finish (Sleep    *sleep_call,
              gboolean  cancelled)
{
  g_source_destroy (sleep_call->timeout);
  g_source_destroy (sleep_call->cancelled);

  if (cancelled)
    {
      sleep_call->fixture->cancelled++;
      mcp_tool_invocation_take_error (sleep_call->invocation,
                                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
    }
  else if (sleep_call->outcome == 1)
    mcp_tool_invocation_return_error_message (sleep_call->invocation, "The job failed");
  else if (sleep_call->outcome == 2)
    mcp_tool_invocation_take_error (sleep_call->invocation,
                                    g_error_new_literal (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                                                         "The job crashed"));
  else
    mcp_tool_invocation_return_text (sleep_call->invocation, "done");

  g_source_unref (sleep_call->timeout);
  g_source_unref (sleep_call->cancelled);
  g_object_unref (sleep_call->invocation);
  g_free (sleep_call);
}

static gboolean
sleep_timeout_cb (gpointer user_data)
{
  sleep_finish (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  sleep_finish (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

static void
start_sleep (McpToolInvocation *invocation,
             Fixture           *fixture,
             int                outcome)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  Sleep *sleep_call = g_new0 (Sleep, 1);
  guint ms = json_object_has_member (arguments, "ms") ? json_object_get_int_member (arguments, "ms") : 20;

  sleep_call->invocation = g_object_ref (invocation);
  sleep_call->fixture = fixture;
  sleep_call->outcome = outcome;
  sleep_call->timeout = g_timeout_source_new (ms);
  g_source_set_callback (sleep_call->timeout, sleep_timeout_cb, sleep_call, NULL);
  g_source_attach (sleep_call->timeout, NULL);
  sleep_call->cancelled = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));
  g_source_set_callback (sleep_call->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb), sleep_call, NULL);
  g_source_attach (sleep_call->cancelled, NULL);
}

static void
slow_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  start_sleep (invocation, user_data, 0);
}

static void
fails_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  start_sleep (invocation, user_data, 1);
}

static void
crash_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  start_sleep (invocation, user_data, 2);
}

static JsonObject *
schema_of (const char *json)
{
  g_autoptr(JsonNode) node = test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

/* confirm: asks for confirmation inside the task */
static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    mcp_tool_invocation_take_error (invocation, error);
  else
    mcp_tool_invocation_return_text (invocation,
                                     json_object_get_boolean_member (json_object_get_object_member (answer, "content"), "ok")
                                     ? "deleted" : "kept");
}

static void
confirm_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "confirm",
                                    "Delete the file?", schema, NULL, confirm_cb, g_object_ref (invocation));
}

/* mrtr_then_task: the name comes first, then the work becomes a task */
typedef struct
{
  McpToolInvocation *invocation;
  char              *name;
} Greeting;

static gboolean
greeting_done (gpointer user_data)
{
  Greeting *greeting = user_data;
  g_autofree char *text = g_strdup_printf ("Hello, %s!", greeting->name);

  mcp_tool_invocation_return_text (greeting->invocation, text);
  g_object_unref (greeting->invocation);
  g_free (greeting->name);
  g_free (greeting);
  return G_SOURCE_REMOVE;
}

static void
task_begun_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Greeting *greeting = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mcp_request_context_begin_task_finish (MCP_REQUEST_CONTEXT (object), result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mcp_request_context_get_task_id (MCP_REQUEST_CONTEXT (object)));
  g_timeout_add (20, greeting_done, greeting);
}

static void
name_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  Greeting *greeting;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  greeting = g_new0 (Greeting, 1);
  greeting->invocation = g_steal_pointer (&invocation);
  greeting->name = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "content"), "name"));
  mcp_request_context_begin_task_async (MCP_REQUEST_CONTEXT (object), NULL, task_begun_cb, greeting);
}

static void
mrtr_then_task_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "user_name",
                                    "Your name?", schema, NULL, name_cb, g_object_ref (invocation));
}

static void
add_tool (Fixture          *fixture,
          const char       *name,
          McpToolAsyncFunc  func,
          McpTaskSupport    support,
          gboolean          auto_task)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, NULL);

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_async_func (tool, func, fixture, NULL);
  mcp_tool_set_task_support (tool, support);
  mcp_tool_set_auto_task (tool, auto_task);
  mcp_server_add_tool (fixture->server, tool);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->server = mcp_server_new ("test-server", "1.2.3");
  mcp_server_set_task_poll_interval (fixture->server, 250);
  add_tool (fixture, "slow", slow_func, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_tool (fixture, "must_task", slow_func, MCP_TASK_SUPPORT_REQUIRED, TRUE);
  add_tool (fixture, "fails", fails_func, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_tool (fixture, "crash", crash_func, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_tool (fixture, "confirm", confirm_func, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_tool (fixture, "mrtr_then_task", mrtr_then_task_func, MCP_TASK_SUPPORT_REQUIRED, FALSE);
  add_tool (fixture, "plain", slow_func, MCP_TASK_SUPPORT_FORBIDDEN, TRUE);
  fixture->peer = test_peer_new (fixture->server);
  fixture->next_id = 100;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->peer, test_peer_free);
  g_assert_finalize_object (fixture->server);
}

/* One request, its whole response object. */
static JsonObject *
request (Fixture    *fixture,
         const char *method,
         const char *params)
{
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"%s\",\"params\":%s}",
                                           fixture->next_id++, method, params);

  test_peer_send (fixture->peer, line);
  return test_peer_recv_object (fixture->peer);
}

static JsonObject *
result_of (JsonObject *response)
{
  if (!json_object_has_member (response, "result"))
    {
      g_autofree char *text = json_to_string (json_object_get_member (response, "error"), FALSE);
      g_error ("Expected a result, got the error %s", text);
    }
  return json_object_get_object_member (response, "result");
}

static char *
create_task (Fixture    *fixture,
             const char *tool,
             const char *arguments)
{
  g_autofree char *params = g_strdup_printf ("{\"name\":\"%s\",\"arguments\":%s," TASKS_META "}", tool, arguments);
  g_autoptr(JsonObject) response = request (fixture, "tools/call", params);
  JsonObject *result = result_of (response);

  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "task");
  return g_strdup (json_object_get_string_member (result, "taskId"));
}

static JsonObject *
get_task (Fixture    *fixture,
          const char *task_id)
{
  g_autofree char *params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  g_autoptr(JsonObject) response = request (fixture, "tasks/get", params);

  return json_object_ref (result_of (response));
}

/* Polls until the task leaves @status. */
static JsonObject *
wait_task (Fixture    *fixture,
           const char *task_id,
           const char *status)
{
  for (guint i = 0; i < 200; i++)
    {
      JsonObject *task = get_task (fixture, task_id);

      if (g_strcmp0 (json_object_get_string_member (task, "status"), status) != 0)
        return task;
      json_object_unref (task);
      test_wait (10);
    }

  g_error ("The task stayed %s", status);
}

static void
test_capability (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(JsonObject) sync = NULL;

  discover = request (fixture, "server/discover", "{" TEST_MODERN_META "}");
  g_assert_true (json_object_has_member (json_object_get_object_member (json_object_get_object_member (result_of (discover),
                                                                                                      "capabilities"),
                                                                        "extensions"),
                                         "io.modelcontextprotocol/tasks"));

  /* without the extension: sync results, -32021 where a task is needed */
  sync = request (fixture, "tools/call", "{\"name\":\"slow\",\"arguments\":{}," TEST_MODERN_META "}");
  g_assert_cmpstr (json_object_get_string_member (result_of (sync), "resultType"), ==, "complete");
  g_assert_false (json_object_has_member (result_of (sync), "taskId"));

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"must_task\","
                  "\"arguments\":{}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32021,\"message\":\"Missing required client "
                    "capability: the io.modelcontextprotocol/tasks extension\",\"data\":{\"requiredCapabilities\":"
                    "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"x\"," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32021,\"message\":\"Missing required client "
                    "capability: the io.modelcontextprotocol/tasks extension\",\"data\":{\"requiredCapabilities\":"
                    "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}}}");

  /* a forbidden tool never becomes a task; removed methods are unknown */
  {
    g_autoptr(JsonObject) plain = request (fixture, "tools/call", "{\"name\":\"plain\",\"arguments\":{}," TASKS_META "}");
    g_autoptr(JsonObject) removed = request (fixture, "tasks/result", "{\"taskId\":\"x\"," TASKS_META "}");
    g_autoptr(JsonObject) listed = request (fixture, "tasks/list", "{" TASKS_META "}");

    g_assert_cmpstr (json_object_get_string_member (result_of (plain), "resultType"), ==, "complete");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (removed, "error"), "code"), ==, -32601);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (listed, "error"), "code"), ==, -32601);
  }
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) working = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *task_id = NULL;
  JsonObject *created;
  JsonObject *result;

  response = request (fixture, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"ms\":100}," TASKS_META "}");
  created = result_of (response);
  task_id = g_strdup (json_object_get_string_member (created, "taskId"));

  /* a flat CreateTaskResult */
  g_assert_cmpstr (json_object_get_string_member (created, "resultType"), ==, "task");
  g_assert_cmpstr (json_object_get_string_member (created, "status"), ==, "working");
  g_assert_cmpuint (strlen (task_id), >=, 20);
  g_assert_true (json_object_has_member (created, "createdAt"));
  g_assert_true (json_object_has_member (created, "lastUpdatedAt"));
  g_assert_cmpint (json_object_get_int_member (created, "ttlMs"), ==, 3600000);
  g_assert_cmpint (json_object_get_int_member (created, "pollIntervalMs"), ==, 250);
  g_assert_false (json_object_has_member (created, "task"));
  g_assert_false (json_object_has_member (created, "requestState"));
  g_assert_false (json_object_has_member (created, "x-principal"));

  /* durable at once */
  working = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (working, "status"), ==, "working");
  g_assert_cmpstr (json_object_get_string_member (working, "resultType"), ==, "complete");
  g_assert_false (json_object_has_member (working, "result"));

  done = wait_task (fixture, task_id, "working");
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  result = json_object_get_object_member (done, "result");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0),
                                                  "text"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_false (json_object_has_member (result, "_meta"));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *failing = create_task (fixture, "fails", "{}");
  g_autofree char *crashing = create_task (fixture, "crash", "{}");
  g_autoptr(JsonObject) failed_tool = wait_task (fixture, failing, "working");
  g_autoptr(JsonObject) failed_protocol = wait_task (fixture, crashing, "working");
  g_autoptr(JsonObject) unknown = NULL;

  /* a tool error is a completed task with an isError result */
  g_assert_cmpstr (json_object_get_string_member (failed_tool, "status"), ==, "completed");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (failed_tool, "result"), "isError"));

  /* a protocol error fails the task */
  g_assert_cmpstr (json_object_get_string_member (failed_protocol, "status"), ==, "failed");
  g_assert_false (json_object_has_member (failed_protocol, "result"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (failed_protocol, "error"), "code"), ==, -32603);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (failed_protocol, "error"), "message"),
                   ==, "The job crashed");

  unknown = request (fixture, "tasks/get", "{\"taskId\":\"tasks-conformance-nonexistent-12345\"," TASKS_META "}");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unknown, "error"), "code"), ==, -32602);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (unknown, "error"), "message"),
                   ==, "Failed to retrieve task: Task not found");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "slow", "{\"ms\":60000}");
  g_autofree char *params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  g_autoptr(JsonObject) ack = request (fixture, "tasks/cancel", params);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) cancelled = NULL;

  /* an empty acknowledgement */
  g_assert_cmpstr (json_object_get_string_member (result_of (ack), "resultType"), ==, "complete");
  g_assert_false (json_object_has_member (result_of (ack), "taskId"));

  cancelled = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (cancelled, "status"), ==, "cancelled");
  for (guint i = 0; i < 100 && fixture->cancelled == 0; i++)
    test_wait (5);
  g_assert_cmpuint (fixture->cancelled, ==, 1);

  /* idempotent on a terminal task */
  again = request (fixture, "tasks/cancel", params);
  g_assert_cmpstr (json_object_get_string_member (result_of (again), "resultType"), ==, "complete");

  {
    g_autoptr(JsonObject) unknown = request (fixture, "tasks/cancel", "{\"taskId\":\"nope\"," TASKS_META "}");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unknown, "error"), "code"), ==, -32602);
  }
}

static void
test_input (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "confirm", "{}");
  g_autoptr(JsonObject) waiting = wait_task (fixture, task_id, "working");
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autofree char *update = NULL;
  JsonObject *requests;

  g_assert_cmpstr (json_object_get_string_member (waiting, "status"), ==, "input_required");
  requests = json_object_get_object_member (waiting, "inputRequests");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (requests, "confirm"), "method"),
                   ==, "elicitation/create");

  /* an answer for a key nobody asked is ignored */
  update = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"other\":{\"action\":\"accept\"}}," TASKS_META "}", task_id);
  g_clear_pointer (&ack, json_object_unref);
  ack = request (fixture, "tasks/update", update);
  g_assert_cmpstr (json_object_get_string_member (result_of (ack), "resultType"), ==, "complete");
  still = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (still, "status"), ==, "input_required");

  g_free (update);
  update = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                            "\"content\":{\"ok\":true}}}," TASKS_META "}", task_id);
  g_clear_pointer (&ack, json_object_unref);
  ack = request (fixture, "tasks/update", update);
  g_assert_cmpstr (json_object_get_string_member (result_of (ack), "resultType"), ==, "complete");

  done = wait_task (fixture, task_id, "input_required");
  if (g_strcmp0 (json_object_get_string_member (done, "status"), "working") == 0)
    {
      g_clear_pointer (&done, json_object_unref);
      done = wait_task (fixture, task_id, "working");
    }
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (done, "result"), "content"), 0),
                                                  "text"), ==, "deleted");
}

/* Input gathered with MRTR first, then the task. */
static void
test_mrtr_then_task (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = request (fixture, "tools/call", "{\"name\":\"mrtr_then_task\",\"arguments\":{}," TASKS_META "}");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *retry = NULL;
  JsonObject *created;

  g_assert_cmpstr (json_object_get_string_member (result_of (first), "resultType"), ==, "input_required");
  g_assert_false (json_object_has_member (result_of (first), "taskId"));

  retry = g_strdup_printf ("{\"name\":\"mrtr_then_task\",\"arguments\":{},\"inputResponses\":{\"user_name\":"
                           "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}},\"requestState\":\"%s\"," TASKS_META "}",
                           json_object_get_string_member (result_of (first), "requestState"));
  second = request (fixture, "tools/call", retry);
  created = result_of (second);
  g_assert_cmpstr (json_object_get_string_member (created, "resultType"), ==, "task");
  g_assert_false (json_object_has_member (created, "requestState"));

  done = wait_task (fixture, json_object_get_string_member (created, "taskId"), "working");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (done, "result"), "content"), 0),
                                                  "text"), ==, "Hello, Alice!");
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "slow", "{\"ms\":50}");
  g_autofree char *listen = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"subscriptions/listen\","
                                             "\"params\":{\"notifications\":{\"taskIds\":[\"%s\"]}," TASKS_META "}}",
                                             task_id);
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) notification = NULL;
  JsonObject *params;

  test_peer_send (fixture->peer, listen);
  ack = test_peer_recv_object (fixture->peer);
  g_assert_cmpstr (json_object_get_string_member (ack, "method"), ==, "notifications/subscriptions/acknowledged");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (json_object_get_object_member (ack, "params"), "notifications"), "taskIds"), 0),
                   ==, task_id);

  notification = test_peer_recv_object (fixture->peer);
  g_assert_cmpstr (json_object_get_string_member (notification, "method"), ==, "notifications/tasks");
  params = json_object_get_object_member (notification, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "taskId"), ==, task_id);
  g_assert_cmpstr (json_object_get_string_member (params, "status"), ==, "completed");
  g_assert_true (json_object_has_member (params, "result"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "_meta"),
                                                  "io.modelcontextprotocol/subscriptionId"), ==, "L");

  /* task notifications need the extension */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"M\",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  "{\"taskIds\":[\"x\"]}," TEST_MODERN_META "}}");
  {
    g_autoptr(JsonObject) refused = test_peer_recv_object (fixture->peer);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (refused, "error"), "code"), ==, -32021);
  }
}

static void
test_expiry (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *params = NULL;
  g_autoptr(JsonObject) gone = NULL;

  mcp_server_set_task_ttl (fixture->server, 300);
  task_id = create_task (fixture, "slow", "{\"ms\":10}");
  done = wait_task (fixture, task_id, "working");
  g_assert_cmpint (json_object_get_int_member (done, "ttlMs"), ==, 300);
  test_wait (400);

  params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  gone = request (fixture, "tasks/get", params);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gone, "error"), "code"), ==, -32602);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Tasks/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("capability", test_capability);
  ADD ("lifecycle", test_lifecycle);
  ADD ("errors", test_errors);
  ADD ("cancel", test_cancel);
  ADD ("input", test_input);
  ADD ("mrtr-then-task", test_mrtr_then_task);
  ADD ("notifications", test_notifications);
  ADD ("expiry", test_expiry);

#undef ADD

  return g_test_run ();
}
