/* board-app.c — a GTK 4 application that serves MCP over HTTP while it runs
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A notice board: a headline, a list of notes and an accent colour, in a
 * GtkApplicationWindow. The application embeds an MCP server and serves it
 * over Streamable HTTP on 127.0.0.1 from its own main loop, the one GTK
 * draws from, so tools change the widgets directly, and an assistant
 * connected to it changes what the user sees:
 *
 *   set_headline, add_note, clear_notes, set_accent   change the window
 *   get_window_state                                   reads it back from the widgets
 *   screenshot                                         the window as a PNG image
 *   resource board://state                             the same state; subscribers
 *                                                      hear of every change
 *
 *   ./board-app                         MCP at a free port, printed on standard output
 *   ./board-app --mcp-port 8080
 *   ./board-app --dump-state FILE       write the window's state to FILE on quitting
 *
 * Nothing here blocks: GTK and the MCP server share the main loop, which is
 * why every tool runs on the thread that may touch widgets.
 */

#include <glib-unix.h>
#include <gtk/gtk.h>
#include <makemcp-glib/makemcp-glib.h>

#define BOARD_TYPE_APP (board_app_get_type ())
G_DECLARE_FINAL_TYPE (BoardApp, board_app, BOARD, APP, GtkApplication)

#define STATE_URI "board://state"

static const char *accents[] = { "none", "blue", "green", "orange", "red", NULL };

struct _BoardApp
{
  GtkApplication     parent_instance;

  /* options */
  int                port;
  char              *dump_path;

  /* the window: its widgets hold the state */
  GtkWindow         *window;
  GtkLabel          *headline;
  GtkLabel          *status;
  GtkListBox        *notes;

  /* MCP */
  McpServer         *server;
  McpHttpTransport  *transport;
  McpResource       *state_resource;
  guint              calls;
  guint              sigint_source;
  guint              sigterm_source;
};

G_DEFINE_FINAL_TYPE (BoardApp, board_app, GTK_TYPE_APPLICATION)

/* The state, as the widgets show it */

static const char *
board_app_get_accent (BoardApp *self)
{
  for (guint i = 1; accents[i] != NULL; i++)
    {
      g_autofree char *css_class = g_strconcat ("accent-", accents[i], NULL);

      if (gtk_widget_has_css_class (GTK_WIDGET (self->window), css_class))
        return accents[i];
    }

  return "none";
}

static JsonObject *
board_app_read_state (BoardApp *self)
{
  JsonObject *state = json_object_new ();
  JsonArray *notes = json_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->notes));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (GTK_IS_LABEL (label))
        json_array_add_string_element (notes, gtk_label_get_text (GTK_LABEL (label)));
    }

  json_object_set_string_member (state, "title", gtk_window_get_title (self->window));
  json_object_set_string_member (state, "headline", gtk_label_get_text (self->headline));
  json_object_set_array_member (state, "notes", notes);
  json_object_set_string_member (state, "accent", board_app_get_accent (self));
  json_object_set_string_member (state, "status", gtk_label_get_text (self->status));
  json_object_set_boolean_member (state, "visible", gtk_widget_get_visible (GTK_WIDGET (self->window)));
  json_object_set_boolean_member (state, "mapped", gtk_widget_get_mapped (GTK_WIDGET (self->window)));
  json_object_set_int_member (state, "width", gtk_widget_get_width (GTK_WIDGET (self->window)));
  json_object_set_int_member (state, "height", gtk_widget_get_height (GTK_WIDGET (self->window)));
  return state;
}

static char *
board_app_state_to_string (BoardApp *self)
{
  g_autoptr(JsonObject) state = board_app_read_state (self);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), state);

  return json_to_string (node, TRUE);
}

/* Every call a client makes shows in the status line, and subscribers of
 * board://state hear that the state changed. */
static void
board_app_changed (BoardApp *self)
{
  g_autofree char *status = NULL;

  self->calls++;
  status = g_strdup_printf ("%u %s from MCP clients", self->calls,
                            self->calls == 1 ? "change" : "changes");
  gtk_label_set_text (self->status, status);
  mcp_resource_notify_updated (self->state_resource);
}

/* Tools */

static McpToolResult *
set_headline_tool (McpTool            *tool,
                   McpRequestContext  *context,
                   JsonObject         *arguments,
                   gpointer            user_data,
                   GError            **error)
{
  BoardApp *self = user_data;
  const char *text = json_object_get_string_member (arguments, "text");
  g_autofree char *title = g_strdup_printf ("Board — %s", text);

  gtk_label_set_text (self->headline, text);
  gtk_window_set_title (self->window, title);
  board_app_changed (self);
  return mcp_tool_result_new_text (text);
}

