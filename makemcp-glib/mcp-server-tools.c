/* mcp-server-tools.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-server-private.h"
#include "mcp-tool-result-private.h"
#include "mcp-tool-private.h"

/* tools/list and tools/call, in both eras. */

void
mcp_server_handle_tools_list (McpServer         *self,
                              McpRequestContext *context)
{
  mcp_server_reply_list (self, context, mcp_server_get_tools (self), "tools",
                         (McpToJsonFunc)mcp_tool_to_json_for_version);
}

/* The CallToolResult of @result as the revision @version defines it. */
JsonObject *
mcp_server_tool_result_to_json (McpToolResult *result,
                                const char    *version)
{
  JsonObject *object = mcp_tool_result_to_json (result);
  JsonArray *content = mcp_json_get_array (object, "content");
  g_autoptr(JsonArray) shaped = mcp_content_array_for_version (content, version);

  if (shaped != NULL)
    json_object_set_array_member (object, "content", g_steal_pointer (&shaped));

  if (!mcp_protocol_version_at_least (version, MCP_SINCE_STRUCTURED_CONTENT))
    {
      JsonNode *structured = json_object_get_member (object, "structuredContent");

      /* Older clients only read content: keep the data there. */
      if (structured != NULL)
        {
          if (json_array_get_length (mcp_json_get_array (object, "content")) == 0)
            {
              g_autofree char *text = mcp_json_to_string (structured, NULL);
              JsonArray *text_content = json_array_new ();

              json_array_add_object_element (text_content, mcp_content_new_text (text));
              json_object_set_array_member (object, "content", text_content);
            }
          json_object_remove_member (object, "structuredContent");
        }
    }

  return object;
}

/* Writes the result object of @result for @version into @out as
 * mcp_server_tool_result_to_json() builds it, but without its closing
 * brace, so that the caller can add members. Returns FALSE, having
 * written nothing, for the results that need that function: a `_meta` of
 * their own, content to reshape for an older revision, or structured
 * content that an older revision cannot take. */
gboolean
mcp_server_tool_result_write (McpToolResult *result,
                              const char    *version,
                              GString       *out)
{
  const char *text = mcp_tool_result_peek_text (result);
  JsonNode *structured = mcp_tool_result_get_structured_content (result);
  JsonArray *content = NULL;

  if (mcp_tool_result_get_meta (result) != NULL ||
      (structured != NULL && !mcp_protocol_version_at_least (version, MCP_SINCE_STRUCTURED_CONTENT)))
    return FALSE;

  if (text == NULL)
    {
      g_autoptr(JsonArray) shaped = NULL;

      content = mcp_tool_result_get_content (result);
      if ((shaped = mcp_content_array_for_version (content, version)) != NULL)
        return FALSE;
    }

  g_string_append (out, "{\"content\":");
  if (text != NULL)
    {
      g_string_append (out, "[{\"type\":\"text\",\"text\":");
      mcp_json_append_string (out, text);
      g_string_append (out, "}]");
    }
  else
    mcp_json_append_array (out, content);

  if (structured != NULL)
    {
      g_string_append (out, ",\"structuredContent\":");
      mcp_json_append (out, structured);
    }

  if (mcp_tool_result_get_is_error (result))
    g_string_append (out, ",\"isError\":true");

  return TRUE;
}

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
  McpTool           *tool;        /* while a task is created */
  JsonObject        *arguments;   /* idem */
  GSource           *timeout;     /* McpTool:timeout */
  guint              timeout_ms;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_clear_object (&data->tool);
  g_clear_pointer (&data->arguments, json_object_unref);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CallData, call_data_free)

static void
reply_tool_error (McpServer         *self,
                  McpRequestContext *context,
                  const char        *message)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new_error (message);

  mcp_server_reply_tool_result (self, context, result);
}

static void
complete_tools_call (McpServer         *self,
                     McpRequestContext *context,
                     McpTool           *tool,
                     McpToolResult     *result,
                     const GError      *error)
{
  JsonObject *output_schema;

  /* A cancelled request gets no answer at all; one that became a task
   * settles the task. */
  if (mcp_request_context_get_task_id (context) == NULL &&
      (mcp_request_context_is_cancelled (context) || mcp_request_context_is_finished (context)))
    return;

  if (result == NULL)
    {
      if (!mcp_server_reply_failure (self, context, error))
        reply_tool_error (self, context, error->message);
      return;
    }

  output_schema = mcp_tool_get_output_schema (tool);
  if (output_schema != NULL && !mcp_tool_result_get_is_error (result))
    {
      JsonNode *structured = mcp_tool_result_get_structured_content (result);
      g_autoptr(GError) schema_error = NULL;
      g_autofree char *message = NULL;

      if (structured == NULL)
        message = g_strdup_printf ("Internal error: the tool “%s” declares an output schema "
                                   "but returned no structured content",
                                   mcp_tool_get_name (tool));
      else if (!mcp_tool_check_structured_content (tool, structured, &schema_error))
        message = g_strdup_printf ("Internal error: the result of the tool “%s” does not "
                                   "match its output schema: %s",
                                   mcp_tool_get_name (tool), schema_error->message);

      if (message != NULL)
        {
          g_warning ("%s", message);
          mcp_server_reply_error_literal (self, context, MCP_ERROR_INTERNAL_ERROR, message);
          return;
        }
    }

  mcp_server_reply_tool_result (self, context, result);
}

