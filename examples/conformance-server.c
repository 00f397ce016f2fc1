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

/* Asking the client for input. The same handlers serve both eras: a
 * legacy client gets server-to-client requests on the call's stream, a
 * 2026-07-28 client an InputRequiredResult and a retry (MRTR). */

typedef void (*AnswersFunc) (McpToolInvocation *invocation,
                             JsonObject        *answers);

typedef struct
{
  McpToolInvocation *invocation;
  AnswersFunc        func;
  JsonObject        *answers;     /* key → the client's answer */
  GError            *error;
  guint              pending;
} Ask;

typedef struct
{
  Ask  *ask;
  char *key;
} AskItem;

static void
ask_finish (Ask *ask)
{
  /* Every input asked for is in: an InputRequiredResult lists them all. */
  if (ask->error != NULL)
    mcp_tool_invocation_take_error (ask->invocation, g_steal_pointer (&ask->error));
  else
    ask->func (ask->invocation, ask->answers);

  json_object_unref (ask->answers);
  g_object_unref (ask->invocation);
  g_free (ask);
}

static void
ask_item_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AskItem *item = user_data;
  Ask *ask = item->ask;
  GError *error = NULL;
  JsonObject *answer;

  answer = mcp_request_context_request_input_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      if (ask->error == NULL)
        ask->error = error;
      else
        g_error_free (error);
    }
  else
    json_object_set_object_member (ask->answers, item->key, answer);

  g_free (item->key);
  g_free (item);

  if (--ask->pending == 0)
    ask_finish (ask);
}

static Ask *
ask_new (McpToolInvocation *invocation,
         AnswersFunc        func)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->invocation = g_object_ref (invocation);
  ask->func = func;
  ask->answers = json_object_new ();
  ask->pending = 1;   /* until ask_start() */

  return ask;
}

static void
ask_for (Ask        *ask,
         const char *key,
         const char *method,
         const char *params_json)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (ask->invocation);
  g_autoptr(JsonNode) params = json_from_string (params_json, NULL);
  AskItem *item = g_new0 (AskItem, 1);

  item->ask = ask;
  item->key = g_strdup (key);
  ask->pending++;
  mcp_request_context_request_input_async (context, key, method, json_node_get_object (params),
                                           NULL, ask_item_cb, item);
}

/* Everything is asked: wait for the answers. */
static void
ask_start (Ask *ask)
{
  if (--ask->pending == 0)
    ask_finish (ask);
}

static const char *
answer_action (JsonObject *answer)
{
  JsonNode *node = answer != NULL ? json_object_get_member (answer, "action") : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : "unknown";
}

