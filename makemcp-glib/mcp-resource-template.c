/* mcp-resource-template.c
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
#include "mcp-resource-private.h"
#include "mcp-uri-template-private.h"
#include "mcp-util-private.h"

/**
 * McpResourceTemplate:
 *
 * A family of resources described by an RFC 6570 URI template (levels 1 to
 * 3), such as `weather://{city}/{day}` or `file:///{+path}`. Reading a URI
 * that matches the template runs its read function with the variables
 * taken from the URI.
 *
 * ```c
 * g_autoptr(McpResourceTemplate) weather =
 *   mcp_resource_template_new ("weather://{city}", "Weather by city", NULL);
 *
 * mcp_resource_template_set_read_func (weather, read_weather, NULL, NULL);
 * mcp_resource_template_set_completion_func (weather, complete_city, NULL, NULL);
 * mcp_server_add_resource_template (server, weather);
 * ```
 *
 * A completion function suggests values for the variables
 * (`completion/complete` with a `ref/resource` reference).
 */

typedef struct
{
  char                    *uri_template;
  char                    *name;
  char                    *title;
  char                    *description;
  char                    *mime_type;
  JsonObject              *annotations;
  JsonArray               *icons;
  JsonObject              *meta;
  guint                    ttl;
  McpCacheScope            cache_scope;

  McpUriTemplate          *parsed;
  GError                  *parse_error;

  McpResourceTemplateFunc  func;
  gpointer                 func_data;
  GDestroyNotify           func_destroy;

  McpCompletionFunc        complete;
  gpointer                 complete_data;
  GDestroyNotify           complete_destroy;
} McpResourceTemplatePrivate;

enum {
  PROP_0,
  PROP_URI_TEMPLATE,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_MIME_TYPE,
  PROP_ANNOTATIONS,
  PROP_TTL,
  PROP_CACHE_SCOPE,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mcp_resource_template_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (McpResourceTemplate, mcp_resource_template, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (McpResourceTemplate)
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                mcp_resource_template_initable_iface_init))

static gboolean
mcp_resource_template_initable_init (GInitable     *initable,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (initable);
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  if (priv->parse_error != NULL)
    {
      g_propagate_error (error, g_error_copy (priv->parse_error));
      return FALSE;
    }

  return TRUE;
}

static void
mcp_resource_template_initable_iface_init (GInitableIface *iface)
{
  iface->init = mcp_resource_template_initable_init;
}

static void
mcp_resource_template_constructed (GObject *object)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->constructed (object);

  if (priv->uri_template == NULL)
    g_set_error_literal (&priv->parse_error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                         "A resource template needs a URI template");
  else
    priv->parsed = mcp_uri_template_parse (priv->uri_template, &priv->parse_error);

  /* The error is reported by g_initable_init(); a template created
   * without it and with an invalid URI template matches nothing. */
}

static void
mcp_resource_template_dispose (GObject *object)
{
  McpResourceTemplate *self = (McpResourceTemplate *)object;
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = NULL;
  priv->func_destroy = NULL;

  if (priv->complete_destroy != NULL)
    priv->complete_destroy (priv->complete_data);
  priv->complete = NULL;
  priv->complete_destroy = NULL;

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->dispose (object);
}

static void
mcp_resource_template_finalize (GObject *object)
{
  McpResourceTemplate *self = (McpResourceTemplate *)object;
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_clear_pointer (&priv->uri_template, g_free);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->mime_type, g_free);
  g_clear_pointer (&priv->annotations, json_object_unref);
  g_clear_pointer (&priv->icons, json_array_unref);
  g_clear_pointer (&priv->meta, json_object_unref);
  g_clear_pointer (&priv->parsed, mcp_uri_template_free);
  g_clear_error (&priv->parse_error);

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->finalize (object);
}

