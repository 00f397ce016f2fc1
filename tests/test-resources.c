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

/* Both return nothing without saying why: a bug in the server. */
static McpResourceContents *
read_nothing (McpResource        *resource,
              McpRequestContext  *context,
              gpointer            user_data,
              GError            **error)
{
  return NULL;
}

static McpResourceContents *
read_template_nothing (McpResourceTemplate  *template,
                       McpRequestContext    *context,
                       const char           *uri,
                       JsonObject           *variables,
                       gpointer              user_data,
                       GError              **error)
{
  return NULL;
}

/* Subclasses whose *_finish() gives neither a result nor an error. */
typedef struct { McpResource parent_instance; } NullResource;
typedef struct { McpResourceClass parent_class; } NullResourceClass;
typedef struct { McpPrompt parent_instance; } NullPrompt;
typedef struct { McpPromptClass parent_class; } NullPromptClass;

static GType null_resource_get_type (void);
static GType null_prompt_get_type (void);

G_DEFINE_TYPE (NullResource, null_resource, MCP_TYPE_RESOURCE)
G_DEFINE_TYPE (NullPrompt, null_prompt, MCP_TYPE_PROMPT)

static void
null_resource_read_async (McpResource         *resource,
                          McpRequestContext   *context,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resource, cancellable, callback, user_data);

  g_task_return_pointer (task, NULL, NULL);
}