static JsonObject *
answer_content (JsonObject *answer)
{
  JsonNode *node = answer != NULL ? json_object_get_member (answer, "content") : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
content_string (JsonObject *content,
                const char *member)
{
  JsonNode *node = content != NULL ? json_object_get_member (content, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return g_strdup ("null");

  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

/* The text a sampling answer carries. */
static const char *
sampled_text (JsonObject *answer)
{
  return content_string (answer_content (answer), "text");
}

static void
sampling_done (McpToolInvocation *invocation,
               JsonObject        *answers)
{
  g_autofree char *text = g_strdup_printf ("LLM response: %s",
                                           sampled_text (json_object_get_object_member (answers, "sampling")));

  mcp_tool_invocation_return_text (invocation, text);
}

static void
sampling_tool (McpTool           *tool,
               McpToolInvocation *invocation,
               gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) params = NULL;
  g_autofree char *params_json = NULL;
  Ask *ask = ask_new (invocation, sampling_done);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, json_object_get_string_member (arguments, "prompt"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "maxTokens");
  json_builder_add_int_value (builder, 100);
  json_builder_end_object (builder);
  params = json_builder_get_root (builder);
  params_json = json_to_string (params, FALSE);

  ask_for (ask, "sampling", "sampling/createMessage", params_json);
  ask_start (ask);
}

static void
elicitation_done (McpToolInvocation *invocation,
                  JsonObject        *answers)
{
  JsonObject *answer = json_object_get_object_member (answers, "user_info");
  g_autofree char *content = to_json (answer_content (answer));
  g_autofree char *text = g_strdup_printf ("User response: action=%s, content=%s",
                                           answer_action (answer), content);

  mcp_tool_invocation_return_text (invocation, text);
}

static void
elicitation_tool (McpTool           *tool,
                  McpToolInvocation *invocation,
                  gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autofree char *params_json = NULL;
  Ask *ask = ask_new (invocation, elicitation_done);

  schema = json_from_string ("{\"type\":\"object\",\"properties\":{"
                             "\"username\":{\"type\":\"string\",\"description\":\"User's response\"},"
                             "\"email\":{\"type\":\"string\",\"description\":\"User's email address\"}},"
                             "\"required\":[\"username\",\"email\"]}", NULL);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, json_object_get_string_member (arguments, "message"));
  json_builder_set_member_name (builder, "requestedSchema");
  json_builder_add_value (builder, g_steal_pointer (&schema));
  json_builder_end_object (builder);
  params = json_builder_get_root (builder);
  params_json = json_to_string (params, FALSE);

  ask_for (ask, "user_info", "elicitation/create", params_json);
  ask_start (ask);
}

static void
form_done (McpToolInvocation *invocation,
           JsonObject        *answers)
{
  JsonObject *answer = json_object_get_object_member (answers, "form");
  g_autofree char *content = to_json (answer_content (answer));
  g_autofree char *text = g_strdup_printf ("Elicitation completed: action=%s, content=%s",
                                           answer_action (answer), content);

  mcp_tool_invocation_return_text (invocation, text);
}

/* SEP-1034: every primitive field with a default. */
static void
elicitation_defaults_tool (McpTool           *tool,
                           McpToolInvocation *invocation,
                           gpointer           user_data)
{
  Ask *ask = ask_new (invocation, form_done);

  ask_for (ask, "form", "elicitation/create",
           "{\"message\":\"Please review and update the form fields with defaults\","
           "\"requestedSchema\":{\"type\":\"object\",\"properties\":{"
           "\"name\":{\"type\":\"string\",\"description\":\"User name\",\"default\":\"John Doe\"},"
           "\"age\":{\"type\":\"integer\",\"description\":\"User age\",\"default\":30},"
           "\"score\":{\"type\":\"number\",\"description\":\"User score\",\"default\":95.5},"
           "\"status\":{\"type\":\"string\",\"description\":\"User status\","
           "\"enum\":[\"active\",\"inactive\",\"pending\"],\"default\":\"active\"},"
           "\"verified\":{\"type\":\"boolean\",\"description\":\"Verification status\","
           "\"default\":true}}}}");
  ask_start (ask);
}

/* SEP-1330: the five shapes of enumerations. */
static void
elicitation_enums_tool (McpTool           *tool,
                        McpToolInvocation *invocation,
                        gpointer           user_data)
{
  Ask *ask = ask_new (invocation, form_done);

  ask_for (ask, "form", "elicitation/create",
           "{\"message\":\"Please select options from the enum fields\","
           "\"requestedSchema\":{\"type\":\"object\",\"properties\":{"
           "\"untitledSingle\":{\"type\":\"string\",\"description\":\"Select one option\","
           "\"enum\":[\"option1\",\"option2\",\"option3\"]},"
           "\"titledSingle\":{\"type\":\"string\",\"description\":\"Select one option with titles\","
           "\"oneOf\":[{\"const\":\"value1\",\"title\":\"First Option\"},"
           "{\"const\":\"value2\",\"title\":\"Second Option\"},"
           "{\"const\":\"value3\",\"title\":\"Third Option\"}]},"
           "\"legacyEnum\":{\"type\":\"string\",\"description\":\"Select one option (legacy)\","
           "\"enum\":[\"opt1\",\"opt2\",\"opt3\"],"
           "\"enumNames\":[\"Option One\",\"Option Two\",\"Option Three\"]},"
           "\"untitledMulti\":{\"type\":\"array\",\"description\":\"Select multiple options\","
           "\"minItems\":1,\"maxItems\":3,"
           "\"items\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]}},"
           "\"titledMulti\":{\"type\":\"array\",\"description\":\"Select multiple options with titles\","
           "\"minItems\":1,\"maxItems\":3,"
           "\"items\":{\"anyOf\":[{\"const\":\"value1\",\"title\":\"First Choice\"},"
           "{\"const\":\"value2\",\"title\":\"Second Choice\"},"
           "{\"const\":\"value3\",\"title\":\"Third Choice\"}]}}},"
           "\"required\":[]}}");
  ask_start (ask);
}

#define NAME_FORM \
  "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\"," \
  "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}"
#define CONFIRM_FORM \
  "{\"message\":\"Please confirm\",\"requestedSchema\":{\"type\":\"object\"," \
  "\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}}"

static void
name_done (McpToolInvocation *invocation,
           JsonObject        *answers)
{
  JsonObject *answer = json_object_get_object_member (answers, "user_name");
  g_autofree char *text = NULL;

  if (g_strcmp0 (answer_action (answer), "accept") != 0)
    {
      mcp_tool_invocation_return_text (invocation, "No name given");
      return;
    }

  text = g_strdup_printf ("Hello, %s!", content_string (answer_content (answer), "name"));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
input_elicitation_tool (McpTool           *tool,
                        McpToolInvocation *invocation,
                        gpointer           user_data)
{
  Ask *ask = ask_new (invocation, name_done);

  ask_for (ask, "user_name", "elicitation/create", NAME_FORM);
  ask_start (ask);
}

static void
capital_done (McpToolInvocation *invocation,
              JsonObject        *answers)
{
  g_autofree char *text = g_strdup_printf ("Sampling result: %s",
                                           sampled_text (json_object_get_object_member (answers, "capital_question")));

  mcp_tool_invocation_return_text (invocation, text);
}

static void
input_sampling_tool (McpTool           *tool,
                     McpToolInvocation *invocation,
                     gpointer           user_data)
{
  Ask *ask = ask_new (invocation, capital_done);

  ask_for (ask, "capital_question", "sampling/createMessage",
           "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
           "\"text\":\"What is the capital of France?\"}}],\"maxTokens\":100}");
  ask_start (ask);
}

static guint
n_roots (JsonObject *answer)
{
  JsonNode *roots = answer != NULL ? json_object_get_member (answer, "roots") : NULL;

  return roots != NULL && JSON_NODE_HOLDS_ARRAY (roots)
         ? json_array_get_length (json_node_get_array (roots)) : 0;
}

static void
roots_done (McpToolInvocation *invocation,
            JsonObject        *answers)
{
  g_autofree char *text = g_strdup_printf ("Found %u root(s)",
                                           n_roots (json_object_get_object_member (answers, "client_roots")));

  mcp_tool_invocation_return_text (invocation, text);
}

static void
input_roots_tool (McpTool           *tool,
                  McpToolInvocation *invocation,
                  gpointer           user_data)
{
  Ask *ask = ask_new (invocation, roots_done);

  ask_for (ask, "client_roots", "roots/list", "{}");
  ask_start (ask);
}

static void
confirm_done (McpToolInvocation *invocation,
              JsonObject        *answers)
{
  /* The answer only reaches us through a requestState the core verified. */
  mcp_tool_invocation_return_text (invocation, "state-ok: requestState validated");
}

static void
input_state_tool (McpTool           *tool,
                  McpToolInvocation *invocation,
                  gpointer           user_data)
{
  Ask *ask = ask_new (invocation, confirm_done);

  ask_for (ask, "confirm", "elicitation/create", CONFIRM_FORM);
  ask_start (ask);
}

static void
multiple_done (McpToolInvocation *invocation,
               JsonObject        *answers)
{
  JsonObject *name = json_object_get_object_member (answers, "user_name");
  g_autofree char *text = NULL;

  text = g_strdup_printf ("Received %s, a greeting “%s” and %u root(s)",
                          content_string (answer_content (name), "name"),
                          sampled_text (json_object_get_object_member (answers, "greeting")),
                          n_roots (json_object_get_object_member (answers, "client_roots")));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
input_multiple_tool (McpTool           *tool,
                     McpToolInvocation *invocation,
                     gpointer           user_data)
{
  Ask *ask = ask_new (invocation, multiple_done);

  ask_for (ask, "user_name", "elicitation/create", NAME_FORM);
  ask_for (ask, "greeting", "sampling/createMessage",
           "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
           "\"text\":\"Generate a greeting\"}}],\"maxTokens\":50}");
  ask_for (ask, "client_roots", "roots/list", "{}");
  ask_start (ask);
}

/* Two rounds: the colour is asked for once the name is known. On a
 * 2026-07-28 retry the core hands the earlier answer back at once. */
static void
colour_done (McpToolInvocation *invocation,
             JsonObject        *answers)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  JsonNode *state = mcp_request_context_get_state (context);
  const char *name = state != NULL ? json_node_get_string (state) : "";
  g_autofree char *text = NULL;

  text = g_strdup_printf ("Hello %s, your favourite colour is %s", name,
                          content_string (answer_content (json_object_get_object_member (answers, "step2")),
                                          "color"));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
step1_done (McpToolInvocation *invocation,
            JsonObject        *answers)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  g_autoptr(JsonNode) name = json_node_new (JSON_NODE_VALUE);
  Ask *ask = ask_new (invocation, colour_done);

  json_node_set_string (name, content_string (answer_content (json_object_get_object_member (answers, "step1")),
                                               "name"));
  mcp_request_context_set_state (context, name);

  ask_for (ask, "step2", "elicitation/create",
           "{\"message\":\"Step 2: What is your favorite color?\",\"requestedSchema\":{"
           "\"type\":\"object\",\"properties\":{\"color\":{\"type\":\"string\"}},"
           "\"required\":[\"color\"]}}");
  ask_start (ask);
}

static void
input_multi_round_tool (McpTool           *tool,
                        McpToolInvocation *invocation,
                        gpointer           user_data)
{
  Ask *ask = ask_new (invocation, step1_done);

  ask_for (ask, "step1", "elicitation/create",
           "{\"message\":\"Step 1: What is your name?\",\"requestedSchema\":{"
           "\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
           "\"required\":[\"name\"]}}");
  ask_start (ask);
}

static void
capabilities_done (McpToolInvocation *invocation,
                   JsonObject        *answers)
{
  g_autoptr(GList) keys = json_object_get_members (answers);
  g_autoptr(GString) text = g_string_new ("capabilities-ok: received");

  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (text, " %s", (const char *)l->data);
  mcp_tool_invocation_return_text (invocation, text->str);
}

/* Asks only for what the client declared it can give. */
static void
input_capabilities_tool (McpTool           *tool,
                         McpToolInvocation *invocation,
                         gpointer           user_data)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  Ask *ask = ask_new (invocation, capabilities_done);

  if (mcp_request_context_has_client_capability (context, "elicitation"))
    ask_for (ask, "user_name", "elicitation/create", NAME_FORM);
  if (mcp_request_context_has_client_capability (context, "sampling"))
    ask_for (ask, "capital_question", "sampling/createMessage",
             "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
             "\"text\":\"What is the capital of France?\"}}],\"maxTokens\":100}");
  if (mcp_request_context_has_client_capability (context, "roots"))
    ask_for (ask, "client_roots", "roots/list", "{}");
  ask_start (ask);
}

/* A tool that needs the client's sampling capability: without it, the
 * core refuses the request with -32021 (2026-07-28) naming what is
 * missing, or gives a legacy client a tool error. */
static void
missing_capability_tool (McpTool           *tool,
                         McpToolInvocation *invocation,
                         gpointer           user_data)
{
  Ask *ask = ask_new (invocation, capital_done);

  ask_for (ask, "capital_question", "sampling/createMessage",
           "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
           "\"text\":\"What is the capital of France?\"}}],\"maxTokens\":100}");
  ask_start (ask);
}

/* What travels on a request's stream are notifications and the answer,
 * never a request of the server's own (2026-07-28): a progress
 * notification, then an elicitation, which becomes an InputRequiredResult
 * for a modern client. */
static void
streaming_elicitation_tool (McpTool           *tool,
                            McpToolInvocation *invocation,
                            gpointer           user_data)
{
  Ask *ask = ask_new (invocation, name_done);

  mcp_request_context_report_progress (mcp_tool_invocation_get_context (invocation),
                                       0, 1, "Asking for a name");
  ask_for (ask, "user_name", "elicitation/create", NAME_FORM);
  ask_start (ask);
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

/* Changes to the lists, for subscriptions/listen and legacy sessions: a
 * tool (or prompt) that comes and goes. */
static McpToolResult *
dynamic_tool (McpTool            *tool,
              McpRequestContext  *context,
              JsonObject         *arguments,
              gpointer            user_data,
              GError            **error)
{
  return mcp_tool_result_new_text ("A tool that comes and goes");
}

static McpToolResult *
trigger_tool_change_tool (McpTool            *tool,
                          McpRequestContext  *context,
                          JsonObject         *arguments,
                          gpointer            user_data,
                          GError            **error)
{
  McpServer *server = user_data;

  if (!mcp_server_remove_tool (server, "test_dynamic_tool"))
    {
      g_autoptr(McpTool) dynamic = mcp_tool_new ("test_dynamic_tool", "Comes and goes");

      mcp_tool_set_func (dynamic, dynamic_tool, NULL, NULL);
      mcp_server_add_tool (server, dynamic);
    }

  return mcp_tool_result_new_text ("The tool list changed");
}

static McpPromptResult *
dynamic_prompt (McpPrompt          *prompt,
                McpRequestContext  *context,
                JsonObject         *arguments,
                gpointer            user_data,
                GError            **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "A prompt that comes and goes");
  return result;
}

static McpToolResult *
trigger_prompt_change_tool (McpTool            *tool,
                            McpRequestContext  *context,
                            JsonObject         *arguments,
                            gpointer            user_data,
                            GError            **error)
{
  McpServer *server = user_data;

  if (!mcp_server_remove_prompt (server, "test_dynamic_prompt"))
    {
      g_autoptr(McpPrompt) dynamic = mcp_prompt_new ("test_dynamic_prompt", "Comes and goes");

      mcp_prompt_set_func (dynamic, dynamic_prompt, NULL, NULL);
      mcp_server_add_prompt (server, dynamic);
    }

  return mcp_tool_result_new_text ("The prompt list changed");
}

/* Tasks (the io.modelcontextprotocol/tasks extension) */

static McpToolResult *
greet_tool (McpTool            *tool,
            McpRequestContext  *context,
            JsonObject         *arguments,
            gpointer            user_data,
            GError            **error)
{
  g_autofree char *text = g_strdup_printf ("Hello, %s!",
                                           json_object_get_string_member (arguments, "name"));

  return mcp_tool_result_new_text (text);
}

/* A cancellable wait on the main loop, then an outcome. */
typedef enum
{
  OUTCOME_TEXT,
  OUTCOME_TOOL_ERROR,
  OUTCOME_PROTOCOL_ERROR,
} Outcome;

typedef struct
{
  McpToolInvocation *invocation;
  GSource           *timeout;
  GSource           *cancelled;
  Outcome            outcome;
  char              *text;
} Job;

static void
job_finish (Job      *job,
            gboolean  cancelled)
{
  g_source_destroy (job->timeout);
  g_source_destroy (job->cancelled);

  if (cancelled)
    mcp_tool_invocation_take_error (job->invocation,
                                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         "Cancelled"));
  else if (job->outcome == OUTCOME_TOOL_ERROR)
    mcp_tool_invocation_return_error_message (job->invocation, "The job failed, as it always does");
  else if (job->outcome == OUTCOME_PROTOCOL_ERROR)
    mcp_tool_invocation_take_error (job->invocation,
                                    g_error_new_literal (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                                                         "The job crashed"));
  else
    mcp_tool_invocation_return_text (job->invocation, job->text);

  g_source_unref (job->timeout);
  g_source_unref (job->cancelled);
  g_object_unref (job->invocation);
  g_free (job->text);
  g_free (job);
}

