/* mcp-request-context.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-request-context-private.h"
#include "mcp-schema-private.h"
#include "mcp-server-private.h"

/**
 * McpRequestContext:
 *
 * Everything a handler needs to know about the request it serves, whichever
 * protocol era the request came from.
 *
 * For a modern (2026-07-28) request the context is read from the request's
 * own `_meta`; for a legacy request it is filled from the session that the
 * `initialize` handshake opened. Either way the handler sees the protocol
 * version, the client's capabilities and identity, the log level the
 * client asked for, the progress token and a [class@Gio.Cancellable] that
 * is cancelled when the client cancels the request or goes away.
 *
 * Progress and log messages sent through the context travel on the
 * request's own stream and stop once the request is answered or cancelled.
 *
 * The context may be used from a worker thread (a tool that runs in a
 * thread); what it sends is handed to the main context it was created in.
 */

struct _McpRequestContext
{
  GObject         parent_instance;

  McpServer      *server;
  McpSession     *session;
  GMainContext   *main_context;
  GThread        *thread;

  JsonNode       *id;
  char           *key;
  char           *method;
  JsonObject     *params;          /* built when first asked for; atomic */
  GArray         *param_members;   /* what it is built from, if read as text */
  JsonObject     *meta;
  JsonNode       *progress_token;

  char           *protocol_version;
  JsonObject     *client_capabilities;
  JsonObject     *client_info;

  GCancellable   *cancellable;   /* created when first asked for; atomic */

  McpSendFunc     send;
  gpointer        send_data;
  GDestroyNotify  send_destroy;

  double          last_progress;

  char           *principal;
  JsonObject     *input_responses;        /* MRTR: answers so far */
  JsonObject     *pending_inputs;         /* MRTR: what this round asks */
  JsonObject     *missing_capabilities;   /* for -32021 */
  JsonNode       *state;
  char           *task_id;

  McpEra          era;
  McpLogLevel     log_level;
  guint           has_log_level : 1;
  guint           finished : 1;
};

G_DEFINE_FINAL_TYPE (McpRequestContext, mcp_request_context, G_TYPE_OBJECT)

/**
 * mcp_request_error_quark:
 *
 * Gets the quark of the %MCP_REQUEST_ERROR domain.
 *
 * Returns: the error domain quark
 */
G_DEFINE_QUARK (mcp-request-error-quark, mcp_request_error)

static void
mcp_request_context_release_sink (McpRequestContext *self)
{
  GDestroyNotify destroy = self->send_destroy;
  gpointer data = self->send_data;

  self->send = NULL;
  self->send_data = NULL;
  self->send_destroy = NULL;

  if (destroy != NULL)
    destroy (data);
}

static void
mcp_request_context_dispose (GObject *object)
{
  McpRequestContext *self = (McpRequestContext *)object;

  mcp_request_context_release_sink (self);
  g_clear_pointer (&self->session, mcp_session_unref);
  g_clear_object (&self->server);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_request_context_parent_class)->dispose (object);
}

static void
mcp_request_context_finalize (GObject *object)
{
  McpRequestContext *self = (McpRequestContext *)object;

  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->id, json_node_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->params, json_object_unref);
  g_clear_pointer (&self->param_members, g_array_unref);
  g_clear_pointer (&self->meta, json_object_unref);
  g_clear_pointer (&self->progress_token, json_node_unref);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->client_capabilities, json_object_unref);
  g_clear_pointer (&self->client_info, json_object_unref);
  g_clear_pointer (&self->principal, g_free);
  g_clear_pointer (&self->input_responses, json_object_unref);
  g_clear_pointer (&self->pending_inputs, json_object_unref);
  g_clear_pointer (&self->missing_capabilities, json_object_unref);
  g_clear_pointer (&self->state, json_node_unref);
  g_clear_pointer (&self->task_id, g_free);

  G_OBJECT_CLASS (mcp_request_context_parent_class)->finalize (object);
}

static void
mcp_request_context_class_init (McpRequestContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_request_context_dispose;
  object_class->finalize = mcp_request_context_finalize;
}

static void
mcp_request_context_init (McpRequestContext *self)
{
  self->last_progress = -INFINITY;
  self->main_context = g_main_context_ref_thread_default ();
  self->thread = g_thread_self ();
}

/* @params is the request's `params` as a tree, or @param_members its
 * members as they were read (see #McpJsonMember), or neither: the object
 * mcp_request_context_get_params() returns is then built when first asked
 * for, which the core's own handlers do not need to do. */
McpRequestContext *
mcp_request_context_new (McpServer   *server,
                         McpSession  *session,
                         JsonNode    *id,
                         const char  *method,
                         JsonObject  *params,
                         GArray      *param_members,
                         McpEra       era,
                         const char  *protocol_version,
                         JsonObject  *client_capabilities,
                         JsonObject  *client_info,
                         gboolean     has_log_level,
                         McpLogLevel  log_level)
{
  McpRequestContext *self = g_object_new (MCP_TYPE_REQUEST_CONTEXT, NULL);
  JsonNode *meta;
  JsonNode *token;

  self->server = g_object_ref (server);
  self->session = session != NULL ? mcp_session_ref (session) : NULL;
  self->id = id != NULL ? json_node_ref (id) : NULL;
  self->key = id != NULL ? mcp_json_id_to_key (id) : NULL;
  self->method = g_strdup (method);
  if (params != NULL)
    self->params = json_object_ref (params);
  else if (param_members != NULL)
    self->param_members = g_array_ref (param_members);
  meta = mcp_request_context_get_param (self, "_meta");
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    self->meta = json_object_ref (json_node_get_object (meta));
  self->era = era;
  self->protocol_version = g_strdup (protocol_version);
  self->client_capabilities = client_capabilities != NULL ? json_object_ref (client_capabilities)
                                                          : json_object_new ();
  self->client_info = client_info != NULL ? json_object_ref (client_info) : NULL;
  self->has_log_level = !!has_log_level;
  self->log_level = log_level;

  token = mcp_json_get_member (self->meta, "progressToken");
  if (mcp_json_id_is_valid (token))
    self->progress_token = json_node_copy (token);

  return self;
}

