/* test-resources.c — resources, templates, prompts, completion and change
 * notifications in both eras, wire bytes in and out
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-util.h"

#define MODERN_META_ID(id) "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":" id "}"

typedef struct
{
  McpServer *server;
  TestPeer  *peer;
  guint      reads;
} Fixture;

static McpResourceContents *
read_counter (McpResource        *resource,
              McpRequestContext  *context,
              gpointer            user_data,
              GError            **error)
{
  Fixture *fixture = user_data;
  g_autofree char *text = g_strdup_printf ("read %u", ++fixture->reads);

  return mcp_resource_contents_new_text (mcp_resource_get_uri (resource), "text/plain", text);
}

static McpResourceContents *
read_broken (McpResource        *resource,
             McpRequestContext  *context,
             gpointer            user_data,
             GError            **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "disk gone");
  return NULL;
}

static McpResourceContents *
read_user (McpResourceTemplate  *template,
           McpRequestContext    *context,
           const char           *uri,
           JsonObject           *variables,
           gpointer              user_data,
           GError              **error)
{
  const char *id = json_object_get_string_member (variables, "id");
  g_autofree char *text = NULL;

  if (g_strcmp0 (id, "0") == 0)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND, "No user 0");
      return NULL;
    }

  text = g_strdup_printf ("{\"id\":\"%s\",\"tab\":\"%s\"}", id,
                          json_object_has_member (variables, "tab")
                          ? json_object_get_string_member (variables, "tab") : "");
  return mcp_resource_contents_new_text (uri, "application/json", text);
}

static char **
complete_fruit (McpRequestContext *context,
                const char        *argument,
                const char        *value,
                JsonObject        *arguments,
                gpointer           user_data)
{
  static const char *fruits[] = { "apple", "apricot", "banana", "blueberry", "cherry" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_cmpstr (argument, ==, "fruit");
  for (guint i = 0; i < G_N_ELEMENTS (fruits); i++)
    if (g_str_has_prefix (fruits[i], value))
      g_strv_builder_add (builder, fruits[i]);

  if (arguments != NULL && json_object_has_member (arguments, "only"))
    g_strv_builder_add (builder, json_object_get_string_member (arguments, "only"));

  return g_strv_builder_end (builder);
}

static char **
complete_many (McpRequestContext *context,
               const char        *argument,
               const char        *value,
               JsonObject        *arguments,
               gpointer           user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", value, i);
      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static McpPromptResult *
expand_greeting (McpPrompt          *prompt,
                 McpRequestContext  *context,
                 JsonObject         *arguments,
                 gpointer            user_data,
                 GError            **error)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new ("A greeting");
  g_autoptr(GBytes) wav = g_bytes_new_static ("RIFF", 4);
  g_autofree char *text = g_strdup_printf ("Say hello to %s, who likes %s.",
                                           json_object_get_string_member (arguments, "name"),
                                           json_object_has_member (arguments, "fruit")
                                           ? json_object_get_string_member (arguments, "fruit") : "nothing");

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, text);
  mcp_prompt_result_add_audio (result, MCP_ROLE_ASSISTANT, wav, "audio/wav");
  mcp_prompt_result_add_embedded_text (result, MCP_ROLE_USER, "test://notes", "text/plain", "notes");
  return g_steal_pointer (&result);
}

/* Fails the way its argument says: a bad handle, or a broken disk. */
static McpPromptResult *
expand_basket (McpPrompt          *prompt,
               McpRequestContext  *context,
               JsonObject         *arguments,
               gpointer            user_data,
               GError            **error)
{
  g_autofree char *id = mcp_server_verify_handle (user_data, "basket",
                                                  json_object_get_string_member (arguments, "basket"),
                                                  error);

  if (id == NULL)
    return NULL;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk gone while reading basket %s", id);
  return NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(McpResource) text = mcp_resource_new_text ("test://static-text", "Static text", "text/plain",
                                                       "This is the content of the static text resource.");
  g_autoptr(McpResource) counter = mcp_resource_new ("test://counter", "Counter");
  g_autoptr(McpResource) broken = mcp_resource_new ("test://broken", "Broken");
  g_autoptr(McpResource) binary = mcp_resource_new ("test://binary", "Binary");
  g_autoptr(McpResourceContents) binary_contents = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n", 6);
  g_autoptr(McpResourceTemplate) users = NULL;
  g_autoptr(McpPrompt) greeting = mcp_prompt_new ("greeting", "Greet someone");
  g_autoptr(McpPrompt) plain = mcp_prompt_new ("plain", NULL);
  g_autoptr(GError) error = NULL;

  fixture->server = test_server_new ();

  mcp_resource_set_description (text, "A static text");
  mcp_resource_set_title (text, "Static");
  mcp_server_add_resource (fixture->server, text);

  mcp_resource_set_read_func (counter, read_counter, fixture, NULL);
  mcp_resource_set_ttl (counter, 1500);
  mcp_resource_set_cache_scope (counter, MCP_CACHE_SCOPE_PUBLIC);
  mcp_server_add_resource (fixture->server, counter);

  mcp_resource_set_read_func (broken, read_broken, NULL, NULL);
  mcp_server_add_resource (fixture->server, broken);

  binary_contents = mcp_resource_contents_new_blob ("test://binary", "image/png", png);
  mcp_resource_set_contents (binary, binary_contents);
  mcp_resource_set_mime_type (binary, "image/png");
  mcp_resource_set_size (binary, 6);
  mcp_server_add_resource (fixture->server, binary);

  users = mcp_resource_template_new ("test://users/{id}{?tab}", "Users", &error);
  g_assert_no_error (error);
  mcp_resource_template_set_mime_type (users, "application/json");
  mcp_resource_template_set_read_func (users, read_user, NULL, NULL);
  mcp_resource_template_set_completion_func (users, complete_many, NULL, NULL);
  mcp_server_add_resource_template (fixture->server, users);

  mcp_prompt_add_argument (greeting, "name", "Name", "Who to greet", TRUE);
  mcp_prompt_add_argument (greeting, "fruit", NULL, "A fruit", FALSE);
  mcp_prompt_set_func (greeting, expand_greeting, NULL, NULL);
  mcp_prompt_set_completion_func (greeting, complete_fruit, NULL, NULL);
  mcp_server_add_prompt (fixture->server, greeting);
  mcp_server_add_prompt (fixture->server, plain);

  fixture->peer = test_peer_new (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->peer, test_peer_free);
  g_assert_finalize_object (fixture->server);
}