static gboolean
job_timeout_cb (gpointer user_data)
{
  job_finish (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
job_cancelled_cb (GCancellable *cancellable,
                  gpointer      user_data)
{
  job_finish (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

static void
start_job (McpToolInvocation *invocation,
           guint              ms,
           Outcome            outcome,
           char              *text)
{
  Job *job = g_new0 (Job, 1);

  job->invocation = g_object_ref (invocation);
  job->outcome = outcome;
  job->text = text;
  job->timeout = g_timeout_source_new (ms);
  g_source_set_callback (job->timeout, job_timeout_cb, job, NULL);
  g_source_attach (job->timeout, NULL);
  job->cancelled = g_cancellable_source_new (mcp_tool_invocation_get_cancellable (invocation));
  g_source_set_callback (job->cancelled, G_SOURCE_FUNC (job_cancelled_cb), job, NULL);
  g_source_attach (job->cancelled, NULL);
}

static void
slow_compute_tool (McpTool           *tool,
                   McpToolInvocation *invocation,
                   gpointer           user_data)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  double seconds = json_object_has_member (arguments, "seconds")
                   ? json_object_get_double_member (arguments, "seconds") : 1;
  const char *label = json_object_has_member (arguments, "label")
                      ? json_object_get_string_member (arguments, "label") : "job";

  start_job (invocation, (guint)CLAMP (seconds * 1000, 0, 3600 * 1000), OUTCOME_TEXT,
             g_strdup_printf ("Computed %s in %g s", label, seconds));
}

static void
failing_job_tool (McpTool           *tool,
                  McpToolInvocation *invocation,
                  gpointer           user_data)
{
  start_job (invocation, 1000, OUTCOME_TOOL_ERROR, NULL);
}

static void
protocol_error_job_tool (McpTool           *tool,
                         McpToolInvocation *invocation,
                         gpointer           user_data)
{
  start_job (invocation, 200, OUTCOME_PROTOCOL_ERROR, NULL);
}

#define CONFIRM_DELETE_FORM \
  "{\"message\":\"Delete the file?\",\"requestedSchema\":{\"type\":\"object\"," \
  "\"properties\":{\"confirm\":{\"type\":\"boolean\"}}}}"

static void
confirm_delete_done (McpToolInvocation *invocation,
                     JsonObject        *answers)
{
  JsonObject *arguments = mcp_tool_invocation_get_arguments (invocation);
  JsonObject *answer = json_object_get_object_member (answers, "confirm");
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%s %s", g_strcmp0 (answer_action (answer), "accept") == 0 ? "Deleted"
                                                                                     : "Kept",
                          json_object_get_string_member (arguments, "filename"));
  mcp_tool_invocation_return_text (invocation, text);
}

/* Inside a task, asking parks it as input_required until tasks/update. */
static void
confirm_delete_tool (McpTool           *tool,
                     McpToolInvocation *invocation,
                     gpointer           user_data)
{
  Ask *ask = ask_new (invocation, confirm_delete_done);

  ask_for (ask, "confirm", "elicitation/create", CONFIRM_DELETE_FORM);
  ask_start (ask);
}

#define TASK_FORM(question) \
  "{\"message\":\"" question "\",\"requestedSchema\":{\"type\":\"object\"," \
  "\"properties\":{\"name\":{\"type\":\"string\"},\"confirm\":{\"type\":\"boolean\"}}}}"

static void
multi_input_done (McpToolInvocation *invocation,
                  JsonObject        *answers)
{
  mcp_tool_invocation_return_text (invocation, "Both inputs received");
}

static void
multi_input_tool (McpTool           *tool,
                  McpToolInvocation *invocation,
                  gpointer           user_data)
{
  Ask *ask = ask_new (invocation, multi_input_done);

  ask_for (ask, "first", "elicitation/create", TASK_FORM ("First input?"));
  ask_for (ask, "second", "elicitation/create", TASK_FORM ("Second input?"));
  ask_start (ask);
}

/* MRTR first, then a task: the name is gathered before the task exists. */
static void
task_begun_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpToolInvocation *invocation = user_data;
  g_autoptr(GError) error = NULL;
  char *text = g_object_steal_data (G_OBJECT (invocation), "greeting");

  if (!mcp_request_context_begin_task_finish (MCP_REQUEST_CONTEXT (object), result, &error))
    {
      g_free (text);
      mcp_tool_invocation_take_error (invocation, g_steal_pointer (&error));
    }
  else
    start_job (invocation, 100, OUTCOME_TEXT, text);

  g_object_unref (invocation);
}

static void
named_task_done (McpToolInvocation *invocation,
                 JsonObject        *answers)
{
  JsonObject *answer = json_object_get_object_member (answers, "user_name");
  char *text = g_strdup_printf ("Hello, %s! Your task is complete.",
                                content_string (answer_content (answer), "name"));

  g_object_set_data (G_OBJECT (invocation), "greeting", text);
  mcp_request_context_begin_task_async (mcp_tool_invocation_get_context (invocation), NULL,
                                        task_begun_cb, g_object_ref (invocation));
}

static void
tool_with_task_tool (McpTool           *tool,
                     McpToolInvocation *invocation,
                     gpointer           user_data)
{
  Ask *ask = ask_new (invocation, named_task_done);

  ask_for (ask, "user_name", "elicitation/create", NAME_FORM);
  ask_start (ask);
}

/* Resources */

static McpResourceContents *
template_read (McpResourceTemplate  *self,
               McpRequestContext    *context,
               const char           *uri,
               JsonObject           *variables,
               gpointer              user_data,
               GError              **error)
{
  const char *id = json_object_get_string_member (variables, "id");
  g_autofree char *text = g_strdup_printf ("{\"id\":\"%s\",\"templateTest\":true,"
                                           "\"data\":\"Data for ID: %s\"}", id, id);

  return mcp_resource_contents_new_text (uri, "application/json", text);
}

static void
add_resources (McpServer *server)
{
  g_autoptr(McpResource) text = NULL;
  g_autoptr(McpResource) binary = NULL;
  g_autoptr(McpResource) watched = NULL;
  g_autoptr(McpResourceContents) png_contents = NULL;
  g_autoptr(McpResourceTemplate) template = NULL;
  g_autoptr(GBytes) png = decode (PNG_BASE64);
  g_autoptr(GError) error = NULL;

  text = mcp_resource_new_text ("test://static-text", "Static Text Resource", "text/plain",
                                "This is the content of the static text resource.");
  mcp_resource_set_description (text, "A static text resource for testing");
  mcp_server_add_resource (server, text);

  binary = mcp_resource_new ("test://static-binary", "Static Binary Resource");
  mcp_resource_set_description (binary, "A static binary resource (image) for testing");
  mcp_resource_set_mime_type (binary, "image/png");
  png_contents = mcp_resource_contents_new_blob ("test://static-binary", "image/png", png);
  mcp_resource_set_contents (binary, png_contents);
  mcp_server_add_resource (server, binary);

  watched = mcp_resource_new_text ("test://watched-resource", "Watched Resource", "text/plain",
                                   "Watched resource content");
  mcp_resource_set_description (watched, "A resource to subscribe to");
  mcp_server_add_resource (server, watched);

  template = mcp_resource_template_new ("test://template/{id}/data", "Template Resource", &error);
  if (template == NULL)
    g_error ("Bad resource template: %s", error->message);
  mcp_resource_template_set_description (template, "A resource template with an id parameter");
  mcp_resource_template_set_mime_type (template, "application/json");
  mcp_resource_template_set_read_func (template, template_read, NULL, NULL);
  mcp_server_add_resource_template (server, template);
}

/* Prompts */

static McpPromptResult *
simple_prompt (McpPrompt          *prompt,
               McpRequestContext  *context,
               JsonObject         *arguments,
               gpointer            user_data,
               GError            **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "This is a simple prompt for testing.");
  return result;
}

