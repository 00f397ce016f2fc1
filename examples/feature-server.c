/* feature-server.c — every server-side MCP feature of makemcp-glib, in one
 * program
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A small notes service. The same handlers serve 2026-07-28 clients and
 * legacy ones:
 *
 * - tools: add_note / list_notes (structured content, output schema),
 *   count_words (progress and logging), confirm_clear (asks the user,
 *   elicitation), summarize (asks the client's model, sampling),
 *   list_roots (the client's roots), archive (a long job that becomes a
 *   task for clients that support the tasks extension), open_basket and
 *   basket_add (per-client state behind signed handles);
 * - resources: notes://index, and notes://note/{id} (a template with
 *   completion); subscriptions are told when notes change;
 * - prompts: review_note (with completion of the note id);
 * - list changes: adding the first note adds the delete_note tool.
 */

#include <string.h>

#include <makemcp-glib/makemcp-glib.h>

typedef struct
{
  McpServer   *server;
  GPtrArray   *notes;       /* char *, the text; the id is the index + 1 */
  GHashTable  *baskets;     /* basket id → GPtrArray of char * */
  McpResource *index;
} Notes;

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static McpTool *
new_tool (const char *name,
          const char *description,
          const char *input_schema)
{
  McpTool *tool = mcp_tool_new (name, description);

  if (!mcp_tool_set_input_schema_json (tool, input_schema, NULL))
    g_error ("The input schema of %s is not JSON", name);
  return tool;
}

static char *
notes_index_text (Notes *notes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < notes->notes->len; i++)
    g_string_append_printf (text, "%u. %s\n", i + 1, (char *)g_ptr_array_index (notes->notes, i));
  return g_string_free (text, FALSE);
}

/* notes://index: read from the current notes each time */
static McpResourceContents *
read_index (McpResource        *resource,
            McpRequestContext  *context,
            gpointer            user_data,
            GError            **error)
{
  g_autofree char *text = notes_index_text (user_data);

  return mcp_resource_contents_new_text ("notes://index", "text/plain", text);
}

/* notes://note/{id} */
static McpResourceContents *
read_note (McpResourceTemplate  *template,
           McpRequestContext    *context,
           const char           *uri,
           JsonObject           *variables,
           gpointer              user_data,
           GError              **error)
{
  Notes *notes = user_data;
  guint64 id;

  /* (with no notes, there is no range to parse into) */
  if (notes->notes->len == 0 ||
      !g_ascii_string_to_unsigned (json_object_get_string_member (variables, "id"), 10,
                                   1, notes->notes->len, &id, NULL))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND, "There is no note %s",
                   json_object_get_string_member (variables, "id"));
      return NULL;
    }

  return mcp_resource_contents_new_text (uri, "text/plain", g_ptr_array_index (notes->notes, id - 1));
}

static char **
complete_note_id (McpRequestContext *context,
                  const char        *argument,
                  const char        *value,
                  JsonObject        *arguments,
                  gpointer           user_data)
{
  Notes *notes = user_data;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < notes->notes->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      if (g_str_has_prefix (id, value))
        g_strv_builder_add (ids, id);
    }

  return g_strv_builder_end (ids);
}

static McpToolResult *
delete_note (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  Notes *notes = user_data;
  gint64 id = json_object_get_int_member (arguments, "id");

  if (id < 1 || id > (gint64)notes->notes->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There is no note %" G_GINT64_FORMAT, id);
      return NULL;
    }

  g_ptr_array_remove_index (notes->notes, id - 1);
  mcp_resource_notify_updated (notes->index);
  return mcp_tool_result_new_text ("Deleted");
}

static McpToolResult *
add_note (McpTool            *tool,
          McpRequestContext  *context,
          JsonObject         *arguments,
          gpointer            user_data,
          GError            **error)
{
  Notes *notes = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) structured = NULL;
  g_autofree char *uri = NULL;
  McpToolResult *result;

  g_ptr_array_add (notes->notes, g_strdup (json_object_get_string_member (arguments, "text")));
  uri = g_strdup_printf ("notes://note/%u", notes->notes->len);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, notes->notes->len);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_end_object (builder);
  structured = json_builder_get_root (builder);

  result = mcp_tool_result_new_structured (structured);
  mcp_tool_result_add_resource_link (result, uri, "The new note", NULL, "text/plain");

  /* The index changed; the first note makes delete_note worth offering. */
  mcp_resource_notify_updated (notes->index);
  if (mcp_server_lookup_tool (notes->server, "delete_note") == NULL)
    {
      g_autoptr(McpTool) delete = new_tool ("delete_note", "Delete a note by its id.",
                                            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\","
                                            "\"minimum\":1}},\"required\":[\"id\"]}");
      mcp_tool_set_hint (delete, "destructiveHint", TRUE);
      mcp_tool_set_func (delete, delete_note, notes, NULL);
      mcp_server_add_tool (notes->server, delete);
    }

  return result;
}

