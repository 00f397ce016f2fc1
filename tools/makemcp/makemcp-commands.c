/* makemcp-commands.c — info, tools, resources, prompts, call, read, prompt, ping
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include "makemcp.h"

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* info */

int
makemcp_cmd_info (int    argc,
                  char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonArray) tools = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(JsonArray) prompts = NULL;
  g_autoptr(JsonObject) info = json_object_new ();
  JsonObject *server_info;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "Show what a server is and what it offers.", NULL, 0)) != EXIT_OK)
    return status;

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  if ((tools = makemcp_list (client, "tools", &status)) == NULL ||
      (resources = makemcp_list (client, "resources", &status)) == NULL ||
      (templates = makemcp_list (client, "resource-templates", &status)) == NULL ||
      (prompts = makemcp_list (client, "prompts", &status)) == NULL)
    {
      makemcp_close (client);
      return status;
    }

  server_info = mcp_client_get_server_info (client);
  json_object_iter_init_ordered (&iter, server_info);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    json_object_set_member (info, member, json_node_copy (value));
  json_object_set_string_member (info, "protocolVersion", mcp_client_get_protocol_version (client));
  json_object_set_string_member (info, "era",
                                 mcp_client_get_era (client) == MCP_ERA_MODERN ? "modern" : "legacy");
  if (mcp_client_get_instructions (client) != NULL)
    json_object_set_string_member (info, "instructions", mcp_client_get_instructions (client));
  json_object_set_object_member (info, "capabilities",
                                 json_object_ref (mcp_client_get_server_capabilities (client)));
  json_object_set_array_member (info, "tools", json_array_ref (tools));
  json_object_set_array_member (info, "resources", json_array_ref (resources));
  json_object_set_array_member (info, "resourceTemplates", json_array_ref (templates));
  json_object_set_array_member (info, "prompts", json_array_ref (prompts));

  if (invocation.mode == OUTPUT_JSON)
    makemcp_print_json_object (info);
  else
    {
      const char *title = json_object_has_member (info, "title") ? json_object_get_string_member (info, "title") : NULL;

      makemcp_print ("%s%s%s %s%s%s%s\n", makemcp_bold (),
                     json_object_has_member (info, "name") ? json_object_get_string_member (info, "name") : "?",
                     makemcp_reset (),
                     json_object_has_member (info, "version") ? json_object_get_string_member (info, "version") : "",
                     title != NULL ? " — " : "", title != NULL ? title : "", "");
      makemcp_print ("Protocol: %s (%s)\n", mcp_client_get_protocol_version (client),
                     mcp_client_get_era (client) == MCP_ERA_MODERN ? "stateless" : "legacy, with a handshake");
      if (mcp_client_get_instructions (client) != NULL)
        makemcp_print ("Instructions: %s\n", mcp_client_get_instructions (client));

      makemcp_print ("\n%sTools (%u)%s\n", makemcp_bold (), json_array_get_length (tools), makemcp_reset ());
      makemcp_print_tools (tools, FALSE);
      if (json_array_get_length (resources) + json_array_get_length (templates) > 0)
        {
          makemcp_print ("\n%sResources (%u)%s\n", makemcp_bold (),
                         json_array_get_length (resources) + json_array_get_length (templates), makemcp_reset ());
          makemcp_print_resources (resources, templates);
        }
      if (json_array_get_length (prompts) > 0)
        {
          makemcp_print ("\n%sPrompts (%u)%s\n", makemcp_bold (), json_array_get_length (prompts), makemcp_reset ());
          makemcp_print_prompts (prompts);
        }
    }

  makemcp_close (client);
  return EXIT_OK;
}

/* tools, resources, prompts */

int
makemcp_cmd_tools (int    argc,
                   char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonArray) tools = NULL;
  gboolean schemas = FALSE;
  GOptionEntry entries[] = {
    { "schema", 's', 0, G_OPTION_ARG_NONE, &schemas, "Show the input schemas", NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "List the tools of a server, with their arguments.", entries, 0)) != EXIT_OK)
    return status;

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  if ((tools = makemcp_list (client, "tools", &status)) != NULL)
    {
      if (invocation.mode == OUTPUT_JSON)
        makemcp_print_json_array (tools);
      else
        makemcp_print_tools (tools, schemas);
    }

  makemcp_close (client);
  return status;
}

int
makemcp_cmd_resources (int    argc,
                       char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonArray) resources = NULL;
  g_autoptr(JsonArray) templates = NULL;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "List the resources and resource templates of a server.",
                                  NULL, 0)) != EXIT_OK)
    return status;

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  if ((resources = makemcp_list (client, "resources", &status)) != NULL &&
      (templates = makemcp_list (client, "resource-templates", &status)) != NULL)
    {
      if (invocation.mode == OUTPUT_JSON)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_array_member (object, "resources", json_array_ref (resources));
          json_object_set_array_member (object, "resourceTemplates", json_array_ref (templates));
          makemcp_print_json_object (object);
        }
      else
        makemcp_print_resources (resources, templates);
    }

  makemcp_close (client);
  return status;
}

int
makemcp_cmd_prompts (int    argc,
                     char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonArray) prompts = NULL;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "List the prompts of a server, with their arguments.", NULL, 0)) != EXIT_OK)
    return status;

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  if ((prompts = makemcp_list (client, "prompts", &status)) != NULL)
    {
      if (invocation.mode == OUTPUT_JSON)
        makemcp_print_json_array (prompts);
      else
        makemcp_print_prompts (prompts);
    }

  makemcp_close (client);
  return status;
}

