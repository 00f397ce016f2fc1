/* mcp-value-type.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mcp-json-private.h"
#include "mcp-method-private.h"

/* The types a provider method's arguments and results can have, their JSON
 * Schemas, and the conversions between JSON and the GIArgument (or GValue)
 * that carries them to and from C. The table in docs/type-mapping.md is
 * the contract this file implements. */

#define BASE64_PATTERN "^[A-Za-z0-9+/]*={0,2}$"

McpValueType *
mcp_value_type_new (McpValueKind kind)
{
  McpValueType *type = g_new0 (McpValueType, 1);

  type->kind = kind;
  type->gtype = G_TYPE_INVALID;
  type->length_arg = -1;
  type->fixed_size = -1;

  return type;
}

void
mcp_value_type_free (McpValueType *type)
{
  if (type == NULL)
    return;

  g_clear_pointer (&type->element, mcp_value_type_free);
  g_clear_pointer (&type->variant_type, g_variant_type_free);
  g_clear_pointer (&type->pspec, g_param_spec_unref);
  g_free (type);
}

static gboolean
kind_is_list_element (McpValueKind kind)
{
  return (kind >= MCP_VALUE_BOOLEAN && kind <= MCP_VALUE_DOUBLE) ||
         kind == MCP_VALUE_STRING || kind == MCP_VALUE_FILENAME;
}

static gboolean
kind_is_pointer (McpValueKind kind)
{
  return kind >= MCP_VALUE_STRING && kind != MCP_VALUE_ENUM && kind != MCP_VALUE_FLAGS;
}

static McpValueType *
unsupported (GError     **error,
             const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s has no JSON mapping", what);
  return NULL;
}

static McpValueType *
new_for_gtype (GType        gtype,
               GParamSpec  *pspec,
               GError     **error)
{
  McpValueType *type = NULL;

  switch (G_TYPE_FUNDAMENTAL (gtype))
    {
    case G_TYPE_NONE:
      type = mcp_value_type_new (MCP_VALUE_VOID);
      break;

    case G_TYPE_BOOLEAN:
      type = mcp_value_type_new (MCP_VALUE_BOOLEAN);
      break;

    case G_TYPE_CHAR:
      type = mcp_value_type_new (MCP_VALUE_INT8);
      break;

    case G_TYPE_UCHAR:
      type = mcp_value_type_new (MCP_VALUE_UINT8);
      break;

    case G_TYPE_INT:
      type = mcp_value_type_new (MCP_VALUE_INT32);
      break;

    case G_TYPE_UINT:
      type = mcp_value_type_new (MCP_VALUE_UINT32);
      break;

    case G_TYPE_LONG:
      type = mcp_value_type_new (sizeof (glong) == 8 ? MCP_VALUE_INT64 : MCP_VALUE_INT32);
      break;

    case G_TYPE_ULONG:
      type = mcp_value_type_new (sizeof (gulong) == 8 ? MCP_VALUE_UINT64 : MCP_VALUE_UINT32);
      break;

    case G_TYPE_INT64:
      type = mcp_value_type_new (MCP_VALUE_INT64);
      break;

    case G_TYPE_UINT64:
      type = mcp_value_type_new (MCP_VALUE_UINT64);
      break;

    case G_TYPE_FLOAT:
      type = mcp_value_type_new (MCP_VALUE_FLOAT);
      break;

    case G_TYPE_DOUBLE:
      type = mcp_value_type_new (MCP_VALUE_DOUBLE);
      break;

    case G_TYPE_STRING:
      type = mcp_value_type_new (MCP_VALUE_STRING);
      break;

    case G_TYPE_ENUM:
      type = mcp_value_type_new (MCP_VALUE_ENUM);
      type->gtype = gtype;
      break;

    case G_TYPE_FLAGS:
      type = mcp_value_type_new (MCP_VALUE_FLAGS);
      type->gtype = gtype;
      break;

    case G_TYPE_VARIANT:
      type = mcp_value_type_new (MCP_VALUE_VARIANT);
      if (pspec != NULL && G_IS_PARAM_SPEC_VARIANT (pspec) &&
          g_variant_type_is_definite (G_PARAM_SPEC_VARIANT (pspec)->type))
        type->variant_type = g_variant_type_copy (G_PARAM_SPEC_VARIANT (pspec)->type);
      break;

    case G_TYPE_BOXED:
      if (gtype == G_TYPE_STRV)
        {
          type = mcp_value_type_new (MCP_VALUE_LIST);
          type->container = MCP_CONTAINER_C_ARRAY;
          type->zero_terminated = TRUE;
          type->element = mcp_value_type_new (MCP_VALUE_STRING);
        }
      else if (gtype == JSON_TYPE_NODE)
        type = mcp_value_type_new (MCP_VALUE_JSON_NODE);
      else if (gtype == JSON_TYPE_OBJECT)
        type = mcp_value_type_new (MCP_VALUE_JSON_OBJECT);
      else if (gtype == JSON_TYPE_ARRAY)
        type = mcp_value_type_new (MCP_VALUE_JSON_ARRAY);
      else if (gtype == G_TYPE_BYTES)
        type = mcp_value_type_new (MCP_VALUE_BYTES);
      else if (gtype == G_TYPE_VARIANT)
        type = mcp_value_type_new (MCP_VALUE_VARIANT);
      break;

    case G_TYPE_INTERFACE:
      if (g_type_is_a (gtype, G_TYPE_ASYNC_RESULT))
        type = mcp_value_type_new (MCP_VALUE_ASYNC_RESULT);
      break;

    case G_TYPE_OBJECT:
      if (g_type_is_a (gtype, MCP_TYPE_REQUEST_CONTEXT))
        type = mcp_value_type_new (MCP_VALUE_CONTEXT);
      else if (g_type_is_a (gtype, G_TYPE_CANCELLABLE))
        type = mcp_value_type_new (MCP_VALUE_CANCELLABLE);
      else if (g_type_is_a (gtype, MCP_TYPE_TOOL_RESULT))
        type = mcp_value_type_new (MCP_VALUE_TOOL_RESULT);
      else
        type = mcp_value_type_new (MCP_VALUE_OBJECT);
      if (type != NULL)
        type->gtype = gtype;
      break;

    default:
      break;
    }

  if (type == NULL)
    {
      g_autofree char *what = g_strdup_printf ("The type “%s”", g_type_name (gtype));
      return unsupported (error, what);
    }

  if (pspec != NULL)
    type->pspec = g_param_spec_ref (pspec);

  return type;
}

McpValueType *
mcp_value_type_new_for_gtype (GType    gtype,
                              GError **error)
{
  return new_for_gtype (gtype, NULL, error);
}

McpValueType *
mcp_value_type_new_for_pspec (GParamSpec  *pspec,
                              GError     **error)
{
  return new_for_gtype (G_PARAM_SPEC_VALUE_TYPE (pspec), pspec, error);
}

static McpValueType *
new_for_interface (GIBaseInfo  *iface,
                   GError     **error)
{
  GIInfoType info_type = g_base_info_get_type (iface);
  GType gtype;

  switch (info_type)
    {
    case GI_INFO_TYPE_ENUM:
    case GI_INFO_TYPE_FLAGS:
    case GI_INFO_TYPE_OBJECT:
    case GI_INFO_TYPE_INTERFACE:
    case GI_INFO_TYPE_STRUCT:
    case GI_INFO_TYPE_BOXED:
    case GI_INFO_TYPE_UNION:
      gtype = g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *)iface);
      if (gtype != G_TYPE_NONE && gtype != G_TYPE_INVALID)
        {
          if (info_type == GI_INFO_TYPE_INTERFACE && !g_type_is_a (gtype, G_TYPE_ASYNC_RESULT))
            break;
          return new_for_gtype (gtype, NULL, error);
        }
      break;

    default:
      break;
    }

  {
    g_autofree char *what = g_strdup_printf ("The type “%s.%s”",
                                             g_base_info_get_namespace (iface),
                                             g_base_info_get_name (iface));
    return unsupported (error, what);
  }
}

