/* mcp-server-tasks.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-server-private.h"
#include "mcp-signer-private.h"
#include "mcp-task-store-private.h"

/* Tasks: the io.modelcontextprotocol/tasks extension of 2026-07-28.
 *
 * A tools/call that becomes a task is answered at once with the task's
 * handle (a CreateTaskResult), after its record is saved in the task store;
 * the handler goes on, and what it returns settles the task. Clients poll
 * tasks/get, answer the task's input requests with tasks/update, and cancel
 * it with tasks/cancel; subscriptions/listen streams with taskIds get
 * notifications/tasks at every change.
 *
 * The record in the store is what tasks/get returns (plus the private
 * "x-principal" member); a TaskRun holds what only the process running the
 * task has: the request context and the input requests waiting for an
 * answer.
 *
 * Saves of one task are made one at a time, in order: a change made while
 * a save is under way is saved after it (the latest record, once), so a
 * slow shared store never ends up with an older record than the last
 * change. A failed save is tried again with a growing delay, never longer
 * than a third of the task's lease (so that a store back within the lease
 * gets a fresh lease in time), for as long as the record lives. A run
 * stays in the server's table after the task ends until its last save is
 * done, so that this process answers tasks/get from the final record
 * meanwhile, and the final record is not lost to a long outage of the
 * store. The log hears of an outage once, not of every failed save.
 *
 * Changes are announced (MCP_EVENT_TASK_STATUS) as they are made, but a
 * final status only once it is saved: the store refuses it when another
 * process finished the task first, and listeners must hear what tasks/get
 * says.
 *
 * Several server processes may share the store and an event bus (replicas
 * behind a load balancer). Any of them answers tasks/get from the store;
 * tasks/cancel and tasks/update for a task another process runs travel on
 * the bus to that process (MCP_EVENT_TASK_CANCEL, MCP_EVENT_TASK_INPUT),
 * the cancellation after it was saved. A finished record is final: a
 * shared store refuses to replace it (G_IO_ERROR_EXISTS), and a run whose
 * save is refused so learns that its task was finished elsewhere, and
 * stops. A running task holds a lease: its process saves the record again
 * three times per lease with a later "x-lease", and a process that reads a
 * record whose lease lapsed (its process died, or lost the store) turns
 * it failed. */

#define PRIVATE_PRINCIPAL MCP_TASK_PRIVATE_PRINCIPAL
#define PRIVATE_LEASE MCP_TASK_RECORD_LEASE
#define PRIVATE_REPLACES_LEASE MCP_TASK_RECORD_REPLACES_LEASE
#define PRIVATE_EXPIRES "x-expires"   /* ms since the epoch; 0 for never */

#define LEASE_LAPSED_MESSAGE \
  "The server process running the task stopped: its lease lapsed before the task finished"

#define SAVE_RETRY_MAX_DELAY_MS 30000

struct _McpTaskRun
{
  McpServer         *server;    /* borrowed; NULL once the server let go */
  McpTaskStore      *store;
  char              *id;
  JsonObject        *record;
  McpRequestContext *context;
  GHashTable        *waiting;   /* input key → GTask */
  GHashTable        *asked;     /* every input key the task asked for */
  gint64             expires_at;
  guint              lease;         /* ms; 0 for none */
  guint              lease_source;
  guint              retry_source;
  guint              save_failures;
  guint              saving : 1;
  guint              dirty : 1;     /* changed while a save was under way */
  guint              ended : 1;
  guint              saving_final : 1;  /* the save under way is of a final record */
  guint              announce : 1;      /* a final status to announce once saved */
};

static void
task_run_fail_waiting (McpTaskRun *run)
{
  GHashTableIter iter;
  GTask *task;

  g_hash_table_iter_init (&iter, run->waiting);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The task ended before the client answered");
      g_hash_table_iter_remove (&iter);
    }
}

static void
task_run_clear (McpTaskRun *run)
{
  g_clear_handle_id (&run->retry_source, g_source_remove);
  g_clear_handle_id (&run->lease_source, g_source_remove);
  g_clear_object (&run->context);
  g_clear_object (&run->store);
  g_clear_pointer (&run->waiting, g_hash_table_unref);
  g_clear_pointer (&run->asked, g_hash_table_unref);
  g_clear_pointer (&run->record, json_object_unref);
  g_free (run->id);
}

static McpTaskRun *
task_run_ref (McpTaskRun *run)
{
  return g_rc_box_acquire (run);
}

static void
task_run_unref (McpTaskRun *run)
{
  g_rc_box_release_full (run, (GDestroyNotify)task_run_clear);
}

/* The server lets go of @run (it ended, or the server goes away): waiting
 * input requests fail, and a save under way finishes on its own. */
