/* makemcp-shell.c — talking to a server interactively
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One connection, many commands. On a terminal, with line editing and
 * history (libedit or GNU readline, chosen at build time) and completion
 * of command names, tool names, resource URIs and prompt names; otherwise
 * lines are read from standard input, so that scripts can drive it.
 *
 * The line editor runs in its callback mode, fed from a main-loop watch
 * on standard input, so the client keeps working (and hears list changes)
 * between commands. While a command runs, the watch is removed: what is
 * typed then waits for the next prompt.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>

#if defined(HAVE_LIBEDIT)
# include <editline/readline.h>
# define HAVE_LINE_EDITING 1
#elif defined(HAVE_READLINE)
# include <readline/readline.h>
# include <readline/history.h>
# define HAVE_LINE_EDITING 1
#endif

#include "makemcp.h"

typedef struct
{
  McpClient        *client;
  GMainLoop        *loop;
  OutputMode        mode;
  GPtrArray        *tools;       /* char * names, for completion */
  GPtrArray        *uris;
  GPtrArray        *prompts;
  GDataInputStream *input;       /* without line editing */
  guint             watch;
  gboolean          interactive;
  gboolean          lists_stale;
  int               status;
} Shell;

static Shell *the_shell;   /* for the line editor's callbacks */

static const struct
{
  const char *name;
  const char *arguments;
  const char *help;
} shell_commands[] = {
  { "tools",     "",                       "list the tools" },
  { "resources", "",                       "list the resources and resource templates" },
  { "prompts",   "",                       "list the prompts" },
  { "info",      "",                       "show what the server is" },
  { "call",      "TOOL [NAME=VALUE…|JSON]", "call a tool" },
  { "read",      "URI",                    "read a resource" },
  { "prompt",    "PROMPT [NAME=VALUE…]",   "get a prompt" },
  { "ping",      "",                       "check that the server answers" },
  { "output",    "text|json",              "choose the output format" },
  { "help",      "",                       "show this help" },
  { "quit",      "",                       "leave (or ^D)" },
};

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
fill_names (GPtrArray  *names,
            JsonArray  *items,
            const char *member)
{
  g_ptr_array_set_size (names, 0);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (item != NULL && json_object_has_member (item, member))
        g_ptr_array_add (names, g_strdup (json_object_get_string_member (item, member)));
    }
}

/* What completion offers, fetched again after the server says a list
 * changed. */
static void
refresh_lists (Shell *shell)
{
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) prompts = NULL;
  int status;

  tools = makemcp_list (shell->client, "tools", &status);
  resources = makemcp_list (shell->client, "resources", &status);
  prompts = makemcp_list (shell->client, "prompts", &status);
  fill_names (shell->tools, tools, "name");
  fill_names (shell->uris, resources, "uri");
  fill_names (shell->prompts, prompts, "name");
  shell->lists_stale = FALSE;
}

static void
list_changed_cb (McpClient  *client,
                 const char *list,
                 Shell      *shell)
{
  shell->lists_stale = TRUE;
  if (shell->interactive)
    fprintf (stderr, "\n(the server's %s changed)\n", list);
}

static void
closed_cb (McpClient    *client,
           const GError *error,
           Shell        *shell)
{
  if (error != NULL)
    {
      g_printerr ("makemcp: the connection to the server ended: %s\n", error->message);
      shell->status = EXIT_CONNECT;
      g_main_loop_quit (shell->loop);
    }
}

static void
print_help (void)
{
  makemcp_print ("Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (shell_commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", shell_commands[i].name, shell_commands[i].arguments);

      makemcp_print ("  %-32s %s\n", usage, shell_commands[i].help);
    }
  makemcp_print ("Arguments are NAME=VALUE words (VALUE is JSON when it parses as JSON) or one JSON object;\n"
                 "quote words with spaces. ^C cancels a running command.\n");
}

static void
report_error (Shell        *shell,
              const GError *error,
              const char   *context)
{
  shell->status = makemcp_fail (error, context);
}

