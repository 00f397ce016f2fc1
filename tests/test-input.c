/* test-input.c — asking the client for input: Multi Round-Trip Requests
 * (2026-07-28) and server-to-client requests (legacy), one handler for both
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-util.h"

#define CAPS_ALL "{\"elicitation\":{},\"sampling\":{},\"roots\":{}}"
#define META_WITH(caps) \
  "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":" caps "}"

typedef struct
{
  McpServer *server;
  TestPeer  *peer;
  guint      runs;      /* how many times the two-round handler started */
} Fixture;

static JsonObject *
name_schema (const char *property)
{
  g_autofree char *json = g_strdup_printf ("{\"type\":\"object\",\"properties\":{\"%s\":{\"type\":\"string\"}},"
                                           "\"required\":[\"%s\"]}", property, property);
  g_autoptr(JsonNode) node = test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

/* ask_name: one elicitation */
static void
ask_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  if (g_strcmp0 (json_object_get_string_member (answer, "action"), "accept") == 0)
    {
      g_autofree char *text = g_strdup_printf ("Hello, %s!",
                                               json_object_get_string_member (json_object_get_object_member (answer, "content"),
                                                                              "name"));
      mcp_tool_invocation_return_text (invocation, text);
    }
  else
    mcp_tool_invocation_return_text (invocation, "No name given");
}

static void
ask_name (McpTool           *tool,
          McpToolInvocation *invocation,
          gpointer           user_data)
{
  g_autoptr(JsonObject) schema = name_schema ("name");

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "user_name",
                                    "What is your name?", schema, NULL,
                                    ask_name_cb, g_object_ref (invocation));
}

/* ask_cancellable: one elicitation with a cancellable of its own, which
 * it cancels 50 ms later */
static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
ask_cancellable (McpTool           *tool,
                 McpToolInvocation *invocation,
                 gpointer           user_data)
{
  g_autoptr(JsonObject) schema = name_schema ("name");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "user_name",
                                    "What is your name?", schema, cancellable,
                                    ask_name_cb, g_object_ref (invocation));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, cancel_later_cb, g_object_ref (cancellable), g_object_unref);
}

/* ask_url: a URL-mode elicitation */
static void
ask_url (McpTool           *tool,
         McpToolInvocation *invocation,
         gpointer           user_data)
{
  mcp_request_context_elicit_url_async (mcp_tool_invocation_get_context (invocation), "login",
                                        "Sign in to continue", "https://example.com/login", NULL,
                                        ask_name_cb, g_object_ref (invocation));
}

/* multi: three inputs at once */
typedef struct
{
  McpToolInvocation *invocation;
  guint              pending;
  GError            *error;
  char              *name;
  char              *sample;
  guint              n_roots;
} Multi;

static void
multi_done (Multi *multi)
{
  if (--multi->pending > 0)
    return;

  if (multi->error != NULL)
    mcp_tool_invocation_take_error (multi->invocation, multi->error);
  else
    {
      g_autofree char *text = g_strdup_printf ("%s/%s/%u", multi->name, multi->sample, multi->n_roots);
      mcp_tool_invocation_return_text (multi->invocation, text);
    }

  g_object_unref (multi->invocation);
  g_free (multi->name);
  g_free (multi->sample);
  g_free (multi);
}

static void
multi_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Multi *multi = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_request_input_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    {
      if (multi->error == NULL)
        multi->error = error;
      else
        g_error_free (error);
    }
  else if (json_object_has_member (answer, "action"))
    multi->name = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "content"), "name"));
  else if (json_object_has_member (answer, "roots"))
    multi->n_roots = json_array_get_length (json_object_get_array_member (answer, "roots"));
  else
    multi->sample = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "content"), "text"));

  multi_done (multi);
}

static void
multi (McpTool           *tool,
       McpToolInvocation *invocation,
       gpointer           user_data)
{
  McpRequestContext *context = mcp_tool_invocation_get_context (invocation);
  g_autoptr(JsonObject) schema = name_schema ("name");
  g_autoptr(JsonNode) sample = test_parse ("{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\","
                                           "\"text\":\"Say hi\"}}],\"maxTokens\":10}");
  Multi *m = g_new0 (Multi, 1);

  m->invocation = g_object_ref (invocation);
  m->pending = 3;
  mcp_request_context_elicit_async (context, "user_name", "Name?", schema, NULL, multi_cb, m);
  mcp_request_context_sample_async (context, "greeting", json_node_get_object (sample), NULL, multi_cb, m);
  mcp_request_context_list_roots_async (context, "client_roots", NULL, multi_cb, m);
}