/* RFC 6570 levels 1 to 3, the examples of the RFC, both ways. */
static void
test_uri_templates (void)
{
  static const struct {
    const char *template;
    const char *expanded;
  } cases[] = {
    { "{var}", "value" },
    { "{hello}", "Hello%20World%21" },
    { "{+hello}", "Hello%20World!" },
    { "{+path}/here", "/foo/bar/here" },
    { "here?ref={+path}", "here?ref=/foo/bar" },
    { "X{#var}", "X#value" },
    { "X{#hello}", "X#Hello%20World!" },
    { "map?{x,y}", "map?1024,768" },
    { "{x,hello,y}", "1024,Hello%20World%21,768" },
    { "{+x,hello,y}", "1024,Hello%20World!,768" },
    { "{+path,x}/here", "/foo/bar,1024/here" },
    { "{#x,hello,y}", "#1024,Hello%20World!,768" },
    { "X{.var}", "X.value" },
    { "X{.x,y}", "X.1024.768" },
    { "{/var}", "/value" },
    { "{/var,x}/here", "/value/1024/here" },
    { "{;x,y}", ";x=1024;y=768" },
    { "{;x,y,empty}", ";x=1024;y=768;empty" },
    { "{?x,y}", "?x=1024&y=768" },
    { "{?x,y,empty}", "?x=1024&y=768&empty=" },
    { "?fixed=yes{&x}", "?fixed=yes&x=1024" },
    { "{&x,y,empty}", "&x=1024&y=768&empty=" },
    { "test://template/{id}/data", "test://template/value/data" },
  };
  g_autoptr(JsonNode) variables_node = test_parse ("{\"var\":\"value\",\"hello\":\"Hello World!\","
                                                   "\"path\":\"/foo/bar\",\"empty\":\"\",\"x\":\"1024\","
                                                   "\"y\":\"768\",\"id\":\"value\"}");
  JsonObject *variables = json_node_get_object (variables_node);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpResourceTemplate) template = mcp_resource_template_new (cases[i].template, "t", &error);
      g_autofree char *expanded = NULL;
      g_autoptr(JsonObject) matched = NULL;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      g_assert_no_error (error);
      expanded = mcp_resource_template_expand (template, variables);
      g_assert_cmpstr (expanded, ==, cases[i].expanded);

      /* matching recovers every variable of the expansion */
      matched = mcp_resource_template_match_uri (template, expanded);
      g_assert_nonnull (matched);
      json_object_iter_init (&iter, matched);
      while (json_object_iter_next (&iter, &name, &value))
        g_assert_cmpstr (json_node_get_string (value), ==, json_object_get_string_member (variables, name));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McpResourceTemplate) template = mcp_resource_template_new ("test://{id}/data", "t", &error);
    g_autoptr(JsonObject) matched = mcp_resource_template_match_uri (template, "test://a%2Fb/data");

    g_assert_cmpstr (json_object_get_string_member (matched, "id"), ==, "a/b");
    g_assert_null (mcp_resource_template_match_uri (template, "test://a/b/data"));
    g_assert_null (mcp_resource_template_match_uri (template, "other://x/data"));
  }

  /* simple and reserved variables are always there, possibly empty; the
   * variables of named and prefixed operators only when the URI has them */
  {
    const struct { const char *template, *uri, *expected; } empties[] = {
      { "notes://note/{id}", "notes://note/", "{\"id\":\"\"}" },
      { "file:///{+path}", "file:///", "{\"path\":\"\"}" },
      { "map?{x,y}", "map?5", "{\"x\":\"5\",\"y\":\"\"}" },
      { "search{?q,lang}", "search?q=cats", "{\"q\":\"cats\"}" },
      { "files{/dir}", "files", "{}" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(McpResourceTemplate) template = mcp_resource_template_new (empties[i].template, "t", &error);
        g_autoptr(JsonObject) matched = NULL;
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        g_autofree char *text = NULL;

        g_assert_no_error (error);
        matched = mcp_resource_template_match_uri (template, empties[i].uri);
        g_assert_nonnull (matched);
        json_node_set_object (node, matched);
        text = json_to_string (node, FALSE);
        g_assert_cmpstr (text, ==, empties[i].expected);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McpResourceTemplate) template = NULL;

    template = mcp_resource_template_new ("test://{id", "t", &error);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    g_assert_cmpstr (error->message, ==, "Invalid URI template “test://{id”: unterminated expression");
    g_assert_null (template);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McpResourceTemplate) template = NULL;

    template = mcp_resource_template_new ("test://{list*}", "t", &error);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    g_assert_null (template);
  }
}

