/* mcp-http-util.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "mcp-http-util-private.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-signer-private.h"

/* Small helpers of the HTTP transport: header parsing, the security
 * checks, and JSON-RPC error bodies. HTTP itself is libsoup's. */

/* Whether the media range @item (@length bytes, without parameters)
 * covers type/subtype. */
static gboolean
media_range_matches (const char *item,
                     gsize       length,
                     const char *type,
                     const char *subtype)
{
  const char *slash;
  gsize type_length = strlen (type);

  while (length > 0 && g_ascii_isspace (item[0]))
    item++, length--;
  while (length > 0 && g_ascii_isspace (item[length - 1]))
    length--;

  if (length == 3 && memcmp (item, "*/*", 3) == 0)
    return TRUE;

  slash = memchr (item, '/', length);
  if (slash == NULL || (gsize)(slash - item) != type_length ||
      g_ascii_strncasecmp (item, type, type_length) != 0)
    return FALSE;

  length -= type_length + 1;
  return (length == 1 && slash[1] == '*') ||
         (length == strlen (subtype) && g_ascii_strncasecmp (slash + 1, subtype, length) == 0);
}

static McpHttpAccept
accept_of (const char *item,
           gsize       length)
{
  McpHttpAccept result = 0;

  if (media_range_matches (item, length, "application", "json"))
    result |= MCP_HTTP_ACCEPT_JSON;
  if (media_range_matches (item, length, "text", "event-stream"))
    result |= MCP_HTTP_ACCEPT_SSE;

  return result;
}

/* Which of the two answer formats the client takes. A request without an
 * Accept header takes both. */
McpHttpAccept
mcp_http_parse_accept (SoupMessageHeaders *headers)
{
  const char *accept = soup_message_headers_get_list (headers, "Accept");
  McpHttpAccept result = 0;
  GSList *list;

  if (accept == NULL || *accept == '\0')
    return MCP_HTTP_ACCEPT_JSON | MCP_HTTP_ACCEPT_SSE;

  /* Without parameters there are no quality values to weigh, and the
   * list is read in place: the common case, and the cheap one. */
  if (strchr (accept, ';') == NULL && strchr (accept, '"') == NULL)
    {
      for (const char *item = accept;;)
        {
          const char *comma = strchr (item, ',');
          gsize length = comma != NULL ? (gsize)(comma - item) : strlen (item);

          result |= accept_of (item, length);
          if (comma == NULL)
            return result;
          item = comma + 1;
        }
    }

  /* Items with q=0 are left out of the list. */
  list = soup_header_parse_quality_list (accept, NULL);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      const char *item = l->data;
      const char *semicolon = strchr (item, ';');

      result |= accept_of (item, semicolon != NULL ? (gsize)(semicolon - item) : strlen (item));
    }
  soup_header_free_list (list);

  return result;
}

gboolean
mcp_http_content_type_is_json (SoupMessageHeaders *headers)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

/* The value of a header with surrounding white space removed, or NULL. */
char *
mcp_http_dup_header (SoupMessageHeaders *headers,
                     const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  if (value == NULL)
    return NULL;

  return g_strstrip (g_strdup (value));
}

/* libsoup 3.2 does not notice a client that closes a kept-alive
 * connection between two requests (fixed in libsoup 3.3, commit
 * d20c6601 "server: do not leak idle connections closed by the
 * client"): the socket stays open in CLOSE-WAIT, one file descriptor per
 * connection, until the server runs out of them. So after each response
 * the connection is watched until it has something to read: the next
 * request, which libsoup reads, or the end, on which the socket is closed
 * here unless a request has started on it meanwhile. (libsoup keeps its
 * small connection object until the server is disconnected; the
 * descriptor is what runs out.) */
static G_DEFINE_QUARK (mcp-http-connection-busy, busy)

static gboolean
connection_busy (GSocket *socket)
{
  return g_object_get_qdata (G_OBJECT (socket), busy_quark ()) != NULL;
}

/* Closes the socket of a connection whose client has gone, unless
 * libsoup started a request on it in the meantime (one the client sent
 * before it went, still in libsoup's buffer): that request's response
 * comes first, and the watch after it finds the end again. */
static gboolean
close_gone_connection_cb (gpointer user_data)
{
  GSocket *socket = user_data;

  if (!g_socket_is_closed (socket) && !connection_busy (socket))
    g_socket_close (socket, NULL);

  return G_SOURCE_REMOVE;
}

static gboolean
idle_connection_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  char byte;
  gssize n;

  if (g_socket_is_closed (socket) || connection_busy (socket))
    return G_SOURCE_REMOVE;

  do
    n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);

  /* The end, or a broken connection: closed once libsoup's own sources
   * have run. Otherwise the next request (or nothing after all: libsoup
   * read it first), which libsoup handles. */
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_LOW);
      g_source_set_callback (idle, close_gone_connection_cb, g_object_ref (socket), g_object_unref);
      g_source_set_static_name (idle, "[makemcp-glib] gone HTTP connection");
      g_source_attach (idle, g_main_context_get_thread_default ());
      g_source_unref (idle);
    }

  return G_SOURCE_REMOVE;
}

