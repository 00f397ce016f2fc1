/* mcp-prompt.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-prompt-private.h"
#include "mcp-protocol-private.h"
#include "mcp-util-private.h"

/**
 * McpPrompt:
 *
 * A prompt template a client can offer its user (often as a slash
 * command): a name, a description, named string arguments, and the code
 * that expands it into messages.
 *
 * ```c
 * g_autoptr(McpPrompt) review = mcp_prompt_new ("review", "Review a file");
 *
 * mcp_prompt_add_argument (review, "path", "File", "The file to review", TRUE);
 * mcp_prompt_set_func (review, expand_review, NULL, NULL);
 * mcp_server_add_prompt (server, review);
 * ```
 *
 * The server checks that every argument is declared and a string, and that
 * every required one is there, before the function runs. A completion function suggests argument values
 * (`completion/complete` with a `ref/prompt` reference).
 */

typedef struct
{
  char              *name;
  char              *title;
  char              *description;
  JsonArray         *arguments;
  JsonArray         *icons;
  JsonObject        *meta;

  McpPromptFunc      func;
  gpointer           func_data;
  GDestroyNotify     func_destroy;

  McpCompletionFunc  complete;
  gpointer           complete_data;
  GDestroyNotify     complete_destroy;
} McpPromptPrivate;

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ICONS,
  PROP_META,
  PROP_ARGUMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (McpPrompt, mcp_prompt, G_TYPE_OBJECT)

static void
mcp_prompt_dispose (GObject *object)
{
  McpPrompt *self = (McpPrompt *)object;
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = NULL;
  priv->func_destroy = NULL;

  if (priv->complete_destroy != NULL)
    priv->complete_destroy (priv->complete_data);
  priv->complete = NULL;
  priv->complete_destroy = NULL;

  G_OBJECT_CLASS (mcp_prompt_parent_class)->dispose (object);
}

static void
mcp_prompt_finalize (GObject *object)
{
  McpPrompt *self = (McpPrompt *)object;
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->arguments, json_array_unref);
  g_clear_pointer (&priv->icons, json_array_unref);
  g_clear_pointer (&priv->meta, json_object_unref);

  G_OBJECT_CLASS (mcp_prompt_parent_class)->finalize (object);
}

static void
mcp_prompt_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpPrompt *self = MCP_PROMPT (object);
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, priv->description);
      break;

    case PROP_ICONS:
      g_value_set_boxed (value, mcp_prompt_get_icons (self));
      break;

    case PROP_META:
      g_value_set_boxed (value, mcp_prompt_get_meta (self));
      break;

    case PROP_ARGUMENTS:
      g_value_set_boxed (value, mcp_prompt_get_arguments (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_prompt_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpPrompt *self = MCP_PROMPT (object);
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      mcp_prompt_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mcp_prompt_set_description (self, g_value_get_string (value));
      break;

    case PROP_META:
      mcp_prompt_set_meta (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_prompt_real_get_async (McpPrompt           *self,
                           McpRequestContext   *context,
                           JsonObject          *arguments,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  McpPromptResult *result;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_prompt_real_get_async);

  if (priv->func == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                               "The prompt “%s” has no function", priv->name);
      return;
    }

  result = priv->func (self, context, arguments, priv->func_data, &error);
  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error != NULL ? error
                                             : g_error_new (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                                                            "The prompt “%s” produced nothing",
                                                            priv->name));
}

