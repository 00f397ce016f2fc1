/* test-provider.c — McpToolProvider subclasses described by a typelib
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The classes are in tp-classes.c; g-ir-scanner builds the Tp-1.0 typelib
 * and .gir from this very program (it answers --introspect-dump), and the
 * provider finds both next to the program. In a build without
 * introspection every test here is skipped.
 */

#include <string.h>

#include "test-util.h"
#include "tp-classes.h"

static gboolean have_typelib;

#define REQUIRE_TYPELIB()                                          \
  G_STMT_START {                                                   \
    if (!have_typelib)                                             \
      {                                                            \
        g_test_skip ("built without introspection: no typelib");   \
        return;                                                    \
      }                                                            \
  } G_STMT_END

typedef struct
{
  McpServer       *server;
  McpToolProvider *provider;
  TestPeer        *peer;
  guint            next_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  GType type = GPOINTER_TO_SIZE (user_data);

  if (!have_typelib)
    return;

  fixture->server = mcp_server_new ("test-server", "1.2.3");
  fixture->provider = g_object_new (type, NULL);
  mcp_server_add_provider (fixture->server, fixture->provider);
  fixture->peer = test_peer_new (fixture->server);
  test_peer_initialize (fixture->peer, "2025-11-25");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (!have_typelib)
    return;

  g_clear_pointer (&fixture->peer, test_peer_free);
  g_assert_true (mcp_server_remove_provider (fixture->server, fixture->provider));
  g_assert_finalize_object (fixture->provider);
  g_assert_finalize_object (fixture->server);
}

/* JSON written with single quotes, for readability */
static char *
j (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

static JsonObject *
call (Fixture    *fixture,
      const char *name,
      const char *arguments)
{
  g_autofree char *args = j (arguments);
  g_autofree char *request = NULL;
  g_autoptr(JsonObject) response = NULL;
  JsonObject *result;
  guint id = ++fixture->next_id;

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                             "\"params\":{\"name\":\"%s\",\"arguments\":%s}}", id, name, args);
  test_peer_send (fixture->peer, request);
  response = test_peer_recv_object (fixture->peer);
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, id);
  if (!json_object_has_member (response, "result"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), response);
      g_autofree char *text = json_to_string (node, FALSE);
      g_error ("%s: expected a result, got %s", name, text);
    }
  result = json_object_get_object_member (response, "result");
  return json_object_ref (result);
}

/* Calls @name and checks the whole result against @expected. */
static void
expect_result (Fixture    *fixture,
               const char *name,
               const char *arguments,
               const char *expected)
{
  g_autoptr(JsonObject) result = call (fixture, name, arguments);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *want = j (expected);

  test_assert_json_equal (text, want);
}

/* Calls @name and checks the text of its one content block. */
static void
expect_text (Fixture    *fixture,
             const char *name,
             const char *arguments,
             const char *expected)
{
  g_autoptr(JsonObject) result = call (fixture, name, arguments);
  JsonArray *content = json_object_get_array_member (result, "content");

  g_assert_false (json_object_has_member (result, "isError"));
  g_assert_cmpuint (json_array_get_length (content), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                   ==, expected);
}

/* Calls @name and checks it fails as a tool with a message matching @pattern. */
static void
expect_tool_error (Fixture    *fixture,
                   const char *name,
                   const char *arguments,
                   const char *pattern)
{
  g_autoptr(JsonObject) result = call (fixture, name, arguments);
  JsonArray *content = json_object_get_array_member (result, "content");
  const char *text;

  g_assert_true (json_object_get_boolean_member (result, "isError"));
  text = json_object_get_string_member (json_array_get_object_element (content, 0), "text");
  if (!g_pattern_match_simple (pattern, text))
    g_error ("%s: error “%s” does not match “%s”", name, text, pattern);
}

