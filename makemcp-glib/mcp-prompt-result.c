/* mcp-prompt-result.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-json-private.h"
#include "mcp-prompt-result.h"

/**
 * McpPromptResult:
 *
 * The messages a prompt expands to (`GetPromptResult`): each has a role,
 * user or assistant, and one content block — text, an image, audio, a
 * resource link or an embedded resource.
 *
 * ```c
 * McpPromptResult *result = mcp_prompt_result_new ("Review a patch");
 *
 * mcp_prompt_result_add_embedded_text (result, MCP_ROLE_USER, "git://patch", "text/x-diff", diff);
 * mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Please review the patch above.");
 * ```
 */

struct _McpPromptResult
{
  GObject    parent_instance;

  char      *description;
  JsonArray *messages;
};

G_DEFINE_FINAL_TYPE (McpPromptResult, mcp_prompt_result, G_TYPE_OBJECT)

static void
mcp_prompt_result_finalize (GObject *object)
{
  McpPromptResult *self = (McpPromptResult *)object;

  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->messages, json_array_unref);

  G_OBJECT_CLASS (mcp_prompt_result_parent_class)->finalize (object);
}

static void
mcp_prompt_result_class_init (McpPromptResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_prompt_result_finalize;
}

static void
mcp_prompt_result_init (McpPromptResult *self)
{
  self->messages = json_array_new ();
}

/**
 * mcp_prompt_result_new:
 * @description: (nullable): a description of the expanded prompt
 *
 * Creates a result with no messages.
 *
 * Returns: (transfer full): a new #McpPromptResult
 */
McpPromptResult *
mcp_prompt_result_new (const char *description)
{
  McpPromptResult *self = g_object_new (MCP_TYPE_PROMPT_RESULT, NULL);

  self->description = g_strdup (description);
  return self;
}

/**
 * mcp_prompt_result_add_message:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @content: the content block of the message
 *
 * Appends a message whose content block was built by hand.
 */
void
mcp_prompt_result_add_message (McpPromptResult *self,
                               McpRole          role,
                               JsonObject      *content)
{
  JsonObject *message;

  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (content != NULL);

  message = json_object_new ();
  json_object_set_string_member (message, "role", role == MCP_ROLE_ASSISTANT ? "assistant" : "user");
  json_object_set_object_member (message, "content", json_object_ref (content));
  json_array_add_object_element (self->messages, message);
}

static void
mcp_prompt_result_take_message (McpPromptResult *self,
                                McpRole          role,
                                JsonObject      *content)
{
  mcp_prompt_result_add_message (self, role, content);
  json_object_unref (content);
}

/**
 * mcp_prompt_result_add_text:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @text: the text
 *
 * Appends a text message.
 */
void
mcp_prompt_result_add_text (McpPromptResult *self,
                            McpRole          role,
                            const char      *text)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (text != NULL);

  mcp_prompt_result_take_message (self, role, mcp_content_new_text (text));
}

/**
 * mcp_prompt_result_add_image:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @data: the encoded image
 * @mime_type: its MIME type
 *
 * Appends an image message.
 */
void
mcp_prompt_result_add_image (McpPromptResult *self,
                             McpRole          role,
                             GBytes          *data,
                             const char      *mime_type)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (mime_type != NULL);

  mcp_prompt_result_take_message (self, role, mcp_content_new_binary ("image", data, mime_type));
}

/**
 * mcp_prompt_result_add_audio:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @data: the encoded audio
 * @mime_type: its MIME type
 *
 * Appends an audio message.
 */
void
mcp_prompt_result_add_audio (McpPromptResult *self,
                             McpRole          role,
                             GBytes          *data,
                             const char      *mime_type)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (mime_type != NULL);

  mcp_prompt_result_take_message (self, role, mcp_content_new_binary ("audio", data, mime_type));
}

/**
 * mcp_prompt_result_add_resource_link:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @uri: the URI of the resource
 * @name: (nullable): its name
 * @description: (nullable): its description
 * @mime_type: (nullable): its MIME type
 *
 * Appends a message linking to a resource.
 */
void
mcp_prompt_result_add_resource_link (McpPromptResult *self,
                                     McpRole          role,
                                     const char      *uri,
                                     const char      *name,
                                     const char      *description,
                                     const char      *mime_type)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (uri != NULL);

  mcp_prompt_result_take_message (self, role,
                                  mcp_content_new_resource_link (uri, name, description, mime_type));
}

/**
 * mcp_prompt_result_add_embedded_text:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @text: its text
 *
 * Appends a message embedding a text resource.
 */
void
mcp_prompt_result_add_embedded_text (McpPromptResult *self,
                                     McpRole          role,
                                     const char      *uri,
                                     const char      *mime_type,
                                     const char      *text)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (text != NULL);

  mcp_prompt_result_take_message (self, role,
                                  mcp_content_new_embedded (
                                    mcp_content_new_resource_contents (uri, mime_type, text, NULL)));
}

/**
 * mcp_prompt_result_add_embedded_blob:
 * @self: a #McpPromptResult
 * @role: who speaks
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @blob: its bytes
 *
 * Appends a message embedding a binary resource.
 */
void
mcp_prompt_result_add_embedded_blob (McpPromptResult *self,
                                     McpRole          role,
                                     const char      *uri,
                                     const char      *mime_type,
                                     GBytes          *blob)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (blob != NULL);

  mcp_prompt_result_take_message (self, role,
                                  mcp_content_new_embedded (
                                    mcp_content_new_resource_contents (uri, mime_type, NULL, blob)));
}

/**
 * mcp_prompt_result_get_messages:
 * @self: a #McpPromptResult
 *
 * Gets the messages, as `PromptMessage` objects.
 *
 * Returns: (transfer none): the messages
 */
JsonArray *
mcp_prompt_result_get_messages (McpPromptResult *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  return self->messages;
}

/**
 * mcp_prompt_result_to_json:
 * @self: a #McpPromptResult
 *
 * Serializes the result as a `GetPromptResult` object, without the fields
 * the server adds for the request's protocol era.
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_prompt_result_to_json (McpPromptResult *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  object = json_object_new ();
  mcp_json_object_set_string (object, "description", self->description);
  json_object_set_array_member (object, "messages", json_array_ref (self->messages));
  return object;
}
