/* mcp-server.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <girepository.h>

#include "mcp-content-private.h"
#include "mcp-error.h"
#include "mcp-http-transport-private.h"
#include "mcp-memory-task-store.h"
#include "mcp-json-private.h"
#include "mcp-prompt-private.h"
#include "mcp-protocol-private.h"
#include "mcp-provider-tool-private.h"
#include "mcp-redis-backend.h"
#include "mcp-resource-private.h"
#include "mcp-server-private.h"
#include "mcp-signer-private.h"
#include "mcp-stdio-transport.h"
#include "mcp-tool-private.h"
#include "mcp-util-private.h"

/**
 * McpServer:
 *
 * An MCP server: its identity, the tools (and resources and prompts) it
 * offers, and the dual-era protocol core that serves them.
 *
 * A server speaks the stateless 2026-07-28 revision and the
 * handshake-based revisions 2025-11-25, 2025-06-18, 2025-03-26 and
 * 2024-11-05 at the same time, on every transport, from the same
 * registrations: a request that carries its protocol version in `_meta` is
 * served on its own, and an `initialize` request opens a legacy session.
 * Handlers see one [class@Mcp.RequestContext] either way.
 *
 * ```c
 * int
 * main (int argc, char *argv[])
 * {
 *   g_autoptr(McpServer) server = mcp_server_new ("demo", "1.0.0");
 *
 *   mcp_server_add_tool (server, make_add_tool ());
 *   return mcp_server_run (server, argc, argv);
 * }
 * ```
 *
 * Everything runs on the thread-default [struct@GLib.MainContext] of the
 * thread that uses the server; nothing blocks it, and many requests are in
 * flight at once.
 */

struct _McpServer
{
  GObject     parent_instance;

  char       *name;
  char       *version;
  char       *title;
  char       *description;
  char       *website_url;
  char       *instructions;
  JsonArray  *icons;

  McpRegistry tools;
  McpRegistry prompts;
  McpRegistry resources;
  McpRegistry templates;

  GPtrArray  *listeners;      /* McpListener, subscriptions/listen requests */

  /* List changes made by changing registered objects, published together
   * from an idle so that several changes give one notification. */
  GSource    *changes_source;
  guint       tools_changed_pending : 1;
  guint       prompts_changed_pending : 1;
  guint       resources_changed_pending : 1;

  GPtrArray  *sessions;       /* McpSession, not owned */

  guint       tools_frozen;   /* mcp_server_freeze_tools_changed() depth */
  guint       tools_dirty : 1;

  gsize       max_message_size;
  guint       max_json_depth;
  guint       page_size;
  guint       list_ttl;
  guint       client_request_timeout;
  guint       input_state_ttl;
  guint       max_in_flight;

  McpSigner  *signer;

  McpTaskStore *task_store;
  GHashTable *task_runs;      /* task id → McpTaskRun, tasks this process runs */
  JsonObject *modern_meta;    /* sealed {serverInfo} of 2026-07-28 results, built once */
  char       *modern_meta_text;   /* and as JSON text */
  GString    *spare_answer;       /* for mcp_server_take_answer_buffer() */
  McpCheckedMeta checked_meta;
  guint       task_ttl;
  guint       task_poll_interval;
  guint       task_lease;
  guint       failing_task_saves;  /* runs whose last save failed */

  McpEventBus *event_bus;
  gulong      event_handler;
  GSource    *lease_sweep;    /* leases of the tasks listeners wait on */
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_VERSION,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_WEBSITE_URL,
  PROP_INSTRUCTIONS,
  PROP_PAGE_SIZE,
  PROP_LIST_TTL,
  PROP_MAX_MESSAGE_SIZE,
  PROP_MAX_JSON_DEPTH,
  PROP_CLIENT_REQUEST_TIMEOUT,
  PROP_INPUT_STATE_TTL,
  PROP_MAX_IN_FLIGHT,
  PROP_TASK_TTL,
  PROP_TASK_POLL_INTERVAL,
  PROP_TASK_LEASE,
  PROP_EVENT_BUS,
  N_PROPS
};

enum {
  TOOLS_CHANGED,
  PROMPTS_CHANGED,
  RESOURCES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McpServer, mcp_server, G_TYPE_OBJECT)

static void mcp_server_queue_tools_changed     (McpServer *self);
static void mcp_server_queue_prompts_changed   (McpServer *self);
static void mcp_server_queue_resources_changed (McpServer *self);
static void mcp_server_forget_modern_meta      (McpServer *self);

static void
mcp_server_dispose (GObject *object)
{
  McpServer *self = (McpServer *)object;

  if (self->event_bus != NULL)
    g_clear_signal_handler (&self->event_handler, self->event_bus);
  mcp_server_set_lease_sweep (self, NULL);
  if (self->changes_source != NULL)
    {
      g_source_destroy (self->changes_source);
      g_clear_pointer (&self->changes_source, g_source_unref);
    }
  mcp_registry_clear (&self->tools);
  mcp_registry_clear (&self->prompts);
  if (self->resources.items != NULL)
    {
      g_autoptr(GPtrArray) resources = mcp_registry_list (&self->resources);

      for (guint i = 0; i < resources->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (resources, i), self);
    }
  mcp_registry_clear (&self->resources);
  mcp_registry_clear (&self->templates);
  g_clear_pointer (&self->listeners, g_ptr_array_unref);
  g_clear_pointer (&self->task_runs, g_hash_table_unref);
  g_clear_object (&self->task_store);
  g_clear_object (&self->event_bus);

  G_OBJECT_CLASS (mcp_server_parent_class)->dispose (object);
}

static void
mcp_server_finalize (GObject *object)
{
  McpServer *self = (McpServer *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->website_url, g_free);
  g_clear_pointer (&self->instructions, g_free);
  g_clear_pointer (&self->icons, json_array_unref);
  mcp_server_forget_modern_meta (self);
  g_clear_pointer (&self->checked_meta.meta, json_object_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->signer, mcp_signer_free);
  if (self->spare_answer != NULL)
    g_string_free (self->spare_answer, TRUE);

  G_OBJECT_CLASS (mcp_server_parent_class)->finalize (object);
}