static JsonObject *
list_tools (Fixture *fixture)
{
  g_autoptr(JsonObject) response = NULL;
  JsonArray *tools;
  JsonObject *by_name = json_object_new ();
  g_autofree char *request = NULL;

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/list\"}",
                             ++fixture->next_id);
  test_peer_send (fixture->peer, request);
  response = test_peer_recv_object (fixture->peer);
  tools = json_object_get_array_member (json_object_get_object_member (response, "result"), "tools");
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);

      json_object_set_object_member (by_name, json_object_get_string_member (tool, "name"),
                                     json_object_ref (tool));
    }

  return by_name;
}

static char *
tool_names (JsonObject *tools)
{
  g_autoptr(GList) names = json_object_get_members (tools);
  g_autoptr(GString) text = g_string_new (NULL);

  names = g_list_sort (names, (GCompareFunc)strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", (char *)l->data);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Schemas */

/* Every tool of TpTypes, as tools/list sends it, against the snapshot in
 * data/tp-types-tools.json: one per mapped type. */
static void
test_schema_snapshot (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(JsonObject) tools = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) snapshot_node = NULL;
  g_autoptr(GList) names = NULL;

  REQUIRE_TYPELIB ();

  tools = list_tools (fixture);
  path = g_test_build_filename (G_TEST_DIST, "data", "tp-types-tools.json", NULL);

  /* MCP_TEST_UPDATE_SNAPSHOT=1 rewrites the snapshot: review its diff. */
  if (g_getenv ("MCP_TEST_UPDATE_SNAPSHOT") != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), tools);

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_to_file (generator, path, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  snapshot_node = test_parse (contents);
  snapshot = json_object_ref (json_node_get_object (snapshot_node));

  g_assert_cmpuint (json_object_get_size (tools), ==, json_object_get_size (snapshot));

  names = json_object_get_members (snapshot);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *tool = json_object_get_object_member (tools, name);
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(JsonNode) actual = NULL;

      if (tool == NULL)
        g_error ("The tool “%s” is missing", name);

      expected = json_node_init_object (json_node_alloc (), json_object_get_object_member (snapshot, name));
      actual = json_node_init_object (json_node_alloc (), tool);
      if (!json_node_equal (actual, expected))
        {
          g_autofree char *actual_text = json_to_string (actual, FALSE);
          g_autofree char *expected_text = json_to_string (expected, FALSE);

          g_error ("The tool “%s” differs from the snapshot:\n  actual:   %s\n  expected: %s",
                   name, actual_text, expected_text);
        }
    }
}

/* Invocation of each type */

static void
test_invoke_scalars (Fixture       *fixture,
                     gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_text (fixture, "echo_boolean", "{'value':true}", "true");
  expect_text (fixture, "echo_int8", "{'value':-128}", "-128");
  expect_text (fixture, "echo_uint8", "{'value':255}", "255");
  expect_text (fixture, "echo_int16", "{'value':-32768}", "-32768");
  expect_text (fixture, "echo_uint16", "{'value':65535}", "65535");
  expect_text (fixture, "echo_int32", "{'value':-2147483648}", "-2147483648");
  expect_text (fixture, "echo_uint32", "{'value':4294967295}", "4294967295");
  expect_text (fixture, "echo_int64", "{'value':-9223372036854775807}", "-9223372036854775807");
  expect_text (fixture, "echo_uint64", "{'value':9223372036854775807}", "9223372036854775807");
  expect_text (fixture, "echo_float", "{'value':0.1}", "0.1");
  expect_text (fixture, "echo_double", "{'value':0.30000000000000004}", "0.30000000000000004");
  expect_text (fixture, "echo_double", "{'value':2}", "2");
  expect_text (fixture, "echo_string", "{'value':'héllo ☃'}", "héllo ☃");
  expect_text (fixture, "echo_filename", "{'path':'/tmp/é.txt'}", "/tmp/é.txt");
  expect_text (fixture, "echo_color", "{'color':'dark-green'}", "dark-green");
  expect_text (fixture, "echo_bytes", "{'bytes':'aGk='}", "aGkh");
  expect_text (fixture, "answer", "{}", "42");
  expect_text (fixture, "whoami", "{}", "2025-11-25");
  expect_result (fixture, "ping", "{}", "{'content':[]}");
}