McpValueType *
mcp_value_type_new_for_type_info (GITypeInfo  *info,
                                  GError     **error)
{
  GITypeTag tag = g_type_info_get_tag (info);
  McpValueType *type = NULL;

  switch (tag)
    {
    case GI_TYPE_TAG_VOID:
      if (g_type_info_is_pointer (info))
        return unsupported (error, "An untyped pointer");
      return mcp_value_type_new (MCP_VALUE_VOID);

    case GI_TYPE_TAG_BOOLEAN:
      return mcp_value_type_new (MCP_VALUE_BOOLEAN);
    case GI_TYPE_TAG_INT8:
      return mcp_value_type_new (MCP_VALUE_INT8);
    case GI_TYPE_TAG_UINT8:
      return mcp_value_type_new (MCP_VALUE_UINT8);
    case GI_TYPE_TAG_INT16:
      return mcp_value_type_new (MCP_VALUE_INT16);
    case GI_TYPE_TAG_UINT16:
      return mcp_value_type_new (MCP_VALUE_UINT16);
    case GI_TYPE_TAG_INT32:
      return mcp_value_type_new (MCP_VALUE_INT32);
    case GI_TYPE_TAG_UINT32:
      return mcp_value_type_new (MCP_VALUE_UINT32);
    case GI_TYPE_TAG_INT64:
      return mcp_value_type_new (MCP_VALUE_INT64);
    case GI_TYPE_TAG_UINT64:
      return mcp_value_type_new (MCP_VALUE_UINT64);
    case GI_TYPE_TAG_FLOAT:
      return mcp_value_type_new (MCP_VALUE_FLOAT);
    case GI_TYPE_TAG_DOUBLE:
      return mcp_value_type_new (MCP_VALUE_DOUBLE);
    case GI_TYPE_TAG_UTF8:
      return mcp_value_type_new (MCP_VALUE_STRING);
    case GI_TYPE_TAG_FILENAME:
      return mcp_value_type_new (MCP_VALUE_FILENAME);

    case GI_TYPE_TAG_INTERFACE:
      {
        g_autoptr(GIBaseInfo) iface = g_type_info_get_interface (info);

        return new_for_interface (iface, error);
      }

    case GI_TYPE_TAG_ARRAY:
    case GI_TYPE_TAG_GLIST:
    case GI_TYPE_TAG_GSLIST:
      {
        g_autoptr(GITypeInfo) element_info = g_type_info_get_param_type (info, 0);
        g_autoptr(McpValueType) element = NULL;

        if (element_info == NULL ||
            !(element = mcp_value_type_new_for_type_info (element_info, error)))
          return element_info == NULL ? unsupported (error, "An array of unknown elements") : NULL;

        if (!kind_is_list_element (element->kind))
          return unsupported (error, "An array of anything but strings, numbers and booleans");

        type = mcp_value_type_new (MCP_VALUE_LIST);
        if (tag == GI_TYPE_TAG_GLIST)
          type->container = MCP_CONTAINER_GLIST;
        else if (tag == GI_TYPE_TAG_GSLIST)
          type->container = MCP_CONTAINER_GSLIST;
        else
          {
            switch (g_type_info_get_array_type (info))
              {
              case GI_ARRAY_TYPE_C:
                type->container = MCP_CONTAINER_C_ARRAY;
                type->length_arg = g_type_info_get_array_length (info);
                type->fixed_size = g_type_info_get_array_fixed_size (info);
                type->zero_terminated = g_type_info_is_zero_terminated (info);
                if (type->length_arg < 0 && type->fixed_size < 0 && !type->zero_terminated)
                  {
                    mcp_value_type_free (type);
                    return unsupported (error, "A C array of unknown length");
                  }
                break;

              case GI_ARRAY_TYPE_ARRAY:
                type->container = MCP_CONTAINER_GARRAY;
                break;

              case GI_ARRAY_TYPE_PTR_ARRAY:
                type->container = MCP_CONTAINER_GPTRARRAY;
                break;

              case GI_ARRAY_TYPE_BYTE_ARRAY:
              default:
                mcp_value_type_free (type);
                return unsupported (error, "A GByteArray");
              }
          }

        /* Lists and pointer arrays hold pointers: strings, or integers
         * stored in pointers. */
        if ((type->container == MCP_CONTAINER_GPTRARRAY ||
             type->container == MCP_CONTAINER_GLIST ||
             type->container == MCP_CONTAINER_GSLIST) &&
            !kind_is_pointer (element->kind) &&
            !(element->kind >= MCP_VALUE_INT8 && element->kind <= MCP_VALUE_UINT32))
          {
            mcp_value_type_free (type);
            return unsupported (error, "A list of 64-bit numbers or floating point numbers");
          }

        type->element = g_steal_pointer (&element);
        return type;
      }

    case GI_TYPE_TAG_GTYPE:
      return unsupported (error, "A GType");
    case GI_TYPE_TAG_GHASH:
      return unsupported (error, "A GHashTable");
    case GI_TYPE_TAG_ERROR:
      return unsupported (error, "A GError");
    case GI_TYPE_TAG_UNICHAR:
      return unsupported (error, "A gunichar");
    default:
      return unsupported (error, "This type");
    }
}

/* Whether a value of @type goes into structuredContent rather than a text
 * block. */
gboolean
mcp_value_type_is_structured (McpValueType *type)
{
  switch (type->kind)
    {
    case MCP_VALUE_FLAGS:
    case MCP_VALUE_LIST:
    case MCP_VALUE_JSON_NODE:
    case MCP_VALUE_JSON_OBJECT:
    case MCP_VALUE_JSON_ARRAY:
    case MCP_VALUE_VARIANT:
    case MCP_VALUE_OBJECT:
      return TRUE;

    default:
      return FALSE;
    }
}

/* How a value of @type is passed in a C call, for libffi. */
GITypeTag
mcp_value_type_get_storage (McpValueType *type,
                            gboolean     *is_pointer)
{
  *is_pointer = FALSE;

  switch (type->kind)
    {
    case MCP_VALUE_VOID:
      return GI_TYPE_TAG_VOID;
    case MCP_VALUE_BOOLEAN:
      return GI_TYPE_TAG_BOOLEAN;
    case MCP_VALUE_INT8:
      return GI_TYPE_TAG_INT8;
    case MCP_VALUE_UINT8:
      return GI_TYPE_TAG_UINT8;
    case MCP_VALUE_INT16:
      return GI_TYPE_TAG_INT16;
    case MCP_VALUE_UINT16:
      return GI_TYPE_TAG_UINT16;
    case MCP_VALUE_INT32:
    case MCP_VALUE_ENUM:
      return GI_TYPE_TAG_INT32;
    case MCP_VALUE_UINT32:
    case MCP_VALUE_FLAGS:
      return GI_TYPE_TAG_UINT32;
    case MCP_VALUE_INT64:
      return GI_TYPE_TAG_INT64;
    case MCP_VALUE_UINT64:
      return GI_TYPE_TAG_UINT64;
    case MCP_VALUE_FLOAT:
      return GI_TYPE_TAG_FLOAT;
    case MCP_VALUE_DOUBLE:
      return GI_TYPE_TAG_DOUBLE;
    default:
      *is_pointer = TRUE;
      return GI_TYPE_TAG_VOID;
    }
}

/* Ranges */

