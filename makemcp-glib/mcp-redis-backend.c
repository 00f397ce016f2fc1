/* mcp-redis-backend.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-enum-types.h"
#include "mcp-json-private.h"
#include "mcp-redis-backend.h"
#include "mcp-signer-private.h"
#include "mcp-task-store-private.h"

#if HAVE_HIREDIS
# include "mcp-redis-private.h"
#endif

/**
 * McpRedisBackend:
 *
 * What server processes behind a load balancer share, in Redis: an
 * [iface@Mcp.TaskStore], so that any of them answers `tasks/get` for a
 * task another one runs, and an [iface@Mcp.EventBus] on Redis' publish and
 * subscribe, so that a change raised in any of them reaches the listeners
 * of all of them, and `tasks/cancel` and `tasks/update` reach the process
 * that runs the task.
 *
 * ```c
 * g_autoptr(GError) error = NULL;
 * g_autoptr(McpRedisBackend) redis = mcp_redis_backend_new ("redis://127.0.0.1:6379", &error);
 *
 * if (redis == NULL)
 *   g_error ("%s", error->message);
 * mcp_server_set_task_store (server, MCP_TASK_STORE (redis));
 * mcp_server_set_event_bus (server, MCP_EVENT_BUS (redis));
 * ```
 *
 * [method@Mcp.Server.run] does this with `--redis URL` or the environment
 * variable `MCP_REDIS_URL`. See [Running replicas](scale-out.html).
 *
 * The backend connects in the background on the thread-default main
 * context of the thread that created it, with two connections (commands,
 * and a subscriber for the events), and connects again after a failure,
 * waiting 0.1 s, then twice as long each time, up to 5 s. Every command
 * has a deadline ([property@Mcp.RedisBackend:timeout]); a Redis server
 * that stops answering fails the commands under way and the connection.
 * While Redis is away, saves and loads fail at once with a
 * %G_IO_ERROR_NOT_CONNECTED error that says why (the server tries saves
 * again, and answers `tasks/get` with an error), and events reach only the
 * clients of this process.
 *
 * A task record is a hash at `PREFIX task:ID` with the task's `status`
 * and its `record` as JSON, expiring when the task does; a Lua script
 * replaces it atomically unless it is final (see
 * [func@Mcp.task_record_is_final]). Events travel on the channel `PREFIX
 * events` as JSON, with the id of the backend that sent them, so that no
 * process delivers its own event twice.
 *
 * The backend needs hiredis at build time (the `redis` option of the
 * build); without it [ctor@Mcp.RedisBackend.new] fails with
 * %G_IO_ERROR_NOT_SUPPORTED, see [func@Mcp.RedisBackend.is_supported].
 */

#define DEFAULT_PREFIX "mcp:"
#define DEFAULT_TIMEOUT_MS 2000

struct _McpRedisBackend
{
  GObject         parent_instance;

  char           *url;
  char           *prefix;
  guint           timeout_ms;
  char           *origin;           /* this backend's id on the bus */
  char           *description;      /* host:port */

#if HAVE_HIREDIS
  McpRedisAddress *address;
  McpRedisClient *commands;
  McpRedisClient *subscriber;
  char           *events_channel;
  char           *alive_channel;
  char           *save_sha;
  GSource        *heartbeat;
#endif

  guint           connected : 1;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_PREFIX,
  PROP_TIMEOUT,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mcp_redis_backend_initable_iface_init (GInitableIface        *iface);
static void mcp_redis_backend_store_iface_init    (McpTaskStoreInterface *iface);
static void mcp_redis_backend_bus_iface_init      (McpEventBusInterface  *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpRedisBackend, mcp_redis_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      mcp_redis_backend_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TASK_STORE,
                                                      mcp_redis_backend_store_iface_init)
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_EVENT_BUS,
                                                      mcp_redis_backend_bus_iface_init))

#if HAVE_HIREDIS