static void
mcp_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpServer *self = MCP_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_WEBSITE_URL:
      g_value_set_string (value, self->website_url);
      break;

    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_LIST_TTL:
      g_value_set_uint (value, self->list_ttl);
      break;

    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;

    case PROP_MAX_JSON_DEPTH:
      g_value_set_uint (value, self->max_json_depth);
      break;

    case PROP_CLIENT_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->client_request_timeout);
      break;

    case PROP_INPUT_STATE_TTL:
      g_value_set_uint (value, self->input_state_ttl);
      break;

    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;

    case PROP_TASK_TTL:
      g_value_set_uint (value, self->task_ttl);
      break;

    case PROP_TASK_POLL_INTERVAL:
      g_value_set_uint (value, self->task_poll_interval);
      break;

    case PROP_TASK_LEASE:
      g_value_set_uint (value, self->task_lease);
      break;

    case PROP_EVENT_BUS:
      g_value_set_object (value, self->event_bus);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_server_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpServer *self = MCP_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_VERSION:
      self->version = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      mcp_server_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      mcp_server_set_description (self, g_value_get_string (value));
      break;

    case PROP_WEBSITE_URL:
      mcp_server_set_website_url (self, g_value_get_string (value));
      break;

    case PROP_INSTRUCTIONS:
      mcp_server_set_instructions (self, g_value_get_string (value));
      break;

    case PROP_PAGE_SIZE:
      mcp_server_set_page_size (self, g_value_get_uint (value));
      break;

    case PROP_LIST_TTL:
      mcp_server_set_list_ttl (self, g_value_get_uint (value));
      break;

    case PROP_MAX_MESSAGE_SIZE:
      mcp_server_set_max_message_size (self, g_value_get_uint64 (value));
      break;

    case PROP_MAX_JSON_DEPTH:
      mcp_server_set_max_json_depth (self, g_value_get_uint (value));
      break;

    case PROP_CLIENT_REQUEST_TIMEOUT:
      mcp_server_set_client_request_timeout (self, g_value_get_uint (value));
      break;

    case PROP_INPUT_STATE_TTL:
      mcp_server_set_input_state_ttl (self, g_value_get_uint (value));
      break;

    case PROP_MAX_IN_FLIGHT:
      mcp_server_set_max_in_flight (self, g_value_get_uint (value));
      break;

    case PROP_TASK_TTL:
      mcp_server_set_task_ttl (self, g_value_get_uint (value));
      break;

    case PROP_TASK_POLL_INTERVAL:
      mcp_server_set_task_poll_interval (self, g_value_get_uint (value));
      break;

    case PROP_TASK_LEASE:
      mcp_server_set_task_lease (self, g_value_get_uint (value));
      break;

    case PROP_EVENT_BUS:
      mcp_server_set_event_bus (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_server_constructed (GObject *object)
{
  McpServer *self = MCP_SERVER (object);

  G_OBJECT_CLASS (mcp_server_parent_class)->constructed (object);

  if (self->name == NULL)
    self->name = g_strdup (g_get_prgname () != NULL ? g_get_prgname () : "makemcp-glib-server");
  if (self->version == NULL)
    self->version = g_strdup ("0.0.0");
}

static void
mcp_server_class_init (McpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mcp_server_constructed;
  object_class->dispose = mcp_server_dispose;
  object_class->finalize = mcp_server_finalize;
  object_class->get_property = mcp_server_get_property;
  object_class->set_property = mcp_server_set_property;

  /**
   * McpServer:name:
   *
   * The name of the server software (`serverInfo.name`).
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:version:
   *
   * The version of the server software (`serverInfo.version`).
   */
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:title:
   *
   * A human readable name of the server for display (`serverInfo.title`).
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:description:
   *
   * What the server does (`serverInfo.description`, 2025-11-25 and later).
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:website-url:
   *
   * The address of the server's website (`serverInfo.websiteUrl`,
   * 2025-11-25 and later).
   */
  properties[PROP_WEBSITE_URL] =
    g_param_spec_string ("website-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:instructions:
   *
   * Guidance for the model on how to use the server, sent in the
   * `initialize` and `server/discover` results.
   */
  properties[PROP_INSTRUCTIONS] =
    g_param_spec_string ("instructions", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:page-size:
   *
   * The most items one page of `tools/list` (and the other lists) holds;
   * longer lists continue with `nextCursor`. 0 sends every item at once.
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:list-ttl:
   *
   * How long, in milliseconds, a 2026-07-28 client may consider
   * `server/discover` and the lists fresh (`ttlMs`). List changes are also
   * announced, so this is only a hint for clients that do not listen.
   */
  properties[PROP_LIST_TTL] =
    g_param_spec_uint ("list-ttl", NULL, NULL,
                       0, G_MAXUINT, 60000,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:max-message-size:
   *
   * The largest message, in bytes, a transport accepts from a client. A
   * larger one is answered with an error and skipped; the connection goes
   * on.
   */
  properties[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL,
                         64, G_MAXSIZE, 16 * 1024 * 1024,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:max-json-depth:
   *
   * The deepest nesting of arrays and objects accepted in a message. Deeper
   * messages are rejected before they are parsed.
   */
  properties[PROP_MAX_JSON_DEPTH] =
    g_param_spec_uint ("max-json-depth", NULL, NULL,
                       2, 10000, 128,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:client-request-timeout:
   *
   * How long, in milliseconds, the server waits for a legacy client to
   * answer a request the server sent it (ping, sampling, elicitation). 0
   * waits forever.
   */
  properties[PROP_CLIENT_REQUEST_TIMEOUT] =
    g_param_spec_uint ("client-request-timeout", NULL, NULL,
                       0, G_MAXUINT, 60000,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:input-state-ttl:
   *
   * How long, in seconds, a 2026-07-28 client has to retry a request that
   * asked for input: the `requestState` the server gives it expires then.
   */
  properties[PROP_INPUT_STATE_TTL] =
    g_param_spec_uint ("input-state-ttl", NULL, NULL,
                       1, G_MAXUINT, 900,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:max-in-flight:
   *
   * The most requests one connection (a stdio process, a legacy HTTP
   * session) may have in flight at once; more are refused with an
   * internal error until some finish, so that one client cannot make the
   * server hold unbounded work.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, G_MAXUINT, 16384,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:task-ttl:
   *
   * How long, in milliseconds, a task (`io.modelcontextprotocol/tasks`) and
   * its result are kept after it is created (`ttlMs`). 0 keeps them until
   * the server goes away.
   */
  properties[PROP_TASK_TTL] =
    g_param_spec_uint ("task-ttl", NULL, NULL,
                       0, G_MAXUINT, 3600000,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:task-poll-interval:
   *
   * How often, in milliseconds, clients are asked to poll a task
   * (`pollIntervalMs`).
   */
  properties[PROP_TASK_POLL_INTERVAL] =
    g_param_spec_uint ("task-poll-interval", NULL, NULL,
                       1, G_MAXUINT, 1000,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:task-lease:
   *
   * How long, in milliseconds, the record of a running task vouches for
   * the process that runs it. That process renews the lease (saves the
   * record again) three times per lease; a process that reads a record
   * whose lease lapsed, because the process running it died or lost its
   * store, turns the task `failed`. 0 means no lease: right when one
   * process keeps its tasks to itself. Otherwise the lease is at least
   * 1000 ms: a shorter one would have the record saved every few
   * milliseconds.
   *
   * Give every server process sharing a [iface@Mcp.TaskStore] the same
   * lease, well above the longest pause a busy process or its store may
   * have, and keep their clocks in step.
   */
  properties[PROP_TASK_LEASE] =
    g_param_spec_uint ("task-lease", NULL, NULL,
                       0, G_MAXUINT, 30000,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * McpServer:event-bus:
   *
   * The bus the server publishes its changes on and hears them from, see
   * [method@Mcp.Server.set_event_bus].
   */
  properties[PROP_EVENT_BUS] =
    g_param_spec_object ("event-bus", NULL, NULL,
                         MCP_TYPE_EVENT_BUS,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpServer::tools-changed:
   * @self: a #McpServer
   *
   * Emitted when a tool was added or removed, and (once per main loop
   * iteration) when registered tools changed what `tools/list` shows.
   * Clients that listen are sent `notifications/tools/list_changed`.
   */
  signals[TOOLS_CHANGED] =
    g_signal_new ("tools-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpServer::prompts-changed:
   * @self: a #McpServer
   *
   * Emitted when a prompt was added or removed, and (once per main loop
   * iteration) when registered prompts changed. Clients that listen are
   * sent `notifications/prompts/list_changed`.
   */
  signals[PROMPTS_CHANGED] =
    g_signal_new ("prompts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpServer::resources-changed:
   * @self: a #McpServer
   *
   * Emitted when a resource or a resource template was added or removed,
   * and (once per main loop iteration) when registered ones changed what
   * their lists show. Clients that listen are sent
   * `notifications/resources/list_changed`.
   */
  signals[RESOURCES_CHANGED] =
    g_signal_new ("resources-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

/* What the bus brings, from this process or another one. */
static void
mcp_server_event_cb (McpEventBus  *bus,
                     McpEventKind  kind,
                     const char   *key,
                     JsonObject   *payload,
                     McpServer    *self)
{
  switch (kind)
    {
    case MCP_EVENT_TASK_CANCEL:
      if (key != NULL)
        mcp_server_task_cancelled_elsewhere (self, key);
      break;

    case MCP_EVENT_TASK_INPUT:
      if (key != NULL && payload != NULL)
        mcp_server_task_answered_elsewhere (self, key, payload);
      break;

    case MCP_EVENT_TOOLS_CHANGED:
    case MCP_EVENT_PROMPTS_CHANGED:
    case MCP_EVENT_RESOURCES_CHANGED:
    case MCP_EVENT_RESOURCE_UPDATED:
    case MCP_EVENT_TASK_STATUS:
    default:
      mcp_server_deliver (self, kind, key, payload);
      break;
    }
}

static void
mcp_server_init (McpServer *self)
{
  mcp_registry_init (&self->tools, (McpKeyFunc)mcp_tool_get_name,
                     (McpChangedFunc)mcp_server_queue_tools_changed, self);
  mcp_registry_init (&self->prompts, (McpKeyFunc)mcp_prompt_get_name,
                     (McpChangedFunc)mcp_server_queue_prompts_changed, self);
  mcp_registry_init (&self->resources, (McpKeyFunc)mcp_resource_get_uri,
                     (McpChangedFunc)mcp_server_queue_resources_changed, self);
  mcp_registry_init (&self->templates, (McpKeyFunc)mcp_resource_template_get_uri_template,
                     (McpChangedFunc)mcp_server_queue_resources_changed, self);
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_listener_free);
  self->sessions = g_ptr_array_new ();
  self->max_message_size = 16 * 1024 * 1024;
  self->max_json_depth = 128;
  self->list_ttl = 60000;
  self->client_request_timeout = 60000;
  self->input_state_ttl = 900;
  self->max_in_flight = 16384;
  self->signer = mcp_signer_new ();
  self->task_store = mcp_memory_task_store_new ();
  self->task_runs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify)mcp_task_run_release);
  self->task_ttl = 3600000;
  self->task_poll_interval = 1000;
  self->task_lease = 30000;
  self->event_bus = mcp_memory_event_bus_new ();
  self->event_handler = g_signal_connect (self->event_bus, "event",
                                          G_CALLBACK (mcp_server_event_cb), self);
}

/**
 * mcp_server_new:
 * @name: the name of the server software
 * @version: its version
 *
 * Creates a server with no tools.
 *
 * Returns: (transfer full): a new #McpServer
 */
McpServer *
mcp_server_new (const char *name,
                const char *version)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  return g_object_new (MCP_TYPE_SERVER,
                       "name", name,
                       "version", version,
                       NULL);
}

/**
 * mcp_server_get_name:
 * @self: a #McpServer
 *
 * Gets the name of the server software.
 *
 * Returns: the name
 */
const char *
mcp_server_get_name (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->name;
}

/**
 * mcp_server_get_version:
 * @self: a #McpServer
 *
 * Gets the version of the server software.
 *
 * Returns: the version
 */
const char *
mcp_server_get_version (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->version;
}

#define DEFINE_STRING_PROPERTY(field, PROP)                                   \
const char *                                                                  \
mcp_server_get_##field (McpServer *self)                                      \
{                                                                             \
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);                          \
  return self->field;                                                         \
}                                                                             \
                                                                              \
void                                                                          \
mcp_server_set_##field (McpServer  *self,                                     \
                        const char *value)                                    \
{                                                                             \
  g_return_if_fail (MCP_IS_SERVER (self));                                    \
  if (mcp_set_str (&self->field, value))                                      \
    {                                                                         \
      mcp_server_forget_modern_meta (self);                                   \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
    }                                                                         \
}

/**
 * mcp_server_get_title:
 * @self: a #McpServer
 *
 * Gets the display title of the server.
 *
 * Returns: (nullable): the title
 */
/**
 * mcp_server_set_title:
 * @self: a #McpServer
 * @title: (nullable): the title
 *
 * Sets the display title of the server.
 */
DEFINE_STRING_PROPERTY (title, PROP_TITLE)

/**
 * mcp_server_get_description:
 * @self: a #McpServer
 *
 * Gets the description of the server.
 *
 * Returns: (nullable): the description
 */
/**
 * mcp_server_set_description:
 * @self: a #McpServer
 * @description: (nullable): the description
 *
 * Sets the description of the server.
 */
DEFINE_STRING_PROPERTY (description, PROP_DESCRIPTION)

/**
 * mcp_server_get_website_url:
 * @self: a #McpServer
 *
 * Gets the address of the server's website.
 *
 * Returns: (nullable): the address
 */
/**
 * mcp_server_set_website_url:
 * @self: a #McpServer
 * @website_url: (nullable): the address
 *
 * Sets the address of the server's website.
 */
DEFINE_STRING_PROPERTY (website_url, PROP_WEBSITE_URL)

/**
 * mcp_server_get_instructions:
 * @self: a #McpServer
 *
 * Gets the instructions for the model.
 *
 * Returns: (nullable): the instructions
 */
/**
 * mcp_server_set_instructions:
 * @self: a #McpServer
 * @instructions: (nullable): the instructions
 *
 * Sets the instructions for the model.
 */
DEFINE_STRING_PROPERTY (instructions, PROP_INSTRUCTIONS)

#undef DEFINE_STRING_PROPERTY

/**
 * mcp_server_add_icon:
 * @self: a #McpServer
 * @src: the URI of the icon
 * @mime_type: (nullable): its MIME type
 * @sizes: (nullable) (array zero-terminated=1): its sizes
 * @theme: (nullable): `"light"` or `"dark"`
 *
 * Adds an icon to the server's `serverInfo`.
 */
void
mcp_server_add_icon (McpServer          *self,
                     const char         *src,
                     const char         *mime_type,
                     const char * const *sizes,
                     const char         *theme)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (src != NULL);

  if (self->icons == NULL)
    self->icons = json_array_new ();
  json_array_add_object_element (self->icons, mcp_icon_new (src, mime_type, sizes, theme));
  mcp_server_forget_modern_meta (self);
}

#define DEFINE_UINT_PROPERTY(type, field, PROP)                               \
type                                                                          \
mcp_server_get_##field (McpServer *self)                                      \
{                                                                             \
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);                             \
  return self->field;                                                         \
}                                                                             \
                                                                              \
void                                                                          \
mcp_server_set_##field (McpServer *self,                                      \
                        type       value)                                     \
{                                                                             \
  g_return_if_fail (MCP_IS_SERVER (self));                                    \
  if (self->field != value)                                                   \
    {                                                                         \
      self->field = value;                                                    \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
    }                                                                         \
}

/**
 * mcp_server_get_page_size:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:page-size].
 *
 * Returns: the page size, 0 for no pagination
 */
/**
 * mcp_server_set_page_size:
 * @self: a #McpServer
 * @page_size: the page size, 0 for no pagination
 *
 * Sets [property@Mcp.Server:page-size].
 */
DEFINE_UINT_PROPERTY (guint, page_size, PROP_PAGE_SIZE)

/**
 * mcp_server_get_list_ttl:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:list-ttl].
 *
 * Returns: the time to live of lists, in milliseconds
 */
/**
 * mcp_server_set_list_ttl:
 * @self: a #McpServer
 * @ttl_ms: the time to live of lists, in milliseconds
 *
 * Sets [property@Mcp.Server:list-ttl].
 */
DEFINE_UINT_PROPERTY (guint, list_ttl, PROP_LIST_TTL)

/**
 * mcp_server_get_max_message_size:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:max-message-size].
 *
 * Returns: the largest message accepted, in bytes
 */
/**
 * mcp_server_set_max_message_size:
 * @self: a #McpServer
 * @max_message_size: the largest message accepted, in bytes
 *
 * Sets [property@Mcp.Server:max-message-size].
 */
DEFINE_UINT_PROPERTY (gsize, max_message_size, PROP_MAX_MESSAGE_SIZE)

/**
 * mcp_server_get_max_json_depth:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:max-json-depth].
 *
 * Returns: the deepest nesting accepted
 */
/**
 * mcp_server_set_max_json_depth:
 * @self: a #McpServer
 * @max_json_depth: the deepest nesting accepted
 *
 * Sets [property@Mcp.Server:max-json-depth].
 */
DEFINE_UINT_PROPERTY (guint, max_json_depth, PROP_MAX_JSON_DEPTH)

/**
 * mcp_server_get_client_request_timeout:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:client-request-timeout].
 *
 * Returns: the timeout in milliseconds, 0 for none
 */
/**
 * mcp_server_set_client_request_timeout:
 * @self: a #McpServer
 * @timeout_ms: the timeout in milliseconds, 0 for none
 *
 * Sets [property@Mcp.Server:client-request-timeout].
 */
DEFINE_UINT_PROPERTY (guint, client_request_timeout, PROP_CLIENT_REQUEST_TIMEOUT)

/**
 * mcp_server_get_input_state_ttl:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:input-state-ttl].
 *
 * Returns: the lifetime of a `requestState`, in seconds
 */
/**
 * mcp_server_set_input_state_ttl:
 * @self: a #McpServer
 * @ttl_seconds: the lifetime of a `requestState`, in seconds
 *
 * Sets [property@Mcp.Server:input-state-ttl].
 */
DEFINE_UINT_PROPERTY (guint, input_state_ttl, PROP_INPUT_STATE_TTL)

/**
 * mcp_server_get_max_in_flight:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:max-in-flight].
 *
 * Returns: the most requests in flight per connection
 */
/**
 * mcp_server_set_max_in_flight:
 * @self: a #McpServer
 * @max_in_flight: the most requests in flight per connection
 *
 * Sets [property@Mcp.Server:max-in-flight].
 */
DEFINE_UINT_PROPERTY (guint, max_in_flight, PROP_MAX_IN_FLIGHT)

/**
 * mcp_server_get_task_ttl:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:task-ttl].
 *
 * Returns: the lifetime of tasks, in milliseconds
 */
/**
 * mcp_server_set_task_ttl:
 * @self: a #McpServer
 * @ttl_ms: the lifetime of tasks, in milliseconds
 *
 * Sets [property@Mcp.Server:task-ttl].
 */
DEFINE_UINT_PROPERTY (guint, task_ttl, PROP_TASK_TTL)

/**
 * mcp_server_get_task_poll_interval:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:task-poll-interval].
 *
 * Returns: the polling interval, in milliseconds
 */
/**
 * mcp_server_set_task_poll_interval:
 * @self: a #McpServer
 * @interval_ms: the polling interval, in milliseconds
 *
 * Sets [property@Mcp.Server:task-poll-interval].
 */
DEFINE_UINT_PROPERTY (guint, task_poll_interval, PROP_TASK_POLL_INTERVAL)

/**
 * mcp_server_get_task_store:
 * @self: a #McpServer
 *
 * Gets the store the server keeps its tasks in.
 *
 * Returns: (transfer none): the task store
 */
McpTaskStore *
mcp_server_get_task_store (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->task_store;
}

/**
 * mcp_server_set_task_store:
 * @self: a #McpServer
 * @store: a #McpTaskStore
 *
 * Makes the server keep its tasks in @store instead of its own
 * [class@Mcp.MemoryTaskStore], for instance a store several server
 * processes share. Set it before the first task is created.
 */
void
mcp_server_set_task_store (McpServer    *self,
                           McpTaskStore *store)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TASK_STORE (store));

  g_set_object (&self->task_store, store);
}

/**
 * mcp_server_get_task_lease:
 * @self: a #McpServer
 *
 * Gets [property@Mcp.Server:task-lease].
 *
 * Returns: the lease of running tasks, in milliseconds
 */
guint
mcp_server_get_task_lease (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);
  return self->task_lease;
}

/**
 * mcp_server_set_task_lease:
 * @self: a #McpServer
 * @lease_ms: the lease of running tasks, in milliseconds: 0 for none, else
 *   at least 1000
 *
 * Sets [property@Mcp.Server:task-lease]. Tasks that run already keep the
 * lease they started with.
 */
void
mcp_server_set_task_lease (McpServer *self,
                           guint      lease_ms)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (lease_ms == 0 || lease_ms >= MCP_SERVER_TASK_LEASE_MIN_MS);

  if (self->task_lease != lease_ms)
    {
      self->task_lease = lease_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_LEASE]);
    }
}

