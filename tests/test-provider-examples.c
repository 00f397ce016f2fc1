/* test-provider-examples.c — the provider examples as a client runs them:
 * the calculator and the web scraper, each a process on pipes, the scraper
 * fetching pages from a SoupServer on 127.0.0.1
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-util.h"

static const char *calculator_path;
static const char *scraper_path;
static const char *example_path;

#define REQUIRE_EXAMPLES()                                             \
  G_STMT_START {                                                       \
    if (g_getenv ("MCP_TEST_NO_TYPELIB") != NULL)                      \
      {                                                                \
        g_test_skip ("built without introspection: the examples have no tools"); \
        return;                                                        \
      }                                                                \
  } G_STMT_END

/* JSON written with single quotes, for readability */
static char *
j (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

/* A client of a server process */

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *to_server;
  GDataInputStream *from_server;
  GCancellable     *cancellable;
  GQueue            lines;
  gboolean          eof;
  guint             next_id;
} Client;

static void client_read (Client *client);

static void
client_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_assert_no_error (error);

  if (line == NULL)
    {
      client->eof = TRUE;
      return;
    }

  g_queue_push_tail (&client->lines, line);
  client_read (client);
}

static void
client_read (Client *client)
{
  g_data_input_stream_read_line_async (client->from_server, G_PRIORITY_DEFAULT,
                                       client->cancellable, client_read_cb, client);
}

static Client *
client_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  Client *client = g_new0 (Client, 1);
  const char *argv[] = { path, NULL };

  client->process = g_subprocess_newv (argv,
                                       G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                       &error);
  g_assert_no_error (error);
  client->to_server = g_object_ref (g_subprocess_get_stdin_pipe (client->process));
  client->from_server = g_data_input_stream_new (g_subprocess_get_stdout_pipe (client->process));
  client->cancellable = g_cancellable_new ();
  g_queue_init (&client->lines);
  client_read (client);

  return client;
}

static void
client_send (Client     *client,
             const char *line)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (client->to_server, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (client->to_server, "\n", 1, NULL, NULL, &error);
  g_assert_no_error (error);
}

static JsonObject *
client_recv (Client *client)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  gint64 deadline = g_get_monotonic_time () + test_time_limit (20 * G_TIME_SPAN_SECOND);

  while (g_queue_is_empty (&client->lines) && !client->eof)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No message from the server within 20 s");
      g_main_context_iteration (NULL, TRUE);
    }

  line = g_queue_pop_head (&client->lines);
  if (line == NULL)
    g_error ("The server closed its output");
  node = test_parse (line);
  return json_object_ref (json_node_get_object (node));
}

/* Sends a tools/call and returns its id. */
static guint
client_start_call (Client     *client,
                   const char *name,
                   const char *arguments)
{
  g_autofree char *args = j (arguments);
  g_autofree char *request = NULL;
  guint id = ++client->next_id;

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\","
                             "\"params\":{\"name\":\"%s\",\"arguments\":%s}}", id, name, args);
  client_send (client, request);
  return id;
}

/* The result of the response to @id, skipping notifications. */
static JsonObject *
client_wait_result (Client *client,
                    guint   id)
{
  for (;;)
    {
      g_autoptr(JsonObject) message = client_recv (client);

      if (!json_object_has_member (message, "id"))
        continue;
      g_assert_cmpint (json_object_get_int_member (message, "id"), ==, id);
      g_assert_true (json_object_has_member (message, "result"));
      return json_object_ref (json_object_get_object_member (message, "result"));
    }
}

static JsonObject *
client_call (Client     *client,
             const char *name,
             const char *arguments)
{
  return client_wait_result (client, client_start_call (client, name, arguments));
}

