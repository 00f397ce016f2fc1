/* mcp-registry-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef const char *(*McpKeyFunc)     (gpointer item);
typedef void        (*McpChangedFunc) (gpointer user_data);

/*
 * McpRegistry:
 *
 * The objects of one kind a server offers (tools, prompts, resources,
 * resource templates): looked up by key in constant time, listed in key
 * order, so lists are deterministic and cursors stable. While an object is
 * registered, a change of one of its listed properties (any property but
 * those that only change how it runs) calls changed_func.
 */
typedef struct
{
  GHashTable     *index;        /* key → GSequenceIter */
  GSequence      *items;        /* GObject, sorted by key */
  GHashTable     *lists;        /* protocol version → sealed JsonArray of every item */
  McpKeyFunc      key_func;
  McpChangedFunc  changed_func;
  gpointer        changed_data;
} McpRegistry;

void        mcp_registry_init     (McpRegistry    *self,
                                   McpKeyFunc      key_func,
                                   McpChangedFunc  changed_func,
                                   gpointer        changed_data);
void        mcp_registry_clear    (McpRegistry *self);
gboolean    mcp_registry_add      (McpRegistry *self,
                                   gpointer     item);
gboolean    mcp_registry_remove   (McpRegistry *self,
                                   const char  *key);
gpointer    mcp_registry_lookup   (McpRegistry *self,
                                   const char  *key);
guint       mcp_registry_get_size (McpRegistry *self);
GPtrArray  *mcp_registry_list     (McpRegistry *self);
JsonArray  *mcp_registry_get_json (McpRegistry *self,
                                   const char  *version,
                                   JsonObject *(*to_json) (gpointer item, const char *version));

G_END_DECLS
