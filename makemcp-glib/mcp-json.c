/* mcp-json.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"

/* The parser for everything a peer sends.
 *
 * json-glib 1.6's JsonParser is lenient (comments, single quotes, trailing
 * text after the first value, assignments), recurses without a depth
 * limit, and is slow for small messages: a GObject per parse, a signal per
 * value, a scanner, and UTF-8 validated twice. This one reads strict JSON
 * (RFC 8259) in one pass, bounds the nesting without recursing, validates
 * UTF-8 as it goes, and builds the same json-glib tree (JsonNode,
 * JsonObject, JsonArray) that the rest of the library and applications
 * work with.
 *
 * Numbers without a fraction or exponent that fit in 64 bits are integers
 * (G_TYPE_INT64), as json-glib makes them; the others are doubles. A
 * member given twice keeps its last value, as in json-glib. "\u0000" is
 * refused: json-glib strings end at the first NUL. A lone UTF-16
 * surrogate, which JavaScript's JSON.stringify() writes for broken
 * strings, becomes U+FFFD. */

/* g_string_append_len() is a call into GLib 2.74 for every piece, most of
 * them a few bytes long: copy in place when the buffer has room. */
static inline void
append_len (GString    *out,
            const char *data,
            gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, data, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, length);
}

#define append_literal(out, literal) append_len ((out), "" literal, sizeof (literal) - 1)

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  GString    *scratch;   /* a string being unescaped, or a member name */
  GError    **error;
} Parser;

static gboolean
parse_fail (Parser     *parser,
            const char *what)
{
  if (parser->pos >= parser->length)
    g_set_error_literal (parser->error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                         "Parse error: unterminated JSON text");
  else
    g_set_error (parser->error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                 "Parse error: %s at byte %" G_GSIZE_FORMAT, what, parser->pos);
  return FALSE;
}