void
mcp_request_context_set_sink (McpRequestContext *self,
                              McpSendFunc        send,
                              gpointer           send_data,
                              GDestroyNotify     send_destroy)
{
  g_assert (MCP_IS_REQUEST_CONTEXT (self));

  mcp_request_context_release_sink (self);
  self->send = send;
  self->send_data = send_data;
  self->send_destroy = send_destroy;
}

McpServer *
mcp_request_context_get_server_internal (McpRequestContext *self)
{
  return self->server;
}

McpSession *
mcp_request_context_get_session (McpRequestContext *self)
{
  return self->session;
}

const char *
mcp_request_context_get_key (McpRequestContext *self)
{
  return self->key;
}

gboolean
mcp_request_context_is_finished (McpRequestContext *self)
{
  return self->finished;
}

/* Who the request comes from, as the transport authenticated it (a digest
 * of its bearer token); MRTR state is bound to it. */
void
mcp_request_context_set_principal (McpRequestContext *self,
                                   const char        *principal)
{
  g_free (self->principal);
  self->principal = g_strdup (principal);
}

/**
 * mcp_request_context_get_principal:
 * @self: a #McpRequestContext
 *
 * Gets who sent the request, as the transport authenticated it: the
 * principal an [callback@Mcp.HttpAuthFunc] returned. Requests over stdio,
 * and over HTTP without an auth function, have none.
 *
 * Everything the server keeps between requests for a client is bound to
 * the principal: the `requestState` of a multi-round-trip request, tasks,
 * legacy HTTP sessions. Tools may use it the same way, for instance as
 * the owner of what they store.
 *
 * Returns: (nullable): the principal, or %NULL
 */
const char *
mcp_request_context_get_principal (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->principal;
}

/* The answers of a retried request and the state saved in its
 * requestState. */
void
mcp_request_context_set_input (McpRequestContext *self,
                               JsonObject        *responses,
                               JsonNode          *state)
{
  g_clear_pointer (&self->input_responses, json_object_unref);
  if (responses != NULL)
    self->input_responses = json_object_ref (responses);
  g_clear_pointer (&self->state, json_node_unref);
  if (state != NULL)
    self->state = json_node_copy (state);
}

JsonObject *
mcp_request_context_get_input_responses (McpRequestContext *self)
{
  return self->input_responses;
}

/* (nullable) the input requests of this round, when the handler asked for
 * input the client has not given yet */
JsonObject *
mcp_request_context_get_pending_inputs (McpRequestContext *self)
{
  return self->pending_inputs;
}

JsonObject *
mcp_request_context_get_missing_capabilities (McpRequestContext *self)
{
  return self->missing_capabilities;
}

/* From the moment the client has the task handle, the request lives on as
 * a task: what the handler returns goes to the task. */
void
mcp_request_context_set_task_id (McpRequestContext *self,
                                 const char        *task_id)
{
  g_free (self->task_id);
  self->task_id = g_strdup (task_id);
}

/* A message for the request's stream; dropped once the request has been
 * answered or cancelled. Main context only. */
void
mcp_request_context_send (McpRequestContext *self,
                          JsonNode          *message)
{
  g_assert (MCP_IS_REQUEST_CONTEXT (self));

  if (self->finished || self->send == NULL)
    return;

  self->send (message, NULL, FALSE, self->send_data);
}

/* Sends the response that ends the request, as a tree or as the text of
 * a successful response (see #McpSendFunc), unless the request was
 * cancelled. Returns whether it was sent. */
gboolean
mcp_request_context_finish (McpRequestContext *self,
                            JsonNode          *response,
                            const char        *text)
{
  g_assert (MCP_IS_REQUEST_CONTEXT (self));
  g_assert ((response == NULL) != (text == NULL));

  if (self->finished)
    return FALSE;

  self->finished = TRUE;
  if (self->send != NULL)
    self->send (response, text, TRUE, self->send_data);
  mcp_request_context_release_sink (self);

  return TRUE;
}

void
mcp_request_context_cancel (McpRequestContext *self)
{
  g_assert (MCP_IS_REQUEST_CONTEXT (self));

  if (!self->finished)
    {
      self->finished = TRUE;
      mcp_request_context_release_sink (self);
    }
  g_cancellable_cancel (mcp_request_context_get_cancellable (self));
}

/* Something a handler sends while it runs, possibly from another thread:
 * a notification, or the status message of the task the request became
 * (progress messages of a task become its status message). */
typedef struct
{
  McpRequestContext *self;
  JsonNode          *message;          /* nullable */
  double             progress;
  char              *status_message;   /* nullable */
  gboolean           sets_status;
} Emission;

