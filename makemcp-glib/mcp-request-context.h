/* mcp-request-context.h
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
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * MCP_REQUEST_ERROR:
 *
 * The error domain of [error@Mcp.RequestError].
 */
#define MCP_REQUEST_ERROR (mcp_request_error_quark ())

/**
 * McpRequestError:
 * @MCP_REQUEST_ERROR_INPUT_REQUIRED: the client must answer an input
 *   request before the handler can go on. Under the 2026-07-28 protocol an
 *   input request ([method@Mcp.RequestContext.request_input_async] and
 *   friends) completes with this error until the client retries with its
 *   answer: let it propagate out of the handler, and the server answers the
 *   request with an `InputRequiredResult`; the retry runs the handler again
 *   from the start, and then the input request completes with the answer.
 * @MCP_REQUEST_ERROR_INVALID_HANDLE: a handle a client passed back is not
 *   one the server minted, or it expired (see
 *   [method@Mcp.Server.verify_handle]); a tool that fails with it gives the
 *   model a tool error it can act on
 * @MCP_REQUEST_ERROR_CLIENT_ERROR: a legacy client answered one of the
 *   server's requests (elicitation, sampling, roots) with a JSON-RPC error;
 *   the message carries the client's message and code. A tool that passes
 *   it on gives a tool error; a prompt or resource read, `-32603`
 *
 * Errors of the %MCP_REQUEST_ERROR domain.
 */
typedef enum
{
  MCP_REQUEST_ERROR_INPUT_REQUIRED,
  MCP_REQUEST_ERROR_INVALID_HANDLE,
  MCP_REQUEST_ERROR_CLIENT_ERROR,
} McpRequestError;

MCP_AVAILABLE_IN_ALL
GQuark mcp_request_error_quark (void);

#define MCP_TYPE_REQUEST_CONTEXT (mcp_request_context_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpRequestContext, mcp_request_context, MCP, REQUEST_CONTEXT, GObject)

MCP_AVAILABLE_IN_ALL
const char   *mcp_request_context_get_method              (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_request_context_get_request_id          (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_get_params              (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_get_meta                (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
McpEra        mcp_request_context_get_era                 (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_request_context_get_protocol_version    (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_get_client_capabilities (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_has_client_capability   (McpRequestContext *self,
                                                           const char        *capability);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_get_client_info         (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_get_log_level           (McpRequestContext *self,
                                                           McpLogLevel       *level);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_has_client_extension    (McpRequestContext *self,
                                                           const char        *extension);
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_request_context_get_progress_token      (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
GCancellable *mcp_request_context_get_cancellable         (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_is_cancelled            (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_report_progress         (McpRequestContext *self,
                                                           double             progress,
                                                           double             total,
                                                           const char        *message);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_set_status_message      (McpRequestContext *self,
                                                           const char        *message);
MCP_AVAILABLE_IN_ALL
const char   *mcp_request_context_get_principal           (McpRequestContext *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_should_log              (McpRequestContext *self,
                                                           McpLogLevel        level);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_log                     (McpRequestContext *self,
                                                           McpLogLevel        level,
                                                           const char        *logger,
                                                           const char        *message);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_log_data                (McpRequestContext *self,
                                                           McpLogLevel        level,
                                                           const char        *logger,
                                                           JsonNode          *data);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_request_input_async     (McpRequestContext   *self,
                                                           const char          *key,
                                                           const char          *method,
                                                           JsonObject          *params,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_request_input_finish    (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_elicit_async            (McpRequestContext   *self,
                                                           const char          *key,
                                                           const char          *message,
                                                           JsonObject          *requested_schema,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_elicit_finish           (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_elicit_url_async        (McpRequestContext   *self,
                                                           const char          *key,
                                                           const char          *message,
                                                           const char          *url,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_sample_async            (McpRequestContext   *self,
                                                           const char          *key,
                                                           JsonObject          *params,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_sample_finish           (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_list_roots_async        (McpRequestContext   *self,
                                                           const char          *key,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
JsonObject   *mcp_request_context_list_roots_finish       (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_request_context_get_state               (McpRequestContext  *self);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_set_state               (McpRequestContext  *self,
                                                           JsonNode           *state);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_begin_task_async        (McpRequestContext   *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_begin_task_finish       (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
MCP_AVAILABLE_IN_ALL
const char   *mcp_request_context_get_task_id             (McpRequestContext  *self);
MCP_AVAILABLE_IN_ALL
void          mcp_request_context_ping_async              (McpRequestContext   *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_request_context_ping_finish             (McpRequestContext  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);

G_END_DECLS