/* Replaces a task's record unless the stored one is final, or unless the
 * new one fails a lease (ARGV[4]) the stored one no longer holds: one
 * atomic step on the server, the compare-and-set the task store asks for.
 * The lease of the record (ARGV[5]) is kept beside it for that check. */
static const char save_script[] =
  "local stored = redis.call('HMGET', KEYS[1], 'status', 'lease')\n"
  "local status = stored[1]\n"
  "if status == 'completed' or status == 'failed' or status == 'cancelled' then\n"
  "  return 0\n"
  "end\n"
  "if ARGV[4] ~= '' and stored[2] ~= ARGV[4] then\n"
  "  return 0\n"
  "end\n"
  "redis.call('HSET', KEYS[1], 'status', ARGV[1], 'record', ARGV[2], 'lease', ARGV[5])\n"
  "local expires = tonumber(ARGV[3])\n"
  "if expires > 0 then\n"
  "  redis.call('PEXPIREAT', KEYS[1], expires)\n"
  "else\n"
  "  redis.call('PERSIST', KEYS[1])\n"
  "end\n"
  "return 1\n";

static void
update_connected (McpRedisBackend *self)
{
  gboolean connected = self->commands != NULL && self->subscriber != NULL &&
                       mcp_redis_client_is_connected (self->commands) &&
                       mcp_redis_client_is_connected (self->subscriber);

  if (self->connected != connected)
    {
      self->connected = connected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
}

static void
connected_changed_cb (McpRedisClient  *client,
                      gboolean         connected,
                      const GError    *error,
                      McpRedisBackend *self)
{
  update_connected (self);
}

/* Events from the other processes */

static void
message_cb (McpRedisClient  *client,
            const char      *channel,
            GBytes          *payload,
            McpRedisBackend *self)
{
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *message;
  JsonNode *key_node;
  JsonNode *payload_node;
  GEnumClass *kinds;
  GEnumValue *kind;

  if (g_strcmp0 (channel, self->events_channel) != 0)
    return;     /* a heartbeat */

  node = mcp_json_parse (data, size, 256, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("An event on %s is not JSON; ignored", channel);
      return;
    }
  message = json_node_get_object (node);

  /* Delivered here when it was published. */
  if (g_strcmp0 (mcp_json_get_string (message, "o"), self->origin) == 0)
    return;

  kinds = g_type_class_ref (MCP_TYPE_EVENT_KIND);
  kind = mcp_json_get_string (message, "k") != NULL
         ? g_enum_get_value_by_nick (kinds, mcp_json_get_string (message, "k")) : NULL;
  g_type_class_unref (kinds);
  key_node = mcp_json_get_member (message, "key");
  payload_node = mcp_json_get_member (message, "p");

  if (kind == NULL ||
      (key_node != NULL && !JSON_NODE_HOLDS_NULL (key_node) &&
       !mcp_json_node_is_string (key_node)) ||
      (payload_node != NULL && !JSON_NODE_HOLDS_NULL (payload_node) &&
       !JSON_NODE_HOLDS_OBJECT (payload_node)))
    {
      g_debug ("An event on %s is not one of ours; ignored", channel);
      return;
    }

  mcp_event_bus_deliver (MCP_EVENT_BUS (self), kind->value,
                         key_node != NULL && !JSON_NODE_HOLDS_NULL (key_node)
                         ? json_node_get_string (key_node) : NULL,
                         payload_node != NULL && JSON_NODE_HOLDS_OBJECT (payload_node)
                         ? json_node_get_object (payload_node) : NULL);
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McpRedisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = mcp_redis_client_command_finish (MCP_REDIS_CLIENT (object), result, &error);
  if (reply == NULL)
    g_debug ("An event reached only this process: %s", error->message);
}

static void
mcp_redis_backend_publish (McpEventBus  *bus,
                           McpEventKind  kind,
                           const char   *key,
                           JsonObject   *payload)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (bus);
  g_autoptr(JsonObject) message = json_object_new ();
  g_autofree char *text = NULL;
  GEnumClass *kinds;
  GEnumValue *value;

  kinds = g_type_class_ref (MCP_TYPE_EVENT_KIND);
  value = g_enum_get_value (kinds, kind);
  g_type_class_unref (kinds);
  g_return_if_fail (value != NULL);

  json_object_set_string_member (message, "o", self->origin);
  json_object_set_string_member (message, "k", value->value_nick);
  if (key != NULL)
    json_object_set_string_member (message, "key", key);
  if (payload != NULL)
    json_object_set_object_member (message, "p", json_object_ref (payload));
  text = mcp_json_object_to_string (message);

  /* This process hears of it at once; the others through Redis. */
  mcp_event_bus_deliver (bus, kind, key, payload);

  if (self->commands != NULL)
    {
      const char *argv[] = { "PUBLISH", self->events_channel, text };

      mcp_redis_client_command_async (self->commands, 3, argv, NULL, published_cb, NULL);
    }
}

