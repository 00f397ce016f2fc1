/* test-tool.c — McpTool, McpToolResult, argument checking, in-process calls
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-util.h"

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
test_tool_properties (void)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("weather", "Get the weather");
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *sizes[] = { "48x48", NULL };
  guint notified = 0;

  g_object_get (tool, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "weather");
  g_assert_cmpstr (mcp_tool_get_description (tool), ==, "Get the weather");

  /* the default schema takes no arguments */
  json = mcp_tool_to_json (tool);
  text = object_to_string (json);
  g_assert_cmpstr (text, ==,
                   "{\"name\":\"weather\",\"description\":\"Get the weather\",\"inputSchema\":"
                   "{\"type\":\"object\",\"additionalProperties\":false}}");

  g_signal_connect_swapped (tool, "notify::title", G_CALLBACK (g_atomic_int_inc), &notified);
  mcp_tool_set_title (tool, "Weather");
  mcp_tool_set_title (tool, "Weather");
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (mcp_tool_set_input_schema_json (tool,
                                                 "{\"type\":\"object\",\"properties\":{\"city\":"
                                                 "{\"type\":\"string\",\"x-mcp-header\":\"City\"}}}",
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (mcp_tool_set_input_schema_json (tool, "[1]", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_false (mcp_tool_set_output_schema_json (tool, "{", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);

  mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_tool_set_hint (tool, "openWorldHint", FALSE);
  mcp_tool_add_icon (tool, "https://example.com/w.png", "image/png", sizes, "light");

  g_clear_pointer (&json, json_object_unref);
  g_clear_pointer (&text, g_free);
  json = mcp_tool_to_json (tool);
  text = object_to_string (json);
  g_assert_cmpstr (text, ==,
                   "{\"name\":\"weather\",\"title\":\"Weather\",\"description\":\"Get the weather\","
                   "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
                   "\"x-mcp-header\":\"City\"}}},\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false},"
                   "\"icons\":[{\"src\":\"https://example.com/w.png\",\"mimeType\":\"image/png\","
                   "\"sizes\":[\"48x48\"],\"theme\":\"light\"}]}");
}

static void
test_tool_result_content (void)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new_text ("Hello");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(GBytes) wav = g_bytes_new_static ("RIFF", 4);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) block = json_object_new ();
  g_autoptr(JsonObject) annotations = json_object_new ();
  g_autoptr(JsonNode) structured = test_parse ("[1,\"two\",null]");
  g_autofree char *text = NULL;

  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_result_add_audio (result, wav, "audio/wav");
  mcp_tool_result_add_resource_link (result, "file:///a.txt", "a.txt", "A file", "text/plain");
  mcp_tool_result_add_embedded_text (result, "test://r", "text/plain", "inside");
  mcp_tool_result_add_embedded_blob (result, "test://b", "application/octet-stream", png);

  json_object_set_string_member (block, "type", "text");
  json_object_set_string_member (block, "text", "for the user");
  json_array_add_string_element ((json_object_set_array_member (annotations, "audience", json_array_new ()),
                                  json_object_get_array_member (annotations, "audience")), "user");
  json_object_set_object_member (block, "annotations", json_object_ref (annotations));
  mcp_tool_result_add_content (result, block);

  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_result_set_is_error (result, TRUE);

  json = mcp_tool_result_to_json (result);
  text = object_to_string (json);
  g_assert_cmpstr (text, ==,
                   "{\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},"
                   "{\"type\":\"image\",\"data\":\"iVBORw==\",\"mimeType\":\"image/png\"},"
                   "{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"},"
                   "{\"type\":\"resource_link\",\"uri\":\"file:///a.txt\",\"name\":\"a.txt\",\"description\":\"A file\",\"mimeType\":\"text/plain\"},"
                   "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://r\",\"mimeType\":\"text/plain\",\"text\":\"inside\"}},"
                   "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://b\",\"mimeType\":\"application/octet-stream\",\"blob\":\"iVBORw==\"}},"
                   "{\"type\":\"text\",\"text\":\"for the user\",\"annotations\":{\"audience\":[\"user\"]}}],"
                   "\"structuredContent\":[1,\"two\",null],\"isError\":true}");
}

static void
test_tool_result_structured (void)
{
  g_autoptr(JsonNode) structured = test_parse ("{\"temperature\":22.5,\"conditions\":\"cloudy\"}");
  g_autoptr(McpToolResult) result = mcp_tool_result_new_structured (structured);
  g_autoptr(McpToolResult) error_result = mcp_tool_result_new_error ("broken");
  g_autoptr(JsonObject) json = mcp_tool_result_to_json (result);
  g_autoptr(JsonObject) error_json = mcp_tool_result_to_json (error_result);
  g_autofree char *text = object_to_string (json);
  g_autofree char *error_text = object_to_string (error_json);

  g_assert_cmpstr (text, ==,
                   "{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"temperature\\\":22.5,\\\"conditions\\\":\\\"cloudy\\\"}\"}],"
                   "\"structuredContent\":{\"temperature\":22.5,\"conditions\":\"cloudy\"}}");
  g_assert_cmpstr (error_text, ==, "{\"content\":[{\"type\":\"text\",\"text\":\"broken\"}],\"isError\":true}");
}

static void
return_ran (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  mcp_tool_invocation_return_text (invocation, "ran");
}

/* The argument checker: every keyword it knows, with the message a model
 * reads when the check fails. */
static void
test_argument_checking (void)
{
  static const struct {
    const char *schema;
    const char *arguments;
    const char *message;   /* NULL: valid */
  } cases[] = {
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}}}", "{\"n\":5}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}}}", "{\"n\":0}", "Invalid argument “n”: must be at least 1" },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}}}", "{\"n\":11}", "Invalid argument “n”: must be at most 10" },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}", "{\"n\":2.0}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}", "{\"n\":2.5}", "Invalid argument “n”: expected an integer, got a number" },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"exclusiveMinimum\":0}}}", "{\"n\":0}", "Invalid argument “n”: must be greater than 0" },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"multipleOf\":0.5}}}", "{\"n\":1.5}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"multipleOf\":0.5}}}", "{\"n\":1.2}", "Invalid argument “n”: must be a multiple of 0.5" },
    { "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}}}", "{\"s\":\"ééé\"}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"minLength\":2}}}", "{\"s\":\"é\"}", "Invalid argument “s”: must be at least 2 characters long" },
    { "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}}}", "{\"s\":\"Abc\"}", "Invalid argument “s”: must match the pattern “^[a-z]+$”" },
    { "{\"type\":\"object\",\"properties\":{\"c\":{\"enum\":[\"red\",\"green\"]}}}", "{\"c\":\"blue\"}", "Invalid argument “c”: must be one of [\"red\",\"green\"]" },
    { "{\"type\":\"object\",\"properties\":{\"c\":{\"const\":3}}}", "{\"c\":3.0}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"c\":{\"const\":3}}}", "{\"c\":4}", "Invalid argument “c”: must be 3" },
    { "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":[\"string\",\"null\"]}}}", "{\"v\":null}", NULL },
    { "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":[\"string\",\"null\"]}}}", "{\"v\":1}", "Invalid argument “v”: expected string or null, got an integer" },
    { "{\"type\":\"object\",\"properties\":{\"l\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":2}}}", "{\"l\":[\"a\",3]}", "Invalid argument “l[1]”: expected a string, got an integer" },
    { "{\"type\":\"object\",\"properties\":{\"l\":{\"type\":\"array\",\"maxItems\":2}}}", "{\"l\":[1,2,3]}", "Invalid argument “l”: must have at most 2 items" },
    { "{\"type\":\"object\",\"properties\":{\"l\":{\"type\":\"array\",\"uniqueItems\":true}}}", "{\"l\":[1,2,1]}", "Invalid argument “l”: items 0 and 2 are equal, and items must be unique" },
    { "{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"array\",\"prefixItems\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}}}", "{\"p\":[1,2]}", "Invalid argument “p[1]”: expected a string, got an integer" },
    { "{\"type\":\"object\",\"properties\":{\"o\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"boolean\"}},\"required\":[\"x\"]}}}", "{\"o\":{}}", "Invalid argument “o”: missing required member “x”" },
    { "{\"type\":\"object\",\"properties\":{\"o\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"boolean\"}}}}}", "{\"o\":{\"x\":\"yes\"}}", "Invalid argument “o.x”: expected a boolean, got a string" },
    { "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":{}}}", "{\"b\":1}", "Unexpected argument “b”" },
    { "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}", "{\"b\":\"x\"}", "Invalid argument “b”: expected an integer, got a string" },
    { "{\"type\":\"object\",\"patternProperties\":{\"^n_\":{\"type\":\"number\"}},\"additionalProperties\":false}", "{\"n_1\":1}", NULL },
    { "{\"type\":\"object\",\"patternProperties\":{\"^n_\":{\"type\":\"number\"}},\"additionalProperties\":false}", "{\"x\":1}", "Unexpected argument “x”" },
    { "{\"type\":\"object\",\"required\":[\"a\"]}", "{}", "Missing required argument “a”" },
    { "{\"type\":\"object\",\"properties\":{\"u\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}", "{\"u\":true}", "Invalid argument “u”: does not match any of the allowed forms" },
    { "{\"type\":\"object\",\"properties\":{\"u\":{\"oneOf\":[{\"type\":\"number\"},{\"type\":\"integer\"}]}}}", "{\"u\":1}", "Invalid argument “u”: matches more than one of the exclusive forms" },
    { "{\"type\":\"object\",\"properties\":{\"u\":{\"allOf\":[{\"minimum\":1},{\"maximum\":2}]}}}", "{\"u\":3}", "Invalid argument “u”: must be at most 2" },
    { "{\"type\":\"object\",\"properties\":{\"u\":{\"not\":{\"type\":\"null\"}}}}", "{\"u\":null}", "Invalid argument “u”: matches a form that is not allowed" },
    { "{\"type\":\"object\",\"properties\":{\"k\":{\"type\":\"string\"},\"v\":{}},\"if\":{\"properties\":{\"k\":{\"const\":\"n\"}}},\"then\":{\"properties\":{\"v\":{\"type\":\"number\"}}}}", "{\"k\":\"n\",\"v\":\"x\"}", "Invalid argument “v”: expected a number, got a string" },
    { "{\"type\":\"object\",\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}},\"properties\":{\"home\":{\"$ref\":\"#/$defs/address\"}}}", "{\"home\":{\"city\":\"Paris\"}}", NULL },
    { "{\"type\":\"object\",\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}},\"properties\":{\"home\":{\"$ref\":\"#/$defs/address\"}}}", "{\"home\":{}}", "Invalid argument “home”: missing required member “city”" },
    { "{\"type\":\"object\",\"properties\":{\"r\":{\"$ref\":\"https://example.com/schema\"}}}", "{\"r\":1}", "Invalid argument “r”: the schema refers to “https://example.com/schema”, which cannot be resolved" },
    { "{\"type\":\"object\",\"properties\":{\"t\":{\"$ref\":\"#\"}}}", "{\"t\":{\"t\":{\"t\":5}}}", "Invalid argument “t.t.t”: expected an object, got an integer" },
    { "{\"type\":\"object\",\"properties\":{\"f\":false}}", "{\"f\":1}", "Invalid argument “f”: no value is allowed here" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McpServer) server = mcp_server_new ("s", "1");
      g_autoptr(McpTool) tool = mcp_tool_new ("t", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) arguments = test_parse (cases[i].arguments);
      g_autoptr(McpToolResult) result = NULL;
      g_autoptr(GAsyncResult) async_result = NULL;

      g_test_message ("case %u: %s with %s", i, cases[i].schema, cases[i].arguments);
      g_assert_true (mcp_tool_set_input_schema_json (tool, cases[i].schema, &error));
      mcp_tool_set_async_func (tool, return_ran, NULL, NULL);
      mcp_server_add_tool (server, tool);

      mcp_server_call_tool_async (server, "t", json_node_get_object (arguments), NULL,
                                  test_store_result, &async_result);
      while (async_result == NULL)
        g_main_context_iteration (NULL, TRUE);
      result = mcp_server_call_tool_finish (server, async_result, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
        }
      else
        {
          g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

/* A hostile schema cannot make the checker run away. */
static void
test_argument_checking_bounded (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("s", "1");
  g_autoptr(McpTool) tool = mcp_tool_new ("t", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) arguments = test_parse ("{\"x\":1}");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(McpToolResult) result = NULL;

  /* a schema that refers to itself forever */
  g_assert_true (mcp_tool_set_input_schema_json (tool, "{\"$ref\":\"#\"}", &error));
  mcp_tool_set_async_func (tool, return_ran, NULL, NULL);
  mcp_server_add_tool (server, tool);
  mcp_server_call_tool_async (server, "t", json_node_get_object (arguments), NULL,
                              test_store_result, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = mcp_server_call_tool_finish (server, async_result, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpstr (error->message, ==, "Invalid argument: the schema is too deep or too large to check");
}

static McpToolResult *
state_func (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  guint *calls = user_data;
  g_autofree char *text = g_strdup_printf ("call %u", ++*calls);

  g_assert_cmpint (mcp_request_context_get_era (context), ==, MCP_ERA_MODERN);
  g_assert_cmpstr (mcp_request_context_get_protocol_version (context), ==, "2026-07-28");
  g_assert_cmpstr (mcp_request_context_get_method (context), ==, "tools/call");
  g_assert_false (mcp_request_context_has_client_capability (context, "sampling"));
  g_assert_false (mcp_request_context_should_log (context, MCP_LOG_LEVEL_EMERGENCY));
  g_assert_null (mcp_request_context_get_progress_token (context));

  return mcp_tool_result_new_text (text);
}

/* The in-process call path runs the same checks and keeps the same state. */
static void
test_in_process_call (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("s", "1");
  g_autoptr(McpTool) tool = mcp_tool_new ("count", NULL);
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  mcp_tool_set_func (tool, state_func, &calls, NULL);
  mcp_server_add_tool (server, tool);
  g_assert_true (mcp_server_lookup_tool (server, "count") == tool);
  g_assert_null (mcp_server_lookup_tool (server, "nope"));

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GAsyncResult) async_result = NULL;
      g_autoptr(McpToolResult) result = NULL;
      g_autofree char *expected = g_strdup_printf ("call %u", i);
      JsonArray *content;

      mcp_server_call_tool_async (server, "count", NULL, NULL,
                                  test_store_result, &async_result);
      while (async_result == NULL)
        g_main_context_iteration (NULL, TRUE);
      result = mcp_server_call_tool_finish (server, async_result, &error);
      g_assert_no_error (error);
      content = mcp_tool_result_get_content (result);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                       ==, expected);
    }

  {
    g_autoptr(GAsyncResult) async_result = NULL;
    g_autoptr(McpToolResult) result = NULL;

    mcp_server_call_tool_async (server, "nope", NULL, NULL,
                                test_store_result, &async_result);
    while (async_result == NULL)
      g_main_context_iteration (NULL, TRUE);
    result = mcp_server_call_tool_finish (server, async_result, &error);
    g_assert_null (result);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    g_assert_cmpstr (error->message, ==, "Unknown tool: nope");
  }
}

