/* mcp-tool-invocation.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-tool.h>
#include <makemcp-glib/mcp-tool-result.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_TOOL_INVOCATION (mcp_tool_invocation_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpToolInvocation, mcp_tool_invocation, MCP, TOOL_INVOCATION, GObject)

MCP_AVAILABLE_IN_ALL
McpTool           *mcp_tool_invocation_get_tool        (McpToolInvocation *self);
MCP_AVAILABLE_IN_ALL
McpRequestContext *mcp_tool_invocation_get_context     (McpToolInvocation *self);
MCP_AVAILABLE_IN_ALL
JsonObject        *mcp_tool_invocation_get_arguments   (McpToolInvocation *self);
MCP_AVAILABLE_IN_ALL
GCancellable      *mcp_tool_invocation_get_cancellable (McpToolInvocation *self);
MCP_AVAILABLE_IN_ALL
void               mcp_tool_invocation_return_result   (McpToolInvocation *self,
                                                        McpToolResult     *result);
MCP_AVAILABLE_IN_ALL
void               mcp_tool_invocation_return_text     (McpToolInvocation *self,
                                                        const char        *text);
MCP_AVAILABLE_IN_ALL
void               mcp_tool_invocation_return_error_message
                                                       (McpToolInvocation *self,
                                                        const char        *message);
MCP_AVAILABLE_IN_ALL
void               mcp_tool_invocation_return_gerror   (McpToolInvocation *self,
                                                        const GError      *error);
MCP_AVAILABLE_IN_ALL
void               mcp_tool_invocation_take_error      (McpToolInvocation *self,
                                                        GError            *error);

G_END_DECLS
