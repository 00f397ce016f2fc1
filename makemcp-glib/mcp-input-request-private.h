/* mcp-input-request-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-input-request.h"

G_BEGIN_DECLS

/* Called once, with the result or the error of the request, unless the
 * request was abandoned with mcp_input_request_abandon() first. */
typedef void (*McpInputRequestDoneFunc) (McpInputRequest *request,
                                         JsonObject      *result,
                                         const GError    *error,
                                         gpointer         user_data);

McpInputRequest *mcp_input_request_new     (const char              *method,
                                            JsonObject              *params,
                                            const char              *key,
                                            McpEra                   era,
                                            McpInputRequestDoneFunc  func,
                                            gpointer                 user_data,
                                            GDestroyNotify           destroy);
void             mcp_input_request_abandon (McpInputRequest         *self);

G_END_DECLS
