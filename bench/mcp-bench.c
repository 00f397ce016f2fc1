/* mcp-bench.c — a load generator for MCP servers, in either protocol era
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mcp-bench [OPTION…] -- COMMAND [ARG…]     drive the server COMMAND
 *   mcp-bench --http [OPTION…] -- COMMAND…    the same over Streamable HTTP
 *   mcp-bench --url URL [OPTION…]             a Streamable HTTP server running
 *   mcp-bench --report FILE                   the table of a run's results
 *
 * Spawns the server with its standard input and output on pipes and talks
 * newline-delimited JSON-RPC to it, in the legacy era (`initialize`, then
 * `notifications/initialized`, then the calls) or in 2026-07-28
 * (`server/discover`, then calls that each carry the `_meta` envelope).
 * Each measurement starts a fresh server and is bounded in count and time:
 *
 *   startup  time from spawn to the first answer; the idle peak RSS
 *   add      `tools/call add` pipelined with 1, 16, 256 … requests
 *            outstanding: calls/s, p50 and p99 latency; then the server's
 *            peak RSS under that load (VmHWM). With --tasks (2026-07-28)
 *            every call declares the tasks extension and must answer
 *            with the handle of a task (bench-server --task-support):
 *            the cost of creating a task in the server's task store
 *   sleep    N concurrent `sleep` calls of 200 ms: wall time and the
 *            server's peak RSS
 *   list     `tools/list` (all pages) latency, for a server started with
 *            many tools
 *   mrtr     a tool that asks for input: in 2026-07-28 the call answers
 *            input_required and the retry with inputResponses and
 *            requestState completes; in legacy the server sends
 *            elicitation/create and the call completes once it is
 *            answered. Both legs are timed.
 *
 * Every answer is checked: its id is one we sent and have not had an
 * answer for, it is a result and not an error, and the sum (or the text)
 * is the right one; the first answer of every run is also parsed with
 * json-glib and its whole shape checked. The hot path stays cheap so that
 * the generator is not what is measured: requests are copied from
 * templates built before the clock starts (only the id is written per
 * call, at the end of the object), one write() sends every request a
 * batch of answers allows, and answers are read in large chunks and
 * scanned once, at the top level, for their id and result. Each
 * measurement also reports the generator's own CPU time per call, so its
 * ceiling rate can be read off directly.
 *
 * Output: one JSON object per line and measurement on standard output (or
 * appended to --json FILE), and a human table on standard error at the
 * end. Exit status: 0 when every answer checked out, 1 when one did not,
 * 2 on a bad command line, 77 when the server does not speak the era.
 *
 * The transport sits behind a small driver interface (DriverClass):
 * start, send, get_pid, stop, and optionally ready (the connection is
 * open) and prepare (n requests are about to be outstanding). The stdio
 * driver writes lines to a pipe. The Streamable HTTP driver (--http, or
 * --url) POSTs each line, with the headers of its era, and hands every
 * JSON or SSE answer to bench_message(); see "Streamable HTTP" below for
 * its two clients (libsoup, and a raw HTTP/1.1 client for the load).
 * Over HTTP only add (requests/s at 1, 16 and 64 connections, one request
 * outstanding on each) and startup are measured.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define MODERN_VERSION  "2026-07-28"
#define LEGACY_VERSION  "2025-11-25"
#define ENVELOPE_PREFIX "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN_VERSION "\"," \
                        "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"mcp-bench\",\"version\":\"0.1.0\"}," \
                        "\"io.modelcontextprotocol/clientCapabilities\":"
#define NO_CAPABILITIES      "{}"
#define ELICIT_CAPABILITIES  "{\"elicitation\":{\"form\":{}}}"
#define TASKS_CAPABILITIES   "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}"
#define N_TEMPLATES     4096    /* distinct argument pairs of add */
#define EXIT_UNSUPPORTED 77

typedef enum
{
  ERA_LEGACY,
  ERA_MODERN,
} Era;

typedef struct
{
  Era        era;
  char      *label;
  char      *variant;
  char      *benches;
  char      *windows;
  gint64     count;
  double     seconds;
  gint64     warmup;
  char      *sleep_counts;
  int        sleep_ms;
  int        startup_runs;
  int        list_iterations;
  int        expect_tools;
  int        mrtr_iterations;
  double     timeout;
  char      *json_path;
  char      *url;
  gboolean   http;           /* the command serves HTTP and prints its URL */
  char      *http_client;    /* raw or soup */
  char      *connections;
  int        server_pid;
  gboolean   tasks;          /* add: each call becomes a task */
  gboolean   quiet_server;
  char     **command;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->label);
  g_free (options->variant);
  g_free (options->benches);
  g_free (options->windows);
  g_free (options->sleep_counts);
  g_free (options->json_path);
  g_free (options->url);
  g_free (options->http_client);
  g_free (options->connections);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* ------------------------------------------------------------------------ */
/* Time, /proc, CPU */

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static gint64
self_cpu_ns (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64)usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_GINT64_CONSTANT (1000000000) +
         ((gint64)usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000;
}

/* VmHWM and VmRSS of a process, in KiB; -1 when unknown. */
static void
read_memory (int     pid,
             gint64 *hwm_kb,
             gint64 *rss_kb)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *p;

  *hwm_kb = -1;
  if (rss_kb != NULL)
    *rss_kb = -1;
  if (pid <= 0)
    return;

  path = g_strdup_printf ("/proc/%d/status", pid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  if ((p = strstr (text, "\nVmHWM:")) != NULL)
    *hwm_kb = g_ascii_strtoll (p + 7, NULL, 10);
  if (rss_kb != NULL && (p = strstr (text, "\nVmRSS:")) != NULL)
    *rss_kb = g_ascii_strtoll (p + 7, NULL, 10);
}

/* utime + stime of a process (every thread), in nanoseconds; -1 when
 * unknown. The kernel counts in clock ticks (10 ms): fine over seconds. */
static gint64
process_cpu_ns (int pid)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  unsigned long long utime, stime;
  const char *p;

  if (pid <= 0)
    return -1;
  path = g_strdup_printf ("/proc/%d/stat", pid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  p = strrchr (text, ')');
  if (p == NULL)
    return -1;
  /* Fields after the command: state(3) … utime(14) stime(15). */
  if (sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
    return -1;
  return (gint64)((utime + stime) * (G_GINT64_CONSTANT (1000000000) / sysconf (_SC_CLK_TCK)));
}

/* ------------------------------------------------------------------------ */
/* A one-pass scanner of the top level of a JSON-RPC message */

typedef struct
{
  const char *start;
  const char *end;
} Span;

typedef struct
{
  gboolean has_id;
  gboolean id_is_int;
  gint64   id;
  Span     id_raw;
  Span     method;    /* with its quotes */
  Span     result;
  Span     error;
} Scan;

static inline gboolean
span_is_set (Span span)
{
  return span.start != NULL;
}

static inline gsize
span_length (Span span)
{
  return (gsize)(span.end - span.start);
}

static inline const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* p is on the opening quote; returns what follows the closing one. */
static inline const char *
skip_string (const char *p,
             const char *end)
{
  p++;
  while (p < end)
    {
      const char *quote = memchr (p, '"', (gsize)(end - p));
      const char *back;

      if (quote == NULL)
        return NULL;
      back = quote;
      while (back > p && back[-1] == '\\')
        back--;
      if (((quote - back) & 1) == 0)
        return quote + 1;
      p = quote + 1;
    }
  return NULL;
}

static const char *
skip_value (const char *p,
            const char *end)
{
  int depth = 0;

  if (p >= end)
    return NULL;
  if (*p == '"')
    return skip_string (p, end);
  if (*p != '{' && *p != '[')
    {
      while (p < end && *p != ',' && *p != '}' && *p != ']' &&
             *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        p++;
      return p;
    }
  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return p + 1;
          break;
        default:
          break;
        }
      p++;
    }
  return NULL;
}

static gboolean
parse_int_span (Span    span,
                gint64 *value)
{
  const char *p = span.start;
  gboolean negative = FALSE;
  guint64 v = 0;

  if (p < span.end && *p == '-')
    negative = TRUE, p++;
  if (p == span.end)
    return FALSE;
  for (; p < span.end; p++)
    {
      if (*p < '0' || *p > '9' || v > G_MAXINT64 / 10)
        return FALSE;
      v = v * 10 + (guint64)(*p - '0');
    }
  *value = negative ? -(gint64)v : (gint64)v;
  return TRUE;
}

typedef gboolean (*MemberFunc) (const char *key,
                                gsize       key_length,
                                Span        value,
                                gpointer    user_data);

/* Calls func for each member of the object in [p, end) until it returns
 * FALSE. Returns FALSE when the text is not an object. */
static gboolean
foreach_member (const char *p,
                const char *end,
                MemberFunc  func,
                gpointer    user_data)
{
  p = skip_ws (p, end);
  if (p >= end || *p != '{')
    return FALSE;
  p = skip_ws (p + 1, end);
  if (p < end && *p == '}')
    return TRUE;
  for (;;)
    {
      const char *key;
      const char *key_end;
      Span value;

      if (p >= end || *p != '"')
        return FALSE;
      key = p + 1;
      p = skip_string (p, end);
      if (p == NULL)
        return FALSE;
      key_end = p - 1;
      p = skip_ws (p, end);
      if (p >= end || *p != ':')
        return FALSE;
      p = skip_ws (p + 1, end);
      value.start = p;
      p = skip_value (p, end);
      if (p == NULL)
        return FALSE;
      value.end = p;
      if (!func (key, (gsize)(key_end - key), value, user_data))
        return TRUE;
      p = skip_ws (p, end);
      if (p < end && *p == ',')
        {
          p = skip_ws (p + 1, end);
          continue;
        }
      return p < end && *p == '}';
    }
}

static gboolean
scan_member (const char *key,
             gsize       key_length,
             Span        value,
             gpointer    user_data)
{
  Scan *scan = user_data;

  switch (key_length)
    {
    case 2:
      if (memcmp (key, "id", 2) == 0)
        {
          scan->has_id = TRUE;
          scan->id_raw = value;
          scan->id_is_int = parse_int_span (value, &scan->id);
        }
      break;
    case 5:
      if (memcmp (key, "error", 5) == 0)
        scan->error = value;
      break;
    case 6:
      if (memcmp (key, "result", 6) == 0)
        scan->result = value;
      else if (memcmp (key, "method", 6) == 0)
        scan->method = value;
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
scan_message (const char *line,
              gsize       length,
              Scan       *scan)
{
  memset (scan, 0, sizeof *scan);
  return foreach_member (line, line + length, scan_member, scan);
}

typedef struct
{
  const char *key;
  gsize       key_length;
  Span        value;
} FindMember;

static gboolean
find_member_cb (const char *key,
                gsize       key_length,
                Span        value,
                gpointer    user_data)
{
  FindMember *find = user_data;

  if (key_length == find->key_length && memcmp (key, find->key, key_length) == 0)
    {
      find->value = value;
      return FALSE;
    }
  return TRUE;
}

/* The value of member key of the object span, or an unset span. */
static Span
find_member (Span        object,
             const char *key)
{
  FindMember find = { key, strlen (key), { NULL, NULL } };

  foreach_member (object.start, object.end, find_member_cb, &find);
  return find.value;
}

/* How many elements the array span holds, or -1. */
static gint64
count_elements (Span array)
{
  const char *p = skip_ws (array.start, array.end);
  gint64 n = 0;

  if (p >= array.end || *p != '[')
    return -1;
  p = skip_ws (p + 1, array.end);
  if (p < array.end && *p == ']')
    return 0;
  for (;;)
    {
      p = skip_value (p, array.end);
      if (p == NULL)
        return -1;
      n++;
      p = skip_ws (p, array.end);
      if (p < array.end && *p == ',')
        {
          p = skip_ws (p + 1, array.end);
          continue;
        }
      return (p < array.end && *p == ']') ? n : -1;
    }
}

static inline gboolean
span_contains (Span        span,
               const char *needle,
               gsize       needle_length)
{
  return memmem (span.start, span_length (span), needle, needle_length) != NULL;
}

#define SPAN_CONTAINS(span, literal) span_contains (span, literal, sizeof (literal) - 1)

static inline gsize
format_int (char   *buffer,
            gint64  value)
{
  char digits[24];
  guint64 u = value < 0 ? (guint64)(-(value + 1)) + 1 : (guint64)value;
  gsize n = 0;
  gsize length = 0;

  do
    {
      digits[n++] = (char)('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    buffer[length++] = '-';
  while (n > 0)
    buffer[length++] = digits[--n];
  return length;
}

/* ------------------------------------------------------------------------ */
/* Drivers: how messages reach the server */

typedef struct _Bench  Bench;
typedef struct _Driver Driver;

typedef struct
{
  const char *name;
  gboolean  (*start)   (Driver      *driver,
                        GError     **error);
  void      (*send)    (Driver      *driver,
                        const char  *data,
                        gsize        length);
  int       (*get_pid) (Driver      *driver);
  void      (*stop)    (Driver      *driver);
  void      (*free)    (Driver      *driver);
  /* optional: the connection is open (after initialize or discover) */
  void      (*ready)   (Driver      *driver);
  /* optional: n requests will be outstanding from now on */
  void      (*prepare) (Driver      *driver,
                        guint        n);
} DriverClass;

struct _Driver
{
  const DriverClass *klass;
  Bench             *bench;
  gboolean           closed;
};

static void bench_message (Bench      *self,
                           const char *line,
                           gsize       length,
                           gint64      now);
static void bench_batch   (Bench      *self,
                           gint64      now);
static void bench_closed  (Bench      *self,
                           const char *why);

typedef struct
{
  Driver        parent;
  char        **argv;
  gboolean      quiet;
  GSubprocess  *process;
  int           pid;
  int           to_server;
  int           from_server;
  guint         read_id;
  guint         write_id;
  char         *input;
  gsize         input_length;
  gsize         input_size;
  GByteArray   *pending;      /* output the pipe did not take yet */
  gsize         pending_offset;
} StdioDriver;

/* g_unix_fd_add(), except that the source may recurse: GLib then does
 * not take the source's file descriptor out of the poll set while it is
 * dispatched and put it back after, which costs two wake-ups of the main
 * context (two eventfd writes and a read) per dispatch. */
static guint
fd_watch (int                fd,
          GIOCondition       condition,
          GUnixFDSourceFunc  func,
          gpointer           user_data)
{
  GSource *source = g_unix_fd_source_new (fd, condition);
  guint id;

  g_source_set_callback (source, (GSourceFunc)(void (*) (void))func, user_data, NULL);
  g_source_set_can_recurse (source, TRUE);
  id = g_source_attach (source, NULL);
  g_source_unref (source);
  return id;
}

static gboolean stdio_writable_cb (int          fd,
                                   GIOCondition condition,
                                   gpointer     user_data);

static void
stdio_lost (StdioDriver *self,
            const char  *why)
{
  if (self->parent.closed)
    return;
  self->parent.closed = TRUE;
  bench_closed (self->parent.bench, why);
}

static gboolean
stdio_readable_cb (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  StdioDriver *self = user_data;
  gboolean eof = FALSE;
  gsize start = 0;
  gint64 now;
  char *newline;

  for (;;)
    {
      gssize n;
      gsize room;

      if (self->input_size - self->input_length < 65536)
        {
          self->input_size *= 2;
          self->input = g_realloc (self->input, self->input_size);
        }
      room = self->input_size - self->input_length;
      n = read (fd, self->input + self->input_length, room);
      if (n > 0)
        {
          self->input_length += (gsize)n;
          if ((gsize)n < room)
            break;
          continue;
        }
      if (n == 0)
        eof = TRUE;
      else if (errno == EINTR)
        continue;
      else if (errno != EAGAIN)
        eof = TRUE;
      break;
    }

  now = now_ns ();
  while ((newline = memchr (self->input + start, '\n', self->input_length - start)) != NULL)
    {
      gsize length = (gsize)(newline - (self->input + start));

      bench_message (self->parent.bench, self->input + start, length, now);
      start += length + 1;
    }
  if (start > 0)
    {
      memmove (self->input, self->input + start, self->input_length - start);
      self->input_length -= start;
    }
  bench_batch (self->parent.bench, now);

  if (eof)
    {
      self->read_id = 0;
      stdio_lost (self, "the server closed its standard output");
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
stdio_start (Driver  *driver,
             GError **error)
{
  StdioDriver *self = (StdioDriver *)driver;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE;

  if (self->quiet)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)self->argv, error);
  if (self->process == NULL)
    return FALSE;

  self->pid = atoi (g_subprocess_get_identifier (self->process));
  self->to_server = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (g_subprocess_get_stdin_pipe (self->process)));
  self->from_server = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (self->process)));
  if (!g_unix_set_fd_nonblocking (self->to_server, TRUE, error) ||
      !g_unix_set_fd_nonblocking (self->from_server, TRUE, error))
    return FALSE;

  self->read_id = fd_watch (self->from_server, G_IO_IN | G_IO_HUP | G_IO_ERR, stdio_readable_cb, self);
  return TRUE;
}

static void
stdio_send (Driver     *driver,
            const char *data,
            gsize       length)
{
  StdioDriver *self = (StdioDriver *)driver;

  if (driver->closed)
    return;
  if (self->pending->len > self->pending_offset)
    {
      g_byte_array_append (self->pending, (const guint8 *)data, (guint)length);
      return;
    }

  while (length > 0)
    {
      gssize n = write (self->to_server, data, length);

      if (n > 0)
        {
          data += n;
          length -= (gsize)n;
        }
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        break;
      else
        {
          stdio_lost (self, "writing to the server failed");
          return;
        }
    }

  if (length > 0)
    {
      g_byte_array_set_size (self->pending, 0);
      self->pending_offset = 0;
      g_byte_array_append (self->pending, (const guint8 *)data, (guint)length);
      if (self->write_id == 0)
        self->write_id = fd_watch (self->to_server, G_IO_OUT | G_IO_ERR, stdio_writable_cb, self);
    }
}

static gboolean
stdio_writable_cb (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  StdioDriver *self = user_data;

  while (self->pending_offset < self->pending->len)
    {
      gssize n = write (fd, self->pending->data + self->pending_offset,
                        self->pending->len - self->pending_offset);

      if (n > 0)
        self->pending_offset += (gsize)n;
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      else
        {
          self->write_id = 0;
          stdio_lost (self, "writing to the server failed");
          return G_SOURCE_REMOVE;
        }
    }

  g_byte_array_set_size (self->pending, 0);
  self->pending_offset = 0;
  self->write_id = 0;
  return G_SOURCE_REMOVE;
}

static int
stdio_get_pid (Driver *driver)
{
  return ((StdioDriver *)driver)->pid;
}

/* A server we stop, and how. */
typedef struct
{
  gboolean exited;
  int      sent;     /* the last signal we sent it, or 0 */
} ServerExit;

/* Servers that exited with an error of their own: a status other than 0,
 * or a signal we did not send (a sanitizer's abort, a crash). */
static guint server_failures;

static void
server_wait_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  ServerExit *server_exit = user_data;

  server_exit->exited = TRUE;
  if (!g_subprocess_wait_finish (process, result, NULL))
    return;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) != 0)
    {
      fprintf (stderr, "mcp-bench: the server exited with status %d\n",
               g_subprocess_get_exit_status (process));
      server_failures++;
    }
  else if (g_subprocess_get_if_signaled (process) &&
           g_subprocess_get_term_sig (process) != server_exit->sent)
    {
      fprintf (stderr, "mcp-bench: the server was killed by signal %d\n",
               g_subprocess_get_term_sig (process));
      server_failures++;
    }
}

