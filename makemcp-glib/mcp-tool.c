/* mcp-tool.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-enum-types.h"
#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-schema-private.h"
#include "mcp-tool-private.h"
#include "mcp-util-private.h"

/**
 * McpTool:
 *
 * A tool an MCP client can call: its name, description, JSON Schemas for
 * its input and output, annotations and icons, and the code that runs it.
 *
 * The code is a synchronous handler ([callback@Mcp.ToolFunc], set with
 * [method@Mcp.Tool.set_func]), an asynchronous one
 * ([callback@Mcp.ToolAsyncFunc], set with [method@Mcp.Tool.set_async_func]),
 * or a subclass that overrides [vfunc@Mcp.Tool.call_async] in the GIO
 * pattern. Synchronous handlers stay synchronous (or run in a worker thread
 * when asked to) and asynchronous ones stay asynchronous; both kinds mix
 * freely in one [class@Mcp.Server].
 *
 * ```c
 * static McpToolResult *
 * add_tool (McpTool *tool, McpRequestContext *context, JsonObject *arguments,
 *           gpointer user_data, GError **error)
 * {
 *   gint64 sum = json_object_get_int_member (arguments, "a") +
 *                json_object_get_int_member (arguments, "b");
 *   g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, sum);
 *
 *   return mcp_tool_result_new_text (text);
 * }
 *
 * g_autoptr(McpTool) tool = mcp_tool_new ("add", "Add two integers");
 * mcp_tool_set_input_schema_json (tool,
 *   "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
 *   "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}", NULL);
 * mcp_tool_set_func (tool, add_tool, NULL, NULL);
 * mcp_server_add_tool (server, tool);
 * ```
 *
 * Arguments are checked against the input schema before the handler runs;
 * a call with a wrong or missing argument gets a tool error that names it,
 * and the handler never sees it.
 */

typedef struct
{
  char             *name;
  char             *title;
  char             *description;
  JsonObject       *input_schema;
  McpCompiledSchema *input_checker;   /* input_schema compiled, made on the first call */
  JsonObject       *output_schema;
  McpCompiledSchema *output_checker;  /* output_schema compiled, made on the first result */
  JsonObject       *annotations;
  JsonArray        *icons;
  JsonObject       *meta;

  McpToolFunc       func;
  gpointer          func_data;
  GDestroyNotify    func_destroy;

  McpToolAsyncFunc  async_func;
  gpointer          async_func_data;
  GDestroyNotify    async_func_destroy;

  McpTaskSupport    task_support;
  guint             timeout;
  guint             run_in_thread : 1;
  guint             auto_task : 1;
  guint             lenient : 1;
} McpToolPrivate;

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_INPUT_SCHEMA,
  PROP_OUTPUT_SCHEMA,
  PROP_ANNOTATIONS,
  PROP_RUN_IN_THREAD,
  PROP_TASK_SUPPORT,
  PROP_AUTO_TASK,
  PROP_TIMEOUT,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (McpTool, mcp_tool, G_TYPE_OBJECT)

static void
mcp_tool_clear_handlers (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = NULL;
  priv->func_data = NULL;
  priv->func_destroy = NULL;

  if (priv->async_func_destroy != NULL)
    priv->async_func_destroy (priv->async_func_data);
  priv->async_func = NULL;
  priv->async_func_data = NULL;
  priv->async_func_destroy = NULL;
}

static void
mcp_tool_dispose (GObject *object)
{
  mcp_tool_clear_handlers (MCP_TOOL (object));

  G_OBJECT_CLASS (mcp_tool_parent_class)->dispose (object);
}

static void
mcp_tool_finalize (GObject *object)
{
  McpTool *self = (McpTool *)object;
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->input_schema, json_object_unref);
  g_clear_pointer (&priv->input_checker, mcp_compiled_schema_free);
  g_clear_pointer (&priv->output_schema, json_object_unref);
  g_clear_pointer (&priv->output_checker, mcp_compiled_schema_free);
  g_clear_pointer (&priv->annotations, json_object_unref);
  g_clear_pointer (&priv->icons, json_array_unref);
  g_clear_pointer (&priv->meta, json_object_unref);

  G_OBJECT_CLASS (mcp_tool_parent_class)->finalize (object);
}

