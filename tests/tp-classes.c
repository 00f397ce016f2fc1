/* tp-classes.c — tool provider classes of the test suite
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "tp-classes.h"

G_DEFINE_ENUM_TYPE (TpColor, tp_color,
  G_DEFINE_ENUM_VALUE (TP_COLOR_RED, "red"),
  G_DEFINE_ENUM_VALUE (TP_COLOR_DARK_GREEN, "dark-green"),
  G_DEFINE_ENUM_VALUE (TP_COLOR_BLUE, "blue"))

G_DEFINE_FLAGS_TYPE (TpPerms, tp_perms,
  G_DEFINE_ENUM_VALUE (TP_PERMS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TP_PERMS_READ, "read"),
  G_DEFINE_ENUM_VALUE (TP_PERMS_WRITE, "write"),
  G_DEFINE_ENUM_VALUE (TP_PERMS_EXECUTE, "execute"))

/* TpPoint */

/**
 * TpPoint:
 *
 * A labelled point.
 */
struct _TpPoint
{
  GObject  parent_instance;
  double   x;
  double   y;
  char    *label;
};

enum {
  POINT_PROP_0,
  POINT_PROP_X,
  POINT_PROP_Y,
  POINT_PROP_LABEL,
  POINT_N_PROPS
};

G_DEFINE_FINAL_TYPE (TpPoint, tp_point, G_TYPE_OBJECT)

static void
tp_point_finalize (GObject *object)
{
  g_free (TP_POINT (object)->label);
  G_OBJECT_CLASS (tp_point_parent_class)->finalize (object);
}

