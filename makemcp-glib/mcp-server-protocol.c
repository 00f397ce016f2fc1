/* mcp-server-protocol.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-server-private.h"
#include "mcp-signer-private.h"

/* The dual-era protocol core.
 *
 * Every message a transport reads arrives here as a parsed JsonNode. The
 * core checks the JSON-RPC envelope, decides the era of each request (a
 * request whose _meta carries a modern protocol version is served on its
 * own; anything else belongs to the legacy session an initialize request
 * opened), builds the McpRequestContext handlers see, and dispatches on
 * the method table of that era. Replies pass back through the context's
 * sink, shaped for the request's era and revision. */

typedef void (*McpMethodHandler) (McpServer         *self,
                                  McpRequestContext *context);

typedef enum
{
  ERA_MODERN = 1 << 0,
  ERA_LEGACY = 1 << 1,
  ERA_BOTH   = ERA_MODERN | ERA_LEGACY,
} EraMask;

struct _McpMethodEntry
{
  const char       *method;
  EraMask           eras;
  McpMethodHandler  handler;
  gboolean          input_required;  /* may answer an InputRequiredResult */
};

typedef struct _McpMethodEntry MethodEntry;

static gboolean mcp_server_prepare_retry (McpServer         *self,
                                          McpRequestContext *context);

static void handle_initialize      (McpServer *self, McpRequestContext *context);
static void handle_ping            (McpServer *self, McpRequestContext *context);
static void handle_discover        (McpServer *self, McpRequestContext *context);
static void handle_logging_level   (McpServer *self, McpRequestContext *context);

static const MethodEntry methods[] = {
  { "initialize",        ERA_LEGACY, handle_initialize },
  { "ping",              ERA_LEGACY, handle_ping },
  { "logging/setLevel",  ERA_LEGACY, handle_logging_level },
  { "server/discover",   ERA_MODERN, handle_discover },
  { "tools/list",        ERA_BOTH,   mcp_server_handle_tools_list },
  { "tools/call",        ERA_BOTH,   mcp_server_handle_tools_call, TRUE },
  { "resources/list",    ERA_BOTH,   mcp_server_handle_resources_list },
  { "resources/templates/list", ERA_BOTH, mcp_server_handle_templates_list },
  { "resources/read",    ERA_BOTH,   mcp_server_handle_resources_read, TRUE },
  { "resources/subscribe", ERA_LEGACY, mcp_server_handle_subscribe },
  { "resources/unsubscribe", ERA_LEGACY, mcp_server_handle_unsubscribe },
  { "subscriptions/listen", ERA_MODERN, mcp_server_handle_listen },
  { "prompts/list",      ERA_BOTH,   mcp_server_handle_prompts_list },
  { "prompts/get",       ERA_BOTH,   mcp_server_handle_prompts_get, TRUE },
  { "completion/complete", ERA_BOTH, mcp_server_handle_complete },
  { "tasks/get",         ERA_MODERN, mcp_server_handle_tasks_get },
  { "tasks/update",      ERA_MODERN, mcp_server_handle_tasks_update },
  { "tasks/cancel",      ERA_MODERN, mcp_server_handle_tasks_cancel },
};

static const MethodEntry *
lookup_method (const char *name,
               EraMask     era)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *new_table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        g_hash_table_insert (new_table, (gpointer)methods[i].method, (gpointer)&methods[i]);
      g_once_init_leave (&table, new_table);
    }

  {
    const MethodEntry *entry = g_hash_table_lookup (table, name);

    return (entry != NULL && (entry->eras & era) != 0) ? entry : NULL;
  }
}

static void
send_one (JsonNode       *message,
          McpSendFunc     send,
          gpointer        send_data,
          GDestroyNotify  send_destroy)
{
  send (message, NULL, TRUE, send_data);
  if (send_destroy != NULL)
    send_destroy (send_data);
}

/* An error about a message that never became a request (a parse error, an
 * invalid envelope): answered at once, with the id when it could be read. */
void
mcp_server_send_error (McpServer      *self,
                       JsonNode       *id,
                       const GError   *error,
                       McpSendFunc     send,
                       gpointer        send_data,
                       GDestroyNotify  send_destroy)
{
  g_autoptr(JsonNode) response = mcp_jsonrpc_new_error_from_gerror (id, error);

  send_one (response, send, send_data, send_destroy);
}

static JsonNode *
supported_versions_node (void)
{
  const char * const *versions = mcp_protocol_get_supported_versions ();
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; versions[i] != NULL; i++)
    json_array_add_string_element (array, versions[i]);
  json_node_take_array (node, array);

  return node;
}