/* Is the subscriber still subscribed, as Redis sees it? A PUBLISH to a
 * channel only it listens to counts the receivers: none means the
 * subscription is gone (Redis restarted, the connection broke without a
 * word), and the subscriber connects again. */
static void
heartbeat_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McpRedisBackend) self = user_data;
  g_autoptr(McpRedisReply) reply = NULL;

  reply = mcp_redis_client_command_finish (MCP_REDIS_CLIENT (object), result, NULL);
  if (reply != NULL && reply->type == MCP_REDIS_REPLY_INTEGER && reply->integer == 0 &&
      self->subscriber != NULL && mcp_redis_client_is_connected (self->subscriber))
    mcp_redis_client_reconnect (self->subscriber, "Redis no longer delivers this process's events");
}

static gboolean
heartbeat_timeout_cb (gpointer user_data)
{
  McpRedisBackend *self = user_data;

  if (mcp_redis_client_is_connected (self->commands) &&
      mcp_redis_client_is_connected (self->subscriber))
    {
      const char *argv[] = { "PUBLISH", self->alive_channel, "1" };

      mcp_redis_client_command_async (self->commands, 3, argv, NULL, heartbeat_cb,
                                      g_object_ref (self));
    }

  return G_SOURCE_CONTINUE;
}

/* The task store */

static char *
task_key (McpRedisBackend *self,
          const char      *task_id)
{
  return g_strconcat (self->prefix, "task:", task_id, NULL);
}

typedef struct
{
  char  *key;
  char  *status;
  char  *record;
  char  *expires;
  char  *replaces;  /* the lease the record fails, or "" */
  char  *lease;     /* the record's lease, or "" */
  guint  loaded_script : 1;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->key);
  g_free (data->status);
  g_free (data->record);
  g_free (data->expires);
  g_free (data->replaces);
  g_free (data->lease);
  g_free (data);
}

static void save_send (GTask *task);

