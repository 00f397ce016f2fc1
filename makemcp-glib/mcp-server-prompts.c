/* mcp-server-prompts.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-content-private.h"
#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-prompt-private.h"
#include "mcp-protocol-private.h"
#include "mcp-resource-private.h"
#include "mcp-server-private.h"

/* prompts/list, prompts/get and completion/complete, in both eras. */

#define MAX_COMPLETIONS 100

void
mcp_server_handle_prompts_list (McpServer         *self,
                                McpRequestContext *context)
{
  mcp_server_reply_list (self, context, mcp_server_get_prompts (self), "prompts",
                         (McpToJsonFunc)mcp_prompt_to_json_for_version);
}

/* The GetPromptResult of @result for the revision @version. */
static JsonObject *
prompt_result_to_json (McpPromptResult *result,
                       const char      *version)
{
  JsonObject *object = mcp_prompt_result_to_json (result);
  JsonArray *messages = mcp_json_get_array (object, "messages");
  JsonArray *shaped = NULL;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      JsonObject *content = mcp_json_get_object (message, "content");
      JsonObject *replacement = content != NULL ? mcp_content_block_for_version (content, version)
                                                : NULL;

      if (replacement == NULL)
        continue;

      if (shaped == NULL)
        {
          shaped = json_array_new ();
          for (guint j = 0; j < json_array_get_length (messages); j++)
            json_array_add_object_element (shaped,
                                           mcp_json_object_copy (json_array_get_object_element (messages, j)));
          json_object_set_array_member (object, "messages", shaped);
        }
      json_object_set_object_member (json_array_get_object_element (shaped, i), "content", replacement);
    }

  return object;
}

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
} GetData;

static void
get_data_free (GetData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GetData, get_data_free)

static void
prompt_get_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  g_autoptr(GetData) data = user_data;
  g_autoptr(McpPromptResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = mcp_prompt_get_finish (MCP_PROMPT (object), async_result, &error);

  if (mcp_request_context_is_finished (data->context))
    return;

  /* A get_finish() override that gave neither a result nor an error is
   * answered like a prompt function that did the same. */
  if (result == NULL && error == NULL)
    error = g_error_new (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR, "The prompt “%s” produced nothing",
                         mcp_prompt_get_name (MCP_PROMPT (object)));

  if (result == NULL)
    {
      g_autofree char *what = g_strdup_printf ("Getting the prompt “%s”",
                                               mcp_prompt_get_name (MCP_PROMPT (object)));

      mcp_server_reply_handler_failure (data->server, data->context, error, what);
      return;
    }

  mcp_server_reply (data->server, data->context,
                    prompt_result_to_json (result,
                                           mcp_request_context_get_protocol_version (data->context)));
}

void
mcp_server_handle_prompts_get (McpServer         *self,
                               McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  const char *name = mcp_json_get_string (params, "name");
  JsonNode *arguments_node = mcp_json_get_member (params, "arguments");
  g_autoptr(JsonObject) arguments = NULL;
  JsonArray *declared;
  GetData *data;
  McpPrompt *prompt;

  if (name == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “name” must be the name of a prompt");
      return;
    }

  if ((prompt = mcp_server_lookup_prompt (self, name)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Unknown prompt: %s", name);

      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
      return;
    }

  if (arguments_node != NULL && JSON_NODE_HOLDS_OBJECT (arguments_node))
    arguments = json_object_ref (json_node_get_object (arguments_node));
  else if (arguments_node == NULL || JSON_NODE_HOLDS_NULL (arguments_node))
    arguments = json_object_new ();
  else
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “arguments” must be an object");
      return;
    }

  /* Prompt arguments are declared strings; required ones must be there.
   * An argument the prompt does not declare is refused, as the
   * specification asks servers to validate prompt arguments: it is a
   * client's mistake (a typo, a stale list) better told than ignored. */
  {
    JsonObjectIter iter;
    const char *argument;
    JsonNode *value;

    json_object_iter_init_ordered (&iter, arguments);
    while (json_object_iter_next_ordered (&iter, &argument, &value))
      {
        if (!mcp_prompt_has_argument (prompt, argument))
          {
            g_autofree char *message =
              g_strdup_printf ("Invalid params: the prompt “%s” has no argument “%s”", name, argument);

            mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
            return;
          }

        if (!mcp_json_node_is_string (value))
          {
            g_autofree char *message =
              g_strdup_printf ("Invalid params: the argument “%s” must be a string", argument);

            mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
            return;
          }
      }
  }

  declared = mcp_prompt_get_arguments (prompt);
  for (guint i = 0; declared != NULL && i < json_array_get_length (declared); i++)
    {
      JsonObject *argument = json_array_get_object_element (declared, i);
      const char *argument_name = mcp_json_get_string (argument, "name");

      if (mcp_json_get_boolean (argument, "required", FALSE) &&
          !json_object_has_member (arguments, argument_name))
        {
          g_autofree char *message =
            g_strdup_printf ("Invalid params: missing required argument “%s”", argument_name);

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return;
        }
    }

  data = g_new0 (GetData, 1);
  data->server = g_object_ref (self);
  data->context = g_object_ref (context);
  mcp_prompt_get_async (prompt, context, arguments, mcp_request_context_get_cancellable (context),
                        prompt_get_cb, data);
}

