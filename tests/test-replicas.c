/* test-replicas.c — several servers sharing a task store, an event bus and
 * a secret key, as replicas behind a load balancer do
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two (or more) McpServers in this process share a McpMemoryTaskStore, a
 * McpMemoryEventBus and a key: what crosses processes with Redis crosses
 * servers here, so that every rule of the core is checked without a
 * network. tests/scale-out/ runs the same story with processes, Redis and
 * nginx.
 */

#include <string.h>

#include "test-util.h"

#define TASKS_CAPS "{\"elicitation\":{},\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"
#define META_WITH(caps) \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":" caps "}"
#define TASKS_META META_WITH (TASKS_CAPS)

/* A store in front of another one that can be cut off, as a process that
 * loses its network is: saves and loads fail while it is down. */
#define TEST_TYPE_SWITCH_STORE (test_switch_store_get_type ())
G_DECLARE_FINAL_TYPE (TestSwitchStore, test_switch_store, TEST, SWITCH_STORE, GObject)

struct _TestSwitchStore
{
  GObject       parent_instance;
  McpTaskStore *inner;
  gboolean      down;
};

static void test_switch_store_iface_init (McpTaskStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSwitchStore, test_switch_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TASK_STORE, test_switch_store_iface_init))

static void
switch_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mcp_task_store_save_finish (MCP_TASK_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
switch_store_save_async (McpTaskStore        *store,
                         const char          *task_id,
                         JsonObject          *record,
                         gint64               expires_at,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TestSwitchStore *self = TEST_SWITCH_STORE (store);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  if (self->down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "The store is away");
      g_object_unref (task);
      return;
    }

  mcp_task_store_save_async (self->inner, task_id, record, expires_at, cancellable, switch_saved_cb, task);
}

static gboolean
switch_store_save_finish (McpTaskStore  *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
switch_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *record = mcp_task_store_load_finish (MCP_TASK_STORE (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify)json_object_unref);
}

static void
switch_store_load_async (McpTaskStore        *store,
                         const char          *task_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TestSwitchStore *self = TEST_SWITCH_STORE (store);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  if (self->down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "The store is away");
      g_object_unref (task);
      return;
    }

  mcp_task_store_load_async (self->inner, task_id, cancellable, switch_loaded_cb, task);
}

static JsonObject *
switch_store_load_finish (McpTaskStore  *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_switch_store_iface_init (McpTaskStoreInterface *iface)
{
  iface->save_async = switch_store_save_async;
  iface->save_finish = switch_store_save_finish;
  iface->load_async = switch_store_load_async;
  iface->load_finish = switch_store_load_finish;
}

static void
test_switch_store_finalize (GObject *object)
{
  g_clear_object (&TEST_SWITCH_STORE (object)->inner);
  G_OBJECT_CLASS (test_switch_store_parent_class)->finalize (object);
}

static void
test_switch_store_class_init (TestSwitchStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_switch_store_finalize;
}

static void
test_switch_store_init (TestSwitchStore *self)
{
}

/* The replicas */

#define N_REPLICAS 3

typedef struct
{
  McpTaskStore    *store;
  McpEventBus     *bus;
  TestSwitchStore *switch_store;   /* replica 0's way to the store */
  McpServer       *servers[N_REPLICAS];
  TestPeer        *peers[N_REPLICAS];
  guint            next_id;
  guint            cancelled;
  guint            finished;
  guint            runs[N_REPLICAS];
} Fixture;

/* Library warnings a test provokes on purpose, counted instead of fatal. */
static guint expected_warnings;

static GLogWriterOutput
count_expected_warnings (GLogLevelFlags   log_level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        (g_pattern_match_simple ("Saving the task * failed (The store is away); trying again in *",
                                 fields[i].value) ||
         g_pattern_match_simple ("The task * failed: the process running it stopped renewing its lease",
                                 fields[i].value)))
      {
        expected_warnings++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* A cancellable wait: "done" after arguments.ms */
typedef struct
{
  McpToolInvocation *invocation;
  Fixture           *fixture;
  GSource           *timeout;
  GSource           *cancelled;
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
  else
    {
      sleep_call->fixture->finished++;
      mcp_tool_invocation_return_text (sleep_call->invocation, "done");
    }

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
slow_func (McpTool           *tool,
           McpToolInvocation *invocation,
           gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  Sleep *sleep_call = g_new0 (Sleep, 1);

  sleep_call->invocation = g_object_ref (invocation);
  sleep_call->fixture = user_data;
  sleep_call->timeout = g_timeout_source_new (json_object_get_int_member_with_default (arguments, "ms", 20));
  g_source_set_callback (sleep_call->timeout, sleep_timeout_cb, sleep_call, NULL);
  g_source_attach (sleep_call->timeout, NULL);
  sleep_call->cancelled = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));
  g_source_set_callback (sleep_call->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb), sleep_call, NULL);
  g_source_attach (sleep_call->cancelled, NULL);
}

