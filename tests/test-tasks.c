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
  McpServer         *server;
  TestPeer          *peer;
  guint              cancelled;
  guint              next_id;
  McpToolInvocation *staged;   /* the call of the "staged" tool */
} Fixture;

/* A task store whose saves take a while, the first one longest, and fail
 * as often as asked: what a shared store over the network may do. It
 * checks that saves of one task never overlap. */
#define TEST_TYPE_SLOW_STORE (test_slow_store_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowStore, test_slow_store, TEST, SLOW_STORE, GObject)

struct _TestSlowStore
{
  GObject     parent_instance;
  GHashTable *records;     /* task id → JsonObject */
  guint       in_flight;
  guint       saves;
  guint       failures_left;
};

static void test_slow_store_iface_init (McpTaskStoreInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TestSlowStore, test_slow_store, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MCP_TYPE_TASK_STORE, test_slow_store_iface_init))

typedef struct
{
  char       *task_id;
  JsonObject *record;
} SlowSave;

static void
slow_save_free (SlowSave *save)
{
  g_free (save->task_id);
  json_object_unref (save->record);
  g_free (save);
}

static gboolean
slow_save_done (gpointer user_data)
{
  GTask *task = user_data;
  TestSlowStore *self = g_task_get_source_object (task);
  SlowSave *save = g_task_get_task_data (task);

  self->in_flight--;
  if (self->failures_left > 0)
    {
      self->failures_left--;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "The store is away");
      return G_SOURCE_REMOVE;
    }

  g_hash_table_replace (self->records, g_strdup (save->task_id), json_object_ref (save->record));
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
slow_store_save_async (McpTaskStore        *store,
                       const char          *task_id,
                       JsonObject          *record,
                       gint64               expires_at,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TestSlowStore *self = TEST_SLOW_STORE (store);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SlowSave *save = g_new0 (SlowSave, 1);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);   /* a deep copy */

  g_assert_cmpuint (self->in_flight, ==, 0);
  self->in_flight++;
  save->task_id = g_strdup (task_id);
  save->record = json_object_ref (json_node_get_object (copy));
  g_task_set_task_data (task, save, (GDestroyNotify)slow_save_free);
  /* the first save of the status changes is the slowest */
  g_timeout_add_full (G_PRIORITY_DEFAULT, self->saves++ == 1 ? 100 : 5, slow_save_done, task, g_object_unref);
}

static gboolean
slow_store_save_finish (McpTaskStore  *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
slow_store_load_async (McpTaskStore        *store,
                       const char          *task_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TestSlowStore *self = TEST_SLOW_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  JsonObject *record = g_hash_table_lookup (self->records, task_id);

  g_task_return_pointer (task, record != NULL ? json_object_ref (record) : NULL,
                         (GDestroyNotify)json_object_unref);
}

static JsonObject *
slow_store_load_finish (McpTaskStore  *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_slow_store_finalize (GObject *object)
{
  g_hash_table_unref (TEST_SLOW_STORE (object)->records);
  G_OBJECT_CLASS (test_slow_store_parent_class)->finalize (object);
}

static void
test_slow_store_class_init (TestSlowStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_slow_store_finalize;
}

static void
test_slow_store_iface_init (McpTaskStoreInterface *iface)
{
  iface->save_async = slow_store_save_async;
  iface->save_finish = slow_store_save_finish;
  iface->load_async = slow_store_load_async;
  iface->load_finish = slow_store_load_finish;
}

static void
test_slow_store_init (TestSlowStore *self)
{
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
}

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

static JsonObject *schema_of (const char *json);

/* staged: reports progress with a message at once, then waits for the test */
static void
staged_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->staged);
  fixture->staged = g_object_ref (invocation);
  mcp_request_context_report_progress (mcp_tool_invocation_get_context (invocation), 1, 3, "Halfway there");
}

/* asks_twice: asks for the same input key twice inside its task */
static void
asked_again_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  mcp_tool_invocation_take_error (invocation, error);
}

static void
asked_once_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{}}");

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  g_assert_no_error (error);
  mcp_request_context_elicit_async (MCP_REQUEST_CONTEXT (object), "sure", "Really sure?", schema, NULL,
                                    asked_again_cb, user_data);
}

static void
asks_twice_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{}}");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "sure", "Sure?", schema, NULL,
                                    asked_once_cb, g_object_ref (invocation));
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

