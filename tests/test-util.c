/* test-util.c — shared helpers of the makemcp-glib test suite
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <girepository.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "test-util.h"

struct _TestPeer
{
  McpServer         *server;
  McpStdioTransport *transport;
  GOutputStream     *to_server;
  GDataInputStream  *from_server;
  GQueue             lines;
  GCancellable      *cancellable;
  gboolean           reading;
  gboolean           paused;
  gboolean           eof;
  gboolean           closed;
};

static void test_peer_read (TestPeer *peer);

static void
test_peer_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TestPeer *peer = user_data;
  g_autoptr(GError) error = NULL;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  peer->reading = FALSE;
  g_assert_no_error (error);

  if (line == NULL)
    {
      peer->eof = TRUE;
      return;
    }

  g_queue_push_tail (&peer->lines, line);
  test_peer_read (peer);
}

static void
test_peer_read (TestPeer *peer)
{
  if (peer->reading || peer->eof || peer->paused)
    return;

  peer->reading = TRUE;
  g_data_input_stream_read_line_async (peer->from_server, G_PRIORITY_DEFAULT, peer->cancellable,
                                       test_peer_read_cb, peer);
}

static void
test_peer_closed_cb (McpTransport *transport,
                     const GError *error,
                     TestPeer     *peer)
{
  peer->closed = TRUE;
}

TestPeer *
test_peer_new (McpServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) server_in = NULL;
  g_autoptr(GOutputStream) server_out = NULL;
  g_autoptr(GInputStream) client_in = NULL;
  TestPeer *peer = g_new0 (TestPeer, 1);
  int to_server[2];
  int from_server[2];

  g_assert_true (g_unix_open_pipe (to_server, FD_CLOEXEC, &error));
  g_assert_no_error (error);
  g_assert_true (g_unix_open_pipe (from_server, FD_CLOEXEC, &error));
  g_assert_no_error (error);

  g_assert_true (g_unix_set_fd_nonblocking (to_server[1], TRUE, NULL));
  server_in = g_unix_input_stream_new (to_server[0], TRUE);
  server_out = g_unix_output_stream_new (from_server[1], TRUE);
  peer->to_server = g_unix_output_stream_new (to_server[1], TRUE);
  client_in = g_unix_input_stream_new (from_server[0], TRUE);
  peer->from_server = g_data_input_stream_new (client_in);
  g_data_input_stream_set_newline_type (peer->from_server, G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_queue_init (&peer->lines);
  peer->cancellable = g_cancellable_new ();

  peer->server = g_object_ref (server);
  peer->transport = mcp_stdio_transport_new_for_streams (server, server_in, server_out);
  g_signal_connect (peer->transport, "closed", G_CALLBACK (test_peer_closed_cb), peer);
  mcp_transport_start (MCP_TRANSPORT (peer->transport));

  test_peer_read (peer);

  return peer;
}

void
test_peer_free (TestPeer *peer)
{
  g_cancellable_cancel (peer->cancellable);
  g_signal_handlers_disconnect_by_func (peer->transport, test_peer_closed_cb, peer);
  mcp_transport_close (MCP_TRANSPORT (peer->transport));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&peer->transport);
  g_clear_object (&peer->to_server);
  g_clear_object (&peer->from_server);
  g_clear_object (&peer->cancellable);
  g_clear_object (&peer->server);
  g_queue_clear_full (&peer->lines, g_free);
  g_free (peer);
}

McpTransport *
test_peer_get_transport (TestPeer *peer)
{
  return MCP_TRANSPORT (peer->transport);
}

/* The descriptor of the pipe into the server, for a short write that must
 * not go through the main loop (from inside a handler). */
int
test_peer_get_fd (TestPeer *peer)
{
  return g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (peer->to_server));
}

/* How many bytes the server has written that the peer has not read yet
 * (in the pipe, or in the peer's buffer). */
gsize
test_peer_get_unread (TestPeer *peer)
{
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (peer->from_server));
  int in_pipe = 0;

  g_assert_cmpint (ioctl (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (base)), FIONREAD,
                          &in_pipe), ==, 0);
  return (gsize)in_pipe +
         g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (peer->from_server));
}

typedef struct
{
  gboolean done;
  GError  *error;
} WriteState;

static void
test_peer_write_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WriteState *state = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &state->error);
  state->done = TRUE;
}

void
test_peer_send_bytes (TestPeer   *peer,
                      const char *data,
                      gsize       length)
{
  WriteState state = { FALSE, NULL };

  /* Asynchronous, so that a message larger than the pipe buffer does not
   * block this (only) thread while the server needs it to read. */
  g_output_stream_write_all_async (peer->to_server, data, length, G_PRIORITY_DEFAULT, NULL,
                                   test_peer_write_cb, &state);
  test_iterate_until (&state.done, 10000);
  g_assert_no_error (state.error);
}

