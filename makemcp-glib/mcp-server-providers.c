/* mcp-server-providers.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-provider-tool-private.h"
#include "mcp-server-private.h"
#include "mcp-tool-private.h"

/* The providers of a server: each one's tools are registered like any
 * other tool, and go away with it. The list hangs off the server as object
 * data so that the registry itself stays as it is. */

typedef struct
{
  McpServer       *server;     /* not owned */
  McpToolProvider *provider;
  GPtrArray       *tools;      /* McpTool registered for it */
  GPtrArray       *resources;  /* McpResource registered for it */
  gulong           changed_id;
  gulong           lenient_id;
} ProviderEntry;

#define PROVIDERS_KEY "mcp-server-providers"

static void
provider_entry_free (ProviderEntry *entry)
{
  g_clear_signal_handler (&entry->changed_id, entry->provider);
  g_clear_signal_handler (&entry->lenient_id, entry->provider);
  g_clear_object (&entry->provider);
  g_clear_pointer (&entry->tools, g_ptr_array_unref);
  g_clear_pointer (&entry->resources, g_ptr_array_unref);
  g_free (entry);
}

static GPtrArray *
get_entries (McpServer *self,
             gboolean   create)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (self), PROVIDERS_KEY);

  if (entries == NULL && create)
    {
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify)provider_entry_free);
      g_object_set_data_full (G_OBJECT (self), PROVIDERS_KEY, entries,
                              (GDestroyNotify)g_ptr_array_unref);
    }

  return entries;
}

static ProviderEntry *
find_entry (McpServer       *self,
            McpToolProvider *provider,
            guint           *index)
{
  GPtrArray *entries = get_entries (self, FALSE);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ProviderEntry *entry = g_ptr_array_index (entries, i);

      if (entry->provider == provider)
        {
          if (index != NULL)
            *index = i;
          return entry;
        }
    }

  return NULL;
}

static void
unregister_tools (ProviderEntry *entry)
{
  for (guint i = 0; i < entry->tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (entry->tools, i);
      const char *name = mcp_tool_get_name (tool);

      /* Only if another registration did not replace it since */
      if (mcp_server_lookup_tool (entry->server, name) == tool)
        mcp_server_remove_tool (entry->server, name);
    }

  g_ptr_array_set_size (entry->tools, 0);
}

static void
register_tools (ProviderEntry *entry)
{
  g_autoptr(GPtrArray) tools = mcp_tool_provider_list_tools (entry->provider);

  for (guint i = 0; tools != NULL && i < tools->len; i++)
    {
      McpTool *listed = g_ptr_array_index (tools, i);
      g_autoptr(McpTool) tool = NULL;

      if (!MCP_IS_TOOL (listed) || mcp_tool_get_name (listed) == NULL)
        {
          g_critical ("%s: list_tools() returned something that is not a named McpTool",
                      G_OBJECT_TYPE_NAME (entry->provider));
          continue;
        }

      /* A tool of the provider's own goes in as it is; any other tool is
       * wrapped so that its calls reach the provider's call_tool vfunc. */
      if (MCP_IS_PROVIDER_TOOL (listed) &&
          mcp_provider_tool_get_provider (MCP_PROVIDER_TOOL (listed)) == entry->provider)
        tool = g_object_ref (listed);
      else
        {
          tool = mcp_provider_tool_new_wrapper (entry->provider, listed);
          mcp_tool_set_lenient (tool, mcp_tool_provider_get_lenient (entry->provider));
        }

      mcp_server_add_tool (entry->server, tool);
      g_ptr_array_add (entry->tools, g_steal_pointer (&tool));
    }
}

static void
register_resources (ProviderEntry *entry)
{
  g_autoptr(GPtrArray) resources = mcp_tool_provider_list_resources (entry->provider);

  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      McpResource *resource = g_ptr_array_index (resources, i);

      if (!MCP_IS_RESOURCE (resource) || mcp_resource_get_uri (resource) == NULL)
        {
          g_critical ("%s: list_resources() returned something that is not an McpResource "
                      "with a URI", G_OBJECT_TYPE_NAME (entry->provider));
          continue;
        }

      mcp_server_add_resource (entry->server, resource);
      g_ptr_array_add (entry->resources, g_object_ref (resource));
    }
}