static gboolean
mcp_request_context_emit_cb (gpointer user_data)
{
  Emission *emission = user_data;
  McpRequestContext *self = emission->self;

  if (self->task_id != NULL)
    {
      if (emission->sets_status)
        mcp_server_set_task_status_message (self->server, self->task_id,
                                            emission->status_message);
      return G_SOURCE_REMOVE;
    }

  if (emission->message == NULL)
    return G_SOURCE_REMOVE;

  if (!isnan (emission->progress))
    {
      /* Progress must increase with every notification. */
      if (!(emission->progress > self->last_progress))
        return G_SOURCE_REMOVE;
      self->last_progress = emission->progress;
    }

  mcp_request_context_send (self, emission->message);
  return G_SOURCE_REMOVE;
}

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->self);
  g_clear_pointer (&emission->message, json_node_unref);
  g_free (emission->status_message);
  g_free (emission);
}

static void
mcp_request_context_emit_full (McpRequestContext *self,
                               JsonNode          *message,
                               double             progress,
                               gboolean           sets_status,
                               const char        *status_message)
{
  Emission *emission = g_new0 (Emission, 1);

  emission->self = g_object_ref (self);
  emission->message = message;
  emission->progress = progress;
  emission->sets_status = sets_status;
  emission->status_message = g_strdup (status_message);

  if (g_thread_self () == self->thread)
    {
      mcp_request_context_emit_cb (emission);
      emission_free (emission);
    }
  else
    g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                                mcp_request_context_emit_cb, emission, emission_free);
}

static void
mcp_request_context_emit (McpRequestContext *self,
                          JsonNode          *message,
                          double             progress)
{
  mcp_request_context_emit_full (self, message, progress, FALSE, NULL);
}

/**
 * mcp_request_context_get_method:
 * @self: a #McpRequestContext
 *
 * Gets the JSON-RPC method of the request, such as `tools/call`.
 *
 * Returns: the method name
 */
const char *
mcp_request_context_get_method (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->method;
}

/**
 * mcp_request_context_get_request_id:
 * @self: a #McpRequestContext
 *
 * Gets the JSON-RPC id of the request, a string or an integer.
 *
 * Returns: (transfer none): the request id
 */
JsonNode *
mcp_request_context_get_request_id (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->id;
}

/**
 * mcp_request_context_get_params:
 * @self: a #McpRequestContext
 *
 * Gets the `params` object of the request (an empty object when the
 * request had none).
 *
 * Returns: (transfer none): the request parameters
 */
JsonObject *
mcp_request_context_get_params (McpRequestContext *self)
{
  JsonObject *params;

  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  /* Built on first use, from any thread (a tool may run in one): the
   * members stay, and a thread that loses the race drops its object. */
  if ((params = g_atomic_pointer_get (&self->params)) == NULL)
    {
      params = mcp_json_members_to_object (self->param_members);
      if (!g_atomic_pointer_compare_and_exchange (&self->params, NULL, params))
        {
          json_object_unref (params);
          params = g_atomic_pointer_get (&self->params);
        }
    }

  return params;
}

/*
 * mcp_request_context_get_param:
 * @self: a #McpRequestContext
 * @name: the name of a member of `params`
 *
 * Gets a member of the request's `params` without building the object
 * mcp_request_context_get_params() returns (once it is built, from it, as
 * a handler may have changed it).
 *
 * Returns: (transfer none) (nullable): the member's value
 */
JsonNode *
mcp_request_context_get_param (McpRequestContext *self,
                               const char        *name)
{
  JsonObject *params = g_atomic_pointer_get (&self->params);

  if (params != NULL)
    return json_object_get_member (params, name);
  return mcp_json_members_lookup (self->param_members, name);
}

/**
 * mcp_request_context_get_meta:
 * @self: a #McpRequestContext
 *
 * Gets the request's `params._meta` object as the client sent it, for
 * metadata the library does not interpret itself (trace context, for
 * instance).
 *
 * The object is read-only: a client sends the same `_meta` with every
 * request, and the transports share one sealed object between the
 * requests that carry the same bytes (see json_object_seal()). Copy it
 * to change it.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_request_context_get_meta (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->meta;
}

/**
 * mcp_request_context_get_era:
 * @self: a #McpRequestContext
 *
 * Gets the protocol era of the request.
 *
 * Returns: the era
 */
McpEra
mcp_request_context_get_era (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), MCP_ERA_MODERN);

  return self->era;
}

/**
 * mcp_request_context_get_protocol_version:
 * @self: a #McpRequestContext
 *
 * Gets the protocol revision the request is served in: the version in its
 * `_meta` for a modern request, the negotiated one for a legacy request.
 *
 * Returns: the protocol version, such as `"2026-07-28"`
 */
const char *
mcp_request_context_get_protocol_version (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->protocol_version;
}

/**
 * mcp_request_context_get_client_capabilities:
 * @self: a #McpRequestContext
 *
 * Gets the capabilities the client declared, for this request (modern) or
 * at `initialize` (legacy).
 *
 * Returns: (transfer none): the client capabilities, possibly empty
 */
JsonObject *
mcp_request_context_get_client_capabilities (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->client_capabilities;
}

static gboolean
capability_object_has (JsonObject *capabilities,
                       const char *name)
{
  JsonNode *node = mcp_json_get_member (capabilities, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

/**
 * mcp_request_context_has_client_capability:
 * @self: a #McpRequestContext
 * @capability: a capability name, such as `"elicitation"` or `"sampling"`
 *
 * Checks whether the client declared @capability, as an object (the
 * schema's form; `"sampling": true` is not a declaration). A server must
 * never ask a client for something it did not declare; the input requests
 * of the context check this themselves.
 *
 * Returns: %TRUE if the client has @capability
 */
gboolean
mcp_request_context_has_client_capability (McpRequestContext *self,
                                           const char        *capability)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  return capability_object_has (self->client_capabilities, capability);
}

/**
 * mcp_request_context_has_client_extension:
 * @self: a #McpRequestContext
 * @extension: an extension identifier, such as
 *   `"io.modelcontextprotocol/tasks"`
 *
 * Checks whether the client declared support for @extension (in the
 * `extensions` member of its capabilities).
 *
 * Returns: %TRUE if the client supports @extension
 */
gboolean
mcp_request_context_has_client_extension (McpRequestContext *self,
                                          const char        *extension)
{
  JsonObject *extensions;

  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);
  g_return_val_if_fail (extension != NULL, FALSE);

  extensions = mcp_json_get_object (self->client_capabilities, "extensions");
  return mcp_json_get_object (extensions, extension) != NULL;
}

