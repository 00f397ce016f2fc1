/* makemcp-util.c — connecting, waiting, printing and errors for makemcp
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "makemcp.h"

GCancellable *makemcp_cancellable;

static guint interrupts;

static gboolean
sigint_cb (gpointer user_data)
{
  /* The first ^C cancels what runs (the server hears of it); the second
   * gives up at once. */
  if (++interrupts > 1)
    _exit (EXIT_INTERRUPTED);
  g_cancellable_cancel (makemcp_cancellable);
  return G_SOURCE_CONTINUE;
}

/* After an interrupted command of the shell: ready for the next one. */
void
makemcp_reset_cancellable (void)
{
  if (g_cancellable_is_cancelled (makemcp_cancellable))
    {
      g_object_unref (makemcp_cancellable);
      makemcp_cancellable = g_cancellable_new ();
    }
  interrupts = 0;
}

void
makemcp_init_signals (void)
{
  makemcp_cancellable = g_cancellable_new ();
  signal (SIGPIPE, SIG_IGN);
  g_unix_signal_add (SIGINT, sigint_cb, NULL);
}

OutputMode
makemcp_output_mode (const char *option)
{
  if (g_strcmp0 (option, "json") == 0)
    return OUTPUT_JSON;
  if (g_strcmp0 (option, "text") == 0)
    return OUTPUT_TEXT;
  return isatty (STDOUT_FILENO) ? OUTPUT_TEXT : OUTPUT_JSON;
}

gboolean
makemcp_use_color (void)
{
  static int use = -1;

  if (use < 0)
    use = isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL &&
          g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
  return use;
}

const char *
makemcp_bold (void)
{
  return makemcp_use_color () ? "\033[1m" : "";
}

const char *
makemcp_dim (void)
{
  return makemcp_use_color () ? "\033[2m" : "";
}

const char *
makemcp_reset (void)
{
  return makemcp_use_color () ? "\033[0m" : "";
}

/* UTF-8 as it is: g_print() would convert to the locale's charset. */
void
makemcp_print (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  fputs (text, stdout);
}

char *
makemcp_json_to_string (JsonNode *node,
                        gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

void
makemcp_print_json (JsonNode *node)
{
  g_autofree char *text = makemcp_json_to_string (node, TRUE);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
makemcp_print_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  makemcp_print_json (node);
}

void
makemcp_print_json_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  makemcp_print_json (node);
}

/* Runs the main loop until *@result is set. */
void
makemcp_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
makemcp_exit_code_for_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return EXIT_INTERRUPTED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return EXIT_TIMEOUT;
  if (error->domain == MCP_ERROR)
    return EXIT_PROTOCOL;
  if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    return EXIT_NOT_FOUND;
  if (error->domain == G_SPAWN_ERROR || error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_HTTP) ||
      g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_NOT_CONNECTED) ||
      g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_SESSION_EXPIRED) ||
      g_error_matches (error, MCP_CLIENT_ERROR, MCP_CLIENT_ERROR_UNSUPPORTED_VERSION))
    return EXIT_CONNECT;
  return EXIT_TOOL_ERROR;
}

int
makemcp_fail (const GError *error,
              const char   *context)
{
  int code = makemcp_exit_code_for_error (error);

  if (code == EXIT_INTERRUPTED)
    g_printerr ("makemcp: interrupted\n");
  else if (error->domain == MCP_ERROR)
    g_printerr ("makemcp: %s%s%s (error %d)\n", context != NULL ? context : "",
                context != NULL ? ": " : "", error->message, error->code);
  else
    g_printerr ("makemcp: %s%s%s\n", context != NULL ? context : "",
                context != NULL ? ": " : "", error->message);
  return code;
}

int
makemcp_usage_error (GOptionContext *option_context,
                     const char     *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("makemcp: %s\n", text);
  if (option_context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (option_context, TRUE, NULL);
      const char *end = strstr (help, "\n\n");

      /* Only the head of the help: the usage. */
      g_printerr ("%.*s\n", (int)(end != NULL ? end - help : (gssize)strlen (help)), help);
    }
  g_printerr ("Run “makemcp help” for the list of commands.\n");
  return EXIT_USAGE;
}

