/* mcp-content.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"

JsonObject *
mcp_content_new_text (const char *text)
{
  JsonObject *block = json_object_new ();

  json_object_set_string_member (block, "type", "text");
  json_object_set_string_member (block, "text", text != NULL ? text : "");

  return block;
}

/* "image" or "audio" */
JsonObject *
mcp_content_new_binary (const char *type,
                        GBytes     *data,
                        const char *mime_type)
{
  JsonObject *block = json_object_new ();
  gsize size = 0;
  gconstpointer bytes = data != NULL ? g_bytes_get_data (data, &size) : NULL;
  g_autofree char *encoded = g_base64_encode (bytes, size);

  json_object_set_string_member (block, "type", type);
  json_object_set_string_member (block, "data", encoded);
  json_object_set_string_member (block, "mimeType", mime_type);

  return block;
}

JsonObject *
mcp_content_new_resource_link (const char *uri,
                               const char *name,
                               const char *description,
                               const char *mime_type)
{
  JsonObject *block = json_object_new ();

  json_object_set_string_member (block, "type", "resource_link");
  json_object_set_string_member (block, "uri", uri);
  json_object_set_string_member (block, "name", name != NULL ? name : uri);
  mcp_json_object_set_string (block, "description", description);
  mcp_json_object_set_string (block, "mimeType", mime_type);

  return block;
}

/* TextResourceContents or BlobResourceContents */
JsonObject *
mcp_content_new_resource_contents (const char *uri,
                                   const char *mime_type,
                                   const char *text,
                                   GBytes     *blob)
{
  JsonObject *contents = json_object_new ();

  json_object_set_string_member (contents, "uri", uri);
  mcp_json_object_set_string (contents, "mimeType", mime_type);
  if (blob != NULL)
    {
      gsize size = 0;
      gconstpointer bytes = g_bytes_get_data (blob, &size);
      g_autofree char *encoded = g_base64_encode (bytes, size);

      json_object_set_string_member (contents, "blob", encoded);
    }
  else
    json_object_set_string_member (contents, "text", text != NULL ? text : "");

  return contents;
}

JsonObject *
mcp_content_new_embedded (JsonObject *resource_contents)
{
  JsonObject *block = json_object_new ();

  json_object_set_string_member (block, "type", "resource");
  json_object_set_object_member (block, "resource", resource_contents);

  return block;
}

JsonObject *
mcp_icon_new (const char         *src,
              const char         *mime_type,
              const char * const *sizes,
              const char         *theme)
{
  JsonObject *icon = json_object_new ();

  json_object_set_string_member (icon, "src", src);
  mcp_json_object_set_string (icon, "mimeType", mime_type);
  if (sizes != NULL && sizes[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; sizes[i] != NULL; i++)
        json_array_add_string_element (array, sizes[i]);
      json_object_set_array_member (icon, "sizes", array);
    }
  mcp_json_object_set_string (icon, "theme", theme);

  return icon;
}

/* The members every listed object (tool, prompt, resource, template) may
 * carry, written when the revision @version knows them. */
void
mcp_metadata_write (JsonObject *object,
                    const char *version,
                    JsonArray  *icons,
                    JsonObject *meta)
{
  if (icons != NULL && mcp_protocol_version_at_least (version, MCP_SINCE_ICONS))
    json_object_set_array_member (object, "icons", json_array_ref (icons));
  if (meta != NULL && mcp_protocol_version_at_least (version, MCP_SINCE_TITLE))
    json_object_set_object_member (object, "_meta", json_object_ref (meta));
}

/* A content block a legacy revision does not know, turned into a text
 * block that says the same so that an older client still sees the answer.
 * Returns a new block, or %NULL when @block needs no change. */
JsonObject *
mcp_content_block_for_version (JsonObject *block,
                               const char *version)
{
  const char *type = mcp_json_get_string (block, "type");

  if (g_strcmp0 (type, "resource_link") == 0 &&
      !mcp_protocol_version_at_least (version, MCP_SINCE_RESOURCE_LINK))
    {
      g_autofree char *text = g_strdup_printf ("Resource: %s", mcp_json_get_string (block, "uri"));
      return mcp_content_new_text (text);
    }

  if (g_strcmp0 (type, "audio") == 0 && !mcp_protocol_version_at_least (version, MCP_SINCE_AUDIO))
    {
      g_autofree char *text = g_strdup_printf ("[audio content of type %s]",
                                               mcp_json_get_string (block, "mimeType"));
      return mcp_content_new_text (text);
    }

  return NULL;
}

/* @content with every block shaped for @version: a new array, or %NULL
 * when nothing needs to change. */
JsonArray *
mcp_content_array_for_version (JsonArray  *content,
                               const char *version)
{
  guint n = json_array_get_length (content);
  JsonArray *shaped = NULL;

  if (mcp_protocol_version_at_least (version, MCP_SINCE_RESOURCE_LINK))
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *replacement = mcp_content_block_for_version (json_array_get_object_element (content, i),
                                                               version);

      if (replacement != NULL && shaped == NULL)
        {
          shaped = json_array_sized_new (n);
          for (guint j = 0; j < i; j++)
            json_array_add_element (shaped, json_node_copy (json_array_get_element (content, j)));
        }

      if (shaped != NULL)
        {
          if (replacement != NULL)
            json_array_add_object_element (shaped, replacement);
          else
            json_array_add_element (shaped, json_node_copy (json_array_get_element (content, i)));
        }
    }

  return shaped;
}