static McpPromptResult *
arguments_prompt (McpPrompt          *prompt,
                  McpRequestContext  *context,
                  JsonObject         *arguments,
                  gpointer            user_data,
                  GError            **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);
  g_autofree char *text = g_strdup_printf ("Prompt with arguments: arg1='%s', arg2='%s'",
                                           json_object_get_string_member (arguments, "arg1"),
                                           json_object_get_string_member (arguments, "arg2"));

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, text);
  return result;
}

static char **
arguments_complete (McpRequestContext *context,
                    const char        *argument,
                    const char        *value,
                    JsonObject        *arguments,
                    gpointer           user_data)
{
  static const char * const candidates[] = { "paris", "park", "party", "test", "testing", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; candidates[i] != NULL; i++)
    if (g_str_has_prefix (candidates[i], value != NULL ? value : ""))
      g_strv_builder_add (builder, candidates[i]);

  return g_strv_builder_end (builder);
}

static McpPromptResult *
embedded_resource_prompt (McpPrompt          *prompt,
                          McpRequestContext  *context,
                          JsonObject         *arguments,
                          gpointer            user_data,
                          GError            **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);

  mcp_prompt_result_add_embedded_text (result, MCP_ROLE_USER,
                                       json_object_get_string_member (arguments, "resourceUri"),
                                       "text/plain", "Embedded resource content for testing.");
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Please process the embedded resource above.");
  return result;
}