static void
handle_notification (McpServer             *self,
                     McpSession            *session,
                     const char            *method,
                     const McpJsonEnvelope *envelope)
{
  if (strcmp (method, "notifications/cancelled") == 0)
    {
      JsonNode *request_id = mcp_json_envelope_get_param (envelope, "requestId");
      McpRequestContext *context;

      if (session == NULL || !mcp_json_id_is_valid (request_id))
        return;

      if ((context = mcp_session_lookup (session, request_id)) != NULL)
        {
          JsonNode *reason_node = mcp_json_envelope_get_param (envelope, "reason");
          const char *reason = mcp_json_node_is_string (reason_node)
                               ? json_node_get_string (reason_node) : NULL;

          g_debug ("Request cancelled by the client%s%s",
                   reason != NULL ? ": " : "", reason != NULL ? reason : "");
          g_object_ref (context);
          mcp_session_untrack (session, context);
          mcp_request_context_cancel (context);
          g_object_unref (context);
        }
    }
  else if (strcmp (method, "notifications/initialized") == 0)
    {
      if (session != NULL && session->initialize_seen)
        session->initialized = TRUE;
    }
  /* Other notifications (progress, roots/list_changed, …) need no
   * answer, and unknown ones are ignored as JSON-RPC asks. */
}

/* A request the core refuses before any handler sees it. */
static McpMessageKind
reject (McpAcceptedMessage *accepted,
        JsonNode           *id,
        int                 code,
        const char         *text,
        JsonNode           *data)
{
  accepted->error_response = mcp_jsonrpc_new_error (mcp_json_id_is_valid (id) ? id : NULL,
                                                    code, text, data);
  accepted->http_status = code == MCP_ERROR_METHOD_NOT_FOUND ? 404 : 400;
  accepted->kind = MCP_MESSAGE_INVALID;
  return MCP_MESSAGE_INVALID;
}

/* The `_meta` of a 2026-07-28 request (@version_node is its protocol
 * version, not a legacy one): what the checks find goes into @found
 * (borrowed from @meta, @found->meta left NULL), or the request is
 * rejected and FALSE returned. */
static gboolean
check_modern_meta (JsonObject         *meta,
                   JsonNode           *version_node,
                   JsonNode           *id,
                   McpAcceptedMessage *accepted,
                   McpCheckedMeta     *found)
{
  const char *version = mcp_json_node_is_string (version_node)
                        ? json_node_get_string (version_node) : NULL;
  JsonNode *capabilities_node = json_object_get_member (meta, MCP_META_CLIENT_CAPABILITIES);
  JsonNode *client_info_node = json_object_get_member (meta, MCP_META_CLIENT_INFO);
  JsonNode *level_node = json_object_get_member (meta, MCP_META_LOG_LEVEL);
  McpLogLevel level = MCP_LOG_LEVEL_DEBUG;

  if (version == NULL)
    {
      reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
              "Invalid params: “" MCP_META_PROTOCOL_VERSION "” must be a string", NULL);
      return FALSE;
    }

  if (!mcp_protocol_version_is_supported (version))
    {
      JsonObject *data = json_object_new ();

      json_object_set_member (data, "supported", supported_versions_node ());
      json_object_set_string_member (data, "requested", version);
      reject (accepted, id, MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION,
              "Unsupported protocol version", mcp_json_node_new_object_take (data));
      return FALSE;
    }

  if (capabilities_node == NULL || !JSON_NODE_HOLDS_OBJECT (capabilities_node))
    {
      reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
              capabilities_node == NULL
              ? "Invalid params: missing “" MCP_META_CLIENT_CAPABILITIES "” in _meta"
              : "Invalid params: “" MCP_META_CLIENT_CAPABILITIES "” must be an object",
              NULL);
      return FALSE;
    }

  if (client_info_node != NULL && !JSON_NODE_HOLDS_OBJECT (client_info_node))
    {
      reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
              "Invalid params: “" MCP_META_CLIENT_INFO "” must be an object", NULL);
      return FALSE;
    }

  if (level_node != NULL &&
      !(mcp_json_node_is_string (level_node) &&
        mcp_log_level_from_string (json_node_get_string (level_node), &level)))
    {
      reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
              "Invalid params: “" MCP_META_LOG_LEVEL "” is not a log level", NULL);
      return FALSE;
    }

  found->meta = NULL;
  found->version = version;
  found->capabilities = json_node_get_object (capabilities_node);
  found->client_info = client_info_node != NULL ? json_node_get_object (client_info_node) : NULL;
  found->has_level = level_node != NULL;
  found->level = level;
  return TRUE;
}

/*
 * mcp_server_accept_envelope:
 * @self: the server
 * @session: (nullable): the connection the message came on
 * @envelope: the parsed message
 * @accepted: (out caller-allocates): what the core made of it
 *
 * The first half of handling a message: checks the JSON-RPC envelope,
 * decides the era of a request and builds its context, without running any
 * handler. Notifications and responses are handled here and then.
 *
 * For %MCP_MESSAGE_REQUEST, @accepted->context holds the new context; the
 * transport may check it against what it knows (HTTP headers) before
 * calling mcp_server_dispatch(). For %MCP_MESSAGE_INVALID,
 * @accepted->error_response is the answer to send and
 * @accepted->http_status the HTTP status that goes with it.
 *
 * Returns: the kind of message
 */
