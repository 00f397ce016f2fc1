/* mcp-provider-tool.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-provider-tool-private.h"
#include "mcp-tool-private.h"

struct _McpProviderTool
{
  McpTool          parent_instance;

  McpToolProvider *provider;      /* weak */
  McpMethod       *method;
  GParamSpec      *pspec;
  McpValueType    *value_type;    /* of the property */
  McpTool         *inner;         /* a tool listed by an overridden list_tools() */
  guint            setter : 1;
};

G_DEFINE_FINAL_TYPE (McpProviderTool, mcp_provider_tool, MCP_TYPE_TOOL)

static void
mcp_provider_tool_dispose (GObject *object)
{
  McpProviderTool *self = (McpProviderTool *)object;

  if (self->provider != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->provider), (gpointer *)&self->provider);
  self->provider = NULL;
  g_clear_object (&self->inner);

  G_OBJECT_CLASS (mcp_provider_tool_parent_class)->dispose (object);
}

static void
mcp_provider_tool_finalize (GObject *object)
{
  McpProviderTool *self = (McpProviderTool *)object;

  g_clear_pointer (&self->method, mcp_method_unref);
  g_clear_pointer (&self->pspec, g_param_spec_unref);
  g_clear_pointer (&self->value_type, mcp_value_type_free);

  G_OBJECT_CLASS (mcp_provider_tool_parent_class)->finalize (object);
}

static void
provider_call_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpToolResult *tool_result;
  GError *error = NULL;

  tool_result = mcp_tool_provider_call_tool_finish (MCP_TOOL_PROVIDER (object), result, &error);
  if (tool_result != NULL)
    g_task_return_pointer (task, tool_result, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* A call the server makes goes to the provider, which may dispatch it
 * itself (a binding overriding call_tool_async) or, by default, comes back
 * to mcp_provider_tool_invoke_async(). */
static void
mcp_provider_tool_call_async (McpTool             *tool,
                              McpRequestContext   *context,
                              JsonObject          *arguments,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  McpProviderTool *self = MCP_PROVIDER_TOOL (tool);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_provider_tool_call_async);
  g_task_set_name (task, mcp_tool_get_name (tool));

  if (self->provider == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                               "The provider of the tool “%s” is gone",
                               mcp_tool_get_name (tool));
      return;
    }

  mcp_tool_provider_call_tool_async (self->provider,
                                     self->inner != NULL ? self->inner : tool,
                                     context, arguments, cancellable,
                                     provider_call_cb, g_steal_pointer (&task));
}

