/* mcp-error.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <glib.h>

#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * MCP_ERROR:
 *
 * The error domain of protocol errors. The codes of [error@Mcp.Error] are
 * the JSON-RPC error codes MCP puts on the wire.
 */
#define MCP_ERROR (mcp_error_quark ())

/**
 * McpError:
 * @MCP_ERROR_PARSE_ERROR: the peer sent text that is not valid JSON (-32700)
 * @MCP_ERROR_INVALID_REQUEST: the JSON is not a valid JSON-RPC request (-32600)
 * @MCP_ERROR_METHOD_NOT_FOUND: the method does not exist in the era of the request (-32601)
 * @MCP_ERROR_INVALID_PARAMS: the parameters of the request are invalid (-32602)
 * @MCP_ERROR_INTERNAL_ERROR: the server failed while handling the request (-32603)
 * @MCP_ERROR_RESOURCE_NOT_FOUND: a resource does not exist, as reported to
 *   legacy clients (2025-11-25 and earlier) (-32002)
 * @MCP_ERROR_URL_ELICITATION_REQUIRED: the request needs a URL-mode
 *   elicitation first (2025-11-25 only) (-32042)
 * @MCP_ERROR_HEADER_MISMATCH: an HTTP header disagrees with the request
 *   body (2026-07-28) (-32020)
 * @MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY: the request needs a client
 *   capability the client did not declare (2026-07-28) (-32021)
 * @MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION: the request asks for a protocol
 *   version the server does not serve (2026-07-28) (-32022)
 *
 * Error codes of the %MCP_ERROR domain. Each value is the code of the
 * JSON-RPC error object that carries it, so `error->code` goes onto the wire
 * unchanged.
 */
typedef enum
{
  MCP_ERROR_PARSE_ERROR                       = -32700,
  MCP_ERROR_INVALID_REQUEST                   = -32600,
  MCP_ERROR_METHOD_NOT_FOUND                  = -32601,
  MCP_ERROR_INVALID_PARAMS                    = -32602,
  MCP_ERROR_INTERNAL_ERROR                    = -32603,
  MCP_ERROR_RESOURCE_NOT_FOUND                = -32002,
  MCP_ERROR_URL_ELICITATION_REQUIRED          = -32042,
  MCP_ERROR_HEADER_MISMATCH                   = -32020,
  MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY = -32021,
  MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION      = -32022,
} McpError;

MCP_AVAILABLE_IN_ALL
GQuark mcp_error_quark (void);

G_END_DECLS