/* two_rounds: name, then colour; work before the second question is
 * kept in the state */
static void
two_rounds_colour_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  McpRequestContext *context = MCP_REQUEST_CONTEXT (object);
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  JsonNode *state;

  answer = mcp_request_context_elicit_finish (context, result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  state = mcp_request_context_get_state (context);
  text = g_strdup_printf ("%s likes %s (work %s)",
                          json_object_get_string_member (json_node_get_object (state), "name"),
                          json_object_get_string_member (json_object_get_object_member (answer, "content"), "colour"),
                          json_object_get_string_member (json_node_get_object (state), "work"));
  mcp_tool_invocation_return_text (invocation, text);
}

static void
two_rounds_name_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  McpRequestContext *context = MCP_REQUEST_CONTEXT (object);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) schema = name_schema ("colour");
  GError *error = NULL;

  answer = mcp_request_context_elicit_finish (context, result, &error);
  if (answer == NULL)
    {
      mcp_tool_invocation_take_error (invocation, error);
      return;
    }

  /* expensive work done once: recorded in the state unless already there */
  if (mcp_request_context_get_state (context) == NULL)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\":\"%s\",\"work\":\"done once\"}",
                                               json_object_get_string_member (json_object_get_object_member (answer, "content"), "name"));
      g_autoptr(JsonNode) state = test_parse (json);

      mcp_request_context_set_state (context, state);
    }

  mcp_request_context_elicit_async (context, "colour", "Favourite colour?", schema, NULL,
                                    two_rounds_colour_cb, g_steal_pointer (&invocation));
}

static void
two_rounds (McpTool           *tool,
            McpToolInvocation *invocation,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(JsonObject) schema = name_schema ("name");

  fixture->runs++;
  mcp_request_context_elicit_async (mcp_tool_invocation_get_context (invocation), "name",
                                    "Name?", schema, NULL,
                                    two_rounds_name_cb, g_object_ref (invocation));
}

/* needs_sampling: asks for sampling; -32021 when the client cannot */
static void
needs_sampling_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(McpToolInvocation) invocation = user_data;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;

  answer = mcp_request_context_sample_finish (MCP_REQUEST_CONTEXT (object), result, &error);
  if (answer == NULL)
    mcp_tool_invocation_take_error (invocation, error);
  else
    mcp_tool_invocation_return_text (invocation, "sampled");
}

static void
needs_sampling (McpTool           *tool,
                McpToolInvocation *invocation,
                gpointer           user_data)
{
  g_autoptr(JsonNode) sample = test_parse ("{\"messages\":[],\"maxTokens\":1}");

  mcp_request_context_sample_async (mcp_tool_invocation_get_context (invocation), "s",
                                    json_node_get_object (sample), NULL,
                                    needs_sampling_cb, g_object_ref (invocation));
}

/* A prompt that asks for context first (async subclass) */
typedef struct
{
  McpPrompt parent_instance;
} AskingPrompt;

typedef struct
{
  McpPromptClass parent_class;
} AskingPromptClass;

static GType asking_prompt_get_type (void);
G_DEFINE_TYPE (AskingPrompt, asking_prompt, MCP_TYPE_PROMPT)

static void
asking_prompt_cb (GObject      *object,
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
  text = g_strdup_printf ("Context: %s",
                          json_object_get_string_member (json_object_get_object_member (answer, "content"), "context"));
  mcp_prompt_result_add_text (prompt_result, MCP_ROLE_USER, text);
  g_task_return_pointer (task, g_steal_pointer (&prompt_result), g_object_unref);
}

static void
asking_prompt_get_async (McpPrompt           *prompt,
                         McpRequestContext   *context,
                         JsonObject          *arguments,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (prompt, cancellable, callback, user_data);
  g_autoptr(JsonObject) schema = name_schema ("context");

  mcp_request_context_elicit_async (context, "user_context", "What context should the prompt use?",
                                    schema, cancellable, asking_prompt_cb, task);
}