/* call */

static JsonObject *
read_arguments_file (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  char *words[2] = { NULL, NULL };
  gsize length = 0;

  if (strcmp (path, "-") == 0)
    {
      g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (output, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      g_output_stream_write (output, "", 1, NULL, NULL);
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
    }
  else if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  words[0] = contents;
  return makemcp_parse_arguments (words, FALSE, error);
}

int
makemcp_cmd_call (int    argc,
                  char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(JsonObject) arguments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *arguments_file = NULL;
  GOptionEntry entries[] = {
    { "arguments-file", 'f', 0, G_OPTION_ARG_FILENAME, &arguments_file,
      "Read the arguments, a JSON object, from FILE (- for standard input)", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  const char *tool;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER TOOL [NAME=VALUE…|JSON]",
                                  "Call a tool. Arguments are NAME=VALUE words, where VALUE is JSON "
                                  "when it parses as JSON\n(42, true, [1,2], \"text\") and a string "
                                  "otherwise, or one JSON object.", entries, 1)) != EXIT_OK)
    return status;

  tool = invocation.words[0];
  if (arguments_file != NULL)
    {
      if (invocation.words[1] != NULL)
        return makemcp_usage_error (invocation.context, "Give the arguments either on the command line or in a file");
      arguments = read_arguments_file (arguments_file, &error);
    }
  else
    arguments = makemcp_parse_arguments (invocation.words + 1, FALSE, &error);
  if (arguments == NULL)
    return makemcp_usage_error (invocation.context, "%s", error->message);

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  mcp_client_call_tool_async (client, tool, arguments, makemcp_cancellable, store_result_cb, &result);
  makemcp_wait (&result);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");

  answer = mcp_client_call_tool_finish (client, result, &error);
  if (answer == NULL)
    {
      g_autofree char *context = g_strdup_printf ("calling “%s” failed", tool);

      status = makemcp_fail (error, context);
    }
  else
    {
      makemcp_print_tool_result (answer, invocation.mode);
      status = mcp_tool_result_get_is_error (answer) ? EXIT_TOOL_ERROR : EXIT_OK;
    }

  g_clear_object (&result);
  makemcp_close (client);
  return status;
}

/* read */

int
makemcp_cmd_read (int    argc,
                  char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpResourceContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER URI",
                                  "Read a resource. Text is printed; binary data goes to standard "
                                  "output when it is not a terminal.", NULL, 1)) != EXIT_OK)
    return status;
  if (invocation.words[1] != NULL)
    return makemcp_usage_error (invocation.context, "Read one URI at a time");

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  mcp_client_read_resource_async (client, invocation.words[0], makemcp_cancellable, store_result_cb, &result);
  makemcp_wait (&result);
  contents = mcp_client_read_resource_finish (client, result, &error);
  if (contents == NULL)
    {
      g_autofree char *context = g_strdup_printf ("reading “%s” failed", invocation.words[0]);

      status = makemcp_fail (error, context);
    }
  else
    makemcp_print_contents (contents, invocation.mode);

  g_clear_object (&result);
  makemcp_close (client);
  return status;
}

/* prompt */

int
makemcp_cmd_prompt (int    argc,
                    char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(JsonObject) arguments = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER PROMPT [NAME=VALUE…]",
                                  "Get a prompt, filled in with the arguments.", NULL, 1)) != EXIT_OK)
    return status;

  arguments = makemcp_parse_arguments (invocation.words + 1, TRUE, &error);
  if (arguments == NULL)
    return makemcp_usage_error (invocation.context, "%s", error->message);

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  mcp_client_get_prompt_async (client, invocation.words[0], arguments, makemcp_cancellable,
                               store_result_cb, &result);
  makemcp_wait (&result);
  prompt = mcp_client_get_prompt_finish (client, result, &error);
  if (prompt == NULL)
    {
      g_autofree char *context = g_strdup_printf ("getting the prompt “%s” failed", invocation.words[0]);

      status = makemcp_fail (error, context);
    }
  else
    makemcp_print_prompt (prompt, invocation.mode);

  g_clear_object (&result);
  makemcp_close (client);
  return status;
}

/* ping */

int
makemcp_cmd_ping (int    argc,
                  char **argv)
{
  g_auto(Invocation) invocation = { 0, };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status;

  if ((status = invocation_parse (&invocation, argc, argv, "SERVER",
                                  "Check that a server answers.", NULL, 0)) != EXIT_OK)
    return status;

  if ((client = makemcp_connect (invocation.target, &invocation.options, &status)) == NULL)
    return status;

  start = g_get_monotonic_time ();
  mcp_client_ping_async (client, makemcp_cancellable, store_result_cb, &result);
  makemcp_wait (&result);
  if (!mcp_client_ping_finish (client, result, &error))
    status = makemcp_fail (error, "ping failed");
  else if (invocation.mode == OUTPUT_JSON)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_double_member (object, "milliseconds", (g_get_monotonic_time () - start) / 1000.0);
      json_object_set_string_member (object, "protocolVersion", mcp_client_get_protocol_version (client));
      makemcp_print_json_object (object);
    }
  else
    makemcp_print ("The server answered in %.1f ms (protocol %s)\n",
                   (g_get_monotonic_time () - start) / 1000.0, mcp_client_get_protocol_version (client));

  g_clear_object (&result);
  makemcp_close (client);
  return status;
}