static void
integer_bounds (McpValueType *type,
                gint64       *min,
                gint64       *max)
{
  GParamSpec *pspec = type->pspec;

  switch (type->kind)
    {
    case MCP_VALUE_INT8:
      *min = G_MININT8, *max = G_MAXINT8;
      break;
    case MCP_VALUE_UINT8:
      *min = 0, *max = G_MAXUINT8;
      break;
    case MCP_VALUE_INT16:
      *min = G_MININT16, *max = G_MAXINT16;
      break;
    case MCP_VALUE_UINT16:
      *min = 0, *max = G_MAXUINT16;
      break;
    case MCP_VALUE_INT32:
      *min = G_MININT32, *max = G_MAXINT32;
      break;
    case MCP_VALUE_UINT32:
      *min = 0, *max = G_MAXUINT32;
      break;
    case MCP_VALUE_INT64:
      *min = G_MININT64, *max = G_MAXINT64;
      break;
    case MCP_VALUE_UINT64:
    default:
      /* JSON numbers go through json-glib as gint64: that is the ceiling. */
      *min = 0, *max = G_MAXINT64;
      break;
    }

  if (pspec == NULL)
    return;

#define NARROW(lo, hi) G_STMT_START { \
    *min = MAX (*min, (gint64)(lo));   \
    *max = MIN (*max, (gint64)(hi));   \
  } G_STMT_END

  if (G_IS_PARAM_SPEC_CHAR (pspec))
    NARROW (G_PARAM_SPEC_CHAR (pspec)->minimum, G_PARAM_SPEC_CHAR (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_UCHAR (pspec))
    NARROW (G_PARAM_SPEC_UCHAR (pspec)->minimum, G_PARAM_SPEC_UCHAR (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_INT (pspec))
    NARROW (G_PARAM_SPEC_INT (pspec)->minimum, G_PARAM_SPEC_INT (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    NARROW (G_PARAM_SPEC_UINT (pspec)->minimum, G_PARAM_SPEC_UINT (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_LONG (pspec))
    NARROW (G_PARAM_SPEC_LONG (pspec)->minimum, G_PARAM_SPEC_LONG (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_ULONG (pspec))
    NARROW (G_PARAM_SPEC_ULONG (pspec)->minimum,
            MIN (G_PARAM_SPEC_ULONG (pspec)->maximum, (gulong)G_MAXINT64));
  else if (G_IS_PARAM_SPEC_INT64 (pspec))
    NARROW (G_PARAM_SPEC_INT64 (pspec)->minimum, G_PARAM_SPEC_INT64 (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_UINT64 (pspec))
    NARROW (MIN (G_PARAM_SPEC_UINT64 (pspec)->minimum, (guint64)G_MAXINT64),
            MIN (G_PARAM_SPEC_UINT64 (pspec)->maximum, (guint64)G_MAXINT64));

#undef NARROW
}

static gboolean
double_bounds (McpValueType *type,
               double       *min,
               double       *max)
{
  GParamSpec *pspec = type->pspec;

  if (pspec != NULL && G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      *min = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      *max = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
      return !(*min == -G_MAXDOUBLE && *max == G_MAXDOUBLE);
    }

  if (pspec != NULL && G_IS_PARAM_SPEC_FLOAT (pspec))
    {
      *min = G_PARAM_SPEC_FLOAT (pspec)->minimum;
      *max = G_PARAM_SPEC_FLOAT (pspec)->maximum;
      return TRUE;
    }

  if (type->kind == MCP_VALUE_FLOAT)
    {
      *min = -G_MAXFLOAT;
      *max = G_MAXFLOAT;
      return TRUE;
    }

  return FALSE;
}

/* Schemas */

static void
add_enum_nicks (JsonObject *schema,
                GType       gtype)
{
  JsonArray *values = json_array_new ();

  if (G_TYPE_IS_ENUM (gtype))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (gtype);

      for (guint i = 0; i < enum_class->n_values; i++)
        json_array_add_string_element (values, enum_class->values[i].value_nick);
    }
  else
    {
      g_autoptr(GFlagsClass) flags_class = g_type_class_ref (gtype);

      for (guint i = 0; i < flags_class->n_values; i++)
        if (flags_class->values[i].value != 0)
          json_array_add_string_element (values, flags_class->values[i].value_nick);
    }

  json_object_set_array_member (schema, "enum", values);
}

static JsonObject *schema_for_variant_type (const GVariantType *type);

static JsonObject *
integer_schema (gint64 min,
                gint64 max)
{
  JsonObject *schema = json_object_new ();

  json_object_set_string_member (schema, "type", "integer");
  json_object_set_int_member (schema, "minimum", min);
  json_object_set_int_member (schema, "maximum", max);

  return schema;
}

static JsonObject *
typed_schema (const char *type_name)
{
  JsonObject *schema = json_object_new ();

  json_object_set_string_member (schema, "type", type_name);
  return schema;
}

/* The JSON Schema of a GVariant of @type, as json-glib maps it. */
static JsonObject *
schema_for_variant_type (const GVariantType *type)
{
  JsonObject *schema;

  if (g_variant_type_is_maybe (type))
    {
      JsonArray *any_of = json_array_new ();

      json_array_add_object_element (any_of,
                                     schema_for_variant_type (g_variant_type_element (type)));
      json_array_add_object_element (any_of, typed_schema ("null"));
      schema = json_object_new ();
      json_object_set_array_member (schema, "anyOf", any_of);
      return schema;
    }

  if (g_variant_type_is_dict_entry (type))
    {
      schema = typed_schema ("object");
      json_object_set_int_member (schema, "minProperties", 1);
      json_object_set_int_member (schema, "maxProperties", 1);
      json_object_set_object_member (schema, "additionalProperties",
                                     schema_for_variant_type (g_variant_type_value (type)));
      return schema;
    }

  if (g_variant_type_is_array (type))
    {
      const GVariantType *element = g_variant_type_element (type);

      if (g_variant_type_is_dict_entry (element))
        {
          schema = typed_schema ("object");
          json_object_set_object_member (schema, "additionalProperties",
                                         schema_for_variant_type (g_variant_type_value (element)));
        }
      else
        {
          schema = typed_schema ("array");
          json_object_set_object_member (schema, "items", schema_for_variant_type (element));
        }
      return schema;
    }

  if (g_variant_type_is_tuple (type) && g_variant_type_is_definite (type))
    {
      JsonArray *prefix = json_array_new ();
      gsize n = g_variant_type_n_items (type);

      for (const GVariantType *item = g_variant_type_first (type);
           item != NULL;
           item = g_variant_type_next (item))
        json_array_add_object_element (prefix, schema_for_variant_type (item));

      schema = typed_schema ("array");
      json_object_set_array_member (schema, "prefixItems", prefix);
      json_object_set_boolean_member (schema, "items", FALSE);
      json_object_set_int_member (schema, "minItems", n);
      json_object_set_int_member (schema, "maxItems", n);
      return schema;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    return typed_schema ("boolean");
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTE))
    return integer_schema (0, G_MAXUINT8);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT16))
    return integer_schema (G_MININT16, G_MAXINT16);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT16))
    return integer_schema (0, G_MAXUINT16);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32) ||
      g_variant_type_equal (type, G_VARIANT_TYPE_HANDLE))
    return integer_schema (G_MININT32, G_MAXINT32);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    return integer_schema (0, G_MAXUINT32);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    return integer_schema (G_MININT64, G_MAXINT64);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    return integer_schema (0, G_MAXINT64);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    return typed_schema ("number");
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING) ||
      g_variant_type_equal (type, G_VARIANT_TYPE_SIGNATURE))
    return typed_schema ("string");
  if (g_variant_type_equal (type, G_VARIANT_TYPE_OBJECT_PATH))
    {
      schema = typed_schema ("string");
      json_object_set_string_member (schema, "pattern", "^/([A-Za-z0-9_]+(/[A-Za-z0-9_]+)*)?$");
      return schema;
    }

  /* "v" and indefinite types: any JSON value */
  return json_object_new ();
}

/* A GObject is sent as the object of its readable properties, each mapped
 * like any other value (enumerations by nick). Objects that implement
 * JsonSerializable chose their own JSON: json-glib serializes them, and
 * their schema says no more than "an object". */

static gboolean
kind_is_property_value (McpValueKind kind)
{
  return kind != MCP_VALUE_VOID && kind != MCP_VALUE_CONTEXT && kind != MCP_VALUE_CANCELLABLE &&
         kind != MCP_VALUE_ASYNC_RESULT && kind != MCP_VALUE_TOOL_RESULT;
}

static JsonObject *
schema_for_object_type (GType gtype)
{
  g_autoptr(GTypeClass) type_class = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  JsonObject *schema = typed_schema ("object");
  JsonObject *properties;
  JsonArray *required;
  guint n_pspecs = 0;

  if (g_type_is_a (gtype, JSON_TYPE_SERIALIZABLE))
    return schema;

  type_class = g_type_class_ref (gtype);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (type_class), &n_pspecs);
  properties = json_object_new ();
  required = json_array_new ();

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autoptr(McpValueType) type = NULL;
      JsonObject *property_schema;

      if (!(pspecs[i]->flags & G_PARAM_READABLE) || (pspecs[i]->flags & G_PARAM_DEPRECATED) ||
          !(type = mcp_value_type_new_for_pspec (pspecs[i], NULL)) ||
          !kind_is_property_value (type->kind))
        continue;

      if (type->kind == MCP_VALUE_OBJECT)
        {
          /* Nested objects are not described further: types may refer to
           * themselves. */
          JsonArray *types = json_array_new ();

          json_array_add_string_element (types, "object");
          json_array_add_string_element (types, "null");
          property_schema = json_object_new ();
          json_object_set_array_member (property_schema, "type", types);
          if (g_param_spec_get_blurb (pspecs[i]) != NULL)
            json_object_set_string_member (property_schema, "description",
                                           g_param_spec_get_blurb (pspecs[i]));
        }
      else
        property_schema = mcp_value_type_to_schema (type, kind_is_pointer (type->kind) &&
                                                          type->kind != MCP_VALUE_JSON_NODE);

      json_object_set_object_member (properties, pspecs[i]->name, property_schema);
      json_array_add_string_element (required, pspecs[i]->name);
    }

  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  return schema;
}

