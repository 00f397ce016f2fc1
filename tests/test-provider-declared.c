/* test-provider-declared.c — tool providers without a typelib: methods
 * declared in class_init with GParamSpecs, and subclasses that override
 * the vfuncs as a binding does
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-util.h"

/* JSON written with single quotes, for readability */
static char *
j (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

typedef enum
{
  TD_TONE_CALM,
  TD_TONE_LOUD,
} TdTone;

#define TD_TYPE_TONE (td_tone_get_type ())
GType td_tone_get_type (void);

G_DEFINE_ENUM_TYPE (TdTone, td_tone,
  G_DEFINE_ENUM_VALUE (TD_TONE_CALM, "calm"),
  G_DEFINE_ENUM_VALUE (TD_TONE_LOUD, "loud"))

/* TdNotes: every tool declared in class_init */

#define TD_TYPE_NOTES (td_notes_get_type ())
G_DECLARE_FINAL_TYPE (TdNotes, td_notes, TD, NOTES, McpToolProvider)

struct _TdNotes
{
  McpToolProvider  parent_instance;
  GPtrArray       *notes;
  char            *title;
  guint            level;
  guint            cancellations;
  guint            in_flight;
  guint            max_in_flight;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LEVEL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TdNotes, td_notes, MCP_TYPE_TOOL_PROVIDER)

static int
td_notes_add_note (TdNotes     *self,
                   const char  *text,
                   int          priority,
                   GError     **error)
{
  if (text[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "A note needs text");
      return 0;
    }

  g_ptr_array_add (self->notes, g_strdup_printf ("[%d] %s", priority, text));
  return (int)self->notes->len;
}

static JsonArray *
td_notes_list_notes (TdNotes  *self,
                     GError  **error)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->notes->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (self->notes, i));
  return array;
}

static JsonObject *
td_notes_stats (TdNotes  *self,
                GError  **error)
{
  JsonObject *stats = json_object_new ();

  json_object_set_int_member (stats, "notes", self->notes->len);
  json_object_set_string_member (stats, "title", self->title != NULL ? self->title : "");
  return stats;
}

static char *
td_notes_shout (TdNotes     *self,
                const char  *text,
                TdTone       tone,
                const char  *suffix,
                GError     **error)
{
  g_autofree char *shouted = tone == TD_TONE_LOUD ? g_utf8_strup (text, -1) : g_strdup (text);

  return g_strconcat (shouted, suffix != NULL ? suffix : "", NULL);
}

/* Every scalar C type in one call, to check how libffi passes them. */
static char *
td_notes_mix (TdNotes   *self,
              gint8      a,
              guint8     b,
              int        c,
              guint      d,
              glong      e,
              gulong     f,
              gint64     g,
              guint64    h,
              float      i,
              double     k,
              gboolean   l,
              GError   **error)
{
  return g_strdup_printf ("%d %u %d %u %ld %lu %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT " %.2f %.3f %s",
                          a, b, c, d, e, f, g, h, i, k, l ? "yes" : "no");
}

static double
td_notes_half (TdNotes  *self,
               double    value,
               GError  **error)
{
  return value / 2;
}

static float
td_notes_third (TdNotes  *self,
                float     value,
                GError  **error)
{
  return value / 3;
}

static gboolean
td_notes_is_even (TdNotes  *self,
                  gint64    value,
                  GError  **error)
{
  return value % 2 == 0;
}

static GVariant *
td_notes_swap (TdNotes   *self,
               GVariant  *pair,
               GError   **error)
{
  const char *text;
  gint32 number;

  g_variant_get (pair, "(&si)", &text, &number);
  return g_variant_ref_sink (g_variant_new ("(is)", number, text));
}

static GBytes *
td_notes_reverse (TdNotes  *self,
                  GBytes   *bytes,
                  GError  **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *reversed = g_malloc (MAX (size, 1));

  for (gsize i = 0; i < size; i++)
    reversed[i] = data[size - 1 - i];
  return g_bytes_new_take (reversed, size);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static char **
td_notes_tags (TdNotes             *self,
               const char * const  *tags,
               GError             **error)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **sorted;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_strv_builder_add (builder, tags[i]);
  sorted = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  return sorted;
}

static char *
td_notes_whoami (TdNotes            *self,
                 McpRequestContext  *context,
                 GError            **error)
{
  return g_strdup (mcp_request_context_get_protocol_version (context));
}

static void
td_notes_fail (TdNotes  *self,
               GError  **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "The notes are locked");
}

static McpToolResult *
td_notes_raw (TdNotes  *self,
              GError  **error)
{
  McpToolResult *result = mcp_tool_result_new_text ("raw");

  mcp_tool_result_set_is_error (result, FALSE);
  return result;
}

typedef struct
{
  GSource *timeout;
  GSource *cancelled;
  guint    ms;
} Wait;

