/* ws-scraper.h — a web scraper whose methods are MCP tools
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

#include "ws-page.h"

G_BEGIN_DECLS

#define WS_TYPE_SCRAPER (ws_scraper_get_type ())
G_DECLARE_FINAL_TYPE (WsScraper, ws_scraper, WS, SCRAPER, McpToolProvider)

void        ws_scraper_scrape_url_async    (WsScraper           *self,
                                            const char          *url,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
WsPage     *ws_scraper_scrape_url_finish   (WsScraper           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void        ws_scraper_batch_scrape_async  (WsScraper           *self,
                                            const char * const  *urls,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JsonObject *ws_scraper_batch_scrape_finish (WsScraper           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
JsonObject *ws_scraper_get_stats           (WsScraper           *self);

G_END_DECLS