void
test_peer_send (TestPeer   *peer,
                const char *line)
{
  g_autofree char *data = g_strconcat (line, "\n", NULL);

  test_peer_send_bytes (peer, data, strlen (data));
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
test_peer_try_recv (TestPeer  *peer,
                    guint      timeout_ms,
                    char     **line)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (g_queue_is_empty (&peer->lines) && !expired && !peer->eof)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  *line = g_queue_pop_head (&peer->lines);
  return *line != NULL;
}

char *
test_peer_recv (TestPeer *peer)
{
  char *line = NULL;

  if (!test_peer_try_recv (peer, 10000, &line))
    g_error ("No message from the server within 10 s");

  return line;
}

JsonObject *
test_peer_recv_object (TestPeer *peer)
{
  g_autofree char *line = test_peer_recv (peer);
  g_autoptr(JsonNode) node = test_parse (line);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

void
test_peer_expect (TestPeer   *peer,
                  const char *expected)
{
  g_autofree char *line = test_peer_recv (peer);

  g_assert_cmpstr (line, ==, expected);
}

void
test_peer_expect_silence (TestPeer *peer,
                          guint     timeout_ms)
{
  g_autofree char *line = NULL;

  if (test_peer_try_recv (peer, timeout_ms, &line))
    g_error ("Expected nothing from the server, got: %s", line);
}

void
test_peer_initialize (TestPeer   *peer,
                      const char *version)
{
  g_autofree char *request = NULL;
  g_autoptr(JsonObject) response = NULL;
  JsonObject *result;

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                             "\"params\":{\"protocolVersion\":\"%s\",\"capabilities\":{},"
                             "\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}}",
                             version);
  test_peer_send (peer, request);
  response = test_peer_recv_object (peer);
  result = json_object_get_object_member (response, "result");
  g_assert_nonnull (result);
  g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==, version);
  test_peer_send (peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

void
test_peer_close_input (TestPeer *peer)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (peer->to_server, NULL, &error);
  g_assert_no_error (error);
}

/* Stops reading what the server sends (the pipe fills up), or starts again. */
void
test_peer_pause_reading (TestPeer *peer,
                         gboolean  paused)
{
  peer->paused = paused;
  if (!paused)
    test_peer_read (peer);
}

gboolean
test_peer_is_closed (TestPeer *peer)
{
  return peer->closed;
}

/* A GAsyncReadyCallback that keeps a reference to the result in the
 * GAsyncResult * that @user_data points to. */
void
test_store_result (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **store = user_data;

  *store = g_object_ref (result);
}

void
test_iterate_until (gboolean *flag,
                    guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Timed out after %u ms", timeout_ms);
  g_source_remove (id);
}

/* Runs the main context until an asynchronous call stored its result in
 * @result (see test_store_result()), failing the test after @timeout_ms
 * (times MCP_TEST_TIME_SCALE). */
void
test_wait_result (GAsyncResult **result,
                  guint          timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add ((guint)(test_time_limit (timeout_ms * G_GINT64_CONSTANT (1000)) / 1000),
                            timeout_cb, &expired);

  while (*result == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("The operation did not complete within %u ms", timeout_ms);
  g_source_remove (id);
}

void
test_wait (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, timeout_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* A time limit for a timing assertion: @us, times MCP_TEST_TIME_SCALE from
 * the environment (build-aux/valgrind.sh sets it: everything is slower
 * under valgrind). */
gint64
test_time_limit (gint64 us)
{
  const char *scale = g_getenv ("MCP_TEST_TIME_SCALE");
  guint64 factor = 1;

  if (scale != NULL && !g_ascii_string_to_unsigned (scale, 10, 1, 1000, &factor, NULL))
    g_error ("MCP_TEST_TIME_SCALE must be a number from 1 to 1000, not %s", scale);

  return us * (gint64)factor;
}

JsonNode *
test_parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Compares two JSON texts as values, whatever the member order. */
void
test_assert_json_equal (const char *actual,
                        const char *expected)
{
  g_autoptr(JsonNode) a = test_parse (actual);
  g_autoptr(JsonNode) b = test_parse (expected);

  if (!json_node_equal (a, b))
    g_error ("JSON differs:\n  actual:   %s\n  expected: %s", actual, expected);
}

/* The standard test server */

static guint cancelled_count;

static McpToolResult *
add_func (McpTool            *tool,
          McpRequestContext  *context,
          JsonObject         *arguments,
          gpointer            user_data,
          GError            **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (arguments, "a") +
                                           json_object_get_int_member (arguments, "b"));

  return mcp_tool_result_new_text (text);
}

static McpToolResult *
echo_func (McpTool            *tool,
           McpRequestContext  *context,
           JsonObject         *arguments,
           gpointer            user_data,
           GError            **error)
{
  return mcp_tool_result_new_text (json_object_get_string_member (arguments, "text"));
}

static McpToolResult *
fail_func (McpTool            *tool,
           McpRequestContext  *context,
           JsonObject         *arguments,
           gpointer            user_data,
           GError            **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Access denied to the vault");
  return NULL;
}

typedef struct
{
  McpToolInvocation *invocation;
  GSource           *timeout;
  GSource           *cancelled;
} SleepCall;

static void
sleep_call_finish (SleepCall *call,
                   gboolean   cancelled)
{
  g_source_destroy (call->timeout);
  g_source_destroy (call->cancelled);
  g_source_unref (call->timeout);
  g_source_unref (call->cancelled);

  if (cancelled)
    {
      cancelled_count++;
      mcp_tool_invocation_take_error (call->invocation,
                                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                           "Cancelled"));
    }
  else
    {
      JsonObject *arguments = mcp_tool_invocation_get_arguments (call->invocation);
      g_autofree char *text = g_strdup_printf ("slept %" G_GINT64_FORMAT,
                                               json_object_get_int_member (arguments, "ms"));

      mcp_tool_invocation_return_text (call->invocation, text);
    }

  g_object_unref (call->invocation);
  g_free (call);
}