static void
mcp_tool_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  McpTool *self = MCP_TOOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, mcp_tool_get_name (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, mcp_tool_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, mcp_tool_get_description (self));
      break;

    case PROP_INPUT_SCHEMA:
      g_value_set_boxed (value, mcp_tool_get_input_schema (self));
      break;

    case PROP_OUTPUT_SCHEMA:
      g_value_set_boxed (value, mcp_tool_get_output_schema (self));
      break;

    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, mcp_tool_get_annotations (self));
      break;

    case PROP_RUN_IN_THREAD:
      g_value_set_boolean (value, mcp_tool_get_run_in_thread (self));
      break;

    case PROP_TASK_SUPPORT:
      g_value_set_enum (value, mcp_tool_get_task_support (self));
      break;

    case PROP_AUTO_TASK:
      g_value_set_boolean (value, mcp_tool_get_auto_task (self));
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, mcp_tool_get_timeout (self));
      break;

    case PROP_ICONS:
      g_value_set_boxed (value, mcp_tool_get_icons (self));
      break;

    case PROP_META:
      g_value_set_boxed (value, mcp_tool_get_meta (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  McpTool *self = MCP_TOOL (object);
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      mcp_tool_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mcp_tool_set_description (self, g_value_get_string (value));
      break;

    case PROP_INPUT_SCHEMA:
      mcp_tool_set_input_schema (self, g_value_get_boxed (value));
      break;

    case PROP_OUTPUT_SCHEMA:
      mcp_tool_set_output_schema (self, g_value_get_boxed (value));
      break;

    case PROP_ANNOTATIONS:
      mcp_tool_set_annotations (self, g_value_get_boxed (value));
      break;

    case PROP_RUN_IN_THREAD:
      mcp_tool_set_run_in_thread (self, g_value_get_boolean (value));
      break;

    case PROP_TASK_SUPPORT:
      mcp_tool_set_task_support (self, g_value_get_enum (value));
      break;

    case PROP_AUTO_TASK:
      mcp_tool_set_auto_task (self, g_value_get_boolean (value));
      break;

    case PROP_TIMEOUT:
      mcp_tool_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_META:
      mcp_tool_set_meta (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_run_func_in_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  McpTool *self = source_object;
  McpToolInvocation *invocation = task_data;
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  McpToolResult *result;
  GError *error = NULL;

  result = priv->func (self,
                       mcp_tool_invocation_get_context (invocation),
                       mcp_tool_invocation_get_arguments (invocation),
                       priv->func_data, &error);
  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The tool “%s” returned no result", priv->name);
}

static void
mcp_tool_real_call_async (McpTool             *self,
                          McpRequestContext   *context,
                          JsonObject          *arguments,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_tool_real_call_async);
  g_task_set_name (task, priv->name);

  if (priv->async_func != NULL)
    {
      g_autoptr(McpToolInvocation) invocation = NULL;

      invocation = mcp_tool_invocation_new (self, context, arguments, task);
      priv->async_func (self, invocation, priv->async_func_data);
    }
  else if (priv->func != NULL && priv->run_in_thread)
    {
      g_task_set_task_data (task, mcp_tool_invocation_new (self, context, arguments, NULL),
                            g_object_unref);
      g_task_run_in_thread (task, mcp_tool_run_func_in_thread);
    }
  else if (priv->func != NULL)
    {
      GError *error = NULL;
      McpToolResult *result;

      result = priv->func (self, context, arguments, priv->func_data, &error);
      if (result != NULL)
        g_task_return_pointer (task, result, g_object_unref);
      else if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 "The tool “%s” returned no result", priv->name);
    }
  else
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                             "The tool “%s” has no handler", priv->name);
}

/* The server's fast path: a plain synchronous handler runs at once,
 * without a GTask and a main loop iteration in between. Returns FALSE when
 * the tool must go through call_async(). */
gboolean
mcp_tool_call_inline (McpTool            *self,
                      McpRequestContext  *context,
                      JsonObject         *arguments,
                      McpToolResult     **result,
                      GError            **error)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  if (MCP_TOOL_GET_CLASS (self)->call_async != mcp_tool_real_call_async ||
      priv->func == NULL || priv->run_in_thread)
    return FALSE;

  *result = priv->func (self, context, arguments, priv->func_data, error);
  if (*result == NULL && (error == NULL || *error == NULL))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "The tool “%s” returned no result", priv->name);

  return TRUE;
}

