/* mcp-version-macros.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <glib.h>

#include <makemcp-glib/mcp-version.h>

#if defined(_WIN32) || defined(__CYGWIN__)
# ifdef MCP_COMPILATION
#  define _MCP_EXTERN __declspec(dllexport) extern
# else
#  define _MCP_EXTERN __declspec(dllimport) extern
# endif
#elif defined(__GNUC__) && (__GNUC__ >= 4)
# define _MCP_EXTERN __attribute__((visibility("default"))) extern
#else
# define _MCP_EXTERN extern
#endif

#define MCP_VERSION_0_2 (G_ENCODE_VERSION (0, 2))

#define MCP_VERSION_CUR_STABLE \
  (G_ENCODE_VERSION (MCP_MAJOR_VERSION, MCP_MINOR_VERSION + (MCP_MINOR_VERSION % 2)))

#ifndef MCP_VERSION_MIN_REQUIRED
# define MCP_VERSION_MIN_REQUIRED (MCP_VERSION_CUR_STABLE)
#endif

#ifndef MCP_VERSION_MAX_ALLOWED
# define MCP_VERSION_MAX_ALLOWED (MCP_VERSION_CUR_STABLE)
#endif

#ifdef MCP_DISABLE_DEPRECATION_WARNINGS
# define MCP_DEPRECATED         _MCP_EXTERN
# define MCP_DEPRECATED_FOR(f)  _MCP_EXTERN
# define MCP_UNAVAILABLE(ma,mi) _MCP_EXTERN
#else
# define MCP_DEPRECATED         G_DEPRECATED _MCP_EXTERN
# define MCP_DEPRECATED_FOR(f)  G_DEPRECATED_FOR (f) _MCP_EXTERN
# define MCP_UNAVAILABLE(ma,mi) G_UNAVAILABLE (ma, mi) _MCP_EXTERN
#endif

#define MCP_AVAILABLE_IN_ALL _MCP_EXTERN

#if MCP_VERSION_MAX_ALLOWED < MCP_VERSION_0_2
# define MCP_AVAILABLE_IN_0_2 MCP_UNAVAILABLE (0, 2)
#else
# define MCP_AVAILABLE_IN_0_2 _MCP_EXTERN
#endif