static McpResourceContents *
null_resource_read_finish (McpResource   *resource,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
null_resource_class_init (NullResourceClass *klass)
{
  MCP_RESOURCE_CLASS (klass)->read_async = null_resource_read_async;
  MCP_RESOURCE_CLASS (klass)->read_finish = null_resource_read_finish;
}

static void
null_resource_init (NullResource *self)
{
}

static void
null_prompt_get_async (McpPrompt           *prompt,
                       McpRequestContext   *context,
                       JsonObject          *arguments,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (prompt, cancellable, callback, user_data);

  g_task_return_pointer (task, NULL, NULL);
}

static McpPromptResult *
null_prompt_get_finish (McpPrompt     *prompt,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
null_prompt_class_init (NullPromptClass *klass)
{
  MCP_PROMPT_CLASS (klass)->get_async = null_prompt_get_async;
  MCP_PROMPT_CLASS (klass)->get_finish = null_prompt_get_finish;
}

static void
null_prompt_init (NullPrompt *self)
{
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

/* The server holds a reference: the template stays valid while it is
 * registered. */
static McpResourceTemplate *
lookup_template (McpServer  *server,
                 const char *uri_template)
{
  g_autoptr(GPtrArray) templates = mcp_server_list_resource_templates (server);

  for (guint i = 0; i < templates->len; i++)
    {
      McpResourceTemplate *template = g_ptr_array_index (templates, i);

      if (g_strcmp0 (mcp_resource_template_get_uri_template (template), uri_template) == 0)
        return template;
    }

  g_assert_not_reached ();
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* A template's ttl and cache-scope reach resources/read as a resource's
 * do, for every URI it reads; a resource at the URI keeps its own. */
static void
test_template_cache_hints (Fixture       *fixture,
                           gconstpointer  user_data)
{
  McpResourceTemplate *users = lookup_template (fixture->server, "test://users/{id}{?tab}");
  McpCacheScope scope = MCP_CACHE_SCOPE_PUBLIC;
  guint notified = 0;
  guint ttl = 1;

  /* the defaults: private, 0 */
  g_object_get (users, "ttl", &ttl, "cache-scope", &scope, NULL);
  g_assert_cmpuint (ttl, ==, 0);
  g_assert_cmpint (scope, ==, MCP_CACHE_SCOPE_PRIVATE);

  /* notify only on a change */
  g_signal_connect (users, "notify", G_CALLBACK (count_notify_cb), &notified);
  mcp_resource_template_set_ttl (users, 2500);
  mcp_resource_template_set_ttl (users, 2500);
  g_object_set (users, "cache-scope", MCP_CACHE_SCOPE_PUBLIC, NULL);
  mcp_resource_template_set_cache_scope (users, MCP_CACHE_SCOPE_PUBLIC);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (mcp_resource_template_get_ttl (users), ==, 2500);
  g_assert_cmpint (mcp_resource_template_get_cache_scope (users), ==, MCP_CACHE_SCOPE_PUBLIC);
  g_signal_handlers_disconnect_by_func (users, count_notify_cb, &notified);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":"
                  "{\"uri\":\"test://users/7\"," TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"contents\":[{\"uri\":\"test://users/7\","
                    "\"mimeType\":\"application/json\",\"text\":\"{\\\"id\\\":\\\"7\\\",\\\"tab\\\":\\\"\\\"}\"}],"
                    "\"ttlMs\":2500,\"cacheScope\":\"public\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  /* a resource registered at a URI the template matches keeps its own */
  {
    g_autoptr(McpResource) admin = mcp_resource_new_text ("test://users/admin", "Admin", "text/plain", "root");

    mcp_server_add_resource (fixture->server, admin);
    test_peer_send (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":"
                    "{\"uri\":\"test://users/admin\"," TEST_MODERN_META "}}");
    test_peer_expect (fixture->peer,
                      "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":[{\"uri\":\"test://users/admin\","
                      "\"mimeType\":\"text/plain\",\"text\":\"root\"}],"
                      "\"ttlMs\":0,\"cacheScope\":\"private\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
  }

  /* a legacy client gets neither member */
  test_peer_initialize (fixture->peer, "2025-11-25");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://users/7\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"contents\":[{\"uri\":\"test://users/7\","
                    "\"mimeType\":\"application/json\",\"text\":\"{\\\"id\\\":\\\"7\\\",\\\"tab\\\":\\\"\\\"}\"}]}}");
}

/* A read function, of a resource or of a template, that returns NULL
 * without an error gets the same internal error in both eras; so does a
 * read_finish() or get_finish() override that does it. */
static void
test_read_produced_nothing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(McpResource) resource = mcp_resource_new ("test://void", "Void");
  g_autoptr(McpResource) subclassed = g_object_new (null_resource_get_type (),
                                                    "uri", "test://null", "name", "Null", NULL);
  g_autoptr(McpPrompt) prompt = g_object_new (null_prompt_get_type (), "name", "null", NULL);
  g_autoptr(McpResourceTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  const char *versions[] = { "2026-07-28", "2025-11-25" };

  template = mcp_resource_template_new ("test://voids/{id}", "Voids", &error);
  g_assert_no_error (error);
  mcp_resource_template_set_read_func (template, read_template_nothing, NULL, NULL);
  mcp_resource_set_read_func (resource, read_nothing, NULL, NULL);
  mcp_server_add_resource (fixture->server, resource);
  mcp_server_add_resource (fixture->server, subclassed);
  mcp_server_add_resource_template (fixture->server, template);
  mcp_server_add_prompt (fixture->server, prompt);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      const char *meta = i == 0 ? "," TEST_MODERN_META : "";

      if (i == 1)
        test_peer_initialize (fixture->peer, versions[i]);

#define READ(id, uri) \
      g_autofree char *request_##id = \
        g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":" #id ",\"method\":\"resources/read\"," \
                         "\"params\":{\"uri\":\"" uri "\"%s}}", meta)
      {
        READ (1, "test://void");
        READ (2, "test://voids/3");
        READ (3, "test://null");
        g_autofree char *request_4 =
          g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\","
                           "\"params\":{\"name\":\"null\"%s}}", meta);

        test_peer_send (fixture->peer, request_1);
        test_peer_expect (fixture->peer,
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":"
                          "\"Reading “test://void” produced nothing\"}}");
        test_peer_send (fixture->peer, request_2);
        test_peer_expect (fixture->peer,
                          "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,\"message\":"
                          "\"Reading “test://voids/3” produced nothing\"}}");
        test_peer_send (fixture->peer, request_3);
        test_peer_expect (fixture->peer,
                          "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32603,\"message\":"
                          "\"Reading “test://null” produced nothing\"}}");
        test_peer_send (fixture->peer, request_4);
        test_peer_expect (fixture->peer,
                          "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32603,\"message\":"
                          "\"The prompt “null” produced nothing\"}}");
      }
#undef READ
    }
}

/* The icons and _meta of prompts, resources and templates: what the
 * getters give back is what the lists send. */
static void
test_metadata_getters (Fixture       *fixture,
                       gconstpointer  user_data)
{
  McpPrompt *plain = mcp_server_lookup_prompt (fixture->server, "plain");
  McpResource *binary = mcp_server_lookup_resource (fixture->server, "test://binary");
  McpResourceTemplate *users = lookup_template (fixture->server, "test://users/{id}{?tab}");
  g_autoptr(JsonNode) meta_node = test_parse ("{\"example.com/kind\":\"demo\"}");
  JsonObject *meta = json_node_get_object (meta_node);
  const char * const sizes[] = { "48x48", NULL };
  guint notified = 0;

  g_assert_null (mcp_prompt_get_icons (plain));
  g_assert_null (mcp_prompt_get_meta (plain));
  g_assert_null (mcp_resource_get_icons (binary));
  g_assert_null (mcp_resource_template_get_icons (users));
  g_assert_null (mcp_resource_template_get_meta (users));

  /* icons and meta are properties, notified when they change */
  g_signal_connect (plain, "notify", G_CALLBACK (count_notify_cb), &notified);
  mcp_prompt_add_icon (plain, "https://example.com/p.png", "image/png", sizes, NULL);
  mcp_prompt_set_meta (plain, meta);
  mcp_prompt_set_meta (plain, meta);
  g_assert_cmpuint (notified, ==, 2);
  g_signal_handlers_disconnect_by_func (plain, count_notify_cb, &notified);
  {
    g_autoptr(JsonObject) got_meta = NULL;
    g_autoptr(JsonArray) got_icons = NULL;

    g_object_get (plain, "meta", &got_meta, "icons", &got_icons, NULL);
    g_assert_true (got_meta == meta);
    g_assert_true (got_icons == mcp_prompt_get_icons (plain));
  }
  mcp_resource_add_icon (binary, "https://example.com/r.svg", NULL, NULL, "dark");
  mcp_resource_template_add_icon (users, "https://example.com/t.png", NULL, NULL, NULL);
  mcp_resource_template_add_icon (users, "https://example.com/t2.png", NULL, NULL, "light");
  mcp_resource_template_set_meta (users, meta);

  g_assert_cmpuint (json_array_get_length (mcp_prompt_get_icons (plain)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mcp_prompt_get_icons (plain), 0),
                                                  "src"), ==, "https://example.com/p.png");
  g_assert_true (mcp_prompt_get_meta (plain) == meta);
  g_assert_cmpuint (json_array_get_length (mcp_resource_get_icons (binary)), ==, 1);
  g_assert_cmpuint (json_array_get_length (mcp_resource_template_get_icons (users)), ==, 2);
  g_assert_true (mcp_resource_template_get_meta (users) == meta);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/templates/list\",\"params\":{" TEST_MODERN_META "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resourceTemplates\":["
                    "{\"uriTemplate\":\"test://users/{id}{?tab}\",\"name\":\"Users\",\"mimeType\":\"application/json\","
                    "\"icons\":[{\"src\":\"https://example.com/t.png\"},{\"src\":\"https://example.com/t2.png\",\"theme\":\"light\"}],"
                    "\"_meta\":{\"example.com/kind\":\"demo\"}}],"
                    "\"ttlMs\":60000,\"cacheScope\":\"public\",\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/list\",\"params\":{" TEST_MODERN_META "}}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonArray *prompts = json_object_get_array_member (json_object_get_object_member (response, "result"), "prompts");
    JsonObject *listed = json_array_get_object_element (prompts, 1);
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *text = NULL;

    json_node_set_object (node, listed);
    text = json_to_string (node, FALSE);
    g_assert_cmpstr (text, ==,
                     "{\"name\":\"plain\",\"icons\":[{\"src\":\"https://example.com/p.png\",\"mimeType\":\"image/png\","
                     "\"sizes\":[\"48x48\"]}],\"_meta\":{\"example.com/kind\":\"demo\"}}");
  }

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\",\"params\":{" TEST_MODERN_META "}}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonArray *resources = json_object_get_array_member (json_object_get_object_member (response, "result"),
                                                         "resources");
    JsonObject *listed = json_array_get_object_element (resources, 0);
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *text = NULL;

    json_node_set_object (node, listed);
    text = json_to_string (node, FALSE);
    g_assert_cmpstr (text, ==,
                     "{\"uri\":\"test://binary\",\"name\":\"Binary\",\"mimeType\":\"image/png\",\"size\":6,"
                     "\"icons\":[{\"src\":\"https://example.com/r.svg\",\"theme\":\"dark\"}]}");
  }
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
  g_autoptr(McpPrompt) bare = mcp_prompt_new ("bare", NULL);

  mcp_prompt_add_argument (bare, "x", NULL, NULL, FALSE);
  mcp_server_add_prompt (fixture->server, bare);

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

  /* a declared argument of a prompt without a completion function */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                  "\"name\":\"bare\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}}");
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

