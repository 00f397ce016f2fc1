/* mcp-http-transport-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-http-transport.h"

G_BEGIN_DECLS

/* mcp_server_run()'s `--http ADDRESS:PORT`. */
gboolean mcp_http_transport_run (McpServer          *server,
                                 const char         *address,
                                 const char * const *allowed_hosts,
                                 const char * const *allowed_origins,
                                 const char         *bearer_token,
                                 const char         *replica_id,
                                 GError            **error);

G_END_DECLS