static gboolean
expired_cb (gpointer user_data)
{
  guint *timer = user_data;

  *timer = 0;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until *flag or *other (when given) is set, or
 * the deadline passes. One timer for the whole wait, not one per
 * iteration: the iterations are the hot path. */
static gboolean
iterate_until_either (gboolean *flag,
                      gboolean *other,
                      gint64    deadline)
{
  gint64 now = now_ns ();
  guint timer;

  if (*flag || (other != NULL && *other) || now >= deadline)
    return *flag;
  timer = g_timeout_add ((guint)MIN ((deadline - now + 999999) / 1000000, G_MAXUINT), expired_cb, &timer);
  while (!*flag && (other == NULL || !*other) && timer != 0)
    g_main_context_iteration (NULL, TRUE);
  if (timer != 0)
    g_source_remove (timer);
  return *flag;
}

static gboolean
iterate_until (gboolean *flag,
               gint64    deadline)
{
  return iterate_until_either (flag, NULL, deadline);
}

/* Closes the server's input, which asks it to exit, and waits (a bounded
 * time) for it to do so; SIGTERM, then SIGKILL, if it does not. */
static void
stdio_stop (Driver *driver)
{
  StdioDriver *self = (StdioDriver *)driver;
  ServerExit server_exit = { FALSE, 0 };

  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  if (self->process == NULL)
    return;

  g_output_stream_close (g_subprocess_get_stdin_pipe (self->process), NULL, NULL);
  g_input_stream_close (g_subprocess_get_stdout_pipe (self->process), NULL, NULL);
  g_subprocess_wait_async (self->process, NULL, server_wait_cb, &server_exit);
  if (!iterate_until (&server_exit.exited, now_ns () + 2 * G_GINT64_CONSTANT (1000000000)))
    {
      server_exit.sent = SIGTERM;
      g_subprocess_send_signal (self->process, SIGTERM);
      if (!iterate_until (&server_exit.exited, now_ns () + G_GINT64_CONSTANT (1000000000)))
        {
          server_exit.sent = SIGKILL;
          g_subprocess_force_exit (self->process);
          iterate_until (&server_exit.exited, now_ns () + 5 * G_GINT64_CONSTANT (1000000000));
        }
    }
  driver->closed = TRUE;
  g_clear_object (&self->process);
}

static void
stdio_free (Driver *driver)
{
  StdioDriver *self = (StdioDriver *)driver;

  stdio_stop (driver);
  g_free (self->input);
  g_byte_array_unref (self->pending);
  g_free (self);
}

static const DriverClass stdio_driver_class = {
  "stdio",
  stdio_start,
  stdio_send,
  stdio_get_pid,
  stdio_stop,
  stdio_free,
  NULL,
  NULL,
};

static Driver *
stdio_driver_new (Bench    *bench,
                  char    **argv,
                  gboolean  quiet)
{
  StdioDriver *self = g_new0 (StdioDriver, 1);

  self->parent.klass = &stdio_driver_class;
  self->parent.bench = bench;
  self->argv = argv;
  self->quiet = quiet;
  self->input_size = 1024 * 1024;
  self->input = g_malloc (self->input_size);
  self->pending = g_byte_array_new ();
  return (Driver *)self;
}

/* ------------------------------------------------------------------------ */
/* The bench */

typedef struct
{
  void (*message) (Bench      *self,
                   const char *line,
                   gsize       length,
                   gint64      now,
                   Scan       *scan);
  void (*batch)   (Bench      *self,
                   gint64      now);
} Phase;

typedef struct
{
  char *name;
  char *value;
} Row;

struct _Bench
{
  Options     *options;
  Driver      *driver;
  const Phase *phase;
  gpointer     phase_data;
  gboolean     done;
  guint64      failures;
  char        *failure;       /* the first one */
  gboolean     any_failure;
  gboolean     unsupported;   /* the server does not speak the era */
  gboolean     refused;       /* HTTP: the opening request got an error status */
  gint64       next_id;
  GString     *out;
  GString     *meta;          /* ,"_meta":{…} in 2026-07-28, else empty */
  GString     *meta_elicit;   /* the same, declaring elicitation */
  /* add templates */
  GString     *add_text;
  guint32      add_offsets[N_TEMPLATES + 1];
  gint64       add_sums[N_TEMPLATES];
  FILE        *json;
  GPtrArray   *rows;
  guint64      notifications;
};

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row->value);
  g_free (row);
}

/* What main() allocates for the run; the drivers and phases free their own
 * data as they end. */
