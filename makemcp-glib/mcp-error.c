/* mcp-error.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"

/**
 * mcp_error_quark:
 *
 * Gets the quark of the %MCP_ERROR domain.
 *
 * Returns: the error domain quark
 */
G_DEFINE_QUARK (mcp-error-quark, mcp_error)