static McpPromptResult *
image_prompt (McpPrompt          *prompt,
              McpRequestContext  *context,
              JsonObject         *arguments,
              gpointer            user_data,
              GError            **error)
{
  McpPromptResult *result = mcp_prompt_result_new (NULL);
  g_autoptr(GBytes) png = decode (PNG_BASE64);

  mcp_prompt_result_add_image (result, MCP_ROLE_USER, png, "image/png");
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Please analyze the image above.");
  return result;
}

/* A prompt that asks for input first: an asynchronous McpPrompt. */
typedef struct
{
  McpPrompt parent_instance;
} ContextPrompt;

typedef struct
{
  McpPromptClass parent_class;
} ContextPromptClass;

static GType context_prompt_get_type (void);
G_DEFINE_TYPE (ContextPrompt, context_prompt, MCP_TYPE_PROMPT)

static void
context_prompt_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(McpPromptResult) prompt_result = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  prompt_result = mcp_prompt_result_new (NULL);
  text = g_strdup_printf ("Use this context: %s",
                          content_string (answer_content (answer), "context"));
  mcp_prompt_result_add_text (prompt_result, MCP_ROLE_USER, text);
  g_task_return_pointer (task, g_steal_pointer (&prompt_result), g_object_unref);
}

static void
context_prompt_get_async (McpPrompt           *prompt,
                          McpRequestContext   *context,
                          JsonObject          *arguments,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (prompt, cancellable, callback, user_data);
  g_autoptr(JsonNode) schema = json_from_string ("{\"type\":\"object\",\"properties\":{"
                                                 "\"context\":{\"type\":\"string\"}},"
                                                 "\"required\":[\"context\"]}", NULL);

  mcp_request_context_elicit_async (context, "user_context", "What context should the prompt use?",
                                    json_node_get_object (schema), cancellable,
                                    context_prompt_cb, task);
}