static void
test_invoke_lists (Fixture       *fixture,
                   gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_result (fixture, "echo_strv", "{'values':['a','b','c']}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[\\'c\\',\\'b\\',\\'a\\']}'}],"
                 "'structuredContent':{'result':['c','b','a']}}");
  expect_text (fixture, "sum", "{'values':[1,2,3,2147483647]}", "2147483653");
  expect_text (fixture, "sum", "{'values':[]}", "0");
  expect_result (fixture, "scale", "{'values':[1,2.5],'factor':2}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[2.0,5.0]}'}],"
                 "'structuredContent':{'result':[2,5]}}");
  expect_text (fixture, "join", "{'words':['a','b'],'separator':'+'}", "a+b");
  expect_result (fixture, "words", "{'text':'x y'}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[\\'x\\',\\'y\\']}'}],"
                 "'structuredContent':{'result':['x','y']}}");
  expect_result (fixture, "echo_perms", "{'perms':['write','read']}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[\\'read\\',\\'write\\']}'}],"
                 "'structuredContent':{'result':['read','write']}}");
}

static void
test_invoke_json (Fixture       *fixture,
                  gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_result (fixture, "echo_node", "{'node':null}",
                 "{'content':[{'type':'text','text':'{\\'result\\':null}'}],"
                 "'structuredContent':{'result':null}}");
  expect_result (fixture, "echo_node", "{'node':[1,{'a':null}]}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[1,{\\'a\\':null}]}'}],"
                 "'structuredContent':{'result':[1,{'a':null}]}}");
  expect_result (fixture, "echo_object", "{'object':{'a':1}}",
                 "{'content':[{'type':'text','text':'{\\'a\\':1}'}],'structuredContent':{'a':1}}");
  expect_result (fixture, "echo_array", "{'array':[true]}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[true]}'}],"
                 "'structuredContent':{'result':[true]}}");
  expect_result (fixture, "echo_variant", "{'variant':{'k':'v'}}",
                 "{'content':[{'type':'text','text':'{\\'result\\':{\\'k\\':\\'v\\'}}'}],"
                 "'structuredContent':{'result':{'k':'v'}}}");
}

static void
test_invoke_outputs (Fixture       *fixture,
                     gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_result (fixture, "split", "{'text':'one two three'}",
                 "{'content':[{'type':'text','text':'{\\'words\\':[\\'one\\',\\'two\\',\\'three\\']}'}],"
                 "'structuredContent':{'words':['one','two','three']}}");
  expect_result (fixture, "divide", "{'dividend':17,'divisor':5}",
                 "{'content':[{'type':'text','text':'{\\'result\\':true,\\'quotient\\':3,\\'remainder\\':2}'}],"
                 "'structuredContent':{'result':true,'quotient':3,'remainder':2}}");
  expect_result (fixture, "make_point", "{'x':1.5,'y':-2,'label':'here'}",
                 "{'content':[{'type':'text','text':'{\\'x\\':1.5,\\'y\\':-2.0,\\'label\\':\\'here\\'}'}],"
                 "'structuredContent':{'x':1.5,'y':-2,'label':'here'}}");
  /* a nullable object is wrapped, so that null fits the output schema */
  expect_result (fixture, "maybe_point", "{'want':false}",
                 "{'content':[{'type':'text','text':'{\\'result\\':null}'}],"
                 "'structuredContent':{'result':null}}");
  expect_result (fixture, "maybe_point", "{'want':true}",
                 "{'content':[{'type':'text','text':'{\\'result\\':{\\'x\\':0.0,\\'y\\':0.0,"
                 "\\'label\\':\\'origin\\'}}'}],"
                 "'structuredContent':{'result':{'x':0,'y':0,'label':'origin'}}}");
  expect_result (fixture, "picture", "{}",
                 "{'content':[{'type':'image','data':'iVBORw==','mimeType':'image/png'}]}");
}

