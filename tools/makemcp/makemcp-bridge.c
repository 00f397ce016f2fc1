/* makemcp-bridge.c — a remote server, served locally on standard input and output
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For MCP clients that only start programs: `makemcp bridge URL` is such a
 * program. It connects to the server at URL (Streamable HTTP, or any other
 * SERVER makemcp knows) with McpClient, and serves the same tools,
 * resources, resource templates and prompts on stdio with McpServer, each
 * call forwarded. The two sides speak their own era: a legacy stdio client
 * can use a 2026-07-28-only HTTP server and the other way round.
 *
 * Forwarded with each call: cancellation (both ways), progress, log
 * messages, and input requests (the remote server's elicitation,
 * sampling and roots requests become requests of the local server to the
 * local client). List changes of the remote server are followed; resource
 * updates are passed on.
 *
 * An input request, a progress report or a log message of the remote
 * server does not say which call it belongs to; they go to the call
 * started last that is still running (with one call at a time, the
 * usual case for the clients that need a bridge, that is exact).
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "makemcp.h"

#define MAX_SUBSCRIPTIONS 100

typedef struct
{
  McpClient *client;
  McpServer *server;
  GPtrArray *calls;          /* Call, in the order they started */
  GHashTable *resources;     /* uri → McpResource */
  guint      sync_source;
  gboolean   syncing;
  gboolean   resync;
} Bridge;

/* A local call being forwarded. */
typedef struct
{
  Bridge            *bridge;
  McpRequestContext *context;
  GCancellable      *cancellable;
  char              *method;
  char              *target;
  guint              inputs;     /* keys for input requests without one */
} Call;

static Bridge *the_bridge;

static Call *
call_new (Bridge            *bridge,
          McpRequestContext *context,
          GCancellable      *cancellable,
          const char        *method,
          const char        *target)
{
  Call *call = g_new0 (Call, 1);

  call->bridge = bridge;
  call->context = g_object_ref (context);
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  call->method = g_strdup (method);
  call->target = g_strdup (target);
  g_ptr_array_add (bridge->calls, call);
  return call;
}

static void
call_free (Call *call)
{
  g_ptr_array_remove (call->bridge->calls, call);
  g_clear_object (&call->context);
  g_clear_object (&call->cancellable);
  g_free (call->method);
  g_free (call->target);
  g_free (call);
}

static Call *
latest_call (Bridge     *bridge,
             const char *method,
             const char *target)
{
  for (guint i = bridge->calls->len; i > 0; i--)
    {
      Call *call = g_ptr_array_index (bridge->calls, i - 1);

      if ((method == NULL || g_strcmp0 (call->method, method) == 0) &&
          (target == NULL || g_strcmp0 (call->target, target) == 0))
        return call;
    }
  return NULL;
}

/* What the remote server sends besides answers */

static void
progress_cb (McpClient  *client,
             const char *method,
             const char *target,
             double      progress,
             double      total,
             const char *message,
             Bridge     *bridge)
{
  Call *call = latest_call (bridge, method, target);

  if (call != NULL)
    mcp_request_context_report_progress (call->context, progress, total, message);
}

static void
log_message_cb (McpClient   *client,
                McpLogLevel  level,
                const char  *logger,
                JsonNode    *data,
                Bridge      *bridge)
{
  Call *call = latest_call (bridge, NULL, NULL);

  if (call != NULL)
    mcp_request_context_log_data (call->context, level, logger, data);
}

static void
forward_input_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(McpInputRequest) request = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = mcp_request_context_request_input_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer != NULL)
    mcp_input_request_return_result (request, answer);
  else if (g_error_matches (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INPUT_REQUIRED))
    {
      /* The local client is of 2026-07-28: its answer comes with the
       * retry of its request. This round ends here. */
      Call *call = latest_call (the_bridge, NULL, NULL);

      mcp_input_request_return_gerror (request, error);
      if (call != NULL)
        g_cancellable_cancel (call->cancellable);
    }
  else
    mcp_input_request_return_gerror (request, error);
}

