/* fuzz-server.h — the server every fuzzing harness serves
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

/* A server with tools of every kind (synchronous, asynchronous,
 * structured, failing, asking for input, becoming tasks), resources, a
 * template, a prompt and completion, and small limits. */
McpServer *fuzz_make_server (void);
