/* test-redis.c — McpRedisBackend against a real redis-server
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test starts its own redis-server on a free loopback port (no disk:
 * --save '' --appendonly no) and stops it at the end. Without
 * redis-server, or without Redis support in the build, the tests are
 * skipped, unless MCP_REQUIRE_INTEROP=1.
 */

#include <signal.h>
#include <string.h>

#include "test-util.h"

#define TASKS_META \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}"

static char *redis_server_path;

typedef struct
{
  GSubprocess *redis;
  guint        port;
  char        *url;
  char        *prefix;
} Fixture;

/* Warnings the library gives while Redis is away, counted, not fatal. */
static guint outage_warnings;

static GLogWriterOutput
count_outage_warnings (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        (g_pattern_match_simple ("Redis at * is unreachable (*): *", fields[i].value) ||
         g_pattern_match_simple ("Redis at * is back (*)", fields[i].value) ||
         g_pattern_match_simple ("Saving the task * failed (*); trying again in *", fields[i].value)))
      {
        if (log_level & G_LOG_LEVEL_WARNING)
          outage_warnings++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_answers (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16)port);

  return g_socket_connect (socket, address, NULL, NULL);
}

static void
redis_start (Fixture *fixture)
{
  g_autofree char *port = g_strdup_printf ("%u", fixture->port);
  g_autoptr(GError) error = NULL;

  fixture->redis = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                     redis_server_path, "--port", port, "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 500 && !port_answers (fixture->port); i++)
    g_usleep (10000);
  g_assert_true (port_answers (fixture->port));
}

static void
redis_stop (Fixture *fixture)
{
  if (fixture->redis == NULL)
    return;

  g_subprocess_send_signal (fixture->redis, SIGCONT);
  g_subprocess_force_exit (fixture->redis);
  g_subprocess_wait (fixture->redis, NULL, NULL);
  g_clear_object (&fixture->redis);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->port = free_port ();
  fixture->url = g_strdup_printf ("redis://127.0.0.1:%u", fixture->port);
  fixture->prefix = g_strdup_printf ("test%u:", g_random_int ());
  redis_start (fixture);
  outage_warnings = 0;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  redis_stop (fixture);
  g_free (fixture->url);
  g_free (fixture->prefix);
}

static McpRedisBackend *
backend_new (Fixture *fixture,
             guint    timeout_ms)
{
  g_autoptr(GError) error = NULL;
  McpRedisBackend *backend = g_initable_new (MCP_TYPE_REDIS_BACKEND, NULL, &error,
                                             "url", fixture->url, "prefix", fixture->prefix,
                                             "timeout", timeout_ms, NULL);

  g_assert_no_error (error);
  return backend;
}

static void
wait_connected (McpRedisBackend *backend,
                gboolean         connected)
{
  for (guint i = 0; i < 1000 && mcp_redis_backend_get_connected (backend) != connected; i++)
    test_wait (10);
  g_assert_cmpint (mcp_redis_backend_get_connected (backend), ==, connected);
}