static void
bench_clear (Bench *self)
{
  g_clear_pointer (&self->failure, g_free);
  if (self->out != NULL)
    g_string_free (g_steal_pointer (&self->out), TRUE);
  if (self->meta != NULL)
    g_string_free (g_steal_pointer (&self->meta), TRUE);
  if (self->meta_elicit != NULL)
    g_string_free (g_steal_pointer (&self->meta_elicit), TRUE);
  if (self->add_text != NULL)
    g_string_free (g_steal_pointer (&self->add_text), TRUE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bench, bench_clear)

static const char *
era_name (Era era)
{
  return era == ERA_MODERN ? "modern" : "legacy";
}

static void
bench_fail (Bench      *self,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
bench_fail (Bench      *self,
            const char *format,
            ...)
{
  va_list args;

  self->failures++;
  self->any_failure = TRUE;
  if (self->failure != NULL)
    return;
  va_start (args, format);
  self->failure = g_strdup_vprintf (format, args);
  va_end (args);
}

static char *
excerpt (const char *line,
         gsize       length)
{
  return g_strndup (line, MIN (length, 300));
}

static void
bench_closed (Bench      *self,
              const char *why)
{
  if (!self->done)
    bench_fail (self, "%s", why);
}

static void
bench_send (Bench      *self,
            const char *data,
            gsize       length)
{
  self->driver->klass->send (self->driver, data, length);
}

static void
bench_reply_not_found (Bench *self,
                       Span   id)
{
  g_autoptr(GString) reply = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":");

  g_string_append_len (reply, id.start, (gssize)span_length (id));
  g_string_append (reply, ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}\n");
  bench_send (self, reply->str, reply->len);
}

static void
bench_message (Bench      *self,
               const char *line,
               gsize       length,
               gint64      now)
{
  Scan scan;

  if (!scan_message (line, length, &scan))
    {
      g_autofree char *text = excerpt (line, length);

      bench_fail (self, "not a JSON-RPC message: %s", text);
      return;
    }

  if (span_is_set (scan.method) && !scan.has_id)
    {
      self->notifications++;
      return;
    }

  if (self->phase == NULL || self->phase->message == NULL)
    {
      if (span_is_set (scan.method))
        bench_reply_not_found (self, scan.id_raw);
      else
        {
          g_autofree char *text = excerpt (line, length);

          bench_fail (self, "an answer nobody waits for: %s", text);
        }
      return;
    }

  self->phase->message (self, line, length, now, &scan);
}

static void
bench_batch (Bench  *self,
             gint64  now)
{
  if (self->phase != NULL && self->phase->batch != NULL)
    self->phase->batch (self, now);
}

static void
bench_set_phase (Bench       *self,
                 const Phase *phase,
                 gpointer     data)
{
  self->phase = phase;
  self->phase_data = data;
  if (phase != NULL)
    self->done = FALSE;
}

/* Runs the main loop until the phase is done, the server is gone or the
 * deadline passes. */
static gboolean
bench_wait (Bench  *self,
            gint64  deadline)
{
  return iterate_until_either (&self->done, &self->driver->closed, deadline);
}

static gint64
seconds_to_ns (double seconds)
{
  return (gint64)(seconds * 1e9);
}

static gboolean
bench_is_http (Bench *self)
{
  return self->options->url != NULL || self->options->http;
}

/* ------------------------------------------------------------------------ */
/* Streamable HTTP
 *
 * The server is either at --url, or spawned (--http) and then prints its
 * URL on the first line of its standard output. Every line the bench
 * sends becomes one POST: a request (it has a method and an id) wants an
 * answer, with status 200, as a JSON body or in the `data:` of an SSE
 * stream; a notification or a response to the server wants 202. In
 * 2026-07-28 each POST carries MCP-Protocol-Version, Mcp-Method and (for
 * tools/call, prompts/get, resources/read, tasks/get, tasks/update,
 * tasks/cancel) Mcp-Name; in the legacy era the
 * answer to initialize may give an Mcp-Session-Id, which every later POST
 * carries, with MCP-Protocol-Version.
 *
 * Two clients. libsoup 3 (a SoupSession, HTTP/1.1 keep-alive, as many
 * connections as requests outstanding) opens every connection
 * (initialize or server/discover, and notifications/initialized), and can
 * carry the load too (--http-client soup). The load goes by default
 * through a small HTTP/1.1 client of our own on non-blocking sockets and
 * one epoll set (--http-client raw): one write() per request, responses
 * read in large chunks and parsed in place (status line, Content-Length or
 * chunked, SSE events), so that the generator spends a few µs per request
 * where libsoup spends tens (see README.md). It checks the framing as
 * strictly as it needs to: a status it does not expect, a Content-Type
 * that is neither JSON nor SSE, bytes the server sends when no request is
 * outstanding, or a response with no answer in it fail the measurement.
 *
 * Each connection carries one request at a time. Before a window starts,
 * prepare() opens as many connections as the window has requests
 * outstanding and waits until they are established, so the window runs on
 * exactly that many connections and no connect is timed. */

typedef enum
{
  CONN_CONNECTING,
  CONN_IDLE,
  CONN_HEAD,          /* waiting for the status line and the headers */
  CONN_BODY_LENGTH,
  CONN_CHUNK_SIZE,
  CONN_CHUNK_DATA,
  CONN_CHUNK_CRLF,
  CONN_TRAILER,
  CONN_BODY_CLOSE,    /* no length: the body ends with the connection */
} ConnState;

typedef struct
{
  GString  *pending;    /* bytes not yet split into lines */
  GString  *data;       /* the data of the event being read */
  gboolean  has_data;
} Sse;

typedef void (*SseEventFunc) (gpointer    user_data,
                              const char *data,
                              gsize       length);

typedef struct _HttpDriver HttpDriver;

typedef struct
{
  HttpDriver *driver;
  int         fd;
  ConnState   state;
  gboolean    watch_out;        /* EPOLLOUT is in the epoll set */
  /* the request in flight */
  gboolean    expects_answer;
  gboolean    opening;
  gboolean    is_initialize;
  guint       answers;
  GString    *out;
  gsize       out_offset;
  /* the response */
  char       *in;
  gsize       in_length;
  gsize       in_size;
  gsize       pos;
  int         status;
  gboolean    sse;
  gboolean    json;
  gboolean    close_after;
  guint64     remaining;
  GString    *body;             /* a JSON body not read in one piece, or an error's */
  Sse         events;
} HttpConn;

struct _HttpDriver
{
  Driver        parent;
  char        **argv;
  gboolean      quiet;
  gboolean      spawn;
  gboolean      load_soup;      /* --http-client soup */
  gboolean      use_soup;       /* what carries the requests now */
  gboolean      modern;
  double        timeout;
  GSubprocess  *process;
  int           pid;
  guint         drain_id;
  char         *url;
  GUri         *uri;
  char         *request_target; /* path?query */
  char         *host_header;
  struct sockaddr_storage address;
  socklen_t     address_length;
  char         *session_id;
  gboolean      initialized;    /* legacy: initialize was answered */
  GString      *prefix;         /* request line and the headers every POST has */
  /* libsoup */
  SoupSession  *session;
  guint         soup_in_flight;
  /* our own client */
  int           epoll_fd;
  guint         epoll_id;
  GPtrArray    *conns;          /* HttpConn, all of them */
  GPtrArray    *idle;           /* HttpConn, a stack */
  GQueue        waiting;        /* GBytes: lines no connection was free for */
  guint         connecting;
  GPtrArray    *dead;           /* HttpConn dropped during an epoll batch */
};

/* SSE: splits what arrives into lines and calls func for the data of each
 * complete event that has some (the priming event of 2025-11-25 has none).
 * Only `data:` matters here; id, event, retry and comments are skipped. */
static void
sse_init (Sse *sse)
{
  sse->pending = g_string_new (NULL);
  sse->data = g_string_new (NULL);
  sse->has_data = FALSE;
}

static void
sse_reset (Sse *sse)
{
  g_string_truncate (sse->pending, 0);
  g_string_truncate (sse->data, 0);
  sse->has_data = FALSE;
}

static void
sse_clear (Sse *sse)
{
  g_string_free (sse->pending, TRUE);
  g_string_free (sse->data, TRUE);
}

static void
sse_feed (Sse          *sse,
          const char   *bytes,
          gsize         length,
          SseEventFunc  func,
          gpointer      user_data)
{
  gboolean buffered = sse->pending->len > 0;
  const char *p, *end;

  if (buffered)
    {
      g_string_append_len (sse->pending, bytes, (gssize)length);
      p = sse->pending->str;
      end = p + sse->pending->len;
    }
  else
    {
      p = bytes;
      end = bytes + length;
    }

  for (;;)
    {
      const char *newline = memchr (p, '\n', (gsize)(end - p));
      const char *line_end;

      if (newline == NULL)
        break;
      line_end = newline;
      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      if (line_end == p)
        {
          if (sse->has_data && sse->data->len > 0)
            func (user_data, sse->data->str, sse->data->len);
          g_string_truncate (sse->data, 0);
          sse->has_data = FALSE;
        }
      else if (line_end - p >= 5 && memcmp (p, "data:", 5) == 0)
        {
          const char *value = p + 5;

          if (value < line_end && *value == ' ')
            value++;
          if (sse->has_data)
            g_string_append_c (sse->data, '\n');
          g_string_append_len (sse->data, value, line_end - value);
          sse->has_data = TRUE;
        }
      p = newline + 1;
    }

  if (buffered)
    g_string_erase (sse->pending, 0, p - sse->pending->str);
  else
    g_string_append_len (sse->pending, p, end - p);
}

static gboolean
has_prefix_ascii_ci (const char *text,
                     gsize       length,
                     const char *prefix)
{
  gsize n = strlen (prefix);

  return length >= n && g_ascii_strncasecmp (text, prefix, n) == 0;
}

/* What the headers of a POST need to know about the line it carries. */
typedef struct
{
  gboolean expects_answer;
  gboolean is_initialize;
  gboolean opening;      /* initialize or server/discover */
  Span     method;       /* without its quotes */
  Span     name;         /* Mcp-Name, without quotes; unset when none */
} LineInfo;

static gboolean
classify_line (Bench      *bench,
               const char *line,
               gsize       length,
               LineInfo   *info)
{
  Scan scan;

  memset (info, 0, sizeof *info);
  if (!scan_message (line, length, &scan))
    {
      bench_fail (bench, "mcp-bench sent a line that is not a JSON object");
      return FALSE;
    }
  if (!span_is_set (scan.method))
    return TRUE;   /* a response to the server's request */
  info->method.start = scan.method.start + 1;
  info->method.end = scan.method.end - 1;
  info->expects_answer = scan.has_id;
  info->is_initialize = span_length (info->method) == 10 && memcmp (info->method.start, "initialize", 10) == 0;
  info->opening = info->is_initialize ||
                  (span_length (info->method) == 15 && memcmp (info->method.start, "server/discover", 15) == 0);

  if (scan.has_id)
    {
      Span params = find_member ((Span){ line, line + length }, "params");
      const char *key = NULL;

#define METHOD_IS(s) (span_length (info->method) == sizeof (s) - 1 && memcmp (info->method.start, s, sizeof (s) - 1) == 0)
      if (METHOD_IS ("tools/call") || METHOD_IS ("prompts/get"))
        key = "name";
      else if (METHOD_IS ("resources/read"))
        key = "uri";
      else if (METHOD_IS ("tasks/get") || METHOD_IS ("tasks/update") || METHOD_IS ("tasks/cancel"))
        key = "taskId";
#undef METHOD_IS
      if (key != NULL && span_is_set (params))
        {
          Span value = find_member (params, key);

          if (span_is_set (value) && span_length (value) >= 2 && *value.start == '"')
            {
              info->name.start = value.start + 1;
              info->name.end = value.end - 1;
              if (memchr (info->name.start, '\\', span_length (info->name)) != NULL)
                {
                  bench_fail (bench, "the HTTP driver does not escape Mcp-Name values");
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

/* Mcp-Name, plain when it is printable ASCII, else in the Base64 sentinel
 * form. */
static void
append_name_value (GString *out,
                   Span     name)
{
  for (const char *p = name.start; p < name.end; p++)
    if ((guchar)*p < 0x20 || (guchar)*p >= 0x7f)
      {
        g_autofree char *encoded = g_base64_encode ((const guchar *)name.start, span_length (name));

        g_string_append (out, "=?base64?");
        g_string_append (out, encoded);
        g_string_append (out, "?=");
        return;
      }
  g_string_append_len (out, name.start, (gssize)span_length (name));
}

static void
http_lost (HttpDriver *self,
           const char *why)
{
  if (self->parent.closed)
    return;
  self->parent.closed = TRUE;
  bench_closed (self->parent.bench, why);
}

static void
http_build_prefix (HttpDriver *self)
{
  g_string_truncate (self->prefix, 0);
  g_string_append_printf (self->prefix,
                          "POST %s HTTP/1.1\r\n"
                          "Host: %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Accept: application/json, text/event-stream\r\n",
                          self->request_target, self->host_header);
  if (self->modern)
    g_string_append (self->prefix, "MCP-Protocol-Version: " MODERN_VERSION "\r\n");
  else if (self->initialized)
    g_string_append (self->prefix, "MCP-Protocol-Version: " LEGACY_VERSION "\r\n");
  if (self->session_id != NULL)
    g_string_append_printf (self->prefix, "Mcp-Session-Id: %s\r\n", self->session_id);
}

/* What a complete response tells the driver, whichever client read it. */
static void
http_response_done (HttpDriver *self,
                    gboolean    expects_answer,
                    gboolean    opening,     /* initialize or server/discover */
                    gboolean    is_initialize,
                    int         status,
                    gboolean    typed,       /* JSON or SSE */
                    guint       answers,
                    const char *session_id,
                    const char *body,
                    gsize       body_length)
{
  Bench *bench = self->parent.bench;

  if (expects_answer)
    {
      if (status != 200 && opening)
        {
          /* The server does not serve the era (the v1 SDK answers a
           * 2026-07-28 server/discover with 400). */
          g_autofree char *text = excerpt (body != NULL ? body : "", body != NULL ? body_length : 0);

          bench_fail (bench, "the server refused %s: HTTP %d %s", self->modern ? "server/discover" : "initialize",
                      status, text);
          bench->refused = TRUE;
          bench->done = TRUE;
        }
      else if (status != 200 || !typed)
        {
          g_autofree char *text = excerpt (body != NULL ? body : "", body != NULL ? body_length : 0);

          bench_fail (bench, "HTTP %d%s to a request: %s", status,
                      typed ? "" : " with neither JSON nor an event stream", text);
          /* Its answer will never come: no point waiting for it. */
          http_lost (self, "a request got no answer");
        }
      else if (answers == 0)
        {
          bench_fail (bench, "an HTTP response with no answer in it");
          http_lost (self, "a request got no answer");
        }
    }
  else if (status != 202)
    {
      g_autofree char *text = excerpt (body != NULL ? body : "", body != NULL ? body_length : 0);

      bench_fail (bench, "HTTP %d, not 202, to a notification or a response: %s", status, text);
    }

  if (is_initialize && status == 200 && !self->modern)
    {
      g_free (self->session_id);
      self->session_id = session_id != NULL && *session_id != '\0' ? g_strdup (session_id) : NULL;
      self->initialized = TRUE;
      http_build_prefix (self);
    }
}

/* --- libsoup ------------------------------------------------------------ */

typedef struct
{
  HttpDriver  *driver;
  SoupMessage *message;
  gboolean     expects_answer;
  gboolean     opening;
  gboolean     is_initialize;
  guint        answers;
} SoupCall;

static void
soup_call_answer (gpointer    user_data,
                  const char *data,
                  gsize       length)
{
  SoupCall *call = user_data;

  call->answers++;
  bench_message (call->driver->parent.bench, data, length, now_ns ());
}

static void
soup_call_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SoupCall *call = user_data;
  HttpDriver *self = call->driver;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  SoupMessageHeaders *headers;
  const char *type;
  const char *data = NULL;
  gsize length = 0;
  int status;
  gboolean sse, json;
  gint64 now = now_ns ();

  self->soup_in_flight--;
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *why = g_strdup_printf ("HTTP: %s", error->message);

          http_lost (self, why);
        }
      g_object_unref (call->message);
      g_free (call);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  status = (int)soup_message_get_status (call->message);
  headers = soup_message_get_response_headers (call->message);
  type = soup_message_headers_get_content_type (headers, NULL);
  sse = type != NULL && g_ascii_strcasecmp (type, "text/event-stream") == 0;
  json = type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;

  if (call->expects_answer && status == 200)
    {
      if (sse)
        {
          Sse events;

          /* An event the stream does not end with a blank line is
           * dropped, as SSE says, and the raw client does. */
          sse_init (&events);
          sse_feed (&events, data, length, soup_call_answer, call);
          sse_clear (&events);
        }
      else if (json)
        {
          call->answers++;
          bench_message (self->parent.bench, data, length, now);
        }
    }
  http_response_done (self, call->expects_answer, call->opening, call->is_initialize, status, sse || json,
                      call->answers,
                      soup_message_headers_get_one (headers, "Mcp-Session-Id"), data, length);
  g_object_unref (call->message);
  g_free (call);
  bench_batch (self->parent.bench, now);
}

static void
http_soup_post (HttpDriver     *self,
                const char     *line,
                gsize           length,
                const LineInfo *info)
{
  SoupCall *call = g_new0 (SoupCall, 1);
  SoupMessageHeaders *headers;
  g_autoptr(GBytes) body = g_bytes_new (line, length);

  call->driver = self;
  call->expects_answer = info->expects_answer;
  call->is_initialize = info->is_initialize;
  call->opening = info->opening;
  call->message = soup_message_new_from_uri (SOUP_METHOD_POST, self->uri);
  /* Else libsoup opens a new connection for every POST: it reuses idle
   * connections only for idempotent requests. */
  soup_message_add_flags (call->message, SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
  if (self->modern)
    {
      g_autofree char *method = g_strndup (info->method.start, span_length (info->method));

      soup_message_headers_append (headers, "MCP-Protocol-Version", MODERN_VERSION);
      if (span_is_set (info->method))
        soup_message_headers_append (headers, "Mcp-Method", method);
      if (span_is_set (info->name))
        {
          g_autoptr(GString) name = g_string_new (NULL);

          append_name_value (name, info->name);
          soup_message_headers_append (headers, "Mcp-Name", name->str);
        }
    }
  else if (self->initialized)
    soup_message_headers_append (headers, "MCP-Protocol-Version", LEGACY_VERSION);
  if (self->session_id != NULL)
    soup_message_headers_append (headers, "Mcp-Session-Id", self->session_id);
  soup_message_set_request_body_from_bytes (call->message, "application/json", body);

  self->soup_in_flight++;
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT, NULL,
                                    soup_call_done_cb, call);
}

/* --- our own client ----------------------------------------------------- */

static void http_conn_send_waiting (HttpDriver *self);

static void
http_conn_watch (HttpConn *conn,
                 gboolean  out)
{
  struct epoll_event event = { 0 };

  if (conn->watch_out == out)
    return;
  event.events = EPOLLIN | EPOLLRDHUP | (out ? EPOLLOUT : 0);
  event.data.ptr = conn;
  epoll_ctl (conn->driver->epoll_fd, EPOLL_CTL_MOD, conn->fd, &event);
  conn->watch_out = out;
}

static void
http_conn_free (HttpConn *conn)
{
  if (conn->fd >= 0)
    close (conn->fd);
  g_string_free (conn->out, TRUE);
  g_string_free (conn->body, TRUE);
  sse_clear (&conn->events);
  g_free (conn->in);
  g_free (conn);
}

static guint
conn_index (HttpDriver *self,
            HttpConn   *conn)
{
  guint index = 0;

  g_ptr_array_find (self->conns, conn, &index);
  return index;
}

static void
http_conn_drop (HttpConn *conn)
{
  HttpDriver *self = conn->driver;

  if (conn->state == CONN_CONNECTING)
    self->connecting--;
  g_ptr_array_remove (self->idle, conn);
  epoll_ctl (self->epoll_fd, EPOLL_CTL_DEL, conn->fd, NULL);
  close (conn->fd);
  conn->fd = -1;
  /* Freed after the epoll batch, so that a later event of the batch
   * cannot meet a new connection at the same address. */
  g_ptr_array_steal_index_fast (self->conns, conn_index (self, conn));
  g_ptr_array_add (self->dead, conn);
}

static HttpConn *
http_conn_open (HttpDriver *self)
{
  HttpConn *conn;
  struct epoll_event event = { 0 };
  int one = 1;
  int fd = socket (self->address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  if (fd < 0)
    {
      http_lost (self, "cannot make a socket");
      return NULL;
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, (struct sockaddr *)&self->address, self->address_length) < 0 && errno != EINPROGRESS)
    {
      g_autofree char *why = g_strdup_printf ("cannot connect to %s: %s", self->url, g_strerror (errno));

      close (fd);
      http_lost (self, why);
      return NULL;
    }

  conn = g_new0 (HttpConn, 1);
  conn->driver = self;
  conn->fd = fd;
  conn->state = CONN_CONNECTING;
  conn->out = g_string_sized_new (2048);
  conn->body = g_string_new (NULL);
  conn->in_size = 65536;
  conn->in = g_malloc (conn->in_size);
  sse_init (&conn->events);
  event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
  event.data.ptr = conn;
  conn->watch_out = TRUE;
  epoll_ctl (self->epoll_fd, EPOLL_CTL_ADD, fd, &event);
  g_ptr_array_add (self->conns, conn);
  self->connecting++;
  return conn;
}

static gboolean
http_conn_flush (HttpConn *conn)
{
  while (conn->out_offset < conn->out->len)
    {
      gssize n = write (conn->fd, conn->out->str + conn->out_offset, conn->out->len - conn->out_offset);

      if (n > 0)
        conn->out_offset += (gsize)n;
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        {
          http_conn_watch (conn, TRUE);
          return TRUE;
        }
      else
        {
          http_lost (conn->driver, "writing to the server failed");
          return FALSE;
        }
    }
  http_conn_watch (conn, FALSE);
  return TRUE;
}

static void
http_conn_post (HttpConn       *conn,
                const char     *line,
                gsize           length,
                const LineInfo *info)
{
  HttpDriver *self = conn->driver;
  GString *out = conn->out;
  char number[24];
  gsize digits;

  g_string_truncate (out, 0);
  g_string_append_len (out, self->prefix->str, (gssize)self->prefix->len);
  if (self->modern)
    {
      g_string_append_len (out, "Mcp-Method: ", 12);
      g_string_append_len (out, info->method.start, (gssize)span_length (info->method));
      g_string_append_len (out, "\r\n", 2);
      if (span_is_set (info->name))
        {
          g_string_append_len (out, "Mcp-Name: ", 10);
          append_name_value (out, info->name);
          g_string_append_len (out, "\r\n", 2);
        }
    }
  g_string_append_len (out, "Content-Length: ", 16);
  digits = format_int (number, (gint64)length);
  g_string_append_len (out, number, (gssize)digits);
  g_string_append_len (out, "\r\n\r\n", 4);
  g_string_append_len (out, line, (gssize)length);
  conn->out_offset = 0;

  conn->expects_answer = info->expects_answer;
  conn->is_initialize = info->is_initialize;
  conn->opening = info->opening;
  conn->answers = 0;
  conn->state = CONN_HEAD;
  conn->status = 0;
  conn->sse = conn->json = conn->close_after = FALSE;
  g_string_truncate (conn->body, 0);
  sse_reset (&conn->events);
  http_conn_flush (conn);
}

static void
http_conn_answer (gpointer    user_data,
                  const char *data,
                  gsize       length)
{
  HttpConn *conn = user_data;

  conn->answers++;
  bench_message (conn->driver->parent.bench, data, length, now_ns ());
}

/* Body bytes, in order, whatever the framing. */
static void
http_conn_body (HttpConn   *conn,
                const char *data,
                gsize       length)
{
  if (conn->status == 200 && conn->expects_answer && conn->sse)
    sse_feed (&conn->events, data, length, http_conn_answer, conn);
  else if (conn->status == 200 && conn->expects_answer && conn->json)
    g_string_append_len (conn->body, data, (gssize)length);
  else if (conn->body->len < 4096)
    g_string_append_len (conn->body, data, (gssize)MIN (length, 4096));
}

/* The response is complete. */
static void
http_conn_complete (HttpConn *conn,
                    gint64    now,
                    char     *session_id)
{
  HttpDriver *self = conn->driver;

  if (conn->status == 200 && conn->expects_answer && conn->json && conn->body->len > 0)
    {
      conn->answers++;
      bench_message (self->parent.bench, conn->body->str, conn->body->len, now);
    }
  http_response_done (self, conn->expects_answer, conn->opening, conn->is_initialize, conn->status,
                      conn->sse || conn->json, conn->answers, session_id, conn->body->str, conn->body->len);
  conn->state = CONN_IDLE;
  if (!conn->close_after)
    g_ptr_array_add (self->idle, conn);
}

/* Parses the status line and the headers in [head, end). */
static gboolean
http_conn_head (HttpConn    *conn,
                const char  *head,
                const char  *end,
                char       **session_id)
{
  const char *p = head;
  const char *line_end = memmem (p, (gsize)(end - p), "\r\n", 2);
  gboolean chunked = FALSE, have_length = FALSE;
  guint64 length = 0;

  if (line_end == NULL || line_end - p < 12 || memcmp (p, "HTTP/1.", 7) != 0 || p[8] != ' ' ||
      !g_ascii_isdigit (p[9]) || !g_ascii_isdigit (p[10]) || !g_ascii_isdigit (p[11]))
    return FALSE;
  conn->close_after = p[7] == '0';
  conn->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');

  for (p = line_end + 2; p < end; p = line_end + 2)
    {
      const char *colon, *value, *value_end;

      line_end = memmem (p, (gsize)(end - p), "\r\n", 2);
      if (line_end == NULL)
        line_end = end;
      colon = memchr (p, ':', (gsize)(line_end - p));
      if (colon == NULL)
        return FALSE;
      value = colon + 1;
      while (value < line_end && (*value == ' ' || *value == '\t'))
        value++;
      value_end = line_end;
      while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'))
        value_end--;

#define NAME_IS(s) (colon - p == sizeof (s) - 1 && g_ascii_strncasecmp (p, s, sizeof (s) - 1) == 0)
      if (NAME_IS ("Content-Length"))
        {
          gint64 value_length;

          if (!parse_int_span ((Span){ value, value_end }, &value_length) || value_length < 0)
            return FALSE;
          length = (guint64)value_length;
          have_length = TRUE;
        }
      else if (NAME_IS ("Transfer-Encoding"))
        chunked = g_strstr_len (value, value_end - value, "chunked") != NULL;
      else if (NAME_IS ("Content-Type"))
        {
          conn->sse = has_prefix_ascii_ci (value, (gsize)(value_end - value), "text/event-stream");
          conn->json = has_prefix_ascii_ci (value, (gsize)(value_end - value), "application/json");
        }
      else if (NAME_IS ("Connection"))
        {
          if (value_end - value == 5 && g_ascii_strncasecmp (value, "close", 5) == 0)
            conn->close_after = TRUE;
        }
      else if (NAME_IS ("Mcp-Session-Id") && conn->is_initialize)
        {
          g_free (*session_id);
          *session_id = g_strndup (value, (gsize)(value_end - value));
        }
#undef NAME_IS
    }

  if (conn->status == 204 || conn->status == 304 || conn->status < 200)
    conn->state = CONN_IDLE, conn->remaining = 0;
  else if (chunked)
    conn->state = CONN_CHUNK_SIZE;
  else if (have_length)
    conn->state = CONN_BODY_LENGTH, conn->remaining = length;
  else
    conn->state = CONN_BODY_CLOSE, conn->close_after = TRUE;
  return TRUE;
}

/* Parses what has been read; FALSE when the server broke the protocol. */
static gboolean
http_conn_parse (HttpConn *conn,
                 gint64    now)
{
  g_autofree char *session_id = NULL;

  for (;;)
    {
      char *p = conn->in + conn->pos;
      gsize available = conn->in_length - conn->pos;
      const char *eol;

      switch (conn->state)
        {
        case CONN_CONNECTING:
        case CONN_IDLE:
          if (available > 0)
            {
              bench_fail (conn->driver->parent.bench, "the server sent bytes no request asked for");
              return FALSE;
            }
          goto more;

        case CONN_HEAD:
          {
            const char *head_end = memmem (p, available, "\r\n\r\n", 4);

            if (head_end == NULL)
              {
                if (available > 65536)
                  return FALSE;
                goto more;
              }
            if (!http_conn_head (conn, p, head_end, &session_id))
              {
                bench_fail (conn->driver->parent.bench, "not an HTTP/1.1 response head");
                return FALSE;
              }
            conn->pos += (gsize)(head_end + 4 - p);
            if (conn->state == CONN_IDLE)
              {
                conn->state = CONN_HEAD;
                http_conn_complete (conn, now, session_id);
              }
            else if (conn->state == CONN_BODY_LENGTH && conn->remaining == 0)
              http_conn_complete (conn, now, session_id);
            continue;
          }

        case CONN_BODY_LENGTH:
          if (conn->json && conn->status == 200 && conn->expects_answer && conn->body->len == 0 &&
              available >= conn->remaining)
            {
              /* The common case: the whole JSON body is here, read it in place. */
              conn->answers++;
              bench_message (conn->driver->parent.bench, p, conn->remaining, now);
              conn->pos += conn->remaining;
              conn->remaining = 0;
              http_conn_complete (conn, now, session_id);
              continue;
            }
          if (conn->json && conn->status == 200 && conn->expects_answer && available < conn->remaining)
            goto more;   /* wait for the rest, then read it in place */
          {
            gsize n = (gsize)MIN ((guint64)available, conn->remaining);

            http_conn_body (conn, p, n);
            conn->pos += n;
            conn->remaining -= n;
            if (conn->remaining > 0)
              goto more;
            http_conn_complete (conn, now, session_id);
            continue;
          }

        case CONN_CHUNK_SIZE:
          {
            guint64 size = 0;
            const char *q;

            eol = memmem (p, available, "\r\n", 2);
            if (eol == NULL)
              {
                if (available > 1024)
                  return FALSE;
                goto more;
              }
            for (q = p; q < eol && g_ascii_isxdigit (*q); q++)
              {
                if (size > G_MAXUINT32)
                  return FALSE;
                size = size * 16 + (guint64)g_ascii_xdigit_value (*q);
              }
            if (q == p)
              return FALSE;
            conn->pos += (gsize)(eol + 2 - p);
            conn->remaining = size;
            conn->state = size == 0 ? CONN_TRAILER : CONN_CHUNK_DATA;
            continue;
          }

        case CONN_CHUNK_DATA:
          {
            gsize n = (gsize)MIN ((guint64)available, conn->remaining);

            if (n == 0)
              goto more;
            http_conn_body (conn, p, n);
            conn->pos += n;
            conn->remaining -= n;
            if (conn->remaining == 0)
              conn->state = CONN_CHUNK_CRLF;
            continue;
          }

        case CONN_CHUNK_CRLF:
          if (available < 2)
            goto more;
          if (p[0] != '\r' || p[1] != '\n')
            return FALSE;
          conn->pos += 2;
          conn->state = CONN_CHUNK_SIZE;
          continue;

        case CONN_TRAILER:
          eol = memmem (p, available, "\r\n", 2);
          if (eol == NULL)
            goto more;
          conn->pos += (gsize)(eol + 2 - p);
          if (eol == p)
            http_conn_complete (conn, now, session_id);
          continue;

        case CONN_BODY_CLOSE:
        default:
          if (available > 0)
            http_conn_body (conn, p, available);
          conn->pos += available;
          goto more;
        }
    }

more:
  if (conn->pos > 0)
    {
      memmove (conn->in, conn->in + conn->pos, conn->in_length - conn->pos);
      conn->in_length -= conn->pos;
      conn->pos = 0;
    }
  return TRUE;
}

/* Reads what the connection has; FALSE when it is gone. */
static gboolean
http_conn_read (HttpConn *conn,
                gboolean *eof)
{
  *eof = FALSE;
  for (;;)
    {
      gssize n;

      if (conn->in_size - conn->in_length < 16384)
        {
          conn->in_size *= 2;
          conn->in = g_realloc (conn->in, conn->in_size);
        }
      n = read (conn->fd, conn->in + conn->in_length, conn->in_size - conn->in_length);
      if (n > 0)
        {
          gboolean full = (gsize)n == conn->in_size - conn->in_length;

          conn->in_length += (gsize)n;
          /* A short read took everything there was: no second read()
           * just to hear EAGAIN (the end of the stream comes as an
           * event of its own). */
          if (!full)
            return TRUE;
          continue;
        }
      if (n == 0)
        *eof = TRUE;
      else if (errno == EINTR)
        continue;
      else if (errno != EAGAIN)
        *eof = TRUE;
      return TRUE;
    }
}

static void
http_conn_ready (HttpConn *conn,
                 guint32   events)
{
  HttpDriver *self = conn->driver;
  gboolean eof = FALSE;
  gboolean was_idle;

  if (conn->state == CONN_CONNECTING)
    {
      int error = 0;
      socklen_t length = sizeof error;

      if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
        return;
      getsockopt (conn->fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error != 0)
        {
          g_autofree char *why = g_strdup_printf ("cannot connect to %s: %s", self->url, g_strerror (error));

          http_conn_drop (conn);
          http_lost (self, why);
          return;
        }
      self->connecting--;
      conn->state = CONN_IDLE;
      http_conn_watch (conn, FALSE);
      g_ptr_array_add (self->idle, conn);
      http_conn_send_waiting (self);
      return;
    }

  if ((events & EPOLLOUT) && conn->out_offset < conn->out->len)
    if (!http_conn_flush (conn))
      return;
  if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
    return;

  was_idle = conn->state == CONN_IDLE;
  http_conn_read (conn, &eof);
  if (!http_conn_parse (conn, now_ns ()))
    {
      http_conn_drop (conn);
      http_lost (self, "the server broke the HTTP protocol");
      return;
    }
  if (eof)
    {
      if (conn->state == CONN_BODY_CLOSE)
        {
          http_conn_complete (conn, now_ns (), NULL);
          http_conn_drop (conn);
        }
      else if (conn->state == CONN_IDLE)
        {
          /* The server closed a connection with nothing outstanding (an
           * idle keep-alive timeout, or after a Connection: close). */
          http_conn_drop (conn);
        }
      else
        {
          http_conn_drop (conn);
          http_lost (self, was_idle ? "the server closed an idle connection"
                                    : "the server closed a connection with a request outstanding");
        }
      return;
    }
  if (conn->state == CONN_IDLE && conn->close_after)
    http_conn_drop (conn);
}

static gboolean
http_epoll_cb (int          fd,
               GIOCondition condition,
               gpointer     user_data)
{
  HttpDriver *self = user_data;
  struct epoll_event events[256];
  int n = epoll_wait (fd, events, G_N_ELEMENTS (events), 0);

  for (int i = 0; i < n; i++)
    {
      HttpConn *conn = events[i].data.ptr;

      /* A connection dropped by an earlier event of this batch waits in
       * dead until the batch is over. */
      if (conn->fd < 0)
        continue;
      http_conn_ready (conn, events[i].events);
      if (self->parent.closed)
        break;
    }
  g_ptr_array_set_size (self->dead, 0);
  if (self->parent.closed)
    return G_SOURCE_CONTINUE;
  if (n > 0)
    {
      http_conn_send_waiting (self);
      bench_batch (self->parent.bench, now_ns ());
    }
  return G_SOURCE_CONTINUE;
}

static void
http_raw_post (HttpDriver     *self,
               const char     *line,
               gsize           length,
               const LineInfo *info)
{
  HttpConn *conn = NULL;

  if (self->waiting.length == 0 && self->idle->len > 0)
    conn = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  if (conn != NULL)
    {
      http_conn_post (conn, line, length, info);
      return;
    }
  /* No connection free: the line waits, and a connection is opened when
   * no other is on its way. */
  g_queue_push_tail (&self->waiting, g_bytes_new (line, length));
  if (self->connecting < self->waiting.length && self->conns->len < 4096)
    http_conn_open (self);
}

static void
http_conn_send_waiting (HttpDriver *self)
{
  while (self->waiting.length > 0 && self->idle->len > 0 && !self->parent.closed)
    {
      HttpConn *conn = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
      g_autoptr(GBytes) bytes = g_queue_pop_head (&self->waiting);
      gsize length;
      const char *line = g_bytes_get_data (bytes, &length);
      LineInfo info;

      if (classify_line (self->parent.bench, line, length, &info))
        http_conn_post (conn, line, length, &info);
      else
        g_ptr_array_add (self->idle, conn);
    }
}

/* --- the driver --------------------------------------------------------- */

static gboolean
http_drain_cb (int          fd,
               GIOCondition condition,
               gpointer     user_data)
{
  HttpDriver *self = user_data;
  char buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n > 0)
    {
      if (!self->quiet)
        fwrite (buffer, 1, (gsize)n, stderr);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  self->drain_id = 0;
  if (self->process != NULL)
    http_lost (self, "the server closed its standard output (did it exit?)");
  return G_SOURCE_REMOVE;
}

/* The first line of the server's standard output: its URL. */
static char *
read_url_line (int      fd,
               double   timeout,
               GError **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 deadline = now_ns () + seconds_to_ns (timeout);

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      gint64 left = deadline - now_ns ();
      char c;
      gssize n;

      if (left <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the server printed no URL within %.0f s", timeout);
          return NULL;
        }
      if (poll (&pfd, 1, (int)MIN (left / 1000000 + 1, G_MAXINT)) < 0 && errno != EINTR)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "poll: %s", g_strerror (errno));
          return NULL;
        }
      /* One byte at a time: what follows the line is the drain's. */
      n = read (fd, &c, 1);
      if (n == 1)
        {
          if (c == '\n')
            return g_strstrip (g_string_free (g_steal_pointer (&line), FALSE));
          g_string_append_c (line, c);
          if (line->len > 4096)
            break;
          continue;
        }
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      break;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the server exited before printing its URL");
  return NULL;
}

static gboolean
http_start (Driver  *driver,
            GError **error)
{
  HttpDriver *self = (HttpDriver *)driver;
  g_autofree char *port_text = NULL;
  g_autofree char *host = NULL;
  struct addrinfo hints = { 0 }, *found = NULL;
  int port;
  int status;

  if (self->spawn)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
      int out_fd;

      if (self->quiet)
        flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
      launcher = g_subprocess_launcher_new (flags);
      self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)self->argv, error);
      if (self->process == NULL)
        return FALSE;
      self->pid = atoi (g_subprocess_get_identifier (self->process));
      out_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (self->process)));
      self->url = read_url_line (out_fd, self->timeout, error);
      if (self->url == NULL)
        return FALSE;
      if (!g_unix_set_fd_nonblocking (out_fd, TRUE, error))
        return FALSE;
      self->drain_id = fd_watch (out_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, http_drain_cb, self);
    }

  self->uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, error);
  if (self->uri == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (self->uri), "http") != 0 || g_uri_get_host (self->uri) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an http:// URL: %s", self->url);
      return FALSE;
    }
  host = g_strdup (g_uri_get_host (self->uri));
  port = g_uri_get_port (self->uri) > 0 ? g_uri_get_port (self->uri) : 80;
  self->host_header = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%d", host, port)
                                                 : g_strdup_printf ("%s:%d", host, port);
  self->request_target = g_strdup_printf ("%s%s%s", *g_uri_get_path (self->uri) ? g_uri_get_path (self->uri) : "/",
                                          g_uri_get_query (self->uri) ? "?" : "",
                                          g_uri_get_query (self->uri) ? g_uri_get_query (self->uri) : "");
  port_text = g_strdup_printf ("%d", port);
  hints.ai_socktype = SOCK_STREAM;
  status = getaddrinfo (host, port_text, &hints, &found);
  if (status != 0 || found == NULL || found->ai_addrlen > sizeof self->address)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cannot resolve %s: %s", host, gai_strerror (status));
      if (found != NULL)
        freeaddrinfo (found);
      return FALSE;
    }
  memcpy (&self->address, found->ai_addr, found->ai_addrlen);
  self->address_length = found->ai_addrlen;
  freeaddrinfo (found);

  http_build_prefix (self);
  self->session = soup_session_new_with_options ("max-conns", 8192, "max-conns-per-host", 8192,
                                                 "timeout", (guint)MAX (self->timeout, 1), NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  /* Loopback needs no proxy, and asking the system's resolver costs a
   * thread (and libproxy's C++ under a C program's AddressSanitizer). */
  soup_session_set_proxy_resolver (self->session, NULL);
  self->epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (self->epoll_fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "epoll: %s", g_strerror (errno));
      return FALSE;
    }
  self->epoll_id = fd_watch (self->epoll_fd, G_IO_IN, http_epoll_cb, self);
  return TRUE;
}