static gboolean
input_request_cb (McpClient       *client,
                  McpInputRequest *request,
                  Bridge          *bridge)
{
  Call *call = latest_call (bridge, NULL, NULL);
  g_autofree char *key = NULL;

  if (call == NULL)
    return FALSE;

  /* Keys must be the same in every round of a 2026-07-28 local client. */
  if (mcp_input_request_get_key (request) != NULL)
    key = g_strdup (mcp_input_request_get_key (request));
  else
    key = g_strdup_printf ("input-%u", ++call->inputs);

  mcp_request_context_request_input_async (call->context, key, mcp_input_request_get_method (request),
                                           mcp_input_request_get_params (request),
                                           mcp_input_request_get_cancellable (request),
                                           forward_input_cb, g_object_ref (request));
  return TRUE;
}

static void
resource_updated_cb (McpClient  *client,
                     const char *uri,
                     Bridge     *bridge)
{
  McpResource *resource = g_hash_table_lookup (bridge->resources, uri);

  if (resource != NULL)
    mcp_resource_notify_updated (resource);
}

/* Tools */

static void
call_tool_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  Call *call = g_object_get_data (G_OBJECT (invocation), "makemcp-call");
  g_autoptr(McpToolResult) answer = NULL;
  GError *error = NULL;

  answer = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);
  if (answer != NULL)
    mcp_tool_invocation_return_result (invocation, answer);
  else
    {
      /* A round that stopped to ask the local client (2026-07-28) ends
       * with the context's own input-required error. */
      if (mcp_request_context_is_cancelled (call->context) ||
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mcp_tool_invocation_take_error (invocation, error);
      else
        {
          g_clear_error (&error);
          mcp_tool_invocation_take_error (invocation,
                                          g_error_new_literal (MCP_REQUEST_ERROR,
                                                               MCP_REQUEST_ERROR_INPUT_REQUIRED,
                                                               "Input required"));
        }
    }

  g_object_set_data (G_OBJECT (invocation), "makemcp-call", NULL);
}

