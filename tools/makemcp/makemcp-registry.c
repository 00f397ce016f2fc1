/* makemcp-registry.c — the registry of servers: register, unregister, list, export
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A keyfile, $XDG_CONFIG_HOME/makemcp/servers.ini, one group per server:
 *
 *   [notes]
 *   command=/usr/bin/notes-server;--stdio;
 *   env=NOTES_DIR=/srv/notes;
 *   description=My notes
 *
 *   [remote]
 *   url=https://mcp.example.com/mcp
 *   headers=Authorization: Bearer abc;
 */

#include "config.h"

#include <string.h>

#include "makemcp.h"

#define REGISTRY_ERROR (g_quark_from_static_string ("makemcp-registry-error"))

static char *
registry_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "makemcp", "servers.ini", NULL);
}

static GKeyFile *
registry_load (GError **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *path = registry_path ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Cannot read %s: ", path);
      return NULL;
    }

  return g_steal_pointer (&keyfile);
}

static gboolean
registry_save (GKeyFile  *keyfile,
               GError   **error)
{
  g_autofree char *path = registry_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s", dir);
      return FALSE;
    }

  return g_key_file_save_to_file (keyfile, path, error);
}

static gboolean
name_is_valid (const char *name)
{
  if (*name == '\0' || *name == '-')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* The server registered as @name: its command (or a one-word array with
 * its URL), and the headers and environment that go with it. */
char **
makemcp_registry_lookup (const char   *name,
                         char       ***headers,
                         GError      **error)
{
  g_autoptr(GKeyFile) keyfile = registry_load (error);
  g_autofree char *url = NULL;
  char **command;

  if (keyfile == NULL)
    return NULL;

  if (!g_key_file_has_group (keyfile, name))
    {
      g_set_error (error, REGISTRY_ERROR, 0,
                   "No server is registered as “%s” (see “makemcp list”), and no program has that name",
                   name);
      return NULL;
    }

  if (headers != NULL)
    *headers = g_key_file_get_string_list (keyfile, name, "headers", NULL, NULL);

  if ((url = g_key_file_get_string (keyfile, name, "url", NULL)) != NULL)
    {
      command = g_new0 (char *, 2);
      command[0] = g_steal_pointer (&url);
      return command;
    }

  command = g_key_file_get_string_list (keyfile, name, "command", NULL, NULL);
  if (command == NULL || command[0] == NULL)
    {
      g_strfreev (command);
      g_set_error (error, REGISTRY_ERROR, 0, "The server “%s” has neither a url nor a command", name);
      return NULL;
    }

  /* The environment goes in front, through env(1). */
  {
    g_auto(GStrv) env = g_key_file_get_string_list (keyfile, name, "env", NULL, NULL);

    if (env != NULL && env[0] != NULL)
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        g_strv_builder_add (builder, "env");
        g_strv_builder_addv (builder, (const char **)env);
        g_strv_builder_addv (builder, (const char **)command);
        g_strfreev (command);
        command = g_strv_builder_end (builder);
      }
  }

  return command;
}

