/* mcp-json.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"

/* json-glib 1.6 is a lenient parser (comments, single quotes, trailing
 * garbage after the first value, assignments) and recurses without a depth
 * limit. Every message from a peer therefore goes through this lexical
 * check first: it walks the text once, keeps track of strings and nesting,
 * and rejects what is not strict JSON at the level json-glib would let
 * through, and any nesting deeper than @max_depth, before json-glib sees a
 * single byte. */
static gboolean
mcp_json_precheck (const char  *data,
                   gsize        length,
                   guint        max_depth,
                   GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;   /* inside a bare top-level token */
  gboolean top_done = FALSE;    /* the top-level value has ended */
  guchar previous = 0;          /* the last structural character seen */
  gsize i;

  for (i = 0; i < length; i++)
    {
      guchar c = (guchar)data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                top_done = TRUE;
            }
          else if (c < 0x20)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: unescaped control character in a string at byte %"
                           G_GSIZE_FORMAT, i);
              return FALSE;
            }
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        {
          if (in_scalar)
            {
              in_scalar = FALSE;
              top_done = TRUE;
            }
          continue;
        }

      if (top_done)
        goto unexpected;

      switch (c)
        {
        case '"':
          if (in_scalar)
            goto unexpected;
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (in_scalar)
            goto unexpected;
          if (++depth > max_depth)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: JSON nesting deeper than %u levels", max_depth);
              return FALSE;
            }
          break;

        case '}':
        case ']':
          /* json-glib 1.6 words trailing commas oddly: catch them here */
          if (depth == 0 || previous == ',')
            goto unexpected;
          if (--depth == 0)
            top_done = TRUE;
          break;

        case ',':
          if (previous == ',' || previous == '{' || previous == '[')
            goto unexpected;
          break;

        case '\'':
        case '/':
        case '=':
        case ';':
        case '(':
        case ')':
          goto unexpected;

        default:
          if (c < 0x20)
            goto unexpected;
          if (depth == 0)
            in_scalar = TRUE;
          break;
        }

      previous = c;
    }

  if (in_string || depth != 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: unterminated JSON text");
      return FALSE;
    }

  return TRUE;

unexpected:
  g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
               "Parse error: unexpected character at byte %" G_GSIZE_FORMAT, i);
  return FALSE;
}

/*
 * mcp_json_parse:
 * @data: the JSON text, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: the deepest nesting accepted
 * @error: return location for an %MCP_ERROR_PARSE_ERROR
 *
 * Parses one complete JSON text strictly enough for a protocol peer: valid
 * UTF-8, no comments, no assignments, no trailing text, bounded nesting.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
mcp_json_parse (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!mcp_json_precheck (data, length, max_depth, error))
    return NULL;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: the message is not valid UTF-8");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize)length, &local_error))
    {
      const char *detail = strstr (local_error->message, "Parse error: ");

      /* json-glib says "<data>:1:7: Parse error: unexpected …" */
      g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR, "Parse error: %s",
                   detail != NULL ? detail + strlen ("Parse error: ") : local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || json_parser_has_assignment (parser, NULL))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: no JSON value in the message");
      return NULL;
    }

  return json_node_ref (root);
}

JsonObject *
mcp_json_parse_object (const char  *data,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  node = mcp_json_parse (data, strlen (data), 512, error);
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "Expected a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

JsonNode *
mcp_json_node_new_object (JsonObject *object)
{
  JsonNode *node = json_node_alloc ();

  return json_node_init_object (node, object);
}

JsonNode *
mcp_json_node_new_object_take (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *mcp_json_node_deep_copy (JsonNode *node);

static JsonObject *
mcp_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, mcp_json_node_deep_copy (member));

  return copy;
}

static JsonNode *
mcp_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, mcp_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *array_copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array_copy,
                                  mcp_json_node_deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      return json_node_copy (node);
    }
}

/* A deep, mutable copy (json_node_copy() only references containers). */
JsonObject *
mcp_json_object_copy (JsonObject *object)
{
  return mcp_json_object_deep_copy (object);
}

JsonNode *
mcp_json_node_copy (JsonNode *node)
{
  return mcp_json_node_deep_copy (node);
}

char *
mcp_json_to_string (JsonNode *node,
                    gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

char *
mcp_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = mcp_json_node_new_object (object);

  return mcp_json_to_string (node, NULL);
}

/* JSON-RPC ids in MCP are strings or integers, never null. */
gboolean
mcp_json_id_is_valid (JsonNode *id)
{
  return mcp_json_node_is_string (id) || mcp_json_node_is_integer (id);
}

/* A key for hash tables that keeps 1 and "1" apart. */
char *
mcp_json_id_to_key (JsonNode *id)
{
  if (mcp_json_node_is_integer (id))
    return g_strdup_printf ("i%" G_GINT64_FORMAT, json_node_get_int (id));
  if (mcp_json_node_is_string (id))
    return g_strconcat ("s", json_node_get_string (id), NULL);
  return NULL;
}

const char *
mcp_json_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_INT64:
          return "an integer";
        case G_TYPE_DOUBLE:
          return "a number";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a value";
        }
    default:
      return "a value";
    }
}