McpMessageKind
mcp_server_accept_envelope (McpServer             *self,
                            McpSession            *session,
                            const McpJsonEnvelope *envelope,
                            McpAcceptedMessage    *accepted)
{
  JsonNode *id;
  JsonNode *method_node;
  JsonObject *meta = NULL;
  JsonNode *meta_node;
  McpCheckedMeta *checked;
  McpCheckedMeta fresh = { NULL, };
  const McpCheckedMeta *modern = NULL;
  JsonNode *version_node;
  const char *method;

  g_assert (MCP_IS_SERVER (self));

  memset (accepted, 0, sizeof *accepted);

  if (session != NULL)
    session->last_activity = g_get_monotonic_time ();

  if (!envelope->is_object && JSON_NODE_HOLDS_ARRAY (envelope->root))
    return reject (accepted, NULL, MCP_ERROR_INVALID_REQUEST,
                   "Invalid request: JSON-RPC batches are not supported", NULL);

  if (!envelope->is_object)
    return reject (accepted, NULL, MCP_ERROR_INVALID_REQUEST,
                   "Invalid request: a JSON-RPC message must be an object", NULL);

  id = envelope->id;
  method_node = envelope->method;

  if (!mcp_json_node_is_string (envelope->jsonrpc) ||
      strcmp (json_node_get_string (envelope->jsonrpc), "2.0") != 0)
    return reject (accepted, id, MCP_ERROR_INVALID_REQUEST,
                   "Invalid request: “jsonrpc” must be “2.0”", NULL);

  if (method_node == NULL)
    {
      /* A response to a request the server sent. */
      if (id != NULL && (envelope->result != NULL || envelope->error != NULL))
        {
          if (session == NULL ||
              !mcp_session_handle_response (session, id, envelope->result, envelope->error))
            g_debug ("Ignoring a response to an unknown request");
          accepted->kind = MCP_MESSAGE_RESPONSE;
          return MCP_MESSAGE_RESPONSE;
        }

      return reject (accepted, id, MCP_ERROR_INVALID_REQUEST,
                     "Invalid request: no “method”", NULL);
    }

  if (!mcp_json_node_is_string (method_node))
    return reject (accepted, id, MCP_ERROR_INVALID_REQUEST,
                   "Invalid request: “method” must be a string", NULL);
  method = json_node_get_string (method_node);

  if (id != NULL && !mcp_json_id_is_valid (id))
    return reject (accepted, NULL, MCP_ERROR_INVALID_REQUEST,
                   "Invalid request: “id” must be a string or an integer", NULL);

  /* (a `params` object is in envelope->params_members) */
  if (envelope->params != NULL && !JSON_NODE_HOLDS_NULL (envelope->params))
    {
      if (id == NULL)
        {
          accepted->kind = MCP_MESSAGE_NOTIFICATION;
          return MCP_MESSAGE_NOTIFICATION;
        }
      return reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
                     "Invalid params: “params” must be an object", NULL);
    }

  if (id == NULL)
    {
      handle_notification (self, session, method, envelope);
      accepted->kind = MCP_MESSAGE_NOTIFICATION;
      return MCP_MESSAGE_NOTIFICATION;
    }

  /* A request. Which era does it belong to? */
  if ((meta_node = mcp_json_envelope_get_param (envelope, "_meta")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (meta_node))
        return reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
                       "Invalid params: “_meta” must be an object", NULL);
      meta = json_node_get_object (meta_node);
    }

  /* The parser's cache gives every request of a client the same sealed
   * _meta object: what the checks found in it still holds. */
  checked = mcp_server_get_checked_meta (self);
  if (meta != NULL && meta == checked->meta)
    modern = checked;
  else if ((version_node = mcp_json_get_member (meta, MCP_META_PROTOCOL_VERSION)) != NULL &&
           !(mcp_json_node_is_string (version_node) &&
             mcp_protocol_version_is_legacy (json_node_get_string (version_node))))
    {
      if (!check_modern_meta (meta, version_node, id, accepted, &fresh))
        return MCP_MESSAGE_INVALID;
      modern = &fresh;

      if (json_object_is_immutable (meta))
        {
          g_clear_pointer (&checked->meta, json_object_unref);
          *checked = fresh;
          checked->meta = json_object_ref (meta);
        }
    }

  if (modern != NULL)
    {
      if ((accepted->method = lookup_method (method, ERA_MODERN)) == NULL)
        {
          g_autofree char *text = g_strdup_printf ("Method not found: %s", method);
          return reject (accepted, id, MCP_ERROR_METHOD_NOT_FOUND, text, NULL);
        }

      accepted->context =
        mcp_request_context_new (self, session, id, method, NULL, envelope->params_members,
                                 MCP_ERA_MODERN,
                                 modern->version, modern->capabilities, modern->client_info,
                                 modern->has_level, modern->level);
    }
  else
    {
      gboolean initialized = session != NULL && session->initialize_seen;

      if (strcmp (method, "initialize") == 0 && initialized)
        return reject (accepted, id, MCP_ERROR_INVALID_REQUEST,
                       "Invalid request: the session is already initialized", NULL);

      if (!initialized && strcmp (method, "initialize") != 0 && strcmp (method, "ping") != 0)
        return reject (accepted, id, MCP_ERROR_INVALID_PARAMS,
                       "Invalid params: the request carries no “" MCP_META_PROTOCOL_VERSION
                       "” in _meta, and no session was initialized (send “initialize” first to "
                       "use a protocol version before 2026-07-28)", NULL);

      if ((accepted->method = lookup_method (method, ERA_LEGACY)) == NULL)
        {
          g_autofree char *text = g_strdup_printf ("Method not found: %s", method);
          return reject (accepted, id, MCP_ERROR_METHOD_NOT_FOUND, text, NULL);
        }

      accepted->context =
        mcp_request_context_new (self, session, id, method, NULL, envelope->params_members,
                                 MCP_ERA_LEGACY,
                                 initialized ? session->protocol_version
                                             : MCP_PROTOCOL_VERSION_LATEST_LEGACY,
                                 initialized ? session->client_capabilities : NULL,
                                 initialized ? session->client_info : NULL,
                                 initialized && session->has_log_level,
                                 initialized ? session->log_level : MCP_LOG_LEVEL_DEBUG);
    }

  accepted->kind = MCP_MESSAGE_REQUEST;
  return MCP_MESSAGE_REQUEST;
}

