/* test-makemcp.c — the makemcp command, every subcommand, with its errors
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the built makemcp program against the example servers (over stdio,
 * and over HTTP for what must outlive one command), checks what it prints
 * (JSON when its output is not a terminal, text with -o text) and its exit
 * status. The registry lives in a temporary XDG_CONFIG_HOME.
 */

#include <signal.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-util.h"

static const char *makemcp;
static const char *example;
static const char *feature;
static const char *greet_dir;
static const char *mcp_typelib_dir;
static char *config_home;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GI_TYPELIB_PATH", mcp_typelib_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "NO_COLOR");
  /* meson points LD_LIBRARY_PATH at libgreet; serve must find it itself. */
  g_subprocess_launcher_unsetenv (launcher, "LD_LIBRARY_PATH");
  return launcher;
}

/* Runs makemcp with @argv (NULL-terminated), @input on its standard input. */
static void
run_argv (Run                *run,
          const char         *input,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (char *)makemcp);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *)argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("makemcp %s → %d\nstdout: %s\nstderr: %s",
                  argv[0], run->status, run->out, run->err);
}

#define RUN(run, ...) G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    run_argv ((run), NULL, argv_); \
  } G_STMT_END

#define RUN_INPUT(run, input, ...) G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    run_argv ((run), (input), argv_); \
  } G_STMT_END

static JsonNode *
parse_output (Run *run)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (run->out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
names (JsonArray  *array,
       const char *member)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (array, i), member));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A server over HTTP for the whole test, for state across commands. */
typedef struct
{
  GSubprocess *process;
  char        *url;
} HttpServer;

static void
http_server_start (HttpServer *server,
                   const char *program)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  const char *argv[] = { program, "--http", "127.0.0.1:0", NULL };

  server->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->url = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (server->url, "http://127.0.0.1:"));
}

static void
http_server_stop (HttpServer *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server->process);
  g_clear_pointer (&server->url, g_free);
}

/* ------------------------------------------------------------------ */

static void
test_help (void)
{
  g_auto(Run) run = { 0, };

  RUN (&run, "--version");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "makemcp "));
  run_clear (&run);

  RUN (&run, "help");
  g_assert_cmpint (run.status, ==, 0);
  for (const char *const *command = (const char *[]){ "info", "tools", "call", "read", "prompt", "shell",
                                                      "bridge", "serve", "register", "export", "discover", NULL };
       *command != NULL; command++)
    g_assert_nonnull (strstr (run.out, *command));
  run_clear (&run);

  RUN (&run, "help", "call");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "SERVER TOOL"));
  run_clear (&run);

  RUN (&run, "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "unknown command"));
  run_clear (&run);

  {
    const char *argv[] = { NULL };

    run_argv (&run, NULL, argv);
    g_assert_cmpint (run.status, ==, 2);
  }
  run_clear (&run);

  RUN (&run, "tools", "--no-such-option", example);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  RUN (&run, "tools");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No server given"));
}

static void
test_tools (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *tool_names = NULL;

  RUN (&run, "tools", example);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  tool_names = names (json_node_get_array (node), "name");
  g_assert_cmpstr (tool_names, ==, "add counter echo sleep");
  g_assert_true (json_object_has_member (json_array_get_object_element (json_node_get_array (node), 0), "inputSchema"));
  run_clear (&run);

  /* Readable text on request; the same in the legacy era; a command with
   * arguments after “--”. */
  RUN (&run, "tools", "-o", "text", "--legacy", "--", example, "--stdio");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "add  Add two integers and return the sum.\n    a:integer b:integer\n"));
  g_assert_nonnull (strstr (run.out, "[step:integer]"));
  run_clear (&run);

  RUN (&run, "tools", "-o", "text", "--schema", example);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"minimum\" : 0"));
  run_clear (&run);

  RUN (&run, "tools", "-o", "yaml", example);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  RUN (&run, "tools", "--legacy", "--modern", example);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_info (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *info;

  RUN (&run, "info", feature);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  info = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "makemcp-glib-notes");
  g_assert_cmpstr (json_object_get_string_member (info, "protocolVersion"), ==, "2026-07-28");
  g_assert_cmpstr (json_object_get_string_member (info, "era"), ==, "modern");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "tools")), >=, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "resources")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "resourceTemplates")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "prompts")), ==, 1);
  g_assert_true (json_object_has_member (info, "instructions"));
  run_clear (&run);
  g_clear_pointer (&node, json_node_unref);

  RUN (&run, "info", "--legacy", feature);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "era"), ==, "legacy");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "protocolVersion"), ==, "2025-11-25");
  run_clear (&run);

  RUN (&run, "info", "-o", "text", feature);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "makemcp-glib-notes 0.1.0 — Notes\n"));
  g_assert_nonnull (strstr (run.out, "Resources (2)"));
  g_assert_nonnull (strstr (run.out, "notes://note/{id}"));
}