static void
test_optional_arguments (Fixture       *fixture,
                         gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_text (fixture, "greet", "{}", "Hello, world!");
  expect_text (fixture, "greet", "{'name':'Ada'}", "Hello, Ada!");
  expect_text (fixture, "greet", "{'name':null,'greeting':'Hi','times':2}", "Hi, world! Hi, world!");
  /* every readable property, default values too */
  expect_result (fixture, "make_point", "{'x':0,'y':0}",
                 "{'content':[{'type':'text','text':'{\\'x\\':0.0,\\'y\\':0.0,\\'label\\':null}'}],"
                 "'structuredContent':{'x':0,'y':0,'label':null}}");
}

/* Errors */

static void
test_errors_name_the_argument (Fixture       *fixture,
                               gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  expect_tool_error (fixture, "echo_int8", "{'value':128}", "Invalid argument “value”: must be at most 127*");
  expect_tool_error (fixture, "echo_uint32", "{'value':-1}", "Invalid argument “value”: must be at least 0*");
  expect_tool_error (fixture, "echo_int32", "{'value':'3'}", "Invalid argument “value”: expected an integer, got a string");
  expect_tool_error (fixture, "echo_int32", "{'value':1.5}", "Invalid argument “value”: expected an integer, got a number");
  expect_tool_error (fixture, "echo_int32", "{}", "Missing required argument “value”");
  expect_tool_error (fixture, "echo_int32", "{'value':1,'other':2}", "Unexpected argument “other”");
  expect_tool_error (fixture, "echo_color", "{'color':'green'}", "Invalid argument “color”: must be one of*");
  expect_tool_error (fixture, "echo_perms", "{'perms':['read','read']}", "Invalid argument “perms”: items 0 and 1 are equal*");
  expect_tool_error (fixture, "sum", "{'values':[1,'2']}", "Invalid argument “values[1]”: expected an integer*");
  expect_tool_error (fixture, "echo_bytes", "{'bytes':'not base64!'}", "Invalid argument “bytes”: must match the pattern*");
  expect_tool_error (fixture, "echo_object", "{'object':[]}", "Invalid argument “object”: expected an object, got an array");
  expect_tool_error (fixture, "echo_string", "{'value':null}", "Invalid argument “value”: expected a string, got null");
  expect_tool_error (fixture, "fail", "{'message':'No way'}", "No way");
  expect_tool_error (fixture, "divide", "{'dividend':1,'divisor':0}", "Division by zero");
}

static void
test_lenient (Fixture       *fixture,
              gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  /* off by default */
  g_assert_false (mcp_tool_provider_get_lenient (fixture->provider));
  expect_tool_error (fixture, "echo_int32", "{'value':'3'}", "Invalid argument “value”*");

  mcp_tool_provider_set_lenient (fixture->provider, TRUE);
  expect_text (fixture, "echo_int32", "{'value':'3'}", "3");
  expect_text (fixture, "echo_double", "{'value':'2.5'}", "2.5");
  expect_text (fixture, "echo_boolean", "{'value':'true'}", "true");
  expect_text (fixture, "echo_string", "{'value':7}", "7");
  expect_text (fixture, "sum", "{'values':['1','2']}", "3");
  /* still checked after conversion */
  expect_tool_error (fixture, "echo_int8", "{'value':'300'}", "Invalid argument “value”: must be at most 127*");
  expect_tool_error (fixture, "echo_int32", "{'value':'three'}", "Invalid argument “value”: expected an integer*");
}

/* Discovery */

