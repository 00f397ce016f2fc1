/* mcp-protocol.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol.h"
#include "mcp-protocol-private.h"

static const char * const supported_versions[] = {
  "2026-07-28",
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
  NULL
};

static const char * const log_level_names[] = {
  "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency",
};

/**
 * mcp_protocol_get_supported_versions:
 *
 * Gets the MCP protocol revisions makemcp-glib serves, newest first: the
 * modern 2026-07-28 revision and the legacy revisions 2025-11-25,
 * 2025-06-18, 2025-03-26 and 2024-11-05.
 *
 * Returns: (transfer none) (array zero-terminated=1): the versions
 */
const char * const *
mcp_protocol_get_supported_versions (void)
{
  return supported_versions;
}

/**
 * mcp_protocol_version_is_supported:
 * @version: a protocol version string such as `"2025-06-18"`
 *
 * Checks whether @version is one of the revisions makemcp-glib serves.
 *
 * Returns: %TRUE if @version is served
 */
gboolean
mcp_protocol_version_is_supported (const char *version)
{
  g_return_val_if_fail (version != NULL, FALSE);

  return g_strv_contains (supported_versions, version);
}

/**
 * mcp_protocol_version_is_legacy:
 * @version: a supported protocol version string
 *
 * Checks whether @version is a handshake-based (legacy) revision, one that
 * is negotiated with `initialize` rather than declared on every request.
 *
 * Returns: %TRUE for 2025-11-25 and earlier revisions
 */
gboolean
mcp_protocol_version_is_legacy (const char *version)
{
  g_return_val_if_fail (version != NULL, FALSE);

  return mcp_protocol_version_is_supported (version) &&
         strcmp (version, MCP_PROTOCOL_VERSION_LATEST) < 0;
}

/**
 * mcp_log_level_to_string:
 * @level: a #McpLogLevel
 *
 * Gets the name of @level on the wire, such as `"warning"`.
 *
 * Returns: the name of @level
 */
const char *
mcp_log_level_to_string (McpLogLevel level)
{
  g_return_val_if_fail (level <= MCP_LOG_LEVEL_EMERGENCY, NULL);

  return log_level_names[level];
}

/**
 * mcp_log_level_from_string:
 * @name: the name of a log level on the wire
 * @level: (out) (optional): return location for the level
 *
 * Looks up the level called @name (`"debug"` … `"emergency"`).
 *
 * Returns: %TRUE if @name is a log level
 */
gboolean
mcp_log_level_from_string (const char  *name,
                           McpLogLevel *level)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (log_level_names); i++)
    {
      if (strcmp (name, log_level_names[i]) == 0)
        {
          if (level != NULL)
            *level = (McpLogLevel)i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Private: protocol features by revision. Revisions are dates, so
 * comparing the strings compares the revisions. */
gboolean
mcp_protocol_version_at_least (const char *version,
                               const char *since)
{
  return version != NULL && strcmp (version, since) >= 0;
}

JsonNode *
mcp_jsonrpc_new_response (JsonNode   *id,
                          JsonObject *result)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "jsonrpc", "2.0");
  json_object_set_member (message, "id", json_node_copy (id));
  json_object_set_object_member (message, "result", result);

  return mcp_json_node_new_object_take (message);
}

JsonNode *
mcp_jsonrpc_new_error (JsonNode   *id,
                       int         code,
                       const char *text,
                       JsonNode   *data)
{
  JsonObject *message = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_int_member (error, "code", code);
  json_object_set_string_member (error, "message", text != NULL ? text : "");
  if (data != NULL)
    json_object_set_member (error, "data", data);

  json_object_set_string_member (message, "jsonrpc", "2.0");
  if (id != NULL)
    json_object_set_member (message, "id", json_node_copy (id));
  else
    json_object_set_null_member (message, "id");
  json_object_set_object_member (message, "error", error);

  return mcp_json_node_new_object_take (message);
}

JsonNode *
mcp_jsonrpc_new_error_from_gerror (JsonNode     *id,
                                   const GError *error)
{
  int code = MCP_ERROR_INTERNAL_ERROR;

  if (error->domain == MCP_ERROR)
    code = error->code;

  return mcp_jsonrpc_new_error (id, code, error->message, NULL);
}

JsonNode *
mcp_jsonrpc_new_notification (const char *method,
                              JsonObject *params)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "jsonrpc", "2.0");
  json_object_set_string_member (message, "method", method);
  if (params != NULL)
    json_object_set_object_member (message, "params", params);

  return mcp_json_node_new_object_take (message);
}

JsonNode *
mcp_jsonrpc_new_request (JsonNode   *id,
                         const char *method,
                         JsonObject *params)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "jsonrpc", "2.0");
  json_object_set_member (message, "id", json_node_copy (id));
  json_object_set_string_member (message, "method", method);
  if (params != NULL)
    json_object_set_object_member (message, "params", params);

  return mcp_json_node_new_object_take (message);
}