static void
wait_free (Wait *wait)
{
  g_source_destroy (wait->timeout);
  g_source_unref (wait->timeout);
  g_source_destroy (wait->cancelled);
  g_source_unref (wait->cancelled);
  g_free (wait);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  TdNotes *self = g_task_get_source_object (task);
  Wait *wait = g_task_get_task_data (task);

  self->in_flight--;
  g_task_return_int (task, wait->ms);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  TdNotes *self = g_task_get_source_object (task);
  Wait *wait = g_task_get_task_data (task);

  self->in_flight--;
  self->cancellations++;
  g_source_destroy (wait->timeout);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
td_notes_wait_async (TdNotes             *self,
                     guint                ms,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Wait *wait = g_new0 (Wait, 1);

  g_assert_true (G_IS_CANCELLABLE (cancellable));
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);

  wait->ms = ms;
  g_task_set_task_data (task, wait, (GDestroyNotify)wait_free);
  wait->timeout = g_timeout_source_new (ms);
  g_source_set_callback (wait->timeout, wait_timeout_cb, task, NULL);
  g_source_attach (wait->timeout, NULL);
  wait->cancelled = g_cancellable_source_new (cancellable);
  g_source_set_callback (wait->cancelled, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
  g_source_attach (wait->cancelled, NULL);
}

static guint
td_notes_wait_finish (TdNotes       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return (guint)g_task_propagate_int (G_TASK (result), error);
}

static void
td_notes_finalize (GObject *object)
{
  TdNotes *self = TD_NOTES (object);

  g_ptr_array_unref (self->notes);
  g_free (self->title);
  G_OBJECT_CLASS (td_notes_parent_class)->finalize (object);
}

static void
td_notes_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TdNotes *self = TD_NOTES (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_notes_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TdNotes *self = TD_NOTES (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;
    case PROP_LEVEL:
      self->level = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_notes_class_init (TdNotesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpToolProviderClass *provider_class = MCP_TOOL_PROVIDER_CLASS (klass);

  object_class->finalize = td_notes_finalize;
  object_class->get_property = td_notes_get_property;
  object_class->set_property = td_notes_set_property;

  g_object_class_install_property (object_class, PROP_TITLE,
    g_param_spec_string ("title", NULL, "The title of the notebook", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_LEVEL,
    g_param_spec_uint ("level", NULL, "How important the notebook is", 0, 10, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  mcp_tool_provider_class_add_method (provider_class, "add_note", "Adds a note.",
                                      G_CALLBACK (td_notes_add_note), G_TYPE_INT, 2,
                                      g_param_spec_string ("text", NULL, "What to note", NULL,
                                                           G_PARAM_READWRITE),
                                      g_param_spec_int ("priority", NULL, "How urgent it is",
                                                        1, 5, 3,
                                                        G_PARAM_READWRITE | MCP_PARAM_OPTIONAL));
  mcp_tool_provider_class_add_method (provider_class, "list_notes", "Lists the notes.",
                                      G_CALLBACK (td_notes_list_notes), JSON_TYPE_ARRAY, 0);
  mcp_tool_provider_class_add_method (provider_class, "stats", "Counts the notes.",
                                      G_CALLBACK (td_notes_stats), JSON_TYPE_OBJECT, 0);
  mcp_tool_provider_class_add_method (provider_class, "shout", "Repeats text, maybe loudly.",
                                      G_CALLBACK (td_notes_shout), G_TYPE_STRING, 3,
                                      g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READWRITE),
                                      g_param_spec_enum ("tone", NULL, NULL, TD_TYPE_TONE, TD_TONE_CALM,
                                                         G_PARAM_READWRITE | MCP_PARAM_OPTIONAL),
                                      g_param_spec_string ("suffix", NULL, NULL, NULL,
                                                           G_PARAM_READWRITE | MCP_PARAM_OPTIONAL |
                                                           MCP_PARAM_NULLABLE));
  mcp_tool_provider_class_add_method (provider_class, "mix", "Formats every scalar type.",
                                      G_CALLBACK (td_notes_mix), G_TYPE_STRING, 11,
                                      g_param_spec_char ("a", NULL, NULL, G_MININT8, G_MAXINT8, 0, G_PARAM_READWRITE),
                                      g_param_spec_uchar ("b", NULL, NULL, 0, G_MAXUINT8, 0, G_PARAM_READWRITE),
                                      g_param_spec_int ("c", NULL, NULL, G_MININT, G_MAXINT, 0, G_PARAM_READWRITE),
                                      g_param_spec_uint ("d", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READWRITE),
                                      g_param_spec_long ("e", NULL, NULL, G_MINLONG, G_MAXLONG, 0, G_PARAM_READWRITE),
                                      g_param_spec_ulong ("f", NULL, NULL, 0, G_MAXULONG, 0, G_PARAM_READWRITE),
                                      g_param_spec_int64 ("g", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE),
                                      g_param_spec_uint64 ("h", NULL, NULL, 0, G_MAXUINT64, 0, G_PARAM_READWRITE),
                                      g_param_spec_float ("i", NULL, NULL, -G_MAXFLOAT, G_MAXFLOAT, 0, G_PARAM_READWRITE),
                                      g_param_spec_double ("k", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, G_PARAM_READWRITE),
                                      g_param_spec_boolean ("l", NULL, NULL, FALSE, G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "half", "Halves a number.",
                                      G_CALLBACK (td_notes_half), G_TYPE_DOUBLE, 1,
                                      g_param_spec_double ("value", NULL, NULL, 0, 100, 0, G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "third", "Divides by three.",
                                      G_CALLBACK (td_notes_third), G_TYPE_FLOAT, 1,
                                      g_param_spec_float ("value", NULL, NULL, -G_MAXFLOAT, G_MAXFLOAT, 0,
                                                          G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "is_even", "Tells whether a number is even.",
                                      G_CALLBACK (td_notes_is_even), G_TYPE_BOOLEAN, 1,
                                      g_param_spec_int64 ("value", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                          G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "swap", "Swaps a pair.",
                                      G_CALLBACK (td_notes_swap), G_TYPE_VARIANT, 1,
                                      g_param_spec_variant ("pair", NULL, NULL, G_VARIANT_TYPE ("(si)"), NULL,
                                                            G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "reverse", "Reverses bytes.",
                                      G_CALLBACK (td_notes_reverse), G_TYPE_BYTES, 1,
                                      g_param_spec_boxed ("bytes", NULL, NULL, G_TYPE_BYTES, G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "tags", "Sorts tags.",
                                      G_CALLBACK (td_notes_tags), G_TYPE_STRV, 1,
                                      g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "whoami", "Tells the protocol version.",
                                      G_CALLBACK (td_notes_whoami), G_TYPE_STRING, 1,
                                      g_param_spec_object ("context", NULL, NULL, MCP_TYPE_REQUEST_CONTEXT,
                                                           G_PARAM_READWRITE));
  mcp_tool_provider_class_add_method (provider_class, "fail", "Always fails.",
                                      G_CALLBACK (td_notes_fail), G_TYPE_NONE, 0);
  mcp_tool_provider_class_add_method (provider_class, "raw", "Returns its own result.",
                                      G_CALLBACK (td_notes_raw), MCP_TYPE_TOOL_RESULT, 0);
  mcp_tool_provider_class_add_async_method (provider_class, "wait", "Waits without blocking.",
                                            G_CALLBACK (td_notes_wait_async),
                                            G_CALLBACK (td_notes_wait_finish), G_TYPE_UINT, 1,
                                            g_param_spec_uint ("ms", NULL, "How long, in milliseconds",
                                                               0, 60000, 0, G_PARAM_READWRITE));
}

static void
td_notes_init (TdNotes *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
}

/* TdListed: overrides list_tools, as a binding does, with tools that have
 * their own handlers; its property is a tool as for any class. */

#define TD_TYPE_LISTED (td_listed_get_type ())
G_DECLARE_FINAL_TYPE (TdListed, td_listed, TD, LISTED, McpToolProvider)

struct _TdListed
{
  McpToolProvider  parent_instance;
  GPtrArray       *tools;
  gboolean         enabled;
};

G_DEFINE_FINAL_TYPE (TdListed, td_listed, MCP_TYPE_TOOL_PROVIDER)

static McpToolResult *
listed_hello (McpTool            *tool,
              McpRequestContext  *context,
              JsonObject         *arguments,
              gpointer            user_data,
              GError            **error)
{
  TdListed *self = user_data;

  return mcp_tool_result_new_text (self->enabled ? "hello, enabled" : "hello");
}

static GPtrArray *
td_listed_list_tools (McpToolProvider *provider)
{
  TdListed *self = TD_LISTED (provider);
  GPtrArray *tools = MCP_TOOL_PROVIDER_CLASS (td_listed_parent_class)->list_tools (provider);

  for (guint i = 0; i < self->tools->len; i++)
    g_ptr_array_add (tools, g_object_ref (g_ptr_array_index (self->tools, i)));
  return tools;
}

static void
td_listed_finalize (GObject *object)
{
  g_ptr_array_unref (TD_LISTED (object)->tools);
  G_OBJECT_CLASS (td_listed_parent_class)->finalize (object);
}

static void
td_listed_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  g_value_set_boolean (value, TD_LISTED (object)->enabled);
}

static void
td_listed_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TD_LISTED (object)->enabled = g_value_get_boolean (value);
}

static void
td_listed_class_init (TdListedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_listed_finalize;
  G_OBJECT_CLASS (klass)->get_property = td_listed_get_property;
  G_OBJECT_CLASS (klass)->set_property = td_listed_set_property;
  MCP_TOOL_PROVIDER_CLASS (klass)->list_tools = td_listed_list_tools;

  g_object_class_install_property (G_OBJECT_CLASS (klass), 1,
    g_param_spec_boolean ("enabled", NULL, "Whether it is on", FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
td_listed_init (TdListed *self)
{
  g_autoptr(McpTool) hello = mcp_tool_new ("hello", "Says hello");

  mcp_tool_set_func (hello, listed_hello, self, NULL);
  self->tools = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->tools, g_steal_pointer (&hello));
}

/* TdDispatch: overrides call_tool_async too, and answers every call itself */

#define TD_TYPE_DISPATCH (td_dispatch_get_type ())
G_DECLARE_FINAL_TYPE (TdDispatch, td_dispatch, TD, DISPATCH, McpToolProvider)

struct _TdDispatch
{
  McpToolProvider parent_instance;
  guint           calls;
};

G_DEFINE_FINAL_TYPE (TdDispatch, td_dispatch, MCP_TYPE_TOOL_PROVIDER)

static GPtrArray *
td_dispatch_list_tools (McpToolProvider *provider)
{
  GPtrArray *tools = g_ptr_array_new_with_free_func (g_object_unref);
  McpTool *echo = mcp_tool_new ("echo", "Echoes");

  mcp_tool_set_input_schema_json (echo,
                                  "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                  "\"required\":[\"text\"]}", NULL);
  mcp_tool_set_hint (echo, "readOnlyHint", TRUE);
  g_ptr_array_add (tools, echo);
  return tools;
}

static void
td_dispatch_call_tool_async (McpToolProvider     *provider,
                             McpTool             *tool,
                             McpRequestContext   *context,
                             JsonObject          *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TdDispatch *self = TD_DISPATCH (provider);
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  g_autofree char *text = NULL;

  self->calls++;
  text = g_strdup_printf ("%s #%u: %s", mcp_tool_get_name (tool), self->calls,
                          json_object_get_string_member (arguments, "text"));
  g_task_return_pointer (task, mcp_tool_result_new_text (text), g_object_unref);
}

static void
td_dispatch_class_init (TdDispatchClass *klass)
{
  MCP_TOOL_PROVIDER_CLASS (klass)->list_tools = td_dispatch_list_tools;
  MCP_TOOL_PROVIDER_CLASS (klass)->call_tool_async = td_dispatch_call_tool_async;
  /* call_tool_finish: the default propagates the GTask's pointer */
}

static void
td_dispatch_init (TdDispatch *self)
{
}

/* TdHandler: answers the calls of its listed tools in handle_call, as a
 * GJS class does; its property tools stay the library's */

#define TD_TYPE_HANDLER (td_handler_get_type ())
G_DECLARE_FINAL_TYPE (TdHandler, td_handler, TD, HANDLER, McpToolProvider)

struct _TdHandler
{
  McpToolProvider  parent_instance;
  McpTool         *listed;
  guint            size;
};

G_DEFINE_FINAL_TYPE (TdHandler, td_handler, MCP_TYPE_TOOL_PROVIDER)

static GPtrArray *
td_handler_list_tools (McpToolProvider *provider)
{
  GPtrArray *tools = MCP_TOOL_PROVIDER_CLASS (td_handler_parent_class)->list_tools (provider);

  g_ptr_array_add (tools, g_object_ref (TD_HANDLER (provider)->listed));
  return tools;
}

static void
td_handler_handle_call (McpToolProvider   *provider,
                        McpTool           *tool,
                        McpToolInvocation *invocation)
{
  g_autofree char *text = g_strdup_printf ("handled %s (size %u)", mcp_tool_get_name (tool),
                                           TD_HANDLER (provider)->size);

  g_assert_true (tool == TD_HANDLER (provider)->listed);
  mcp_tool_invocation_return_text (invocation, text);
}

static void
td_handler_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  g_value_set_uint (value, TD_HANDLER (object)->size);
}

static void
td_handler_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TD_HANDLER (object)->size = g_value_get_uint (value);
}

static void
td_handler_finalize (GObject *object)
{
  g_clear_object (&TD_HANDLER (object)->listed);
  G_OBJECT_CLASS (td_handler_parent_class)->finalize (object);
}

static void
td_handler_class_init (TdHandlerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_handler_finalize;
  G_OBJECT_CLASS (klass)->get_property = td_handler_get_property;
  G_OBJECT_CLASS (klass)->set_property = td_handler_set_property;
  MCP_TOOL_PROVIDER_CLASS (klass)->list_tools = td_handler_list_tools;
  MCP_TOOL_PROVIDER_CLASS (klass)->handle_call = td_handler_handle_call;

  g_object_class_install_property (G_OBJECT_CLASS (klass), 1,
    g_param_spec_uint ("size", NULL, NULL, 0, 9, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
td_handler_init (TdHandler *self)
{
  self->listed = mcp_tool_new ("work", "Works");
}

/* TdMissing: names a typelib that does not exist */

#define TD_TYPE_MISSING (td_missing_get_type ())
G_DECLARE_FINAL_TYPE (TdMissing, td_missing, TD, MISSING, McpToolProvider)

struct _TdMissing
{
  McpToolProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (TdMissing, td_missing, MCP_TYPE_TOOL_PROVIDER)

static void
td_missing_fail (TdMissing  *self,
                 GError    **error)
{
}

static void
td_missing_class_init (TdMissingClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "TdNoSuchNamespace", "9.9");
  mcp_tool_provider_class_add_method (MCP_TOOL_PROVIDER_CLASS (klass), "still_here", NULL,
                                      G_CALLBACK (td_missing_fail), G_TYPE_NONE, 0);
}

static void
td_missing_init (TdMissing *self)
{
}

/* The fixture: a server, one provider, a client over pipes */

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
  fixture->server = mcp_server_new ("test-server", "1.2.3");
  fixture->provider = g_object_new (GPOINTER_TO_SIZE (user_data), NULL);
  mcp_server_add_provider (fixture->server, fixture->provider);
  fixture->peer = test_peer_new (fixture->server);
  test_peer_initialize (fixture->peer, "2025-11-25");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->peer, test_peer_free);
  g_object_unref (fixture->server);
  g_assert_finalize_object (fixture->provider);
}

static JsonObject *
call (Fixture    *fixture,
      const char *name,
      const char *arguments)
{
  g_autofree char *args = j (arguments);
  g_autofree char *request = NULL;
  g_autoptr(JsonObject) response = NULL;

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                             "\"params\":{\"name\":\"%s\",\"arguments\":%s}}",
                             ++fixture->next_id, name, args);
  test_peer_send (fixture->peer, request);
  response = test_peer_recv_object (fixture->peer);
  if (!json_object_has_member (response, "result"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), response);
      g_autofree char *text = json_to_string (node, FALSE);
      g_error ("%s: expected a result, got %s", name, text);
    }
  return json_object_ref (json_object_get_object_member (response, "result"));
}

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

static void
expect_text (Fixture    *fixture,
             const char *name,
             const char *arguments,
             const char *expected)
{
  g_autoptr(JsonObject) result = call (fixture, name, arguments);
  JsonArray *content = json_object_get_array_member (result, "content");

  g_assert_false (json_object_has_member (result, "isError"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0), "text"),
                   ==, expected);
}

static void
expect_tool_error (Fixture    *fixture,
                   const char *name,
                   const char *arguments,
                   const char *pattern)
{
  g_autoptr(JsonObject) result = call (fixture, name, arguments);
  JsonArray *content = json_object_get_array_member (result, "content");
  const char *text = json_object_get_string_member (json_array_get_object_element (content, 0), "text");

  g_assert_true (json_object_get_boolean_member (result, "isError"));
  if (!g_pattern_match_simple (pattern, text))
    g_error ("%s: error “%s” does not match “%s”", name, text, pattern);
}

static void
expect_tool (McpServer  *server,
             const char *name,
             const char *expected)
{
  McpTool *tool = mcp_server_lookup_tool (server, name);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *want = j (expected);

  g_assert_nonnull (tool);
  json = mcp_tool_to_json (tool);
  node = json_node_init_object (json_node_alloc (), json);
  text = json_to_string (node, FALSE);
  test_assert_json_equal (text, want);
}

/* Tests */

static void
test_declared_schemas (Fixture       *fixture,
                       gconstpointer  user_data)
{
  expect_tool (fixture->server, "add_note",
               "{'name':'add_note','description':'Adds a note.','inputSchema':{'type':'object',"
               "'properties':{'text':{'type':'string','description':'What to note'},"
               "'priority':{'type':'integer','minimum':1,'maximum':5,'description':'How urgent it is',"
               "'default':3}},'required':['text'],'additionalProperties':false}}");
  expect_tool (fixture->server, "shout",
               "{'name':'shout','description':'Repeats text, maybe loudly.','inputSchema':{'type':'object',"
               "'properties':{'text':{'type':'string'},'tone':{'type':'string','enum':['calm','loud'],"
               "'default':'calm'},'suffix':{'type':['string','null']}},'required':['text'],"
               "'additionalProperties':false}}");
  expect_tool (fixture->server, "mix",
               "{'name':'mix','description':'Formats every scalar type.','inputSchema':{'type':'object',"
               "'properties':{'a':{'type':'integer','minimum':-128,'maximum':127},"
               "'b':{'type':'integer','minimum':0,'maximum':255},"
               "'c':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
               "'d':{'type':'integer','minimum':0,'maximum':4294967295},"
               "'e':{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807},"
               "'f':{'type':'integer','minimum':0,'maximum':9223372036854775807},"
               "'g':{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807},"
               "'h':{'type':'integer','minimum':0,'maximum':9223372036854775807},"
               "'i':{'type':'number','minimum':-3.4028234663852886e+38,'maximum':3.4028234663852886e+38},"
               "'k':{'type':'number'},'l':{'type':'boolean'}},"
               "'required':['a','b','c','d','e','f','g','h','i','k','l'],'additionalProperties':false}}");
  expect_tool (fixture->server, "half",
               "{'name':'half','description':'Halves a number.','inputSchema':{'type':'object',"
               "'properties':{'value':{'type':'number','minimum':0,'maximum':100}},'required':['value'],"
               "'additionalProperties':false}}");
  expect_tool (fixture->server, "swap",
               "{'name':'swap','description':'Swaps a pair.','inputSchema':{'type':'object',"
               "'properties':{'pair':{'type':'array','prefixItems':[{'type':'string'},"
               "{'type':'integer','minimum':-2147483648,'maximum':2147483647}],'items':false,"
               "'minItems':2,'maxItems':2}},'required':['pair'],'additionalProperties':false},"
               "'outputSchema':{'type':'object','properties':{'result':{}},'required':['result'],"
               "'additionalProperties':false}}");
  expect_tool (fixture->server, "list_notes",
               "{'name':'list_notes','description':'Lists the notes.','inputSchema':{'type':'object',"
               "'properties':{},'additionalProperties':false},'outputSchema':{'type':'object',"
               "'properties':{'result':{'type':['array','null']}},'required':['result'],"
               "'additionalProperties':false}}");
  expect_tool (fixture->server, "whoami",
               "{'name':'whoami','description':'Tells the protocol version.','inputSchema':"
               "{'type':'object','properties':{},'additionalProperties':false}}");
  expect_tool (fixture->server, "wait",
               "{'name':'wait','description':'Waits without blocking.','inputSchema':{'type':'object',"
               "'properties':{'ms':{'type':'integer','minimum':0,'maximum':60000,"
               "'description':'How long, in milliseconds'}},'required':['ms'],'additionalProperties':false}}");
  expect_tool (fixture->server, "set_level",
               "{'name':'set_level','description':'Sets the “level” property. How important the notebook is',"
               "'inputSchema':{'type':'object','properties':{'value':{'type':'integer','minimum':0,"
               "'maximum':10,'description':'How important the notebook is'}},'required':['value'],"
               "'additionalProperties':false},'annotations':{'readOnlyHint':false,'destructiveHint':false,"
               "'idempotentHint':true}}");
}

static void
test_declared_invoke (Fixture       *fixture,
                      gconstpointer  user_data)
{
  expect_text (fixture, "add_note", "{'text':'milk'}", "1");
  expect_text (fixture, "add_note", "{'text':'eggs','priority':5}", "2");
  expect_result (fixture, "list_notes", "{}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[\\'[3] milk\\',\\'[5] eggs\\']}'}],"
                 "'structuredContent':{'result':['[3] milk','[5] eggs']}}");
  expect_text (fixture, "set_title", "{'value':'Shopping'}", "Shopping");
  expect_result (fixture, "stats", "{}",
                 "{'content':[{'type':'text','text':'{\\'notes\\':2,\\'title\\':\\'Shopping\\'}'}],"
                 "'structuredContent':{'notes':2,'title':'Shopping'}}");
  expect_text (fixture, "shout", "{'text':'hey'}", "hey");
  expect_text (fixture, "shout", "{'text':'hey','tone':'loud','suffix':'!'}", "HEY!");
  expect_text (fixture, "shout", "{'text':'hey','suffix':null}", "hey");
  expect_text (fixture, "mix",
               "{'a':-5,'b':250,'c':-70000,'d':4000000000,'e':-9000000000,'f':9000000000,"
               "'g':-9223372036854775807,'h':9223372036854775807,'i':1.25,'k':-0.125,'l':true}",
               "-5 250 -70000 4000000000 -9000000000 9000000000 -9223372036854775807 "
               "9223372036854775807 1.25 -0.125 yes");
  expect_text (fixture, "half", "{'value':5}", "2.5");
  expect_text (fixture, "third", "{'value':1}", "0.33333334");
  expect_text (fixture, "is_even", "{'value':-4}", "true");
  expect_text (fixture, "is_even", "{'value':7}", "false");
  expect_result (fixture, "swap", "{'pair':['x',7]}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[7,\\'x\\']}'}],"
                 "'structuredContent':{'result':[7,'x']}}");
  expect_text (fixture, "reverse", "{'bytes':'AQID'}", "AwIB");
  expect_result (fixture, "tags", "{'tags':['b','c','a']}",
                 "{'content':[{'type':'text','text':'{\\'result\\':[\\'a\\',\\'b\\',\\'c\\']}'}],"
                 "'structuredContent':{'result':['a','b','c']}}");
  expect_text (fixture, "whoami", "{}", "2025-11-25");
  expect_text (fixture, "raw", "{}", "raw");
  expect_text (fixture, "get_level", "{}", "0");
  expect_text (fixture, "wait", "{'ms':10}", "10");
}

static void
test_declared_errors (Fixture       *fixture,
                      gconstpointer  user_data)
{
  expect_tool_error (fixture, "add_note", "{'text':''}", "A note needs text");
  expect_tool_error (fixture, "add_note", "{'text':'x','priority':9}",
                     "Invalid argument “priority”: must be at most 5*");
  expect_tool_error (fixture, "add_note", "{}", "Missing required argument “text”");
  expect_tool_error (fixture, "shout", "{'text':'x','tone':'angry'}", "Invalid argument “tone”: must be one of*");
  expect_tool_error (fixture, "half", "{'value':101}", "Invalid argument “value”: must be at most 100*");
  expect_tool_error (fixture, "swap", "{'pair':['x','y']}", "Invalid argument “pair[1]”: expected an integer*");
  expect_tool_error (fixture, "fail", "{}", "The notes are locked");
  expect_tool_error (fixture, "set_level", "{'value':11}", "Invalid argument “value”: must be at most 10*");
}

static void
test_declared_resources (Fixture       *fixture,
                         gconstpointer  user_data)
{
  McpResource *level = mcp_server_lookup_resource (fixture->server, "property://TdNotes/level");
  g_autoptr(GPtrArray) resources = mcp_server_list_resources (fixture->server);

  g_assert_cmpuint (resources->len, ==, 2);
  g_assert_nonnull (level);
  g_assert_cmpstr (mcp_resource_get_description (level), ==, "How important the notebook is");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\","
                  "\"params\":{\"uri\":\"property://TdNotes/level\"}}");
  test_peer_expect (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

  g_object_set (fixture->provider, "level", 7, NULL);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\","
                    "\"params\":{\"uri\":\"property://TdNotes/level\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\","
                  "\"params\":{\"uri\":\"property://TdNotes/level\"}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"contents\":[{\"uri\":"
                    "\"property://TdNotes/level\",\"mimeType\":\"text/plain\",\"text\":\"7\"}]}}");

  /* removing the provider removes its resources */
  g_assert_true (mcp_server_remove_provider (fixture->server, fixture->provider));
  g_assert_null (mcp_server_lookup_resource (fixture->server, "property://TdNotes/level"));
  mcp_server_add_provider (fixture->server, fixture->provider);
  g_assert_nonnull (mcp_server_lookup_resource (fixture->server, "property://TdNotes/level"));
}

static void
test_declared_state (Fixture       *fixture,
                     gconstpointer  user_data)
{
  TdNotes *notes = TD_NOTES (fixture->provider);
  g_autoptr(TestPeer) other = test_peer_new (fixture->server);

  expect_text (fixture, "add_note", "{'text':'one'}", "1");
  test_peer_initialize (other, "2025-06-18");
  test_peer_send (other,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add_note\","
                  "\"arguments\":{\"text\":\"two\"}}}");
  test_peer_expect (other,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"2\"}]}}");
  g_assert_cmpuint (notes->notes->len, ==, 2);
}

static void
test_declared_concurrency (Fixture       *fixture,
                           gconstpointer  user_data)
{
  TdNotes *notes = TD_NOTES (fixture->provider);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *request =
        g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                         "\"params\":{\"name\":\"wait\",\"arguments\":{\"ms\":100}}}", 100 + i);
      test_peer_send (fixture->peer, request);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
      g_assert_true (json_object_has_member (response, "result"));
    }
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("20 concurrent 100 ms calls took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpuint (notes->max_in_flight, ==, 20);
  g_assert_cmpint (elapsed, <, test_time_limit (300 * G_TIME_SPAN_MILLISECOND));
}

static void
test_declared_cancellation (Fixture       *fixture,
                            gconstpointer  user_data)
{
  TdNotes *notes = TD_NOTES (fixture->provider);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":\"w\",\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                  "\"arguments\":{\"ms\":5000}}}");
  test_wait (30);
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"w\"}}");
  test_wait (30);
  g_assert_cmpuint (notes->cancellations, ==, 1);
  test_peer_expect_silence (fixture->peer, 50);
}

static void
test_lenient_class_flag (void)
{
  g_autoptr(McpToolProvider) notes = g_object_new (TD_TYPE_NOTES, NULL);
  g_autoptr(McpToolProvider) lenient = g_object_new (TD_TYPE_NOTES, "lenient", TRUE, NULL);

  g_assert_false (mcp_tool_provider_get_lenient (notes));
  g_assert_true (mcp_tool_provider_get_lenient (lenient));
}

static void
test_declared_lenient (Fixture       *fixture,
                       gconstpointer  user_data)
{
  expect_tool_error (fixture, "half", "{'value':'5'}", "Invalid argument “value”: expected a number*");
  mcp_tool_provider_set_lenient (fixture->provider, TRUE);
  expect_text (fixture, "half", "{'value':'5'}", "2.5");
  expect_text (fixture, "is_even", "{'value':'8'}", "true");
  expect_text (fixture, "mix",
               "{'a':'1','b':'2','c':'3','d':'4','e':'5','f':'6','g':'7','h':'8','i':'9.5','k':'10','l':'false'}",
               "1 2 3 4 5 6 7 8 9.50 10.000 no");
}

static void
test_override_list_tools (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) tools = mcp_server_list_tools (fixture->server);
  TdListed *listed = TD_LISTED (fixture->provider);
  g_autoptr(McpTool) goodbye = NULL;
  g_autoptr(JsonObject) notification = NULL;

  /* the listed tool, and the property tools of the default list */
  g_assert_cmpuint (tools->len, ==, 3);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "get_enabled");
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 1)), ==, "hello");
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 2)), ==, "set_enabled");

  expect_text (fixture, "hello", "{}", "hello");
  expect_text (fixture, "set_enabled", "{'value':true}", "true");
  expect_text (fixture, "hello", "{}", "hello, enabled");

  /* tools added later reach the server and its clients */
  goodbye = mcp_tool_new ("goodbye", "Says goodbye");
  mcp_tool_set_func (goodbye, listed_hello, listed, NULL);
  g_ptr_array_add (listed->tools, g_object_ref (goodbye));
  mcp_tool_provider_tools_changed (fixture->provider);

  g_assert_nonnull (mcp_server_lookup_tool (fixture->server, "goodbye"));
  notification = test_peer_recv_object (fixture->peer);
  g_assert_cmpstr (json_object_get_string_member (notification, "method"), ==,
                   "notifications/tools/list_changed");
  expect_text (fixture, "goodbye", "{}", "hello, enabled");
}

