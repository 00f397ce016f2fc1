/* mcp-resource-contents.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-resource-contents.h"

/**
 * McpResourceContents:
 *
 * What reading a resource produced: one or more text or binary items, each
 * with its URI and MIME type (the `contents` of a `resources/read` result).
 *
 * ```c
 * return mcp_resource_contents_new_text (uri, "application/json", "{\"ok\":true}");
 * ```
 */

struct _McpResourceContents
{
  GObject    parent_instance;

  JsonArray *items;
};

G_DEFINE_FINAL_TYPE (McpResourceContents, mcp_resource_contents, G_TYPE_OBJECT)

static void
mcp_resource_contents_finalize (GObject *object)
{
  McpResourceContents *self = (McpResourceContents *)object;

  g_clear_pointer (&self->items, json_array_unref);

  G_OBJECT_CLASS (mcp_resource_contents_parent_class)->finalize (object);
}

static void
mcp_resource_contents_class_init (McpResourceContentsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_resource_contents_finalize;
}

static void
mcp_resource_contents_init (McpResourceContents *self)
{
  self->items = json_array_new ();
}

/**
 * mcp_resource_contents_new:
 *
 * Creates empty contents, to be filled with items.
 *
 * Returns: (transfer full): a new #McpResourceContents
 */
McpResourceContents *
mcp_resource_contents_new (void)
{
  return g_object_new (MCP_TYPE_RESOURCE_CONTENTS, NULL);
}

/**
 * mcp_resource_contents_new_text:
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @text: its text
 *
 * Creates contents made of one text item.
 *
 * Returns: (transfer full): a new #McpResourceContents
 */
McpResourceContents *
mcp_resource_contents_new_text (const char *uri,
                                const char *mime_type,
                                const char *text)
{
  McpResourceContents *self = mcp_resource_contents_new ();

  mcp_resource_contents_add_text (self, uri, mime_type, text);
  return self;
}

/**
 * mcp_resource_contents_new_blob:
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @blob: its bytes
 *
 * Creates contents made of one binary item, sent base64-encoded.
 *
 * Returns: (transfer full): a new #McpResourceContents
 */
McpResourceContents *
mcp_resource_contents_new_blob (const char *uri,
                                const char *mime_type,
                                GBytes     *blob)
{
  McpResourceContents *self = mcp_resource_contents_new ();

  mcp_resource_contents_add_blob (self, uri, mime_type, blob);
  return self;
}

/**
 * mcp_resource_contents_add_text:
 * @self: a #McpResourceContents
 * @uri: the URI of the item
 * @mime_type: (nullable): its MIME type
 * @text: its text
 *
 * Appends a text item (`TextResourceContents`).
 */
void
mcp_resource_contents_add_text (McpResourceContents *self,
                                const char          *uri,
                                const char          *mime_type,
                                const char          *text)
{
  g_return_if_fail (MCP_IS_RESOURCE_CONTENTS (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (text != NULL);

  json_array_add_object_element (self->items, mcp_content_new_resource_contents (uri, mime_type, text, NULL));
}

/**
 * mcp_resource_contents_add_blob:
 * @self: a #McpResourceContents
 * @uri: the URI of the item
 * @mime_type: (nullable): its MIME type
 * @blob: its bytes
 *
 * Appends a binary item (`BlobResourceContents`), sent base64-encoded.
 */
void
mcp_resource_contents_add_blob (McpResourceContents *self,
                                const char          *uri,
                                const char          *mime_type,
                                GBytes              *blob)
{
  g_return_if_fail (MCP_IS_RESOURCE_CONTENTS (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (blob != NULL);

  json_array_add_object_element (self->items, mcp_content_new_resource_contents (uri, mime_type, NULL, blob));
}

/**
 * mcp_resource_contents_add:
 * @self: a #McpResourceContents
 * @contents: a `TextResourceContents` or `BlobResourceContents` object
 *
 * Appends an item built by hand, for instance one with `_meta`.
 */
void
mcp_resource_contents_add (McpResourceContents *self,
                           JsonObject          *contents)
{
  g_return_if_fail (MCP_IS_RESOURCE_CONTENTS (self));
  g_return_if_fail (contents != NULL);

  json_array_add_object_element (self->items, json_object_ref (contents));
}

/**
 * mcp_resource_contents_get_items:
 * @self: a #McpResourceContents
 *
 * Gets the items.
 *
 * Returns: (transfer none): the items
 */
JsonArray *
mcp_resource_contents_get_items (McpResourceContents *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_CONTENTS (self), NULL);

  return self->items;
}

/**
 * mcp_resource_contents_to_json:
 * @self: a #McpResourceContents
 *
 * Serializes the contents as a `ReadResourceResult` object, without the
 * fields the server adds for the request's protocol era.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_resource_contents_to_json (McpResourceContents *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_RESOURCE_CONTENTS (self), NULL);

  object = json_object_new ();
  json_object_set_array_member (object, "contents", json_array_ref (self->items));
  return object;
}
