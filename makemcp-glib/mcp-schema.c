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

/* Where the check is in the instance: a chain of segments on the stack,
 * each pointing to its parent. The text of the path is only needed for a
 * message, so it is only built when a check fails. */
typedef struct _PathSegment PathSegment;

struct _PathSegment
{
  const PathSegment *parent;
  const char        *name;    /* a member name, or NULL for an array index */
  guint              index;
  gboolean           empty;   /* whether the path up to here reads "" */
};

typedef struct
{
  JsonObject        *root;
  GHashTable        *compiled;   /* schema object → Keywords, or NULL */
  const PathSegment *path;       /* NULL at the top */
  guint              steps;
  const char        *what;
  GError           **error;      /* NULL when only the outcome counts */
} Validator;

static gboolean validate (Validator  *v,
                          JsonObject *schema,
                          JsonNode   *instance,
                          guint       depth);

/* The keywords the validator knows. A schema object is read into a
 * Keywords table, rather than probed for each of these names (a hash
 * lookup each): schemas hold a few of them. A compiled schema (see
 * mcp_schema_compile()) keeps the tables of all its objects, so that a
 * tool, which checks its arguments on every call, reads its schema once. */
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

/* The JSON types, as bits: what "type" allows, and what an instance is
 * (an integer is a number too, and so is a number with no fractional
 * part an integer). */
enum
{
  TYPE_NULL    = 1 << 0,
  TYPE_BOOLEAN = 1 << 1,
  TYPE_OBJECT  = 1 << 2,
  TYPE_ARRAY   = 1 << 3,
  TYPE_NUMBER  = 1 << 4,
  TYPE_INTEGER = 1 << 5,
  TYPE_STRING  = 1 << 6,
};

typedef struct _Keywords Keywords;

/* A member of "properties", in a compiled schema. */
typedef struct
{
  char           *name;
  JsonNode       *schema;
  const Keywords *kw;       /* the table of @schema, NULL if none was compiled */
} Property;

struct _Keywords
{
  JsonNode       *nodes[N_KEYWORDS];
  guint           types;        /* the TYPE_ bits the names in "type" allow */

  /* The rest is only filled in by compile_object(), when compiled is set:
   * what would otherwise be looked up on every check. A compiled schema
   * holds references to, or copies of, what it points to. */
  gboolean        compiled;
  gboolean        only_type;    /* no keyword but "type", a string or an array, if any */
  JsonObject     *ref_target;   /* where "$ref" leads, NULL for nowhere */
  const Keywords *ref_kw;
  Property       *properties;   /* sorted by name */
  guint           n_properties;
  char          **required;     /* the strings of "required", in order */
  const Keywords *items_kw;
  const Keywords *additional_kw;
};

/* The TYPE_ bit of a type name, 0 for a name that is no type. */
static guint
type_bit (const char *name)
{
  static const struct {
    const char *name;
    guint bit;
  } types[] = {
    { "object", TYPE_OBJECT }, { "array", TYPE_ARRAY }, { "string", TYPE_STRING },
    { "integer", TYPE_INTEGER }, { "number", TYPE_NUMBER }, { "boolean", TYPE_BOOLEAN },
    { "null", TYPE_NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (name, types[i].name) == 0)
      return types[i].bit;
  return 0;
}

/* The TYPE_ bits that describe @instance. */
static guint
instance_types (JsonNode *instance)
{
  switch (JSON_NODE_TYPE (instance))
    {
    case JSON_NODE_OBJECT:
      return TYPE_OBJECT;
    case JSON_NODE_ARRAY:
      return TYPE_ARRAY;
    case JSON_NODE_NULL:
      return TYPE_NULL;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (instance))
        {
        case G_TYPE_STRING:
          return TYPE_STRING;
        case G_TYPE_BOOLEAN:
          return TYPE_BOOLEAN;
        case G_TYPE_INT64:
          return TYPE_INTEGER | TYPE_NUMBER;
        case G_TYPE_DOUBLE:
          {
            double d = json_node_get_double (instance);

            /* 2020-12: a number with a zero fractional part is an integer */
            return TYPE_NUMBER | (isfinite (d) && d == floor (d) ? TYPE_INTEGER : 0);
          }
        default:
          return 0;
        }
    default:
      return 0;
    }
}

