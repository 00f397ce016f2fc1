/* ws-scraper.c — a web scraper whose methods are MCP tools
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The GObject counterpart of MakeMCP's asynchronous web scraper: scrape_url
 * fetches one page with libsoup's SoupSession without blocking,
 * batch_scrape fetches many at once, and get_stats reads the state every
 * call of every client shares. The class lives in a small library that
 * g-ir-scanner introspects; the program embeds the resulting typelib and
 * .gir in a GResource, so it needs no GI_TYPELIB_PATH.
 */

#include <libsoup/soup.h>

#include "ws-scraper.h"

/**
 * WsScraper:
 *
 * Fetches web pages and reports their titles and links. One scraper serves
 * every client: its statistics add up across calls.
 */
struct _WsScraper
{
  McpToolProvider  parent_instance;

  SoupSession     *session;
  char            *user_agent;
  guint            pages_scraped;
  guint64          bytes_downloaded;
  guint            failures;
  guint            cancelled;
  gint64           total_us;
};

enum {
  PROP_0,
  PROP_USER_AGENT,
  PROP_PAGES_SCRAPED,
  PROP_BYTES_DOWNLOADED,
  PROP_FAILURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WsScraper, ws_scraper, MCP_TYPE_TOOL_PROVIDER)

static void
ws_scraper_dispose (GObject *object)
{
  WsScraper *self = WS_SCRAPER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (ws_scraper_parent_class)->dispose (object);
}

static void
ws_scraper_finalize (GObject *object)
{
  g_free (WS_SCRAPER (object)->user_agent);

  G_OBJECT_CLASS (ws_scraper_parent_class)->finalize (object);
}

