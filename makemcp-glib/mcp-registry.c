/* mcp-registry.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-registry-private.h"
#include "mcp-resource.h"
#include "mcp-resource-template.h"
#include "mcp-tool.h"

static int
mcp_registry_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  McpRegistry *self = user_data;

  return strcmp (self->key_func ((gpointer)a), self->key_func ((gpointer)b));
}

/* Whether a change of @pspec can change what a list shows. The properties
 * that only say how an object runs, or how what it reads may be cached,
 * are not listed; any other, a subclass's included, is. */
static gboolean
property_is_listed (GParamSpec *pspec)
{
  static const char * const tool_unlisted[] = {
    "run-in-thread", "task-support", "auto-task", "timeout", NULL
  };
  static const char * const resource_unlisted[] = { "ttl", "cache-scope", NULL };

  if (pspec->owner_type == MCP_TYPE_TOOL)
    return !g_strv_contains (tool_unlisted, pspec->name);
  if (pspec->owner_type == MCP_TYPE_RESOURCE || pspec->owner_type == MCP_TYPE_RESOURCE_TEMPLATE)
    return !g_strv_contains (resource_unlisted, pspec->name);

  return TRUE;
}

/* What is listed changed: the lists made so far are out of date. */
static void
mcp_registry_changed (McpRegistry *self)
{
  if (self->lists != NULL)
    g_hash_table_remove_all (self->lists);
}

static void
mcp_registry_item_notify_cb (GObject     *item,
                             GParamSpec  *pspec,
                             McpRegistry *self)
{
  if (property_is_listed (pspec))
    {
      mcp_registry_changed (self);
      self->changed_func (self->changed_data);
    }
}

static void
mcp_registry_watch (McpRegistry *self,
                    gpointer     item)
{
  g_signal_connect (item, "notify", G_CALLBACK (mcp_registry_item_notify_cb), self);
}

static void
mcp_registry_unwatch (McpRegistry *self,
                      gpointer     item)
{
  g_signal_handlers_disconnect_by_func (item, mcp_registry_item_notify_cb, self);
}

void
mcp_registry_init (McpRegistry    *self,
                   McpKeyFunc      key_func,
                   McpChangedFunc  changed_func,
                   gpointer        changed_data)
{
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->items = g_sequence_new (g_object_unref);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)json_array_unref);
  self->key_func = key_func;
  self->changed_func = changed_func;
  self->changed_data = changed_data;
}

void
mcp_registry_clear (McpRegistry *self)
{
  /* The application may keep the objects: stop listening to them. */
  if (self->items != NULL)
    {
      for (GSequenceIter *iter = g_sequence_get_begin_iter (self->items);
           !g_sequence_iter_is_end (iter);
           iter = g_sequence_iter_next (iter))
        mcp_registry_unwatch (self, g_sequence_get (iter));
    }

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_sequence_free);
  g_clear_pointer (&self->lists, g_hash_table_unref);
}

/* Adds @item, replacing an item with the same key. Returns FALSE when
 * @item was already there. */
gboolean
mcp_registry_add (McpRegistry *self,
                  gpointer     item)
{
  const char *key = self->key_func (item);
  GSequenceIter *iter;

  if ((iter = g_hash_table_lookup (self->index, key)) != NULL)
    {
      if (g_sequence_get (iter) == item)
        return FALSE;
      mcp_registry_unwatch (self, g_sequence_get (iter));
      g_hash_table_remove (self->index, key);
      g_sequence_remove (iter);
    }

  iter = g_sequence_insert_sorted (self->items, g_object_ref (item), mcp_registry_compare, self);
  g_hash_table_insert (self->index, (gpointer)self->key_func (item), iter);
  mcp_registry_watch (self, item);
  mcp_registry_changed (self);

  return TRUE;
}

gboolean
mcp_registry_remove (McpRegistry *self,
                     const char  *key)
{
  GSequenceIter *iter;

  if ((iter = g_hash_table_lookup (self->index, key)) == NULL)
    return FALSE;

  mcp_registry_unwatch (self, g_sequence_get (iter));
  g_hash_table_remove (self->index, key);
  g_sequence_remove (iter);
  mcp_registry_changed (self);
  return TRUE;
}

/* (transfer none) Every item as @to_json describes it for @version, in
 * key order: made once and kept (sealed) until the items change, so that
 * listing a server with thousands of tools does not describe each one at
 * every request. */
JsonArray *
mcp_registry_get_json (McpRegistry *self,
                       const char  *version,
                       JsonObject *(*to_json) (gpointer item, const char *version))
{
  JsonArray *list = g_hash_table_lookup (self->lists, version);

  if (list != NULL)
    return list;

  list = json_array_sized_new (g_hash_table_size (self->index));
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    json_array_add_object_element (list, to_json (g_sequence_get (iter), version));
  json_array_seal (list);
  g_hash_table_insert (self->lists, g_strdup (version), list);

  return list;
}

gpointer
mcp_registry_lookup (McpRegistry *self,
                     const char  *key)
{
  GSequenceIter *iter = g_hash_table_lookup (self->index, key);

  return iter != NULL ? g_sequence_get (iter) : NULL;
}

guint
mcp_registry_get_size (McpRegistry *self)
{
  return g_hash_table_size (self->index);
}

/* (transfer container) the items in key order */
GPtrArray *
mcp_registry_list (McpRegistry *self)
{
  GPtrArray *items = g_ptr_array_new_full (g_hash_table_size (self->index), g_object_unref);

  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    g_ptr_array_add (items, g_object_ref (g_sequence_get (iter)));

  return items;
}