/**
 * mcp_request_context_get_client_info:
 * @self: a #McpRequestContext
 *
 * Gets the `Implementation` object the client described itself with
 * (`name`, `version`, …), if it did.
 *
 * Returns: (transfer none) (nullable): the client info
 */
JsonObject *
mcp_request_context_get_client_info (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->client_info;
}

/**
 * mcp_request_context_get_log_level:
 * @self: a #McpRequestContext
 * @level: (out) (optional): return location for the level
 *
 * Gets the lowest level of log messages the client wants for this request:
 * `io.modelcontextprotocol/logLevel` of a modern request, or the level a
 * legacy client set with `logging/setLevel`.
 *
 * Returns: %TRUE if the client asked for a level
 */
gboolean
mcp_request_context_get_log_level (McpRequestContext *self,
                                   McpLogLevel       *level)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);

  if (level != NULL)
    *level = self->log_level;
  return self->has_log_level;
}

/**
 * mcp_request_context_get_progress_token:
 * @self: a #McpRequestContext
 *
 * Gets the progress token of the request (`_meta.progressToken`).
 *
 * Returns: (transfer none) (nullable): the token, or %NULL when the client
 *   asked for no progress
 */
JsonNode *
mcp_request_context_get_progress_token (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->progress_token;
}

/**
 * mcp_request_context_get_cancellable:
 * @self: a #McpRequestContext
 *
 * Gets the cancellable of the request. It is cancelled when the client
 * cancels the request (`notifications/cancelled` or a closed HTTP stream)
 * or when the connection or session ends. Pass it to every asynchronous
 * operation the handler starts.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
mcp_request_context_get_cancellable (McpRequestContext *self)
{
  GCancellable *cancellable;

  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  /* Most requests (every synchronous tool) never look at it: it is made
   * on first use, by whichever thread comes first. */
  if ((cancellable = g_atomic_pointer_get (&self->cancellable)) == NULL)
    {
      GCancellable *fresh = g_cancellable_new ();

      if (!g_atomic_pointer_compare_and_exchange (&self->cancellable, NULL, fresh))
        g_object_unref (fresh);
      cancellable = g_atomic_pointer_get (&self->cancellable);
    }

  return cancellable;
}

/**
 * mcp_request_context_is_cancelled:
 * @self: a #McpRequestContext
 *
 * Checks whether the request has been cancelled. Nothing a handler returns
 * after that reaches the client.
 *
 * Returns: %TRUE if the request was cancelled
 */
gboolean
mcp_request_context_is_cancelled (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), TRUE);

  /* Without a cancellable, nothing has cancelled it yet. */
  return g_cancellable_is_cancelled (g_atomic_pointer_get (&self->cancellable));
}

/**
 * mcp_request_context_report_progress:
 * @self: a #McpRequestContext
 * @progress: the progress so far
 * @total: the total, or a negative number when it is unknown
 * @message: (nullable): a human readable description of the current step
 *
 * Sends a `notifications/progress` for the request, if the client asked
 * for progress with a progress token. Progress must increase with every
 * call: a value that does not is dropped. Nothing is sent once the request
 * has been answered or cancelled.
 *
 * When the request became a task, there is no request stream to send
 * progress on: @message, if not %NULL, becomes the task's status message
 * instead (see [method@Mcp.RequestContext.set_status_message]).
 *
 * Like every method of the context that sends something, this may be
 * called from any thread.
 */
void
mcp_request_context_report_progress (McpRequestContext *self,
                                     double             progress,
                                     double             total,
                                     const char        *message)
{
  JsonObject *params;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (!isnan (progress));

  if (self->progress_token == NULL)
    {
      /* only a task still wants the message */
      if (message != NULL)
        mcp_request_context_emit_full (self, NULL, NAN, TRUE, message);
      return;
    }

  params = json_object_new ();
  json_object_set_member (params, "progressToken", json_node_copy (self->progress_token));
  if (progress == floor (progress) && fabs (progress) < 9007199254740992.0)
    json_object_set_int_member (params, "progress", (gint64)progress);
  else
    json_object_set_double_member (params, "progress", progress);
  if (total >= 0)
    {
      if (total == floor (total) && total < 9007199254740992.0)
        json_object_set_int_member (params, "total", (gint64)total);
      else
        json_object_set_double_member (params, "total", total);
    }
  if (message != NULL &&
      mcp_protocol_version_at_least (self->protocol_version, MCP_SINCE_PROGRESS_MESSAGE))
    json_object_set_string_member (params, "message", message);

  mcp_request_context_emit_full (self, mcp_jsonrpc_new_notification ("notifications/progress", params),
                                 progress, message != NULL, message);
}

/**
 * mcp_request_context_set_status_message:
 * @self: a #McpRequestContext
 * @message: (nullable): what the task is doing, for people, or %NULL to
 *   clear it
 *
 * Sets the `statusMessage` of the task the request became (see
 * [method@Mcp.RequestContext.begin_task_async]): clients see it in
 * `tasks/get` and in `notifications/tasks`. Does nothing when the request
 * is not a task, or once the task has ended. May be called from any
 * thread.
 */