static McpToolResult *
mcp_provider_tool_call_finish (McpTool       *tool,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_provider_tool_class_init (McpProviderToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpToolClass *tool_class = MCP_TOOL_CLASS (klass);

  object_class->dispose = mcp_provider_tool_dispose;
  object_class->finalize = mcp_provider_tool_finalize;

  tool_class->call_async = mcp_provider_tool_call_async;
  tool_class->call_finish = mcp_provider_tool_call_finish;
}

static void
mcp_provider_tool_init (McpProviderTool *self)
{
}

static McpProviderTool *
mcp_provider_tool_new (McpToolProvider *provider,
                       const char      *name,
                       const char      *description)
{
  McpProviderTool *self = g_object_new (MCP_TYPE_PROVIDER_TOOL,
                                        "name", name,
                                        "description", description,
                                        NULL);

  self->provider = provider;
  g_object_add_weak_pointer (G_OBJECT (provider), (gpointer *)&self->provider);

  return self;
}

McpTool *
mcp_provider_tool_new_for_method (McpToolProvider *provider,
                                  McpMethod       *method)
{
  McpProviderTool *self;
  JsonObject *output_schema;

  self = mcp_provider_tool_new (provider, mcp_method_get_name (method),
                                mcp_method_get_description (method));
  self->method = mcp_method_ref (method);

  mcp_tool_set_title (MCP_TOOL (self), mcp_method_get_title (method));
  mcp_tool_set_input_schema (MCP_TOOL (self), mcp_method_get_input_schema (method));
  if ((output_schema = mcp_method_get_output_schema (method)) != NULL)
    mcp_tool_set_output_schema (MCP_TOOL (self), output_schema);
  if (mcp_method_get_annotations (method) != NULL)
    mcp_tool_set_annotations (MCP_TOOL (self), mcp_method_get_annotations (method));

  return MCP_TOOL (self);
}

static JsonObject *
value_wrapper_schema (JsonObject *value_schema)
{
  JsonObject *schema = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();

  json_object_set_object_member (properties, "value", value_schema);
  json_array_add_string_element (required, "value");
  json_object_set_string_member (schema, "type", "object");
  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  json_object_set_boolean_member (schema, "additionalProperties", FALSE);

  return schema;
}

McpTool *
mcp_provider_tool_new_for_property (McpToolProvider  *provider,
                                    GParamSpec       *pspec,
                                    const char       *description,
                                    gboolean          setter,
                                    GError          **error)
{
  g_autoptr(McpValueType) type = NULL;
  g_autoptr(McpProviderTool) self = NULL;
  g_autofree char *property = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tool_description = NULL;

  if (!(type = mcp_value_type_new_for_pspec (pspec, error)))
    return NULL;

  switch (type->kind)
    {
    case MCP_VALUE_CONTEXT:
    case MCP_VALUE_CANCELLABLE:
    case MCP_VALUE_ASYNC_RESULT:
    case MCP_VALUE_TOOL_RESULT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The property “%s” has no JSON mapping", pspec->name);
      return NULL;

    case MCP_VALUE_OBJECT:
      if (setter)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The object property “%s” cannot be set from JSON", pspec->name);
          return NULL;
        }
      break;

    default:
      break;
    }

  property = g_strdelimit (g_strdup (pspec->name), "-", '_');
  name = g_strconcat (setter ? "set_" : "get_", property, NULL);
  if (description != NULL && description[0] != '\0')
    tool_description = g_strdup_printf ("%s the “%s” property. %s",
                                        setter ? "Sets" : "Gets", pspec->name, description);
  else
    tool_description = g_strdup_printf ("%s the “%s” property.",
                                        setter ? "Sets" : "Gets", pspec->name);

  self = mcp_provider_tool_new (provider, name, tool_description);
  self->pspec = g_param_spec_ref (pspec);
  self->setter = !!setter;

  if (setter)
    {
      JsonObject *value_schema = mcp_value_type_to_schema (type, FALSE);
      g_autoptr(JsonObject) input_schema = NULL;

      if (!json_object_has_member (value_schema, "description") && description != NULL)
        json_object_set_string_member (value_schema, "description", description);
      input_schema = value_wrapper_schema (value_schema);
      mcp_tool_set_input_schema (MCP_TOOL (self), input_schema);
      mcp_tool_set_hint (MCP_TOOL (self), "readOnlyHint", FALSE);
      mcp_tool_set_hint (MCP_TOOL (self), "destructiveHint", FALSE);
      mcp_tool_set_hint (MCP_TOOL (self), "idempotentHint", TRUE);
    }
  else
    {
      if (mcp_value_type_is_structured (type))
        {
          gboolean nullable = type->kind >= MCP_VALUE_LIST;
          g_autoptr(JsonObject) output_schema =
            value_wrapper_schema (mcp_value_type_to_schema (type, nullable));

          mcp_tool_set_output_schema (MCP_TOOL (self), output_schema);
        }
      mcp_tool_set_hint (MCP_TOOL (self), "readOnlyHint", TRUE);
    }

  self->value_type = g_steal_pointer (&type);

  return MCP_TOOL (g_steal_pointer (&self));
}

McpTool *
mcp_provider_tool_new_wrapper (McpToolProvider *provider,
                               McpTool         *inner)
{
  McpProviderTool *self;
  JsonArray *icons;

  self = mcp_provider_tool_new (provider, mcp_tool_get_name (inner),
                                mcp_tool_get_description (inner));
  self->inner = g_object_ref (inner);

  mcp_tool_set_title (MCP_TOOL (self), mcp_tool_get_title (inner));
  mcp_tool_set_input_schema (MCP_TOOL (self), mcp_tool_get_input_schema (inner));
  mcp_tool_set_output_schema (MCP_TOOL (self), mcp_tool_get_output_schema (inner));
  mcp_tool_set_annotations (MCP_TOOL (self), mcp_tool_get_annotations (inner));
  mcp_tool_set_meta (MCP_TOOL (self), mcp_tool_get_meta (inner));
  mcp_tool_set_run_in_thread (MCP_TOOL (self), mcp_tool_get_run_in_thread (inner));
  mcp_tool_set_timeout (MCP_TOOL (self), mcp_tool_get_timeout (inner));
  mcp_tool_set_task_support (MCP_TOOL (self), mcp_tool_get_task_support (inner));
  mcp_tool_set_auto_task (MCP_TOOL (self), mcp_tool_get_auto_task (inner));

  if ((icons = mcp_tool_get_icons (inner)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (icons); i++)
        {
          JsonObject *icon = json_array_get_object_element (icons, i);
          JsonArray *sizes_array = mcp_json_get_array (icon, "sizes");
          g_autoptr(GStrvBuilder) sizes = g_strv_builder_new ();
          g_auto(GStrv) sizes_strv = NULL;

          for (guint j = 0; sizes_array != NULL && j < json_array_get_length (sizes_array); j++)
            if (mcp_json_node_is_string (json_array_get_element (sizes_array, j)))
              g_strv_builder_add (sizes, json_array_get_string_element (sizes_array, j));
          sizes_strv = g_strv_builder_end (sizes);

          if (mcp_json_get_string (icon, "src") != NULL)
            mcp_tool_add_icon (MCP_TOOL (self), mcp_json_get_string (icon, "src"),
                               mcp_json_get_string (icon, "mimeType"),
                               sizes_array != NULL ? (const char * const *)sizes_strv : NULL,
                               mcp_json_get_string (icon, "theme"));
        }
    }

  return MCP_TOOL (self);
}

