/* mcp-schema-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean mcp_schema_validate (JsonObject  *schema,
                              JsonNode    *instance,
                              const char  *what,
                              GError     **error);

JsonNode *mcp_schema_coerce   (JsonObject  *schema,
                              JsonNode    *instance);

G_END_DECLS