static McpToolResult *
add_note_tool (McpTool            *tool,
               McpRequestContext  *context,
               JsonObject         *arguments,
               gpointer            user_data,
               GError            **error)
{
  BoardApp *self = user_data;
  GtkWidget *label = gtk_label_new (json_object_get_string_member (arguments, "text"));
  g_autoptr(JsonObject) state = NULL;
  g_autofree char *text = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "note");
  gtk_list_box_append (self->notes, label);
  board_app_changed (self);

  state = board_app_read_state (self);
  text = g_strdup_printf ("%u notes", json_array_get_length (json_object_get_array_member (state, "notes")));
  return mcp_tool_result_new_text (text);
}

static McpToolResult *
clear_notes_tool (McpTool            *tool,
                  McpRequestContext  *context,
                  JsonObject         *arguments,
                  gpointer            user_data,
                  GError            **error)
{
  BoardApp *self = user_data;
  GtkWidget *row;
  guint removed = 0;
  g_autofree char *text = NULL;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->notes, 0))) != NULL)
    {
      gtk_list_box_remove (self->notes, row);
      removed++;
    }
  board_app_changed (self);

  text = g_strdup_printf ("%u notes removed", removed);
  return mcp_tool_result_new_text (text);
}

static McpToolResult *
set_accent_tool (McpTool            *tool,
                 McpRequestContext  *context,
                 JsonObject         *arguments,
                 gpointer            user_data,
                 GError            **error)
{
  BoardApp *self = user_data;
  const char *accent = json_object_get_string_member (arguments, "accent");

  for (guint i = 1; accents[i] != NULL; i++)
    {
      g_autofree char *css_class = g_strconcat ("accent-", accents[i], NULL);

      if (g_str_equal (accent, accents[i]))
        gtk_widget_add_css_class (GTK_WIDGET (self->window), css_class);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->window), css_class);
    }
  board_app_changed (self);
  return mcp_tool_result_new_text (accent);
}

static McpToolResult *
get_window_state_tool (McpTool            *tool,
                       McpRequestContext  *context,
                       JsonObject         *arguments,
                       gpointer            user_data,
                       GError            **error)
{
  BoardApp *self = user_data;
  g_autoptr(JsonObject) state = board_app_read_state (self);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), state);

  return mcp_tool_result_new_structured (node);
}

/* The screenshot waits for the next frame to be painted, so that what the
 * last calls changed is laid out and drawn, then renders the window with
 * its own renderer. */
typedef struct
{
  BoardApp          *self;
  McpToolInvocation *invocation;
  GdkFrameClock     *clock;
  gulong             handler;
} Screenshot;

static void
screenshot_after_paint (GdkFrameClock *clock,
                        Screenshot    *shot)
{
  GtkWidget *window = GTK_WIDGET (shot->self->window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(McpToolResult) result = NULL;
  g_autofree char *text = NULL;

  g_signal_handler_disconnect (clock, shot->handler);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      mcp_tool_invocation_return_error_message (shot->invocation, "The window draws nothing");
      goto out;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  png = gdk_texture_save_to_png_bytes (texture);

  result = mcp_tool_result_new ();
  text = g_strdup_printf ("The board window, %d×%d", width, height);
  mcp_tool_result_add_text (result, text);
  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_invocation_return_result (shot->invocation, result);

out:
  g_object_unref (shot->clock);
  g_object_unref (shot->invocation);
  g_free (shot);
}

static void
screenshot_tool (McpTool           *tool,
                 McpToolInvocation *invocation,
                 gpointer           user_data)
{
  BoardApp *self = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));
  Screenshot *shot;

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->window)))
    {
      mcp_tool_invocation_return_error_message (invocation, "The window is not shown");
      return;
    }

  shot = g_new0 (Screenshot, 1);
  shot->self = self;
  shot->invocation = g_object_ref (invocation);
  shot->clock = g_object_ref (clock);
  shot->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (screenshot_after_paint), shot);
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

static McpResourceContents *
read_state (McpResource        *resource,
            McpRequestContext  *context,
            gpointer            user_data,
            GError            **error)
{
  g_autofree char *text = board_app_state_to_string (user_data);

  return mcp_resource_contents_new_text (STATE_URI, "application/json", text);
}

