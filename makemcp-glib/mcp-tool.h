/* mcp-tool.h
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

#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-tool-result.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * McpTaskSupport:
 * @MCP_TASK_SUPPORT_FORBIDDEN: calls of the tool always answer with their
 *   result
 * @MCP_TASK_SUPPORT_OPTIONAL: a call becomes a task when the client
 *   supports the tasks extension, and runs to its result otherwise
 * @MCP_TASK_SUPPORT_REQUIRED: a call must become a task; a 2026-07-28
 *   client that does not declare the tasks extension gets error -32021.
 *   Legacy clients (2025-11-25 and older), which cannot follow tasks of the
 *   extension, get the result when the work is done, as for a tool that
 *   forbids tasks
 *
 * Whether calls of a tool may become tasks (the
 * `io.modelcontextprotocol/tasks` extension of 2026-07-28): the client gets
 * a task handle at once and polls `tasks/get` for the result.
 */
typedef enum
{
  MCP_TASK_SUPPORT_FORBIDDEN,
  MCP_TASK_SUPPORT_OPTIONAL,
  MCP_TASK_SUPPORT_REQUIRED,
} McpTaskSupport;

#define MCP_TYPE_TOOL (mcp_tool_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpTool, mcp_tool, MCP, TOOL, GObject)

typedef struct _McpToolInvocation McpToolInvocation;

/**
 * McpToolFunc:
 * @tool: the tool being called
 * @context: the request being served
 * @arguments: the arguments of the call, already checked against the
 *   tool's input schema
 * @user_data: the data given to [method@Mcp.Tool.set_func]
 * @error: return location for a #GError
 *
 * A synchronous tool handler. It runs on the main loop, or in a worker
 * thread when [property@Mcp.Tool:run-in-thread] is set.
 *
 * An error it returns becomes a tool result with `isError: true` and the
 * error's message, except errors of the %MCP_ERROR domain, which become
 * JSON-RPC errors with their code.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef McpToolResult *(*McpToolFunc) (McpTool            *tool,
                                       McpRequestContext  *context,
                                       JsonObject         *arguments,
                                       gpointer            user_data,
                                       GError            **error);

/**
 * McpToolAsyncFunc:
 * @tool: the tool being called
 * @invocation: the call; complete it with one of its `return_` methods,
 *   now or later
 * @user_data: the data given to [method@Mcp.Tool.set_async_func]
 *
 * An asynchronous tool handler. It starts the work and returns; the call
 * completes when the handler calls [method@Mcp.ToolInvocation.return_result]
 * or another `return_` method on @invocation, from the main loop. Many
 * calls of an asynchronous tool run at once.
 */
typedef void (*McpToolAsyncFunc) (McpTool           *tool,
                                  McpToolInvocation *invocation,
                                  gpointer           user_data);

/**
 * McpToolClass:
 * @parent_class: the parent class
 * @call_async: starts a call of the tool; the default implementation runs
 *   the handler set with [method@Mcp.Tool.set_func] or
 *   [method@Mcp.Tool.set_async_func]
 * @call_finish: completes a call started with @call_async
 *
 * The class of tools. Subclasses that implement a tool directly override
 * @call_async and @call_finish, in the GIO asynchronous pattern.
 */
struct _McpToolClass
{
  GObjectClass parent_class;

  void           (*call_async)  (McpTool              *self,
                                 McpRequestContext    *context,
                                 JsonObject           *arguments,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  McpToolResult *(*call_finish) (McpTool              *self,
                                 GAsyncResult         *result,
                                 GError              **error);

  /*< private >*/
  gpointer _reserved[8];
};

MCP_AVAILABLE_IN_ALL
McpTool       *mcp_tool_new                          (const char           *name,
                                                      const char           *description) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char    *mcp_tool_get_name                     (McpTool              *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_tool_get_title                    (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_title                    (McpTool              *self,
                                                      const char           *title);
MCP_AVAILABLE_IN_ALL
const char    *mcp_tool_get_description              (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_description              (McpTool              *self,
                                                      const char           *description);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_get_input_schema             (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_input_schema             (McpTool              *self,
                                                      JsonObject           *schema);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_set_input_schema_json        (McpTool              *self,
                                                      const char           *json,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_get_output_schema            (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_output_schema            (McpTool              *self,
                                                      JsonObject           *schema);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_set_output_schema_json       (McpTool              *self,
                                                      const char           *json,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_get_annotations              (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_annotations              (McpTool              *self,
                                                      JsonObject           *annotations);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_hint                     (McpTool              *self,
                                                      const char           *hint,
                                                      gboolean              value);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_add_icon                     (McpTool              *self,
                                                      const char           *src,
                                                      const char           *mime_type,
                                                      const char * const   *sizes,
                                                      const char           *theme);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_tool_get_icons                    (McpTool              *self);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_get_meta                     (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_meta                     (McpTool              *self,
                                                      JsonObject           *meta);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_get_run_in_thread            (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_run_in_thread            (McpTool              *self,
                                                      gboolean              run_in_thread);
MCP_AVAILABLE_IN_ALL
guint          mcp_tool_get_timeout                  (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_timeout                  (McpTool              *self,
                                                      guint                 timeout_ms);
MCP_AVAILABLE_IN_ALL
McpTaskSupport mcp_tool_get_task_support             (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_task_support             (McpTool              *self,
                                                      McpTaskSupport        task_support);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_get_auto_task                (McpTool              *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_auto_task                (McpTool              *self,
                                                      gboolean              auto_task);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_func                     (McpTool              *self,
                                                      McpToolFunc           func,
                                                      gpointer              user_data,
                                                      GDestroyNotify        destroy);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_set_async_func               (McpTool              *self,
                                                      McpToolAsyncFunc      func,
                                                      gpointer              user_data,
                                                      GDestroyNotify        destroy);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_call_async                   (McpTool              *self,
                                                      McpRequestContext    *context,
                                                      JsonObject           *arguments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_call_finish                  (McpTool              *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_tool_to_json                      (McpTool              *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
