/* fuzz-stdio.c — libFuzzer harness: bytes from a client on stdio, through
 * the whole message path (framing, parsing, the dual-era core, every kind
 * of handler) and back out
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each input is what a client writes to the server's standard input: any
 * number of lines, served by fuzz_make_server()'s server to its end, with
 * every asynchronous step run, so that crashes, leaks and undefined
 * behaviour anywhere on the path show up.
 */

#include "fuzz-server.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
closed_cb (McpTransport *transport,
           const GError *error,
           gpointer      user_data)
{
  *(gboolean *)user_data = TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(McpServer) server = fuzz_make_server ();
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(McpStdioTransport) transport = mcp_stdio_transport_new_for_streams (server, input, output);
  gboolean closed = FALSE;
  guint iterations = 0;

  g_signal_connect (transport, "closed", G_CALLBACK (closed_cb), &closed);
  mcp_transport_start (MCP_TRANSPORT (transport));

  /* Bounded: a fuzz input must not be able to hang the harness. */
  while (!closed && iterations++ < 100000)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_signal_handlers_disconnect_by_func (transport, closed_cb, &closed);
  mcp_server_close_subscriptions (server);
  return 0;
}
