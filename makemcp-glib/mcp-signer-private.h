/* mcp-signer-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * McpSigner:
 *
 * Integrity protection for what the server hands to clients and must get
 * back unchanged: MRTR requestState and signed handles. A token is
 * base64url(payload) "." base64url(HMAC-SHA256(key, purpose "." payload));
 * the payload is JSON with an expiry. Keys rotate: the previous keys stay
 * valid for verification until their grace period ends.
 */
typedef struct _McpSigner McpSigner;

McpSigner  *mcp_signer_new         (void);
void        mcp_signer_free        (McpSigner   *self);
void        mcp_signer_set_key     (McpSigner   *self,
                                    GBytes      *key,
                                    guint        grace_seconds);
char       *mcp_signer_sign        (McpSigner   *self,
                                    const char  *purpose,
                                    JsonObject  *payload,
                                    guint        ttl_seconds);
JsonObject *mcp_signer_verify      (McpSigner   *self,
                                    const char  *purpose,
                                    const char  *token,
                                    GError     **error);
GBytes     *mcp_random_bytes       (gsize        size);
char       *mcp_random_token       (gsize        n_bytes);
char       *mcp_json_digest        (JsonObject  *object,
                                    const char * const *skip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpSigner, mcp_signer_free)

G_END_DECLS