static McpPromptResult *
asking_prompt_get_finish (McpPrompt     *prompt,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
asking_prompt_class_init (AskingPromptClass *klass)
{
  MCP_PROMPT_CLASS (klass)->get_async = asking_prompt_get_async;
  MCP_PROMPT_CLASS (klass)->get_finish = asking_prompt_get_finish;
}

static void
asking_prompt_init (AskingPrompt *self)
{
}

static void
add_async_tool (McpServer        *server,
                const char       *name,
                McpToolAsyncFunc  func,
                gpointer          user_data)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, NULL);

  mcp_tool_set_input_schema_json (tool, "{\"type\":\"object\"}", NULL);
  mcp_tool_set_async_func (tool, func, user_data, NULL);
  mcp_server_add_tool (server, tool);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(McpPrompt) prompt = g_object_new (asking_prompt_get_type (), "name", "ask_prompt", NULL);

  fixture->server = mcp_server_new ("test-server", "1.2.3");
  add_async_tool (fixture->server, "ask_name", ask_name, NULL);
  add_async_tool (fixture->server, "multi", multi, NULL);
  add_async_tool (fixture->server, "ask_url", ask_url, NULL);
  add_async_tool (fixture->server, "ask_cancellable", ask_cancellable, NULL);
  add_async_tool (fixture->server, "two_rounds", two_rounds, fixture);
  add_async_tool (fixture->server, "needs_sampling", needs_sampling, NULL);
  mcp_server_add_prompt (fixture->server, prompt);
  fixture->peer = test_peer_new (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->peer, test_peer_free);
  g_assert_finalize_object (fixture->server);
}

/* Sends a request and returns its result object, which must exist. */
static JsonObject *
call_result (Fixture    *fixture,
             const char *request)
{
  g_autoptr(JsonObject) response = NULL;

  test_peer_send (fixture->peer, request);
  response = test_peer_recv_object (fixture->peer);
  if (!json_object_has_member (response, "result"))
    {
      g_autofree char *text = json_to_string (json_object_get_member (response, "error"), FALSE);
      g_error ("Expected a result, got %s", text);
    }
  return json_object_ref (json_object_get_object_member (response, "result"));
}

static const char *
first_text (JsonObject *result)
{
  JsonArray *content = json_object_get_array_member (result, "content");

  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static void
test_modern_round_trip (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *retry = NULL;
  const char *state;

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{}," META_WITH (CAPS_ALL) "}}");
  {
    g_autofree char *line = test_peer_recv (fixture->peer);
    g_autoptr(JsonNode) node = test_parse (line);

    /* the exact shape, with the state as it came */
    first = json_object_ref (json_object_get_object_member (json_node_get_object (node), "result"));
    state = json_object_get_string_member (first, "requestState");
    g_assert_nonnull (state);
    {
      g_autofree char *expected = g_strdup_printf (
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\",\"inputRequests\":{"
        "\"user_name\":{\"method\":\"elicitation/create\",\"params\":{\"message\":\"What is your name?\","
        "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
        "\"required\":[\"name\"]}}}},\"requestState\":\"%s\"," TEST_SERVER_INFO_META "}}", state);
      g_assert_cmpstr (line, ==, expected);
    }
  }

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                           "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"accept\",\"content\":"
                           "{\"name\":\"Alice\"}}},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}", state);
  second = call_result (fixture, retry);
  g_assert_cmpstr (json_object_get_string_member (second, "resultType"), ==, "complete");
  g_assert_cmpstr (first_text (second), ==, "Hello, Alice!");

  /* answers without a state are taken too (a client may answer at once) */
  {
    g_autoptr(JsonObject) third = call_result (fixture,
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
      "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"decline\"},\"extra\":{\"x\":1}},"
      META_WITH (CAPS_ALL) "}}");
    g_assert_cmpstr (first_text (third), ==, "No name given");
  }
}