static void
make_nullable (JsonObject *schema)
{
  JsonNode *type = json_object_get_member (schema, "type");
  JsonArray *values = mcp_json_get_array (schema, "enum");

  if (type == NULL)
    return;

  if (mcp_json_node_is_string (type))
    {
      JsonArray *types = json_array_new ();

      json_array_add_string_element (types, json_node_get_string (type));
      json_array_add_string_element (types, "null");
      json_object_set_array_member (schema, "type", types);
    }

  if (values != NULL)
    json_array_add_null_element (values);
}

JsonObject *
mcp_value_type_to_schema (McpValueType *type,
                          gboolean      nullable)
{
  JsonObject *schema = NULL;
  gint64 min;
  gint64 max;
  double dmin;
  double dmax;

  switch (type->kind)
    {
    case MCP_VALUE_BOOLEAN:
      schema = typed_schema ("boolean");
      break;

    case MCP_VALUE_INT8:
    case MCP_VALUE_UINT8:
    case MCP_VALUE_INT16:
    case MCP_VALUE_UINT16:
    case MCP_VALUE_INT32:
    case MCP_VALUE_UINT32:
    case MCP_VALUE_INT64:
    case MCP_VALUE_UINT64:
      integer_bounds (type, &min, &max);
      schema = integer_schema (min, max);
      break;

    case MCP_VALUE_FLOAT:
    case MCP_VALUE_DOUBLE:
      schema = typed_schema ("number");
      if (double_bounds (type, &dmin, &dmax))
        {
          json_object_set_double_member (schema, "minimum", dmin);
          json_object_set_double_member (schema, "maximum", dmax);
        }
      break;

    case MCP_VALUE_STRING:
    case MCP_VALUE_FILENAME:
      schema = typed_schema ("string");
      break;

    case MCP_VALUE_ENUM:
      schema = typed_schema ("string");
      add_enum_nicks (schema, type->gtype);
      break;

    case MCP_VALUE_FLAGS:
      {
        JsonObject *items = typed_schema ("string");

        add_enum_nicks (items, type->gtype);
        schema = typed_schema ("array");
        json_object_set_object_member (schema, "items", items);
        json_object_set_boolean_member (schema, "uniqueItems", TRUE);
      }
      break;

    case MCP_VALUE_LIST:
      schema = typed_schema ("array");
      json_object_set_object_member (schema, "items",
                                     mcp_value_type_to_schema (type->element, FALSE));
      if (type->fixed_size >= 0)
        {
          json_object_set_int_member (schema, "minItems", type->fixed_size);
          json_object_set_int_member (schema, "maxItems", type->fixed_size);
        }
      break;

    case MCP_VALUE_JSON_OBJECT:
      schema = typed_schema ("object");
      break;

    case MCP_VALUE_JSON_ARRAY:
      schema = typed_schema ("array");
      break;

    case MCP_VALUE_VARIANT:
      schema = type->variant_type != NULL ? schema_for_variant_type (type->variant_type)
                                          : json_object_new ();
      break;

    case MCP_VALUE_BYTES:
      schema = typed_schema ("string");
      json_object_set_string_member (schema, "contentEncoding", "base64");
      json_object_set_string_member (schema, "pattern", BASE64_PATTERN);
      break;

    case MCP_VALUE_OBJECT:
      schema = schema_for_object_type (type->gtype);
      break;

    case MCP_VALUE_JSON_NODE:
    default:
      schema = json_object_new ();
      break;
    }

  if (nullable)
    make_nullable (schema);

  if (type->pspec != NULL && g_param_spec_get_blurb (type->pspec) != NULL &&
      !json_object_has_member (schema, "description"))
    json_object_set_string_member (schema, "description", g_param_spec_get_blurb (type->pspec));

  return schema;
}

/* Cleanups */

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} CleanupItem;

struct _McpCleanup
{
  GArray *items;
};

McpCleanup *
mcp_cleanup_new (void)
{
  McpCleanup *cleanup = g_new0 (McpCleanup, 1);

  cleanup->items = g_array_new (FALSE, FALSE, sizeof (CleanupItem));
  return cleanup;
}

void
mcp_cleanup_add (McpCleanup     *cleanup,
                 gpointer        data,
                 GDestroyNotify  destroy)
{
  CleanupItem item = { data, destroy };

  if (data != NULL)
    g_array_append_val (cleanup->items, item);
}

void
mcp_cleanup_free (McpCleanup *cleanup)
{
  if (cleanup == NULL)
    return;

  /* Last allocated, first freed: containers go before what they hold. */
  for (guint i = cleanup->items->len; i > 0; i--)
    {
      CleanupItem *item = &g_array_index (cleanup->items, CleanupItem, i - 1);

      item->destroy (item->data);
    }

  g_array_unref (cleanup->items);
  g_free (cleanup);
}

/* JSON → C */

static gboolean
invalid (GError     **error,
         const char  *name,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *name,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Invalid argument “%s”: %s", name, detail);
  return FALSE;
}

static gboolean
node_get_integer (JsonNode *node,
                  gint64   *value)
{
  double d;

  if (mcp_json_node_is_integer (node))
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (!mcp_json_node_is_number (node))
    return FALSE;

  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    return FALSE;

  *value = (gint64)d;
  return TRUE;
}

static gsize
element_size (McpValueType *element)
{
  switch (element->kind)
    {
    case MCP_VALUE_BOOLEAN:
      return sizeof (gboolean);
    case MCP_VALUE_INT8:
    case MCP_VALUE_UINT8:
      return 1;
    case MCP_VALUE_INT16:
    case MCP_VALUE_UINT16:
      return 2;
    case MCP_VALUE_INT32:
    case MCP_VALUE_UINT32:
    case MCP_VALUE_FLOAT:
      return 4;
    case MCP_VALUE_INT64:
    case MCP_VALUE_UINT64:
    case MCP_VALUE_DOUBLE:
      return 8;
    default:
      return sizeof (gpointer);
    }
}

/* Stores @arg, a scalar or pointer of @element's kind, at @dest. */
static void
store_element (McpValueType *element,
               GIArgument   *arg,
               gpointer      dest)
{
  switch (element->kind)
    {
    case MCP_VALUE_BOOLEAN:
      *(gboolean *)dest = arg->v_boolean;
      break;
    case MCP_VALUE_INT8:
      *(gint8 *)dest = arg->v_int8;
      break;
    case MCP_VALUE_UINT8:
      *(guint8 *)dest = arg->v_uint8;
      break;
    case MCP_VALUE_INT16:
      *(gint16 *)dest = arg->v_int16;
      break;
    case MCP_VALUE_UINT16:
      *(guint16 *)dest = arg->v_uint16;
      break;
    case MCP_VALUE_INT32:
      *(gint32 *)dest = arg->v_int32;
      break;
    case MCP_VALUE_UINT32:
      *(guint32 *)dest = arg->v_uint32;
      break;
    case MCP_VALUE_INT64:
      *(gint64 *)dest = arg->v_int64;
      break;
    case MCP_VALUE_UINT64:
      *(guint64 *)dest = arg->v_uint64;
      break;
    case MCP_VALUE_FLOAT:
      *(gfloat *)dest = arg->v_float;
      break;
    case MCP_VALUE_DOUBLE:
      *(gdouble *)dest = arg->v_double;
      break;
    default:
      *(gpointer *)dest = arg->v_pointer;
      break;
    }
}