static void
mcp_resource_template_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URI_TEMPLATE:
      g_value_set_string (value, priv->uri_template);
      break;

    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, priv->description);
      break;

    case PROP_MIME_TYPE:
      g_value_set_string (value, priv->mime_type);
      break;

    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, priv->annotations);
      break;

    case PROP_TTL:
      g_value_set_uint (value, priv->ttl);
      break;

    case PROP_CACHE_SCOPE:
      g_value_set_enum (value, priv->cache_scope);
      break;

    case PROP_ICONS:
      g_value_set_boxed (value, mcp_resource_template_get_icons (self));
      break;

    case PROP_META:
      g_value_set_boxed (value, mcp_resource_template_get_meta (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_template_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URI_TEMPLATE:
      priv->uri_template = g_value_dup_string (value);
      break;

    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      mcp_resource_template_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mcp_resource_template_set_description (self, g_value_get_string (value));
      break;

    case PROP_MIME_TYPE:
      mcp_resource_template_set_mime_type (self, g_value_get_string (value));
      break;

    case PROP_ANNOTATIONS:
      mcp_resource_template_set_annotations (self, g_value_get_boxed (value));
      break;

    case PROP_TTL:
      mcp_resource_template_set_ttl (self, g_value_get_uint (value));
      break;

    case PROP_CACHE_SCOPE:
      mcp_resource_template_set_cache_scope (self, g_value_get_enum (value));
      break;

    case PROP_META:
      mcp_resource_template_set_meta (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_template_real_read_async (McpResourceTemplate *self,
                                       McpRequestContext   *context,
                                       const char          *uri,
                                       JsonObject          *variables,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  McpResourceContents *contents;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_resource_template_real_read_async);

  if (priv->func == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                               "The resource template “%s” has no read function",
                               priv->uri_template);
      return;
    }

  /* %NULL without an error is a bug of the read function, not a missing
   * resource: the same internal error as McpResourceReadFunc's. */
  contents = priv->func (self, context, uri, variables, priv->func_data, &error);
  if (contents != NULL)
    g_task_return_pointer (task, contents, g_object_unref);
  else
    g_task_return_error (task, error != NULL ? error : mcp_resource_error_produced_nothing (uri));
}

static McpResourceContents *
mcp_resource_template_real_read_finish (McpResourceTemplate  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_resource_template_class_init (McpResourceTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mcp_resource_template_constructed;
  object_class->dispose = mcp_resource_template_dispose;
  object_class->finalize = mcp_resource_template_finalize;
  object_class->get_property = mcp_resource_template_get_property;
  object_class->set_property = mcp_resource_template_set_property;

  klass->read_async = mcp_resource_template_real_read_async;
  klass->read_finish = mcp_resource_template_real_read_finish;

  /**
   * McpResourceTemplate:uri-template:
   *
   * The RFC 6570 URI template (levels 1 to 3).
   */
  properties[PROP_URI_TEMPLATE] =
    g_param_spec_string ("uri-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:name:
   *
   * The name of the template.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:title:
   *
   * A human readable name for display.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:description:
   *
   * What the resources of the template hold.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:mime-type:
   *
   * The MIME type of every resource of the template, when they share one.
   */
  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:annotations:
   *
   * The template's `Annotations`.
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:ttl:
   *
   * How long, in milliseconds, a 2026-07-28 client may consider what it
   * read through the template fresh (`ttlMs` of `resources/read`), as
   * [property@Mcp.Resource:ttl] does for one resource. 0, the default,
   * means the contents may change at any time.
   */
  properties[PROP_TTL] =
    g_param_spec_uint ("ttl", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:cache-scope:
   *
   * Who may cache what a client read through the template (`cacheScope`
   * of `resources/read`), as [property@Mcp.Resource:cache-scope] does for
   * one resource. Private by default: contents often depend on the user.
   */
  properties[PROP_CACHE_SCOPE] =
    g_param_spec_enum ("cache-scope", NULL, NULL,
                       MCP_TYPE_CACHE_SCOPE, MCP_CACHE_SCOPE_PRIVATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:icons:
   *
   * The icons clients may show for the template, as `Icon` objects, added
   * with [method@Mcp.ResourceTemplate.add_icon].
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:meta:
   *
   * Metadata sent in the template's `_meta` in `resources/templates/list` (2025-06-18 and
   * later).
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_resource_template_init (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  priv->cache_scope = MCP_CACHE_SCOPE_PRIVATE;
}

/**
 * mcp_resource_template_new:
 * @uri_template: an RFC 6570 URI template (levels 1 to 3)
 * @name: the name of the template
 * @error: return location for a #GError
 *
 * Creates a resource template. Fails when @uri_template is not a valid
 * template.
 *
 * Returns: (transfer full): a new #McpResourceTemplate
 */
McpResourceTemplate *
mcp_resource_template_new (const char  *uri_template,
                           const char  *name,
                           GError     **error)
{
  g_return_val_if_fail (uri_template != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_initable_new (MCP_TYPE_RESOURCE_TEMPLATE, NULL, error,
                         "uri-template", uri_template,
                         "name", name,
                         NULL);
}

/**
 * mcp_resource_template_get_uri_template:
 * @self: a #McpResourceTemplate
 *
 * Gets the URI template.
 *
 * Returns: the URI template
 */
const char *
mcp_resource_template_get_uri_template (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return priv->uri_template;
}

/**
 * mcp_resource_template_get_name:
 * @self: a #McpResourceTemplate
 *
 * Gets the name of the template.
 *
 * Returns: the name
 */
const char *
mcp_resource_template_get_name (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return priv->name;
}

#define DEFINE_STRING_PROPERTY(field, PROP)                                        \
const char *                                                                       \
mcp_resource_template_get_##field (McpResourceTemplate *self)                      \
{                                                                                  \
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self); \
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);                    \
  return priv->field;                                                              \
}                                                                                  \
                                                                                   \
void                                                                               \
mcp_resource_template_set_##field (McpResourceTemplate *self,                      \
                                   const char          *value)                     \
{                                                                                  \
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self); \
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));                              \
  if (mcp_set_str (&priv->field, value))                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                  \
}