void
mcp_request_context_set_status_message (McpRequestContext *self,
                                        const char        *message)
{
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));

  mcp_request_context_emit_full (self, NULL, NAN, TRUE, message);
}

/**
 * mcp_request_context_should_log:
 * @self: a #McpRequestContext
 * @level: a log level
 *
 * Checks whether a log message at @level would reach the client. A modern
 * request gets log messages only if it carried
 * `io.modelcontextprotocol/logLevel`, and only at or above that level; a
 * legacy session gets them at or above the level of its last
 * `logging/setLevel` (all of them before it sets one).
 *
 * Returns: %TRUE if a message at @level is sent
 */
gboolean
mcp_request_context_should_log (McpRequestContext *self,
                                McpLogLevel        level)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);

  if (self->era == MCP_ERA_MODERN)
    return self->has_log_level && level >= self->log_level;

  if (self->session != NULL && self->session->has_log_level)
    return level >= self->session->log_level;

  return TRUE;
}

/**
 * mcp_request_context_log_data:
 * @self: a #McpRequestContext
 * @level: the severity of the message
 * @logger: (nullable): the name of the logger
 * @data: the message, any JSON value
 *
 * Sends a `notifications/message` log message on the request's stream, if
 * the client wants messages at @level (see
 * [method@Mcp.RequestContext.should_log]). Once the request has been
 * answered, and so once it became a task, it has no stream and log
 * messages are dropped: a task tells the client what it does with
 * [method@Mcp.RequestContext.set_status_message]. May be called from any
 * thread.
 */
void
mcp_request_context_log_data (McpRequestContext *self,
                              McpLogLevel        level,
                              const char        *logger,
                              JsonNode          *data)
{
  JsonObject *params;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (level <= MCP_LOG_LEVEL_EMERGENCY);
  g_return_if_fail (data != NULL);

  if (!mcp_request_context_should_log (self, level))
    return;

  params = json_object_new ();
  json_object_set_string_member (params, "level", mcp_log_level_to_string (level));
  mcp_json_object_set_string (params, "logger", logger);
  json_object_set_member (params, "data", json_node_copy (data));

  mcp_request_context_emit (self, mcp_jsonrpc_new_notification ("notifications/message", params),
                            NAN);
}

/**
 * mcp_request_context_log:
 * @self: a #McpRequestContext
 * @level: the severity of the message
 * @logger: (nullable): the name of the logger
 * @message: the text of the message
 *
 * Sends a text log message on the request's stream; see
 * [method@Mcp.RequestContext.log_data].
 */
void
mcp_request_context_log (McpRequestContext *self,
                         McpLogLevel        level,
                         const char        *logger,
                         const char        *message)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (message != NULL);

  data = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (data, message);
  mcp_request_context_log_data (self, level, logger, data);
}

static void
mcp_request_context_ping_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpRequestContext *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = mcp_session_request_finish (self->session, result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mcp_request_context_ping_async:
 * @self: a #McpRequestContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client answers
 * @user_data: closure data for @callback
 *
 * Sends a `ping` request to the client of a legacy session and waits for
 * its answer. The 2026-07-28 revision has no server-to-client requests:
 * for a modern request the operation fails with %G_IO_ERROR_NOT_SUPPORTED.
 */
void
mcp_request_context_ping_async (McpRequestContext   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_request_context_ping_async);

  if (self->era != MCP_ERA_LEGACY || self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Protocol %s has no server-to-client requests",
                               self->protocol_version);
      return;
    }

  mcp_session_request_async (self->session, self, "ping", NULL,
                             mcp_server_get_client_request_timeout (self->server),
                             cancellable, mcp_request_context_ping_cb,
                             g_steal_pointer (&task));
}

/**
 * mcp_request_context_ping_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.ping_async].
 *
 * Returns: %TRUE if the client answered the ping
 */