static void
load_element (McpValueType *element,
              gconstpointer src,
              GIArgument   *arg)
{
  memset (arg, 0, sizeof *arg);

  switch (element->kind)
    {
    case MCP_VALUE_BOOLEAN:
      arg->v_boolean = *(const gboolean *)src;
      break;
    case MCP_VALUE_INT8:
      arg->v_int8 = *(const gint8 *)src;
      break;
    case MCP_VALUE_UINT8:
      arg->v_uint8 = *(const guint8 *)src;
      break;
    case MCP_VALUE_INT16:
      arg->v_int16 = *(const gint16 *)src;
      break;
    case MCP_VALUE_UINT16:
      arg->v_uint16 = *(const guint16 *)src;
      break;
    case MCP_VALUE_INT32:
      arg->v_int32 = *(const gint32 *)src;
      break;
    case MCP_VALUE_UINT32:
      arg->v_uint32 = *(const guint32 *)src;
      break;
    case MCP_VALUE_INT64:
      arg->v_int64 = *(const gint64 *)src;
      break;
    case MCP_VALUE_UINT64:
      arg->v_uint64 = *(const guint64 *)src;
      break;
    case MCP_VALUE_FLOAT:
      arg->v_float = *(const gfloat *)src;
      break;
    case MCP_VALUE_DOUBLE:
      arg->v_double = *(const gdouble *)src;
      break;
    default:
      arg->v_pointer = *(gpointer const *)src;
      break;
    }
}

/* Integers in GList, GSList and GPtrArray elements travel inside pointers. */
static gpointer
element_to_pointer (McpValueType *element,
                    GIArgument   *arg)
{
  switch (element->kind)
    {
    case MCP_VALUE_INT8:
      return GINT_TO_POINTER (arg->v_int8);
    case MCP_VALUE_UINT8:
      return GUINT_TO_POINTER (arg->v_uint8);
    case MCP_VALUE_INT16:
      return GINT_TO_POINTER (arg->v_int16);
    case MCP_VALUE_UINT16:
      return GUINT_TO_POINTER (arg->v_uint16);
    case MCP_VALUE_INT32:
      return GINT_TO_POINTER (arg->v_int32);
    case MCP_VALUE_UINT32:
      return GUINT_TO_POINTER (arg->v_uint32);
    default:
      return arg->v_pointer;
    }
}

static void
element_from_pointer (McpValueType *element,
                      gpointer      pointer,
                      GIArgument   *arg)
{
  memset (arg, 0, sizeof *arg);

  switch (element->kind)
    {
    case MCP_VALUE_INT8:
      arg->v_int8 = (gint8)GPOINTER_TO_INT (pointer);
      break;
    case MCP_VALUE_UINT8:
      arg->v_uint8 = (guint8)GPOINTER_TO_UINT (pointer);
      break;
    case MCP_VALUE_INT16:
      arg->v_int16 = (gint16)GPOINTER_TO_INT (pointer);
      break;
    case MCP_VALUE_UINT16:
      arg->v_uint16 = (guint16)GPOINTER_TO_UINT (pointer);
      break;
    case MCP_VALUE_INT32:
      arg->v_int32 = (gint32)GPOINTER_TO_INT (pointer);
      break;
    case MCP_VALUE_UINT32:
      arg->v_uint32 = (guint32)GPOINTER_TO_UINT (pointer);
      break;
    default:
      arg->v_pointer = pointer;
      break;
    }
}

static gboolean
list_from_json (McpValueType  *type,
                JsonNode      *node,
                const char    *name,
                McpCleanup    *cleanup,
                GIArgument    *arg,
                gsize         *length,
                GError       **error)
{
  McpValueType *element = type->element;
  JsonArray *array;
  guint n;
  gsize size = element_size (element);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, name, "expected an array, got %s", mcp_json_type_name (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  if (type->fixed_size >= 0 && n != (guint)type->fixed_size)
    return invalid (error, name, "expected exactly %d items, got %u", type->fixed_size, n);

  switch (type->container)
    {
    case MCP_CONTAINER_C_ARRAY:
      {
        guint8 *data = g_malloc0 ((n + (type->zero_terminated ? 1 : 0)) * size);

        mcp_cleanup_add (cleanup, data, g_free);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *element_name = g_strdup_printf ("%s[%u]", name, i);
            GIArgument item;

            if (!mcp_value_from_json (element, json_array_get_element (array, i), element_name,
                                      cleanup, &item, NULL, error))
              return FALSE;
            store_element (element, &item, data + i * size);
          }
        arg->v_pointer = data;
      }
      break;

    case MCP_CONTAINER_GARRAY:
      {
        GArray *garray = g_array_sized_new (FALSE, TRUE, size, n);

        mcp_cleanup_add (cleanup, garray, (GDestroyNotify)g_array_unref);
        g_array_set_size (garray, n);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *element_name = g_strdup_printf ("%s[%u]", name, i);
            GIArgument item;

            if (!mcp_value_from_json (element, json_array_get_element (array, i), element_name,
                                      cleanup, &item, NULL, error))
              return FALSE;
            store_element (element, &item, garray->data + i * size);
          }
        arg->v_pointer = garray;
      }
      break;

    case MCP_CONTAINER_GPTRARRAY:
      {
        GPtrArray *ptr_array = g_ptr_array_sized_new (n);

        mcp_cleanup_add (cleanup, ptr_array, (GDestroyNotify)g_ptr_array_unref);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *element_name = g_strdup_printf ("%s[%u]", name, i);
            GIArgument item;

            if (!mcp_value_from_json (element, json_array_get_element (array, i), element_name,
                                      cleanup, &item, NULL, error))
              return FALSE;
            g_ptr_array_add (ptr_array, element_to_pointer (element, &item));
          }
        arg->v_pointer = ptr_array;
      }
      break;

    case MCP_CONTAINER_GLIST:
    case MCP_CONTAINER_GSLIST:
      {
        GList *list = NULL;

        for (guint i = n; i > 0; i--)
          {
            g_autofree char *element_name = g_strdup_printf ("%s[%u]", name, i - 1);
            GIArgument item;

            if (!mcp_value_from_json (element, json_array_get_element (array, i - 1),
                                      element_name, cleanup, &item, NULL, error))
              {
                g_list_free (list);
                return FALSE;
              }
            if (type->container == MCP_CONTAINER_GLIST)
              list = g_list_prepend (list, element_to_pointer (element, &item));
            else
              list = (GList *)g_slist_prepend ((GSList *)list, element_to_pointer (element, &item));
          }
        mcp_cleanup_add (cleanup, list,
                         type->container == MCP_CONTAINER_GLIST ? (GDestroyNotify)g_list_free
                                                                : (GDestroyNotify)g_slist_free);
        arg->v_pointer = list;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (length != NULL)
    *length = n;

  return TRUE;
}

/* Converts @node to the C value of @type in @arg. What it allocates is
 * freed with @cleanup; pointers into @node stay valid as long as @node.
 * @length receives the number of items of a list. Wrong values fail with
 * G_IO_ERROR_INVALID_ARGUMENT naming @name. */