int
makemcp_cmd_register (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) headers = NULL;
  g_auto(GStrv) env = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) command = NULL;
  g_autofree char *description = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "description", 'd', 0, G_OPTION_ARG_STRING, &description, "A description of the server", "TEXT" },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &headers,
      "An HTTP header to send with every request", "NAME:VALUE" },
    { "env", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &env,
      "An environment variable for the server's program", "NAME=VALUE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace a server registered under the same name", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int i;

  for (i = 0; i < argc && strcmp (argv[i], "--") != 0; i++)
    g_ptr_array_add (before, g_strdup (argv[i]));
  g_ptr_array_add (before, NULL);
  if (i + 1 < argc)
    command = g_strdupv (argv + i + 1);

  context = g_option_context_new ("NAME (URL | PROGRAM | -- COMMAND [ARGUMENT…])");
  g_option_context_set_summary (context, "Register a server under a name, for every makemcp command.");
  g_option_context_add_main_entries (context, entries, NULL);
  args = (char **)g_ptr_array_free (g_steal_pointer (&before), FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return makemcp_usage_error (context, "No name given");
  name = args[1];
  if (!name_is_valid (name))
    return makemcp_usage_error (context, "“%s” is not a valid name: use letters, digits, “-”, “_” and “.”", name);

  if (command == NULL)
    {
      if (args[2] == NULL)
        return makemcp_usage_error (context, "No URL or program given");
      if (args[3] != NULL)
        return makemcp_usage_error (context, "A program with arguments goes after “--”");
      command = g_new0 (char *, 2);
      command[0] = g_strdup (args[2]);
    }
  else if (args[2] != NULL)
    return makemcp_usage_error (context, "Give a URL or a program, not both");

  for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
    if (strchr (headers[j], ':') == NULL)
      return makemcp_usage_error (context, "“%s” is not a header: NAME:VALUE", headers[j]);
  for (guint j = 0; env != NULL && env[j] != NULL; j++)
    if (strchr (env[j], '=') == NULL || env[j][0] == '=')
      return makemcp_usage_error (context, "“%s” is not an environment variable: NAME=VALUE", env[j]);

  if ((keyfile = registry_load (&error)) == NULL)
    return makemcp_fail (error, NULL);

  if (g_key_file_has_group (keyfile, name))
    {
      if (!force)
        {
          g_printerr ("makemcp: a server is registered as “%s” already (--force replaces it)\n", name);
          return EXIT_USAGE;
        }
      g_key_file_remove_group (keyfile, name, NULL);
    }

  if (command[1] == NULL && (g_str_has_prefix (command[0], "http://") || g_str_has_prefix (command[0], "https://")))
    {
      g_autoptr(GUri) uri = g_uri_parse (command[0], G_URI_FLAGS_ENCODED, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL)
        return makemcp_usage_error (context, "“%s” is not a URL", command[0]);
      if (env != NULL)
        return makemcp_usage_error (context, "--env is for programs, not URLs");
      g_key_file_set_string (keyfile, name, "url", command[0]);
    }
  else
    {
      if (headers != NULL)
        return makemcp_usage_error (context, "--header is for URLs, not programs");
      /* A relative program path would mean something else elsewhere. */
      if (strchr (command[0], '/') != NULL && !g_path_is_absolute (command[0]))
        {
          g_autofree char *absolute = g_canonicalize_filename (command[0], NULL);

          g_free (command[0]);
          command[0] = g_steal_pointer (&absolute);
        }
      g_key_file_set_string_list (keyfile, name, "command", (const char * const *)command,
                                  g_strv_length (command));
      if (env != NULL)
        g_key_file_set_string_list (keyfile, name, "env", (const char * const *)env, g_strv_length (env));
    }

  if (headers != NULL)
    g_key_file_set_string_list (keyfile, name, "headers", (const char * const *)headers,
                                g_strv_length (headers));
  if (description != NULL)
    g_key_file_set_string (keyfile, name, "description", description);

  if (!registry_save (keyfile, &error))
    return makemcp_fail (error, "could not save the registry");

  return EXIT_OK;
}

int
makemcp_cmd_unregister (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME…");
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);

  g_option_context_set_summary (context, "Forget registered servers.");
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);
  if (args[1] == NULL)
    return makemcp_usage_error (context, "No name given");

  if ((keyfile = registry_load (&error)) == NULL)
    return makemcp_fail (error, NULL);

  for (guint i = 1; args[i] != NULL; i++)
    if (!g_key_file_has_group (keyfile, args[i]))
      {
        g_printerr ("makemcp: no server is registered as “%s”\n", args[i]);
        return EXIT_NOT_FOUND;
      }

  for (guint i = 1; args[i] != NULL; i++)
    g_key_file_remove_group (keyfile, args[i], NULL);

  if (!registry_save (keyfile, &error))
    return makemcp_fail (error, "could not save the registry");
  return EXIT_OK;
}

/* One registered server as JSON: name, url or command/args, headers,
 * env, description. */