static void
tools_call_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  McpTool *tool = MCP_TOOL (object);
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = mcp_tool_call_finish (tool, async_result, &error);
  complete_tools_call (data->server, data->context, tool, result, error);
}

/* The task exists and the client has its handle: run the tool. */
static void
task_begun_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CallData *data = user_data;
  g_autoptr(McpTool) tool = g_steal_pointer (&data->tool);
  g_autoptr(JsonObject) arguments = g_steal_pointer (&data->arguments);
  g_autoptr(GError) error = NULL;

  if (!mcp_server_begin_task_finish (MCP_SERVER (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf ("Creating a task failed: %s", error->message);

      mcp_server_reply_error_literal (data->server, data->context, MCP_ERROR_INTERNAL_ERROR, message);
      call_data_free (data);
      return;
    }

  mcp_tool_call_async (tool, data->context, arguments,
                       mcp_request_context_get_cancellable (data->context),
                       tools_call_cb, data);
}

/* The tool ran out of time: the client is told, the handler cancelled. */
static gboolean
tools_call_timeout_cb (gpointer user_data)
{
  CallData *data = user_data;
  McpRequestContext *context = data->context;

  if (!mcp_request_context_is_finished (context) && mcp_request_context_get_task_id (context) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The tool did not finish within %u ms",
                                                  data->timeout_ms);

      reply_tool_error (data->server, context, message);
      g_cancellable_cancel (mcp_request_context_get_cancellable (context));
    }

  g_clear_pointer (&data->timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

void
mcp_server_handle_tools_call (McpServer         *self,
                              McpRequestContext *context)
{
  JsonNode *name_node = mcp_request_context_get_param (context, "name");
  JsonNode *arguments_node = mcp_request_context_get_param (context, "arguments");
  g_autoptr(JsonNode) empty_arguments = NULL;
  g_autoptr(JsonNode) checked = NULL;
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CallData *data;
  McpTool *tool;

  if (!mcp_json_node_is_string (name_node))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “name” must be the name of a tool");
      return;
    }

  if ((tool = mcp_server_lookup_tool (self, json_node_get_string (name_node))) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Unknown tool: %s",
                                                  json_node_get_string (name_node));

      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
      return;
    }

  if (arguments_node == NULL || JSON_NODE_HOLDS_NULL (arguments_node))
    {
      empty_arguments = mcp_json_node_new_object_take (json_object_new ());
      arguments_node = empty_arguments;
    }
  else if (!JSON_NODE_HOLDS_OBJECT (arguments_node))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “arguments” must be an object");
      return;
    }

  /* Wrong arguments are a tool execution error the model can correct. */
  if (!(checked = mcp_tool_check_arguments (tool, arguments_node, &error)))
    {
      reply_tool_error (self, context, error->message);
      return;
    }
  arguments_node = checked;

  /* A tool that may become a task, for a client that supports tasks. */
  if (mcp_tool_get_task_support (tool) != MCP_TASK_SUPPORT_FORBIDDEN &&
      mcp_request_context_get_era (context) == MCP_ERA_MODERN)
    {
      if (mcp_tool_get_task_support (tool) == MCP_TASK_SUPPORT_REQUIRED &&
          !mcp_server_check_tasks_capability (self, context))
        return;

      if (mcp_tool_get_auto_task (tool) &&
          mcp_request_context_has_client_extension (context, MCP_TASKS_EXTENSION))
        {
          data = g_new0 (CallData, 1);
          data->server = g_object_ref (self);
          data->context = g_object_ref (context);
          data->tool = g_object_ref (tool);
          data->arguments = json_object_ref (json_node_get_object (arguments_node));
          mcp_server_begin_task_async (self, context, NULL, task_begun_cb, data);
          return;
        }
    }

  if (mcp_tool_call_inline (tool, context, json_node_get_object (arguments_node),
                            &result, &error))
    {
      complete_tools_call (self, context, tool, result, error);
      return;
    }

  data = g_new0 (CallData, 1);
  data->server = g_object_ref (self);
  data->context = g_object_ref (context);

  if ((data->timeout_ms = mcp_tool_get_timeout (tool)) > 0)
    {
      data->timeout = g_timeout_source_new (data->timeout_ms);
      g_source_set_callback (data->timeout, tools_call_timeout_cb, data, NULL);
      g_source_attach (data->timeout, g_main_context_get_thread_default ());
    }

  mcp_tool_call_async (tool, context, json_node_get_object (arguments_node),
                       mcp_request_context_get_cancellable (context),
                       tools_call_cb, data);
}