static McpToolResult *
list_notes (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  Notes *notes = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) structured = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < notes->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (notes->notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  structured = json_builder_get_root (builder);

  return mcp_tool_result_new_structured (structured);
}

/* count_words: progress and logging while it works */
typedef struct
{
  McpToolInvocation *invocation;
  char             **words;
  guint              next;
} Counting;

static gboolean
count_step (gpointer user_data)
{
  Counting *counting = user_data;
  McpRequestContext *context = mcp_tool_invocation_get_context (counting->invocation);
  guint total = g_strv_length (counting->words);
  g_autofree char *message = NULL;

  if (mcp_request_context_is_cancelled (context) || counting->next >= total)
    {
      g_autofree char *text = g_strdup_printf ("%u words", total);

      mcp_request_context_log (context, MCP_LOG_LEVEL_INFO, "count_words", "Counting finished");
      mcp_tool_invocation_return_text (counting->invocation, text);
      g_object_unref (counting->invocation);
      g_strfreev (counting->words);
      g_free (counting);
      return G_SOURCE_REMOVE;
    }

  message = g_strdup_printf ("Counted “%s”", counting->words[counting->next]);
  counting->next++;
  mcp_request_context_report_progress (context, counting->next, total, message);
  mcp_request_context_log (context, MCP_LOG_LEVEL_DEBUG, "count_words", message);
  return G_SOURCE_CONTINUE;
}

static void
count_words (McpTool           *tool,
             McpToolInvocation *invocation,
             gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  Counting *counting = g_new0 (Counting, 1);

  counting->invocation = g_object_ref (invocation);
  counting->words = g_strsplit_set (json_object_get_string_member (arguments, "text"), " \t\n", -1);
  mcp_request_context_log (mcp_tool_invocation_get_context (invocation), MCP_LOG_LEVEL_INFO,
                           "count_words", "Counting started");
  g_timeout_add (10, count_step, counting);
}

/* confirm_clear: asks the user before doing something destructive */
static void
confirm_clear_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  Notes *notes = g_object_get_data (G_OBJECT (invocation), "notes");
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  JsonObject *content;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  /* An accepted answer was checked against the form's schema; a declined
   * one has no content. */
  content = json_object_has_member (answer, "content")
            ? json_object_get_object_member (answer, "content") : NULL;
  if (g_strcmp0 (json_object_get_string_member (answer, "action"), "accept") != 0 ||
      content == NULL || !json_object_get_boolean_member (content, "confirm"))
    {
      mcp_tool_invocation_return_text (invocation, "Nothing was cleared");
      return;
    }

  g_ptr_array_set_size (notes->notes, 0);
  mcp_resource_notify_updated (notes->index);
  mcp_tool_invocation_return_text (invocation, "All notes were cleared");
}

static void
confirm_clear (McpTool           *tool,
               McpToolInvocation *invocation,
               gpointer           user_data)
{
  g_autoptr(JsonObject) schema = parse_object ("{\"type\":\"object\",\"properties\":{\"confirm\":"
                                               "{\"type\":\"boolean\",\"title\":\"Clear every note\","
                                               "\"default\":false}},\"required\":[\"confirm\"]}");

  g_object_set_data (G_OBJECT (invocation), "notes", user_data);
  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "confirm",
                                    "Really clear every note?", schema, NULL,
                                    confirm_clear_cb, g_object_ref (invocation));
}

/* summarize: asks the client's model */
static void
summarize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  JsonObject *content;

  answer = mcp_request_context_sample_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  content = json_object_get_object_member (answer, "content");
  text = g_strdup_printf ("Summary: %s", content != NULL && json_object_has_member (content, "text")
                                         ? json_object_get_string_member (content, "text") : "(none)");
  mcp_tool_invocation_return_text (invocation, text);
}

