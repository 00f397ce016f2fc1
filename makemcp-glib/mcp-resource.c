/* mcp-resource.c
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
#include "mcp-util-private.h"

/**
 * McpResource:
 *
 * A resource a client can list and read: a URI, a name, a description, a
 * MIME type, and the code that produces its contents.
 *
 * The contents are static ([method@Mcp.Resource.set_contents], or
 * [ctor@Mcp.Resource.new_text]), produced by a synchronous function
 * ([method@Mcp.Resource.set_read_func]), or by a subclass that overrides
 * [vfunc@Mcp.Resource.read_async].
 *
 * ```c
 * g_autoptr(McpResource) config = mcp_resource_new ("config://app", "Configuration");
 *
 * mcp_resource_set_mime_type (config, "application/json");
 * mcp_resource_set_read_func (config, read_config, app, NULL);
 * mcp_server_add_resource (server, config);
 * ```
 *
 * Call [method@Mcp.Resource.notify_updated] when the contents change: the
 * clients that subscribed to the resource are told, in either protocol era.
 */

typedef struct
{
  char                *uri;
  char                *name;
  char                *title;
  char                *description;
  char                *mime_type;
  gint64               size;
  JsonObject          *annotations;
  JsonArray           *icons;
  JsonObject          *meta;
  guint                ttl;
  McpCacheScope        cache_scope;

  McpResourceContents *contents;
  McpResourceReadFunc  func;
  gpointer             func_data;
  GDestroyNotify       func_destroy;
} McpResourcePrivate;

enum {
  PROP_0,
  PROP_URI,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_MIME_TYPE,
  PROP_SIZE,
  PROP_ANNOTATIONS,
  PROP_TTL,
  PROP_CACHE_SCOPE,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (McpResource, mcp_resource, G_TYPE_OBJECT)

static void
mcp_resource_clear_func (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  if (priv->func_destroy != NULL)
    priv->func_destroy (priv->func_data);
  priv->func = NULL;
  priv->func_data = NULL;
  priv->func_destroy = NULL;
}

static void
mcp_resource_dispose (GObject *object)
{
  McpResource *self = (McpResource *)object;
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  mcp_resource_clear_func (self);
  g_clear_object (&priv->contents);

  G_OBJECT_CLASS (mcp_resource_parent_class)->dispose (object);
}

static void
mcp_resource_finalize (GObject *object)
{
  McpResource *self = (McpResource *)object;
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_clear_pointer (&priv->uri, g_free);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->description, g_free);
  g_clear_pointer (&priv->mime_type, g_free);
  g_clear_pointer (&priv->annotations, json_object_unref);
  g_clear_pointer (&priv->icons, json_array_unref);
  g_clear_pointer (&priv->meta, json_object_unref);

  G_OBJECT_CLASS (mcp_resource_parent_class)->finalize (object);
}

