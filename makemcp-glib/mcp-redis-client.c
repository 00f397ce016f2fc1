/* mcp-redis-client.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include "mcp-redis-private.h"

/* A connection to Redis on the GLib main loop, through hiredis 0.14.
 *
 * hiredis does the protocol and the socket; this file gives it a GSource
 * (hiredis' own GLib adapter, adapters/glib.h, with one fix: it reads the
 * context after a write that may have freed it), and adds what hiredis
 * 0.14 lacks: connecting again after a failure, with a growing delay, and
 * deadlines. hiredis has no timeouts for asynchronous commands; here a
 * watchdog fails a connection attempt or a command that takes longer
 * than the client's timeout, and drops the connection, whose other
 * commands then fail too: a Redis server that stopped answering (paused,
 * or behind a broken network) never makes a caller wait for ever.
 *
 * While connecting, commands wait (at most the timeout); once a
 * connection attempt failed, they fail at once with the reason until the
 * next attempt succeeds, so that callers get a clear error instead of a
 * wait while Redis is away.
 *
 * hiredis calls back from inside its own functions, and frees its context
 * itself when the connection fails: the context is never freed from its
 * connect or disconnect callbacks, ac->data is cleared before this side
 * lets go of a context, and commands carry a completed flag so that the
 * NULL replies hiredis hands out while freeing are ignored. */

#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000

/* Address */

McpRedisAddress *
mcp_redis_address_parse (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(McpRedisAddress) address = g_new0 (McpRedisAddress, 1);
  const char *scheme;
  const char *path;
  g_autofree char *shown = NULL;

  /* The messages never show the URL itself: it may hold a password. */
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Not a Redis URL (redis://[[USER]:PASSWORD@]HOST[:PORT][/DB])");
      return NULL;
    }
  shown = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "rediss") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Redis over TLS (rediss://) is not supported: use redis:// on a "
                           "trusted network, or a TLS tunnel");
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "redis") != 0 || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Not a Redis URL (redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]): %s", shown);
      return NULL;
    }

  address->host = g_strdup (g_uri_get_host (uri));
  address->port = g_uri_get_port (uri) > 0 ? (guint)g_uri_get_port (uri) : 6379;
  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    address->user = g_strdup (g_uri_get_user (uri));
  if (g_uri_get_password (uri) != NULL)
    address->password = g_strdup (g_uri_get_password (uri));

  path = g_uri_get_path (uri);
  if (path != NULL && *path == '/')
    path++;
  if (path != NULL && *path != '\0')
    {
      guint64 db;

      if (!g_ascii_string_to_unsigned (path, 10, 0, 1024, &db, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "The database of a Redis URL is a number: %s", shown);
          return NULL;
        }
      address->db = (guint)db;
    }

  return g_steal_pointer (&address);
}

McpRedisAddress *
mcp_redis_address_copy (const McpRedisAddress *address)
{
  McpRedisAddress *copy = g_new0 (McpRedisAddress, 1);

  copy->host = g_strdup (address->host);
  copy->port = address->port;
  copy->user = g_strdup (address->user);
  copy->password = g_strdup (address->password);
  copy->db = address->db;

  return copy;
}

void
mcp_redis_address_free (McpRedisAddress *address)
{
  if (address == NULL)
    return;

  g_free (address->host);
  g_free (address->user);
  if (address->password != NULL)
    memset (address->password, 0, strlen (address->password));
  g_free (address->password);
  g_free (address);
}

