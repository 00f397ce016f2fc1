/* test-client.c — McpClient against the example servers, in both eras
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every test runs twice: once as a 2026-07-28 client (the default, which
 * the servers answer), once forced to the legacy handshake. The servers
 * are examples/example-server and examples/feature-server, started as
 * child processes over stdio, and an in-process McpServer for what the
 * examples cannot do (list changes).
 */

#include <string.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "test-util.h"

static const char *example_path;
static const char *feature_path;

typedef struct
{
  McpClient *client;
  McpEra     era;
} Fixture;

static void
fixture_connect (Fixture    *fixture,
                 const char *server)
{
  const char *argv[] = { server, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->client = mcp_client_new_for_command (argv);
  mcp_client_set_client_info (fixture->client, "test-client", "0.1");
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);

  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (fixture->client), ==, fixture->era);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->era = GPOINTER_TO_INT (user_data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (fixture->client != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      GSubprocess *process = mcp_client_get_subprocess (fixture->client);

      mcp_client_close_async (fixture->client, NULL, test_store_result, &result);
      test_wait_result (&result, 20000);
      g_assert_true (mcp_client_close_finish (fixture->client, result, NULL));
      g_clear_object (&result);

      /* The server exited on its own when its input was closed. */
      if (process != NULL)
        {
          g_assert_true (g_subprocess_get_if_exited (process));
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
        }

      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (fixture->client);
    }
}

static McpToolResult *
call (Fixture    *fixture,
      const char *name,
      const char *arguments,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? test_parse (arguments) : NULL;

  mcp_client_call_tool_async (fixture->client, name, node != NULL ? json_node_get_object (node) : NULL,
                              NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  return mcp_client_call_tool_finish (fixture->client, result, error);
}

static const char *
first_text (McpToolResult *result)
{
  JsonArray *content = mcp_tool_result_get_content (result);

  g_assert_cmpuint (json_array_get_length (content), >=, 1);
  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static char *
names_of (JsonArray  *items,
          const char *member)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (items, i), member));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* ------------------------------------------------------------------ */

static void
test_connect (Fixture       *fixture,
              gconstpointer  user_data)
{
  JsonObject *info;

  fixture_connect (fixture, example_path);

  info = mcp_client_get_server_info (fixture->client);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "makemcp-glib-example");
  g_assert_cmpstr (json_object_get_string_member (info, "version"), ==, "0.1.0");
  g_assert_cmpstr (mcp_client_get_protocol_version (fixture->client), ==,
                   fixture->era == MCP_ERA_MODERN ? MCP_PROTOCOL_VERSION_LATEST : MCP_PROTOCOL_VERSION_LATEST_LEGACY);
  g_assert_true (g_str_has_prefix (mcp_client_get_instructions (fixture->client), "Arithmetic"));
  g_assert_true (json_object_has_member (mcp_client_get_server_capabilities (fixture->client), "tools"));
  g_assert_nonnull (mcp_client_get_subprocess (fixture->client));
}

static void
test_tools (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(McpToolResult) sum = NULL;
  g_autoptr(McpToolResult) count = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  JsonNode *structured;

  fixture_connect (fixture, example_path);

  mcp_client_list_tools_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  tools = mcp_client_list_tools_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  names = names_of (tools, "name");
  g_assert_cmpstr (names, ==, "add counter echo sleep");
  g_assert_true (json_object_has_member (json_array_get_object_element (tools, 0), "inputSchema"));

  sum = call (fixture, "add", "{\"a\":2,\"b\":40}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (sum), ==, "42");
  g_assert_false (mcp_tool_result_get_is_error (sum));

  count = call (fixture, "counter", "{\"step\":5}", &error);
  g_assert_no_error (error);
  structured = mcp_tool_result_get_structured_content (count);
  g_assert_nonnull (structured);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (structured), "count"), ==, 5);
}