gboolean
mcp_value_from_json (McpValueType  *type,
                     JsonNode      *node,
                     const char    *name,
                     McpCleanup    *cleanup,
                     GIArgument    *arg,
                     gsize         *length,
                     GError       **error)
{
  gint64 integer;
  gint64 min;
  gint64 max;

  memset (arg, 0, sizeof *arg);

  switch (type->kind)
    {
    case MCP_VALUE_BOOLEAN:
      if (!mcp_json_node_is_boolean (node))
        return invalid (error, name, "expected a boolean, got %s", mcp_json_type_name (node));
      arg->v_boolean = json_node_get_boolean (node);
      return TRUE;

    case MCP_VALUE_INT8:
    case MCP_VALUE_UINT8:
    case MCP_VALUE_INT16:
    case MCP_VALUE_UINT16:
    case MCP_VALUE_INT32:
    case MCP_VALUE_UINT32:
    case MCP_VALUE_INT64:
    case MCP_VALUE_UINT64:
      integer_bounds (type, &min, &max);
      if (!node_get_integer (node, &integer))
        return invalid (error, name, "expected an integer, got %s", mcp_json_type_name (node));
      if (integer < min || integer > max)
        return invalid (error, name,
                        "expected an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                        ", got %" G_GINT64_FORMAT, min, max, integer);
      switch (type->kind)
        {
        case MCP_VALUE_INT8:
          arg->v_int8 = (gint8)integer;
          break;
        case MCP_VALUE_UINT8:
          arg->v_uint8 = (guint8)integer;
          break;
        case MCP_VALUE_INT16:
          arg->v_int16 = (gint16)integer;
          break;
        case MCP_VALUE_UINT16:
          arg->v_uint16 = (guint16)integer;
          break;
        case MCP_VALUE_INT32:
          arg->v_int32 = (gint32)integer;
          break;
        case MCP_VALUE_UINT32:
          arg->v_uint32 = (guint32)integer;
          break;
        case MCP_VALUE_INT64:
          arg->v_int64 = integer;
          break;
        case MCP_VALUE_UINT64:
        default:
          arg->v_uint64 = (guint64)integer;
          break;
        }
      return TRUE;

    case MCP_VALUE_FLOAT:
    case MCP_VALUE_DOUBLE:
      {
        double value;
        double dmin;
        double dmax;

        if (!mcp_json_node_is_number (node))
          return invalid (error, name, "expected a number, got %s", mcp_json_type_name (node));
        value = mcp_json_node_get_number (node);
        if (double_bounds (type, &dmin, &dmax) && (value < dmin || value > dmax))
          return invalid (error, name, "expected a number from %g to %g, got %g",
                          dmin, dmax, value);
        if (type->kind == MCP_VALUE_FLOAT)
          arg->v_float = (gfloat)value;
        else
          arg->v_double = value;
        return TRUE;
      }

    case MCP_VALUE_STRING:
      if (!mcp_json_node_is_string (node))
        return invalid (error, name, "expected a string, got %s", mcp_json_type_name (node));
      arg->v_string = (char *)json_node_get_string (node);
      return TRUE;

    case MCP_VALUE_FILENAME:
      {
        g_autoptr(GError) local_error = NULL;
        char *filename;

        if (!mcp_json_node_is_string (node))
          return invalid (error, name, "expected a string, got %s", mcp_json_type_name (node));
        filename = g_filename_from_utf8 (json_node_get_string (node), -1, NULL, NULL,
                                         &local_error);
        if (filename == NULL)
          return invalid (error, name, "%s", local_error->message);
        mcp_cleanup_add (cleanup, filename, g_free);
        arg->v_string = filename;
        return TRUE;
      }

    case MCP_VALUE_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (type->gtype);
        GEnumValue *value;

        if (!mcp_json_node_is_string (node))
          return invalid (error, name, "expected a string, got %s", mcp_json_type_name (node));
        value = g_enum_get_value_by_nick (enum_class, json_node_get_string (node));
        if (value == NULL)
          return invalid (error, name, "“%s” is not a value of %s",
                          json_node_get_string (node), g_type_name (type->gtype));
        arg->v_int32 = value->value;
        return TRUE;
      }

    case MCP_VALUE_FLAGS:
      {
        g_autoptr(GFlagsClass) flags_class = g_type_class_ref (type->gtype);
        JsonArray *array;
        guint flags = 0;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return invalid (error, name, "expected an array of flag names, got %s",
                          mcp_json_type_name (node));
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            GFlagsValue *value;

            if (!mcp_json_node_is_string (element) ||
                !(value = g_flags_get_value_by_nick (flags_class, json_node_get_string (element))))
              return invalid (error, name, "item %u is not a flag of %s", i,
                              g_type_name (type->gtype));
            flags |= value->value;
          }
        arg->v_uint32 = flags;
        return TRUE;
      }

    case MCP_VALUE_LIST:
      return list_from_json (type, node, name, cleanup, arg, length, error);

    case MCP_VALUE_JSON_NODE:
      arg->v_pointer = node;
      return TRUE;

    case MCP_VALUE_JSON_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, name, "expected an object, got %s", mcp_json_type_name (node));
      arg->v_pointer = json_node_get_object (node);
      return TRUE;

    case MCP_VALUE_JSON_ARRAY:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, name, "expected an array, got %s", mcp_json_type_name (node));
      arg->v_pointer = json_node_get_array (node);
      return TRUE;

    case MCP_VALUE_VARIANT:
      {
        g_autoptr(GError) local_error = NULL;
        g_autofree char *signature = NULL;
        GVariant *variant;

        if (type->variant_type != NULL)
          signature = g_variant_type_dup_string (type->variant_type);
        variant = json_gvariant_deserialize (node, signature, &local_error);
        if (variant == NULL)
          return invalid (error, name, "%s", local_error != NULL ? local_error->message
                                                                 : "not a valid value");
        g_variant_ref_sink (variant);
        mcp_cleanup_add (cleanup, variant, (GDestroyNotify)g_variant_unref);
        arg->v_pointer = variant;
        return TRUE;
      }

    case MCP_VALUE_BYTES:
      {
        g_autoptr(GRegex) regex = NULL;
        gsize len = 0;
        guchar *data;
        GBytes *bytes;

        if (!mcp_json_node_is_string (node))
          return invalid (error, name, "expected a base64 string, got %s",
                          mcp_json_type_name (node));
        regex = g_regex_new (BASE64_PATTERN, 0, 0, NULL);
        if (!g_regex_match (regex, json_node_get_string (node), 0, NULL) ||
            strlen (json_node_get_string (node)) % 4 != 0)
          return invalid (error, name, "expected a base64 string");
        data = g_base64_decode (json_node_get_string (node), &len);
        bytes = g_bytes_new_take (data, len);
        mcp_cleanup_add (cleanup, bytes, (GDestroyNotify)g_bytes_unref);
        arg->v_pointer = bytes;
        return TRUE;
      }

    default:
      return invalid (error, name, "this argument cannot be given as JSON");
    }
}

/* C → JSON */

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest of 15, 16 or 17 significant digits that reads back as
   * the same double: 0.1 stays 0.1. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.16g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  return g_strdup (buffer);
}

static double
float_to_double (gfloat value)
{
  static const char * const formats[] = { "%.6g", "%.7g", "%.8g", "%.9g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* The double a reader expects for a float — the shortest decimal that
   * reads back as the same float: 0.1f is 0.1, not 0.100000001490116. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if ((gfloat)g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_ascii_strtod (buffer, NULL);
}

static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
string_node (const char *value)
{
  JsonNode *node;

  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_VALUE);
  if (g_utf8_validate (value, -1, NULL))
    json_node_set_string (node, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_node_set_string (node, valid);
    }
  return node;
}

static char *
enum_nick (GType type,
           gint  value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  return enum_value != NULL ? g_strdup (enum_value->value_nick) : g_strdup_printf ("%d", value);
}

static gboolean
check_finite (double   value,
              GError **error)
{
  if (isfinite (value))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "The result is not a finite number, which JSON cannot carry");
  return FALSE;
}

static JsonNode *
list_to_json (McpValueType  *type,
              GIArgument    *arg,
              gssize         length,
              GError       **error)
{
  McpValueType *element = type->element;
  JsonArray *array;
  JsonNode *node;

  if (arg->v_pointer == NULL &&
      (type->container == MCP_CONTAINER_GARRAY || type->container == MCP_CONTAINER_GPTRARRAY))
    return json_node_new (JSON_NODE_NULL);

  /* A NULL C array, GList or GSList is an empty one. */
  array = json_array_new ();
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

#define ADD_ELEMENT(item_arg) G_STMT_START {                                   \
    JsonNode *child = mcp_value_to_json (element, (item_arg), -1, error);      \
    if (child == NULL)                                                         \
      {                                                                        \
        json_node_unref (node);                                                \
        return NULL;                                                           \
      }                                                                        \
    json_array_add_element (array, child);                                     \
  } G_STMT_END

  switch (type->container)
    {
    case MCP_CONTAINER_C_ARRAY:
      {
        const guint8 *data = arg->v_pointer;
        gsize size = element_size (element);
        gssize n = length;

        if (n < 0 && type->fixed_size >= 0)
          n = type->fixed_size;
        if (n < 0 && type->zero_terminated && data != NULL)
          {
            static const guint8 zero[8] = { 0 };

            for (n = 0; memcmp (data + n * size, zero, size) != 0; n++)
              ;
          }

        for (gssize i = 0; data != NULL && i < n; i++)
          {
            GIArgument item;

            load_element (element, data + i * size, &item);
            ADD_ELEMENT (&item);
          }
      }
      break;

    case MCP_CONTAINER_GARRAY:
      {
        GArray *garray = arg->v_pointer;

        for (guint i = 0; i < garray->len; i++)
          {
            GIArgument item;

            load_element (element, garray->data + i * element_size (element), &item);
            ADD_ELEMENT (&item);
          }
      }
      break;

    case MCP_CONTAINER_GPTRARRAY:
      {
        GPtrArray *ptr_array = arg->v_pointer;

        for (guint i = 0; i < ptr_array->len; i++)
          {
            GIArgument item;

            element_from_pointer (element, g_ptr_array_index (ptr_array, i), &item);
            ADD_ELEMENT (&item);
          }
      }
      break;

    case MCP_CONTAINER_GLIST:
    case MCP_CONTAINER_GSLIST:
      /* GList and GSList share their first two members' layout */
      for (GSList *l = arg->v_pointer; l != NULL; l = l->next)
        {
          GIArgument item;

          element_from_pointer (element, l->data, &item);
          ADD_ELEMENT (&item);
        }
      break;

    default:
      g_assert_not_reached ();
    }