static JsonObject *
schema_of (const char *json)
{
  g_autoptr(JsonNode) node = test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

/* confirm: asks for a confirmation (in a task: tasks/update; else MRTR) */
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
confirm_func (McpTool           *tool,
              McpToolInvocation *invocation,
              gpointer           user_data)
{
  g_autoptr(JsonObject) schema = schema_of ("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},"
                                            "\"required\":[\"ok\"]}");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "confirm",
                                    "Delete the file?", schema, NULL, confirm_cb, g_object_ref (invocation));
}

static void
add_tool (McpServer        *server,
          const char       *name,
          McpToolAsyncFunc  func,
          McpTaskSupport    support,
          Fixture          *fixture)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, NULL);

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_async_func (tool, func, fixture, NULL);
  mcp_tool_set_task_support (tool, support);
  mcp_server_add_tool (server, tool);
}

static GBytes *
key_of (char c)
{
  guint8 key[32];

  memset (key, c, sizeof key);
  return g_bytes_new (key, sizeof key);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GBytes) key = key_of ('k');

  fixture->store = mcp_memory_task_store_new ();
  fixture->bus = mcp_memory_event_bus_new ();
  fixture->switch_store = g_object_new (TEST_TYPE_SWITCH_STORE, NULL);
  fixture->switch_store->inner = g_object_ref (fixture->store);

  for (guint i = 0; i < N_REPLICAS; i++)
    {
      McpServer *server = mcp_server_new ("test-server", "1.2.3");

      mcp_server_set_task_store (server, i == 0 ? MCP_TASK_STORE (fixture->switch_store) : fixture->store);
      mcp_server_set_event_bus (server, fixture->bus);
      mcp_server_set_secret_key (server, key, 0);
      mcp_server_set_task_poll_interval (server, 100);
      add_tool (server, "slow", slow_func, MCP_TASK_SUPPORT_OPTIONAL, fixture);
      add_tool (server, "confirm", confirm_func, MCP_TASK_SUPPORT_OPTIONAL, fixture);
      fixture->servers[i] = server;
      fixture->peers[i] = test_peer_new (server);
    }

  fixture->next_id = 100;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_clear_pointer (&fixture->peers[i], test_peer_free);
      g_assert_finalize_object (fixture->servers[i]);
    }
  g_assert_finalize_object (fixture->switch_store);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->bus);
}

/* One request to replica @replica, its whole response object. */
static JsonObject *
request (Fixture    *fixture,
         guint       replica,
         const char *method,
         const char *params)
{
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"%s\",\"params\":%s}",
                                           fixture->next_id++, method, params);

  test_peer_send (fixture->peers[replica], line);
  return test_peer_recv_object (fixture->peers[replica]);
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

static int
error_code_of (JsonObject *response)
{
  g_assert_true (json_object_has_member (response, "error"));
  return json_object_get_int_member (json_object_get_object_member (response, "error"), "code");
}

