/* mcp-util-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* g_set_str() arrives with GLib 2.76. */
static inline gboolean
mcp_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

static inline gboolean
mcp_set_json_object (JsonObject **object_pointer,
                     JsonObject  *new_object)
{
  if (*object_pointer == new_object)
    return FALSE;

  if (new_object != NULL)
    json_object_ref (new_object);
  if (*object_pointer != NULL)
    json_object_unref (*object_pointer);
  *object_pointer = new_object;

  return TRUE;
}

G_END_DECLS