static void task_run_save_answered (McpTaskRun *run,
                                    gboolean    landed);

void
mcp_task_run_release (McpTaskRun *run)
{
  task_run_save_answered (run, FALSE);
  run->server = NULL;
  task_run_fail_waiting (run);
  g_clear_handle_id (&run->retry_source, g_source_remove);
  g_clear_handle_id (&run->lease_source, g_source_remove);
  g_clear_object (&run->context);
  task_run_unref (run);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
status_is_terminal (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "failed") == 0 ||
         g_strcmp0 (status, "cancelled") == 0;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* The record as a client sees it. */
static JsonObject *
public_view (JsonObject *record)
{
  JsonObject *view = mcp_json_object_copy (record);

  json_object_remove_member (view, PRIVATE_PRINCIPAL);
  json_object_remove_member (view, PRIVATE_LEASE);
  json_object_remove_member (view, PRIVATE_REPLACES_LEASE);
  json_object_remove_member (view, PRIVATE_EXPIRES);
  return view;
}

/* The record as a status event carries it: the client's view and, for
 * the listeners' check, its owner. */
static void
publish_status (McpServer  *server,
                const char *task_id,
                JsonObject *record)
{
  g_autoptr(JsonObject) view = public_view (record);
  const char *principal = mcp_json_get_string (record, PRIVATE_PRINCIPAL);

  if (principal != NULL)
    json_object_set_string_member (view, PRIVATE_PRINCIPAL, principal);
  mcp_server_publish (server, MCP_EVENT_TASK_STATUS, task_id, view);
}

/* Whether @task_id has the shape of the ids this library gives tasks
 * (mcp_random_token (16): 22 base64url characters). Others name no task,
 * so they cost no lookup in the store. */
gboolean
mcp_server_is_task_id (const char *task_id)
{
  gsize i;

  if (task_id == NULL)
    return FALSE;
  for (i = 0; task_id[i] != '\0'; i++)
    if (i >= 22 || !(g_ascii_isalnum (task_id[i]) || task_id[i] == '-' || task_id[i] == '_'))
      return FALSE;
  return i == 22;
}

static gint64
record_get_ms (JsonObject *record,
               const char *member)
{
  JsonNode *node = mcp_json_get_member (record, member);

  return node != NULL && mcp_json_node_is_integer (node) ? json_node_get_int (node) : 0;
}

/* A record of an unfinished task whose process stopped renewing it. */
static gboolean
lease_lapsed (JsonObject *record)
{
  gint64 lease = record_get_ms (record, PRIVATE_LEASE);

  return lease > 0 && lease < now_ms () &&
         !status_is_terminal (mcp_json_get_string (record, "status"));
}

/* -32021 naming the tasks extension, for clients that did not declare it.
 * Returns FALSE (after replying) when @context lacks it. */
gboolean
mcp_server_check_tasks_capability (McpServer         *self,
                                   McpRequestContext *context)
{
  JsonObject *data;
  JsonObject *required;
  JsonObject *extensions;

  if (mcp_request_context_has_client_extension (context, MCP_TASKS_EXTENSION))
    return TRUE;

  extensions = json_object_new ();
  json_object_set_object_member (extensions, MCP_TASKS_EXTENSION, json_object_new ());
  required = json_object_new ();
  json_object_set_object_member (required, "extensions", extensions);
  data = json_object_new ();
  json_object_set_object_member (data, "requiredCapabilities", required);

  mcp_server_reply_error_full (self, context, MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY,
                               "Missing required client capability: the "
                               MCP_TASKS_EXTENSION " extension",
                               mcp_json_node_new_object_take (data));
  return FALSE;
}

static void task_run_save (McpTaskRun *run);
static void task_run_end  (McpTaskRun *run);

/* The store refused a save: another process finished the task (a client
 * cancelled it there, or its lease lapsed). The store's record stands;
 * the work stops, and tasks/get reads the store from now on. */
static void
task_run_finished_elsewhere (McpTaskRun *run)
{
  g_debug ("The task %s was finished by another process", run->id);

  if (!run->ended)
    {
      g_autoptr(McpRequestContext) work = run->context != NULL ? g_object_ref (run->context) : NULL;

      task_run_end (run);
      if (work != NULL)
        mcp_request_context_cancel (work);
    }

  if (run->server != NULL && !run->saving && run->retry_source == 0)
    g_hash_table_remove (mcp_server_get_task_runs (run->server), run->id);
}

/* A save of @run failed: the first failure of an outage is logged, the
 * others are counted. */
static void
task_run_save_failed (McpTaskRun   *run,
                      const GError *error,
                      guint         delay)
{
  guint *failing = mcp_server_get_failing_task_saves (run->server);

  if (run->save_failures++ > 0)
    return;
  if ((*failing)++ == 0)
    g_warning ("Saving the task %s failed (%s); trying again in %u ms (further failures "
               "are not logged until saves land again)", run->id, error->message, delay);
}

/* The store answered a save of @run (@landed), or @run gave up on it. */
static void
task_run_save_answered (McpTaskRun *run,
                        gboolean    landed)
{
  guint *failing;

  if (run->save_failures == 0)
    return;
  run->save_failures = 0;
  if (run->server == NULL)
    return;
  failing = mcp_server_get_failing_task_saves (run->server);
  if (--(*failing) == 0 && landed)
    g_message ("Saving tasks works again");
}

static gboolean
retry_save_cb (gpointer user_data)
{
  McpTaskRun *run = user_data;

  run->retry_source = 0;
  task_run_save (run);
  return G_SOURCE_REMOVE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  McpTaskRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->saving = FALSE;

  if (!mcp_task_store_save_finish (MCP_TASK_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      /* Finished elsewhere first: what this run would announce is not
       * what tasks/get says. */
      run->dirty = FALSE;
      run->announce = FALSE;
      task_run_save_answered (run, TRUE);
      if (run->server != NULL)
        task_run_finished_elsewhere (run);
      task_run_unref (run);
      return;
    }
  else if (error != NULL)
    {
      run->dirty = TRUE;
      /* Tried again while the record lives, be it for as long as the
       * server does. */
      if (run->server != NULL && (run->expires_at == 0 || now_ms () < run->expires_at))
        {
          guint delay = MIN (1000u << MIN (run->save_failures, 5), SAVE_RETRY_MAX_DELAY_MS);

          /* A store back within the lease gets a fresh lease in time;
           * and the final record of a task that ended meanwhile lands
           * before others find the lease lapsed. */
          if (run->lease > 0)
            delay = MIN (delay, MAX (run->lease / 3, 1));
          task_run_save_failed (run, error, delay);
          run->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, retry_save_cb,
                                                  task_run_ref (run),
                                                  (GDestroyNotify)task_run_unref);
          task_run_unref (run);
          return;
        }
      if (run->server != NULL)
        g_warning ("Saving the task %s failed (%s); giving up, its record expired",
                   run->id, error->message);
      task_run_save_answered (run, FALSE);
      run->dirty = FALSE;
      run->announce = FALSE;
    }
  else
    {
      task_run_save_answered (run, TRUE);
      if (run->saving_final && run->announce && run->server != NULL)
        {
          run->announce = FALSE;
          publish_status (run->server, run->id, run->record);
        }
    }

  if (run->server != NULL)
    {
      if (run->dirty)
        task_run_save (run);
      else if (run->ended)
        g_hash_table_remove (mcp_server_get_task_runs (run->server), run->id);
    }

  task_run_unref (run);
}

/* Saves the record, after the save under way if there is one. The store
 * takes what it needs from the record before save_async returns. */
static void
task_run_save (McpTaskRun *run)
{
  if (run->saving || run->retry_source != 0)
    {
      run->dirty = TRUE;
      return;
    }

  run->saving = TRUE;
  run->dirty = FALSE;
  run->saving_final = status_is_terminal (mcp_json_get_string (run->record, "status"));

  /* Every save renews the lease of a running task. */
  if (run->lease > 0 && !status_is_terminal (mcp_json_get_string (run->record, "status")))
    json_object_set_int_member (run->record, PRIVATE_LEASE, now_ms () + run->lease);
  else
    json_object_remove_member (run->record, PRIVATE_LEASE);

  mcp_task_store_save_async (run->store, run->id, run->record, run->expires_at, NULL,
                             save_cb, task_run_ref (run));
}

/* Records a change of the task: timestamp, store, notifications (of a
 * final status, once it is saved). */
static void
task_run_changed (McpTaskRun *run)
{
  g_autofree char *now = now_iso8601 ();
  gboolean final = status_is_terminal (mcp_json_get_string (run->record, "status"));

  json_object_set_string_member (run->record, "lastUpdatedAt", now);
  run->announce = final;
  task_run_save (run);
  if (!final)
    publish_status (run->server, run->id, run->record);
}

static void
task_run_set_status (McpTaskRun *run,
                     const char *status)
{
  json_object_set_string_member (run->record, "status", status);
  if (status_is_terminal (status) || g_strcmp0 (status, "working") == 0)
    json_object_remove_member (run->record, "inputRequests");
}

/* The run ends: nothing more will change its record here. It leaves the
 * server's table once its last save is done. */
static void
task_run_end (McpTaskRun *run)
{
  run->ended = TRUE;
  task_run_fail_waiting (run);
  g_clear_handle_id (&run->lease_source, g_source_remove);
  g_clear_object (&run->context);
  if (!run->saving && run->retry_source == 0)
    g_hash_table_remove (mcp_server_get_task_runs (run->server), run->id);
}

typedef struct
{
  McpRequestContext *context;
  McpTaskRun        *run;
} BeginData;

static void
begin_data_free (BeginData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->run, mcp_task_run_release);
  g_free (data);
}