/* confirm_cancellable: confirm, with a cancellable of its own that it
 * cancels 50 ms later; inside a task nothing watches it */
static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
confirm_cancellable_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "confirm",
                                    "Delete the file?", schema, cancellable, confirm_cb, g_object_ref (invocation));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, cancel_later_cb, g_object_ref (cancellable), g_object_unref);
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
  add_tool (fixture, "confirm_cancellable", confirm_cancellable_func, MCP_TASK_SUPPORT_REQUIRED, TRUE);
  add_tool (fixture, "mrtr_then_task", mrtr_then_task_func, MCP_TASK_SUPPORT_REQUIRED, FALSE);
  add_tool (fixture, "plain", slow_func, MCP_TASK_SUPPORT_FORBIDDEN, TRUE);
  add_tool (fixture, "staged", staged_func, MCP_TASK_SUPPORT_REQUIRED, TRUE);
  add_tool (fixture, "asks_twice", asks_twice_func, MCP_TASK_SUPPORT_REQUIRED, TRUE);
  fixture->peer = test_peer_new (fixture->server);
  fixture->next_id = 100;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->staged);
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

/* Inside a task, the cancellable given to an input request does not end
 * the wait: the task stays input_required until the client answers (and
 * the answer then meets a cancelled cancellable), or tasks/cancel. */
static void
test_input_cancellable (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "confirm_cancellable", "{}");
  g_autofree char *second_id = create_task (fixture, "confirm_cancellable", "{}");
  g_autofree char *update = NULL;
  g_autofree char *cancel = NULL;
  g_autoptr(JsonObject) waiting = wait_task (fixture, task_id, "working");
  g_autoptr(JsonObject) still = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) cancelled = NULL;

  g_assert_cmpstr (json_object_get_string_member (waiting, "status"), ==, "input_required");
  test_wait (150);
  still = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (still, "status"), ==, "input_required");

  update = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                            "\"content\":{\"ok\":true}}}," TASKS_META "}", task_id);
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
                                                  "text"), ==, "Operation was cancelled");

  /* the task's own cancellation is what ends the wait early */
  cancel = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", second_id);
  g_clear_pointer (&ack, json_object_unref);
  ack = request (fixture, "tasks/cancel", cancel);
  cancelled = get_task (fixture, second_id);
  g_assert_cmpstr (json_object_get_string_member (cancelled, "status"), ==, "cancelled");
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

  /* at most 100 task ids per listen request */
  {
    g_autoptr(GString) ids = g_string_new (NULL);
    g_autofree char *many = NULL;
    g_autoptr(JsonObject) refused = NULL;
    JsonObject *error;

    for (guint i = 0; i < 101; i++)
      g_string_append_printf (ids, "%s\"id-%u\"", i > 0 ? "," : "", i);
    many = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"N\",\"method\":\"subscriptions/listen\","
                            "\"params\":{\"notifications\":{\"taskIds\":[%s]}," TASKS_META "}}", ids->str);
    test_peer_send (fixture->peer, many);
    refused = test_peer_recv_object (fixture->peer);
    error = json_object_get_object_member (refused, "error");
    g_assert_cmpint (json_object_get_int_member (error, "code"), ==, -32602);
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "Invalid params: at most 100 “taskIds” per listen request");
  }

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

/* The library logs failed saves as warnings, which would end the test
 * (and g_test_expect_message() does not see structured logging). */
static guint save_warnings;

static GLogWriterOutput
count_save_warnings (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        g_pattern_match_simple ("Saving the task * failed (The store is away); trying again in 1000 ms *",
                                fields[i].value))
      {
        save_warnings++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Polls until the task's status message is @message. */
static JsonObject *
wait_status_message (Fixture    *fixture,
                     const char *task_id,
                     const char *message)
{
  for (guint i = 0; i < 200; i++)
    {
      JsonObject *task = get_task (fixture, task_id);

      if (g_strcmp0 (json_object_get_string_member_with_default (task, "statusMessage", NULL), message) == 0)
        return task;
      json_object_unref (task);
      test_wait (10);
    }

  g_error ("The task never said “%s”", message);
}

static gpointer
set_status_in_thread (gpointer user_data)
{
  mcp_request_context_set_status_message (user_data, "Finishing");
  return NULL;
}

/* A task has no request stream: progress messages become its status
 * message, which handlers may also set directly, from any thread. */
static void
test_status_message (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "staged", "{}");
  g_autoptr(JsonObject) halfway = wait_status_message (fixture, task_id, "Halfway there");
  g_autoptr(JsonObject) finishing = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) after = NULL;
  McpRequestContext *context = mcp_tool_invocation_get_context (fixture->staged);
  GThread *thread;

  g_assert_cmpstr (json_object_get_string_member (halfway, "status"), ==, "working");

  thread = g_thread_new ("status", set_status_in_thread, context);
  g_thread_join (thread);
  finishing = wait_status_message (fixture, task_id, "Finishing");
  g_assert_cmpstr (json_object_get_string_member (finishing, "status"), ==, "working");

  mcp_tool_invocation_return_text (fixture->staged, "done");
  done = wait_task (fixture, task_id, "working");
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (done, "statusMessage"), ==, "Finishing");

  /* nothing changes an ended task */
  mcp_request_context_set_status_message (context, "Too late");
  mcp_request_context_report_progress (context, 3, 3, "Too late");
  after = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (after, "statusMessage"), ==, "Finishing");
}