GOptionEntry *
makemcp_client_option_entries (ClientOptions *options)
{
  GOptionEntry entries[] = {
    { "legacy", 0, 0, G_OPTION_ARG_NONE, &options->legacy,
      N_("Speak only the legacy protocol (initialize handshake, 2025-11-25 and earlier)"), NULL },
    { "modern", 0, 0, G_OPTION_ARG_NONE, &options->modern,
      N_("Speak only the 2026-07-28 protocol"), NULL },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &options->timeout,
      N_("Give up on an answer after SECONDS (default: wait)"), N_("SECONDS") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &options->headers,
      N_("Send an HTTP header with every request (for example Authorization: Bearer …)"), N_("NAME:VALUE") },
    { "root", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->roots,
      N_("Offer a root to the server (a file: URI or a directory)"), N_("URI") },
    { "log-level", 0, 0, G_OPTION_ARG_STRING, &options->log_level,
      N_("Show the server's log messages from LEVEL up on standard error"), N_("LEVEL") },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &options->output,
      N_("Output format: text, json, or auto (text on a terminal, JSON otherwise)"), N_("FORMAT") },
    { "no-input", 0, 0, G_OPTION_ARG_NONE, &options->no_input,
      N_("Never ask questions (elicitations are declined)"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose,
      N_("Tell what happens on standard error"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return g_memdup2 (entries, sizeof entries);
}

void
makemcp_client_options_clear (ClientOptions *options)
{
  g_clear_pointer (&options->headers, g_strfreev);
  g_clear_pointer (&options->roots, g_strfreev);
  g_clear_pointer (&options->log_level, g_free);
  g_clear_pointer (&options->output, g_free);
}

/* What every client command does first: its options (its own and the
 * client ones), and the server, which is either the first word or, after
 * "--", a command with its arguments. */
void
invocation_clear (Invocation *invocation)
{
  makemcp_client_options_clear (&invocation->options);
  g_clear_pointer (&invocation->context, g_option_context_free);
  g_clear_pointer (&invocation->client_entries, g_free);
  g_clear_pointer (&invocation->words, g_strfreev);
  g_clear_pointer (&invocation->command, g_strfreev);
}

/* Returns EXIT_OK, or the exit code of a usage error. On success,
 * @invocation->words holds the positional words after the server. */
int
invocation_parse (Invocation   *invocation,
                  int           argc,
                  char        **argv,
                  const char   *parameters,
                  const char   *summary,
                  GOptionEntry *entries,
                  guint         min_words)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  int i;

  for (i = 0; i < argc && strcmp (argv[i], "--") != 0; i++)
    g_ptr_array_add (before, g_strdup (argv[i]));
  g_ptr_array_add (before, NULL);
  if (i < argc && i + 1 < argc)
    invocation->command = g_strdupv (argv + i + 1);
  else if (i < argc)
    return makemcp_usage_error (NULL, "“--” must be followed by the command that starts the server");

  invocation->context = g_option_context_new (parameters);
  g_option_context_set_summary (invocation->context, summary);
  g_option_context_set_description (invocation->context,
                                    "SERVER is an http:// or https:// URL, the name of a server "
                                    "registered with “makemcp register”,\nor a program; a program "
                                    "that needs arguments is given last, after “--”:\n"
                                    "  makemcp tools -- ./my-server --stdio\n");
  if (entries != NULL)
    g_option_context_add_main_entries (invocation->context, entries, NULL);
  invocation->client_entries = makemcp_client_option_entries (&invocation->options);
  {
    GOptionGroup *group = g_option_group_new ("client", "Connection options:",
                                              "Show the connection options", NULL, NULL);

    g_option_group_add_entries (group, invocation->client_entries);
    g_option_context_add_group (invocation->context, group);
  }

  args = (char **)g_ptr_array_free (g_steal_pointer (&before), FALSE);
  if (!g_option_context_parse_strv (invocation->context, &args, &error))
    return makemcp_usage_error (invocation->context, "%s", error->message);

  /* args[0] is the command name. */
  invocation->words = g_strdupv (args[0] != NULL ? args + 1 : args);

  if (invocation->command != NULL)
    invocation->target = invocation->command;
  else
    {
      if (invocation->words[0] == NULL)
        return makemcp_usage_error (invocation->context, "No server given");
      invocation->target = g_new0 (char *, 2);
      invocation->target[0] = g_strdup (invocation->words[0]);
      invocation->command = invocation->target;
      /* drop the server from the words */
      {
        char **rest = g_strdupv (invocation->words + 1);

        g_strfreev (invocation->words);
        invocation->words = rest;
      }
    }

  if (g_strv_length (invocation->words) < min_words)
    return makemcp_usage_error (invocation->context, "Missing arguments");

  if (invocation->options.output != NULL &&
      strcmp (invocation->options.output, "json") != 0 &&
      strcmp (invocation->options.output, "text") != 0 &&
      strcmp (invocation->options.output, "auto") != 0)
    return makemcp_usage_error (invocation->context, "--output must be text, json or auto");

  invocation->mode = makemcp_output_mode (invocation->options.output);
  return EXIT_OK;
}

/* Asking the user, for elicitations */

static char *
read_answer (const char *question)
{
  char buffer[4096];

  fprintf (stderr, "%s", question);
  fflush (stderr);
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

static gboolean
ask_field (JsonObject  *content,
           const char  *name,
           JsonObject  *property,
           gboolean     required)
{
  const char *type = json_object_has_member (property, "type") &&
                     JSON_NODE_HOLDS_VALUE (json_object_get_member (property, "type"))
                     ? json_object_get_string_member (property, "type") : "string";
  const char *title = json_object_has_member (property, "title")
                      ? json_object_get_string_member (property, "title") : name;
  JsonNode *default_value = json_object_get_member (property, "default");
  JsonArray *choices = json_object_has_member (property, "enum") &&
                       JSON_NODE_HOLDS_ARRAY (json_object_get_member (property, "enum"))
                       ? json_object_get_array_member (property, "enum") : NULL;
  g_autofree char *default_text = default_value != NULL ? json_to_string (default_value, FALSE) : NULL;

  for (;;)
    {
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;
      g_autoptr(JsonNode) value = NULL;

      if (choices != NULL)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (choices); i++)
            {
              g_autofree char *choice = json_to_string (json_array_get_element (choices, i), FALSE);

              g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", choice);
            }
          question = g_strdup_printf ("  %s (one of %s)%s%s%s: ", title, list->str,
                                      default_text != NULL ? " [" : "",
                                      default_text != NULL ? default_text : "",
                                      default_text != NULL ? "]" : "");
        }
      else
        question = g_strdup_printf ("  %s (%s%s)%s%s%s: ", title, type, required ? "" : ", optional",
                                    default_text != NULL ? " [" : "",
                                    default_text != NULL ? default_text : "",
                                    default_text != NULL ? "]" : "");

      if ((answer = read_answer (question)) == NULL)
        return FALSE;

      if (*answer == '\0')
        {
          if (default_value != NULL)
            json_object_set_member (content, name, json_node_copy (default_value));
          else if (required)
            continue;
          return TRUE;
        }

      if (g_strcmp0 (type, "boolean") == 0)
        {
          gboolean yes = g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
                         g_ascii_strcasecmp (answer, "true") == 0;
          gboolean no = g_ascii_strcasecmp (answer, "n") == 0 || g_ascii_strcasecmp (answer, "no") == 0 ||
                        g_ascii_strcasecmp (answer, "false") == 0;

          if (!yes && !no)
            continue;
          json_object_set_boolean_member (content, name, yes);
          return TRUE;
        }

      if (g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "number") == 0)
        {
          value = json_from_string (answer, NULL);
          if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
              (json_node_get_value_type (value) != G_TYPE_INT64 &&
               (g_strcmp0 (type, "integer") == 0 || json_node_get_value_type (value) != G_TYPE_DOUBLE)))
            continue;
          json_object_set_member (content, name, g_steal_pointer (&value));
          return TRUE;
        }

      json_object_set_string_member (content, name, answer);
      return TRUE;
    }
}

