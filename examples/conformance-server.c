/* conformance-server.c — the fixtures of the official MCP conformance suite
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An ordinary makemcp-glib program with the tools the scenarios of
 * `@modelcontextprotocol/conformance` call, by the names and with the
 * behaviour the suite expects. Without arguments it serves Streamable
 * HTTP on 127.0.0.1 with a free port and prints the endpoint's URL on
 * standard output; tests/conformance/run-conformance.py runs the suite
 * against it. Any arguments go to mcp_server_run() instead.
 */

#include <makemcp-glib/makemcp-glib.h>

/* A 1×1 PNG and a tiny WAV file, as the suite's reference server sends. */
#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
#define WAV_BASE64 \
  "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA="

static GBytes *
decode (const char *base64)
{
  gsize length = 0;
  guchar *data = g_base64_decode (base64, &length);

  return g_bytes_new_take (data, length);
}

static McpToolResult *
simple_text_tool (McpTool            *tool,
                  McpRequestContext  *context,
                  JsonObject         *arguments,
                  gpointer            user_data,
                  GError            **error)
{
  return mcp_tool_result_new_text ("This is a simple text response for testing.");
}

static McpToolResult *
image_tool (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (PNG_BASE64);

  mcp_tool_result_add_image (result, png, "image/png");
  return g_steal_pointer (&result);
}

static McpToolResult *
audio_tool (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) wav = decode (WAV_BASE64);

  mcp_tool_result_add_audio (result, wav, "audio/wav");
  return g_steal_pointer (&result);
}

static McpToolResult *
embedded_resource_tool (McpTool            *tool,
                        McpRequestContext  *context,
                        JsonObject         *arguments,
                        gpointer            user_data,
                        GError            **error)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();

  mcp_tool_result_add_embedded_text (result, "test://embedded-resource", "text/plain",
                                     "This is an embedded resource content.");
  return g_steal_pointer (&result);
}

static McpToolResult *
mixed_content_tool (McpTool            *tool,
                    McpRequestContext  *context,
                    JsonObject         *arguments,
                    gpointer            user_data,
                    GError            **error)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (PNG_BASE64);

  mcp_tool_result_add_text (result, "Multiple content types test:");
  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_result_add_embedded_text (result, "test://mixed-content-resource", "application/json",
                                     "{\"test\":\"data\",\"value\":123}");
  return g_steal_pointer (&result);
}

static McpToolResult *
error_tool (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  return mcp_tool_result_new_error ("This tool intentionally returns an error for testing");
}

/* Tools that take their time: a few steps 50 ms apart, on the main loop. */

typedef void (*StepFunc) (McpToolInvocation *invocation,
                          guint              step);

typedef struct
{
  McpToolInvocation *invocation;
  StepFunc           func;
  guint              step;
  guint              n_steps;
  guint              interval_ms;
} Steps;

static gboolean
steps_cb (gpointer user_data)
{
  Steps *steps = user_data;

  if (mcp_request_context_is_cancelled (mcp_tool_invocation_get_context (steps->invocation)))
    {
      mcp_tool_invocation_return_error_message (steps->invocation, "Cancelled");
      return G_SOURCE_REMOVE;
    }

  steps->func (steps->invocation, steps->step++);
  return steps->step < steps->n_steps ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
steps_free (gpointer data)
{
  Steps *steps = data;

  g_object_unref (steps->invocation);
  g_free (steps);
}

static void
run_steps (McpToolInvocation *invocation,
           StepFunc           func,
           guint              n_steps,
           guint              interval_ms)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->invocation = g_object_ref (invocation);
  steps->func = func;
  steps->n_steps = n_steps;
  steps->interval_ms = interval_ms;

  /* The first step at once, the others on a timer. */
  func (invocation, steps->step++);
  g_timeout_add_full (G_PRIORITY_DEFAULT, interval_ms, steps_cb, steps, steps_free);
}

static void
logging_step (McpToolInvocation *invocation,
              guint              step)
{
  static const char * const messages[] = {
    "Tool execution started",
    "Tool processing data",
    "Tool execution completed",
  };
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);

  if (step < G_N_ELEMENTS (messages))
    mcp_request_context_log (context, MCP_LOG_LEVEL_INFO, "conformance", messages[step]);
  if (step == G_N_ELEMENTS (messages) - 1)
    mcp_tool_invocation_return_text (invocation, "Tool with logging executed successfully");
}