/* An input key names one request for the whole life of a task. */
static void
test_input_keys_unique (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, "asks_twice", "{}");
  g_autoptr(JsonObject) waiting = wait_task (fixture, task_id, "working");
  g_autofree char *update = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"sure\":{\"action\":\"accept\","
                                             "\"content\":{}}}," TASKS_META "}", task_id);
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) done = NULL;
  JsonObject *result;

  g_assert_cmpstr (json_object_get_string_member (waiting, "status"), ==, "input_required");
  ack = request (fixture, "tasks/update", update);
  g_assert_cmpstr (json_object_get_string_member (result_of (ack), "resultType"), ==, "complete");

  done = wait_task (fixture, task_id, "input_required");
  if (g_strcmp0 (json_object_get_string_member (done, "status"), "working") == 0)
    {
      g_clear_pointer (&done, json_object_unref);
      done = wait_task (fixture, task_id, "working");
    }
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  result = json_object_get_object_member (done, "result");
  g_assert_true (json_object_get_boolean_member (result, "isError"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0),
                                                  "text"), ==,
                   "The task already asked for the input “sure”; input keys must be unique for the life of a task");
}

/* Saves to a slow store are made one at a time and in order, failed ones
 * are tried again, and the store ends with the final record. */
static void
test_slow_store (Fixture       *fixture,
                 gconstpointer  user_data)
{
  TestSlowStore *store = g_object_new (TEST_TYPE_SLOW_STORE, NULL);
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) done = NULL;
  JsonObject *stored;

  mcp_server_set_task_store (fixture->server, MCP_TASK_STORE (store));
  task_id = create_task (fixture, "staged", "{}");
  /* the status message's save (100 ms) is under way while the task ends */
  mcp_tool_invocation_return_text (fixture->staged, "done");
  store->failures_left = 1;
  save_warnings = 0;

  done = wait_task (fixture, task_id, "working");
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");

  /* the failed save is tried again after a second */
  for (guint i = 0; i < 300 && (store->in_flight > 0 ||
                                g_strcmp0 (json_object_get_string_member (g_hash_table_lookup (store->records, task_id),
                                                                          "status"), "completed") != 0); i++)
    test_wait (10);
  g_assert_cmpuint (save_warnings, ==, 1);
  stored = g_hash_table_lookup (store->records, task_id);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (stored, "statusMessage"), ==, "Halfway there");
  /* created; the status message, which failed; its retry, with the final
   * record (the change made during the failed save is not saved apart) */
  g_assert_cmpuint (store->saves, ==, 3);

  /* and with the run gone, tasks/get reads the store */
  g_clear_pointer (&done, json_object_unref);
  done = get_task (fixture, task_id);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Tasks/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_log_set_writer_func (count_save_warnings, NULL, NULL);

  ADD ("capability", test_capability);
  ADD ("lifecycle", test_lifecycle);
  ADD ("errors", test_errors);
  ADD ("cancel", test_cancel);
  ADD ("input", test_input);
  ADD ("input-cancellable", test_input_cancellable);
  ADD ("mrtr-then-task", test_mrtr_then_task);
  ADD ("notifications", test_notifications);
  ADD ("expiry", test_expiry);
  ADD ("status-message", test_status_message);
  ADD ("input-keys-unique", test_input_keys_unique);
  ADD ("slow-store", test_slow_store);

#undef ADD

  return g_test_run ();
}
