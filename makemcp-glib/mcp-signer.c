/* mcp-signer.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-signer-private.h"

#define KEY_SIZE 32

typedef struct
{
  GBytes *key;
  gint64  valid_until;  /* monotonic µs; G_MAXINT64 for the current key */
} Key;

struct _McpSigner
{
  GArray *keys;         /* Key, the current one first */
};

static void
key_clear (gpointer data)
{
  Key *key = data;

  g_clear_pointer (&key->key, g_bytes_unref);
}

/* @size bytes from the operating system's CSPRNG; aborts when there is
 * none, as nothing secure can be done without. */
GBytes *
mcp_random_bytes (gsize size)
{
  guint8 *buffer = g_malloc (size);
  gsize filled = 0;

  while (filled < size)
    {
      ssize_t n = getrandom (buffer + filled, size - filled, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      filled += (gsize)n;
    }

  return g_bytes_new_take (buffer, size);
}

McpSigner *
mcp_signer_new (void)
{
  McpSigner *self = g_new0 (McpSigner, 1);
  Key key = { mcp_random_bytes (KEY_SIZE), G_MAXINT64 };

  self->keys = g_array_new (FALSE, TRUE, sizeof (Key));
  g_array_set_clear_func (self->keys, key_clear);
  g_array_append_val (self->keys, key);

  return self;
}

void
mcp_signer_free (McpSigner *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->keys, g_array_unref);
  g_free (self);
}

/* Makes @key the signing key; the previous one still verifies for
 * @grace_seconds. */
void
mcp_signer_set_key (McpSigner *self,
                    GBytes    *key,
                    guint      grace_seconds)
{
  Key new_key = { g_bytes_ref (key), G_MAXINT64 };
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->keys->len; i++)
    {
      Key *old = &g_array_index (self->keys, Key, i);

      if (old->valid_until == G_MAXINT64)
        old->valid_until = now + (gint64)grace_seconds * G_USEC_PER_SEC;
    }

  /* Drop keys past their grace period, and older copies of the new key. */
  for (guint i = self->keys->len; i > 0; i--)
    {
      Key *old = &g_array_index (self->keys, Key, i - 1);

      if (old->valid_until <= now || g_bytes_equal (old->key, key))
        g_array_remove_index (self->keys, i - 1);
    }

  g_array_prepend_val (self->keys, new_key);
}

static char *
base64url_encode (const guchar *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize end = strlen (text);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  while (end > 0 && text[end - 1] == '=')
    text[--end] = '\0';

  return text;
}

static guchar *
base64url_decode (const char *text,
                  gsize       length,
                  gsize      *out_length)
{
  g_autoptr(GString) standard = g_string_sized_new (length + 4);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      g_string_append_c (standard, c);
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  return g_base64_decode (standard->str, out_length);
}

static char *
signature (GBytes     *key,
           const char *purpose,
           const char *payload)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  gsize key_length;
  const guchar *key_data = g_bytes_get_data (key, &key_length);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key_data, key_length);
  g_hmac_update (hmac, (const guchar *)purpose, -1);
  g_hmac_update (hmac, (const guchar *)".", 1);
  g_hmac_update (hmac, (const guchar *)payload, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return base64url_encode (digest, digest_length);
}

/* Compares in time independent of where the strings differ. */
static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize length_a = strlen (a);
  gsize length_b = strlen (b);
  guchar difference = length_a != length_b;

  for (gsize i = 0; i < length_a && i < length_b; i++)
    difference |= (guchar)a[i] ^ (guchar)b[i];

  return difference == 0;
}

/* An unguessable identifier: @n_bytes from the CSPRNG, base64url. */
char *
mcp_random_token (gsize n_bytes)
{
  g_autoptr(GBytes) bytes = mcp_random_bytes (n_bytes);
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return base64url_encode (data, size);
}

char *
mcp_signer_sign (McpSigner  *self,
                 const char *purpose,
                 JsonObject *payload,
                 guint       ttl_seconds)
{
  g_autofree char *json = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *mac = NULL;

  /* "x": the expiry in milliseconds since the epoch; none for 0 */
  if (ttl_seconds > 0)
    json_object_set_int_member (payload, "x",
                                g_get_real_time () / 1000 + (gint64)ttl_seconds * 1000);
  json = mcp_json_object_to_string (payload);
  encoded = base64url_encode ((const guchar *)json, strlen (json));
  mac = signature (g_array_index (self->keys, Key, 0).key, purpose, encoded);

  return g_strconcat (encoded, ".", mac, NULL);
}

JsonObject *
mcp_signer_verify (McpSigner   *self,
                   const char  *purpose,
                   const char  *token,
                   GError     **error)
{
  const char *dot = strchr (token, '.');
  g_autofree char *encoded = NULL;
  g_autofree guchar *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize json_length = 0;
  gboolean valid = FALSE;
  gint64 now = g_get_monotonic_time ();
  JsonNode *expiry;

  if (dot == NULL)
    goto invalid;

  encoded = g_strndup (token, dot - token);
  for (guint i = 0; i < self->keys->len && !valid; i++)
    {
      Key *key = &g_array_index (self->keys, Key, i);
      g_autofree char *mac = NULL;

      if (key->valid_until <= now)
        continue;
      mac = signature (key->key, purpose, encoded);
      valid = constant_time_equal (mac, dot + 1);
    }
  if (!valid)
    goto invalid;

  json = base64url_decode (encoded, strlen (encoded), &json_length);
  if (json == NULL)
    goto invalid;
  node = mcp_json_parse ((const char *)json, json_length, 64, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;

  expiry = json_object_get_member (json_node_get_object (node), "x");
  if (expiry != NULL && !mcp_json_node_is_integer (expiry))
    goto invalid;
  if (expiry != NULL && json_node_get_int (expiry) < g_get_real_time () / 1000)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "expired");
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));

invalid:
  g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "integrity check failed");
  return NULL;
}

static void canonical_append (GString  *out,
                              JsonNode *node);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
canonical_append_object (GString            *out,
                         JsonObject         *object,
                         const char * const *skip)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (skip == NULL || !g_strv_contains (skip, name))
      g_ptr_array_add (names, (gpointer)name);
  g_ptr_array_sort (names, compare_names);

  g_string_append_c (out, '{');
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(JsonNode) key = json_node_new (JSON_NODE_VALUE);
      g_autofree char *key_text = NULL;

      json_node_set_string (key, g_ptr_array_index (names, i));
      key_text = json_to_string (key, FALSE);
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append (out, key_text);
      g_string_append_c (out, ':');
      canonical_append (out, json_object_get_member (object, g_ptr_array_index (names, i)));
    }
  g_string_append_c (out, '}');
}

static void
canonical_append (GString  *out,
                  JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    canonical_append_object (out, json_node_get_object (node), NULL);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          canonical_append (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

/* A SHA-256 of @object with its members sorted, leaving out @skip: the
 * same for the same parameters whatever order a client sends them in. */
char *
mcp_json_digest (JsonObject         *object,
                 const char * const *skip)
{
  g_autoptr(GString) canonical = g_string_new (NULL);

  canonical_append_object (canonical, object, skip);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
}