/**
 * mcp_server_get_event_bus:
 * @self: a #McpServer
 *
 * Gets the bus the server announces its changes on.
 *
 * Returns: (transfer none): the event bus
 */
McpEventBus *
mcp_server_get_event_bus (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->event_bus;
}

/**
 * mcp_server_set_event_bus:
 * @self: a #McpServer
 * @bus: a #McpEventBus
 *
 * Makes the server announce its changes (list changes, resource updates,
 * the status of tasks) on @bus, and tell its clients what arrives there,
 * instead of on its own [class@Mcp.MemoryEventBus]. Server processes that
 * serve the same clients share a bus, such as [class@Mcp.RedisBackend],
 * so that a change raised in any of them reaches the listeners of all of
 * them; they share a [iface@Mcp.TaskStore] too, so that the bus also
 * carries `tasks/cancel` and `tasks/update` to the process that runs the
 * task.
 */
void
mcp_server_set_event_bus (McpServer   *self,
                          McpEventBus *bus)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_EVENT_BUS (bus));

  if (self->event_bus == bus)
    return;

  g_clear_signal_handler (&self->event_handler, self->event_bus);
  g_set_object (&self->event_bus, bus);
  self->event_handler = g_signal_connect (self->event_bus, "event",
                                          G_CALLBACK (mcp_server_event_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_BUS]);
}

