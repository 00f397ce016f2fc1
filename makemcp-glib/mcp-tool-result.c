/* mcp-tool-result.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content-private.h"
#include "mcp-tool-result-private.h"
#include "mcp-json-private.h"
#include "mcp-tool-result.h"

/**
 * McpToolResult:
 *
 * The outcome of one tool call: a list of content blocks (text, images,
 * audio, resource links and embedded resources), optional structured
 * content, and whether the tool failed.
 *
 * A tool that ran and failed returns a result with
 * [property@Mcp.ToolResult:is-error] set, so the model sees the message and
 * can correct itself; only protocol problems become JSON-RPC errors.
 *
 * ```c
 * McpToolResult *result = mcp_tool_result_new_text ("42");
 *
 * mcp_tool_result_add_image (result, png_bytes, "image/png");
 * ```
 */

struct _McpToolResult
{
  GObject     parent_instance;

  JsonArray  *content;      /* built when first needed */
  char       *text;         /* while the content is one text block: its text */
  JsonNode   *structured_content;
  JsonObject *meta;
  guint       is_error : 1;
};

enum {
  PROP_0,
  PROP_IS_ERROR,
  PROP_STRUCTURED_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (McpToolResult, mcp_tool_result, G_TYPE_OBJECT)

static void
mcp_tool_result_finalize (GObject *object)
{
  McpToolResult *self = (McpToolResult *)object;

  g_clear_pointer (&self->content, json_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->structured_content, json_node_unref);
  g_clear_pointer (&self->meta, json_object_unref);

  G_OBJECT_CLASS (mcp_tool_result_parent_class)->finalize (object);
}

static void
mcp_tool_result_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McpToolResult *self = MCP_TOOL_RESULT (object);