static McpPromptResult *
mcp_prompt_real_get_finish (McpPrompt     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_prompt_class_init (McpPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_prompt_dispose;
  object_class->finalize = mcp_prompt_finalize;
  object_class->get_property = mcp_prompt_get_property;
  object_class->set_property = mcp_prompt_set_property;

  klass->get_async = mcp_prompt_real_get_async;
  klass->get_finish = mcp_prompt_real_get_finish;

  /**
   * McpPrompt:name:
   *
   * The unique name of the prompt, used in `prompts/get`.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:title:
   *
   * A human readable name for display.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:description:
   *
   * What the prompt is for.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:icons:
   *
   * The icons clients may show for the prompt, as `Icon` objects, added
   * with [method@Mcp.Prompt.add_icon].
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:meta:
   *
   * Metadata sent in the prompt's `_meta` in `prompts/list` (2025-06-18 and
   * later).
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:arguments:
   *
   * The declared arguments, as `PromptArgument` objects, added with
   * [method@Mcp.Prompt.add_argument].
   */
  properties[PROP_ARGUMENTS] =
    g_param_spec_boxed ("arguments", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_prompt_init (McpPrompt *self)
{
}

/**
 * mcp_prompt_new:
 * @name: the name of the prompt
 * @description: (nullable): what it is for
 *
 * Creates a prompt with no arguments.
 *
 * Returns: (transfer full): a new #McpPrompt
 */
McpPrompt *
mcp_prompt_new (const char *name,
                const char *description)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_PROMPT, "name", name, "description", description, NULL);
}

/**
 * mcp_prompt_get_name:
 * @self: a #McpPrompt
 *
 * Gets the name of the prompt.
 *
 * Returns: the name
 */
const char *
mcp_prompt_get_name (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->name;
}

/**
 * mcp_prompt_get_title:
 * @self: a #McpPrompt
 *
 * Gets the display title.
 *
 * Returns: (nullable): the title
 */
const char *
mcp_prompt_get_title (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->title;
}

/**
 * mcp_prompt_set_title:
 * @self: a #McpPrompt
 * @title: (nullable): the title
 *
 * Sets the display title.
 */
void
mcp_prompt_set_title (McpPrompt  *self,
                      const char *title)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));

  if (mcp_set_str (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * mcp_prompt_get_description:
 * @self: a #McpPrompt
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 */
const char *
mcp_prompt_get_description (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->description;
}

/**
 * mcp_prompt_set_description:
 * @self: a #McpPrompt
 * @description: (nullable): the description
 *
 * Sets the description.
 */
void
mcp_prompt_set_description (McpPrompt  *self,
                            const char *description)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));

  if (mcp_set_str (&priv->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * mcp_prompt_add_argument:
 * @self: a #McpPrompt
 * @name: the name of the argument
 * @title: (nullable): a display name
 * @description: (nullable): what the argument is
 * @required: whether it must be given
 *
 * Declares an argument of the prompt. Prompt arguments are strings.
 *
 * Each argument has its own name: declaring a second argument called
 * @name is a programming error, refused with a critical warning. Clients
 * may only pass declared arguments to `prompts/get` and ask
 * `completion/complete` about declared arguments; the server answers
 * anything else with `-32602`.
 */
void
mcp_prompt_add_argument (McpPrompt  *self,
                         const char *name,
                         const char *title,
                         const char *description,
                         gboolean    required)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);
  JsonObject *argument;

  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (name != NULL);

  if (mcp_prompt_has_argument (self, name))
    {
      g_critical ("%s: the prompt “%s” already has an argument “%s”",
                  G_STRFUNC, priv->name, name);
      return;
    }

  argument = json_object_new ();
  json_object_set_string_member (argument, "name", name);
  mcp_json_object_set_string (argument, "title", title);
  mcp_json_object_set_string (argument, "description", description);
  json_object_set_boolean_member (argument, "required", !!required);

  if (priv->arguments == NULL)
    priv->arguments = json_array_new ();
  json_array_add_object_element (priv->arguments, argument);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGUMENTS]);
}

/**
 * mcp_prompt_get_arguments:
 * @self: a #McpPrompt
 *
 * Gets the declared arguments, as `PromptArgument` objects.
 *
 * Returns: (transfer none) (nullable): the arguments
 */
JsonArray *
mcp_prompt_get_arguments (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->arguments;
}

/**
 * mcp_prompt_add_icon:
 * @self: a #McpPrompt
 * @src: the URI of the icon
 * @mime_type: (nullable): its MIME type
 * @sizes: (nullable) (array zero-terminated=1): its sizes
 * @theme: (nullable): `"light"` or `"dark"`
 *
 * Adds an icon clients may show for the prompt.
 */
void
mcp_prompt_add_icon (McpPrompt          *self,
                     const char         *src,
                     const char         *mime_type,
                     const char * const *sizes,
                     const char         *theme)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (src != NULL);

  if (priv->icons == NULL)
    priv->icons = json_array_new ();
  json_array_add_object_element (priv->icons, mcp_icon_new (src, mime_type, sizes, theme));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
}

/**
 * mcp_prompt_get_icons:
 * @self: a #McpPrompt
 *
 * Gets the icons of the prompt, added with
 * [method@Mcp.Prompt.add_icon].
 *
 * Returns: (transfer none) (nullable): the `Icon` objects
 */
JsonArray *
mcp_prompt_get_icons (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->icons;
}

/**
 * mcp_prompt_get_meta:
 * @self: a #McpPrompt
 *
 * Gets the metadata sent in the prompt's `_meta`.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_prompt_get_meta (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return priv->meta;
}

/**
 * mcp_prompt_set_meta:
 * @self: a #McpPrompt
 * @meta: (nullable): a `_meta` object
 *
 * Sets metadata sent in the prompt's `_meta`.
 */
