/* mcp-protocol.h
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
 * MCP_PROTOCOL_VERSION_LATEST:
 *
 * The newest MCP protocol revision makemcp-glib speaks: the stateless
 * 2026-07-28 revision.
 */
#define MCP_PROTOCOL_VERSION_LATEST "2026-07-28"

/**
 * MCP_PROTOCOL_VERSION_LATEST_LEGACY:
 *
 * The newest handshake-based (legacy) MCP protocol revision, the one an
 * `initialize` request is answered with when it asks for a version the
 * server does not know.
 */
#define MCP_PROTOCOL_VERSION_LATEST_LEGACY "2025-11-25"

/**
 * McpEra:
 * @MCP_ERA_MODERN: the request carries its protocol version and client
 *   capabilities in its own `_meta` (2026-07-28 and later) and is served
 *   on its own, without connection state
 * @MCP_ERA_LEGACY: the request belongs to a session that an `initialize`
 *   handshake opened (2025-11-25 back to 2024-11-05)
 *
 * The protocol era a request was made in. Handlers rarely need to look at
 * it: [class@Mcp.RequestContext] gives the same view of both eras.
 */
typedef enum
{
  MCP_ERA_MODERN,
  MCP_ERA_LEGACY,
} McpEra;

/**
 * McpLogLevel:
 * @MCP_LOG_LEVEL_DEBUG: detailed debugging information
 * @MCP_LOG_LEVEL_INFO: general informational messages
 * @MCP_LOG_LEVEL_NOTICE: normal but significant events
 * @MCP_LOG_LEVEL_WARNING: warning conditions
 * @MCP_LOG_LEVEL_ERROR: error conditions
 * @MCP_LOG_LEVEL_CRITICAL: critical conditions
 * @MCP_LOG_LEVEL_ALERT: action must be taken immediately
 * @MCP_LOG_LEVEL_EMERGENCY: the system is unusable
 *
 * The syslog severities of MCP log messages (`notifications/message`), in
 * increasing order. The nick of each value is its name on the wire.
 */
typedef enum
{
  MCP_LOG_LEVEL_DEBUG,
  MCP_LOG_LEVEL_INFO,
  MCP_LOG_LEVEL_NOTICE,
  MCP_LOG_LEVEL_WARNING,
  MCP_LOG_LEVEL_ERROR,
  MCP_LOG_LEVEL_CRITICAL,
  MCP_LOG_LEVEL_ALERT,
  MCP_LOG_LEVEL_EMERGENCY,
} McpLogLevel;

/**
 * McpCacheScope:
 * @MCP_CACHE_SCOPE_PUBLIC: the result holds nothing specific to the caller;
 *   shared caches may keep it for anyone
 * @MCP_CACHE_SCOPE_PRIVATE: the result may hold data of the caller; it may
 *   only be reused for the same authorization context
 *
 * Who may cache a cacheable result (`cacheScope`, 2026-07-28). The nick of
 * each value is its name on the wire.
 */
typedef enum
{
  MCP_CACHE_SCOPE_PUBLIC,
  MCP_CACHE_SCOPE_PRIVATE,
} McpCacheScope;

/**
 * McpRole:
 * @MCP_ROLE_USER: the user
 * @MCP_ROLE_ASSISTANT: the model
 *
 * Who speaks a prompt message. The nick of each value is its name on the
 * wire.
 */
typedef enum
{
  MCP_ROLE_USER,
  MCP_ROLE_ASSISTANT,
} McpRole;

MCP_AVAILABLE_IN_ALL
const char * const *mcp_protocol_get_supported_versions (void);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_protocol_version_is_supported   (const char  *version);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_protocol_version_is_legacy      (const char  *version);
MCP_AVAILABLE_IN_ALL
const char         *mcp_log_level_to_string             (McpLogLevel  level);
MCP_AVAILABLE_IN_ALL
gboolean            mcp_log_level_from_string           (const char  *name,
                                                         McpLogLevel *level);

G_END_DECLS