static McpPromptResult *
context_prompt_get_finish (McpPrompt     *prompt,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
context_prompt_class_init (ContextPromptClass *klass)
{
  MCP_PROMPT_CLASS (klass)->get_async = context_prompt_get_async;
  MCP_PROMPT_CLASS (klass)->get_finish = context_prompt_get_finish;
}

static void
context_prompt_init (ContextPrompt *self)
{
}

static void
add_prompt (McpServer     *server,
            McpPrompt     *prompt,
            McpPromptFunc  func)
{
  if (func != NULL)
    mcp_prompt_set_func (prompt, func, NULL, NULL);
  mcp_server_add_prompt (server, prompt);
  g_object_unref (prompt);
}

static void
add_prompts (McpServer *server)
{
  McpPrompt *prompt;

  add_prompt (server, mcp_prompt_new ("test_simple_prompt", "A simple prompt without arguments"),
              simple_prompt);

  prompt = mcp_prompt_new ("test_prompt_with_arguments", "A prompt with two required arguments");
  mcp_prompt_add_argument (prompt, "arg1", NULL, "First test argument", TRUE);
  mcp_prompt_add_argument (prompt, "arg2", NULL, "Second test argument", TRUE);
  mcp_prompt_set_completion_func (prompt, arguments_complete, NULL, NULL);
  add_prompt (server, prompt, arguments_prompt);

  prompt = mcp_prompt_new ("test_prompt_with_embedded_resource",
                           "A prompt that embeds a resource");
  mcp_prompt_add_argument (prompt, "resourceUri", NULL, "URI of the resource to embed", TRUE);
  add_prompt (server, prompt, embedded_resource_prompt);

  add_prompt (server, mcp_prompt_new ("test_prompt_with_image", "A prompt with an image"),
              image_prompt);

  add_prompt (server, g_object_new (context_prompt_get_type (),
                                    "name", "test_input_required_result_prompt",
                                    "description", "A prompt that asks the client for context first",
                                    NULL),
              NULL);
}

/* Tools */

#define NO_ARGUMENTS "{\"type\":\"object\",\"properties\":{}}"

static void
add_tool (McpServer   *server,
          const char  *name,
          const char  *description,
          const char  *input_schema,
          McpToolFunc  func,
          gpointer     user_data)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);
  mcp_tool_set_func (tool, func, user_data, NULL);
  mcp_server_add_tool (server, tool);
}

