/* mcp-server-resources.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-resource-private.h"
#include "mcp-server-private.h"

/* resources/list, resources/templates/list and resources/read, in both
 * eras. */

void
mcp_server_handle_resources_list (McpServer         *self,
                                  McpRequestContext *context)
{
  mcp_server_reply_list (self, context, mcp_server_get_resources (self), "resources",
                         (McpToJsonFunc)mcp_resource_to_json_for_version);
}

void
mcp_server_handle_templates_list (McpServer         *self,
                                  McpRequestContext *context)
{
  mcp_server_reply_list (self, context, mcp_server_get_templates (self), "resourceTemplates",
                         (McpToJsonFunc)mcp_resource_template_to_json_for_version);
}

/* A resource that is not there is -32602 in 2026-07-28 and -32002 before;
 * both carry the URI in data. */
static void
reply_read_error (McpServer         *self,
                  McpRequestContext *context,
                  const char        *uri,
                  const GError      *error)
{
  if (g_error_matches (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND))
    {
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "uri", uri);
      mcp_server_reply_error_full (self, context,
                                   mcp_request_context_get_era (context) == MCP_ERA_MODERN
                                   ? MCP_ERROR_INVALID_PARAMS : MCP_ERROR_RESOURCE_NOT_FOUND,
                                   error->message, mcp_json_node_new_object_take (data));
    }
  else
    {
      g_autofree char *what = g_strdup_printf ("Reading “%s”", uri);

      mcp_server_reply_handler_failure (self, context, error, what);
    }
}

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
  char              *uri;
  guint              ttl;
  McpCacheScope      cache_scope;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_free (data->uri);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadData, read_data_free)

static void
complete_read (ReadData            *data,
               McpResourceContents *contents,
               const GError        *error)
{
  if (mcp_request_context_is_finished (data->context))
    return;

  if (contents == NULL)
    {
      g_autoptr(GError) nothing = NULL;

      /* A read_finish() override that gave neither is answered like a
       * read function that did the same. */
      if (error == NULL)
        error = nothing = mcp_resource_error_produced_nothing (data->uri);
      reply_read_error (data->server, data->context, data->uri, error);
      return;
    }

  mcp_server_reply_cacheable (data->server, data->context,
                              mcp_resource_contents_to_json (contents),
                              data->ttl, data->cache_scope);
}

static void
resource_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReadData) data = user_data;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = mcp_resource_read_finish (MCP_RESOURCE (object), result, &error);
  complete_read (data, contents, error);
}

static void
template_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReadData) data = user_data;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = mcp_resource_template_read_finish (MCP_RESOURCE_TEMPLATE (object), result, &error);
  complete_read (data, contents, error);
}

void
mcp_server_handle_resources_read (McpServer         *self,
                                  McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  const char *uri = mcp_json_get_string (params, "uri");
  GCancellable *cancellable = mcp_request_context_get_cancellable (context);
  McpRegistry *templates = mcp_server_get_templates (self);
  McpResource *resource;
  ReadData *data;

  if (uri == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “uri” must be a string");
      return;
    }

  data = g_new0 (ReadData, 1);
  data->server = g_object_ref (self);
  data->context = g_object_ref (context);
  data->uri = g_strdup (uri);
  data->cache_scope = MCP_CACHE_SCOPE_PRIVATE;

  if ((resource = mcp_server_lookup_resource (self, uri)) != NULL)
    {
      data->ttl = mcp_resource_get_ttl (resource);
      data->cache_scope = mcp_resource_get_cache_scope (resource);
      mcp_resource_read_async (resource, context, cancellable, resource_read_cb, data);
      return;
    }

  for (GSequenceIter *iter = g_sequence_get_begin_iter (templates->items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    {
      McpResourceTemplate *template = g_sequence_get (iter);
      g_autoptr(JsonObject) variables = mcp_resource_template_match (template, uri);

      if (variables != NULL)
        {
          data->ttl = mcp_resource_template_get_ttl (template);
          data->cache_scope = mcp_resource_template_get_cache_scope (template);
          mcp_resource_template_read_async (template, context, uri, variables, cancellable,
                                            template_read_cb, data);
          return;
        }
    }

  {
    g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND,
                                           "Resource not found: %s", uri);

    complete_read (data, NULL, error);
    read_data_free (data);
  }
}
