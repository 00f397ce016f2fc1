/* mcp-uri-template.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-uri-template-private.h"

/* RFC 6570 levels 1–3: simple {var}, reserved {+var}, fragment {#var},
 * label {.var}, path segments {/var}, path parameters {;var}, query {?var}
 * and query continuation {&var}, each with one or more comma-separated
 * variables. Level 4 modifiers (prefixes and explode) are rejected. */

#define RESERVED ":/?#[]@!$&'()*+,;="

typedef struct
{
  char    op;           /* '\0', '+', '#', '.', '/', ';', '?', '&' */
  GStrv   names;
} Expression;

typedef struct
{
  char       *literal;  /* or NULL for an expression */
  Expression  expression;
} Part;

struct _McpUriTemplate
{
  GArray *parts;        /* Part */
  GRegex *regex;
};

typedef struct
{
  const char *first;    /* what the expansion starts with */
  char        separator;
  gboolean    named;
  gboolean    allow_reserved;
  const char *empty_suffix;  /* after the name of a named variable with an empty value */
} OpInfo;

static OpInfo
op_info (char op)
{
  switch (op)
    {
    case '+':
      return (OpInfo) { "", ',', FALSE, TRUE, "" };
    case '#':
      return (OpInfo) { "#", ',', FALSE, TRUE, "" };
    case '.':
      return (OpInfo) { ".", '.', FALSE, FALSE, "" };
    case '/':
      return (OpInfo) { "/", '/', FALSE, FALSE, "" };
    case ';':
      return (OpInfo) { ";", ';', TRUE, FALSE, "" };
    case '?':
      return (OpInfo) { "?", '&', TRUE, FALSE, "=" };
    case '&':
      return (OpInfo) { "&", '&', TRUE, FALSE, "=" };
    default:
      return (OpInfo) { "", ',', FALSE, FALSE, "" };
    }
}

static void
part_clear (gpointer data)
{
  Part *part = data;

  g_clear_pointer (&part->literal, g_free);
  g_clear_pointer (&part->expression.names, g_strfreev);
}

void
mcp_uri_template_free (McpUriTemplate *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_free (self);
}

static gboolean
valid_varname (const char *name)
{
  if (name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '%')
      return FALSE;

  return TRUE;
}

/* The regular expression of one expression's expansion. */
static void
append_expression_regex (GString          *regex,
                         const Expression *expression)
{
  switch (expression->op)
    {
    case '+':
      g_string_append (regex, "(.*?)");
      break;
    case '#':
      g_string_append (regex, "((?:#.*?)?)");
      break;
    case '.':
      g_string_append (regex, "((?:\\.[^/?#.]*)*)");
      break;
    case '/':
      g_string_append (regex, "((?:/[^/?#]*)*)");
      break;
    case ';':
      g_string_append (regex, "((?:;[^/?#;]*)*)");
      break;
    case '?':
      g_string_append (regex, "((?:\\?[^#]*)?)");
      break;
    case '&':
      g_string_append (regex, "((?:&[^#]*)?)");
      break;
    default:
      g_string_append (regex, "([^/?#]*)");
      break;
    }
}