/**
 * mcp_resource_template_get_title:
 * @self: a #McpResourceTemplate
 *
 * Gets the display title.
 *
 * Returns: (nullable): the title
 */
/**
 * mcp_resource_template_set_title:
 * @self: a #McpResourceTemplate
 * @title: (nullable): the title
 *
 * Sets the display title.
 */
DEFINE_STRING_PROPERTY (title, PROP_TITLE)

/**
 * mcp_resource_template_get_description:
 * @self: a #McpResourceTemplate
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 */
/**
 * mcp_resource_template_set_description:
 * @self: a #McpResourceTemplate
 * @description: (nullable): the description
 *
 * Sets the description.
 */
DEFINE_STRING_PROPERTY (description, PROP_DESCRIPTION)

/**
 * mcp_resource_template_get_mime_type:
 * @self: a #McpResourceTemplate
 *
 * Gets the MIME type of the template's resources.
 *
 * Returns: (nullable): the MIME type
 */
/**
 * mcp_resource_template_set_mime_type:
 * @self: a #McpResourceTemplate
 * @mime_type: (nullable): the MIME type
 *
 * Sets the MIME type of the template's resources.
 */
DEFINE_STRING_PROPERTY (mime_type, PROP_MIME_TYPE)

#undef DEFINE_STRING_PROPERTY

/**
 * mcp_resource_template_get_annotations:
 * @self: a #McpResourceTemplate
 *
 * Gets the annotations.
 *
 * Returns: (transfer none) (nullable): the annotations
 */
JsonObject *
mcp_resource_template_get_annotations (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return priv->annotations;
}

/**
 * mcp_resource_template_set_annotations:
 * @self: a #McpResourceTemplate
 * @annotations: (nullable): an `Annotations` object
 *
 * Sets the annotations.
 */
void
mcp_resource_template_set_annotations (McpResourceTemplate *self,
                                       JsonObject          *annotations)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  if (mcp_set_json_object (&priv->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

/**
 * mcp_resource_template_add_icon:
 * @self: a #McpResourceTemplate
 * @src: the URI of the icon
 * @mime_type: (nullable): its MIME type
 * @sizes: (nullable) (array zero-terminated=1): its sizes
 * @theme: (nullable): `"light"` or `"dark"`
 *
 * Adds an icon clients may show for the template.
 */
void
mcp_resource_template_add_icon (McpResourceTemplate *self,
                                const char          *src,
                                const char          *mime_type,
                                const char * const  *sizes,
                                const char          *theme)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));
  g_return_if_fail (src != NULL);

  if (priv->icons == NULL)
    priv->icons = json_array_new ();
  json_array_add_object_element (priv->icons, mcp_icon_new (src, mime_type, sizes, theme));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
}

