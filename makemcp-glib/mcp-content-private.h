/* mcp-content-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Content blocks shared by tool results, prompt messages and resources. */
JsonObject *mcp_content_new_text          (const char *text);
JsonObject *mcp_content_new_binary        (const char *type,
                                           GBytes     *data,
                                           const char *mime_type);
JsonObject *mcp_content_new_resource_link (const char *uri,
                                           const char *name,
                                           const char *description,
                                           const char *mime_type);
JsonObject *mcp_content_new_resource_contents
                                          (const char *uri,
                                           const char *mime_type,
                                           const char *text,
                                           GBytes     *blob);
JsonObject *mcp_content_new_embedded      (JsonObject *resource_contents);
JsonObject *mcp_icon_new                  (const char *src,
                                           const char *mime_type,
                                           const char * const *sizes,
                                           const char *theme);
void        mcp_metadata_write            (JsonObject *object,
                                           const char *version,
                                           JsonArray  *icons,
                                           JsonObject *meta);
JsonObject *mcp_content_block_for_version (JsonObject *block,
                                           const char *version);
JsonArray  *mcp_content_array_for_version (JsonArray  *content,
                                           const char *version);

G_END_DECLS