static void
test_tool_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(McpToolResult) unknown = NULL;
  g_autoptr(McpToolResult) bad = NULL;
  g_autoptr(McpToolResult) overflow = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture, example_path);

  unknown = call (fixture, "no-such-tool", "{}", &error);
  g_assert_null (unknown);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "no-such-tool"));
  g_clear_error (&error);

  /* Arguments that do not fit the schema. */
  bad = call (fixture, "add", "{\"a\":\"two\",\"b\":3}", &error);
  if (bad != NULL)
    g_assert_true (mcp_tool_result_get_is_error (bad));
  else
    g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  /* A tool that ran and failed is a result, not an error. */
  overflow = call (fixture, "add", "{\"a\":9223372036854775807,\"b\":1}", &error);
  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (overflow));
  g_assert_nonnull (strstr (first_text (overflow), "64-bit"));
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GAsyncResult *results[8] = { NULL, };
  gint64 start;

  fixture_connect (fixture, example_path);

  /* Eight sleeps of 300 ms at once take far less than 8 × 300 ms. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(JsonObject) arguments = json_object_new ();

      json_object_set_int_member (arguments, "ms", 300);
      mcp_client_call_tool_async (fixture->client, "sleep", arguments, NULL, test_store_result, &results[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(McpToolResult) answer = NULL;
      g_autoptr(GError) error = NULL;

      test_wait_result (&results[i], 20000);
      answer = mcp_client_call_tool_finish (fixture->client, results[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (first_text (answer), ==, "Slept 300 ms");
      g_clear_object (&results[i]);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);
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
  gint64 start = g_get_monotonic_time ();

  fixture_connect (fixture, example_path);

  json_object_set_int_member (arguments, "ms", 30000);
  mcp_client_call_tool_async (fixture->client, "sleep", arguments, cancellable, test_store_result, &result);
  test_wait (100);
  g_cancellable_cancel (cancellable);
  test_wait_result (&result, 20000);
  answer = mcp_client_call_tool_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * 1000 * 1000);
  g_clear_error (&error);

  /* The connection goes on. */
  after = call (fixture, "echo", "{\"text\":\"still here\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (after), ==, "still here");
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture, example_path);
  mcp_client_set_timeout (fixture->client, 200);
  answer = call (fixture, "sleep", "{\"ms\":20000}", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
test_ping (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture, example_path);
  mcp_client_ping_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_ping_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint    progress;
  double   last_progress;
  double   total;
  GString *logs;
} Events;

static void
progress_cb (McpClient  *client,
             const char *method,
             const char *target,
             double      progress,
             double      total,
             const char *message,
             Events     *events)
{
  g_assert_cmpstr (method, ==, "tools/call");
  g_assert_cmpstr (target, ==, "count_words");
  g_assert_cmpfloat (progress, >, events->last_progress);
  events->progress++;
  events->last_progress = progress;
  events->total = total;
}

static void
log_cb (McpClient   *client,
        McpLogLevel  level,
        const char  *logger,
        JsonNode    *data,
        Events      *events)
{
  g_string_append_printf (events->logs, "%s:%s;", mcp_log_level_to_string (level),
                          JSON_NODE_HOLDS_VALUE (data) ? json_node_get_string (data) : "?");
}

static void
test_progress_and_logs (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) logs = g_string_new (NULL);
  Events events = { 0, 0, 0, logs };

  fixture_connect (fixture, feature_path);
  g_signal_connect (fixture->client, "progress", G_CALLBACK (progress_cb), &events);
  g_signal_connect (fixture->client, "log-message", G_CALLBACK (log_cb), &events);
  mcp_client_set_log_level (fixture->client, "info");

  answer = call (fixture, "count_words", "{\"text\":\"one two three four\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "4 words");
  g_assert_cmpuint (events.progress, ==, 4);
  g_assert_cmpfloat (events.total, ==, 4);
  /* info and above only: no debug messages */
  g_assert_cmpstr (logs->str, ==, "info:Counting started;info:Counting finished;");
}

static gboolean
input_cb (McpClient       *client,
          McpInputRequest *request,
          guint           *count)
{
  const char *method = mcp_input_request_get_method (request);

  (*count)++;
  if (strcmp (method, "elicitation/create") == 0)
    {
      g_autoptr(JsonObject) content = json_object_new ();

      g_assert_cmpstr (mcp_input_request_get_message (request), ==, "Really clear every note?");
      g_assert_nonnull (mcp_input_request_get_requested_schema (request));
      json_object_set_boolean_member (content, "confirm", TRUE);
      mcp_input_request_accept (request, content);
      return TRUE;
    }

  if (strcmp (method, "sampling/createMessage") == 0)
    {
      mcp_input_request_return_sampled_text (request, "Two notes", "test-model");
      return TRUE;
    }

  return FALSE;
}

static void
declare_capabilities (Fixture *fixture)
{
  g_autoptr(JsonNode) capabilities = test_parse ("{\"elicitation\":{\"form\":{}},\"sampling\":{}}");

  mcp_client_set_capabilities (fixture->client, json_node_get_object (capabilities));
}