static void
test_modern_state_checks (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autofree char *state = NULL;
  g_autofree char *request = NULL;

  first = call_result (fixture,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                       "\"arguments\":{\"x\":1}," META_WITH (CAPS_ALL) "}}");
  state = g_strdup (json_object_get_string_member (first, "requestState"));

  /* tampered */
  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                             "\"arguments\":{\"x\":1},\"inputResponses\":{\"user_name\":{\"action\":\"accept\","
                             "\"content\":{\"name\":\"Eve\"}}},\"requestState\":\"%s-TAMPERED\"," META_WITH (CAPS_ALL) "}}",
                             state);
  test_peer_send (fixture->peer, request);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "requestState integrity check failed\"}}");

  /* the state of another request (other arguments) */
  g_clear_pointer (&request, g_free);
  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                             "\"arguments\":{\"x\":2},\"inputResponses\":{\"user_name\":{\"action\":\"accept\","
                             "\"content\":{\"name\":\"Eve\"}}},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}", state);
  test_peer_send (fixture->peer, request);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "requestState belongs to another request\"}}");

  /* ... or another method */
  g_clear_pointer (&request, g_free);
  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\",\"params\":{\"name\":\"ask_name\","
                             "\"arguments\":{\"x\":1},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}", state);
  test_peer_send (fixture->peer, request);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "requestState belongs to another request\"}}");

  /* the same parameters in another order are the same request */
  g_clear_pointer (&request, g_free);
  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"arguments\":{\"x\":1},"
                             "\"requestState\":\"%s\",\"name\":\"ask_name\",\"inputResponses\":{\"user_name\":"
                             "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}," META_WITH (CAPS_ALL) "}}", state);
  {
    g_autoptr(JsonObject) result = call_result (fixture, request);
    g_assert_cmpstr (first_text (result), ==, "Hello, Ada!");
  }

  /* a wrong key: asked again, not an error */
  {
    g_autoptr(JsonObject) again = call_result (fixture,
      "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
      "\"arguments\":{},\"inputResponses\":{\"wrong_key\":{\"action\":\"accept\",\"content\":{\"data\":\"x\"}}},"
      META_WITH (CAPS_ALL) "}}");
    g_assert_cmpstr (json_object_get_string_member (again, "resultType"), ==, "input_required");
  }

  /* malformed answers are protocol errors */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"inputResponses\":{\"user_name\":12345}," META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the input "
                    "response “user_name” is invalid: it must be an object\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"inputResponses\":null," META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "“inputResponses” must be an object\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"maybe\"}}," META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the input "
                    "response “user_name” is invalid: “action” must be “accept”, “decline” or “cancel”\"}}");
  /* accepted content must match the form's schema */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"accept\",\"content\":{\"name\":5}}},"
                  META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the input "
                    "response “user_name” is invalid: Invalid field “name”: expected a string, got an integer\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"accept\",\"content\":{}}},"
                  META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":12,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the input "
                    "response “user_name” is invalid: Missing required field “name”\"}}");

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{},\"requestState\":7," META_WITH (CAPS_ALL) "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "requestState must be a string\"}}");
}

static void
test_modern_expiry (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autofree char *request = NULL;

  mcp_server_set_input_state_ttl (fixture->server, 1);
  first = call_result (fixture,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                       "\"arguments\":{}," META_WITH (CAPS_ALL) "}}");
  test_wait (1200);

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                             "\"arguments\":{},\"inputResponses\":{\"user_name\":{\"action\":\"decline\"}},"
                             "\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}",
                             json_object_get_string_member (first, "requestState"));
  test_peer_send (fixture->peer, request);
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: "
                    "requestState expired\"}}");
}

static void
test_modern_multiple_inputs (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *retry = NULL;
  JsonObject *requests;

  first = call_result (fixture,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"multi\","
                       "\"arguments\":{}," META_WITH (CAPS_ALL) "}}");
  requests = json_object_get_object_member (first, "inputRequests");
  g_assert_cmpuint (json_object_get_size (requests), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (requests, "user_name"), "method"),
                   ==, "elicitation/create");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (requests, "greeting"), "method"),
                   ==, "sampling/createMessage");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (requests, "client_roots"), "method"),
                   ==, "roots/list");

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"multi\","
                           "\"arguments\":{},\"inputResponses\":{"
                           "\"user_name\":{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}},"
                           "\"greeting\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hi\"},"
                           "\"model\":\"m\",\"stopReason\":\"endTurn\"},"
                           "\"client_roots\":{\"roots\":[{\"uri\":\"file:///a\"},{\"uri\":\"file:///b\"}]}},"
                           "\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}",
                           json_object_get_string_member (first, "requestState"));
  second = call_result (fixture, retry);
  g_assert_cmpstr (first_text (second), ==, "Alice/hi/2");
}

