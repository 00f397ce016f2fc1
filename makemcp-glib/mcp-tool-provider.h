/* mcp-tool-provider.h
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
#include <makemcp-glib/mcp-resource.h>
#include <makemcp-glib/mcp-tool.h>
#include <makemcp-glib/mcp-tool-invocation.h>
#include <makemcp-glib/mcp-tool-result.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_TOOL_PROVIDER (mcp_tool_provider_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpToolProvider, mcp_tool_provider, MCP, TOOL_PROVIDER, GObject)

/**
 * McpToolProviderFlags:
 * @MCP_TOOL_PROVIDER_FLAGS_NONE: nothing beyond the methods of the class
 *   itself
 * @MCP_TOOL_PROVIDER_INHERIT_METHODS: also expose the methods (and
 *   properties) of ancestor classes, up to but not including
 *   [class@Mcp.ToolProvider]
 * @MCP_TOOL_PROVIDER_PROPERTY_GETTERS: expose each readable property as a
 *   read-only tool `get_<name>`
 * @MCP_TOOL_PROVIDER_PROPERTY_SETTERS: expose each writable property as a
 *   tool `set_<name>` taking `value`
 * @MCP_TOOL_PROVIDER_PROPERTY_RESOURCES: expose each readable property as
 *   a resource `property://<TypeName>/<name>` whose subscribers are told
 *   when it changes (its #GObject::notify signal)
 * @MCP_TOOL_PROVIDER_LENIENT: convert arguments leniently by default, e.g.
 *   accept the string `"3"` for an integer (see
 *   [property@Mcp.ToolProvider:lenient])
 *
 * Class-level options of a tool provider, set in `class_init` with
 * [method@Mcp.ToolProviderClass.set_flags]. The default is
 * %MCP_TOOL_PROVIDER_PROPERTY_GETTERS | %MCP_TOOL_PROVIDER_PROPERTY_SETTERS |
 * %MCP_TOOL_PROVIDER_PROPERTY_RESOURCES.
 */
typedef enum /*< flags >*/
{
  MCP_TOOL_PROVIDER_FLAGS_NONE         = 0,
  MCP_TOOL_PROVIDER_INHERIT_METHODS    = 1 << 0,
  MCP_TOOL_PROVIDER_PROPERTY_GETTERS   = 1 << 1,
  MCP_TOOL_PROVIDER_PROPERTY_SETTERS   = 1 << 2,
  MCP_TOOL_PROVIDER_PROPERTY_RESOURCES = 1 << 3,
  MCP_TOOL_PROVIDER_LENIENT            = 1 << 4,
} McpToolProviderFlags;

/**
 * MCP_PARAM_OPTIONAL:
 *
 * A #GParamFlags bit for the argument specifications given to
 * [method@Mcp.ToolProviderClass.add_method]: the argument may be left out
 * of a call, and the default value of its #GParamSpec is passed then.
 */
#define MCP_PARAM_OPTIONAL (1 << G_PARAM_USER_SHIFT)

/**
 * MCP_PARAM_NULLABLE:
 *
 * A #GParamFlags bit for the argument specifications given to
 * [method@Mcp.ToolProviderClass.add_method]: a string or boxed argument
 * may be JSON `null`, and %NULL is passed then.
 */
#define MCP_PARAM_NULLABLE (1 << (G_PARAM_USER_SHIFT + 1))

/**
 * McpToolProviderClass:
 * @parent_class: the parent class
 * @list_tools: lists the provider's tools; the default implementation
 *   returns the tools found through GObject-Introspection and declared
 *   with [method@Mcp.ToolProviderClass.add_method], and the property tools
 * @call_tool_async: starts a call of one of the tools @list_tools
 *   returned; the default implementation invokes the method behind it
 * @call_tool_finish: completes a call started with @call_tool_async; the
 *   default implementation propagates the #McpToolResult of a #GTask
 * @list_resources: lists the provider's resources; the default
 *   implementation returns one for each readable property when the class
 *   has %MCP_TOOL_PROVIDER_PROPERTY_RESOURCES
 * @handle_call: answers a call through a [class@Mcp.ToolInvocation]; when a
 *   subclass sets it, the default @call_tool_async hands it the calls of
 *   every tool that is not one of the class's own methods or properties,
 *   that is the tools an override of @list_tools added. It is the shape of
 *   @call_tool_async for bindings that cannot implement a vfunc taking a
 *   callback (GJS 1.74)
 *
 * The class of tool providers. A C class usually overrides nothing: its
 * public methods and properties are its tools. A class written in Python
 * or JavaScript, whose methods are in no typelib, overrides @list_tools,
 * returning tools that have their own handlers, or dispatches the calls
 * itself with @handle_call (or @call_tool_async and @call_tool_finish).
 */
struct _McpToolProviderClass
{
  GObjectClass parent_class;

  GPtrArray     *(*list_tools)       (McpToolProvider      *self);
  void           (*call_tool_async)  (McpToolProvider      *self,
                                      McpTool              *tool,
                                      McpRequestContext    *context,
                                      JsonObject           *arguments,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  McpToolResult *(*call_tool_finish) (McpToolProvider      *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void           (*handle_call)      (McpToolProvider      *self,
                                      McpTool              *tool,
                                      McpToolInvocation    *invocation);
  GPtrArray     *(*list_resources)   (McpToolProvider      *self);

  /*< private >*/
  gpointer _reserved[10];
};

MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_tool_provider_list_tools                 (McpToolProvider       *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
GPtrArray     *mcp_tool_provider_list_resources             (McpToolProvider       *self) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_call_tool_async            (McpToolProvider       *self,
                                                             McpTool               *tool,
                                                             McpRequestContext     *context,
                                                             JsonObject            *arguments,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_tool_provider_call_tool_finish           (McpToolProvider       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_tools_changed              (McpToolProvider       *self);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_provider_get_lenient                (McpToolProvider       *self);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_set_lenient                (McpToolProvider       *self,
                                                             gboolean               lenient);
MCP_AVAILABLE_IN_ALL
const char    *mcp_tool_provider_get_description            (McpToolProvider       *self);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_tool_provider_check_introspection        (McpToolProvider       *self,
                                                             GError               **error);

MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_class_set_flags            (McpToolProviderClass  *klass,
                                                             McpToolProviderFlags   flags);
MCP_AVAILABLE_IN_ALL
McpToolProviderFlags
               mcp_tool_provider_class_get_flags            (McpToolProviderClass  *klass);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_class_set_namespace        (McpToolProviderClass  *klass,
                                                             const char            *namespace_,
                                                             const char            *version);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_class_set_introspection_data
                                                            (McpToolProviderClass  *klass,
                                                             const char            *location);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_class_add_method           (McpToolProviderClass  *klass,
                                                             const char            *name,
                                                             const char            *description,
                                                             GCallback              func,
                                                             GType                  return_type,
                                                             guint                  n_params,
                                                             ...);
MCP_AVAILABLE_IN_ALL
void           mcp_tool_provider_class_add_async_method     (McpToolProviderClass  *klass,
                                                             const char            *name,
                                                             const char            *description,
                                                             GCallback              async_func,
                                                             GCallback              finish_func,
                                                             GType                  return_type,
                                                             guint                  n_params,
                                                             ...);

MCP_AVAILABLE_IN_ALL
int            mcp_tool_provider_run                        (GType                  provider_type,
                                                             const char            *name,
                                                             const char            *version,
                                                             int                    argc,
                                                             char                 **argv);

G_END_DECLS