static void
test_elicitation (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *argv[] = { feature_path, NULL };
  g_autoptr(McpToolResult) added = NULL;
  g_autoptr(McpToolResult) declined = NULL;
  g_autoptr(McpToolResult) cleared = NULL;
  g_autoptr(McpToolResult) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gulong handler;

  fixture->client = mcp_client_new_for_command (argv);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
  declare_capabilities (fixture);
  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));

  added = call (fixture, "add_note", "{\"text\":\"first\"}", &error);
  g_assert_no_error (error);

  /* Nobody answers: the client declines, nothing is cleared. */
  declined = call (fixture, "confirm_clear", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (declined), ==, "Nothing was cleared");

  handler = g_signal_connect (fixture->client, "input-request", G_CALLBACK (input_cb), &count);
  cleared = call (fixture, "confirm_clear", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (cleared), ==, "All notes were cleared");
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (fixture->client, handler);

  listed = call (fixture, "list_notes", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (mcp_tool_result_get_structured_content (listed)),
                                                                         "notes")), ==, 0);
}

static void
test_sampling (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *argv[] = { feature_path, NULL };
  g_autoptr(McpToolResult) summary = NULL;
  g_autoptr(McpToolResult) refused = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gulong handler;

  fixture->client = mcp_client_new_for_command (argv);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
  declare_capabilities (fixture);
  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));

  handler = g_signal_connect (fixture->client, "input-request", G_CALLBACK (input_cb), &count);
  summary = call (fixture, "summarize", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (summary), ==, "Summary: Two notes");
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (fixture->client, handler);

  /* Declared, but nobody answers. */
  refused = call (fixture, "summarize", "{}", &error);
  if (fixture->era == MCP_ERA_MODERN)
    g_assert_error (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_INPUT_UNAVAILABLE);
  else if (refused != NULL)
    g_assert_true (mcp_tool_result_get_is_error (refused));
  else
    g_assert_error (error, MCP_ERROR, MCP_ERROR_METHOD_NOT_FOUND);
}

static void
test_undeclared_capability (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* Without the sampling capability, the server does not ask. */
  fixture_connect (fixture, feature_path);
  answer = call (fixture, "summarize", "{}", &error);
  if (fixture->era == MCP_ERA_MODERN)
    g_assert_error (error, MCP_ERROR, MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY);
  else
    {
      g_assert_no_error (error);
      g_assert_true (mcp_tool_result_get_is_error (answer));
    }
}

static void
test_roots (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *argv[] = { feature_path, NULL };
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->client = mcp_client_new_for_command (argv);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_add_root (fixture->client, "file:///srv/a", "A");
  mcp_client_add_root (fixture->client, "file:///srv/b", NULL);
  mcp_client_add_root (fixture->client, "file:///srv/c", NULL);
  g_assert_true (mcp_client_remove_root (fixture->client, "file:///srv/c"));
  g_assert_false (mcp_client_remove_root (fixture->client, "file:///srv/c"));
  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));

  answer = call (fixture, "list_roots", "{}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "Roots: file:///srv/a file:///srv/b");
}

static void
task_status_cb (McpClient  *client,
                const char *task_id,
                const char *status,
                JsonObject *task,
                GString    *statuses)
{
  g_string_append_printf (statuses, "%s;", status);
}

static void
test_task (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);

  fixture_connect (fixture, feature_path);
  g_signal_connect (fixture->client, "task-status", G_CALLBACK (task_status_cb), statuses);

  answer = call (fixture, "archive", "{\"ms\":300}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "Archived every note");

  /* Only a 2026-07-28 client gets a task. */
  g_assert_cmpstr (statuses->str, ==, fixture->era == MCP_ERA_MODERN ? "working;completed;" : "");
}

static void
test_task_cancel (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture, feature_path);

  json_object_set_int_member (arguments, "ms", 20000);
  mcp_client_call_tool_async (fixture->client, "archive", arguments, cancellable, test_store_result, &result);
  test_wait (200);
  g_cancellable_cancel (cancellable);
  test_wait_result (&result, 20000);
  answer = mcp_client_call_tool_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_no_tasks (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *argv[] = { feature_path, NULL };
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) statuses = g_string_new (NULL);

  fixture->client = mcp_client_new_for_command (argv);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_set_follow_tasks (fixture->client, FALSE);
  g_signal_connect (fixture->client, "task-status", G_CALLBACK (task_status_cb), statuses);
  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));

  answer = call (fixture, "archive", "{\"ms\":10}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (answer), ==, "Archived every note");
  g_assert_cmpstr (statuses->str, ==, "");
}