/* host:port, for messages (never the password) */
char *
mcp_redis_address_describe (const McpRedisAddress *address)
{
  if (strchr (address->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", address->host, address->port);
  return g_strdup_printf ("%s:%u", address->host, address->port);
}

/* Replies */

void
mcp_redis_reply_free (McpRedisReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->string, g_bytes_unref);
  g_clear_pointer (&reply->elements, g_ptr_array_unref);
  g_free (reply);
}

static McpRedisReply *
reply_copy (redisReply *reply)
{
  McpRedisReply *copy = g_new0 (McpRedisReply, 1);

  switch (reply->type)
    {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      copy->type = MCP_REDIS_REPLY_STRING;
      copy->string = g_bytes_new (reply->str, reply->len);
      break;

    case REDIS_REPLY_INTEGER:
      copy->type = MCP_REDIS_REPLY_INTEGER;
      copy->integer = reply->integer;
      break;

    case REDIS_REPLY_ARRAY:
      copy->type = MCP_REDIS_REPLY_ARRAY;
      copy->elements = g_ptr_array_new_full (reply->elements, (GDestroyNotify)mcp_redis_reply_free);
      for (size_t i = 0; i < reply->elements; i++)
        g_ptr_array_add (copy->elements, reply_copy (reply->element[i]));
      break;

    case REDIS_REPLY_NIL:
    default:
      copy->type = MCP_REDIS_REPLY_NIL;
      break;
    }

  return copy;
}

/* The GSource: hiredis' adapters/glib.h, made safe against a context that
 * a write freed before the read. The source belongs to the context: its
 * cleanup hook destroys it. */

typedef struct
{
  GSource            source;
  redisAsyncContext *ac;
  GPollFD            poll_fd;
} RedisSource;

static void
redis_source_set_events (gpointer data,
                         gushort  add,
                         gushort  remove)
{
  RedisSource *source = data;

  source->poll_fd.events = (source->poll_fd.events | add) & ~remove;
  g_main_context_wakeup (g_source_get_context ((GSource *)source));
}

static void
redis_source_add_read (gpointer data)
{
  redis_source_set_events (data, G_IO_IN, 0);
}

static void
redis_source_del_read (gpointer data)
{
  redis_source_set_events (data, 0, G_IO_IN);
}

static void
redis_source_add_write (gpointer data)
{
  redis_source_set_events (data, G_IO_OUT, 0);
}

static void
redis_source_del_write (gpointer data)
{
  redis_source_set_events (data, 0, G_IO_OUT);
}

/* hiredis lets go of the context: the source goes with it. */
static void
redis_source_cleanup (gpointer data)
{
  RedisSource *source = data;

  source->ac = NULL;
  source->poll_fd.events = 0;
  if (source->poll_fd.fd >= 0)
    {
      g_source_remove_poll ((GSource *)source, &source->poll_fd);
      source->poll_fd.fd = -1;
    }
  g_source_destroy ((GSource *)source);
  g_source_unref ((GSource *)source);
}

static gboolean
redis_source_prepare (GSource *source,
                      gint    *timeout)
{
  RedisSource *redis = (RedisSource *)source;

  *timeout = -1;
  return (redis->poll_fd.events & redis->poll_fd.revents) != 0;
}

static gboolean
redis_source_check (GSource *source)
{
  RedisSource *redis = (RedisSource *)source;

  return (redis->poll_fd.revents & redis->poll_fd.events) != 0 ||
         (redis->poll_fd.events != 0 && (redis->poll_fd.revents & (G_IO_ERR | G_IO_HUP)) != 0);
}

static gboolean
redis_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  RedisSource *redis = (RedisSource *)source;
  gushort revents = redis->poll_fd.revents;
  gushort events = redis->poll_fd.events;

  redis->poll_fd.revents = 0;

  /* An error or a hang-up: whatever hiredis waits for, it learns it. */
  if (redis->ac != NULL && (revents & (G_IO_ERR | G_IO_HUP)) != 0)
    revents |= events;

  if (redis->ac != NULL && (revents & G_IO_OUT) != 0)
    redisAsyncHandleWrite (redis->ac);
  if (redis->ac != NULL && (revents & G_IO_IN) != 0)
    redisAsyncHandleRead (redis->ac);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs redis_source_funcs = {
  redis_source_prepare,
  redis_source_check,
  redis_source_dispatch,
  NULL,
  NULL,
  NULL,
};

static void
redis_source_attach (redisAsyncContext *ac,
                     GMainContext      *context)
{
  RedisSource *source = (RedisSource *)g_source_new (&redis_source_funcs, sizeof (RedisSource));

  g_source_set_static_name ((GSource *)source, "[makemcp-glib] Redis connection");
  source->ac = ac;
  source->poll_fd.fd = ac->c.fd;
  source->poll_fd.events = 0;
  g_source_add_poll ((GSource *)source, &source->poll_fd);

  ac->ev.addRead = redis_source_add_read;
  ac->ev.delRead = redis_source_del_read;
  ac->ev.addWrite = redis_source_add_write;
  ac->ev.delWrite = redis_source_del_write;
  ac->ev.cleanup = redis_source_cleanup;
  ac->ev.data = source;   /* the reference the cleanup hook drops */

  g_source_attach ((GSource *)source, context);
}

/* The client */

typedef enum
{
  STATE_IDLE,
  STATE_CONNECTING,   /* a connection attempt (and the handshake) under way */
  STATE_READY,
  STATE_BACKOFF,      /* the last attempt failed; the next one waits */
  STATE_STOPPED,
} State;

typedef struct _Command Command;
typedef void (*CommandFunc) (McpRedisClient *self,
                             redisReply     *reply);

struct _Command
{
  GTask       *task;       /* NULL once completed, or internal */
  CommandFunc  func;       /* internal commands: the handshake */
  gint64       deadline;   /* monotonic µs */
  guint        argc;
  char       **argv;       /* copies, while the command waits */
  gsize       *argvlen;
  guint        done : 1;
};

struct _McpRedisClient
{
  GObject             parent_instance;

  McpRedisAddress    *address;
  char               *description;
  char               *role;
  guint               timeout_ms;
  GStrv               channels;      /* a subscriber's; NULL for commands */
  GMainContext       *context;

  State               state;
  redisAsyncContext  *ac;
  guint               connection;    /* counts connections, for drop_later_cb() */
  GQueue              pending;       /* Command: waiting for the connection */
  GQueue              in_flight;     /* Command: sent, in order */
  gint64              connect_deadline;
  guint               handshake_left;
  guint               backoff_ms;
  GSource            *backoff_source;
  GSource            *watchdog_source;
  GCancellable       *resolving;
  GPtrArray          *addresses;     /* char*: the host's other addresses, not tried yet */
  GError             *last_error;
  guint               was_ready : 1;
  guint               outage_reported : 1;
};

enum {
  MESSAGE,
  CONNECTED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McpRedisClient, mcp_redis_client, G_TYPE_OBJECT)

static void client_connect      (McpRedisClient *self);
static gboolean client_connect_next (McpRedisClient *self);
static void client_watch        (McpRedisClient *self);
static void client_send_command (McpRedisClient *self,
                                 Command        *command,
                                 guint           argc,
                                 const char    **argv,
                                 const gsize    *argvlen);

/* Timers run on the client's main context, as its connection does. */
static GSource *
client_add_timeout (McpRedisClient *self,
                    guint           ms,
                    GSourceFunc     func)
{
  GSource *source = ms > 0 ? g_timeout_source_new (ms) : g_idle_source_new ();

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
command_free (Command *command)
{
  g_clear_object (&command->task);
  if (command->argv != NULL)
    {
      for (guint i = 0; i < command->argc; i++)
        g_free (command->argv[i]);
      g_free (command->argv);
    }
  g_free (command->argvlen);
  g_free (command);
}

/* Completes @command with @error (taken) unless it is done. */
static void
command_fail (Command *command,
              GError  *error)
{
  if (!command->done && command->task != NULL)
    {
      command->done = TRUE;
      g_task_return_error (command->task, error);
      return;
    }

  command->done = TRUE;
  g_error_free (error);
}

static gint64
client_deadline (McpRedisClient *self)
{
  return g_get_monotonic_time () + (gint64)self->timeout_ms * 1000;
}

static void
client_set_ready (McpRedisClient *self,
                  gboolean        ready,
                  const GError   *error)
{
  if (ready)
    {
      if (self->outage_reported)
        g_message ("Redis at %s is back (%s)", self->description, self->role);
      else
        g_debug ("Connected to Redis at %s (%s)", self->description, self->role);
      self->outage_reported = FALSE;
      self->was_ready = TRUE;
    }
  else if (!self->outage_reported)
    {
      g_warning ("Redis at %s is unreachable (%s): %s; trying again", self->description,
                 self->role, error->message);
      self->outage_reported = TRUE;
    }
  else
    g_debug ("Redis at %s is still unreachable (%s): %s", self->description, self->role,
             error->message);

  g_signal_emit (self, signals[CONNECTED_CHANGED], 0, ready, error);
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  g_autoptr(McpRedisClient) self = g_object_ref (user_data);

  g_clear_pointer (&self->backoff_source, g_source_unref);
  client_connect (self);
  return G_SOURCE_REMOVE;
}

/* The connection is lost or could not be made: everything under way
 * fails with @error (taken), and a new attempt waits. hiredis' context is
 * freed here only when @free_context, never from its connect and
 * disconnect callbacks (which free it themselves afterwards). */
static void
client_drop (McpRedisClient *self,
             GError         *error,
             gboolean        free_context)
{
  redisAsyncContext *ac = g_steal_pointer (&self->ac);
  gboolean stopped = self->state == STATE_STOPPED;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  Command *command;

  /* The state is settled before anyone hears of it: callers may call
   * back in. Commands hiredis holds are freed when it calls back. */
  while ((command = g_queue_pop_head (&self->in_flight)) != NULL)
    {
      command->done = TRUE;
      if (command->task != NULL)
        g_ptr_array_add (tasks, g_steal_pointer (&command->task));
    }
  while ((command = g_queue_pop_head (&self->pending)) != NULL)
    {
      if (command->task != NULL)
        g_ptr_array_add (tasks, g_steal_pointer (&command->task));
      command_free (command);
    }

  g_cancellable_cancel (self->resolving);
  g_clear_object (&self->resolving);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  if (ac != NULL)
    {
      ac->data = NULL;
      if (free_context)
        redisAsyncFree (ac);
    }

  g_clear_error (&self->last_error);
  self->last_error = error;

  if (!stopped)
    {
      guint delay = self->backoff_ms + g_random_int_range (0, (gint32)self->backoff_ms / 4 + 1);

      self->state = STATE_BACKOFF;
      self->backoff_ms = MIN (self->backoff_ms * 2, BACKOFF_MAX_MS);
      clear_source (&self->backoff_source);
      self->backoff_source = client_add_timeout (self, delay, backoff_done_cb);
    }

  g_object_ref (self);
  for (guint i = 0; i < tasks->len; i++)
    {
      /* Every error a caller sees says it is about Redis, and which. */
      if (strstr (error->message, "Redis") != NULL)
        g_task_return_error (g_ptr_array_index (tasks, i), g_error_copy (error));
      else
        g_task_return_new_error (g_ptr_array_index (tasks, i), error->domain, error->code,
                                 "Redis at %s is unreachable: %s", self->description,
                                 error->message);
    }
  if (!stopped)
    client_set_ready (self, FALSE, error);
  g_object_unref (self);
}

static void
client_ready (McpRedisClient *self)
{
  /* The callback of a command that fails here may stop the client, or
   * let go of it. */
  g_autoptr(McpRedisClient) hold G_GNUC_UNUSED = g_object_ref (self);
  Command *command;

  self->state = STATE_READY;
  self->backoff_ms = BACKOFF_MIN_MS;
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_error (&self->last_error);

  /* What waited goes out now, in order. */
  while ((command = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_autofree char **argv = command->argv;
      g_autofree gsize *argvlen = command->argvlen;
      guint argc = command->argc;

      command->argv = NULL;
      command->argvlen = NULL;
      client_send_command (self, command, argc, (const char **)argv, argvlen);
      for (guint i = 0; i < argc; i++)
        g_free (argv[i]);
      if (self->state != STATE_READY)
        break;
    }

  /* Unless a callback stopped the client or made it connect again */
  if (self->state == STATE_READY)
    client_set_ready (self, TRUE, NULL);
}

static void
command_cb (redisAsyncContext *ac,
            void              *r,
            void              *privdata)
{
  McpRedisClient *self = ac->data;
  Command *command = privdata;
  redisReply *reply = r;

  if (self != NULL)
    g_queue_remove (&self->in_flight, command);

  if (command->done)
    {
      command_free (command);
      return;
    }

  if (command->func != NULL)
    {
      command->done = TRUE;
      if (self != NULL)
        command->func (self, reply);
    }
  else if (reply == NULL)
    command_fail (command, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                        "The connection to Redis was lost: %s",
                                        ac->errstr != NULL && ac->errstr[0] != '\0' ? ac->errstr
                                                                                    : "closed"));
  else if (reply->type == REDIS_REPLY_ERROR)
    command_fail (command, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "Redis: %s", reply->str));
  else
    {
      command->done = TRUE;
      g_task_return_pointer (command->task, reply_copy (reply),
                             (GDestroyNotify)mcp_redis_reply_free);
    }

  command_free (command);
}

typedef struct
{
  McpRedisClient *client;
  guint           connection;   /* the one to drop */
} DropLater;

static void
drop_later_free (DropLater *data)
{
  g_object_unref (data->client);
  g_free (data);
}

static gboolean
drop_later_cb (gpointer user_data)
{
  DropLater *data = user_data;
  McpRedisClient *self = data->client;

  /* Unless the client connected again meanwhile: the new connection is
   * sound. (A count, not the hiredis context, which a new one may
   * replace at the same address.) */
  if ((self->state == STATE_READY || self->state == STATE_CONNECTING) &&
      self->connection == data->connection)
    client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                    "The connection to Redis at %s broke", self->description),
                 TRUE);
  return G_SOURCE_REMOVE;
}