#undef ADD_ELEMENT

  return node;
}

static JsonNode *
object_to_json (GObject  *object,
                GError  **error)
{
  g_autofree GParamSpec **pspecs = NULL;
  JsonObject *members;
  JsonNode *node;
  guint n_pspecs = 0;
  static GPrivate depth_key;
  guint depth = GPOINTER_TO_UINT (g_private_get (&depth_key));

  if (JSON_IS_SERIALIZABLE (object))
    return json_gobject_serialize (object);

  /* An object graph may have cycles: nested objects stop somewhere. */
  if (depth >= 8)
    return json_node_new (JSON_NODE_NULL);

  members = json_object_new ();
  node = json_node_init_object (json_node_alloc (), members);
  json_object_unref (members);

  g_private_set (&depth_key, GUINT_TO_POINTER (depth + 1));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autoptr(McpValueType) type = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      GIArgument arg;
      JsonNode *member;

      if (!(pspecs[i]->flags & G_PARAM_READABLE) || (pspecs[i]->flags & G_PARAM_DEPRECATED) ||
          !(type = mcp_value_type_new_for_pspec (pspecs[i], NULL)) ||
          !kind_is_property_value (type->kind))
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (object, pspecs[i]->name, &value);
      if (!mcp_value_from_gvalue (type, &value, &arg))
        continue;
      if (!(member = mcp_value_to_json (type, &arg, -1, error)))
        {
          json_node_unref (node);
          node = NULL;
          break;
        }
      json_object_set_member (members, pspecs[i]->name, member);
    }
  g_private_set (&depth_key, GUINT_TO_POINTER (depth));

  return node;
}

/* Converts the C value of @type in @arg to JSON. @length is the number of
 * items of a C array whose length travels separately, or -1. */
JsonNode *
mcp_value_to_json (McpValueType  *type,
                   GIArgument    *arg,
                   gssize         length,
                   GError       **error)
{
  switch (type->kind)
    {
    case MCP_VALUE_VOID:
      return json_node_new (JSON_NODE_NULL);

    case MCP_VALUE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), arg->v_boolean);

    case MCP_VALUE_INT8:
      return int_node (arg->v_int8);
    case MCP_VALUE_UINT8:
      return int_node (arg->v_uint8);
    case MCP_VALUE_INT16:
      return int_node (arg->v_int16);
    case MCP_VALUE_UINT16:
      return int_node (arg->v_uint16);
    case MCP_VALUE_INT32:
      return int_node (arg->v_int32);
    case MCP_VALUE_UINT32:
      return int_node (arg->v_uint32);
    case MCP_VALUE_INT64:
      return int_node (arg->v_int64);
    case MCP_VALUE_UINT64:
      if (arg->v_uint64 > G_MAXINT64)
        return number_node ((double)arg->v_uint64);
      return int_node ((gint64)arg->v_uint64);

    case MCP_VALUE_FLOAT:
      if (!check_finite (arg->v_float, error))
        return NULL;
      return number_node (float_to_double (arg->v_float));

    case MCP_VALUE_DOUBLE:
      if (!check_finite (arg->v_double, error))
        return NULL;
      return number_node (arg->v_double);

    case MCP_VALUE_STRING:
      return string_node (arg->v_string);

    case MCP_VALUE_FILENAME:
      {
        g_autofree char *display = NULL;

        if (arg->v_string == NULL)
          return json_node_new (JSON_NODE_NULL);
        display = g_filename_display_name (arg->v_string);
        return string_node (display);
      }

    case MCP_VALUE_ENUM:
      {
        g_autofree char *nick = enum_nick (type->gtype, arg->v_int32);
        return string_node (nick);
      }

    case MCP_VALUE_FLAGS:
      {
        g_autoptr(GFlagsClass) flags_class = g_type_class_ref (type->gtype);
        JsonArray *array = json_array_new ();
        JsonNode *node = json_node_init_array (json_node_alloc (), array);

        for (guint i = 0; i < flags_class->n_values; i++)
          {
            guint bits = flags_class->values[i].value;

            if (bits != 0 && (arg->v_uint32 & bits) == bits)
              json_array_add_string_element (array, flags_class->values[i].value_nick);
          }
        json_array_unref (array);
        return node;
      }

    case MCP_VALUE_LIST:
      return list_to_json (type, arg, length, error);

    case MCP_VALUE_JSON_NODE:
      return arg->v_pointer != NULL ? json_node_copy (arg->v_pointer)
                                    : json_node_new (JSON_NODE_NULL);

    case MCP_VALUE_JSON_OBJECT:
      if (arg->v_pointer == NULL)
        return json_node_new (JSON_NODE_NULL);
      return json_node_init_object (json_node_alloc (), arg->v_pointer);

    case MCP_VALUE_JSON_ARRAY:
      if (arg->v_pointer == NULL)
        return json_node_new (JSON_NODE_NULL);
      return json_node_init_array (json_node_alloc (), arg->v_pointer);

    case MCP_VALUE_VARIANT:
      if (arg->v_pointer == NULL)
        return json_node_new (JSON_NODE_NULL);
      return json_gvariant_serialize (arg->v_pointer);

    case MCP_VALUE_BYTES:
      {
        g_autofree char *encoded = NULL;
        gsize size = 0;
        gconstpointer data;

        if (arg->v_pointer == NULL)
          return json_node_new (JSON_NODE_NULL);
        data = g_bytes_get_data (arg->v_pointer, &size);
        encoded = g_base64_encode (data, size);
        return string_node (encoded);
      }

    case MCP_VALUE_OBJECT:
      if (arg->v_pointer == NULL)
        return json_node_new (JSON_NODE_NULL);
      return object_to_json (arg->v_pointer, error);

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "This value cannot be sent as JSON");
      return NULL;
    }
}

/* The text content block for a scalar or string value. */
char *
mcp_value_to_text (McpValueType *type,
                   GIArgument   *arg)
{
  switch (type->kind)
    {
    case MCP_VALUE_BOOLEAN:
      return g_strdup (arg->v_boolean ? "true" : "false");
    case MCP_VALUE_INT8:
      return g_strdup_printf ("%d", arg->v_int8);
    case MCP_VALUE_UINT8:
      return g_strdup_printf ("%u", arg->v_uint8);
    case MCP_VALUE_INT16:
      return g_strdup_printf ("%d", arg->v_int16);
    case MCP_VALUE_UINT16:
      return g_strdup_printf ("%u", arg->v_uint16);
    case MCP_VALUE_INT32:
      return g_strdup_printf ("%" G_GINT32_FORMAT, arg->v_int32);
    case MCP_VALUE_UINT32:
      return g_strdup_printf ("%" G_GUINT32_FORMAT, arg->v_uint32);
    case MCP_VALUE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, arg->v_int64);
    case MCP_VALUE_UINT64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, arg->v_uint64);
    case MCP_VALUE_FLOAT:
      return format_double (float_to_double (arg->v_float));
    case MCP_VALUE_DOUBLE:
      return format_double (arg->v_double);
    case MCP_VALUE_STRING:
      if (arg->v_string == NULL)
        return NULL;
      return g_utf8_make_valid (arg->v_string, -1);
    case MCP_VALUE_FILENAME:
      return arg->v_string != NULL ? g_filename_display_name (arg->v_string) : NULL;
    case MCP_VALUE_ENUM:
      return enum_nick (type->gtype, arg->v_int32);
    case MCP_VALUE_BYTES:
      {
        gsize size = 0;
        gconstpointer data;

        if (arg->v_pointer == NULL)
          return NULL;
        data = g_bytes_get_data (arg->v_pointer, &size);
        return g_base64_encode (data, size);
      }
    default:
      {
        g_autoptr(JsonNode) node = mcp_value_to_json (type, arg, -1, NULL);
        return node != NULL ? json_to_string (node, FALSE) : NULL;
      }
    }
}

