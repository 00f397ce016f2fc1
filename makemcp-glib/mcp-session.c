/* mcp-session.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-request-context-private.h"
#include "mcp-server-private.h"
#include "mcp-session-private.h"

typedef struct
{
  McpSession   *session;      /* borrowed: the session completes us before it goes */
  char         *key;
  JsonNode     *id;
  GSource      *timeout;
  GCancellable *cancellable;
  gulong        cancelled_id;
  GSource      *cancel_idle;
} Outgoing;

static void
outgoing_free (gpointer data)
{
  Outgoing *outgoing = data;

  g_assert (outgoing->timeout == NULL);
  g_assert (outgoing->cancellable == NULL);
  g_free (outgoing->key);
  g_clear_pointer (&outgoing->id, json_node_unref);
  g_free (outgoing);
}

McpSession *
mcp_session_new (McpServer      *server,
                 McpSendFunc     send,
                 gpointer        send_data,
                 GDestroyNotify  send_destroy)
{
  McpSession *self = g_atomic_rc_box_new0 (McpSession);

  self->server = g_object_ref (server);
  self->send = send;
  self->send_data = send_data;
  self->send_destroy = send_destroy;
  /* Keyed by each context's own key, which lives as long as the entry. */
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->outgoing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->next_outgoing_id = 1;
  self->last_activity = g_get_monotonic_time ();

  return self;
}

McpSession *
mcp_session_ref (McpSession *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
mcp_session_clear (McpSession *self)
{
  mcp_session_close (self);

  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->outgoing, g_hash_table_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->client_capabilities, json_object_unref);
  g_clear_pointer (&self->client_info, json_object_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_object (&self->server);
}

void
mcp_session_unref (McpSession *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify)mcp_session_clear);
}

gboolean
mcp_session_is_legacy (McpSession *self)
{
  return self != NULL && self->initialize_seen;
}

static void outgoing_complete (GTask    *task,
                               JsonNode *result,
                               GError   *error);

/* Empties a table whose values are objects, handing their references to
 * the returned array (g_hash_table_steal_all_values() is GLib 2.76). */
static GPtrArray *
mcp_hash_table_steal_values (GHashTable *table)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (values, g_object_ref (value));
      g_hash_table_iter_remove (&iter);
    }

  return values;
}

/* Ends the session: every request in flight is cancelled, every request
 * waiting on the client fails, and nothing more is sent. */
void
mcp_session_close (McpSession *self)
{
  GDestroyNotify destroy = self->send_destroy;
  gpointer data = self->send_data;

  if (self->closed)
    return;
  self->closed = TRUE;

  if (self->in_flight != NULL)
    {
      g_autoptr(GPtrArray) contexts = mcp_hash_table_steal_values (self->in_flight);

      for (guint i = 0; i < contexts->len; i++)
        mcp_request_context_cancel (g_ptr_array_index (contexts, i));
    }

  if (self->outgoing != NULL)
    {
      g_autoptr(GPtrArray) tasks = mcp_hash_table_steal_values (self->outgoing);

      for (guint i = 0; i < tasks->len; i++)
        outgoing_complete (g_ptr_array_index (tasks, i), NULL,
                           g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                "The client connection was closed"));
    }

  self->send = NULL;
  self->send_data = NULL;
  self->send_destroy = NULL;
  if (destroy != NULL)
    destroy (data);
}

/* A message that belongs to no request: list changes, resource updates,
 * requests to the client outside any call. */
void
mcp_session_send (McpSession *self,
                  JsonNode   *message)
{
  if (self->closed || self->send == NULL)
    return;

  self->send (message, NULL, FALSE, self->send_data);
}

void
mcp_session_track (McpSession        *self,
                   McpRequestContext *context)
{
  const char *key = mcp_request_context_get_key (context);

  /* Replacing, the key too: the key of the context replaced goes with it. */
  if (key != NULL && !self->closed)
    g_hash_table_replace (self->in_flight, (gpointer)key, g_object_ref (context));
}

void
mcp_session_untrack (McpSession        *self,
                     McpRequestContext *context)
{
  const char *key = mcp_request_context_get_key (context);

  /* Only remove the entry if it is this very context: a client may reuse
   * the id of a finished request. */
  if (key != NULL && g_hash_table_lookup (self->in_flight, key) == context)
    g_hash_table_remove (self->in_flight, key);
}

McpRequestContext *
mcp_session_lookup (McpSession *self,
                    JsonNode   *id)
{
  g_autofree char *key = mcp_json_id_to_key (id);

  return key != NULL ? g_hash_table_lookup (self->in_flight, key) : NULL;
}

static void
outgoing_complete (GTask    *task,
                   JsonNode *result,
                   GError   *error)
{
  Outgoing *outgoing = g_task_get_task_data (task);
  McpSession *self = outgoing->session;

  g_object_ref (task);

  if (outgoing->timeout != NULL)
    {
      g_source_destroy (outgoing->timeout);
      g_clear_pointer (&outgoing->timeout, g_source_unref);
    }
  if (outgoing->cancel_idle != NULL)
    {
      g_source_destroy (outgoing->cancel_idle);
      g_clear_pointer (&outgoing->cancel_idle, g_source_unref);
    }
  if (outgoing->cancellable != NULL)
    {
      g_cancellable_disconnect (outgoing->cancellable, outgoing->cancelled_id);
      g_clear_object (&outgoing->cancellable);
    }

  if (self->outgoing != NULL)
    g_hash_table_remove (self->outgoing, outgoing->key);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_node_ref (result), (GDestroyNotify)json_node_unref);

  g_object_unref (task);
}