static void
client_send_command (McpRedisClient  *self,
                     Command         *command,
                     guint            argc,
                     const char     **argv,
                     const gsize     *argvlen)
{
  command->deadline = client_deadline (self);
  if (redisAsyncCommandArgv (self->ac, command_cb, command, (int)argc, argv, argvlen) != REDIS_OK)
    {
      /* hiredis is letting go of the connection; the connection is
       * dropped from the main loop, not from inside hiredis. */
      command_fail (command, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                          "The connection to Redis at %s broke",
                                          self->description));
      command_free (command);
      {
        GSource *idle = g_idle_source_new ();
        DropLater *data = g_new0 (DropLater, 1);

        data->client = g_object_ref (self);
        data->connection = self->connection;
        g_source_set_callback (idle, drop_later_cb, data, (GDestroyNotify)drop_later_free);
        g_source_attach (idle, self->context);
        g_source_unref (idle);
      }
      return;
    }

  g_queue_push_tail (&self->in_flight, command);
  client_watch (self);
}

static void
client_send_internal (McpRedisClient  *self,
                      CommandFunc      func,
                      guint            argc,
                      const char     **argv)
{
  Command *command = g_new0 (Command, 1);

  command->func = func;
  client_send_command (self, command, argc, argv, NULL);
}

/* The watchdog */