static void
forward_tool (McpTool           *tool,
              McpToolInvocation *invocation,
              gpointer           user_data)
{
  Bridge *bridge = user_data;
  Call *call = call_new (bridge, mcp_tool_invocation_get_context (invocation),
                         NULL, "tools/call", mcp_tool_get_name (tool));
  GCancellable *local = mcp_tool_invocation_get_cancellable (invocation);

  /* The local client cancels: the remote call is cancelled too. */
  if (local != NULL)
    g_cancellable_connect (local, G_CALLBACK (g_cancellable_cancel), g_object_ref (call->cancellable),
                           g_object_unref);

  g_object_set_data_full (G_OBJECT (invocation), "makemcp-call", call, (GDestroyNotify)call_free);
  mcp_client_call_tool_async (bridge->client, mcp_tool_get_name (tool),
                              mcp_tool_invocation_get_arguments (invocation), call->cancellable,
                              call_tool_cb, g_object_ref (invocation));
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static McpTool *
tool_from_json (Bridge     *bridge,
                JsonObject *json)
{
  const char *name = string_member (json, "name");
  McpTool *tool;

  if (name == NULL)
    return NULL;

  tool = mcp_tool_new (name, string_member (json, "description"));
  if (string_member (json, "title") != NULL)
    mcp_tool_set_title (tool, string_member (json, "title"));
  if (object_member (json, "inputSchema") != NULL)
    mcp_tool_set_input_schema (tool, object_member (json, "inputSchema"));
  if (object_member (json, "outputSchema") != NULL)
    mcp_tool_set_output_schema (tool, object_member (json, "outputSchema"));
  if (object_member (json, "annotations") != NULL)
    mcp_tool_set_annotations (tool, object_member (json, "annotations"));
  mcp_tool_set_async_func (tool, forward_tool, bridge, NULL);
  return tool;
}

/* Resources, templates, prompts: small subclasses whose reads forward. */

#define BRIDGE_TYPE_RESOURCE (bridge_resource_get_type ())
G_DECLARE_FINAL_TYPE (BridgeResource, bridge_resource, BRIDGE, RESOURCE, McpResource)

struct _BridgeResource
{
  McpResource  parent_instance;
  Bridge      *bridge;
};

G_DEFINE_FINAL_TYPE (BridgeResource, bridge_resource, MCP_TYPE_RESOURCE)

typedef struct
{
  GTask *task;
  Call  *call;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_object_unref (data->task);
  call_free (data->call);
  g_free (data);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadData *data = user_data;
  GError *error = NULL;
  McpResourceContents *contents;

  contents = mcp_client_read_resource_finish (MCP_CLIENT (object), result, &error);
  if (contents != NULL)
    g_task_return_pointer (data->task, contents, g_object_unref);
  else
    g_task_return_error (data->task, error);
  read_data_free (data);
}

static void
forward_read (Bridge              *bridge,
              gpointer             source,
              McpRequestContext   *context,
              const char          *uri,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  ReadData *data = g_new0 (ReadData, 1);

  data->task = g_task_new (source, cancellable, callback, user_data);
  data->call = call_new (bridge, context, cancellable, "resources/read", uri);
  mcp_client_read_resource_async (bridge->client, uri, data->call->cancellable, read_cb, data);
}

static McpResourceContents *
forward_read_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bridge_resource_read_async (McpResource         *resource,
                            McpRequestContext   *context,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  forward_read (BRIDGE_RESOURCE (resource)->bridge, resource, context, mcp_resource_get_uri (resource),
                cancellable, callback, user_data);
}

static McpResourceContents *
bridge_resource_read_finish (McpResource   *resource,
                             GAsyncResult  *result,
                             GError       **error)
{
  return forward_read_finish (result, error);
}

static void
bridge_resource_class_init (BridgeResourceClass *klass)
{
  MCP_RESOURCE_CLASS (klass)->read_async = bridge_resource_read_async;
  MCP_RESOURCE_CLASS (klass)->read_finish = bridge_resource_read_finish;
}

static void
bridge_resource_init (BridgeResource *self)
{
}

#define BRIDGE_TYPE_TEMPLATE (bridge_template_get_type ())
G_DECLARE_FINAL_TYPE (BridgeTemplate, bridge_template, BRIDGE, TEMPLATE, McpResourceTemplate)

struct _BridgeTemplate
{
  McpResourceTemplate  parent_instance;
  Bridge              *bridge;
};

G_DEFINE_FINAL_TYPE (BridgeTemplate, bridge_template, MCP_TYPE_RESOURCE_TEMPLATE)

static void
bridge_template_read_async (McpResourceTemplate *template,
                            McpRequestContext   *context,
                            const char          *uri,
                            JsonObject          *variables,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  forward_read (BRIDGE_TEMPLATE (template)->bridge, template, context, uri, cancellable, callback, user_data);
}

static McpResourceContents *
bridge_template_read_finish (McpResourceTemplate  *template,
                             GAsyncResult         *result,
                             GError              **error)
{
  return forward_read_finish (result, error);
}

static void
bridge_template_class_init (BridgeTemplateClass *klass)
{
  MCP_RESOURCE_TEMPLATE_CLASS (klass)->read_async = bridge_template_read_async;
  MCP_RESOURCE_TEMPLATE_CLASS (klass)->read_finish = bridge_template_read_finish;
}

static void
bridge_template_init (BridgeTemplate *self)
{
}

#define BRIDGE_TYPE_PROMPT (bridge_prompt_get_type ())
G_DECLARE_FINAL_TYPE (BridgePrompt, bridge_prompt, BRIDGE, PROMPT, McpPrompt)

struct _BridgePrompt
{
  McpPrompt  parent_instance;
  Bridge    *bridge;
};

G_DEFINE_FINAL_TYPE (BridgePrompt, bridge_prompt, MCP_TYPE_PROMPT)

static void
get_prompt_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ReadData *data = user_data;
  GError *error = NULL;
  McpPromptResult *prompt;

  prompt = mcp_client_get_prompt_finish (MCP_CLIENT (object), result, &error);
  if (prompt != NULL)
    g_task_return_pointer (data->task, prompt, g_object_unref);
  else
    g_task_return_error (data->task, error);
  read_data_free (data);
}

static void
bridge_prompt_get_async (McpPrompt           *prompt,
                         McpRequestContext   *context,
                         JsonObject          *arguments,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Bridge *bridge = BRIDGE_PROMPT (prompt)->bridge;
  ReadData *data = g_new0 (ReadData, 1);

  data->task = g_task_new (prompt, cancellable, callback, user_data);
  data->call = call_new (bridge, context, cancellable, "prompts/get", mcp_prompt_get_name (prompt));
  mcp_client_get_prompt_async (bridge->client, mcp_prompt_get_name (prompt), arguments,
                               data->call->cancellable, get_prompt_cb, data);
}