static gboolean
input_request_cb (McpClient       *client,
                  McpInputRequest *request,
                  gpointer         user_data)
{
  const char *method = mcp_input_request_get_method (request);
  JsonObject *schema;
  JsonObject *properties;
  g_autoptr(JsonObject) content = NULL;
  g_autofree char *answer = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (g_strcmp0 (method, "elicitation/create") != 0)
    return FALSE;

  fprintf (stderr, "\nThe server asks: %s\n",
           mcp_input_request_get_message (request) != NULL ? mcp_input_request_get_message (request) : "");

  if (g_strcmp0 (json_object_has_member (mcp_input_request_get_params (request), "mode")
                 ? json_object_get_string_member (mcp_input_request_get_params (request), "mode") : NULL,
                 "url") == 0)
    {
      fprintf (stderr, "Open %s\n", json_object_get_string_member (mcp_input_request_get_params (request), "url"));
      answer = read_answer ("Done? [y/N] ");
      if (answer != NULL && g_ascii_strncasecmp (answer, "y", 1) == 0)
        mcp_input_request_accept (request, NULL);
      else
        mcp_input_request_decline (request);
      return TRUE;
    }

  answer = read_answer ("Answer? [y/N] ");
  if (answer == NULL || g_ascii_strncasecmp (answer, "y", 1) != 0)
    {
      mcp_input_request_decline (request);
      return TRUE;
    }

  content = json_object_new ();
  schema = mcp_input_request_get_requested_schema (request);
  properties = schema != NULL && json_object_has_member (schema, "properties") &&
               JSON_NODE_HOLDS_OBJECT (json_object_get_member (schema, "properties"))
               ? json_object_get_object_member (schema, "properties") : NULL;
  if (properties != NULL)
    {
      JsonArray *required = json_object_has_member (schema, "required") &&
                            JSON_NODE_HOLDS_ARRAY (json_object_get_member (schema, "required"))
                            ? json_object_get_array_member (schema, "required") : NULL;

      json_object_iter_init_ordered (&iter, properties);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          gboolean is_required = FALSE;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
            if (g_strcmp0 (json_array_get_string_element (required, i), name) == 0)
              is_required = TRUE;

          if (!ask_field (content, name, json_node_get_object (node), is_required))
            {
              mcp_input_request_decline (request);
              return TRUE;
            }
        }
    }

  mcp_input_request_accept (request, content);
  return TRUE;
}

