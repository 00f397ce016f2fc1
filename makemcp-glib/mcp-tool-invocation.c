/* mcp-tool-invocation.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-tool-invocation.h"
#include "mcp-tool-private.h"

/**
 * McpToolInvocation:
 *
 * One call of a tool with an asynchronous handler
 * ([callback@Mcp.ToolAsyncFunc]), in the manner of
 * [class@Gio.DBusMethodInvocation]: the handler keeps it while the work
 * runs and completes the call with exactly one of its `return_` methods.
 *
 * ```c
 * static void
 * sleep_done (gpointer user_data)
 * {
 *   g_autoptr(McpToolInvocation) invocation = user_data;
 *
 *   mcp_tool_invocation_return_text (invocation, "done");
 * }
 *
 * static void
 * sleep_tool (McpTool *tool, McpToolInvocation *invocation, gpointer user_data)
 * {
 *   JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
 *   guint ms = json_object_get_int_member (arguments, "ms");
 *
 *   g_timeout_add_once (ms, sleep_done, g_object_ref (invocation));
 * }
 * ```
 *
 * Because it is an object with plain methods, the same handler shape works
 * from Python and JavaScript. To fail a call, C code usually hands its
 * #GError over with `mcp_tool_invocation_take_error()`; that function is
 * not introspectable (it takes ownership of the error), and language
 * bindings call [method@Mcp.ToolInvocation.return_gerror] instead, which
 * answers the client the same way, or
 * [method@Mcp.ToolInvocation.return_error_message] for a tool error made
 * of a message alone.
 */

struct _McpToolInvocation
{
  GObject            parent_instance;

  McpTool           *tool;
  McpRequestContext *context;
  JsonObject        *arguments;
  GTask             *task;
};

G_DEFINE_FINAL_TYPE (McpToolInvocation, mcp_tool_invocation, G_TYPE_OBJECT)

static void
mcp_tool_invocation_dispose (GObject *object)
{
  McpToolInvocation *self = (McpToolInvocation *)object;

  /* A handler that drops the invocation without answering must not leave
   * the client waiting forever. */
  if (self->task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The tool “%s” finished without returning a result",
                               mcp_tool_get_name (self->tool));
    }

  g_clear_object (&self->tool);
  g_clear_object (&self->context);
  g_clear_pointer (&self->arguments, json_object_unref);

  G_OBJECT_CLASS (mcp_tool_invocation_parent_class)->dispose (object);
}

static void
mcp_tool_invocation_class_init (McpToolInvocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_tool_invocation_dispose;
}

static void
mcp_tool_invocation_init (McpToolInvocation *self)
{
}

McpToolInvocation *
mcp_tool_invocation_new (McpTool           *tool,
                         McpRequestContext *context,
                         JsonObject        *arguments,
                         GTask             *task)
{
  McpToolInvocation *self = g_object_new (MCP_TYPE_TOOL_INVOCATION, NULL);

  self->tool = g_object_ref (tool);
  self->context = g_object_ref (context);
  self->arguments = json_object_ref (arguments);
  self->task = task != NULL ? g_object_ref (task) : NULL;

  return self;
}

static GTask *
mcp_tool_invocation_steal_task (McpToolInvocation *self,
                                const char        *func)
{
  if (self->task == NULL)
    {
      g_critical ("%s: the call of tool “%s” has already returned",
                  func, mcp_tool_get_name (self->tool));
      return NULL;
    }

  return g_steal_pointer (&self->task);
}

/**
 * mcp_tool_invocation_get_tool:
 * @self: a #McpToolInvocation
 *
 * Gets the tool being called.
 *
 * Returns: (transfer none): the tool
 */
McpTool *
mcp_tool_invocation_get_tool (McpToolInvocation *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_INVOCATION (self), NULL);

  return self->tool;
}

/**
 * mcp_tool_invocation_get_context:
 * @self: a #McpToolInvocation
 *
 * Gets the request being served: progress, logging, the client's
 * capabilities.
 *
 * Returns: (transfer none): the request context
 */