static void
test_capabilities (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                  "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
                    "{\"tools\":{\"listChanged\":true},\"prompts\":{\"listChanged\":true},"
                    "\"resources\":{\"subscribe\":true,\"listChanged\":true},\"logging\":{},\"completions\":{}},"
                    "\"serverInfo\":{\"name\":\"test-server\",\"version\":\"1.2.3\"}}}");

  /* 2024-11-05 has no completions capability */
  {
    g_autoptr(TestPeer) old = test_peer_new (fixture->server);
    g_autoptr(JsonObject) response = NULL;
    JsonObject *capabilities;

    test_peer_send (old,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
                    "\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
    response = test_peer_recv_object (old);
    capabilities = json_object_get_object_member (json_object_get_object_member (response, "result"), "capabilities");
    g_assert_false (json_object_has_member (capabilities, "completions"));
    g_assert_true (json_object_has_member (capabilities, "resources"));
  }
}

static void
test_resources_list (Fixture       *fixture,
                     gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resources\":["
                    "{\"uri\":\"test://binary\",\"name\":\"Binary\",\"mimeType\":\"image/png\",\"size\":6},"
                    "{\"uri\":\"test://broken\",\"name\":\"Broken\"},"
                    "{\"uri\":\"test://counter\",\"name\":\"Counter\"},"
                    "{\"uri\":\"test://static-text\",\"name\":\"Static text\",\"title\":\"Static\","
                    "\"description\":\"A static text\",\"mimeType\":\"text/plain\"}],"
                    "\"ttlMs\":60000,\"cacheScope\":\"public\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/templates/list\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"resourceTemplates\":["
                    "{\"uriTemplate\":\"test://users/{id}{?tab}\",\"name\":\"Users\",\"mimeType\":\"application/json\"}],"
                    "\"ttlMs\":60000,\"cacheScope\":\"public\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* legacy 2024-11-05: no title, no cache hints */
  test_peer_initialize (fixture->peer, "2024-11-05");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"resources\":["
                    "{\"uri\":\"test://binary\",\"name\":\"Binary\",\"mimeType\":\"image/png\",\"size\":6},"
                    "{\"uri\":\"test://broken\",\"name\":\"Broken\"},"
                    "{\"uri\":\"test://counter\",\"name\":\"Counter\"},"
                    "{\"uri\":\"test://static-text\",\"name\":\"Static text\","
                    "\"description\":\"A static text\",\"mimeType\":\"text/plain\"}]}}");
}

