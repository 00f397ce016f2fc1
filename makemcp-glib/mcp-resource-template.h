/* mcp-resource-template.h
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

#include <makemcp-glib/mcp-completion.h>
#include <makemcp-glib/mcp-protocol.h>
#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-resource-contents.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_RESOURCE_TEMPLATE (mcp_resource_template_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpResourceTemplate, mcp_resource_template, MCP, RESOURCE_TEMPLATE, GObject)

/**
 * McpResourceTemplateFunc:
 * @self: the template
 * @context: the request being served
 * @uri: the URI being read
 * @variables: the template variables @uri was expanded from, each a
 *   string; see [method@Mcp.ResourceTemplate.match_uri] for which are there
 * @user_data: the data given to [method@Mcp.ResourceTemplate.set_read_func]
 * @error: return location for a #GError
 *
 * Reads the resource at @uri. Fail with %MCP_ERROR_RESOURCE_NOT_FOUND when
 * there is none; the server sends the code the request's era uses.
 *
 * Returning %NULL without setting @error is a programming error, not a
 * way to say that the resource does not exist: the server answers the
 * client with an internal error (`-32603`, “Reading “URI” produced
 * nothing”), as it does for a [callback@Mcp.ResourceReadFunc] or a
 * [vfunc@Mcp.ResourceTemplate.read_finish] that does the same.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error set
 */
typedef McpResourceContents *(*McpResourceTemplateFunc) (McpResourceTemplate  *self,
                                                         McpRequestContext    *context,
                                                         const char           *uri,
                                                         JsonObject           *variables,
                                                         gpointer              user_data,
                                                         GError              **error);

/**
 * McpResourceTemplateClass:
 * @parent_class: the parent class
 * @read_async: reads the resource at a URI that matches the template; the
 *   default implementation runs the function set with
 *   [method@Mcp.ResourceTemplate.set_read_func]
 * @read_finish: completes @read_async
 *
 * The class of resource templates.
 */
struct _McpResourceTemplateClass
{
  GObjectClass parent_class;

  void                 (*read_async)  (McpResourceTemplate  *self,
                                       McpRequestContext    *context,
                                       const char           *uri,
                                       JsonObject           *variables,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  McpResourceContents *(*read_finish) (McpResourceTemplate  *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  /*< private >*/
  gpointer _reserved[8];
};

MCP_AVAILABLE_IN_ALL
McpResourceTemplate *mcp_resource_template_new                 (const char               *uri_template,
                                                                const char               *name,
                                                                GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_template_get_uri_template    (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_template_get_name            (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_template_get_title           (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_title           (McpResourceTemplate      *self,
                                                                const char               *title);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_template_get_description     (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_description     (McpResourceTemplate      *self,
                                                                const char               *description);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_template_get_mime_type       (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_mime_type       (McpResourceTemplate      *self,
                                                                const char               *mime_type);
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_template_get_annotations     (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_annotations     (McpResourceTemplate      *self,
                                                                JsonObject               *annotations);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_add_icon            (McpResourceTemplate      *self,
                                                                const char               *src,
                                                                const char               *mime_type,
                                                                const char * const       *sizes,
                                                                const char               *theme);
MCP_AVAILABLE_IN_ALL
JsonArray           *mcp_resource_template_get_icons           (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_template_get_meta            (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_meta            (McpResourceTemplate      *self,
                                                                JsonObject               *meta);
MCP_AVAILABLE_IN_ALL
guint                mcp_resource_template_get_ttl             (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_ttl             (McpResourceTemplate      *self,
                                                                guint                     ttl_ms);
MCP_AVAILABLE_IN_ALL
McpCacheScope        mcp_resource_template_get_cache_scope     (McpResourceTemplate      *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_cache_scope     (McpResourceTemplate      *self,
                                                                McpCacheScope             cache_scope);
MCP_AVAILABLE_IN_ALL
char                *mcp_resource_template_expand              (McpResourceTemplate      *self,
                                                                JsonObject               *variables) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_template_match_uri           (McpResourceTemplate      *self,
                                                                const char               *uri) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_read_func       (McpResourceTemplate      *self,
                                                                McpResourceTemplateFunc   func,
                                                                gpointer                  user_data,
                                                                GDestroyNotify            destroy);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_set_completion_func (McpResourceTemplate      *self,
                                                                McpCompletionFunc         func,
                                                                gpointer                  user_data,
                                                                GDestroyNotify            destroy);
MCP_AVAILABLE_IN_ALL
char               **mcp_resource_template_complete            (McpResourceTemplate      *self,
                                                                McpRequestContext        *context,
                                                                const char               *variable,
                                                                const char               *value,
                                                                JsonObject               *arguments) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_template_read_async          (McpResourceTemplate      *self,
                                                                McpRequestContext        *context,
                                                                const char               *uri,
                                                                JsonObject               *variables,
                                                                GCancellable             *cancellable,
                                                                GAsyncReadyCallback       callback,
                                                                gpointer                  user_data);
MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_resource_template_read_finish         (McpResourceTemplate      *self,
                                                                GAsyncResult             *result,
                                                                GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