static const char *
result_text (JsonObject *result)
{
  JsonArray *content = json_object_get_array_member (result, "content");

  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static void
expect_text (Client     *client,
             const char *name,
             const char *arguments,
             const char *expected)
{
  g_autoptr(JsonObject) result = client_call (client, name, arguments);

  g_assert_false (json_object_has_member (result, "isError"));
  g_assert_cmpstr (result_text (result), ==, expected);
}

static void
expect_error (Client     *client,
              const char *name,
              const char *arguments,
              const char *pattern)
{
  g_autoptr(JsonObject) result = client_call (client, name, arguments);

  g_assert_true (json_object_get_boolean_member (result, "isError"));
  if (!g_pattern_match_simple (pattern, result_text (result)))
    g_error ("%s: “%s” does not match “%s”", name, result_text (result), pattern);
}

static void
client_initialize (Client *client)
{
  g_autoptr(JsonObject) response = NULL;

  client_send (client,
               "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
               "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
  response = client_recv (client);
  g_assert_true (json_object_has_member (response, "result"));
  client_send (client, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

static char *
client_tool_names (Client *client)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *tools;

  client_send (client, "{\"jsonrpc\":\"2.0\",\"id\":\"list\",\"method\":\"tools/list\"}");
  response = client_recv (client);
  tools = json_object_get_array_member (json_object_get_object_member (response, "result"), "tools");
  for (guint i = 0; i < json_array_get_length (tools); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (tools, i),
                                                           "name"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Ends the session: the server exits with 0 at the end of its input. */
static void
client_free (Client *client)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (client->to_server, NULL, &error);
  g_assert_no_error (error);
  while (!client->eof)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (client->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (client->process));
  g_assert_cmpint (g_subprocess_get_exit_status (client->process), ==, 0);

  g_cancellable_cancel (client->cancellable);
  g_queue_clear_full (&client->lines, g_free);
  g_clear_object (&client->cancellable);
  g_clear_object (&client->from_server);
  g_clear_object (&client->to_server);
  g_clear_object (&client->process);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

/* The calculator */

static void
test_calculator (void)
{
  g_autoptr(Client) client = NULL;
  g_autoptr(JsonObject) statistics = NULL;
  g_autofree char *names = NULL;
  gint64 start;

  REQUIRE_EXAMPLES ();

  client = client_new (calculator_path);
  client_initialize (client);

  names = client_tool_names (client);
  g_assert_cmpstr (names, ==,
                   "add delayed_square divide factorial get_angle_unit get_memory get_operations "
                   "multiply set_angle_unit set_memory sine statistics store subtract");

  expect_text (client, "add", "{'a':2,'b':3}", "5");
  expect_text (client, "divide", "{'dividend':1,'divisor':4}", "0.25");
  expect_error (client, "divide", "{'dividend':1,'divisor':0}", "Cannot divide by zero");
  expect_error (client, "add", "{'a':'two','b':3}", "Invalid argument “a”: expected a number*");

  statistics = client_call (client, "statistics", "{'values':[4,1,7]}");
  {
    JsonObject *structured = json_object_get_object_member (statistics, "structuredContent");

    g_assert_cmpfloat (json_object_get_double_member (structured, "mean"), ==, 4);
    g_assert_cmpfloat (json_object_get_double_member (structured, "minimum"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (structured, "maximum"), ==, 7);
  }

  /* asynchronous in a worker thread */
  expect_text (client, "factorial", "{'n':20}", "2432902008176640000");
  expect_error (client, "factorial", "{'n':21}", "21! does not fit in 64 bits*");

  /* state and properties */
  expect_text (client, "store", "{'value':42}", "0");
  expect_text (client, "get_memory", "{}", "42");
  expect_text (client, "set_angle_unit", "{'value':'degrees'}", "degrees");
  expect_text (client, "sine", "{'angle':90}", "1");

  /* ten asynchronous calls of 100 ms at once */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    client_start_call (client, "delayed_square", "{'x':3}");
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonObject) message = client_recv (client);
      g_assert_cmpstr (result_text (json_object_get_object_member (message, "result")), ==, "9");
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (300 * G_TIME_SPAN_MILLISECOND));

  /* every operation that ran counts: add, divide, statistics, factorial,
   * sine and the ten squares — not the calls that failed before */
  expect_text (client, "get_operations", "{}", "15");
}

/* The web scraper */

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data);

typedef struct
{
  SoupServer *server;
  char       *base;
} Site;

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *message = user_data;

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                    "<title>Slow</title>", strlen ("<title>Slow</title>"));
  soup_server_message_unpause (message);
  g_object_unref (message);
  return G_SOURCE_REMOVE;
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  const char *page1 = "<html><head><title> Page One </title></head><body>"
                      "<a href=\"/page2\">two</a> <A HREF='https://example.com/x'>x</A></body></html>";
  const char *page2 = "<html><head><title>Page Two</title></head><body>no links</body></html>";

  if (strcmp (path, "/page1") == 0)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page1, strlen (page1));
    }
  else if (strcmp (path, "/page2") == 0)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page2, strlen (page2));
    }
  else if (strcmp (path, "/agent") == 0)
    {
      const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                        "User-Agent");
      g_autofree char *body = g_strdup_printf ("<title>%s</title>", agent != NULL ? agent : "none");

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, body, strlen (body));
    }
  else if (strcmp (path, "/slow") == 0)
    {
      const char *ms = query != NULL ? g_hash_table_lookup (query, "ms") : NULL;

      soup_server_message_pause (message);
      g_timeout_add (ms != NULL ? (guint)atoi (ms) : 100, unpause_cb, g_object_ref (message));
    }
  else
    {
      soup_server_message_set_status (message, 404, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<title>Not Found</title>", strlen ("<title>Not Found</title>"));
    }
}