static void
log_message_cb (McpClient   *client,
                McpLogLevel  level,
                const char  *logger,
                JsonNode    *data,
                gpointer     user_data)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (data) && json_node_get_value_type (data) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (data));
  else
    text = json_to_string (data, FALSE);

  fprintf (stderr, "[%s]%s%s %s\n", mcp_log_level_to_string (level),
           logger != NULL ? " " : "", logger != NULL ? logger : "", text);
}

static void
progress_cb (McpClient  *client,
             const char *method,
             const char *target,
             double      progress,
             double      total,
             const char *message,
             gpointer    user_data)
{
  if (!isatty (STDERR_FILENO))
    return;

  if (total > 0)
    fprintf (stderr, "\r\033[K%s: %.0f%%%s%s", target, 100.0 * progress / total,
             message != NULL ? " " : "", message != NULL ? message : "");
  else
    fprintf (stderr, "\r\033[K%s: %g%s%s", target, progress,
             message != NULL ? " " : "", message != NULL ? message : "");
  fflush (stderr);
}

static void
task_status_cb (McpClient  *client,
                const char *task_id,
                const char *status,
                JsonObject *task,
                gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r\033[Ktask %s: %s\n", task_id, status);
}

static void
child_setup (gpointer user_data)
{
  setpgid (0, 0);
}

/* A target is a URL, the name of a registered server, or a command. */
McpClient *
makemcp_client_new (char          **target,
                    ClientOptions  *options,
                    GError        **error)
{
  g_auto(GStrv) registered = NULL;
  g_auto(GStrv) registered_headers = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonObject) capabilities = json_object_new ();
  char **command = target;
  GError *lookup_error = NULL;

  if (target == NULL || target[0] == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "No server given");
      return NULL;
    }

  /* A lone word that is not a URL nor a path: a registered name first. */
  if (target[1] == NULL && strstr (target[0], "://") == NULL && strchr (target[0], '/') == NULL)
    {
      registered = makemcp_registry_lookup (target[0], &registered_headers, &lookup_error);
      if (registered != NULL)
        command = registered;
      else
        {
          g_autofree char *program = g_find_program_in_path (target[0]);

          if (program == NULL)
            {
              g_propagate_error (error, lookup_error);
              return NULL;
            }
        }
      g_clear_error (&lookup_error);
    }

  if (command[1] == NULL && (g_str_has_prefix (command[0], "http://") ||
                             g_str_has_prefix (command[0], "https://")))
    {
      client = mcp_client_new_for_url (command[0], error);
      if (client == NULL)
        return NULL;

      for (guint i = 0; registered_headers != NULL && registered_headers[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (registered_headers[i], ":", 2);

          if (parts[1] != NULL)
            mcp_client_set_http_header (client, g_strstrip (parts[0]), g_strstrip (parts[1]));
        }
      for (guint i = 0; options->headers != NULL && options->headers[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (options->headers[i], ":", 2);

          if (parts[1] == NULL || *g_strstrip (parts[0]) == '\0')
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "“%s” is not a header: NAME:VALUE", options->headers[i]);
              return NULL;
            }
          mcp_client_set_http_header (client, parts[0], g_strstrip (parts[1]));
        }
    }
  else
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                           G_SUBPROCESS_FLAGS_STDOUT_PIPE);

      /* A group of its own: ^C on the terminal reaches makemcp, which
       * cancels politely, and not the server, which would just die. */
      g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
      client = mcp_client_new_for_launcher (launcher, (const char * const *)command);
    }

  mcp_client_set_client_info (client, "makemcp", PACKAGE_VERSION);

  if (options->legacy && options->modern)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--legacy and --modern exclude each other");
      return NULL;
    }
  if (options->legacy)
    mcp_client_set_mode (client, MCP_CLIENT_MODE_LEGACY);
  else if (options->modern)
    mcp_client_set_mode (client, MCP_CLIENT_MODE_MODERN);

  if (options->timeout < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "The timeout cannot be negative");
      return NULL;
    }
  mcp_client_set_timeout (client, (guint)(options->timeout * 1000));

  if (options->log_level != NULL)
    {
      McpLogLevel level;

      if (!mcp_log_level_from_string (options->log_level, &level))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s” is not a log level (debug, info, notice, warning, error, critical, "
                       "alert, emergency)", options->log_level);
          return NULL;
        }
      mcp_client_set_log_level (client, options->log_level);
      g_signal_connect (client, "log-message", G_CALLBACK (log_message_cb), NULL);
    }

  for (guint i = 0; options->roots != NULL && options->roots[i] != NULL; i++)
    {
      if (strstr (options->roots[i], "://") != NULL)
        mcp_client_add_root (client, options->roots[i], NULL);
      else
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->roots[i]);
          g_autofree char *uri = g_file_get_uri (file);
          g_autofree char *name = g_file_get_basename (file);

          mcp_client_add_root (client, uri, name);
        }
    }

  /* Questions only when someone can answer them. */
  if (!options->no_input && isatty (STDIN_FILENO) && isatty (STDERR_FILENO))
    {
      json_object_set_object_member (capabilities, "elicitation", json_object_new ());
      g_signal_connect (client, "input-request", G_CALLBACK (input_request_cb), NULL);
    }
  mcp_client_set_capabilities (client, capabilities);

  g_signal_connect (client, "progress", G_CALLBACK (progress_cb), NULL);
  if (options->verbose)
    g_signal_connect (client, "task-status", G_CALLBACK (task_status_cb), NULL);

  return g_steal_pointer (&client);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