static char *
create_task (Fixture    *fixture,
             guint       replica,
             const char *tool,
             const char *arguments)
{
  g_autofree char *params = g_strdup_printf ("{\"name\":\"%s\",\"arguments\":%s," TASKS_META "}", tool, arguments);
  g_autoptr(JsonObject) response = request (fixture, replica, "tools/call", params);
  JsonObject *result = result_of (response);

  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "task");
  return g_strdup (json_object_get_string_member (result, "taskId"));
}

static JsonObject *
get_task (Fixture    *fixture,
          guint       replica,
          const char *task_id)
{
  g_autofree char *params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  g_autoptr(JsonObject) response = request (fixture, replica, "tasks/get", params);

  return json_object_ref (result_of (response));
}

/* Polls replica @replica until the task's status is @status. */
static JsonObject *
wait_status (Fixture    *fixture,
             guint       replica,
             const char *task_id,
             const char *status)
{
  for (guint i = 0; i < 300; i++)
    {
      JsonObject *task = get_task (fixture, replica, task_id);

      if (g_strcmp0 (json_object_get_string_member (task, "status"), status) == 0)
        return task;
      json_object_unref (task);
      test_wait (10);
    }

  g_error ("The task never became %s on replica %u", status, replica);
}

static const char *
text_of_result (JsonObject *task)
{
  JsonArray *content = json_object_get_array_member (json_object_get_object_member (task, "result"), "content");

  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static void
listen (Fixture    *fixture,
        guint       replica,
        const char *id,
        const char *filter,
        const char *caps)
{
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"%s\",\"method\":\"subscriptions/listen\","
                                           "\"params\":{\"notifications\":%s," META_WITH ("%s") "}}",
                                           id, filter, caps);
  g_autoptr(JsonObject) ack = NULL;

  test_peer_send (fixture->peers[replica], line);
  ack = test_peer_recv_object (fixture->peers[replica]);
  g_assert_cmpstr (json_object_get_string_member (ack, "method"), ==, "notifications/subscriptions/acknowledged");
}

/* A change raised on one replica reaches the listen streams and legacy
 * sessions of every replica, each exactly once. */
