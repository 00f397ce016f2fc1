/* mcp-resource-contents.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_RESOURCE_CONTENTS (mcp_resource_contents_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpResourceContents, mcp_resource_contents, MCP, RESOURCE_CONTENTS, GObject)

MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_resource_contents_new       (void) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_resource_contents_new_text  (const char          *uri,
                                                      const char          *mime_type,
                                                      const char          *text) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_resource_contents_new_blob  (const char          *uri,
                                                      const char          *mime_type,
                                                      GBytes              *blob) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_contents_add_text  (McpResourceContents *self,
                                                      const char          *uri,
                                                      const char          *mime_type,
                                                      const char          *text);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_contents_add_blob  (McpResourceContents *self,
                                                      const char          *uri,
                                                      const char          *mime_type,
                                                      GBytes              *blob);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_contents_add       (McpResourceContents *self,
                                                      JsonObject          *contents);
MCP_AVAILABLE_IN_ALL
JsonArray           *mcp_resource_contents_get_items (McpResourceContents *self);
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_contents_to_json   (McpResourceContents *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