static McpToolResult *
mcp_tool_real_call_finish (McpTool       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_tool_class_init (McpToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_tool_dispose;
  object_class->finalize = mcp_tool_finalize;
  object_class->get_property = mcp_tool_get_property;
  object_class->set_property = mcp_tool_set_property;

  klass->call_async = mcp_tool_real_call_async;
  klass->call_finish = mcp_tool_real_call_finish;

  /**
   * McpTool:name:
   *
   * The unique name of the tool, used in `tools/call`. The specification
   * recommends 1 to 128 characters among ASCII letters, digits, `_`, `-`
   * and `.`.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:title:
   *
   * A human readable name of the tool for display.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:description:
   *
   * What the tool does, for the model to read.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:input-schema:
   *
   * The JSON Schema of the tool's arguments, an object schema. Any JSON
   * Schema 2020-12 keyword may be used and is sent verbatim. By default a
   * tool takes no arguments (`{"type":"object","additionalProperties":false}`).
   */
  properties[PROP_INPUT_SCHEMA] =
    g_param_spec_boxed ("input-schema", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:output-schema:
   *
   * The JSON Schema of the tool's structured content, if it returns any.
   * Results are checked against it.
   */
  properties[PROP_OUTPUT_SCHEMA] =
    g_param_spec_boxed ("output-schema", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:annotations:
   *
   * The tool's `ToolAnnotations`: hints such as `readOnlyHint` or
   * `destructiveHint` (see [method@Mcp.Tool.set_hint]). Clients treat them
   * as untrusted.
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:run-in-thread:
   *
   * Whether a synchronous handler runs in a worker thread instead of on
   * the main loop, so that blocking work does not hold up other calls. The
   * handler must then only touch thread-safe state; progress and logging
   * through its [class@Mcp.RequestContext] are safe.
   */
  properties[PROP_RUN_IN_THREAD] =
    g_param_spec_boolean ("run-in-thread", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:task-support:
   *
   * Whether calls of the tool may become tasks, polled with `tasks/get`
   * by 2026-07-28 clients that support the tasks extension.
   */
  properties[PROP_TASK_SUPPORT] =
    g_param_spec_enum ("task-support", NULL, NULL,
                       MCP_TYPE_TASK_SUPPORT, MCP_TASK_SUPPORT_FORBIDDEN,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:auto-task:
   *
   * Whether a call that may become a task becomes one as it starts (the
   * default). When %FALSE the handler decides, with
   * [method@Mcp.RequestContext.begin_task_async]: for instance after it
   * gathered input from the user with Multi Round-Trip Requests, which
   * must happen before the task exists.
   */
  properties[PROP_AUTO_TASK] =
    g_param_spec_boolean ("auto-task", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:timeout:
   *
   * How long, in milliseconds, a call may run before the client is told
   * it failed (a tool error saying so) and the handler's cancellable is
   * cancelled. 0, the default, lets calls run until the client cancels
   * them. Calls that became tasks are not limited.
   *
   * The limit needs the main loop to run while the handler works, so it
   * applies to asynchronous handlers ([method@Mcp.Tool.set_async_func], or
   * a subclass's [vfunc@Mcp.Tool.call_async]) and to synchronous ones with
   * [property@Mcp.Tool:run-in-thread]. A synchronous handler that runs
   * inline on the main loop (the default for [method@Mcp.Tool.set_func])
   * cannot be interrupted: it answers when it returns, however long that
   * takes, and this property has no effect on it. Nor does the limit stop
   * a handler: cancelling its cancellable asks it to stop, and a handler
   * in a worker thread that never looks at it runs to the end, its result
   * discarded.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpTool:icons:
   *
   * The icons clients may show for the tool, as `Icon` objects, added
   * with [method@Mcp.Tool.add_icon].
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:meta:
   *
   * Metadata sent in the tool's `_meta` in `tools/list` (2025-06-18 and
   * later).
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_tool_init (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  priv->auto_task = TRUE;

  priv->input_schema = json_object_new ();
  json_object_set_string_member (priv->input_schema, "type", "object");
  json_object_set_boolean_member (priv->input_schema, "additionalProperties", FALSE);
}

/**
 * mcp_tool_new:
 * @name: the name of the tool
 * @description: (nullable): what the tool does
 *
 * Creates a tool. Give it an input schema and a handler before adding it
 * to a server.
 *
 * Returns: (transfer full): a new #McpTool
 */
McpTool *
mcp_tool_new (const char *name,
              const char *description)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_TOOL,
                       "name", name,
                       "description", description,
                       NULL);
}

/**
 * mcp_tool_get_name:
 * @self: a #McpTool
 *
 * Gets the name of the tool.
 *
 * Returns: the name
 */
const char *
mcp_tool_get_name (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->name;
}

/**
 * mcp_tool_get_title:
 * @self: a #McpTool
 *
 * Gets the display title of the tool.
 *
 * Returns: (nullable): the title
 */
const char *
mcp_tool_get_title (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->title;
}

/**
 * mcp_tool_set_title:
 * @self: a #McpTool
 * @title: (nullable): a display title
 *
 * Sets the display title of the tool.
 */
void
mcp_tool_set_title (McpTool    *self,
                    const char *title)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (mcp_set_str (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * mcp_tool_get_description:
 * @self: a #McpTool
 *
 * Gets the description of the tool.
 *
 * Returns: (nullable): the description
 */
const char *
mcp_tool_get_description (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->description;
}

/**
 * mcp_tool_set_description:
 * @self: a #McpTool
 * @description: (nullable): what the tool does
 *
 * Sets the description of the tool.
 */
void
mcp_tool_set_description (McpTool    *self,
                          const char *description)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (mcp_set_str (&priv->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * mcp_tool_get_input_schema:
 * @self: a #McpTool
 *
 * Gets the JSON Schema of the tool's arguments.
 *
 * Returns: (transfer none): the input schema
 */
JsonObject *
mcp_tool_get_input_schema (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->input_schema;
}

/**
 * mcp_tool_set_input_schema:
 * @self: a #McpTool
 * @schema: a JSON Schema of `"type": "object"`
 *
 * Sets the JSON Schema of the tool's arguments. The schema is sent as it
 * is in `tools/list` and arguments are checked against it before every
 * call. The check reads the schema once, on the first call: a schema
 * changed in place afterwards is to be set again.
 */
void
mcp_tool_set_input_schema (McpTool    *self,
                           JsonObject *schema)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (schema != NULL);

  /* Compiled again on the next call, even when @schema is the schema
   * already set: it may have been changed in place since. */
  g_clear_pointer (&priv->input_checker, mcp_compiled_schema_free);
  if (mcp_set_json_object (&priv->input_schema, schema))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_SCHEMA]);
}

/**
 * mcp_tool_set_input_schema_json:
 * @self: a #McpTool
 * @json: the schema as JSON text
 * @error: return location for a #GError
 *
 * Parses @json and sets it as the input schema; see
 * [method@Mcp.Tool.set_input_schema].
 *
 * Returns: %TRUE if @json is a JSON object and was set
 */
gboolean
mcp_tool_set_input_schema_json (McpTool     *self,
                                const char  *json,
                                GError     **error)
{
  g_autoptr(JsonObject) schema = NULL;

  g_return_val_if_fail (MCP_IS_TOOL (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!(schema = mcp_json_parse_object (json, error)))
    return FALSE;

  mcp_tool_set_input_schema (self, schema);
  return TRUE;
}

/**
 * mcp_tool_get_output_schema:
 * @self: a #McpTool
 *
 * Gets the JSON Schema of the tool's structured content.
 *
 * Returns: (transfer none) (nullable): the output schema
 */
JsonObject *
mcp_tool_get_output_schema (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->output_schema;
}

/**
 * mcp_tool_set_output_schema:
 * @self: a #McpTool
 * @schema: (nullable): a JSON Schema
 *
 * Sets the JSON Schema of the tool's structured content. A tool with an
 * output schema must return structured content that conforms to it;
 * the server checks every result and answers a non-conforming one with an
 * internal error rather than sending it.
 */
void
mcp_tool_set_output_schema (McpTool    *self,
                            JsonObject *schema)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  /* As for the input schema: compiled again when next needed. */
  g_clear_pointer (&priv->output_checker, mcp_compiled_schema_free);
  if (mcp_set_json_object (&priv->output_schema, schema))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_SCHEMA]);
}

/**
 * mcp_tool_set_output_schema_json:
 * @self: a #McpTool
 * @json: the schema as JSON text
 * @error: return location for a #GError
 *
 * Parses @json and sets it as the output schema.
 *
 * Returns: %TRUE if @json is a JSON object and was set
 */
gboolean
mcp_tool_set_output_schema_json (McpTool     *self,
                                 const char  *json,
                                 GError     **error)
{
  g_autoptr(JsonObject) schema = NULL;

  g_return_val_if_fail (MCP_IS_TOOL (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!(schema = mcp_json_parse_object (json, error)))
    return FALSE;

  mcp_tool_set_output_schema (self, schema);
  return TRUE;
}

/**
 * mcp_tool_get_annotations:
 * @self: a #McpTool
 *
 * Gets the tool's annotations.
 *
 * Returns: (transfer none) (nullable): the annotations
 */
JsonObject *
mcp_tool_get_annotations (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->annotations;
}

/**
 * mcp_tool_set_annotations:
 * @self: a #McpTool
 * @annotations: (nullable): a `ToolAnnotations` object
 *
 * Sets the tool's annotations.
 */
void
mcp_tool_set_annotations (McpTool    *self,
                          JsonObject *annotations)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (mcp_set_json_object (&priv->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

/**
 * mcp_tool_set_hint:
 * @self: a #McpTool
 * @hint: the annotation, such as `"readOnlyHint"`, `"destructiveHint"`,
 *   `"idempotentHint"` or `"openWorldHint"`
 * @value: its value
 *
 * Sets one boolean hint in the tool's annotations.
 */
void
mcp_tool_set_hint (McpTool    *self,
                   const char *hint,
                   gboolean    value)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  g_autoptr(JsonObject) annotations = NULL;

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (hint != NULL);

  annotations = priv->annotations != NULL ? mcp_json_object_copy (priv->annotations)
                                          : json_object_new ();
  json_object_set_boolean_member (annotations, hint, !!value);
  mcp_tool_set_annotations (self, annotations);
}

/**
 * mcp_tool_add_icon:
 * @self: a #McpTool
 * @src: the URI of the icon (`https:` or a `data:` URI)
 * @mime_type: (nullable): its MIME type
 * @sizes: (nullable) (array zero-terminated=1): its sizes, such as `48x48`
 *   or `any`
 * @theme: (nullable): `"light"` or `"dark"`, the background it is meant for
 *
 * Adds an icon clients may show for the tool.
 */
void
mcp_tool_add_icon (McpTool            *self,
                   const char         *src,
                   const char         *mime_type,
                   const char * const *sizes,
                   const char         *theme)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (src != NULL);

  if (priv->icons == NULL)
    priv->icons = json_array_new ();
  json_array_add_object_element (priv->icons, mcp_icon_new (src, mime_type, sizes, theme));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
}

/**
 * mcp_tool_get_icons:
 * @self: a #McpTool
 *
 * Gets the icons of the tool.
 *
 * Returns: (transfer none) (nullable): the `Icon` objects
 */
JsonArray *
mcp_tool_get_icons (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->icons;
}

/**
 * mcp_tool_get_meta:
 * @self: a #McpTool
 *
 * Gets the metadata sent in the tool's `_meta`.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_tool_get_meta (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return priv->meta;
}

/**
 * mcp_tool_set_meta:
 * @self: a #McpTool
 * @meta: (nullable): a `_meta` object
 *
 * Sets metadata sent in the tool's `_meta` in `tools/list`.
 */
void
mcp_tool_set_meta (McpTool    *self,
                   JsonObject *meta)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (mcp_set_json_object (&priv->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

/**
 * mcp_tool_get_run_in_thread:
 * @self: a #McpTool
 *
 * Gets whether the synchronous handler runs in a worker thread.
 *
 * Returns: %TRUE if it runs in a thread
 */
gboolean
mcp_tool_get_run_in_thread (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), FALSE);

  return priv->run_in_thread;
}

/**
 * mcp_tool_set_run_in_thread:
 * @self: a #McpTool
 * @run_in_thread: whether to run the handler in a worker thread
 *
 * Sets whether the synchronous handler runs in a worker thread; see
 * [property@Mcp.Tool:run-in-thread].
 */
void
mcp_tool_set_run_in_thread (McpTool  *self,
                            gboolean  run_in_thread)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  run_in_thread = !!run_in_thread;
  if (priv->run_in_thread != run_in_thread)
    {
      priv->run_in_thread = run_in_thread;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_IN_THREAD]);
    }
}

/**
 * mcp_tool_get_timeout:
 * @self: a #McpTool
 *
 * Gets [property@Mcp.Tool:timeout].
 *
 * Returns: the time limit of a call in milliseconds, 0 for none
 */
guint
mcp_tool_get_timeout (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), 0);

  return priv->timeout;
}

