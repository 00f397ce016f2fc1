/* mcp-provider-tool-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-method-private.h"
#include "mcp-server.h"
#include "mcp-tool-provider.h"

G_BEGIN_DECLS

/* The tools of an McpToolProvider: one for each method, one for each
 * property getter or setter, or a wrapper around a tool a binding's
 * list_tools() returned. Calls go through the provider's call_tool vfunc. */

#define MCP_TYPE_PROVIDER_TOOL (mcp_provider_tool_get_type ())

G_DECLARE_FINAL_TYPE (McpProviderTool, mcp_provider_tool, MCP, PROVIDER_TOOL, McpTool)

McpTool         *mcp_provider_tool_new_for_method   (McpToolProvider     *provider,
                                                     McpMethod           *method);
McpTool         *mcp_provider_tool_new_for_property (McpToolProvider     *provider,
                                                     GParamSpec          *pspec,
                                                     const char          *description,
                                                     gboolean             setter,
                                                     GError             **error);
McpTool         *mcp_provider_tool_new_wrapper      (McpToolProvider     *provider,
                                                     McpTool             *inner);
McpToolProvider *mcp_provider_tool_get_provider     (McpProviderTool     *self);
McpTool         *mcp_provider_tool_get_inner        (McpProviderTool     *self);
McpMethod       *mcp_provider_tool_get_method       (McpProviderTool     *self);
void             mcp_provider_tool_invoke_async     (McpProviderTool     *self,
                                                     McpRequestContext   *context,
                                                     JsonObject          *arguments,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
McpToolResult   *mcp_provider_tool_invoke_finish    (McpProviderTool     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* mcp-server-providers.c */
void             mcp_server_check_providers         (McpServer           *self);

G_END_DECLS