static void
test_resources (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(McpResourceContents) missing = NULL;
  g_autoptr(McpToolResult) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *uri_templates = NULL;

  fixture_connect (fixture, feature_path);

  mcp_client_list_resources_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  resources = mcp_client_list_resources_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  names = names_of (resources, "uri");
  g_assert_cmpstr (names, ==, "notes://index");

  g_clear_object (&result);
  mcp_client_list_resource_templates_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  templates = mcp_client_list_resource_templates_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  uri_templates = names_of (templates, "uriTemplate");
  g_assert_cmpstr (uri_templates, ==, "notes://note/{id}");

  added = call (fixture, "add_note", "{\"text\":\"milk\"}", &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  mcp_client_read_resource_async (fixture->client, "notes://note/1", NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  contents = mcp_client_read_resource_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_resource_contents_get_items (contents), 0),
                                                  "text"), ==, "milk");

  g_clear_object (&result);
  mcp_client_read_resource_async (fixture->client, "notes://note/99", NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  missing = mcp_client_read_resource_finish (fixture->client, result, &error);
  g_assert_null (missing);
  g_assert_error (error, MCP_ERROR, (int)(fixture->era == MCP_ERA_MODERN ? MCP_ERROR_INVALID_PARAMS
                                                                        : MCP_ERROR_RESOURCE_NOT_FOUND));
}

static void
test_prompts (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) prompts = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(McpPromptResult) missing = NULL;
  g_autoptr(McpToolResult) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_auto(GStrv) values = NULL;
  JsonArray *messages;

  fixture_connect (fixture, feature_path);

  mcp_client_list_prompts_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  prompts = mcp_client_list_prompts_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (prompts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (prompts, 0), "name"), ==, "review_note");

  added = call (fixture, "add_note", "{\"text\":\"eggs\"}", &error);
  g_assert_no_error (error);

  json_object_set_string_member (arguments, "id", "1");
  g_clear_object (&result);
  mcp_client_get_prompt_async (fixture->client, "review_note", arguments, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  prompt = mcp_client_get_prompt_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  messages = mcp_prompt_result_get_messages (prompt);
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "user");

  json_object_set_string_member (arguments, "id", "7");
  g_clear_object (&result);
  mcp_client_get_prompt_async (fixture->client, "review_note", arguments, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  missing = mcp_client_get_prompt_finish (fixture->client, result, &error);
  g_assert_null (missing);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  g_clear_object (&result);
  mcp_client_complete_async (fixture->client, "ref/prompt", "review_note", "id", "", NULL, NULL,
                             test_store_result, &result);
  test_wait_result (&result, 20000);
  values = mcp_client_complete_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (values), ==, 1);
  g_assert_cmpstr (values[0], ==, "1");
}

static void
record_cb (McpClient  *client,
           const char *what,
           GString    *log)
{
  g_string_append_printf (log, "%s;", what);
}

static void
test_subscribe (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  fixture_connect (fixture, feature_path);
  g_signal_connect (fixture->client, "resource-updated", G_CALLBACK (record_cb), log);
  g_signal_connect (fixture->client, "list-changed::tools", G_CALLBACK (record_cb), log);

  mcp_client_listen (fixture->client);
  mcp_client_subscribe_resource_async (fixture->client, "notes://index", NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_subscribe_resource_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  /* Give the listen request time to be acknowledged. */
  test_wait (200);

  /* The first note changes the index and adds the delete_note tool. */
  added = call (fixture, "add_note", "{\"text\":\"bread\"}", &error);
  g_assert_no_error (error);
  while (strstr (log->str, "notes://index;") == NULL || strstr (log->str, "tools;") == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&result);
  mcp_client_unsubscribe_resource_async (fixture->client, "notes://index", NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_unsubscribe_resource_finish (fixture->client, result, &error));
}

static void
test_request (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  fixture_connect (fixture, example_path);
  mcp_client_request_async (fixture->client, "tools/list", NULL, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  answer = mcp_client_request_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "tools")), ==, 4);
  g_assert_true (json_object_has_member (answer, "ttlMs") == (fixture->era == MCP_ERA_MODERN));

  g_clear_object (&result);
  g_clear_pointer (&answer, json_object_unref);
  mcp_client_request_async (fixture->client, "no/such/method", NULL, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  answer = mcp_client_request_finish (fixture->client, result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_METHOD_NOT_FOUND);
}