/**
 * mcp_tool_set_timeout:
 * @self: a #McpTool
 * @timeout_ms: the time limit of a call in milliseconds, 0 for none
 *
 * Sets [property@Mcp.Tool:timeout].
 */
void
mcp_tool_set_timeout (McpTool *self,
                      guint    timeout_ms)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (priv->timeout != timeout_ms)
    {
      priv->timeout = timeout_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

/**
 * mcp_tool_get_task_support:
 * @self: a #McpTool
 *
 * Gets [property@Mcp.Tool:task-support].
 *
 * Returns: whether calls may become tasks
 */
McpTaskSupport
mcp_tool_get_task_support (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), MCP_TASK_SUPPORT_FORBIDDEN);

  return priv->task_support;
}

/**
 * mcp_tool_set_task_support:
 * @self: a #McpTool
 * @task_support: whether calls may become tasks
 *
 * Sets [property@Mcp.Tool:task-support].
 */
void
mcp_tool_set_task_support (McpTool        *self,
                           McpTaskSupport  task_support)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  if (priv->task_support != task_support)
    {
      priv->task_support = task_support;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_SUPPORT]);
    }
}

/**
 * mcp_tool_get_auto_task:
 * @self: a #McpTool
 *
 * Gets [property@Mcp.Tool:auto-task].
 *
 * Returns: whether a call becomes a task as it starts
 */
