/* mcp-schema.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-schema-private.h"

/* A JSON Schema 2020-12 validator for tool arguments and structured
 * results. It checks the assertion keywords that describe data (type,
 * enum, const, properties, required, additionalProperties, items,
 * prefixItems, length and range bounds, pattern, the composition keywords
 * and local $ref into $defs or definitions) and ignores annotations and
 * unknown keywords, as the specification allows. Depth and total work are
 * bounded so that a hostile schema or instance cannot exhaust the server.
 * Remote $refs are never fetched: they fail validation. */

#define MAX_DEPTH 64
#define MAX_STEPS 100000

typedef struct
{
  JsonObject *root;
  GString    *path;
  guint       steps;
  const char *what;
  GError    **error;
} Validator;

static gboolean validate (Validator  *v,
                          JsonObject *schema,
                          JsonNode   *instance,
                          guint       depth);

/* The keywords the validator knows. A schema object is read once per
 * check into a Keywords table, rather than probed for each of these names
 * (a hash lookup each): schemas hold a few of them, and a call of a tool
 * checks its arguments every time. */
typedef enum
{
  KW_TYPE, KW_REF, KW_CONST, KW_ENUM, KW_ALL_OF, KW_ANY_OF, KW_ONE_OF, KW_NOT,
  KW_IF, KW_THEN, KW_ELSE,
  KW_MINIMUM, KW_MAXIMUM, KW_EXCLUSIVE_MINIMUM, KW_EXCLUSIVE_MAXIMUM, KW_MULTIPLE_OF,
  KW_MIN_LENGTH, KW_MAX_LENGTH, KW_PATTERN,
  KW_PROPERTIES, KW_REQUIRED, KW_ADDITIONAL_PROPERTIES, KW_PATTERN_PROPERTIES,
  KW_MIN_PROPERTIES, KW_MAX_PROPERTIES,
  KW_PREFIX_ITEMS, KW_ITEMS, KW_MIN_ITEMS, KW_MAX_ITEMS, KW_UNIQUE_ITEMS,
  N_KEYWORDS
} Keyword;

static const char * const keyword_names[N_KEYWORDS] = {
  "type", "$ref", "const", "enum", "allOf", "anyOf", "oneOf", "not",
  "if", "then", "else",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern",
  "properties", "required", "additionalProperties", "patternProperties",
  "minProperties", "maxProperties",
  "prefixItems", "items", "minItems", "maxItems", "uniqueItems",
};

typedef struct
{
  JsonNode *nodes[N_KEYWORDS];
} Keywords;

static void
read_keywords (JsonObject *schema,
               Keywords   *kw)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  memset (kw, 0, sizeof *kw);
  json_object_iter_init (&iter, schema);
  while (json_object_iter_next (&iter, &name, &node))
    for (guint i = 0; i < N_KEYWORDS; i++)
      if (keyword_names[i][0] == name[0] && strcmp (keyword_names[i], name) == 0)
        {
          kw->nodes[i] = node;
          break;
        }
}

static inline JsonNode *
kw_node (const Keywords *kw,
         Keyword         keyword)
{
  return kw->nodes[keyword];
}

