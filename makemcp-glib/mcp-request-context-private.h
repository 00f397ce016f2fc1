/* mcp-request-context-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-request-context.h"
#include "mcp-session-private.h"

G_BEGIN_DECLS

McpRequestContext *mcp_request_context_new          (McpServer         *server,
                                                     McpSession        *session,
                                                     JsonNode          *id,
                                                     const char        *method,
                                                     JsonObject        *params,
                                                     GArray            *param_members,
                                                     McpEra             era,
                                                     const char        *protocol_version,
                                                     JsonObject        *client_capabilities,
                                                     JsonObject        *client_info,
                                                     gboolean           has_log_level,
                                                     McpLogLevel        log_level);
void               mcp_request_context_set_sink     (McpRequestContext *self,
                                                     McpSendFunc        send,
                                                     gpointer           send_data,
                                                     GDestroyNotify     send_destroy);
JsonNode          *mcp_request_context_get_param    (McpRequestContext *self,
                                                     const char        *name);
McpServer         *mcp_request_context_get_server_internal
                                                    (McpRequestContext *self);
McpSession        *mcp_request_context_get_session  (McpRequestContext *self);
const char        *mcp_request_context_get_key      (McpRequestContext *self);
void               mcp_request_context_send         (McpRequestContext *self,
                                                     JsonNode          *message);
gboolean           mcp_request_context_finish       (McpRequestContext *self,
                                                     JsonNode          *response,
                                                     const char        *text);
void               mcp_request_context_cancel       (McpRequestContext *self);
gboolean           mcp_request_context_is_finished  (McpRequestContext *self);
void               mcp_request_context_set_principal (McpRequestContext *self,
                                                      const char        *principal);
void               mcp_request_context_set_input     (McpRequestContext *self,
                                                      JsonObject        *responses,
                                                      JsonNode          *state);
JsonObject        *mcp_request_context_get_input_responses
                                                     (McpRequestContext *self);
JsonObject        *mcp_request_context_get_pending_inputs
                                                     (McpRequestContext *self);
JsonObject        *mcp_request_context_get_missing_capabilities
                                                     (McpRequestContext *self);
void               mcp_request_context_set_task_id   (McpRequestContext *self,
                                                      const char        *task_id);
gboolean           mcp_request_context_check_response (const char       *key,
                                                       const char       *method,
                                                       JsonObject       *params,
                                                       JsonNode         *response,
                                                       GError          **error);

G_END_DECLS
