/* mcp-event-bus.h
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
#include <json-glib/json-glib.h>

#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * McpEventKind:
 * @MCP_EVENT_TOOLS_CHANGED: the list of tools changed; no key
 * @MCP_EVENT_PROMPTS_CHANGED: the list of prompts changed; no key
 * @MCP_EVENT_RESOURCES_CHANGED: the list of resources or resource
 *   templates changed; no key
 * @MCP_EVENT_RESOURCE_UPDATED: the contents of a resource changed; the key
 *   is its URI
 * @MCP_EVENT_TASK_STATUS: a task changed; the key is its id, the payload
 *   the task as `tasks/get` returns it
 * @MCP_EVENT_TASK_CANCEL: a client cancelled a task through a server
 *   process that does not run it; the key is its id. Only the process that
 *   runs the task acts on it.
 * @MCP_EVENT_TASK_INPUT: a client answered the input requests of a task
 *   through a server process that does not run it; the key is its id, the
 *   payload holds the `inputResponses`. Only the process that runs the
 *   task acts on it.
 *
 * What travels on an [iface@Mcp.EventBus]: the changes clients hear of
 * (notifications), and the messages about tasks that server processes
 * sharing a [iface@Mcp.TaskStore] send each other.
 */
typedef enum
{
  MCP_EVENT_TOOLS_CHANGED,
  MCP_EVENT_PROMPTS_CHANGED,
  MCP_EVENT_RESOURCES_CHANGED,
  MCP_EVENT_RESOURCE_UPDATED,
  MCP_EVENT_TASK_STATUS,
  MCP_EVENT_TASK_CANCEL,
  MCP_EVENT_TASK_INPUT,
} McpEventKind;

#define MCP_TYPE_EVENT_BUS (mcp_event_bus_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (McpEventBus, mcp_event_bus, MCP, EVENT_BUS, GObject)

/**
 * McpEventBusInterface:
 * @parent_iface: the parent interface
 * @publish: sends an event to every subscriber: in this process exactly
 *   once, at once (before it returns); in every other process on the bus
 *   at most once (an event may be lost, such as while a process is
 *   cut off from the bus), never twice
 *
 * The interface of [iface@Mcp.EventBus].
 */
struct _McpEventBusInterface
{
  GTypeInterface parent_iface;

  void (*publish) (McpEventBus  *self,
                   McpEventKind  kind,
                   const char   *key,
                   JsonObject   *payload);
};

MCP_AVAILABLE_IN_ALL
void mcp_event_bus_publish (McpEventBus  *self,
                            McpEventKind  kind,
                            const char   *key,
                            JsonObject   *payload);
MCP_AVAILABLE_IN_ALL
void mcp_event_bus_deliver (McpEventBus  *self,
                            McpEventKind  kind,
                            const char   *key,
                            JsonObject   *payload);

#define MCP_TYPE_MEMORY_EVENT_BUS (mcp_memory_event_bus_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpMemoryEventBus, mcp_memory_event_bus, MCP, MEMORY_EVENT_BUS, GObject)

MCP_AVAILABLE_IN_ALL
McpEventBus *mcp_memory_event_bus_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