static inline const char *
kw_string (const Keywords *kw,
           Keyword         keyword)
{
  JsonNode *node = kw->nodes[keyword];

  return mcp_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

static inline JsonArray *
kw_array (const Keywords *kw,
          Keyword         keyword)
{
  JsonNode *node = kw->nodes[keyword];

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
kw_object (const Keywords *kw,
           Keyword         keyword)
{
  JsonNode *node = kw->nodes[keyword];

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The integer value of @keyword, when it is one. */
static inline gboolean
kw_integer (const Keywords *kw,
            Keyword         keyword,
            gint64         *value)
{
  JsonNode *node = kw->nodes[keyword];

  if (!mcp_json_node_is_integer (node))
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static inline gboolean
kw_number (const Keywords *kw,
           Keyword         keyword,
           double         *value)
{
  JsonNode *node = kw->nodes[keyword];

  if (!mcp_json_node_is_number (node))
    return FALSE;
  *value = mcp_json_node_get_number (node);
  return TRUE;
}

/* Compiled patterns, shared by every check: compiling a regular
 * expression costs far more than matching it. At most PATTERN_CACHE_SIZE
 * are kept; past that the cache starts again. */
#define PATTERN_CACHE_SIZE 256

G_LOCK_DEFINE_STATIC (patterns);
static GHashTable *patterns;   /* pattern → GRegex, or a NULL value for an invalid one */

static GRegex *
compiled_pattern (const char *pattern)
{
  GRegex *regex = NULL;
  gboolean known;

  G_LOCK (patterns);
  if (patterns == NULL)
    patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_regex_unref);
  known = g_hash_table_lookup_extended (patterns, pattern, NULL, (gpointer *)&regex);
  if (!known)
    {
      regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      if (g_hash_table_size (patterns) >= PATTERN_CACHE_SIZE)
        g_hash_table_remove_all (patterns);
      g_hash_table_insert (patterns, g_strdup (pattern), regex);
    }
  if (regex != NULL)
    g_regex_ref (regex);
  G_UNLOCK (patterns);

  return regex;
}

static gboolean
fail (Validator  *v,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Validator  *v,
      const char *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (v->error == NULL || *v->error != NULL)
    return FALSE;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (v->path->len > 0)
    g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                 "Invalid %s “%s”: %s", v->what, v->path->str, detail);
  else
    g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                 "Invalid %s: %s", v->what, detail);
  return FALSE;
}

static gboolean
type_matches (const char *type,
              JsonNode   *instance)
{
  switch (JSON_NODE_TYPE (instance))
    {
    case JSON_NODE_OBJECT:
      return strcmp (type, "object") == 0;
    case JSON_NODE_ARRAY:
      return strcmp (type, "array") == 0;
    case JSON_NODE_NULL:
      return strcmp (type, "null") == 0;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (instance))
        {
        case G_TYPE_STRING:
          return strcmp (type, "string") == 0;
        case G_TYPE_BOOLEAN:
          return strcmp (type, "boolean") == 0;
        case G_TYPE_INT64:
          return strcmp (type, "integer") == 0 || strcmp (type, "number") == 0;
        case G_TYPE_DOUBLE:
          {
            double d = json_node_get_double (instance);

            if (strcmp (type, "number") == 0)
              return TRUE;
            /* 2020-12: a number with a zero fractional part is an integer */
            return strcmp (type, "integer") == 0 && isfinite (d) && d == floor (d);
          }
        default:
          return FALSE;
        }
    default:
      return FALSE;
    }
}

static const char *
article (const char *type)
{
  return (type[0] == 'a' || type[0] == 'i' || type[0] == 'o') ? "an" : "a";
}

static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (a) && mcp_json_node_is_number (a) && mcp_json_node_is_number (b))
    return mcp_json_node_get_number (a) == mcp_json_node_get_number (b);

  return json_node_equal (a, b);
}

static JsonObject *
resolve_ref (Validator  *v,
             const char *ref)
{
  g_auto(GStrv) parts = NULL;
  JsonObject *object = v->root;

  if (strcmp (ref, "#") == 0)
    return v->root;
  if (!g_str_has_prefix (ref, "#/"))
    return NULL;

  parts = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; parts[i] != NULL && object != NULL; i++)
    {
      g_autofree char *unescaped = g_uri_unescape_string (parts[i], NULL);
      g_autoptr(GString) name = g_string_new (unescaped != NULL ? unescaped : parts[i]);

      g_string_replace (name, "~1", "/", 0);
      g_string_replace (name, "~0", "~", 0);
      object = mcp_json_get_object (object, name->str);
    }

  return object;
}

static gboolean
validate_subschema (Validator  *v,
                    JsonNode   *schema,
                    JsonNode   *instance,
                    guint       depth)
{
  if (mcp_json_node_is_boolean (schema))
    return json_node_get_boolean (schema) || fail (v, "no value is allowed here");

  if (!JSON_NODE_HOLDS_OBJECT (schema))
    return TRUE;

  return validate (v, json_node_get_object (schema), instance, depth + 1);
}