/* Fails @task, and lets go of it, once the backend is disposed. */
static gboolean
fail_disposed (McpRedisBackend *self,
               GTask           *task)
{
  if (self->commands != NULL)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The connection to Redis was closed");
  g_object_unref (task);
  return TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(McpRedisReply) reply = NULL;
  GError *error = NULL;

  reply = mcp_redis_client_command_finish (MCP_REDIS_CLIENT (object), result, &error);
  if (reply == NULL)
    {
      /* Redis forgets scripts when it restarts: send it once more. */
      if (!data->loaded_script && g_str_has_prefix (error->message, "Redis: NOSCRIPT"))
        {
          g_error_free (error);
          data->loaded_script = TRUE;
          save_send (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, error);
    }
  else if (reply->type == MCP_REDIS_REPLY_INTEGER && reply->integer == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                             "The task is finished already: its record is final");
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_send (GTask *task)
{
  McpRedisBackend *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  const char *argv[] = {
    data->loaded_script ? "EVAL" : "EVALSHA",
    data->loaded_script ? save_script : self->save_sha,
    "1", data->key, data->status, data->record, data->expires, data->replaces, data->lease,
  };

  if (fail_disposed (self, task))
    return;

  mcp_redis_client_command_async (self->commands, G_N_ELEMENTS (argv), argv, NULL, saved_cb, task);
}

/* A lease member of a record, as the save script compares it. */
static char *
lease_string (JsonObject *record,
              const char *member)
{
  JsonNode *node = mcp_json_get_member (record, member);

  if (!mcp_json_node_is_integer (node))
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static void
mcp_redis_backend_save_async (McpTaskStore        *store,
                              const char          *task_id,
                              JsonObject          *record,
                              gint64               expires_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (store);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);
  const char *status = mcp_json_get_string (record, "status");

  g_task_set_source_tag (task, mcp_redis_backend_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  /* Taken from the record now: the server goes on changing it. */
  data->key = task_key (self, task_id);
  data->status = g_strdup (status != NULL ? status : "");
  data->replaces = lease_string (record, MCP_TASK_RECORD_REPLACES_LEASE);
  data->lease = lease_string (record, MCP_TASK_RECORD_LEASE);
  if (*data->replaces != '\0')
    {
      g_autoptr(JsonObject) kept = mcp_json_object_copy (record);

      json_object_remove_member (kept, MCP_TASK_RECORD_REPLACES_LEASE);
      data->record = mcp_json_object_to_string (kept);
    }
  else
    data->record = mcp_json_object_to_string (record);
  data->expires = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (expires_at, 0));

  save_send (task);
}

static gboolean
mcp_redis_backend_save_finish (McpTaskStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(McpRedisReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  const char *data;
  gsize size;

  reply = mcp_redis_client_command_finish (MCP_REDIS_CLIENT (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (reply->type == MCP_REDIS_REPLY_NIL)
    {
      g_task_return_pointer (task, NULL, NULL);   /* no such task, or it expired */
      return;
    }

  if (reply->type != MCP_REDIS_REPLY_STRING)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "Redis answered something else than a task record");
      return;
    }

  data = g_bytes_get_data (reply->string, &size);
  node = mcp_json_parse (data, size, 512, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The task record in Redis is damaged");
      return;
    }

  g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                         (GDestroyNotify)json_object_unref);
}

static void
mcp_redis_backend_load_async (McpTaskStore        *store,
                              const char          *task_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (store);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = task_key (self, task_id);
  const char *argv[] = { "HGET", key, "record" };

  g_task_set_source_tag (task, mcp_redis_backend_load_async);
  if (fail_disposed (self, task))
    return;
  mcp_redis_client_command_async (self->commands, G_N_ELEMENTS (argv), argv, NULL, loaded_cb, task);
}

static JsonObject *
mcp_redis_backend_load_finish (McpTaskStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mcp_redis_backend_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (initable);
  const char *channels[3] = { NULL, NULL, NULL };

  if (self->address != NULL)
    return TRUE;

  if (self->url == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No Redis URL");
      return FALSE;
    }

  if ((self->address = mcp_redis_address_parse (self->url, error)) == NULL)
    return FALSE;

  self->description = mcp_redis_address_describe (self->address);
  self->events_channel = g_strconcat (self->prefix, "events", NULL);
  self->alive_channel = g_strconcat (self->prefix, "alive:", self->origin, NULL);
  self->save_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, save_script, -1);

  channels[0] = self->events_channel;
  channels[1] = self->alive_channel;
  self->commands = mcp_redis_client_new (self->address, self->timeout_ms, NULL);
  self->subscriber = mcp_redis_client_new (self->address, self->timeout_ms, channels);
  g_signal_connect (self->commands, "connected-changed", G_CALLBACK (connected_changed_cb), self);
  g_signal_connect (self->subscriber, "connected-changed", G_CALLBACK (connected_changed_cb), self);
  g_signal_connect (self->subscriber, "message", G_CALLBACK (message_cb), self);
  mcp_redis_client_start (self->commands);
  mcp_redis_client_start (self->subscriber);

  self->heartbeat = g_timeout_source_new (MAX (self->timeout_ms, 1000));
  g_source_set_static_name (self->heartbeat, "[makemcp-glib] Redis heartbeat");
  g_source_set_callback (self->heartbeat, heartbeat_timeout_cb, self, NULL);
  g_source_attach (self->heartbeat, g_main_context_get_thread_default ());

  return TRUE;
}

#else /* !HAVE_HIREDIS */

static void
mcp_redis_backend_publish (McpEventBus  *bus,
                           McpEventKind  kind,
                           const char   *key,
                           JsonObject   *payload)
{
  mcp_event_bus_deliver (bus, kind, key, payload);
}

static void
unsupported_async (gpointer             self,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, NULL, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "makemcp-glib was built without Redis support");
}