static void
summarize (McpTool           *tool,
           McpToolInvocation *invocation,
           gpointer           user_data)
{
  g_autofree char *notes_text = notes_index_text (user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) params = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, notes_text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "systemPrompt");
  json_builder_add_string_value (builder, "Summarize these notes in one sentence.");
  json_builder_set_member_name (builder, "maxTokens");
  json_builder_add_int_value (builder, 100);
  json_builder_end_object (builder);
  params = json_builder_get_root (builder);

  mcp_request_context_sample_async (mcp_tool_invocation_get_context (invocation), "summary",
                                    json_node_get_object (params), NULL,
                                    summarize_cb, g_object_ref (invocation));
}

/* list_roots */
static void
list_roots_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GString) text = g_string_new ("Roots:");
  GError *error = NULL;
  JsonArray *roots;

  answer = mcp_request_context_list_roots_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  roots = json_object_get_array_member (answer, "roots");
  for (guint i = 0; i < json_array_get_length (roots); i++)
    g_string_append_printf (text, " %s",
                            json_object_get_string_member (json_array_get_object_element (roots, i), "uri"));
  mcp_tool_invocation_return_text (invocation, text->str);
}

static void
list_roots (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  mcp_request_context_list_roots_async (mcp_tool_invocation_get_context (invocation), "roots", NULL,
                                        list_roots_cb, g_object_ref (invocation));
}

/* archive: long work; a task for clients that support tasks */
static gboolean
archive_done (gpointer user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;

  if (mcp_request_context_is_cancelled (mcp_tool_invocation_get_context (invocation)))
    mcp_tool_invocation_take_error (invocation, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                     "Cancelled"));
  else
    mcp_tool_invocation_return_text (invocation, "Archived every note");
  return G_SOURCE_REMOVE;
}

static void
archive (McpTool           *tool,
         McpToolInvocation *invocation,
         gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  guint ms = json_object_has_member (arguments, "ms") ? json_object_get_int_member (arguments, "ms") : 500;

  g_timeout_add (ms, archive_done, g_object_ref (invocation));
}

/* open_basket / basket_add: per-client state behind signed handles */
static McpToolResult *
open_basket (McpTool            *tool,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  Notes *notes = user_data;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *handle = mcp_server_mint_handle (notes->server, "basket", id, 24 * 3600);

  g_hash_table_insert (notes->baskets, g_strdup (id), g_ptr_array_new_with_free_func (g_free));
  return mcp_tool_result_new_text (handle);
}

static McpToolResult *
basket_add (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  Notes *notes = user_data;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  GPtrArray *basket;

  id = mcp_server_verify_handle (notes->server, "basket",
                                 json_object_get_string_member (arguments, "basket"), error);
  if (id == NULL)
    return NULL;

  if ((basket = g_hash_table_lookup (notes->baskets, id)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "This basket no longer exists; open a new one");
      return NULL;
    }

  g_ptr_array_add (basket, g_strdup (json_object_get_string_member (arguments, "item")));
  text = g_strdup_printf ("The basket holds %u item(s)", basket->len);
  return mcp_tool_result_new_text (text);
}

/* review_note: a prompt */
static McpPromptResult *
review_note (McpPrompt          *prompt,
             McpRequestContext  *context,
             JsonObject         *arguments,
             gpointer            user_data,
             GError            **error)
{
  Notes *notes = user_data;
  const char *id = json_object_get_string_member (arguments, "id");
  guint64 n = g_ascii_strtoull (id, NULL, 10);
  g_autoptr(McpPromptResult) result = NULL;
  g_autofree char *uri = g_strdup_printf ("notes://note/%s", id);

  if (n == 0 || n > notes->notes->len)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "There is no note %s", id);
      return NULL;
    }

  result = mcp_prompt_result_new ("Review a note");
  mcp_prompt_result_add_embedded_text (result, MCP_ROLE_USER, uri, "text/plain",
                                       g_ptr_array_index (notes->notes, n - 1));
  mcp_prompt_result_add_text (result, MCP_ROLE_USER,
                              json_object_has_member (arguments, "focus")
                              ? json_object_get_string_member (arguments, "focus")
                              : "Please review the note above.");
  return g_steal_pointer (&result);
}