static void
mcp_resource_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McpResource *self = MCP_RESOURCE (object);
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, priv->uri);
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

    case PROP_SIZE:
      g_value_set_int64 (value, priv->size);
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
      g_value_set_boxed (value, mcp_resource_get_icons (self));
      break;

    case PROP_META:
      g_value_set_boxed (value, mcp_resource_get_meta (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McpResource *self = MCP_RESOURCE (object);
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URI:
      priv->uri = g_value_dup_string (value);
      break;

    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      mcp_resource_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mcp_resource_set_description (self, g_value_get_string (value));
      break;

    case PROP_MIME_TYPE:
      mcp_resource_set_mime_type (self, g_value_get_string (value));
      break;

    case PROP_SIZE:
      mcp_resource_set_size (self, g_value_get_int64 (value));
      break;

    case PROP_ANNOTATIONS:
      mcp_resource_set_annotations (self, g_value_get_boxed (value));
      break;

    case PROP_TTL:
      mcp_resource_set_ttl (self, g_value_get_uint (value));
      break;

    case PROP_CACHE_SCOPE:
      mcp_resource_set_cache_scope (self, g_value_get_enum (value));
      break;

    case PROP_META:
      mcp_resource_set_meta (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_real_read_async (McpResource         *self,
                              McpRequestContext   *context,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_resource_real_read_async);

  if (priv->func != NULL)
    {
      GError *error = NULL;
      McpResourceContents *contents = priv->func (self, context, priv->func_data, &error);

      if (contents != NULL)
        g_task_return_pointer (task, contents, g_object_unref);
      else
        g_task_return_error (task, error != NULL ? error : mcp_resource_error_produced_nothing (priv->uri));
    }
  else if (priv->contents != NULL)
    g_task_return_pointer (task, g_object_ref (priv->contents), g_object_unref);
  else
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                             "The resource “%s” has no contents", priv->uri);
}

static McpResourceContents *
mcp_resource_real_read_finish (McpResource   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_resource_class_init (McpResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_resource_dispose;
  object_class->finalize = mcp_resource_finalize;
  object_class->get_property = mcp_resource_get_property;
  object_class->set_property = mcp_resource_set_property;

  klass->read_async = mcp_resource_real_read_async;
  klass->read_finish = mcp_resource_real_read_finish;

  /**
   * McpResource:uri:
   *
   * The URI of the resource, its identity in `resources/read`.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:name:
   *
   * The name of the resource.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:title:
   *
   * A human readable name for display.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:description:
   *
   * What the resource holds, for the model to read.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:mime-type:
   *
   * The MIME type of the contents.
   */
  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:size:
   *
   * The size of the contents in bytes, or -1 when it is not known.
   */
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:annotations:
   *
   * The resource's `Annotations` (`audience`, `priority`, `lastModified`).
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:ttl:
   *
   * How long, in milliseconds, a 2026-07-28 client may consider what it
   * read fresh (`ttlMs` of `resources/read`). 0, the default, means the
   * contents may change at any time.
   */
  properties[PROP_TTL] =
    g_param_spec_uint ("ttl", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:cache-scope:
   *
   * Who may cache what a client read (`cacheScope` of `resources/read`).
   * Private by default: contents often depend on the user.
   */
  properties[PROP_CACHE_SCOPE] =
    g_param_spec_enum ("cache-scope", NULL, NULL,
                       MCP_TYPE_CACHE_SCOPE, MCP_CACHE_SCOPE_PRIVATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:icons:
   *
   * The icons clients may show for the resource, as `Icon` objects, added
   * with [method@Mcp.Resource.add_icon].
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:meta:
   *
   * Metadata sent in the resource's `_meta` in `resources/list` (2025-06-18 and
   * later).
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpResource::updated:
   * @self: a #McpResource
   *
   * Emitted by [method@Mcp.Resource.notify_updated]: the contents changed.
   * The server then tells every client that subscribed to the resource.
   */
  signals[UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_resource_init (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  priv->size = -1;
  priv->cache_scope = MCP_CACHE_SCOPE_PRIVATE;
}

/**
 * mcp_resource_new:
 * @uri: the URI of the resource
 * @name: its name
 *
 * Creates a resource. Give it contents or a read function before adding
 * it to a server.
 *
 * Returns: (transfer full): a new #McpResource
 */
McpResource *
mcp_resource_new (const char *uri,
                  const char *name)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_RESOURCE, "uri", uri, "name", name, NULL);
}

/**
 * mcp_resource_new_text:
 * @uri: the URI of the resource
 * @name: its name
 * @mime_type: (nullable): its MIME type
 * @text: its contents
 *
 * Creates a resource whose contents are @text.
 *
 * Returns: (transfer full): a new #McpResource
 */
McpResource *
mcp_resource_new_text (const char *uri,
                       const char *name,
                       const char *mime_type,
                       const char *text)
{
  McpResource *self;
  g_autoptr(McpResourceContents) contents = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (MCP_TYPE_RESOURCE, "uri", uri, "name", name, "mime-type", mime_type, NULL);
  contents = mcp_resource_contents_new_text (uri, mime_type, text);
  mcp_resource_set_contents (self, contents);
  return self;
}

/**
 * mcp_resource_get_uri:
 * @self: a #McpResource
 *
 * Gets the URI of the resource.
 *
 * Returns: the URI
 */
const char *
mcp_resource_get_uri (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return priv->uri;
}

/**
 * mcp_resource_get_name:
 * @self: a #McpResource
 *
 * Gets the name of the resource.
 *
 * Returns: the name
 */
const char *
mcp_resource_get_name (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return priv->name;
}

#define DEFINE_STRING_PROPERTY(field, PROP)                                   \
const char *                                                                  \
mcp_resource_get_##field (McpResource *self)                                  \
{                                                                             \
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);        \
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);                        \
  return priv->field;                                                         \
}                                                                             \
                                                                              \
void                                                                          \
mcp_resource_set_##field (McpResource *self,                                  \
                          const char  *value)                                 \
{                                                                             \
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);        \
  g_return_if_fail (MCP_IS_RESOURCE (self));                                  \
  if (mcp_set_str (&priv->field, value))                                      \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);             \
}

/**
 * mcp_resource_get_title:
 * @self: a #McpResource
 *
 * Gets the display title of the resource.
 *
 * Returns: (nullable): the title
 */