static void
run_list (Shell      *shell,
          const char *what)
{
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonArray) templates = NULL;
  int status;

  if ((items = makemcp_list (shell->client, what, &status)) == NULL)
    {
      shell->status = status;
      return;
    }

  if (strcmp (what, "tools") == 0)
    {
      fill_names (shell->tools, items, "name");
      if (shell->mode == OUTPUT_JSON)
        makemcp_print_json_array (items);
      else
        makemcp_print_tools (items, FALSE);
    }
  else if (strcmp (what, "prompts") == 0)
    {
      fill_names (shell->prompts, items, "name");
      if (shell->mode == OUTPUT_JSON)
        makemcp_print_json_array (items);
      else
        makemcp_print_prompts (items);
    }
  else
    {
      fill_names (shell->uris, items, "uri");
      templates = makemcp_list (shell->client, "resource-templates", &status);
      if (shell->mode == OUTPUT_JSON)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_array_member (object, "resources", json_array_ref (items));
          json_object_set_array_member (object, "resourceTemplates",
                                        templates != NULL ? json_array_ref (templates) : json_array_new ());
          makemcp_print_json_object (object);
        }
      else
        makemcp_print_resources (items, templates);
    }
}

/* Runs one command line. Returns FALSE to leave. */
static gboolean
run_line (Shell      *shell,
          const char *line)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *command;
  int argc = 0;

  if (!g_shell_parse_argv (line, &argc, &words, &error))
    {
      if (g_error_matches (error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        return TRUE;
      g_printerr ("makemcp: %s\n", error->message);
      shell->status = EXIT_USAGE;
      return TRUE;
    }

  command = words[0];
  shell->status = EXIT_OK;

  if (strcmp (command, "quit") == 0 || strcmp (command, "exit") == 0)
    return FALSE;

  if (strcmp (command, "help") == 0 || strcmp (command, "?") == 0)
    print_help ();
  else if (strcmp (command, "tools") == 0 || strcmp (command, "resources") == 0 ||
           strcmp (command, "prompts") == 0)
    run_list (shell, command);
  else if (strcmp (command, "info") == 0)
    {
      JsonObject *info = mcp_client_get_server_info (shell->client);

      if (shell->mode == OUTPUT_JSON)
        makemcp_print_json_object (info);
      else
        makemcp_print ("%s %s, protocol %s%s%s\n",
                       json_object_has_member (info, "name") ? json_object_get_string_member (info, "name") : "?",
                       json_object_has_member (info, "version") ? json_object_get_string_member (info, "version") : "",
                       mcp_client_get_protocol_version (shell->client),
                       mcp_client_get_instructions (shell->client) != NULL ? "\n" : "",
                       mcp_client_get_instructions (shell->client) != NULL ? mcp_client_get_instructions (shell->client) : "");
    }
  else if (strcmp (command, "output") == 0)
    {
      if (g_strcmp0 (words[1], "json") == 0)
        shell->mode = OUTPUT_JSON;
      else if (g_strcmp0 (words[1], "text") == 0)
        shell->mode = OUTPUT_TEXT;
      else
        {
          g_printerr ("makemcp: output text or output json\n");
          shell->status = EXIT_USAGE;
        }
    }
  else if (strcmp (command, "ping") == 0)
    {
      gint64 start = g_get_monotonic_time ();

      mcp_client_ping_async (shell->client, makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      if (!mcp_client_ping_finish (shell->client, result, &error))
        report_error (shell, error, "ping failed");
      else
        makemcp_print ("The server answered in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
    }
  else if (strcmp (command, "call") == 0)
    {
      g_autoptr(JsonObject) arguments = NULL;
      g_autoptr(McpToolResult) answer = NULL;

      if (words[1] == NULL)
        {
          g_printerr ("makemcp: call TOOL [ARGUMENTS]\n");
          shell->status = EXIT_USAGE;
          return TRUE;
        }
      if ((arguments = makemcp_parse_arguments (words + 2, FALSE, &error)) == NULL)
        {
          g_printerr ("makemcp: %s\n", error->message);
          shell->status = EXIT_USAGE;
          return TRUE;
        }
      mcp_client_call_tool_async (shell->client, words[1], arguments, makemcp_cancellable,
                                  store_result_cb, &result);
      makemcp_wait (&result);
      if (isatty (STDERR_FILENO))
        g_printerr ("\r\033[K");
      if ((answer = mcp_client_call_tool_finish (shell->client, result, &error)) == NULL)
        report_error (shell, error, "the call failed");
      else
        {
          makemcp_print_tool_result (answer, shell->mode);
          shell->status = mcp_tool_result_get_is_error (answer) ? EXIT_TOOL_ERROR : EXIT_OK;
        }
    }
  else if (strcmp (command, "read") == 0)
    {
      g_autoptr(McpResourceContents) contents = NULL;

      if (words[1] == NULL || words[2] != NULL)
        {
          g_printerr ("makemcp: read URI\n");
          shell->status = EXIT_USAGE;
          return TRUE;
        }
      mcp_client_read_resource_async (shell->client, words[1], makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      if ((contents = mcp_client_read_resource_finish (shell->client, result, &error)) == NULL)
        report_error (shell, error, "reading failed");
      else
        makemcp_print_contents (contents, shell->mode);
    }
  else if (strcmp (command, "prompt") == 0)
    {
      g_autoptr(JsonObject) arguments = NULL;
      g_autoptr(McpPromptResult) prompt = NULL;

      if (words[1] == NULL)
        {
          g_printerr ("makemcp: prompt NAME [NAME=VALUE…]\n");
          shell->status = EXIT_USAGE;
          return TRUE;
        }
      if ((arguments = makemcp_parse_arguments (words + 2, TRUE, &error)) == NULL)
        {
          g_printerr ("makemcp: %s\n", error->message);
          shell->status = EXIT_USAGE;
          return TRUE;
        }
      mcp_client_get_prompt_async (shell->client, words[1], arguments, makemcp_cancellable,
                                   store_result_cb, &result);
      makemcp_wait (&result);
      if ((prompt = mcp_client_get_prompt_finish (shell->client, result, &error)) == NULL)
        report_error (shell, error, "getting the prompt failed");
      else
        makemcp_print_prompt (prompt, shell->mode);
    }
  else
    {
      g_printerr ("makemcp: unknown command “%s” (try “help”)\n", command);
      shell->status = EXIT_USAGE;
    }

  fflush (stdout);
  makemcp_reset_cancellable ();
  return TRUE;
}

#ifdef HAVE_LINE_EDITING

static void install_prompt (Shell *shell);

static gboolean
stdin_ready_cb (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  rl_callback_read_char ();
  return G_SOURCE_CONTINUE;
}

static void
line_cb (char *line)
{
  Shell *shell = the_shell;
  gboolean go_on;

  /* Nothing is read while the command runs. */
  rl_callback_handler_remove ();
  g_clear_handle_id (&shell->watch, g_source_remove);

  if (line == NULL)
    {
      fputc ('\n', stdout);
      g_main_loop_quit (shell->loop);
      return;
    }

  if (*g_strstrip (line) != '\0')
    add_history (line);

  if (shell->lists_stale)
    refresh_lists (shell);

  go_on = run_line (shell, line);
  free (line);

  if (!go_on || !mcp_client_is_connected (shell->client))
    {
      g_main_loop_quit (shell->loop);
      return;
    }

  install_prompt (shell);
}

static void
install_prompt (Shell *shell)
{
  rl_callback_handler_install ("mcp> ", line_cb);
  shell->watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_ready_cb, shell);
}

/* Completion: command names first, then what the command takes. */
static GPtrArray *completion_names;
static guint completion_index;

static char *
completion_generator (const char *text,
                      int         state)
{
  if (state == 0)
    completion_index = 0;

  while (completion_names != NULL && completion_index < completion_names->len)
    {
      const char *name = g_ptr_array_index (completion_names, completion_index++);

      if (g_str_has_prefix (name, text))
        return strdup (name);
    }

  return NULL;
}

static char **
completion_cb (const char *text,
               int         start,
               int         end)
{
  Shell *shell = the_shell;
  static GPtrArray *commands;
  g_auto(GStrv) words = NULL;

  rl_attempted_completion_over = 1;

  if (commands == NULL)
    {
      commands = g_ptr_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (shell_commands); i++)
        g_ptr_array_add (commands, (char *)shell_commands[i].name);
    }

  if (shell->lists_stale)
    refresh_lists (shell);

  if (start == 0)
    completion_names = commands;
  else
    {
      g_autofree char *before = g_strndup (rl_line_buffer, (gsize)start);

      words = g_strsplit_set (g_strstrip (before), " \t", -1);
      if (g_strv_length (words) != 1)
        return NULL;
      if (strcmp (words[0], "call") == 0)
        completion_names = shell->tools;
      else if (strcmp (words[0], "read") == 0)
        completion_names = shell->uris;
      else if (strcmp (words[0], "prompt") == 0)
        completion_names = shell->prompts;
      else
        return NULL;
    }

  return rl_completion_matches (text, completion_generator);
}

static void
start_input (Shell *shell)
{
  rl_readline_name = "makemcp";
  rl_catch_signals = 0;
  rl_attempted_completion_function = completion_cb;
  install_prompt (shell);
}

static void
stop_input (Shell *shell)
{
  rl_callback_handler_remove ();
  g_clear_handle_id (&shell->watch, g_source_remove);
}

#else /* !HAVE_LINE_EDITING */

static void plain_read_next (Shell *shell);

/* Lines come from standard input as they are, after a plain prompt. */
static void
start_input (Shell *shell)
{
  plain_read_next (shell);
}

static void
stop_input (Shell *shell)
{
}

#endif /* HAVE_LINE_EDITING */

/* Without a terminal, lines come from standard input as they are, line
 * editing or not; so do they without line editing, after a prompt. */
static void plain_read_next (Shell *shell);

static void
plain_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Shell *shell = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);
  if (line == NULL)
    {
      g_main_loop_quit (shell->loop);
      return;
    }

  if (shell->lists_stale)
    refresh_lists (shell);
  if (!run_line (shell, line) || !mcp_client_is_connected (shell->client))
    {
      g_main_loop_quit (shell->loop);
      return;
    }

  plain_read_next (shell);
}