static void
logging_tool (McpTool           *tool,
              McpToolInvocation *invocation,
              gpointer           user_data)
{
  run_steps (invocation, logging_step, 3, 50);
}

static void
progress_step (McpToolInvocation *invocation,
               guint              step)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  g_autofree char *message = g_strdup_printf ("Completed step %u of 100", step * 50);

  mcp_request_context_report_progress (context, step * 50, 100, message);

  if (step == 2)
    {
      JsonNode *token = mcp_request_context_get_progress_token (context);
      g_autofree char *text = NULL;

      if (token == NULL)
        text = g_strdup ("Progress test completed (no progress token)");
      else if (JSON_NODE_HOLDS_VALUE (token) && json_node_get_value_type (token) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (token));
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (token));

      mcp_tool_invocation_return_text (invocation, text);
    }
}

static void
progress_tool (McpTool           *tool,
               McpToolInvocation *invocation,
               gpointer           user_data)
{
  run_steps (invocation, progress_step, 3, 50);
}

/* server-sse-polling (SEP-1699): the server closes the stream in the
 * middle of the call; the client comes back with Last-Event-ID and gets
 * the result on the resumed stream. */
static void
reconnection_step (McpToolInvocation *invocation,
                   guint              step)
{
  if (step == 0)
    mcp_http_transport_close_stream (mcp_tool_invocation_get_context (invocation));
  else
    mcp_tool_invocation_return_text (invocation, "Reconnection test completed");
}

static void
reconnection_tool (McpTool           *tool,
                   McpToolInvocation *invocation,
                   gpointer           user_data)
{
  run_steps (invocation, reconnection_step, 2, 100);
}

static McpToolResult *
json_schema_tool (McpTool            *tool,
                  McpRequestContext  *context,
                  JsonObject         *arguments,
                  gpointer            user_data,
                  GError            **error)
{
  const char *name = json_object_has_member (arguments, "name")
                     ? json_object_get_string_member (arguments, "name") : "someone";
  g_autofree char *text = g_strdup_printf ("Contact details for %s accepted", name);

  return mcp_tool_result_new_text (text);
}

/* 2026-07-28: a tool that needs a client capability the request did not
 * declare is refused with -32021. */
static McpToolResult *
missing_capability_tool (McpTool            *tool,
                         McpRequestContext  *context,
                         JsonObject         *arguments,
                         gpointer            user_data,
                         GError            **error)
{
  if (!mcp_request_context_has_client_capability (context, "sampling"))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_MISSING_REQUIRED_CLIENT_CAPABILITY,
                           "Missing required client capability: sampling");
      return NULL;
    }

  return mcp_tool_result_new_text ("The client declared sampling");
}

/* 2026-07-28: log messages only when the request asked for them with
 * io.modelcontextprotocol/logLevel. */
static McpToolResult *
logging_only_when_asked_tool (McpTool            *tool,
                              McpRequestContext  *context,
                              JsonObject         *arguments,
                              gpointer            user_data,
                              GError            **error)
{
  mcp_request_context_log (context, MCP_LOG_LEVEL_INFO, "conformance",
                           "A log message for a request that asked for them");
  return mcp_tool_result_new_text ("Logging tool executed");
}

/* 2026-07-28: what travels on a request's stream are notifications and the
 * answer, never a request of the server's own. */
static McpToolResult *
streaming_tool (McpTool            *tool,
                McpRequestContext  *context,
                JsonObject         *arguments,
                gpointer            user_data,
                GError            **error)
{
  mcp_request_context_report_progress (context, 1, 1, "Done");
  return mcp_tool_result_new_text ("Streaming tool executed");
}

/* SEP-2243: `region` is mirrored into the Mcp-Param-Region header. */
static McpToolResult *
custom_header_tool (McpTool            *tool,
                    McpRequestContext  *context,
                    JsonObject         *arguments,
                    gpointer            user_data,
                    GError            **error)
{
  g_autofree char *text = g_strdup_printf ("Region: %s",
                                           json_object_get_string_member (arguments, "region"));

  return mcp_tool_result_new_text (text);
}