static gboolean
watchdog_cb (gpointer user_data)
{
  g_autoptr(McpRedisClient) self = g_object_ref (user_data);
  gint64 now = g_get_monotonic_time ();
  Command *command;

  if (self->state == STATE_CONNECTING && now > self->connect_deadline)
    {
      client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                      "No answer within %u ms", self->timeout_ms),
                   TRUE);
    }
  else if ((command = g_queue_peek_head (&self->in_flight)) != NULL && now > command->deadline)
    {
      /* Redis stopped answering: the connection is no good. */
      client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                      "Redis at %s did not answer within %u ms",
                                      self->description, self->timeout_ms),
                   TRUE);
    }

  /* Commands that waited for a connection too long */
  while ((command = g_queue_peek_head (&self->pending)) != NULL && now > command->deadline)
    {
      g_queue_pop_head (&self->pending);
      command_fail (command, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                          "Redis at %s could not be reached within %u ms",
                                          self->description, self->timeout_ms));
      command_free (command);
    }

  if (self->watchdog_source == NULL)
    return G_SOURCE_REMOVE;     /* stopped meanwhile */

  if (self->state != STATE_CONNECTING && self->in_flight.length == 0 && self->pending.length == 0)
    {
      g_clear_pointer (&self->watchdog_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
client_watch (McpRedisClient *self)
{
  if (self->watchdog_source == NULL)
    self->watchdog_source = client_add_timeout (self, CLAMP (self->timeout_ms / 4, 10, 250),
                                                watchdog_cb);
}

/* Connecting */

static void
handshake_cb (McpRedisClient *self,
              redisReply     *reply)
{
  g_autoptr(McpRedisClient) hold G_GNUC_UNUSED = NULL;

  /* A lost connection is reported by hiredis' other callbacks. */
  if (self->state != STATE_CONNECTING || reply == NULL)
    return;

  /* Whoever hears of the outcome may let go of the client. */
  hold = g_object_ref (self);

  if (reply->type == REDIS_REPLY_ERROR)
    {
      /* Inside hiredis' callback: it frees the context afterwards. */
      client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "%s", reply->str),
                   TRUE);
      return;
    }

  if (--self->handshake_left == 0)
    client_ready (self);
}