static void
test_resources_prompts (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) prompts = NULL;
  JsonObject *object;

  RUN (&run, "resources", feature);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "resources"), 0),
                                                  "uri"), ==, "notes://index");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "resourceTemplates"), 0),
                                                  "uriTemplate"), ==, "notes://note/{id}");
  run_clear (&run);

  RUN (&run, "prompts", feature);
  g_assert_cmpint (run.status, ==, 0);
  prompts = parse_output (&run);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (prompts), 0), "name"),
                   ==, "review_note");
  run_clear (&run);

  RUN (&run, "prompts", "-o", "text", feature);
  g_assert_nonnull (strstr (run.out, "review_note  Review one of the notes\n    id [focus]\n"));
  run_clear (&run);

  /* A server without resources or prompts lists nothing. */
  RUN (&run, "prompts", example);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

static void
test_call (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;

  RUN (&run, "call", example, "add", "a=2", "b=40");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "content"), 0),
                                                  "text"), ==, "42");
  g_assert_false (json_object_has_member (json_node_get_object (node), "isError"));
  run_clear (&run);

  RUN (&run, "call", "-o", "text", example, "add", "{\"a\": 1, \"b\": 2}");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "3\n");
  run_clear (&run);

  RUN (&run, "call", "-o", "text", example, "echo", "text=hello world");
  g_assert_cmpstr (run.out, ==, "hello world\n");
  run_clear (&run);

  /* A JSON string, to pass what would parse as a number as text. */
  RUN (&run, "call", "-o", "text", example, "echo", "text=\"42\"");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "42\n");
  run_clear (&run);

  /* Structured content (which the server also gives as text). */
  RUN (&run, "call", "-o", "text", example, "counter", "step=5");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "{\"count\":5}\n");
  run_clear (&run);

  /* Arguments from a file, and from standard input. */
  file = g_build_filename (config_home, "arguments.json", NULL);
  g_file_set_contents (file, "{\"a\":5,\"b\":6}", -1, &error);
  g_assert_no_error (error);
  RUN (&run, "call", "-o", "text", "--arguments-file", file, example, "add");
  g_assert_cmpstr (run.out, ==, "11\n");
  run_clear (&run);
  RUN_INPUT (&run, "{\"a\":7,\"b\":8}", "call", "-o", "text", "-f", "-", example, "add");
  g_assert_cmpstr (run.out, ==, "15\n");
  run_clear (&run);

  /* The tool reports an error: exit 1, and what it said. */
  RUN (&run, "call", "-o", "text", example, "add", "a=2", "b=x");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "expected an integer"));
  run_clear (&run);

  /* The server refuses: exit 4. */
  RUN (&run, "call", example, "no-such-tool");
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.err, "Unknown tool"));
  run_clear (&run);

  /* Bad arguments never reach the server: exit 2. */
  RUN (&run, "call", example, "add", "{\"a\": 1,");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not valid JSON"));
  run_clear (&run);
  RUN (&run, "call", example, "add", "[1,2]");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "call", example, "add", "a");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "NAME=VALUE"));
  run_clear (&run);
  RUN (&run, "call", example);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* Too slow: exit 5. */
  RUN (&run, "call", "--timeout", "0.3", example, "sleep", "ms=20000");
  g_assert_cmpint (run.status, ==, 5);
  run_clear (&run);

  /* Progress and log messages go to standard error. */
  RUN (&run, "call", "-o", "text", "--log-level", "info", feature, "count_words", "text=a b");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2 words\n");
  g_assert_nonnull (strstr (run.err, "[info] count_words Counting started"));
}