/* Only declared arguments and variables: prompts/get with an argument the
 * prompt does not declare, and completion/complete for an argument or a
 * variable that is not there, are -32602 in both eras. */
static void
test_undeclared_arguments (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *metas[] = { "," TEST_MODERN_META, "" };

  for (guint i = 0; i < G_N_ELEMENTS (metas); i++)
    {
      g_autofree char *get = NULL;
      g_autofree char *get_typo = NULL;
      g_autofree char *get_plain = NULL;
      g_autofree char *complete_prompt = NULL;
      g_autofree char *complete_plain = NULL;
      g_autofree char *complete_template = NULL;
      g_autofree char *complete_context = NULL;

      if (i == 1)
        test_peer_initialize (fixture->peer, "2025-06-18");

      get = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                             "\"arguments\":{\"name\":\"Ada\",\"mood\":\"happy\",\"fruit\":\"figs\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, get);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "prompt “greeting” has no argument “mood”\"}}");

      /* the arguments are looked at in the order the client sent them */
      get_typo = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\","
                                  "\"arguments\":{\"Name\":7,\"name\":\"Ada\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, get_typo);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "prompt “greeting” has no argument “Name”\"}}");

      get_plain = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"plain\","
                                   "\"arguments\":{\"x\":\"y\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, get_plain);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "prompt “plain” has no argument “x”\"}}");

      complete_prompt = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                                         "{\"type\":\"ref/prompt\",\"name\":\"greeting\"},\"argument\":{\"name\":\"fruits\","
                                         "\"value\":\"ap\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, complete_prompt);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "prompt “greeting” has no argument “fruits”\"}}");

      /* even when there is no completion function to ask */
      complete_plain = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                                        "{\"type\":\"ref/prompt\",\"name\":\"plain\"},\"argument\":{\"name\":\"x\","
                                        "\"value\":\"\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, complete_plain);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "prompt “plain” has no argument “x”\"}}");

      complete_template = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                                           "{\"type\":\"ref/resource\",\"uri\":\"test://users/{id}{?tab}\"},\"argument\":"
                                           "{\"name\":\"user\",\"value\":\"u\"}%s}}", metas[i]);
      test_peer_send (fixture->peer, complete_template);
      test_peer_expect (fixture->peer,
                        "{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the "
                        "resource template “test://users/{id}{?tab}” has no variable “user”\"}}");

      /* a query variable is a variable; context.arguments is not checked */
      complete_context = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                                          "{\"type\":\"ref/resource\",\"uri\":\"test://users/{id}{?tab}\"},\"argument\":"
                                          "{\"name\":\"tab\",\"value\":\"x\"},\"context\":{\"arguments\":{\"other\":\"1\"}}%s}}",
                                          metas[i]);
      test_peer_send (fixture->peer, complete_context);
      {
        g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
        JsonObject *result = json_object_get_object_member (response, "result");

        g_assert_nonnull (result);
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "completion"), "total"),
                         ==, 150);
      }
    }
}