/* Runs @schema against @instance without reporting, for anyOf/oneOf/not. */
static gboolean
probe (Validator *v,
       JsonNode  *schema,
       JsonNode  *instance,
       guint      depth)
{
  g_autoptr(GError) local_error = NULL;
  Validator probe_v = { v->root, g_string_new (v->path->str), v->steps, v->what, &local_error };
  gboolean ok = validate_subschema (&probe_v, schema, instance, depth);

  v->steps = probe_v.steps;
  g_string_free (probe_v.path, TRUE);
  return ok;
}

static gboolean
validate_number (Validator      *v,
                 const Keywords *kw,
                 double          value)
{
  double bound;

  if (kw_number (kw, KW_MINIMUM, &bound) && value < bound)
    return fail (v, "must be at least %.17g", bound);
  if (kw_number (kw, KW_MAXIMUM, &bound) && value > bound)
    return fail (v, "must be at most %.17g", bound);
  if (kw_number (kw, KW_EXCLUSIVE_MINIMUM, &bound) && value <= bound)
    return fail (v, "must be greater than %.17g", bound);
  if (kw_number (kw, KW_EXCLUSIVE_MAXIMUM, &bound) && value >= bound)
    return fail (v, "must be less than %.17g", bound);
  if (kw_number (kw, KW_MULTIPLE_OF, &bound) &&
      bound > 0 && fabs (remainder (value, bound)) > 1e-9 * fabs (bound))
    return fail (v, "must be a multiple of %.17g", bound);

  return TRUE;
}

static gboolean
validate_string (Validator      *v,
                 const Keywords *kw,
                 const char     *value)
{
  glong length = -1;
  gint64 bound;
  const char *pattern;

  if (kw_integer (kw, KW_MIN_LENGTH, &bound))
    {
      length = g_utf8_strlen (value, -1);
      if (length < bound)
        return fail (v, "must be at least %" G_GINT64_FORMAT " characters long", bound);
    }
  if (kw_integer (kw, KW_MAX_LENGTH, &bound))
    {
      if (length < 0)
        length = g_utf8_strlen (value, -1);
      if (length > bound)
        return fail (v, "must be at most %" G_GINT64_FORMAT " characters long", bound);
    }
  if ((pattern = kw_string (kw, KW_PATTERN)) != NULL)
    {
      g_autoptr(GRegex) regex = compiled_pattern (pattern);

      if (regex != NULL && !g_regex_match (regex, value, 0, NULL))
        return fail (v, "must match the pattern “%s”", pattern);
    }

  return TRUE;
}