/* What arrives for a subscriber: confirmations, then messages. */
static void
message_cb (redisAsyncContext *ac,
            void              *r,
            void              *privdata)
{
  McpRedisClient *self = ac->data;
  redisReply *reply = r;
  const char *kind;

  if (self == NULL || reply == NULL || reply->type != REDIS_REPLY_ARRAY || reply->elements < 3 ||
      reply->element[0]->type != REDIS_REPLY_STRING)
    return;

  kind = reply->element[0]->str;
  if (g_ascii_strcasecmp (kind, "subscribe") == 0)
    {
      if (self->state == STATE_CONNECTING && --self->handshake_left == 0)
        client_ready (self);
    }
  else if (g_ascii_strcasecmp (kind, "message") == 0 &&
           reply->element[1]->type == REDIS_REPLY_STRING &&
           reply->element[2]->type == REDIS_REPLY_STRING)
    {
      g_autoptr(GBytes) payload = g_bytes_new (reply->element[2]->str, reply->element[2]->len);

      g_signal_emit (self, signals[MESSAGE], 0, reply->element[1]->str, payload);
    }
}

static void
connect_cb (const redisAsyncContext *ac,
            int                      status)
{
  McpRedisClient *self = ac->data;

  if (self == NULL)
    return;

  if (status != REDIS_OK)
    {
      /* hiredis frees the context when this returns. */
      ((redisAsyncContext *)ac)->data = NULL;
      self->ac = NULL;
      if (client_connect_next (self))
        return;
      client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "%s",
                                      ac->errstr[0] != '\0' ? ac->errstr : "cannot connect"),
                   FALSE);
      return;
    }

  redisEnableKeepAlive ((redisContext *)&ac->c);
}