/*
 * mcp_server_dispatch:
 * @self: the server
 * @accepted: a request accepted by mcp_server_accept_envelope()
 * @send: where everything sent for the request goes
 * @send_data: (transfer full): data for @send
 * @send_destroy: frees @send_data once the request is answered or
 *   cancelled
 *
 * The second half: runs the request's handler. The answer, and every
 * notification the handler sends before it, goes through @send.
 */
void
mcp_server_dispatch (McpServer          *self,
                     McpAcceptedMessage *accepted,
                     McpSendFunc         send,
                     gpointer            send_data,
                     GDestroyNotify      send_destroy)
{
  McpRequestContext *context = accepted->context;
  McpSession *session = mcp_request_context_get_session (context);
  const MethodEntry *entry = accepted->method;

  g_assert (accepted->kind == MCP_MESSAGE_REQUEST);

  mcp_request_context_set_sink (context, send, send_data, send_destroy);

  if (session != NULL &&
      g_hash_table_size (session->in_flight) >= mcp_server_get_max_in_flight (self))
    {
      g_autofree char *message =
        g_strdup_printf ("Server busy: already %u requests in flight on this connection",
                         mcp_server_get_max_in_flight (self));

      mcp_server_reply_error_literal (self, context, MCP_ERROR_INTERNAL_ERROR, message);
      return;
    }

  if (session != NULL)
    mcp_session_track (session, context);

  if (entry->input_required && mcp_request_context_get_era (context) == MCP_ERA_MODERN &&
      !mcp_server_prepare_retry (self, context))
    return;

  entry->handler (self, context);
}

void
mcp_accepted_message_clear (McpAcceptedMessage *accepted)
{
  g_clear_object (&accepted->context);
  g_clear_pointer (&accepted->error_response, json_node_unref);
}

/* Both halves at once, for transports that need nothing in between. */
void
mcp_server_handle_message (McpServer             *self,
                           McpSession            *session,
                           const McpJsonEnvelope *envelope,
                           McpSendFunc            send,
                           gpointer               send_data,
                           GDestroyNotify         send_destroy)
{
  g_auto(McpAcceptedMessage) accepted = { 0, };

  switch (mcp_server_accept_envelope (self, session, envelope, &accepted))
    {
    case MCP_MESSAGE_REQUEST:
      mcp_server_dispatch (self, &accepted, send, send_data, send_destroy);
      break;

    case MCP_MESSAGE_INVALID:
      send_one (accepted.error_response, send, send_data, send_destroy);
      break;

    case MCP_MESSAGE_NOTIFICATION:
    case MCP_MESSAGE_RESPONSE:
    default:
      if (send_destroy != NULL)
        send_destroy (send_data);
      break;
    }
}

/* A context for a request made in process (mcp_server_call_tool_async()):
 * newest revision, no sink, nothing sent anywhere. */
