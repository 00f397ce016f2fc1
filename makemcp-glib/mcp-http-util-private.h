/* mcp-http-util-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Header names of MCP's Streamable HTTP transport. libsoup compares header
 * names case-insensitively. */
#define MCP_HTTP_HEADER_SESSION_ID        "Mcp-Session-Id"
#define MCP_HTTP_HEADER_PROTOCOL_VERSION  "MCP-Protocol-Version"
#define MCP_HTTP_HEADER_METHOD            "Mcp-Method"
#define MCP_HTTP_HEADER_NAME              "Mcp-Name"
#define MCP_HTTP_HEADER_PARAM_PREFIX      "Mcp-Param-"
#define MCP_HTTP_HEADER_LAST_EVENT_ID     "Last-Event-ID"

/* Our own JSON-RPC codes for transport-level rejections; -32020…-32099
 * belong to the specification. */
#define MCP_HTTP_ERROR_BAD_REQUEST        -32000
#define MCP_HTTP_ERROR_SESSION_NOT_FOUND  -32001

typedef enum
{
  MCP_HTTP_ACCEPT_JSON = 1 << 0,
  MCP_HTTP_ACCEPT_SSE  = 1 << 1,
} McpHttpAccept;

McpHttpAccept mcp_http_parse_accept          (SoupMessageHeaders *headers);
gboolean      mcp_http_content_type_is_json  (SoupMessageHeaders *headers);
char         *mcp_http_dup_header            (SoupMessageHeaders *headers,
                                              const char         *name);
gboolean      mcp_http_header_value_is_valid (const char         *value);
void          mcp_http_connection_request_started (SoupServerMessage *message);
void          mcp_http_connection_request_done    (SoupServerMessage *message);
gboolean      mcp_http_decode_header_value   (const char         *value,
                                              char              **decoded);
gboolean      mcp_http_header_matches_json   (const char         *decoded,
                                              JsonNode           *value);
gboolean      mcp_http_host_is_loopback      (const char         *host);
gboolean      mcp_http_host_is_ip_literal    (const char         *host);
gboolean      mcp_http_check_host            (const char * const *allowed,
                                              GUri               *uri);
gboolean      mcp_http_check_origin          (const char * const *allowed,
                                              const char         *origin);
gboolean      mcp_http_check_bearer          (GBytes             *expected_digest,
                                              const char         *authorization);
GBytes       *mcp_http_digest_token          (const char         *token);
char         *mcp_http_new_session_id        (void);
void          mcp_http_respond_error         (SoupServerMessage  *message,
                                              guint               status,
                                              JsonNode           *id,
                                              int                 code,
                                              const char         *text);
void          mcp_http_respond_json          (SoupServerMessage  *message,
                                              guint               status,
                                              JsonNode           *body);

G_END_DECLS
