/* example-server.c — a small MCP server written with makemcp-glib
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Four tools: `add` (integers), `echo` (a string), `sleep` (asynchronous:
 * waits on a timeout source, many at once) and `counter` (state kept in
 * the server across calls and clients). Serves on standard input and
 * output; `--info` prints what it offers.
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
  g_autofree char *text = NULL;

  if ((b > 0 && a > G_MAXINT64 - b) || (b < 0 && a < G_MININT64 - b))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The sum does not fit in a 64-bit integer");
      return NULL;
    }

  text = g_strdup_printf ("%" G_GINT64_FORMAT, a + b);
  return mcp_tool_result_new_text (text);
}

static McpToolResult *
echo_tool (McpTool            *tool,
           McpRequestContext  *context,
           JsonObject         *arguments,
           gpointer            user_data,
           GError            **error)
{
  return mcp_tool_result_new_text (json_object_get_string_member (arguments, "text"));
}

typedef struct
{
  McpToolInvocation *invocation;
  GSource           *timeout;
  GSource           *cancelled;
} Sleep;

static void
sleep_finish (Sleep    *call,
              gboolean  cancelled)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (call->invocation);

  g_source_destroy (call->timeout);
  g_source_destroy (call->cancelled);

  if (cancelled)
    {
      /* The client gave up: nothing is sent for this call any more, but
       * the invocation is still completed, so that everything is freed. */
      mcp_tool_invocation_return_error_message (call->invocation, "Cancelled");
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("Slept %" G_GINT64_FORMAT " ms",
                                               json_object_get_int_member (arguments, "ms"));

      mcp_tool_invocation_return_text (call->invocation, text);
    }

  g_source_unref (call->timeout);
  g_source_unref (call->cancelled);
  g_object_unref (call->invocation);
  g_free (call);
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

/* An asynchronous tool: it starts a timer and returns at once, so many
 * sleeps run side by side on the main loop. A cancelled call stops early. */
static void
sleep_tool (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  Sleep *call = g_new0 (Sleep, 1);

  call->invocation = g_object_ref (invocation);

  call->timeout = g_timeout_source_new ((guint)json_object_get_int_member (arguments, "ms"));
  g_source_set_callback (call->timeout, sleep_timeout_cb, call, NULL);
  g_source_attach (call->timeout, NULL);

  call->cancelled = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));
  g_source_set_callback (call->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb), call, NULL);
  g_source_attach (call->cancelled, NULL);
}

static McpToolResult *
counter_tool (McpTool            *tool,
              McpRequestContext  *context,
              JsonObject         *arguments,
              gpointer            user_data,
              GError            **error)
{
  gint64 *count = user_data;
  gint64 step = json_object_has_member (arguments, "step")
                ? json_object_get_int_member (arguments, "step") : 1;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) structured = NULL;

  *count += step;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, *count);
  json_builder_end_object (builder);
  structured = json_builder_get_root (builder);

  return mcp_tool_result_new_structured (structured);
}

static McpTool *
tool_new (const char  *name,
          const char  *description,
          const char  *input_schema)
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
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpTool) add = NULL;
  g_autoptr(McpTool) echo = NULL;
  g_autoptr(McpTool) sleeper = NULL;
  g_autoptr(McpTool) counter = NULL;
  gint64 count = 0;

  server = mcp_server_new ("makemcp-glib-example", "0.1.0");
  mcp_server_set_title (server, "makemcp-glib example server");
  mcp_server_set_instructions (server,
                               "Arithmetic, echo, an asynchronous sleep and a counter "
                               "shared by every client.");

  add = tool_new ("add", "Add two integers and return the sum.",
                  "{\"type\":\"object\",\"properties\":{"
                  "\"a\":{\"type\":\"integer\",\"description\":\"First addend\"},"
                  "\"b\":{\"type\":\"integer\",\"description\":\"Second addend\"}},"
                  "\"required\":[\"a\",\"b\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (add, "readOnlyHint", TRUE);
  mcp_tool_set_func (add, add_tool, NULL, NULL);
  mcp_server_add_tool (server, add);

  echo = tool_new ("echo", "Return the text it is given.",
                   "{\"type\":\"object\",\"properties\":{"
                   "\"text\":{\"type\":\"string\",\"description\":\"Text to echo\"}},"
                   "\"required\":[\"text\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (echo, "readOnlyHint", TRUE);
  mcp_tool_set_func (echo, echo_tool, NULL, NULL);
  mcp_server_add_tool (server, echo);

  sleeper = tool_new ("sleep", "Wait the given number of milliseconds, without blocking other calls.",
                    "{\"type\":\"object\",\"properties\":{"
                    "\"ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":600000,"
                    "\"description\":\"How long to wait, in milliseconds\"}},"
                    "\"required\":[\"ms\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (sleeper, "readOnlyHint", TRUE);
  mcp_tool_set_async_func (sleeper, sleep_tool, NULL, NULL);
  mcp_server_add_tool (server, sleeper);

  counter = tool_new ("counter", "Add a step (1 by default) to a counter kept by the server "
                                 "and return its new value.",
                      "{\"type\":\"object\",\"properties\":{"
                      "\"step\":{\"type\":\"integer\",\"description\":\"How much to add\"}},"
                      "\"additionalProperties\":false}");
  mcp_tool_set_output_schema_json (counter,
                                   "{\"type\":\"object\",\"properties\":{"
                                   "\"count\":{\"type\":\"integer\"}},\"required\":[\"count\"]}",
                                   NULL);
  mcp_tool_set_func (counter, counter_tool, &count, NULL);
  mcp_server_add_tool (server, counter);

  return mcp_server_run (server, argc, argv);
}