GSource *
mcp_server_get_lease_sweep (McpServer *self)
{
  return self->lease_sweep;
}

void
mcp_server_set_lease_sweep (McpServer *self,
                            GSource   *source)
{
  if (self->lease_sweep == source)
    return;
  if (self->lease_sweep != NULL)
    {
      g_source_destroy (self->lease_sweep);
      g_source_unref (self->lease_sweep);
    }
  self->lease_sweep = source != NULL ? g_source_ref (source) : NULL;
}

GHashTable *
mcp_server_get_task_runs (McpServer *self)
{
  return self->task_runs;
}

/* How many runs of tasks wait to try a failed save again: an outage of
 * the task store is logged when it begins and when it ends. */
guint *
mcp_server_get_failing_task_saves (McpServer *self)
{
  return &self->failing_task_saves;
}

#undef DEFINE_UINT_PROPERTY

/* A list change published now also covers the changes of registered
 * objects queued before it. */
static void
mcp_server_tools_changed (McpServer *self)
{
  if (self->tools_frozen > 0)
    {
      self->tools_dirty = TRUE;
      return;
    }

  self->tools_changed_pending = FALSE;
  mcp_server_publish (self, MCP_EVENT_TOOLS_CHANGED, NULL, NULL);
  g_signal_emit (self, signals[TOOLS_CHANGED], 0);
}

static void
mcp_server_prompts_changed (McpServer *self)
{
  self->prompts_changed_pending = FALSE;
  mcp_server_publish (self, MCP_EVENT_PROMPTS_CHANGED, NULL, NULL);
  g_signal_emit (self, signals[PROMPTS_CHANGED], 0);
}

static void
mcp_server_resources_changed (McpServer *self)
{
  self->resources_changed_pending = FALSE;
  mcp_server_publish (self, MCP_EVENT_RESOURCES_CHANGED, NULL, NULL);
  g_signal_emit (self, signals[RESOURCES_CHANGED], 0);
}

static gboolean
mcp_server_publish_queued_changes (gpointer user_data)
{
  g_autoptr(McpServer) self = g_object_ref (user_data);

  g_clear_pointer (&self->changes_source, g_source_unref);

  /* Each may run application code (signal handlers) that queues more. */
  if (self->tools_changed_pending)
    mcp_server_tools_changed (self);
  if (self->prompts_changed_pending)
    mcp_server_prompts_changed (self);
  if (self->resources_changed_pending)
    mcp_server_resources_changed (self);

  return G_SOURCE_REMOVE;
}

/* A registered object changed what its list shows (McpRegistry calls
 * these on notify): every change made until the main loop runs again is
 * published once, from an idle on the thread-default main context. */
static void
mcp_server_queue_changes (McpServer *self)
{
  if (self->changes_source != NULL)
    return;

  self->changes_source = g_idle_source_new ();
  g_source_set_priority (self->changes_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->changes_source, mcp_server_publish_queued_changes, self, NULL);
  g_source_set_static_name (self->changes_source, "[makemcp-glib] list changes");
  g_source_attach (self->changes_source, g_main_context_get_thread_default ());
}

static void
mcp_server_queue_tools_changed (McpServer *self)
{
  self->tools_changed_pending = TRUE;
  mcp_server_queue_changes (self);
}

static void
mcp_server_queue_prompts_changed (McpServer *self)
{
  self->prompts_changed_pending = TRUE;
  mcp_server_queue_changes (self);
}

static void
mcp_server_queue_resources_changed (McpServer *self)
{
  self->resources_changed_pending = TRUE;
  mcp_server_queue_changes (self);
}

/**
 * mcp_server_add_tool:
 * @self: a #McpServer
 * @tool: a #McpTool
 *
 * Adds @tool to the server, replacing a tool of the same name. Clients
 * that listen for list changes are told at once. Adding the very tool
 * that is registered already does nothing.
 *
 * While @tool is registered, changing a property of it that `tools/list`
 * shows ([signal@GObject.Object::notify] of [property@Mcp.Tool:title],
 * [property@Mcp.Tool:description], [property@Mcp.Tool:input-schema],
 * [property@Mcp.Tool:meta], [property@Mcp.Tool:icons] and the others) is
 * announced too: all the changes made before the main loop runs again give
 * one `notifications/tools/list_changed` and one
 * [signal@Mcp.Server::tools-changed]. Properties that only say how the
 * tool runs ([property@Mcp.Tool:timeout],
 * [property@Mcp.Tool:run-in-thread], [property@Mcp.Tool:task-support],
 * [property@Mcp.Tool:auto-task]) are not announced, and neither is a
 * change made inside a #JsonObject the tool holds: set a new one.
 */
void
mcp_server_add_tool (McpServer *self,
                     McpTool   *tool)
{
  const char *name;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TOOL (tool));

  name = mcp_tool_get_name (tool);
  g_return_if_fail (name != NULL && name[0] != '\0');

  if (mcp_registry_add (&self->tools, tool))
    mcp_server_tools_changed (self);
}

/* Many changes of the tool list at once (a provider's tools) make one
 * notification: between freeze and thaw they are only recorded. */