/* Saves the record of a running task again, with a later lease. */
static gboolean
renew_lease_cb (gpointer user_data)
{
  McpTaskRun *run = user_data;

  if (run->server == NULL || run->ended)
    {
      run->lease_source = 0;
      return G_SOURCE_REMOVE;
    }

  task_run_save (run);
  return G_SOURCE_CONTINUE;
}

static void
begin_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BeginData *data = g_task_get_task_data (task);
  McpServer *self = g_task_get_source_object (task);
  McpTaskRun *run;
  JsonObject *answer;
  GError *error = NULL;

  if (!mcp_task_store_save_finish (MCP_TASK_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Durable: the client may have the handle now. */
  run = g_steal_pointer (&data->run);
  g_hash_table_insert (mcp_server_get_task_runs (self), run->id, run);
  if (run->lease > 0)
    run->lease_source = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (run->lease / 3, 1),
                                            renew_lease_cb, task_run_ref (run),
                                            (GDestroyNotify)task_run_unref);

  answer = public_view (run->record);
  json_object_set_string_member (answer, "resultType", "task");
  mcp_server_reply (self, data->context, answer);
  mcp_request_context_set_task_id (data->context, run->id);

  g_task_return_boolean (task, TRUE);
}

void
mcp_server_begin_task_async (McpServer           *self,
                             McpRequestContext   *context,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *now = now_iso8601 ();
  const char *principal = mcp_request_context_get_principal (context);
  guint ttl = mcp_server_get_task_ttl (self);
  BeginData *data = g_new0 (BeginData, 1);
  McpTaskRun *run;

  g_task_set_source_tag (task, mcp_server_begin_task_async);
  g_task_set_task_data (task, data, (GDestroyNotify)begin_data_free);

  run = g_rc_box_new0 (McpTaskRun);
  run->server = self;
  run->store = g_object_ref (mcp_server_get_task_store (self));
  run->id = mcp_random_token (16);
  run->context = g_object_ref (context);
  run->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  run->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->expires_at = ttl > 0 ? now_ms () + ttl : 0;
  run->lease = mcp_server_get_task_lease (self);

  run->record = json_object_new ();
  json_object_set_string_member (run->record, "taskId", run->id);
  json_object_set_string_member (run->record, "status", "working");
  json_object_set_string_member (run->record, "createdAt", now);
  json_object_set_string_member (run->record, "lastUpdatedAt", now);
  if (ttl > 0)
    json_object_set_int_member (run->record, "ttlMs", ttl);
  else
    json_object_set_null_member (run->record, "ttlMs");
  json_object_set_int_member (run->record, "pollIntervalMs", mcp_server_get_task_poll_interval (self));
  if (principal != NULL)
    json_object_set_string_member (run->record, PRIVATE_PRINCIPAL, principal);
  json_object_set_int_member (run->record, PRIVATE_EXPIRES, run->expires_at);
  if (run->lease > 0)
    json_object_set_int_member (run->record, PRIVATE_LEASE, now_ms () + run->lease);

  data->context = g_object_ref (context);
  data->run = run;

  mcp_task_store_save_async (run->store, run->id, run->record,
                             run->expires_at, cancellable, begin_saved_cb, g_steal_pointer (&task));
}