/**
 * mcp_resource_template_get_icons:
 * @self: a #McpResourceTemplate
 *
 * Gets the icons of the template, added with
 * [method@Mcp.ResourceTemplate.add_icon].
 *
 * Returns: (transfer none) (nullable): the `Icon` objects
 */
JsonArray *
mcp_resource_template_get_icons (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return priv->icons;
}

/**
 * mcp_resource_template_get_meta:
 * @self: a #McpResourceTemplate
 *
 * Gets the metadata sent in the template's `_meta`.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_resource_template_get_meta (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return priv->meta;
}

/**
 * mcp_resource_template_set_meta:
 * @self: a #McpResourceTemplate
 * @meta: (nullable): a `_meta` object
 *
 * Sets metadata sent in the template's `_meta`.
 */
void
mcp_resource_template_set_meta (McpResourceTemplate *self,
                                JsonObject          *meta)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  if (mcp_set_json_object (&priv->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

/**
 * mcp_resource_template_get_ttl:
 * @self: a #McpResourceTemplate
 *
 * Gets [property@Mcp.ResourceTemplate:ttl].
 *
 * Returns: the time to live of what is read, in milliseconds
 */
guint
mcp_resource_template_get_ttl (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), 0);

  return priv->ttl;
}

/**
 * mcp_resource_template_set_ttl:
 * @self: a #McpResourceTemplate
 * @ttl_ms: the time to live of what is read, in milliseconds
 *
 * Sets [property@Mcp.ResourceTemplate:ttl].
 */
void
mcp_resource_template_set_ttl (McpResourceTemplate *self,
                               guint                ttl_ms)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  if (priv->ttl != ttl_ms)
    {
      priv->ttl = ttl_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TTL]);
    }
}

/**
 * mcp_resource_template_get_cache_scope:
 * @self: a #McpResourceTemplate
 *
 * Gets [property@Mcp.ResourceTemplate:cache-scope].
 *
 * Returns: the cache scope of what is read
 */
McpCacheScope
mcp_resource_template_get_cache_scope (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), MCP_CACHE_SCOPE_PRIVATE);

  return priv->cache_scope;
}

/**
 * mcp_resource_template_set_cache_scope:
 * @self: a #McpResourceTemplate
 * @cache_scope: who may cache what is read
 *
 * Sets [property@Mcp.ResourceTemplate:cache-scope].
 */
void
mcp_resource_template_set_cache_scope (McpResourceTemplate *self,
                                       McpCacheScope        cache_scope)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  if (priv->cache_scope != cache_scope)
    {
      priv->cache_scope = cache_scope;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_SCOPE]);
    }
}

/**
 * mcp_resource_template_expand:
 * @self: a #McpResourceTemplate
 * @variables: the values of the variables, as strings
 *
 * Expands the template into a URI (RFC 6570): variables missing from
 * @variables are left out, values are percent-encoded as the operator of
 * their expression requires.
 *
 * Returns: (transfer full): the URI
 */
char *
mcp_resource_template_expand (McpResourceTemplate *self,
                              JsonObject          *variables)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);
  g_return_val_if_fail (variables != NULL, NULL);

  if (priv->parsed == NULL)
    return g_strdup (priv->uri_template);

  return mcp_uri_template_expand (priv->parsed, variables);
}

/**
 * mcp_resource_template_match_uri:
 * @self: a #McpResourceTemplate
 * @uri: a URI
 *
 * Checks whether @uri is one of the template's resources, and recovers the
 * variables it was expanded from.
 *
 * The variables of simple (`{id}`) and reserved (`{+path}`) expressions
 * are always there, as empty strings when @uri gives them no value
 * (`notes://note/` against `notes://note/{id}`): an expansion cannot tell
 * an empty value from a missing one. The variables of the other operators
 * (`{?q}`, `{/segments}`, …) are left out when @uri leaves them out.
 *
 * Returns: (transfer full) (nullable): the variables, each a string, or
 *   %NULL when @uri does not match
 */
JsonObject *
mcp_resource_template_match_uri (McpResourceTemplate *self,
                                 const char          *uri)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  return mcp_resource_template_match (self, uri);
}

JsonObject *
mcp_resource_template_match (McpResourceTemplate *self,
                             const char          *uri)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  if (priv->parsed == NULL)
    return NULL;

  return mcp_uri_template_match (priv->parsed, uri);
}