void
mcp_server_freeze_tools_changed (McpServer *self)
{
  self->tools_frozen++;
}

void
mcp_server_thaw_tools_changed (McpServer *self)
{
  g_return_if_fail (self->tools_frozen > 0);

  if (--self->tools_frozen == 0 && self->tools_dirty)
    {
      self->tools_dirty = FALSE;
      mcp_server_tools_changed (self);
    }
}

/**
 * mcp_server_remove_tool:
 * @self: a #McpServer
 * @name: the name of a tool
 *
 * Removes the tool called @name. Clients that listen for list changes are
 * told.
 *
 * Returns: %TRUE if there was such a tool
 */
gboolean
mcp_server_remove_tool (McpServer  *self,
                        const char *name)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!mcp_registry_remove (&self->tools, name))
    return FALSE;

  mcp_server_tools_changed (self);
  return TRUE;
}

/**
 * mcp_server_lookup_tool:
 * @self: a #McpServer
 * @name: the name of a tool
 *
 * Looks up the tool called @name, in constant time.
 *
 * Returns: (transfer none) (nullable): the tool
 */
McpTool *
mcp_server_lookup_tool (McpServer  *self,
                        const char *name)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return mcp_registry_lookup (&self->tools, name);
}

/**
 * mcp_server_list_tools:
 * @self: a #McpServer
 *
 * Gets the server's tools, sorted by name (the order of `tools/list`).
 *
 * Returns: (transfer container) (element-type McpTool): the tools
 */
GPtrArray *
mcp_server_list_tools (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return mcp_registry_list (&self->tools);
}

McpSigner *
mcp_server_get_signer (McpServer *self)
{
  return self->signer;
}

/**
 * mcp_server_set_secret_key:
 * @self: a #McpServer
 * @key: at least 32 random bytes
 * @grace_seconds: how long the previous key stays valid
 *
 * Sets the key that signs what the server hands to clients and gets back:
 * the `requestState` of Multi Round-Trip Requests and the handles of
 * [method@Mcp.Server.mint_handle]. By default every server makes a random
 * key of its own when it starts; replicas that serve the same clients
 * must share one. What the previous key signed is still accepted for
 * @grace_seconds, so keys can be rotated without failing clients.
 */
void
mcp_server_set_secret_key (McpServer *self,
                           GBytes    *key,
                           guint      grace_seconds)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (g_bytes_get_size (key) >= 32);

  mcp_signer_set_key (self->signer, key, grace_seconds);
}

#define HANDLE_PURPOSE "handle:"

/**
 * mcp_server_mint_handle:
 * @self: a #McpServer
 * @kind: what the handle is for, such as `"basket"`; a handle verifies only
 *   for the same kind
 * @value: what the handle stands for, such as the key of a record
 * @ttl_seconds: how long the handle stays valid, in seconds; 0 for a
 *   handle that never expires (it stays valid for as long as the key
 *   that signed it)
 *
 * Mints a signed handle: an opaque string a tool returns so that later
 * calls can name per-client state, the way the 2026-07-28 protocol asks
 * (there are no sessions to hang state on). The handle carries @value and
 * an expiry under the server's secret key; a client cannot forge or alter
 * one, or make it live longer. It is not encrypted: do not put secrets in
 * @value.
 *
 * Returns: (transfer full): the handle
 */
char *
mcp_server_mint_handle (McpServer  *self,
                        const char *kind,
                        const char *value,
                        guint       ttl_seconds)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *purpose = NULL;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  purpose = g_strconcat (HANDLE_PURPOSE, kind, NULL);
  json_object_set_string_member (payload, "v", value);
  return mcp_signer_sign (self->signer, purpose, payload, ttl_seconds);
}

/**
 * mcp_server_verify_handle:
 * @self: a #McpServer
 * @kind: the kind the handle was minted for
 * @handle: a handle a client passed back
 * @error: return location for a #GError
 *
 * Checks a handle made by [method@Mcp.Server.mint_handle] and gives back
 * the value it carries. A handle that was altered, made for another kind
 * or by another key, or that expired, fails with
 * %MCP_REQUEST_ERROR_INVALID_HANDLE and a message a model can act on: a
 * tool that passes the error on gives the model a tool error (`isError`).
 *
 * Returns: (transfer full): the value of the handle
 */
char *
mcp_server_verify_handle (McpServer   *self,
                          const char  *kind,
                          const char  *handle,
                          GError     **error)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *purpose = NULL;
  const char *value;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (handle != NULL, NULL);

  purpose = g_strconcat (HANDLE_PURPOSE, kind, NULL);
  payload = mcp_signer_verify (self->signer, purpose, handle, &local_error);
  if (payload == NULL || (value = mcp_json_get_string (payload, "v")) == NULL)
    {
      g_set_error (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE,
                   "The %s handle is not valid (%s); create a new one",
                   kind, local_error != NULL ? local_error->message : "no value");
      return NULL;
    }

  return g_strdup (value);
}

McpRegistry *
mcp_server_get_tools (McpServer *self)
{
  return &self->tools;
}

McpRegistry *
mcp_server_get_prompts (McpServer *self)
{
  return &self->prompts;
}

McpRegistry *
mcp_server_get_resources (McpServer *self)
{
  return &self->resources;
}

McpRegistry *
mcp_server_get_templates (McpServer *self)
{
  return &self->templates;
}

GPtrArray *
mcp_server_get_sessions (McpServer *self)
{
  return self->sessions;
}

GPtrArray *
mcp_server_get_listeners (McpServer *self)
{
  return self->listeners;
}

/**
 * mcp_server_add_prompt:
 * @self: a #McpServer
 * @prompt: a #McpPrompt
 *
 * Adds @prompt to the server, replacing a prompt of the same name.
 * Clients that listen for list changes are told at once. Adding the very
 * prompt that is registered already does nothing.
 *
 * While @prompt is registered, changing it (a [signal@GObject.Object::notify] of any of
 * its properties: its title, description, arguments, icons or `_meta`) is
 * announced as well, once for all the changes made before the main loop
 * runs again, as [method@Mcp.Server.add_tool] describes.
 */
void
mcp_server_add_prompt (McpServer *self,
                       McpPrompt *prompt)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_PROMPT (prompt));
  g_return_if_fail (mcp_prompt_get_name (prompt) != NULL);

  if (mcp_registry_add (&self->prompts, prompt))
    mcp_server_prompts_changed (self);
}

/**
 * mcp_server_remove_prompt:
 * @self: a #McpServer
 * @name: the name of a prompt
 *
 * Removes the prompt called @name.
 *
 * Returns: %TRUE if there was such a prompt
 */
gboolean
mcp_server_remove_prompt (McpServer  *self,
                          const char *name)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!mcp_registry_remove (&self->prompts, name))
    return FALSE;

  mcp_server_prompts_changed (self);
  return TRUE;
}

/**
 * mcp_server_lookup_prompt:
 * @self: a #McpServer
 * @name: the name of a prompt
 *
 * Looks up the prompt called @name.
 *
 * Returns: (transfer none) (nullable): the prompt
 */
McpPrompt *
mcp_server_lookup_prompt (McpServer  *self,
                          const char *name)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return mcp_registry_lookup (&self->prompts, name);
}

/**
 * mcp_server_list_prompts:
 * @self: a #McpServer
 *
 * Gets the server's prompts, sorted by name.
 *
 * Returns: (transfer container) (element-type McpPrompt): the prompts
 */
GPtrArray *
mcp_server_list_prompts (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return mcp_registry_list (&self->prompts);
}

static void
mcp_server_resource_updated_cb (McpResource *resource,
                                McpServer   *self)
{
  mcp_server_notify_resource_updated (self, mcp_resource_get_uri (resource));
}

/**
 * mcp_server_add_resource:
 * @self: a #McpServer
 * @resource: a #McpResource
 *
 * Adds @resource to the server, replacing a resource with the same URI.
 * Clients that listen for list changes are told at once, and from then on
 * [signal@Mcp.Resource::updated] reaches the clients that subscribed to it.
 * Adding the very resource that is registered already does nothing.
 *
 * While @resource is registered, changing a property that
 * `resources/list` shows (a [signal@GObject.Object::notify] of any property but
 * [property@Mcp.Resource:ttl] and [property@Mcp.Resource:cache-scope]) is
 * announced as well, once for all the changes made before the main loop
 * runs again, as [method@Mcp.Server.add_tool] describes. A change of the
 * contents is not a list change: see [method@Mcp.Resource.notify_updated].
 */
