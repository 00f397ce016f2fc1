/* ws-page.h — what the scraper found on one page
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WS_TYPE_PAGE (ws_page_get_type ())
G_DECLARE_FINAL_TYPE (WsPage, ws_page, WS, PAGE, GObject)

const char         *ws_page_get_url     (WsPage *self);
guint               ws_page_get_status  (WsPage *self);
const char         *ws_page_get_title   (WsPage *self);
const char * const *ws_page_get_links   (WsPage *self);
guint64             ws_page_get_size    (WsPage *self);

G_END_DECLS
