/* test-json.c — the strict one-pass JSON parser every peer's message goes
 * through, against json-glib's own parser
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The parser is private, so this test is built with mcp-json.c itself.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"

static char *
to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Valid JSON of every kind: the parser builds exactly the tree json-glib
 * builds. */
static void
test_same_as_json_glib (void)
{
  const char *documents[] = {
    "{}", "[]", "0", "-0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808",
    "1.5", "-0.25", "1e3", "1E-3", "2.5e+10",
    "true", "false", "null", "\"\"", "\"plain\"",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4e2d\\u00A0\"", "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"",
    "\"\\ud83d\\ude00\"",
    " { \"a\" : [ 1 , 2 , { \"b\" : null } ] , \"c\" : { } } ",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
    "\"arguments\":{\"a\":1,\"b\":2},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
    "[[[[[[[[[[1]]]]]]]]]]",
    "{\"dup\":1,\"dup\":2}",
    "\r\n\t[1,\r\n\t2]\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = mcp_json_parse (documents[i], strlen (documents[i]), 128, &error);
      g_autofree char *ours_text = NULL;
      g_autofree char *theirs_text = NULL;

      g_test_message ("%s", documents[i]);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, documents[i], -1, NULL));
      ours_text = to_string (ours);
      theirs_text = to_string (json_parser_get_root (parser));
      g_assert_cmpstr (ours_text, ==, theirs_text);
    }
}

/* The types of numbers: integers when they fit in 64 bits, doubles
 * otherwise (json-glib 1.6 makes 123456789012345678901234567890 into -1). */
static void
test_numbers (void)
{
  const struct { const char *text; GType type; } cases[] = {
    { "0", G_TYPE_INT64 }, { "-0", G_TYPE_INT64 }, { "9223372036854775807", G_TYPE_INT64 },
    { "9223372036854775808", G_TYPE_DOUBLE }, { "-9223372036854775809", G_TYPE_DOUBLE },
    { "1.0", G_TYPE_DOUBLE }, { "1e2", G_TYPE_DOUBLE }, { "123456789012345678901234567890", G_TYPE_DOUBLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_json_parse (cases[i].text, strlen (cases[i].text), 4, NULL);

      g_assert_nonnull (node);
      g_assert_true (json_node_get_value_type (node) == cases[i].type);
    }
}

/* Integer values, on both sides of the 18 digits that are read without
 * g_ascii_strtoll(). */
static void
test_integers (void)
{
  const struct { const char *text; gint64 value; } cases[] = {
    { "0", 0 }, { "-0", 0 }, { "7", 7 }, { "-42", -42 },
    { "999999999999999999", G_GINT64_CONSTANT (999999999999999999) },
    { "-999999999999999999", G_GINT64_CONSTANT (-999999999999999999) },
    { "1000000000000000000", G_GINT64_CONSTANT (1000000000000000000) },
    { "-1000000000000000001", G_GINT64_CONSTANT (-1000000000000000001) },
    { "9223372036854775807", G_MAXINT64 }, { "-9223372036854775808", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_json_parse (cases[i].text, strlen (cases[i].text), 4, NULL);

      g_assert_nonnull (node);
      g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), ==, cases[i].value);
    }
}

/* What json-glib would let through, or crash on, is refused, with the byte
 * where it went wrong. */
