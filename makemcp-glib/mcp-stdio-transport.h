/* mcp-stdio-transport.h
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

#include <makemcp-glib/mcp-server.h>
#include <makemcp-glib/mcp-transport.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_STDIO_TRANSPORT (mcp_stdio_transport_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpStdioTransport, mcp_stdio_transport, MCP, STDIO_TRANSPORT, McpTransport)

MCP_AVAILABLE_IN_ALL
McpStdioTransport *mcp_stdio_transport_new             (McpServer     *server) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpStdioTransport *mcp_stdio_transport_new_for_streams (McpServer     *server,
                                                        GInputStream  *input,
                                                        GOutputStream *output) G_GNUC_WARN_UNUSED_RESULT;

MCP_AVAILABLE_IN_ALL
gsize              mcp_stdio_transport_get_queued_output (McpStdioTransport *self);

G_END_DECLS