gboolean
mcp_server_begin_task_finish (McpServer     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What the handler of a request that became a task returned: settles the
 * task. @result (taken) for a result, else @error. */
void
mcp_server_settle_task (McpServer         *self,
                        McpRequestContext *context,
                        JsonObject        *result,
                        JsonObject        *error)
{
  McpTaskRun *run = g_hash_table_lookup (mcp_server_get_task_runs (self),
                                         mcp_request_context_get_task_id (context));

  if (run == NULL || status_is_terminal (mcp_json_get_string (run->record, "status")))
    {
      g_clear_pointer (&result, json_object_unref);
      g_clear_pointer (&error, json_object_unref);
      return;
    }

  if (result != NULL)
    {
      /* The inlined result is a result of its own of 2026-07-28. */
      if (!json_object_has_member (result, "resultType"))
        json_object_set_string_member (result, "resultType", "complete");
      task_run_set_status (run, "completed");
      json_object_set_object_member (run->record, "result", result);
    }
  else
    {
      task_run_set_status (run, "failed");
      json_object_set_string_member (run->record, "statusMessage",
                                     mcp_json_get_string (error, "message"));
      json_object_set_object_member (run->record, "error", error);
    }

  task_run_changed (run);
  task_run_end (run);
}

/* The status message the handler of a task sets: saved and announced
 * when it changes. */
void
mcp_server_set_task_status_message (McpServer  *self,
                                    const char *task_id,
                                    const char *message)
{
  McpTaskRun *run = g_hash_table_lookup (mcp_server_get_task_runs (self), task_id);

  if (run == NULL || run->ended ||
      g_strcmp0 (mcp_json_get_string (run->record, "statusMessage"), message) == 0)
    return;

  if (message != NULL)
    json_object_set_string_member (run->record, "statusMessage", message);
  else
    json_object_remove_member (run->record, "statusMessage");
  task_run_changed (run);
}

/* An input request of a handler that runs as a task: the task waits in
 * input_required until the client's tasks/update answers it. */
void
mcp_server_task_request_input (McpServer         *self,
                               McpRequestContext *context,
                               const char        *key,
                               const char        *method,
                               JsonObject        *params,
                               GTask             *task)
{
  McpTaskRun *run = g_hash_table_lookup (mcp_server_get_task_runs (self),
                                         mcp_request_context_get_task_id (context));
  JsonObject *requests;
  JsonObject *request;

  if (run == NULL || status_is_terminal (mcp_json_get_string (run->record, "status")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The task has ended");
      g_object_unref (task);
      return;
    }

  /* Input keys name one request for the whole life of a task. */
  if (!g_hash_table_add (run->asked, g_strdup (key)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "The task already asked for the input “%s”; input keys must be "
                               "unique for the life of a task", key);
      g_object_unref (task);
      return;
    }

  if ((requests = mcp_json_get_object (run->record, "inputRequests")) == NULL)
    {
      requests = json_object_new ();
      json_object_set_object_member (run->record, "inputRequests", requests);
    }

  request = json_object_new ();
  json_object_set_string_member (request, "method", method);
  json_object_set_object_member (request, "params",
                                 params != NULL ? json_object_ref (params) : json_object_new ());
  json_object_set_object_member (requests, key, request);
  g_hash_table_insert (run->waiting, g_strdup (key), task);

  json_object_set_string_member (run->record, "status", "input_required");
  task_run_changed (run);
}

/* Finds the record of the task a tasks/ request names: the one of a run
 * of this process, or the store's. Replies with the error and returns
 * NULL when there is none (or it belongs to another principal). A record
 * of the store whose lease lapsed is failed (and saved) first. */
typedef void (*TaskRecordFunc) (McpServer         *self,
                                McpRequestContext *context,
                                McpTaskRun        *run,
                                JsonObject        *record);

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
  TaskRecordFunc     func;
  JsonObject        *record;    /* being saved */
  char              *task_id;
  guint              reloaded : 1;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_clear_pointer (&data->record, json_object_unref);
  g_free (data->task_id);
  g_free (data);
}

static void load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
with_record (McpServer         *self,
             McpRequestContext *context,
             McpTaskRun        *run,
             JsonObject        *record,
             TaskRecordFunc     func)
{
  const char *principal = mcp_request_context_get_principal (context);

  if (record == NULL ||
      g_strcmp0 (mcp_json_get_string (record, PRIVATE_PRINCIPAL), principal) != 0)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Failed to retrieve task: Task not found");
      return;
    }

  func (self, context, run, record);
}