static void
test_discovery (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(JsonObject) tools = NULL;
  g_autofree char *names = NULL;

  REQUIRE_TYPELIB ();

  tools = list_tools (fixture);
  names = tool_names (tools);
  /* no hidden (skip), no constructor, no get_cancellations (skip); fetch
   * is the asynchronous one; properties become get_/set_ tools */
  g_assert_cmpstr (names, ==,
                   "fetch get_color get_count get_label get_tags get_total increment "
                   "set_color set_count set_label set_tags sleep");
  expect_text (fixture, "fetch", "{'key':'k'}", "async:k");
  g_assert_cmpstr (mcp_tool_provider_get_description (fixture->provider), ==,
                   "Counts, sleeps and fetches.");
}

static void
test_opt_in (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(JsonObject) tools = NULL;
  g_autofree char *names = NULL;
  g_autoptr(JsonNode) price = NULL;
  g_autofree char *price_text = NULL;

  REQUIRE_TYPELIB ();

  tools = list_tools (fixture);
  names = tool_names (tools);
  /* only the marked methods, under their names; no property tools */
  g_assert_cmpstr (names, ==, "buy get_price");

  price = json_node_init_object (json_node_alloc (), json_object_get_object_member (tools, "get_price"));
  price_text = json_to_string (price, FALSE);
  {
    g_autofree char *expected = j ("{'name':'get_price','title':'Price','description':'Looks up a price.',"
                                   "'inputSchema':{'type':'object','properties':{'item':{'type':'string',"
                                   "'description':'The item to price'}},'required':['item'],"
                                   "'additionalProperties':false},'annotations':{'readOnlyHint':true}}");
    test_assert_json_equal (price_text, expected);
  }

  expect_text (fixture, "get_price", "{'item':'pear'}", "6");
  expect_text (fixture, "buy", "{'item':'pear','quantity':2}", "2 × pear (2 sold)");
}

static void
test_inheritance (void)
{
  g_autoptr(McpToolProvider) child = NULL;
  g_autoptr(McpToolProvider) heir = NULL;
  g_autoptr(GPtrArray) child_tools = NULL;
  g_autoptr(GPtrArray) heir_tools = NULL;
  g_autoptr(GString) heir_names = g_string_new (NULL);

  REQUIRE_TYPELIB ();

  /* A subclass exposes its own methods, not its parent's ... */
  child = g_object_new (TP_TYPE_CHILD, NULL);
  child_tools = mcp_tool_provider_list_tools (child);
  g_assert_cmpuint (child_tools->len, ==, 1);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (child_tools, 0)), ==, "hello");

  /* ... unless it asks for them (and here for property getters only) */
  heir = g_object_new (TP_TYPE_HEIR, NULL);
  heir_tools = mcp_tool_provider_list_tools (heir);
  for (guint i = 0; i < heir_tools->len; i++)
    g_string_append_printf (heir_names, "%s ", mcp_tool_get_name (g_ptr_array_index (heir_tools, i)));
  g_assert_cmpstr (heir_names->str, ==,
                   "fetch get_color get_count get_label get_tags get_total hello increment sleep ");
  g_assert_cmpuint (mcp_tool_provider_class_get_flags (MCP_TOOL_PROVIDER_GET_CLASS (heir)), ==,
                    MCP_TOOL_PROVIDER_INHERIT_METHODS | MCP_TOOL_PROVIDER_PROPERTY_GETTERS);
  g_assert_cmpuint (mcp_tool_provider_class_get_flags (MCP_TOOL_PROVIDER_GET_CLASS (child)), ==,
                    MCP_TOOL_PROVIDER_PROPERTY_GETTERS | MCP_TOOL_PROVIDER_PROPERTY_SETTERS |
                    MCP_TOOL_PROVIDER_PROPERTY_RESOURCES);
}