static void
ws_scraper_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WsScraper *self = WS_SCRAPER (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_PAGES_SCRAPED:
      g_value_set_uint (value, self->pages_scraped);
      break;
    case PROP_BYTES_DOWNLOADED:
      g_value_set_uint64 (value, self->bytes_downloaded);
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scraper_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WsScraper *self = WS_SCRAPER (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      if (g_strcmp0 (self->user_agent, g_value_get_string (value)) != 0)
        {
          g_free (self->user_agent);
          self->user_agent = g_value_dup_string (value);
          soup_session_set_user_agent (self->session, self->user_agent);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_scraper_class_init (WsScraperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McpToolProviderClass *provider_class = MCP_TOOL_PROVIDER_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ws_scraper_dispose;
  object_class->finalize = ws_scraper_finalize;
  object_class->get_property = ws_scraper_get_property;
  object_class->set_property = ws_scraper_set_property;

  /* The typelib and .gir travel inside the program (web-scraper.gresource.xml) */
  mcp_tool_provider_class_set_namespace (provider_class, "Ws", "1.0");
  mcp_tool_provider_class_set_introspection_data (provider_class,
                                                  "resource:///org/makemcp/examples/WebScraper/gi");

  /**
   * WsScraper:user-agent:
   *
   * The User-Agent header the scraper sends.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, "makemcp-glib-scraper/1.0",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /**
   * WsScraper:pages-scraped:
   *
   * How many pages the scraper fetched.
   */
  properties[PROP_PAGES_SCRAPED] =
    g_param_spec_uint ("pages-scraped", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  /**
   * WsScraper:bytes-downloaded:
   *
   * How many bytes the scraper downloaded.
   */
  properties[PROP_BYTES_DOWNLOADED] =
    g_param_spec_uint64 ("bytes-downloaded", NULL, NULL, 0, G_MAXUINT64, 0, read_only);
  /**
   * WsScraper:failures:
   *
   * How many pages could not be fetched.
   */
  properties[PROP_FAILURES] =
    g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ws_scraper_init (WsScraper *self)
{
  /* Many pages of one site at once */
  self->session = soup_session_new_with_options ("max-conns", 64,
                                                 "max-conns-per-host", 32,
                                                 "timeout", 30,
                                                 NULL);
}

/* scrape_url */

typedef struct
{
  char        *url;
  SoupMessage *message;
  gint64       start;
} Scrape;

static void
scrape_free (Scrape *scrape)
{
  g_free (scrape->url);
  g_clear_object (&scrape->message);
  g_free (scrape);
}

static GStrv
find_links (const char *html)
{
  g_autoptr(GRegex) regex = g_regex_new ("<a\\s[^>]*href\\s*=\\s*[\"']([^\"']*)[\"']",
                                         G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  g_autoptr(GMatchInfo) match = NULL;

  for (g_regex_match (regex, html, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *link = g_match_info_fetch (match, 1);
      g_strv_builder_add (links, link);
    }

  return g_strv_builder_end (links);
}

static char *
find_title (const char *html)
{
  g_autoptr(GRegex) regex = g_regex_new ("<title[^>]*>(.*?)</title>",
                                         G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *title = NULL;

  if (!g_regex_match (regex, html, 0, &match))
    return NULL;

  title = g_match_info_fetch (match, 1);
  return g_strdup (g_strstrip (title));
}

static void
scrape_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WsScraper *self = g_task_get_source_object (task);
  Scrape *scrape = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) links = NULL;
  gsize size = 0;
  gconstpointer data;

  if (!(body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->cancelled++;
      self->failures++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
      g_task_return_new_error (task, error->domain, error->code, "Cannot fetch %s: %s",
                               scrape->url, error->message);
      return;
    }

  data = g_bytes_get_data (body, &size);
  html = g_utf8_make_valid (data, size);
  title = find_title (html);
  links = find_links (html);

  self->pages_scraped++;
  self->bytes_downloaded += size;
  self->total_us += g_get_monotonic_time () - scrape->start;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_SCRAPED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DOWNLOADED]);

  g_task_return_pointer (task,
                         g_object_new (WS_TYPE_PAGE,
                                       "url", scrape->url,
                                       "status", soup_message_get_status (scrape->message),
                                       "title", title,
                                       "links", links,
                                       "size", (guint64)size,
                                       NULL),
                         g_object_unref);
}

/**
 * ws_scraper_scrape_url_async: (attributes mcp.read-only=1 mcp.open-world=1)
 * @self: a #WsScraper
 * @url: the `http` or `https` address of the page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the page is fetched
 * @user_data: data for @callback
 *
 * Fetches a web page and reports its HTTP status, title, links and size.
 */
void
ws_scraper_scrape_url_async (WsScraper           *self,
                             const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  Scrape *scrape;

  g_return_if_fail (WS_IS_SCRAPER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_scraper_scrape_url_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      self->failures++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "“%s” is not an http or https address", url);
      return;
    }

  scrape = g_new0 (Scrape, 1);
  scrape->url = g_strdup (url);
  scrape->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  scrape->start = g_get_monotonic_time ();
  g_task_set_task_data (task, scrape, (GDestroyNotify)scrape_free);

  soup_session_send_and_read_async (self->session, scrape->message, G_PRIORITY_DEFAULT,
                                    cancellable, scrape_cb, g_steal_pointer (&task));
}

/**
 * ws_scraper_scrape_url_finish:
 * @self: a #WsScraper
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Completes ws_scraper_scrape_url_async().
 *
 * Returns: (transfer full): the page
 */
WsPage *
ws_scraper_scrape_url_finish (WsScraper     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* batch_scrape */

typedef struct
{
  guint       pending;
  GPtrArray  *outcomes;   /* JsonObject, in the order of the addresses */
  gint64      start;
} Batch;

typedef struct
{
  GTask *task;
  guint  index;
  char  *url;
} BatchItem;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->outcomes);
  g_free (batch);
}

static void
batch_complete (GTask *task)
{
  Batch *batch = g_task_get_task_data (task);
  JsonObject *summary = json_object_new ();
  JsonArray *pages = json_array_new ();
  JsonArray *failed = json_array_new ();

  for (guint i = 0; i < batch->outcomes->len; i++)
    {
      JsonObject *outcome = g_ptr_array_index (batch->outcomes, i);

      if (json_object_has_member (outcome, "error"))
        json_array_add_object_element (failed, json_object_ref (outcome));
      else
        json_array_add_object_element (pages, json_object_ref (outcome));
    }

  json_object_set_array_member (summary, "pages", pages);
  json_object_set_array_member (summary, "failed", failed);
  json_object_set_int_member (summary, "elapsed_ms",
                              (g_get_monotonic_time () - batch->start) / 1000);

  g_task_return_pointer (task, summary, (GDestroyNotify)json_object_unref);
}

static void
batch_item_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BatchItem *item = user_data;
  g_autoptr(GTask) task = item->task;
  Batch *batch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(WsPage) page = NULL;
  JsonObject *outcome = json_object_new ();

  json_object_set_string_member (outcome, "url", item->url);
  if ((page = ws_scraper_scrape_url_finish (WS_SCRAPER (object), result, &error)) != NULL)
    {
      const char * const *links = ws_page_get_links (page);
      guint n_links = links != NULL ? g_strv_length ((GStrv)links) : 0;

      json_object_set_int_member (outcome, "status", ws_page_get_status (page));
      if (ws_page_get_title (page) != NULL)
        json_object_set_string_member (outcome, "title", ws_page_get_title (page));
      json_object_set_int_member (outcome, "links", n_links);
      json_object_set_int_member (outcome, "size", ws_page_get_size (page));
    }
  else
    json_object_set_string_member (outcome, "error", error->message);

  g_ptr_array_index (batch->outcomes, item->index) = outcome;
  g_free (item->url);
  g_free (item);

  if (--batch->pending == 0)
    batch_complete (task);
}

/**
 * ws_scraper_batch_scrape_async: (attributes mcp.read-only=1 mcp.open-world=1)
 * @self: a #WsScraper
 * @urls: (array zero-terminated=1): the addresses of the pages
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is fetched or failed
 * @user_data: data for @callback
 *
 * Fetches many web pages at once and summarizes each: status, title, the
 * number of links, size. Pages that cannot be fetched are listed with the
 * reason.
 */
void
ws_scraper_batch_scrape_async (WsScraper           *self,
                               const char * const  *urls,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Batch *batch;
  guint n;

  g_return_if_fail (WS_IS_SCRAPER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ws_scraper_batch_scrape_async);

  n = urls != NULL ? g_strv_length ((GStrv)urls) : 0;
  batch = g_new0 (Batch, 1);
  batch->pending = n;
  batch->outcomes = g_ptr_array_new_full (n, (GDestroyNotify)json_object_unref);
  g_ptr_array_set_size (batch->outcomes, n);
  batch->start = g_get_monotonic_time ();
  g_task_set_task_data (task, batch, (GDestroyNotify)batch_free);

  if (n == 0)
    {
      batch_complete (task);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      BatchItem *item = g_new0 (BatchItem, 1);

      item->task = g_object_ref (task);
      item->index = i;
      item->url = g_strdup (urls[i]);
      ws_scraper_scrape_url_async (self, urls[i], cancellable, batch_item_cb, item);
    }
}

/**
 * ws_scraper_batch_scrape_finish:
 * @self: a #WsScraper
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Completes ws_scraper_batch_scrape_async().
 *
 * Returns: (transfer full): the summary: `pages`, `failed` and `elapsed_ms`
 */
JsonObject *
ws_scraper_batch_scrape_finish (WsScraper     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ws_scraper_get_stats: (attributes mcp.read-only=1)
 * @self: a #WsScraper
 *
 * Reports what the scraper did so far, for every client together.
 *
 * Returns: (transfer full): `pages_scraped`, `bytes_downloaded`,
 *   `failures`, `cancelled` and `average_ms`
 */
JsonObject *
ws_scraper_get_stats (WsScraper *self)
{
  JsonObject *stats = json_object_new ();

  g_return_val_if_fail (WS_IS_SCRAPER (self), NULL);

  json_object_set_int_member (stats, "pages_scraped", self->pages_scraped);
  json_object_set_int_member (stats, "bytes_downloaded", self->bytes_downloaded);
  json_object_set_int_member (stats, "failures", self->failures);
  json_object_set_int_member (stats, "cancelled", self->cancelled);
  json_object_set_double_member (stats, "average_ms",
                                 self->pages_scraped > 0
                                 ? (double)self->total_us / self->pages_scraped / 1000 : 0);
  return stats;
}