static void
test_resources_read (Fixture       *fixture,
                     gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://static-text\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"contents\":[{\"uri\":\"test://static-text\","
                    "\"mimeType\":\"text/plain\",\"text\":\"This is the content of the static text resource.\"}],"
                    "\"ttlMs\":0,\"cacheScope\":\"private\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://counter\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":[{\"uri\":\"test://counter\","
                    "\"mimeType\":\"text/plain\",\"text\":\"read 1\"}],"
                    "\"ttlMs\":1500,\"cacheScope\":\"public\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://binary\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"contents\":[{\"uri\":\"test://binary\","
                    "\"mimeType\":\"image/png\",\"blob\":\"iVBORw0K\"}],"
                    "\"ttlMs\":0,\"cacheScope\":\"private\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* templates, with percent-decoding and an optional query variable */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":"
                  "{\"uri\":\"test://users/a%20b?tab=settings\"," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"contents\":[{\"uri\":\"test://users/a%20b?tab=settings\","
                    "\"mimeType\":\"application/json\",\"text\":\"{\\\"id\\\":\\\"a b\\\",\\\"tab\\\":\\\"settings\\\"}\"}],"
                    "\"ttlMs\":0,\"cacheScope\":\"private\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* not found: -32602 in the modern era */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://nothing\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Resource not found: "
                    "test://nothing\",\"data\":{\"uri\":\"test://nothing\"}}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://users/0\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32602,\"message\":\"No user 0\","
                    "\"data\":{\"uri\":\"test://users/0\"}}}");

  /* a failing read is an internal error naming the resource */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://broken\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32603,\"message\":\"Reading “test://broken” "
                    "failed: disk gone\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/read\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “uri” must "
                    "be a string\"}}");

  /* legacy: -32002, no cache hints */
  test_peer_initialize (fixture->peer, "2025-06-18");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://nothing\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32002,\"message\":\"Resource not found: "
                    "test://nothing\",\"data\":{\"uri\":\"test://nothing\"}}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://counter\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{\"contents\":[{\"uri\":\"test://counter\","
                    "\"mimeType\":\"text/plain\",\"text\":\"read 2\"}]}}");
}

