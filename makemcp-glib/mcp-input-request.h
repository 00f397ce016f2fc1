/* mcp-input-request.h
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

#include <makemcp-glib/mcp-protocol.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_INPUT_REQUEST (mcp_input_request_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpInputRequest, mcp_input_request, MCP, INPUT_REQUEST, GObject)

MCP_AVAILABLE_IN_ALL
const char   *mcp_input_request_get_method              (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_input_request_get_params              (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_input_request_get_key                 (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
McpEra        mcp_input_request_get_era                 (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_input_request_get_message             (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_input_request_get_requested_schema    (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
GCancellable *mcp_input_request_get_cancellable         (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_input_request_is_answered             (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_return_result           (McpInputRequest *self,
                                                         JsonObject      *result);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_return_error            (McpInputRequest *self,
                                                         int              code,
                                                         const char      *message);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_return_gerror           (McpInputRequest *self,
                                                         const GError    *error);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_accept                  (McpInputRequest *self,
                                                         JsonObject      *content);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_decline                 (McpInputRequest *self);
MCP_AVAILABLE_IN_ALL
void          mcp_input_request_return_sampled_text     (McpInputRequest *self,
                                                         const char      *text,
                                                         const char      *model);

G_END_DECLS
