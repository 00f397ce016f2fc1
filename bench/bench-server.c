/* bench-server.c — the makemcp-glib server the benchmarks drive
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-server [--tools N] [--max-in-flight N]
 *
 * Written with the public API only, the way an application would:
 *
 *   add    {a, b} integers → the sum as text (a synchronous McpToolFunc)
 *   sleep  {ms} → "Slept MS ms" after a timeout source (cancellation through
 *          g_cancellable_connect()); asynchronous, so
 *          thousands run at once; a cancelled call stops early
 *   ask    {} → asks the client to confirm with
 *          mcp_request_context_elicit_async(): an InputRequiredResult and
 *          a signed requestState in 2026-07-28, a server-to-client
 *          elicitation/create in a legacy session; "Confirmed" or
 *          "Declined"
 *   tool-00001 … tool-N  with --tools N: extra tools for the tools/list
 *          benchmark (and to show that calling add does not get slower
 *          as the number of tools grows)
 *
 * McpServer:max-in-flight is raised (65536 by default) so that 10,000
 * concurrent sleeps are accepted on one connection.
 */

#include <makemcp-glib/makemcp-glib.h>

static McpToolResult *
add_tool (McpTool            *tool,
          McpRequestContext  *context,
          JsonObject         *arguments,
          gpointer            user_data,
          GError            **error)
{
  gint64 a = json_object_get_int_member (arguments, "a");
  gint64 b = json_object_get_int_member (arguments, "b");
  char text[24];

  if ((b > 0 && a > G_MAXINT64 - b) || (b < 0 && a < G_MININT64 - b))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The sum does not fit in a 64-bit integer");
      return NULL;
    }

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, a + b);
  return mcp_tool_result_new_text (text);
}

typedef struct
{
  McpToolInvocation *invocation;
  GCancellable      *cancellable;
  GSource           *timeout;
  gulong             cancelled_id;
  gint64             ms;
} Sleep;

static gboolean sleep_cancelled_idle_cb (gpointer user_data);

static void
sleep_finish (Sleep    *call,
              gboolean  cancelled)
{
  g_source_destroy (call->timeout);
  g_cancellable_disconnect (call->cancellable, call->cancelled_id);

  if (cancelled)
    {
      mcp_tool_invocation_return_error_message (call->invocation, "Cancelled");
    }
  else
    {
      char text[48];

      g_snprintf (text, sizeof text, "Slept %" G_GINT64_FORMAT " ms", call->ms);
      mcp_tool_invocation_return_text (call->invocation, text);
    }

  g_source_unref (call->timeout);
  g_object_unref (call->cancellable);
  g_object_unref (call->invocation);
  g_free (call);
}