static void
test_refused (void)
{
  const struct { const char *text; gsize length; const char *message; } cases[] = {
    { "", 0, "Parse error: no JSON value in the message" },
    { "  ", 0, "Parse error: no JSON value in the message" },
    { "{", 0, "Parse error: unterminated JSON text" },
    { "[1,", 0, "Parse error: unterminated JSON text" },
    { "\"abc", 0, "Parse error: unterminated JSON text" },
    { "\"\\", 0, "Parse error: unterminated JSON text" },
    { "tru", 0, "Parse error: unterminated JSON text" },
    { "trUe", 0, "Parse error: unexpected character at byte 2" },
    { "nul", 0, "Parse error: unterminated JSON text" },
    { "1 2", 0, "Parse error: unexpected character at byte 2" },
    { "+1", 0, "Parse error: unexpected character at byte 0" },
    { ".5", 0, "Parse error: unexpected character at byte 0" },
    { "1e", 0, "Parse error: unterminated JSON text" },
    { "1e+", 0, "Parse error: unterminated JSON text" },
    { "0x10", 0, "Parse error: unexpected character at byte 1" },
    { "NaN", 0, "Parse error: unexpected character at byte 0" },
    { "-Infinity", 0, "Parse error: unexpected character at byte 1" },
    { "[1]]", 0, "Parse error: unexpected character at byte 3" },
    { "{\"a\":1]", 0, "Parse error: unexpected character at byte 6" },
    { "[1}", 0, "Parse error: unexpected character at byte 2" },
    { "{\"a\"}", 0, "Parse error: unexpected character at byte 4" },
    { "{\"a\":}", 0, "Parse error: unexpected character at byte 5" },
    { "\"\\u12G4\"", 0, "Parse error: invalid \\u escape in a string at byte 1" },
    { "\"a\xff\"", 0, "Parse error: the message is not valid UTF-8" },
    { "\"\xe4\xb8\"", 0, "Parse error: the message is not valid UTF-8" },
    { "\"\xff\\n\"", 0, "Parse error: the message is not valid UTF-8" },
    { "\"\\n\xff\"", 0, "Parse error: the message is not valid UTF-8" },
    { "\"\xc3\xa9\\n\xc3\"", 0, "Parse error: the message is not valid UTF-8" },
    { "[\xc3\xa9]", 0, "Parse error: unexpected character at byte 1" },
    { "[1]\0", 4, "Parse error: unexpected character at byte 3" },
    { "[[[[1]]]]", 0, "Parse error: JSON nesting deeper than 3 levels" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length != 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(JsonNode) node = mcp_json_parse (cases[i].text, length, 3, &error);
      /* Escaped, so that invalid UTF-8 cannot break the TAP output. */
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("%s", shown);
      g_assert_null (node);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Surrogates: pairs join, lone ones become U+FFFD. */
static void
test_surrogates (void)
{
  const struct { const char *text; const char *value; } cases[] = {
    { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
    { "\"\\ud800\"", "\xef\xbf\xbd" },
    { "\"\\udc00x\"", "\xef\xbf\xbdx" },
    { "\"\\ud800\\u0041\"", "\xef\xbf\xbd" "A" },
    { "\"\\ud800\\n\"", "\xef\xbf\xbd\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_json_parse (cases[i].text, strlen (cases[i].text), 4, NULL);

      g_assert_nonnull (node);
      g_assert_cmpstr (json_node_get_string (node), ==, cases[i].value);
    }
}

/* The writer: compact JSON, in member order, every control character
 * escaped, doubles in their shortest exact form. */
static void
test_writer (void)
{
  const struct { const char *input; const char *output; } cases[] = {
    { "{\"b\":1,\"a\":[true,false,null],\"c\":{}}", "{\"b\":1,\"a\":[true,false,null],\"c\":{}}" },
    { "\"\\u0001\\u001f\\u007f\\b\\f\\n\\r\\t\\\"\\\\/\"", "\"\\u0001\\u001f\\u007f\\b\\f\\n\\r\\t\\\"\\\\/\"" },
    { "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"" },
    { "0.1", "0.1" },
    { "1.0", "1.0" },
    { "-2.5e-7", "-2.5e-07" },
    { "3e48", "3e+48" },
    { "1e300", "1e+300" },
    { "123456789.0", "123456789.0" },
    { "0.30000000000000004", "0.30000000000000004" },
    { "-9223372036854775808", "-9223372036854775808" },
    { "[0,-0,7,-10,9223372036854775807]", "[0,0,7,-10,9223372036854775807]" },
    /* longer than the first buffer of mcp_json_to_string() */
    { "[\"0123456789012345678901234567890123456789012345678901234567890123456789\","
      "\"0123456789012345678901234567890123456789012345678901234567890123456789\"]",
      "[\"0123456789012345678901234567890123456789012345678901234567890123456789\","
      "\"0123456789012345678901234567890123456789012345678901234567890123456789\"]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_json_parse (cases[i].input, strlen (cases[i].input), 8, NULL);
      g_autofree char *text = NULL;

      g_assert_nonnull (node);
      text = mcp_json_to_string (node, NULL);
      g_assert_cmpstr (text, ==, cases[i].output);
    }

  /* what JSON cannot say */
  {
    g_autoptr(JsonNode) infinity = json_node_init_double (json_node_alloc (), INFINITY);
    g_autoptr(JsonNode) nan = json_node_init_double (json_node_alloc (), NAN);
    g_autofree char *a = mcp_json_to_string (infinity, NULL);
    g_autofree char *b = mcp_json_to_string (nan, NULL);

    g_assert_cmpstr (a, ==, "null");
    g_assert_cmpstr (b, ==, "null");
  }
}

/* The `_meta` cache: a repeated `_meta` comes back as the same sealed
 * node, anything else is parsed as without the cache, and the cache never
 * lets through what the parser would refuse. */
#define META "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
             "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}"

static JsonNode *
meta_of (JsonNode *root)
{
  return json_object_get_member (json_object_get_object_member (json_node_get_object (root),
                                                                "params"),
                                 "_meta");
}

static void
test_meta_cache (void)
{
  g_autoptr(McpJsonCache) cache = mcp_json_cache_new ();
  const char *first = "{\"id\":1,\"params\":{\"a\":1,\"_meta\":" META "}}";
  const char *second = "{\"id\":2,\"params\":{\"_meta\":" META ",\"b\":[2]}}";
  const char *other = "{\"id\":3,\"params\":{\"_meta\":{\"x\":1}}}";
  const char *token = "{\"id\":4,\"params\":{\"_meta\":{\"progressToken\":7}}}";
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) two = NULL;
  g_autoptr(JsonNode) three = NULL;
  g_autoptr(JsonNode) four = NULL;
  g_autoptr(JsonNode) five = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  one = mcp_json_parse_cached (first, strlen (first), 64, cache, &error);
  g_assert_no_error (error);
  two = mcp_json_parse_cached (second, strlen (second), 64, cache, &error);
  g_assert_no_error (error);

  /* One node for both, sealed, and the rest of the message read after it. */
  g_assert_true (meta_of (one) == meta_of (two));
  g_assert_true (json_node_is_immutable (meta_of (two)));
  text = to_string (two);
  g_assert_cmpstr (text, ==, "{\"id\":2,\"params\":{\"_meta\":" META ",\"b\":[2]}}");

  /* Another _meta is another node; one with a progress token is not kept. */
  three = mcp_json_parse_cached (other, strlen (other), 64, cache, &error);
  g_assert_no_error (error);
  g_assert_true (meta_of (three) != meta_of (one));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (meta_of (three)), "x"), ==, 1);
  four = mcp_json_parse_cached (token, strlen (token), 64, cache, &error);
  g_assert_no_error (error);
  five = mcp_json_parse_cached (token, strlen (token), 64, cache, &error);
  g_assert_no_error (error);
  g_assert_true (meta_of (four) != meta_of (five));
  g_assert_false (json_node_is_immutable (meta_of (five)));

  /* The parser's buffers live in the cache: a huge string once, then the
   * small messages again. */
  {
    g_autoptr(GString) big = g_string_new ("{\"params\":{\"");
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(JsonNode) again = NULL;

    for (guint i = 0; i < 70000; i++)
      g_string_append_c (big, 'k');
    g_string_append (big, "\":\"v\",\"s\":\"");
    for (guint i = 0; i < 70000; i++)
      g_string_append_c (big, 's');
    g_string_append (big, "\"}}");

    node = mcp_json_parse_cached (big->str, big->len, 64, cache, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (json_object_get_string_member (json_object_get_object_member (
                        json_node_get_object (node), "params"), "s")), ==, 70000);
    again = mcp_json_parse_cached (second, strlen (second), 64, cache, &error);
    g_assert_no_error (error);
    g_assert_true (meta_of (again) == meta_of (one));
  }

  /* The same _meta twice in one object: the cache gives the same node
   * twice, and the object holds it once (a reference more would leak,
   * which LeakSanitizer sees with G_SLICE=always-malloc). */
  {
    const char *twice = "{\"params\":{\"_meta\":" META ",\"x\":0,\"_meta\":" META "}}";
    g_autoptr(JsonNode) node = mcp_json_parse_cached (twice, strlen (twice), 64, cache, &error);
    g_autofree char *twice_text = NULL;

    g_assert_no_error (error);
    g_assert_true (meta_of (node) == meta_of (one));
    twice_text = to_string (node);
    g_assert_cmpstr (twice_text, ==, "{\"params\":{\"_meta\":" META ",\"x\":0}}");
  }

  /* The cached text followed by garbage, or cut right after it, is still
   * an error, and so is a cached _meta nested deeper than allowed. */
  {
    const char *refused[] = {
      "{\"params\":{\"_meta\":" META "x}}",
      "{\"params\":{\"_meta\":" META,
      "{\"params\":{\"_meta\":" META "}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(JsonNode) node = mcp_json_parse_cached (refused[i], strlen (refused[i]), 64,
                                                          cache, &error);

        g_assert_null (node);
        g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
        g_clear_error (&error);
      }
  }

  {
    g_autoptr(JsonNode) node = mcp_json_parse_cached (second, strlen (second), 3, cache, &error);

    g_assert_null (node);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
    g_assert_nonnull (strstr (error->message, "deeper than 3"));
    g_clear_error (&error);
  }
}

/* The object a tree parser makes of @members, as text (in order). */
static char *
members_to_string (GArray *members)
{
  g_autoptr(JsonNode) node = mcp_json_node_new_object_take (mcp_json_members_to_object (members));

  return to_string (node);
}

/* The `jsonrpc` and `method` strings a transport's messages repeat are
 * the same sealed nodes; a long or a new one is read as it is. */
static void
test_words (void)
{
  g_autoptr(McpJsonCache) cache = mcp_json_cache_new ();
  g_autofree char *long_method = g_strnfill (65, 'm');
  g_autofree char *long_message = g_strdup_printf ("{\"method\":\"%s\"}", long_method);
  g_auto(McpJsonEnvelope) one = { 0, };
  g_auto(McpJsonEnvelope) two = { 0, };
  g_auto(McpJsonEnvelope) long_one = { 0, };
  g_auto(McpJsonEnvelope) long_two = { 0, };
  g_auto(McpJsonEnvelope) number = { 0, };
  const char *first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}";
  const char *second = "{\"method\":\"tools\\/call\",\"id\":2,\"jsonrpc\":\"2.0\"}";
  const char *number_text = "{\"jsonrpc\":2}";

  g_assert_true (mcp_json_parse_envelope (first, strlen (first), 8, cache, &one, NULL));
  g_assert_true (mcp_json_parse_envelope (second, strlen (second), 8, cache, &two, NULL));
  g_assert_true (one.jsonrpc == two.jsonrpc);
  g_assert_true (one.method == two.method);
  g_assert_true (json_node_is_immutable (one.method));
  g_assert_cmpstr (json_node_get_string (two.method), ==, "tools/call");
  g_assert_cmpstr (json_node_get_string (two.jsonrpc), ==, "2.0");

  g_assert_true (mcp_json_parse_envelope (long_message, strlen (long_message), 8, cache,
                                          &long_one, NULL));
  g_assert_true (mcp_json_parse_envelope (long_message, strlen (long_message), 8, cache,
                                          &long_two, NULL));
  g_assert_true (long_one.method != long_two.method);
  g_assert_cmpstr (json_node_get_string (long_two.method), ==, long_method);

  /* more names than the cache keeps: each still reads as itself */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 12; i++)
      {
        g_auto(McpJsonEnvelope) envelope = { 0, };
        g_autofree char *method = g_strdup_printf ("m%u", i);
        g_autofree char *message = g_strdup_printf ("{\"method\":\"%s\"}", method);

        g_assert_true (mcp_json_parse_envelope (message, strlen (message), 8, cache, &envelope, NULL));
        g_assert_cmpstr (json_node_get_string (envelope.method), ==, method);
      }
  g_assert_cmpstr (json_node_get_string (one.method), ==, "tools/call");

  /* not a string: read as it is */
  g_assert_true (mcp_json_parse_envelope (number_text, strlen (number_text), 8, cache, &number, NULL));
  g_assert_cmpint (json_node_get_int (number.jsonrpc), ==, 2);
}

/* A message read into an envelope: the members the core reads, no root
 * object (nor `params` object), and the same verdict as the tree parser
 * on every input. */
static void
test_envelope (void)
{
  const char *inputs[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"m\",\"params\":{\"a\":[1,{\"b\":2}]}}",
    "{\"x\":{\"deep\":[{\"er\":[1,2,{}]}]},\"id\":\"s\",\"id\":8,\"result\":{},\"error\":null,\"y\":[]}",
    "[{\"jsonrpc\":\"2.0\"}]",
    "\"text\"",
    "{}",
    "{\"a\":1,}",
    "{\"id\":1} x",
    "{\"id\":[[[[1]]]]}",
    "{\"id\":\"\\u0000\"}",
    "{\"params\":{\"x\":1}",
    /* params: members, names given twice, empty, not an object, given twice */
    "{\"id\":1,\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1},\"_meta\":{\"k\":[true]}}}",
    "{\"params\":{\"a\":1,\"b\":{\"c\":2,\"c\":3},\"a\":[4],\"d\":null,\"b\":\"e\"}}",
    "{\"params\":{}}",
    "{\"params\":{ }, \"id\":2}",
    "{\"params\":[1,{\"a\":2}]}",
    "{\"params\":null}",
    "{\"params\":\"text\"}",
    "{\"params\":{\"a\":1},\"params\":5}",
    "{\"params\":5,\"params\":{\"a\":1}}",
    "{\"params\":{\"a\":1},\"params\":{\"b\":2,\"b\":3}}",
    "{\"params\":{\"a\":1,}}",
    "{\"params\":{\"a\":{\"b\":{\"c\":{}}}}}",
    "{\"params\":{\"a\":[[[1]]]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_auto(McpJsonEnvelope) envelope = { 0, };
      g_autoptr(JsonNode) tree = NULL;
      g_autoptr(GError) tree_error = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      tree = mcp_json_parse (inputs[i], strlen (inputs[i]), 4, &tree_error);
      ok = mcp_json_parse_envelope (inputs[i], strlen (inputs[i]), 4, NULL, &envelope, &error);

      g_assert_cmpint (ok, ==, tree != NULL);
      if (tree == NULL)
        {
          g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
          g_assert_cmpstr (error->message, ==, tree_error->message);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpint (envelope.is_object, ==, JSON_NODE_HOLDS_OBJECT (tree));
      if (!envelope.is_object)
        {
          g_assert_true (json_node_equal (envelope.root, tree));
          continue;
        }

      /* every member the core reads, as the tree has it (the last of two) */
      {
        g_auto(McpJsonEnvelope) from_tree = { 0, };
        JsonNode *tree_params = json_object_get_member (json_node_get_object (tree), "params");
        JsonNode *ours[] = { envelope.jsonrpc, envelope.id, envelope.method,
                             envelope.params, envelope.result, envelope.error };
        JsonNode *theirs[6];

        mcp_json_envelope_init (&from_tree, tree);
        theirs[0] = from_tree.jsonrpc;
        theirs[1] = from_tree.id;
        theirs[2] = from_tree.method;
        theirs[3] = from_tree.params;
        theirs[4] = from_tree.result;
        theirs[5] = from_tree.error;
        g_assert_null (envelope.root);
        /* a tree's params object becomes members too */
        g_assert_cmpint (from_tree.params_members != NULL, ==, envelope.params_members != NULL);
        for (guint j = 0; j < G_N_ELEMENTS (ours); j++)
          {
            if (j == 3 && envelope.params_members != NULL)
              continue;
            g_assert_cmpint (ours[j] == NULL, ==, theirs[j] == NULL);
            if (ours[j] != NULL)
              g_assert_true (json_node_equal (ours[j], theirs[j]));
          }

        /* a params object is members, the same, in the same order */
        g_assert_cmpint (envelope.params_members != NULL, ==,
                         tree_params != NULL && JSON_NODE_HOLDS_OBJECT (tree_params));
        if (envelope.params_members != NULL)
          {
            g_autofree char *ours_text = members_to_string (envelope.params_members);
            g_autofree char *theirs_text = to_string (tree_params);
            JsonObjectIter iter;
            const char *name;
            JsonNode *value;

            g_assert_null (envelope.params);
            g_assert_cmpstr (ours_text, ==, theirs_text);
            g_clear_pointer (&theirs_text, g_free);
            theirs_text = members_to_string (from_tree.params_members);
            g_assert_cmpstr (ours_text, ==, theirs_text);
            json_object_iter_init_ordered (&iter, json_node_get_object (tree_params));
            while (json_object_iter_next_ordered (&iter, &name, &value))
              {
                g_assert_true (json_node_equal (mcp_json_envelope_get_param (&envelope, name), value));
                g_assert_true (mcp_json_envelope_get_param (&from_tree, name) == value);
              }
            g_assert_null (mcp_json_envelope_get_param (&envelope, "absent"));
          }
        else
          g_assert_null (mcp_json_envelope_get_param (&envelope, "a"));
      }
    }

  {
    g_auto(McpJsonEnvelope) envelope = { 0, };

    g_assert_true (mcp_json_parse_envelope (inputs[1], strlen (inputs[1]), 8, NULL, &envelope, NULL));
    g_assert_cmpint (json_node_get_int (envelope.id), ==, 8);
    g_assert_true (JSON_NODE_HOLDS_NULL (envelope.error));
    g_assert_null (envelope.method);
  }

  /* names given twice: the last value, where the first was */
  {
    g_auto(McpJsonEnvelope) envelope = { 0, };
    g_autofree char *text = NULL;

    g_assert_true (mcp_json_parse_envelope (inputs[11], strlen (inputs[11]), 8, NULL, &envelope, NULL));
    g_assert_cmpuint (envelope.params_members->len, ==, 5);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (mcp_json_envelope_get_param (&envelope, "a")));
    g_assert_cmpstr (json_node_get_string (mcp_json_envelope_get_param (&envelope, "b")), ==, "e");
    text = members_to_string (envelope.params_members);
    g_assert_cmpstr (text, ==, "{\"a\":[4],\"b\":\"e\",\"d\":null}");
  }

  /* empty, absent */
  {
    g_auto(McpJsonEnvelope) empty = { 0, };
    g_auto(McpJsonEnvelope) absent = { 0, };
    g_autoptr(JsonObject) object = NULL;

    g_assert_true (mcp_json_parse_envelope (inputs[12], strlen (inputs[12]), 8, NULL, &empty, NULL));
    g_assert_nonnull (empty.params_members);
    g_assert_cmpuint (empty.params_members->len, ==, 0);
    object = mcp_json_members_to_object (empty.params_members);
    g_assert_cmpuint (json_object_get_size (object), ==, 0);

    g_assert_true (mcp_json_parse_envelope (inputs[4], strlen (inputs[4]), 8, NULL, &absent, NULL));
    g_assert_null (absent.params_members);
    g_assert_null (absent.params);
    g_assert_null (mcp_json_envelope_get_param (&absent, "_meta"));
  }

  /* a `_meta` in params comes from the cache, even twice in one message */
  {
    g_autoptr(McpJsonCache) cache = mcp_json_cache_new ();
    const char *text = "{\"params\":{\"_meta\":{\"v\":1},\"x\":0,\"_meta\":{\"v\":1}}}";
    JsonNode *first_meta = NULL;

    for (guint round = 0; round < 2; round++)
      {
        g_auto(McpJsonEnvelope) envelope = { 0, };
        g_autoptr(JsonObject) object = NULL;
        JsonNode *meta;

        g_assert_true (mcp_json_parse_envelope (text, strlen (text), 8, cache, &envelope, NULL));
        meta = mcp_json_envelope_get_param (&envelope, "_meta");
        g_assert_true (json_node_is_immutable (meta));
        if (round == 0)
          first_meta = meta;
        else
          g_assert_true (meta == first_meta);
        object = mcp_json_members_to_object (envelope.params_members);
        g_assert_cmpuint (json_object_get_size (object), ==, 2);
        g_assert_true (json_object_get_member (object, "_meta") == meta);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Json/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/Mcp/Json/numbers", test_numbers);
  g_test_add_func ("/Mcp/Json/integers", test_integers);
  g_test_add_func ("/Mcp/Json/refused", test_refused);
  g_test_add_func ("/Mcp/Json/surrogates", test_surrogates);
  g_test_add_func ("/Mcp/Json/writer", test_writer);
  g_test_add_func ("/Mcp/Json/meta-cache", test_meta_cache);
  g_test_add_func ("/Mcp/Json/envelope", test_envelope);
  g_test_add_func ("/Mcp/Json/words", test_words);

  return g_test_run ();
}
