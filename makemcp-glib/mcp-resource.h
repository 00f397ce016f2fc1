/* mcp-resource.h
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

#include <makemcp-glib/mcp-protocol.h>
#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-resource-contents.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_RESOURCE (mcp_resource_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpResource, mcp_resource, MCP, RESOURCE, GObject)

/**
 * McpResourceReadFunc:
 * @resource: the resource being read
 * @context: the request being served
 * @user_data: the data given to [method@Mcp.Resource.set_read_func]
 * @error: return location for a #GError
 *
 * Reads a resource. Fail with %MCP_ERROR_RESOURCE_NOT_FOUND when the
 * resource is gone; the server sends the code the request's protocol era
 * uses for that.
 *
 * Returning %NULL without setting @error is a programming error. The
 * server does not log it; it answers the client with an internal error
 * (`-32603`, “Reading “URI” produced nothing”), as it does for a
 * [callback@Mcp.ResourceTemplateFunc] or a
 * [vfunc@Mcp.Resource.read_finish] that does the same.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error set
 */
typedef McpResourceContents *(*McpResourceReadFunc) (McpResource        *resource,
                                                     McpRequestContext  *context,
                                                     gpointer            user_data,
                                                     GError            **error);

/**
 * McpResourceClass:
 * @parent_class: the parent class
 * @read_async: reads the resource; the default implementation returns the
 *   contents set with [method@Mcp.Resource.set_contents] or runs the
 *   function set with [method@Mcp.Resource.set_read_func]
 * @read_finish: completes @read_async
 *
 * The class of resources. Subclasses that read asynchronously override
 * @read_async and @read_finish in the GIO pattern.
 */
struct _McpResourceClass
{
  GObjectClass parent_class;

  void                 (*read_async)  (McpResource          *self,
                                       McpRequestContext    *context,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  McpResourceContents *(*read_finish) (McpResource          *self,
                                       GAsyncResult         *result,
                                       GError              **error);

  /*< private >*/
  gpointer _reserved[8];
};

MCP_AVAILABLE_IN_ALL
McpResource         *mcp_resource_new             (const char           *uri,
                                                   const char           *name) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpResource         *mcp_resource_new_text        (const char           *uri,
                                                   const char           *name,
                                                   const char           *mime_type,
                                                   const char           *text) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_get_uri         (McpResource          *self);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_get_name        (McpResource          *self);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_get_title       (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_title       (McpResource          *self,
                                                   const char           *title);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_get_description (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_description (McpResource          *self,
                                                   const char           *description);
MCP_AVAILABLE_IN_ALL
const char          *mcp_resource_get_mime_type   (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_mime_type   (McpResource          *self,
                                                   const char           *mime_type);
MCP_AVAILABLE_IN_ALL
gint64               mcp_resource_get_size        (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_size        (McpResource          *self,
                                                   gint64                size);
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_get_annotations (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_annotations (McpResource          *self,
                                                   JsonObject           *annotations);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_add_icon        (McpResource          *self,
                                                   const char           *src,
                                                   const char           *mime_type,
                                                   const char * const   *sizes,
                                                   const char           *theme);
MCP_AVAILABLE_IN_ALL
JsonArray           *mcp_resource_get_icons       (McpResource          *self);
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_get_meta        (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_meta        (McpResource          *self,
                                                   JsonObject           *meta);
MCP_AVAILABLE_IN_ALL
guint                mcp_resource_get_ttl         (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_ttl         (McpResource          *self,
                                                   guint                 ttl_ms);
MCP_AVAILABLE_IN_ALL
McpCacheScope        mcp_resource_get_cache_scope (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_cache_scope (McpResource          *self,
                                                   McpCacheScope         cache_scope);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_contents    (McpResource          *self,
                                                   McpResourceContents  *contents);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_set_read_func   (McpResource          *self,
                                                   McpResourceReadFunc   func,
                                                   gpointer              user_data,
                                                   GDestroyNotify        destroy);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_notify_updated  (McpResource          *self);
MCP_AVAILABLE_IN_ALL
void                 mcp_resource_read_async      (McpResource          *self,
                                                   McpRequestContext    *context,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_resource_read_finish     (McpResource          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject          *mcp_resource_to_json         (McpResource          *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
