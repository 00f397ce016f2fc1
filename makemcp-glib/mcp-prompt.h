/* mcp-prompt.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MCP_INSIDE) && !defined(MCP_COMPILATION)
# error "Only <makemcp-glib/makemcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <makemcp-glib/mcp-completion.h>
#include <makemcp-glib/mcp-prompt-result.h>
#include <makemcp-glib/mcp-request-context.h>
#include <makemcp-glib/mcp-version-macros.h>

G_BEGIN_DECLS

#define MCP_TYPE_PROMPT (mcp_prompt_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (McpPrompt, mcp_prompt, MCP, PROMPT, GObject)

/**
 * McpPromptFunc:
 * @prompt: the prompt
 * @context: the request being served
 * @arguments: the arguments, each a string; every required one is there,
 *   and none the prompt does not declare
 * @user_data: the data given to [method@Mcp.Prompt.set_func]
 * @error: return location for a #GError
 *
 * Expands a prompt into messages.
 *
 * Returning %NULL without setting @error is a programming error: the
 * server answers the client with an internal error (`-32603`, “The prompt
 * “NAME” produced nothing”), as it does for a
 * [vfunc@Mcp.Prompt.get_finish] that does the same.
 *
 * Returns: (transfer full) (nullable): the messages, or %NULL with @error set
 */
typedef McpPromptResult *(*McpPromptFunc) (McpPrompt          *prompt,
                                           McpRequestContext  *context,
                                           JsonObject         *arguments,
                                           gpointer            user_data,
                                           GError            **error);

/**
 * McpPromptClass:
 * @parent_class: the parent class
 * @get_async: expands the prompt; the default implementation runs the
 *   function set with [method@Mcp.Prompt.set_func]
 * @get_finish: completes @get_async
 *
 * The class of prompts.
 */
struct _McpPromptClass
{
  GObjectClass parent_class;

  void             (*get_async)  (McpPrompt            *self,
                                  McpRequestContext    *context,
                                  JsonObject           *arguments,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
  McpPromptResult *(*get_finish) (McpPrompt            *self,
                                  GAsyncResult         *result,
                                  GError              **error);

  /*< private >*/
  gpointer _reserved[8];
};

MCP_AVAILABLE_IN_ALL
McpPrompt       *mcp_prompt_new                 (const char           *name,
                                                 const char           *description) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
const char      *mcp_prompt_get_name            (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
const char      *mcp_prompt_get_title           (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_set_title           (McpPrompt            *self,
                                                 const char           *title);
MCP_AVAILABLE_IN_ALL
const char      *mcp_prompt_get_description     (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_set_description     (McpPrompt            *self,
                                                 const char           *description);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_add_argument        (McpPrompt            *self,
                                                 const char           *name,
                                                 const char           *title,
                                                 const char           *description,
                                                 gboolean              required);
MCP_AVAILABLE_IN_ALL
JsonArray       *mcp_prompt_get_arguments       (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_add_icon            (McpPrompt            *self,
                                                 const char           *src,
                                                 const char           *mime_type,
                                                 const char * const   *sizes,
                                                 const char           *theme);
MCP_AVAILABLE_IN_ALL
JsonArray       *mcp_prompt_get_icons           (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
JsonObject      *mcp_prompt_get_meta            (McpPrompt            *self);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_set_meta            (McpPrompt            *self,
                                                 JsonObject           *meta);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_set_func            (McpPrompt            *self,
                                                 McpPromptFunc         func,
                                                 gpointer              user_data,
                                                 GDestroyNotify        destroy);
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_set_completion_func (McpPrompt            *self,
                                                 McpCompletionFunc     func,
                                                 gpointer              user_data,
                                                 GDestroyNotify        destroy);
MCP_AVAILABLE_IN_ALL
char           **mcp_prompt_complete            (McpPrompt            *self,
                                                 McpRequestContext    *context,
                                                 const char           *argument,
                                                 const char           *value,
                                                 JsonObject           *arguments) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
void             mcp_prompt_get_async           (McpPrompt            *self,
                                                 McpRequestContext    *context,
                                                 JsonObject           *arguments,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpPromptResult *mcp_prompt_get_finish          (McpPrompt            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error) G_GNUC_WARN_UNUSED_RESULT;
MCP_AVAILABLE_IN_ALL
JsonObject      *mcp_prompt_to_json             (McpPrompt            *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