/* Properties */

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(JsonObject) tools = NULL;
  g_autoptr(JsonNode) set_count = NULL;
  g_autoptr(JsonNode) get_tags = NULL;
  g_autofree char *set_count_text = NULL;
  g_autofree char *get_tags_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_tags = NULL;
  guint notified = 0;

  REQUIRE_TYPELIB ();

  tools = list_tools (fixture);
  set_count = json_node_init_object (json_node_alloc (), json_object_get_object_member (tools, "set_count"));
  set_count_text = json_to_string (set_count, FALSE);
  expected = j ("{'name':'set_count','description':'Sets the “count” property. The current count.',"
                "'inputSchema':{'type':'object','properties':{'value':{'type':'integer','minimum':0,"
                "'maximum':1000,'description':'The current count.'}},'required':['value'],"
                "'additionalProperties':false},"
                "'annotations':{'readOnlyHint':false,'destructiveHint':false,'idempotentHint':true}}");
  test_assert_json_equal (set_count_text, expected);

  get_tags = json_node_init_object (json_node_alloc (), json_object_get_object_member (tools, "get_tags"));
  get_tags_text = json_to_string (get_tags, FALSE);
  expected_tags = j ("{'name':'get_tags','description':'Gets the “tags” property. Tags of the counter.',"
                     "'inputSchema':{'type':'object','additionalProperties':false},"
                     "'outputSchema':{'type':'object','properties':{'value':{'type':['array','null'],"
                     "'items':{'type':'string'}}},'required':['value'],'additionalProperties':false},"
                     "'annotations':{'readOnlyHint':true}}");
  test_assert_json_equal (get_tags_text, expected_tags);

  /* a blurb describes a property without documentation */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (tools, "get_color"),
                                                  "description"),
                   ==, "Gets the “color” property. The color of the counter");

  g_signal_connect_swapped (fixture->provider, "notify::count", G_CALLBACK (g_atomic_int_inc), &notified);

  expect_text (fixture, "get_count", "{}", "0");
  expect_text (fixture, "set_count", "{'value':41}", "41");
  g_assert_cmpuint (notified, ==, 1);
  expect_text (fixture, "increment", "{'by':1}", "42");
  expect_text (fixture, "get_count", "{}", "42");
  expect_text (fixture, "get_total", "{}", "1");
  expect_text (fixture, "set_color", "{'value':'blue'}", "blue");
  expect_text (fixture, "get_label", "{}", "");
  expect_text (fixture, "set_label", "{'value':'clicks'}", "clicks");
  expect_result (fixture, "set_tags", "{'value':['a','b']}",
                 "{'content':[{'type':'text','text':'{\\'value\\':[\\'a\\',\\'b\\']}'}],"
                 "'structuredContent':{'value':['a','b']}}");
  expect_tool_error (fixture, "set_count", "{'value':1001}", "Invalid argument “value”: must be at most 1000*");
  expect_tool_error (fixture, "set_color", "{'value':'pink'}", "Invalid argument “value”: must be one of*");

  {
    int count = 0;

    g_object_get (fixture->provider, "count", &count, NULL);
    g_assert_cmpint (count, ==, 42);
  }
}

