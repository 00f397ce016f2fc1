/* mcp-input-request.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-enum-types.h"
#include "mcp-error.h"
#include "mcp-input-request-private.h"
#include "mcp-json-private.h"

/**
 * McpInputRequest:
 *
 * Something an MCP server asks a [class@Mcp.Client] for while it serves a
 * request: a form the user fills in (`elicitation/create`), a completion
 * from the application's model (`sampling/createMessage`) or the client's
 * roots (`roots/list`).
 *
 * The two protocol eras ask differently — a legacy server sends a JSON-RPC
 * request of its own, a 2026-07-28 server answers with an
 * `InputRequiredResult` that the client retries with the answers — but the
 * application sees the same thing: the client emits
 * [signal@Mcp.Client::input-request] with one of these objects, and the
 * handler answers it, at once or later, with
 * [method@Mcp.InputRequest.return_result] (or one of the shortcuts
 * [method@Mcp.InputRequest.accept], [method@Mcp.InputRequest.decline],
 * [method@Mcp.InputRequest.return_sampled_text]) or
 * [method@Mcp.InputRequest.return_error], in the manner of
 * [class@Gio.DBusMethodInvocation].
 *
 * ```c
 * static gboolean
 * input_request_cb (McpClient       *client,
 *                   McpInputRequest *request,
 *                   gpointer         user_data)
 * {
 *   g_autoptr(JsonObject) content = NULL;
 *
 *   if (g_strcmp0 (mcp_input_request_get_method (request), "elicitation/create") != 0)
 *     return FALSE;   // not ours: the client's default answer
 *
 *   content = json_object_new ();
 *   json_object_set_boolean_member (content, "confirm", TRUE);
 *   mcp_input_request_accept (request, content);
 *   return TRUE;
 * }
 * ```
 *
 * Only the first answer counts. A handler that returns %TRUE must answer
 * eventually: the request it was for waits until it does (or is
 * cancelled). When the server gives up on it (the
 * request it was for was cancelled, or the server cancelled its own
 * request), [method@Mcp.InputRequest.get_cancellable] is cancelled and
 * answers are ignored.
 */

struct _McpInputRequest
{
  GObject                  parent_instance;

  char                    *method;
  JsonObject              *params;
  char                    *key;
  McpEra                   era;
  GCancellable            *cancellable;

  McpInputRequestDoneFunc  func;
  gpointer                 user_data;
  GDestroyNotify           destroy;

  guint                    answered : 1;
};

enum {
  PROP_0,
  PROP_METHOD,
  PROP_PARAMS,
  PROP_KEY,
  PROP_ERA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (McpInputRequest, mcp_input_request, G_TYPE_OBJECT)

static void
mcp_input_request_deliver (McpInputRequest *self,
                           JsonObject      *result,
                           const GError    *error)
{
  McpInputRequestDoneFunc func = self->func;
  gpointer user_data = self->user_data;
  GDestroyNotify destroy = self->destroy;

  self->answered = TRUE;
  self->func = NULL;
  self->user_data = NULL;
  self->destroy = NULL;

  if (func != NULL)
    func (self, result, error, user_data);
  if (destroy != NULL)
    destroy (user_data);
}

static void
mcp_input_request_dispose (GObject *object)
{
  McpInputRequest *self = (McpInputRequest *)object;

  if (!self->answered)
    {
      g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                                             "The client did not answer the %s request",
                                             self->method);

      mcp_input_request_deliver (self, NULL, error);
    }

  G_OBJECT_CLASS (mcp_input_request_parent_class)->dispose (object);
}

static void
mcp_input_request_finalize (GObject *object)
{
  McpInputRequest *self = (McpInputRequest *)object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->params, json_object_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_input_request_parent_class)->finalize (object);
}

