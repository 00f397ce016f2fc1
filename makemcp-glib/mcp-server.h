/* mcp-server.h
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

#include <makemcp-glib/mcp-event-bus.h>
#include <makemcp-glib/mcp-prompt.h>
#include <makemcp-glib/mcp-resource.h>
#include <makemcp-glib/mcp-resource-template.h>
#include <makemcp-glib/mcp-task-store.h>
#include <makemcp-glib/mcp-tool.h>
#include <makemcp-glib/mcp-tool-provider.h>
#include <makemcp-glib/mcp-tool-result.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_SERVER (mcp_server_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpServer, mcp_server, MCP, SERVER, GObject)

MCP_AVAILABLE_IN_ALL
McpServer     *mcp_server_new                        (const char           *name,
                                                      const char           *version) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_name                   (McpServer            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_version                (McpServer            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_title                  (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_title                  (McpServer            *self,
                                                      const char           *title);
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_description            (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_description            (McpServer            *self,
                                                      const char           *description);
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_website_url            (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_website_url            (McpServer            *self,
                                                      const char           *website_url);
MCP_AVAILABLE_IN_ALL
const char    *mcp_server_get_instructions           (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_instructions           (McpServer            *self,
                                                      const char           *instructions);
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_icon                   (McpServer            *self,
                                                      const char           *src,
                                                      const char           *mime_type,
                                                      const char * const   *sizes,
                                                      const char           *theme);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_page_size              (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_page_size              (McpServer            *self,
                                                      guint                 page_size);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_list_ttl               (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_list_ttl               (McpServer            *self,
                                                      guint                 ttl_ms);
MCP_AVAILABLE_IN_ALL
gsize          mcp_server_get_max_message_size       (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_max_message_size       (McpServer            *self,
                                                      gsize                 max_message_size);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_max_json_depth         (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_max_json_depth         (McpServer            *self,
                                                      guint                 max_json_depth);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_client_request_timeout (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_client_request_timeout (McpServer            *self,
                                                      guint                 timeout_ms);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_input_state_ttl        (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_input_state_ttl        (McpServer            *self,
                                                      guint                 ttl_seconds);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_max_in_flight          (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_max_in_flight          (McpServer            *self,
                                                      guint                 max_in_flight);
MCP_AVAILABLE_IN_ALL
McpTaskStore  *mcp_server_get_task_store             (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_task_store             (McpServer            *self,
                                                      McpTaskStore         *store);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_task_ttl               (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_task_ttl               (McpServer            *self,
                                                      guint                 ttl_ms);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_task_lease             (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_task_lease             (McpServer            *self,
                                                      guint                 lease_ms);
MCP_AVAILABLE_IN_ALL
McpEventBus   *mcp_server_get_event_bus              (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_event_bus              (McpServer            *self,
                                                      McpEventBus          *bus);
MCP_AVAILABLE_IN_ALL
guint          mcp_server_get_task_poll_interval     (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_task_poll_interval     (McpServer            *self,
                                                      guint                 interval_ms);
MCP_AVAILABLE_IN_ALL
void           mcp_server_set_secret_key             (McpServer            *self,
                                                      GBytes               *key,
                                                      guint                 grace_seconds);
MCP_AVAILABLE_IN_ALL
char          *mcp_server_mint_handle                (McpServer            *self,
                                                      const char           *kind,
                                                      const char           *value,
                                                      guint                 ttl_seconds) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
char          *mcp_server_verify_handle              (McpServer            *self,
                                                      const char           *kind,
                                                      const char           *handle,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_tool                   (McpServer            *self,
                                                      McpTool              *tool);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_remove_tool                (McpServer            *self,
                                                      const char           *name);
MCP_AVAILABLE_IN_ALL
McpTool       *mcp_server_lookup_tool                (McpServer            *self,
                                                      const char           *name);
MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_server_list_tools                 (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_provider               (McpServer            *self,
                                                      McpToolProvider      *provider);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_remove_provider            (McpServer            *self,
                                                      McpToolProvider      *provider);
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_prompt                 (McpServer            *self,
                                                      McpPrompt            *prompt);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_remove_prompt              (McpServer            *self,
                                                      const char           *name);
MCP_AVAILABLE_IN_ALL
McpPrompt     *mcp_server_lookup_prompt              (McpServer            *self,
                                                      const char           *name);
MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_server_list_prompts               (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_resource               (McpServer            *self,
                                                      McpResource          *resource);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_remove_resource            (McpServer            *self,
                                                      const char           *uri);
MCP_AVAILABLE_IN_ALL
McpResource   *mcp_server_lookup_resource            (McpServer            *self,
                                                      const char           *uri);
MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_server_list_resources             (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_server_add_resource_template      (McpServer            *self,
                                                      McpResourceTemplate  *resource_template);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_remove_resource_template   (McpServer            *self,
                                                      const char           *uri_template);
MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_server_list_resource_templates    (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_server_notify_resource_updated    (McpServer            *self,
                                                      const char           *uri);
MCP_AVAILABLE_IN_ALL
void           mcp_server_close_subscriptions        (McpServer            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_server_call_tool_async            (McpServer            *self,
                                                      const char           *name,
                                                      JsonObject           *arguments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_server_call_tool_finish           (McpServer            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_server_get_capabilities           (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_server_describe                   (McpServer            *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
gboolean       mcp_server_run_stdio                  (McpServer            *self,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
int            mcp_server_run                        (McpServer            *self,
                                                      int                   argc,
                                                      char                **argv);

G_END_DECLS