static Site *
site_new (void)
{
  Site *site = g_new0 (Site, 1);

  site->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (site->server, NULL, serve_cb, NULL, NULL);
  /* without a final slash */
  site->base = g_strdup_printf ("http://127.0.0.1:%u", test_soup_server_listen_local (site->server));

  return site;
}

static void
site_free (Site *site)
{
  soup_server_disconnect (site->server);
  g_assert_finalize_object (site->server);
  g_free (site->base);
  g_free (site);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Site, site_free)

static void
test_web_scraper (void)
{
  g_autoptr(Site) site = NULL;
  g_autoptr(Client) client = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) batch = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autofree char *names = NULL;
  g_autofree char *arguments = NULL;
  JsonObject *structured;
  JsonArray *links;
  gint64 start;
  gint64 elapsed;

  REQUIRE_EXAMPLES ();

  site = site_new ();
  client = client_new (scraper_path);
  client_initialize (client);

  names = client_tool_names (client);
  g_assert_cmpstr (names, ==,
                   "batch_scrape get_bytes_downloaded get_failures get_pages_scraped get_stats "
                   "get_user_agent scrape_url set_user_agent");

  /* one page: a WsPage, sent as the object of its properties */
  arguments = g_strdup_printf ("{'url':'%s/page1'}", site->base);
  page = client_call (client, "scrape_url", arguments);
  structured = json_object_get_object_member (page, "structuredContent");
  g_assert_cmpint (json_object_get_int_member (structured, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (structured, "title"), ==, "Page One");
  links = json_object_get_array_member (structured, "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (links, 0), ==, "/page2");
  g_assert_cmpstr (json_array_get_string_element (links, 1), ==, "https://example.com/x");
  g_assert_cmpint (json_object_get_int_member (structured, "size"), >, 100);

  expect_error (client, "scrape_url", "{'url':'ftp://example.com/'}",
                "“ftp://example.com/” is not an http or https address");

  /* many pages at once: five pages of 300 ms take about 300 ms */
  g_clear_pointer (&arguments, g_free);
  arguments = g_strdup_printf ("{'urls':['%1$s/slow?ms=300','%1$s/slow?ms=300','%1$s/slow?ms=300',"
                               "'%1$s/slow?ms=300','%1$s/slow?ms=300','%1$s/page2','%1$s/missing',"
                               "'not a url']}", site->base);
  start = g_get_monotonic_time ();
  batch = client_call (client, "batch_scrape", arguments);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("batch of 5 pages of 300 ms took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, <, test_time_limit (900 * G_TIME_SPAN_MILLISECOND));
  structured = json_object_get_object_member (batch, "structuredContent");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (structured, "pages")), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (structured, "failed")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (structured, "pages"), 6), "status"), ==, 404);

  /* a scrape the client cancels is cancelled in libsoup */
  g_clear_pointer (&arguments, g_free);
  arguments = g_strdup_printf ("{'url':'%s/slow?ms=5000'}", site->base);
  {
    guint id = client_start_call (client, "scrape_url", arguments);
    g_autofree char *cancel = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                               "\"params\":{\"requestId\":%u}}", id);

    test_wait (100);
    client_send (client, cancel);
    test_wait (100);
  }

  /* the user agent is state too */
  expect_text (client, "set_user_agent", "{'value':'tester/2'}", "tester/2");
  g_clear_pointer (&arguments, g_free);
  arguments = g_strdup_printf ("{'url':'%s/agent'}", site->base);
  {
    g_autoptr(JsonObject) agent = client_call (client, "scrape_url", arguments);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (agent,
                                                                                   "structuredContent"),
                                                    "title"), ==, "tester/2");
  }

  /* shared statistics: 1 + 7 + 1 pages, 2 failures (ftp, not a url) and
   * the cancelled one */
  stats = client_call (client, "get_stats", "{}");
  structured = json_object_get_object_member (stats, "structuredContent");
  g_assert_cmpint (json_object_get_int_member (structured, "pages_scraped"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (structured, "failures"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (structured, "cancelled"), ==, 1);
  expect_text (client, "get_pages_scraped", "{}", "9");
}

/* g-ir-scanner runs a program with --introspect-dump=TYPES,OUTPUT: both
 * mcp_tool_provider_run() and mcp_server_run() answer it. */
static void
dump_types (const char *program,
            const char *types,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mcp-dump-XXXXXX", &error);
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *option = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GSubprocess) process = NULL;

  g_assert_no_error (error);
  input = g_build_filename (dir, "types.txt", NULL);
  output = g_build_filename (dir, "dump.xml", NULL);
  g_file_set_contents (input, types, -1, &error);
  g_assert_no_error (error);

  option = g_strdup_printf ("--introspect-dump=%s,%s", input, output);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, program, option, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  g_file_get_contents (output, &dump, NULL, &error);
  g_assert_no_error (error);
  if (strstr (dump, expected) == NULL)
    g_error ("%s: the dump lacks “%s”:\n%s", program, expected, dump);

  g_unlink (input);
  g_unlink (output);
  g_rmdir (dir);
}

static void
test_introspect_dump (void)
{
  dump_types (calculator_path, "get-type:calc_calculator_get_type\n",
              "<class name=\"CalcCalculator\" get-type=\"calc_calculator_get_type\" "
              "parents=\"McpToolProvider,GObject\"");
  dump_types (example_path, "", "<dump>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  calculator_path = g_getenv ("MCP_CALCULATOR");
  scraper_path = g_getenv ("MCP_WEB_SCRAPER");
  example_path = g_getenv ("MCP_EXAMPLE_SERVER");
  g_assert_nonnull (calculator_path);
  g_assert_nonnull (scraper_path);
  g_assert_nonnull (example_path);

  g_test_add_func ("/Mcp/ProviderExamples/calculator", test_calculator);
  g_test_add_func ("/Mcp/ProviderExamples/web-scraper", test_web_scraper);
  g_test_add_func ("/Mcp/ProviderExamples/introspect-dump", test_introspect_dump);

  return g_test_run ();
}