static void
test_override_call_tool (Fixture       *fixture,
                         gconstpointer  user_data)
{
  expect_tool (fixture->server, "echo",
               "{'name':'echo','description':'Echoes','inputSchema':{'type':'object','properties':"
               "{'text':{'type':'string'}},'required':['text']},'annotations':{'readOnlyHint':true}}");
  expect_text (fixture, "echo", "{'text':'a'}", "echo #1: a");
  expect_text (fixture, "echo", "{'text':'b'}", "echo #2: b");
  /* the schema of the listed tool is still checked before the call */
  expect_tool_error (fixture, "echo", "{}", "Missing required argument “text”");
  expect_tool_error (fixture, "echo", "{'text':5}", "Invalid argument “text”: expected a string*");
  mcp_tool_provider_set_lenient (fixture->provider, TRUE);
  expect_text (fixture, "echo", "{'text':5}", "echo #3: 5");
  g_assert_cmpuint (TD_DISPATCH (fixture->provider)->calls, ==, 3);
}

static void
test_override_handle_call (Fixture       *fixture,
                           gconstpointer  user_data)
{
  expect_text (fixture, "set_size", "{'value':4}", "4");
  expect_text (fixture, "work", "{}", "handled work (size 4)");
  expect_text (fixture, "get_size", "{}", "4");
}

