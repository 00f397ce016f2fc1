/* ws-page.c — what the scraper found on one page
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "ws-page.h"

/**
 * WsPage:
 *
 * One scraped page: its address, HTTP status, title, links and size. A tool
 * that returns it sends the object of these properties as structured
 * content.
 */
struct _WsPage
{
  GObject  parent_instance;

  char    *url;
  guint    status;
  char    *title;
  GStrv    links;
  guint64  size;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_STATUS,
  PROP_TITLE,
  PROP_LINKS,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WsPage, ws_page, G_TYPE_OBJECT)

static void
ws_page_finalize (GObject *object)
{
  WsPage *self = WS_PAGE (object);

  g_free (self->url);
  g_free (self->title);
  g_strfreev (self->links);

  G_OBJECT_CLASS (ws_page_parent_class)->finalize (object);
}

static void
ws_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WsPage *self = WS_PAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LINKS:
      g_value_set_boxed (value, self->links);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WsPage *self = WS_PAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_uint (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_LINKS:
      self->links = g_value_dup_boxed (value);
      break;
    case PROP_SIZE:
      self->size = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ws_page_class_init (WsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ws_page_finalize;
  object_class->get_property = ws_page_get_property;
  object_class->set_property = ws_page_set_property;

  /**
   * WsPage:url:
   *
   * The address of the page.
   */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, "The address of the page", NULL, flags);
  /**
   * WsPage:status:
   *
   * The HTTP status of the answer.
   */
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, "The HTTP status", 0, 999, 0, flags);
  /**
   * WsPage:title:
   *
   * The title of the page, if it has one.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, "The title of the page",
                                                NULL, flags);
  /**
   * WsPage:links:
   *
   * The targets of the page's links, as written.
   */
  properties[PROP_LINKS] = g_param_spec_boxed ("links", NULL, "The targets of the page's links",
                                               G_TYPE_STRV, flags);
  /**
   * WsPage:size:
   *
   * The size of the page, in bytes.
   */
  properties[PROP_SIZE] = g_param_spec_uint64 ("size", NULL, "The size in bytes",
                                               0, G_MAXUINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ws_page_init (WsPage *self)
{
}

/**
 * ws_page_get_url:
 * @self: a #WsPage
 *
 * Gets the address of the page.
 *
 * Returns: the address
 */
const char *
ws_page_get_url (WsPage *self)
{
  return self->url;
}

/**
 * ws_page_get_status:
 * @self: a #WsPage
 *
 * Gets the HTTP status of the answer.
 *
 * Returns: the status
 */
guint
ws_page_get_status (WsPage *self)
{
  return self->status;
}

/**
 * ws_page_get_title:
 * @self: a #WsPage
 *
 * Gets the title of the page.
 *
 * Returns: (nullable): the title
 */
const char *
ws_page_get_title (WsPage *self)
{
  return self->title;
}

/**
 * ws_page_get_links:
 * @self: a #WsPage
 *
 * Gets the targets of the page's links.
 *
 * Returns: (array zero-terminated=1) (nullable): the links
 */
const char * const *
ws_page_get_links (WsPage *self)
{
  return (const char * const *)self->links;
}

/**
 * ws_page_get_size:
 * @self: a #WsPage
 *
 * Gets the size of the page.
 *
 * Returns: the size in bytes
 */
guint64
ws_page_get_size (WsPage *self)
{
  return self->size;
}