static void
http_send (Driver     *driver,
           const char *data,
           gsize       length)
{
  HttpDriver *self = (HttpDriver *)driver;
  const char *end = data + length;

  while (data < end && !driver->closed)
    {
      const char *newline = memchr (data, '\n', (gsize)(end - data));
      const char *line_end = newline != NULL ? newline : end;
      LineInfo info;

      if (line_end > data && classify_line (driver->bench, data, (gsize)(line_end - data), &info))
        {
          if (self->use_soup)
            http_soup_post (self, data, (gsize)(line_end - data), &info);
          else
            http_raw_post (self, data, (gsize)(line_end - data), &info);
        }
      data = line_end + 1;
    }
}

/* A timer that only wakes the main context up, so that loops that
 * iterate it see their deadlines. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* After the handshake: wait until libsoup has nothing in flight (the 202
 * of notifications/initialized), then let the load go through the chosen
 * client. */
static void
http_ready (Driver *driver)
{
  HttpDriver *self = (HttpDriver *)driver;
  gint64 deadline = now_ns () + seconds_to_ns (self->timeout);
  guint tick = g_timeout_add (100, tick_cb, NULL);

  while (self->soup_in_flight > 0 && !driver->closed && now_ns () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (self->soup_in_flight > 0)
    bench_fail (driver->bench, "no answer to a POST of the handshake within %.0f s", self->timeout);
  self->use_soup = self->load_soup;
}

/* Before a window of n requests outstanding: n connections, established. */
static void
http_prepare (Driver *driver,
              guint   n)
{
  HttpDriver *self = (HttpDriver *)driver;
  gint64 deadline = now_ns () + seconds_to_ns (self->timeout);

  guint tick;

  if (self->use_soup)
    return;
  while (self->conns->len < n && !driver->closed)
    http_conn_open (self);
  tick = g_timeout_add (100, tick_cb, NULL);
  while (self->connecting > 0 && !driver->closed && now_ns () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (self->connecting > 0)
    http_lost (self, "connections to the server were not established in time");
}

static int
http_get_pid (Driver *driver)
{
  return ((HttpDriver *)driver)->pid;
}

static void
http_stop (Driver *driver)
{
  HttpDriver *self = (HttpDriver *)driver;
  ServerExit server_exit = { FALSE, 0 };

  driver->closed = TRUE;
  g_clear_handle_id (&self->epoll_id, g_source_remove);
  if (self->conns != NULL)
    g_ptr_array_set_size (self->conns, 0);
  if (self->dead != NULL)
    g_ptr_array_set_size (self->dead, 0);
  if (self->idle != NULL)
    g_ptr_array_set_size (self->idle, 0);
  g_queue_clear_full (&self->waiting, (GDestroyNotify)g_bytes_unref);
  if (self->session != NULL)
    {
      gint64 deadline = now_ns () + seconds_to_ns (5);
      guint tick;

      /* Let the cancelled calls finish: their callbacks use the driver.
       * The tick bounds each iteration, so that the deadline is seen. */
      soup_session_abort (self->session);
      tick = g_timeout_add (50, tick_cb, NULL);
      while (self->soup_in_flight > 0 && now_ns () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
    }
  g_clear_handle_id (&self->drain_id, g_source_remove);
  if (self->process == NULL)
    return;

  /* --timeout bounds the wait: a server under valgrind takes a while to
   * write its profile. */
  server_exit.sent = SIGTERM;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait_async (self->process, NULL, server_wait_cb, &server_exit);
  if (!iterate_until (&server_exit.exited, now_ns () + seconds_to_ns (self->timeout)))
    {
      server_exit.sent = SIGKILL;
      g_subprocess_force_exit (self->process);
      iterate_until (&server_exit.exited, now_ns () + 5 * G_GINT64_CONSTANT (1000000000));
    }
  g_clear_object (&self->process);
}

static void
http_free (Driver *driver)
{
  HttpDriver *self = (HttpDriver *)driver;

  http_stop (driver);
  if (self->soup_in_flight > 0)
    {
      /* A callback would find it freed: better leak it. */
      g_warning ("mcp-bench: %u HTTP requests would not finish; leaking their driver", self->soup_in_flight);
      return;
    }
  g_clear_object (&self->session);
  if (self->epoll_fd >= 0)
    close (self->epoll_fd);
  g_ptr_array_unref (self->conns);
  g_ptr_array_unref (self->idle);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_free (self->url);
  g_free (self->request_target);
  g_free (self->host_header);
  g_free (self->session_id);
  g_string_free (self->prefix, TRUE);
  g_ptr_array_unref (self->dead);
  g_free (self);
}

static const DriverClass http_driver_class = {
  "http",
  http_start,
  http_send,
  http_get_pid,
  http_stop,
  http_free,
  http_ready,
  http_prepare,
};

static Driver *
http_driver_new (Bench         *bench,
                 const Options *options)
{
  HttpDriver *self = g_new0 (HttpDriver, 1);

  self->parent.klass = &http_driver_class;
  self->parent.bench = bench;
  self->argv = options->command;
  self->quiet = options->quiet_server;
  self->spawn = options->url == NULL;
  self->url = g_strdup (options->url);
  self->pid = options->url != NULL ? options->server_pid : 0;
  self->modern = options->era == ERA_MODERN;
  self->timeout = options->timeout;
  self->load_soup = g_strcmp0 (options->http_client, "soup") == 0;
  self->use_soup = TRUE;
  self->prefix = g_string_new (NULL);
  self->dead = g_ptr_array_new_with_free_func ((GDestroyNotify)http_conn_free);
  self->epoll_fd = -1;
  self->conns = g_ptr_array_new_with_free_func ((GDestroyNotify)http_conn_free);
  self->idle = g_ptr_array_new ();
  g_queue_init (&self->waiting);
  return (Driver *)self;
}

/* JSON output, one object per line, written by hand so that numbers keep
 * the few decimals they have. */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char)c);
    }
  g_string_append_c (out, '"');
}

static void
record_string (GString    *record,
               const char *name,
               const char *value)
{
  g_string_append_printf (record, ",\"%s\":", name);
  append_json_string (record, value);
}

static GString *
record_begin (Bench      *self,
              const char *bench)
{
  GString *record = g_string_new ("{\"bench\":");

  append_json_string (record, bench);
  record_string (record, "server", self->options->label);
  record_string (record, "era", era_name (self->options->era));
  if (self->options->variant != NULL)
    record_string (record, "variant", self->options->variant);
  return record;
}

static void
record_int (GString    *record,
            const char *name,
            gint64      value)
{
  g_string_append_printf (record, ",\"%s\":%" G_GINT64_FORMAT, name, value);
}

static void
record_bool (GString    *record,
             const char *name,
             gboolean    value)
{
  g_string_append_printf (record, ",\"%s\":%s", name, value ? "true" : "false");
}

static void
record_double (GString    *record,
               const char *name,
               double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  g_ascii_formatd (text, sizeof text, "%.3f", value);
  g_string_append_printf (record, ",\"%s\":%s", name, text);
}

static void
record_end (Bench   *self,
            GString *record,
            gboolean ok)
{
  record_bool (record, "ok", ok);
  record_int (record, "failures", (gint64)self->failures);
  if (self->failure != NULL)
    record_string (record, "error", self->failure);
  g_string_append (record, "}\n");
  fputs (record->str, self->json);
  fflush (self->json);
  g_string_free (record, TRUE);
}

static void
add_row (Bench      *self,
         const char *name,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
add_row (Bench      *self,
         const char *name,
         const char *format,
         ...)
{
  Row *row = g_new0 (Row, 1);
  va_list args;

  va_start (args, format);
  row->name = g_strdup (name);
  row->value = g_strdup_vprintf (format, args);
  va_end (args);
  if (self->failure != NULL)
    {
      char *value = g_strdup_printf ("%s  FAILED: %s (%" G_GUINT64_FORMAT " failures)",
                                     row->value, self->failure, self->failures);

      g_free (row->value);
      row->value = value;
    }
  g_ptr_array_add (self->rows, row);
}

static void
reset_failures (Bench *self)
{
  self->failures = 0;
  g_clear_pointer (&self->failure, g_free);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* Sorts values and gives the p-th percentile (nearest rank). */
static gint64
percentile (gint64   *values,
            gsize     n,
            double    p,
            gboolean  sort)
{
  gsize rank;

  if (n == 0)
    return 0;
  if (sort)
    qsort (values, n, sizeof *values, compare_gint64);
  rank = (gsize)(p / 100.0 * (double)n + 0.999999);
  if (rank < 1)
    rank = 1;
  if (rank > n)
    rank = n;
  return values[rank - 1];
}

/* ------------------------------------------------------------------------ */
/* Full checks of one answer, with json-glib */

static JsonObject *
parse_result (Bench      *self,
              const char *line,
              gsize       length,
              JsonNode  **root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *message;
  JsonNode *result;

  if (!json_parser_load_from_data (parser, line, (gssize)length, &error))
    {
      bench_fail (self, "json-glib cannot parse an answer: %s", error->message);
      return NULL;
    }
  *root = json_node_ref (json_parser_get_root (parser));
  if (!JSON_NODE_HOLDS_OBJECT (*root))
    {
      bench_fail (self, "an answer is not an object");
      return NULL;
    }
  message = json_node_get_object (*root);
  if (g_strcmp0 (json_object_get_string_member_with_default (message, "jsonrpc", ""), "2.0") != 0)
    {
      bench_fail (self, "an answer lacks \"jsonrpc\":\"2.0\"");
      return NULL;
    }
  result = json_object_get_member (message, "result");
  if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
    {
      g_autofree char *text = excerpt (line, length);

      bench_fail (self, "not a result: %s", text);
      return NULL;
    }
  return json_node_get_object (result);
}

/* What every 2026-07-28 result carries. */
static gboolean
check_modern_result (Bench      *self,
                     JsonObject *result,
                     const char *result_type)
{
  JsonNode *meta;
  JsonNode *info;

  if (g_strcmp0 (json_object_get_string_member_with_default (result, "resultType", ""), result_type) != 0)
    {
      bench_fail (self, "a 2026-07-28 result without \"resultType\":\"%s\"", result_type);
      return FALSE;
    }
  meta = json_object_get_member (result, "_meta");
  info = meta != NULL && JSON_NODE_HOLDS_OBJECT (meta)
         ? json_object_get_member (json_node_get_object (meta), "io.modelcontextprotocol/serverInfo")
         : NULL;
  if (info == NULL || !JSON_NODE_HOLDS_OBJECT (info) ||
      json_object_get_string_member_with_default (json_node_get_object (info), "name", NULL) == NULL)
    {
      bench_fail (self, "a 2026-07-28 result without serverInfo in its _meta");
      return FALSE;
    }
  return TRUE;
}

/* A CallToolResult whose first content block is the text expected. */
static gboolean
check_text_result (Bench      *self,
                   const char *line,
                   gsize       length,
                   const char *expected)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result = parse_result (self, line, length, &root);
  JsonNode *content;
  JsonArray *blocks;
  JsonNode *first;
  JsonObject *block;

  if (result == NULL)
    return FALSE;
  if (json_object_get_boolean_member_with_default (result, "isError", FALSE))
    {
      bench_fail (self, "the tool failed");
      return FALSE;
    }
  content = json_object_get_member (result, "content");
  if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
    {
      bench_fail (self, "a tool result without content");
      return FALSE;
    }
  blocks = json_node_get_array (content);
  first = json_array_get_length (blocks) > 0 ? json_array_get_element (blocks, 0) : NULL;
  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    {
      bench_fail (self, "a tool result with no content block");
      return FALSE;
    }
  block = json_node_get_object (first);
  if (g_strcmp0 (json_object_get_string_member_with_default (block, "type", ""), "text") != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (block, "text", ""), expected) != 0)
    {
      bench_fail (self, "the tool answered %s, not \"%s\"",
                  json_object_get_string_member_with_default (block, "text", "(no text)"), expected);
      return FALSE;
    }
  if (self->options->era == ERA_MODERN && !check_modern_result (self, result, "complete"))
    return FALSE;
  return TRUE;
}