static void
mcp_input_request_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McpInputRequest *self = MCP_INPUT_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_PARAMS:
      g_value_set_boxed (value, self->params);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_ERA:
      g_value_set_enum (value, self->era);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_input_request_class_init (McpInputRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_input_request_dispose;
  object_class->finalize = mcp_input_request_finalize;
  object_class->get_property = mcp_input_request_get_property;

  /**
   * McpInputRequest:method:
   *
   * What the server asks for: `elicitation/create`,
   * `sampling/createMessage` or `roots/list`.
   */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpInputRequest:params:
   *
   * The parameters of the request, as the server sent them.
   */
  properties[PROP_PARAMS] =
    g_param_spec_boxed ("params", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpInputRequest:key:
   *
   * The key of the request in the `inputRequests` of a 2026-07-28 server,
   * %NULL for a request of a legacy server.
   */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * McpInputRequest:era:
   *
   * The protocol era the server asked in.
   */
  properties[PROP_ERA] =
    g_param_spec_enum ("era", NULL, NULL,
                       MCP_TYPE_ERA, MCP_ERA_MODERN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_input_request_init (McpInputRequest *self)
{
  self->cancellable = g_cancellable_new ();
}

McpInputRequest *
mcp_input_request_new (const char              *method,
                       JsonObject              *params,
                       const char              *key,
                       McpEra                   era,
                       McpInputRequestDoneFunc  func,
                       gpointer                 user_data,
                       GDestroyNotify           destroy)
{
  McpInputRequest *self = g_object_new (MCP_TYPE_INPUT_REQUEST, NULL);

  self->method = g_strdup (method);
  self->params = params != NULL ? json_object_ref (params) : json_object_new ();
  self->key = g_strdup (key);
  self->era = era;
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;

  return self;
}

/* The server no longer wants the answer: nothing will be delivered. */
void
mcp_input_request_abandon (McpInputRequest *self)
{
  GDestroyNotify destroy = self->destroy;
  gpointer user_data = self->user_data;

  if (self->answered)
    return;

  self->answered = TRUE;
  self->func = NULL;
  self->user_data = NULL;
  self->destroy = NULL;
  if (destroy != NULL)
    destroy (user_data);

  g_cancellable_cancel (self->cancellable);
}

/**
 * mcp_input_request_get_method:
 * @self: a #McpInputRequest
 *
 * Gets what the server asks for: `elicitation/create`,
 * `sampling/createMessage`, `roots/list`, or another method a newer server
 * may use.
 *
 * Returns: (transfer none): the method
 */
const char *
mcp_input_request_get_method (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return self->method;
}

/**
 * mcp_input_request_get_params:
 * @self: a #McpInputRequest
 *
 * Gets the parameters of the request as the server sent them, for
 * example the `message` and `requestedSchema` of an elicitation, or the
 * `messages`, `systemPrompt` and `maxTokens` of a sampling request.
 *
 * Returns: (transfer none): the parameters
 */
JsonObject *
mcp_input_request_get_params (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return self->params;
}

/**
 * mcp_input_request_get_key:
 * @self: a #McpInputRequest
 *
 * Gets the key of the request among the `inputRequests` of a 2026-07-28
 * server.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL for a request of
 *   a legacy server
 */
const char *
mcp_input_request_get_key (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return self->key;
}

/**
 * mcp_input_request_get_era:
 * @self: a #McpInputRequest
 *
 * Gets the protocol era of the server that asks. Most applications need
 * not look: the answer is given the same way in both.
 *
 * Returns: the era
 */
McpEra
mcp_input_request_get_era (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), MCP_ERA_MODERN);

  return self->era;
}

/**
 * mcp_input_request_get_message:
 * @self: a #McpInputRequest
 *
 * Gets the `message` of an elicitation: what to tell the user.
 *
 * Returns: (transfer none) (nullable): the message, or %NULL when the
 *   request has none
 */
const char *
mcp_input_request_get_message (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return mcp_json_get_string (self->params, "message");
}

/**
 * mcp_input_request_get_requested_schema:
 * @self: a #McpInputRequest
 *
 * Gets the `requestedSchema` of a form elicitation: a flat JSON schema of
 * the fields to ask the user for.
 *
 * Returns: (transfer none) (nullable): the schema, or %NULL when the
 *   request has none
 */
JsonObject *
mcp_input_request_get_requested_schema (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return mcp_json_get_object (self->params, "requestedSchema");
}

/**
 * mcp_input_request_get_cancellable:
 * @self: a #McpInputRequest
 *
 * Gets a cancellable that is cancelled when the answer is no longer
 * wanted: the request it was for was cancelled, ended, or the server
 * cancelled its own request. Handlers that ask a user can close their
 * dialog then.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
mcp_input_request_get_cancellable (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), NULL);

  return self->cancellable;
}

/**
 * mcp_input_request_is_answered:
 * @self: a #McpInputRequest
 *
 * Whether the request was answered already (or abandoned by the server).
 *
 * Returns: %TRUE if another answer would be ignored
 */
gboolean
mcp_input_request_is_answered (McpInputRequest *self)
{
  g_return_val_if_fail (MCP_IS_INPUT_REQUEST (self), TRUE);

  return self->answered;
}

/**
 * mcp_input_request_return_result:
 * @self: a #McpInputRequest
 * @result: the result object: an `ElicitResult`, a `CreateMessageResult`
 *   or a `ListRootsResult`
 *
 * Answers the request with @result. Only the first answer counts.
 */
void
mcp_input_request_return_result (McpInputRequest *self,
                                 JsonObject      *result)
{
  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));
  g_return_if_fail (result != NULL);

  if (self->answered)
    return;

  mcp_input_request_deliver (self, result, NULL);
}