static gboolean
validate_object (Validator      *v,
                 const Keywords *kw,
                 JsonObject     *object,
                 guint           depth)
{
  JsonObject *properties = kw_object (kw, KW_PROPERTIES);
  JsonArray *required = kw_array (kw, KW_REQUIRED);
  JsonNode *additional = kw_node (kw, KW_ADDITIONAL_PROPERTIES);
  JsonObject *pattern_properties = kw_object (kw, KW_PATTERN_PROPERTIES);
  gint64 bound;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gsize path_len = v->path->len;

  if (required != NULL)
    {
      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          JsonNode *element = json_array_get_element (required, i);

          if (mcp_json_node_is_string (element) &&
              !json_object_has_member (object, json_node_get_string (element)))
            {
              if (path_len == 0)
                {
                  g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Missing required %s “%s”", v->what,
                               json_node_get_string (element));
                  return FALSE;
                }
              return fail (v, "missing required member “%s”", json_node_get_string (element));
            }
        }
    }

  if (kw_integer (kw, KW_MIN_PROPERTIES, &bound) && json_object_get_size (object) < bound)
    return fail (v, "must have at least %" G_GINT64_FORMAT " members", bound);
  if (kw_integer (kw, KW_MAX_PROPERTIES, &bound) && json_object_get_size (object) > bound)
    return fail (v, "must have at most %" G_GINT64_FORMAT " members", bound);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      JsonNode *property_schema = mcp_json_get_member (properties, name);
      gboolean matched = property_schema != NULL;
      gboolean ok = TRUE;

      if (path_len > 0)
        g_string_append_c (v->path, '.');
      g_string_append (v->path, name);

      if (property_schema != NULL)
        ok = validate_subschema (v, property_schema, member, depth);

      if (ok && pattern_properties != NULL)
        {
          JsonObjectIter pattern_iter;
          const char *pattern;
          JsonNode *pattern_schema;

          json_object_iter_init (&pattern_iter, pattern_properties);
          while (ok && json_object_iter_next (&pattern_iter, &pattern, &pattern_schema))
            {
              g_autoptr(GRegex) regex = compiled_pattern (pattern);

              if (regex != NULL && g_regex_match (regex, name, 0, NULL))
                {
                  matched = TRUE;
                  ok = validate_subschema (v, pattern_schema, member, depth);
                }
            }
        }

      if (ok && !matched && additional != NULL)
        {
          if (mcp_json_node_is_boolean (additional) && !json_node_get_boolean (additional))
            {
              g_string_truncate (v->path, path_len);
              if (path_len == 0)
                {
                  g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Unexpected %s “%s”", v->what, name);
                  return FALSE;
                }
              return fail (v, "unexpected member “%s”", name);
            }
          ok = validate_subschema (v, additional, member, depth);
        }

      g_string_truncate (v->path, path_len);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_array (Validator      *v,
                const Keywords *kw,
                JsonArray      *array,
                guint           depth)
{
  JsonArray *prefix = kw_array (kw, KW_PREFIX_ITEMS);
  JsonNode *items = kw_node (kw, KW_ITEMS);
  JsonNode *unique = kw_node (kw, KW_UNIQUE_ITEMS);
  gint64 bound;
  guint n = json_array_get_length (array);
  guint n_prefix = prefix != NULL ? json_array_get_length (prefix) : 0;
  gsize path_len = v->path->len;

  if (kw_integer (kw, KW_MIN_ITEMS, &bound) && n < bound)
    return fail (v, "must have at least %" G_GINT64_FORMAT " items", bound);
  if (kw_integer (kw, KW_MAX_ITEMS, &bound) && n > bound)
    return fail (v, "must have at most %" G_GINT64_FORMAT " items", bound);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *element_schema = i < n_prefix ? json_array_get_element (prefix, i) : items;
      gboolean ok;

      if (element_schema == NULL)
        continue;

      g_string_append_printf (v->path, "[%u]", i);
      ok = validate_subschema (v, element_schema, element, depth);
      g_string_truncate (v->path, path_len);
      if (!ok)
        return FALSE;
    }

  if (mcp_json_node_is_boolean (unique) && json_node_get_boolean (unique))
    {
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          if (json_equal (json_array_get_element (array, i), json_array_get_element (array, j)))
            return fail (v, "items %u and %u are equal, and items must be unique", i, j);
    }

  return TRUE;
}