/* For SoupServer::request-started: a request is under way on the
 * connection of @message. */
void
mcp_http_connection_request_started (SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);

  if (socket != NULL)
    g_object_set_qdata (G_OBJECT (socket), busy_quark (), GINT_TO_POINTER (TRUE));
}

/* For SoupServer::request-finished and ::request-aborted: the response
 * of @message is done, and its connection is watched for a client that
 * goes away before its next request. */
void
mcp_http_connection_request_done (SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);
  GSource *source;

  if (socket == NULL)
    return;

  g_object_set_qdata (G_OBJECT (socket), busy_quark (), NULL);
  if (g_socket_is_closed (socket))
    return;

  source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (idle_connection_cb), NULL, NULL);
  g_source_set_static_name (source, "[makemcp-glib] idle HTTP connection");
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* Visible ASCII, space and horizontal tab: what RFC 9110 allows in a field
 * value without obsolete folding. */
gboolean
mcp_http_header_value_is_valid (const char *value)
{
  for (const guchar *p = (const guchar *)value; *p != '\0'; p++)
    {
      if (!((*p >= 0x20 && *p <= 0x7e) || *p == '\t'))
        return FALSE;
    }

  return TRUE;
}

#define SENTINEL_PREFIX "=?base64?"
#define SENTINEL_SUFFIX "?="

/* Strict RFC 4648 base64: g_base64_decode() is lenient about padding and
 * stray characters, so check the text before handing it over. */
static gboolean
base64_is_canonical (const char *text,
                     gsize       length)
{
  gsize padding = 0;

  if (length % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < length - 2)
            return FALSE;
          padding++;
        }
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }

  return padding <= 2;
}

/* Decodes an Mcp-Name or Mcp-Param-* value: the Base64 sentinel form
 * `=?base64?…?=` carries UTF-8 text; anything else is taken literally.
 * Returns FALSE for a malformed sentinel value. */
gboolean
mcp_http_decode_header_value (const char  *value,
                              char       **decoded)
{
  gsize length = strlen (value);
  gsize prefix = strlen (SENTINEL_PREFIX);
  gsize suffix = strlen (SENTINEL_SUFFIX);
  g_autofree guchar *bytes = NULL;
  gsize n_bytes = 0;

  *decoded = NULL;

  if (length < prefix + suffix ||
      !g_str_has_prefix (value, SENTINEL_PREFIX) ||
      !g_str_has_suffix (value, SENTINEL_SUFFIX))
    {
      *decoded = g_strdup (value);
      return TRUE;
    }

  if (!base64_is_canonical (value + prefix, length - prefix - suffix))
    return FALSE;

  if (length == prefix + suffix)
    {
      *decoded = g_strdup ("");
      return TRUE;
    }

  {
    g_autofree char *inner = g_strndup (value + prefix, length - prefix - suffix);

    bytes = g_base64_decode (inner, &n_bytes);
  }

  if (memchr (bytes, '\0', n_bytes) != NULL ||
      !g_utf8_validate ((const char *)bytes, n_bytes, NULL))
    return FALSE;

  *decoded = g_strndup ((const char *)bytes, n_bytes);
  return TRUE;
}

/* Compares a decoded header value with the body value it mirrors:
 * strings exactly, numbers numerically (`42.0` is `42`), booleans as
 * `true` or `false`. */
gboolean
mcp_http_header_matches_json (const char *decoded,
                              JsonNode   *value)
{
  if (mcp_json_node_is_string (value))
    return strcmp (decoded, json_node_get_string (value)) == 0;

  if (mcp_json_node_is_boolean (value))
    return strcmp (decoded, json_node_get_boolean (value) ? "true" : "false") == 0;

  if (mcp_json_node_is_integer (value))
    {
      gint64 parsed;

      if (g_ascii_string_to_signed (decoded, 10, G_MININT64, G_MAXINT64, &parsed, NULL))
        return parsed == json_node_get_int (value);
    }

  if (mcp_json_node_is_number (value))
    {
      char *end = NULL;
      double parsed;

      if (*decoded == '\0' || g_ascii_isspace (*decoded))
        return FALSE;

      errno = 0;
      parsed = g_ascii_strtod (decoded, &end);
      if (errno != 0 || end == NULL || *end != '\0')
        return FALSE;

      return parsed == mcp_json_node_get_number (value);
    }

  return FALSE;
}

gboolean
mcp_http_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
mcp_http_host_is_ip_literal (const char *host)
{
  return host != NULL && g_hostname_is_ip_address (host);
}

