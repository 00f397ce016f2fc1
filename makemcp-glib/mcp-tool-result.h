/* mcp-tool-result.h
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

#define MCP_TYPE_TOOL_RESULT (mcp_tool_result_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpToolResult, mcp_tool_result, MCP, TOOL_RESULT, GObject)

MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_result_new                    (void) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_result_new_text               (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_result_new_error              (const char    *message) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_result_new_structured         (JsonNode      *structured_content) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_text               (McpToolResult *self,
                                                       const char    *text);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_image              (McpToolResult *self,
                                                       GBytes        *data,
                                                       const char    *mime_type);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_audio              (McpToolResult *self,
                                                       GBytes        *data,
                                                       const char    *mime_type);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_resource_link      (McpToolResult *self,
                                                       const char    *uri,
                                                       const char    *name,
                                                       const char    *description,
                                                       const char    *mime_type);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_embedded_text      (McpToolResult *self,
                                                       const char    *uri,
                                                       const char    *mime_type,
                                                       const char    *text);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_embedded_blob      (McpToolResult *self,
                                                       const char    *uri,
                                                       const char    *mime_type,
                                                       GBytes        *blob);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_add_content            (McpToolResult *self,
                                                       JsonObject    *block);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_tool_result_get_content            (McpToolResult *self);
MCP_AVAILABLE_IN_ALL
JsonNode      *mcp_tool_result_get_structured_content (McpToolResult *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_set_structured_content (McpToolResult *self,
                                                       JsonNode      *structured_content);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_result_get_is_error           (McpToolResult *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_set_is_error           (McpToolResult *self,
                                                       gboolean       is_error);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_result_get_meta               (McpToolResult *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_result_set_meta               (McpToolResult *self,
                                                       JsonObject    *meta);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_result_to_json                (McpToolResult *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