static gboolean
validate (Validator  *v,
          JsonObject *schema,
          JsonNode   *instance,
          guint       depth)
{
  Keywords kw;
  JsonNode *type;
  JsonArray *options;
  JsonNode *node;
  const char *ref;

  if (depth > MAX_DEPTH || ++v->steps > MAX_STEPS)
    return fail (v, "the schema is too deep or too large to check");

  read_keywords (schema, &kw);
  type = kw_node (&kw, KW_TYPE);

  if ((ref = kw_string (&kw, KW_REF)) != NULL)
    {
      JsonObject *target = resolve_ref (v, ref);

      if (target == NULL)
        return fail (v, "the schema refers to “%s”, which cannot be resolved", ref);
      if (!validate (v, target, instance, depth + 1))
        return FALSE;
    }

  if (type != NULL)
    {
      if (mcp_json_node_is_string (type))
        {
          const char *name = json_node_get_string (type);

          if (!type_matches (name, instance))
            return fail (v, "expected %s %s, got %s", article (name), name,
                         mcp_json_type_name (instance));
        }
      else if (JSON_NODE_HOLDS_ARRAY (type))
        {
          JsonArray *types = json_node_get_array (type);
          gboolean any = FALSE;
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (types) && !any; i++)
            {
              JsonNode *element = json_array_get_element (types, i);

              if (!mcp_json_node_is_string (element))
                continue;
              any = type_matches (json_node_get_string (element), instance);
              if (names->len > 0)
                g_string_append (names, " or ");
              g_string_append (names, json_node_get_string (element));
            }
          if (!any)
            return fail (v, "expected %s, got %s", names->str, mcp_json_type_name (instance));
        }
    }

  if ((node = kw_node (&kw, KW_CONST)) != NULL && !json_equal (node, instance))
    {
      g_autofree char *text = mcp_json_to_string (node, NULL);
      return fail (v, "must be %s", text);
    }

  if ((options = kw_array (&kw, KW_ENUM)) != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (options) && !found; i++)
        found = json_equal (json_array_get_element (options, i), instance);

      if (!found)
        {
          g_autoptr(JsonNode) options_node = json_node_new (JSON_NODE_ARRAY);
          g_autofree char *text = NULL;

          json_node_set_array (options_node, options);
          text = mcp_json_to_string (options_node, NULL);
          return fail (v, "must be one of %s", text);
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (instance))
    {
      if (!validate_object (v, &kw, json_node_get_object (instance), depth))
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (instance))
    {
      if (!validate_array (v, &kw, json_node_get_array (instance), depth))
        return FALSE;
    }
  else if (mcp_json_node_is_number (instance))
    {
      if (!validate_number (v, &kw, mcp_json_node_get_number (instance)))
        return FALSE;
    }
  else if (mcp_json_node_is_string (instance))
    {
      if (!validate_string (v, &kw, json_node_get_string (instance)))
        return FALSE;
    }

  if ((options = kw_array (&kw, KW_ALL_OF)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (options); i++)
        if (!validate_subschema (v, json_array_get_element (options, i), instance, depth))
          return FALSE;
    }

  if ((options = kw_array (&kw, KW_ANY_OF)) != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < json_array_get_length (options) && !any; i++)
        any = probe (v, json_array_get_element (options, i), instance, depth);
      if (!any)
        return fail (v, "does not match any of the allowed forms");
    }

  if ((options = kw_array (&kw, KW_ONE_OF)) != NULL)
    {
      guint matches = 0;

      for (guint i = 0; i < json_array_get_length (options); i++)
        matches += probe (v, json_array_get_element (options, i), instance, depth) ? 1 : 0;
      if (matches != 1)
        return fail (v, matches == 0 ? "does not match any of the allowed forms"
                                     : "matches more than one of the exclusive forms");
    }

  if ((node = kw_node (&kw, KW_NOT)) != NULL &&
      probe (v, node, instance, depth))
    return fail (v, "matches a form that is not allowed");

  if ((node = kw_node (&kw, KW_IF)) != NULL)
    {
      JsonNode *branch = probe (v, node, instance, depth) ? kw_node (&kw, KW_THEN)
                                                          : kw_node (&kw, KW_ELSE);

      if (branch != NULL && !validate_subschema (v, branch, instance, depth))
        return FALSE;
    }

  return TRUE;
}

/*
 * mcp_schema_validate:
 * @schema: a JSON Schema
 * @instance: the value to check
 * @what: what the value is, for messages ("argument", "structured content")
 * @error: return location for an %MCP_ERROR_INVALID_PARAMS error that names
 *   the offending member
 *
 * Returns: %TRUE if @instance is valid against @schema
 */
gboolean
mcp_schema_validate (JsonObject  *schema,
                     JsonNode    *instance,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Validator v = { schema, g_string_new (NULL), 0, what, error != NULL ? error : &local_error };
  gboolean ok;

  ok = validate (&v, schema, instance, 0);
  g_string_free (v.path, TRUE);

  return ok;
}

