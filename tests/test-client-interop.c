/* test-client-interop.c — McpClient against the official TypeScript SDK servers
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/interop/server-v2.mjs (SDK v2, dual-era) and server-v1.mjs (SDK
 * v1, legacy only), over stdio and over Streamable HTTP on 127.0.0.1.
 * With the SDK v2 the client speaks 2026-07-28 by default and the legacy
 * handshake when forced; with the SDK v1 it falls back to the legacy
 * handshake by itself.
 *
 * The SDKs are installed by build-aux/install-npm-tools.sh into the
 * folder MCP_NPM_DIR names (by default _scratch/npm in the source tree).
 * Without them every test is skipped, unless MCP_REQUIRE_INTEROP=1.
 */

#include <string.h>

#include "test-util.h"

static const char *run_node;
static const char *interop_dir;
static char *npm_dir;

typedef struct
{
  const char    *sdk;        /* "v1" or "v2" */
  gboolean       http;
  McpClientMode  mode;
  McpEra         expected_era;
} Combo;

typedef struct
{
  McpClient   *client;
  GSubprocess *http_server;
} Session;

static gboolean
expire_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
sdk_missing (const Combo *combo)
{
  const char *package = strcmp (combo->sdk, "v2") == 0 ? "server" : "sdk";
  g_autofree char *manifest = g_build_filename (npm_dir, "node_modules", "@modelcontextprotocol",
                                                package, "package.json", NULL);

  if (g_file_test (manifest, G_FILE_TEST_EXISTS))
    return FALSE;

  if (g_strcmp0 (g_getenv ("MCP_REQUIRE_INTEROP"), "1") == 0)
    g_error ("%s is missing and MCP_REQUIRE_INTEROP=1 (run build-aux/install-npm-tools.sh %s)",
             manifest, npm_dir);

  g_test_skip_printf ("the TypeScript SDK %s is not installed in %s", combo->sdk, npm_dir);
  return TRUE;
}