void
mcp_server_add_resource (McpServer   *self,
                         McpResource *resource)
{
  McpResource *previous;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE (resource));
  g_return_if_fail (mcp_resource_get_uri (resource) != NULL);

  previous = mcp_registry_lookup (&self->resources, mcp_resource_get_uri (resource));
  if (previous == resource)
    return;
  if (previous != NULL)
    g_signal_handlers_disconnect_by_data (previous, self);

  mcp_registry_add (&self->resources, resource);
  g_signal_connect (resource, "updated", G_CALLBACK (mcp_server_resource_updated_cb), self);
  mcp_server_resources_changed (self);
}

/**
 * mcp_server_remove_resource:
 * @self: a #McpServer
 * @uri: the URI of a resource
 *
 * Removes the resource at @uri.
 *
 * Returns: %TRUE if there was such a resource
 */
gboolean
mcp_server_remove_resource (McpServer  *self,
                            const char *uri)
{
  McpResource *resource;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if ((resource = mcp_registry_lookup (&self->resources, uri)) == NULL)
    return FALSE;

  g_signal_handlers_disconnect_by_data (resource, self);
  mcp_registry_remove (&self->resources, uri);
  mcp_server_resources_changed (self);
  return TRUE;
}

/**
 * mcp_server_lookup_resource:
 * @self: a #McpServer
 * @uri: the URI of a resource
 *
 * Looks up the (static) resource at @uri.
 *
 * Returns: (transfer none) (nullable): the resource
 */
McpResource *
mcp_server_lookup_resource (McpServer  *self,
                            const char *uri)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  return mcp_registry_lookup (&self->resources, uri);
}

/**
 * mcp_server_list_resources:
 * @self: a #McpServer
 *
 * Gets the server's resources, sorted by URI.
 *
 * Returns: (transfer container) (element-type McpResource): the resources
 */
GPtrArray *
mcp_server_list_resources (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return mcp_registry_list (&self->resources);
}

/**
 * mcp_server_add_resource_template:
 * @self: a #McpServer
 * @resource_template: a #McpResourceTemplate
 *
 * Adds @resource_template to the server, replacing a template with the
 * same URI template. Clients that listen for list changes are told at
 * once. Adding the very template that is registered already does nothing.
 *
 * While @resource_template is registered, changing a property that
 * `resources/templates/list` shows (a [signal@GObject.Object::notify] of any property but
 * [property@Mcp.ResourceTemplate:ttl] and
 * [property@Mcp.ResourceTemplate:cache-scope]) is announced as well, once
 * for all the changes made before the main loop runs again, as
 * [method@Mcp.Server.add_tool] describes.
 */
void
mcp_server_add_resource_template (McpServer           *self,
                                  McpResourceTemplate *resource_template)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (resource_template));
  g_return_if_fail (mcp_resource_template_get_uri_template (resource_template) != NULL);

  if (mcp_registry_add (&self->templates, resource_template))
    mcp_server_resources_changed (self);
}

/**
 * mcp_server_remove_resource_template:
 * @self: a #McpServer
 * @uri_template: the URI template of a resource template
 *
 * Removes the resource template with @uri_template.
 *
 * Returns: %TRUE if there was such a template
 */
gboolean
mcp_server_remove_resource_template (McpServer  *self,
                                     const char *uri_template)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (uri_template != NULL, FALSE);

  if (!mcp_registry_remove (&self->templates, uri_template))
    return FALSE;

  mcp_server_resources_changed (self);
  return TRUE;
}

/**
 * mcp_server_list_resource_templates:
 * @self: a #McpServer
 *
 * Gets the server's resource templates, sorted by URI template.
 *
 * Returns: (transfer container) (element-type McpResourceTemplate): the
 *   templates
 */
GPtrArray *
mcp_server_list_resource_templates (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return mcp_registry_list (&self->templates);
}

/**
 * mcp_server_notify_resource_updated:
 * @self: a #McpServer
 * @uri: the URI of a resource whose contents changed
 *
 * Tells every client that subscribed to @uri — a legacy session with
 * `resources/subscribe`, or a `subscriptions/listen` stream with
 * `resourceSubscriptions` — that it changed. @uri may be a resource of a
 * template as well as a registered resource.
 */
void
mcp_server_notify_resource_updated (McpServer  *self,
                                    const char *uri)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (uri != NULL);

  mcp_server_publish (self, MCP_EVENT_RESOURCE_UPDATED, uri, NULL);
}

void
mcp_server_add_session (McpServer  *self,
                        McpSession *session)
{
  g_ptr_array_add (self->sessions, session);
}

void
mcp_server_remove_session (McpServer  *self,
                           McpSession *session)
{
  g_ptr_array_remove_fast (self->sessions, session);
}

/* serverInfo, an Implementation object, shaped for @version. */
JsonObject *
mcp_server_build_server_info (McpServer  *self,
                              const char *version)
{
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "name", self->name);
  json_object_set_string_member (info, "version", self->version);
  if (mcp_protocol_version_at_least (version, MCP_SINCE_TITLE))
    mcp_json_object_set_string (info, "title", self->title);
  if (mcp_protocol_version_at_least (version, MCP_SINCE_ICONS))
    {
      mcp_json_object_set_string (info, "description", self->description);
      mcp_json_object_set_string (info, "websiteUrl", self->website_url);
      if (self->icons != NULL)
        json_object_set_array_member (info, "icons", json_array_ref (self->icons));
    }

  return info;
}

/* The `_meta` of every 2026-07-28 result that has none of its own:
 * {"io.modelcontextprotocol/serverInfo": …}, built once and sealed, so that
 * every answer can share it instead of building it anew. */
/* What serverInfo says changed: both forms are built again when asked. */
static void
mcp_server_forget_modern_meta (McpServer *self)
{
  g_clear_pointer (&self->modern_meta, json_object_unref);
  g_clear_pointer (&self->modern_meta_text, g_free);
}

JsonObject *
mcp_server_get_modern_meta (McpServer *self)
{
  if (self->modern_meta == NULL)
    {
      self->modern_meta = json_object_new ();
      json_object_set_object_member (self->modern_meta, MCP_META_SERVER_INFO,
                                     mcp_server_build_server_info (self, MCP_PROTOCOL_VERSION_LATEST));
      json_object_seal (self->modern_meta);
    }

  return self->modern_meta;
}

McpCheckedMeta *
mcp_server_get_checked_meta (McpServer *self)
{
  return &self->checked_meta;
}

/* mcp_server_get_modern_meta() as JSON text, for answers written as text. */
const char *
mcp_server_get_modern_meta_text (McpServer *self)
{
  if (self->modern_meta_text == NULL)
    self->modern_meta_text = mcp_json_object_to_string (mcp_server_get_modern_meta (self));

  return self->modern_meta_text;
}

/* An empty buffer to write an answer into, which goes back with
 * mcp_server_give_answer_buffer(): one is kept, so answers written one
 * after the other allocate nothing. Any thread may take one. */
GString *
mcp_server_take_answer_buffer (McpServer *self)
{
  GString *buffer = g_atomic_pointer_exchange (&self->spare_answer, NULL);

  return buffer != NULL ? buffer : g_string_sized_new (256);
}

void
mcp_server_give_answer_buffer (McpServer *self,
                               GString   *buffer)
{
  /* Kept unless a large answer made it large, or one is kept already. */
  g_string_truncate (buffer, 0);
  if (buffer->allocated_len > 64 * 1024 ||
      !g_atomic_pointer_compare_and_exchange (&self->spare_answer, NULL, buffer))
    g_string_free (buffer, TRUE);
}

static gboolean
mcp_server_has_completions (McpServer *self)
{
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->prompts.items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    if (mcp_prompt_has_completion (g_sequence_get (iter)))
      return TRUE;

  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->templates.items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    if (mcp_resource_template_has_completion (g_sequence_get (iter)))
      return TRUE;

  return FALSE;
}

static gboolean
mcp_server_has_task_tools (McpServer *self)
{
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->tools.items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    if (mcp_tool_get_task_support (g_sequence_get (iter)) != MCP_TASK_SUPPORT_FORBIDDEN)
      return TRUE;

  return FALSE;
}