static gboolean
sleep_timeout_cb (gpointer user_data)
{
  sleep_call_finish (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  sleep_call_finish (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* An asynchronous sleep that stops at once when the call is cancelled. */
static void
sleep_func (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  SleepCall *call = g_new0 (SleepCall, 1);

  call->invocation = g_object_ref (invocation);
  call->timeout = g_timeout_source_new ((guint)json_object_get_int_member (arguments, "ms"));
  g_source_set_callback (call->timeout, sleep_timeout_cb, call, NULL);
  g_source_attach (call->timeout, NULL);
  call->cancelled = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));
  g_source_set_callback (call->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb), call, NULL);
  g_source_attach (call->cancelled, NULL);
}

guint
test_server_get_cancelled (void)
{
  return cancelled_count;
}

void
test_server_reset_counters (void)
{
  cancelled_count = 0;
}

static void
add_test_tool (McpServer  *server,
               const char *name,
               const char *description,
               const char *schema,
               McpToolFunc func)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  mcp_tool_set_input_schema_json (tool, schema, &error);
  g_assert_no_error (error);
  mcp_tool_set_func (tool, func, NULL, NULL);
  mcp_server_add_tool (server, tool);
}

McpServer *
test_server_new (void)
{
  McpServer *server = mcp_server_new ("test-server", "1.2.3");
  g_autoptr(McpTool) sleep_tool = NULL;
  g_autoptr(GError) error = NULL;

  add_test_tool (server, "add", "Add two integers",
                 "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                 "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}",
                 add_func);
  add_test_tool (server, "echo", "Echo a text",
                 "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                 "\"required\":[\"text\"]}",
                 echo_func);
  add_test_tool (server, "fail", "Always fails",
                 "{\"type\":\"object\"}",
                 fail_func);

  sleep_tool = mcp_tool_new ("sleep", "Sleep asynchronously");
  mcp_tool_set_input_schema_json (sleep_tool,
                                  "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\","
                                  "\"minimum\":0}},\"required\":[\"ms\"]}", &error);
  g_assert_no_error (error);
  mcp_tool_set_async_func (sleep_tool, sleep_func, NULL, NULL);
  mcp_server_add_tool (server, sleep_tool);

  test_server_reset_counters ();
  return server;
}

/* Not soup_server_listen_local() nor soup_server_get_uris(): both ask
 * libsoup 3.2's SoupListener for its address, which it keeps and never
 * frees (fixed in libsoup 3.4.3, c07ff61f "soup-listener: Fix memory leak
 * of local_addr"). The listening GSocket tells its address as well, as
 * McpHttpTransport finds its own port. */
guint
test_soup_server_listen_local (SoupServer *server)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSList) listeners = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);

  listeners = soup_server_get_listeners (server);
  g_assert_nonnull (listeners);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

gboolean
test_handle_introspect_dump (int    argc,
                             char **argv)
{
  const char *prefix = "--introspect-dump=";
  g_autoptr(GError) error = NULL;

  if (argc < 2 || !g_str_has_prefix (argv[1], prefix))
    return FALSE;

  if (!g_irepository_dump (argv[1] + strlen (prefix), &error))
    g_error ("%s", error->message);

  return TRUE;
}