gboolean
mcp_tool_get_auto_task (McpTool *self)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL (self), TRUE);

  return priv->auto_task;
}

/**
 * mcp_tool_set_auto_task:
 * @self: a #McpTool
 * @auto_task: whether a call becomes a task as it starts
 *
 * Sets [property@Mcp.Tool:auto-task].
 */
void
mcp_tool_set_auto_task (McpTool  *self,
                        gboolean  auto_task)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));

  auto_task = !!auto_task;
  if (priv->auto_task != auto_task)
    {
      priv->auto_task = auto_task;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_TASK]);
    }
}

/**
 * mcp_tool_set_func:
 * @self: a #McpTool
 * @func: (scope notified) (closure user_data) (destroy destroy): the handler
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func the synchronous handler of the tool, replacing any handler
 * set before.
 */
void
mcp_tool_set_func (McpTool        *self,
                   McpToolFunc     func,
                   gpointer        user_data,
                   GDestroyNotify  destroy)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (func != NULL);

  mcp_tool_clear_handlers (self);
  priv->func = func;
  priv->func_data = user_data;
  priv->func_destroy = destroy;
}

/**
 * mcp_tool_set_async_func:
 * @self: a #McpTool
 * @func: (scope notified) (closure user_data) (destroy destroy): the handler
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func the asynchronous handler of the tool, replacing any handler
 * set before. @func receives a [class@Mcp.ToolInvocation] and completes it
 * when the work is done.
 */