static void
free_list_elements (McpValueType *type,
                    GIArgument   *arg,
                    gssize        length)
{
  McpValueType *element = type->element;

  if (!kind_is_pointer (element->kind))
    return;

  switch (type->container)
    {
    case MCP_CONTAINER_C_ARRAY:
      {
        gpointer *data = arg->v_pointer;
        gssize n = length >= 0 ? length : type->fixed_size;

        if (data == NULL)
          return;
        if (n < 0)
          for (n = 0; data[n] != NULL; n++)
            ;
        for (gssize i = 0; i < n; i++)
          g_free (data[i]);
      }
      break;

    case MCP_CONTAINER_GLIST:
    case MCP_CONTAINER_GSLIST:
      for (GSList *l = arg->v_pointer; l != NULL; l = l->next)
        g_free (l->data);
      break;

    case MCP_CONTAINER_GPTRARRAY:
      /* its free function, set below, takes care of it */
    case MCP_CONTAINER_GARRAY:
    default:
      break;
    }
}

/* Frees a value the caller received with @transfer. */
void
mcp_value_release (McpValueType *type,
                   GIArgument   *arg,
                   GITransfer    transfer,
                   gssize        length)
{
  if (transfer == GI_TRANSFER_NOTHING || arg->v_pointer == NULL)
    return;

  switch (type->kind)
    {
    case MCP_VALUE_STRING:
    case MCP_VALUE_FILENAME:
      g_free (arg->v_string);
      break;

    case MCP_VALUE_LIST:
      if (transfer == GI_TRANSFER_EVERYTHING)
        free_list_elements (type, arg, length);
      switch (type->container)
        {
        case MCP_CONTAINER_C_ARRAY:
          g_free (arg->v_pointer);
          break;
        case MCP_CONTAINER_GARRAY:
          g_array_unref (arg->v_pointer);
          break;
        case MCP_CONTAINER_GPTRARRAY:
          g_ptr_array_set_free_func (arg->v_pointer,
                                     transfer == GI_TRANSFER_EVERYTHING &&
                                     kind_is_pointer (type->element->kind) ? g_free : NULL);
          g_ptr_array_unref (arg->v_pointer);
          break;
        case MCP_CONTAINER_GLIST:
          g_list_free (arg->v_pointer);
          break;
        case MCP_CONTAINER_GSLIST:
          g_slist_free (arg->v_pointer);
          break;
        default:
          break;
        }
      break;

    case MCP_VALUE_JSON_NODE:
      json_node_unref (arg->v_pointer);
      break;

    case MCP_VALUE_JSON_OBJECT:
      json_object_unref (arg->v_pointer);
      break;

    case MCP_VALUE_JSON_ARRAY:
      json_array_unref (arg->v_pointer);
      break;

    case MCP_VALUE_VARIANT:
      g_variant_unref (arg->v_pointer);
      break;

    case MCP_VALUE_BYTES:
      g_bytes_unref (arg->v_pointer);
      break;

    case MCP_VALUE_OBJECT:
    case MCP_VALUE_TOOL_RESULT:
      g_object_unref (arg->v_pointer);
      break;

    default:
      break;
    }

  arg->v_pointer = NULL;
}

/* GValue ↔ GIArgument, for properties. The argument borrows from the
 * value. */
gboolean
mcp_value_from_gvalue (McpValueType *type,
                       const GValue *value,
                       GIArgument   *arg)
{
  memset (arg, 0, sizeof *arg);

  switch (type->kind)
    {
    case MCP_VALUE_BOOLEAN:
      arg->v_boolean = g_value_get_boolean (value);
      return TRUE;
    case MCP_VALUE_INT8:
      arg->v_int8 = g_value_get_schar (value);
      return TRUE;
    case MCP_VALUE_UINT8:
      arg->v_uint8 = g_value_get_uchar (value);
      return TRUE;
    case MCP_VALUE_INT32:
      arg->v_int32 = g_value_get_int (value);
      return TRUE;
    case MCP_VALUE_UINT32:
      arg->v_uint32 = g_value_get_uint (value);
      return TRUE;
    case MCP_VALUE_INT64:
      arg->v_int64 = G_VALUE_HOLDS_LONG (value) ? g_value_get_long (value)
                                                : g_value_get_int64 (value);
      return TRUE;
    case MCP_VALUE_UINT64:
      arg->v_uint64 = G_VALUE_HOLDS_ULONG (value) ? g_value_get_ulong (value)
                                                  : g_value_get_uint64 (value);
      return TRUE;
    case MCP_VALUE_FLOAT:
      arg->v_float = g_value_get_float (value);
      return TRUE;
    case MCP_VALUE_DOUBLE:
      arg->v_double = g_value_get_double (value);
      return TRUE;
    case MCP_VALUE_STRING:
      arg->v_string = (char *)g_value_get_string (value);
      return TRUE;
    case MCP_VALUE_ENUM:
      arg->v_int32 = g_value_get_enum (value);
      return TRUE;
    case MCP_VALUE_FLAGS:
      arg->v_uint32 = g_value_get_flags (value);
      return TRUE;
    case MCP_VALUE_LIST:
    case MCP_VALUE_JSON_NODE:
    case MCP_VALUE_JSON_OBJECT:
    case MCP_VALUE_JSON_ARRAY:
    case MCP_VALUE_BYTES:
      arg->v_pointer = g_value_get_boxed (value);
      return TRUE;
    case MCP_VALUE_VARIANT:
      arg->v_pointer = g_value_get_variant (value);
      return TRUE;
    case MCP_VALUE_OBJECT:
      arg->v_pointer = g_value_get_object (value);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Sets @value, initialized to the property's type, from @arg (copied). */
void
mcp_value_to_gvalue (McpValueType *type,
                     GIArgument   *arg,
                     GValue       *value)
{
  switch (type->kind)
    {
    case MCP_VALUE_BOOLEAN:
      g_value_set_boolean (value, arg->v_boolean);
      break;
    case MCP_VALUE_INT8:
      g_value_set_schar (value, arg->v_int8);
      break;
    case MCP_VALUE_UINT8:
      g_value_set_uchar (value, arg->v_uint8);
      break;
    case MCP_VALUE_INT32:
      g_value_set_int (value, arg->v_int32);
      break;
    case MCP_VALUE_UINT32:
      g_value_set_uint (value, arg->v_uint32);
      break;
    case MCP_VALUE_INT64:
      if (G_VALUE_HOLDS_LONG (value))
        g_value_set_long (value, (glong)arg->v_int64);
      else
        g_value_set_int64 (value, arg->v_int64);
      break;
    case MCP_VALUE_UINT64:
      if (G_VALUE_HOLDS_ULONG (value))
        g_value_set_ulong (value, (gulong)arg->v_uint64);
      else
        g_value_set_uint64 (value, arg->v_uint64);
      break;
    case MCP_VALUE_FLOAT:
      g_value_set_float (value, arg->v_float);
      break;
    case MCP_VALUE_DOUBLE:
      g_value_set_double (value, arg->v_double);
      break;
    case MCP_VALUE_STRING:
      g_value_set_string (value, arg->v_string);
      break;
    case MCP_VALUE_ENUM:
      g_value_set_enum (value, arg->v_int32);
      break;
    case MCP_VALUE_FLAGS:
      g_value_set_flags (value, arg->v_uint32);
      break;
    case MCP_VALUE_LIST:
    case MCP_VALUE_JSON_NODE:
    case MCP_VALUE_JSON_OBJECT:
    case MCP_VALUE_JSON_ARRAY:
    case MCP_VALUE_BYTES:
      g_value_set_boxed (value, arg->v_pointer);
      break;
    case MCP_VALUE_VARIANT:
      g_value_set_variant (value, arg->v_pointer);
      break;
    case MCP_VALUE_OBJECT:
      g_value_set_object (value, arg->v_pointer);
      break;
    default:
      break;
    }
}