static void
test_unreachable (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  url = g_strdup_printf ("http://127.0.0.1:%u/mcp",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_socket_listener_close (listener);

  RUN (&run, "tools", url);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "could not connect"));
  run_clear (&run);

  RUN (&run, "tools", "/nonexistent/server");
  g_assert_cmpint (run.status, ==, 6);
  run_clear (&run);

  RUN (&run, "tools", "no-such-registered-server");
  g_assert_cmpint (run.status, ==, 6);
  g_assert_nonnull (strstr (run.err, "No server is registered"));
  run_clear (&run);

  /* A program that is no MCP server. */
  RUN (&run, "tools", "--", "/bin/sh", "-c", "exit 0");
  g_assert_cmpint (run.status, ==, 3);
  run_clear (&run);

  RUN (&run, "tools", "--header", "nonsense", "http://127.0.0.1:1/mcp");
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_http_state (void)
{
  g_auto(Run) run = { 0, };
  HttpServer server = { NULL, };
  g_autoptr(JsonNode) node = NULL;

  http_server_start (&server, feature);

  RUN (&run, "call", "-o", "text", server.url, "add_note", "text=milk");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "notes://note/1"));
  run_clear (&run);

  RUN (&run, "read", "-o", "text", server.url, "notes://index");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1. milk\n");
  run_clear (&run);

  RUN (&run, "read", server.url, "notes://note/1");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "contents"), 0),
                                                  "text"), ==, "milk");
  run_clear (&run);

  RUN (&run, "read", server.url, "notes://note/9");
  g_assert_cmpint (run.status, ==, 4);
  run_clear (&run);

  RUN (&run, "read", server.url);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  RUN (&run, "prompt", "-o", "text", "--legacy", server.url, "review_note", "id=1", "focus=spelling");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "milk"));
  g_assert_nonnull (strstr (run.out, "spelling"));
  run_clear (&run);

  RUN (&run, "prompt", server.url, "review_note", "id=5");
  g_assert_cmpint (run.status, ==, 4);
  run_clear (&run);

  RUN (&run, "ping", "-o", "text", server.url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "answered"));
  run_clear (&run);

  /* The bridge: the HTTP server, on stdio, to a legacy client. */
  RUN (&run, "call", "-o", "text", "--legacy", "list_notes", "--", makemcp, "bridge", server.url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "milk"));
  run_clear (&run);

  RUN (&run, "read", "-o", "text", "notes://note/1", "--", makemcp, "bridge", server.url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "milk\n");
  run_clear (&run);

  RUN (&run, "prompt", "-o", "text", "review_note", "id=1", "--", makemcp, "bridge", "--legacy", server.url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "milk"));
  run_clear (&run);

  RUN (&run, "call", "no-such-tool", "--", makemcp, "bridge", server.url);
  g_assert_cmpint (run.status, ==, 4);

  http_server_stop (&server);
}