static void
session_start (Session     *session,
               const Combo *combo,
               JsonObject  *capabilities)
{
  g_autofree char *script_name = g_strdup_printf ("server-%s.mjs", combo->sdk);
  g_autofree char *script = g_build_filename (interop_dir, script_name, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!combo->http)
    {
      const char *argv[] = { run_node, script, NULL };

      session->client = mcp_client_new_for_command (argv);
    }
  else
    {
      const char *argv[] = { run_node, script, "--http", NULL };
      g_autoptr(GDataInputStream) output = NULL;
      g_autofree char *line = NULL;

      session->http_server = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (session->http_server));
      line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "LISTENING http://127.0.0.1:"));
      session->client = mcp_client_new_for_url (line + strlen ("LISTENING "), &error);
      g_assert_no_error (error);
    }

  mcp_client_set_client_info (session->client, "makemcp-glib-interop", "0.1");
  mcp_client_set_capabilities (session->client, capabilities);
  mcp_client_set_mode (session->client, combo->mode);
  mcp_client_set_timeout (session->client, 20000);
  mcp_client_connect_async (session->client, NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  g_assert_true (mcp_client_connect_finish (session->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mcp_client_get_era (session->client), ==, combo->expected_era);
}

static void
session_stop (Session *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  GSubprocess *process = mcp_client_get_subprocess (session->client);

  mcp_client_close_async (session->client, NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  g_assert_true (mcp_client_close_finish (session->client, result, NULL));
  g_clear_object (&result);

  if (process != NULL)
    g_assert_true (g_subprocess_get_if_exited (process));

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (session->client);

  if (session->http_server != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_output_stream_close (g_subprocess_get_stdin_pipe (session->http_server), NULL, NULL);
      g_subprocess_wait (session->http_server, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&session->http_server);
    }
}

static McpToolResult *
call (Session      *session,
      const char   *name,
      const char   *arguments,
      GCancellable *cancellable,
      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = test_parse (arguments);

  mcp_client_call_tool_async (session->client, name, json_node_get_object (node), cancellable,
                              test_store_result, &result);
  test_wait_result (&result, 30000);
  return mcp_client_call_tool_finish (session->client, result, error);
}

static const char *
first_text (McpToolResult *result)
{
  JsonArray *content = mcp_tool_result_get_content (result);

  g_assert_cmpuint (json_array_get_length (content), >=, 1);
  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static gboolean
confirm_cb (McpClient       *client,
            McpInputRequest *request,
            guint           *count)
{
  g_autoptr(JsonObject) content = json_object_new ();

  if (g_strcmp0 (mcp_input_request_get_method (request), "elicitation/create") != 0)
    return FALSE;

  g_assert_cmpstr (mcp_input_request_get_message (request), ==, "Proceed?");
  (*count)++;
  json_object_set_boolean_member (content, "ok", TRUE);
  mcp_input_request_accept (request, content);
  return TRUE;
}

static void
progress_cb (McpClient  *client,
             const char *method,
             const char *target,
             double      progress,
             double      total,
             const char *message,
             guint      *count)
{
  g_assert_cmpstr (target, ==, "slow");
  g_assert_cmpfloat (total, ==, 3);
  (*count)++;
}

static void
list_changed_cb (McpClient  *client,
                 const char *list,
                 guint      *count)
{
  (*count)++;
}

static void
test_combo (gconstpointer user_data)
{
  const Combo *combo = user_data;
  Session session = { NULL, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(McpToolResult) sum = NULL;
  g_autoptr(McpToolResult) slow = NULL;
  g_autoptr(McpToolResult) unknown = NULL;
  g_autoptr(McpToolResult) cancelled = NULL;
  g_autoptr(McpToolResult) after = NULL;
  g_autoptr(McpResourceContents) greeting = NULL;
  g_autoptr(McpResourceContents) echo = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) arguments = json_object_new ();
  g_autoptr(JsonNode) capabilities = test_parse ("{\"elicitation\":{\"form\":{}}}");
  const char *expected_name = strcmp (combo->sdk, "v2") == 0 ? "ts-sdk-v2-server" : "ts-sdk-v1-server";
  guint confirms = 0;
  guint progress = 0;
  guint changes = 0;
  gulong handler;

  if (sdk_missing (combo))
    return;

  session_start (&session, combo, NULL);
  g_assert_cmpstr (json_object_get_string_member (mcp_client_get_server_info (session.client), "name"),
                   ==, expected_name);
  g_assert_nonnull (strstr (mcp_client_get_instructions (session.client), "TypeScript SDK"));
  if (combo->http && combo->expected_era == MCP_ERA_LEGACY && strcmp (combo->sdk, "v1") == 0)
    g_assert_nonnull (mcp_client_get_session_id (session.client));

  /* tools */
  mcp_client_list_tools_async (session.client, NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  tools = mcp_client_list_tools_finish (session.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (tools), >=, 3);
  g_clear_object (&result);

  sum = call (&session, "add", "{\"a\":2,\"b\":3}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (sum), ==, "5");

  unknown = call (&session, "no-such-tool", "{}", NULL, &error);
  if (unknown != NULL)
    g_assert_true (mcp_tool_result_get_is_error (unknown));
  else
    g_assert_true (error->domain == MCP_ERROR);
  g_clear_error (&error);

  /* progress */
  handler = g_signal_connect (session.client, "progress", G_CALLBACK (progress_cb), &progress);
  slow = call (&session, "slow", "{\"steps\":3}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (slow), ==, "done after 3 steps");
  g_assert_cmpuint (progress, ==, 3);
  g_signal_handler_disconnect (session.client, handler);

  /* cancellation, and the connection goes on */
  json_object_set_int_member (arguments, "steps", 400);
  mcp_client_call_tool_async (session.client, "slow", arguments, cancellable, test_store_result, &result);
  test_wait (300);
  g_cancellable_cancel (cancellable);
  test_wait_result (&result, 30000);
  cancelled = mcp_client_call_tool_finish (session.client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  after = call (&session, "add", "{\"a\":1,\"b\":1}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_text (after), ==, "2");

  /* resources */
  mcp_client_read_resource_async (session.client, "greet://hello", NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  greeting = mcp_client_read_resource_finish (session.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_resource_contents_get_items (greeting), 0),
                                                  "text"), ==, "Hello from TypeScript");
  g_clear_object (&result);

  mcp_client_list_resource_templates_async (session.client, NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  templates = mcp_client_list_resource_templates_finish (session.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (templates, 0), "uriTemplate"),
                   ==, "echo://{word}");
  g_clear_object (&result);

  mcp_client_read_resource_async (session.client, "echo://glib", NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  echo = mcp_client_read_resource_finish (session.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_resource_contents_get_items (echo), 0),
                                                  "text"), ==, "echo glib");
  g_clear_object (&result);

  /* prompts */
  json_object_set_string_member (arguments, "name", "GNOME");
  json_object_remove_member (arguments, "steps");
  mcp_client_get_prompt_async (session.client, "hello", arguments, NULL, test_store_result, &result);
  test_wait_result (&result, 30000);
  prompt = mcp_client_get_prompt_finish (session.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (mcp_prompt_result_get_messages (prompt), 0),
                                                                                 "content"), "text"),
                   ==, "Say hello to GNOME");
  g_clear_object (&result);

  session_stop (&session);

  /* Elicitation: the capability is declared before connecting. The v2
   * stateless legacy fallback over HTTP keeps nothing between requests,
   * so it cannot ask for input there. */
  if (!(combo->http && combo->expected_era == MCP_ERA_LEGACY && strcmp (combo->sdk, "v2") == 0))
    {
      g_autoptr(McpToolResult) confirmed = NULL;
      Session second = { NULL, };

      session_start (&second, combo, json_node_get_object (capabilities));
      g_signal_connect (second.client, "input-request", G_CALLBACK (confirm_cb), &confirms);
      confirmed = call (&second, "confirm", "{}", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (first_text (confirmed), ==, "confirmed");
      g_assert_cmpuint (confirms, ==, 1);
      session_stop (&second);
    }

  /* List changes reach a legacy client: on stdio, and on the GET stream of
   * an HTTP session. */
  if (strcmp (combo->sdk, "v1") == 0)
    {
      g_autoptr(McpToolResult) grown = NULL;
      Session third = { NULL, };
      gboolean expired = FALSE;
      guint id;

      session_start (&third, combo, NULL);
      g_signal_connect (third.client, "list-changed::tools", G_CALLBACK (list_changed_cb), &changes);
      mcp_client_listen (third.client);
      test_wait (300);
      grown = call (&third, "grow", "{}", NULL, &error);
      g_assert_no_error (error);
      id = g_timeout_add (10000, expire_cb, &expired);
      while (changes == 0 && !expired)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (expired);
      g_source_remove (id);
      session_stop (&third);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const Combo combos[] = {
    { "v2", FALSE, MCP_CLIENT_MODE_AUTO,   MCP_ERA_MODERN },
    { "v2", FALSE, MCP_CLIENT_MODE_LEGACY, MCP_ERA_LEGACY },
    { "v2", TRUE,  MCP_CLIENT_MODE_AUTO,   MCP_ERA_MODERN },
    { "v2", TRUE,  MCP_CLIENT_MODE_LEGACY, MCP_ERA_LEGACY },
    { "v1", FALSE, MCP_CLIENT_MODE_AUTO,   MCP_ERA_LEGACY },
    { "v1", TRUE,  MCP_CLIENT_MODE_AUTO,   MCP_ERA_LEGACY },
  };
  const char *npm_env;

  g_test_init (&argc, &argv, NULL);

  run_node = g_getenv ("MCP_RUN_NODE");
  interop_dir = g_getenv ("MCP_INTEROP_DIR");
  if (run_node == NULL || interop_dir == NULL)
    {
      g_printerr ("MCP_RUN_NODE and MCP_INTEROP_DIR must be set\n");
      return 1;
    }
  npm_env = g_getenv ("MCP_NPM_DIR");
  npm_dir = npm_env != NULL ? g_strdup (npm_env)
                            : g_build_filename (interop_dir, "..", "..", "_scratch", "npm", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/ClientInterop/%s/%s/%s", combos[i].sdk,
                                               combos[i].http ? "http" : "stdio",
                                               combos[i].mode == MCP_CLIENT_MODE_LEGACY ? "legacy" : "auto");

      g_test_add_data_func (path, &combos[i], test_combo);
    }

  return g_test_run ();
}