static void
read_keywords (JsonObject *schema,
               Keywords   *kw)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonNode *type;

  memset (kw, 0, sizeof *kw);
  json_object_iter_init (&iter, schema);
  while (json_object_iter_next (&iter, &name, &node))
    for (guint i = 0; i < N_KEYWORDS; i++)
      if (keyword_names[i][0] == name[0] && strcmp (keyword_names[i], name) == 0)
        {
          kw->nodes[i] = node;
          break;
        }

  type = kw->nodes[KW_TYPE];
  if (mcp_json_node_is_string (type))
    kw->types = type_bit (json_node_get_string (type));
  else if (type != NULL && JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *element = json_array_get_element (types, i);

          if (mcp_json_node_is_string (element))
            kw->types |= type_bit (json_node_get_string (element));
        }
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

static inline gboolean
path_is_empty (const PathSegment *path)
{
  return path == NULL || path->empty;
}

/* Writes @path as the message shows it: members joined by ".", indexes in
 * brackets ("list[2].name"). */
static void
append_path (GString           *text,
             const PathSegment *path)
{
  if (path == NULL)
    return;

  append_path (text, path->parent);
  if (path->name != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '.');
      g_string_append (text, path->name);
    }
  else
    g_string_append_printf (text, "[%u]", path->index);
}

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

  if (!path_is_empty (v->path))
    {
      g_autoptr(GString) path = g_string_new (NULL);

      append_path (path, v->path);
      g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                   "Invalid %s “%s”: %s", v->what, path->str, detail);
    }
  else
    g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                 "Invalid %s: %s", v->what, detail);
  return FALSE;
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
resolve_ref (JsonObject *root,
             const char *ref)
{
  g_auto(GStrv) parts = NULL;
  JsonObject *object = root;

  if (strcmp (ref, "#") == 0)
    return root;
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

static gboolean validate_keywords (Validator      *v,
                                   const Keywords *kw,
                                   JsonNode       *instance,
                                   guint           depth);

/* validate_subschema() for a subschema whose table @kw (if not NULL) the
 * compiled schema holds. A subschema that only gives a type, as those of
 * most properties do, is checked here; a full check of it would come to
 * the same, the step counted included. */
static inline gboolean
validate_compiled_subschema (Validator      *v,
                             JsonNode       *schema,
                             const Keywords *kw,
                             JsonNode       *instance,
                             guint           depth)
{
  if (kw == NULL)
    return validate_subschema (v, schema, instance, depth);

  if (kw->only_type && depth + 1 <= MAX_DEPTH && v->steps < MAX_STEPS &&
      (kw->nodes[KW_TYPE] == NULL || (kw->types & instance_types (instance)) != 0))
    {
      v->steps++;
      return TRUE;
    }

  return validate_keywords (v, kw, instance, depth + 1);
}

/* Runs @schema against @instance without reporting, for anyOf/oneOf/not:
 * with no error to set, no message is built. */
static gboolean
probe (Validator *v,
       JsonNode  *schema,
       JsonNode  *instance,
       guint      depth)
{
  Validator probe_v = *v;
  gboolean ok;

  probe_v.error = NULL;
  ok = validate_subschema (&probe_v, schema, instance, depth);
  v->steps = probe_v.steps;
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
missing_member (Validator  *v,
                gboolean    at_top,
                const char *name)
{
  if (at_top)
    {
      g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                   "Missing required %s “%s”", v->what, name);
      return FALSE;
    }
  return fail (v, "missing required member “%s”", name);
}

static int
compare_property (const void *key,
                  const void *element)
{
  return strcmp (key, ((const Property *)element)->name);
}

static inline const Property *
find_property (const Keywords *kw,
               const char     *name)
{
  if (kw->n_properties == 0)
    return NULL;
  return bsearch (name, kw->properties, kw->n_properties, sizeof (Property), compare_property);
}

static gboolean
validate_object (Validator      *v,
                 const Keywords *kw,
                 JsonObject     *object,
                 guint           depth)
{
  /* a compiled schema has its own tables of these two */
  JsonObject *properties = kw->compiled ? NULL : kw_object (kw, KW_PROPERTIES);
  JsonArray *required = kw->compiled ? NULL : kw_array (kw, KW_REQUIRED);
  JsonNode *additional = kw_node (kw, KW_ADDITIONAL_PROPERTIES);
  JsonObject *pattern_properties = kw_object (kw, KW_PATTERN_PROPERTIES);
  gint64 bound;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  const PathSegment *parent = v->path;
  gboolean at_top = path_is_empty (parent);

  if (kw->compiled)
    {
      for (char **name_p = kw->required; name_p != NULL && *name_p != NULL; name_p++)
        if (!json_object_has_member (object, *name_p))
          return missing_member (v, at_top, *name_p);
    }
  else if (required != NULL)
    {
      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          JsonNode *element = json_array_get_element (required, i);

          if (mcp_json_node_is_string (element) &&
              !json_object_has_member (object, json_node_get_string (element)))
            return missing_member (v, at_top, json_node_get_string (element));
        }
    }

  if (kw_integer (kw, KW_MIN_PROPERTIES, &bound) && json_object_get_size (object) < bound)
    return fail (v, "must have at least %" G_GINT64_FORMAT " members", bound);
  if (kw_integer (kw, KW_MAX_PROPERTIES, &bound) && json_object_get_size (object) > bound)
    return fail (v, "must have at most %" G_GINT64_FORMAT " members", bound);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      JsonNode *property_schema = NULL;
      const Keywords *property_kw = NULL;
      gboolean matched;
      gboolean ok = TRUE;
      PathSegment segment = { parent, name, 0, at_top && name[0] == '\0' };

      if (kw->compiled)
        {
          const Property *property = find_property (kw, name);

          if (property != NULL)
            {
              property_schema = property->schema;
              property_kw = property->kw;
            }
        }
      else
        property_schema = mcp_json_get_member (properties, name);
      matched = property_schema != NULL;

      v->path = &segment;

      if (property_schema != NULL)
        ok = validate_compiled_subschema (v, property_schema, property_kw, member, depth);

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
              v->path = parent;
              if (at_top)
                {
                  g_set_error (v->error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Unexpected %s “%s”", v->what, name);
                  return FALSE;
                }
              return fail (v, "unexpected member “%s”", name);
            }
          ok = validate_compiled_subschema (v, additional, kw->additional_kw, member, depth);
        }

      v->path = parent;
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
  const PathSegment *parent = v->path;

  if (kw_integer (kw, KW_MIN_ITEMS, &bound) && n < bound)
    return fail (v, "must have at least %" G_GINT64_FORMAT " items", bound);
  if (kw_integer (kw, KW_MAX_ITEMS, &bound) && n > bound)
    return fail (v, "must have at most %" G_GINT64_FORMAT " items", bound);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *element_schema = i < n_prefix ? json_array_get_element (prefix, i) : items;
      PathSegment segment = { parent, NULL, i, FALSE };
      gboolean ok;

      if (element_schema == NULL)
        continue;

      v->path = &segment;
      ok = validate_compiled_subschema (v, element_schema, i < n_prefix ? NULL : kw->items_kw,
                                        element, depth);
      v->path = parent;
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
validate_keywords (Validator      *v,
                   const Keywords *kw,
                   JsonNode       *instance,
                   guint           depth)
{
  JsonNode *type;
  JsonArray *options;
  JsonNode *node;
  const char *ref;
  guint types;

  if (depth > MAX_DEPTH || ++v->steps > MAX_STEPS)
    return fail (v, "the schema is too deep or too large to check");

  type = kw_node (kw, KW_TYPE);
  types = instance_types (instance);

  if ((ref = kw_string (kw, KW_REF)) != NULL)
    {
      JsonObject *target = kw->compiled ? kw->ref_target : resolve_ref (v->root, ref);
      gboolean ok;

      if (target == NULL)
        return fail (v, "the schema refers to “%s”, which cannot be resolved", ref);
      if (kw->ref_kw != NULL)
        ok = validate_keywords (v, kw->ref_kw, instance, depth + 1);
      else
        ok = validate (v, target, instance, depth + 1);
      if (!ok)
        return FALSE;
    }

  /* A "type" that is neither a string nor an array allows everything. */
  if (type != NULL && (kw->types & types) == 0)
    {
      if (mcp_json_node_is_string (type))
        {
          const char *name = json_node_get_string (type);

          return fail (v, "expected %s %s, got %s", article (name), name,
                       mcp_json_type_name (instance));
        }
      else if (JSON_NODE_HOLDS_ARRAY (type))
        {
          JsonArray *type_names = json_node_get_array (type);
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (type_names); i++)
            {
              JsonNode *element = json_array_get_element (type_names, i);

              if (!mcp_json_node_is_string (element))
                continue;
              if (names->len > 0)
                g_string_append (names, " or ");
              g_string_append (names, json_node_get_string (element));
            }
          return fail (v, "expected %s, got %s", names->str, mcp_json_type_name (instance));
        }
    }

  if ((node = kw_node (kw, KW_CONST)) != NULL && !json_equal (node, instance))
    {
      g_autofree char *text = mcp_json_to_string (node, NULL);
      return fail (v, "must be %s", text);
    }

  if ((options = kw_array (kw, KW_ENUM)) != NULL)
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

  if (types & TYPE_OBJECT)
    {
      if (!validate_object (v, kw, json_node_get_object (instance), depth))
        return FALSE;
    }
  else if (types & TYPE_ARRAY)
    {
      if (!validate_array (v, kw, json_node_get_array (instance), depth))
        return FALSE;
    }
  else if (types & TYPE_NUMBER)
    {
      if (!validate_number (v, kw, mcp_json_node_get_number (instance)))
        return FALSE;
    }
  else if (types & TYPE_STRING)
    {
      if (!validate_string (v, kw, json_node_get_string (instance)))
        return FALSE;
    }

  if ((options = kw_array (kw, KW_ALL_OF)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (options); i++)
        if (!validate_subschema (v, json_array_get_element (options, i), instance, depth))
          return FALSE;
    }

  if ((options = kw_array (kw, KW_ANY_OF)) != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < json_array_get_length (options) && !any; i++)
        any = probe (v, json_array_get_element (options, i), instance, depth);
      if (!any)
        return fail (v, "does not match any of the allowed forms");
    }

  if ((options = kw_array (kw, KW_ONE_OF)) != NULL)
    {
      guint matches = 0;

      for (guint i = 0; i < json_array_get_length (options); i++)
        matches += probe (v, json_array_get_element (options, i), instance, depth) ? 1 : 0;
      if (matches != 1)
        return fail (v, matches == 0 ? "does not match any of the allowed forms"
                                     : "matches more than one of the exclusive forms");
    }

  if ((node = kw_node (kw, KW_NOT)) != NULL &&
      probe (v, node, instance, depth))
    return fail (v, "matches a form that is not allowed");

  if ((node = kw_node (kw, KW_IF)) != NULL)
    {
      JsonNode *branch = probe (v, node, instance, depth) ? kw_node (kw, KW_THEN)
                                                          : kw_node (kw, KW_ELSE);

      if (branch != NULL && !validate_subschema (v, branch, instance, depth))
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate (Validator  *v,
          JsonObject *schema,
          JsonNode   *instance,
          guint       depth)
{
  Keywords local;
  const Keywords *kw = NULL;

  if (v->compiled != NULL)
    kw = g_hash_table_lookup (v->compiled, schema);
  if (kw == NULL)
    {
      read_keywords (schema, &local);
      kw = &local;
    }

  return validate_keywords (v, kw, instance, depth);
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
  Validator v = { schema, NULL, NULL, 0, what, error };

  return validate (&v, schema, instance, 0);
}

/* A schema with the Keywords tables of its objects read in advance: those
 * reachable from the root through the keywords that hold subschemas and
 * through "$ref", which is resolved here too. An object the validator
 * meets that is not in the table (past the bounds below) is read as it
 * is met. The tables hold references to the nodes they point to. */
struct _McpCompiledSchema
{
  JsonObject     *root;
  GHashTable     *keywords;   /* JsonObject → Keywords */
  const Keywords *root_kw;
};

/* Bounds the work and memory of compiling a hostile schema. */
#define MAX_COMPILED 4096

static void
keywords_free (gpointer data)
{
  Keywords *kw = data;

  for (guint i = 0; i < N_KEYWORDS; i++)
    g_clear_pointer (&kw->nodes[i], json_node_unref);
  g_clear_pointer (&kw->ref_target, json_object_unref);
  for (guint i = 0; i < kw->n_properties; i++)
    {
      g_free (kw->properties[i].name);
      json_node_unref (kw->properties[i].schema);
    }
  g_free (kw->properties);
  g_strfreev (kw->required);
  g_free (kw);
}

static void compile_object (McpCompiledSchema *self,
                            JsonObject        *schema,
                            guint              depth);

/* Compiles @node if it is a schema object, and returns its table. */
static const Keywords *
compile_node (McpCompiledSchema *self,
              JsonNode          *node,
              guint              depth)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  compile_object (self, object, depth);
  return g_hash_table_lookup (self->keywords, object);
}

