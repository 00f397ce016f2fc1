/* mcp-transport.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include <makemcp-glib/mcp-server.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_TRANSPORT (mcp_transport_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpTransport, mcp_transport, MCP, TRANSPORT, GObject)

/**
 * McpTransportClass:
 * @parent_class: the parent class
 * @start: starts serving; called once by [method@Mcp.Transport.start]
 * @close: stops serving; called once by [method@Mcp.Transport.close]. The
 *   implementation emits [signal@Mcp.Transport::closed] (through
 *   [method@Mcp.Transport.emit_closed]) once everything is flushed.
 *
 * The class of transports, which carry MCP messages between a
 * [class@Mcp.Server] and its clients.
 */
struct _McpTransportClass
{
  GObjectClass parent_class;

  void (*start) (McpTransport *self);
  void (*close) (McpTransport *self);

  /*< private >*/
  gpointer _reserved[8];
};

MCP_AVAILABLE_IN_ALL
McpServer *mcp_transport_get_server  (McpTransport *self);
MCP_AVAILABLE_IN_ALL
void       mcp_transport_start       (McpTransport *self);
MCP_AVAILABLE_IN_ALL
void       mcp_transport_close       (McpTransport *self);
MCP_AVAILABLE_IN_ALL
gboolean   mcp_transport_is_open     (McpTransport *self);
MCP_AVAILABLE_IN_ALL
void       mcp_transport_emit_closed (McpTransport *self,
                                      const GError *error);

G_END_DECLS
