/* mcp-client.h
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

#include <makemcp-glib/mcp-input-request.h>
#include <makemcp-glib/mcp-prompt-result.h>
#include <makemcp-glib/mcp-protocol.h>
#include <makemcp-glib/mcp-resource-contents.h>
#include <makemcp-glib/mcp-tool-result.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

/**
 * MCP_CLIENT_ERROR:
 *
 * The error domain of [class@Mcp.Client] for failures that are not JSON-RPC
 * errors of the server (those are in the %MCP_ERROR domain, with the
 * server's code) nor I/O errors (those are in the %G_IO_ERROR domain).
 */
#define MCP_CLIENT_ERROR (mcp_client_error_quark ())

/**
 * McpClientError:
 * @MCP_CLIENT_ERROR_FAILED: another failure
 * @MCP_CLIENT_ERROR_NOT_CONNECTED: the client is not connected (call
 *   [method@Mcp.Client.connect_async] first), or it was closed
 * @MCP_CLIENT_ERROR_PROTOCOL: the server broke the protocol: a message or
 *   a result of the wrong shape, an input request that never ends
 * @MCP_CLIENT_ERROR_HTTP: the HTTP server answered with an error status
 *   and no JSON-RPC error; the message names the status
 * @MCP_CLIENT_ERROR_SESSION_EXPIRED: the HTTP server no longer knows the
 *   session (legacy Streamable HTTP); connect again
 * @MCP_CLIENT_ERROR_UNSUPPORTED_VERSION: the server speaks no protocol
 *   version the client speaks
 * @MCP_CLIENT_ERROR_INPUT_UNAVAILABLE: the server asked for input (a
 *   sampling request, for example) that nothing in the application answers
 *
 * Error codes of the %MCP_CLIENT_ERROR domain.
 */
typedef enum
{
  MCP_CLIENT_ERROR_FAILED,
  MCP_CLIENT_ERROR_NOT_CONNECTED,
  MCP_CLIENT_ERROR_PROTOCOL,
  MCP_CLIENT_ERROR_HTTP,
  MCP_CLIENT_ERROR_SESSION_EXPIRED,
  MCP_CLIENT_ERROR_UNSUPPORTED_VERSION,
  MCP_CLIENT_ERROR_INPUT_UNAVAILABLE,
} McpClientError;

/**
 * McpClientMode:
 * @MCP_CLIENT_MODE_AUTO: speak 2026-07-28 when the server does
 *   (`server/discover`), else fall back to the legacy handshake
 *   (`initialize`)
 * @MCP_CLIENT_MODE_MODERN: speak 2026-07-28 only
 * @MCP_CLIENT_MODE_LEGACY: speak only the legacy, handshake-based
 *   revisions (2025-11-25 and earlier)
 *
 * Which protocol era [method@Mcp.Client.connect_async] tries.
 */
typedef enum
{
  MCP_CLIENT_MODE_AUTO,
  MCP_CLIENT_MODE_MODERN,
  MCP_CLIENT_MODE_LEGACY,
} McpClientMode;

#define MCP_TYPE_CLIENT (mcp_client_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpClient, mcp_client, MCP, CLIENT, GObject)

MCP_AVAILABLE_IN_ALL
GQuark         mcp_client_error_quark                (void);

MCP_AVAILABLE_IN_ALL
McpClient     *mcp_client_new_for_command            (const char * const   *argv) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpClient     *mcp_client_new_for_launcher           (GSubprocessLauncher  *launcher,
                                                      const char * const   *argv) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpClient     *mcp_client_new_for_streams            (GInputStream         *input,
                                                      GOutputStream        *output) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