describe_target (char **target)
{
  return g_strjoinv (" ", target);
}

McpClient *
makemcp_connect (char          **target,
                 ClientOptions  *options,
                 int            *exit_code)
{
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  client = makemcp_client_new (target, options, &error);
  if (client == NULL)
    {
      if (error->domain == G_OPTION_ERROR)
        *exit_code = makemcp_usage_error (NULL, "%s", error->message);
      else
        {
          g_printerr ("makemcp: %s\n", error->message);
          *exit_code = EXIT_NOT_FOUND;
        }
      return NULL;
    }

  mcp_client_connect_async (client, makemcp_cancellable, store_result_cb, &result);
  makemcp_wait (&result);
  if (!mcp_client_connect_finish (client, result, &error))
    {
      g_autofree char *context = NULL;

      name = describe_target (target);
      context = g_strdup_printf ("could not connect to %s", name);
      *exit_code = makemcp_fail (error, context);
      if (*exit_code == EXIT_TOOL_ERROR || *exit_code == EXIT_PROTOCOL)
        *exit_code = EXIT_CONNECT;
      g_clear_object (&result);
      makemcp_close (client);
      return NULL;
    }

  if (options->verbose)
    g_printerr ("makemcp: connected to %s, protocol %s\n",
                json_object_has_member (mcp_client_get_server_info (client), "name")
                ? json_object_get_string_member (mcp_client_get_server_info (client), "name") : "?",
                mcp_client_get_protocol_version (client));

  *exit_code = EXIT_OK;
  return g_steal_pointer (&client);
}