McpToolProvider *
mcp_provider_tool_get_provider (McpProviderTool *self)
{
  return self->provider;
}

McpTool *
mcp_provider_tool_get_inner (McpProviderTool *self)
{
  return self->inner;
}

McpMethod *
mcp_provider_tool_get_method (McpProviderTool *self)
{
  return self->method;
}

static McpToolResult *
property_result (McpProviderTool  *self,
                 const GValue     *value,
                 GError          **error)
{
  GIArgument arg;

  if (!mcp_value_from_gvalue (self->value_type, value, &arg))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The property “%s” has no JSON mapping", self->pspec->name);
      return NULL;
    }

  if (mcp_value_type_is_structured (self->value_type))
    {
      g_autoptr(JsonObject) wrapped = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      JsonNode *value_node;

      if (!(value_node = mcp_value_to_json (self->value_type, &arg, -1, error)))
        return NULL;
      json_object_set_member (wrapped, "value", value_node);
      node = json_node_init_object (json_node_alloc (), wrapped);
      return mcp_tool_result_new_structured (node);
    }
  else
    {
      g_autofree char *text = mcp_value_to_text (self->value_type, &arg);
      McpToolResult *result = mcp_tool_result_new ();

      mcp_tool_result_add_text (result, text != NULL ? text : "");
      return result;
    }
}

static McpToolResult *
property_call (McpProviderTool  *self,
               JsonObject       *arguments,
               GError          **error)
{
  GObject *object = G_OBJECT (self->provider);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (self->pspec));

  if (self->setter)
    {
      g_autoptr(McpCleanup) cleanup = mcp_cleanup_new ();
      JsonNode *node = mcp_json_get_member (arguments, "value");
      GIArgument arg;

      if (node == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Missing required argument “value”");
          return NULL;
        }
      if (!mcp_value_from_json (self->value_type, node, "value", cleanup, &arg, NULL, error))
        return NULL;
      mcp_value_to_gvalue (self->value_type, &arg, &value);
      g_object_set_property (object, self->pspec->name, &value);
      g_value_reset (&value);
    }

  g_object_get_property (object, self->pspec->name, &value);
  return property_result (self, &value, error);
}

static void
invoke_method_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpProviderTool *self = g_task_get_source_object (task);
  McpToolResult *tool_result;
  GError *error = NULL;

  tool_result = mcp_method_invoke_finish (self->method, result, &error);
  if (tool_result != NULL)
    g_task_return_pointer (task, tool_result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
invoke_inner_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpToolResult *tool_result;
  GError *error = NULL;

  tool_result = mcp_tool_call_finish (MCP_TOOL (object), result, &error);
  if (tool_result != NULL)
    g_task_return_pointer (task, tool_result, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Runs what is behind the tool: the method, the property access or the
 * wrapped tool. */
void
mcp_provider_tool_invoke_async (McpProviderTool     *self,
                                McpRequestContext   *context,
                                JsonObject          *arguments,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_provider_tool_invoke_async);

  if (self->provider == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                               "The provider of the tool “%s” is gone",
                               mcp_tool_get_name (MCP_TOOL (self)));
    }
  else if (self->method != NULL)
    {
      mcp_method_invoke_async (self->method, G_OBJECT (self->provider), context, arguments,
                               cancellable, invoke_method_cb, g_steal_pointer (&task));
    }
  else if (self->pspec != NULL)
    {
      GError *error = NULL;
      McpToolResult *result = property_call (self, arguments, &error);

      if (result != NULL)
        g_task_return_pointer (task, result, g_object_unref);
      else
        g_task_return_error (task, error);
    }
  else if (self->inner != NULL)
    {
      mcp_tool_call_async (self->inner, context, arguments, cancellable,
                           invoke_inner_cb, g_steal_pointer (&task));
    }
  else
    g_assert_not_reached ();
}

McpToolResult *
mcp_provider_tool_invoke_finish (McpProviderTool  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
