/* mcp-task-store.h
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

#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_TASK_STORE (mcp_task_store_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (McpTaskStore, mcp_task_store, MCP, TASK_STORE, GObject)

/**
 * McpTaskStoreInterface:
 * @parent_iface: the parent interface
 * @save_async: stores the record of a task, replacing an earlier one
 *   unless that one is final
 * @save_finish: completes @save_async
 * @load_async: loads the record of a task
 * @load_finish: completes @load_async; %NULL without an error when there
 *   is no such task
 *
 * Where tasks (the `io.modelcontextprotocol/tasks` extension) are kept, so
 * that any server process can answer `tasks/get` for them. A record is the
 * task's JSON object as `tasks/get` returns it, plus private members of the
 * server; stores keep it as it is and forget it once it expires.
 */
struct _McpTaskStoreInterface
{
  GTypeInterface parent_iface;

  void        (*save_async)  (McpTaskStore         *self,
                              const char           *task_id,
                              JsonObject           *record,
                              gint64                expires_at,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean    (*save_finish) (McpTaskStore         *self,
                              GAsyncResult         *result,
                              GError              **error);
  void        (*load_async)  (McpTaskStore         *self,
                              const char           *task_id,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  JsonObject *(*load_finish) (McpTaskStore         *self,
                              GAsyncResult         *result,
                              GError              **error);
};

MCP_AVAILABLE_IN_ALL
void        mcp_task_store_save_async  (McpTaskStore         *self,
                                        const char           *task_id,
                                        JsonObject           *record,
                                        gint64                expires_at,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean    mcp_task_store_save_finish (McpTaskStore         *self,
                                        GAsyncResult         *result,
                                        GError              **error);
MCP_AVAILABLE_IN_ALL
void        mcp_task_store_load_async  (McpTaskStore         *self,
                                        const char           *task_id,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonObject *mcp_task_store_load_finish (McpTaskStore         *self,
                                        GAsyncResult         *result,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;

MCP_AVAILABLE_IN_ALL
gboolean    mcp_task_record_is_final   (JsonObject           *record);

G_END_DECLS