static void
board_app_add_tool (BoardApp    *self,
                    const char  *name,
                    const char  *description,
                    const char  *schema,
                    McpToolFunc  func,
                    const char  *hint)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, schema, &error))
    g_error ("%s: %s", name, error->message);
  mcp_tool_set_func (tool, func, self, NULL);
  if (hint != NULL)
    mcp_tool_set_hint (tool, hint, TRUE);
  mcp_server_add_tool (self->server, tool);
}

static void
board_app_build_server (BoardApp *self)
{
  g_autoptr(McpTool) screenshot = NULL;
  g_autoptr(GString) accent_enum = g_string_new (NULL);

  self->server = mcp_server_new ("board", "1.0.0");
  mcp_server_set_title (self->server, "Notice board");
  mcp_server_set_instructions (self->server,
                               "A notice board on the user's screen: a headline, notes and an "
                               "accent colour. What you change, the user sees at once.");

  for (guint i = 0; accents[i] != NULL; i++)
    g_string_append_printf (accent_enum, "%s\"%s\"", i > 0 ? "," : "", accents[i]);

  board_app_add_tool (self, "set_headline", "Sets the headline of the board and the window title",
                      "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\","
                      "\"minLength\":1,\"maxLength\":200}},\"required\":[\"text\"],"
                      "\"additionalProperties\":false}",
                      set_headline_tool, "idempotentHint");
  board_app_add_tool (self, "add_note", "Pins a note to the board",
                      "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\","
                      "\"minLength\":1,\"maxLength\":2000}},\"required\":[\"text\"],"
                      "\"additionalProperties\":false}",
                      add_note_tool, NULL);
  board_app_add_tool (self, "clear_notes", "Takes every note off the board",
                      "{\"type\":\"object\",\"additionalProperties\":false}",
                      clear_notes_tool, "destructiveHint");
  {
    g_autofree char *schema = g_strdup_printf ("{\"type\":\"object\",\"properties\":{\"accent\":"
                                               "{\"type\":\"string\",\"enum\":[%s]}},"
                                               "\"required\":[\"accent\"],"
                                               "\"additionalProperties\":false}",
                                               accent_enum->str);

    board_app_add_tool (self, "set_accent", "Sets the accent colour of the board", schema,
                        set_accent_tool, "idempotentHint");
  }
  board_app_add_tool (self, "get_window_state",
                      "Reads the board as the window shows it: title, headline, notes, accent, "
                      "status line, whether the window is shown, and its size",
                      "{\"type\":\"object\",\"additionalProperties\":false}",
                      get_window_state_tool, "readOnlyHint");

  screenshot = mcp_tool_new ("screenshot", "Takes a picture of the board window, as a PNG image");
  mcp_tool_set_input_schema_json (screenshot, "{\"type\":\"object\",\"additionalProperties\":false}",
                                  NULL);
  mcp_tool_set_hint (screenshot, "readOnlyHint", TRUE);
  mcp_tool_set_async_func (screenshot, screenshot_tool, self, NULL);
  mcp_server_add_tool (self->server, screenshot);

  self->state_resource = mcp_resource_new (STATE_URI, "state");
  mcp_resource_set_description (self->state_resource, "The board as the window shows it, as JSON");
  mcp_resource_set_mime_type (self->state_resource, "application/json");
  mcp_resource_set_read_func (self->state_resource, read_state, self, NULL);
  mcp_server_add_resource (self->server, self->state_resource);
}

/* The window */

static const char *css =
  ".headline { font-size: 24pt; font-weight: bold; }\n"
  ".note { padding: 6px 12px; }\n"
  "window.accent-blue .headline { color: #1c71d8; }\n"
  "window.accent-green .headline { color: #2ec27e; }\n"
  "window.accent-orange .headline { color: #e66100; }\n"
  "window.accent-red .headline { color: #c01c28; }\n";

static void
board_app_dump_state (BoardApp *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->dump_path == NULL || self->window == NULL)
    return;

  text = board_app_state_to_string (self);
  if (!g_file_set_contents (self->dump_path, text, -1, &error))
    g_warning ("Could not write the state: %s", error->message);
}

/* Before the window goes: no more MCP calls, and the state written out. */
static void
board_app_stop (BoardApp *self)
{
  board_app_dump_state (self);
  if (self->transport != NULL)
    mcp_transport_close (MCP_TRANSPORT (self->transport));
}

static gboolean
board_app_close_request (GtkWindow *window,
                         BoardApp  *self)
{
  board_app_stop (self);
  return FALSE;
}