static void
test_notifications (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("fresh", "A new tool");
  g_autoptr(TestPeer) legacy = NULL;

  listen (fixture, 0, "L0", "{\"toolsListChanged\":true}", "{}");
  listen (fixture, 2, "L2", "{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"notes://1\"]}", "{}");
  legacy = test_peer_new (fixture->servers[1]);
  test_peer_initialize (legacy, "2025-11-25");

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_server_add_tool (fixture->servers[1], tool);

  test_peer_expect (fixture->peers[0],
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\","
                    "\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"L0\"}}}");
  test_peer_expect (fixture->peers[2],
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\","
                    "\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"L2\"}}}");
  test_peer_expect (legacy, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");

  /* a resource update, by URI, on another replica again */
  mcp_server_notify_resource_updated (fixture->servers[0], "notes://1");
  mcp_server_notify_resource_updated (fixture->servers[0], "notes://2");
  test_peer_expect (fixture->peers[2],
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                    "\"params\":{\"uri\":\"notes://1\",\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"L2\"}}}");

  /* exactly once: nothing more anywhere */
  test_peer_expect_silence (fixture->peers[0], 50);
  test_peer_expect_silence (fixture->peers[2], 50);
  test_peer_expect_silence (legacy, 50);
}

/* A task created on one replica is followed on the others: tasks/get from
 * the store, notifications/tasks from the bus, and tasks/cancel from any
 * replica stops the work where it runs. */
static void
test_task_cancel (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, 1, "slow", "{\"ms\":60000}");
  g_autofree char *filter = g_strdup_printf ("{\"taskIds\":[\"%s\"]}", task_id);
  g_autofree char *params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  g_autoptr(JsonObject) working = get_task (fixture, 2, task_id);
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) notification = NULL;
  g_autoptr(JsonObject) on_runner = NULL;
  g_autoptr(JsonObject) again = NULL;
  JsonObject *notified;

  g_assert_cmpstr (json_object_get_string_member (working, "status"), ==, "working");
  g_assert_false (json_object_has_member (working, "x-lease"));
  g_assert_false (json_object_has_member (working, "x-expires"));

  listen (fixture, 0, "T", filter, TASKS_CAPS);

  ack = request (fixture, 2, "tasks/cancel", params);
  g_assert_cmpuint (json_object_get_size (result_of (ack)), >=, 1);
  g_assert_false (json_object_has_member (result_of (ack), "taskId"));

  /* the listener on a third replica hears of it, once */
  notification = test_peer_recv_object (fixture->peers[0]);
  g_assert_cmpstr (json_object_get_string_member (notification, "method"), ==, "notifications/tasks");
  notified = json_object_get_object_member (notification, "params");
  g_assert_cmpstr (json_object_get_string_member (notified, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (notified, "statusMessage"), ==, "Cancelled by the client");
  g_assert_false (json_object_has_member (notified, "x-lease"));
  test_peer_expect_silence (fixture->peers[0], 50);

  /* the work stopped where it ran */
  for (guint i = 0; i < 100 && fixture->cancelled == 0; i++)
    test_wait (5);
  g_assert_cmpuint (fixture->cancelled, ==, 1);
  on_runner = get_task (fixture, 1, task_id);
  g_assert_cmpstr (json_object_get_string_member (on_runner, "status"), ==, "cancelled");

  /* idempotent, from anywhere */
  again = request (fixture, 0, "tasks/cancel", params);
  result_of (again);
  g_clear_pointer (&again, json_object_unref);
  again = request (fixture, 1, "tasks/cancel", params);
  result_of (again);
  g_assert_cmpuint (fixture->cancelled, ==, 1);
}

/* The answers to a task's input request reach the replica that runs it,
 * through whichever replica the client talks to. */
static void
test_task_input (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *task_id = create_task (fixture, 0, "confirm", "{}");
  g_autoptr(JsonObject) waiting = wait_status (fixture, 2, task_id, "input_required");
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;

  g_assert_true (json_object_has_member (json_object_get_object_member (waiting, "inputRequests"), "confirm"));

  /* checked where they arrive: an answer that does not fit is refused */
  bad = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                         "\"content\":{\"ok\":\"yes\"}}}," TASKS_META "}", task_id);
  refused = request (fixture, 1, "tasks/update", bad);
  g_assert_cmpint (error_code_of (refused), ==, -32602);

  good = g_strdup_printf ("{\"taskId\":\"%s\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                          "\"content\":{\"ok\":true}}}," TASKS_META "}", task_id);
  ack = request (fixture, 1, "tasks/update", good);
  result_of (ack);

  done = wait_status (fixture, 2, task_id, "completed");
  g_assert_cmpstr (text_of_result (done), ==, "deleted");
}

/* A replica cut off from the store stops renewing the lease of its task;
 * another replica that reads the record turns it failed; when the first
 * one is back, its save is refused and it stops the work: the failure
 * stands everywhere. */
static void
test_lease (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(JsonObject) working = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) notification = NULL;
  g_autoptr(JsonObject) on_runner = NULL;
  JsonObject *error;

  mcp_server_set_task_lease (fixture->servers[0], 1000);
  task_id = create_task (fixture, 0, "slow", "{\"ms\":60000}");
  filter = g_strdup_printf ("{\"taskIds\":[\"%s\"]}", task_id);
  listen (fixture, 2, "T", filter, TASKS_CAPS);

  /* renewed while all is well: still working after two leases */
  test_wait (2000);
  working = get_task (fixture, 1, task_id);
  g_assert_cmpstr (json_object_get_string_member (working, "status"), ==, "working");

  expected_warnings = 0;
  fixture->switch_store->down = TRUE;
  test_wait (1500);

  failed = get_task (fixture, 1, task_id);
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (failed, "statusMessage"), ==,
                   "The server process running the task stopped: its lease lapsed before the task finished");
  error = json_object_get_object_member (failed, "error");
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, -32603);
  g_assert_false (json_object_has_member (failed, "x-lease"));

  notification = test_peer_recv_object (fixture->peers[2]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (notification, "params"), "status"),
                   ==, "failed");

  /* back: the renewal is refused, the work stops, the store's record
   * stands on the runner too */
  g_assert_cmpuint (fixture->cancelled, ==, 0);
  fixture->switch_store->down = FALSE;
  for (guint i = 0; i < 300 && fixture->cancelled == 0; i++)
    test_wait (10);
  g_assert_cmpuint (fixture->cancelled, ==, 1);
  on_runner = get_task (fixture, 0, task_id);
  g_assert_cmpstr (json_object_get_string_member (on_runner, "status"), ==, "failed");
  g_assert_cmpuint (expected_warnings, >=, 2);
  test_peer_expect_silence (fixture->peers[2], 50);
}

