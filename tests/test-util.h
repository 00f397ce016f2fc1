/* test-util.h — shared helpers of the makemcp-glib test suite
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

G_BEGIN_DECLS

/* The _meta a 2026-07-28 client puts on every request, as JSON text to
 * paste into a params object. */
#define TEST_MODERN_META \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":{}}"

#define TEST_SERVER_INFO_META \
  "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"1.2.3\"}}"

/* A client on the other end of a pair of pipes, talking to a server through
 * an McpStdioTransport in the same process. Everything is driven by
 * iterating the thread-default main context. */
typedef struct _TestPeer TestPeer;

TestPeer     *test_peer_new              (McpServer  *server);
void          test_peer_free             (TestPeer   *peer);
McpTransport *test_peer_get_transport    (TestPeer   *peer);
int           test_peer_get_fd           (TestPeer   *peer);
gsize         test_peer_get_unread       (TestPeer   *peer);
void          test_peer_send             (TestPeer   *peer,
                                          const char *line);
void          test_peer_send_bytes       (TestPeer   *peer,
                                          const char *data,
                                          gsize       length);
char         *test_peer_recv             (TestPeer   *peer);
gboolean      test_peer_try_recv         (TestPeer   *peer,
                                          guint       timeout_ms,
                                          char      **line);
JsonObject   *test_peer_recv_object      (TestPeer   *peer);
void          test_peer_expect           (TestPeer   *peer,
                                          const char *expected);
void          test_peer_expect_silence   (TestPeer   *peer,
                                          guint       timeout_ms);
void          test_peer_initialize       (TestPeer   *peer,
                                          const char *version);
void          test_peer_close_input      (TestPeer   *peer);
void          test_peer_pause_reading    (TestPeer   *peer,
                                          gboolean    paused);
gboolean      test_peer_is_closed        (TestPeer   *peer);

/* A server with the tools most tests use: add (sync), echo (sync), sleep
 * (async, cancellable, counts cancellations) and fail (sync, GError). */
McpServer    *test_server_new            (void);
guint         test_server_get_cancelled  (void);
void          test_server_reset_counters (void);

void          test_store_result          (GObject      *object,
                                          GAsyncResult *result,
                                          gpointer      user_data);
void          test_wait_result           (GAsyncResult **result,
                                          guint          timeout_ms);
void          test_iterate_until         (gboolean   *flag,
                                          guint       timeout_ms);
void          test_wait                  (guint       ms);
gint64        test_time_limit            (gint64      us);
JsonNode     *test_parse                 (const char *json);
void          test_assert_json_equal     (const char *actual,
                                          const char *expected);

/* Makes a SoupServer listen on 127.0.0.1 at a free port; returns the port. */
guint         test_soup_server_listen_local (SoupServer *server);

/* For test programs g-ir-scanner introspects: answers --introspect-dump
 * and returns TRUE when asked to. */
gboolean      test_handle_introspect_dump (int         argc,
                                           char      **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPeer, test_peer_free)

G_END_DECLS