/* --tasks: a CreateTaskResult, the handle of a task the call became (its
 * result comes with tasks/get, which the bench does not ask for). */
static gboolean
check_task_handle (Bench      *self,
                   const char *line,
                   gsize       length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result = parse_result (self, line, length, &root);

  if (result == NULL)
    return FALSE;
  if (!check_modern_result (self, result, "task"))
    return FALSE;
  if (*json_object_get_string_member_with_default (result, "taskId", "") == '\0' ||
      *json_object_get_string_member_with_default (result, "status", "") == '\0')
    {
      g_autofree char *text = excerpt (line, length);

      bench_fail (self, "a task handle without taskId or status: %s", text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check_task_handle (Bench      *self,
                         const char *line,
                         gsize       length,
                         Scan       *scan)
{
  if (!span_is_set (scan->result) || !SPAN_CONTAINS (scan->result, "\"resultType\":\"task\"") ||
      !SPAN_CONTAINS (scan->result, "\"taskId\":\""))
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "not the handle of a task: %s", copy);
      return FALSE;
    }
  return TRUE;
}

/* The fast check of a tool result, for every answer: a result, not an
 * error, not isError, complete in 2026-07-28; and its first text is
 * expected (when not NULL). */
static gboolean
quick_check_result (Bench      *self,
                    const char *line,
                    gsize       length,
                    Scan       *scan,
                    const char *expected,
                    gsize       expected_length)
{
  const char *text;

  if (!span_is_set (scan->result))
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "an error instead of a result: %s", copy);
      return FALSE;
    }
  if (SPAN_CONTAINS (scan->result, "\"isError\":true"))
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "the tool failed: %s", copy);
      return FALSE;
    }
  if (self->options->era == ERA_MODERN && !SPAN_CONTAINS (scan->result, "\"resultType\":\"complete\""))
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "a 2026-07-28 result that is not complete: %s", copy);
      return FALSE;
    }
  if (expected == NULL)
    return TRUE;

  text = memmem (scan->result.start, span_length (scan->result), "\"text\":\"", 8);
  if (text == NULL || (gsize)(scan->result.end - (text + 8)) < expected_length + 1 ||
      memcmp (text + 8, expected, expected_length) != 0 || text[8 + expected_length] != '"')
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "wrong answer (expected %.*s): %s", (int)expected_length, expected, copy);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Connecting: initialize or server/discover */

typedef struct
{
  gint64   id;
  gint64   answered_ns;
  gboolean unsupported;
} Connect;

static void
connect_message (Bench      *self,
                 const char *line,
                 gsize       length,
                 gint64      now,
                 Scan       *scan)
{
  Connect *connect = self->phase_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;

  if (span_is_set (scan->method))
    {
      bench_reply_not_found (self, scan->id_raw);
      return;
    }
  if (!scan->id_is_int || scan->id != connect->id)
    {
      bench_fail (self, "an answer with an id we did not send");
      return;
    }
  connect->answered_ns = now;
  self->done = TRUE;

  if (span_is_set (scan->error))
    {
      g_autofree char *copy = excerpt (line, length);

      connect->unsupported = TRUE;
      bench_fail (self, "the server refused %s: %s",
                  self->options->era == ERA_MODERN ? "server/discover" : "initialize", copy);
      return;
    }

  result = parse_result (self, line, length, &root);
  if (result == NULL)
    return;

  if (self->options->era == ERA_MODERN)
    {
      JsonNode *versions = json_object_get_member (result, "supportedVersions");
      gboolean found = FALSE;

      if (versions != NULL && JSON_NODE_HOLDS_ARRAY (versions))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (versions)); i++)
          {
            JsonNode *version = json_array_get_element (json_node_get_array (versions), i);

            if (JSON_NODE_HOLDS_VALUE (version) && json_node_get_value_type (version) == G_TYPE_STRING &&
                g_strcmp0 (json_node_get_string (version), MODERN_VERSION) == 0)
              found = TRUE;
          }
      if (!found)
        {
          connect->unsupported = TRUE;
          bench_fail (self, "server/discover does not offer " MODERN_VERSION);
          return;
        }
      check_modern_result (self, result, "complete");
    }
  else
    {
      if (json_object_get_string_member_with_default (result, "protocolVersion", NULL) == NULL ||
          !json_object_has_member (result, "serverInfo"))
        bench_fail (self, "not an InitializeResult");
    }
}

static const Phase connect_phase = { connect_message, NULL };

/* Spawns the server and opens the connection. started_ns, when given, is
 * set to when the spawn started, answered_ns to when the first answer
 * arrived. */
static gboolean
bench_connect (Bench    *self,
               gint64   *started_ns,
               gint64   *answered_ns,
               gboolean *unsupported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) request = g_string_new (NULL);
  Connect connect = { 0 };
  gint64 start;

  *unsupported = FALSE;
  connect.id = self->next_id++;
  if (self->options->era == ERA_MODERN)
    g_string_append_printf (request,
                            "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"method\":\"server/discover\","
                            "\"params\":{%s}}\n",
                            connect.id, self->meta_elicit->str + 1);
  else
    g_string_append_printf (request,
                            "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"method\":\"initialize\","
                            "\"params\":{\"protocolVersion\":\"" LEGACY_VERSION "\","
                            "\"capabilities\":" ELICIT_CAPABILITIES ","
                            "\"clientInfo\":{\"name\":\"mcp-bench\",\"version\":\"0.1.0\"}}}\n",
                            connect.id);

  if (bench_is_http (self))
    self->driver = http_driver_new (self, self->options);
  else
    self->driver = stdio_driver_new (self, self->options->command, self->options->quiet_server);
  bench_set_phase (self, &connect_phase, &connect);

  start = now_ns ();
  if (!self->driver->klass->start (self->driver, &error))
    {
      bench_fail (self, "cannot start the server: %s", error->message);
      return FALSE;
    }
  bench_send (self, request->str, request->len);
  bench_wait (self, start + seconds_to_ns (self->options->timeout));
  bench_set_phase (self, NULL, NULL);

  if (!self->done)
    {
      bench_fail (self, "no answer to %s within %.0f s",
                  self->options->era == ERA_MODERN ? "server/discover" : "initialize",
                  self->options->timeout);
      return FALSE;
    }
  *unsupported = connect.unsupported || self->refused;
  self->unsupported |= *unsupported;
  self->refused = FALSE;
  if (self->failure != NULL)
    return FALSE;

  if (self->options->era == ERA_LEGACY)
    {
      static const char initialized[] = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

      bench_send (self, initialized, sizeof initialized - 1);
    }
  if (self->driver->klass->ready != NULL)
    self->driver->klass->ready (self->driver);
  if (self->failure != NULL)
    return FALSE;

  if (started_ns != NULL)
    *started_ns = start;
  if (answered_ns != NULL)
    *answered_ns = connect.answered_ns;
  return TRUE;
}

static void
bench_disconnect (Bench *self)
{
  if (self->driver == NULL)
    return;
  self->driver->klass->free (self->driver);
  self->driver = NULL;
}

static int
bench_pid (Bench *self)
{
  return self->driver != NULL ? self->driver->klass->get_pid (self->driver) : -1;
}

/* Connects for a measurement; on failure writes a record saying why. */
static gboolean
bench_connect_for (Bench      *self,
                   const char *bench)
{
  gboolean unsupported;

  reset_failures (self);
  if (bench_connect (self, NULL, NULL, &unsupported))
    return TRUE;

  {
    GString *builder = record_begin (self, bench);

    record_bool (builder, "supported", !unsupported);
    record_end (self, builder, FALSE);
    add_row (self, bench, "could not connect");
  }
  bench_disconnect (self);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* startup */

static gboolean
run_startup (Bench *self)
{
  g_autofree gint64 *times = g_new0 (gint64, self->options->startup_runs);
  g_autofree gint64 *hwms = g_new0 (gint64, self->options->startup_runs);
  GString *builder;
  int runs = 0;

  reset_failures (self);
  for (int i = 0; i < self->options->startup_runs; i++)
    {
      gint64 started = 0, answered = 0, hwm;
      gboolean unsupported;

      if (!bench_connect (self, &started, &answered, &unsupported))
        {
          builder = record_begin (self, "startup");
          record_bool (builder, "supported", !unsupported);
          record_end (self, builder, FALSE);
          add_row (self, "startup", "could not connect");
          bench_disconnect (self);
          return FALSE;
        }
      read_memory (bench_pid (self), &hwm, NULL);
      times[runs] = answered - started;
      hwms[runs] = hwm;
      runs++;
      bench_disconnect (self);
    }

  builder = record_begin (self, "startup");
  record_int (builder, "runs", runs);
  record_double (builder, "median_ms", (double)percentile (times, (gsize)runs, 50, TRUE) / 1e6);
  record_double (builder, "min_ms", (double)times[0] / 1e6);
  record_double (builder, "max_ms", (double)times[runs - 1] / 1e6);
  record_int (builder, "idle_hwm_kb", percentile (hwms, (gsize)runs, 50, TRUE));
  record_end (self, builder, self->failure == NULL);
  add_row (self, "startup (spawn → first answer)", "median %.1f ms, min %.1f ms (%d runs), idle peak RSS %.1f MB",
           (double)percentile (times, (gsize)runs, 50, FALSE) / 1e6, (double)times[0] / 1e6, runs,
           (double)percentile (hwms, (gsize)runs, 50, FALSE) / 1024.0);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* add, pipelined */

typedef struct
{
  guint     window;
  guint64   limit;
  gint64    stop_ns;
  gint64    base_id;
  guint64   sent;
  guint64   answered;
  guint64   outstanding;
  gint64   *sent_ns;
  gint64   *latencies;
  gint64    first_ns;
  gint64    last_ns;
  gboolean  stopping;
  gboolean  checked_first;
} AddRun;

static void
build_add_templates (Bench *self)
{
  /* --tasks: the calls declare the tasks extension, so that add (a tool
   * that may become a task) answers with a task handle. */
  const char *meta = self->options->tasks ? "," ENVELOPE_PREFIX TASKS_CAPABILITIES "}" : self->meta->str;

  self->add_text = g_string_sized_new (N_TEMPLATES * 400);
  for (guint i = 0; i < N_TEMPLATES; i++)
    {
      /* Arguments of both signs and of different lengths. */
      gint64 a = (gint64)((i * G_GUINT64_CONSTANT (2654435761)) % 2000001) - 1000000;
      gint64 b = (gint64)((i * G_GUINT64_CONSTANT (40503) + 7) % 200003) - 1000;

      self->add_offsets[i] = (guint32)self->add_text->len;
      self->add_sums[i] = a + b;
      g_string_append_printf (self->add_text,
                              "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                              "\"arguments\":{\"a\":%" G_GINT64_FORMAT ",\"b\":%" G_GINT64_FORMAT "}%s},\"id\":",
                              a, b, meta);
    }
  self->add_offsets[N_TEMPLATES] = (guint32)self->add_text->len;
}

static void
add_message (Bench      *self,
             const char *line,
             gsize       length,
             gint64      now,
             Scan       *scan)
{
  AddRun *run = self->phase_data;
  char expected[24];
  gsize expected_length;
  guint64 index;

  if (span_is_set (scan->method))
    {
      bench_reply_not_found (self, scan->id_raw);
      return;
    }
  if (!scan->id_is_int || scan->id < run->base_id ||
      (guint64)(scan->id - run->base_id) >= run->sent ||
      run->sent_ns[scan->id - run->base_id] == 0)
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "an answer with an id we did not send or already had: %s", copy);
      return;
    }

  index = (guint64)(scan->id - run->base_id);
  run->latencies[run->answered++] = now - run->sent_ns[index];
  run->sent_ns[index] = 0;
  run->outstanding--;
  run->last_ns = now;

  if (self->options->tasks)
    {
      if (!run->checked_first)
        {
          check_task_handle (self, line, length);
          run->checked_first = TRUE;
        }
      quick_check_task_handle (self, line, length, scan);
      return;
    }

  expected_length = format_int (expected, self->add_sums[index % N_TEMPLATES]);
  if (!run->checked_first)
    {
      expected[expected_length] = '\0';
      check_text_result (self, line, length, expected);
      run->checked_first = TRUE;
    }
  quick_check_result (self, line, length, scan, expected, expected_length);
}

static void
add_batch (Bench  *self,
           gint64  now)
{
  AddRun *run = self->phase_data;
  guint64 first = run->sent;
  GString *out = self->out;
  gint64 sent_at;

  if (!run->stopping && now >= run->stop_ns)
    run->stopping = TRUE;

  if (!run->stopping)
    {
      g_string_truncate (out, 0);
      while (run->outstanding < run->window && run->sent < run->limit)
        {
          guint k = (guint)(run->sent % N_TEMPLATES);
          char id[24];
          gsize id_length = format_int (id, run->base_id + (gint64)run->sent);

          g_string_append_len (out, self->add_text->str + self->add_offsets[k],
                               self->add_offsets[k + 1] - self->add_offsets[k]);
          g_string_append_len (out, id, (gssize)id_length);
          g_string_append_len (out, "}\n", 2);
          run->sent++;
          run->outstanding++;
        }
      if (run->sent == run->limit)
        run->stopping = TRUE;

      if (out->len > 0)
        {
          sent_at = now_ns ();
          if (first == 0)
            run->first_ns = sent_at;
          for (guint64 i = first; i < run->sent; i++)
            run->sent_ns[i] = sent_at;
          bench_send (self, out->str, out->len);
        }
    }

  if (run->stopping && run->outstanding == 0)
    self->done = TRUE;
}

static const Phase add_phase = { add_message, add_batch };

/* One window: returns FALSE when the server did not keep up. */
static gboolean
run_add_window (Bench    *self,
                guint     window,
                guint64   limit,
                double    seconds,
                gboolean  record)
{
  AddRun run = { 0 };
  gint64 client_cpu, server_cpu;
  gint64 p50, p99;
  double elapsed;
  GString *builder;
  gboolean finished;
  g_autofree char *name = NULL;

  run.window = window;
  run.limit = limit;
  run.base_id = self->next_id;
  self->next_id += (gint64)limit;
  run.sent_ns = g_new0 (gint64, limit);
  run.latencies = g_new0 (gint64, limit);

  reset_failures (self);
  if (self->driver->klass->prepare != NULL)
    self->driver->klass->prepare (self->driver, window);
  client_cpu = self_cpu_ns ();
  server_cpu = process_cpu_ns (bench_pid (self));

  bench_set_phase (self, &add_phase, &run);
  run.stop_ns = now_ns () + seconds_to_ns (seconds);
  add_batch (self, now_ns ());
  finished = bench_wait (self, run.stop_ns + seconds_to_ns (self->options->timeout));
  bench_set_phase (self, NULL, NULL);

  client_cpu = self_cpu_ns () - client_cpu;
  if (server_cpu >= 0)
    server_cpu = process_cpu_ns (bench_pid (self)) - server_cpu;

  if (!finished)
    bench_fail (self, "%" G_GUINT64_FORMAT " calls still unanswered %.0f s after the last was sent",
                run.outstanding, self->options->timeout);

  if (record)
    {
      elapsed = run.answered > 0 ? (double)(run.last_ns - run.first_ns) / 1e9 : 0;
      p50 = percentile (run.latencies, run.answered, 50, TRUE);
      p99 = percentile (run.latencies, run.answered, 99, FALSE);

      if (bench_is_http (self))
        {
          builder = record_begin (self, g_str_equal (self->options->http_client, "soup") ? "http-soup" : "http");
          record_int (builder, "connections", window);
          record_string (builder, "client", self->options->http_client);
        }
      else
        {
          builder = record_begin (self, "add");
          record_int (builder, "window", window);
        }
      if (self->options->tasks)
        record_bool (builder, "tasks", TRUE);
      record_int (builder, "calls", (gint64)run.answered);
      record_double (builder, "seconds", elapsed);
      record_double (builder, "calls_per_s", elapsed > 0 ? (double)run.answered / elapsed : 0);
      record_double (builder, "p50_us", (double)p50 / 1e3);
      record_double (builder, "p99_us", (double)p99 / 1e3);
      record_double (builder, "client_cpu_us_per_call",
                     run.answered > 0 ? (double)client_cpu / 1e3 / (double)run.answered : 0);
      record_double (builder, "client_cpu_util", elapsed > 0 ? (double)client_cpu / 1e9 / elapsed : 0);
      if (server_cpu >= 0)
        record_double (builder, "server_cpu_us_per_call",
                       run.answered > 0 ? (double)server_cpu / 1e3 / (double)run.answered : 0);
      record_end (self, builder, finished && self->failures == 0);

      name = g_strdup_printf ("tools/call add%s, %s %u%s%s",
                              self->options->tasks ? " as a task" : "",
                              bench_is_http (self) ? "HTTP, connections" : "window", window,
                              self->options->variant ? ", " : "",
                              self->options->variant ? self->options->variant : "");
      add_row (self, name,
               "%9.0f calls/s  p50 %7.1f µs  p99 %8.1f µs  (%" G_GUINT64_FORMAT " calls in %.2f s; "
               "CPU per call: client %.2f µs, server %.2f µs)",
               elapsed > 0 ? (double)run.answered / elapsed : 0, (double)p50 / 1e3, (double)p99 / 1e3,
               run.answered, elapsed,
               run.answered > 0 ? (double)client_cpu / 1e3 / (double)run.answered : 0,
               run.answered > 0 && server_cpu >= 0 ? (double)server_cpu / 1e3 / (double)run.answered : 0);
    }

  g_free (run.sent_ns);
  g_free (run.latencies);
  return finished;
}