static void
mcp_redis_backend_save_async (McpTaskStore        *store,
                              const char          *task_id,
                              JsonObject          *record,
                              gint64               expires_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  unsupported_async (store, callback, user_data);
}

static gboolean
mcp_redis_backend_save_finish (McpTaskStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_redis_backend_load_async (McpTaskStore        *store,
                              const char          *task_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  unsupported_async (store, callback, user_data);
}

static JsonObject *
mcp_redis_backend_load_finish (McpTaskStore  *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mcp_redis_backend_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "makemcp-glib was built without Redis support (hiredis)");
  return FALSE;
}

#endif /* HAVE_HIREDIS */

static void
mcp_redis_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = mcp_redis_backend_initable_init;
}

static void
mcp_redis_backend_store_iface_init (McpTaskStoreInterface *iface)
{
  iface->save_async = mcp_redis_backend_save_async;
  iface->save_finish = mcp_redis_backend_save_finish;
  iface->load_async = mcp_redis_backend_load_async;
  iface->load_finish = mcp_redis_backend_load_finish;
}

static void
mcp_redis_backend_bus_iface_init (McpEventBusInterface *iface)
{
  iface->publish = mcp_redis_backend_publish;
}

static void
mcp_redis_backend_dispose (GObject *object)
{
#if HAVE_HIREDIS
  McpRedisBackend *self = MCP_REDIS_BACKEND (object);

  if (self->heartbeat != NULL)
    {
      g_source_destroy (self->heartbeat);
      g_clear_pointer (&self->heartbeat, g_source_unref);
    }
  if (self->subscriber != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->subscriber, self);
      mcp_redis_client_stop (self->subscriber);
    }
  if (self->commands != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->commands, self);
      mcp_redis_client_stop (self->commands);
    }
  g_clear_object (&self->subscriber);
  g_clear_object (&self->commands);
#endif

  G_OBJECT_CLASS (mcp_redis_backend_parent_class)->dispose (object);
}

static void
mcp_redis_backend_finalize (GObject *object)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (object);

  if (self->url != NULL)
    memset (self->url, 0, strlen (self->url));   /* it may hold a password */
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->description, g_free);
#if HAVE_HIREDIS
  g_clear_pointer (&self->address, mcp_redis_address_free);
  g_clear_pointer (&self->events_channel, g_free);
  g_clear_pointer (&self->alive_channel, g_free);
  g_clear_pointer (&self->save_sha, g_free);
#endif

  G_OBJECT_CLASS (mcp_redis_backend_parent_class)->finalize (object);
}