/* Readable properties are resources; subscribers hear of notify */
static void
test_property_resources (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GString) uris = g_string_new (NULL);
  JsonArray *resources;
  JsonObject *count = NULL;

  REQUIRE_TYPELIB ();

  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"l\",\"method\":\"resources/list\"}");
  response = test_peer_recv_object (fixture->peer);
  resources = json_object_get_array_member (json_object_get_object_member (response, "result"),
                                            "resources");
  for (guint i = 0; i < json_array_get_length (resources); i++)
    {
      JsonObject *resource = json_array_get_object_element (resources, i);

      g_string_append_printf (uris, "%s ", json_object_get_string_member (resource, "uri"));
      if (g_str_has_suffix (json_object_get_string_member (resource, "uri"), "/count"))
        count = resource;
    }
  g_assert_cmpstr (uris->str, ==,
                   "property://TpCounter/color property://TpCounter/count property://TpCounter/label "
                   "property://TpCounter/tags property://TpCounter/total ");
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), count);
    g_autofree char *text = json_to_string (node, FALSE);
    g_autofree char *expected = j ("{'uri':'property://TpCounter/count','name':'count',"
                                   "'description':'The current count.','mimeType':'text/plain'}");
    test_assert_json_equal (text, expected);
  }

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"resources/read\","
                  "\"params\":{\"uri\":\"property://TpCounter/count\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"result\":{\"contents\":[{\"uri\":"
                    "\"property://TpCounter/count\",\"mimeType\":\"text/plain\",\"text\":\"0\"}]}}");

  expect_text (fixture, "set_tags", "{'value':['x']}", "{\"value\":[\"x\"]}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"resources/read\","
                  "\"params\":{\"uri\":\"property://TpCounter/tags\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"result\":{\"contents\":[{\"uri\":"
                    "\"property://TpCounter/tags\",\"mimeType\":\"application/json\",\"text\":\"[\\\"x\\\"]\"}]}}");

  /* subscribed: a change by a tool, then one made in C, are announced */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"resources/subscribe\","
                  "\"params\":{\"uri\":\"property://TpCounter/count\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"result\":{}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"tools/call\","
                  "\"params\":{\"name\":\"increment\",\"arguments\":{\"by\":2}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                    "\"params\":{\"uri\":\"property://TpCounter/count\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"result\":{\"content\":[{\"type\":\"text\","
                    "\"text\":\"2\"}]}}");

  g_object_set (fixture->provider, "count", 9, NULL);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                    "\"params\":{\"uri\":\"property://TpCounter/count\"}}");

  /* no change, no notify; other properties are not subscribed */
  g_object_set (fixture->provider, "count", 9, "label", "x", NULL);
  test_peer_expect_silence (fixture->peer, 50);
}

/* State, concurrency, cancellation */

static void
test_shared_state (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TestPeer) other = NULL;

  REQUIRE_TYPELIB ();

  expect_text (fixture, "increment", "{'by':2}", "2");
  expect_text (fixture, "increment", "{'by':3}", "5");

  /* another client, another session, the same instance */
  other = test_peer_new (fixture->server);
  test_peer_send (other,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"increment\","
                  "\"arguments\":{\"by\":1}," TEST_MODERN_META "}}");
  test_peer_expect (other,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"6\"}],"
                    "\"resultType\":\"complete\"," TEST_SERVER_INFO_META "}}");
  expect_text (fixture, "get_count", "{}", "6");
}

static void
test_concurrent_async (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 start;
  gint64 elapsed;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  REQUIRE_TYPELIB ();

  start = g_get_monotonic_time ();
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *request =
        g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                         "\"params\":{\"name\":\"sleep\",\"arguments\":{\"ms\":100}}}", 1000 + i);
      test_peer_send (fixture->peer, request);
    }

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
      JsonObject *result = json_object_get_object_member (response, "result");
      JsonObject *block = json_array_get_object_element (json_object_get_array_member (result, "content"), 0);

      g_assert_cmpstr (json_object_get_string_member (block, "text"), ==, "100");
      g_hash_table_add (seen, GINT_TO_POINTER (json_object_get_int_member (response, "id")));
    }
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("20 concurrent 100 ms calls took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 20);
  g_assert_cmpuint (tp_counter_get_max_in_flight (TP_COUNTER (fixture->provider)), ==, 20);
  g_assert_cmpint (elapsed, <, test_time_limit (300 * G_TIME_SPAN_MILLISECOND));
}