/* Turns @record into the final record of a task that ended here. */
static void
record_finish (JsonObject *record,
               const char *status,
               const char *message)
{
  g_autofree char *now = now_iso8601 ();

  json_object_set_string_member (record, "status", status);
  json_object_set_string_member (record, "statusMessage", message);
  json_object_set_string_member (record, "lastUpdatedAt", now);
  json_object_remove_member (record, "inputRequests");
  json_object_remove_member (record, PRIVATE_LEASE);
}

/* The task of a record whose lease lapsed failed; the store refuses the
 * record if the task's process renewed the lease meanwhile. */
static void
record_fail_lapsed (JsonObject *record)
{
  JsonObject *error_object = json_object_new ();

  json_object_set_int_member (record, PRIVATE_REPLACES_LEASE, record_get_ms (record, PRIVATE_LEASE));
  record_finish (record, "failed", LEASE_LAPSED_MESSAGE);
  json_object_set_int_member (error_object, "code", MCP_ERROR_INTERNAL_ERROR);
  json_object_set_string_member (error_object, "message", LEASE_LAPSED_MESSAGE);
  json_object_set_object_member (record, "error", error_object);
}

static void
lapsed_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_task_store_save_finish (MCP_TASK_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && !data->reloaded)
        {
          /* Finished meanwhile, by its process or another reader: read
           * the final record. */
          data->reloaded = TRUE;
          g_clear_pointer (&data->record, json_object_unref);
          mcp_task_store_load_async (MCP_TASK_STORE (object), data->task_id, NULL, load_cb, data);
          return;
        }
      else
        {
          g_autofree char *message = g_strdup_printf ("Failed to retrieve task: %s",
                                                      error->message);

          mcp_server_reply_error_literal (data->server, data->context, MCP_ERROR_INTERNAL_ERROR,
                                          message);
        }
    }
  else
    {
      g_warning ("The task %s failed: the process running it stopped renewing its lease",
                 data->task_id);
      publish_status (data->server, data->task_id, data->record);
      data->func (data->server, data->context, NULL, data->record);
    }

  load_data_free (data);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *principal = mcp_request_context_get_principal (data->context);

  record = mcp_task_store_load_finish (MCP_TASK_STORE (object), result, &error);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf ("Failed to retrieve task: %s", error->message);

      mcp_server_reply_error_literal (data->server, data->context, MCP_ERROR_INTERNAL_ERROR,
                                      message);
    }
  else if (record != NULL && lease_lapsed (record) && !data->reloaded &&
           g_strcmp0 (mcp_json_get_string (record, PRIVATE_PRINCIPAL), principal) == 0)
    {
      /* Its process is gone: the task failed. Saved before anyone hears
       * of it; the store refuses it if the task was finished meanwhile. */
      record_fail_lapsed (record);
      data->record = g_steal_pointer (&record);
      mcp_task_store_save_async (MCP_TASK_STORE (object), data->task_id, data->record,
                                 record_get_ms (data->record, PRIVATE_EXPIRES), NULL,
                                 lapsed_saved_cb, data);
      return;
    }
  else
    with_record (data->server, data->context, NULL, record, data->func);

  load_data_free (data);
}

