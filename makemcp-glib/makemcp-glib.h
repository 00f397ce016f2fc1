/* makemcp-glib.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define MCP_INSIDE
# include <makemcp-glib/mcp-version.h>
# include <makemcp-glib/mcp-version-macros.h>
# include <makemcp-glib/mcp-enum-types.h>
# include <makemcp-glib/mcp-error.h>
# include <makemcp-glib/mcp-protocol.h>
# include <makemcp-glib/mcp-request-context.h>
# include <makemcp-glib/mcp-completion.h>
# include <makemcp-glib/mcp-resource-contents.h>
# include <makemcp-glib/mcp-resource.h>
# include <makemcp-glib/mcp-resource-template.h>
# include <makemcp-glib/mcp-prompt-result.h>
# include <makemcp-glib/mcp-prompt.h>
# include <makemcp-glib/mcp-task-store.h>
# include <makemcp-glib/mcp-memory-task-store.h>
# include <makemcp-glib/mcp-event-bus.h>
# include <makemcp-glib/mcp-redis-backend.h>
# include <makemcp-glib/mcp-tool-result.h>
# include <makemcp-glib/mcp-tool.h>
# include <makemcp-glib/mcp-tool-invocation.h>
# include <makemcp-glib/mcp-tool-provider.h>
# include <makemcp-glib/mcp-server.h>
# include <makemcp-glib/mcp-transport.h>
# include <makemcp-glib/mcp-stdio-transport.h>
# include <makemcp-glib/mcp-http-transport.h>
# include <makemcp-glib/mcp-input-request.h>
# include <makemcp-glib/mcp-client.h>
#undef MCP_INSIDE
