/* fuzz-server.c — the server every fuzzing harness serves
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fuzz-server.h"

static McpToolResult *
add_func (McpTool *tool, McpRequestContext *context, JsonObject *arguments,
          gpointer user_data, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (arguments, "a") +
                                           json_object_get_int_member (arguments, "b"));

  mcp_request_context_report_progress (context, 1, 2, "half");
  mcp_request_context_log (context, MCP_LOG_LEVEL_INFO, "add", text);
  return mcp_tool_result_new_text (text);
}

static McpToolResult *
fail_func (McpTool *tool, McpRequestContext *context, JsonObject *arguments,
           gpointer user_data, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
  return NULL;
}

static McpToolResult *
structured_func (McpTool *tool, McpRequestContext *context, JsonObject *arguments,
                 gpointer user_data, GError **error)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"count\":1}", NULL);

  return mcp_tool_result_new_structured (node);
}

static void
echo_later (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new_text ("later");

  mcp_tool_invocation_return_result (invocation, result);
}

static void
ask_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_request_input_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    mcp_tool_invocation_take_error (invocation, error);
  else
    mcp_tool_invocation_return_text (invocation, "answered");
}

static void
ask_func (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
{
  g_autoptr(JsonNode) schema = json_from_string ("{\"type\":\"object\",\"properties\":{\"n\":"
                                                 "{\"type\":\"string\"}}}", NULL);
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);

  mcp_request_context_elicit_async (context, "n", "Name?", json_node_get_object (schema), NULL,
                                    ask_cb, g_object_ref (invocation));
}

static McpResourceContents *
read_template (McpResourceTemplate *template, McpRequestContext *context, const char *uri,
               JsonObject *variables, gpointer user_data, GError **error)
{
  return mcp_resource_contents_new_text (uri, "text/plain", "x");
}

static char **
complete_func (McpRequestContext *context, const char *argument, const char *value,
               JsonObject *arguments, gpointer user_data)
{
  const char *values[] = { "alpha", "beta", NULL };

  return g_strdupv ((char **)values);
}

static McpPromptResult *
prompt_func (McpPrompt *prompt, McpRequestContext *context, JsonObject *arguments,
             gpointer user_data, GError **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, json_object_get_string_member (arguments, "x"));
  return result;
}

McpServer *
fuzz_make_server (void)
{
  McpServer *server = mcp_server_new ("fuzz", "1");
  g_autoptr(McpTool) add = mcp_tool_new ("add", NULL);
  g_autoptr(McpTool) fail = mcp_tool_new ("fail", NULL);
  g_autoptr(McpTool) structured = mcp_tool_new ("structured", NULL);
  g_autoptr(McpTool) later = mcp_tool_new ("later", NULL);
  g_autoptr(McpTool) ask = mcp_tool_new ("ask", NULL);
  g_autoptr(McpTool) job = mcp_tool_new ("job", NULL);
  g_autoptr(McpResource) text = mcp_resource_new_text ("test://text", "text", "text/plain", "hello");
  g_autoptr(McpResourceTemplate) template = mcp_resource_template_new ("test://item/{id}{?q}", "item", NULL);
  g_autoptr(McpPrompt) prompt = mcp_prompt_new ("p", NULL);

  mcp_tool_set_input_schema_json (add, "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                                       "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}", NULL);
  mcp_tool_set_func (add, add_func, NULL, NULL);
  mcp_tool_set_input_schema_json (fail, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_func (fail, fail_func, NULL, NULL);
  mcp_tool_set_output_schema_json (structured, "{\"type\":\"object\",\"properties\":{\"count\":"
                                               "{\"type\":\"integer\"}},\"required\":[\"count\"]}", NULL);
  mcp_tool_set_func (structured, structured_func, NULL, NULL);
  mcp_tool_set_async_func (later, echo_later, NULL, NULL);
  mcp_tool_set_input_schema_json (ask, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_async_func (ask, ask_func, NULL, NULL);
  mcp_tool_set_input_schema_json (job, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_task_support (job, MCP_TASK_SUPPORT_OPTIONAL);
  mcp_tool_set_async_func (job, ask_func, NULL, NULL);
  mcp_resource_template_set_read_func (template, read_template, NULL, NULL);
  mcp_resource_template_set_completion_func (template, complete_func, NULL, NULL);
  mcp_prompt_add_argument (prompt, "x", NULL, NULL, TRUE);
  mcp_prompt_set_func (prompt, prompt_func, NULL, NULL);
  mcp_prompt_set_completion_func (prompt, complete_func, NULL, NULL);

  mcp_server_add_tool (server, add);
  mcp_server_add_tool (server, fail);
  mcp_server_add_tool (server, structured);
  mcp_server_add_tool (server, later);
  mcp_server_add_tool (server, ask);
  mcp_server_add_tool (server, job);
  mcp_server_add_resource (server, text);
  mcp_server_add_resource_template (server, template);
  mcp_server_add_prompt (server, prompt);
  mcp_server_set_max_message_size (server, 64 * 1024);
  mcp_server_set_client_request_timeout (server, 1);

  return server;
}