static GArray *
parse_list (const char *text,
            const char *what)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 1, G_MAXINT32, &value, NULL))
        {
          fprintf (stderr, "mcp-bench: %s: “%s” is not a positive number\n", what, parts[i]);
          exit (2);
        }
      g_array_append_val (values, value);
    }
  return values;
}

static gboolean
run_add (Bench *self)
{
  g_autoptr(GArray) windows = bench_is_http (self) ? parse_list (self->options->connections, "--connections")
                                                   : parse_list (self->options->windows, "--windows");
  gint64 hwm, rss;
  GString *builder;

  if (!bench_connect_for (self, bench_is_http (self) ? "http" : "add"))
    return FALSE;

  /* Warm up (JIT compilers, caches, allocator arenas). */
  if (self->options->warmup > 0)
    run_add_window (self, 16, (guint64)self->options->warmup, self->options->seconds, FALSE);

  for (guint i = 0; i < windows->len && !self->driver->closed; i++)
    run_add_window (self, (guint)g_array_index (windows, gint64, i),
                    (guint64)self->options->count, self->options->seconds, TRUE);

  reset_failures (self);
  if (bench_pid (self) <= 0)
    {
      bench_disconnect (self);
      return TRUE;
    }
  read_memory (bench_pid (self), &hwm, &rss);
  builder = record_begin (self, bench_is_http (self) ? "http-rss" : "rss");
  record_int (builder, "hwm_kb", hwm);
  record_int (builder, "rss_kb", rss);
  record_end (self, builder, hwm > 0);
  add_row (self, bench_is_http (self) ? "peak RSS under HTTP load (after add)" : "peak RSS under load (after add)",
           "%.1f MB (VmHWM), %.1f MB now (VmRSS)",
           (double)hwm / 1024.0, (double)rss / 1024.0);

  bench_disconnect (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* sleep, N at once */

typedef struct
{
  guint     n;
  gint64    base_id;
  guint64   answered;
  gint8    *waiting;
  gint64   *latencies;
  gint64    sent_ns;
  gint64    last_ns;
  char      expected[48];
  gsize     expected_length;
  gboolean  checked_first;
} SleepRun;

static void
sleep_message (Bench      *self,
               const char *line,
               gsize       length,
               gint64      now,
               Scan       *scan)
{
  SleepRun *run = self->phase_data;
  guint64 index;

  if (span_is_set (scan->method))
    {
      bench_reply_not_found (self, scan->id_raw);
      return;
    }
  if (!scan->id_is_int || scan->id < run->base_id || (guint64)(scan->id - run->base_id) >= run->n ||
      !run->waiting[scan->id - run->base_id])
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "an answer with an id we did not send or already had: %s", copy);
      return;
    }
  index = (guint64)(scan->id - run->base_id);
  run->waiting[index] = 0;
  run->latencies[run->answered++] = now - run->sent_ns;
  run->last_ns = now;

  if (!run->checked_first)
    {
      check_text_result (self, line, length, run->expected);
      run->checked_first = TRUE;
    }
  quick_check_result (self, line, length, scan, run->expected, run->expected_length);

  if (run->answered == run->n)
    self->done = TRUE;
}

static const Phase sleep_phase = { sleep_message, NULL };

static gboolean
run_sleep_n (Bench *self,
             guint  n)
{
  g_autoptr(GString) requests = g_string_sized_new (n * 400);
  SleepRun run = { 0 };
  GString *builder;
  gint64 hwm, client_cpu;
  gboolean finished;
  double wall;
  g_autofree char *name = NULL;

  if (!bench_connect_for (self, "sleep"))
    return FALSE;

  run.n = n;
  run.base_id = self->next_id;
  self->next_id += n;
  run.waiting = g_new (gint8, n);
  memset (run.waiting, 1, n);
  run.latencies = g_new0 (gint64, n);
  run.expected_length = (gsize)g_snprintf (run.expected, sizeof run.expected, "Slept %d ms",
                                           self->options->sleep_ms);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (requests,
                            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\","
                            "\"arguments\":{\"ms\":%d}%s},\"id\":%" G_GINT64_FORMAT "}\n",
                            self->options->sleep_ms, self->meta->str, run.base_id + i);

  reset_failures (self);
  client_cpu = self_cpu_ns ();
  bench_set_phase (self, &sleep_phase, &run);
  run.sent_ns = now_ns ();
  bench_send (self, requests->str, requests->len);
  finished = bench_wait (self, run.sent_ns + seconds_to_ns (self->options->timeout + self->options->sleep_ms / 1e3));
  bench_set_phase (self, NULL, NULL);
  client_cpu = self_cpu_ns () - client_cpu;
  read_memory (bench_pid (self), &hwm, NULL);

  if (!finished)
    bench_fail (self, "%" G_GUINT64_FORMAT " of %u sleeps unanswered after %.0f s",
                n - run.answered, n, self->options->timeout);

  wall = (double)(run.last_ns - run.sent_ns) / 1e9;
  builder = record_begin (self, "sleep");
  record_int (builder, "n", n);
  record_int (builder, "ms", self->options->sleep_ms);
  record_int (builder, "answered", (gint64)run.answered);
  record_double (builder, "wall_s", wall);
  record_double (builder, "p50_ms", (double)percentile (run.latencies, run.answered, 50, TRUE) / 1e6);
  record_double (builder, "max_ms", (double)percentile (run.latencies, run.answered, 100, FALSE) / 1e6);
  record_int (builder, "hwm_kb", hwm);
  record_double (builder, "client_cpu_s", (double)client_cpu / 1e9);
  record_end (self, builder, finished && self->failures == 0);

  name = g_strdup_printf ("%u concurrent sleeps of %d ms", n, self->options->sleep_ms);
  add_row (self, name, "wall %.3f s (first answer after %.1f ms), peak RSS %.1f MB",
           wall, (double)run.latencies[0] / 1e6, (double)hwm / 1024.0);

  g_free (run.waiting);
  g_free (run.latencies);
  bench_disconnect (self);
  return TRUE;
}

static gboolean
run_sleep (Bench *self)
{
  g_autoptr(GArray) counts = parse_list (self->options->sleep_counts, "--sleep-counts");

  for (guint i = 0; i < counts->len && !self->unsupported; i++)
    run_sleep_n (self, (guint)g_array_index (counts, gint64, i));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* tools/list */

typedef struct
{
  gint64    id;
  gint64    started_ns;
  gint64    tools;
  gint64    pages;
  gint64    bytes;
  gboolean  complete;
  gboolean  checked_first;
  char     *cursor;      /* raw JSON of nextCursor */
} ListRun;

static void
list_send (Bench   *self,
           ListRun *run)
{
  g_autoptr(GString) request = g_string_new (NULL);

  run->id = self->next_id++;
  g_string_append_printf (request, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"params\":{");
  if (run->cursor != NULL)
    g_string_append_printf (request, "\"cursor\":%s%s", run->cursor, self->meta->str);
  else if (self->meta->len > 0)
    g_string_append (request, self->meta->str + 1);
  g_string_append_printf (request, "},\"id\":%" G_GINT64_FORMAT "}\n", run->id);
  bench_send (self, request->str, request->len);
}

static void
check_tool_list (Bench      *self,
                 const char *line,
                 gsize       length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result = parse_result (self, line, length, &root);
  JsonNode *tools;

  if (result == NULL)
    return;
  tools = json_object_get_member (result, "tools");
  if (tools == NULL || !JSON_NODE_HOLDS_ARRAY (tools))
    {
      bench_fail (self, "tools/list without tools");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (tools)); i++)
    {
      JsonNode *tool = json_array_get_element (json_node_get_array (tools), i);
      JsonNode *schema;

      if (!JSON_NODE_HOLDS_OBJECT (tool) ||
          json_object_get_string_member_with_default (json_node_get_object (tool), "name", NULL) == NULL)
        {
          bench_fail (self, "tools/list: tool %u has no name", i);
          return;
        }
      schema = json_object_get_member (json_node_get_object (tool), "inputSchema");
      if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
        {
          bench_fail (self, "tools/list: tool %u has no inputSchema", i);
          return;
        }
    }
  if (self->options->era == ERA_MODERN)
    {
      check_modern_result (self, result, "complete");
      if (!json_object_has_member (result, "ttlMs") || !json_object_has_member (result, "cacheScope"))
        bench_fail (self, "a 2026-07-28 tools/list without ttlMs and cacheScope");
    }
}

static void
list_message (Bench      *self,
              const char *line,
              gsize       length,
              gint64      now,
              Scan       *scan)
{
  ListRun *run = self->phase_data;
  Span tools, cursor;
  gint64 n;

  if (span_is_set (scan->method))
    {
      bench_reply_not_found (self, scan->id_raw);
      return;
    }
  if (!scan->id_is_int || scan->id != run->id)
    {
      bench_fail (self, "an answer with an id we did not send");
      return;
    }
  if (!span_is_set (scan->result))
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "tools/list failed: %s", copy);
      self->done = TRUE;
      return;
    }
  if (!run->checked_first)
    {
      check_tool_list (self, line, length);
      run->checked_first = TRUE;
    }

  run->pages++;
  run->bytes += (gint64)length + 1;
  tools = find_member (scan->result, "tools");
  n = span_is_set (tools) ? count_elements (tools) : -1;
  if (n < 0)
    {
      bench_fail (self, "tools/list without a tools array");
      self->done = TRUE;
      return;
    }
  run->tools += n;

  g_clear_pointer (&run->cursor, g_free);
  cursor = find_member (scan->result, "nextCursor");
  if (span_is_set (cursor) && span_length (cursor) > 0 && *cursor.start == '"')
    {
      run->cursor = g_strndup (cursor.start, span_length (cursor));
      list_send (self, run);
      return;
    }

  run->complete = TRUE;
  self->done = TRUE;
}

static const Phase list_phase = { list_message, NULL };

static gboolean
run_list (Bench *self)
{
  g_autofree gint64 *latencies = g_new0 (gint64, self->options->list_iterations);
  ListRun run = { 0 };
  GString *builder;
  gint64 stop, tools = 0, pages = 0, bytes = 0;
  int done = 0;

  if (!bench_connect_for (self, "list"))
    return FALSE;

  reset_failures (self);
  stop = now_ns () + seconds_to_ns (self->options->seconds);
  for (int i = 0; i < self->options->list_iterations && now_ns () < stop && !self->driver->closed; i++)
    {
      memset (&run, 0, sizeof run);
      run.checked_first = i > 0;
      bench_set_phase (self, &list_phase, &run);
      run.started_ns = now_ns ();
      list_send (self, &run);
      if (!bench_wait (self, run.started_ns + seconds_to_ns (self->options->timeout)) || !run.complete)
        {
          bench_fail (self, "tools/list did not complete");
          g_free (run.cursor);
          break;
        }
      latencies[done++] = now_ns () - run.started_ns;
      tools = run.tools;
      pages = run.pages;
      bytes = run.bytes;
      if (self->options->expect_tools > 0 && run.tools != self->options->expect_tools)
        bench_fail (self, "tools/list gave %" G_GINT64_FORMAT " tools, not %d", run.tools,
                    self->options->expect_tools);
    }
  bench_set_phase (self, NULL, NULL);

  builder = record_begin (self, "list");
  record_int (builder, "tools", tools);
  record_int (builder, "pages", pages);
  record_int (builder, "bytes", bytes);
  record_int (builder, "iterations", done);
  record_double (builder, "p50_ms", (double)percentile (latencies, (gsize)done, 50, TRUE) / 1e6);
  record_double (builder, "p99_ms", (double)percentile (latencies, (gsize)done, 99, FALSE) / 1e6);
  record_double (builder, "min_ms", done > 0 ? (double)latencies[0] / 1e6 : 0);
  record_end (self, builder, done > 0 && self->failures == 0);
  add_row (self, "tools/list", "p50 %.2f ms, min %.2f ms (%" G_GINT64_FORMAT " tools, %" G_GINT64_FORMAT
           " pages, %.1f kB, %d lists)",
           (double)percentile (latencies, (gsize)done, 50, FALSE) / 1e6,
           done > 0 ? (double)latencies[0] / 1e6 : 0, tools, pages, (double)bytes / 1e3, done);

  bench_disconnect (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* MRTR: input required, then the retry */

typedef enum
{
  MRTR_FIRST,     /* waiting for input_required (modern) or elicitation/create (legacy) */
  MRTR_RETRY,     /* waiting for the final result */
  MRTR_DONE,
} MrtrState;

typedef struct
{
  MrtrState state;
  gint64    id;
  gint64    call_ns;
  gint64    leg1_ns;
  gint64    leg2_start_ns;
  gint64    leg2_ns;
  gboolean  check_fully;
} MrtrRun;

static void
mrtr_retry_modern (Bench      *self,
                   MrtrRun    *run,
                   Span        request_state)
{
  g_autoptr(GString) request = g_string_new (NULL);

  run->id = self->next_id++;
  g_string_append (request, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                            "\"arguments\":{},\"inputResponses\":{\"confirm\":{\"action\":\"accept\","
                            "\"content\":{\"confirm\":true}}}");
  if (span_is_set (request_state))
    {
      g_string_append (request, ",\"requestState\":");
      g_string_append_len (request, request_state.start, (gssize)span_length (request_state));
    }
  g_string_append_printf (request, "%s},\"id\":%" G_GINT64_FORMAT "}\n", self->meta_elicit->str, run->id);
  run->state = MRTR_RETRY;
  run->leg2_start_ns = now_ns ();
  bench_send (self, request->str, request->len);
}

static void
check_input_required (Bench      *self,
                      const char *line,
                      gsize       length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result = parse_result (self, line, length, &root);
  JsonNode *requests;
  JsonNode *confirm;
  JsonObject *confirm_object;

  if (result == NULL || !check_modern_result (self, result, "input_required"))
    return;
  requests = json_object_get_member (result, "inputRequests");
  confirm = requests != NULL && JSON_NODE_HOLDS_OBJECT (requests)
            ? json_object_get_member (json_node_get_object (requests), "confirm") : NULL;
  if (confirm == NULL || !JSON_NODE_HOLDS_OBJECT (confirm))
    {
      bench_fail (self, "input_required without inputRequests.confirm");
      return;
    }
  confirm_object = json_node_get_object (confirm);
  if (g_strcmp0 (json_object_get_string_member_with_default (confirm_object, "method", ""),
                 "elicitation/create") != 0 ||
      !json_object_has_member (confirm_object, "params"))
    bench_fail (self, "inputRequests.confirm is not an elicitation/create request");
  if (json_object_get_string_member_with_default (result, "requestState", NULL) == NULL)
    bench_fail (self, "input_required without a requestState");
}

static void
mrtr_message (Bench      *self,
              const char *line,
              gsize       length,
              gint64      now,
              Scan       *scan)
{
  MrtrRun *run = self->phase_data;

  /* Legacy: the server asks us, with a request of its own. */
  if (span_is_set (scan->method))
    {
      g_autoptr(GString) reply = NULL;

      if (self->options->era != ERA_LEGACY || run->state != MRTR_FIRST ||
          span_length (scan->method) != sizeof ("\"elicitation/create\"") - 1 ||
          memcmp (scan->method.start, "\"elicitation/create\"", span_length (scan->method)) != 0)
        {
          bench_reply_not_found (self, scan->id_raw);
          return;
        }
      run->leg1_ns = now - run->call_ns;
      reply = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":");
      g_string_append_len (reply, scan->id_raw.start, (gssize)span_length (scan->id_raw));
      g_string_append (reply, ",\"result\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}\n");
      run->state = MRTR_RETRY;
      run->leg2_start_ns = now_ns ();
      bench_send (self, reply->str, reply->len);
      return;
    }

  if (!scan->id_is_int || scan->id != run->id)
    {
      g_autofree char *copy = excerpt (line, length);

      bench_fail (self, "an answer with an id we did not send: %s", copy);
      return;
    }

  if (run->state == MRTR_FIRST)
    {
      /* Modern: input_required. */
      if (self->options->era != ERA_MODERN || !span_is_set (scan->result) ||
          !SPAN_CONTAINS (scan->result, "\"resultType\":\"input_required\""))
        {
          g_autofree char *copy = excerpt (line, length);

          bench_fail (self, "expected input_required: %s", copy);
          self->done = TRUE;
          return;
        }
      run->leg1_ns = now - run->call_ns;
      if (run->check_fully)
        check_input_required (self, line, length);
      mrtr_retry_modern (self, run, find_member (scan->result, "requestState"));
      return;
    }

  run->leg2_ns = now - run->leg2_start_ns;
  run->state = MRTR_DONE;
  self->done = TRUE;
  if (run->check_fully)
    check_text_result (self, line, length, "Confirmed");
  quick_check_result (self, line, length, scan, "Confirmed", 9);
}

static const Phase mrtr_phase = { mrtr_message, NULL };

static gboolean
run_mrtr (Bench *self)
{
  int n = self->options->mrtr_iterations;
  g_autofree gint64 *leg1 = g_new0 (gint64, n);
  g_autofree gint64 *leg2 = g_new0 (gint64, n);
  g_autofree gint64 *total = g_new0 (gint64, n);
  MrtrRun run;
  GString *builder;
  gint64 stop;
  int done = 0;

  if (!bench_connect_for (self, "mrtr"))
    return FALSE;

  reset_failures (self);
  stop = now_ns () + seconds_to_ns (self->options->seconds);
  for (int i = 0; i < n && now_ns () < stop && !self->driver->closed && self->failures == 0; i++)
    {
      g_autoptr(GString) request = g_string_new (NULL);

      memset (&run, 0, sizeof run);
      run.check_fully = i == 0;
      run.id = self->next_id++;
      g_string_append_printf (request,
                              "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
                              "\"arguments\":{}%s},\"id\":%" G_GINT64_FORMAT "}\n",
                              self->meta_elicit->str, run.id);
      bench_set_phase (self, &mrtr_phase, &run);
      run.call_ns = now_ns ();
      bench_send (self, request->str, request->len);
      if (!bench_wait (self, run.call_ns + seconds_to_ns (self->options->timeout)) || run.state != MRTR_DONE)
        {
          bench_fail (self, "the MRTR round trip did not complete");
          break;
        }
      leg1[done] = run.leg1_ns;
      leg2[done] = run.leg2_ns;
      total[done] = run.leg1_ns + run.leg2_ns;
      done++;
    }
  bench_set_phase (self, NULL, NULL);

  builder = record_begin (self, "mrtr");
  record_int (builder, "iterations", done);
  record_double (builder, "leg1_p50_us", (double)percentile (leg1, (gsize)done, 50, TRUE) / 1e3);
  record_double (builder, "leg1_p99_us", (double)percentile (leg1, (gsize)done, 99, FALSE) / 1e3);
  record_double (builder, "leg2_p50_us", (double)percentile (leg2, (gsize)done, 50, TRUE) / 1e3);
  record_double (builder, "leg2_p99_us", (double)percentile (leg2, (gsize)done, 99, FALSE) / 1e3);
  record_double (builder, "total_p50_us", (double)percentile (total, (gsize)done, 50, TRUE) / 1e3);
  record_end (self, builder, done > 0 && self->failures == 0);
  add_row (self, self->options->era == ERA_MODERN ? "MRTR (input_required, then retry)"
                                                  : "input request (elicitation/create, then result)",
           "leg 1 p50 %.1f µs (p99 %.1f), leg 2 p50 %.1f µs (p99 %.1f), %d round trips",
           (double)percentile (leg1, (gsize)done, 50, FALSE) / 1e3,
           (double)percentile (leg1, (gsize)done, 99, FALSE) / 1e3,
           (double)percentile (leg2, (gsize)done, 50, FALSE) / 1e3,
           (double)percentile (leg2, (gsize)done, 99, FALSE) / 1e3, done);

  bench_disconnect (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The report: a table from the JSON lines of a whole run */

typedef struct
{
  GPtrArray *records;   /* JsonObject */
  char      *ours;
  char      *ceiling;
  GPtrArray *servers;   /* char *, in order of appearance */
} Report;

static gboolean report_has (Report     *report,
                            const char *bench);

/* Which figure picks the best of several rounds of a measurement; every
 * figure shown then comes from that round. */
static const char *
primary_field (const char *bench,
               gboolean   *higher_is_better)
{
  *higher_is_better = FALSE;
  if (g_str_equal (bench, "add") || g_str_equal (bench, "http") || g_str_equal (bench, "http-soup"))
    {
      *higher_is_better = TRUE;
      return "calls_per_s";
    }
  if (g_str_equal (bench, "sleep"))
    return "wall_s";
  if (g_str_equal (bench, "startup"))
    return "median_ms";
  if (g_str_equal (bench, "list"))
    return "p50_ms";
  if (g_str_equal (bench, "mrtr"))
    return "total_p50_us";
  return "hwm_kb";
}

/* The best round of a measurement that passed its checks, or NULL. */
static JsonObject *
report_find (Report     *report,
             const char *server,
             const char *era,
             const char *bench,
             const char *variant,
             const char *key,
             gint64      key_value)
{
  JsonObject *best = NULL;
  double best_value = 0;
  gboolean higher_is_better;
  const char *field = primary_field (bench, &higher_is_better);

  for (guint i = 0; i < report->records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (report->records, i);
      double value;

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "server", ""), server) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (record, "era", ""), era) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (record, "bench", ""), bench) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (record, "variant", NULL), variant) != 0)
        continue;
      if (key != NULL && json_object_get_int_member_with_default (record, key, -1) != key_value)
        continue;
      if (!json_object_get_boolean_member_with_default (record, "ok", FALSE))
        continue;
      value = json_object_get_double_member_with_default (record, field, 0);
      if (best == NULL || (higher_is_better ? value > best_value : value < best_value))
        {
          best = record;
          best_value = value;
        }
    }
  return best;
}