static McpPromptResult *
bridge_prompt_get_finish (McpPrompt     *prompt,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bridge_prompt_class_init (BridgePromptClass *klass)
{
  MCP_PROMPT_CLASS (klass)->get_async = bridge_prompt_get_async;
  MCP_PROMPT_CLASS (klass)->get_finish = bridge_prompt_get_finish;
}

static void
bridge_prompt_init (BridgePrompt *self)
{
}

/* Keeping the local lists the same as the remote ones */

static void
sync_tools (Bridge    *bridge,
            JsonArray *tools)
{
  g_autoptr(GPtrArray) local = mcp_server_list_tools (bridge->server);
  g_autoptr(GHashTable) remote = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonNode *node = json_array_get_element (tools, i);
      g_autoptr(McpTool) tool = JSON_NODE_HOLDS_OBJECT (node) ? tool_from_json (bridge, json_node_get_object (node))
                                                               : NULL;

      if (tool == NULL)
        continue;
      g_hash_table_add (remote, (gpointer)string_member (json_node_get_object (node), "name"));
      mcp_server_add_tool (bridge->server, tool);   /* replaces one of the same name */
    }

  for (guint i = 0; i < local->len; i++)
    {
      McpTool *tool = g_ptr_array_index (local, i);

      if (!g_hash_table_contains (remote, mcp_tool_get_name (tool)))
        mcp_server_remove_tool (bridge->server, mcp_tool_get_name (tool));
    }
}

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_client_subscribe_resource_finish (MCP_CLIENT (object), result, &error))
    g_debug ("Subscribing failed: %s", error->message);
}

static void
sync_resources (Bridge    *bridge,
                JsonArray *resources,
                JsonArray *templates)
{
  JsonObject *capabilities = object_member (mcp_client_get_server_capabilities (bridge->client), "resources");
  gboolean subscribe = capabilities != NULL && json_object_has_member (capabilities, "subscribe");
  g_autoptr(GPtrArray) old_resources = mcp_server_list_resources (bridge->server);
  g_autoptr(GPtrArray) old_templates = mcp_server_list_resource_templates (bridge->server);

  for (guint i = 0; i < old_resources->len; i++)
    mcp_server_remove_resource (bridge->server, mcp_resource_get_uri (g_ptr_array_index (old_resources, i)));
  for (guint i = 0; i < old_templates->len; i++)
    mcp_server_remove_resource_template (bridge->server,
                                         mcp_resource_template_get_uri_template (g_ptr_array_index (old_templates, i)));
  g_hash_table_remove_all (bridge->resources);

  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonObject *json = json_array_get_object_element (resources, i);
      const char *uri = json != NULL ? string_member (json, "uri") : NULL;
      g_autoptr(BridgeResource) resource = NULL;

      if (uri == NULL)
        continue;
      resource = g_object_new (BRIDGE_TYPE_RESOURCE, "uri", uri,
                               "name", string_member (json, "name") != NULL ? string_member (json, "name") : uri,
                               NULL);
      resource->bridge = bridge;
      if (string_member (json, "title") != NULL)
        mcp_resource_set_title (MCP_RESOURCE (resource), string_member (json, "title"));
      if (string_member (json, "description") != NULL)
        mcp_resource_set_description (MCP_RESOURCE (resource), string_member (json, "description"));
      if (string_member (json, "mimeType") != NULL)
        mcp_resource_set_mime_type (MCP_RESOURCE (resource), string_member (json, "mimeType"));
      mcp_server_add_resource (bridge->server, MCP_RESOURCE (resource));
      g_hash_table_insert (bridge->resources, g_strdup (uri), g_object_ref (resource));

      if (subscribe && i < MAX_SUBSCRIPTIONS)
        mcp_client_subscribe_resource_async (bridge->client, uri, NULL, subscribe_cb, NULL);
    }

  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *json = json_array_get_object_element (templates, i);
      const char *uri_template = json != NULL ? string_member (json, "uriTemplate") : NULL;
      g_autoptr(BridgeTemplate) template = NULL;
      g_autoptr(GError) error = NULL;

      if (uri_template == NULL)
        continue;
      template = g_initable_new (BRIDGE_TYPE_TEMPLATE, NULL, &error, "uri-template", uri_template,
                                 "name", string_member (json, "name") != NULL ? string_member (json, "name") : uri_template,
                                 NULL);
      if (template == NULL)
        {
          g_debug ("Skipping the template %s: %s", uri_template, error->message);
          continue;
        }
      template->bridge = bridge;
      if (string_member (json, "description") != NULL)
        mcp_resource_template_set_description (MCP_RESOURCE_TEMPLATE (template), string_member (json, "description"));
      if (string_member (json, "mimeType") != NULL)
        mcp_resource_template_set_mime_type (MCP_RESOURCE_TEMPLATE (template), string_member (json, "mimeType"));
      mcp_server_add_resource_template (bridge->server, MCP_RESOURCE_TEMPLATE (template));
    }
}

