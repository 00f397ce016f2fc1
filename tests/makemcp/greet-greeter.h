/* greet-greeter.h — a tool provider in a shared library, for “makemcp serve”
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

G_BEGIN_DECLS

#define GREET_TYPE_GREETER (greet_greeter_get_type ())
G_DECLARE_FINAL_TYPE (GreetGreeter, greet_greeter, GREET, GREETER, McpToolProvider)

char   *greet_greeter_hello (GreetGreeter *self,
                             const char   *name);
gint64  greet_greeter_count (GreetGreeter *self);

#define GREET_TYPE_PLAIN (greet_plain_get_type ())
G_DECLARE_FINAL_TYPE (GreetPlain, greet_plain, GREET, PLAIN, GObject)

G_END_DECLS
