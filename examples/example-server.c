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

static void
sleep_done (gpointer user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("Slept %" G_GINT64_FORMAT " ms",
                          json_object_get_int_member (arguments, "ms"));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
sleep_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  /* The client gave up: nothing will be sent for this call, the timeout
   * source still completes the invocation when it fires. */
}

static void
sleep_tool (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  guint ms = (guint)json_object_get_int_member (arguments, "ms");

  g_cancellable_connect (mcp_tool_invocation_get_cancellable (invocation),
                         G_CALLBACK (sleep_cancelled), NULL, NULL);
  g_timeout_add_once (ms, sleep_done, g_object_ref (invocation));
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
  g_autoptr(McpTool) sleep = NULL;
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

  sleep = tool_new ("sleep", "Wait the given number of milliseconds, without blocking other calls.",
                    "{\"type\":\"object\",\"properties\":{"
                    "\"ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":600000,"
                    "\"description\":\"How long to wait, in milliseconds\"}},"
                    "\"required\":[\"ms\"],\"additionalProperties\":false}");
  mcp_tool_set_hint (sleep, "readOnlyHint", TRUE);
  mcp_tool_set_async_func (sleep, sleep_tool, NULL, NULL);
  mcp_server_add_tool (server, sleep);

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
