/* mcp-gir-docs.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-method-private.h"

/* A typelib carries no documentation: g-ir-scanner writes each doc comment
 * into the .gir XML only. This reads the documentation of one class from a
 * .gir file with GMarkup: the class itself, its methods and static
 * functions (with their parameters and return values) and its properties. */

struct _McpGirDocs
{
  char       *class_doc;
  GHashTable *docs;   /* key → text: "m:method", "p:method:param", "r:method", "P:property" */
};

typedef struct
{
  const char *type_name;
  McpGirDocs *docs;
  GPtrArray  *stack;        /* element names */
  int         class_depth;  /* depth of the matching <class>, or -1 */
  char       *method;
  char       *parameter;
  char       *property;
  gboolean    in_return;
  char       *doc_key;      /* while inside a <doc> we want */
  GString    *text;
  gboolean    done;
} ParseState;

#define STOP_PARSING 1

static const char *
find_attribute (const char  *name,
                const char **names,
                const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

static const char *
parent_element (ParseState *state)
{
  if (state->stack->len < 2)
    return NULL;
  return g_ptr_array_index (state->stack, state->stack->len - 2);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  int depth = (int)state->stack->len;   /* depth of this element, before pushing */
  const char *parent;

  g_ptr_array_add (state->stack, g_strdup (element_name));
  parent = parent_element (state);

  if (state->class_depth < 0)
    {
      if (strcmp (element_name, "class") == 0 &&
          g_strcmp0 (find_attribute ("glib:type-name", attribute_names, attribute_values),
                     state->type_name) == 0)
        state->class_depth = depth;
      return;
    }

  if (depth == state->class_depth + 1)
    {
      if (strcmp (element_name, "method") == 0 || strcmp (element_name, "function") == 0)
        state->method = g_strdup (find_attribute ("name", attribute_names, attribute_values));
      else if (strcmp (element_name, "property") == 0)
        state->property = g_strdup (find_attribute ("name", attribute_names, attribute_values));
      else if (strcmp (element_name, "doc") == 0)
        state->doc_key = g_strdup ("class");
    }
  else if (state->method != NULL)
    {
      if (strcmp (element_name, "return-value") == 0)
        state->in_return = TRUE;
      else if (strcmp (element_name, "parameter") == 0)
        state->parameter = g_strdup (find_attribute ("name", attribute_names, attribute_values));
      else if (strcmp (element_name, "doc") == 0)
        {
          if (g_strcmp0 (parent, "method") == 0 || g_strcmp0 (parent, "function") == 0)
            state->doc_key = g_strdup_printf ("m:%s", state->method);
          else if (g_strcmp0 (parent, "return-value") == 0)
            state->doc_key = g_strdup_printf ("r:%s", state->method);
          else if (g_strcmp0 (parent, "parameter") == 0 && state->parameter != NULL)
            state->doc_key = g_strdup_printf ("p:%s:%s", state->method, state->parameter);
        }
    }
  else if (state->property != NULL && strcmp (element_name, "doc") == 0 &&
           g_strcmp0 (parent, "property") == 0)
    state->doc_key = g_strdup_printf ("P:%s", state->property);

  if (state->doc_key != NULL)
    g_string_truncate (state->text, 0);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  int depth;

  g_ptr_array_remove_index (state->stack, state->stack->len - 1);
  depth = (int)state->stack->len;

  if (state->class_depth < 0)
    return;

  if (strcmp (element_name, "doc") == 0 && state->doc_key != NULL)
    {
      char *text = g_strstrip (g_strdup (state->text->str));

      if (strcmp (state->doc_key, "class") == 0)
        {
          g_free (state->docs->class_doc);
          state->docs->class_doc = text;
        }
      else
        g_hash_table_replace (state->docs->docs, g_steal_pointer (&state->doc_key), text);
      g_clear_pointer (&state->doc_key, g_free);
    }
  else if (strcmp (element_name, "parameter") == 0)
    g_clear_pointer (&state->parameter, g_free);
  else if (strcmp (element_name, "return-value") == 0)
    state->in_return = FALSE;
  else if (depth == state->class_depth + 1 &&
           (strcmp (element_name, "method") == 0 || strcmp (element_name, "function") == 0))
    g_clear_pointer (&state->method, g_free);
  else if (depth == state->class_depth + 1 && strcmp (element_name, "property") == 0)
    g_clear_pointer (&state->property, g_free);
  else if (depth == state->class_depth && strcmp (element_name, "class") == 0)
    {
      /* Everything about the class has been read: stop here. */
      state->done = TRUE;
      g_set_error_literal (error, G_MARKUP_ERROR, STOP_PARSING, "done");
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text_data,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->doc_key != NULL)
    g_string_append_len (state->text, text_data, text_len);
}

static const GMarkupParser parser = {
  start_element,
  end_element,
  text,
  NULL,
  NULL,
};

void
mcp_gir_docs_free (McpGirDocs *docs)
{
  if (docs == NULL)
    return;

  g_free (docs->class_doc);
  g_hash_table_unref (docs->docs);
  g_free (docs);
}

/* Reads the documentation of the class whose GType is named @type_name
 * from the .gir file @file. A file without that class gives empty
 * documentation, not an error. */
McpGirDocs *
mcp_gir_docs_load (GFile       *file,
                   const char  *type_name,
                   GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  ParseState state = { 0, };
  McpGirDocs *docs;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  docs = g_new0 (McpGirDocs, 1);
  docs->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  state.type_name = type_name;
  state.docs = docs;
  state.stack = g_ptr_array_new_with_free_func (g_free);
  state.class_depth = -1;
  state.text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  if (!g_markup_parse_context_parse (context, contents, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (!state.done)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_pointer (&docs, mcp_gir_docs_free);
        }
    }

  g_ptr_array_unref (state.stack);
  g_string_free (state.text, TRUE);
  g_free (state.method);
  g_free (state.parameter);
  g_free (state.property);
  g_free (state.doc_key);

  return docs;
}

const char *
mcp_gir_docs_get_class (McpGirDocs *docs)
{
  return docs != NULL ? docs->class_doc : NULL;
}

static const char *
lookup (McpGirDocs *docs,
        const char *key)
{
  return docs != NULL ? g_hash_table_lookup (docs->docs, key) : NULL;
}

const char *
mcp_gir_docs_get_method (McpGirDocs *docs,
                         const char *method)
{
  g_autofree char *key = g_strdup_printf ("m:%s", method);
  return lookup (docs, key);
}

const char *
mcp_gir_docs_get_parameter (McpGirDocs *docs,
                            const char *method,
                            const char *parameter)
{
  g_autofree char *key = g_strdup_printf ("p:%s:%s", method, parameter);
  return lookup (docs, key);
}

const char *
mcp_gir_docs_get_return (McpGirDocs *docs,
                         const char *method)
{
  g_autofree char *key = g_strdup_printf ("r:%s", method);
  return lookup (docs, key);
}

const char *
mcp_gir_docs_get_property (McpGirDocs *docs,
                           const char *property)
{
  g_autofree char *key = g_strdup_printf ("P:%s", property);
  return lookup (docs, key);
}