static void
disconnect_cb (const redisAsyncContext *ac,
               int                      status)
{
  McpRedisClient *self = ac->data;

  if (self == NULL)
    return;

  /* hiredis frees the context when this returns. */
  ((redisAsyncContext *)ac)->data = NULL;
  self->ac = NULL;
  client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                  "The connection to Redis at %s was lost: %s", self->description,
                                  ac->errstr[0] != '\0' ? ac->errstr : "closed"),
               FALSE);
}

static void
client_connect_to (McpRedisClient *self,
                   const char     *ip)
{
  redisAsyncContext *ac = redisAsyncConnect (ip, (int)self->address->port);
  g_autofree char *db = g_strdup_printf ("%u", self->address->db);

  if (ac == NULL || ac->err != 0)
    {
      GError *error = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "%s",
                                   ac != NULL ? ac->errstr : "out of memory");

      if (ac != NULL)
        redisAsyncFree (ac);
      if (client_connect_next (self))
        {
          g_error_free (error);
          return;
        }
      client_drop (self, error, FALSE);
      return;
    }

  self->ac = ac;
  self->connection++;
  ac->data = self;
  redis_source_attach (ac, self->context);
  redisAsyncSetConnectCallback (ac, connect_cb);
  redisAsyncSetDisconnectCallback (ac, disconnect_cb);

  /* The handshake goes out with the connection: log in, choose the
   * database, and make sure Redis answers (or subscribe). */
  self->handshake_left = 0;
  if (self->address->password != NULL)
    {
      if (self->address->user != NULL)
        {
          const char *argv[] = { "AUTH", self->address->user, self->address->password };
          client_send_internal (self, handshake_cb, 3, argv);
        }
      else
        {
          const char *argv[] = { "AUTH", self->address->password };
          client_send_internal (self, handshake_cb, 2, argv);
        }
      self->handshake_left++;
    }
  if (self->address->db != 0 && self->ac != NULL)
    {
      const char *argv[] = { "SELECT", db };
      client_send_internal (self, handshake_cb, 2, argv);
      self->handshake_left++;
    }

  if (self->ac == NULL)
    return;

  if (self->channels != NULL)
    {
      guint n = g_strv_length (self->channels);
      g_autofree const char **argv = g_new0 (const char *, n + 1);

      argv[0] = "SUBSCRIBE";
      for (guint i = 0; i < n; i++)
        argv[i + 1] = self->channels[i];
      if (redisAsyncCommandArgv (ac, message_cb, NULL, (int)n + 1, argv, NULL) != REDIS_OK)
        {
          /* Not inside a callback of this context: it is freed here,
           * with its source. */
          client_drop (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                  "Subscribing failed"), TRUE);
          return;
        }
      self->handshake_left += n;
    }
  else
    {
      const char *argv[] = { "PING" };
      client_send_internal (self, handshake_cb, 1, argv);
      self->handshake_left++;
    }
}