static void
test_cancellation (Fixture       *fixture,
                   gconstpointer  user_data)
{
  REQUIRE_TYPELIB ();

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                  "\"arguments\":{\"ms\":5000}}}");
  test_wait (50);
  g_assert_cmpuint (tp_counter_get_cancellations (TP_COUNTER (fixture->provider)), ==, 0);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
  test_wait (50);

  /* the method's GCancellable fired, and nothing is answered */
  g_assert_cmpuint (tp_counter_get_cancellations (TP_COUNTER (fixture->provider)), ==, 1);
  test_peer_expect_silence (fixture->peer, 100);

  /* closing the connection cancels what is in flight too */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                  "\"arguments\":{\"ms\":5000}}}");
  test_wait (50);
  test_peer_close_input (fixture->peer);
  while (!test_peer_is_closed (fixture->peer))
    g_main_context_iteration (NULL, TRUE);
  test_wait (50);
  g_assert_cmpuint (tp_counter_get_cancellations (TP_COUNTER (fixture->provider)), ==, 2);
}

/* In process, without a transport */

static void
test_in_process (void)
{
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpToolProvider) provider = NULL;
  g_autoptr(JsonNode) arguments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  JsonArray *content;

  REQUIRE_TYPELIB ();

  server = mcp_server_new ("in-process", "1");
  provider = g_object_new (TP_TYPE_COUNTER, NULL);
  mcp_server_add_provider (server, provider);
  g_assert_nonnull (mcp_server_lookup_tool (server, "sleep"));

  arguments = test_parse ("{\"ms\":10}");
  mcp_server_call_tool_async (server, "sleep", json_node_get_object (arguments), NULL,
                              test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tool_result = mcp_server_call_tool_finish (server, result, &error);
  g_assert_no_error (error);
  content = mcp_tool_result_get_content (tool_result);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                   ==, "10");

  /* removing the provider removes its tools */
  g_assert_true (mcp_server_remove_provider (server, provider));
  g_assert_false (mcp_server_remove_provider (server, provider));
  g_assert_null (mcp_server_lookup_tool (server, "sleep"));
  remaining = mcp_server_list_tools (server);
  g_assert_cmpuint (remaining->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McpToolProvider) probe = NULL;

  /* g-ir-scanner runs this program to build the Tp typelib */
  if (test_handle_introspect_dump (argc, argv))
    return 0;

  g_test_init (&argc, &argv, NULL);

  probe = g_object_new (TP_TYPE_TYPES, NULL);
  have_typelib = g_getenv ("MCP_TEST_NO_TYPELIB") == NULL &&
                 mcp_tool_provider_check_introspection (probe, NULL);

#define ADD(path, type, func) \
  g_test_add ("/Mcp/Provider/" path, Fixture, GSIZE_TO_POINTER (type), fixture_setup, func, fixture_teardown)

  ADD ("schema/snapshot", TP_TYPE_TYPES, test_schema_snapshot);
  ADD ("invoke/scalars", TP_TYPE_TYPES, test_invoke_scalars);
  ADD ("invoke/lists", TP_TYPE_TYPES, test_invoke_lists);
  ADD ("invoke/json", TP_TYPE_TYPES, test_invoke_json);
  ADD ("invoke/outputs", TP_TYPE_TYPES, test_invoke_outputs);
  ADD ("invoke/optional", TP_TYPE_TYPES, test_optional_arguments);
  ADD ("errors/name-the-argument", TP_TYPE_TYPES, test_errors_name_the_argument);
  ADD ("errors/lenient", TP_TYPE_TYPES, test_lenient);
  ADD ("discovery/methods", TP_TYPE_COUNTER, test_discovery);
  ADD ("discovery/opt-in", TP_TYPE_SHOP, test_opt_in);
  g_test_add_func ("/Mcp/Provider/discovery/inheritance", test_inheritance);
  ADD ("properties/tools", TP_TYPE_COUNTER, test_properties);
  ADD ("properties/resources", TP_TYPE_COUNTER, test_property_resources);
  ADD ("state/shared", TP_TYPE_COUNTER, test_shared_state);
  ADD ("async/concurrent", TP_TYPE_COUNTER, test_concurrent_async);
  ADD ("async/cancellation", TP_TYPE_COUNTER, test_cancellation);
  g_test_add_func ("/Mcp/Provider/in-process", test_in_process);

#undef ADD

  return g_test_run ();
}
