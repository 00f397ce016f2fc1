/* mcp-tool-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-tool.h"
#include "mcp-tool-invocation.h"

G_BEGIN_DECLS

McpToolInvocation *mcp_tool_invocation_new (McpTool           *tool,
                                            McpRequestContext *context,
                                            JsonObject        *arguments,
                                            GTask             *task);
gboolean           mcp_tool_call_inline     (McpTool            *self,
                                            McpRequestContext  *context,
                                            JsonObject         *arguments,
                                            McpToolResult     **result,
                                            GError            **error);
JsonObject        *mcp_tool_to_json_for_version (McpTool    *self,
                                                 const char *version);
void               mcp_tool_set_lenient     (McpTool            *self,
                                             gboolean            lenient);
JsonNode          *mcp_tool_check_arguments (McpTool            *self,
                                             JsonNode           *arguments,
                                             GError            **error);
gboolean           mcp_tool_check_structured_content (McpTool            *self,
                                                      JsonNode           *structured,
                                                      GError            **error);

G_END_DECLS