static void
find_task (McpServer         *self,
           McpRequestContext *context,
           TaskRecordFunc     func)
{
  const char *task_id = mcp_json_get_string (mcp_request_context_get_params (context), "taskId");
  McpTaskRun *run;
  LoadData *data;

  if (!mcp_server_check_tasks_capability (self, context))
    return;

  if (task_id == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “taskId” must be a string");
      return;
    }

  if (!mcp_server_is_task_id (task_id))
    {
      with_record (self, context, NULL, NULL, func);
      return;
    }

  if ((run = g_hash_table_lookup (mcp_server_get_task_runs (self), task_id)) != NULL)
    {
      with_record (self, context, run, run->record, func);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->server = g_object_ref (self);
  data->context = g_object_ref (context);
  data->func = func;
  data->task_id = g_strdup (task_id);
  mcp_task_store_load_async (mcp_server_get_task_store (self), task_id, NULL, load_cb, data);
}

static void
reply_task (McpServer         *self,
            McpRequestContext *context,
            McpTaskRun        *run,
            JsonObject        *record)
{
  mcp_server_reply (self, context, public_view (record));
}

/* tasks/get */
void
mcp_server_handle_tasks_get (McpServer         *self,
                             McpRequestContext *context)
{
  find_task (self, context, reply_task);
}

typedef struct
{
  McpServer         *server;
  McpRequestContext *context;
  JsonObject        *record;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->context);
  g_clear_pointer (&data->record, json_object_unref);
  g_free (data);
}

static void
cancel_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CancelData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (mcp_task_store_save_finish (MCP_TASK_STORE (object), result, &error))
    {
      const char *task_id = mcp_json_get_string (data->record, "taskId");

      /* Listeners everywhere hear of it; the process running the task
       * stops its work. */
      publish_status (data->server, task_id, data->record);
      mcp_server_publish (data->server, MCP_EVENT_TASK_CANCEL, task_id, NULL);
      mcp_server_reply (data->server, data->context, json_object_new ());
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      /* It finished meanwhile: cancelling a finished task changes
       * nothing, and is acknowledged all the same. */
      mcp_server_reply (data->server, data->context, json_object_new ());
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("Cancelling the task failed: %s", error->message);

      mcp_server_reply_error_literal (data->server, data->context, MCP_ERROR_INTERNAL_ERROR,
                                      message);
    }

  cancel_data_free (data);
}

static void
cancel_task (McpServer         *self,
             McpRequestContext *context,
             McpTaskRun        *run,
             JsonObject        *record)
{
  if (!status_is_terminal (mcp_json_get_string (record, "status")))
    {
      if (run != NULL)
        {
          g_autoptr(McpRequestContext) work = g_object_ref (run->context);

          task_run_set_status (run, "cancelled");
          json_object_set_string_member (run->record, "statusMessage", "Cancelled by the client");
          task_run_changed (run);
          task_run_end (run);
          mcp_request_context_cancel (work);
        }
      else
        {
          /* The task runs in another process: the cancellation is saved
           * here, then that process hears of it on the bus. */
          CancelData *data = g_new0 (CancelData, 1);

          data->server = g_object_ref (self);
          data->context = g_object_ref (context);
          data->record = mcp_json_object_copy (record);
          record_finish (data->record, "cancelled", "Cancelled by the client");
          mcp_task_store_save_async (mcp_server_get_task_store (self),
                                     mcp_json_get_string (data->record, "taskId"), data->record,
                                     record_get_ms (data->record, PRIVATE_EXPIRES), NULL,
                                     cancel_saved_cb, data);
          return;
        }
    }

  mcp_server_reply (self, context, json_object_new ());
}