McpRequestContext *
mcp_server_new_detached_context (McpServer  *self,
                                 const char *method,
                                 JsonObject *params)
{
  g_autoptr(JsonNode) id = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (id, 0);
  return mcp_request_context_new (self, NULL, id, method, params, NULL, MCP_ERA_MODERN,
                                  MCP_PROTOCOL_VERSION_LATEST, NULL, NULL, FALSE,
                                  MCP_LOG_LEVEL_DEBUG);
}

/* Sends the response, as a tree or as text (see #McpSendFunc). */
static void
mcp_server_finish (McpServer         *self,
                   McpRequestContext *context,
                   JsonNode          *response,
                   const char        *text)
{
  McpSession *session = mcp_request_context_get_session (context);

  if (session != NULL)
    mcp_session_untrack (session, context);
  mcp_request_context_finish (context, response, text);
}

#define REQUEST_STATE_PURPOSE "requestState"

static const char * const retry_members[] = { "_meta", "inputResponses", "requestState", NULL };

/* A retry of a request that asked for input (Multi Round-Trip Requests):
 * the client's answers, and the requestState we gave it, verified. The
 * state is attacker-controlled: it must carry our signature, be fresh,
 * and belong to this very request (method, parameters, principal). */
static gboolean
mcp_server_prepare_retry (McpServer         *self,
                          McpRequestContext *context)
{
  JsonNode *responses_node = mcp_request_context_get_param (context, "inputResponses");
  JsonNode *state_node = mcp_request_context_get_param (context, "requestState");
  g_autoptr(JsonObject) responses = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *saved_state = NULL;

  if (responses_node == NULL && state_node == NULL)
    return TRUE;

  if (responses_node != NULL && !JSON_NODE_HOLDS_OBJECT (responses_node))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “inputResponses” must be an object");
      return FALSE;
    }

  responses = json_object_new ();

  if (state_node != NULL)
    {
      g_autofree char *digest = NULL;
      JsonObject *earlier;

      if (!mcp_json_node_is_string (state_node) ||
          !(payload = mcp_signer_verify (mcp_server_get_signer (self), REQUEST_STATE_PURPOSE,
                                         json_node_get_string (state_node), &error)))
        {
          g_autofree char *message =
            g_strdup_printf ("Invalid params: requestState %s",
                             error != NULL ? error->message : "must be a string");

          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, message);
          return FALSE;
        }

      digest = mcp_json_digest (mcp_request_context_get_params (context), retry_members);
      if (g_strcmp0 (mcp_json_get_string (payload, "m"),
                     mcp_request_context_get_method (context)) != 0 ||
          g_strcmp0 (mcp_json_get_string (payload, "d"), digest) != 0 ||
          g_strcmp0 (mcp_json_get_string (payload, "p"),
                     mcp_request_context_get_principal (context)) != 0)
        {
          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                          "Invalid params: requestState belongs to another request");
          return FALSE;
        }

      /* Answers of earlier rounds travel in the state. */
      if ((earlier = mcp_json_get_object (payload, "r")) != NULL)
        {
          JsonObjectIter iter;
          const char *key;
          JsonNode *value;

          json_object_iter_init (&iter, earlier);
          while (json_object_iter_next (&iter, &key, &value))
            json_object_set_member (responses, key, json_node_copy (value));
        }
      saved_state = json_object_get_member (payload, "s");
    }

  if (responses_node != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (responses_node));
      while (json_object_iter_next (&iter, &key, &value))
        json_object_set_member (responses, key, json_node_copy (value));
    }

  mcp_request_context_set_input (context, responses, saved_state);
  return TRUE;
}

/* The handler asked for input the client has not given yet: answer with
 * an InputRequiredResult carrying every input of this round and a signed
 * requestState that brings the answers so far back with the retry. */
void
mcp_server_reply_input_required (McpServer         *self,
                                 McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  JsonObject *pending = mcp_request_context_get_pending_inputs (context);
  JsonObject *responses = mcp_request_context_get_input_responses (context);
  JsonNode *state = mcp_request_context_get_state (context);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *digest = mcp_json_digest (params, retry_members);
  g_autofree char *token = NULL;
  JsonObject *result;

  json_object_set_string_member (payload, "m", mcp_request_context_get_method (context));
  json_object_set_string_member (payload, "d", digest);
  if (mcp_request_context_get_principal (context) != NULL)
    json_object_set_string_member (payload, "p", mcp_request_context_get_principal (context));
  if (responses != NULL && json_object_get_size (responses) > 0)
    json_object_set_object_member (payload, "r", json_object_ref (responses));
  if (state != NULL)
    json_object_set_member (payload, "s", json_node_copy (state));
  token = mcp_signer_sign (mcp_server_get_signer (self), REQUEST_STATE_PURPOSE, payload,
                           mcp_server_get_input_state_ttl (self));

  result = json_object_new ();
  json_object_set_string_member (result, "resultType", "input_required");
  json_object_set_object_member (result, "inputRequests", json_object_ref (pending));
  json_object_set_string_member (result, "requestState", token);

  mcp_server_reply (self, context, result);
}

