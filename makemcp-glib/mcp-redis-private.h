/* mcp-redis-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * McpRedisAddress:
 *
 * Where a Redis server is and how to log in, from a `redis://` URL:
 * `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`.
 */
typedef struct
{
  char  *host;
  guint  port;
  char  *user;       /* nullable */
  char  *password;   /* nullable */
  guint  db;
} McpRedisAddress;

McpRedisAddress *mcp_redis_address_parse (const char             *url,
                                          GError                **error);
McpRedisAddress *mcp_redis_address_copy  (const McpRedisAddress  *address);
void             mcp_redis_address_free  (McpRedisAddress        *address);
char            *mcp_redis_address_describe (const McpRedisAddress *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpRedisAddress, mcp_redis_address_free)

/*
 * McpRedisReply:
 *
 * A reply of Redis, copied out of hiredis: a string (a bulk or status
 * reply), an integer, nil, or an array of replies.
 */
typedef enum
{
  MCP_REDIS_REPLY_NIL,
  MCP_REDIS_REPLY_STRING,
  MCP_REDIS_REPLY_INTEGER,
  MCP_REDIS_REPLY_ARRAY,
} McpRedisReplyType;

typedef struct _McpRedisReply McpRedisReply;

struct _McpRedisReply
{
  McpRedisReplyType  type;
  gint64             integer;
  GBytes            *string;
  GPtrArray         *elements;   /* McpRedisReply */
};

void mcp_redis_reply_free (McpRedisReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpRedisReply, mcp_redis_reply_free)

/*
 * McpRedisClient:
 *
 * One connection to Redis on the thread-default main context, through
 * hiredis' asynchronous API: it connects in the background, and again
 * after a failure with a growing delay; every command has a deadline. A
 * client in subscriber mode subscribes to its channels on every
 * connection and emits ::message for what arrives on them.
 *
 * ::connected-changed (gboolean connected, const GError *error) tells
 * when the connection is ready or lost.
 */
#define MCP_TYPE_REDIS_CLIENT (mcp_redis_client_get_type ())
G_DECLARE_FINAL_TYPE (McpRedisClient, mcp_redis_client, MCP, REDIS_CLIENT, GObject)

McpRedisClient *mcp_redis_client_new            (const McpRedisAddress *address,
                                                 guint                  timeout_ms,
                                                 const char * const    *channels);
void            mcp_redis_client_start          (McpRedisClient        *self);
void            mcp_redis_client_stop           (McpRedisClient        *self);
gboolean        mcp_redis_client_is_connected   (McpRedisClient        *self);
void            mcp_redis_client_reconnect      (McpRedisClient        *self,
                                                 const char            *reason);
void            mcp_redis_client_command_async  (McpRedisClient        *self,
                                                 guint                  argc,
                                                 const char * const    *argv,
                                                 const gsize           *argvlen,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
McpRedisReply  *mcp_redis_client_command_finish (McpRedisClient        *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

G_END_DECLS
