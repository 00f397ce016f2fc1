/* mcp-prompt-result.h
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

#include <makemcp-glib/mcp-protocol.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_PROMPT_RESULT (mcp_prompt_result_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpPromptResult, mcp_prompt_result, MCP, PROMPT_RESULT, GObject)

MCP_AVAILABLE_IN_ALL
McpPromptResult *mcp_prompt_result_new                (const char      *description) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_text           (McpPromptResult *self,
                                                       McpRole          role,
                                                       const char      *text);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_image          (McpPromptResult *self,
                                                       McpRole          role,
                                                       GBytes          *data,
                                                       const char      *mime_type);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_audio          (McpPromptResult *self,
                                                       McpRole          role,
                                                       GBytes          *data,
                                                       const char      *mime_type);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_resource_link  (McpPromptResult *self,
                                                       McpRole          role,
                                                       const char      *uri,
                                                       const char      *name,
                                                       const char      *description,
                                                       const char      *mime_type);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_embedded_text  (McpPromptResult *self,
                                                       McpRole          role,
                                                       const char      *uri,
                                                       const char      *mime_type,
                                                       const char      *text);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_embedded_blob  (McpPromptResult *self,
                                                       McpRole          role,
                                                       const char      *uri,
                                                       const char      *mime_type,
                                                       GBytes          *blob);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_result_add_message        (McpPromptResult *self,
                                                       McpRole          role,
                                                       JsonObject      *content);
MCP_AVAILABLE_IN_ALL
JsonArray       *mcp_prompt_result_get_messages       (McpPromptResult *self);
MCP_AVAILABLE_IN_ALL
JsonObject      *mcp_prompt_result_to_json            (McpPromptResult *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