static void
notes_free (Notes *notes)
{
  g_ptr_array_unref (notes->notes);
  g_hash_table_unref (notes->baskets);
  g_free (notes);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McpServer) server = mcp_server_new ("makemcp-glib-notes", "0.1.0");
  Notes *notes = g_new0 (Notes, 1);
  g_autoptr(McpTool) tool = NULL;
  g_autoptr(McpResource) index = NULL;
  g_autoptr(McpResourceTemplate) note = NULL;
  g_autoptr(McpPrompt) review = NULL;
  int status;

  notes->server = server;
  notes->notes = g_ptr_array_new_with_free_func (g_free);
  notes->baskets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);

  mcp_server_set_title (server, "Notes");
  mcp_server_set_instructions (server, "Keep short notes. Read notes://index for all of them.");

  tool = new_tool ("add_note", "Add a note and return its id and URI.",
                   "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":1}},"
                   "\"required\":[\"text\"],\"additionalProperties\":false}");
  mcp_tool_set_output_schema_json (tool, "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
                                         "\"uri\":{\"type\":\"string\"}},\"required\":[\"id\",\"uri\"]}", NULL);
  mcp_tool_set_func (tool, add_note, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("list_notes", "List every note.", "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_output_schema_json (tool, "{\"type\":\"object\",\"properties\":{\"notes\":{\"type\":\"array\","
                                         "\"items\":{\"type\":\"string\"}}},\"required\":[\"notes\"]}", NULL);
  mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_tool_set_func (tool, list_notes, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("count_words", "Count the words of a text, reporting progress.",
                   "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}");
  mcp_tool_set_async_func (tool, count_words, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("confirm_clear", "Clear every note, after asking the user.",
                   "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_hint (tool, "destructiveHint", TRUE);
  mcp_tool_set_async_func (tool, confirm_clear, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("summarize", "Summarize the notes with the client's model.",
                   "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_async_func (tool, summarize, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("list_roots", "List the client's roots.", "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_async_func (tool, list_roots, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("archive", "Archive every note; slow, so it runs as a task when it can.",
                   "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\",\"minimum\":0,"
                   "\"maximum\":60000}},\"additionalProperties\":false}");
  mcp_tool_set_task_support (tool, MCP_TASK_SUPPORT_OPTIONAL);
  mcp_tool_set_async_func (tool, archive, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("open_basket", "Open a basket for collecting items; returns its handle.",
                   "{\"type\":\"object\",\"additionalProperties\":false}");
  mcp_tool_set_func (tool, open_basket, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  tool = new_tool ("basket_add", "Add an item to a basket opened with open_basket.",
                   "{\"type\":\"object\",\"properties\":{\"basket\":{\"type\":\"string\"},\"item\":"
                   "{\"type\":\"string\"}},\"required\":[\"basket\",\"item\"]}");
  mcp_tool_set_func (tool, basket_add, notes, NULL);
  mcp_server_add_tool (server, tool);
  g_clear_object (&tool);

  index = mcp_resource_new ("notes://index", "Index of the notes");
  mcp_resource_set_mime_type (index, "text/plain");
  mcp_resource_set_description (index, "Every note, one per line.");
  mcp_resource_set_read_func (index, read_index, notes, NULL);
  mcp_server_add_resource (server, index);
  notes->index = index;

  note = mcp_resource_template_new ("notes://note/{id}", "A note", NULL);
  mcp_resource_template_set_mime_type (note, "text/plain");
  mcp_resource_template_set_read_func (note, read_note, notes, NULL);
  mcp_resource_template_set_completion_func (note, complete_note_id, notes, NULL);
  mcp_server_add_resource_template (server, note);

  review = mcp_prompt_new ("review_note", "Review one of the notes");
  mcp_prompt_add_argument (review, "id", "Note", "The id of the note", TRUE);
  mcp_prompt_add_argument (review, "focus", "Focus", "What to look at", FALSE);
  mcp_prompt_set_func (review, review_note, notes, NULL);
  mcp_prompt_set_completion_func (review, complete_note_id, notes, NULL);
  mcp_server_add_prompt (server, review);

  status = mcp_server_run (server, argc, argv);

  /* The server may still hold the functions' data until it goes away. */
  g_clear_object (&server);
  notes_free (notes);
  return status;
}