static void
sync_prompts (Bridge    *bridge,
              JsonArray *prompts)
{
  g_autoptr(GPtrArray) old = mcp_server_list_prompts (bridge->server);

  for (guint i = 0; i < old->len; i++)
    mcp_server_remove_prompt (bridge->server, mcp_prompt_get_name (g_ptr_array_index (old, i)));

  for (guint i = 0; prompts != NULL && i < json_array_get_length (prompts); i++)
    {
      JsonObject *json = json_array_get_object_element (prompts, i);
      const char *name = json != NULL ? string_member (json, "name") : NULL;
      JsonNode *arguments = json != NULL ? json_object_get_member (json, "arguments") : NULL;
      g_autoptr(BridgePrompt) prompt = NULL;

      if (name == NULL)
        continue;
      prompt = g_object_new (BRIDGE_TYPE_PROMPT, "name", name, "description", string_member (json, "description"),
                             NULL);
      prompt->bridge = bridge;
      if (string_member (json, "title") != NULL)
        mcp_prompt_set_title (MCP_PROMPT (prompt), string_member (json, "title"));
      for (guint j = 0; arguments != NULL && JSON_NODE_HOLDS_ARRAY (arguments) &&
                        j < json_array_get_length (json_node_get_array (arguments)); j++)
        {
          JsonObject *argument = json_array_get_object_element (json_node_get_array (arguments), j);

          if (argument == NULL || string_member (argument, "name") == NULL)
            continue;
          mcp_prompt_add_argument (MCP_PROMPT (prompt), string_member (argument, "name"),
                                   string_member (argument, "title"), string_member (argument, "description"),
                                   json_object_has_member (argument, "required") &&
                                   json_node_get_value_type (json_object_get_member (argument, "required")) == G_TYPE_BOOLEAN &&
                                   json_object_get_boolean_member (argument, "required"));
        }
      mcp_server_add_prompt (bridge->server, MCP_PROMPT (prompt));
    }
}

static int
sync_all (Bridge *bridge)
{
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(JsonArray) prompts = NULL;
  int status;

  /* A change that arrives while we list is listed again afterwards. */
  if (bridge->syncing)
    {
      bridge->resync = TRUE;
      return EXIT_OK;
    }

  bridge->syncing = TRUE;
  do
    {
      bridge->resync = FALSE;
      g_clear_pointer (&tools, json_array_unref);
      g_clear_pointer (&resources, json_array_unref);
      g_clear_pointer (&templates, json_array_unref);
      g_clear_pointer (&prompts, json_array_unref);

      if ((tools = makemcp_list (bridge->client, "tools", &status)) == NULL ||
          (resources = makemcp_list (bridge->client, "resources", &status)) == NULL ||
          (templates = makemcp_list (bridge->client, "resource-templates", &status)) == NULL ||
          (prompts = makemcp_list (bridge->client, "prompts", &status)) == NULL)
        {
          bridge->syncing = FALSE;
          return status;
        }

      sync_tools (bridge, tools);
      sync_resources (bridge, resources, templates);
      sync_prompts (bridge, prompts);
    }
  while (bridge->resync);
  bridge->syncing = FALSE;

  return EXIT_OK;
}

static gboolean
sync_idle_cb (gpointer user_data)
{
  Bridge *bridge = user_data;

  bridge->sync_source = 0;
  sync_all (bridge);
  return G_SOURCE_REMOVE;
}

