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
 * which reads stdio messages, must accept exactly what it accepts.
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *)data;
  g_autoptr(JsonNode) ours = mcp_json_parse (text, size, 64, NULL);
  g_auto(McpJsonEnvelope) envelope = { 0, };
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