gboolean
mcp_request_context_ping_finish (McpRequestContext  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Input requests: elicitation, sampling, roots. One API, both eras. */


/* What the client must have declared for @method, when it has not:
 * a ClientCapabilities fragment for data.requiredCapabilities. A
 * capability the client's revision does not know counts as missing. */
static JsonObject *
missing_capability (JsonObject *capabilities,
                    const char *version,
                    const char *method,
                    JsonObject *params)
{
  JsonObject *missing = NULL;
  const char *top = NULL;
  const char *sub = NULL;

  if (g_strcmp0 (method, "elicitation/create") == 0)
    {
      gboolean url_mode = g_strcmp0 (mcp_json_get_string (params, "mode"), "url") == 0;
      JsonObject *elicitation = mcp_protocol_version_at_least (version, MCP_SINCE_ELICITATION)
                                ? mcp_json_get_object (capabilities, "elicitation") : NULL;

      if (url_mode && !mcp_protocol_version_at_least (version, MCP_SINCE_URL_ELICITATION))
        elicitation = NULL;

      /* An empty elicitation capability means form mode only. */
      if (elicitation == NULL)
        {
          top = "elicitation";
          sub = url_mode ? "url" : NULL;
        }
      else if (url_mode && !capability_object_has (elicitation, "url"))
        {
          top = "elicitation";
          sub = "url";
        }
      else if (!url_mode && json_object_get_size (elicitation) > 0 &&
               !capability_object_has (elicitation, "form"))
        {
          top = "elicitation";
          sub = "form";
        }
    }
  else if (g_strcmp0 (method, "sampling/createMessage") == 0)
    {
      JsonObject *sampling = mcp_json_get_object (capabilities, "sampling");

      top = "sampling";
      if (sampling != NULL)
        {
          if (json_object_has_member (params, "tools") && !capability_object_has (sampling, "tools"))
            sub = "tools";
          else
            top = NULL;
        }
    }
  else if (g_strcmp0 (method, "roots/list") == 0)
    {
      top = capability_object_has (capabilities, "roots") ? NULL : "roots";
    }

  if (top != NULL)
    {
      JsonObject *inner = json_object_new ();

      if (sub != NULL)
        json_object_set_object_member (inner, sub, json_object_new ());
      missing = json_object_new ();
      json_object_set_object_member (missing, top, inner);
    }

  return missing;
}

/* A client's answer must have the shape of the result it answers. */
gboolean
mcp_request_context_check_response (const char  *key,
                                    const char  *method,
                                    JsonObject  *params,
                                    JsonNode    *response,
                                    GError     **error)
{
  JsonObject *object;
  const char *problem = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (response))
    problem = "it must be an object";
  else
    {
      object = json_node_get_object (response);

      if (g_strcmp0 (method, "elicitation/create") == 0)
        {
          const char *action = mcp_json_get_string (object, "action");

          if (g_strcmp0 (action, "accept") != 0 && g_strcmp0 (action, "decline") != 0 &&
              g_strcmp0 (action, "cancel") != 0)
            problem = "“action” must be “accept”, “decline” or “cancel”";
          else if (json_object_has_member (object, "content") &&
                   mcp_json_get_object (object, "content") == NULL)
            problem = "“content” must be an object";
          else if (g_strcmp0 (action, "accept") == 0 &&
                   mcp_json_get_object (params, "requestedSchema") != NULL)
            {
              JsonNode *content = json_object_get_member (object, "content");
              g_autoptr(JsonNode) empty = NULL;
              g_autoptr(GError) schema_error = NULL;

              /* What the user accepted must be what the form asked for. */
              if (content == NULL)
                content = empty = mcp_json_node_new_object_take (json_object_new ());
              if (!mcp_schema_validate (mcp_json_get_object (params, "requestedSchema"), content,
                                        "field", &schema_error))
                {
                  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Invalid params: the input response “%s” is invalid: %s",
                               key, schema_error->message);
                  return FALSE;
                }
            }
        }
      else if (g_strcmp0 (method, "sampling/createMessage") == 0)
        {
          if (mcp_json_get_string (object, "role") == NULL ||
              !json_object_has_member (object, "content"))
            problem = "it must be a CreateMessageResult with “role” and “content”";
        }
      else if (g_strcmp0 (method, "roots/list") == 0)
        {
          if (mcp_json_get_array (object, "roots") == NULL)
            problem = "“roots” must be an array";
        }
    }

  if (problem != NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                   "Invalid params: the input response “%s” is invalid: %s", key, problem);
      return FALSE;
    }

  return TRUE;
}

static void
request_input_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpRequestContext *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = mcp_session_request_finish (self->session, result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else if (!mcp_request_context_check_response (g_task_get_name (task),
                                                g_object_get_data (G_OBJECT (task), "method"),
                                                g_object_get_data (G_OBJECT (task), "params"),
                                                reply, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_object_ref (json_node_get_object (reply)),
                           (GDestroyNotify)json_object_unref);
}

/**
 * mcp_request_context_request_input_async:
 * @self: a #McpRequestContext
 * @key: a name for this input, unique within the request, such as `"login"`
 * @method: the client method: `elicitation/create`, `sampling/createMessage`
 *   or `roots/list`
 * @params: (nullable): its parameters
 * @cancellable: (nullable): a #GCancellable that stops a legacy wait for
 *   the client; the request's own when %NULL (see below for the other cases)
 * @callback: (scope async): called with the client's answer
 * @user_data: closure data for @callback
 *
 * Asks the client for input while serving a request, the same way in both
 * protocol eras.
 *
 * Under a legacy revision the server sends @method to the client as a
 * JSON-RPC request, on the request's own stream, and completes with the
 * answer (or fails after [property@Mcp.Server:client-request-timeout]).
 *
 * Under 2026-07-28 (Multi Round-Trip Requests) there are no server-to-
 * client requests: if the client's retry of the request carries an answer
 * for @key, the operation completes with it; otherwise it fails with
 * %MCP_REQUEST_ERROR_INPUT_REQUIRED. Let that error propagate out of the
 * handler: the server then answers the request with an
 * `InputRequiredResult` listing every input asked for (a handler may ask
 * for several at once) and a signed `requestState`; the client retries, and
 * the handler runs again from the start. Work done before an input request
 * must therefore be safe to redo, or be kept with
 * [method@Mcp.RequestContext.set_state].
 *
 * Either way, nothing is asked that the client did not declare in its
 * capabilities: the operation fails with
 * %MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY instead, which reaches a
 * 2026-07-28 client as error -32021 naming the capability.
 *
 * @cancellable only matters under a legacy revision, where it (or, when
 * %NULL, the request's own cancellable) stops the wait for the client's
 * answer. Under 2026-07-28 the operation completes at once, with the
 * answer the retry carries or with %MCP_REQUEST_ERROR_INPUT_REQUIRED, so
 * there is nothing for it to interrupt. Inside a task
 * ([method@Mcp.RequestContext.begin_task_async]) the operation waits for
 * the client's `tasks/update`, and what ends the wait early is the task's
 * own cancellation (`tasks/cancel`, or the task ending): @cancellable is
 * not watched. In the last two cases a @cancellable that was cancelled
 * before the callback runs still makes the operation fail with
 * %G_IO_ERROR_CANCELLED, as for any #GTask.
 */
void
mcp_request_context_request_input_async (McpRequestContext   *self,
                                         const char          *key,
                                         const char          *method,
                                         JsonObject          *params,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) missing = NULL;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (key != NULL && key[0] != '\0');
  g_return_if_fail (method != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_request_context_request_input_async);
  g_task_set_name (task, key);
  g_object_set_data_full (G_OBJECT (task), "method", g_strdup (method), g_free);
  if (params != NULL)
    g_object_set_data_full (G_OBJECT (task), "params", json_object_ref (params),
                            (GDestroyNotify)json_object_unref);

  if ((missing = missing_capability (self->client_capabilities, self->protocol_version,
                                    method, params)) != NULL)
    {
      g_autofree char *text = mcp_json_object_to_string (missing);

      if (self->missing_capabilities == NULL)
        self->missing_capabilities = json_object_ref (missing);
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY,
                               "The client did not declare the capabilities %s needs: %s",
                               method, text);
      return;
    }

  /* A task waits for tasks/update instead. */
  if (self->task_id != NULL)
    {
      mcp_server_task_request_input (self->server, self, key, method, params,
                                     g_steal_pointer (&task));
      return;
    }

  if (self->era == MCP_ERA_MODERN)
    {
      JsonNode *response = mcp_json_get_member (self->input_responses, key);
      JsonObject *request;
      GError *error = NULL;

      if (response != NULL)
        {
          if (!mcp_request_context_check_response (key, method, params, response, &error))
            g_task_return_error (task, error);
          else
            g_task_return_pointer (task, json_object_ref (json_node_get_object (response)),
                                   (GDestroyNotify)json_object_unref);
          return;
        }

      request = json_object_new ();
      json_object_set_string_member (request, "method", method);
      json_object_set_object_member (request, "params",
                                     params != NULL ? json_object_ref (params) : json_object_new ());
      if (self->pending_inputs == NULL)
        self->pending_inputs = json_object_new ();
      json_object_set_object_member (self->pending_inputs, key, request);

      g_task_return_new_error (task, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INPUT_REQUIRED,
                               "Waiting for the client to answer “%s”", key);
      return;
    }

  if (self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "There is no session to send %s on", method);
      return;
    }

  mcp_session_request_async (self->session, self, method, params,
                             mcp_server_get_client_request_timeout (self->server),
                             cancellable != NULL ? cancellable : mcp_request_context_get_cancellable (self),
                             request_input_cb, g_steal_pointer (&task));
}