static void
test_prompts (Fixture       *fixture,
              gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"prompts\":[{\"name\":\"greeting\",\"description\":"
                    "\"Greet someone\",\"arguments\":[{\"name\":\"name\",\"title\":\"Name\",\"description\":\"Who to greet\","
                    "\"required\":true},{\"name\":\"fruit\",\"description\":\"A fruit\",\"required\":false}]},"
                    "{\"name\":\"plain\"}],\"ttlMs\":60000,\"cacheScope\":\"public\",\"resultType\":\"complete\","
                    TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                  "\"arguments\":{\"name\":\"Ada\",\"fruit\":\"figs\"}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"description\":\"A greeting\",\"messages\":["
                    "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Say hello to Ada, who likes figs.\"}},"
                    "{\"role\":\"assistant\",\"content\":{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"}},"
                    "{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"test://notes\","
                    "\"mimeType\":\"text/plain\",\"text\":\"notes\"}}}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: missing "
                    "required argument “name”\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                  "\"arguments\":{\"name\":7}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                    "argument “name” must be a string\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/get\",\"params\":{\"name\":\"nope\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Unknown prompt: nope\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"prompts/get\",\"params\":{\"name\":\"plain\","
                  TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32603,\"message\":\"The prompt “plain” has no "
                    "function\"}}");

  /* a prompt's failures: a bad handle is the client's mistake (-32602),
   * anything else the server's (-32603), with the prompt named */
  {
    g_autoptr(McpPrompt) basket = mcp_prompt_new ("basket", "Talk about a basket");
    g_autofree char *handle = mcp_server_mint_handle (fixture->server, "basket", "b1", 60);
    g_autofree char *request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":62,\"method\":\"prompts/get\","
                                                "\"params\":{\"name\":\"basket\",\"arguments\":{\"basket\":\"%s\"},"
                                                TEST_MODERN_META "}}", handle);

    mcp_prompt_add_argument (basket, "basket", NULL, NULL, TRUE);
    mcp_prompt_set_func (basket, expand_basket, fixture->server, NULL);
    mcp_server_add_prompt (fixture->server, basket);

    test_peer_send (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":61,\"method\":\"prompts/get\",\"params\":{\"name\":\"basket\","
                    "\"arguments\":{\"basket\":\"forged\"}," TEST_MODERN_META "}}");
    test_peer_expect (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":61,\"error\":{\"code\":-32602,\"message\":\"The basket handle is "
                      "not valid (integrity check failed); create a new one\"}}");
    test_peer_send (fixture->peer, request);
    test_peer_expect (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":62,\"error\":{\"code\":-32603,\"message\":\"Getting the prompt "
                      "“basket” failed: disk gone while reading basket b1\"}}");
    g_assert_true (mcp_server_remove_prompt (fixture->server, "basket"));
  }

  /* 2024-11-05 knows no audio: the message says what it was */
  test_peer_initialize (fixture->peer, "2024-11-05");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                  "\"arguments\":{\"name\":\"Bo\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"description\":\"A greeting\",\"messages\":["
                    "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Say hello to Bo, who likes nothing.\"}},"
                    "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"[audio content of type audio/wav]\"}},"
                    "{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"test://notes\","
                    "\"mimeType\":\"text/plain\",\"text\":\"notes\"}}}]}}");
}

static void
test_completion (Fixture       *fixture,
                 gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                  "\"name\":\"greeting\"},\"argument\":{\"name\":\"fruit\",\"value\":\"ap\"}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"completion\":{\"values\":[\"apple\",\"apricot\"],"
                    "\"total\":2,\"hasMore\":false},\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* context arguments reach the function */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                  "\"name\":\"greeting\"},\"argument\":{\"name\":\"fruit\",\"value\":\"b\"},\"context\":{\"arguments\":"
                  "{\"only\":\"bilberry\"}}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"completion\":{\"values\":[\"banana\",\"blueberry\","
                    "\"bilberry\"],\"total\":3,\"hasMore\":false},\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* a template: at most 100 values, and hasMore */
  test_peer_initialize (fixture->peer, "2025-11-25");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/resource\","
                  "\"uri\":\"test://users/{id}{?tab}\"},\"argument\":{\"name\":\"id\",\"value\":\"u\"}}}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonObject *completion = json_object_get_object_member (json_object_get_object_member (response, "result"),
                                                            "completion");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (completion, "values")), ==, 100);
    g_assert_cmpint (json_object_get_int_member (completion, "total"), ==, 150);
    g_assert_true (json_object_get_boolean_member (completion, "hasMore"));
  }

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                  "\"name\":\"plain\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"completion\":{\"values\":[],\"total\":0,\"hasMore\":false}}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                  "\"name\":\"nope\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Unknown prompt: nope\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/other\"},"
                  "\"argument\":{\"name\":\"x\",\"value\":\"\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32602,\"message\":\"Invalid params: unknown "
                    "reference type “ref/other”\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"completion/complete\",\"params\":{}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “ref” and "
                    "“argument” (with “name” and “value”) are required\"}}");
}