typedef struct
{
  const char *title;
  const char *bench;
  const char *variant;
  const char *key;
  gint64      key_value;
  const char *field;
  double      scale;        /* value shown = field × scale */
  int         decimals;
  gboolean    higher_is_better;
  gboolean    no_ratio;     /* shown for information only */
} Metric;

static const Metric metrics[] = {
  { "add, window 1: calls/s", "add", NULL, "window", 1, "calls_per_s", 1, 0, TRUE },
  { "add, window 1: p50 µs", "add", NULL, "window", 1, "p50_us", 1, 1, FALSE },
  { "add, window 1: p99 µs", "add", NULL, "window", 1, "p99_us", 1, 1, FALSE },
  { "add, window 16: calls/s", "add", NULL, "window", 16, "calls_per_s", 1, 0, TRUE },
  { "add, window 16: p50 µs", "add", NULL, "window", 16, "p50_us", 1, 1, FALSE },
  { "add, window 16: p99 µs", "add", NULL, "window", 16, "p99_us", 1, 1, FALSE },
  { "add, window 256: calls/s", "add", NULL, "window", 256, "calls_per_s", 1, 0, TRUE },
  { "add, window 256: p50 µs", "add", NULL, "window", 256, "p50_us", 1, 1, FALSE },
  { "add, window 256: p99 µs", "add", NULL, "window", 256, "p99_us", 1, 1, FALSE },
  { "add, window 256: server CPU µs/call", "add", NULL, "window", 256, "server_cpu_us_per_call", 1, 2, FALSE },
  { "1,000 × sleep 200 ms: wall s", "sleep", NULL, "n", 1000, "wall_s", 1, 3, FALSE },
  { "1,000 × sleep: peak RSS MB", "sleep", NULL, "n", 1000, "hwm_kb", 1.0 / 1024, 1, FALSE },
  { "10,000 × sleep 200 ms: wall s", "sleep", NULL, "n", 10000, "wall_s", 1, 3, FALSE },
  { "10,000 × sleep: peak RSS MB", "sleep", NULL, "n", 10000, "hwm_kb", 1.0 / 1024, 1, FALSE },
  { "startup to first answer ms", "startup", NULL, NULL, 0, "median_ms", 1, 1, FALSE },
  { "idle peak RSS MB", "startup", NULL, NULL, 0, "idle_hwm_kb", 1.0 / 1024, 1, FALSE },
  { "peak RSS under load MB", "rss", NULL, NULL, 0, "hwm_kb", 1.0 / 1024, 1, FALSE },
  { "tools/list, 10,000 tools: p50 ms", "list", "10k-tools", NULL, 0, "p50_ms", 1, 2, FALSE },
  { "tools/list, 10,000 tools: kB", "list", "10k-tools", NULL, 0, "bytes", 1.0 / 1000, 0, FALSE, TRUE },
  { "add, window 16, 10,000 tools: calls/s", "add", "10k-tools", "window", 16, "calls_per_s", 1, 0, TRUE },
  { "MRTR leg 1 (ask → input request) p50 µs", "mrtr", NULL, NULL, 0, "leg1_p50_us", 1, 1, FALSE },
  { "MRTR leg 2 (answer → result) p50 µs", "mrtr", NULL, NULL, 0, "leg2_p50_us", 1, 1, FALSE },
  { "generator CPU µs/call, window 256", "add", NULL, "window", 256, "client_cpu_us_per_call", 1, 2, FALSE, TRUE },
};

static const Metric http_metrics[] = {
  { "1 connection: requests/s", "http", NULL, "connections", 1, "calls_per_s", 1, 0, TRUE },
  { "1 connection: p50 µs", "http", NULL, "connections", 1, "p50_us", 1, 1, FALSE },
  { "1 connection: p99 µs", "http", NULL, "connections", 1, "p99_us", 1, 1, FALSE },
  { "16 connections: requests/s", "http", NULL, "connections", 16, "calls_per_s", 1, 0, TRUE },
  { "16 connections: p50 µs", "http", NULL, "connections", 16, "p50_us", 1, 1, FALSE },
  { "16 connections: p99 µs", "http", NULL, "connections", 16, "p99_us", 1, 1, FALSE },
  { "64 connections: requests/s", "http", NULL, "connections", 64, "calls_per_s", 1, 0, TRUE },
  { "64 connections: p50 µs", "http", NULL, "connections", 64, "p50_us", 1, 1, FALSE },
  { "64 connections: p99 µs", "http", NULL, "connections", 64, "p99_us", 1, 1, FALSE },
  { "16 connections: server CPU µs/request", "http", NULL, "connections", 16, "server_cpu_us_per_call", 1, 1, FALSE },
  { "64 connections: server CPU µs/request", "http", NULL, "connections", 64, "server_cpu_us_per_call", 1, 1, FALSE },
  { "peak RSS under HTTP load MB", "http-rss", NULL, NULL, 0, "hwm_kb", 1.0 / 1024, 1, FALSE },
  { "generator CPU µs/request, 16 connections", "http", NULL, "connections", 16, "client_cpu_us_per_call", 1, 1, FALSE, TRUE },
  { "generator CPU µs/request, 64 connections", "http", NULL, "connections", 64, "client_cpu_us_per_call", 1, 1, FALSE, TRUE },
  { "libsoup as the client, 16 connections: requests/s", "http-soup", NULL, "connections", 16, "calls_per_s", 1, 0, TRUE, TRUE },
  { "libsoup as the client: generator CPU µs/request", "http-soup", NULL, "connections", 16, "client_cpu_us_per_call", 1, 1, FALSE, TRUE },
};

static gboolean
report_value (Report       *report,
              const Metric *metric,
              const char   *server,
              const char   *era,
              double       *value)
{
  JsonObject *record = report_find (report, server, era, metric->bench, metric->variant,
                                    metric->key, metric->key_value);
  JsonNode *node;

  if (record == NULL)
    return FALSE;
  node = json_object_get_member (record, metric->field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  *value = json_node_get_double (node) * metric->scale;
  return *value >= 0;
}

static gboolean
is_ts_peer (const char *server)
{
  return g_str_has_prefix (server, "ts-");
}

static char *
format_number (int    decimals,
               double value)
{
  g_autofree char *text = g_strdup_printf ("%.*f", decimals, value);
  GString *out;
  const char *dot;
  gsize integer_digits;

  if (value < 1000)
    return g_steal_pointer (&text);
  /* Thousands separators for the integer part. */
  dot = strchr (text, '.');
  integer_digits = dot != NULL ? (gsize)(dot - text) : strlen (text);
  out = g_string_new (NULL);
  for (gsize i = 0; i < integer_digits; i++)
    {
      if (i > 0 && (integer_digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, text[i]);
    }
  g_string_append (out, text + integer_digits);
  return g_string_free (out, FALSE);
}

/* The best TS peer's value for a metric, in an era. */
static gboolean
report_best_ts (Report       *report,
                const Metric *metric,
                const char   *era,
                double       *best,
                const char  **best_server)
{
  gboolean found = FALSE;

  for (guint s = 0; s < report->servers->len; s++)
    {
      const char *server = g_ptr_array_index (report->servers, s);
      double value;

      if (!is_ts_peer (server) || !report_value (report, metric, server, era, &value))
        continue;
      if (!found || (metric->higher_is_better ? value > *best : value < *best))
        {
          *best = value;
          if (best_server != NULL)
            *best_server = server;
          found = TRUE;
        }
    }
  return found;
}

/* "ours is N× better" as a factor ≥ 1 when better. */
static double
advantage (const Metric *metric,
           double        ours,
           double        theirs)
{
  if (metric->higher_is_better)
    return theirs > 0 ? ours / theirs : 0;
  return ours > 0 ? theirs / ours : 0;
}

static void
report_era (Report       *report,
            const char   *era,
            const char   *transport,
            const Metric *table,
            guint         n_metrics)
{
  GString *line = g_string_new (NULL);
  GString *rows = g_string_new (NULL);

  for (guint m = 0; m < n_metrics; m++)
    {
      const Metric *metric = &table[m];
      double ours = 0, best = 0, ceiling = 0;
      gboolean have_ours, have_best, have_ceiling, any = FALSE;

      g_string_assign (line, "");
      g_string_append_printf (line, "| %s |", metric->title);
      for (guint s = 0; s < report->servers->len; s++)
        {
          double value;

          if (report_value (report, metric, g_ptr_array_index (report->servers, s), era, &value))
            {
              g_autofree char *text = format_number (metric->decimals, value);

              g_string_append_printf (line, " %s |", text);
              any = TRUE;
            }
          else
            g_string_append (line, " — |");
        }
      if (!any)
        continue;

      have_ours = report_value (report, metric, report->ours, era, &ours);
      have_best = report_best_ts (report, metric, era, &best, NULL);
      have_ceiling = report_value (report, metric, report->ceiling, era, &ceiling);
      if (metric->no_ratio)
        have_ours = FALSE;
      if (have_ours && have_best)
        g_string_append_printf (line, " %.1f× |", advantage (metric, ours, best));
      else
        g_string_append (line, " — |");
      if (have_ours && have_ceiling)
        g_string_append_printf (line, " %.0f %% |", 100.0 * advantage (metric, ours, ceiling));
      else
        g_string_append (line, " — |");
      g_string_append_printf (rows, "%s\n", line->str);
    }

  /* A table only when it has something in it. */
  if (rows->len > 0)
    {
      printf ("\n### %s%s era%s\n\n", transport, era,
               g_str_equal (era, "modern") ? " (2026-07-28, server/discover, _meta on every request)"
                                           : " (initialize, 2025-11-25)");
      g_string_assign (line, "| measurement |");
      for (guint s = 0; s < report->servers->len; s++)
        g_string_append_printf (line, " %s |", (char *)g_ptr_array_index (report->servers, s));
      g_string_append (line, " ours vs faster TS | ours vs ceiling |");
      printf ("%s\n|---|", line->str);
      for (guint s = 0; s < report->servers->len + 2; s++)
        printf ("---:|");
      printf ("\n%s", rows->str);
    }
  g_string_free (rows, TRUE);
  g_string_free (line, TRUE);
}

static const Metric *
metric_named (const char *bench,
              const char *variant,
              gint64      key_value,
              const char *field)
{
  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    if (g_str_equal (metrics[m].bench, bench) && g_strcmp0 (metrics[m].variant, variant) == 0 &&
        (metrics[m].key == NULL || metrics[m].key_value == key_value) && g_str_equal (metrics[m].field, field))
      return &metrics[m];
  for (guint m = 0; m < G_N_ELEMENTS (http_metrics); m++)
    if (g_str_equal (http_metrics[m].bench, bench) && g_strcmp0 (http_metrics[m].variant, variant) == 0 &&
        (http_metrics[m].key == NULL || http_metrics[m].key_value == key_value) &&
        g_str_equal (http_metrics[m].field, field))
      return &http_metrics[m];
  return NULL;
}

static gboolean
report_target (const char *target,
               const char *era,
               gboolean    known,
               gboolean    met,
               const char *format,
               ...) G_GNUC_PRINTF (5, 6);

static gboolean
report_target (const char *target,
               const char *era,
               gboolean    known,
               gboolean    met,
               const char *format,
               ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("| %s | %s | %s | %s |\n", target, era, known ? detail : "not measured",
           !known ? "—" : met ? "met" : "**missed**");
  return !known || met;
}

static void
report_targets (Report *report)
{
  const char *eras[] = { "legacy", "modern" };
  /* A run of one transport only lists that transport's targets. */
  gboolean stdio = report_has (report, "add") || report_has (report, "startup");
  gboolean http = report_has (report, "http");

  printf ("\n### Targets (ratios within this run)\n\n"
           "| target | era | value | |\n|---|---|---|---|\n");

  for (guint e = 0; e < G_N_ELEMENTS (eras) && stdio; e++)
    {
      const char *era = eras[e];
      const guint windows[] = { 1, 16, 256 };

      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        {
          const Metric *metric = metric_named ("add", NULL, windows[w], "calls_per_s");
          double ours = 0, best = 0, ceiling = 0;
          gboolean have_ours = report_value (report, metric, report->ours, era, &ours);
          gboolean have_ceiling = report_value (report, metric, report->ceiling, era, &ceiling);
          gboolean have_best = report_best_ts (report, metric, era, &best, NULL);
          g_autofree char *target = NULL;

          if (windows[w] == 1)
            {
              report_target ("window 1 ≥ 90 % of the ceiling", era, have_ours && have_ceiling,
                             ours >= 0.9 * ceiling, "%.0f %%", ceiling > 0 ? 100 * ours / ceiling : 0);
              continue;
            }
          target = g_strdup_printf ("window %u ≥ 5× the faster TS peer", windows[w]);
          report_target (target, era, have_ours && have_best, ours >= 5 * best, "%.1f×",
                         best > 0 ? ours / best : 0);
          g_free (target);
          target = g_strdup_printf ("window %u ≥ 50 %% of the ceiling", windows[w]);
          report_target (target, era, have_ours && have_ceiling, ours >= 0.5 * ceiling, "%.0f %%",
                         ceiling > 0 ? 100 * ours / ceiling : 0);
        }

      {
        const guint counts[] = { 1000, 10000 };
        const double limits[] = { 0.22, 0.30 };

        for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
          {
            const Metric *metric = metric_named ("sleep", NULL, counts[c], "wall_s");
            double ours = 0;
            gboolean have = report_value (report, metric, report->ours, era, &ours);
            g_autofree char *target = g_strdup_printf ("%s × 200 ms sleeps ≤ %.2f s",
                                                       counts[c] == 1000 ? "1,000" : "10,000", limits[c]);

            report_target (target, era, have, ours <= limits[c], "%.3f s", ours);
          }
      }

      {
        const Metric *metric = metric_named ("startup", NULL, 0, "median_ms");
        double ours = 0, best = 0;
        gboolean have = report_value (report, metric, report->ours, era, &ours) &&
                        report_best_ts (report, metric, era, &best, NULL);

        report_target ("startup ≤ 1/20 of the TS peers'", era, have, ours * 20 <= best,
                       "1/%.0f (%.1f ms vs %.1f ms)", ours > 0 ? best / ours : 0, ours, best);
      }

      {
        const Metric *metric = metric_named ("rss", NULL, 0, "hwm_kb");
        double ours = 0, best = 0;
        gboolean have = report_value (report, metric, report->ours, era, &ours) &&
                        report_best_ts (report, metric, era, &best, NULL);

        report_target ("peak RSS under load ≤ 1/10 of the TS peers'", era, have, ours * 10 <= best,
                       "1/%.0f (%.1f MB vs %.1f MB)", ours > 0 ? best / ours : 0, ours, best);
      }
    }

  /* The cost of a call does not grow with the number of tools. */
  for (guint e = 0; e < G_N_ELEMENTS (eras) && stdio; e++)
    {
      const Metric *plain = metric_named ("add", NULL, 16, "calls_per_s");
      const Metric *many = metric_named ("add", "10k-tools", 16, "calls_per_s");
      double few_rate = 0, many_rate = 0;
      gboolean have = report_value (report, plain, report->ours, eras[e], &few_rate) &&
                      report_value (report, many, report->ours, eras[e], &many_rate);

      report_target ("add with 10,000 tools within 10 % of add with 3 (window 16)", eras[e], have,
                     many_rate >= 0.9 * few_rate, "%.0f %%", few_rate > 0 ? 100 * many_rate / few_rate : 0);
    }

  /* HTTP: requests/s against the faster TS peer. */
  for (guint e = 0; e < G_N_ELEMENTS (eras) && http; e++)
    {
      const guint counts[] = { 16, 64 };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          const Metric *metric = metric_named ("http", NULL, counts[c], "calls_per_s");
          double ours = 0, best = 0;
          gboolean have = report_value (report, metric, report->ours, eras[e], &ours) &&
                          report_best_ts (report, metric, eras[e], &best, NULL);
          g_autofree char *target = g_strdup_printf ("HTTP, %u connections ≥ 5× the faster TS peer's requests/s",
                                                     counts[c]);

          report_target (target, eras[e], have, ours >= 5 * best, "%.1f×", best > 0 ? ours / best : 0);
        }
    }

  /* What the modern wire costs us over the legacy one. */
  if (stdio)
  {
    const guint windows[] = { 1, 16, 256 };

    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      {
        const Metric *metric = metric_named ("add", NULL, windows[w], "calls_per_s");
        double legacy = 0, modern = 0;
        gboolean have = report_value (report, metric, report->ours, "legacy", &legacy) &&
                        report_value (report, metric, report->ours, "modern", &modern);
        g_autofree char *target = g_strdup_printf ("modern costs ≤ 10 %% over legacy, window %u", windows[w]);
        double cost = modern > 0 ? legacy / modern - 1 : 0;

        report_target (target, "both", have, cost <= 0.10, "%+.1f %% time per call", 100 * cost);
      }
  }
}

static void
report_generator (Report *report)
{
  const char *eras[] = { "legacy", "modern" };

  printf ("\n### The load generator against the ceiling\n\n"
           "| era | window | ceiling calls/s | generator CPU µs/call | generator busy | generator alone could do |\n"
           "|---|---:|---:|---:|---:|---:|\n");
  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    for (guint w = 0; w < 3; w++)
      {
        const gint64 windows[] = { 1, 16, 256 };
        JsonObject *record = report_find (report, report->ceiling, eras[e], "add", NULL, "window", windows[w]);
        double rate, cpu, util;
        g_autofree char *rate_text = NULL;
        g_autofree char *alone_text = NULL;

        if (record == NULL)
          continue;
        rate = json_object_get_double_member_with_default (record, "calls_per_s", 0);
        cpu = json_object_get_double_member_with_default (record, "client_cpu_us_per_call", 0);
        util = json_object_get_double_member_with_default (record, "client_cpu_util", 0);
        rate_text = format_number (0, rate);
        alone_text = format_number (0, cpu > 0 ? 1e6 / cpu : 0);
        printf ("| %s | %" G_GINT64_FORMAT " | %s | %.2f | %.0f %% of a core | %s calls/s |\n",
                 eras[e], windows[w], rate_text, cpu, 100 * util, alone_text);
      }
}

static void
report_http_generator (Report *report)
{
  const char *eras[] = { "legacy", "modern" };
  const gint64 counts[] = { 1, 16, 64 };

  printf ("\n### The HTTP load generator against the HTTP ceiling\n\n"
           "| era | connections | ceiling requests/s | generator CPU µs/request | generator busy | generator alone could do |\n"
           "|---|---:|---:|---:|---:|---:|\n");
  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      {
        JsonObject *record = report_find (report, report->ceiling, eras[e], "http", NULL, "connections", counts[c]);
        double rate, cpu, util;
        g_autofree char *rate_text = NULL;
        g_autofree char *alone_text = NULL;

        if (record == NULL)
          continue;
        rate = json_object_get_double_member_with_default (record, "calls_per_s", 0);
        cpu = json_object_get_double_member_with_default (record, "client_cpu_us_per_call", 0);
        util = json_object_get_double_member_with_default (record, "client_cpu_util", 0);
        rate_text = format_number (0, rate);
        alone_text = format_number (0, cpu > 0 ? 1e6 / cpu : 0);
        printf ("| %s | %" G_GINT64_FORMAT " | %s | %.2f | %.0f %% of a core | %s requests/s |\n",
                 eras[e], counts[c], rate_text, cpu, 100 * util, alone_text);
      }
}

static gboolean
report_has (Report     *report,
            const char *bench)
{
  for (guint i = 0; i < report->records->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (report->records, i), "bench", ""),
                   bench) == 0)
      return TRUE;
  return FALSE;
}

