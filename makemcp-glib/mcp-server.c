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
#include "mcp-json-private.h"
#include "mcp-protocol-private.h"
#include "mcp-provider-tool-private.h"
#include "mcp-schema-private.h"
#include "mcp-server-private.h"
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

  GHashTable *tools;          /* name → GSequenceIter */
  GSequence  *tool_sequence;  /* McpTool, sorted by name */

  GPtrArray  *sessions;       /* McpSession, not owned */

  guint       tools_frozen;   /* mcp_server_freeze_tools_changed() depth */
  guint       tools_dirty : 1;

  gsize       max_message_size;
  guint       max_json_depth;
  guint       page_size;
  guint       list_ttl;
  guint       client_request_timeout;
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
  N_PROPS
};

enum {
  TOOLS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McpServer, mcp_server, G_TYPE_OBJECT)

static void
mcp_server_dispose (GObject *object)
{
  McpServer *self = (McpServer *)object;

  g_clear_pointer (&self->tools, g_hash_table_unref);
  g_clear_pointer (&self->tool_sequence, g_sequence_free);

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
  g_clear_pointer (&self->sessions, g_ptr_array_unref);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpServer::tools-changed:
   * @self: a #McpServer
   *
   * Emitted when a tool was added or removed. Clients that listen are sent
   * `notifications/tools/list_changed`.
   */
  signals[TOOLS_CHANGED] =
    g_signal_new ("tools-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_server_init (McpServer *self)
{
  self->tools = g_hash_table_new (g_str_hash, g_str_equal);
  self->tool_sequence = g_sequence_new (g_object_unref);
  self->sessions = g_ptr_array_new ();
  self->max_message_size = 16 * 1024 * 1024;
  self->max_json_depth = 128;
  self->list_ttl = 60000;
  self->client_request_timeout = 60000;
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);             \
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

#undef DEFINE_UINT_PROPERTY

static int
tool_compare (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (mcp_tool_get_name ((McpTool *)a), mcp_tool_get_name ((McpTool *)b));
}

static void
mcp_server_tools_changed (McpServer *self)
{
  if (self->tools_frozen > 0)
    {
      self->tools_dirty = TRUE;
      return;
    }

  mcp_server_broadcast (self, "notifications/tools/list_changed", NULL);
  g_signal_emit (self, signals[TOOLS_CHANGED], 0);
}

/**
 * mcp_server_add_tool:
 * @self: a #McpServer
 * @tool: a #McpTool
 *
 * Adds @tool to the server, replacing a tool of the same name. Clients
 * that listen for list changes are told.
 */
void
mcp_server_add_tool (McpServer *self,
                     McpTool   *tool)
{
  const char *name;
  GSequenceIter *iter;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TOOL (tool));

  name = mcp_tool_get_name (tool);
  g_return_if_fail (name != NULL && name[0] != '\0');

  if ((iter = g_hash_table_lookup (self->tools, name)) != NULL)
    {
      if (g_sequence_get (iter) == (gpointer)tool)
        return;
      g_hash_table_remove (self->tools, name);
      g_sequence_remove (iter);
    }

  iter = g_sequence_insert_sorted (self->tool_sequence, g_object_ref (tool), tool_compare, NULL);
  g_hash_table_insert (self->tools, (gpointer)mcp_tool_get_name (tool), iter);

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
  GSequenceIter *iter;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((iter = g_hash_table_lookup (self->tools, name)) == NULL)
    return FALSE;

  g_hash_table_remove (self->tools, name);
  g_sequence_remove (iter);

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
  GSequenceIter *iter;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  iter = g_hash_table_lookup (self->tools, name);
  return iter != NULL ? g_sequence_get (iter) : NULL;
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
  GPtrArray *tools;
  GSequenceIter *iter;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  tools = g_ptr_array_new_full (g_sequence_get_length (self->tool_sequence), g_object_unref);
  for (iter = g_sequence_get_begin_iter (self->tool_sequence);
       !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    g_ptr_array_add (tools, g_object_ref (g_sequence_get (iter)));

  return tools;
}

GSequence *
mcp_server_get_tool_sequence (McpServer *self)
{
  return self->tool_sequence;
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

/* Sends a notification to every legacy session that completed its
 * handshake. */
void
mcp_server_broadcast (McpServer  *self,
                      const char *method,
                      JsonObject *params)
{
  g_autoptr(JsonNode) notification = NULL;

  for (guint i = 0; i < self->sessions->len; i++)
    {
      McpSession *session = g_ptr_array_index (self->sessions, i);

      if (!session->initialized)
        continue;

      if (notification == NULL)
        notification = mcp_jsonrpc_new_notification (method,
                                                     params != NULL ? json_object_ref (params)
                                                                    : NULL);
      mcp_session_send (session, notification);
    }
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

/* What the server offers, as ServerCapabilities for @version. */
JsonObject *
mcp_server_build_capabilities (McpServer  *self,
                               const char *version)
{
  JsonObject *capabilities = json_object_new ();

  if (g_sequence_get_length (self->tool_sequence) > 0)
    {
      JsonObject *tools = json_object_new ();

      json_object_set_boolean_member (tools, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "tools", tools);
    }

  json_object_set_object_member (capabilities, "logging", json_object_new ());

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
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->tool_sequence);
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
  gboolean info = FALSE;
  gboolean use_stdio = FALSE;
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_NONE, &use_stdio,
      "Serve MCP on standard input and output (the default)", NULL },
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

  args = argv != NULL ? g_strdupv (argv) : g_new0 (char *, 1);
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

  if (!mcp_server_run_stdio (self, &error))
    {
      g_printerr ("%s: %s\n", self->name, error->message);
      return 1;
    }

  return 0;
}