static gboolean
board_app_quit_on_signal (gpointer user_data)
{
  BoardApp *self = user_data;

  board_app_stop (self);
  if (self->window != NULL)
    gtk_window_destroy (self->window);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
board_app_window_destroyed (GtkWidget *window,
                            BoardApp  *self)
{
  self->window = NULL;
}

static void
board_app_build_window (BoardApp *self)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *headline = gtk_label_new ("Welcome");
  GtkWidget *status = gtk_label_new ("Waiting for MCP clients");
  GtkWidget *notes = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new ("No notes yet");
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  gtk_window_set_title (GTK_WINDOW (window), "Board — Welcome");
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 360);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  gtk_widget_add_css_class (headline, "headline");
  gtk_label_set_wrap (GTK_LABEL (headline), TRUE);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (status), 0);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (notes), GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (notes), placeholder);
  gtk_widget_add_css_class (notes, "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), notes);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), headline);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), status);
  gtk_window_set_child (GTK_WINDOW (window), box);

  self->window = GTK_WINDOW (window);
  self->headline = GTK_LABEL (headline);
  self->status = GTK_LABEL (status);
  self->notes = GTK_LIST_BOX (notes);
  g_signal_connect (window, "close-request", G_CALLBACK (board_app_close_request), self);
  g_signal_connect (window, "destroy", G_CALLBACK (board_app_window_destroyed), self);
}

/* The application */

static void
board_app_activate (GApplication *application)
{
  BoardApp *self = BOARD_APP (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *status = NULL;

  if (self->window != NULL)
    {
      gtk_window_present (self->window);
      return;
    }

  board_app_build_window (self);

  /* MCP over HTTP, from the main loop GTK runs */
  self->transport = mcp_http_transport_new (self->server);
  if (!mcp_http_transport_listen_local (self->transport, self->port, &error))
    {
      g_printerr ("board-app: cannot listen on port %d: %s\n", self->port, error->message);
      g_application_quit (application);
      return;
    }
  mcp_transport_start (MCP_TRANSPORT (self->transport));

  uri = mcp_http_transport_dup_uri (self->transport);
  url = g_uri_to_string (uri);
  status = g_strdup_printf ("Waiting for MCP clients at %s", url);
  gtk_label_set_text (self->status, status);

  g_print ("MCP endpoint: %s\n", url);
  fflush (stdout);

  gtk_window_present (self->window);
}

static int
board_app_handle_local_options (GApplication *application,
                                GVariantDict *options)
{
  BoardApp *self = BOARD_APP (application);

  if (self->port < 0 || self->port > G_MAXUINT16)
    {
      g_printerr ("board-app: --mcp-port must be between 0 and 65535\n");
      return 2;
    }

  return -1;
}

static void
board_app_startup (GApplication *application)
{
  BoardApp *self = BOARD_APP (application);

  G_APPLICATION_CLASS (board_app_parent_class)->startup (application);

  board_app_build_server (self);
  self->sigint_source = g_unix_signal_add (SIGINT, board_app_quit_on_signal, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, board_app_quit_on_signal, self);
}

static void
board_app_shutdown (GApplication *application)
{
  BoardApp *self = BOARD_APP (application);

  if (self->transport != NULL)
    mcp_transport_close (MCP_TRANSPORT (self->transport));
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);

  G_APPLICATION_CLASS (board_app_parent_class)->shutdown (application);
}

static void
board_app_finalize (GObject *object)
{
  BoardApp *self = BOARD_APP (object);

  g_clear_object (&self->transport);
  g_clear_object (&self->state_resource);
  g_clear_object (&self->server);
  g_clear_pointer (&self->dump_path, g_free);

  G_OBJECT_CLASS (board_app_parent_class)->finalize (object);
}

static void
board_app_class_init (BoardAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = board_app_finalize;
  application_class->startup = board_app_startup;
  application_class->activate = board_app_activate;
  application_class->shutdown = board_app_shutdown;
  application_class->handle_local_options = board_app_handle_local_options;
}

static void
board_app_init (BoardApp *self)
{
  const GOptionEntry entries[] = {
    { "mcp-port", 0, 0, G_OPTION_ARG_INT, &self->port,
      "Serve MCP on this port of 127.0.0.1 (0, the default, picks a free one)", "PORT" },
    { "dump-state", 0, 0, G_OPTION_ARG_FILENAME, &self->dump_path,
      "Write the window's state to FILE as JSON when quitting", "FILE" },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BoardApp) app = g_object_new (BOARD_TYPE_APP,
                                          "application-id", "org.makemcp.examples.Board",
                                          "flags", G_APPLICATION_NON_UNIQUE,
                                          NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
