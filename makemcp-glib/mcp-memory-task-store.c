/* mcp-memory-task-store.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-json-private.h"
#include "mcp-memory-task-store.h"
#include "mcp-task-store-private.h"

/**
 * McpMemoryTaskStore:
 *
 * A [iface@Mcp.TaskStore] in the memory of the process: the default of
 * every server, right for one process (several servers in one process may
 * share one). Expired records are dropped as the store is used; a finished
 * record is final.
 */

typedef struct
{
  JsonObject *record;
  gint64      expires_at;
} Entry;

struct _McpMemoryTaskStore
{
  GObject     parent_instance;

  GHashTable *records;  /* task id → Entry */
  gint64      swept_at; /* ms since the epoch */
};

static void mcp_memory_task_store_iface_init (McpTaskStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpMemoryTaskStore, mcp_memory_task_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TASK_STORE,
                                                      mcp_memory_task_store_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  json_object_unref (entry->record);
  g_free (entry);
}

/* Drops expired records, at most once a second: a sweep visits every
 * record, and a busy server saves thousands a second. */
static void
mcp_memory_task_store_expire (McpMemoryTaskStore *self)
{
  gint64 now = g_get_real_time () / 1000;
  GHashTableIter iter;
  Entry *entry;

  if (now - self->swept_at < 1000)
    return;
  self->swept_at = now;

  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    if (entry->expires_at > 0 && entry->expires_at <= now)
      g_hash_table_iter_remove (&iter);
}

static void
mcp_memory_task_store_save_async (McpTaskStore        *store,
                                  const char          *task_id,
                                  JsonObject          *record,
                                  gint64               expires_at,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  McpMemoryTaskStore *self = MCP_MEMORY_TASK_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Entry *entry = g_new0 (Entry, 1);

  Entry *old;

  g_task_set_source_tag (task, mcp_memory_task_store_save_async);

  mcp_memory_task_store_expire (self);
  old = g_hash_table_lookup (self->records, task_id);
  if (old != NULL && old->expires_at > 0 && old->expires_at <= g_get_real_time () / 1000)
    old = NULL;   /* expired: as if there were none */
  if (!mcp_task_record_may_replace (old != NULL ? old->record : NULL, record))
    {
      g_free (entry);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               mcp_task_record_is_final (old->record)
                                 ? "The task %s is finished already"
                                 : "The task %s renewed its lease meanwhile", task_id);
      return;
    }

  entry->record = mcp_json_object_copy (record);
  json_object_remove_member (entry->record, MCP_TASK_RECORD_REPLACES_LEASE);
  entry->expires_at = expires_at;
  g_hash_table_insert (self->records, g_strdup (task_id), entry);

  g_task_return_boolean (task, TRUE);
}

static gboolean
mcp_memory_task_store_save_finish (McpTaskStore  *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_memory_task_store_load_async (McpTaskStore        *store,
                                  const char          *task_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  McpMemoryTaskStore *self = MCP_MEMORY_TASK_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Entry *entry;

  g_task_set_source_tag (task, mcp_memory_task_store_load_async);

  mcp_memory_task_store_expire (self);
  entry = g_hash_table_lookup (self->records, task_id);
  if (entry != NULL && entry->expires_at > 0 && entry->expires_at <= g_get_real_time () / 1000)
    {
      g_hash_table_remove (self->records, task_id);
      entry = NULL;
    }
  g_task_return_pointer (task,
                         entry != NULL ? mcp_json_object_copy (entry->record) : NULL,
                         (GDestroyNotify)json_object_unref);
}

static JsonObject *
mcp_memory_task_store_load_finish (McpTaskStore  *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_memory_task_store_iface_init (McpTaskStoreInterface *iface)
{
  iface->save_async = mcp_memory_task_store_save_async;
  iface->save_finish = mcp_memory_task_store_save_finish;
  iface->load_async = mcp_memory_task_store_load_async;
  iface->load_finish = mcp_memory_task_store_load_finish;
}

static void
mcp_memory_task_store_finalize (GObject *object)
{
  McpMemoryTaskStore *self = (McpMemoryTaskStore *)object;

  g_clear_pointer (&self->records, g_hash_table_unref);

  G_OBJECT_CLASS (mcp_memory_task_store_parent_class)->finalize (object);
}

static void
mcp_memory_task_store_class_init (McpMemoryTaskStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_memory_task_store_finalize;
}

static void
mcp_memory_task_store_init (McpMemoryTaskStore *self)
{
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

/**
 * mcp_memory_task_store_new:
 *
 * Creates an empty store in memory.
 *
 * Returns: (transfer full): a new #McpMemoryTaskStore
 */
McpTaskStore *
mcp_memory_task_store_new (void)
{
  return g_object_new (MCP_TYPE_MEMORY_TASK_STORE, NULL);
}
