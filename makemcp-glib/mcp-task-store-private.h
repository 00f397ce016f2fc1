/* mcp-task-store-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Members of a task record that only the server and its stores read
 * (see McpTaskStore's documentation). */
#define MCP_TASK_RECORD_LEASE          "x-lease"          /* ms since the epoch */
#define MCP_TASK_RECORD_REPLACES_LEASE "x-replaces-lease" /* the lease it fails */

gboolean mcp_task_record_may_replace (JsonObject *stored,
                                      JsonObject *record);

G_END_DECLS