void
mcp_tool_set_async_func (McpTool          *self,
                         McpToolAsyncFunc  func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (func != NULL);

  mcp_tool_clear_handlers (self);
  priv->async_func = func;
  priv->async_func_data = user_data;
  priv->async_func_destroy = destroy;
}

/**
 * mcp_tool_call_async:
 * @self: a #McpTool
 * @context: the request being served
 * @arguments: the arguments of the call
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the call completes
 * @user_data: closure data for @callback
 *
 * Runs the tool. The server calls this after checking @arguments against
 * the input schema; call it yourself only to run a tool outside a server.
 */
void
mcp_tool_call_async (McpTool             *self,
                     McpRequestContext   *context,
                     JsonObject          *arguments,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (context));
  g_return_if_fail (arguments != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  MCP_TOOL_GET_CLASS (self)->call_async (self, context, arguments, cancellable,
                                         callback, user_data);
}

/**
 * mcp_tool_call_finish:
 * @self: a #McpTool
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.Tool.call_async].
 *
 * An override of [vfunc@Mcp.Tool.call_finish] that gives neither a result
 * nor an error fails here as a synchronous function that returns %NULL
 * without an error does: with %G_IO_ERROR_FAILED, “The tool “NAME”
 * returned no result”.
 *
 * Returns: (transfer full): the result of the call, or %NULL with @error
 *   set when the tool failed
 */