static void
test_modern_multi_round (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(JsonObject) r3 = NULL;
  g_autofree char *request = NULL;

  r1 = call_result (fixture,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"two_rounds\","
                    "\"arguments\":{}," META_WITH (CAPS_ALL) "}}");
  g_assert_true (json_object_has_member (json_object_get_object_member (r1, "inputRequests"), "name"));

  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"two_rounds\","
                             "\"arguments\":{},\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":"
                             "{\"name\":\"Alice\"}}},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}",
                             json_object_get_string_member (r1, "requestState"));
  r2 = call_result (fixture, request);
  g_assert_cmpstr (json_object_get_string_member (r2, "resultType"), ==, "input_required");
  g_assert_true (json_object_has_member (json_object_get_object_member (r2, "inputRequests"), "colour"));
  g_assert_false (json_object_has_member (json_object_get_object_member (r2, "inputRequests"), "name"));
  g_assert_cmpstr (json_object_get_string_member (r2, "requestState"), !=,
                   json_object_get_string_member (r1, "requestState"));

  /* the third round answers only the colour: the name comes from the state */
  g_clear_pointer (&request, g_free);
  request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"two_rounds\","
                             "\"arguments\":{},\"inputResponses\":{\"colour\":{\"action\":\"accept\",\"content\":"
                             "{\"colour\":\"blue\"}}},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}",
                             json_object_get_string_member (r2, "requestState"));
  r3 = call_result (fixture, request);
  g_assert_cmpstr (first_text (r3), ==, "Alice likes blue (work done once)");
  g_assert_cmpuint (fixture->runs, ==, 3);
}

static void
test_modern_capabilities (Fixture       *fixture,
                          gconstpointer  user_data)
{
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"needs_sampling\","
                  "\"arguments\":{}," META_WITH ("{}") "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32021,\"message\":\"The client did not declare "
                    "the capabilities sampling/createMessage needs: {\\\"sampling\\\":{}}\",\"data\":{"
                    "\"requiredCapabilities\":{\"sampling\":{}}}}}");

  /* URL-mode-only clients cannot fill forms */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\","
                  "\"arguments\":{}," META_WITH ("{\"elicitation\":{\"url\":{}}}") "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32021,\"message\":\"The client did not declare "
                    "the capabilities elicitation/create needs: {\\\"elicitation\\\":{\\\"form\\\":{}}}\",\"data\":{"
                    "\"requiredCapabilities\":{\"elicitation\":{\"form\":{}}}}}}");

  /* URL mode needs elicitation.url */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_url\","
                  "\"arguments\":{}," META_WITH ("{\"elicitation\":{}}") "}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32021,\"message\":\"The client did not declare "
                    "the capabilities elicitation/create needs: {\\\"elicitation\\\":{\\\"url\\\":{}}}\",\"data\":{"
                    "\"requiredCapabilities\":{\"elicitation\":{\"url\":{}}}}}}");
  {
    g_autoptr(JsonObject) asked = call_result (fixture,
      "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_url\","
      "\"arguments\":{}," META_WITH ("{\"elicitation\":{\"url\":{}}}") "}}");
    JsonObject *login = json_object_get_object_member (json_object_get_object_member (asked, "inputRequests"), "login");
    JsonObject *params = json_object_get_object_member (login, "params");

    g_assert_cmpstr (json_object_get_string_member (params, "mode"), ==, "url");
    g_assert_cmpstr (json_object_get_string_member (params, "url"), ==, "https://example.com/login");
  }

  /* nothing is asked in the lists */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"inputResponses\":{}," META_WITH (CAPS_ALL) "}}");
  {
    g_autoptr(JsonObject) response = test_peer_recv_object (fixture->peer);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (response, "result"), "resultType"),
                     ==, "complete");
  }
}

static void
test_modern_prompt (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *retry = NULL;
  JsonArray *messages;

  first = call_result (fixture,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"ask_prompt\","
                       META_WITH (CAPS_ALL) "}}");
  g_assert_cmpstr (json_object_get_string_member (first, "resultType"), ==, "input_required");
  g_assert_true (json_object_has_member (json_object_get_object_member (first, "inputRequests"), "user_context"));

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":\"ask_prompt\","
                           "\"inputResponses\":{\"user_context\":{\"action\":\"accept\",\"content\":{\"context\":"
                           "\"tests\"}}},\"requestState\":\"%s\"," META_WITH (CAPS_ALL) "}}",
                           json_object_get_string_member (first, "requestState"));
  second = call_result (fixture, retry);
  messages = json_object_get_array_member (second, "messages");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (messages, 0),
                                                                                  "content"), "text"),
                   ==, "Context: tests");
}

