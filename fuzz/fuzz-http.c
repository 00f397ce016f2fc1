/* fuzz-http.c — libFuzzer harness: bytes from HTTP clients, through the
 * Streamable HTTP transport (HTTP parsing, the security checks, headers,
 * sessions, SSE streams, HTTP+SSE) and the whole message path behind it
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An input is what clients send on one or more connections, one after the
 * other: the raw bytes of HTTP/1.1 requests (several may follow each other
 * on one connection), connections separated by a line `%%%%`. Before a
 * connection's bytes are sent, `{{SESSION}}` in them becomes the last
 * `Mcp-Session-Id` the server gave out, and `{{SSE}}` the last HTTP+SSE
 * session id, so that the fuzzer reaches what legacy sessions do. Each
 * connection is served until nothing more happens; then the transport is
 * closed and everything freed, so that leaks show up too.
 */

#include <string.h>

#include "fuzz-server.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define SEPARATOR "\n%%%%\n"

typedef struct
{
  char *session;   /* the last Mcp-Session-Id */
  char *sse;       /* the last HTTP+SSE sessionId */
} Ids;

/* Remembers the value that follows @prefix in @output, up to a character
 * that cannot be part of an id. */
static void
remember (const char  *output,
          gsize        length,
          const char  *prefix,
          char       **id)
{
  g_autofree char *text = NULL;
  const char *found = NULL;

  if (length == 0)
    return;

  text = g_strndup (output, length);
  for (const char *p = text; (p = strstr (p, prefix)) != NULL; p += strlen (prefix))
    found = p + strlen (prefix);
  if (found != NULL)
    {
      g_free (*id);
      *id = g_strndup (found, strcspn (found, "\r\n\"& "));
    }
}

static char *
substitute (const char *bytes,
            gsize       length,
            const Ids  *ids,
            gsize      *out_length)
{
  GString *text = g_string_new_len (bytes, length);

  g_string_replace (text, "{{SESSION}}", ids->session != NULL ? ids->session : "none", 0);
  g_string_replace (text, "{{SSE}}", ids->sse != NULL ? ids->sse : "none", 0);
  *out_length = text->len;
  return g_string_free (text, FALSE);
}

/* Runs the main context until nothing is left to do right now: bounded,
 * so that an input cannot hang the harness. */
static void
settle (void)
{
  for (guint i = 0, idle = 0; i < 20000 && idle < 3; i++)
    idle = g_main_context_iteration (NULL, FALSE) ? 0 : idle + 1;
}

static void
serve_connection (SoupServer  *soup_server,
                  const char  *bytes,
                  gsize        length,
                  Ids         *ids)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string ("127.0.0.1", 8080);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new_from_string ("127.0.0.1", 40000);
  gsize sent_length;
  char *sent = substitute (bytes, length, ids, &sent_length);

  input = g_memory_input_stream_new_from_data (sent, sent_length, g_free);
  stream = g_simple_io_stream_new (input, output);
  if (!soup_server_accept_iostream (soup_server, stream, local, remote, NULL))
    return;
  settle ();

  /* MCP_FUZZ_VERBOSE=1 shows what the server answered, to check seeds */
  if (g_getenv ("MCP_FUZZ_VERBOSE") != NULL)
    g_printerr ("--- connection:\n%.*s\n",
                (int)g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                (const char *)g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)));

  remember (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
            g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
            "Mcp-Session-Id: ", &ids->session);
  remember (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
            g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
            "sessionId=", &ids->sse);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(McpServer) server = fuzz_make_server ();
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (server);
  SoupServer *soup_server = mcp_http_transport_get_soup_server (transport);
  const char *bytes = (const char *)data;
  const char *end = bytes + size;
  Ids ids = { NULL, NULL };

  mcp_http_transport_set_max_sessions (transport, 4);
  mcp_transport_start (MCP_TRANSPORT (transport));

  while (bytes < end)
    {
      const char *next = g_strstr_len (bytes, end - bytes, SEPARATOR);
      gsize length = (next != NULL ? next : end) - bytes;

      serve_connection (soup_server, bytes, length, &ids);
      bytes += length + (next != NULL ? strlen (SEPARATOR) : 0);
    }

  mcp_server_close_subscriptions (server);
  mcp_transport_close (MCP_TRANSPORT (transport));
  settle ();

  g_free (ids.session);
  g_free (ids.sse);
  return 0;
}