/* Declaring two arguments of the same name is a programming error: a
 * critical warning, and the first declaration stays. (The library logs
 * structured messages, which g_test_expect_message() does not see.) */
static void
test_duplicate_argument (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(McpPrompt) prompt = mcp_prompt_new ("twice", NULL);
      JsonArray *arguments;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      mcp_prompt_add_argument (prompt, "name", NULL, "First", TRUE);
      mcp_prompt_add_argument (prompt, "name", NULL, "Second", FALSE);

      arguments = mcp_prompt_get_arguments (prompt);
      g_assert_cmpuint (json_array_get_length (arguments), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arguments, 0), "description"),
                       ==, "First");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* the quotes may have become “?” in the C locale */
  g_test_trap_assert_stderr ("*CRITICAL*mcp_prompt_add_argument: the prompt ?twice? already has an "
                             "argument ?name?*");
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

static void
count_signal_cb (McpServer *server,
                 gpointer   user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Changing a registered object announces a list change, once for all the
 * changes of one main loop iteration; properties that do not show in the
 * list, objects no longer registered and re-adding the same object
 * announce nothing. */
static void
test_object_changes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TestPeer) modern = test_peer_new (fixture->server);
  McpTool *echo = mcp_server_lookup_tool (fixture->server, "echo");
  McpPrompt *greeting = mcp_server_lookup_prompt (fixture->server, "greeting");
  McpResource *counter = mcp_server_lookup_resource (fixture->server, "test://counter");
  McpResourceTemplate *users = lookup_template (fixture->server, "test://users/{id}{?tab}");
  g_autoptr(McpTool) removed = g_object_ref (mcp_server_lookup_tool (fixture->server, "fail"));
  g_autoptr(JsonNode) schema = test_parse ("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}");
  g_autoptr(JsonNode) meta = test_parse ("{\"example.com/v\":2}");
  guint tools_changed = 0;

  test_peer_initialize (fixture->peer, "2025-11-25");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

  test_peer_send (modern,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                  "{\"toolsListChanged\":true,\"promptsListChanged\":true,\"resourcesListChanged\":true},"
                  TEST_MODERN_META "}}");
  test_peer_expect (modern,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{"
                    MODERN_META_ID ("\"L\"") ",\"notifications\":{\"toolsListChanged\":true,"
                    "\"promptsListChanged\":true,\"resourcesListChanged\":true}}}");

  g_signal_connect (fixture->server, "tools-changed", G_CALLBACK (count_signal_cb), &tools_changed);

  /* three properties of a tool at once: one notification, one signal,
   * after the main loop ran */
  g_object_set (echo, "title", "Echo", "description", "Says it again", "input-schema",
                json_node_get_object (schema), NULL);
  mcp_tool_set_meta (echo, json_node_get_object (meta));
  g_assert_cmpuint (tools_changed, ==, 0);
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
  test_peer_expect (modern,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{"
                    MODERN_META_ID ("\"L\"") "}}");
  test_peer_expect_silence (fixture->peer, 50);
  test_peer_expect_silence (modern, 0);
  g_assert_cmpuint (tools_changed, ==, 1);

  /* what the clients list again is the changed tool */
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    JsonArray *tools = json_object_get_array_member (json_object_get_object_member (response, "result"), "tools");
    gboolean seen = FALSE;

    for (guint i = 0; i < json_array_get_length (tools); i++)
      {
        JsonObject *tool = json_array_get_object_element (tools, i);

        if (g_strcmp0 (json_object_get_string_member (tool, "name"), "echo") != 0)
          continue;
        g_assert_cmpstr (json_object_get_string_member (tool, "title"), ==, "Echo");
        g_assert_cmpstr (json_object_get_string_member (tool, "description"), ==, "Says it again");
        g_assert_true (json_object_has_member (json_object_get_object_member (json_object_get_object_member (tool, "inputSchema"),
                                                                               "properties"), "text"));
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tool, "_meta"), "example.com/v"),
                         ==, 2);
        seen = TRUE;
      }
    g_assert_true (seen);
  }

  /* a prompt: its description, an argument and an icon */
  mcp_prompt_set_description (greeting, "Greet someone warmly");
  mcp_prompt_add_argument (greeting, "tone", NULL, NULL, FALSE);
  mcp_prompt_add_icon (greeting, "https://example.com/wave.png", NULL, NULL, NULL);
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\"}");
  test_peer_expect (modern,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\",\"params\":{"
                    MODERN_META_ID ("\"L\"") "}}");
  test_peer_expect_silence (fixture->peer, 50);

  /* resources and templates share one list change, and changes of the
   * three kinds in one iteration give one of each */
  mcp_resource_set_title (counter, "A counter");
  mcp_resource_template_set_description (users, "The users");
  mcp_resource_add_icon (counter, "https://example.com/c.png", NULL, NULL, NULL);
  mcp_tool_set_hint (echo, "readOnlyHint", TRUE);
  mcp_prompt_set_title (greeting, "Greeting");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\"}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/list_changed\"}");
  test_peer_expect_silence (fixture->peer, 50);
  for (guint i = 0; i < 3; i++)
    g_free (test_peer_recv (modern));
  g_assert_cmpuint (tools_changed, ==, 2);

  /* properties that do not show in the lists */
  mcp_tool_set_timeout (echo, 1000);
  mcp_tool_set_run_in_thread (echo, TRUE);
  mcp_tool_set_run_in_thread (echo, FALSE);
  mcp_resource_set_ttl (counter, 5);
  mcp_resource_set_cache_scope (counter, MCP_CACHE_SCOPE_PRIVATE);
  mcp_resource_template_set_ttl (users, 5);
  test_peer_expect_silence (fixture->peer, 50);

  /* setting a value it already has notifies nothing, so announces nothing */
  mcp_tool_set_title (echo, "Echo");
  test_peer_expect_silence (fixture->peer, 50);

  /* re-adding the very same object is a no-op ... */
  mcp_server_add_tool (fixture->server, echo);
  mcp_server_add_prompt (fixture->server, greeting);
  mcp_server_add_resource (fixture->server, counter);
  mcp_server_add_resource_template (fixture->server, users);
  test_peer_expect_silence (fixture->peer, 50);
  g_assert_cmpuint (tools_changed, ==, 2);

  /* ... an object no longer registered is not listened to ... */
  g_assert_true (mcp_server_remove_tool (fixture->server, "fail"));
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
  mcp_tool_set_description (removed, "Not here any more");
  test_peer_expect_silence (fixture->peer, 50);

  /* ... nor one that was replaced; the replacement is announced at once,
   * and covers a change queued before it */
  {
    g_autoptr(McpTool) replacement = mcp_tool_new ("echo", "Another echo");
    g_autoptr(McpTool) replaced = g_object_ref (echo);

    mcp_tool_set_title (replaced, "Queued");
    mcp_server_add_tool (fixture->server, replacement);
    test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
    test_peer_expect_silence (fixture->peer, 50);
    mcp_tool_set_title (replaced, "Gone");
    test_peer_expect_silence (fixture->peer, 50);
    g_assert_cmpuint (tools_changed, ==, 4);
  }

  for (guint i = 0; i < 2; i++)
    g_free (test_peer_recv (modern));
  test_peer_expect_silence (modern, 0);
  g_signal_handlers_disconnect_by_func (fixture->server, count_signal_cb, &tools_changed);
}

/* The server stops listening to the objects it held when it goes away. */
static void
test_object_outlives_server (void)
{
  g_autoptr(McpServer) server = test_server_new ();
  g_autoptr(McpTool) tool = mcp_tool_new ("kept", "Kept by the application");

  mcp_server_add_tool (server, tool);
  mcp_tool_set_description (tool, "Changed, then the server goes");
  g_assert_finalize_object (g_steal_pointer (&server));

  /* neither a handler nor an idle of the server is left to run */
  mcp_tool_set_description (tool, "Changed again");
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  ADD ("template-cache-hints", test_template_cache_hints);
  ADD ("metadata-getters", test_metadata_getters);
  ADD ("read-produced-nothing", test_read_produced_nothing);
  ADD ("prompts", test_prompts);
  ADD ("completion", test_completion);
  ADD ("undeclared-arguments", test_undeclared_arguments);
  g_test_add_func ("/Mcp/Resources/duplicate-argument", test_duplicate_argument);
  ADD ("listen", test_listen);
  ADD ("legacy-subscribe", test_legacy_subscribe);
  ADD ("object-changes", test_object_changes);
  g_test_add_func ("/Mcp/Resources/object-outlives-server", test_object_outlives_server);

#undef ADD

  return g_test_run ();
}
