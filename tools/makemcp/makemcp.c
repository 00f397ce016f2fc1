/* makemcp.c — the makemcp command: inspect, call, register, bridge and serve MCP servers
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "makemcp.h"

static int makemcp_cmd_help (int argc, char **argv);

const Command makemcp_commands[] = {
  { "info",       "SERVER",                     "Show what a server is and what it offers", makemcp_cmd_info },
  { "tools",      "SERVER",                     "List the tools of a server", makemcp_cmd_tools },
  { "resources",  "SERVER",                     "List the resources of a server", makemcp_cmd_resources },
  { "prompts",    "SERVER",                     "List the prompts of a server", makemcp_cmd_prompts },
  { "call",       "SERVER TOOL [ARGUMENTS]",    "Call a tool", makemcp_cmd_call },
  { "read",       "SERVER URI",                 "Read a resource", makemcp_cmd_read },
  { "prompt",     "SERVER PROMPT [ARGUMENTS]",  "Get a prompt", makemcp_cmd_prompt },
  { "ping",       "SERVER",                     "Check that a server answers", makemcp_cmd_ping },
  { "shell",      "SERVER",                     "Talk to a server interactively", makemcp_cmd_shell },
  { "bridge",     "URL",                        "Serve a Streamable HTTP server on standard input and output", makemcp_cmd_bridge },
  { "serve",      "--typelib NAME-VERSION",     "Serve the tool providers of a typelib", makemcp_cmd_serve },
  { "register",   "NAME (URL | PROGRAM | -- COMMAND…)", "Register a server under a name", makemcp_cmd_register },
  { "unregister", "NAME…",                      "Forget registered servers", makemcp_cmd_unregister },
  { "list",       "",                           "List the registered servers", makemcp_cmd_list },
  { "export",     "[NAME…]",                    "Print the registered servers as mcpServers JSON", makemcp_cmd_export },
  { "discover",   "",                           "Find MCP servers on the local network (DNS-SD)", makemcp_cmd_discover },
  { "help",       "[COMMAND]",                  "Show help", makemcp_cmd_help },
  { NULL, }
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; makemcp_commands[i].name != NULL; i++)
    if (strcmp (makemcp_commands[i].name, name) == 0)
      return &makemcp_commands[i];
  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage:\n"
           "  makemcp COMMAND [OPTION…]\n"
           "\n"
           "Inspect, call, register, bridge and serve Model Context Protocol servers.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; makemcp_commands[i].name != NULL; i++)
    fprintf (stream, "  %-11s %s\n", makemcp_commands[i].name, makemcp_commands[i].summary);
  fprintf (stream,
           "\n"
           "SERVER is an http:// or https:// URL, the name of a registered server, or a\n"
           "program; a program that needs arguments goes last, after “--”.\n"
           "Run “makemcp help COMMAND” or “makemcp COMMAND --help” for the options of a command.\n");
}

static int
makemcp_cmd_help (int    argc,
                  char **argv)
{
  const Command *command;

  if (argc < 2)
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if ((command = find_command (argv[1])) == NULL || command->func == makemcp_cmd_help)
    {
      g_printerr ("makemcp: unknown command “%s”\n", argv[1]);
      return EXIT_USAGE;
    }

  {
    char *help_argv[] = { argv[1], (char *)"--help", NULL };

    return command->func (2, help_argv);
  }
}

int
main (int   argc,
      char *argv[])
{
  const Command *command;

  setlocale (LC_ALL, "");
  g_set_prgname ("makemcp");
  g_log_writer_default_set_use_stderr (TRUE);
  makemcp_init_signals ();

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("makemcp %s (makemcp-glib %s; MCP %s and %s back to 2024-11-05)\n", PACKAGE_VERSION,
              MCP_VERSION_S, MCP_PROTOCOL_VERSION_LATEST, MCP_PROTOCOL_VERSION_LATEST_LEGACY);
      return EXIT_OK;
    }

  if ((command = find_command (argv[1])) == NULL)
    {
      g_printerr ("makemcp: unknown command “%s”\n", argv[1]);
      print_usage (stderr);
      return EXIT_USAGE;
    }

  return command->func (argc - 1, argv + 1);
}