static void
test_server_describe (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(JsonObject) description = NULL;
  g_autoptr(JsonObject) capabilities = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autofree char *text = NULL;

  mcp_server_set_title (server, "Test");
  mcp_server_set_description (server, "A server for tests");
  mcp_server_set_website_url (server, "https://example.com");

  tools = mcp_server_list_tools (server);
  g_assert_cmpuint (tools->len, ==, 4);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "add");
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 3)), ==, "sleep");

  capabilities = mcp_server_get_capabilities (server);
  text = object_to_string (capabilities);
  g_assert_cmpstr (text, ==, "{\"tools\":{\"listChanged\":true},\"logging\":{}}");

  description = mcp_server_describe (server);
  g_assert_cmpstr (json_object_get_string_member (description, "name"), ==, "test-server");
  g_assert_cmpstr (json_object_get_string_member (description, "version"), ==, "1.2.3");
  g_assert_cmpstr (json_object_get_string_member (description, "title"), ==, "Test");
  g_assert_cmpstr (json_object_get_string_member (description, "description"), ==, "A server for tests");
  g_assert_cmpstr (json_object_get_string_member (description, "websiteUrl"), ==, "https://example.com");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (description, "tools")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (description, "protocolVersions")), ==, 5);
}

static void
test_protocol_helpers (void)
{
  McpLogLevel level = MCP_LOG_LEVEL_DEBUG;
  const char * const *versions = mcp_protocol_get_supported_versions ();

  g_assert_cmpstr (versions[0], ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_true (mcp_protocol_version_is_supported ("2024-11-05"));
  g_assert_false (mcp_protocol_version_is_supported ("2024-10-07"));
  g_assert_true (mcp_protocol_version_is_legacy ("2025-11-25"));
  g_assert_false (mcp_protocol_version_is_legacy ("2026-07-28"));
  g_assert_false (mcp_protocol_version_is_legacy ("2027-01-01"));

  for (McpLogLevel l = MCP_LOG_LEVEL_DEBUG; l <= MCP_LOG_LEVEL_EMERGENCY; l++)
    {
      g_assert_true (mcp_log_level_from_string (mcp_log_level_to_string (l), &level));
      g_assert_cmpint (level, ==, l);
    }
  g_assert_false (mcp_log_level_from_string ("verbose", &level));
  g_assert_cmpstr (mcp_log_level_to_string (MCP_LOG_LEVEL_WARNING), ==, "warning");

  /* the enum's GType nicks are the wire names */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (MCP_TYPE_LOG_LEVEL);
    g_assert_cmpstr (g_enum_get_value (klass, MCP_LOG_LEVEL_EMERGENCY)->value_nick, ==, "emergency");
  }
}