static JsonObject *
entry_to_json (GKeyFile   *keyfile,
               const char *name)
{
  JsonObject *object = json_object_new ();
  g_autofree char *url = g_key_file_get_string (keyfile, name, "url", NULL);
  g_autofree char *description = g_key_file_get_string (keyfile, name, "description", NULL);
  g_auto(GStrv) command = g_key_file_get_string_list (keyfile, name, "command", NULL, NULL);
  g_auto(GStrv) headers = g_key_file_get_string_list (keyfile, name, "headers", NULL, NULL);
  g_auto(GStrv) env = g_key_file_get_string_list (keyfile, name, "env", NULL, NULL);

  json_object_set_string_member (object, "name", name);
  if (url != NULL)
    json_object_set_string_member (object, "url", url);
  if (command != NULL && command[0] != NULL)
    {
      JsonArray *args = json_array_new ();

      json_object_set_string_member (object, "command", command[0]);
      for (guint i = 1; command[i] != NULL; i++)
        json_array_add_string_element (args, command[i]);
      json_object_set_array_member (object, "args", args);
    }
  if (headers != NULL)
    {
      JsonObject *map = json_object_new ();

      for (guint i = 0; headers[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (headers[i], ":", 2);

          if (parts[1] != NULL)
            json_object_set_string_member (map, g_strstrip (parts[0]), g_strstrip (parts[1]));
        }
      json_object_set_object_member (object, "headers", map);
    }
  if (env != NULL)
    {
      JsonObject *map = json_object_new ();

      for (guint i = 0; env[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (env[i], "=", 2);

          if (parts[1] != NULL)
            json_object_set_string_member (map, parts[0], parts[1]);
        }
      json_object_set_object_member (object, "env", map);
    }
  if (description != NULL)
    json_object_set_string_member (object, "description", description);

  return object;
}

int
makemcp_cmd_list (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) servers = json_array_new ();
  g_auto(GStrv) args = g_strdupv (argv);
  g_auto(GStrv) groups = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      "Output format: text, json, or auto (text on a terminal, JSON otherwise)", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context, "List the registered servers.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);
  if (args[1] != NULL)
    return makemcp_usage_error (context, "“list” takes no arguments");

  if ((keyfile = registry_load (&error)) == NULL)
    return makemcp_fail (error, NULL);

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    json_array_add_object_element (servers, entry_to_json (keyfile, groups[i]));

  if (makemcp_output_mode (output) == OUTPUT_JSON)
    {
      makemcp_print_json_array (servers);
      return EXIT_OK;
    }

  if (groups[0] == NULL)
    {
      g_autofree char *path = registry_path ();

      g_printerr ("No servers are registered (in %s). Add one with “makemcp register”.\n", path);
      return EXIT_OK;
    }

  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonObject *server = json_array_get_object_element (servers, i);
      g_autofree char *where = NULL;

      if (json_object_has_member (server, "url"))
        where = g_strdup (json_object_get_string_member (server, "url"));
      else
        {
          g_autoptr(GString) line = g_string_new (json_object_get_string_member (server, "command"));
          JsonArray *args_array = json_object_get_array_member (server, "args");

          for (guint j = 0; j < json_array_get_length (args_array); j++)
            {
              const char *arg = json_array_get_string_element (args_array, j);
              gboolean plain = *arg != '\0' && strspn (arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                               "0123456789-_=.,:/@%+") == strlen (arg);
              g_autofree char *quoted = plain ? g_strdup (arg) : g_shell_quote (arg);

              g_string_append_printf (line, " %s", quoted);
            }
          where = g_string_free (g_steal_pointer (&line), FALSE);
        }

      makemcp_print ("%s%s%s  %s\n", makemcp_bold (), json_object_get_string_member (server, "name"),
                     makemcp_reset (), where);
      if (json_object_has_member (server, "description"))
        makemcp_print ("    %s%s%s\n", makemcp_dim (), json_object_get_string_member (server, "description"),
                       makemcp_reset ());
    }

  return EXIT_OK;
}

/* The "mcpServers" configuration that common MCP clients read: stdio
 * servers as command, args and env; HTTP servers as type "http", url and
 * headers. */
int
makemcp_cmd_export (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[NAME…]");
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_auto(GStrv) args = g_strdupv (argv);
  g_auto(GStrv) groups = NULL;
  JsonObject *servers = json_object_new ();

  json_object_set_object_member (root, "mcpServers", servers);

  g_option_context_set_summary (context, "Print the registered servers (all, or the ones named) as the\n"
                                         "“mcpServers” JSON configuration that MCP clients read.");
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);

  if ((keyfile = registry_load (&error)) == NULL)
    return makemcp_fail (error, NULL);

  if (args[1] != NULL)
    {
      for (guint i = 1; args[i] != NULL; i++)
        if (!g_key_file_has_group (keyfile, args[i]))
          {
            g_printerr ("makemcp: no server is registered as “%s”\n", args[i]);
            return EXIT_NOT_FOUND;
          }
      groups = g_strdupv (args + 1);
    }
  else
    groups = g_key_file_get_groups (keyfile, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(JsonObject) entry = entry_to_json (keyfile, groups[i]);
      JsonObject *server = json_object_new ();

      if (json_object_has_member (entry, "url"))
        {
          json_object_set_string_member (server, "type", "http");
          json_object_set_string_member (server, "url", json_object_get_string_member (entry, "url"));
          if (json_object_has_member (entry, "headers"))
            json_object_set_object_member (server, "headers",
                                           json_object_ref (json_object_get_object_member (entry, "headers")));
        }
      else
        {
          json_object_set_string_member (server, "command", json_object_get_string_member (entry, "command"));
          json_object_set_array_member (server, "args",
                                        json_array_ref (json_object_get_array_member (entry, "args")));
          if (json_object_has_member (entry, "env"))
            json_object_set_object_member (server, "env",
                                           json_object_ref (json_object_get_object_member (entry, "env")));
        }
      json_object_set_object_member (servers, groups[i], server);
    }

  makemcp_print_json_object (root);
  return EXIT_OK;
}