static void
test_remove_provider (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("s", "1");
  g_autoptr(McpToolProvider) notes = g_object_new (TD_TYPE_NOTES, NULL);
  g_autoptr(McpTool) other = mcp_tool_new ("other", NULL);
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GPtrArray) remaining = NULL;

  mcp_server_add_tool (server, other);
  mcp_server_add_provider (server, notes);
  mcp_server_add_provider (server, notes);   /* once is enough */
  tools = mcp_server_list_tools (server);
  g_assert_cmpuint (tools->len, ==, 1 + 15 + 4);   /* other, 15 methods, 2 properties × get/set */

  g_assert_true (mcp_server_remove_provider (server, notes));
  remaining = mcp_server_list_tools (server);
  g_assert_cmpuint (remaining->len, ==, 1);
  g_assert_true (g_ptr_array_index (remaining, 0) == (gpointer)other);
}

static void
test_no_typelib_is_not_an_error (void)
{
  g_autoptr(McpToolProvider) notes = g_object_new (TD_TYPE_NOTES, NULL);
  g_autoptr(GError) error = NULL;

  /* No namespace was named: the declared methods are the tools. */
  g_assert_true (mcp_tool_provider_check_introspection (notes, &error));
  g_assert_no_error (error);
  g_assert_null (mcp_tool_provider_get_description (notes));
}