static int
sort_properties (const void *a,
                 const void *b)
{
  return strcmp (((const Property *)a)->name, ((const Property *)b)->name);
}

static void
compile_properties (McpCompiledSchema *self,
                    Keywords          *kw,
                    JsonObject        *properties,
                    guint              depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint i = 0;

  if (properties == NULL || json_object_get_size (properties) == 0)
    return;

  kw->n_properties = json_object_get_size (properties);
  kw->properties = g_new0 (Property, kw->n_properties);
  json_object_iter_init (&iter, properties);
  while (json_object_iter_next (&iter, &name, &member))
    {
      kw->properties[i].name = g_strdup (name);
      kw->properties[i].schema = json_node_ref (member);
      kw->properties[i].kw = compile_node (self, member, depth);
      i++;
    }
  qsort (kw->properties, kw->n_properties, sizeof (Property), sort_properties);
}

static void
compile_members (McpCompiledSchema *self,
                 JsonObject        *object,
                 guint              depth)
{
  JsonObjectIter iter;
  JsonNode *member;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, NULL, &member))
    compile_node (self, member, depth);
}

static void
compile_elements (McpCompiledSchema *self,
                  JsonArray         *array,
                  guint              depth)
{
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    compile_node (self, json_array_get_element (array, i), depth);
}