/* How a handler's failure reaches the client: an InputRequiredResult when
 * it stopped to ask for input, a JSON-RPC error otherwise. Returns FALSE
 * when the caller must turn @error into something else itself (a tool
 * error), which only happens for errors outside the MCP domain. */
gboolean
mcp_server_reply_failure (McpServer         *self,
                          McpRequestContext *context,
                          const GError      *error)
{
  if (mcp_request_context_get_pending_inputs (context) != NULL)
    {
      mcp_server_reply_input_required (self, context);
      return TRUE;
    }

  if (g_error_matches (error, MCP_ERROR, MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY))
    {
      JsonObject *missing = mcp_request_context_get_missing_capabilities (context);

      /* The code exists from 2026-07-28 on; older clients get a tool error. */
      if (mcp_request_context_get_era (context) == MCP_ERA_LEGACY)
        return FALSE;

      if (missing != NULL)
        {
          JsonObject *data = json_object_new ();

          json_object_set_object_member (data, "requiredCapabilities", json_object_ref (missing));
          mcp_server_reply_error_full (self, context, error->code, error->message,
                                       mcp_json_node_new_object_take (data));
          return TRUE;
        }
    }

  if (error->domain != MCP_ERROR)
    return FALSE;

  mcp_server_reply_error (self, context, error);
  return TRUE;
}

/* How a prompt's or a resource's failure reaches the client: like
 * mcp_server_reply_failure(), and other errors become -32603 with @what
 * failed in the message, but a bad handle in the arguments is -32602.
 * (A tool's failures are tool errors instead.) */
void
mcp_server_reply_handler_failure (McpServer         *self,
                                  McpRequestContext *context,
                                  const GError      *error,
                                  const char        *what)
{
  g_autofree char *message = NULL;

  if (mcp_server_reply_failure (self, context, error))
    return;

  if (g_error_matches (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS, error->message);
      return;
    }

  message = g_strdup_printf ("%s failed: %s", what, error->message);
  mcp_server_reply_error_literal (self, context, MCP_ERROR_INTERNAL_ERROR, message);
}

/* Sends @result (taken) as the answer to @context, shaped for its era: a
 * modern result carries resultType and the server's identity. */
void
mcp_server_reply (McpServer         *self,
                  McpRequestContext *context,
                  JsonObject        *result)
{
  g_autoptr(JsonNode) response = NULL;

  /* The client has a task handle: the result settles the task. */
  if (mcp_request_context_get_task_id (context) != NULL)
    {
      mcp_server_settle_task (self, context, result, NULL);
      return;
    }

  if (mcp_request_context_get_era (context) == MCP_ERA_MODERN)
    {
      JsonObject *meta = mcp_json_get_object (result, "_meta");
      JsonObject *shared = mcp_server_get_modern_meta (self);

      if (!json_object_has_member (result, "resultType"))
        json_object_set_string_member (result, "resultType", "complete");

      if (meta == NULL)
        json_object_set_object_member (result, "_meta", json_object_ref (shared));
      else
        json_object_set_member (meta, MCP_META_SERVER_INFO,
                                json_node_copy (json_object_get_member (shared, MCP_META_SERVER_INFO)));
    }

  response = mcp_jsonrpc_new_response (mcp_request_context_get_request_id (context), result);
  mcp_server_finish (self, context, response, NULL);
}

/* The answer of a `tools/call`. The answer to every call goes through
 * here, so it is written straight from @result to text, without the trees
 * that mcp_server_reply() builds and serializes, whenever it can be: the
 * same bytes, at a fraction of the cost. */
void
mcp_server_reply_tool_result (McpServer         *self,
                              McpRequestContext *context,
                              McpToolResult     *result)
{
  const char *version = mcp_request_context_get_protocol_version (context);

  /* A task's result is saved, not sent: it needs the tree. */
  if (mcp_request_context_get_task_id (context) == NULL)
    {
      GString *out = mcp_server_take_answer_buffer (self);

      g_string_append (out, "{\"jsonrpc\":\"2.0\",\"id\":");
      mcp_json_append (out, mcp_request_context_get_request_id (context));
      g_string_append (out, ",\"result\":");

      if (mcp_server_tool_result_write (result, version, out))
        {
          if (mcp_request_context_get_era (context) == MCP_ERA_MODERN)
            {
              g_string_append (out, ",\"resultType\":\"complete\",\"_meta\":");
              g_string_append (out, mcp_server_get_modern_meta_text (self));
            }
          g_string_append (out, "}}");
          mcp_server_finish (self, context, NULL, out->str);
          mcp_server_give_answer_buffer (self, out);
          return;
        }
      mcp_server_give_answer_buffer (self, out);
    }

  mcp_server_reply (self, context, mcp_server_tool_result_to_json (result, version));
}