void
makemcp_close (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_close_async (client, NULL, store_result_cb, &result);
  makemcp_wait (&result);
}

/* Tool arguments: one JSON object, or NAME=VALUE words where VALUE is
 * JSON when it parses as JSON (42, true, [1,2], "text") and a string
 * otherwise. With @strings_only (prompt arguments), VALUE is always a
 * string. */
JsonObject *
makemcp_parse_arguments (char     **words,
                         gboolean   strings_only,
                         GError   **error)
{
  g_autoptr(JsonObject) arguments = json_object_new ();

  if (words == NULL || words[0] == NULL)
    return g_steal_pointer (&arguments);

  if (words[1] == NULL && g_str_has_prefix (g_strchug (words[0]), "{"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, words[0], -1, &parse_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "The arguments are not valid JSON: %s", parse_error->message);
          return NULL;
        }
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "The arguments must be a JSON object");
          return NULL;
        }
      return json_object_ref (json_node_get_object (root));
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *equals = strchr (words[i], '=');
      g_autofree char *name = NULL;
      g_autoptr(JsonNode) value = NULL;

      if (equals == NULL || equals == words[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s” is not an argument: give NAME=VALUE or one JSON object", words[i]);
          return NULL;
        }

      name = g_strndup (words[i], (gsize)(equals - words[i]));
      if (!strings_only)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (json_parser_load_from_data (parser, equals + 1, -1, NULL) &&
              json_parser_get_root (parser) != NULL)
            value = json_node_copy (json_parser_get_root (parser));
        }
      if (value == NULL)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, equals + 1);
        }
      json_object_set_member (arguments, name, g_steal_pointer (&value));
    }

  return g_steal_pointer (&arguments);
}

static void
print_content_block (JsonObject *block)
{
  const char *type = json_object_has_member (block, "type") ? json_object_get_string_member (block, "type") : "";

  if (g_strcmp0 (type, "text") == 0 && json_object_has_member (block, "text"))
    makemcp_print ("%s\n", json_object_get_string_member (block, "text"));
  else if (g_strcmp0 (type, "image") == 0 || g_strcmp0 (type, "audio") == 0)
    {
      const char *data = json_object_has_member (block, "data") ? json_object_get_string_member (block, "data") : "";

      makemcp_print ("%s[%s, %s, %" G_GSIZE_FORMAT " bytes]%s\n", makemcp_dim (), type,
                     json_object_has_member (block, "mimeType") ? json_object_get_string_member (block, "mimeType") : "?",
                     strlen (data) / 4 * 3, makemcp_reset ());
    }
  else if (g_strcmp0 (type, "resource_link") == 0)
    makemcp_print ("%s→ %s%s%s%s\n", makemcp_dim (),
                   json_object_has_member (block, "uri") ? json_object_get_string_member (block, "uri") : "?",
                   json_object_has_member (block, "name") ? "  " : "",
                   json_object_has_member (block, "name") ? json_object_get_string_member (block, "name") : "",
                   makemcp_reset ());
  else if (g_strcmp0 (type, "resource") == 0 && json_object_has_member (block, "resource"))
    {
      JsonObject *resource = json_object_get_object_member (block, "resource");

      makemcp_print ("%s%s%s\n", makemcp_dim (),
                     json_object_has_member (resource, "uri") ? json_object_get_string_member (resource, "uri") : "",
                     makemcp_reset ());
      if (json_object_has_member (resource, "text"))
        makemcp_print ("%s\n", json_object_get_string_member (resource, "text"));
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), block);

      makemcp_print_json (node);
    }
}

void
makemcp_print_tool_result (McpToolResult *result,
                           OutputMode     mode)
{
  JsonArray *content = mcp_tool_result_get_content (result);
  JsonNode *structured = mcp_tool_result_get_structured_content (result);

  if (mode == OUTPUT_JSON)
    {
      g_autoptr(JsonObject) object = mcp_tool_result_to_json (result);

      makemcp_print_json_object (object);
      return;
    }

  if (mcp_tool_result_get_is_error (result))
    makemcp_print ("%sThe tool reported an error:%s\n", makemcp_bold (), makemcp_reset ());

  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonNode *node = json_array_get_element (content, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        print_content_block (json_node_get_object (node));
    }

  /* Structured content the text does not already show. */
  if (structured != NULL && json_array_get_length (content) == 0)
    makemcp_print_json (structured);
}