/* A listener hears of a lapsed lease without anybody polling: its own
 * replica reads the records of the tasks it waits on once per lease. */
static void
test_lease_listener (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(JsonObject) notification = NULL;
  JsonObject *params;

  for (guint i = 0; i < N_REPLICAS; i++)
    mcp_server_set_task_lease (fixture->servers[i], 1000);
  task_id = create_task (fixture, 0, "slow", "{\"ms\":60000}");
  filter = g_strdup_printf ("{\"taskIds\":[\"%s\"]}", task_id);
  listen (fixture, 2, "T", filter, TASKS_CAPS);

  /* all is well for a while: nothing to hear */
  test_peer_expect_silence (fixture->peers[2], 2000);

  fixture->switch_store->down = TRUE;
  notification = test_peer_recv_object (fixture->peers[2]);
  params = json_object_get_object_member (notification, "params");
  g_assert_cmpstr (json_object_get_string_member (notification, "method"), ==, "notifications/tasks");
  g_assert_cmpstr (json_object_get_string_member (params, "taskId"), ==, task_id);
  g_assert_cmpstr (json_object_get_string_member (params, "status"), ==, "failed");
  test_peer_expect_silence (fixture->peers[2], 1500);

  fixture->switch_store->down = FALSE;
  for (guint i = 0; i < 300 && fixture->cancelled == 0; i++)
    test_wait (10);
  g_assert_cmpuint (fixture->cancelled, ==, 1);
}

static void
cancel_and_wait (Fixture    *fixture,
                 guint       replica,
                 const char *task_id)
{
  g_autofree char *params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);
  g_autoptr(JsonObject) ack = request (fixture, replica, "tasks/cancel", params);

  result_of (ack);
  for (guint i = 0; i < 300 && fixture->cancelled == 0; i++)
    test_wait (10);
  g_assert_cmpuint (fixture->cancelled, ==, 1);
}

/* A store away for less than the lease: saves are tried again often
 * enough that the lease is renewed before it lapses, and no replica
 * finds it lapsed. */
static void
test_outage_within_lease (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;

  for (guint i = 0; i < N_REPLICAS; i++)
    mcp_server_set_task_lease (fixture->servers[i], 1000);
  task_id = create_task (fixture, 0, "slow", "{\"ms\":60000}");

  /* renewed at 333 ms; away from 400 to 900 ms, when the renewal of
   * 666 ms fails; the lease of 333 ms lapses at 1333 ms */
  test_wait (400);
  fixture->switch_store->down = TRUE;
  test_wait (500);
  fixture->switch_store->down = FALSE;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(JsonObject) task = get_task (fixture, 1, task_id);

      g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "working");
      test_wait (50);
    }
  g_assert_cmpuint (fixture->cancelled, ==, 0);

  cancel_and_wait (fixture, 1, task_id);
}

/* A task that ends while the store is away for long: its final record is
 * tried again until it lands, and its replica answers from it meanwhile. */