static void
unregister_resources (ProviderEntry *entry)
{
  for (guint i = 0; i < entry->resources->len; i++)
    {
      McpResource *resource = g_ptr_array_index (entry->resources, i);
      const char *uri = mcp_resource_get_uri (resource);

      if (mcp_server_lookup_resource (entry->server, uri) == resource)
        mcp_server_remove_resource (entry->server, uri);
    }

  g_ptr_array_set_size (entry->resources, 0);
}

/* The provider updates its own tools; the wrappers of listed tools are the
 * server's to update. */
static void
lenient_changed_cb (McpToolProvider *provider,
                    GParamSpec      *pspec,
                    ProviderEntry   *entry)
{
  for (guint i = 0; i < entry->tools->len; i++)
    mcp_tool_set_lenient (g_ptr_array_index (entry->tools, i),
                          mcp_tool_provider_get_lenient (provider));
}

static void
tools_changed_cb (McpToolProvider *provider,
                  ProviderEntry   *entry)
{
  mcp_server_freeze_tools_changed (entry->server);
  unregister_tools (entry);
  register_tools (entry);
  mcp_server_thaw_tools_changed (entry->server);
}

/**
 * mcp_server_add_provider:
 * @self: a #McpServer
 * @provider: a #McpToolProvider
 *
 * Adds the tools of @provider to the server: each public method and
 * property of its class (see [class@Mcp.ToolProvider]), and its
 * resources ([method@Mcp.ToolProvider.list_resources]). The server keeps
 * @provider, one instance for every call and every client, until
 * [method@Mcp.Server.remove_provider]. When the provider's tools change
 * ([signal@Mcp.ToolProvider::tools-changed]) the server follows.
 *
 * A tool of the same name as one already registered replaces it, as with
 * [method@Mcp.Server.add_tool].
 */
void
mcp_server_add_provider (McpServer       *self,
                         McpToolProvider *provider)
{
  ProviderEntry *entry;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TOOL_PROVIDER (provider));

  if (find_entry (self, provider, NULL) != NULL)
    return;

  entry = g_new0 (ProviderEntry, 1);
  entry->server = self;
  entry->provider = g_object_ref (provider);
  entry->tools = g_ptr_array_new_with_free_func (g_object_unref);
  entry->resources = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (get_entries (self, TRUE), entry);

  mcp_server_freeze_tools_changed (self);
  register_tools (entry);
  mcp_server_thaw_tools_changed (self);
  register_resources (entry);
  entry->changed_id = g_signal_connect (provider, "tools-changed",
                                        G_CALLBACK (tools_changed_cb), entry);
  entry->lenient_id = g_signal_connect (provider, "notify::lenient",
                                        G_CALLBACK (lenient_changed_cb), entry);
}

/**
 * mcp_server_remove_provider:
 * @self: a #McpServer
 * @provider: a #McpToolProvider
 *
 * Removes the tools and resources of @provider from the server, and the
 * server's reference to it.
 *
 * Returns: %TRUE if @provider had been added
 */
gboolean
mcp_server_remove_provider (McpServer       *self,
                            McpToolProvider *provider)
{
  ProviderEntry *entry;
  guint index = 0;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (provider), FALSE);

  if ((entry = find_entry (self, provider, &index)) == NULL)
    return FALSE;

  mcp_server_freeze_tools_changed (self);
  unregister_tools (entry);
  mcp_server_thaw_tools_changed (self);
  unregister_resources (entry);
  g_ptr_array_remove_index (get_entries (self, FALSE), index);
  return TRUE;
}

/* Called when the server starts serving, after the command line was
 * parsed: a provider whose typelib could not be loaded is worth a warning
 * then (and not while g-ir-scanner runs the program to build it). */
void
mcp_server_check_providers (McpServer *self)
{
  GPtrArray *entries = get_entries (self, FALSE);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ProviderEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;

      if (!mcp_tool_provider_check_introspection (entry->provider, &error))
        g_warning ("%s: its methods are not tools: %s",
                   G_OBJECT_TYPE_NAME (entry->provider), error->message);
    }
}