static void
compile_object (McpCompiledSchema *self,
                JsonObject        *schema,
                guint              depth)
{
  static const Keyword subschemas[] = { KW_NOT, KW_IF, KW_THEN, KW_ELSE };
  static const Keyword subschema_arrays[] = {
    KW_PREFIX_ITEMS, KW_ALL_OF, KW_ANY_OF, KW_ONE_OF,
  };
  Keywords *kw;
  JsonNode *type;
  JsonArray *required;
  const char *ref;

  if (depth > MAX_DEPTH || g_hash_table_size (self->keywords) >= MAX_COMPILED ||
      g_hash_table_contains (self->keywords, schema))
    return;

  kw = g_new (Keywords, 1);
  read_keywords (schema, kw);
  kw->compiled = TRUE;
  type = kw->nodes[KW_TYPE];
  kw->only_type = type == NULL || mcp_json_node_is_string (type) || JSON_NODE_HOLDS_ARRAY (type);
  for (guint i = 0; i < N_KEYWORDS; i++)
    if (kw->nodes[i] != NULL)
      {
        json_node_ref (kw->nodes[i]);
        if (i != KW_TYPE)
          kw->only_type = FALSE;
      }
  /* In the table before its subschemas, which may lead back to it. */
  g_hash_table_insert (self->keywords, json_object_ref (schema), kw);

  if ((ref = kw_string (kw, KW_REF)) != NULL)
    {
      kw->ref_target = resolve_ref (self->root, ref);
      if (kw->ref_target != NULL)
        {
          json_object_ref (kw->ref_target);
          compile_object (self, kw->ref_target, depth + 1);
          kw->ref_kw = g_hash_table_lookup (self->keywords, kw->ref_target);
        }
    }

  if ((required = kw_array (kw, KW_REQUIRED)) != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          JsonNode *element = json_array_get_element (required, i);

          if (mcp_json_node_is_string (element))
            g_strv_builder_add (builder, json_node_get_string (element));
        }
      kw->required = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }

  compile_properties (self, kw, kw_object (kw, KW_PROPERTIES), depth + 1);
  compile_members (self, kw_object (kw, KW_PATTERN_PROPERTIES), depth + 1);
  kw->additional_kw = compile_node (self, kw_node (kw, KW_ADDITIONAL_PROPERTIES), depth + 1);
  kw->items_kw = compile_node (self, kw_node (kw, KW_ITEMS), depth + 1);
  for (guint i = 0; i < G_N_ELEMENTS (subschemas); i++)
    compile_node (self, kw_node (kw, subschemas[i]), depth + 1);
  for (guint i = 0; i < G_N_ELEMENTS (subschema_arrays); i++)
    compile_elements (self, kw_array (kw, subschema_arrays[i]), depth + 1);
}

