/* mcp-json-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Defensive accessors for JSON that comes from a peer. json-glib's own
 * json_object_get_*_member() emit CRITICALs on a missing or mistyped
 * member, so they are only used on JSON the library built itself. */

static inline JsonNode *
mcp_json_get_member (JsonObject *object,
                     const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

static inline gboolean
mcp_json_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static inline gboolean
mcp_json_node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static inline gboolean
mcp_json_node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static inline gboolean
mcp_json_node_is_boolean (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static inline const char *
mcp_json_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = mcp_json_get_member (object, member);

  return mcp_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

static inline JsonObject *
mcp_json_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node = mcp_json_get_member (object, member);

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

static inline JsonArray *
mcp_json_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node = mcp_json_get_member (object, member);

  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}

static inline gboolean
mcp_json_get_boolean (JsonObject *object,
                      const char *member,
                      gboolean    default_value)
{
  JsonNode *node = mcp_json_get_member (object, member);

  return mcp_json_node_is_boolean (node) ? json_node_get_boolean (node) : default_value;
}

static inline double
mcp_json_node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double)json_node_get_int (node);
  return json_node_get_double (node);
}

static inline void
mcp_json_object_set_string (JsonObject *object,
                            const char *member,
                            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

JsonNode   *mcp_json_node_new_object     (JsonObject  *object);
JsonNode   *mcp_json_node_new_object_take (JsonObject *object);
JsonObject *mcp_json_object_copy         (JsonObject  *object);
JsonNode   *mcp_json_node_copy           (JsonNode    *node);
JsonNode   *mcp_json_parse               (const char  *data,
                                          gsize        length,
                                          guint        max_depth,
                                          GError     **error);
typedef struct _McpJsonCache McpJsonCache;
McpJsonCache *mcp_json_cache_new         (void);
void        mcp_json_cache_free          (McpJsonCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpJsonCache, mcp_json_cache_free)
JsonNode   *mcp_json_parse_cached        (const char   *data,
                                          gsize         length,
                                          guint         max_depth,
                                          McpJsonCache *cache,
                                          GError      **error);
/* The members of an object as they were read, in order, without the
 * JsonObject: a GArray of McpJsonMember, refcounted, each member owned.
 * A name may come twice; the last value counts, as in a JsonObject. */
typedef struct
{
  char     *name;
  JsonNode *value;
} McpJsonMember;

GArray     *mcp_json_members_new         (void);
void        mcp_json_members_add         (GArray      *members,
                                          const char  *name,
                                          JsonNode    *value);
JsonNode   *mcp_json_members_lookup      (GArray      *members,
                                          const char  *name);
JsonObject *mcp_json_members_to_object   (GArray      *members);

/* A JSON-RPC message as mcp_json_parse_envelope() reads it: the members
 * the core reads, each owned and nullable, or the whole message in @root
 * when it is not an object. A `params` object is in @params_members (and
 * @params is NULL); a `params` that is not an object is in @params. */
typedef struct
{
  JsonNode  *root;
  gboolean   is_object;
  JsonNode  *jsonrpc;
  JsonNode  *id;
  JsonNode  *method;
  JsonNode  *params;
  GArray    *params_members;
  JsonNode  *result;
  JsonNode  *error;
  GPtrArray *others;   /* the other members' values, kept while parsing */
} McpJsonEnvelope;

gboolean    mcp_json_parse_envelope      (const char       *data,
                                          gsize             length,
                                          guint             max_depth,
                                          McpJsonCache     *cache,
                                          McpJsonEnvelope  *envelope,
                                          GError          **error);
void        mcp_json_envelope_init       (McpJsonEnvelope  *envelope,
                                          JsonNode         *message);
void        mcp_json_envelope_clear      (McpJsonEnvelope  *envelope);
JsonNode   *mcp_json_envelope_get_param  (const McpJsonEnvelope *envelope,
                                          const char       *name);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (McpJsonEnvelope, mcp_json_envelope_clear)
JsonObject *mcp_json_parse_object        (const char  *data,
                                          GError     **error);
void        mcp_json_append              (GString     *out,
                                          JsonNode    *node);
void        mcp_json_append_object       (GString     *out,
                                          JsonObject  *object);
void        mcp_json_append_array        (GString     *out,
                                          JsonArray   *array);
void        mcp_json_append_string       (GString     *out,
                                          const char  *string);
void        mcp_json_append_int          (GString     *out,
                                          gint64       value);
char       *mcp_json_to_string           (JsonNode    *node,
                                          gsize       *length);
char       *mcp_json_object_to_string    (JsonObject  *object);
gboolean    mcp_json_id_is_valid         (JsonNode    *id);
char       *mcp_json_id_to_key           (JsonNode    *id);
const char *mcp_json_type_name           (JsonNode    *node);

G_END_DECLS