static void
plain_read_next (Shell *shell)
{
  if (shell->interactive)
    {
      fputs ("mcp> ", stdout);
      fflush (stdout);
    }
  g_data_input_stream_read_line_async (shell->input, G_PRIORITY_DEFAULT, NULL, plain_read_cb, shell);
}

int
makemcp_cmd_shell (int    argc,
                   char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(GInputStream) stdin_stream = NULL;
  Shell shell = { NULL, };
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "Talk to a server interactively: list, call, read, prompt.\n"
                                  "Commands are read from standard input when it is not a terminal.",
                                  NULL, 0)) != EXIT_OK)
    return status;

  /* A shell prints for people unless told otherwise. */
  if (invocation.options.output == NULL)
    invocation.mode = OUTPUT_TEXT;

  if ((shell.client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  shell.loop = g_main_loop_new (NULL, FALSE);
  shell.mode = invocation.mode;
  shell.tools = g_ptr_array_new_with_free_func (g_free);
  shell.uris = g_ptr_array_new_with_free_func (g_free);
  shell.prompts = g_ptr_array_new_with_free_func (g_free);
  shell.interactive = isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
  the_shell = &shell;

  g_signal_connect (shell.client, "list-changed", G_CALLBACK (list_changed_cb), &shell);
  g_signal_connect (shell.client, "closed", G_CALLBACK (closed_cb), &shell);
  mcp_client_listen (shell.client);

  stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  shell.input = g_data_input_stream_new (stdin_stream);
  g_data_input_stream_set_newline_type (shell.input, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  if (shell.interactive)
    {
      JsonObject *info = mcp_client_get_server_info (shell.client);

      refresh_lists (&shell);
      makemcp_print ("Connected to %s%s%s (protocol %s). Type “help” for the commands.\n",
                     makemcp_bold (),
                     json_object_has_member (info, "name") ? json_object_get_string_member (info, "name") : "?",
                     makemcp_reset (), mcp_client_get_protocol_version (shell.client));
      start_input (&shell);
    }
  else
    plain_read_next (&shell);

  g_main_loop_run (shell.loop);

  if (shell.interactive)
    stop_input (&shell);

  status = shell.status;
  g_signal_handlers_disconnect_by_data (shell.client, &shell);
  if (mcp_client_is_connected (shell.client))
    makemcp_close (shell.client);

  the_shell = NULL;
  g_clear_object (&shell.client);
  g_clear_object (&shell.input);
  g_clear_pointer (&shell.loop, g_main_loop_unref);
  g_clear_pointer (&shell.tools, g_ptr_array_unref);
  g_clear_pointer (&shell.uris, g_ptr_array_unref);
  g_clear_pointer (&shell.prompts, g_ptr_array_unref);
  return status;
}
