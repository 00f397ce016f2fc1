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
#include "mcp-schema-private.h"
#include "mcp-server-private.h"
#include "mcp-tool-private.h"

/* tools/list and tools/call, in both eras. */

static const char *
tool_key (gpointer item)
{
  return mcp_tool_get_name (item);
}

void
mcp_server_handle_tools_list (McpServer         *self,
                              McpRequestContext *context)
{
  const char *version = mcp_request_context_get_protocol_version (context);
  GSequence *sequence = mcp_server_get_tool_sequence (self);
  GSequenceIter *start;
  GSequenceIter *end;
  JsonObject *result;
  JsonArray *tools;

  if (!mcp_server_page_bounds (self, context, sequence, tool_key, &start, &end))
    return;

  tools = json_array_new ();
  for (GSequenceIter *iter = start; iter != end; iter = g_sequence_iter_next (iter))
    json_array_add_object_element (tools, mcp_tool_to_json_for_version (g_sequence_get (iter),
                                                                        version));

  result = json_object_new ();
  json_object_set_array_member (result, "tools", tools);
  if (!g_sequence_iter_is_end (end))
    {
      g_autofree char *cursor = mcp_server_make_cursor (end, tool_key);
      json_object_set_string_member (result, "nextCursor", cursor);
    }

  mcp_server_reply_cacheable (self, context, result, "public");
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

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CallData, call_data_free)

static void
reply_tool_error (McpServer         *self,
                  McpRequestContext *context,
                  const char        *message)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new_error (message);

  mcp_server_reply (self, context,
                    mcp_server_tool_result_to_json (result,
                                                    mcp_request_context_get_protocol_version (context)));
}

static void
complete_tools_call (McpServer         *self,
                     McpRequestContext *context,
                     McpTool           *tool,
                     McpToolResult     *result,
                     const GError      *error)
{
  JsonObject *output_schema;

  /* A cancelled request gets no answer at all. */
  if (mcp_request_context_is_cancelled (context) || mcp_request_context_is_finished (context))
    return;

  if (result == NULL)
    {
      if (error->domain == MCP_ERROR)
        mcp_server_reply_error (self, context, error);
      else
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
      else if (!mcp_schema_validate (output_schema, structured, "structured content",
                                     &schema_error))
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

  mcp_server_reply (self, context,
                    mcp_server_tool_result_to_json (result,
                                                    mcp_request_context_get_protocol_version (context)));
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

void
mcp_server_handle_tools_call (McpServer         *self,
                              McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  JsonNode *name_node = mcp_json_get_member (params, "name");
  JsonNode *arguments_node = mcp_json_get_member (params, "arguments");
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

  if (mcp_tool_call_inline (tool, context, json_node_get_object (arguments_node),
                            &result, &error))
    {
      complete_tools_call (self, context, tool, result, error);
      return;
    }

  data = g_new0 (CallData, 1);
  data->server = g_object_ref (self);
  data->context = g_object_ref (context);

  mcp_tool_call_async (tool, context, json_node_get_object (arguments_node),
                       mcp_request_context_get_cancellable (context),
                       tools_call_cb, data);
}