/**
 * mcp_resource_template_set_read_func:
 * @self: a #McpResourceTemplate
 * @func: (scope notified) (closure user_data) (destroy destroy): the function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func read the template's resources.
 */
void
mcp_resource_template_set_read_func (McpResourceTemplate     *self,
                                     McpResourceTemplateFunc  func,
                                     gpointer                 user_data,
                                     GDestroyNotify           destroy)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));
  g_return_if_fail (func != NULL);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = func;
  priv->func_data = user_data;
  priv->func_destroy = destroy;
}

/**
 * mcp_resource_template_set_completion_func:
 * @self: a #McpResourceTemplate
 * @func: (scope notified) (closure user_data) (destroy destroy): the function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func suggest values for the template's variables. The server then
 * declares the `completions` capability.
 */
void
mcp_resource_template_set_completion_func (McpResourceTemplate *self,
                                           McpCompletionFunc    func,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));
  g_return_if_fail (func != NULL);

  if (priv->complete_destroy != NULL)
    priv->complete_destroy (priv->complete_data);
  priv->complete = func;
  priv->complete_data = user_data;
  priv->complete_destroy = destroy;
}

/**
 * mcp_resource_template_complete:
 * @self: a #McpResourceTemplate
 * @context: the request being served
 * @variable: the name of a variable
 * @value: what the user typed so far
 * @arguments: (nullable): the values of the other variables
 *
 * Runs the completion function for @variable.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   suggestions, or %NULL when the template has no completion function
 */
char **
mcp_resource_template_complete (McpResourceTemplate *self,
                                McpRequestContext   *context,
                                const char          *variable,
                                const char          *value,
                                JsonObject          *arguments)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);
  g_return_val_if_fail (variable != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (priv->complete == NULL)
    return NULL;

  return priv->complete (context, variable, value, arguments, priv->complete_data);
}

/* Whether @name is a variable of the template. */
gboolean
mcp_resource_template_has_variable (McpResourceTemplate *self,
                                    const char          *name)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);
  g_auto(GStrv) names = NULL;

  if (priv->parsed == NULL)
    return FALSE;

  names = mcp_uri_template_get_names (priv->parsed);
  return g_strv_contains ((const char * const *)names, name);
}

gboolean
mcp_resource_template_has_completion (McpResourceTemplate *self)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);

  return priv->complete != NULL;
}

/**
 * mcp_resource_template_read_async:
 * @self: a #McpResourceTemplate
 * @context: the request being served
 * @uri: the URI to read
 * @variables: the variables @uri matched
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the contents are ready
 * @user_data: closure data for @callback
 *
 * Reads one of the template's resources.
 */
void
mcp_resource_template_read_async (McpResourceTemplate *self,
                                  McpRequestContext   *context,
                                  const char          *uri,
                                  JsonObject          *variables,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (context));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (variables != NULL);

  MCP_RESOURCE_TEMPLATE_GET_CLASS (self)->read_async (self, context, uri, variables, cancellable,
                                                      callback, user_data);
}

/**
 * mcp_resource_template_read_finish:
 * @self: a #McpResourceTemplate
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.ResourceTemplate.read_async].
 *
 * Returns: (transfer full): the contents
 */
McpResourceContents *
mcp_resource_template_read_finish (McpResourceTemplate  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return MCP_RESOURCE_TEMPLATE_GET_CLASS (self)->read_finish (self, result, error);
}

JsonObject *
mcp_resource_template_to_json_for_version (McpResourceTemplate *self,
                                           const char          *version)
{
  McpResourceTemplatePrivate *priv = mcp_resource_template_get_instance_private (self);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uriTemplate", priv->uri_template);
  json_object_set_string_member (object, "name", priv->name);
  if (mcp_protocol_version_at_least (version, MCP_SINCE_TITLE))
    mcp_json_object_set_string (object, "title", priv->title);
  mcp_json_object_set_string (object, "description", priv->description);
  mcp_json_object_set_string (object, "mimeType", priv->mime_type);
  if (priv->annotations != NULL)
    json_object_set_object_member (object, "annotations", json_object_ref (priv->annotations));
  mcp_metadata_write (object, version, priv->icons, priv->meta);

  return object;
}
