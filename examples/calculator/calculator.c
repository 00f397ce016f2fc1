/* calculator.c — an MCP server made of one GObject class
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The whole program: the class in calc-calculator.c is the server. meson
 * runs g-ir-scanner on this very executable (gnome.generate_gir() on an
 * executable target; it is linked with export_dynamic so GIRepository can
 * find its functions), and mcp_tool_provider_run() answers the scanner's
 * --introspect-dump before anything else. Try:
 *
 *   ./calculator --info
 */

#include "calc-calculator.h"

int
main (int   argc,
      char *argv[])
{
  return mcp_tool_provider_run (CALC_TYPE_CALCULATOR, "calculator", "1.0.0", argc, argv);
}