/* Like mcp_server_reply() for the results 2026-07-28 calls cacheable. */
void
mcp_server_reply_cacheable (McpServer         *self,
                            McpRequestContext *context,
                            JsonObject        *result,
                            guint              ttl_ms,
                            McpCacheScope      cache_scope)
{
  if (mcp_request_context_get_era (context) == MCP_ERA_MODERN)
    {
      json_object_set_int_member (result, "ttlMs", ttl_ms);
      json_object_set_string_member (result, "cacheScope",
                                     cache_scope == MCP_CACHE_SCOPE_PUBLIC ? "public" : "private");
    }

  mcp_server_reply (self, context, result);
}

/* The answer to a request for a list (tools, prompts, resources,
 * templates): one page of @registry, each item serialized by @to_json for
 * the request's revision, under @member. */
void
mcp_server_reply_list (McpServer         *self,
                       McpRequestContext *context,
                       McpRegistry       *registry,
                       const char        *member,
                       McpToJsonFunc      to_json)
{
  const char *version = mcp_request_context_get_protocol_version (context);
  GSequenceIter *start;
  GSequenceIter *end;
  JsonObject *result;
  JsonArray *all;
  JsonArray *items;
  int first;
  int last;

  if (!mcp_server_page_bounds (self, context, registry, &start, &end))
    return;

  /* One page of the list the registry keeps described. */
  all = mcp_registry_get_json (registry, version, to_json);
  first = g_sequence_iter_get_position (start);
  last = g_sequence_iter_get_position (end);
  if (first == 0 && (guint)last == json_array_get_length (all))
    items = json_array_ref (all);
  else
    {
      items = json_array_sized_new (last - first);
      for (int i = first; i < last; i++)
        json_array_add_element (items, json_node_copy (json_array_get_element (all, i)));
    }

  result = json_object_new ();
  json_object_set_array_member (result, member, items);
  if (!g_sequence_iter_is_end (end))
    {
      g_autofree char *cursor = mcp_server_make_cursor (registry, end);
      json_object_set_string_member (result, "nextCursor", cursor);
    }

  mcp_server_reply_cacheable (self, context, result, mcp_server_get_list_ttl (self),
                              MCP_CACHE_SCOPE_PUBLIC);
}

void
mcp_server_reply_error (McpServer         *self,
                        McpRequestContext *context,
                        const GError      *error)
{
  mcp_server_reply_error_full (self, context,
                               error->domain == MCP_ERROR ? error->code : MCP_ERROR_INTERNAL_ERROR,
                               error->message, NULL);
}

void
mcp_server_reply_error_literal (McpServer         *self,
                                McpRequestContext *context,
                                int                code,
                                const char        *message)
{
  mcp_server_reply_error_full (self, context, code, message, NULL);
}

/* @data is taken */
void
mcp_server_reply_error_full (McpServer         *self,
                             McpRequestContext *context,
                             int                code,
                             const char        *message,
                             JsonNode          *data)
{
  g_autoptr(JsonNode) response = NULL;

  if (mcp_request_context_get_task_id (context) != NULL)
    {
      JsonObject *error = json_object_new ();

      json_object_set_int_member (error, "code", code);
      json_object_set_string_member (error, "message", message);
      if (data != NULL)
        json_object_set_member (error, "data", data);
      mcp_server_settle_task (self, context, NULL, error);
      return;
    }

  response = mcp_jsonrpc_new_error (mcp_request_context_get_request_id (context),
                                    code, message, data);
  mcp_server_finish (self, context, response, NULL);
}

static void
handle_initialize (McpServer         *self,
                   McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  McpSession *session = mcp_request_context_get_session (context);
  const char *requested = mcp_json_get_string (params, "protocolVersion");
  JsonObject *capabilities = mcp_json_get_object (params, "capabilities");
  JsonObject *client_info = mcp_json_get_object (params, "clientInfo");
  const char *negotiated;
  JsonObject *result;

  if (requested == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “protocolVersion” must be a string");
      return;
    }

  if (session == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_REQUEST,
                                      "Invalid request: this transport has no sessions");
      return;
    }

  /* Answer with the requested revision when we speak it, else with the
   * newest legacy one and let the client decide. */
  negotiated = mcp_protocol_version_is_legacy (requested) ? requested
                                                          : MCP_PROTOCOL_VERSION_LATEST_LEGACY;

  g_free (session->protocol_version);
  session->protocol_version = g_strdup (negotiated);
  g_clear_pointer (&session->client_capabilities, json_object_unref);
  session->client_capabilities = capabilities != NULL ? json_object_ref (capabilities)
                                                      : json_object_new ();
  g_clear_pointer (&session->client_info, json_object_unref);
  if (client_info != NULL)
    session->client_info = json_object_ref (client_info);
  session->initialize_seen = TRUE;

  result = json_object_new ();
  json_object_set_string_member (result, "protocolVersion", negotiated);
  json_object_set_object_member (result, "capabilities",
                                 mcp_server_build_capabilities (self, negotiated));
  json_object_set_object_member (result, "serverInfo",
                                 mcp_server_build_server_info (self, negotiated));
  mcp_json_object_set_string (result, "instructions", mcp_server_get_instructions (self));

  mcp_server_reply (self, context, result);
}