/**
 * mcp_resource_set_title:
 * @self: a #McpResource
 * @title: (nullable): the title
 *
 * Sets the display title of the resource.
 */
DEFINE_STRING_PROPERTY (title, PROP_TITLE)

/**
 * mcp_resource_get_description:
 * @self: a #McpResource
 *
 * Gets the description of the resource.
 *
 * Returns: (nullable): the description
 */
/**
 * mcp_resource_set_description:
 * @self: a #McpResource
 * @description: (nullable): the description
 *
 * Sets the description of the resource.
 */
DEFINE_STRING_PROPERTY (description, PROP_DESCRIPTION)

/**
 * mcp_resource_get_mime_type:
 * @self: a #McpResource
 *
 * Gets the MIME type of the resource.
 *
 * Returns: (nullable): the MIME type
 */
/**
 * mcp_resource_set_mime_type:
 * @self: a #McpResource
 * @mime_type: (nullable): the MIME type
 *
 * Sets the MIME type of the resource.
 */
DEFINE_STRING_PROPERTY (mime_type, PROP_MIME_TYPE)

#undef DEFINE_STRING_PROPERTY

/**
 * mcp_resource_get_size:
 * @self: a #McpResource
 *
 * Gets the size of the contents.
 *
 * Returns: the size in bytes, or -1 when unknown
 */
gint64
mcp_resource_get_size (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), -1);

  return priv->size;
}

/**
 * mcp_resource_set_size:
 * @self: a #McpResource
 * @size: the size in bytes, or -1 when unknown
 *
 * Sets the size of the contents, listed for clients that want to know
 * before reading.
 */
void
mcp_resource_set_size (McpResource *self,
                       gint64       size)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));

  if (priv->size != size)
    {
      priv->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }
}

/**
 * mcp_resource_get_annotations:
 * @self: a #McpResource
 *
 * Gets the annotations of the resource.
 *
 * Returns: (transfer none) (nullable): the annotations
 */
JsonObject *
mcp_resource_get_annotations (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return priv->annotations;
}

/**
 * mcp_resource_set_annotations:
 * @self: a #McpResource
 * @annotations: (nullable): an `Annotations` object
 *
 * Sets the annotations of the resource.
 */
void
mcp_resource_set_annotations (McpResource *self,
                              JsonObject  *annotations)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));

  if (mcp_set_json_object (&priv->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

/**
 * mcp_resource_add_icon:
 * @self: a #McpResource
 * @src: the URI of the icon
 * @mime_type: (nullable): its MIME type
 * @sizes: (nullable) (array zero-terminated=1): its sizes
 * @theme: (nullable): `"light"` or `"dark"`
 *
 * Adds an icon clients may show for the resource.
 */
void
mcp_resource_add_icon (McpResource        *self,
                       const char         *src,
                       const char         *mime_type,
                       const char * const *sizes,
                       const char         *theme)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));
  g_return_if_fail (src != NULL);

  if (priv->icons == NULL)
    priv->icons = json_array_new ();
  json_array_add_object_element (priv->icons, mcp_icon_new (src, mime_type, sizes, theme));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
}

/**
 * mcp_resource_get_icons:
 * @self: a #McpResource
 *
 * Gets the icons of the resource, added with
 * [method@Mcp.Resource.add_icon].
 *
 * Returns: (transfer none) (nullable): the `Icon` objects
 */
JsonArray *
mcp_resource_get_icons (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return priv->icons;
}

/**
 * mcp_resource_get_meta:
 * @self: a #McpResource
 *
 * Gets the metadata sent in the resource's `_meta`.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_resource_get_meta (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return priv->meta;
}

/**
 * mcp_resource_set_meta:
 * @self: a #McpResource
 * @meta: (nullable): a `_meta` object
 *
 * Sets metadata sent in the resource's `_meta` in `resources/list`.
 */
void
mcp_resource_set_meta (McpResource *self,
                       JsonObject  *meta)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));

  if (mcp_set_json_object (&priv->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

/**
 * mcp_resource_get_ttl:
 * @self: a #McpResource
 *
 * Gets [property@Mcp.Resource:ttl].
 *
 * Returns: the time to live of what is read, in milliseconds
 */
guint
mcp_resource_get_ttl (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), 0);

  return priv->ttl;
}

/**
 * mcp_resource_set_ttl:
 * @self: a #McpResource
 * @ttl_ms: the time to live of what is read, in milliseconds
 *
 * Sets [property@Mcp.Resource:ttl].
 */
void
mcp_resource_set_ttl (McpResource *self,
                      guint        ttl_ms)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));

  if (priv->ttl != ttl_ms)
    {
      priv->ttl = ttl_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TTL]);
    }
}