/* subscriptions/listen: acknowledgement first, every notification tagged,
 * only what the filter asked for, several listens at once. */
static void
test_listen (Fixture       *fixture,
             gconstpointer  user_data)
{
  McpResource *counter = mcp_server_lookup_resource (fixture->server, "test://counter");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"L1\",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  "{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://counter\"]}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{"
                    MODERN_META_ID ("\"L1\"") ",\"notifications\":{\"toolsListChanged\":true,"
                    "\"resourceSubscriptions\":[\"test://counter\"]}}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  "{\"promptsListChanged\":true,\"resourcesListChanged\":true}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{"
                    MODERN_META_ID ("7") ",\"notifications\":{\"promptsListChanged\":true,\"resourcesListChanged\":true}}}");

  mcp_resource_notify_updated (counter);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://counter\","
                    MODERN_META_ID ("\"L1\"") "}}");

  /* a URI nobody subscribed to reaches nobody */
  mcp_server_notify_resource_updated (fixture->server, "test://static-text");

  g_assert_true (mcp_server_remove_tool (fixture->server, "fail"));
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{"
                    MODERN_META_ID ("\"L1\"") "}}");

  g_assert_true (mcp_server_remove_prompt (fixture->server, "plain"));
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\",\"params\":{"
                    MODERN_META_ID ("7") "}}");

  g_assert_true (mcp_server_remove_resource (fixture->server, "test://broken"));
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/list_changed\",\"params\":{"
                    MODERN_META_ID ("7") "}}");

  /* the client ends L1: nothing more for it */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"L1\","
                  TEST_MODERN_META "}}");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":{" TEST_MODERN_META "}}");
  g_free (test_peer_recv (fixture->peer));
  mcp_resource_notify_updated (counter);
  test_peer_expect_silence (fixture->peer, 50);

  /* the server ends 7 gracefully */
  mcp_server_close_subscriptions (fixture->server);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7,"
                    "\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"1.2.3\"}},"
                    "\"resultType\":\"complete\"}}");

  g_assert_true (mcp_server_remove_prompt (fixture->server, "greeting"));
  test_peer_expect_silence (fixture->peer, 50);

  /* a bad filter */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"subscriptions/listen\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“notifications” must be an object\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  "{\"resourceSubscriptions\":[1]}," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“resourceSubscriptions” must be an array of URIs\"}}");
}

/* Legacy resources/subscribe and list changes on the session. */
static void
test_legacy_subscribe (Fixture       *fixture,
                       gconstpointer  user_data)
{
  McpResource *counter = mcp_server_lookup_resource (fixture->server, "test://counter");

  test_peer_initialize (fixture->peer, "2025-11-25");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://counter\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

  mcp_resource_notify_updated (counter);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":\"test://counter\"}}");
  mcp_server_notify_resource_updated (fixture->server, "test://static-text");
  test_peer_expect_silence (fixture->peer, 50);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/unsubscribe\",\"params\":{\"uri\":\"test://counter\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
  mcp_resource_notify_updated (counter);
  test_peer_expect_silence (fixture->peer, 50);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/subscribe\",\"params\":{}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: “uri” must "
                    "be a string\"}}");

  /* list changes of every kind */
  mcp_server_remove_prompt (fixture->server, "plain");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\"}");
  mcp_server_remove_resource_template (fixture->server, "test://users/{id}{?tab}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/list_changed\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Resources/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Mcp/Resources/uri-templates", test_uri_templates);
  ADD ("capabilities", test_capabilities);
  ADD ("list", test_resources_list);
  ADD ("read", test_resources_read);
  ADD ("prompts", test_prompts);
  ADD ("completion", test_completion);
  ADD ("listen", test_listen);
  ADD ("legacy-subscribe", test_legacy_subscribe);

#undef ADD

  return g_test_run ();
}
