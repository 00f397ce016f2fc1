/* mcp-memory-task-store.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <makemcp-glib/mcp-task-store.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_MEMORY_TASK_STORE (mcp_memory_task_store_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpMemoryTaskStore, mcp_memory_task_store, MCP, MEMORY_TASK_STORE, GObject)

MCP_AVAILABLE_IN_ALL
McpTaskStore *mcp_memory_task_store_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