/* A handler that drops its invocation without answering does not leave
 * the call hanging. */
static void
forget_func (McpTool           *tool,
             McpToolInvocation *invocation,
             gpointer           user_data)
{
}

static void
test_dropped_invocation (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("s", "1");
  g_autoptr(McpTool) tool = mcp_tool_new ("forget", NULL);
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_tool_set_async_func (tool, forget_func, NULL, NULL);
  mcp_server_add_tool (server, tool);
  mcp_server_call_tool_async (server, "forget", NULL, NULL,
                              test_store_result, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = mcp_server_call_tool_finish (server, async_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The tool “forget” finished without returning a result");
}

/* Fails the way its argument says, through return_gerror() (what
 * bindings call) or take_error() (C only): both answer alike. */
static void
fail_func (McpTool           *tool,
           McpToolInvocation *invocation,
           gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  gboolean protocol = json_object_get_boolean_member (arguments, "protocol");
  g_autoptr(GError) error = NULL;

  if (protocol)
    error = g_error_new_literal (MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "No such record");
  else
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The disk is gone");

  if (json_object_get_boolean_member (arguments, "take"))
    mcp_tool_invocation_take_error (invocation, g_steal_pointer (&error));
  else
    mcp_tool_invocation_return_gerror (invocation, error);
}

static void
test_invocation_errors (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(McpTool) tool = mcp_tool_new ("fails", "Fails");
  g_autoptr(TestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;

  mcp_tool_set_input_schema_json (tool,
                                  "{\"type\":\"object\",\"properties\":{\"protocol\":{\"type\":\"boolean\"},"
                                  "\"take\":{\"type\":\"boolean\"}},\"required\":[\"protocol\",\"take\"]}", &error);
  g_assert_no_error (error);
  mcp_tool_set_async_func (tool, fail_func, NULL, NULL);
  mcp_server_add_tool (server, tool);
  peer = test_peer_new (server);

  for (guint take = 0; take < 2; take++)
    {
      g_autofree char *tool_error = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                                                     "{\"name\":\"fails\",\"arguments\":{\"protocol\":false,\"take\":%s},"
                                                     TEST_MODERN_META "}}", take ? "true" : "false");
      g_autofree char *protocol_error = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                                                         "{\"name\":\"fails\",\"arguments\":{\"protocol\":true,\"take\":%s},"
                                                         TEST_MODERN_META "}}", take ? "true" : "false");

      test_peer_send (peer, tool_error);
      test_peer_expect (peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                        "\"The disk is gone\"}],\"isError\":true,\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
      test_peer_send (peer, protocol_error);
      test_peer_expect (peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"No such record\"}}");
    }
}

/* A subclass whose call_finish() gives neither a result nor an error. */
typedef struct { McpTool parent_instance; } NullTool;
typedef struct { McpToolClass parent_class; } NullToolClass;

static GType null_tool_get_type (void);
G_DEFINE_TYPE (NullTool, null_tool, MCP_TYPE_TOOL)

static void
null_tool_call_async (McpTool             *tool,
                      McpRequestContext   *context,
                      JsonObject          *arguments,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (tool, cancellable, callback, user_data);

  g_task_return_pointer (task, NULL, NULL);
}

static McpToolResult *
null_tool_call_finish (McpTool       *tool,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
null_tool_class_init (NullToolClass *klass)
{
  MCP_TOOL_CLASS (klass)->call_async = null_tool_call_async;
  MCP_TOOL_CLASS (klass)->call_finish = null_tool_call_finish;
}

static void
null_tool_init (NullTool *self)
{
}

/* It is answered like a synchronous function that returns nothing. */
static void
test_call_finish_nothing (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(McpTool) tool = g_object_new (null_tool_get_type (), "name", "null", NULL);
  g_autoptr(TestPeer) peer = NULL;

  mcp_server_add_tool (server, tool);
  peer = test_peer_new (server);
  test_peer_send (peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"null\","
                  TEST_MODERN_META "}}");
  test_peer_expect (peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                    "\"The tool “null” returned no result\"}],\"isError\":true,\"resultType\":\"complete\","
                    TEST_SERVER_INFO_META "}}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Tool/properties", test_tool_properties);
  g_test_add_func ("/Mcp/Tool/dropped-invocation", test_dropped_invocation);
  g_test_add_func ("/Mcp/Tool/invocation-errors", test_invocation_errors);
  g_test_add_func ("/Mcp/Tool/call-finish-nothing", test_call_finish_nothing);
  g_test_add_func ("/Mcp/ToolResult/content", test_tool_result_content);
  g_test_add_func ("/Mcp/ToolResult/structured", test_tool_result_structured);
  g_test_add_func ("/Mcp/Schema/argument-checking", test_argument_checking);
  g_test_add_func ("/Mcp/Schema/bounded", test_argument_checking_bounded);
  g_test_add_func ("/Mcp/Server/in-process-call", test_in_process_call);
  g_test_add_func ("/Mcp/Server/describe", test_server_describe);
  g_test_add_func ("/Mcp/Protocol/helpers", test_protocol_helpers);

  return g_test_run ();
}