/* Connecting to an address of the host failed: the next one, if there is
 * one, is tried at once (a name may resolve to ::1 first, and Redis
 * listen on 127.0.0.1 only). Returns FALSE when none is left. */
static gboolean
client_connect_next (McpRedisClient *self)
{
  g_autofree char *ip = NULL;
  Command *command;

  if (self->state != STATE_CONNECTING || self->addresses == NULL || self->addresses->len == 0)
    return FALSE;

  /* The handshake went with the last connection; hiredis frees its
   * commands. */
  while ((command = g_queue_pop_head (&self->in_flight)) != NULL)
    command->done = TRUE;

  ip = g_ptr_array_steal_index (self->addresses, 0);
  g_debug ("Connecting to Redis at %s (%s): trying %s", self->description, self->role, ip);
  self->connect_deadline = client_deadline (self);
  client_connect_to (self, ip);
  return TRUE;
}

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(McpRedisClient) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  g_autofree char *ip = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->state != STATE_CONNECTING)
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  g_clear_object (&self->resolving);

  if (addresses == NULL)
    {
      client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND, "%s", error->message),
                   FALSE);
      return;
    }

  ip = g_inet_address_to_string (addresses->data);
  self->addresses = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = addresses->next; l != NULL; l = l->next)
    g_ptr_array_add (self->addresses, g_inet_address_to_string (l->data));
  g_resolver_free_addresses (addresses);
  client_connect_to (self, ip);
}

static void
client_connect (McpRedisClient *self)
{
  g_autoptr(GInetAddress) literal = NULL;
  g_autoptr(GResolver) resolver = NULL;

  if (self->state == STATE_STOPPED || self->state == STATE_CONNECTING || self->state == STATE_READY)
    return;

  self->state = STATE_CONNECTING;
  self->connect_deadline = client_deadline (self);
  client_watch (self);

  /* hiredis would resolve a name itself, blocking: GResolver does not. */
  literal = g_inet_address_new_from_string (self->address->host);
  if (literal != NULL)
    {
      client_connect_to (self, self->address->host);
      return;
    }

  self->resolving = g_cancellable_new ();
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, self->address->host, self->resolving, resolved_cb,
                                   g_object_ref (self));
}

/* The object */

static void
mcp_redis_client_dispose (GObject *object)
{
  McpRedisClient *self = MCP_REDIS_CLIENT (object);

  mcp_redis_client_stop (self);

  G_OBJECT_CLASS (mcp_redis_client_parent_class)->dispose (object);
}