/* The same handlers in a legacy session: real requests to the client. */
static void
test_legacy_requests (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(JsonObject) response = NULL;

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                  "\"capabilities\":" CAPS_ALL ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  g_free (test_peer_recv (fixture->peer));

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_name\",\"arguments\":{}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"elicitation/create\",\"params\":{\"message\":"
                    "\"What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":"
                    "{\"type\":\"string\"}},\"required\":[\"name\"]}}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Bob\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Hello, Bob!\"}]}}");

  /* three at once, answered out of order */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"multi\",\"arguments\":{}}}");
  {
    g_autoptr(JsonObject) a = test_peer_recv_object (fixture->peer);
    g_autoptr(JsonObject) b = test_peer_recv_object (fixture->peer);
    g_autoptr(JsonObject) c = test_peer_recv_object (fixture->peer);

    g_assert_cmpstr (json_object_get_string_member (a, "method"), ==, "elicitation/create");
    g_assert_cmpstr (json_object_get_string_member (b, "method"), ==, "sampling/createMessage");
    g_assert_cmpstr (json_object_get_string_member (c, "method"), ==, "roots/list");
    g_assert_cmpint (json_object_get_int_member (c, "id"), ==, 4);
  }
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"roots\":[{\"uri\":\"file:///x\"}]}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
                  "\"text\":\"hey\"},\"model\":\"m\"}}");
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Cy\"}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Cy/hey/1\"}]}}");

  /* a client answer of the wrong shape */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"needs_sampling\",\"arguments\":{}}}");
  response = test_peer_recv_object (fixture->peer);
  g_assert_cmpstr (json_object_get_string_member (response, "method"), ==, "sampling/createMessage");
  test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"nonsense\":true}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: the input "
                    "response “s” is invalid: it must be a CreateMessageResult with “role” and “content”\"}}");
}

/* The cancellable of an input request stops a legacy wait for the client;
 * in 2026-07-28 the request completes at once, before it is cancelled. */
static void
test_input_cancellable (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(JsonObject) first = NULL;

  first = call_result (fixture,
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_cancellable\","
                       "\"arguments\":{}," META_WITH (CAPS_ALL) "}}");
  g_assert_cmpstr (json_object_get_string_member (first, "resultType"), ==, "input_required");
  test_peer_expect_silence (fixture->peer, 150);

  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                  "\"capabilities\":" CAPS_ALL ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
  g_free (test_peer_recv (fixture->peer));
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_cancellable\",\"arguments\":{}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"elicitation/create\",\"params\":{\"message\":"
                    "\"What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":"
                    "{\"type\":\"string\"}},\"required\":[\"name\"]}}}");
  /* the client does not answer: the cancellable ends the wait */
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                    "\"Operation was cancelled\"}],\"isError\":true}}");
}

static void
test_legacy_missing_capability (Fixture       *fixture,
                                gconstpointer  user_data)
{
  test_peer_initialize (fixture->peer, "2025-06-18");

  /* -32021 does not exist before 2026-07-28: a tool error instead */
  test_peer_send (fixture->peer,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"needs_sampling\",\"arguments\":{}}}");
  test_peer_expect (fixture->peer,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"The client did "
                    "not declare the capabilities sampling/createMessage needs: {\\\"sampling\\\":{}}\"}],\"isError\":true}}");
}

/* A capability the client's revision does not have is not declared, even
 * when the client says so: no elicitation before 2025-06-18, no URL mode
 * before 2025-11-25. */