/* tasks/cancel: cooperative, acknowledged at once, idempotent */
void
mcp_server_handle_tasks_cancel (McpServer         *self,
                                McpRequestContext *context)
{
  find_task (self, context, cancel_task);
}

/* Another process saved the cancellation of a task this one runs. */
void
mcp_server_task_cancelled_elsewhere (McpServer  *self,
                                     const char *task_id)
{
  McpTaskRun *run = g_hash_table_lookup (mcp_server_get_task_runs (self), task_id);
  g_autoptr(McpRequestContext) work = NULL;

  if (run == NULL || run->ended)
    return;

  work = g_object_ref (run->context);
  task_run_set_status (run, "cancelled");
  json_object_set_string_member (run->record, "statusMessage", "Cancelled by the client");
  task_run_end (run);
  mcp_request_context_cancel (work);
}

/* Checks every answer of @responses to an input request of @requests that
 * is still outstanding (all of them when @waiting is NULL). */
static gboolean
check_answers (JsonObject  *requests,
               GHashTable  *waiting,
               JsonObject  *responses,
               GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *response;

  json_object_iter_init (&iter, responses);
  while (json_object_iter_next (&iter, &key, &response))
    {
      JsonObject *request = mcp_json_get_object (requests, key);

      if (request == NULL || (waiting != NULL && !g_hash_table_contains (waiting, key)))
        continue;
      if (!mcp_request_context_check_response (key, mcp_json_get_string (request, "method"),
                                               mcp_json_get_object (request, "params"),
                                               response, error))
        return FALSE;
    }

  return TRUE;
}

/* Takes the (checked) answers for the input requests @run waits on; the
 * handler goes on when complete_answers() is called. */
static void
take_answers (McpTaskRun *run,
              JsonObject *responses,
              GPtrArray  *answered,
              GPtrArray  *answers)
{
  JsonObject *requests = mcp_json_get_object (run->record, "inputRequests");
  JsonObjectIter iter;
  const char *key;
  JsonNode *response;

  json_object_iter_init (&iter, responses);
  while (json_object_iter_next (&iter, &key, &response))
    {
      g_autofree char *stolen_key = NULL;
      GTask *waiting;

      if (!JSON_NODE_HOLDS_OBJECT (response) ||
          !g_hash_table_steal_extended (run->waiting, key, (gpointer *)&stolen_key,
                                        (gpointer *)&waiting))
        continue;
      if (requests != NULL)
        json_object_remove_member (requests, key);
      g_ptr_array_add (answered, waiting);
      g_ptr_array_add (answers, json_object_ref (json_node_get_object (response)));
    }

  if (answered->len > 0)
    {
      if (g_hash_table_size (run->waiting) == 0)
        task_run_set_status (run, "working");
      task_run_changed (run);
    }
}

static void
complete_answers (GPtrArray *answered,
                  GPtrArray *answers)
{
  for (guint i = 0; i < answered->len; i++)
    g_task_return_pointer (g_ptr_array_index (answered, i),
                           json_object_ref (g_ptr_array_index (answers, i)),
                           (GDestroyNotify)json_object_unref);
}

static void
update_task (McpServer         *self,
             McpRequestContext *context,
             McpTaskRun        *run,
             JsonObject        *record)
{
  JsonObject *responses = mcp_json_get_object (mcp_request_context_get_params (context),
                                               "inputResponses");
  g_autoptr(GPtrArray) answered = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GError) error = NULL;

  if (responses == NULL)
    {
      mcp_server_reply_error_literal (self, context, MCP_ERROR_INVALID_PARAMS,
                                      "Invalid params: “inputResponses” must be an object");
      return;
    }

  /* Check every answer before taking any. */
  if (!check_answers (mcp_json_get_object (record, "inputRequests"),
                      run != NULL ? run->waiting : NULL, responses, &error))
    {
      mcp_server_reply_error (self, context, error);
      return;
    }

  if (run == NULL)
    {
      /* The task runs in another process, which takes the answers when
       * they reach it on the bus. Answers for keys not outstanding are
       * ignored there. */
      if (g_strcmp0 (mcp_json_get_string (record, "status"), "input_required") == 0)
        {
          g_autoptr(JsonObject) payload = json_object_new ();

          json_object_set_object_member (payload, "inputResponses", json_object_ref (responses));
          mcp_server_publish (self, MCP_EVENT_TASK_INPUT, mcp_json_get_string (record, "taskId"),
                              payload);
        }
      mcp_server_reply (self, context, json_object_new ());
      return;
    }

  take_answers (run, responses, answered, answers);
  mcp_server_reply (self, context, json_object_new ());

  /* The handler goes on once the client has its acknowledgement. */
  complete_answers (answered, answers);
}