/**
 * mcp_request_context_request_input_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.request_input_async] and the
 * operations built on it.
 *
 * Returns: (transfer full): the client's answer (an `ElicitResult`,
 *   `CreateMessageResult` or `ListRootsResult`)
 */
JsonObject *
mcp_request_context_request_input_finish (McpRequestContext  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_request_context_elicit_async:
 * @self: a #McpRequestContext
 * @key: a name for this input, unique within the request
 * @message: what to ask the user
 * @requested_schema: a flat object schema of primitive properties: what
 *   the form asks for
 * @cancellable: (nullable): a #GCancellable; only a legacy revision
 *   waits for the client, see [method@Mcp.RequestContext.request_input_async]
 * @callback: (scope async): called with the user's answer
 * @user_data: closure data for @callback
 *
 * Asks the user to fill in a form (`elicitation/create` in form mode);
 * see [method@Mcp.RequestContext.request_input_async] for how it works in
 * each protocol era.
 */
void
mcp_request_context_elicit_async (McpRequestContext   *self,
                                  const char          *key,
                                  const char          *message,
                                  JsonObject          *requested_schema,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonObject) params = json_object_new ();

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (message != NULL);
  g_return_if_fail (requested_schema != NULL);

  json_object_set_string_member (params, "message", message);
  json_object_set_object_member (params, "requestedSchema", json_object_ref (requested_schema));

  mcp_request_context_request_input_async (self, key, "elicitation/create", params, cancellable,
                                           callback, user_data);
}

/**
 * mcp_request_context_elicit_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.elicit_async] and
 * [method@Mcp.RequestContext.elicit_url_async].
 *
 * Returns: (transfer full): the `ElicitResult`: `action` (`accept`,
 *   `decline` or `cancel`) and, when accepted, `content`
 */
JsonObject *
mcp_request_context_elicit_finish (McpRequestContext  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return mcp_request_context_request_input_finish (self, result, error);
}

/**
 * mcp_request_context_elicit_url_async:
 * @self: a #McpRequestContext
 * @key: a name for this input, unique within the request
 * @message: why the user should visit @url
 * @url: the page the user should visit, for what must not pass through
 *   the client (credentials, payments)
 * @cancellable: (nullable): a #GCancellable; only a legacy revision
 *   waits for the client, see [method@Mcp.RequestContext.request_input_async]
 * @callback: (scope async): called with the user's answer
 * @user_data: closure data for @callback
 *
 * Asks the user to visit a page (`elicitation/create` in URL mode, for
 * clients that declare `elicitation.url`); complete with
 * [method@Mcp.RequestContext.elicit_finish]. The answer only says whether
 * the user accepted: the outcome of the visit reaches the server out of
 * band.
 */
void
mcp_request_context_elicit_url_async (McpRequestContext   *self,
                                      const char          *key,
                                      const char          *message,
                                      const char          *url,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) params = json_object_new ();

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (message != NULL);
  g_return_if_fail (url != NULL);

  json_object_set_string_member (params, "mode", "url");
  json_object_set_string_member (params, "message", message);
  json_object_set_string_member (params, "url", url);

  mcp_request_context_request_input_async (self, key, "elicitation/create", params, cancellable,
                                           callback, user_data);
}

