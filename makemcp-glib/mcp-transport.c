/* mcp-transport.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-transport.h"

/**
 * McpTransport:
 *
 * The base class of the ways MCP messages reach a [class@Mcp.Server]:
 * [class@Mcp.StdioTransport] for newline-delimited JSON over a pair of
 * streams, and the Streamable HTTP transport.
 *
 * A transport frames and parses messages and hands them to the server's
 * protocol core; everything protocol-related is decided there, so every
 * transport serves both protocol eras the same way.
 */

typedef struct
{
  McpServer *server;
  guint      started : 1;
  guint      closing : 1;
  guint      closed : 1;
} McpTransportPrivate;

enum {
  PROP_0,
  PROP_SERVER,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (McpTransport, mcp_transport, G_TYPE_OBJECT)

static void
mcp_transport_dispose (GObject *object)
{
  McpTransport *self = (McpTransport *)object;
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_clear_object (&priv->server);

  G_OBJECT_CLASS (mcp_transport_parent_class)->dispose (object);
}

static void
mcp_transport_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McpTransport *self = MCP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, mcp_transport_get_server (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_transport_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McpTransport *self = MCP_TRANSPORT (object);
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SERVER:
      priv->server = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_transport_class_init (McpTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_transport_dispose;
  object_class->get_property = mcp_transport_get_property;
  object_class->set_property = mcp_transport_set_property;

  /**
   * McpTransport:server:
   *
   * The server whose messages the transport carries.
   */
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         MCP_TYPE_SERVER,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpTransport::closed:
   * @self: a #McpTransport
   * @error: (nullable): why the transport closed, or %NULL when the peer
   *   or the application closed it normally
   *
   * Emitted once, when the transport has stopped: requests in flight were
   * cancelled and pending output was written.
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mcp_transport_init (McpTransport *self)
{
}

/**
 * mcp_transport_get_server:
 * @self: a #McpTransport
 *
 * Gets the server the transport serves.
 *
 * Returns: (transfer none): the server
 */
McpServer *
mcp_transport_get_server (McpTransport *self)
{
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TRANSPORT (self), NULL);

  return priv->server;
}

/**
 * mcp_transport_start:
 * @self: a #McpTransport
 *
 * Starts serving on the thread-default main context. Calling it again
 * does nothing.
 */
void
mcp_transport_start (McpTransport *self)
{
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_return_if_fail (MCP_IS_TRANSPORT (self));

  if (priv->started || priv->closed)
    return;

  priv->started = TRUE;
  MCP_TRANSPORT_GET_CLASS (self)->start (self);
}

/**
 * mcp_transport_close:
 * @self: a #McpTransport
 *
 * Stops serving: requests in flight are cancelled, pending output is
 * written, then [signal@Mcp.Transport::closed] is emitted.
 */
void
mcp_transport_close (McpTransport *self)
{
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_return_if_fail (MCP_IS_TRANSPORT (self));

  if (priv->closing || priv->closed)
    return;

  priv->closing = TRUE;
  g_object_ref (self);
  MCP_TRANSPORT_GET_CLASS (self)->close (self);
  g_object_unref (self);
}

/**
 * mcp_transport_is_open:
 * @self: a #McpTransport
 *
 * Checks whether the transport is serving: started and not yet closed.
 *
 * Returns: %TRUE if it is open
 */
gboolean
mcp_transport_is_open (McpTransport *self)
{
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);

  return priv->started && !priv->closed;
}

/**
 * mcp_transport_emit_closed:
 * @self: a #McpTransport
 * @error: (nullable): why the transport closed
 *
 * For implementations: marks the transport closed and emits
 * [signal@Mcp.Transport::closed]. Only the first call has an effect.
 */
void
mcp_transport_emit_closed (McpTransport *self,
                           const GError *error)
{
  McpTransportPrivate *priv = mcp_transport_get_instance_private (self);

  g_return_if_fail (MCP_IS_TRANSPORT (self));

  if (priv->closed)
    return;

  priv->closed = TRUE;
  priv->closing = TRUE;
  g_signal_emit (self, signals[CLOSED], 0, error);
}