static void
test_registry (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) exported = NULL;
  JsonObject *servers;
  JsonObject *entry;

  RUN (&run, "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  run_clear (&run);

  RUN (&run, "register", "--description", "The example", "example", "--", example, "--stdio");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "register", "notes", feature, "--env", "NOTES_MODE=test");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "register", "remote", "http://127.0.0.1:9/mcp", "--header", "Authorization: Bearer abc");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Errors: taken, bad name, nothing to run, mixed up options. */
  RUN (&run, "register", "example", example);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--force"));
  run_clear (&run);
  RUN (&run, "register", "bad name", example);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "register", "nothing");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "register", "x", "http://127.0.0.1:9/mcp", "--env", "A=B");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "register", "--force", "-d", "The example", "example", "--", example, "--stdio");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  RUN (&run, "list");
  g_assert_cmpint (run.status, ==, 0);
  list = parse_output (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 3);
  run_clear (&run);

  RUN (&run, "list", "-o", "text");
  g_assert_nonnull (strstr (run.out, "The example"));
  g_assert_nonnull (strstr (run.out, "example-server --stdio\n"));
  g_assert_nonnull (strstr (run.out, "http://127.0.0.1:9/mcp"));
  run_clear (&run);

  /* A registered name works everywhere a server goes. */
  RUN (&run, "call", "-o", "text", "example", "add", "a=1", "b=1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2\n");
  run_clear (&run);
  RUN (&run, "tools", "notes");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "tools", "remote");
  g_assert_cmpint (run.status, ==, 3);
  run_clear (&run);

  RUN (&run, "export");
  g_assert_cmpint (run.status, ==, 0);
  exported = parse_output (&run);
  servers = json_object_get_object_member (json_node_get_object (exported), "mcpServers");
  entry = json_object_get_object_member (servers, "example");
  g_assert_cmpstr (json_object_get_string_member (entry, "command"), ==, example);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (entry, "args"), 0), ==, "--stdio");
  entry = json_object_get_object_member (servers, "notes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "env"), "NOTES_MODE"), ==, "test");
  entry = json_object_get_object_member (servers, "remote");
  g_assert_cmpstr (json_object_get_string_member (entry, "type"), ==, "http");
  g_assert_cmpstr (json_object_get_string_member (entry, "url"), ==, "http://127.0.0.1:9/mcp");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "headers"), "Authorization"),
                   ==, "Bearer abc");
  run_clear (&run);
  g_clear_pointer (&exported, json_node_unref);

  RUN (&run, "export", "remote");
  exported = parse_output (&run);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (exported), "mcpServers")), ==, 1);
  run_clear (&run);
  RUN (&run, "export", "nobody");
  g_assert_cmpint (run.status, ==, 6);
  run_clear (&run);

  RUN (&run, "unregister", "remote", "notes");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "unregister", "remote");
  g_assert_cmpint (run.status, ==, 6);
  run_clear (&run);
  RUN (&run, "unregister", "example");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "list");
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

static void
test_shell (void)
{
  g_auto(Run) run = { 0, };

  RUN_INPUT (&run, "tools\n"
                   "call add_note text=\"first note\"\n"
                   "read notes://index\n"
                   "prompt review_note id=1\n"
                   "call no_such_tool\n"
                   "output json\n"
                   "call list_notes\n"
                   "frobnicate\n"
                   "help\n"
                   "quit\n",
             "shell", feature);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "add_note  Add a note"));
  g_assert_nonnull (strstr (run.out, "1. first note"));
  g_assert_nonnull (strstr (run.out, "Please review the note above."));
  g_assert_nonnull (strstr (run.out, "\"notes\" : [\n      \"first note\""));
  g_assert_nonnull (strstr (run.out, "call TOOL"));
  g_assert_nonnull (strstr (run.err, "Unknown tool"));
  g_assert_nonnull (strstr (run.err, "unknown command “frobnicate”"));
  run_clear (&run);

  /* The end of input ends the shell; its status is the last command's. */
  RUN_INPUT (&run, "call no_such_tool\n", "shell", "--legacy", feature);
  g_assert_cmpint (run.status, ==, 4);
}