static void
handle_ping (McpServer         *self,
             McpRequestContext *context)
{
  mcp_server_reply (self, context, json_object_new ());
}

static void
handle_logging_level (McpServer         *self,
                      McpRequestContext *context)
{
  JsonObject *params = mcp_request_context_get_params (context);
  McpSession *session = mcp_request_context_get_session (context);
  McpLogLevel level;

  if (!mcp_log_level_from_string (mcp_json_get_string (params, "level"), &level))
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “level” must be a log level");
      return;
    }

  if (session != NULL)
    {
      session->log_level = level;
      session->has_log_level = TRUE;
    }

  mcp_server_reply (self, context, json_object_new ());
}

static void
handle_discover (McpServer         *self,
                 McpRequestContext *context)
{
  JsonObject *result = json_object_new ();

  json_object_set_member (result, "supportedVersions", supported_versions_node ());
  json_object_set_object_member (result, "capabilities",
                                 mcp_server_build_capabilities (self,
                                                                MCP_PROTOCOL_VERSION_LATEST));
  mcp_json_object_set_string (result, "instructions", mcp_server_get_instructions (self));

  mcp_server_reply_cacheable (self, context, result, mcp_server_get_list_ttl (self),
                              MCP_CACHE_SCOPE_PUBLIC);
}

/* Pagination. A cursor is the base64 of the key of the first item of the
 * next page, so pages stay stable while items come and go elsewhere. */

typedef struct
{
  const char *key;
  McpKeyFunc  key_func;
} SearchKey;

static int
search_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SearchKey *search = user_data;
  const char *key_a = a != NULL ? search->key_func ((gpointer)a) : search->key;
  const char *key_b = b != NULL ? search->key_func ((gpointer)b) : search->key;

  return strcmp (key_a, key_b);
}

char *
mcp_server_make_cursor (McpRegistry   *registry,
                        GSequenceIter *iter)
{
  const char *key = registry->key_func (g_sequence_get (iter));

  return g_base64_encode ((const guchar *)key, strlen (key));
}

/* Finds the page @context asks for in @sequence. Replies with an error and
 * returns FALSE for a cursor the server never made. */
gboolean
mcp_server_page_bounds (McpServer          *self,
                        McpRequestContext  *context,
                        McpRegistry        *registry,
                        GSequenceIter     **start,
                        GSequenceIter     **end)
{
  GSequence *sequence = registry->items;
  McpKeyFunc key_func = registry->key_func;
  JsonObject *params = mcp_request_context_get_params (context);
  JsonNode *cursor_node = mcp_json_get_member (params, "cursor");
  guint page_size = mcp_server_get_page_size (self);
  GSequenceIter *iter = g_sequence_get_begin_iter (sequence);

  if (cursor_node != NULL && !JSON_NODE_HOLDS_NULL (cursor_node))
    {
      g_autofree guchar *decoded = NULL;
      g_autofree char *key = NULL;
      gsize length = 0;
      SearchKey search;

      if (mcp_json_node_is_string (cursor_node))
        decoded = g_base64_decode (json_node_get_string (cursor_node), &length);

      if (decoded == NULL || length == 0 || memchr (decoded, '\0', length) != NULL ||
          !g_utf8_validate ((const char *)decoded, length, NULL))
        {
          mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                          "Invalid params: invalid cursor");
          return FALSE;
        }

      key = g_strndup ((const char *)decoded, length);
      search.key = key;
      search.key_func = key_func;

      /* The first item whose key is at least the cursor's. */
      iter = g_sequence_search (sequence, NULL, search_compare, &search);
      while (!g_sequence_iter_is_begin (iter))
        {
          GSequenceIter *previous = g_sequence_iter_prev (iter);

          if (strcmp (key_func (g_sequence_get (previous)), key) < 0)
            break;
          iter = previous;
        }
    }

  *start = iter;
  *end = page_size > 0 ? g_sequence_iter_move (iter, (int)MIN (page_size, (guint)G_MAXINT))
                       : g_sequence_get_end_iter (sequence);
  return TRUE;
}