void
mcp_prompt_set_meta (McpPrompt  *self,
                     JsonObject *meta)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));

  if (mcp_set_json_object (&priv->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

/**
 * mcp_prompt_set_func:
 * @self: a #McpPrompt
 * @func: (scope notified) (closure user_data) (destroy destroy): the function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func expand the prompt.
 */
void
mcp_prompt_set_func (McpPrompt      *self,
                     McpPromptFunc   func,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (func != NULL);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = func;
  priv->func_data = user_data;
  priv->func_destroy = destroy;
}

/**
 * mcp_prompt_set_completion_func:
 * @self: a #McpPrompt
 * @func: (scope notified) (closure user_data) (destroy destroy): the function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func suggest values for the prompt's arguments. The server then
 * declares the `completions` capability.
 */
void
mcp_prompt_set_completion_func (McpPrompt         *self,
                                McpCompletionFunc  func,
                                gpointer           user_data,
                                GDestroyNotify     destroy)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (func != NULL);

  if (priv->complete_destroy != NULL)
    priv->complete_destroy (priv->complete_data);
  priv->complete = func;
  priv->complete_data = user_data;
  priv->complete_destroy = destroy;
}

/**
 * mcp_prompt_complete:
 * @self: a #McpPrompt
 * @context: the request being served
 * @argument: the name of an argument
 * @value: what the user typed so far
 * @arguments: (nullable): the values of the other arguments
 *
 * Runs the completion function for @argument.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   suggestions, or %NULL when the prompt has no completion function
 */
char **
mcp_prompt_complete (McpPrompt         *self,
                     McpRequestContext *context,
                     const char        *argument,
                     const char        *value,
                     JsonObject        *arguments)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);
  g_return_val_if_fail (argument != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (priv->complete == NULL)
    return NULL;

  return priv->complete (context, argument, value, arguments, priv->complete_data);
}

/* Whether @name is one of the declared arguments. */
gboolean
mcp_prompt_has_argument (McpPrompt  *self,
                         const char *name)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  for (guint i = 0; priv->arguments != NULL && i < json_array_get_length (priv->arguments); i++)
    {
      JsonObject *argument = json_array_get_object_element (priv->arguments, i);

      if (g_strcmp0 (mcp_json_get_string (argument, "name"), name) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
mcp_prompt_has_completion (McpPrompt *self)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);

  return priv->complete != NULL;
}

/**
 * mcp_prompt_get_async:
 * @self: a #McpPrompt
 * @context: the request being served
 * @arguments: the arguments, each a string
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the messages are ready
 * @user_data: closure data for @callback
 *
 * Expands the prompt.
 */
void
mcp_prompt_get_async (McpPrompt           *self,
                      McpRequestContext   *context,
                      JsonObject          *arguments,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (context));
  g_return_if_fail (arguments != NULL);

  MCP_PROMPT_GET_CLASS (self)->get_async (self, context, arguments, cancellable, callback, user_data);
}

/**
 * mcp_prompt_get_finish:
 * @self: a #McpPrompt
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.Prompt.get_async].
 *
 * Returns: (transfer full): the messages
 */
McpPromptResult *
mcp_prompt_get_finish (McpPrompt     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return MCP_PROMPT_GET_CLASS (self)->get_finish (self, result, error);
}

JsonObject *
mcp_prompt_to_json_for_version (McpPrompt  *self,
                                const char *version)
{
  McpPromptPrivate *priv = mcp_prompt_get_instance_private (self);
  gboolean has_title = mcp_protocol_version_at_least (version, MCP_SINCE_TITLE);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", priv->name);
  if (has_title)
    mcp_json_object_set_string (object, "title", priv->title);
  mcp_json_object_set_string (object, "description", priv->description);
  if (priv->arguments != NULL)
    {
      JsonArray *arguments = json_array_new ();

      for (guint i = 0; i < json_array_get_length (priv->arguments); i++)
        {
          JsonObject *argument = mcp_json_object_copy (json_array_get_object_element (priv->arguments, i));

          if (!has_title)
            json_object_remove_member (argument, "title");
          json_array_add_object_element (arguments, argument);
        }
      json_object_set_array_member (object, "arguments", arguments);
    }
  mcp_metadata_write (object, version, priv->icons, priv->meta);

  return object;
}

/**
 * mcp_prompt_to_json:
 * @self: a #McpPrompt
 *
 * Serializes the prompt as the `Prompt` object `prompts/list` sends in the
 * newest protocol revision.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_prompt_to_json (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return mcp_prompt_to_json_for_version (self, MCP_PROTOCOL_VERSION_LATEST);
}
