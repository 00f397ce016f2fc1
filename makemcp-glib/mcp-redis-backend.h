/* mcp-redis-backend.h
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

#include <makemcp-glib/mcp-event-bus.h>
#include <makemcp-glib/mcp-task-store.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_REDIS_BACKEND (mcp_redis_backend_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpRedisBackend, mcp_redis_backend, MCP, REDIS_BACKEND, GObject)

MCP_AVAILABLE_IN_ALL
McpRedisBackend *mcp_redis_backend_new           (const char       *url,
                                                  GError          **error)
                                                  G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char      *mcp_redis_backend_get_address   (McpRedisBackend  *self);
MCP_AVAILABLE_IN_ALL
const char      *mcp_redis_backend_get_prefix    (McpRedisBackend  *self);
MCP_AVAILABLE_IN_ALL
guint            mcp_redis_backend_get_timeout   (McpRedisBackend  *self);
MCP_AVAILABLE_IN_ALL
gboolean         mcp_redis_backend_get_connected (McpRedisBackend  *self);
MCP_AVAILABLE_IN_ALL
gboolean         mcp_redis_backend_is_supported  (void);

G_END_DECLS