static void
test_missing_typelib (void)
{
  g_autoptr(McpToolProvider) missing = g_object_new (TD_TYPE_MISSING, NULL);
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GError) error = NULL;

  /* A typelib the class asked for and that cannot be loaded is an error
   * to report; the declared methods are tools all the same. */
  g_assert_false (mcp_tool_provider_check_introspection (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "TdNoSuchNamespace-9.9"));

  tools = mcp_tool_provider_list_tools (missing);
  g_assert_cmpuint (tools->len, ==, 1);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "still_here");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, type, func) \
  g_test_add ("/Mcp/ProviderDeclared/" path, Fixture, GSIZE_TO_POINTER (type), \
              fixture_setup, func, fixture_teardown)

  ADD ("schemas", TD_TYPE_NOTES, test_declared_schemas);
  ADD ("invoke", TD_TYPE_NOTES, test_declared_invoke);
  ADD ("errors", TD_TYPE_NOTES, test_declared_errors);
  ADD ("state", TD_TYPE_NOTES, test_declared_state);
  ADD ("resources", TD_TYPE_NOTES, test_declared_resources);
  ADD ("concurrency", TD_TYPE_NOTES, test_declared_concurrency);
  ADD ("cancellation", TD_TYPE_NOTES, test_declared_cancellation);
  ADD ("lenient", TD_TYPE_NOTES, test_declared_lenient);
  ADD ("override/list-tools", TD_TYPE_LISTED, test_override_list_tools);
  ADD ("override/call-tool", TD_TYPE_DISPATCH, test_override_call_tool);
  ADD ("override/handle-call", TD_TYPE_HANDLER, test_override_handle_call);
  g_test_add_func ("/Mcp/ProviderDeclared/lenient-property", test_lenient_class_flag);
  g_test_add_func ("/Mcp/ProviderDeclared/remove", test_remove_provider);
  g_test_add_func ("/Mcp/ProviderDeclared/no-typelib", test_no_typelib_is_not_an_error);
  g_test_add_func ("/Mcp/ProviderDeclared/missing-typelib", test_missing_typelib);

#undef ADD

  return g_test_run ();
}
