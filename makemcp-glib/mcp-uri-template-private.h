/* mcp-uri-template-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* RFC 6570 URI templates, levels 1 to 3: expansion, and the reverse,
 * matching a URI and recovering the variables. */
typedef struct _McpUriTemplate McpUriTemplate;

McpUriTemplate *mcp_uri_template_parse      (const char      *text,
                                             GError         **error);
void            mcp_uri_template_free       (McpUriTemplate  *self);
char           *mcp_uri_template_expand     (McpUriTemplate  *self,
                                             JsonObject      *variables);
JsonObject     *mcp_uri_template_match      (McpUriTemplate  *self,
                                             const char      *uri);
char          **mcp_uri_template_get_names  (McpUriTemplate  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpUriTemplate, mcp_uri_template_free)

G_END_DECLS