/* tasks/update: answers to the task's input requests */
void
mcp_server_handle_tasks_update (McpServer         *self,
                                McpRequestContext *context)
{
  find_task (self, context, update_task);
}

/* A client answered, through another process, input requests of a task
 * this one runs. The other process checked the answers against the
 * record it read; they are checked again against what waits here. */
void
mcp_server_task_answered_elsewhere (McpServer  *self,
                                    const char *task_id,
                                    JsonObject *payload)
{
  McpTaskRun *run = g_hash_table_lookup (mcp_server_get_task_runs (self), task_id);
  JsonObject *responses = mcp_json_get_object (payload, "inputResponses");
  g_autoptr(GPtrArray) answered = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr(GError) error = NULL;

  if (run == NULL || run->ended || responses == NULL)
    return;

  if (!check_answers (mcp_json_get_object (run->record, "inputRequests"), run->waiting,
                      responses, &error))
    {
      g_debug ("Answers to the task %s from another process are not valid: %s",
               task_id, error->message);
      return;
    }

  take_answers (run, responses, answered, answers);
  complete_answers (answered, answers);
}

/* Listeners of tasks that run in another process hear of a lapsed lease
 * even when nobody polls: while a listen stream of this process waits on
 * task ids it does not run, their records are read once per lease, and a
 * lapsed one is failed (saved first, then announced everywhere). */

typedef struct
{
  McpServer  *server;
  char       *task_id;
  JsonObject *record;
} SweepData;

static void
sweep_data_free (SweepData *data)
{
  g_clear_object (&data->server);
  g_clear_pointer (&data->record, json_object_unref);
  g_free (data->task_id);
  g_free (data);
}

static void
sweep_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SweepData *data = user_data;

  if (mcp_task_store_save_finish (MCP_TASK_STORE (object), result, NULL))
    {
      g_warning ("The task %s failed: the process running it stopped renewing its lease",
                 data->task_id);
      publish_status (data->server, data->task_id, data->record);
    }

  sweep_data_free (data);
}

static void
sweep_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SweepData *data = user_data;

  data->record = mcp_task_store_load_finish (MCP_TASK_STORE (object), result, NULL);
  if (data->record == NULL || !lease_lapsed (data->record) ||
      g_hash_table_contains (mcp_server_get_task_runs (data->server), data->task_id))
    {
      sweep_data_free (data);
      return;
    }

  record_fail_lapsed (data->record);
  mcp_task_store_save_async (MCP_TASK_STORE (object), data->task_id, data->record,
                             record_get_ms (data->record, PRIVATE_EXPIRES), NULL,
                             sweep_saved_cb, data);
}

static gboolean
sweep_leases_cb (gpointer user_data)
{
  McpServer *self = user_data;
  g_autoptr(GHashTable) task_ids = mcp_server_get_listened_task_ids (self);
  GHashTable *runs = mcp_server_get_task_runs (self);
  GHashTableIter iter;
  const char *task_id;

  if (g_hash_table_size (task_ids) == 0 || mcp_server_get_task_lease (self) == 0)
    {
      mcp_server_set_lease_sweep (self, NULL);
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, task_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *)&task_id, NULL))
    {
      SweepData *data;

      /* Ids of no task of ours cost no load. */
      if (g_hash_table_contains (runs, task_id) || !mcp_server_is_task_id (task_id))
        continue;
      data = g_new0 (SweepData, 1);
      data->server = g_object_ref (self);
      data->task_id = g_strdup (task_id);
      mcp_task_store_load_async (mcp_server_get_task_store (self), task_id, NULL,
                                 sweep_loaded_cb, data);
    }

  return G_SOURCE_CONTINUE;
}

/* A listen stream waits on task ids: watch their leases. */
void
mcp_server_watch_task_leases (McpServer *self)
{
  guint lease = mcp_server_get_task_lease (self);
  GSource *source;

  if (lease == 0 || mcp_server_get_lease_sweep (self) != NULL)
    return;

  source = g_timeout_source_new (lease);
  g_source_set_static_name (source, "[makemcp-glib] task leases");
  g_source_set_callback (source, sweep_leases_cb, self, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  mcp_server_set_lease_sweep (self, source);
  g_source_unref (source);
}