void
makemcp_print_contents (McpResourceContents *contents,
                        OutputMode           mode)
{
  JsonArray *items = mcp_resource_contents_get_items (contents);

  if (mode == OUTPUT_JSON)
    {
      g_autoptr(JsonObject) object = mcp_resource_contents_to_json (contents);

      makemcp_print_json_object (object);
      return;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_array_get_length (items) > 1)
        makemcp_print ("%s%s%s\n", makemcp_bold (),
                       json_object_has_member (item, "uri") ? json_object_get_string_member (item, "uri") : "",
                       makemcp_reset ());
      if (json_object_has_member (item, "text"))
        {
          const char *text = json_object_get_string_member (item, "text");

          makemcp_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
        }
      else if (json_object_has_member (item, "blob"))
        {
          const char *blob = json_object_get_string_member (item, "blob");

          if (isatty (STDOUT_FILENO))
            makemcp_print ("%s[%s, %" G_GSIZE_FORMAT " bytes of binary data]%s\n", makemcp_dim (),
                           json_object_has_member (item, "mimeType")
                           ? json_object_get_string_member (item, "mimeType") : "no type",
                           strlen (blob) / 4 * 3, makemcp_reset ());
          else
            {
              gsize length = 0;
              g_autofree guchar *data = g_base64_decode (blob, &length);

              fwrite (data, 1, length, stdout);
            }
        }
    }
}

void
makemcp_print_prompt (McpPromptResult *prompt,
                      OutputMode       mode)
{
  g_autoptr(JsonObject) object = mcp_prompt_result_to_json (prompt);
  JsonArray *messages = mcp_prompt_result_get_messages (prompt);

  if (mode == OUTPUT_JSON)
    {
      makemcp_print_json_object (object);
      return;
    }

  if (json_object_has_member (object, "description"))
    makemcp_print ("%s%s%s\n\n", makemcp_dim (), json_object_get_string_member (object, "description"),
                   makemcp_reset ());

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      makemcp_print ("%s%s:%s\n", makemcp_bold (), json_object_get_string_member (message, "role"),
                     makemcp_reset ());
      print_content_block (json_object_get_object_member (message, "content"));
    }
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static void
print_arguments_line (JsonObject *schema)
{
  JsonNode *properties_node = schema != NULL ? json_object_get_member (schema, "properties") : NULL;
  JsonNode *required_node = schema != NULL ? json_object_get_member (schema, "required") : NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (properties_node == NULL || !JSON_NODE_HOLDS_OBJECT (properties_node))
    return;

  json_object_iter_init_ordered (&iter, json_node_get_object (properties_node));
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      gboolean required = FALSE;
      const char *type = JSON_NODE_HOLDS_OBJECT (node) ? string_member (json_node_get_object (node), "type") : NULL;

      if (required_node != NULL && JSON_NODE_HOLDS_ARRAY (required_node))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (required_node)); i++)
          if (g_strcmp0 (json_array_get_string_element (json_node_get_array (required_node), i), name) == 0)
            required = TRUE;

      g_string_append_printf (line, "%s%s%s%s%s%s", line->len > 0 ? " " : "", required ? "" : "[",
                              name, type != NULL ? ":" : "", type != NULL ? type : "", required ? "" : "]");
    }

  if (line->len > 0)
    makemcp_print ("    %s%s%s\n", makemcp_dim (), line->str, makemcp_reset ());
}

void
makemcp_print_tools (JsonArray *tools,
                     gboolean   schemas)
{
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);
      const char *description = string_member (tool, "description");
      JsonNode *schema = json_object_get_member (tool, "inputSchema");

      makemcp_print ("%s%s%s%s%s\n", makemcp_bold (), string_member (tool, "name"), makemcp_reset (),
                     description != NULL ? "  " : "", description != NULL ? description : "");
      if (schemas && schema != NULL)
        {
          g_autofree char *text = makemcp_json_to_string (schema, TRUE);
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            makemcp_print ("    %s\n", lines[j]);
        }
      else if (schema != NULL && JSON_NODE_HOLDS_OBJECT (schema))
        print_arguments_line (json_node_get_object (schema));
    }
}

