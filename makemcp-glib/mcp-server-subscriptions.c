/* mcp-server-subscriptions.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-server-private.h"

/* Change notifications, in both eras.
 *
 * What changes (the tool, prompt and resource lists, the contents of a
 * resource) is published once by the application; every listener hears of
 * it in the shape of its era: a legacy session that completed its
 * handshake gets list changes, and updates of the resources it subscribed
 * to with resources/subscribe; a modern subscriptions/listen request gets
 * what its filter asked for, each notification tagged with the listen
 * request's id. */

struct _McpListener
{
  McpServer         *server;
  McpRequestContext *context;
  gulong             cancelled_id;
  GHashTable        *uris;
  GHashTable        *task_ids;
  guint              tools : 1;
  guint              prompts : 1;
  guint              resources : 1;
};

void
mcp_listener_free (McpListener *listener)
{
  GCancellable *cancellable = mcp_request_context_get_cancellable (listener->context);

  g_clear_signal_handler (&listener->cancelled_id, cancellable);
  g_clear_object (&listener->context);
  g_clear_pointer (&listener->uris, g_hash_table_unref);
  g_clear_pointer (&listener->task_ids, g_hash_table_unref);
  g_free (listener);
}

static void
listener_cancelled_cb (GCancellable *cancellable,
                       McpListener  *listener)
{
  /* The client closed the stream or cancelled the request. */
  g_ptr_array_remove (mcp_server_get_listeners (listener->server), listener);
}

static const char *
event_method (McpEventKind kind)
{
  switch (kind)
    {
    case MCP_EVENT_TOOLS_CHANGED:
      return "notifications/tools/list_changed";
    case MCP_EVENT_PROMPTS_CHANGED:
      return "notifications/prompts/list_changed";
    case MCP_EVENT_RESOURCES_CHANGED:
      return "notifications/resources/list_changed";
    case MCP_EVENT_TASK_STATUS:
      return "notifications/tasks";
    case MCP_EVENT_TASK_CANCEL:
    case MCP_EVENT_TASK_INPUT:
    case MCP_EVENT_RESOURCE_UPDATED:
    default:
      return "notifications/resources/updated";
    }
}

static gboolean
listener_wants (McpListener  *listener,
                McpEventKind  kind,
                const char   *key,
                JsonObject   *payload)
{
  switch (kind)
    {
    case MCP_EVENT_TOOLS_CHANGED:
      return listener->tools;
    case MCP_EVENT_PROMPTS_CHANGED:
      return listener->prompts;
    case MCP_EVENT_RESOURCES_CHANGED:
      return listener->resources;
    case MCP_EVENT_TASK_STATUS:
      /* Only its owner hears of a task, as only its owner finds it. */
      return listener->task_ids != NULL && key != NULL &&
             g_hash_table_contains (listener->task_ids, key) &&
             g_strcmp0 (mcp_json_get_string (payload, MCP_TASK_PRIVATE_PRINCIPAL),
                        mcp_request_context_get_principal (listener->context)) == 0;
    case MCP_EVENT_TASK_CANCEL:
    case MCP_EVENT_TASK_INPUT:
      return FALSE;
    case MCP_EVENT_RESOURCE_UPDATED:
    default:
      return listener->uris != NULL && g_hash_table_contains (listener->uris, key);
    }
}

static JsonObject *
event_params (McpEventKind  kind,
              const char   *key,
              JsonObject   *payload)
{
  JsonObject *params = payload != NULL ? mcp_json_object_copy (payload) : json_object_new ();

  if (kind == MCP_EVENT_RESOURCE_UPDATED)
    json_object_set_string_member (params, "uri", key);
  json_object_remove_member (params, MCP_TASK_PRIVATE_PRINCIPAL);

  return params;
}

/* Delivers an event to the listeners of this process: what the event bus
 * brings, from this process or another one. */