static gboolean
schema_allows (JsonObject *schema,
               const char *type_name)
{
  JsonNode *type = json_object_get_member (schema, "type");

  if (mcp_json_node_is_string (type))
    return strcmp (json_node_get_string (type), type_name) == 0;

  if (type != NULL && JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        if (mcp_json_node_is_string (json_array_get_element (types, i)) &&
            strcmp (json_array_get_string_element (types, i), type_name) == 0)
          return TRUE;
    }

  return FALSE;
}

static JsonNode *
coerce (JsonObject *schema,
        JsonNode   *instance,
        guint       depth)
{
  if (schema == NULL || depth > MAX_DEPTH)
    return NULL;

  if (mcp_json_node_is_string (instance))
    {
      const char *text = json_node_get_string (instance);
      gint64 integer;
      double number;
      char *end = NULL;

      if (schema_allows (schema, "string"))
        return NULL;

      if ((schema_allows (schema, "integer") || schema_allows (schema, "number")) &&
          g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL))
        return json_node_init_int (json_node_alloc (), integer);

      if (schema_allows (schema, "number") && text[0] != '\0' && !g_ascii_isspace (text[0]))
        {
          number = g_ascii_strtod (text, &end);
          if (end != NULL && *end == '\0' && isfinite (number))
            return json_node_init_double (json_node_alloc (), number);
        }

      if (schema_allows (schema, "boolean"))
        {
          if (g_ascii_strcasecmp (text, "true") == 0)
            return json_node_init_boolean (json_node_alloc (), TRUE);
          if (g_ascii_strcasecmp (text, "false") == 0)
            return json_node_init_boolean (json_node_alloc (), FALSE);
        }

      return NULL;
    }

  if (mcp_json_node_is_number (instance) && schema_allows (schema, "string") &&
      !schema_allows (schema, "number") && !schema_allows (schema, "integer"))
    {
      g_autofree char *text = mcp_json_to_string (instance, NULL);

      return json_node_init_string (json_node_alloc (), text);
    }

  if (JSON_NODE_HOLDS_ARRAY (instance))
    {
      JsonObject *items = mcp_json_get_object (schema, "items");
      JsonArray *array = json_node_get_array (instance);
      guint n = json_array_get_length (array);
      gboolean any = FALSE;
      JsonArray *copy;
      JsonNode *node;

      for (guint i = 0; items != NULL && i < n && !any; i++)
        {
          g_autoptr(JsonNode) converted = coerce (items, json_array_get_element (array, i),
                                                  depth + 1);
          any = converted != NULL;
        }

      if (!any)
        return NULL;

      copy = json_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonNode *converted = coerce (items, element, depth + 1);

          json_array_add_element (copy, converted != NULL ? converted : json_node_copy (element));
        }
      node = json_node_init_array (json_node_alloc (), copy);
      json_array_unref (copy);
      return node;
    }

  if (JSON_NODE_HOLDS_OBJECT (instance))
    {
      JsonObject *properties = mcp_json_get_object (schema, "properties");
      JsonObject *object = json_node_get_object (instance);
      JsonObject *copy = NULL;
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (properties == NULL)
        return NULL;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          JsonNode *converted = coerce (mcp_json_get_object (properties, name), member, depth + 1);

          if (converted == NULL)
            continue;
          if (copy == NULL)
            copy = mcp_json_object_copy (object);
          json_object_set_member (copy, name, converted);
        }

      if (copy == NULL)
        return NULL;
      return mcp_json_node_new_object_take (copy);
    }

  return NULL;
}

/*
 * mcp_schema_coerce:
 * @schema: a JSON Schema
 * @instance: a value meant for it
 *
 * The lenient conversion of tool arguments: strings holding a number or a
 * boolean where the schema wants one, and numbers where it wants a string,
 * are converted, in objects and arrays too. Everything else is left to the
 * validator.
 *
 * Returns: (nullable): a converted copy of @instance, or %NULL when nothing
 *   needed converting
 */
JsonNode *
mcp_schema_coerce (JsonObject *schema,
                   JsonNode   *instance)
{
  return coerce (schema, instance, 0);
}