static void
add_async_tool (McpServer        *server,
                const char       *name,
                const char       *description,
                const char       *input_schema,
                McpToolAsyncFunc  func)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);
  mcp_tool_set_async_func (tool, func, NULL, NULL);
  mcp_server_add_tool (server, tool);
}

static void
add_task_tool (McpServer        *server,
               const char       *name,
               const char       *description,
               const char       *input_schema,
               McpToolAsyncFunc  func,
               McpTaskSupport    support,
               gboolean          auto_task)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (!mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);
  mcp_tool_set_async_func (tool, func, NULL, NULL);
  mcp_tool_set_task_support (tool, support);
  mcp_tool_set_auto_task (tool, auto_task);
  mcp_server_add_tool (server, tool);
}

static void
add_tools (McpServer *server)
{
  add_tool (server, "test_simple_text", "Returns a simple text response", NO_ARGUMENTS,
            simple_text_tool, NULL);
  add_tool (server, "test_image_content", "Returns a small PNG image", NO_ARGUMENTS,
            image_tool, NULL);
  add_tool (server, "test_audio_content", "Returns a small WAV sound", NO_ARGUMENTS,
            audio_tool, NULL);
  add_tool (server, "test_embedded_resource", "Returns an embedded text resource",
            NO_ARGUMENTS, embedded_resource_tool, NULL);
  add_tool (server, "test_multiple_content_types",
            "Returns text, an image and an embedded resource", NO_ARGUMENTS,
            mixed_content_tool, NULL);
  add_tool (server, "test_error_handling", "Always fails with a tool error", NO_ARGUMENTS,
            error_tool, NULL);
  add_async_tool (server, "test_tool_with_logging",
                  "Sends three log messages 50 ms apart while it runs", NO_ARGUMENTS,
                  logging_tool);
  add_async_tool (server, "test_tool_with_progress",
                  "Reports progress 0, 50 and 100 of 100, 50 ms apart", NO_ARGUMENTS,
                  progress_tool);
  add_async_tool (server, "test_reconnection",
                  "Closes its SSE stream in the middle of the call; the result arrives "
                  "when the client resumes with Last-Event-ID", NO_ARGUMENTS, reconnection_tool);
  add_async_tool (server, "test_sampling", "Asks the client's model to answer a prompt",
                  "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\","
                  "\"description\":\"The prompt to send to the model\"}},\"required\":[\"prompt\"]}",
                  sampling_tool);
  add_async_tool (server, "test_elicitation", "Asks the user for a name and an email address",
                  "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
                  "\"description\":\"What to ask the user\"}},\"required\":[\"message\"]}",
                  elicitation_tool);
  add_async_tool (server, "test_elicitation_sep1034_defaults",
                  "Asks the user to fill in a form whose fields all have defaults",
                  NO_ARGUMENTS, elicitation_defaults_tool);
  add_async_tool (server, "test_elicitation_sep1330_enums",
                  "Asks the user to choose from enumerations of every kind", NO_ARGUMENTS,
                  elicitation_enums_tool);
  add_async_tool (server, "test_input_required_result_elicitation",
                  "Asks the user for a name, then greets them", NO_ARGUMENTS,
                  input_elicitation_tool);
  add_async_tool (server, "test_input_required_result_sampling",
                  "Asks the client's model for the capital of France", NO_ARGUMENTS,
                  input_sampling_tool);
  add_async_tool (server, "test_input_required_result_list_roots",
                  "Asks the client for its roots", NO_ARGUMENTS, input_roots_tool);
  add_async_tool (server, "test_input_required_result_request_state",
                  "Asks for a confirmation carried with a signed request state", NO_ARGUMENTS,
                  input_state_tool);
  add_async_tool (server, "test_input_required_result_multiple_inputs",
                  "Asks for a name, a model answer and the roots at once", NO_ARGUMENTS,
                  input_multiple_tool);
  add_async_tool (server, "test_input_required_result_multi_round",
                  "Asks for a name, then for a colour", NO_ARGUMENTS, input_multi_round_tool);
  add_async_tool (server, "test_input_required_result_tampered_state",
                  "Asks for a confirmation; a tampered request state is refused", NO_ARGUMENTS,
                  input_state_tool);
  add_async_tool (server, "test_input_required_result_capabilities",
                  "Asks only for input the client declared it can give", NO_ARGUMENTS,
                  input_capabilities_tool);
  add_async_tool (server, "test_missing_capability",
                  "Needs the client's sampling capability", NO_ARGUMENTS,
                  missing_capability_tool);
  add_async_tool (server, "test_streaming_elicitation",
                  "Sends a progress notification, then asks the user for a name", NO_ARGUMENTS,
                  streaming_elicitation_tool);
  add_tool (server, "test_logging_tool",
            "Logs a message, which reaches only clients that asked for a log level",
            NO_ARGUMENTS, logging_only_when_asked_tool, NULL);
  add_tool (server, "test_trigger_tool_change", "Adds or removes the tool test_dynamic_tool",
            NO_ARGUMENTS, trigger_tool_change_tool, server);
  add_tool (server, "test_trigger_prompt_change",
            "Adds or removes the prompt test_dynamic_prompt", NO_ARGUMENTS,
            trigger_prompt_change_tool, server);
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
            json_schema_tool, NULL);
  add_tool (server, "greet", "Greets someone, at once",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
            "\"required\":[\"name\"]}",
            greet_tool, NULL);
  add_task_tool (server, "slow_compute", "Computes for the given number of seconds; a task",
                 "{\"type\":\"object\",\"properties\":{\"seconds\":{\"type\":\"number\","
                 "\"minimum\":0},\"label\":{\"type\":\"string\"}}}",
                 slow_compute_tool, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_task_tool (server, "failing_job", "Fails with a tool error after a second; always a task",
                 NO_ARGUMENTS, failing_job_tool, MCP_TASK_SUPPORT_REQUIRED, TRUE);
  add_task_tool (server, "protocol_error_job", "Crashes with a protocol error; a task",
                 NO_ARGUMENTS, protocol_error_job_tool, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_task_tool (server, "confirm_delete", "Deletes a file once the user confirms; a task",
                 "{\"type\":\"object\",\"properties\":{\"filename\":{\"type\":\"string\"}},"
                 "\"required\":[\"filename\"]}",
                 confirm_delete_tool, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_task_tool (server, "multi_input", "Asks for two inputs at once; a task", NO_ARGUMENTS,
                 multi_input_tool, MCP_TASK_SUPPORT_OPTIONAL, TRUE);
  add_task_tool (server, "test_tool_with_task",
                 "Asks for a name, then finishes the work as a task", NO_ARGUMENTS,
                 tool_with_task_tool, MCP_TASK_SUPPORT_REQUIRED, FALSE);
  add_tool (server, "test_custom_header",
            "Takes a region that is mirrored into the Mcp-Param-Region HTTP header",
            "{\"type\":\"object\",\"properties\":{"
            "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\","
            "\"description\":\"Where to run\"}},"
            "\"required\":[\"region\"]}",
            custom_header_tool, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McpServer) server = mcp_server_new ("makemcp-glib-conformance", "0.1.0");
  char *http_argv[] = { argv[0], (char *)"--http", (char *)"127.0.0.1:0", NULL };

  mcp_server_set_instructions (server, "The fixtures of the MCP conformance suite.");

  add_tools (server);
  add_resources (server);
  add_prompts (server);

  if (argc <= 1)
    return mcp_server_run (server, G_N_ELEMENTS (http_argv) - 1, http_argv);

  return mcp_server_run (server, argc, argv);
}