/* completion/complete: suggestions for a prompt argument or a resource
 * template variable. */
void
mcp_server_handle_complete (McpServer         *self,
                            McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  JsonObject *ref = mcp_json_get_object (params, "ref");
  JsonObject *argument = mcp_json_get_object (params, "argument");
  JsonObject *completion_context = mcp_json_get_object (params, "context");
  JsonObject *context_arguments = mcp_json_get_object (completion_context, "arguments");
  const char *type = mcp_json_get_string (ref, "type");
  const char *argument_name = mcp_json_get_string (argument, "name");
  const char *value = mcp_json_get_string (argument, "value");
  g_auto(GStrv) values = NULL;
  JsonObject *completion;
  JsonObject *result;
  JsonArray *array;
  guint total;

  if (type == NULL || argument_name == NULL || value == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “ref” and “argument” (with “name” and "
                                      "“value”) are required");
      return;
    }

  if (strcmp (type, "ref/prompt") == 0)
    {
      const char *name = mcp_json_get_string (ref, "name");
      McpPrompt *prompt = name != NULL ? mcp_server_lookup_prompt (self, name) : NULL;

      if (prompt == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Unknown prompt: %s", name ? name : "(none)");

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return;
        }

      if (!mcp_prompt_has_argument (prompt, argument_name))
        {
          g_autofree char *message =
            g_strdup_printf ("Invalid params: the prompt “%s” has no argument “%s”", name, argument_name);

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return;
        }
      values = mcp_prompt_complete (prompt, context, argument_name, value, context_arguments);
    }
  else if (strcmp (type, "ref/resource") == 0)
    {
      const char *uri = mcp_json_get_string (ref, "uri");
      McpResourceTemplate *template = NULL;

      if (uri != NULL)
        template = mcp_registry_lookup (mcp_server_get_templates (self), uri);

      if (template == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Unknown resource template: %s",
                                                      uri ? uri : "(none)");

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return;
        }

      if (!mcp_resource_template_has_variable (template, argument_name))
        {
          g_autofree char *message =
            g_strdup_printf ("Invalid params: the resource template “%s” has no variable “%s”",
                             uri, argument_name);

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return;
        }
      values = mcp_resource_template_complete (template, context, argument_name, value,
                                               context_arguments);
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("Invalid params: unknown reference type “%s”", type);

      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
      return;
    }

  total = values != NULL ? g_strv_length (values) : 0;
  array = json_array_new ();
  for (guint i = 0; i < total && i < MAX_COMPLETIONS; i++)
    json_array_add_string_element (array, values[i]);

  completion = json_object_new ();
  json_object_set_array_member (completion, "values", array);
  json_object_set_int_member (completion, "total", total);
  json_object_set_boolean_member (completion, "hasMore", total > MAX_COMPLETIONS);

  result = json_object_new ();
  json_object_set_object_member (result, "completion", completion);
  mcp_server_reply (self, context, result);
}