/* What the server offers, as ServerCapabilities for @version. */
JsonObject *
mcp_server_build_capabilities (McpServer  *self,
                               const char *version)
{
  JsonObject *capabilities = json_object_new ();

  if (mcp_registry_get_size (&self->tools) > 0)
    {
      JsonObject *tools = json_object_new ();

      json_object_set_boolean_member (tools, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "tools", tools);
    }

  if (mcp_registry_get_size (&self->prompts) > 0)
    {
      JsonObject *prompts = json_object_new ();

      json_object_set_boolean_member (prompts, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "prompts", prompts);
    }

  if (mcp_registry_get_size (&self->resources) > 0 || mcp_registry_get_size (&self->templates) > 0)
    {
      JsonObject *resources = json_object_new ();

      json_object_set_boolean_member (resources, "subscribe", TRUE);
      json_object_set_boolean_member (resources, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "resources", resources);
    }

  json_object_set_object_member (capabilities, "logging", json_object_new ());

  if (!mcp_protocol_version_is_legacy (version) && mcp_server_has_task_tools (self))
    {
      JsonObject *extensions = json_object_new ();

      json_object_set_object_member (extensions, MCP_TASKS_EXTENSION, json_object_new ());
      json_object_set_object_member (capabilities, "extensions", extensions);
    }

  if (mcp_protocol_version_at_least (version, MCP_SINCE_COMPLETIONS) &&
      mcp_server_has_completions (self))
    json_object_set_object_member (capabilities, "completions", json_object_new ());

  return capabilities;
}

/**
 * mcp_server_get_capabilities:
 * @self: a #McpServer
 *
 * Gets the capabilities the server declares to clients of the newest
 * revision, as a `ServerCapabilities` object. They follow what is
 * registered: `tools` appears once a tool is added.
 *
 * Returns: (transfer full): the capabilities
 */
JsonObject *
mcp_server_get_capabilities (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return mcp_server_build_capabilities (self, MCP_PROTOCOL_VERSION_LATEST);
}

/**
 * mcp_server_describe:
 * @self: a #McpServer
 *
 * Describes the server as one JSON object: `name`, `version`, `title`,
 * `description`, `protocolVersions`, `capabilities` and `tools` (each as
 * `tools/list` sends it). This is what `--info` prints.
 *
 * Returns: (transfer full): the description
 */
JsonObject *
mcp_server_describe (McpServer *self)
{
  JsonObject *description;
  JsonArray *versions;
  JsonArray *tools;
  const char * const *supported = mcp_protocol_get_supported_versions ();

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  description = mcp_server_build_server_info (self, MCP_PROTOCOL_VERSION_LATEST);
  mcp_json_object_set_string (description, "instructions", self->instructions);

  versions = json_array_new ();
  for (guint i = 0; supported[i] != NULL; i++)
    json_array_add_string_element (versions, supported[i]);
  json_object_set_array_member (description, "protocolVersions", versions);

  json_object_set_object_member (description, "capabilities",
                                 mcp_server_build_capabilities (self, MCP_PROTOCOL_VERSION_LATEST));

  tools = json_array_new ();
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->tools.items);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    json_array_add_object_element (tools, mcp_tool_to_json (g_sequence_get (iter)));
  json_object_set_array_member (description, "tools", tools);

  return description;
}

typedef struct
{
  McpRequestContext *context;
  McpTool           *tool;
} CallState;

static void
call_state_free (gpointer data)
{
  CallState *state = data;

  g_clear_object (&state->context);
  g_clear_object (&state->tool);
  g_free (state);
}

static void
mcp_server_call_tool_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(McpToolResult) tool_result = NULL;
  GError *error = NULL;

  tool_result = mcp_tool_call_finish (MCP_TOOL (object), result, &error);
  if (tool_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&tool_result), g_object_unref);
}

/**
 * mcp_server_call_tool_async:
 * @self: a #McpServer
 * @name: the name of a tool
 * @arguments: (nullable): its arguments
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the call completes
 * @user_data: closure data for @callback
 *
 * Calls a tool in process, without a transport: the arguments are checked
 * against the tool's input schema as for a client's call, and the tool's
 * handler runs with a [class@Mcp.RequestContext] of the newest revision.
 * Useful in tests and for applications that drive their own tools.
 */
void
mcp_server_call_tool_async (McpServer           *self,
                            const char          *name,
                            JsonObject          *arguments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(JsonNode) arguments_node = NULL;
  g_autoptr(JsonNode) checked = NULL;
  GError *error = NULL;
  CallState *state;
  McpTool *tool;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_server_call_tool_async);

  if ((tool = mcp_server_lookup_tool (self, name)) == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "Unknown tool: %s", name);
      return;
    }

  if (arguments == NULL)
    arguments = empty = json_object_new ();

  arguments_node = mcp_json_node_new_object (arguments);
  if (!(checked = mcp_tool_check_arguments (tool, arguments_node, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  arguments = json_node_get_object (checked);

  params = json_object_new ();
  json_object_set_string_member (params, "name", name);
  json_object_set_object_member (params, "arguments", json_object_ref (arguments));

  state = g_new0 (CallState, 1);
  state->context = mcp_server_new_detached_context (self, "tools/call", params);
  state->tool = g_object_ref (tool);
  g_task_set_task_data (task, state, call_state_free);

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled",
                             G_CALLBACK (mcp_request_context_cancel), state->context,
                             G_CONNECT_SWAPPED);

  mcp_tool_call_async (tool, state->context, arguments,
                       mcp_request_context_get_cancellable (state->context),
                       mcp_server_call_tool_cb, g_steal_pointer (&task));
}

/**
 * mcp_server_call_tool_finish:
 * @self: a #McpServer
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.Server.call_tool_async]. Invalid arguments and
 * unknown tools fail with %MCP_ERROR_INVALID_PARAMS; a tool that fails
 * with a #GError fails with that error.
 *
 * Returns: (transfer full): the result of the tool
 */
McpToolResult *
mcp_server_call_tool_finish (McpServer     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} RunState;

/* A key from the environment: base64 (or base64url) of 32 bytes or more. */
static GBytes *
secret_key_from_environment (const char  *variable,
                             GError     **error)
{
  const char *text = g_getenv (variable);
  g_autofree char *standard = NULL;
  guchar *data;
  gsize length = 0;

  if (text == NULL || *text == '\0')
    return NULL;

  standard = g_strstrip (g_strdup (text));
  for (char *p = standard; *p != '\0'; p++)
    {
      if (*p == '-')
        *p = '+';
      else if (*p == '_')
        *p = '/';
      else if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s is not base64", variable);
          return NULL;
        }
    }

  data = g_base64_decode (standard, &length);
  if (length < 32)
    {
      g_free (data);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s must hold at least 32 random bytes, in base64 "
                   "(such as the output of: head -c 32 /dev/urandom | base64)", variable);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

/* What replicas of one server share: the signing key (MCP_SECRET_KEY, and
 * the one it replaces, MCP_PREVIOUS_SECRET_KEY, still valid for
 * MCP_SECRET_KEY_GRACE seconds), and tasks and events in Redis. */
static gboolean
mcp_server_configure_replica (McpServer   *self,
                              const char  *redis_url,
                              int          task_lease,
                              GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) previous = NULL;
  GError *local_error = NULL;
  const char *grace_text = g_getenv ("MCP_SECRET_KEY_GRACE");
  guint64 grace = 3600;

  key = secret_key_from_environment ("MCP_SECRET_KEY", &local_error);
  if (local_error == NULL)
    previous = secret_key_from_environment ("MCP_PREVIOUS_SECRET_KEY", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (grace_text != NULL && *grace_text != '\0' &&
      !g_ascii_string_to_unsigned (grace_text, 10, 0, G_MAXUINT, &grace, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "MCP_SECRET_KEY_GRACE is a number of seconds");
      return FALSE;
    }
  if (previous != NULL && key == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "MCP_PREVIOUS_SECRET_KEY needs MCP_SECRET_KEY, the key replacing it");
      return FALSE;
    }
  if (previous != NULL)
    mcp_server_set_secret_key (self, previous, 0);
  if (key != NULL)
    mcp_server_set_secret_key (self, key, previous != NULL ? (guint)grace : 0);

  if (task_lease != G_MININT)
    {
      if (task_lease < 0 || (task_lease > 0 && task_lease < MCP_SERVER_TASK_LEASE_MIN_MS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--task-lease is 0 (no lease) or at least %u ms, not %d",
                       MCP_SERVER_TASK_LEASE_MIN_MS, task_lease);
          return FALSE;
        }
      mcp_server_set_task_lease (self, (guint)task_lease);
    }

  if (redis_url != NULL && *redis_url != '\0')
    {
      g_autoptr(McpRedisBackend) redis = mcp_redis_backend_new (redis_url, error);

      if (redis == NULL)
        return FALSE;
      mcp_server_set_task_store (self, MCP_TASK_STORE (redis));
      mcp_server_set_event_bus (self, MCP_EVENT_BUS (redis));
      if (key == NULL)
        g_warning ("Sharing tasks through Redis without MCP_SECRET_KEY: the requestState and "
                   "handles one replica signs fail on the others");
    }

  return TRUE;
}

