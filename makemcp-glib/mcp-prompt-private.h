/* mcp-prompt-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-prompt.h"

G_BEGIN_DECLS

JsonObject *mcp_prompt_to_json_for_version (McpPrompt  *self,
                                            const char *version);
gboolean    mcp_prompt_has_completion      (McpPrompt  *self);
gboolean    mcp_prompt_has_argument        (McpPrompt  *self,
                                            const char *name);

G_END_DECLS