  switch (prop_id)
    {
    case PROP_IS_ERROR:
      g_value_set_boolean (value, self->is_error);
      break;

    case PROP_STRUCTURED_CONTENT:
      g_value_set_boxed (value, self->structured_content);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_result_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McpToolResult *self = MCP_TOOL_RESULT (object);

  switch (prop_id)
    {
    case PROP_IS_ERROR:
      mcp_tool_result_set_is_error (self, g_value_get_boolean (value));
      break;

    case PROP_STRUCTURED_CONTENT:
      mcp_tool_result_set_structured_content (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_result_class_init (McpToolResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_tool_result_finalize;
  object_class->get_property = mcp_tool_result_get_property;
  object_class->set_property = mcp_tool_result_set_property;

  /**
   * McpToolResult:is-error:
   *
   * Whether the tool failed. The content then explains the failure to the
   * model (`isError` on the wire).
   */
  properties[PROP_IS_ERROR] =
    g_param_spec_boolean ("is-error", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * McpToolResult:structured-content:
   *
   * Structured content of the result, any JSON value (`structuredContent`
   * on the wire). When the tool declares an output schema, the value must
   * conform to it.
   */
  properties[PROP_STRUCTURED_CONTENT] =
    g_param_spec_boxed ("structured-content", NULL, NULL,
                        JSON_TYPE_NODE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_tool_result_init (McpToolResult *self)
{
}

/* Most results are one text block, and the answer of a tools/call writes
 * it straight from its text (mcp_tool_result_peek_text()): the JSON array
 * and object are only built when something asks for them. */
static JsonArray *
mcp_tool_result_content (McpToolResult *self)
{
  if (self->content == NULL)
    {
      self->content = json_array_new ();
      if (self->text != NULL)
        {
          json_array_add_object_element (self->content, mcp_content_new_text (self->text));
          g_clear_pointer (&self->text, g_free);
        }
    }

  return self->content;
}

/* The text of the result when its content is one text block and nothing
 * has asked for the content as JSON yet; NULL otherwise. */
const char *
mcp_tool_result_peek_text (McpToolResult *self)
{
  return self->text;
}

/**
 * mcp_tool_result_new:
 *
 * Creates an empty result, to be filled with content blocks.
 *
 * Returns: (transfer full): a new #McpToolResult
 */
McpToolResult *
mcp_tool_result_new (void)
{
  return g_object_new (MCP_TYPE_TOOL_RESULT, NULL);
}

/**
 * mcp_tool_result_new_text:
 * @text: the text of the result
 *
 * Creates a result made of one text block.
 *
 * Returns: (transfer full): a new #McpToolResult
 */
McpToolResult *
mcp_tool_result_new_text (const char *text)
{
  McpToolResult *self = mcp_tool_result_new ();

  g_return_val_if_fail (text != NULL, self);

  mcp_tool_result_add_text (self, text);
  return self;
}

/**
 * mcp_tool_result_new_error:
 * @message: what went wrong, for the model to read
 *
 * Creates a failed result (`isError: true`) made of one text block with
 * @message.
 *
 * Returns: (transfer full): a new #McpToolResult
 */
McpToolResult *
mcp_tool_result_new_error (const char *message)
{
  McpToolResult *self = mcp_tool_result_new ();

  g_return_val_if_fail (message != NULL, self);

  mcp_tool_result_add_text (self, message);
  self->is_error = TRUE;
  return self;
}

/**
 * mcp_tool_result_new_structured:
 * @structured_content: any JSON value
 *
 * Creates a result whose structured content is @structured_content, with
 * the same value serialized in a text block for clients that read only
 * content blocks (as the specification recommends).
 *
 * Returns: (transfer full): a new #McpToolResult
 */
McpToolResult *
mcp_tool_result_new_structured (JsonNode *structured_content)
{
  McpToolResult *self = mcp_tool_result_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (structured_content != NULL, self);

  mcp_tool_result_set_structured_content (self, structured_content);
  text = mcp_json_to_string (structured_content, NULL);
  mcp_tool_result_add_text (self, text);
  return self;
}

/**
 * mcp_tool_result_add_text:
 * @self: a #McpToolResult
 * @text: the text
 *
 * Appends a text content block.
 */
void
mcp_tool_result_add_text (McpToolResult *self,
                          const char    *text)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (text != NULL);

  if (self->content == NULL && self->text == NULL)
    self->text = g_strdup (text);
  else
    json_array_add_object_element (mcp_tool_result_content (self), mcp_content_new_text (text));
}

/**
 * mcp_tool_result_add_image:
 * @self: a #McpToolResult
 * @data: the encoded image
 * @mime_type: its MIME type, such as `image/png`
 *
 * Appends an image content block; @data is sent base64-encoded.
 */
void
mcp_tool_result_add_image (McpToolResult *self,
                           GBytes        *data,
                           const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (mime_type != NULL);

  json_array_add_object_element (mcp_tool_result_content (self),
                                 mcp_content_new_binary ("image", data, mime_type));
}

/**
 * mcp_tool_result_add_audio:
 * @self: a #McpToolResult
 * @data: the encoded audio
 * @mime_type: its MIME type, such as `audio/wav`
 *
 * Appends an audio content block; @data is sent base64-encoded. Clients
 * of the 2024-11-05 revision, which has no audio blocks, get a text block
 * naming the MIME type instead.
 */
void
mcp_tool_result_add_audio (McpToolResult *self,
                           GBytes        *data,
                           const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (mime_type != NULL);

  json_array_add_object_element (mcp_tool_result_content (self),
                                 mcp_content_new_binary ("audio", data, mime_type));
}

/**
 * mcp_tool_result_add_resource_link:
 * @self: a #McpToolResult
 * @uri: the URI of the resource
 * @name: (nullable): its name; @uri when %NULL
 * @description: (nullable): a description of the resource
 * @mime_type: (nullable): its MIME type
 *
 * Appends a `resource_link` block pointing at a resource the client may
 * read. Clients of revisions before 2025-06-18 get a text block with the
 * URI instead.
 */
void
mcp_tool_result_add_resource_link (McpToolResult *self,
                                   const char    *uri,
                                   const char    *name,
                                   const char    *description,
                                   const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (uri != NULL);

  json_array_add_object_element (mcp_tool_result_content (self),
                                 mcp_content_new_resource_link (uri, name, description,
                                                                mime_type));
}

/**
 * mcp_tool_result_add_embedded_text:
 * @self: a #McpToolResult
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @text: its text
 *
 * Appends an embedded text resource (a `resource` block).
 */
void
mcp_tool_result_add_embedded_text (McpToolResult *self,
                                   const char    *uri,
                                   const char    *mime_type,
                                   const char    *text)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (text != NULL);

  json_array_add_object_element (mcp_tool_result_content (self),
                                 mcp_content_new_embedded (
                                   mcp_content_new_resource_contents (uri, mime_type, text, NULL)));
}

/**
 * mcp_tool_result_add_embedded_blob:
 * @self: a #McpToolResult
 * @uri: the URI of the resource
 * @mime_type: (nullable): its MIME type
 * @blob: its bytes
 *
 * Appends an embedded binary resource (a `resource` block whose contents
 * carry a base64 `blob`).
 */
void
mcp_tool_result_add_embedded_blob (McpToolResult *self,
                                   const char    *uri,
                                   const char    *mime_type,
                                   GBytes        *blob)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (blob != NULL);

  json_array_add_object_element (mcp_tool_result_content (self),
                                 mcp_content_new_embedded (
                                   mcp_content_new_resource_contents (uri, mime_type, NULL, blob)));
}

/**
 * mcp_tool_result_add_content:
 * @self: a #McpToolResult
 * @block: a content block, as its JSON object
 *
 * Appends a content block built by hand, for instance one carrying
 * `annotations` or `_meta`. The block is sent as it is; it must be a valid
 * MCP `ContentBlock` with a `type` member.
 */
void
mcp_tool_result_add_content (McpToolResult *self,
                             JsonObject    *block)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (block != NULL);

  json_array_add_object_element (mcp_tool_result_content (self), json_object_ref (block));
}

/**
 * mcp_tool_result_get_content:
 * @self: a #McpToolResult
 *
 * Gets the content blocks of the result.
 *
 * Returns: (transfer none): the content blocks
 */
JsonArray *
mcp_tool_result_get_content (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return mcp_tool_result_content (self);
}

/**
 * mcp_tool_result_get_structured_content:
 * @self: a #McpToolResult
 *
 * Gets the structured content of the result.
 *
 * Returns: (transfer none) (nullable): the structured content
 */
JsonNode *
mcp_tool_result_get_structured_content (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return self->structured_content;
}

/**
 * mcp_tool_result_set_structured_content:
 * @self: a #McpToolResult
 * @structured_content: (nullable): any JSON value
 *
 * Sets the structured content of the result. It is not copied into a text
 * block: use [ctor@Mcp.ToolResult.new_structured] for that.
 */
void
mcp_tool_result_set_structured_content (McpToolResult *self,
                                        JsonNode      *structured_content)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  if (self->structured_content == structured_content)
    return;

  g_clear_pointer (&self->structured_content, json_node_unref);
  if (structured_content != NULL)
    self->structured_content = json_node_ref (structured_content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURED_CONTENT]);
}

/**
 * mcp_tool_result_get_is_error:
 * @self: a #McpToolResult
 *
 * Gets whether the result reports a failed tool call.
 *
 * Returns: %TRUE if the tool failed
 */
gboolean
mcp_tool_result_get_is_error (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), FALSE);

  return self->is_error;
}