static void
test_legacy_capability_versions (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const struct { const char *version, *tool, *answer; } cases[] = {
    { "2025-03-26", "ask_name",
      "The client did not declare the capabilities elicitation/create needs: {\\\"elicitation\\\":{}}" },
    { "2025-06-18", "ask_url",
      "The client did not declare the capabilities elicitation/create needs: "
      "{\\\"elicitation\\\":{\\\"url\\\":{}}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initialize = NULL;
      g_autofree char *call = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(JsonObject) response = NULL;

      g_clear_pointer (&fixture->peer, test_peer_free);
      fixture->peer = test_peer_new (fixture->server);
      initialize = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                                    "{\"protocolVersion\":\"%s\",\"capabilities\":{\"elicitation\":{\"form\":{},"
                                    "\"url\":{}}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
                                    cases[i].version);
      test_peer_send (fixture->peer, initialize);
      response = test_peer_recv_object (fixture->peer);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (response, "result"),
                                                      "protocolVersion"), ==, cases[i].version);
      test_peer_send (fixture->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

      call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                              "{\"name\":\"%s\",\"arguments\":{}}}", cases[i].tool);
      test_peer_send (fixture->peer, call);
      expected = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                                  "\"text\":\"%s\"}],\"isError\":true}}", cases[i].answer);
      test_peer_expect (fixture->peer, expected);
    }
}

/* Signed handles for per-client state across stateless calls. */
static void
test_handles (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("s", "1");
  g_autoptr(McpServer) other = mcp_server_new ("s", "1");
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = mcp_server_mint_handle (server, "basket", "bsk-42", 60);
  g_autofree char *value = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *forever = NULL;
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr(GBytes) new_key = g_bytes_new_static ("fedcba9876543210fedcba9876543210", 32);

  g_assert_null (strchr (handle, '+'));
  g_assert_null (strchr (handle, '/'));
  g_assert_null (strchr (handle, '='));

  value = mcp_server_verify_handle (server, "basket", handle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "bsk-42");

  /* another kind, another server, a changed byte */
  g_assert_null (mcp_server_verify_handle (server, "cart", handle, &error));
  g_assert_error (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE);
  g_assert_cmpstr (error->message, ==, "The cart handle is not valid (integrity check failed); create a new one");
  g_clear_error (&error);
  g_assert_null (mcp_server_verify_handle (other, "basket", handle, &error));
  g_assert_error (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  tampered = g_strdup (handle);
  tampered[2] = tampered[2] == 'A' ? 'B' : 'A';
  g_assert_null (mcp_server_verify_handle (server, "basket", tampered, &error));
  g_assert_error (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE);
  g_clear_error (&error);

  /* expiry, to the second; 0 is a handle that never expires */
  expired = mcp_server_mint_handle (server, "basket", "old", 1);
  forever = mcp_server_mint_handle (server, "basket", "forever", 0);
  test_wait (1100);
  g_assert_null (mcp_server_verify_handle (server, "basket", expired, &error));
  g_assert_cmpstr (error->message, ==, "The basket handle is not valid (expired); create a new one");
  g_clear_error (&error);
  g_free (value);
  value = mcp_server_verify_handle (server, "basket", forever, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "forever");

  /* shared keys and rotation with a grace period */
  mcp_server_set_secret_key (server, key, 0);
  mcp_server_set_secret_key (other, key, 0);
  {
    g_autofree char *shared = mcp_server_mint_handle (server, "basket", "shared", 60);
    g_autofree char *seen = mcp_server_verify_handle (other, "basket", shared, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (seen, ==, "shared");

    mcp_server_set_secret_key (other, new_key, 60);
    g_free (seen);
    seen = mcp_server_verify_handle (other, "basket", shared, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (seen, ==, "shared");

    mcp_server_set_secret_key (other, key, 0);
    mcp_server_set_secret_key (other, new_key, 0);
    g_assert_null (mcp_server_verify_handle (other, "basket", shared, &error));
    g_assert_error (error, MCP_REQUEST_ERROR, MCP_REQUEST_ERROR_INVALID_HANDLE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/Input/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("modern/round-trip", test_modern_round_trip);
  ADD ("modern/state-checks", test_modern_state_checks);
  ADD ("modern/expiry", test_modern_expiry);
  ADD ("modern/multiple-inputs", test_modern_multiple_inputs);
  ADD ("modern/multi-round", test_modern_multi_round);
  ADD ("modern/capabilities", test_modern_capabilities);
  ADD ("modern/prompt", test_modern_prompt);
  ADD ("legacy/requests", test_legacy_requests);
  ADD ("input-cancellable", test_input_cancellable);
  ADD ("legacy/missing-capability", test_legacy_missing_capability);
  ADD ("legacy/capability-versions", test_legacy_capability_versions);
  g_test_add_func ("/Mcp/Handles/mint-verify", test_handles);

#undef ADD

  return g_test_run ();
}