void
makemcp_print_resources (JsonArray *resources,
                         JsonArray *templates)
{
  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);
      const char *description = string_member (resource, "description");
      const char *mime_type = string_member (resource, "mimeType");

      makemcp_print ("%s%s%s  %s%s%s%s%s\n", makemcp_bold (), string_member (resource, "uri"),
                     makemcp_reset (), string_member (resource, "name"),
                     mime_type != NULL ? " (" : "", mime_type != NULL ? mime_type : "",
                     mime_type != NULL ? ")" : "", "");
      if (description != NULL)
        makemcp_print ("    %s%s%s\n", makemcp_dim (), description, makemcp_reset ());
    }

  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);
      const char *description = string_member (template, "description");

      makemcp_print ("%s%s%s  %s %s(template)%s\n", makemcp_bold (), string_member (template, "uriTemplate"),
                     makemcp_reset (), string_member (template, "name"), makemcp_dim (), makemcp_reset ());
      if (description != NULL)
        makemcp_print ("    %s%s%s\n", makemcp_dim (), description, makemcp_reset ());
    }
}

void
makemcp_print_prompts (JsonArray *prompts)
{
  for (guint i = 0; i < json_array_get_length (prompts); i++)
    {
      JsonObject *prompt = json_array_get_object_element (prompts, i);
      const char *description = string_member (prompt, "description");
      JsonNode *arguments = json_object_get_member (prompt, "arguments");
      g_autoptr(GString) line = g_string_new (NULL);

      makemcp_print ("%s%s%s%s%s\n", makemcp_bold (), string_member (prompt, "name"), makemcp_reset (),
                     description != NULL ? "  " : "", description != NULL ? description : "");

      for (guint j = 0; arguments != NULL && JSON_NODE_HOLDS_ARRAY (arguments) &&
                        j < json_array_get_length (json_node_get_array (arguments)); j++)
        {
          JsonObject *argument = json_array_get_object_element (json_node_get_array (arguments), j);
          gboolean required = json_object_has_member (argument, "required") &&
                              json_object_get_boolean_member (argument, "required");

          g_string_append_printf (line, "%s%s%s%s", line->len > 0 ? " " : "", required ? "" : "[",
                                  string_member (argument, "name"), required ? "" : "]");
        }
      if (line->len > 0)
        makemcp_print ("    %s%s%s\n", makemcp_dim (), line->str, makemcp_reset ());
    }
}

/* Lists tools, prompts, resources or resource templates; an empty list
 * when the server lacks the capability. */
JsonArray *
makemcp_list (McpClient  *client,
              const char *what,
              int        *exit_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *capabilities = mcp_client_get_server_capabilities (client);
  const char *capability = g_str_has_prefix (what, "resource") ? "resources" : what;
  JsonArray *items = NULL;

  *exit_code = EXIT_OK;
  if (capabilities == NULL || !json_object_has_member (capabilities, capability))
    return json_array_new ();

  if (strcmp (what, "tools") == 0)
    {
      mcp_client_list_tools_async (client, makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      items = mcp_client_list_tools_finish (client, result, &error);
    }
  else if (strcmp (what, "prompts") == 0)
    {
      mcp_client_list_prompts_async (client, makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      items = mcp_client_list_prompts_finish (client, result, &error);
    }
  else if (strcmp (what, "resources") == 0)
    {
      mcp_client_list_resources_async (client, makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      items = mcp_client_list_resources_finish (client, result, &error);
    }
  else
    {
      mcp_client_list_resource_templates_async (client, makemcp_cancellable, store_result_cb, &result);
      makemcp_wait (&result);
      items = mcp_client_list_resource_templates_finish (client, result, &error);
    }

  if (items == NULL)
    {
      g_autofree char *context = g_strdup_printf ("listing the %s failed", what);

      /* A server that declares no templates method is not an error. */
      if (strcmp (what, "resource-templates") == 0 && g_error_matches (error, MCP_ERROR, MCP_ERROR_METHOD_NOT_FOUND))
        return json_array_new ();
      *exit_code = makemcp_fail (error, context);
    }

  return items;
}