static void
test_server_exits (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *argv[] = { "/bin/sh", "-c", "exit 3", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->client = mcp_client_new_for_command (argv);
  if (fixture->era == MCP_ERA_LEGACY)
    mcp_client_set_mode (fixture->client, MCP_CLIENT_MODE_LEGACY);
  mcp_client_connect_async (fixture->client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_false (mcp_client_connect_finish (fixture->client, result, &error));
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE));
  g_clear_object (&fixture->client);
}

static void
test_no_such_command (void)
{
  const char *argv[] = { "/nonexistent/mcp-server", NULL };
  g_autoptr(McpClient) client = mcp_client_new_for_command (argv);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_connect_async (client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_false (mcp_client_connect_finish (client, result, &error));
  g_assert_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/mcp-server"));
}

static void
test_bad_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpClient) client = NULL;

  client = mcp_client_new_for_url ("ftp://example.com/mcp", &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  client = mcp_client_new_for_url ("not a url", &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_unreachable_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port nobody listens on: take one, then let it go. */
  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/mcp", port);
  client = mcp_client_new_for_url (url, &error);
  g_assert_no_error (error);
  mcp_client_connect_async (client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_false (mcp_client_connect_finish (client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* An in-process server over pipes */

static void
test_in_process (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(McpStdioTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GInputStream) server_in = NULL;
  g_autoptr(GOutputStream) server_out = NULL;
  g_autoptr(GInputStream) client_in = NULL;
  g_autoptr(GOutputStream) client_out = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(McpTool) extra = NULL;
  int to_server[2];
  int to_client[2];

  g_assert_true (g_unix_open_pipe (to_server, FD_CLOEXEC, &error));
  g_assert_true (g_unix_open_pipe (to_client, FD_CLOEXEC, &error));
  server_in = g_unix_input_stream_new (to_server[0], TRUE);
  client_out = g_unix_output_stream_new (to_server[1], TRUE);
  client_in = g_unix_input_stream_new (to_client[0], TRUE);
  server_out = g_unix_output_stream_new (to_client[1], TRUE);

  transport = mcp_stdio_transport_new_for_streams (server, server_in, server_out);
  mcp_transport_start (MCP_TRANSPORT (transport));

  client = mcp_client_new_for_streams (client_in, client_out);
  g_signal_connect (client, "list-changed", G_CALLBACK (record_cb), log);
  mcp_client_connect_async (client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_cmpstr (json_object_get_string_member (mcp_client_get_server_info (client), "name"), ==, "test-server");

  mcp_client_listen (client);
  test_wait (100);

  extra = mcp_tool_new ("extra", "Another tool");
  mcp_server_add_tool (server, extra);
  while (strstr (log->str, "tools;") == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&result);
  mcp_client_call_tool_async (client, "fail", NULL, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  answer = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (answer));

  g_clear_object (&result);
  mcp_client_close_async (client, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  mcp_transport_close (MCP_TRANSPORT (transport));
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
    { "connect", test_connect },
    { "tools", test_tools },
    { "tool-errors", test_tool_errors },
    { "concurrent", test_concurrent },
    { "cancel", test_cancel },
    { "timeout", test_timeout },
    { "ping", test_ping },
    { "progress-and-logs", test_progress_and_logs },
    { "elicitation", test_elicitation },
    { "sampling", test_sampling },
    { "undeclared-capability", test_undeclared_capability },
    { "roots", test_roots },
    { "task", test_task },
    { "task-cancel", test_task_cancel },
    { "no-tasks", test_no_tasks },
    { "resources", test_resources },
    { "prompts", test_prompts },
    { "subscribe", test_subscribe },
    { "request", test_request },
    { "server-exits", test_server_exits },
  };

  g_test_init (&argc, &argv, NULL);

  example_path = g_getenv ("MCP_EXAMPLE_SERVER");
  feature_path = g_getenv ("MCP_FEATURE_SERVER");
  if (example_path == NULL || feature_path == NULL)
    {
      g_printerr ("MCP_EXAMPLE_SERVER and MCP_FEATURE_SERVER must be set\n");
      return 1;
    }

  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
      {
        g_autofree char *path = g_strdup_printf ("/Mcp/Client/%s/%s", eras[e].name, tests[t].name);

        g_test_add (path, Fixture, GINT_TO_POINTER (eras[e].era),
                    fixture_setup, tests[t].func, fixture_teardown);
      }

  g_test_add_func ("/Mcp/Client/no-such-command", test_no_such_command);
  g_test_add_func ("/Mcp/Client/bad-url", test_bad_url);
  g_test_add_func ("/Mcp/Client/unreachable-url", test_unreachable_url);
  g_test_add_func ("/Mcp/Client/in-process", test_in_process);

  return g_test_run ();
}