/* Not from within the signal: the answers to the lists arrive through
 * the very read loop that is emitting it. */
static void
list_changed_cb (McpClient  *client,
                 const char *list,
                 Bridge     *bridge)
{
  if (bridge->sync_source == 0)
    bridge->sync_source = g_idle_add (sync_idle_cb, bridge);
}

static GMainLoop *bridge_loop;

static void
remote_closed_cb (McpClient    *client,
                  const GError *error,
                  Bridge       *bridge)
{
  if (error != NULL)
    g_printerr ("makemcp: the connection to the remote server ended: %s\n", error->message);
  if (bridge_loop != NULL)
    g_main_loop_quit (bridge_loop);
}

static void
local_closed_cb (McpTransport *transport,
                 const GError *error,
                 gpointer      user_data)
{
  if (bridge_loop != NULL)
    g_main_loop_quit (bridge_loop);
}

int
makemcp_cmd_bridge (int    argc,
                    char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpStdioTransport) transport = NULL;
  Bridge bridge = { NULL, };
  JsonObject *info;
  const char *instructions;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "Serve a server (a Streamable HTTP URL, usually) on standard input and "
                                  "output,\nfor MCP clients that only start programs. Either side may "
                                  "speak either protocol era.", NULL, 0)) != EXIT_OK)
    return status;

  /* Standard input is the protocol: nobody to ask there. */
  invocation.options.no_input = TRUE;

  if ((bridge.client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  info = mcp_client_get_server_info (bridge.client);
  bridge.server = mcp_server_new (json_object_has_member (info, "name") ? string_member (info, "name") : "bridge",
                                  json_object_has_member (info, "version") ? string_member (info, "version") : "0");
  if (string_member (info, "title") != NULL)
    mcp_server_set_title (bridge.server, string_member (info, "title"));
  if ((instructions = mcp_client_get_instructions (bridge.client)) != NULL)
    mcp_server_set_instructions (bridge.server, instructions);
  bridge.calls = g_ptr_array_new ();
  bridge.resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  the_bridge = &bridge;

  /* Every capability the local client may need; the remote decides. */
  {
    g_autoptr(JsonObject) capabilities = json_object_new ();

    json_object_set_object_member (capabilities, "elicitation", json_object_new ());
    json_object_set_object_member (capabilities, "sampling", json_object_new ());
    mcp_client_set_capabilities (bridge.client, capabilities);
  }

  g_signal_connect (bridge.client, "progress", G_CALLBACK (progress_cb), &bridge);
  g_signal_connect (bridge.client, "log-message", G_CALLBACK (log_message_cb), &bridge);
  g_signal_connect (bridge.client, "input-request", G_CALLBACK (input_request_cb), &bridge);
  g_signal_connect (bridge.client, "list-changed", G_CALLBACK (list_changed_cb), &bridge);
  g_signal_connect (bridge.client, "resource-updated", G_CALLBACK (resource_updated_cb), &bridge);
  g_signal_connect (bridge.client, "closed", G_CALLBACK (remote_closed_cb), &bridge);
  if (mcp_client_get_log_level (bridge.client) == NULL)
    mcp_client_set_log_level (bridge.client, "debug");

  if ((status = sync_all (&bridge)) != EXIT_OK)
    goto out;
  mcp_client_listen (bridge.client);

  bridge_loop = g_main_loop_new (NULL, FALSE);
  transport = mcp_stdio_transport_new (bridge.server);
  g_signal_connect (transport, "closed", G_CALLBACK (local_closed_cb), NULL);
  mcp_transport_start (MCP_TRANSPORT (transport));
  g_main_loop_run (bridge_loop);
  mcp_transport_close (MCP_TRANSPORT (transport));
  g_clear_pointer (&bridge_loop, g_main_loop_unref);

out:
  g_clear_handle_id (&bridge.sync_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (bridge.client, &bridge);
  if (mcp_client_is_connected (bridge.client))
    makemcp_close (bridge.client);
  g_clear_object (&transport);
  g_clear_object (&bridge.server);
  g_clear_object (&bridge.client);
  g_clear_pointer (&bridge.resources, g_hash_table_unref);
  g_clear_pointer (&bridge.calls, g_ptr_array_unref);
  the_bridge = NULL;
  return status;
}