McpClient     *mcp_client_new_for_url                (const char           *url,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

MCP_AVAILABLE_IN_ALL
McpClientMode  mcp_client_get_mode                   (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_mode                   (McpClient            *self,
                                                      McpClientMode         mode);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_legacy_version         (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_legacy_version         (McpClient            *self,
                                                      const char           *version);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_client_name            (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_client_version         (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_client_info            (McpClient            *self,
                                                      const char           *name,
                                                      const char           *version);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_client_get_capabilities           (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_capabilities           (McpClient            *self,
                                                      JsonObject           *capabilities);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_get_follow_tasks           (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_follow_tasks           (McpClient            *self,
                                                      gboolean              follow_tasks);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_log_level              (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_log_level              (McpClient            *self,
                                                      const char           *log_level);
MCP_AVAILABLE_IN_ALL
guint          mcp_client_get_timeout                (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_timeout                (McpClient            *self,
                                                      guint                 timeout_ms);
MCP_AVAILABLE_IN_ALL
void           mcp_client_set_http_header            (McpClient            *self,
                                                      const char           *name,
                                                      const char           *value);
MCP_AVAILABLE_IN_ALL
void           mcp_client_add_root                   (McpClient            *self,
                                                      const char           *uri,
                                                      const char           *name);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_remove_root                (McpClient            *self,
                                                      const char           *uri);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_get_roots                  (McpClient            *self);

MCP_AVAILABLE_IN_ALL
void           mcp_client_connect_async              (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_connect_finish             (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
void           mcp_client_close_async                (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_close_finish               (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_is_connected               (McpClient            *self);
MCP_AVAILABLE_IN_ALL
McpEra         mcp_client_get_era                    (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_protocol_version       (McpClient            *self);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_client_get_server_info            (McpClient            *self);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_client_get_server_capabilities    (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_instructions           (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char    *mcp_client_get_session_id             (McpClient            *self);
MCP_AVAILABLE_IN_ALL
GSubprocess   *mcp_client_get_subprocess             (McpClient            *self);

MCP_AVAILABLE_IN_ALL
void           mcp_client_request_async              (McpClient            *self,
                                                      const char           *method,
                                                      JsonObject           *params,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonObject    *mcp_client_request_finish             (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_ping_async                 (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_ping_finish                (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

MCP_AVAILABLE_IN_ALL
void           mcp_client_list_tools_async           (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_list_tools_finish          (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_list_resources_async       (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_list_resources_finish      (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_list_resource_templates_async  (McpClient        *self,
                                                          GCancellable     *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer          user_data);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_list_resource_templates_finish (McpClient        *self,
                                                          GAsyncResult     *result,
                                                          GError          **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_list_prompts_async         (McpClient            *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_list_prompts_finish        (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_list_page_async            (McpClient            *self,
                                                      const char           *method,
                                                      const char           *cursor,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonArray     *mcp_client_list_page_finish           (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      char                **next_cursor,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;

MCP_AVAILABLE_IN_ALL
void           mcp_client_call_tool_async            (McpClient            *self,
                                                      const char           *name,
                                                      JsonObject           *arguments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_client_call_tool_finish           (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_read_resource_async        (McpClient            *self,
                                                      const char           *uri,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpResourceContents *mcp_client_read_resource_finish (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_get_prompt_async           (McpClient            *self,
                                                      const char           *name,
                                                      JsonObject           *arguments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpPromptResult *mcp_client_get_prompt_finish        (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_complete_async             (McpClient            *self,
                                                      const char           *ref_type,
                                                      const char           *ref_name,
                                                      const char           *argument,
                                                      const char           *value,
                                                      JsonObject           *context_arguments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
char         **mcp_client_complete_finish            (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void           mcp_client_subscribe_resource_async   (McpClient            *self,
                                                      const char           *uri,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_subscribe_resource_finish  (McpClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_ALL
void           mcp_client_unsubscribe_resource_async (McpClient            *self,
                                                      const char           *uri,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean       mcp_client_unsubscribe_resource_finish (McpClient           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
MCP_AVAILABLE_IN_ALL
void           mcp_client_listen                     (McpClient            *self);

G_END_DECLS
