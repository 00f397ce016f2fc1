/* mcp-resource-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-resource.h"
#include "mcp-resource-template.h"

G_BEGIN_DECLS

JsonObject *mcp_resource_to_json_for_version          (McpResource         *self,
                                                       const char          *version);
JsonObject *mcp_resource_template_to_json_for_version (McpResourceTemplate *self,
                                                       const char          *version);
JsonObject *mcp_resource_template_match               (McpResourceTemplate *self,
                                                       const char          *uri);
gboolean    mcp_resource_template_has_completion      (McpResourceTemplate *self);
gboolean    mcp_resource_template_has_variable        (McpResourceTemplate *self,
                                                       const char          *name);
GError     *mcp_resource_error_produced_nothing       (const char          *uri);

G_END_DECLS