static void
mcp_redis_backend_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (object);

  switch (prop_id)
    {
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_redis_backend_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McpRedisBackend *self = MCP_REDIS_BACKEND (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_free (self->url);
      self->url = g_value_dup_string (value);
      break;

    case PROP_PREFIX:
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->prefix);
          self->prefix = g_value_dup_string (value);
        }
      break;

    case PROP_TIMEOUT:
      self->timeout_ms = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_redis_backend_class_init (McpRedisBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_redis_backend_dispose;
  object_class->finalize = mcp_redis_backend_finalize;
  object_class->get_property = mcp_redis_backend_get_property;
  object_class->set_property = mcp_redis_backend_set_property;

  /**
   * McpRedisBackend:url:
   *
   * Where Redis is: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`, the port
   * 6379 and the database 0 unless given. `rediss://` (TLS) is not
   * supported. Write-only, since it may hold a password: see
   * [method@Mcp.RedisBackend.get_address].
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpRedisBackend:prefix:
   *
   * What the names of the backend's keys and channels start with, so that
   * several deployments can share one Redis. Every server process of one
   * deployment uses the same prefix.
   */
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL,
                         DEFAULT_PREFIX,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpRedisBackend:timeout:
   *
   * How long, in milliseconds, a connection attempt or a command may take
   * before it fails (and the connection with it).
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       10, G_MAXUINT, DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpRedisBackend:connected:
   *
   * Whether both connections to Redis are up and answering.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_redis_backend_init (McpRedisBackend *self)
{
  self->prefix = g_strdup (DEFAULT_PREFIX);
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->origin = mcp_random_token (12);
}

/**
 * mcp_redis_backend_new:
 * @url: where Redis is, such as `redis://127.0.0.1:6379`; see
 *   [property@Mcp.RedisBackend:url]
 * @error: return location for a #GError
 *
 * Creates a backend on the Redis at @url, with the default
 * [property@Mcp.RedisBackend:prefix] and
 * [property@Mcp.RedisBackend:timeout] (use g_initable_new() to set
 * them). It connects in the background: this fails only for a URL that
 * is not a Redis URL, or when makemcp-glib was built without Redis
 * support.
 *
 * Returns: (transfer full): a new #McpRedisBackend, or %NULL with @error set
 */
McpRedisBackend *
mcp_redis_backend_new (const char  *url,
                       GError     **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (MCP_TYPE_REDIS_BACKEND, NULL, error, "url", url, NULL);
}

/**
 * mcp_redis_backend_get_address:
 * @self: a #McpRedisBackend
 *
 * Gets where Redis is, as `HOST:PORT`, for messages (a URL may hold a
 * password).
 *
 * Returns: (nullable): the address of Redis
 */
const char *
mcp_redis_backend_get_address (McpRedisBackend *self)
{
  g_return_val_if_fail (MCP_IS_REDIS_BACKEND (self), NULL);

  return self->description;
}

/**
 * mcp_redis_backend_get_prefix:
 * @self: a #McpRedisBackend
 *
 * Gets [property@Mcp.RedisBackend:prefix].
 *
 * Returns: the prefix of the backend's keys and channels
 */
const char *
mcp_redis_backend_get_prefix (McpRedisBackend *self)
{
  g_return_val_if_fail (MCP_IS_REDIS_BACKEND (self), NULL);

  return self->prefix;
}

/**
 * mcp_redis_backend_get_timeout:
 * @self: a #McpRedisBackend
 *
 * Gets [property@Mcp.RedisBackend:timeout].
 *
 * Returns: the timeout of commands, in milliseconds
 */
guint
mcp_redis_backend_get_timeout (McpRedisBackend *self)
{
  g_return_val_if_fail (MCP_IS_REDIS_BACKEND (self), 0);

  return self->timeout_ms;
}

/**
 * mcp_redis_backend_get_connected:
 * @self: a #McpRedisBackend
 *
 * Gets [property@Mcp.RedisBackend:connected].
 *
 * Returns: %TRUE when both connections to Redis are up
 */
gboolean
mcp_redis_backend_get_connected (McpRedisBackend *self)
{
  g_return_val_if_fail (MCP_IS_REDIS_BACKEND (self), FALSE);

  return self->connected;
}

/**
 * mcp_redis_backend_is_supported:
 *
 * Tells whether makemcp-glib was built with Redis support (hiredis).
 *
 * Returns: %TRUE when [ctor@Mcp.RedisBackend.new] can work
 */
gboolean
mcp_redis_backend_is_supported (void)
{
  return HAVE_HIREDIS;
}