/*
 * mcp_schema_compile:
 * @schema: a JSON Schema
 *
 * Reads @schema once for many checks with mcp_compiled_schema_validate(),
 * which decides and reports exactly as mcp_schema_validate() does. The
 * schema is not to be changed in place afterwards: the compiled schema
 * would go on checking against what it was.
 *
 * Returns: (transfer full): the compiled schema
 */
McpCompiledSchema *
mcp_schema_compile (JsonObject *schema)
{
  McpCompiledSchema *self = g_new0 (McpCompiledSchema, 1);

  self->root = json_object_ref (schema);
  self->keywords = g_hash_table_new_full (NULL, NULL, (GDestroyNotify)json_object_unref,
                                          keywords_free);
  compile_object (self, schema, 0);
  self->root_kw = g_hash_table_lookup (self->keywords, schema);

  return self;
}

void
mcp_compiled_schema_free (McpCompiledSchema *self)
{
  g_hash_table_unref (self->keywords);
  json_object_unref (self->root);
  g_free (self);
}

/*
 * mcp_compiled_schema_validate:
 * @self: a compiled schema
 * @instance: the value to check
 * @what: what the value is, for messages
 * @error: return location for an %MCP_ERROR_INVALID_PARAMS error
 *
 * mcp_schema_validate() with the schema @self was compiled from.
 *
 * Returns: %TRUE if @instance is valid against the schema
 */
gboolean
mcp_compiled_schema_validate (McpCompiledSchema  *self,
                              JsonNode           *instance,
                              const char         *what,
                              GError            **error)
{
  Validator v = { self->root, self->keywords, NULL, 0, what, error };

  return validate_keywords (&v, self->root_kw, instance, 0);
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
