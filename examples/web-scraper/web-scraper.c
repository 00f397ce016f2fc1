/* web-scraper.c — the web scraper as an MCP server
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * WsScraper lives in libwebscraper, introspected by g-ir-scanner; its
 * typelib and .gir are compiled into this program as a GResource, so the
 * program runs from anywhere without GI_TYPELIB_PATH. Try:
 *
 *   ./web-scraper --info
 *   ./web-scraper --http 8080
 */

#include "ws-scraper.h"

int
main (int   argc,
      char *argv[])
{
  return mcp_tool_provider_run (WS_TYPE_SCRAPER, "web-scraper", "1.0.0", argc, argv);
}