McpRequestContext *
mcp_tool_invocation_get_context (McpToolInvocation *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_INVOCATION (self), NULL);

  return self->context;
}

/**
 * mcp_tool_invocation_get_arguments:
 * @self: a #McpToolInvocation
 *
 * Gets the arguments of the call, already checked against the tool's input
 * schema.
 *
 * Returns: (transfer none): the arguments
 */
JsonObject *
mcp_tool_invocation_get_arguments (McpToolInvocation *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_INVOCATION (self), NULL);

  return self->arguments;
}

/**
 * mcp_tool_invocation_get_cancellable:
 * @self: a #McpToolInvocation
 *
 * Gets the cancellable of the call, cancelled when the client cancels it
 * or goes away. Pass it to the operations the handler starts.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
mcp_tool_invocation_get_cancellable (McpToolInvocation *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_INVOCATION (self), NULL);

  return mcp_request_context_get_cancellable (self->context);
}

/**
 * mcp_tool_invocation_return_result:
 * @self: a #McpToolInvocation
 * @result: the result of the call
 *
 * Completes the call with @result.
 */
void
mcp_tool_invocation_return_result (McpToolInvocation *self,
                                   McpToolResult     *result)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_TOOL_INVOCATION (self));
  g_return_if_fail (MCP_IS_TOOL_RESULT (result));

  if ((task = mcp_tool_invocation_steal_task (self, G_STRFUNC)) != NULL)
    g_task_return_pointer (task, g_object_ref (result), g_object_unref);
}

/**
 * mcp_tool_invocation_return_text:
 * @self: a #McpToolInvocation
 * @text: the text of the result
 *
 * Completes the call with a result of one text block.
 */
void
mcp_tool_invocation_return_text (McpToolInvocation *self,
                                 const char        *text)
{
  g_autoptr(McpToolResult) result = NULL;

  g_return_if_fail (MCP_IS_TOOL_INVOCATION (self));
  g_return_if_fail (text != NULL);

  result = mcp_tool_result_new_text (text);
  mcp_tool_invocation_return_result (self, result);
}

/**
 * mcp_tool_invocation_return_error_message:
 * @self: a #McpToolInvocation
 * @message: what went wrong, for the model to read
 *
 * Completes the call as a failed tool call: a result with `isError: true`
 * and @message.
 */
void
mcp_tool_invocation_return_error_message (McpToolInvocation *self,
                                          const char        *message)
{
  g_autoptr(McpToolResult) result = NULL;

  g_return_if_fail (MCP_IS_TOOL_INVOCATION (self));
  g_return_if_fail (message != NULL);

  result = mcp_tool_result_new_error (message);
  mcp_tool_invocation_return_result (self, result);
}

/**
 * mcp_tool_invocation_return_gerror:
 * @self: a #McpToolInvocation
 * @error: the error
 *
 * Completes the call with @error: a tool result with `isError: true` and
 * the error's message, or a JSON-RPC error when @error is in the
 * %MCP_ERROR domain.
 *
 * This is the way to fail a call from language bindings (in Python,
 * `invocation.return_gerror(GLib.Error(...))`); C code that owns its
 * error may hand it over with `mcp_tool_invocation_take_error()` instead,
 * to the same effect.
 */
void
mcp_tool_invocation_return_gerror (McpToolInvocation *self,
                                   const GError      *error)
{
  g_return_if_fail (MCP_IS_TOOL_INVOCATION (self));
  g_return_if_fail (error != NULL);

  mcp_tool_invocation_take_error (self, g_error_copy (error));
}

/**
 * mcp_tool_invocation_take_error: (skip)
 * @self: a #McpToolInvocation
 * @error: (transfer full): the error
 *
 * Like [method@Mcp.ToolInvocation.return_gerror], taking ownership of
 * @error. Not available to language bindings, which use
 * [method@Mcp.ToolInvocation.return_gerror].
 */
void
mcp_tool_invocation_take_error (McpToolInvocation *self,
                                GError            *error)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_TOOL_INVOCATION (self));
  g_return_if_fail (error != NULL);

  if ((task = mcp_tool_invocation_steal_task (self, G_STRFUNC)) != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}
