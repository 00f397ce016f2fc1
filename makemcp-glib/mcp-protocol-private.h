/* mcp-protocol-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mcp-protocol.h"

G_BEGIN_DECLS

/* Reserved _meta keys */
#define MCP_META_PROTOCOL_VERSION     "io.modelcontextprotocol/protocolVersion"
#define MCP_META_CLIENT_CAPABILITIES  "io.modelcontextprotocol/clientCapabilities"
#define MCP_META_CLIENT_INFO          "io.modelcontextprotocol/clientInfo"
#define MCP_META_LOG_LEVEL            "io.modelcontextprotocol/logLevel"
#define MCP_META_SERVER_INFO          "io.modelcontextprotocol/serverInfo"
#define MCP_META_SUBSCRIPTION_ID      "io.modelcontextprotocol/subscriptionId"

#define MCP_TASKS_EXTENSION           "io.modelcontextprotocol/tasks"

/* Revisions in which features appeared, for shaping legacy results. */
#define MCP_SINCE_AUDIO               "2025-03-26"
#define MCP_SINCE_TOOL_ANNOTATIONS    "2025-03-26"
#define MCP_SINCE_PROGRESS_MESSAGE    "2025-03-26"
#define MCP_SINCE_COMPLETIONS         "2025-03-26"
#define MCP_SINCE_TITLE               "2025-06-18"
#define MCP_SINCE_STRUCTURED_CONTENT  "2025-06-18"
#define MCP_SINCE_RESOURCE_LINK       "2025-06-18"
#define MCP_SINCE_ELICITATION         "2025-06-18"
#define MCP_SINCE_ICONS               "2025-11-25"
#define MCP_SINCE_URL_ELICITATION     "2025-11-25"

gboolean  mcp_protocol_version_at_least     (const char   *version,
                                             const char   *since);
JsonNode *mcp_jsonrpc_new_response          (JsonNode     *id,
                                             JsonObject   *result);
JsonNode *mcp_jsonrpc_new_error             (JsonNode     *id,
                                             int           code,
                                             const char   *text,
                                             JsonNode     *data);
JsonNode *mcp_jsonrpc_new_error_from_gerror (JsonNode     *id,
                                             const GError *error);
JsonNode *mcp_jsonrpc_new_notification      (const char   *method,
                                             JsonObject   *params);
JsonNode *mcp_jsonrpc_new_request           (JsonNode     *id,
                                             const char   *method,
                                             JsonObject   *params);

G_END_DECLS
