/* mcp-task-store.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-json-private.h"
#include "mcp-task-store.h"
#include "mcp-task-store-private.h"

/**
 * McpTaskStore:
 *
 * Keeps the records of tasks (the `io.modelcontextprotocol/tasks`
 * extension) for [class@Mcp.Server]. A server uses a
 * [class@Mcp.MemoryTaskStore] of its own unless given another one with
 * [method@Mcp.Server.set_task_store]; a store shared by several server
 * processes (such as one on Redis) lets any of them answer `tasks/get`.
 *
 * The server saves a record before it hands out the task's id, and again
 * at every change of status, so a store that completes
 * [method@Mcp.TaskStore.save_async] only once the record is durable gives
 * the strong consistency the extension asks for.
 *
 * A finished record (see [func@Mcp.task_record_is_final]) is final. A
 * store that several processes share must refuse to replace one, failing
 * the save with %G_IO_ERROR_EXISTS, atomically with the check (a
 * compare-and-set): that is how a process learns that its task was
 * finished elsewhere — cancelled by a client through another process, or
 * failed by another process because its lease lapsed — and stops it.
 *
 * The lease of a running task is the record's `x-lease` member
 * (milliseconds since the Unix epoch). A process that fails a task whose
 * lease lapsed saves a record with an `x-replaces-lease` member, the lease
 * it read: such a save must also fail with %G_IO_ERROR_EXISTS when the
 * stored record's `x-lease` is another one, because the task's process
 * renewed its lease meanwhile, and the store keeps the record without
 * that member.
 */

G_DEFINE_INTERFACE (McpTaskStore, mcp_task_store, G_TYPE_OBJECT)

static void
mcp_task_store_default_init (McpTaskStoreInterface *iface)
{
}

/**
 * mcp_task_store_save_async:
 * @self: a #McpTaskStore
 * @task_id: the id of the task
 * @record: the record to keep
 * @expires_at: when the store may forget it, in milliseconds since the
 *   Unix epoch, or 0 for never
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the record is stored
 * @user_data: closure data for @callback
 *
 * Stores the record of a task, replacing an earlier one. A store shared
 * by several processes fails with %G_IO_ERROR_EXISTS instead when the
 * earlier record is final ([func@Mcp.task_record_is_final]), or when
 * @record fails a lease that the earlier record no longer holds (see the
 * description of [iface@Mcp.TaskStore]).
 *
 * The store must take what it needs from @record (a copy, or its
 * serialization) before this returns: the server goes on changing it. The
 * server never starts a save of a task while another save of the same task
 * is under way, so the saves of one task complete in the order they were
 * made.
 */
void
mcp_task_store_save_async (McpTaskStore        *self,
                           const char          *task_id,
                           JsonObject          *record,
                           gint64               expires_at,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TASK_STORE (self));
  g_return_if_fail (task_id != NULL);
  g_return_if_fail (record != NULL);

  MCP_TASK_STORE_GET_IFACE (self)->save_async (self, task_id, record, expires_at, cancellable,
                                               callback, user_data);
}

/**
 * mcp_task_store_save_finish:
 * @self: a #McpTaskStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.TaskStore.save_async].
 *
 * Returns: %TRUE once the record is stored
 */
gboolean
mcp_task_store_save_finish (McpTaskStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MCP_IS_TASK_STORE (self), FALSE);

  return MCP_TASK_STORE_GET_IFACE (self)->save_finish (self, result, error);
}

/**
 * mcp_task_store_load_async:
 * @self: a #McpTaskStore
 * @task_id: the id of the task
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the record
 * @user_data: closure data for @callback
 *
 * Loads the record of a task.
 */
void
mcp_task_store_load_async (McpTaskStore        *self,
                           const char          *task_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TASK_STORE (self));
  g_return_if_fail (task_id != NULL);

  MCP_TASK_STORE_GET_IFACE (self)->load_async (self, task_id, cancellable, callback, user_data);
}

/**
 * mcp_task_store_load_finish:
 * @self: a #McpTaskStore
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.TaskStore.load_async].
 *
 * Returns: (transfer full) (nullable): the record, or %NULL without an
 *   error when the store has no such task (or it expired)
 */
JsonObject *
mcp_task_store_load_finish (McpTaskStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MCP_IS_TASK_STORE (self), NULL);

  return MCP_TASK_STORE_GET_IFACE (self)->load_finish (self, result, error);
}

/**
 * mcp_task_record_is_final:
 * @record: the record of a task, as [method@Mcp.TaskStore.save_async]
 *   receives it
 *
 * Tells whether a task record is final: its status is `completed`,
 * `failed` or `cancelled`, and nothing may change it any more.
 *
 * Returns: %TRUE when @record is the final record of its task
 */
gboolean
mcp_task_record_is_final (JsonObject *record)
{
  const char *status;

  g_return_val_if_fail (record != NULL, FALSE);

  status = mcp_json_get_string (record, "status");
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "failed") == 0 ||
         g_strcmp0 (status, "cancelled") == 0;
}

/* Whether @record may replace @stored (NULL: there is none): not when
 * @stored is final, nor when @record fails a lease @stored no longer
 * holds. */
gboolean
mcp_task_record_may_replace (JsonObject *stored,
                             JsonObject *record)
{
  JsonNode *replaces = mcp_json_get_member (record, MCP_TASK_RECORD_REPLACES_LEASE);
  JsonNode *lease;

  if (stored == NULL)
    return TRUE;
  if (mcp_task_record_is_final (stored))
    return FALSE;
  if (replaces == NULL)
    return TRUE;

  lease = mcp_json_get_member (stored, MCP_TASK_RECORD_LEASE);
  return mcp_json_node_is_integer (lease) && mcp_json_node_is_integer (replaces) &&
         json_node_get_int (lease) == json_node_get_int (replaces);
}