static gboolean
sleep_timeout_cb (gpointer user_data)
{
  sleep_finish (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

/* The request was cancelled: answered from the main loop, not from
 * within the ::cancelled emission. */
static void
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  Sleep *call = user_data;

  g_source_set_ready_time (call->timeout, 0);
  g_source_set_callback (call->timeout, sleep_cancelled_idle_cb, call, NULL);
}

static gboolean
sleep_cancelled_idle_cb (gpointer user_data)
{
  sleep_finish (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

static void
sleep_tool (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  Sleep *call = g_new0 (Sleep, 1);

  call->invocation = g_object_ref (invocation);
  call->ms = json_object_get_int_member (arguments, "ms");

  call->timeout = g_timeout_source_new ((guint)call->ms);
  g_source_set_callback (call->timeout, sleep_timeout_cb, call, NULL);
  g_source_attach (call->timeout, NULL);

  /* A signal handler rather than a second source (g_cancellable_source_new()):
   * GLib looks at every attached source on every iteration. */
  call->cancellable = g_object_ref (mcp_tool_invocation_get_cancellable (invocation));
  call->cancelled_id = g_cancellable_connect (call->cancellable, G_CALLBACK (sleep_cancelled_cb),
                                              call, NULL);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonObject *content;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      /* 2026-07-28, first round: MCP_REQUEST_ERROR_INPUT_REQUIRED, which
       * the server turns into an InputRequiredResult. */
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  content = json_object_get_object_member (answer, "content");
  if (g_strcmp0 (json_object_get_string_member_with_default (answer, "action", ""), "accept") == 0 &&
      content != NULL && json_object_get_boolean_member_with_default (content, "confirm", FALSE))
    mcp_tool_invocation_return_text (invocation, "Confirmed");
  else
    mcp_tool_invocation_return_text (invocation, "Declined");
}

static void
ask_tool (McpTool           *tool,
          McpToolInvocation *invocation,
          gpointer           user_data)
{
  JsonObject *schema = user_data;

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "confirm",
                                    "Go ahead?", schema, NULL,
                                    ask_cb, g_object_ref (invocation));
}

static McpToolResult *
extra_tool (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  return mcp_tool_result_new_text (mcp_tool_get_name (tool));
}

static McpTool *
tool_new (const char *name,
          const char *description,
          const char *input_schema)
{
  McpTool *tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);

  return tool;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpTool) add = NULL;
  g_autoptr(McpTool) sleeper = NULL;
  g_autoptr(McpTool) ask = NULL;
  g_autoptr(JsonNode) confirm_schema = NULL;
  int n_tools = 0;
  int max_in_flight = 65536;
  gboolean task_support = FALSE;
  const GOptionEntry entries[] = {
    { "tools", 0, 0, G_OPTION_ARG_INT, &n_tools,
      "Register N extra tools (tool-00001 …)", "N" },
    { "max-in-flight", 0, 0, G_OPTION_ARG_INT, &max_in_flight,
      "Most requests in flight on the connection (65536)", "N" },
    { "task-support", 0, 0, G_OPTION_ARG_NONE, &task_support,
      "add becomes a task for clients with the tasks extension (mcp-bench --tasks)", NULL },
    { NULL }
  };

  option_context = g_option_context_new (NULL);
  g_option_context_set_summary (option_context, "The makemcp-glib server of the benchmarks.");
  g_option_context_add_main_entries (option_context, entries, NULL);
  g_option_context_set_ignore_unknown_options (option_context, TRUE);   /* --info, --stdio */
  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("bench-server: %s\n", error->message);
      return 2;
    }
  if (n_tools < 0 || max_in_flight < 1)
    {
      g_printerr ("bench-server: --tools and --max-in-flight want positive numbers\n");
      return 2;
    }

  server = mcp_server_new ("makemcp-glib-bench", "0.1.0");
  mcp_server_set_max_in_flight (server, (guint)max_in_flight);

  add = tool_new ("add", "Add two integers and return the sum.",
                  "{\"type\":\"object\",\"properties\":{"
                  "\"a\":{\"type\":\"integer\",\"description\":\"First addend\"},"
                  "\"b\":{\"type\":\"integer\",\"description\":\"Second addend\"}},"
                  "\"required\":[\"a\",\"b\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (add, "readOnlyHint", TRUE);
  mcp_tool_set_func (add, add_tool, NULL, NULL);
  if (task_support)
    mcp_tool_set_task_support (add, MCP_TASK_SUPPORT_OPTIONAL);
  mcp_server_add_tool (server, add);

  sleeper = tool_new ("sleep", "Wait the given number of milliseconds, without blocking other calls.",
                      "{\"type\":\"object\",\"properties\":{"
                      "\"ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":600000,"
                      "\"description\":\"How long to wait, in milliseconds\"}},"
                      "\"required\":[\"ms\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (sleeper, "readOnlyHint", TRUE);
  mcp_tool_set_async_func (sleeper, sleep_tool, NULL, NULL);
  mcp_server_add_tool (server, sleeper);

  confirm_schema = json_from_string ("{\"type\":\"object\",\"properties\":{\"confirm\":"
                                     "{\"type\":\"boolean\",\"title\":\"Go ahead\"}},"
                                     "\"required\":[\"confirm\"]}", NULL);
  ask = tool_new ("ask", "Ask the user to confirm, then answer.",
                  "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_async_func (ask, ask_tool, json_object_ref (json_node_get_object (confirm_schema)),
                           (GDestroyNotify)json_object_unref);
  mcp_server_add_tool (server, ask);

  for (int i = 1; i <= n_tools; i++)
    {
      g_autofree char *name = g_strdup_printf ("tool-%05d", i);
      g_autofree char *description = g_strdup_printf ("Extra tool number %d for the tools/list benchmark.", i);
      g_autoptr(McpTool) tool = tool_new (name, description,
                                          "{\"type\":\"object\",\"properties\":{"
                                          "\"x\":{\"type\":\"integer\",\"description\":\"A number\"}},"
                                          "\"additionalProperties\":false}");

      mcp_tool_set_func (tool, extra_tool, NULL, NULL);
      mcp_server_add_tool (server, tool);
    }

  return mcp_server_run (server, argc, argv);
}