McpUriTemplate *
mcp_uri_template_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(McpUriTemplate) self = g_new0 (McpUriTemplate, 1);
  g_autoptr(GString) regex = g_string_new ("^");
  const char *p = text;

  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, part_clear);

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      Part part = { NULL, };

      if (open != p)
        {
          gsize length = open != NULL ? (gsize)(open - p) : strlen (p);
          g_autofree char *escaped = NULL;

          part.literal = g_strndup (p, length);
          if (strchr (part.literal, '}') != NULL)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "Invalid URI template “%s”: unbalanced “}”", text);
              part_clear (&part);
              return NULL;
            }
          escaped = g_regex_escape_string (part.literal, -1);
          g_string_append (regex, escaped);
          g_array_append_val (self->parts, part);
          p += length;
          continue;
        }
      else
        {
          const char *close = strchr (open, '}');
          g_autofree char *body = NULL;
          const char *names;

          if (close == NULL)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "Invalid URI template “%s”: unterminated expression", text);
              return NULL;
            }

          body = g_strndup (open + 1, close - open - 1);
          names = body;
          if (strchr ("+#./;?&", body[0]) != NULL && body[0] != '\0')
            part.expression.op = *names++;

          part.expression.names = g_strsplit (names, ",", -1);
          for (guint i = 0; part.expression.names[i] != NULL; i++)
            {
              if (!valid_varname (part.expression.names[i]))
                {
                  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Invalid URI template “%s”: “%s” is not a variable name "
                               "(levels 1 to 3 of RFC 6570 are supported)",
                               text, part.expression.names[i]);
                  part_clear (&part);
                  return NULL;
                }
            }

          append_expression_regex (regex, &part.expression);
          g_array_append_val (self->parts, part);
          p = close + 1;
        }
    }

  g_string_append (regex, "$");
  self->regex = g_regex_new (regex->str, G_REGEX_DOTALL, 0, error);
  if (self->regex == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static void
append_encoded (GString    *out,
                const char *value,
                gboolean    allow_reserved)
{
  for (const guchar *p = (const guchar *)value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL ||
          (allow_reserved && strchr (RESERVED, *p) != NULL))
        g_string_append_c (out, *p);
      else if (allow_reserved && *p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static const char *
variable_value (JsonObject *variables,
                const char *name)
{
  JsonNode *node = mcp_json_get_member (variables, name);

  if (mcp_json_node_is_string (node))
    return json_node_get_string (node);

  return NULL;
}

char *
mcp_uri_template_expand (McpUriTemplate *self,
                         JsonObject     *variables)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);
      OpInfo info;
      gboolean first = TRUE;

      if (part->literal != NULL)
        {
          g_string_append (out, part->literal);
          continue;
        }

      info = op_info (part->expression.op);
      for (guint j = 0; part->expression.names[j] != NULL; j++)
        {
          const char *name = part->expression.names[j];
          const char *value = variable_value (variables, name);

          if (value == NULL)
            continue;

          if (first)
            g_string_append (out, info.first);
          else
            g_string_append_c (out, info.separator);
          first = FALSE;

          if (info.named)
            {
              g_string_append (out, name);
              if (value[0] == '\0')
                {
                  g_string_append (out, info.empty_suffix);
                  continue;
                }
              g_string_append_c (out, '=');
            }
          append_encoded (out, value, info.allow_reserved);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
decode (const char *text,
        gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);

  return g_uri_unescape_string (copy, NULL);
}

/* The variables of simple ({var}) and reserved ({+var}) expressions are
 * always there after a match, empty when the URI gives them no value:
 * their expansion cannot tell an empty value from a missing one, and read
 * functions should not have to. The other operators name their
 * variables, so what the URI leaves out stays out. */
static gboolean
fill_unmatched (const Expression *expression,
                JsonObject       *variables)
{
  if (op_info (expression->op).first[0] != '\0')
    return TRUE;

  for (guint i = 0; expression->names[i] != NULL; i++)
    if (!json_object_has_member (variables, expression->names[i]))
      json_object_set_string_member (variables, expression->names[i], "");

  return TRUE;
}

/* Splits the captured expansion of one expression back into variables. */
static gboolean
match_expression (const Expression *expression,
                  const char       *captured,
                  JsonObject       *variables)
{
  OpInfo info = op_info (expression->op);
  g_auto(GStrv) values = NULL;
  const char *body = captured;
  char separator[2] = { info.separator, '\0' };
  gboolean ok = TRUE;

  if (captured[0] == '\0')
    return fill_unmatched (expression, variables);

  if (info.first[0] != '\0')
    {
      if (!g_str_has_prefix (captured, info.first))
        return FALSE;
      body = captured + strlen (info.first);
    }

  values = g_strsplit (body, separator, -1);

  if (info.named)
    {
      for (guint i = 0; values[i] != NULL; i++)
        {
          const char *equals = strchr (values[i], '=');
          g_autofree char *name = equals != NULL ? g_strndup (values[i], equals - values[i])
                                                 : g_strdup (values[i]);
          g_autofree char *value = equals != NULL ? decode (equals + 1, strlen (equals + 1))
                                                  : g_strdup ("");

          if (value == NULL || !g_strv_contains ((const char * const *)expression->names, name))
            return FALSE;
          json_object_set_string_member (variables, name, value);
        }
      return TRUE;
    }

  if (g_strv_length (values) > g_strv_length (expression->names))
    {
      /* a single reserved-expansion variable may itself contain commas */
      if (!info.allow_reserved || g_strv_length (expression->names) != 1)
        return FALSE;
      {
        g_autofree char *value = decode (body, strlen (body));

        if (value == NULL)
          return FALSE;
        json_object_set_string_member (variables, expression->names[0], value);
        return TRUE;
      }
    }

  for (guint i = 0; ok && values[i] != NULL; i++)
    {
      g_autofree char *value = decode (values[i], strlen (values[i]));

      if (value == NULL)
        ok = FALSE;
      else
        json_object_set_string_member (variables, expression->names[i], value);
    }

  return ok && fill_unmatched (expression, variables);
}

/* Returns the variables @uri was expanded from, or NULL when it does not
 * match. */
JsonObject *
mcp_uri_template_match (McpUriTemplate *self,
                        const char     *uri)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(JsonObject) variables = NULL;
  guint group = 1;

  if (!g_regex_match (self->regex, uri, 0, &match))
    return NULL;

  variables = json_object_new ();
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);
      g_autofree char *captured = NULL;

      if (part->literal != NULL)
        continue;

      captured = g_match_info_fetch (match, group++);
      if (captured == NULL || !match_expression (&part->expression, captured, variables))
        return NULL;
    }

  return g_steal_pointer (&variables);
}

/* (transfer full) the names of every variable, in order */
char **
mcp_uri_template_get_names (McpUriTemplate *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      if (part->literal == NULL)
        g_strv_builder_addv (builder, (const char **)part->expression.names);
    }

  return g_strv_builder_end (builder);
}
