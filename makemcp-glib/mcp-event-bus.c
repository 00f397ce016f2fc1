/* mcp-event-bus.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-enum-types.h"
#include "mcp-event-bus.h"

/**
 * McpEventBus:
 *
 * Carries what the server announces — list changes, resource updates, the
 * status of tasks — to every listener: the legacy sessions and the
 * `subscriptions/listen` requests of every server that subscribes to the
 * bus.
 *
 * A [class@Mcp.Server] publishes on its bus and delivers what the bus emits
 * with [signal@Mcp.EventBus::event] to its own clients. Its default bus is
 * a [class@Mcp.MemoryEventBus] of its own, which reaches the clients of
 * this process. Server processes that serve the same clients behind a
 * load balancer share a bus that crosses processes, such as
 * [class@Mcp.RedisBackend], so that a change raised in one of them
 * reaches the clients of all of them; set it with
 * [method@Mcp.Server.set_event_bus].
 *
 * An implementation sends each published event to every subscriber at
 * most once, and never twice: it emits [signal@Mcp.EventBus::event] in
 * this process before [method@Mcp.EventBus.publish] returns (with
 * [method@Mcp.EventBus.deliver]), exactly once, and in every other
 * process when the event arrives there, taking care not to emit it a
 * second time in the process that published it. Delivery to other
 * processes need not be reliable: [class@Mcp.RedisBackend] rides on
 * Redis' publish and subscribe, which delivers at most once, and events
 * published while a process is cut off from Redis (its subscriber
 * connecting again) never reach that process. What must not be lost,
 * such as the state of a task, belongs in a [iface@Mcp.TaskStore]; the
 * bus only hurries the news.
 */

enum {
  EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_INTERFACE (McpEventBus, mcp_event_bus, G_TYPE_OBJECT)

static void
mcp_event_bus_default_init (McpEventBusInterface *iface)
{
  /**
   * McpEventBus::event:
   * @self: a #McpEventBus
   * @kind: what happened
   * @key: (nullable): what it happened to: a URI, a task id
   * @payload: (nullable): the details, such as the task
   *
   * Emitted for every event published on the bus, by this process (once)
   * or by another one (at most once: an event of another process may be
   * lost, never doubled).
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3,
                  MCP_TYPE_EVENT_KIND,
                  G_TYPE_STRING,
                  JSON_TYPE_OBJECT);
}

/**
 * mcp_event_bus_publish:
 * @self: a #McpEventBus
 * @kind: what happened
 * @key: (nullable): what it happened to: a URI for
 *   %MCP_EVENT_RESOURCE_UPDATED, a task id for the task events, else %NULL
 * @payload: (nullable): the details, such as the task for
 *   %MCP_EVENT_TASK_STATUS
 *
 * Sends an event to every subscriber of the bus, in this process and in
 * the others. Subscribers in this process receive it before this returns.
 * The bus takes what it needs from @payload before this returns.
 */
void
mcp_event_bus_publish (McpEventBus  *self,
                       McpEventKind  kind,
                       const char   *key,
                       JsonObject   *payload)
{
  g_return_if_fail (MCP_IS_EVENT_BUS (self));

  MCP_EVENT_BUS_GET_IFACE (self)->publish (self, kind, key, payload);
}

/**
 * mcp_event_bus_deliver:
 * @self: a #McpEventBus
 * @kind: what happened
 * @key: (nullable): what it happened to
 * @payload: (nullable): the details
 *
 * Emits [signal@Mcp.EventBus::event]: what an implementation calls for
 * every event it has, once, in every process.
 */
void
mcp_event_bus_deliver (McpEventBus  *self,
                       McpEventKind  kind,
                       const char   *key,
                       JsonObject   *payload)
{
  g_return_if_fail (MCP_IS_EVENT_BUS (self));

  g_signal_emit (self, signals[EVENT], 0, kind, key, payload);
}

/**
 * McpMemoryEventBus:
 *
 * An [iface@Mcp.EventBus] within one process: every event reaches the
 * subscribers of this process at once, and no other process. It is the
 * default bus of every [class@Mcp.Server]; several servers in one process
 * may share one.
 */

struct _McpMemoryEventBus
{
  GObject parent_instance;
};

static void mcp_memory_event_bus_iface_init (McpEventBusInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpMemoryEventBus, mcp_memory_event_bus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_EVENT_BUS,
                                                      mcp_memory_event_bus_iface_init))

static void
mcp_memory_event_bus_publish (McpEventBus  *bus,
                              McpEventKind  kind,
                              const char   *key,
                              JsonObject   *payload)
{
  mcp_event_bus_deliver (bus, kind, key, payload);
}

static void
mcp_memory_event_bus_iface_init (McpEventBusInterface *iface)
{
  iface->publish = mcp_memory_event_bus_publish;
}

static void
mcp_memory_event_bus_class_init (McpMemoryEventBusClass *klass)
{
}

static void
mcp_memory_event_bus_init (McpMemoryEventBus *self)
{
}

/**
 * mcp_memory_event_bus_new:
 *
 * Creates a bus within this process.
 *
 * Returns: (transfer full): a new #McpMemoryEventBus
 */
McpEventBus *
mcp_memory_event_bus_new (void)
{
  return g_object_new (MCP_TYPE_MEMORY_EVENT_BUS, NULL);
}
