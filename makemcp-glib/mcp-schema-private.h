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

typedef struct _McpCompiledSchema McpCompiledSchema;

McpCompiledSchema *mcp_schema_compile           (JsonObject         *schema);
void               mcp_compiled_schema_free     (McpCompiledSchema  *self);
gboolean           mcp_compiled_schema_validate (McpCompiledSchema  *self,
                                                 JsonNode           *instance,
                                                 const char         *what,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpCompiledSchema, mcp_compiled_schema_free)

G_END_DECLS
