/* fuzz-json.c — libFuzzer harness: the strict JSON parser against
 * json-glib's
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every input is parsed with mcp_json_parse(). What it accepts must be
 * written by mcp_json_to_string() as JSON that parses again to the same
 * text, and must be the tree json-glib's JsonParser builds from the same
 * bytes, except where json-glib is known to be wrong: \u escapes (lone
 * surrogates, \u0000) and integers beyond 64 bits, which it wraps around.
 * What json-glib refuses, it must refuse too. mcp_json_parse_envelope(),
 * which reads stdio messages, must accept exactly what it accepts, and
 * read the same members (those of `params` too), with or without the
 * `_meta` cache.
 * The parser is private, so the harness is built with mcp-json.c itself.
 */

#include "config.h"

#include <string.h>

#include "mcp-json-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *
to_string (JsonNode *node)
{
  return mcp_json_to_string (node, NULL);
}

static gboolean
json_glib_may_differ (const char *text,
                      gsize       length)
{
  guint digits = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length && text[i + 1] == 'u')
        return TRUE;
      digits = g_ascii_isdigit (text[i]) ? digits + 1 : 0;
      if (digits >= 19)
        return TRUE;
    }

  return FALSE;
}

static gboolean
same_node (JsonNode *a,
           JsonNode *b)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  a_text = to_string (a);
  b_text = to_string (b);
  return strcmp (a_text, b_text) == 0;
}

/* The envelope has the members of @tree (an object) the core reads. */
static void
check_envelope (const McpJsonEnvelope *envelope,
                JsonNode              *tree,
                const char            *text,
                gsize                  size)
{
  g_auto(McpJsonEnvelope) from_tree = { 0, };
  JsonNode *params = json_object_get_member (json_node_get_object (tree), "params");
  gboolean same;

  mcp_json_envelope_init (&from_tree, tree);
  same = envelope->is_object && envelope->root == NULL &&
         same_node (envelope->jsonrpc, from_tree.jsonrpc) &&
         same_node (envelope->id, from_tree.id) &&
         same_node (envelope->method, from_tree.method) &&
         same_node (envelope->result, from_tree.result) &&
         same_node (envelope->error, from_tree.error);

  /* a `params` object is members, the same in the same order */
  if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
    {
      g_autoptr(JsonNode) object = NULL;

      if (envelope->params != NULL || envelope->params_members == NULL)
        g_error ("The envelope reader did not read params as members: %.*s", (int)size, text);
      object = mcp_json_node_new_object_take (mcp_json_members_to_object (envelope->params_members));
      same = same && same_node (object, params);
    }
  else
    same = same && envelope->params_members == NULL && same_node (envelope->params, params);

  if (!same)
    g_error ("The envelope reader and the tree parser read different members: %.*s",
             (int)size, text);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *)data;
  g_autoptr(JsonNode) ours = mcp_json_parse (text, size, 64, NULL);
  g_auto(McpJsonEnvelope) envelope = { 0, };
  g_autoptr(McpJsonCache) cache = mcp_json_cache_new ();
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *ours_text = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *theirs_text = NULL;

  /* the envelope reader (stdio messages) accepts exactly the same */
  if (mcp_json_parse_envelope (text, size, 64, NULL, &envelope, NULL) != (ours != NULL))
    g_error ("The envelope reader and the tree parser disagree on: %.*s", (int)size, text);

  if (ours == NULL)
    return 0;

  if (JSON_NODE_HOLDS_OBJECT (ours))
    {
      check_envelope (&envelope, ours, text, size);

      /* twice with a cache: the second time, every `_meta` comes from it */
      for (guint i = 0; i < 2; i++)
        {
          g_auto(McpJsonEnvelope) cached = { 0, };

          if (!mcp_json_parse_envelope (text, size, 64, cache, &cached, NULL))
            g_error ("The envelope reader refuses with a cache: %.*s", (int)size, text);
          check_envelope (&cached, ours, text, size);
        }
    }
  else if (envelope.is_object || !same_node (envelope.root, ours))
    g_error ("The envelope reader read another root: %.*s", (int)size, text);

  /* what we accept is JSON that round-trips */
  ours_text = to_string (ours);
  again = mcp_json_parse (ours_text, strlen (ours_text), 64, NULL);
  if (again == NULL)
    g_error ("Our own output does not parse: %s", ours_text);
  again_text = to_string (again);
  if (strcmp (ours_text, again_text) != 0)
    g_error ("Round trip changed %s into %s", ours_text, again_text);

  if (json_glib_may_differ (text, size))
    return 0;

  /* and it is what json-glib makes of it */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, (gssize)size, NULL))
    g_error ("json-glib refuses what we accept: %.*s", (int)size, text);
  theirs_text = to_string (json_parser_get_root (parser));
  if (strcmp (ours_text, theirs_text) != 0)
    g_error ("We make %s of it, json-glib %s", ours_text, theirs_text);

  return 0;
}
