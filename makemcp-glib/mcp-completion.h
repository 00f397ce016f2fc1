/* mcp-completion.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * McpCompletionFunc:
 * @context: the `completion/complete` request being served
 * @argument: the name of the prompt argument or template variable
 * @value: what the user typed so far
 * @arguments: (nullable): the values of the other arguments already
 *   chosen (the request's `context.arguments`)
 * @user_data: the data given with the function
 *
 * Suggests values for a prompt argument or a resource template variable
 * (`completion/complete`). The server sends at most 100 of them and says
 * whether there were more.
 *
 * The server calls it only for an @argument the prompt declares
 * ([method@Mcp.Prompt.add_argument]) or a variable the template has;
 * a client asking about another name gets `-32602` instead. The names in
 * @arguments are not checked.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   suggestions, best first
 */
typedef char **(*McpCompletionFunc) (McpRequestContext *context,
                                     const char        *argument,
                                     const char        *value,
                                     JsonObject        *arguments,
                                     gpointer           user_data);

G_END_DECLS