/**
 * mcp_request_context_sample_async:
 * @self: a #McpRequestContext
 * @key: a name for this input, unique within the request
 * @params: the `CreateMessageRequest` parameters: `messages`, `maxTokens`,
 *   and optionally `systemPrompt`, `modelPreferences`, `tools`…
 * @cancellable: (nullable): a #GCancellable; only a legacy revision
 *   waits for the client, see [method@Mcp.RequestContext.request_input_async]
 * @callback: (scope async): called with the model's answer
 * @user_data: closure data for @callback
 *
 * Asks the client's model for a completion (`sampling/createMessage`); see
 * [method@Mcp.RequestContext.request_input_async].
 */
void
mcp_request_context_sample_async (McpRequestContext   *self,
                                  const char          *key,
                                  JsonObject          *params,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));
  g_return_if_fail (params != NULL);

  mcp_request_context_request_input_async (self, key, "sampling/createMessage", params,
                                           cancellable, callback, user_data);
}

/**
 * mcp_request_context_sample_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.sample_async].
 *
 * Returns: (transfer full): the `CreateMessageResult`
 */
JsonObject *
mcp_request_context_sample_finish (McpRequestContext  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return mcp_request_context_request_input_finish (self, result, error);
}

/**
 * mcp_request_context_list_roots_async:
 * @self: a #McpRequestContext
 * @key: a name for this input, unique within the request
 * @cancellable: (nullable): a #GCancellable; only a legacy revision
 *   waits for the client, see [method@Mcp.RequestContext.request_input_async]
 * @callback: (scope async): called with the client's roots
 * @user_data: closure data for @callback
 *
 * Asks the client for its roots (`roots/list`); see
 * [method@Mcp.RequestContext.request_input_async].
 */
void
mcp_request_context_list_roots_async (McpRequestContext   *self,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));

  mcp_request_context_request_input_async (self, key, "roots/list", NULL, cancellable,
                                           callback, user_data);
}

/**
 * mcp_request_context_list_roots_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.list_roots_async].
 *
 * Returns: (transfer full): the `ListRootsResult`, with its `roots`
 */
JsonObject *
mcp_request_context_list_roots_finish (McpRequestContext  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return mcp_request_context_request_input_finish (self, result, error);
}

/**
 * mcp_request_context_get_state:
 * @self: a #McpRequestContext
 *
 * Gets the state the handler saved with
 * [method@Mcp.RequestContext.set_state] in an earlier round of this
 * request (2026-07-28), recovered from the verified `requestState`.
 *
 * Returns: (transfer none) (nullable): the saved state
 */
JsonNode *
mcp_request_context_get_state (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->state;
}

/**
 * mcp_request_context_set_state:
 * @self: a #McpRequestContext
 * @state: (nullable): small JSON state
 *
 * Saves state for the next round of a request that asks for input, such
 * as the outcome of work that must not be redone. Under 2026-07-28 it
 * travels inside the `requestState` given to the client: integrity
 * protected and bound to this request, but readable by the client, so
 * keep secrets out of it. Under a legacy revision the handler keeps
 * running, and the state is simply kept on the context.
 */
void
mcp_request_context_set_state (McpRequestContext *self,
                               JsonNode          *state)
{
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));

  g_clear_pointer (&self->state, json_node_unref);
  if (state != NULL)
    self->state = json_node_copy (state);
}

static void
begin_task_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mcp_server_begin_task_finish (MCP_SERVER (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mcp_request_context_begin_task_async:
 * @self: a #McpRequestContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the request is a task, or cannot
 *   become one
 * @user_data: closure data for @callback
 *
 * Turns the request into a task (the `io.modelcontextprotocol/tasks`
 * extension): the task is stored, the client gets its handle at once, and
 * from then on what the handler returns settles the task instead, which
 * the client polls with `tasks/get`. Input asked for after that waits for
 * the client's `tasks/update`.
 *
 * Tools whose [property@Mcp.Tool:auto-task] is set become tasks before
 * their handler runs; call this from the handler of a tool without it,
 * when it is time (for instance once the input gathered with Multi
 * Round-Trip Requests is complete, as the extension asks).
 *
 * When the client does not support tasks (or the request is not a
 * 2026-07-28 `tools/call`), nothing happens and the operation completes
 * with %FALSE: go on and return the result as usual.
 */
void
mcp_request_context_begin_task_async (McpRequestContext   *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_request_context_begin_task_async);

  if (self->task_id != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->era != MCP_ERA_MODERN || self->finished ||
      g_strcmp0 (self->method, "tools/call") != 0 ||
      !mcp_request_context_has_client_extension (self, MCP_TASKS_EXTENSION))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  mcp_server_begin_task_async (self->server, self, cancellable, begin_task_cb,
                               g_steal_pointer (&task));
}

/**
 * mcp_request_context_begin_task_finish:
 * @self: a #McpRequestContext
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.RequestContext.begin_task_async].
 *
 * Returns: %TRUE if the request is now a task, %FALSE if it goes on as a
 *   plain request (check @error)
 */
gboolean
mcp_request_context_begin_task_finish (McpRequestContext  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_request_context_get_task_id:
 * @self: a #McpRequestContext
 *
 * Gets the id of the task the request became, if it became one.
 *
 * Returns: (nullable): the task id
 */
const char *
mcp_request_context_get_task_id (McpRequestContext *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST_CONTEXT (self), NULL);

  return self->task_id;
}