static void
tp_point_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TpPoint *self = TP_POINT (object);

  switch (prop_id)
    {
    case POINT_PROP_X:
      g_value_set_double (value, self->x);
      break;
    case POINT_PROP_Y:
      g_value_set_double (value, self->y);
      break;
    case POINT_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_point_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TpPoint *self = TP_POINT (object);

  switch (prop_id)
    {
    case POINT_PROP_X:
      self->x = g_value_get_double (value);
      break;
    case POINT_PROP_Y:
      self->y = g_value_get_double (value);
      break;
    case POINT_PROP_LABEL:
      g_free (self->label);
      self->label = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_point_class_init (TpPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_point_finalize;
  object_class->get_property = tp_point_get_property;
  object_class->set_property = tp_point_set_property;

  /**
   * TpPoint:x:
   *
   * The horizontal coordinate.
   */
  g_object_class_install_property (object_class, POINT_PROP_X,
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  /**
   * TpPoint:y:
   *
   * The vertical coordinate.
   */
  g_object_class_install_property (object_class, POINT_PROP_Y,
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  /**
   * TpPoint:label:
   *
   * What the point is.
   */
  g_object_class_install_property (object_class, POINT_PROP_LABEL,
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
tp_point_init (TpPoint *self)
{
}

/* TpTypes: one method for each mapped type */

/**
 * TpTypes:
 *
 * Echoes values of every type the mapping knows.
 */
struct _TpTypes
{
  McpToolProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (TpTypes, tp_types, MCP_TYPE_TOOL_PROVIDER)

static void
tp_types_class_init (TpTypesClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Tp", "1.0");
}

static void
tp_types_init (TpTypes *self)
{
}

/**
 * tp_types_echo_boolean:
 * @self: a #TpTypes
 * @value: a boolean
 *
 * Echoes a boolean.
 *
 * Returns: @value
 */
gboolean
tp_types_echo_boolean (TpTypes  *self,
                       gboolean  value)
{
  return value;
}

/**
 * tp_types_echo_int8:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a gint8.
 *
 * Returns: @value
 */
gint8
tp_types_echo_int8 (TpTypes *self,
                    gint8    value)
{
  return value;
}

/**
 * tp_types_echo_uint8:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a guint8.
 *
 * Returns: @value
 */
guint8
tp_types_echo_uint8 (TpTypes *self,
                     guint8   value)
{
  return value;
}

/**
 * tp_types_echo_int16:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a gint16.
 *
 * Returns: @value
 */
gint16
tp_types_echo_int16 (TpTypes *self,
                     gint16   value)
{
  return value;
}

/**
 * tp_types_echo_uint16:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a guint16.
 *
 * Returns: @value
 */
guint16
tp_types_echo_uint16 (TpTypes *self,
                      guint16  value)
{
  return value;
}

/**
 * tp_types_echo_int32:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a gint32.
 *
 * Returns: @value
 */
gint32
tp_types_echo_int32 (TpTypes *self,
                     gint32   value)
{
  return value;
}

/**
 * tp_types_echo_uint32:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a guint32.
 *
 * Returns: @value
 */
guint32
tp_types_echo_uint32 (TpTypes *self,
                      guint32  value)
{
  return value;
}

/**
 * tp_types_echo_int64:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a gint64.
 *
 * Returns: @value
 */
gint64
tp_types_echo_int64 (TpTypes *self,
                     gint64   value)
{
  return value;
}

/**
 * tp_types_echo_uint64:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a guint64.
 *
 * Returns: @value
 */
guint64
tp_types_echo_uint64 (TpTypes *self,
                      guint64  value)
{
  return value;
}

/**
 * tp_types_echo_float:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a float.
 *
 * Returns: @value
 */
float
tp_types_echo_float (TpTypes *self,
                     float    value)
{
  return value;
}

/**
 * tp_types_echo_double:
 * @self: a #TpTypes
 * @value: a value
 *
 * Echoes a double.
 *
 * Returns: @value
 */
double
tp_types_echo_double (TpTypes *self,
                      double   value)
{
  return value;
}

/**
 * tp_types_echo_string:
 * @self: a #TpTypes
 * @value: a string
 *
 * Echoes a string.
 *
 * Returns: (transfer full): @value
 */
char *
tp_types_echo_string (TpTypes    *self,
                      const char *value)
{
  return g_strdup (value);
}

/**
 * tp_types_echo_filename:
 * @self: a #TpTypes
 * @path: (type filename): a file name
 *
 * Echoes a file name.
 *
 * Returns: (type filename) (transfer full): @path
 */
char *
tp_types_echo_filename (TpTypes    *self,
                        const char *path)
{
  return g_strdup (path);
}

/**
 * tp_types_echo_strv:
 * @self: a #TpTypes
 * @values: (array zero-terminated=1): strings
 *
 * Echoes strings, reversed.
 *
 * Returns: (array zero-terminated=1) (transfer full): @values, last first
 */
char **
tp_types_echo_strv (TpTypes            *self,
                    const char * const *values)
{
  guint n = g_strv_length ((char **)values);
  char **reversed = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    reversed[i] = g_strdup (values[n - 1 - i]);
  return reversed;
}

/**
 * tp_types_sum:
 * @self: a #TpTypes
 * @values: (array length=n_values): the numbers to add
 * @n_values: how many there are
 *
 * Adds integers.
 *
 * Returns: their sum
 */
gint64
tp_types_sum (TpTypes   *self,
              const int *values,
              gsize      n_values)
{
  gint64 sum = 0;

  for (gsize i = 0; i < n_values; i++)
    sum += values[i];
  return sum;
}

/**
 * tp_types_scale:
 * @self: a #TpTypes
 * @values: (element-type gdouble): numbers
 * @factor: what to multiply them by
 *
 * Multiplies numbers.
 *
 * Returns: (element-type gdouble) (transfer full): the products
 */
GArray *
tp_types_scale (TpTypes *self,
                GArray  *values,
                double   factor)
{
  GArray *products = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < values->len; i++)
    {
      double product = g_array_index (values, double, i) * factor;
      g_array_append_val (products, product);
    }
  return products;
}

/**
 * tp_types_join:
 * @self: a #TpTypes
 * @words: (element-type utf8): words
 * @separator: what goes between them
 *
 * Joins words.
 *
 * Returns: (transfer full): the words joined
 */
char *
tp_types_join (TpTypes    *self,
               GList      *words,
               const char *separator)
{
  GString *joined = g_string_new (NULL);

  for (GList *l = words; l != NULL; l = l->next)
    {
      if (l != words)
        g_string_append (joined, separator);
      g_string_append (joined, l->data);
    }
  return g_string_free (joined, FALSE);
}

/**
 * tp_types_words:
 * @self: a #TpTypes
 * @text: some text
 *
 * Splits text at spaces.
 *
 * Returns: (element-type utf8) (transfer full): the words
 */
GList *
tp_types_words (TpTypes    *self,
                const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);
  GList *words = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    words = g_list_append (words, g_strdup (parts[i]));
  return words;
}

/**
 * tp_types_echo_color:
 * @self: a #TpTypes
 * @color: a color
 *
 * Echoes a color.
 *
 * Returns: @color
 */
TpColor
tp_types_echo_color (TpTypes *self,
                     TpColor  color)
{
  return color;
}

/**
 * tp_types_echo_perms:
 * @self: a #TpTypes
 * @perms: permissions
 *
 * Echoes permissions.
 *
 * Returns: @perms
 */
TpPerms
tp_types_echo_perms (TpTypes *self,
                     TpPerms  perms)
{
  return perms;
}

/**
 * tp_types_echo_node:
 * @self: a #TpTypes
 * @node: any JSON value
 *
 * Echoes a JSON value.
 *
 * Returns: (transfer full): @node
 */
JsonNode *
tp_types_echo_node (TpTypes  *self,
                    JsonNode *node)
{
  return json_node_copy (node);
}

/**
 * tp_types_echo_object:
 * @self: a #TpTypes
 * @object: a JSON object
 *
 * Echoes a JSON object.
 *
 * Returns: (transfer full): @object
 */
JsonObject *
tp_types_echo_object (TpTypes    *self,
                      JsonObject *object)
{
  return json_object_ref (object);
}

/**
 * tp_types_echo_array:
 * @self: a #TpTypes
 * @array: a JSON array
 *
 * Echoes a JSON array.
 *
 * Returns: (transfer full): @array
 */
JsonArray *
tp_types_echo_array (TpTypes   *self,
                     JsonArray *array)
{
  return json_array_ref (array);
}

/**
 * tp_types_echo_variant:
 * @self: a #TpTypes
 * @variant: a variant
 *
 * Echoes a variant.
 *
 * Returns: (transfer full): @variant
 */
GVariant *
tp_types_echo_variant (TpTypes  *self,
                       GVariant *variant)
{
  return g_variant_ref (variant);
}

/**
 * tp_types_echo_bytes:
 * @self: a #TpTypes
 * @bytes: bytes
 *
 * Echoes bytes, with one more at the end.
 *
 * Returns: (transfer full): @bytes and a `!`
 */
GBytes *
tp_types_echo_bytes (TpTypes *self,
                     GBytes  *bytes)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_byte_array_append (array, data, size);
  g_byte_array_append (array, (const guint8 *)"!", 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

/**
 * tp_types_split:
 * @self: a #TpTypes
 * @text: some text
 * @n_words: (out): the number of words
 * @words: (out) (array length=n_words) (transfer full): the words
 *
 * Splits text at spaces, with out arguments.
 */
void
tp_types_split (TpTypes      *self,
                const char   *text,
                int          *n_words,
                char       ***words)
{
  *words = g_strsplit (text, " ", -1);
  *n_words = g_strv_length (*words);
}

/**
 * tp_types_divide:
 * @self: a #TpTypes
 * @dividend: the number to divide
 * @divisor: what to divide it by
 * @quotient: (out): the quotient
 * @remainder: (out): the remainder
 * @error: return location for a #GError
 *
 * Divides integers.
 *
 * Returns: %TRUE
 */
gboolean
tp_types_divide (TpTypes  *self,
                 int       dividend,
                 int       divisor,
                 int      *quotient,
                 int      *remainder,
                 GError  **error)
{
  if (divisor == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Division by zero");
      return FALSE;
    }

  *quotient = dividend / divisor;
  *remainder = dividend % divisor;
  return TRUE;
}

/**
 * tp_types_make_point:
 * @self: a #TpTypes
 * @x: the horizontal coordinate
 * @y: the vertical coordinate
 * @label: (nullable): what the point is
 *
 * Makes a point.
 *
 * Returns: (transfer full): the point
 */
TpPoint *
tp_types_make_point (TpTypes    *self,
                     double      x,
                     double      y,
                     const char *label)
{
  return g_object_new (TP_TYPE_POINT, "x", x, "y", y, "label", label, NULL);
}

/**
 * tp_types_maybe_point:
 * @self: a #TpTypes
 * @want: whether to make one
 *
 * Makes a point, or not.
 *
 * Returns: (transfer full) (nullable): a point at the origin, or %NULL
 */
TpPoint *
tp_types_maybe_point (TpTypes  *self,
                      gboolean  want)
{
  return want ? g_object_new (TP_TYPE_POINT, "label", "origin", NULL) : NULL;
}

/**
 * tp_types_fail:
 * @self: a #TpTypes
 * @message: the message of the error
 * @error: return location for a #GError
 *
 * Always fails.
 */
void
tp_types_fail (TpTypes     *self,
               const char  *message,
               GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, message);
}

/**
 * tp_types_greet:
 * @self: a #TpTypes
 * @name: (nullable): who to greet, or %NULL for the world
 * @greeting: (attributes mcp.default=Hello): the greeting
 * @times: (attributes mcp.default=1 mcp.description=How%20many%20times): repetitions
 *
 * Greets someone.
 *
 * Returns: (transfer full): the greeting
 */
char *
tp_types_greet (TpTypes    *self,
                const char *name,
                const char *greeting,
                int         times)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < times; i++)
    g_string_append_printf (text, "%s%s, %s!", i > 0 ? " " : "", greeting,
                            name != NULL ? name : "world");
  return g_string_free (text, FALSE);
}

/**
 * tp_types_picture:
 * @self: a #TpTypes
 *
 * Returns a result of its own making.
 *
 * Returns: (transfer full): an image result
 */
McpToolResult *
tp_types_picture (TpTypes *self)
{
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  McpToolResult *result = mcp_tool_result_new ();

  mcp_tool_result_add_image (result, png, "image/png");
  return result;
}

/**
 * tp_types_whoami:
 * @self: a #TpTypes
 * @context: the request being served
 *
 * Tells the protocol version of the request.
 *
 * Returns: (transfer full): the version
 */
char *
tp_types_whoami (TpTypes           *self,
                 McpRequestContext *context)
{
  return g_strdup (mcp_request_context_get_protocol_version (context));
}

/**
 * tp_types_answer:
 *
 * A static function of the class.
 *
 * Returns: 42
 */
int
tp_types_answer (void)
{
  return 42;
}

/**
 * tp_types_hidden: (skip)
 * @self: a #TpTypes
 *
 * Not introspectable, so never a tool.
 */
void
tp_types_hidden (TpTypes *self)
{
}

/**
 * tp_types_ping:
 * @self: a #TpTypes
 *
 * Does nothing and returns nothing.
 */
void
tp_types_ping (TpTypes *self)
{
}

/* TpCounter: state, properties, asynchronous methods */

/**
 * TpCounter:
 *
 * Counts, sleeps and fetches.
 */
typedef struct
{
  int      count;
  char    *label;
  TpColor  color;
  guint64  total;
  GStrv    tags;
  guint    cancellations;
  guint    in_flight;
  guint    max_in_flight;
} TpCounterPrivate;

enum {
  COUNTER_PROP_0,
  COUNTER_PROP_COUNT,
  COUNTER_PROP_LABEL,
  COUNTER_PROP_COLOR,
  COUNTER_PROP_TOTAL,
  COUNTER_PROP_TAGS,
  COUNTER_N_PROPS
};

static GParamSpec *counter_properties[COUNTER_N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (TpCounter, tp_counter, MCP_TYPE_TOOL_PROVIDER)

static void
tp_counter_finalize (GObject *object)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (TP_COUNTER (object));

  g_free (priv->label);
  g_strfreev (priv->tags);
  G_OBJECT_CLASS (tp_counter_parent_class)->finalize (object);
}

static void
tp_counter_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (TP_COUNTER (object));

  switch (prop_id)
    {
    case COUNTER_PROP_COUNT:
      g_value_set_int (value, priv->count);
      break;
    case COUNTER_PROP_LABEL:
      g_value_set_string (value, priv->label);
      break;
    case COUNTER_PROP_COLOR:
      g_value_set_enum (value, priv->color);
      break;
    case COUNTER_PROP_TOTAL:
      g_value_set_uint64 (value, priv->total);
      break;
    case COUNTER_PROP_TAGS:
      g_value_set_boxed (value, priv->tags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_counter_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (TP_COUNTER (object));

  switch (prop_id)
    {
    case COUNTER_PROP_COUNT:
      if (priv->count != g_value_get_int (value))
        {
          priv->count = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case COUNTER_PROP_LABEL:
      g_free (priv->label);
      priv->label = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case COUNTER_PROP_COLOR:
      priv->color = g_value_get_enum (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case COUNTER_PROP_TAGS:
      g_strfreev (priv->tags);
      priv->tags = g_value_dup_boxed (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tp_counter_class_init (TpCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tp_counter_finalize;
  object_class->get_property = tp_counter_get_property;
  object_class->set_property = tp_counter_set_property;

  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Tp", "1.0");

  /**
   * TpCounter:count:
   *
   * The current count.
   */
  counter_properties[COUNTER_PROP_COUNT] =
    g_param_spec_int ("count", NULL, NULL, 0, 1000, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TpCounter:label:
   *
   * A label for the counter.
   */
  counter_properties[COUNTER_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  counter_properties[COUNTER_PROP_COLOR] =
    g_param_spec_enum ("color", NULL, "The color of the counter", TP_TYPE_COLOR, TP_COLOR_RED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TpCounter:total:
   *
   * Everything ever counted.
   */
  counter_properties[COUNTER_PROP_TOTAL] =
    g_param_spec_uint64 ("total", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * TpCounter:tags:
   *
   * Tags of the counter.
   */
  counter_properties[COUNTER_PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, COUNTER_N_PROPS, counter_properties);
}

static void
tp_counter_init (TpCounter *self)
{
}

/**
 * tp_counter_increment:
 * @self: a #TpCounter
 * @by: how much to add
 *
 * Adds to the count.
 *
 * Returns: the new count
 */
int
tp_counter_increment (TpCounter *self,
                      int        by)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (self);

  priv->total += by;
  g_object_set (self, "count", priv->count + by, NULL);
  return priv->count;
}

typedef struct
{
  GSource *timeout;
  GSource *cancelled;
  guint    ms;
} Sleep;

static void
sleep_free (Sleep *sleep)
{
  g_source_destroy (sleep->timeout);
  g_source_unref (sleep->timeout);
  if (sleep->cancelled != NULL)
    {
      g_source_destroy (sleep->cancelled);
      g_source_unref (sleep->cancelled);
    }
  g_free (sleep);
}

static void
sleep_done (GTask    *task,
            gboolean  cancelled)
{
  TpCounter *self = g_task_get_source_object (task);
  TpCounterPrivate *priv = tp_counter_get_instance_private (self);
  Sleep *sleep = g_task_get_task_data (task);

  priv->in_flight--;
  if (cancelled)
    {
      priv->cancellations++;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
    }
  else
    g_task_return_int (task, sleep->ms);
}

static gboolean
sleep_timeout_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;

  sleep_done (task, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Sleep *sleep = g_task_get_task_data (task);

  /* The timeout holds the task: drop it with the timeout. */
  g_source_destroy (sleep->timeout);
  sleep_done (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/**
 * tp_counter_sleep_async:
 * @self: a #TpCounter
 * @ms: how long to sleep, in milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sleeps without blocking.
 */
void
tp_counter_sleep_async (TpCounter           *self,
                        guint                ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (self);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Sleep *sleep = g_new0 (Sleep, 1);

  priv->in_flight++;
  priv->max_in_flight = MAX (priv->max_in_flight, priv->in_flight);

  sleep->ms = ms;
  g_task_set_task_data (task, sleep, (GDestroyNotify)sleep_free);
  sleep->timeout = g_timeout_source_new (ms);
  g_source_set_callback (sleep->timeout, sleep_timeout_cb, task, NULL);
  g_source_attach (sleep->timeout, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    {
      sleep->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (sleep->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb), task, NULL);
      g_source_attach (sleep->cancelled, g_main_context_get_thread_default ());
    }
}

/**
 * tp_counter_sleep_finish:
 * @self: a #TpCounter
 * @result: the result
 * @error: return location for a #GError
 *
 * Completes tp_counter_sleep_async().
 *
 * Returns: how long it slept
 */
guint
tp_counter_sleep_finish (TpCounter     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return (guint)g_task_propagate_int (G_TASK (result), error);
}

/**
 * tp_counter_fetch:
 * @self: a #TpCounter
 * @key: a key
 *
 * Fetches synchronously.
 *
 * Returns: (transfer full): the value
 */
char *
tp_counter_fetch (TpCounter  *self,
                  const char *key)
{
  return g_strconcat ("sync:", key, NULL);
}

/**
 * tp_counter_fetch_async:
 * @self: a #TpCounter
 * @key: a key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches a value.
 */
void
tp_counter_fetch_async (TpCounter           *self,
                        const char          *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_pointer (task, g_strconcat ("async:", key, NULL), g_free);
}

/**
 * tp_counter_fetch_finish:
 * @self: a #TpCounter
 * @result: the result
 * @error: return location for a #GError
 *
 * Completes tp_counter_fetch_async().
 *
 * Returns: (transfer full): the value
 */
char *
tp_counter_fetch_finish (TpCounter     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tp_counter_get_cancellations: (skip)
 * @self: a #TpCounter
 *
 * For the tests.
 *
 * Returns: how many sleeps were cancelled
 */
guint
tp_counter_get_cancellations (TpCounter *self)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (self);

  return priv->cancellations;
}

/**
 * tp_counter_get_max_in_flight: (skip)
 * @self: a #TpCounter
 *
 * For the tests.
 *
 * Returns: the most sleeps that ran at once
 */
guint
tp_counter_get_max_in_flight (TpCounter *self)
{
  TpCounterPrivate *priv = tp_counter_get_instance_private (self);

  return priv->max_in_flight;
}

/* TpChild: only its own methods */

/**
 * TpChild:
 *
 * A counter that only says hello.
 */
struct _TpChild
{
  TpCounter parent_instance;
};

G_DEFINE_FINAL_TYPE (TpChild, tp_child, TP_TYPE_COUNTER)

static void
tp_child_class_init (TpChildClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Tp", "1.0");
}

static void
tp_child_init (TpChild *self)
{
}

/**
 * tp_child_hello:
 * @self: a #TpChild
 *
 * Says hello.
 *
 * Returns: (transfer full): a greeting
 */
char *
tp_child_hello (TpChild *self)
{
  return g_strdup ("hello from the child");
}

/* TpHeir: its own methods and its parent's */

/**
 * TpHeir:
 *
 * A counter that says hello too.
 */
struct _TpHeir
{
  TpCounter parent_instance;
};

G_DEFINE_FINAL_TYPE (TpHeir, tp_heir, TP_TYPE_COUNTER)

static void
tp_heir_class_init (TpHeirClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Tp", "1.0");
  mcp_tool_provider_class_set_flags (MCP_TOOL_PROVIDER_CLASS (klass),
                                     MCP_TOOL_PROVIDER_INHERIT_METHODS |
                                     MCP_TOOL_PROVIDER_PROPERTY_GETTERS);
}

static void
tp_heir_init (TpHeir *self)
{
}

/**
 * tp_heir_hello:
 * @self: a #TpHeir
 *
 * Says hello.
 *
 * Returns: (transfer full): a greeting
 */
char *
tp_heir_hello (TpHeir *self)
{
  return g_strdup ("hello from the heir");
}

/* TpShop: opt-in with mcp.tool */

/**
 * TpShop:
 *
 * A shop whose tools are marked.
 */
struct _TpShop
{
  McpToolProvider parent_instance;
  guint           sold;
};

G_DEFINE_FINAL_TYPE (TpShop, tp_shop, MCP_TYPE_TOOL_PROVIDER)

static void
tp_shop_class_init (TpShopClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Tp", "1.0");
  mcp_tool_provider_class_set_flags (MCP_TOOL_PROVIDER_CLASS (klass),
                                     MCP_TOOL_PROVIDER_FLAGS_NONE);
}

static void
tp_shop_init (TpShop *self)
{
}

/**
 * tp_shop_buy: (attributes mcp.tool=1)
 * @self: a #TpShop
 * @item: what to buy
 * @quantity: how many
 *
 * Buys something.
 *
 * Returns: (transfer full): a receipt
 */
char *
tp_shop_buy (TpShop     *self,
             const char *item,
             guint       quantity)
{
  self->sold += quantity;
  return g_strdup_printf ("%u × %s (%u sold)", quantity, item, self->sold);
}

/**
 * tp_shop_price: (attributes mcp.tool=1 mcp.name=get_price mcp.title=Price mcp.read-only=1)
 * @self: a #TpShop
 * @item: (attributes mcp.description=The%20item%20to%20price): what to price
 *
 * Looks up a price.
 *
 * Returns: the price
 */
double
tp_shop_price (TpShop     *self,
               const char *item)
{
  return strlen (item) * 1.5;
}

/**
 * tp_shop_restock:
 * @self: a #TpShop
 *
 * Not marked, so not a tool in an opt-in class.
 */
void
tp_shop_restock (TpShop *self)
{
}

/**
 * tp_shop_audit: (attributes mcp.tool=0)
 * @self: a #TpShop
 *
 * Marked as not a tool.
 */
void
tp_shop_audit (TpShop *self)
{
}