static void
report_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = "unknown";
  g_autofree char *model_copy = NULL;
  struct utsname name;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *p = strstr (cpuinfo, "model name");

      if (p != NULL && (p = strchr (p, ':')) != NULL)
        {
          const char *end = strchr (p, '\n');

          model_copy = g_strstrip (g_strndup (p + 1, end ? (gsize)(end - p - 1) : strlen (p + 1)));
          model = model_copy;
        }
    }
  uname (&name);
  printf ("Machine: %u CPUs (nproc), %s, Linux %s %s\n", g_get_num_processors (), model,
           name.release, name.machine);
}

static int
run_report (const char *path,
            const char *ours,
            const char *ceiling)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  Report report = { 0 };

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      fprintf (stderr, "mcp-bench: %s\n", error->message);
      return 1;
    }
  report.records = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  report.servers = g_ptr_array_new_with_free_func (g_free);
  report.ours = (char *)ours;
  report.ceiling = (char *)ceiling;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *record;
      const char *server;
      gboolean known = FALSE;

      if (lines[i][0] != '{')
        continue;
      node = json_from_string (lines[i], NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      record = json_node_get_object (node);
      g_ptr_array_add (report.records, json_object_ref (record));
      server = json_object_get_string_member_with_default (record, "server", "?");
      for (guint s = 0; s < report.servers->len; s++)
        known |= g_str_equal (g_ptr_array_index (report.servers, s), server);
      if (!known)
        g_ptr_array_add (report.servers, g_strdup (server));
    }

  report_machine ();
  report_era (&report, "legacy", "", metrics, G_N_ELEMENTS (metrics));
  report_era (&report, "modern", "", metrics, G_N_ELEMENTS (metrics));
  if (report_has (&report, "http"))
    {
      report_era (&report, "legacy", "Streamable HTTP, `tools/call add`, ", http_metrics, G_N_ELEMENTS (http_metrics));
      report_era (&report, "modern", "Streamable HTTP, `tools/call add`, ", http_metrics, G_N_ELEMENTS (http_metrics));
    }
  report_targets (&report);
  if (report_has (&report, "add"))
    report_generator (&report);
  if (report_has (&report, "http"))
    report_http_generator (&report);

  printf ("\n“ours vs faster TS”: how many times better makemcp-glib is than the better of the TS\n"
          "peers (rates: ours ÷ theirs; times and memory: theirs ÷ ours). “ours vs ceiling”:\n"
          "makemcp-glib as a share of the hand-written ceiling program (100 %% = as good).\n"
          "Each figure is from the best round of its measurement (highest calls/s, shortest\n"
          "time) among the rounds whose every answer checked out. “—”: not measured, not\n"
          "supported, or every round failed a check (listed below).\n");

  {
    gboolean failed = FALSE;

    for (guint i = 0; i < report.records->len; i++)
      {
        JsonObject *record = g_ptr_array_index (report.records, i);

        if (!json_object_get_boolean_member_with_default (record, "ok", FALSE) &&
            json_object_get_boolean_member_with_default (record, "supported", TRUE))
          {
            if (!failed)
              printf ("\nFailed checks:\n\n");
            failed = TRUE;
            printf ("- %s %s %s: %s\n",
                     json_object_get_string_member_with_default (record, "server", "?"),
                     json_object_get_string_member_with_default (record, "era", "?"),
                     json_object_get_string_member_with_default (record, "bench", "?"),
                     json_object_get_string_member_with_default (record, "error", "?"));
          }
      }
  }

  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < report.records->len; i++)
      {
        JsonObject *record = g_ptr_array_index (report.records, i);
        char *key;

        if (json_object_get_boolean_member_with_default (record, "supported", TRUE))
          continue;
        key = g_strdup_printf ("%s does not speak the %s era (%s)",
                               json_object_get_string_member_with_default (record, "server", "?"),
                               json_object_get_string_member_with_default (record, "era", "?"),
                               json_object_get_string_member_with_default (record, "error", "?"));
        if (!g_hash_table_add (seen, key))
          continue;
        printf ("%s- %s\n", g_hash_table_size (seen) == 1 ? "\nNot supported:\n\n" : "", key);
      }
  }

  g_ptr_array_unref (report.records);
  g_ptr_array_unref (report.servers);
  return 0;
}

/* ------------------------------------------------------------------------ */

static void
print_rows (Bench *self)
{
  gsize width = 0;

  fprintf (stderr, "\n%s, %s era\n", self->options->label, era_name (self->options->era));
  for (guint i = 0; i < self->rows->len; i++)
    width = MAX (width, (gsize)g_utf8_strlen (((Row *)g_ptr_array_index (self->rows, i))->name, -1));
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gsize pad = width - (gsize)g_utf8_strlen (row->name, -1);

      fprintf (stderr, "  %s%*s  %s\n", row->name, (int)pad, "", row->value);
    }
}

static gboolean
bench_selected (const Options *options,
                const char    *bench)
{
  g_auto(GStrv) parts = g_strsplit (options->benches, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (g_strstrip (parts[i]), bench) || g_str_equal (parts[i], "all"))
      return TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *era = NULL;
  g_autofree char *report = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *ceiling = NULL;
  g_auto(Options) options = { 0 };
  g_auto(Bench) bench = { 0 };
  g_autofree char **option_argv = NULL;
  int option_argc = argc;
  const GOptionEntry entries[] = {
    { "era", 0, 0, G_OPTION_ARG_STRING, &era, "legacy (initialize) or modern (2026-07-28)", "ERA" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &options.label, "The server's name in the results", "NAME" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &options.variant, "A tag for these results (e.g. 10k-tools)", "TAG" },
    { "bench", 0, 0, G_OPTION_ARG_STRING, &options.benches,
      "What to measure: startup,add,sleep,list,mrtr or all (startup,add,sleep,mrtr; add over HTTP)", "LIST" },
    { "windows", 0, 0, G_OPTION_ARG_STRING, &options.windows, "Requests outstanding (1,16,256)", "LIST" },
    { "count", 0, 0, G_OPTION_ARG_INT64, &options.count, "Most calls per window (500000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &options.seconds, "Most seconds per window, list, MRTR (2)", "S" },
    { "warmup", 0, 0, G_OPTION_ARG_INT64, &options.warmup, "Calls before the add windows (5000)", "N" },
    { "sleep-counts", 0, 0, G_OPTION_ARG_STRING, &options.sleep_counts, "Concurrent sleeps (1000,10000)", "LIST" },
    { "sleep-ms", 0, 0, G_OPTION_ARG_INT, &options.sleep_ms, "How long each sleep is (200)", "MS" },
    { "startup-runs", 0, 0, G_OPTION_ARG_INT, &options.startup_runs, "Spawns for startup (5)", "N" },
    { "list-iterations", 0, 0, G_OPTION_ARG_INT, &options.list_iterations, "Most tools/list (50)", "N" },
    { "expect-tools", 0, 0, G_OPTION_ARG_INT, &options.expect_tools, "tools/list must give N tools", "N" },
    { "mrtr-iterations", 0, 0, G_OPTION_ARG_INT, &options.mrtr_iterations, "Most MRTR round trips (2000)", "N" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options.timeout, "Seconds to wait for late answers (30)", "S" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options.json_path, "Append the JSON lines to FILE", "FILE" },
    { "quiet-server", 0, 0, G_OPTION_ARG_NONE, &options.quiet_server, "Silence the server's stderr", NULL },
    { "url", 0, 0, G_OPTION_ARG_STRING, &options.url, "Drive the Streamable HTTP server at URL", "URL" },
    { "http", 0, 0, G_OPTION_ARG_NONE, &options.http,
      "COMMAND serves Streamable HTTP and prints its URL on its first line of output", NULL },
    { "http-client", 0, 0, G_OPTION_ARG_STRING, &options.http_client,
      "What carries the HTTP load: raw (our own HTTP/1.1 client) or soup (libsoup)", "CLIENT" },
    { "connections", 0, 0, G_OPTION_ARG_STRING, &options.connections,
      "HTTP: connections, one request outstanding on each (1,16,64)", "LIST" },
    { "server-pid", 0, 0, G_OPTION_ARG_INT, &options.server_pid, "With --url: the server's pid, for CPU and RSS", "PID" },
    { "tasks", 0, 0, G_OPTION_ARG_NONE, &options.tasks,
      "add, 2026-07-28: declare the tasks extension, so that each call becomes a task "
      "(bench-server --task-support), and check for task handles", NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report, "Print the table of the JSON lines in FILE", "FILE" },
    { "ours", 0, 0, G_OPTION_ARG_STRING, &ours, "--report: our server's label (makemcp-glib)", "NAME" },
    { "ceiling", 0, 0, G_OPTION_ARG_STRING, &ceiling, "--report: the ceiling's label (ceiling)", "NAME" },
    { NULL }
  };

  signal (SIGPIPE, SIG_IGN);

  options.count = 500000;
  options.seconds = 2;
  options.warmup = 5000;
  options.sleep_ms = 200;
  options.startup_runs = 5;
  options.list_iterations = 50;
  options.mrtr_iterations = 2000;
  options.timeout = 30;

  /* Everything after "--" is the server's command line. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        option_argc = i;
        options.command = &argv[i + 1];
        break;
      }
  option_argv = g_new0 (char *, option_argc + 1);
  memcpy (option_argv, argv, sizeof (char *) * option_argc);

  context = g_option_context_new ("-- COMMAND [ARG…]");
  g_option_context_set_summary (context, "Drives an MCP server over stdio or Streamable HTTP and measures it.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &option_argc, &option_argv, &error))
    {
      fprintf (stderr, "mcp-bench: %s\n", error->message);
      return 2;
    }

  if (report != NULL)
    return run_report (report, ours ? ours : "makemcp-glib", ceiling ? ceiling : "ceiling");

  /* Defaults, set after parsing: GOption drops a value it replaces. */
  if (options.windows == NULL)
    options.windows = g_strdup ("1,16,256");
  if (options.connections == NULL)
    options.connections = g_strdup ("1,16,64");
  if (options.sleep_counts == NULL)
    options.sleep_counts = g_strdup ("1000,10000");

  if (options.benches == NULL)
    options.benches = g_strdup (options.url != NULL || options.http ? "add" : "startup,add,sleep,mrtr");
  if (options.http_client == NULL)
    options.http_client = g_strdup ("raw");
  if (!g_str_equal (options.http_client, "raw") && !g_str_equal (options.http_client, "soup"))
    {
      fprintf (stderr, "mcp-bench: --http-client is raw or soup\n");
      return 2;
    }
  if (options.url != NULL || options.http)
    {
      g_auto(GStrv) parts = g_strsplit (options.benches, ",", -1);

      if (options.url != NULL && options.http)
        {
          fprintf (stderr, "mcp-bench: --url and --http exclude each other\n");
          return 2;
        }
      for (guint i = 0; parts[i] != NULL; i++)
        if (!g_str_equal (g_strstrip (parts[i]), "add") && !g_str_equal (parts[i], "startup"))
          {
            fprintf (stderr, "mcp-bench: over HTTP, --bench is add or startup\n");
            return 2;
          }
      if (options.url != NULL && bench_selected (&options, "startup"))
        {
          fprintf (stderr, "mcp-bench: startup needs a command to spawn, not --url\n");
          return 2;
        }
    }
  if (options.url == NULL && (options.command == NULL || options.command[0] == NULL))
    {
      fprintf (stderr, "mcp-bench: give the server's command line after --\n");
      return 2;
    }
  if (era == NULL || g_str_equal (era, "legacy"))
    options.era = ERA_LEGACY;
  else if (g_str_equal (era, "modern"))
    options.era = ERA_MODERN;
  else
    {
      fprintf (stderr, "mcp-bench: --era is legacy or modern\n");
      return 2;
    }
  if (options.tasks && options.era != ERA_MODERN)
    {
      fprintf (stderr, "mcp-bench: --tasks needs --era modern (tasks are a 2026-07-28 extension)\n");
      return 2;
    }
  if (options.count < 1 || options.seconds <= 0 || options.startup_runs < 1 ||
      options.list_iterations < 1 || options.mrtr_iterations < 1 || options.sleep_ms < 0 ||
      options.warmup < 0 || options.timeout <= 0)
    {
      fprintf (stderr, "mcp-bench: counts and times must be positive\n");
      return 2;
    }
  if (options.label == NULL)
    options.label = options.url != NULL ? g_strdup (options.url) : g_path_get_basename (options.command[0]);

  bench.options = &options;
  bench.out = g_string_sized_new (1024 * 1024);
  bench.rows = g_ptr_array_new_with_free_func (row_free);
  bench.next_id = 1;
  bench.meta = g_string_new (NULL);
  bench.meta_elicit = g_string_new (NULL);
  if (options.era == ERA_MODERN)
    {
      g_string_append (bench.meta, "," ENVELOPE_PREFIX NO_CAPABILITIES "}");
      g_string_append (bench.meta_elicit, "," ENVELOPE_PREFIX ELICIT_CAPABILITIES "}");
    }
  build_add_templates (&bench);

  bench.json = stdout;
  if (options.json_path != NULL)
    {
      bench.json = fopen (options.json_path, "a");
      if (bench.json == NULL)
        {
          fprintf (stderr, "mcp-bench: cannot open %s: %s\n", options.json_path, g_strerror (errno));
          return 2;
        }
    }

  /* A server that does not speak the era at all is reported once. */
  if (bench_selected (&options, "startup"))
    run_startup (&bench);
  if (!bench.unsupported && bench_selected (&options, "add"))
    run_add (&bench);
  if (!bench.unsupported && bench_selected (&options, "sleep"))
    run_sleep (&bench);
  if (!bench.unsupported && bench_selected (&options, "list"))
    run_list (&bench);
  if (!bench.unsupported && bench_selected (&options, "mrtr"))
    run_mrtr (&bench);

  print_rows (&bench);
  if (bench.notifications > 0)
    fprintf (stderr, "  (%" G_GUINT64_FORMAT " notifications from the server were ignored)\n", bench.notifications);

  if (bench.json != stdout)
    fclose (bench.json);

  if (bench.unsupported)
    return EXIT_UNSUPPORTED;
  if (server_failures > 0)
    fprintf (stderr, "mcp-bench: %u server process%s exited with an error\n",
             server_failures, server_failures == 1 ? "" : "es");
  return bench.any_failure || server_failures > 0 ? 1 : 0;
}
