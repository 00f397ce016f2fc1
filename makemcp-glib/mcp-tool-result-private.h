/* mcp-tool-result-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-tool-result.h"

G_BEGIN_DECLS

const char *mcp_tool_result_peek_text (McpToolResult *self);

G_END_DECLS