/**
 * mcp_tool_result_set_is_error:
 * @self: a #McpToolResult
 * @is_error: whether the tool failed
 *
 * Marks the result as a failed tool call (`isError`).
 */
void
mcp_tool_result_set_is_error (McpToolResult *self,
                              gboolean       is_error)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  is_error = !!is_error;
  if (self->is_error != is_error)
    {
      self->is_error = is_error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ERROR]);
    }
}

/**
 * mcp_tool_result_get_meta:
 * @self: a #McpToolResult
 *
 * Gets the `_meta` object sent with the result.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 */
JsonObject *
mcp_tool_result_get_meta (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return self->meta;
}

/**
 * mcp_tool_result_set_meta:
 * @self: a #McpToolResult
 * @meta: (nullable): a `_meta` object
 *
 * Sets metadata sent in the result's `_meta`. Keys reserved by MCP
 * (`io.modelcontextprotocol/…`) are set by the server and override these.
 */
void
mcp_tool_result_set_meta (McpToolResult *self,
                          JsonObject    *meta)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  g_clear_pointer (&self->meta, json_object_unref);
  if (meta != NULL)
    self->meta = json_object_ref (meta);
}

/**
 * mcp_tool_result_to_json:
 * @self: a #McpToolResult
 *
 * Serializes the result as a `CallToolResult` object of the newest
 * revision, without `resultType` (the server adds what the request's
 * protocol era needs).
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
mcp_tool_result_to_json (McpToolResult *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  object = json_object_new ();
  json_object_set_array_member (object, "content", json_array_ref (mcp_tool_result_content (self)));
  if (self->structured_content != NULL)
    json_object_set_member (object, "structuredContent", json_node_ref (self->structured_content));
  if (self->is_error)
    json_object_set_boolean_member (object, "isError", TRUE);
  if (self->meta != NULL)
    json_object_set_object_member (object, "_meta", mcp_json_object_copy (self->meta));

  return object;
}