void
mcp_server_deliver (McpServer    *self,
                    McpEventKind  kind,
                    const char   *key,
                    JsonObject   *payload)
{
  GPtrArray *sessions = mcp_server_get_sessions (self);
  GPtrArray *listeners = mcp_server_get_listeners (self);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) legacy = NULL;
  const char *method = event_method (kind);

  if (kind == MCP_EVENT_TASK_CANCEL || kind == MCP_EVENT_TASK_INPUT ||
      (key == NULL && (kind == MCP_EVENT_RESOURCE_UPDATED || kind == MCP_EVENT_TASK_STATUS)) ||
      listeners == NULL)
    return;

  for (guint i = 0; i < sessions->len; i++)
    {
      McpSession *session = g_ptr_array_index (sessions, i);

      /* Tasks are an extension of the 2026-07-28 revision only. */
      if (!session->initialized || kind == MCP_EVENT_TASK_STATUS)
        continue;
      if (kind == MCP_EVENT_RESOURCE_UPDATED &&
          (session->subscriptions == NULL || !g_hash_table_contains (session->subscriptions, key)))
        continue;

      if (legacy == NULL)
        {
          JsonObject *params = event_params (kind, key, payload);

          if (json_object_get_size (params) == 0)
            g_clear_pointer (&params, json_object_unref);
          legacy = mcp_jsonrpc_new_notification (method, params);
        }
      mcp_session_send (session, legacy);
    }

  /* Sending may end a stream and remove its listener: collect first. */
  for (guint i = 0; i < listeners->len; i++)
    {
      McpListener *listener = g_ptr_array_index (listeners, i);

      if (listener_wants (listener, kind, key, payload))
        g_ptr_array_add (targets, g_object_ref (listener->context));
    }

  for (guint i = 0; i < targets->len; i++)
    {
      McpRequestContext *context = g_ptr_array_index (targets, i);
      JsonObject *params = event_params (kind, key, payload);
      JsonObject *meta = json_object_new ();
      g_autoptr(JsonNode) notification = NULL;

      json_object_set_member (meta, MCP_META_SUBSCRIPTION_ID,
                              json_node_copy (mcp_request_context_get_request_id (context)));
      json_object_set_object_member (params, "_meta", meta);
      notification = mcp_jsonrpc_new_notification (method, params);
      mcp_request_context_send (context, notification);
    }
}

/* Every task id a listen stream of this process waits on (a new set of
 * borrowed strings). */
GHashTable *
mcp_server_get_listened_task_ids (McpServer *self)
{
  GPtrArray *listeners = mcp_server_get_listeners (self);
  GHashTable *task_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; listeners != NULL && i < listeners->len; i++)
    {
      McpListener *listener = g_ptr_array_index (listeners, i);
      GHashTableIter iter;
      gpointer task_id;

      if (listener->task_ids == NULL)
        continue;
      g_hash_table_iter_init (&iter, listener->task_ids);
      while (g_hash_table_iter_next (&iter, &task_id, NULL))
        g_hash_table_add (task_ids, task_id);
    }

  return task_ids;
}

/* Where the application's changes enter: the bus brings them to the
 * listeners of this process (at once) and of every other process on it. */
void
mcp_server_publish (McpServer    *self,
                    McpEventKind  kind,
                    const char   *key,
                    JsonObject   *payload)
{
  McpEventBus *bus = mcp_server_get_event_bus (self);

  if (bus != NULL)
    mcp_event_bus_publish (bus, kind, key, payload);
}

/* The strings of a JSON array member, as a set; FALSE when the member is
 * there but is not an array of strings. */
static gboolean
string_set (JsonObject  *object,
            const char  *member,
            GHashTable **set,
            JsonArray  **agreed)
{
  JsonNode *node = mcp_json_get_member (object, member);
  JsonArray *array;

  *set = NULL;
  *agreed = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  *agreed = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!mcp_json_node_is_string (element))
        {
          g_clear_pointer (set, g_hash_table_unref);
          g_clear_pointer (agreed, json_array_unref);
          return FALSE;
        }
      if (g_hash_table_add (*set, g_strdup (json_node_get_string (element))))
        json_array_add_string_element (*agreed, json_node_get_string (element));
    }

  return TRUE;
}

/* subscriptions/listen (2026-07-28): acknowledge the filter, then keep the
 * request open and tag every notification with its id. */