static void
mcp_server_run_closed_cb (McpTransport *transport,
                          const GError *error,
                          RunState     *state)
{
  if (error != NULL && state->error == NULL)
    state->error = g_error_copy (error);
  g_main_loop_quit (state->loop);
}

/**
 * mcp_server_run_stdio:
 * @self: a #McpServer
 * @error: return location for a #GError
 *
 * Serves the server on the process's standard input and output until the
 * client closes standard input, running the thread-default main loop
 * meanwhile. Requests in flight when the input ends are cancelled and
 * pending output is flushed before this returns.
 *
 * Standard output then carries only protocol messages: the transport keeps
 * the original standard output for itself and points file descriptor 1 at
 * standard error, so a stray g_print(), printf() or GLib debug message
 * cannot corrupt the protocol stream. `SIGPIPE` is ignored, so a client
 * that goes away cannot kill the process.
 *
 * Returns: %TRUE when the client closed the connection normally
 */
gboolean
mcp_server_run_stdio (McpServer  *self,
                      GError    **error)
{
  g_autoptr(McpTransport) transport = NULL;
  g_autoptr(GMainContext) context = NULL;
  RunState state = { NULL, NULL };

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);

  signal (SIGPIPE, SIG_IGN);

  context = g_main_context_ref_thread_default ();
  state.loop = g_main_loop_new (context, FALSE);

  transport = MCP_TRANSPORT (mcp_stdio_transport_new (self));
  g_signal_connect (transport, "closed", G_CALLBACK (mcp_server_run_closed_cb), &state);
  mcp_transport_start (transport);

  if (mcp_transport_is_open (transport))
    g_main_loop_run (state.loop);

  g_signal_handlers_disconnect_by_func (transport, mcp_server_run_closed_cb, &state);
  g_main_loop_unref (state.loop);

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }

  return TRUE;
}

/**
 * mcp_server_run:
 * @self: a #McpServer
 * @argc: the number of command-line arguments
 * @argv: (array length=argc): the command-line arguments
 *
 * Runs the server as the program's main function does, MakeMCP style:
 * parses the command line and serves the client.
 *
 * Options: `--stdio` serves on standard input and output (the default);
 * `--http ADDRESS:PORT` serves Streamable HTTP (both protocol eras, see
 * [class@Mcp.HttpTransport]) at `/mcp` until `SIGINT` or `SIGTERM`, prints
 * the endpoint's URL on standard output, and binds 127.0.0.1 when only a
 * port is given (`--http 8080`; port 0 picks a free one);
 * `--allow-host HOST` and `--allow-origin ORIGIN` (repeatable) extend the
 * HTTP allow-lists, and the environment variable `MCP_BEARER_TOKEN`, when
 * set, is the bearer token HTTP clients must present;
 * `--redis URL` (or `MCP_REDIS_URL`) shares tasks and notifications with
 * the other replicas of the server through a [class@Mcp.RedisBackend],
 * `--replica-id ID` (or `MCP_REPLICA_ID`) sets
 * [property@Mcp.HttpTransport:replica-id], `--task-lease MS` sets
 * [property@Mcp.Server:task-lease] (0, or at least 1000), and `MCP_SECRET_KEY` (base64 of 32
 * random bytes or more) is the key of [method@Mcp.Server.set_secret_key],
 * with `MCP_PREVIOUS_SECRET_KEY` the key it replaces, still accepted for
 * `MCP_SECRET_KEY_GRACE` seconds (an hour by default) — see [Running
 * replicas](scale-out.html);
 * `--info` prints [method@Mcp.Server.describe] as JSON and exits. The
 * options of GObject-Introspection are understood too, so a program that
 * runs its server this way answers g-ir-scanner's `--introspect-dump` and
 * can have a typelib of its own classes, built with `gnome.generate_gir()`
 * on the executable (link it with `export_dynamic: true`).
 *
 * Returns: the exit status for `main()`: 0 on success, 1 on a failure, 2 on
 *   a bad command line
 */
int
mcp_server_run (McpServer  *self,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) allowed_hosts = NULL;
  g_auto(GStrv) allowed_origins = NULL;
  g_autofree char *http_address = NULL;
  g_autofree char *redis_url = NULL;
  g_autofree char *replica_id = NULL;
  gboolean info = FALSE;
  gboolean use_stdio = FALSE;
  int task_lease = G_MININT;    /* not given */
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_NONE, &use_stdio,
      "Serve MCP on standard input and output (the default)", NULL },
    { "http", 0, 0, G_OPTION_ARG_STRING, &http_address,
      "Serve MCP over HTTP at /mcp (a bare port binds 127.0.0.1)", "ADDRESS:PORT" },
    { "allow-host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allowed_hosts,
      "Accept this Host header over HTTP besides localhost and IP addresses", "HOST" },
    { "allow-origin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allowed_origins,
      "Accept browser requests from this origin over HTTP", "ORIGIN" },
    { "redis", 0, 0, G_OPTION_ARG_STRING, &redis_url,
      "Share tasks and notifications with the other replicas in Redis (or MCP_REDIS_URL)",
      "redis://HOST:PORT" },
    { "replica-id", 0, 0, G_OPTION_ARG_STRING, &replica_id,
      "Name this replica in legacy HTTP session ids, for a proxy routing sessions "
      "(or MCP_REPLICA_ID)", "ID" },
    { "task-lease", 0, 0, G_OPTION_ARG_INT, &task_lease,
      "How long the record of a running task vouches for this process: 0 for no lease, "
      "else at least 1000 (default 30000)", "MS" },
    { "info", 0, 0, G_OPTION_ARG_NONE, &info,
      "Print the server’s name, version, capabilities and tools as JSON, then exit", NULL },
    { NULL }
  };

  g_return_val_if_fail (MCP_IS_SERVER (self), 1);

  option_context = g_option_context_new (NULL);
  g_option_context_set_summary (option_context,
                                self->description != NULL ? self->description
                                                          : "A Model Context Protocol server.");
  g_option_context_add_main_entries (option_context, entries, NULL);
  g_option_context_add_group (option_context, g_irepository_get_option_group ());

  /* Exactly argc arguments: bindings pass an array of that length, which
   * is not NULL-terminated (PyGObject's is not). */
  args = g_new0 (char *, MAX (argc, 0) + 1);
  for (int i = 0; argv != NULL && i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (option_context, &args, &error))
    {
      g_printerr ("%s: %s\n", self->name, error->message);
      return 2;
    }

  mcp_server_check_providers (self);

  if (info)
    {
      g_autoptr(JsonObject) description = mcp_server_describe (self);
      g_autoptr(JsonNode) node = mcp_json_node_new_object (description);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      fputs (text, stdout);
      fputc ('\n', stdout);
      return fflush (stdout) == 0 ? 0 : 1;
    }

  if (http_address != NULL && use_stdio)
    {
      g_printerr ("%s: --stdio and --http exclude each other\n", self->name);
      return 2;
    }

  if (redis_url == NULL)
    redis_url = g_strdup (g_getenv ("MCP_REDIS_URL"));
  if (replica_id == NULL && g_getenv ("MCP_REPLICA_ID") != NULL &&
      *g_getenv ("MCP_REPLICA_ID") != '\0')
    replica_id = g_strdup (g_getenv ("MCP_REPLICA_ID"));
  if (replica_id != NULL && !mcp_http_transport_check_replica_id (replica_id))
    {
      g_printerr ("%s: a replica id is 1 to 64 letters, digits, “-” and “_”\n", self->name);
      return 2;
    }
  if (!mcp_server_configure_replica (self, redis_url, task_lease, &error))
    {
      g_printerr ("%s: %s\n", self->name, error->message);
      return 2;
    }

  if (http_address != NULL)
    {
      signal (SIGPIPE, SIG_IGN);
      if (!mcp_http_transport_run (self, http_address,
                                   (const char * const *)allowed_hosts,
                                   (const char * const *)allowed_origins,
                                   g_getenv ("MCP_BEARER_TOKEN"), replica_id, &error))
        {
          g_printerr ("%s: %s\n", self->name, error->message);
          return 1;
        }
      return 0;
    }

  if (!mcp_server_run_stdio (self, &error))
    {
      g_printerr ("%s: %s\n", self->name, error->message);
      return 1;
    }

  return 0;
}