static void
test_ended_in_outage (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) on_runner = NULL;
  g_autoptr(JsonObject) done = NULL;

  for (guint i = 0; i < N_REPLICAS; i++)
    mcp_server_set_task_lease (fixture->servers[i], 1000);
  task_id = create_task (fixture, 0, "slow", "{\"ms\":300}");
  expected_warnings = 0;
  fixture->switch_store->down = TRUE;
  for (guint i = 0; i < 100 && fixture->finished == 0; i++)
    test_wait (10);
  g_assert_cmpuint (fixture->finished, ==, 1);

  /* more than the 8 tries the runs once made, at a third of the lease */
  test_wait (3500);
  on_runner = get_task (fixture, 0, task_id);
  g_assert_cmpstr (json_object_get_string_member (on_runner, "status"), ==, "completed");

  fixture->switch_store->down = FALSE;
  test_wait (700);
  done = get_task (fixture, 1, task_id);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_assert_cmpstr (text_of_result (done), ==, "done");
  /* a dozen failed saves, one warning */
  g_assert_cmpuint (expected_warnings, ==, 1);
}

/* A replica fails a task whose lease lapsed; the replica that ran it
 * finishes it all the same, but the store refuses its final record:
 * listeners hear only of the failure, which tasks/get says too. */
static void
test_final_after_lapse (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *task_id = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) notification = NULL;

  for (guint i = 0; i < N_REPLICAS; i++)
    mcp_server_set_task_lease (fixture->servers[i], 1000);
  task_id = create_task (fixture, 0, "slow", "{\"ms\":2000}");
  filter = g_strdup_printf ("{\"taskIds\":[\"%s\"]}", task_id);
  listen (fixture, 2, "T", filter, TASKS_CAPS);

  fixture->switch_store->down = TRUE;
  failed = wait_status (fixture, 1, task_id, "failed");
  notification = test_peer_recv_object (fixture->peers[2]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (notification, "params"), "status"),
                   ==, "failed");

  /* the work ends while the store is away; then the store is back */
  for (guint i = 0; i < 300 && fixture->finished == 0; i++)
    test_wait (10);
  g_assert_cmpuint (fixture->finished, ==, 1);
  test_wait (100);
  fixture->switch_store->down = FALSE;

  g_clear_pointer (&failed, json_object_unref);
  failed = wait_status (fixture, 0, task_id, "failed");
  test_peer_expect_silence (fixture->peers[2], 500);
}

