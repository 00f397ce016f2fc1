/* greet-greeter.c — a tool provider in a shared library, for “makemcp serve”
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "greet-greeter.h"

/**
 * GreetGreeter:
 *
 * Greets people, and counts how often it did.
 */
struct _GreetGreeter
{
  McpToolProvider parent_instance;
  gint64          count;
};

G_DEFINE_FINAL_TYPE (GreetGreeter, greet_greeter, MCP_TYPE_TOOL_PROVIDER)

static void
greet_greeter_class_init (GreetGreeterClass *klass)
{
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Greet", "1.0");
  mcp_tool_provider_class_set_flags (MCP_TOOL_PROVIDER_CLASS (klass), MCP_TOOL_PROVIDER_FLAGS_NONE);
}

static void
greet_greeter_init (GreetGreeter *self)
{
}

/**
 * greet_greeter_hello:
 * @self: a #GreetGreeter
 * @name: who to greet
 *
 * Says hello to someone.
 *
 * Returns: (transfer full): the greeting
 */
char *
greet_greeter_hello (GreetGreeter *self,
                     const char   *name)
{
  self->count++;
  return g_strdup_printf ("Hello, %s!", name);
}

/**
 * greet_greeter_count:
 * @self: a #GreetGreeter
 *
 * Tells how many greetings were made.
 *
 * Returns: the number of greetings so far
 */
gint64
greet_greeter_count (GreetGreeter *self)
{
  return self->count;
}

/**
 * GreetPlain:
 *
 * A class that is no tool provider.
 */
struct _GreetPlain
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (GreetPlain, greet_plain, G_TYPE_OBJECT)

static void
greet_plain_class_init (GreetPlainClass *klass)
{
}

static void
greet_plain_init (GreetPlain *self)
{
}