static gboolean
outgoing_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Outgoing *outgoing = g_task_get_task_data (task);
  g_autoptr(JsonNode) notification = NULL;
  JsonObject *params = json_object_new ();

  /* Tell the client we gave up on it. */
  json_object_set_member (params, "requestId", json_node_copy (outgoing->id));
  json_object_set_string_member (params, "reason", "Request timed out");
  notification = mcp_jsonrpc_new_notification ("notifications/cancelled", params);
  mcp_session_send (outgoing->session, notification);

  g_clear_pointer (&outgoing->timeout, g_source_unref);
  outgoing_complete (task, NULL,
                     g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                          "The client did not answer in time"));
  return G_SOURCE_REMOVE;
}

static gboolean
outgoing_cancel_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Outgoing *outgoing = g_task_get_task_data (task);
  g_autoptr(JsonNode) notification = NULL;
  JsonObject *params = json_object_new ();

  json_object_set_member (params, "requestId", json_node_copy (outgoing->id));
  notification = mcp_jsonrpc_new_notification ("notifications/cancelled", params);
  mcp_session_send (outgoing->session, notification);

  g_clear_pointer (&outgoing->cancel_idle, g_source_unref);
  outgoing_complete (task, NULL,
                     g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          "The request to the client was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
outgoing_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Outgoing *outgoing = g_task_get_task_data (task);

  /* Complete from an idle: a handler cannot disconnect itself. */
  if (outgoing->cancel_idle == NULL)
    {
      outgoing->cancel_idle = g_idle_source_new ();
      g_source_set_callback (outgoing->cancel_idle, outgoing_cancel_idle_cb, task, NULL);
      g_source_attach (outgoing->cancel_idle, g_task_get_context (task));
    }
}

/* Sends a JSON-RPC request to the client (legacy era) and completes with
 * its result. With @context, the request travels on that request's stream,
 * as the specification asks for requests made while serving a call. */
void
mcp_session_request_async (McpSession          *self,
                           McpRequestContext   *context,
                           const char          *method,
                           JsonObject          *params,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) request = NULL;
  Outgoing *outgoing;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_session_request_async);

  if (self->closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The client connection was closed");
      return;
    }

  outgoing = g_new0 (Outgoing, 1);
  outgoing->session = self;
  outgoing->id = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (outgoing->id, self->next_outgoing_id++);
  outgoing->key = mcp_json_id_to_key (outgoing->id);
  g_task_set_task_data (task, outgoing, outgoing_free);

  g_hash_table_insert (self->outgoing, outgoing->key, g_object_ref (task));

  if (timeout_ms > 0)
    {
      outgoing->timeout = g_timeout_source_new (timeout_ms);
      g_source_set_callback (outgoing->timeout, outgoing_timeout_cb, task, NULL);
      g_source_attach (outgoing->timeout, g_task_get_context (task));
    }

  if (cancellable != NULL)
    {
      outgoing->cancellable = g_object_ref (cancellable);
      outgoing->cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (outgoing_cancelled_cb),
                                                      task, NULL);
    }

  request = mcp_jsonrpc_new_request (outgoing->id, method,
                                     params != NULL ? json_object_ref (params) : NULL);
  if (context != NULL && !mcp_request_context_is_finished (context))
    mcp_request_context_send (context, request);
  else
    mcp_session_send (self, request);
}

JsonNode *
mcp_session_request_finish (McpSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A response from the client to one of our requests. Returns FALSE when
 * no request of ours has that id. */
gboolean
mcp_session_handle_response (McpSession *self,
                             JsonNode   *id,
                             JsonNode   *result,
                             JsonNode   *error)
{
  g_autofree char *key = mcp_json_id_to_key (id);
  JsonObject *error_object;
  GTask *task;

  if (key == NULL || (task = g_hash_table_lookup (self->outgoing, key)) == NULL)
    return FALSE;

  error_object = error != NULL && JSON_NODE_HOLDS_OBJECT (error) ? json_node_get_object (error) : NULL;
  if (error_object != NULL)
    {
      JsonNode *code = json_object_get_member (error_object, "code");
      const char *text = mcp_json_get_string (error_object, "message");

      /* Not in the MCP_ERROR domain: the client's code is not ours to
       * send on, and a tool that passes the error on gives a tool error. */
      outgoing_complete (task, NULL,
                         g_error_new (MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_CLIENT_ERROR,
                                      "The client answered with an error: %s (code %" G_GINT64_FORMAT ")",
                                      text != NULL ? text : "no message",
                                      mcp_json_node_is_integer (code) ? json_node_get_int (code)
                                                                      : (gint64)MCP_ERROR_INTERNAL_ERROR));
    }
  else
    {
      if (result == NULL)
        outgoing_complete (task, NULL,
                           g_error_new_literal (MCP_ERROR, MCP_ERROR_INVALID_REQUEST,
                                                "The client's response has no result"));
      else
        outgoing_complete (task, result, NULL);
    }

  return TRUE;
}