static void
test_serve (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *tool_names = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  RUN (&run, "serve", "--typelib", "Greet-1.0", "--typelib-dir", greet_dir, "--library-dir", greet_dir, "--info");
  g_assert_cmpint (run.status, ==, 0);
  node = parse_output (&run);
  tool_names = names (json_object_get_array_member (json_node_get_object (node), "tools"), "name");
  g_assert_cmpstr (tool_names, ==, "count hello");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "name"), ==, "greet");
  run_clear (&run);

  /* Over stdio, for a client (makemcp itself). */
  RUN (&run, "call", "-o", "text", "hello", "name=GNOME", "--",
       makemcp, "serve", "--typelib", "Greet-1.0", "--typelib-dir", greet_dir, "--library-dir", greet_dir);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Hello, GNOME!\n");
  run_clear (&run);

  /* Over HTTP: the URL comes first on standard output; state is kept. */
  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, makemcp, "serve", "--typelib", "Greet-1.0",
                                         "--class", "Greeter", "--typelib-dir", greet_dir,
                                         "--library-dir", greet_dir, "--http", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  url = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  RUN (&run, "call", "-o", "text", url, "hello", "name=a");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  RUN (&run, "call", "-o", "text", url, "count");
  g_assert_cmpstr (run.out, ==, "1\n");
  run_clear (&run);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* What is missing, with the Debian package to install. */
  RUN (&run, "serve", "--typelib", "Nope-1.0");
  g_assert_cmpint (run.status, ==, 6);
  g_assert_nonnull (strstr (run.err, "sudo apt install gir1.2-nope-1.0"));
  run_clear (&run);

  RUN (&run, "serve", "--typelib", "Greet-1.0", "--typelib-dir", greet_dir, "--info");
  g_assert_cmpint (run.status, ==, 6);
  g_assert_nonnull (strstr (run.err, "libgreet.so"));
  g_assert_nonnull (strstr (run.err, "sudo apt install"));
  run_clear (&run);

  RUN (&run, "serve", "--typelib", "Greet-1.0", "--typelib-dir", greet_dir, "--library-dir", greet_dir,
       "--class", "Plain", "--info");
  g_assert_cmpint (run.status, ==, 6);
  g_assert_nonnull (strstr (run.err, "not a tool provider"));
  run_clear (&run);

  RUN (&run, "serve", "--typelib", "Greet-1.0", "--typelib-dir", greet_dir, "--library-dir", greet_dir,
       "--class", "Nobody", "--info");
  g_assert_cmpint (run.status, ==, 6);
  run_clear (&run);

  RUN (&run, "serve", "--typelib", "Json-1.0");
  g_assert_cmpint (run.status, ==, 6);
  run_clear (&run);

  RUN (&run, "serve");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "serve", "--typelib", "NoVersion");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  RUN (&run, "serve", "--typelib", "Greet-1.0", "--advertise");
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_discover (void)
{
  g_auto(Run) run = { 0, };

  RUN (&run, "discover", "--timeout", "0.5");
  /* 0 with a running avahi-daemon, 3 without one, 1 without Avahi. */
  g_assert_true (run.status == 0 || run.status == 3 || run.status == 1);
  if (run.status == 0)
    {
      g_autoptr(JsonNode) node = parse_output (&run);

      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
    }
  run_clear (&run);

  RUN (&run, "discover", "extra");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  RUN (&run, "discover", "--timeout", "-1");
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  makemcp = g_getenv ("MAKEMCP");
  example = g_getenv ("MCP_EXAMPLE_SERVER");
  feature = g_getenv ("MCP_FEATURE_SERVER");
  greet_dir = g_getenv ("GREET_DIR");
  mcp_typelib_dir = g_getenv ("MCP_TYPELIB_DIR");
  if (makemcp == NULL || example == NULL || feature == NULL || greet_dir == NULL || mcp_typelib_dir == NULL)
    {
      g_printerr ("MAKEMCP, MCP_EXAMPLE_SERVER, MCP_FEATURE_SERVER, GREET_DIR and MCP_TYPELIB_DIR must be set\n");
      return 1;
    }

  config_home = g_dir_make_tmp ("makemcp-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/makemcp/help", test_help);
  g_test_add_func ("/makemcp/tools", test_tools);
  g_test_add_func ("/makemcp/info", test_info);
  g_test_add_func ("/makemcp/resources-prompts", test_resources_prompts);
  g_test_add_func ("/makemcp/call", test_call);
  g_test_add_func ("/makemcp/unreachable", test_unreachable);
  g_test_add_func ("/makemcp/http-state-and-bridge", test_http_state);
  g_test_add_func ("/makemcp/registry", test_registry);
  g_test_add_func ("/makemcp/shell", test_shell);
  g_test_add_func ("/makemcp/serve", test_serve);
  g_test_add_func ("/makemcp/discover", test_discover);

  status = g_test_run ();

  {
    g_autofree char *registry = g_build_filename (config_home, "makemcp", "servers.ini", NULL);
    g_autofree char *dir = g_build_filename (config_home, "makemcp", NULL);
    g_autofree char *arguments = g_build_filename (config_home, "arguments.json", NULL);

    g_remove (registry);
    g_rmdir (dir);
    g_remove (arguments);
    g_rmdir (config_home);
  }
  g_free (config_home);
  return status;
}