/**
 * mcp_resource_get_cache_scope:
 * @self: a #McpResource
 *
 * Gets [property@Mcp.Resource:cache-scope].
 *
 * Returns: the cache scope of what is read
 */
McpCacheScope
mcp_resource_get_cache_scope (McpResource *self)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_RESOURCE (self), MCP_CACHE_SCOPE_PRIVATE);

  return priv->cache_scope;
}

/**
 * mcp_resource_set_cache_scope:
 * @self: a #McpResource
 * @cache_scope: who may cache what is read
 *
 * Sets [property@Mcp.Resource:cache-scope].
 */
void
mcp_resource_set_cache_scope (McpResource   *self,
                              McpCacheScope  cache_scope)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));

  if (priv->cache_scope != cache_scope)
    {
      priv->cache_scope = cache_scope;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_SCOPE]);
    }
}

/**
 * mcp_resource_set_contents:
 * @self: a #McpResource
 * @contents: (nullable): the contents
 *
 * Makes @contents what reading the resource returns. Replacing them does
 * not tell subscribers by itself: call [method@Mcp.Resource.notify_updated].
 */
void
mcp_resource_set_contents (McpResource         *self,
                           McpResourceContents *contents)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));
  g_return_if_fail (!contents || MCP_IS_RESOURCE_CONTENTS (contents));

  g_set_object (&priv->contents, contents);
}

/**
 * mcp_resource_set_read_func:
 * @self: a #McpResource
 * @func: (scope notified) (closure user_data) (destroy destroy): the function
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Makes @func produce the contents each time the resource is read.
 */
void
mcp_resource_set_read_func (McpResource         *self,
                            McpResourceReadFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);

  g_return_if_fail (MCP_IS_RESOURCE (self));
  g_return_if_fail (func != NULL);

  mcp_resource_clear_func (self);
  priv->func = func;
  priv->func_data = user_data;
  priv->func_destroy = destroy;
}

/**
 * mcp_resource_notify_updated:
 * @self: a #McpResource
 *
 * Says that the contents changed: emits [signal@Mcp.Resource::updated],
 * and the server sends `notifications/resources/updated` to every client
 * that subscribed to the resource.
 */
void
mcp_resource_notify_updated (McpResource *self)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  g_signal_emit (self, signals[UPDATED], 0);
}

/**
 * mcp_resource_read_async:
 * @self: a #McpResource
 * @context: the request being served
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the contents are ready
 * @user_data: closure data for @callback
 *
 * Reads the resource.
 */
void
mcp_resource_read_async (McpResource         *self,
                         McpRequestContext   *context,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  MCP_RESOURCE_GET_CLASS (self)->read_async (self, context, cancellable, callback, user_data);
}

/**
 * mcp_resource_read_finish:
 * @self: a #McpResource
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.Resource.read_async].
 *
 * Returns: (transfer full): the contents
 */
McpResourceContents *
mcp_resource_read_finish (McpResource   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return MCP_RESOURCE_GET_CLASS (self)->read_finish (self, result, error);
}

/* What a read that gave neither contents nor an error is answered with, for
 * resources and templates alike: a bug of the server, not a missing
 * resource. */
GError *
mcp_resource_error_produced_nothing (const char *uri)
{
  return g_error_new (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR, "Reading “%s” produced nothing", uri);
}

/* The Resource object as the given protocol revision defines it. */
JsonObject *
mcp_resource_to_json_for_version (McpResource *self,
                                  const char  *version)
{
  McpResourcePrivate *priv = mcp_resource_get_instance_private (self);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uri", priv->uri);
  json_object_set_string_member (object, "name", priv->name);
  if (mcp_protocol_version_at_least (version, MCP_SINCE_TITLE))
    mcp_json_object_set_string (object, "title", priv->title);
  mcp_json_object_set_string (object, "description", priv->description);
  mcp_json_object_set_string (object, "mimeType", priv->mime_type);
  if (priv->size >= 0)
    json_object_set_int_member (object, "size", priv->size);
  if (priv->annotations != NULL)
    json_object_set_object_member (object, "annotations", json_object_ref (priv->annotations));
  mcp_metadata_write (object, version, priv->icons, priv->meta);

  return object;
}

/**
 * mcp_resource_to_json:
 * @self: a #McpResource
 *
 * Serializes the resource as the `Resource` object `resources/list` sends
 * in the newest protocol revision.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_resource_to_json (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return mcp_resource_to_json_for_version (self, MCP_PROTOCOL_VERSION_LATEST);
}