/* A finished record is final in the memory store. */
static void
test_final_records (void)
{
  g_autoptr(McpTaskStore) store = mcp_memory_task_store_new ();
  g_autoptr(JsonNode) working = test_parse ("{\"taskId\":\"t\",\"status\":\"working\"}");
  g_autoptr(JsonNode) done = test_parse ("{\"taskId\":\"t\",\"status\":\"completed\"}");
  g_autoptr(JsonNode) cancelled = test_parse ("{\"taskId\":\"t\",\"status\":\"cancelled\"}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;

  g_assert_false (mcp_task_record_is_final (json_node_get_object (working)));
  g_assert_true (mcp_task_record_is_final (json_node_get_object (done)));

  mcp_task_store_save_async (store, "t", json_node_get_object (working), 0, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mcp_task_store_save_finish (store, result, &error));
  g_clear_object (&result);

  mcp_task_store_save_async (store, "t", json_node_get_object (done), 0, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mcp_task_store_save_finish (store, result, &error));
  g_clear_object (&result);

  mcp_task_store_save_async (store, "t", json_node_get_object (cancelled), 0, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mcp_task_store_save_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_object (&result);

  mcp_task_store_load_async (store, "t", NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  record = mcp_task_store_load_finish (store, result, NULL);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "completed");
}

static gboolean
memory_save (McpTaskStore  *store,
             const char    *json,
             GError       **error)
{
  g_autoptr(JsonNode) record = test_parse (json);
  g_autoptr(GAsyncResult) result = NULL;

  mcp_task_store_save_async (store, "t", json_node_get_object (record), 0, NULL,
                             test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mcp_task_store_save_finish (store, result, error);
}

/* A record that fails a lapsed lease replaces only a record that still
 * holds that lease (its process may have renewed it meanwhile). */
static void
test_lease_records (void)
{
  g_autoptr(McpTaskStore) store = mcp_memory_task_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;

  g_assert_true (memory_save (store, "{\"status\":\"working\",\"x-lease\":1000}", &error));
  g_assert_true (memory_save (store, "{\"status\":\"working\",\"x-lease\":2000}", &error));
  g_assert_false (memory_save (store, "{\"status\":\"failed\",\"x-replaces-lease\":1000}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (memory_save (store, "{\"status\":\"failed\",\"x-replaces-lease\":2000}", &error));
  g_assert_no_error (error);

  mcp_task_store_load_async (store, "t", NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  record = mcp_task_store_load_finish (store, result, NULL);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "failed");
  g_assert_false (json_object_has_member (record, "x-replaces-lease"));
}

/* A requestState minted by one replica verifies on another with the same
 * key; a replica with another key refuses it; rotation keeps the previous
 * key valid for its grace period. */
static void
test_request_state (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = request (fixture, 0, "tools/call",
                                         "{\"name\":\"confirm\",\"arguments\":{}," META_WITH ("{\"elicitation\":{}}") "}");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) foreign = NULL;
  g_autoptr(JsonObject) rotated = NULL;
  g_autoptr(GBytes) old_key = key_of ('k');
  g_autoptr(GBytes) new_key = key_of ('n');
  g_autoptr(GBytes) other_key = key_of ('o');
  g_autofree char *retry = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  const char *state;

  g_assert_cmpstr (json_object_get_string_member (result_of (first), "resultType"), ==, "input_required");
  state = json_object_get_string_member (result_of (first), "requestState");
  retry = g_strdup_printf ("{\"name\":\"confirm\",\"arguments\":{},\"inputResponses\":{\"confirm\":"
                           "{\"action\":\"accept\",\"content\":{\"ok\":true}}},\"requestState\":\"%s\","
                           META_WITH ("{\"elicitation\":{}}") "}", state);

  /* the retry lands on another replica */
  second = request (fixture, 1, "tools/call", retry);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (second), "content"), 0),
                                                  "text"), ==, "deleted");

  /* a replica with a key of its own refuses it */
  mcp_server_set_secret_key (fixture->servers[2], other_key, 0);
  foreign = request (fixture, 2, "tools/call", retry);
  g_assert_cmpint (error_code_of (foreign), ==, -32602);

  /* rotation: the new key signs, the old one still verifies */
  mcp_server_set_secret_key (fixture->servers[2], old_key, 0);
  mcp_server_set_secret_key (fixture->servers[2], new_key, 60);
  rotated = request (fixture, 2, "tools/call", retry);
  result_of (rotated);

  /* signed handles too */
  handle = mcp_server_mint_handle (fixture->servers[0], "basket", "42", 60);
  value = mcp_server_verify_handle (fixture->servers[1], "basket", handle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "42");
  g_free (value);
  value = mcp_server_verify_handle (fixture->servers[2], "basket", handle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "42");

  /* what the new key signs, a replica with only the old key refuses */
  g_free (handle);
  handle = mcp_server_mint_handle (fixture->servers[2], "basket", "43", 60);
  g_free (value);
  value = mcp_server_verify_handle (fixture->servers[0], "basket", handle, &error);
  g_assert_null (value);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_expected_warnings, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Replicas/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("notifications", test_notifications);
  ADD ("task-cancel", test_task_cancel);
  ADD ("task-input", test_task_input);
  ADD ("lease", test_lease);
  ADD ("lease-listener", test_lease_listener);
  ADD ("outage-within-lease", test_outage_within_lease);
  ADD ("ended-in-outage", test_ended_in_outage);
  ADD ("final-after-lapse", test_final_after_lapse);
  ADD ("request-state", test_request_state);
  g_test_add_func ("/Mcp/Replicas/final-records", test_final_records);
  g_test_add_func ("/Mcp/Replicas/lease-records", test_lease_records);

#undef ADD

  return g_test_run ();
}