McpToolResult *
mcp_tool_call_finish (McpTool       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  McpToolResult *tool_result;
  GError *local_error = NULL;

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  tool_result = MCP_TOOL_GET_CLASS (self)->call_finish (self, result, &local_error);
  if (tool_result != NULL)
    {
      g_clear_error (&local_error);
      return tool_result;
    }

  if (local_error == NULL)
    local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The tool “%s” returned no result", priv->name);
  g_propagate_error (error, local_error);
  return NULL;
}

/* The Tool object as the given protocol revision defines it. */
JsonObject *
mcp_tool_to_json_for_version (McpTool    *self,
                              const char *version)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  JsonObject *object = json_object_new ();
  gboolean has_title = mcp_protocol_version_at_least (version, MCP_SINCE_TITLE);

  json_object_set_string_member (object, "name", priv->name);
  if (has_title)
    mcp_json_object_set_string (object, "title", priv->title);
  json_object_set_string_member (object, "description",
                                 priv->description != NULL ? priv->description : "");
  json_object_set_object_member (object, "inputSchema", json_object_ref (priv->input_schema));
  if (priv->output_schema != NULL && has_title)
    json_object_set_object_member (object, "outputSchema", json_object_ref (priv->output_schema));
  if (priv->annotations != NULL &&
      mcp_protocol_version_at_least (version, MCP_SINCE_TOOL_ANNOTATIONS))
    json_object_set_object_member (object, "annotations", json_object_ref (priv->annotations));
  mcp_metadata_write (object, version, priv->icons, priv->meta);

  return object;
}

/**
 * mcp_tool_to_json:
 * @self: a #McpTool
 *
 * Serializes the tool as the `Tool` object `tools/list` sends in the
 * newest protocol revision.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_tool_to_json (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return mcp_tool_to_json_for_version (self, MCP_PROTOCOL_VERSION_LATEST);
}

/* Whether arguments are converted leniently before they are checked (the
 * option of McpToolProvider:lenient). */
void
mcp_tool_set_lenient (McpTool  *self,
                      gboolean  lenient)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  priv->lenient = !!lenient;
}

/* Checks @arguments against the input schema, after converting them when
 * the tool is lenient. Returns the arguments to pass to the tool, or NULL
 * with an MCP_ERROR_INVALID_PARAMS error naming the offending argument. */
/* A schema is read once, on the first call, rather than on every one.
 * Calls may be checked in more than one thread: the first compiled
 * schema to be stored in @slot wins. */
static McpCompiledSchema *
compiled_schema (McpCompiledSchema **slot,
                 JsonObject         *schema)
{
  McpCompiledSchema *checker = g_atomic_pointer_get (slot);

  if (checker == NULL)
    {
      checker = mcp_schema_compile (schema);
      if (!g_atomic_pointer_compare_and_exchange (slot, NULL, checker))
        {
          mcp_compiled_schema_free (checker);
          checker = g_atomic_pointer_get (slot);
        }
    }

  return checker;
}

JsonNode *
mcp_tool_check_arguments (McpTool   *self,
                          JsonNode  *arguments,
                          GError   **error)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);
  g_autoptr(JsonNode) checked = NULL;

  if (priv->lenient)
    checked = mcp_schema_coerce (priv->input_schema, arguments);
  if (checked == NULL)
    checked = json_node_ref (arguments);

  if (!mcp_compiled_schema_validate (compiled_schema (&priv->input_checker, priv->input_schema),
                                     checked, "argument", error))
    return NULL;

  return g_steal_pointer (&checked);
}

/* Checks a result's structured content against the output schema, which
 * the tool must have. */
gboolean
mcp_tool_check_structured_content (McpTool   *self,
                                   JsonNode  *structured,
                                   GError   **error)
{
  McpToolPrivate *priv = mcp_tool_get_instance_private (self);

  g_assert (priv->output_schema != NULL);

  return mcp_compiled_schema_validate (compiled_schema (&priv->output_checker, priv->output_schema),
                                       structured, "structured content", error);
}