/* Splits an allow-list entry "host", "host:port", "[v6]" or "[v6]:port". */
static void
split_host_entry (const char  *entry,
                  char       **host,
                  int         *port)
{
  const char *colon;

  *port = -1;

  if (entry[0] == '[')
    {
      const char *close = strchr (entry, ']');

      if (close == NULL)
        {
          *host = g_strdup (entry);
          return;
        }
      *host = g_strndup (entry + 1, close - entry - 1);
      if (close[1] == ':')
        *port = (int)g_ascii_strtoll (close + 2, NULL, 10);
      return;
    }

  colon = strchr (entry, ':');
  if (colon != NULL && strchr (colon + 1, ':') == NULL)
    {
      *host = g_strndup (entry, colon - entry);
      *port = (int)g_ascii_strtoll (colon + 1, NULL, 10);
      return;
    }

  *host = g_strdup (entry);
}

/* The DNS-rebinding rule. A rebinding attack needs a host name that the
 * attacker controls, so names that cannot be rebound (`localhost` and IP
 * address literals) are always accepted, whatever the port; any other
 * name must be on the list. */
gboolean
mcp_http_check_host (const char * const *allowed,
                     GUri               *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  int port = uri != NULL ? g_uri_get_port (uri) : -1;

  if (host == NULL || *host == '\0')
    return FALSE;

  /* A loopback name is "localhost" or an address, and any address passes:
   * a rebinding attack needs a name. */
  if (g_ascii_strcasecmp (host, "localhost") == 0 || mcp_http_host_is_ip_literal (host))
    return TRUE;

  for (guint i = 0; allowed != NULL && allowed[i] != NULL; i++)
    {
      g_autofree char *entry_host = NULL;
      int entry_port;

      if (strcmp (allowed[i], "*") == 0)
        return TRUE;

      split_host_entry (allowed[i], &entry_host, &entry_port);
      if (g_ascii_strcasecmp (entry_host, host) == 0 &&
          (entry_port < 0 || entry_port == port))
        return TRUE;
    }

  return FALSE;
}

/* Origin checks: requests without an Origin (programs, not browsers) pass;
 * pages served from the loopback interface pass; other origins must be
 * listed, as `scheme://host[:port]`, or the list must hold `*`. */
gboolean
mcp_http_check_origin (const char * const *allowed,
                       const char         *origin)
{
  g_autoptr(GUri) uri = NULL;

  if (origin == NULL)
    return TRUE;

  for (guint i = 0; allowed != NULL && allowed[i] != NULL; i++)
    {
      gsize length = strlen (allowed[i]);

      if (strcmp (allowed[i], "*") == 0)
        return TRUE;

      /* Tolerate a trailing slash in the list. */
      if (length > 0 && allowed[i][length - 1] == '/')
        length--;
      if (strlen (origin) == length && g_ascii_strncasecmp (allowed[i], origin, length) == 0)
        return TRUE;
    }

  uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return FALSE;

  return mcp_http_host_is_loopback (g_uri_get_host (uri));
}

/* Tokens are compared through their SHA-256 digests, in constant time, so
 * that neither the content nor the length of the expected token leaks
 * through timing. */
GBytes *
mcp_http_digest_token (const char *token)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *)token, strlen (token));
  g_checksum_get_digest (checksum, digest, &length);

  return g_bytes_new (digest, length);
}

gboolean
mcp_http_check_bearer (GBytes     *expected_digest,
                       const char *authorization)
{
  g_autoptr(GBytes) digest = NULL;
  g_autofree char *token = NULL;
  const guint8 *a;
  const guint8 *b;
  gsize length_a;
  gsize length_b;
  guint8 difference = 0;

  if (expected_digest == NULL)
    return TRUE;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  token = g_strstrip (g_strdup (authorization + 7));
  digest = mcp_http_digest_token (token);

  a = g_bytes_get_data (expected_digest, &length_a);
  b = g_bytes_get_data (digest, &length_b);
  if (length_a != length_b)
    return FALSE;

  for (gsize i = 0; i < length_a; i++)
    difference |= a[i] ^ b[i];

  return difference == 0;
}

/* A session id: 128 bits from the operating system's CSPRNG, as 32
 * lowercase hex digits (visible ASCII, as the specification asks). */
char *
mcp_http_new_session_id (void)
{
  g_autoptr(GBytes) random = mcp_random_bytes (16);
  gsize size;
  const guint8 *bytes = g_bytes_get_data (random, &size);
  GString *id = g_string_sized_new (2 * size);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (id, "%02x", bytes[i]);

  return g_string_free (id, FALSE);
}

/* Answers @message at once with a JSON body. */
void
mcp_http_respond_json (SoupServerMessage *message,
                       guint              status,
                       JsonNode          *body)
{
  gsize length = 0;
  char *text = mcp_json_to_string (body, &length);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    text, length);
}

/* Answers @message at once with a JSON-RPC error: every rejection the
 * transport makes carries one. */
void
mcp_http_respond_error (SoupServerMessage *message,
                        guint              status,
                        JsonNode          *id,
                        int                code,
                        const char        *text)
{
  g_autoptr(JsonNode) response = mcp_jsonrpc_new_error (id, code, text, NULL);

  mcp_http_respond_json (message, status, response);
}