static inline void
skip_whitespace (Parser *parser)
{
  while (parser->pos < parser->length)
    {
      char c = parser->data[parser->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      parser->pos++;
    }
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @at, or -1. */
static int
read_hex4 (Parser *parser,
           gsize   at)
{
  int value = 0;

  if (at + 4 > parser->length)
    return -1;

  for (gsize i = at; i < at + 4; i++)
    {
      int digit = hex_value (parser->data[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Reads the string that starts at the current '"' into parser->scratch,
 * unescaped and NUL-terminated. */
static gboolean
parse_string (Parser *parser)
{
  const char *data = parser->data;
  gsize start = ++parser->pos;
  gsize run = start;   /* the start of the current run of plain bytes */
  guchar high = 0;     /* its bytes ORed: below 0x80, it is ASCII */

  g_string_truncate (parser->scratch, 0);

  for (;;)
    {
      guchar c;

      if (parser->pos >= parser->length)
        return parse_fail (parser, NULL);

      c = (guchar)data[parser->pos];

      if (c == '"' || c == '\\')
        {
          const char *invalid = NULL;

          if (high >= 0x80 && !g_utf8_validate_len (data + run, parser->pos - run, &invalid))
            {
              g_set_error_literal (parser->error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                                   "Parse error: the message is not valid UTF-8");
              return FALSE;
            }
          append_len (parser->scratch, data + run, parser->pos - run);
        }

      if (c == '"')
        {
          parser->pos++;
          return TRUE;
        }

      if (c < 0x20)
        return parse_fail (parser, "unescaped control character in a string");

      if (c != '\\')
        {
          high |= c;
          parser->pos++;
          continue;
        }

      /* an escape */
      if (parser->pos + 1 >= parser->length)
        {
          parser->pos = parser->length;
          return parse_fail (parser, NULL);
        }

      switch (data[parser->pos + 1])
        {
        case '"':  g_string_append_c (parser->scratch, '"'); break;
        case '\\': g_string_append_c (parser->scratch, '\\'); break;
        case '/':  g_string_append_c (parser->scratch, '/'); break;
        case 'b':  g_string_append_c (parser->scratch, '\b'); break;
        case 'f':  g_string_append_c (parser->scratch, '\f'); break;
        case 'n':  g_string_append_c (parser->scratch, '\n'); break;
        case 'r':  g_string_append_c (parser->scratch, '\r'); break;
        case 't':  g_string_append_c (parser->scratch, '\t'); break;

        case 'u':
          {
            int unit = read_hex4 (parser, parser->pos + 2);
            gunichar character;

            if (unit < 0)
              return parse_fail (parser, "invalid \\u escape in a string");
            if (unit == 0)
              return parse_fail (parser, "unsupported \\u0000 escape in a string");

            character = (gunichar)unit;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = -1;

                if (parser->pos + 7 < parser->length &&
                    data[parser->pos + 6] == '\\' && data[parser->pos + 7] == 'u')
                  low = read_hex4 (parser, parser->pos + 8);

                if (low >= 0xdc00 && low <= 0xdfff)
                  {
                    character = 0x10000 + (((gunichar)unit - 0xd800) << 10) + ((gunichar)low - 0xdc00);
                    parser->pos += 6;
                  }
                else
                  character = 0xfffd;
              }
            else if (unit >= 0xdc00 && unit <= 0xdfff)
              character = 0xfffd;

            g_string_append_unichar (parser->scratch, character);
            parser->pos += 4;
          }
          break;

        default:
          parser->pos++;
          return parse_fail (parser, "invalid escape in a string");
        }

      parser->pos += 2;
      run = parser->pos;
      high = 0;
    }
}

static gboolean
expect_literal (Parser     *parser,
                const char *literal,
                gsize       length)
{
  if (parser->length - parser->pos < length ||
      memcmp (parser->data + parser->pos, literal, length) != 0)
    {
      /* point at the first byte that differs */
      for (gsize i = 0; i < length && parser->pos < parser->length; i++, parser->pos++)
        if (parser->data[parser->pos] != literal[i])
          break;
      return parse_fail (parser, "unexpected character");
    }

  parser->pos += length;
  return TRUE;
}

static JsonNode *
parse_number (Parser *parser)
{
  const char *data = parser->data;
  gsize start = parser->pos;
  gboolean integer = TRUE;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  gsize digits_start;
  char buffer[64];
  g_autofree char *long_text = NULL;
  const char *text;
  gsize length;

#define DIGIT_AT(i) ((i) < parser->length && g_ascii_isdigit (data[i]))

  if (data[parser->pos] == '-')
    {
      negative = TRUE;
      parser->pos++;
    }

  if (!DIGIT_AT (parser->pos))
    {
      parse_fail (parser, "unexpected character");
      return NULL;
    }
  digits_start = parser->pos;
  if (data[parser->pos] == '0')
    parser->pos++;
  else
    while (DIGIT_AT (parser->pos))
      magnitude = magnitude * 10 + (guint64)(data[parser->pos++] - '0');

  if (parser->pos < parser->length && data[parser->pos] == '.')
    {
      integer = FALSE;
      parser->pos++;
      if (!DIGIT_AT (parser->pos))
        {
          parse_fail (parser, "unexpected character");
          return NULL;
        }
      while (DIGIT_AT (parser->pos))
        parser->pos++;
    }

  if (parser->pos < parser->length && (data[parser->pos] == 'e' || data[parser->pos] == 'E'))
    {
      integer = FALSE;
      parser->pos++;
      if (parser->pos < parser->length && (data[parser->pos] == '+' || data[parser->pos] == '-'))
        parser->pos++;
      if (!DIGIT_AT (parser->pos))
        {
          parse_fail (parser, "unexpected character");
          return NULL;
        }
      while (DIGIT_AT (parser->pos))
        parser->pos++;
    }

#undef DIGIT_AT

  /* Ids, counts and most arguments: up to 18 digits cannot overflow. */
  if (integer && parser->pos - digits_start <= 18)
    return json_node_init_int (json_node_alloc (),
                               negative ? -(gint64)magnitude : (gint64)magnitude);

  length = parser->pos - start;
  if (length < sizeof buffer)
    {
      memcpy (buffer, data + start, length);
      buffer[length] = '\0';
      text = buffer;
    }
  else
    text = long_text = g_strndup (data + start, length);

  if (integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        return json_node_init_int (json_node_alloc (), value);
    }

  {
    double value = g_ascii_strtod (text, NULL);

    if (!isfinite (value))
      {
        parser->pos = start;
        parse_fail (parser, "number out of range");
        return NULL;
      }
    return json_node_init_double (json_node_alloc (), value);
  }
}

/* A scalar value at the current position, or NULL. */
static JsonNode *
parse_scalar (Parser *parser)
{
  switch (parser->data[parser->pos])
    {
    case '"':
      if (!parse_string (parser))
        return NULL;
      return json_node_init_string (json_node_alloc (), parser->scratch->str);

    case 't':
      return expect_literal (parser, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;

    case 'f':
      return expect_literal (parser, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;

    case 'n':
      return expect_literal (parser, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser);

    default:
      parse_fail (parser, "unexpected character");
      return NULL;
    }
}

/*
 * mcp_json_parse:
 * @data: the JSON text, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: the deepest nesting accepted
 * @error: return location for an %MCP_ERROR_PARSE_ERROR
 *
 * Parses one complete JSON text strictly enough for a protocol peer: valid
 * UTF-8, nothing but JSON (RFC 8259), no trailing text, nesting at most
 * @max_depth deep. Errors name the byte where the text went wrong.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
mcp_json_parse (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  return mcp_json_parse_cached (data, length, max_depth, NULL, error);
}

static JsonNode *parse_text (const char       *data,
                             gsize             length,
                             guint             max_depth,
                             McpJsonCache     *cache,
                             McpJsonEnvelope  *envelope,
                             GError          **error);

/* Stand for the root object of a message parsed into an envelope, and
 * for its `params` object: only ever compared, never passed to json-glib. */
static char envelope_sentinel;
static char params_sentinel;
#define ENVELOPE ((JsonNode *)&envelope_sentinel)
#define PARAMS ((JsonNode *)&params_sentinel)

static inline gboolean
holds_object (JsonNode *node)
{
  return node == ENVELOPE || node == PARAMS || JSON_NODE_HOLDS_OBJECT (node);
}

/* Requests of the 2026-07-28 era each carry the same `params._meta`
 * (protocol version, client info and capabilities, often a few hundred
 * bytes), and building its tree cost more than the rest of a `tools/call`.
 * A cache keeps the last few `_meta` objects a peer sent, with the exact
 * text they were parsed from: when the next one starts with the same
 * bytes, it is the same value (a JSON object ends with its closing brace,
 * so no longer text starts with it), and the parser takes the node
 * instead of building it again. Cached nodes are sealed (immutable), as
 * they are shared between requests. The cache also keeps the parser's
 * buffers from one message to the next. */
#define JSON_CACHE_ENTRIES 4
#define JSON_CACHE_MAX_TEXT 2048

/* Every message also repeats its `jsonrpc` ("2.0") and, mostly, one of a
 * few `method` names: those strings are kept as sealed nodes too. */
#define JSON_CACHE_WORDS 8
#define JSON_CACHE_MAX_WORD 64

typedef struct
{
  char     *text;
  gsize     length;
  guint     depth;      /* nesting levels, the object itself included */
  guint64   used;
  JsonNode *node;
} CacheEntry;

struct _McpJsonCache
{
  CacheEntry entries[JSON_CACHE_ENTRIES];
  guint64    clock;
  JsonNode  *words[JSON_CACHE_WORDS];
  guint      next_word;

  /* the parser's buffers, kept from one message to the next */
  GPtrArray *stack;
  GString   *scratch;
  GString   *key;
};

/*
 * mcp_json_cache_new:
 *
 * Creates what a transport's parser keeps between messages (the `_meta`
 * objects, `jsonrpc` and `method` strings a peer repeats, and the
 * parser's buffers) for
 * mcp_json_parse_cached() and mcp_json_parse_envelope(), for one
 * thread's use.
 *
 * Returns: (transfer full): the cache
 */
McpJsonCache *
mcp_json_cache_new (void)
{
  McpJsonCache *cache = g_new0 (McpJsonCache, 1);

  cache->stack = g_ptr_array_sized_new (8);
  cache->scratch = g_string_sized_new (64);
  cache->key = g_string_sized_new (32);
  return cache;
}

void
mcp_json_cache_free (McpJsonCache *cache)
{
  if (cache == NULL)
    return;

  for (guint i = 0; i < JSON_CACHE_ENTRIES; i++)
    {
      g_free (cache->entries[i].text);
      g_clear_pointer (&cache->entries[i].node, json_node_unref);
    }
  for (guint i = 0; i < JSON_CACHE_WORDS; i++)
    g_clear_pointer (&cache->words[i], json_node_unref);
  g_ptr_array_unref (cache->stack);
  g_string_free (cache->scratch, TRUE);
  g_string_free (cache->key, TRUE);
  g_free (cache);
}

/* A string node for @word (`jsonrpc` or `method` of a message): the
 * cached one, or a new one that the cache keeps if it is short. */
static JsonNode *
cache_word (McpJsonCache *cache,
            GString      *word)
{
  JsonNode *node;

  for (guint i = 0; i < JSON_CACHE_WORDS && cache->words[i] != NULL; i++)
    {
      if (strcmp (json_node_get_string (cache->words[i]), word->str) == 0)
        return json_node_ref (cache->words[i]);
    }

  node = json_node_init_string (json_node_alloc (), word->str);
  if (word->len > JSON_CACHE_MAX_WORD)
    return node;

  json_node_seal (node);
  g_clear_pointer (&cache->words[cache->next_word], json_node_unref);
  cache->words[cache->next_word] = json_node_ref (node);
  cache->next_word = (cache->next_word + 1) % JSON_CACHE_WORDS;
  return node;
}

/* The cached node whose text starts @data, or NULL. */
static JsonNode *
cache_lookup (McpJsonCache *cache,
              const char   *data,
              gsize         length,
              guint         depth_left,
              gsize        *consumed)
{
  for (guint i = 0; i < JSON_CACHE_ENTRIES; i++)
    {
      CacheEntry *entry = &cache->entries[i];

      if (entry->node != NULL && entry->length <= length && entry->depth <= depth_left &&
          memcmp (data, entry->text, entry->length) == 0)
        {
          entry->used = ++cache->clock;
          *consumed = entry->length;
          return json_node_ref (entry->node);
        }
    }

  return NULL;
}

/* Keeps @node, just parsed from @text, in place of the least recently used
 * entry. A `_meta` with a progress token changes with every request: it
 * would only push out the ones that repeat. */
static void
cache_insert (McpJsonCache *cache,
              const char   *text,
              gsize         length,
              guint         depth,
              JsonNode     *node)
{
  CacheEntry *oldest = &cache->entries[0];

  if (length > JSON_CACHE_MAX_TEXT ||
      json_object_has_member (json_node_get_object (node), "progressToken"))
    return;

  for (guint i = 1; i < JSON_CACHE_ENTRIES; i++)
    if (cache->entries[i].used < oldest->used)
      oldest = &cache->entries[i];

  g_free (oldest->text);
  g_clear_pointer (&oldest->node, json_node_unref);

  json_node_seal (node);
  oldest->text = g_memdup2 (text, length);
  oldest->length = length;
  oldest->depth = depth;
  oldest->used = ++cache->clock;
  oldest->node = json_node_ref (node);
}

/*
 * mcp_json_parse_cached:
 * @data: the JSON text, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: the deepest nesting accepted
 * @cache: (nullable): where `_meta` objects are kept between messages
 * @error: return location for an %MCP_ERROR_PARSE_ERROR
 *
 * Like mcp_json_parse(), and an object that is the value of a `_meta`
 * member may come from @cache, sealed, if the same text was parsed before.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
mcp_json_parse_cached (const char    *data,
                       gsize          length,
                       guint          max_depth,
                       McpJsonCache  *cache,
                       GError       **error)
{
  return parse_text (data, length, max_depth, cache, NULL, error);
}

static void
member_clear (gpointer data)
{
  McpJsonMember *member = data;

  g_free (member->name);
  json_node_unref (member->value);
}

/*
 * mcp_json_members_new:
 *
 * Creates an empty list of members (see #McpJsonMember).
 *
 * Returns: (transfer full): the list, a #GArray
 */
GArray *
mcp_json_members_new (void)
{
  GArray *members = g_array_sized_new (FALSE, FALSE, sizeof (McpJsonMember), 4);

  g_array_set_clear_func (members, member_clear);
  return members;
}

/* Adds a member, taking @value. A name given twice is kept twice: lookups
 * find the last, and a JsonObject built from the list holds the last
 * value where the first was, as json_object_set_member() does. */
void
mcp_json_members_add (GArray     *members,
                      const char *name,
                      JsonNode   *value)
{
  McpJsonMember member = { g_strdup (name), value };

  g_array_append_val (members, member);
}

/* The value of the member @name (the last one), or NULL; @members may be
 * NULL. */
JsonNode *
mcp_json_members_lookup (GArray     *members,
                         const char *name)
{
  if (members == NULL)
    return NULL;

  for (guint i = members->len; i > 0; i--)
    {
      McpJsonMember *member = &g_array_index (members, McpJsonMember, i - 1);

      if (strcmp (member->name, name) == 0)
        return member->value;
    }

  return NULL;
}

/* The object the tree parser makes of the same members (same order, the
 * same value for a name given twice), holding references to the values.
 * @members may be NULL: the object is then empty. */
JsonObject *
mcp_json_members_to_object (GArray *members)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      McpJsonMember *member = &g_array_index (members, McpJsonMember, i);

      /* (json_object_set_member() does not take a node it already holds
       * under that name: the `_meta` cache may give the same node twice) */
      if (json_object_get_member (object, member->name) != member->value)
        json_object_set_member (object, member->name, json_node_ref (member->value));
    }

  return object;
}

/* The members of a JSON-RPC message that the core reads; the others are
 * parsed (they must be valid JSON) and kept aside until the envelope is
 * cleared. A `params` object being parsed comes as PARAMS: its members
 * go to @envelope->params_members. */
static void
envelope_set (McpJsonEnvelope *envelope,
              const char      *name,
              JsonNode        *value)
{
  JsonNode **slot = NULL;

  switch (name[0])
    {
    case 'j': slot = strcmp (name, "jsonrpc") == 0 ? &envelope->jsonrpc : NULL; break;
    case 'i': slot = strcmp (name, "id") == 0 ? &envelope->id : NULL; break;
    case 'm': slot = strcmp (name, "method") == 0 ? &envelope->method : NULL; break;
    case 'p': slot = strcmp (name, "params") == 0 ? &envelope->params : NULL; break;
    case 'r': slot = strcmp (name, "result") == 0 ? &envelope->result : NULL; break;
    case 'e': slot = strcmp (name, "error") == 0 ? &envelope->error : NULL; break;
    default: break;
    }

  if (slot == NULL)
    {
      if (envelope->others == NULL)
        envelope->others = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
      g_ptr_array_add (envelope->others, value);
      return;
    }

  /* A member given twice keeps its last value, as in a JsonObject. */
  g_clear_pointer (slot, json_node_unref);
  if (slot == &envelope->params)
    {
      g_clear_pointer (&envelope->params_members, g_array_unref);
      if (value == PARAMS)
        {
          envelope->params_members = mcp_json_members_new ();
          return;
        }
    }
  *slot = value;
}

/*
 * mcp_json_parse_envelope:
 * @data: the JSON text of one message, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: the deepest nesting accepted
 * @cache: (nullable): where `_meta` objects are kept between messages
 * @envelope: (out caller-allocates): the message
 * @error: return location for an %MCP_ERROR_PARSE_ERROR
 *
 * Like mcp_json_parse_cached(), for a message that is usually a JSON-RPC
 * object: its members land in @envelope without the JsonObject that would
 * hold them, which the core never needs, and so do the members of its
 * `params` object (in @envelope->params_members), which the core only
 * looks up a few at a time. Anything else (an array, a scalar) is in
 * @envelope->root. Same checks, same errors.
 *
 * Returns: whether the text was valid; clear @envelope in both cases
 */
gboolean
mcp_json_parse_envelope (const char       *data,
                         gsize             length,
                         guint             max_depth,
                         McpJsonCache     *cache,
                         McpJsonEnvelope  *envelope,
                         GError          **error)
{
  memset (envelope, 0, sizeof *envelope);
  envelope->root = parse_text (data, length, max_depth, cache, envelope, error);
  if (envelope->root == ENVELOPE)
    {
      envelope->root = NULL;
      envelope->is_object = TRUE;
      return TRUE;
    }

  return envelope->root != NULL;
}

/*
 * mcp_json_envelope_init:
 * @envelope: (out caller-allocates): the envelope to fill
 * @message: a parsed message
 *
 * Fills @envelope from a message parsed as a tree, taking references, as
 * mcp_json_parse_envelope() fills it from text: a `params` object becomes
 * members.
 */
void
mcp_json_envelope_init (McpJsonEnvelope *envelope,
                        JsonNode        *message)
{
  static const char * const names[] = { "jsonrpc", "id", "method", "params", "result", "error" };

  memset (envelope, 0, sizeof *envelope);
  if (!JSON_NODE_HOLDS_OBJECT (message))
    {
      envelope->root = json_node_ref (message);
      return;
    }

  envelope->is_object = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (message), names[i]);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (member == NULL)
        continue;
      if (strcmp (names[i], "params") != 0 || !JSON_NODE_HOLDS_OBJECT (member))
        {
          envelope_set (envelope, names[i], json_node_ref (member));
          continue;
        }

      envelope_set (envelope, "params", PARAMS);
      json_object_iter_init_ordered (&iter, json_node_get_object (member));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        mcp_json_members_add (envelope->params_members, name, json_node_ref (value));
    }
}

void
mcp_json_envelope_clear (McpJsonEnvelope *envelope)
{
  g_clear_pointer (&envelope->root, json_node_unref);
  g_clear_pointer (&envelope->jsonrpc, json_node_unref);
  g_clear_pointer (&envelope->id, json_node_unref);
  g_clear_pointer (&envelope->method, json_node_unref);
  g_clear_pointer (&envelope->params, json_node_unref);
  g_clear_pointer (&envelope->params_members, g_array_unref);
  g_clear_pointer (&envelope->result, json_node_unref);
  g_clear_pointer (&envelope->error, json_node_unref);
  g_clear_pointer (&envelope->others, g_ptr_array_unref);
}

/* A member of the message's `params` object, or NULL. */
JsonNode *
mcp_json_envelope_get_param (const McpJsonEnvelope *envelope,
                             const char            *name)
{
  return mcp_json_members_lookup (envelope->params_members, name);
}

/* Sets a member of @parent, an object being parsed. */
static inline void
attach_member (McpJsonEnvelope *envelope,
               JsonNode        *parent,
               const char      *name,
               JsonNode        *value)
{
  if (parent == ENVELOPE)
    envelope_set (envelope, name, value);
  else if (parent == PARAMS)
    mcp_json_members_add (envelope->params_members, name, value);
  else
    json_object_set_member (json_node_get_object (parent), name, value);
}

/* The parser. With @envelope, a root object is not built: its members go
 * to @envelope, and ENVELOPE stands for it on the stack and as the value
 * returned; nor is its `params` object, for which PARAMS stands. */
static JsonNode *
parse_text (const char       *data,
            gsize             length,
            guint             max_depth,
            McpJsonCache     *cache,
            McpJsonEnvelope  *envelope,
            GError          **error)
{
  Parser parser = { data, length, 0, NULL, error };
  JsonNode *meta = NULL;   /* a `_meta` object being parsed for the cache */
  gsize meta_start = 0;
  guint meta_base = 0;     /* the stack's height under it */
  guint meta_depth = 0;
  gboolean meta_wanted = FALSE;   /* the object about to be pushed is `_meta` */
  g_autoptr(GPtrArray) own_stack = NULL;
  g_autoptr(GString) own_scratch = NULL;
  g_autoptr(GString) own_key = NULL;
  GPtrArray *stack;        /* open containers, borrowed */
  GString *scratch;
  GString *key;            /* the name of the member whose value comes next */
  g_autoptr(JsonNode) root = NULL;

  if (cache != NULL)
    {
      /* (a huge string once is no reason to keep its buffer) */
      GString **buffers[] = { &cache->scratch, &cache->key };

      for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
        if ((*buffers[i])->allocated_len > 64 * 1024)
          {
            g_string_free (*buffers[i], TRUE);
            *buffers[i] = g_string_sized_new (64);
          }
      stack = cache->stack;
      g_ptr_array_set_size (stack, 0);
      scratch = cache->scratch;
      key = cache->key;
    }
  else
    {
      stack = own_stack = g_ptr_array_sized_new (8);
      scratch = own_scratch = g_string_sized_new (64);
      key = own_key = g_string_sized_new (32);
    }

  parser.scratch = scratch;
  skip_whitespace (&parser);
  if (parser.pos >= length)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: no JSON value in the message");
      return NULL;
    }

  for (;;)
    {
      JsonNode *value;
      JsonNode *parent;
      char c;

      /* A value, at parser.pos. */
      skip_whitespace (&parser);
      if (parser.pos >= length)
        {
          parse_fail (&parser, NULL);
          return NULL;
        }

      c = data[parser.pos];
      parent = stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;
      if (c == '{' && cache != NULL && meta == NULL && parent != NULL && parent != ENVELOPE &&
          holds_object (parent) && strcmp (key->str, "_meta") == 0)
        {
          gsize consumed;

          value = cache_lookup (cache, data + parser.pos, length - parser.pos,
                                max_depth - MIN (stack->len, max_depth), &consumed);
          if (value != NULL)
            {
              /* (the same `_meta` twice in one object is the same node
               * twice, which json_object_set_member() does not take) */
              if (parent != PARAMS &&
                  json_object_get_member (json_node_get_object (parent), key->str) == value)
                json_node_unref (value);
              else
                attach_member (envelope, parent, key->str, value);
              parser.pos += consumed;
              goto after_value;
            }

          meta_start = parser.pos;
          meta_base = stack->len;
          meta_depth = 0;
          meta_wanted = TRUE;
        }

      if (c == '{' || c == '[')
        {
          if (stack->len >= max_depth)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: JSON nesting deeper than %u levels", max_depth);
              return NULL;
            }
          if (c == '{' && envelope != NULL && parent == NULL)
            value = ENVELOPE;
          else if (c == '{' && parent == ENVELOPE && strcmp (key->str, "params") == 0)
            value = PARAMS;
          else
            {
              value = json_node_alloc ();
              if (c == '{')
                json_node_take_object (json_node_init (value, JSON_NODE_OBJECT), json_object_new ());
              else
                json_node_take_array (json_node_init (value, JSON_NODE_ARRAY), json_array_new ());
            }
          parser.pos++;
        }
      else if (c == '"' && parent == ENVELOPE && cache != NULL &&
               (strcmp (key->str, "jsonrpc") == 0 || strcmp (key->str, "method") == 0))
        {
          if (!parse_string (&parser))
            return NULL;
          value = cache_word (cache, parser.scratch);
        }
      else if ((value = parse_scalar (&parser)) == NULL)
        return NULL;

      /* Attach it where it belongs. */
      if (parent == NULL && value == ENVELOPE)
        root = NULL;
      else if (parent == NULL)
        root = value;
      else if (holds_object (parent))
        attach_member (envelope, parent, key->str, value);
      else
        json_array_add_element (json_node_get_array (parent), value);

      if (c == '{' || c == '[')
        {
          if (meta_wanted)
            {
              meta = value;
              meta_wanted = FALSE;
            }
          g_ptr_array_add (stack, value);
          if (meta != NULL)
            meta_depth = MAX (meta_depth, stack->len - meta_base);
          skip_whitespace (&parser);
          if (parser.pos < length && data[parser.pos] == (c == '{' ? '}' : ']'))
            {
              /* empty: closed below */
            }
          else if (c == '{')
            {
              /* the first member's name */
              if (parser.pos >= length || data[parser.pos] != '"')
                {
                  parse_fail (&parser, "unexpected character");
                  return NULL;
                }
              goto member_name;
            }
          else
            continue;
        }

      /* After a value: a comma or the end of containers. */
    after_value:
      for (;;)
        {
          JsonNode *open;

          skip_whitespace (&parser);
          if (stack->len == 0)
            {
              if (parser.pos < length)
                {
                  parse_fail (&parser, "unexpected character");
                  return NULL;
                }
              return root != NULL ? g_steal_pointer (&root) : ENVELOPE;
            }

          if (parser.pos >= length)
            {
              parse_fail (&parser, NULL);
              return NULL;
            }

          open = g_ptr_array_index (stack, stack->len - 1);
          c = data[parser.pos];
          if (c == (holds_object (open) ? '}' : ']'))
            {
              parser.pos++;
              g_ptr_array_remove_index (stack, stack->len - 1);
              if (open == meta)
                {
                  cache_insert (cache, data + meta_start, parser.pos - meta_start, meta_depth, open);
                  meta = NULL;
                }
              continue;
            }

          if (c != ',')
            {
              parse_fail (&parser, "unexpected character");
              return NULL;
            }
          parser.pos++;
          skip_whitespace (&parser);

          if (!holds_object (open))
            break;

          if (parser.pos >= length || data[parser.pos] != '"')
            {
              parse_fail (&parser, "unexpected character");
              return NULL;
            }

        member_name:
          if (!parse_string (&parser))
            return NULL;
          {
            /* The name was read into scratch: it becomes the key, and the
             * old key's buffer the next scratch (both may be the cache's). */
            GString *name = scratch;

            scratch = parser.scratch = key;
            key = name;
          }
          skip_whitespace (&parser);
          if (parser.pos >= length || data[parser.pos] != ':')
            {
              parse_fail (&parser, "unexpected character");
              return NULL;
            }
          parser.pos++;
          break;
        }
    }
}

JsonObject *
mcp_json_parse_object (const char  *data,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  node = mcp_json_parse (data, strlen (data), 512, error);
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "Expected a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

JsonNode *
mcp_json_node_new_object (JsonObject *object)
{
  JsonNode *node = json_node_alloc ();

  return json_node_init_object (node, object);
}

JsonNode *
mcp_json_node_new_object_take (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *mcp_json_node_deep_copy (JsonNode *node);

static JsonObject *
mcp_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, mcp_json_node_deep_copy (member));

  return copy;
}

static JsonNode *
mcp_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, mcp_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *array_copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array_copy,
                                  mcp_json_node_deep_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      return json_node_copy (node);
    }
}