void
mcp_server_handle_listen (McpServer         *self,
                          McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  JsonObject *filter = mcp_json_get_object (params, "notifications");
  g_autoptr(GHashTable) uris = NULL;
  g_autoptr(GHashTable) task_ids = NULL;
  JsonArray *agreed_uris = NULL;
  JsonArray *agreed_tasks = NULL;
  g_autoptr(JsonNode) ack = NULL;
  JsonObject *ack_params;
  JsonObject *agreed;
  JsonObject *meta;
  McpListener *listener;

  if (filter == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “notifications” must be an object");
      return;
    }

  if (!string_set (filter, "resourceSubscriptions", &uris, &agreed_uris))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “resourceSubscriptions” must be an "
                                      "array of URIs");
      return;
    }

  if (!string_set (filter, "taskIds", &task_ids, &agreed_tasks))
    {
      json_array_unref (agreed_uris);
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “taskIds” must be an array of task ids");
      return;
    }

  if (task_ids != NULL && g_hash_table_size (task_ids) > MCP_LISTEN_MAX_TASK_IDS)
    {
      if (agreed_uris != NULL)
        json_array_unref (agreed_uris);
      json_array_unref (agreed_tasks);
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: at most 100 “taskIds” per listen "
                                      "request");
      return;
    }

  if (task_ids != NULL && !mcp_server_check_tasks_capability (self, context))
    {
      if (agreed_uris != NULL)
        json_array_unref (agreed_uris);
      json_array_unref (agreed_tasks);
      return;
    }

  listener = g_new0 (McpListener, 1);
  listener->server = self;
  listener->context = g_object_ref (context);
  listener->tools = mcp_json_get_boolean (filter, "toolsListChanged", FALSE);
  listener->prompts = mcp_json_get_boolean (filter, "promptsListChanged", FALSE);
  listener->resources = mcp_json_get_boolean (filter, "resourcesListChanged", FALSE);
  listener->uris = g_steal_pointer (&uris);
  listener->task_ids = g_steal_pointer (&task_ids);

  agreed = json_object_new ();
  if (listener->tools)
    json_object_set_boolean_member (agreed, "toolsListChanged", TRUE);
  if (listener->prompts)
    json_object_set_boolean_member (agreed, "promptsListChanged", TRUE);
  if (listener->resources)
    json_object_set_boolean_member (agreed, "resourcesListChanged", TRUE);
  if (agreed_uris != NULL)
    json_object_set_array_member (agreed, "resourceSubscriptions", agreed_uris);
  if (agreed_tasks != NULL)
    json_object_set_array_member (agreed, "taskIds", agreed_tasks);

  listener->cancelled_id = g_signal_connect (mcp_request_context_get_cancellable (context),
                                             "cancelled", G_CALLBACK (listener_cancelled_cb),
                                             listener);
  g_ptr_array_add (mcp_server_get_listeners (self), listener);
  if (listener->task_ids != NULL)
    mcp_server_watch_task_leases (self);

  meta = json_object_new ();
  json_object_set_member (meta, MCP_META_SUBSCRIPTION_ID,
                          json_node_copy (mcp_request_context_get_request_id (context)));
  ack_params = json_object_new ();
  json_object_set_object_member (ack_params, "_meta", meta);
  json_object_set_object_member (ack_params, "notifications", agreed);
  ack = mcp_jsonrpc_new_notification ("notifications/subscriptions/acknowledged", ack_params);
  mcp_request_context_send (context, ack);
}

/**
 * mcp_server_close_subscriptions:
 * @self: a #McpServer
 *
 * Ends every `subscriptions/listen` request gracefully, answering each so
 * its client knows the end was intended (for instance before the server
 * shuts down).
 */
void
mcp_server_close_subscriptions (McpServer *self)
{
  GPtrArray *listeners;

  g_return_if_fail (MCP_IS_SERVER (self));

  listeners = mcp_server_get_listeners (self);
  while (listeners->len > 0)
    {
      McpListener *listener = g_ptr_array_steal_index (listeners, listeners->len - 1);
      g_autoptr(McpRequestContext) context = g_object_ref (listener->context);
      JsonObject *result = json_object_new ();
      JsonObject *meta = json_object_new ();

      mcp_listener_free (listener);

      json_object_set_member (meta, MCP_META_SUBSCRIPTION_ID,
                              json_node_copy (mcp_request_context_get_request_id (context)));
      json_object_set_object_member (result, "_meta", meta);
      mcp_server_reply (self, context, result);
    }
}

static const char *
subscription_uri (McpServer         *self,
                  McpRequestContext *context)
{
  const char *uri = mcp_json_get_string (mcp_request_context_get_params (context), "uri");

  if (uri == NULL)
    mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                    "Invalid params: “uri” must be a string");
  return uri;
}

/* resources/subscribe (legacy) */
void
mcp_server_handle_subscribe (McpServer         *self,
                             McpRequestContext *context)
{
  McpSession *session = mcp_request_context_get_session (context);
  const char *uri;

  if ((uri = subscription_uri (self, context)) == NULL)
    return;

  if (session->subscriptions == NULL)
    session->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (session->subscriptions, g_strdup (uri));

  mcp_server_reply (self, context, json_object_new ());
}

/* resources/unsubscribe (legacy) */
void
mcp_server_handle_unsubscribe (McpServer         *self,
                               McpRequestContext *context)
{
  McpSession *session = mcp_request_context_get_session (context);
  const char *uri;

  if ((uri = subscription_uri (self, context)) == NULL)
    return;

  if (session->subscriptions != NULL)
    g_hash_table_remove (session->subscriptions, uri);

  mcp_server_reply (self, context, json_object_new ());
}