static void
mcp_redis_client_finalize (GObject *object)
{
  McpRedisClient *self = MCP_REDIS_CLIENT (object);

  g_clear_pointer (&self->address, mcp_redis_address_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->channels, g_strfreev);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->last_error);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (mcp_redis_client_parent_class)->finalize (object);
}

static void
mcp_redis_client_class_init (McpRedisClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_redis_client_dispose;
  object_class->finalize = mcp_redis_client_finalize;

  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BYTES);
  signals[CONNECTED_CHANGED] =
    g_signal_new ("connected-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
mcp_redis_client_init (McpRedisClient *self)
{
  g_queue_init (&self->pending);
  g_queue_init (&self->in_flight);
  self->backoff_ms = BACKOFF_MIN_MS;
}

McpRedisClient *
mcp_redis_client_new (const McpRedisAddress *address,
                      guint                  timeout_ms,
                      const char * const    *channels)
{
  McpRedisClient *self = g_object_new (MCP_TYPE_REDIS_CLIENT, NULL);

  self->address = mcp_redis_address_copy (address);
  self->description = mcp_redis_address_describe (address);
  self->role = g_strdup (channels != NULL ? "events" : "commands");
  self->timeout_ms = MAX (timeout_ms, 10);
  self->channels = channels != NULL ? g_strdupv ((char **)channels) : NULL;
  self->context = g_main_context_ref_thread_default ();

  return self;
}

void
mcp_redis_client_start (McpRedisClient *self)
{
  if (self->state == STATE_IDLE)
    {
      self->state = STATE_BACKOFF;
      client_connect (self);
    }
}

/* Lets go of the connection for good; what is under way fails. */
void
mcp_redis_client_stop (McpRedisClient *self)
{
  if (self->state == STATE_STOPPED)
    return;

  self->state = STATE_STOPPED;
  clear_source (&self->backoff_source);
  clear_source (&self->watchdog_source);
  client_drop (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                          "The connection to Redis was closed"),
               TRUE);
}

gboolean
mcp_redis_client_is_connected (McpRedisClient *self)
{
  return self->state == STATE_READY;
}

/* Drops the connection and connects again, for a connection that looks
 * alive but is not (a subscriber Redis no longer counts). */
void
mcp_redis_client_reconnect (McpRedisClient *self,
                            const char     *reason)
{
  if (self->state != STATE_READY && self->state != STATE_CONNECTING)
    return;

  client_drop (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "%s", reason), TRUE);
}

void
mcp_redis_client_command_async (McpRedisClient      *self,
                                guint                argc,
                                const char * const  *argv,
                                const gsize         *argvlen,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Command *command = g_new0 (Command, 1);

  command->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (command->task, mcp_redis_client_command_async);

  switch (self->state)
    {
    case STATE_READY:
      client_send_command (self, command, argc, (const char **)argv, argvlen);
      return;

    case STATE_IDLE:
    case STATE_CONNECTING:
      /* Waits for the connection, at most the timeout. */
      command->deadline = client_deadline (self);
      command->argc = argc;
      command->argv = g_new0 (char *, argc);
      command->argvlen = g_new0 (gsize, argc);
      for (guint i = 0; i < argc; i++)
        {
          gsize length = argvlen != NULL ? argvlen[i] : strlen (argv[i]);

          command->argv[i] = g_malloc (length + 1);
          memcpy (command->argv[i], argv[i], length);
          command->argv[i][length] = '\0';
          command->argvlen[i] = length;
        }
      g_queue_push_tail (&self->pending, command);
      mcp_redis_client_start (self);
      client_watch (self);
      return;

    case STATE_BACKOFF:
      command_fail (command, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                          "Redis at %s is unreachable: %s", self->description,
                                          self->last_error != NULL ? self->last_error->message
                                                                   : "not connected yet"));
      command_free (command);
      return;

    case STATE_STOPPED:
    default:
      command_fail (command, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                                  "The connection to Redis was closed"));
      command_free (command);
      return;
    }
}

McpRedisReply *
mcp_redis_client_command_finish (McpRedisClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
