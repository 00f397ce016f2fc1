/* makemcp.h — the makemcp command-line tool, shared declarations
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

G_BEGIN_DECLS

/* Exit codes; docs/makemcp.1.md lists them. */
typedef enum
{
  EXIT_OK           = 0,
  EXIT_TOOL_ERROR   = 1,    /* the tool ran and reported an error; other failures */
  EXIT_USAGE        = 2,    /* bad options or arguments */
  EXIT_CONNECT      = 3,    /* the server could not be reached or started */
  EXIT_PROTOCOL     = 4,    /* the server refused the request (JSON-RPC error) */
  EXIT_TIMEOUT      = 5,    /* no answer in time */
  EXIT_NOT_FOUND    = 6,    /* no such registered server, typelib or class */
  EXIT_INTERRUPTED  = 130,  /* SIGINT */
} ExitCode;

typedef enum
{
  OUTPUT_AUTO,
  OUTPUT_TEXT,
  OUTPUT_JSON,
} OutputMode;

/* What every command that talks to a server accepts. */
typedef struct
{
  char     **headers;       /* NAME:VALUE */
  char     **roots;
  char      *log_level;
  char      *output;
  double     timeout;       /* seconds; 0 for none */
  gboolean   legacy;
  gboolean   modern;
  gboolean   no_input;
  gboolean   verbose;
} ClientOptions;

/* What every client command does first: its options (its own and the
 * client ones), and the server, which is either the first word or, after
 * "--", a command with its arguments. */
typedef struct
{
  ClientOptions    options;
  GOptionContext  *context;
  GOptionEntry    *client_entries;
  char           **words;      /* the positional words after the server */
  char           **target;     /* the server: a URL, a name, or a command */
  char           **command;    /* owns target */
  OutputMode       mode;
} Invocation;

void invocation_clear (Invocation   *invocation);
int  invocation_parse (Invocation   *invocation,
                       int           argc,
                       char        **argv,
                       const char   *parameters,
                       const char   *summary,
                       GOptionEntry *entries,
                       guint         min_words);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Invocation, invocation_clear)

typedef int (*CommandFunc) (int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  const char  *parameters;
  const char  *summary;
  CommandFunc  func;
} Command;

extern const Command makemcp_commands[];

/* makemcp-util.c */
extern GCancellable *makemcp_cancellable;

void          makemcp_reset_cancellable   (void);
void          makemcp_init_signals        (void);
OutputMode    makemcp_output_mode         (const char     *option);
gboolean      makemcp_use_color           (void);
void          makemcp_print               (const char     *format,
                                           ...) G_GNUC_PRINTF (1, 2);
void          makemcp_print_json          (JsonNode       *node);
void          makemcp_print_json_object   (JsonObject     *object);
void          makemcp_print_json_array    (JsonArray      *array);
const char   *makemcp_bold                (void);
const char   *makemcp_dim                 (void);
const char   *makemcp_reset               (void);
void          makemcp_wait                (GAsyncResult  **result);
int           makemcp_exit_code_for_error (const GError   *error);
int           makemcp_fail                (const GError   *error,
                                           const char     *context);
int           makemcp_usage_error         (GOptionContext *option_context,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);
GOptionEntry *makemcp_client_option_entries (ClientOptions *options);
void          makemcp_client_options_clear  (ClientOptions *options);
McpClient    *makemcp_client_new          (char          **target,
                                           ClientOptions  *options,
                                           GError        **error);
McpClient    *makemcp_connect             (char          **target,
                                           ClientOptions  *options,
                                           int            *exit_code);
void          makemcp_close               (McpClient      *client);
JsonObject   *makemcp_parse_arguments     (char          **words,
                                           gboolean        strings_only,
                                           GError        **error);
char         *makemcp_json_to_string      (JsonNode       *node,
                                           gboolean        pretty);
void          makemcp_print_tool_result   (McpToolResult  *result,
                                           OutputMode      mode);
void          makemcp_print_contents      (McpResourceContents *contents,
                                           OutputMode      mode);
void          makemcp_print_prompt        (McpPromptResult *prompt,
                                           OutputMode      mode);
void          makemcp_print_tools         (JsonArray      *tools,
                                           gboolean        schemas);
void          makemcp_print_resources     (JsonArray      *resources,
                                           JsonArray      *templates);
void          makemcp_print_prompts       (JsonArray      *prompts);
JsonArray    *makemcp_list                (McpClient      *client,
                                           const char     *what,
                                           int            *exit_code);

/* makemcp-registry.c */
char        **makemcp_registry_lookup     (const char     *name,
                                           char         ***headers,
                                           GError        **error);
int           makemcp_cmd_register        (int argc, char **argv);
int           makemcp_cmd_unregister      (int argc, char **argv);
int           makemcp_cmd_list            (int argc, char **argv);
int           makemcp_cmd_export          (int argc, char **argv);

/* makemcp-commands.c */
int           makemcp_cmd_info            (int argc, char **argv);
int           makemcp_cmd_tools           (int argc, char **argv);
int           makemcp_cmd_resources       (int argc, char **argv);
int           makemcp_cmd_prompts         (int argc, char **argv);
int           makemcp_cmd_call            (int argc, char **argv);
int           makemcp_cmd_read            (int argc, char **argv);
int           makemcp_cmd_prompt          (int argc, char **argv);
int           makemcp_cmd_ping            (int argc, char **argv);

/* makemcp-shell.c */
int           makemcp_cmd_shell           (int argc, char **argv);

/* makemcp-bridge.c */
int           makemcp_cmd_bridge          (int argc, char **argv);

/* makemcp-serve.c */
int           makemcp_cmd_serve           (int argc, char **argv);

/* makemcp-discover.c */
int           makemcp_cmd_discover        (int argc, char **argv);

G_END_DECLS