/* A deep, mutable copy (json_node_copy() only references containers). */
JsonObject *
mcp_json_object_copy (JsonObject *object)
{
  return mcp_json_object_deep_copy (object);
}

JsonNode *
mcp_json_node_copy (JsonNode *node)
{
  return mcp_json_node_deep_copy (node);
}

/* The writer for everything the library sends.
 *
 * Compact JSON, members in the order they were set, as json-glib's
 * JsonGenerator writes it, with two of its bugs left out: it writes U+001F
 * unescaped, and a double such as 3e48 as "3e+48.0", neither of which is
 * JSON. Doubles are written in the shortest form that reads back the same
 * ("0.1", where json-glib writes "0.10000000000000001"), still with ".0"
 * when they look like integers; infinities and NaN, which JSON cannot
 * say, are written as null. It is also several times faster, which
 * matters on the path of every answer. */


/* Writes @value in decimal into the up to 20 bytes before @end, and
 * returns where it starts. */
static inline char *
format_int (char   *end,
            gint64  value)
{
  char *p = end;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  do
    {
      *--p = (char)('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (value < 0)
    *--p = '-';

  return p;
}

/* Without printf(), which costs more than the rest of a small answer. */
static void
append_int (GString *out,
            gint64   value)
{
  char buffer[24];
  char *end = buffer + sizeof buffer;
  char *p = format_int (end, value);

  append_len (out, p, end - p);
}

/* Appends @value in decimal, without printf(): for the writer's own
 * callers (event ids, retry delays). */
void
mcp_json_append_int (GString *out,
                     gint64   value)
{
  append_int (out, value);
}

/*
 * mcp_json_append_string:
 * @out: where to write
 * @string: UTF-8 text
 *
 * Appends @string to @out as a JSON string, quoted and escaped.
 */
void
mcp_json_append_string (GString    *out,
                        const char *string)
{
  const guchar *run = (const guchar *)string;
  const guchar *p;

  g_string_append_c (out, '"');
  for (p = run; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      append_len (out, (const char *)run, p - run);
      switch (c)
        {
        case '"':  append_literal (out, "\\\""); break;
        case '\\': append_literal (out, "\\\\"); break;
        case '\b': append_literal (out, "\\b"); break;
        case '\f': append_literal (out, "\\f"); break;
        case '\n': append_literal (out, "\\n"); break;
        case '\r': append_literal (out, "\\r"); break;
        case '\t': append_literal (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  append_len (out, (const char *)run, p - run);
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      append_literal (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    append_literal (out, ".0");
}

/*
 * mcp_json_append_object:
 * @out: where to write
 * @object: a JSON object
 *
 * Appends @object to @out as compact JSON, members in their order.
 */
void
mcp_json_append_object (GString    *out,
                        JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      mcp_json_append_string (out, name);
      g_string_append_c (out, ':');
      mcp_json_append (out, member);
    }
  g_string_append_c (out, '}');
}

/*
 * mcp_json_append_array:
 * @out: where to write
 * @array: a JSON array
 *
 * Appends @array to @out as compact JSON.
 */
void
mcp_json_append_array (GString   *out,
                       JsonArray *array)
{
  guint length = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < length; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mcp_json_append (out, json_array_get_element (array, i));
    }
  g_string_append_c (out, ']');
}

/*
 * mcp_json_append:
 * @out: where to write
 * @node: (nullable): a JSON value; %NULL is written as null
 *
 * Appends @node to @out as compact JSON.
 */
void
mcp_json_append (GString  *out,
                 JsonNode *node)
{
  if (node == NULL)
    {
      append_literal (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      mcp_json_append_object (out, json_node_get_object (node));
      break;

    case JSON_NODE_ARRAY:
      mcp_json_append_array (out, json_node_get_array (node));
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            mcp_json_append_string (out, json_node_get_string (node));
          else
            append_literal (out, "null");
          break;

        case G_TYPE_INT64:
          append_int (out, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;

        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (node))
            append_literal (out, "true");
          else
            append_literal (out, "false");
          break;

        default:
          append_literal (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      append_literal (out, "null");
      break;
    }
}

char *
mcp_json_to_string (JsonNode *node,
                    gsize    *length)
{
  GString *out = g_string_sized_new (128);

  mcp_json_append (out, node);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

char *
mcp_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = mcp_json_node_new_object (object);

  return mcp_json_to_string (node, NULL);
}

/* JSON-RPC ids in MCP are strings or integers, never null. */
gboolean
mcp_json_id_is_valid (JsonNode *id)
{
  return mcp_json_node_is_string (id) || mcp_json_node_is_integer (id);
}

/* A key for hash tables that keeps 1 and "1" apart. */
char *
mcp_json_id_to_key (JsonNode *id)
{
  if (mcp_json_node_is_integer (id))
    {
      char buffer[24];
      char *end = buffer + sizeof buffer;
      char *p = format_int (end, json_node_get_int (id));

      *--p = 'i';
      return g_strndup (p, end - p);
    }
  if (mcp_json_node_is_string (id))
    return g_strconcat ("s", json_node_get_string (id), NULL);
  return NULL;
}

const char *
mcp_json_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_INT64:
          return "an integer";
        case G_TYPE_DOUBLE:
          return "a number";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a value";
        }
    default:
      return "a value";
    }
}