/**
 * mcp_input_request_return_error:
 * @self: a #McpInputRequest
 * @code: a JSON-RPC error code, such as a value of [error@Mcp.Error]
 * @message: a description of the error
 *
 * Answers the request with a JSON-RPC error. In 2026-07-28 there is no
 * error answer to a single input: the request the input was for then
 * fails with this error on the client.
 */
void
mcp_input_request_return_error (McpInputRequest *self,
                                int              code,
                                const char      *message)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));
  g_return_if_fail (message != NULL);

  if (self->answered)
    return;

  error = g_error_new_literal (MCP_ERROR, code, message);
  mcp_input_request_deliver (self, NULL, error);
}

/**
 * mcp_input_request_return_gerror:
 * @self: a #McpInputRequest
 * @error: the error
 *
 * Answers the request with @error: errors in the %MCP_ERROR domain keep
 * their code, others become %MCP_ERROR_INTERNAL_ERROR.
 */
void
mcp_input_request_return_gerror (McpInputRequest *self,
                                 const GError    *error)
{
  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));
  g_return_if_fail (error != NULL);

  mcp_input_request_return_error (self,
                                  error->domain == MCP_ERROR ? error->code : MCP_ERROR_INTERNAL_ERROR,
                                  error->message);
}

static void
return_action (McpInputRequest *self,
               const char      *action,
               JsonObject      *content)
{
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_string_member (result, "action", action);
  if (content != NULL)
    json_object_set_object_member (result, "content", json_object_ref (content));
  mcp_input_request_return_result (self, result);
}

/**
 * mcp_input_request_accept:
 * @self: a #McpInputRequest for `elicitation/create`
 * @content: (nullable): what the user entered, one member per field of
 *   the requested schema (%NULL for a URL elicitation)
 *
 * Answers an elicitation with `{"action": "accept", "content": …}`.
 */
void
mcp_input_request_accept (McpInputRequest *self,
                          JsonObject      *content)
{
  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));

  return_action (self, "accept", content);
}

/**
 * mcp_input_request_decline:
 * @self: a #McpInputRequest for `elicitation/create`
 *
 * Answers an elicitation with `{"action": "decline"}`: the user said no.
 */
void
mcp_input_request_decline (McpInputRequest *self)
{
  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));

  return_action (self, "decline", NULL);
}

/**
 * mcp_input_request_return_sampled_text:
 * @self: a #McpInputRequest for `sampling/createMessage`
 * @text: the text the model produced
 * @model: (nullable): the name of the model
 *
 * Answers a sampling request with an assistant message holding @text.
 */
void
mcp_input_request_return_sampled_text (McpInputRequest *self,
                                       const char      *text,
                                       const char      *model)
{
  g_autoptr(JsonObject) result = json_object_new ();
  JsonObject *content = json_object_new ();

  g_return_if_fail (MCP_IS_INPUT_REQUEST (self));
  g_return_if_fail (text != NULL);

  json_object_set_string_member (content, "type", "text");
  json_object_set_string_member (content, "text", text);
  json_object_set_string_member (result, "role", "assistant");
  json_object_set_object_member (result, "content", content);
  json_object_set_string_member (result, "model", model != NULL ? model : "unknown");
  json_object_set_string_member (result, "stopReason", "endTurn");
  mcp_input_request_return_result (self, result);
}
