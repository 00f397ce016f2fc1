/* test-example.c — the example server as a client runs it: a process on pipes
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-util.h"

static const char *example_path;
static const char *feature_path;

static GSubprocess *
spawn_server (const char         *path,
              const char * const *extra_args,
              GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer)path);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* GLib debug output must never reach the protocol stream */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, error);
}

static GSubprocess *
spawn_example (const char * const *extra_args,
               GError            **error)
{
  return spawn_server (example_path, extra_args, error);
}

/* A whole session: requests in, then end of input; every line of the
 * output must be a JSON-RPC message, and the exit status 0. */
static void
test_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_example (NULL, &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *input =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
    "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":20,\"b\":22}}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"counter\",\"arguments\":{}}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"counter\",\"arguments\":{\"step\":5},"
    TEST_MODERN_META "}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":"
    "{\"a\":9223372036854775807,\"b\":1}}}\n";

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[5], ==, "");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonNode) node = test_parse (lines[i]);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
    }

  g_assert_true (g_str_has_prefix (lines[0], "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\""));
  g_assert_cmpstr (lines[1], ==, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}]}}");
  g_assert_cmpstr (lines[2], ==, "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"count\\\":1}\"}],\"structuredContent\":{\"count\":1}}}");
  /* state is shared between eras and calls */
  g_assert_cmpstr (lines[3], ==, "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"count\\\":6}\"}],\"structuredContent\":{\"count\":6},\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"makemcp-glib-example\",\"version\":\"0.1.0\",\"title\":\"makemcp-glib example server\"}}}}");
  g_assert_cmpstr (lines[4], ==, "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The sum does not fit in a 64-bit integer\"}],\"isError\":true}}");
}

/* The async sleep answers after the quick add; closing input while a sleep
 * runs ends the process at once, with status 0. */
static void
test_shutdown_with_calls_in_flight (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_example (NULL, &error);
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *input =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":60000},"
    TEST_MODERN_META "}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2},"
    TEST_MODERN_META "}}\n";

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (10 * G_TIME_SPAN_SECOND));
  g_assert_true (g_str_has_prefix (out, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"3\"}]"));
  g_assert_null (strstr (out, "\"id\":1"));
}

static void
test_info (void)
{
  const char *args[] = { "--info", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_example (args, &error);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *info;
  JsonArray *tools;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  node = test_parse (out);
  info = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "makemcp-glib-example");
  g_assert_cmpstr (json_object_get_string_member (info, "version"), ==, "0.1.0");
  tools = json_object_get_array_member (info, "tools");
  g_assert_cmpuint (json_array_get_length (tools), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 0), "name"), ==, "add");
  g_assert_true (json_object_has_member (json_object_get_object_member (info, "capabilities"), "tools"));
}

static void
test_bad_option (void)
{
  const char *args[] = { "--no-such-option", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_example (args, &error);
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "Unknown option --no-such-option"));
}

/* Reading notes that are not there, through the feature example's
 * notes://note/{id} template: an empty id once crashed the process. */
static void
test_feature_missing_notes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_server (feature_path, NULL, &error);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  const char *input =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"notes://note/\"," TEST_MODERN_META "}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"notes://note/1x\"," TEST_MODERN_META "}}\n"
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"notes://note/99\"," TEST_MODERN_META "}}\n";

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  expected = g_strconcat (
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"There is no note \",\"data\":{\"uri\":\"notes://note/\"}}}\n",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"There is no note 1x\",\"data\":{\"uri\":\"notes://note/1x\"}}}\n",
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"There is no note 99\",\"data\":{\"uri\":\"notes://note/99\"}}}\n",
    NULL);
  g_assert_cmpstr (out, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  example_path = g_getenv ("MCP_EXAMPLE_SERVER");
  if (example_path == NULL)
    {
      g_printerr ("MCP_EXAMPLE_SERVER is not set\n");
      return 1;
    }
  feature_path = g_getenv ("MCP_FEATURE_SERVER");

  g_test_add_func ("/Mcp/Example/session", test_session);
  g_test_add_func ("/Mcp/Example/shutdown-with-calls-in-flight", test_shutdown_with_calls_in_flight);
  g_test_add_func ("/Mcp/Example/info", test_info);
  g_test_add_func ("/Mcp/Example/bad-option", test_bad_option);
  if (feature_path != NULL)
    g_test_add_func ("/Mcp/Example/feature-missing-notes", test_feature_missing_notes);

  return g_test_run ();
}