#define NO_ARGUMENTS "{\"type\":\"object\",\"properties\":{}}"

static void
add_tool (McpServer   *server,
          const char  *name,
          const char  *description,
          const char  *input_schema,
          McpToolFunc  func)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);
  mcp_tool_set_func (tool, func, NULL, NULL);
  mcp_server_add_tool (server, tool);
}

static void
add_async_tool (McpServer        *server,
                const char       *name,
                const char       *description,
                McpToolAsyncFunc  func)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);

  mcp_tool_set_input_schema_json (tool, NO_ARGUMENTS, NULL);
  mcp_tool_set_async_func (tool, func, NULL, NULL);
  mcp_server_add_tool (server, tool);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McpServer) server = mcp_server_new ("makemcp-glib-conformance", "0.1.0");
  char *http_argv[] = { argv[0], (char *)"--http", (char *)"127.0.0.1:0", NULL };

  mcp_server_set_instructions (server, "The fixtures of the MCP conformance suite.");

  add_tool (server, "test_simple_text", "Returns a simple text response", NO_ARGUMENTS,
            simple_text_tool);
  add_tool (server, "test_image_content", "Returns a small PNG image", NO_ARGUMENTS,
            image_tool);
  add_tool (server, "test_audio_content", "Returns a small WAV sound", NO_ARGUMENTS,
            audio_tool);
  add_tool (server, "test_embedded_resource", "Returns an embedded text resource",
            NO_ARGUMENTS, embedded_resource_tool);
  add_tool (server, "test_multiple_content_types",
            "Returns text, an image and an embedded resource", NO_ARGUMENTS,
            mixed_content_tool);
  add_tool (server, "test_error_handling", "Always fails with a tool error", NO_ARGUMENTS,
            error_tool);
  add_async_tool (server, "test_tool_with_logging",
                  "Sends three log messages 50 ms apart while it runs", logging_tool);
  add_async_tool (server, "test_tool_with_progress",
                  "Reports progress 0, 50 and 100 of 100, 50 ms apart", progress_tool);
  add_async_tool (server, "test_reconnection",
                  "Closes its SSE stream in the middle of the call; the result arrives "
                  "when the client resumes with Last-Event-ID", reconnection_tool);
  add_tool (server, "json_schema_2020_12_tool",
            "Takes contact details described with JSON Schema 2020-12 keywords",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            "\"type\":\"object\","
            "\"$defs\":{\"address\":{\"$anchor\":\"addressDef\",\"type\":\"object\","
            "\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}}}},"
            "\"properties\":{\"name\":{\"type\":\"string\"},"
            "\"address\":{\"$ref\":\"#/$defs/address\"},"
            "\"contactMethod\":{\"type\":\"string\",\"enum\":[\"phone\",\"email\"]},"
            "\"phone\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}},"
            "\"allOf\":[{\"anyOf\":[{\"required\":[\"phone\"]},{\"required\":[\"email\"]}]}],"
            "\"if\":{\"properties\":{\"contactMethod\":{\"const\":\"phone\"}},"
            "\"required\":[\"contactMethod\"]},"
            "\"then\":{\"required\":[\"phone\"]},"
            "\"else\":{\"required\":[\"email\"]},"
            "\"additionalProperties\":false}",
            json_schema_tool);
  add_tool (server, "test_missing_capability",
            "Needs the client's sampling capability", NO_ARGUMENTS, missing_capability_tool);
  add_tool (server, "test_logging_tool",
            "Logs a message, which reaches only clients that asked for a log level",
            NO_ARGUMENTS, logging_only_when_asked_tool);
  add_tool (server, "test_streaming_elicitation",
            "Sends a notification on its stream, then its result", NO_ARGUMENTS,
            streaming_tool);
  add_tool (server, "test_custom_header",
            "Takes a region that is mirrored into the Mcp-Param-Region HTTP header",
            "{\"type\":\"object\",\"properties\":{"
            "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\","
            "\"description\":\"Where to run\"}},"
            "\"required\":[\"region\"]}",
            custom_header_tool);

  if (argc <= 1)
    return mcp_server_run (server, G_N_ELEMENTS (http_argv) - 1, http_argv);

  return mcp_server_run (server, argc, argv);
}