static gboolean
save (McpRedisBackend  *backend,
      const char       *task_id,
      const char       *json,
      gint64            expires_at,
      GError          **error)
{
  g_autoptr(JsonNode) record = test_parse (json);
  g_autoptr(GAsyncResult) result = NULL;

  mcp_task_store_save_async (MCP_TASK_STORE (backend), task_id, json_node_get_object (record),
                             expires_at, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mcp_task_store_save_finish (MCP_TASK_STORE (backend), result, error);
}

static JsonObject *
load (McpRedisBackend  *backend,
      const char       *task_id,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_task_store_load_async (MCP_TASK_STORE (backend), task_id, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mcp_task_store_load_finish (MCP_TASK_STORE (backend), result, error);
}

static void
test_url (void)
{
  const char *bad[] = {
    "http://127.0.0.1", "redis://", "rediss://127.0.0.1", "redis://h/x", "no url",
    /* with a password, which no message may show */
    "redis://:s3cret@h/x", "http://u:s3cret@h", "redis://u:s3cret@[h/0", "s3cret",
  };
  g_autoptr(McpRedisBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (mcp_redis_backend_new (bad[i], &error));
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "s3cret"));
      g_clear_error (&error);
    }

  backend = mcp_redis_backend_new ("redis://:secret@localhost/2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_redis_backend_get_address (backend), ==, "localhost:6379");
  g_assert_cmpstr (mcp_redis_backend_get_prefix (backend), ==, "mcp:");
  g_assert_cmpuint (mcp_redis_backend_get_timeout (backend), ==, 2000);
}

/* Records: saved, loaded, final once finished, gone once expired. */
static void
test_store (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(McpRedisBackend) backend = backend_new (fixture, 2000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  gint64 now = g_get_real_time () / 1000;

  /* before the connection is up: the command waits for it */
  g_assert_true (save (backend, "t1", "{\"taskId\":\"t1\",\"status\":\"working\",\"n\":1}", now + 60000, &error));
  g_assert_no_error (error);

  record = load (backend, "t1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (record, "n"), ==, 1);
  g_clear_pointer (&record, json_object_unref);

  g_assert_null (load (backend, "nope", &error));
  g_assert_no_error (error);

  g_assert_true (save (backend, "t1", "{\"taskId\":\"t1\",\"status\":\"completed\",\"n\":2}", now + 60000, &error));
  g_assert_false (save (backend, "t1", "{\"taskId\":\"t1\",\"status\":\"failed\",\"n\":3}", now + 60000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  record = load (backend, "t1", &error);
  g_assert_cmpint (json_object_get_int_member (record, "n"), ==, 2);
  g_clear_pointer (&record, json_object_unref);

  /* A record failing a lapsed lease replaces only a record that still
   * holds that lease; the store keeps it without the lease it failed. */
  g_assert_true (save (backend, "t4", "{\"taskId\":\"t4\",\"status\":\"working\",\"x-lease\":1000}",
                       now + 60000, &error));
  g_assert_true (save (backend, "t4", "{\"taskId\":\"t4\",\"status\":\"working\",\"x-lease\":2000}",
                       now + 60000, &error));
  g_assert_false (save (backend, "t4", "{\"taskId\":\"t4\",\"status\":\"failed\",\"x-replaces-lease\":1000}",
                        now + 60000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  record = load (backend, "t4", &error);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "working");
  g_clear_pointer (&record, json_object_unref);
  g_assert_true (save (backend, "t4", "{\"taskId\":\"t4\",\"status\":\"failed\",\"x-replaces-lease\":2000}",
                       now + 60000, &error));
  g_assert_no_error (error);
  record = load (backend, "t4", &error);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "failed");
  g_assert_false (json_object_has_member (record, "x-replaces-lease"));
  g_clear_pointer (&record, json_object_unref);

  /* expiry, and no expiry */
  g_assert_true (save (backend, "t2", "{\"taskId\":\"t2\",\"status\":\"working\"}", now + 200, &error));
  g_assert_true (save (backend, "t3", "{\"taskId\":\"t3\",\"status\":\"working\"}", 0, &error));
  test_wait (400);
  g_assert_null (load (backend, "t2", &error));
  g_assert_no_error (error);
  record = load (backend, "t3", &error);
  g_assert_nonnull (record);
  g_assert_cmpuint (outage_warnings, ==, 0);
}

typedef struct
{
  guint          count;
  McpEventKind   kind;
  char          *key;
  JsonObject    *payload;
} Heard;

static void
heard_cb (McpEventBus  *bus,
          McpEventKind  kind,
          const char   *key,
          JsonObject   *payload,
          Heard        *heard)
{
  heard->count++;
  heard->kind = kind;
  g_free (heard->key);
  heard->key = g_strdup (key);
  g_clear_pointer (&heard->payload, json_object_unref);
  heard->payload = payload != NULL ? json_object_ref (payload) : NULL;
}

static void
heard_clear (Heard *heard)
{
  g_clear_pointer (&heard->key, g_free);
  g_clear_pointer (&heard->payload, json_object_unref);
  heard->count = 0;
}

/* Every subscriber hears every event once: the publisher at once, the
 * others through Redis; other prefixes hear nothing. */
static void
test_bus (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(McpRedisBackend) a = backend_new (fixture, 2000);
  g_autoptr(McpRedisBackend) b = backend_new (fixture, 2000);
  g_autoptr(McpRedisBackend) other = NULL;
  g_autoptr(JsonNode) payload = test_parse ("{\"taskId\":\"t\",\"status\":\"working\"}");
  g_autoptr(GError) error = NULL;
  Heard heard_a = { 0 }, heard_b = { 0 }, heard_other = { 0 };

  other = g_initable_new (MCP_TYPE_REDIS_BACKEND, NULL, &error, "url", fixture->url,
                          "prefix", "elsewhere:", NULL);
  g_assert_no_error (error);
  g_signal_connect (a, "event", G_CALLBACK (heard_cb), &heard_a);
  g_signal_connect (b, "event", G_CALLBACK (heard_cb), &heard_b);
  g_signal_connect (other, "event", G_CALLBACK (heard_cb), &heard_other);
  wait_connected (a, TRUE);
  wait_connected (b, TRUE);
  wait_connected (other, TRUE);

  mcp_event_bus_publish (MCP_EVENT_BUS (a), MCP_EVENT_TASK_STATUS, "t", json_node_get_object (payload));
  g_assert_cmpuint (heard_a.count, ==, 1);    /* at once */
  for (guint i = 0; i < 500 && heard_b.count == 0; i++)
    test_wait (2);
  g_assert_cmpuint (heard_b.count, ==, 1);
  g_assert_cmpint (heard_b.kind, ==, MCP_EVENT_TASK_STATUS);
  g_assert_cmpstr (heard_b.key, ==, "t");
  g_assert_cmpstr (json_object_get_string_member (heard_b.payload, "status"), ==, "working");

  mcp_event_bus_publish (MCP_EVENT_BUS (b), MCP_EVENT_TOOLS_CHANGED, NULL, NULL);
  for (guint i = 0; i < 500 && heard_a.count == 1; i++)
    test_wait (2);
  g_assert_cmpuint (heard_a.count, ==, 2);
  g_assert_cmpint (heard_a.kind, ==, MCP_EVENT_TOOLS_CHANGED);
  g_assert_null (heard_a.key);
  g_assert_null (heard_a.payload);

  /* exactly once: no echo comes back */
  test_wait (100);
  g_assert_cmpuint (heard_a.count, ==, 2);
  g_assert_cmpuint (heard_b.count, ==, 2);
  g_assert_cmpuint (heard_other.count, ==, 0);

  heard_clear (&heard_a);
  heard_clear (&heard_b);
  heard_clear (&heard_other);
}

/* No Redis at all: clear errors, quickly, and no hang. */
static void
test_away (void)
{
  g_autofree char *url = g_strdup_printf ("redis://127.0.0.1:%u", free_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(McpRedisBackend) backend = g_initable_new (MCP_TYPE_REDIS_BACKEND, NULL, &error, "url", url,
                                                       "timeout", 300, NULL);
  g_autoptr(JsonNode) record = test_parse ("{\"taskId\":\"t\",\"status\":\"working\"}");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GAsyncResult) result = NULL;

  outage_warnings = 0;
  g_assert_no_error (error);
  mcp_task_store_save_async (MCP_TASK_STORE (backend), "t", json_node_get_object (record), 0, NULL,
                             test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mcp_task_store_save_finish (MCP_TASK_STORE (backend), result, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Redis at 127.0.0.1:"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (2 * G_USEC_PER_SEC));
  g_clear_error (&error);

  /* later: at once, saying why */
  test_wait (50);
  start = g_get_monotonic_time ();
  g_assert_null (load (MCP_REDIS_BACKEND (backend), "t", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (error->message, "is unreachable"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (G_USEC_PER_SEC / 2));
  g_assert_false (mcp_redis_backend_get_connected (backend));
  g_assert_cmpuint (outage_warnings, >=, 1);

  /* an event still reaches this process */
  {
    Heard heard = { 0 };

    g_signal_connect (backend, "event", G_CALLBACK (heard_cb), &heard);
    mcp_event_bus_publish (MCP_EVENT_BUS (backend), MCP_EVENT_RESOURCE_UPDATED, "notes://1", NULL);
    g_assert_cmpuint (heard.count, ==, 1);
    heard_clear (&heard);
  }
}

/* A Redis that stops answering (paused) fails commands within the
 * timeout; once it answers again, so does the backend. */
static void
test_paused (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(McpRedisBackend) backend = backend_new (fixture, 300);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  gint64 start;

  wait_connected (backend, TRUE);
  g_subprocess_send_signal (fixture->redis, SIGSTOP);

  start = g_get_monotonic_time ();
  g_assert_null (load (backend, "t", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, test_time_limit (2 * G_USEC_PER_SEC));
  g_clear_error (&error);

  g_subprocess_send_signal (fixture->redis, SIGCONT);
  wait_connected (backend, TRUE);
  g_assert_true (save (backend, "t", "{\"taskId\":\"t\",\"status\":\"working\"}", 0, &error));
  g_assert_no_error (error);
  record = load (backend, "t", &error);
  g_assert_nonnull (record);
}

/* Redis restarts: the backend connects again, subscribes again, and works
 * as before; what it published meanwhile reached this process only. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(McpRedisBackend) a = backend_new (fixture, 500);
  g_autoptr(McpRedisBackend) b = backend_new (fixture, 500);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  Heard heard_b = { 0 };

  g_signal_connect (b, "event", G_CALLBACK (heard_cb), &heard_b);
  wait_connected (a, TRUE);
  wait_connected (b, TRUE);

  redis_stop (fixture);
  wait_connected (a, FALSE);
  g_assert_false (save (a, "t", "{\"taskId\":\"t\",\"status\":\"working\"}", 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  mcp_event_bus_publish (MCP_EVENT_BUS (a), MCP_EVENT_TOOLS_CHANGED, NULL, NULL);

  redis_start (fixture);
  wait_connected (a, TRUE);
  wait_connected (b, TRUE);
  g_assert_cmpuint (heard_b.count, ==, 0);

  g_assert_true (save (a, "t", "{\"taskId\":\"t\",\"status\":\"working\"}", 0, &error));
  g_assert_no_error (error);
  record = load (b, "t", &error);
  g_assert_nonnull (record);

  mcp_event_bus_publish (MCP_EVENT_BUS (a), MCP_EVENT_PROMPTS_CHANGED, NULL, NULL);
  for (guint i = 0; i < 500 && heard_b.count == 0; i++)
    test_wait (2);
  g_assert_cmpuint (heard_b.count, ==, 1);
  g_assert_cmpint (heard_b.kind, ==, MCP_EVENT_PROMPTS_CHANGED);
  g_assert_cmpuint (outage_warnings, >=, 2);
  heard_clear (&heard_b);
}

/* Two servers, each with its own backend, as two processes would be: a
 * task of one is read and cancelled through the other. */
static gboolean
slow_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  mcp_tool_invocation_take_error (user_data, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                  "Cancelled"));
  return G_SOURCE_REMOVE;
}

/* Works until cancelled. */
static void
slow_func (McpTool           *tool,
           McpToolInvocation *invocation,
           gpointer           user_data)
{
  guint *started = user_data;
  g_autoptr(GSource) source = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));

  g_source_set_callback (source, G_SOURCE_FUNC (slow_cancelled_cb), g_object_ref (invocation), g_object_unref);
  g_source_attach (source, NULL);
  (*started)++;
}

static JsonObject *
request (TestPeer   *peer,
         const char *method,
         const char *params)
{
  static guint next_id = 1;
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"%s\",\"params\":%s}",
                                           next_id++, method, params);

  test_peer_send (peer, line);
  return test_peer_recv_object (peer);
}

static void
test_servers (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(McpRedisBackend) backend_a = backend_new (fixture, 2000);
  g_autoptr(McpRedisBackend) backend_b = backend_new (fixture, 2000);
  g_autoptr(McpServer) a = mcp_server_new ("a", "1");
  g_autoptr(McpServer) b = mcp_server_new ("b", "1");
  g_autoptr(McpTool) tool = mcp_tool_new ("slow", NULL);
  g_autoptr(TestPeer) peer_a = NULL;
  g_autoptr(TestPeer) peer_b = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autofree char *params = NULL;
  const char *task_id;
  guint started = 0;

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_task_support (tool, MCP_TASK_SUPPORT_OPTIONAL);
  mcp_tool_set_async_func (tool, slow_func, &started, NULL);
  mcp_server_add_tool (a, tool);
  mcp_server_set_task_store (a, MCP_TASK_STORE (backend_a));
  mcp_server_set_event_bus (a, MCP_EVENT_BUS (backend_a));
  mcp_server_set_task_store (b, MCP_TASK_STORE (backend_b));
  mcp_server_set_event_bus (b, MCP_EVENT_BUS (backend_b));
  peer_a = test_peer_new (a);
  peer_b = test_peer_new (b);
  wait_connected (backend_a, TRUE);
  wait_connected (backend_b, TRUE);

  created = request (peer_a, "tools/call", "{\"name\":\"slow\",\"arguments\":{}," TASKS_META "}");
  task_id = json_object_get_string_member (json_object_get_object_member (created, "result"), "taskId");
  g_assert_nonnull (task_id);
  params = g_strdup_printf ("{\"taskId\":\"%s\"," TASKS_META "}", task_id);

  got = request (peer_b, "tasks/get", params);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (got, "result"), "status"),
                   ==, "working");

  ack = request (peer_b, "tasks/cancel", params);
  g_assert_true (json_object_has_member (ack, "result"));

  cancelled = request (peer_a, "tasks/get", params);
  for (guint i = 0; i < 100 && g_strcmp0 (json_object_get_string_member (json_object_get_object_member (cancelled, "result"),
                                                                          "status"), "cancelled") != 0; i++)
    {
      g_clear_pointer (&cancelled, json_object_unref);
      test_wait (10);
      cancelled = request (peer_a, "tasks/get", params);
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (cancelled, "result"), "status"),
                   ==, "cancelled");
  g_assert_cmpuint (started, ==, 1);

  g_clear_pointer (&peer_a, test_peer_free);
  g_clear_pointer (&peer_b, test_peer_free);
}

/* A resolver for which every name has two addresses: 127.0.0.2, where
 * nothing listens, then 127.0.0.1 (as a name may resolve to ::1 first
 * while Redis listens on 127.0.0.1 only). */
#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
test_resolver_addresses (void)
{
  GList *addresses = NULL;

  addresses = g_list_append (addresses, g_inet_address_new_from_string ("127.0.0.2"));
  addresses = g_list_append (addresses, g_inet_address_new_from_string ("127.0.0.1"));
  return addresses;
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return test_resolver_addresses ();
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_pointer (task, test_resolver_addresses (), (GDestroyNotify)g_resolver_free_addresses);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

/* The first address of the host refuses the connection: the next one is
 * tried before any backoff, and answers. */
static void
test_addresses (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_autoptr(McpRedisBackend) backend = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  g_resolver_set_default (resolver);
  g_free (fixture->url);
  fixture->url = g_strdup_printf ("redis://redis.test:%u", fixture->port);
  backend = backend_new (fixture, 2000);
  wait_connected (backend, TRUE);
  g_assert_cmpuint (outage_warnings, ==, 0);

  g_assert_true (save (backend, "t", "{\"taskId\":\"t\",\"status\":\"working\"}", 0, &error));
  g_assert_no_error (error);
  record = load (backend, "t", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "working");

  g_resolver_set_default (previous);
}

/* A backend that was disposed (its owner let go of it while a save was
 * on its way) fails what it is asked, and does not crash. */
static void
test_disposed (void)
{
  g_autofree char *url = g_strdup_printf ("redis://127.0.0.1:%u", free_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(McpRedisBackend) backend = mcp_redis_backend_new (url, &error);
  g_autoptr(JsonNode) record = test_parse ("{\"taskId\":\"t\",\"status\":\"working\"}");
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  g_object_run_dispose (G_OBJECT (backend));

  mcp_task_store_save_async (MCP_TASK_STORE (backend), "t", json_node_get_object (record), 0, NULL,
                             test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mcp_task_store_save_finish (MCP_TASK_STORE (backend), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  g_assert_null (load (backend, "t", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
test_unsupported (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (mcp_redis_backend_new ("redis://127.0.0.1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_outage_warnings, NULL, NULL);

  if (!mcp_redis_backend_is_supported ())
    {
      g_test_add_func ("/Mcp/Redis/unsupported", test_unsupported);
      return g_test_run ();
    }

  redis_server_path = g_find_program_in_path ("redis-server");
  if (redis_server_path == NULL)
    {
      if (g_strcmp0 (g_getenv ("MCP_REQUIRE_INTEROP"), "1") == 0)
        {
          g_printerr ("redis-server is not installed (apt-get install redis-server)\n");
          return 1;
        }
      g_print ("1..0 # SKIP redis-server is not installed\n");
      return 0;
    }

#define ADD(path, func) \
  g_test_add ("/Mcp/Redis/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Mcp/Redis/url", test_url);
  g_test_add_func ("/Mcp/Redis/away", test_away);
  g_test_add_func ("/Mcp/Redis/disposed", test_disposed);
  ADD ("store", test_store);
  ADD ("bus", test_bus);
  ADD ("paused", test_paused);
  ADD ("restart", test_restart);
  ADD ("servers", test_servers);
  ADD ("addresses", test_addresses);

#undef ADD

  return g_test_run ();
}
