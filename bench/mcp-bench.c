/* mcp-bench.c — a load generator for MCP servers, in either protocol era
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mcp-bench [OPTION…] -- COMMAND [ARG…]     drive the server COMMAND
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
 *            peak RSS under that load (VmHWM)
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
 * The transport sits behind a small driver interface (DriverClass): the
 * stdio driver spawns the server; the Streamable HTTP driver (--url)
 * talks to one that runs already (or to a proxy in front of several):
 * send() splits the lines it is given and POSTs each one (with
 * Mcp-Method, Mcp-Name and MCP-Protocol-Version for 2026-07-28,
 * Mcp-Session-Id after a legacy initialize) on a pool of --connections
 * keep-alive connections, and hands every JSON (or SSE `data:`) answer to
 * bench_message(); get_pid() comes from --server-pid for the CPU and RSS
 * figures. Over HTTP, "startup" is the time to the first answer of a
 * server that runs already.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
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
  int        connections;
  int        server_pid;
  gboolean   tasks;
  gboolean   quiet_server;
  char     **command;
} Options;

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

static void
stdio_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
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
  gboolean exited = FALSE;

  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  if (self->process == NULL)
    return;

  g_output_stream_close (g_subprocess_get_stdin_pipe (self->process), NULL, NULL);
  g_input_stream_close (g_subprocess_get_stdout_pipe (self->process), NULL, NULL);
  g_subprocess_wait_async (self->process, NULL, stdio_wait_cb, &exited);
  if (!iterate_until (&exited, now_ns () + 2 * G_GINT64_CONSTANT (1000000000)))
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      if (!iterate_until (&exited, now_ns () + G_GINT64_CONSTANT (1000000000)))
        {
          g_subprocess_force_exit (self->process);
          iterate_until (&exited, now_ns () + 5 * G_GINT64_CONSTANT (1000000000));
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

/* The Streamable HTTP driver (--url): every line is POSTed on its own, on
 * a pool of --connections keep-alive HTTP/1.1 connections (one request at
 * a time on each; lines wait for a free connection). Answers are JSON
 * bodies (Content-Length or chunked) or event streams, whose events are
 * handed over as they arrive (a legacy server's request to the client
 * comes on the stream of the call waiting for it). 2026-07-28 requests
 * carry MCP-Protocol-Version, Mcp-Method and Mcp-Name; legacy ones the
 * Mcp-Session-Id that initialize gave. Plain sockets and a small parser,
 * like the stdio driver: the generator must stay cheap. */

typedef struct _HttpDriver HttpDriver;

typedef struct
{
  HttpDriver *driver;
  int         fd;
  guint       read_id;
  guint       write_id;
  GByteArray *out;
  gsize       out_offset;
  GByteArray *in;
  gboolean    busy;
  /* the answer being read */
  gboolean    headers_done;
  int         status;
  gboolean    chunked;
  gint64      content_length;   /* -1: none given */
  gint64      chunk_left;       /* -1: a size line is next; -2: the CRLF after a chunk */
  gboolean    event_stream;
  gboolean    keep_alive;
  GString    *body;
} HttpConnection;

struct _HttpDriver
{
  Driver      parent;
  char       *host;
  guint       port;
  char       *path;
  char       *authority;
  int         server_pid;
  guint       n_connections;
  GPtrArray  *connections;
  GQueue      waiting;          /* char *: lines that wait for a connection */
  char       *session_id;
  gboolean    modern;
};

static void http_issue_next (HttpConnection *self);

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
http_connection_close (HttpConnection *self)
{
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  self->busy = FALSE;
}

static gboolean http_readable_cb (int          fd,
                                  GIOCondition condition,
                                  gpointer     user_data);

static gboolean
http_connection_open (HttpConnection  *self,
                      GError         **error)
{
  HttpDriver *driver = self->driver;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  struct sockaddr_storage native;
  int one = 1;

  connectable = g_network_address_new (driver->host, (guint16)driver->port);
  enumerator = g_socket_connectable_enumerate (connectable);
  address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no address", driver->host);
      return FALSE;
    }
  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;

  self->fd = socket (native.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (self->fd < 0 ||
      connect (self->fd, (struct sockaddr *)&native, g_socket_address_get_native_size (address)) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "connecting to %s:%u: %s",
                   driver->host, driver->port, g_strerror (errno));
      http_connection_close (self);
      return FALSE;
    }
  setsockopt (self->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!g_unix_set_fd_nonblocking (self->fd, TRUE, error))
    return FALSE;

  self->read_id = fd_watch (self->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, http_readable_cb, self);
  return TRUE;
}

static void
http_connection_free (HttpConnection *self)
{
  http_connection_close (self);
  g_byte_array_unref (self->out);
  g_byte_array_unref (self->in);
  g_string_free (self->body, TRUE);
  g_free (self);
}

/* The string value of the first "member":"…" at or after @from. */
static Span
http_find_string (const char *line,
                  gsize       length,
                  const char *member,
                  const char *from)
{
  const char *end = line + length;
  const char *p = from != NULL ? from : line;
  gsize member_length = strlen (member);
  Span span = { NULL, NULL };

  while ((p = memmem (p, (gsize)(end - p), member, member_length)) != NULL)
    {
      const char *q = p + member_length;

      while (q < end && (*q == ' ' || *q == ':'))
        q++;
      if (q < end && *q == '"')
        {
          const char *close = memchr (q + 1, '"', (gsize)(end - q - 1));

          if (close != NULL)
            {
              span.start = q + 1;
              span.end = close;
            }
          return span;
        }
      p = q;
    }
  return span;
}

static gboolean
http_writable_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data);

static void
http_flush (HttpConnection *self)
{
  while (self->out_offset < self->out->len)
    {
      gssize n = write (self->fd, self->out->data + self->out_offset, self->out->len - self->out_offset);

      if (n > 0)
        self->out_offset += (gsize)n;
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        {
          if (self->write_id == 0)
            self->write_id = fd_watch (self->fd, G_IO_OUT | G_IO_ERR, http_writable_cb, self);
          return;
        }
      else
        {
          http_lost (self->driver, "writing to the server failed");
          return;
        }
    }
  g_byte_array_set_size (self->out, 0);
  self->out_offset = 0;
}

static gboolean
http_writable_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  HttpConnection *self = user_data;

  self->write_id = 0;
  http_flush (self);
  return G_SOURCE_REMOVE;
}

static void
http_issue (HttpConnection *self,
            const char     *line,
            gsize           length)
{
  HttpDriver *driver = self->driver;
  g_autoptr(GString) head = g_string_sized_new (512);

  if (self->fd < 0)
    {
      g_autoptr(GError) error = NULL;

      if (!http_connection_open (self, &error))
        {
          http_lost (driver, error->message);
          return;
        }
    }

  g_string_append_printf (head,
                          "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                          "Accept: application/json, text/event-stream\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n",
                          driver->path, driver->authority, length);
  if (driver->modern)
    {
      Span method = http_find_string (line, length, "\"method\"", NULL);
      const char *params = memmem (line, length, "\"params\"", 8);

      g_string_append (head, "MCP-Protocol-Version: " MODERN_VERSION "\r\n");
      if (span_is_set (method))
        {
          gsize method_length = span_length (method);
          const char *member = NULL;

          g_string_append (head, "Mcp-Method: ");
          g_string_append_len (head, method.start, (gssize)method_length);
          g_string_append (head, "\r\n");
          if ((method_length == 10 && memcmp (method.start, "tools/call", 10) == 0) ||
              (method_length == 11 && memcmp (method.start, "prompts/get", 11) == 0))
            member = "\"name\"";
          else if (method_length == 14 && memcmp (method.start, "resources/read", 14) == 0)
            member = "\"uri\"";
          else if (method_length > 6 && memcmp (method.start, "tasks/", 6) == 0)
            member = "\"taskId\"";
          if (member != NULL && params != NULL)
            {
              Span name = http_find_string (line, length, member, params);

              if (span_is_set (name))
                {
                  g_string_append (head, "Mcp-Name: ");
                  g_string_append_len (head, name.start, (gssize)span_length (name));
                  g_string_append (head, "\r\n");
                }
            }
        }
    }
  else
    {
      g_string_append (head, "MCP-Protocol-Version: " LEGACY_VERSION "\r\n");
      if (driver->session_id != NULL)
        g_string_append_printf (head, "Mcp-Session-Id: %s\r\n", driver->session_id);
    }
  g_string_append (head, "\r\n");

  self->busy = TRUE;
  self->headers_done = FALSE;
  self->status = 0;
  self->chunked = FALSE;
  self->content_length = -1;
  self->chunk_left = -1;
  self->event_stream = FALSE;
  self->keep_alive = TRUE;
  g_string_truncate (self->body, 0);

  g_byte_array_append (self->out, (const guint8 *)head->str, (guint)head->len);
  g_byte_array_append (self->out, (const guint8 *)line, (guint)length);
  if (self->write_id == 0)
    http_flush (self);
}

/* Whole events of an event stream go to the bench as they arrive. */
static void
http_events (HttpConnection *self,
             gboolean        all,
             gint64          now)
{
  gsize start = 0;

  for (;;)
    {
      const char *text = self->body->str + start;
      const char *end = strstr (text, "\n\n");
      const char *p;

      if (end == NULL)
        {
          if (!all || *text == '\0')
            break;
          end = self->body->str + self->body->len;
        }

      for (p = text; p < end;)
        {
          const char *eol = memchr (p, '\n', (gsize)(end - p));
          const char *line_end = eol != NULL ? eol : end;

          if (line_end - p >= 5 && memcmp (p, "data:", 5) == 0)
            {
              const char *data = p + 5;

              while (data < line_end && *data == ' ')
                data++;
              if (line_end > data)
                bench_message (self->driver->parent.bench, data, (gsize)(line_end - data), now);
            }
          p = line_end + 1;
        }

      start = (gsize)(end - self->body->str) + (end < self->body->str + self->body->len ? 2 : 0);
      if (start >= self->body->len)
        break;
    }

  g_string_erase (self->body, 0, (gssize)MIN (start, self->body->len));
}

static void
http_body (HttpConnection *self,
           const char     *data,
           gsize           length,
           gint64          now)
{
  g_string_append_len (self->body, data, (gssize)length);
  if (self->event_stream)
    http_events (self, FALSE, now);
}

static void
http_complete (HttpConnection *self,
               gint64          now)
{
  HttpDriver *driver = self->driver;

  if (self->event_stream)
    http_events (self, TRUE, now);
  else if (self->body->len > 0)
    bench_message (driver->parent.bench, self->body->str, self->body->len, now);
  else if (self->status >= 300)
    {
      g_autofree char *why = g_strdup_printf ("HTTP status %d with no body", self->status);

      bench_closed (driver->parent.bench, why);
    }

  self->busy = FALSE;
  g_string_truncate (self->body, 0);
  if (!self->keep_alive)
    http_connection_close (self);
}

/* Parses the status line and the headers; FALSE until they are all in. */
static gboolean
http_headers (HttpConnection *self,
              gsize          *consumed)
{
  const char *data = (const char *)self->in->data;
  const char *end = g_strstr_len (data, self->in->len, "\r\n\r\n");
  g_auto(GStrv) lines = NULL;

  if (end == NULL)
    return FALSE;

  {
    g_autofree char *head = g_strndup (data, (gsize)(end - data));

    lines = g_strsplit (head, "\r\n", -1);
  }
  *consumed = (gsize)(end - data) + 4;

  if (lines[0] == NULL || sscanf (lines[0], "HTTP/1.%*d %d", &self->status) != 1)
    self->status = 0;
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      char *value;

      if (colon == NULL)
        continue;
      *colon = '\0';
      value = g_strstrip (colon + 1);
      if (g_ascii_strcasecmp (lines[i], "Content-Length") == 0)
        self->content_length = g_ascii_strtoll (value, NULL, 10);
      else if (g_ascii_strcasecmp (lines[i], "Transfer-Encoding") == 0)
        self->chunked = g_ascii_strcasecmp (value, "chunked") == 0;
      else if (g_ascii_strcasecmp (lines[i], "Content-Type") == 0)
        self->event_stream = g_str_has_prefix (value, "text/event-stream");
      else if (g_ascii_strcasecmp (lines[i], "Connection") == 0)
        self->keep_alive = g_ascii_strcasecmp (value, "close") != 0;
      else if (g_ascii_strcasecmp (lines[i], "Mcp-Session-Id") == 0 && self->driver->session_id == NULL)
        self->driver->session_id = g_strdup (value);
    }

  self->headers_done = TRUE;
  return TRUE;
}

static gboolean
http_readable_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  HttpConnection *self = user_data;
  HttpDriver *driver = self->driver;
  gboolean eof = FALSE;
  gsize offset = 0;
  gint64 now;

  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        {
          g_byte_array_append (self->in, buffer, (guint)n);
          if ((gsize)n < sizeof buffer)
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
  while (self->busy && offset < self->in->len)
    {
      const char *data = (const char *)self->in->data + offset;
      gsize available = self->in->len - offset;

      if (!self->headers_done)
        {
          gsize consumed = 0;

          /* the parser wants the headers at the start */
          if (offset > 0)
            {
              g_byte_array_remove_range (self->in, 0, (guint)offset);
              offset = 0;
            }
          if (!http_headers (self, &consumed))
            break;
          offset = consumed;
          if (!self->chunked && self->content_length <= 0 &&
              (self->content_length == 0 || self->status == 202 || self->status == 204))
            http_complete (self, now);
          continue;
        }

      if (self->chunked)
        {
          if (self->chunk_left == -2)
            {
              if (available < 2)
                break;
              offset += 2;
              self->chunk_left = -1;
            }
          else if (self->chunk_left == -1)
            {
              const char *eol = g_strstr_len (data, (gssize)available, "\r\n");
              gint64 size;

              if (eol == NULL)
                break;
              size = g_ascii_strtoll (data, NULL, 16);
              offset += (gsize)(eol - data) + 2;
              if (size == 0)
                {
                  /* the last chunk, then an empty line (no trailers) */
                  if (self->in->len - offset < 2)
                    {
                      offset -= (gsize)(eol - data) + 2;
                      break;
                    }
                  offset += 2;
                  http_complete (self, now);
                }
              else
                self->chunk_left = size;
            }
          else
            {
              gsize take = MIN (available, (gsize)self->chunk_left);

              http_body (self, data, take, now);
              offset += take;
              self->chunk_left -= (gint64)take;
              if (self->chunk_left == 0)
                self->chunk_left = -2;
            }
        }
      else if (self->content_length >= 0)
        {
          gsize take = MIN (available, (gsize)self->content_length - self->body->len);

          g_string_append_len (self->body, data, (gssize)take);
          offset += take;
          if (self->body->len >= (gsize)self->content_length)
            http_complete (self, now);
        }
      else
        {
          /* no length: the body ends with the connection */
          http_body (self, data, available, now);
          offset += available;
          self->keep_alive = FALSE;
        }

      if (!self->busy)
        http_issue_next (self);
    }
  if (offset > 0)
    g_byte_array_remove_range (self->in, 0, (guint)MIN (offset, self->in->len));

  if (eof)
    {
      if (self->busy && self->headers_done && !self->chunked && self->content_length < 0)
        http_complete (self, now);
      else if (self->busy)
        http_lost (driver, "the server closed a connection before answering");
      self->read_id = 0;
      http_connection_close (self);
      g_byte_array_set_size (self->in, 0);
      bench_batch (driver->parent.bench, now);
      if (!driver->parent.closed)
        http_issue_next (self);
      return G_SOURCE_REMOVE;
    }

  bench_batch (driver->parent.bench, now);
  return G_SOURCE_CONTINUE;
}

/* A free connection takes the next line that waits. */
static void
http_issue_next (HttpConnection *self)
{
  g_autofree char *line = NULL;

  if (self->busy || self->driver->parent.closed)
    return;
  line = g_queue_pop_head (&self->driver->waiting);
  if (line != NULL)
    http_issue (self, line, strlen (line));
}

static HttpConnection *
http_add_connection (HttpDriver  *self,
                     GError     **error)
{
  HttpConnection *connection = g_new0 (HttpConnection, 1);

  connection->driver = self;
  connection->fd = -1;
  connection->out = g_byte_array_new ();
  connection->in = g_byte_array_new ();
  connection->body = g_string_sized_new (4096);
  g_ptr_array_add (self->connections, connection);
  if (!http_connection_open (connection, error))
    return NULL;
  return connection;
}

/* One connection to begin with; more as requests need them, up to
 * --connections (every watched socket costs the main loop some time). */
static gboolean
http_start (Driver  *driver,
            GError **error)
{
  return http_add_connection ((HttpDriver *)driver, error) != NULL;
}

static void
http_send (Driver     *driver,
           const char *data,
           gsize       length)
{
  HttpDriver *self = (HttpDriver *)driver;
  const char *end = data + length;
  guint next_free = 0;

  while (data < end && !driver->closed)
    {
      const char *newline = memchr (data, '\n', (gsize)(end - data));
      const char *line_end = newline != NULL ? newline : end;
      gsize line_length = (gsize)(line_end - data);
      HttpConnection *free_connection = NULL;

      for (; next_free < self->connections->len; next_free++)
        {
          HttpConnection *connection = g_ptr_array_index (self->connections, next_free);

          if (!connection->busy)
            {
              free_connection = connection;
              break;
            }
        }

      if (free_connection == NULL && self->connections->len < self->n_connections &&
          line_length > 0)
        {
          g_autoptr(GError) error = NULL;

          free_connection = http_add_connection (self, &error);
          if (free_connection == NULL)
            {
              http_lost (self, error->message);
              return;
            }
        }

      if (line_length > 0)
        {
          if (free_connection != NULL && self->waiting.length == 0)
            http_issue (free_connection, data, line_length);
          else
            g_queue_push_tail (&self->waiting, g_strndup (data, line_length));
        }
      data = line_end + 1;
    }
}

static int
http_get_pid (Driver *driver)
{
  return ((HttpDriver *)driver)->server_pid;
}

static void
http_stop (Driver *driver)
{
  HttpDriver *self = (HttpDriver *)driver;

  for (guint i = 0; i < self->connections->len; i++)
    http_connection_close (g_ptr_array_index (self->connections, i));
  driver->closed = TRUE;
}

static void
http_free (Driver *driver)
{
  HttpDriver *self = (HttpDriver *)driver;

  http_stop (driver);
  g_ptr_array_unref (self->connections);
  g_queue_clear_full (&self->waiting, g_free);
  g_free (self->host);
  g_free (self->path);
  g_free (self->authority);
  g_free (self->session_id);
  g_free (self);
}

static const DriverClass http_driver_class = {
  "http",
  http_start,
  http_send,
  http_get_pid,
  http_stop,
  http_free,
};

static Driver *
http_driver_new (Bench       *bench,
                 const char  *url,
                 guint        n_connections,
                 int          server_pid,
                 gboolean     modern,
                 GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, error);
  HttpDriver *self;

  if (uri == NULL)
    return NULL;
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an http:// URL: %s", url);
      return NULL;
    }

  self = g_new0 (HttpDriver, 1);
  self->parent.klass = &http_driver_class;
  self->parent.bench = bench;
  self->host = g_strdup (g_uri_get_host (uri));
  self->port = g_uri_get_port (uri) > 0 ? (guint)g_uri_get_port (uri) : 80;
  self->path = g_strdup (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");
  self->authority = strchr (self->host, ':') != NULL
                    ? g_strdup_printf ("[%s]:%u", self->host, self->port)
                    : g_strdup_printf ("%s:%u", self->host, self->port);
  self->server_pid = server_pid;
  self->n_connections = MAX (n_connections, 1);
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify)http_connection_free);
  g_queue_init (&self->waiting);
  self->modern = modern;
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

  if (self->options->url != NULL)
    {
      self->driver = http_driver_new (self, self->options->url, (guint)self->options->connections,
                                      self->options->server_pid,
                                      self->options->era == ERA_MODERN, &error);
      if (self->driver == NULL)
        {
          bench_fail (self, "%s", error->message);
          return FALSE;
        }
    }
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
  *unsupported = connect.unsupported;
  self->unsupported |= connect.unsupported;
  if (self->failure != NULL)
    return FALSE;

  if (self->options->era == ERA_LEGACY)
    {
      static const char initialized[] = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

      bench_send (self, initialized, sizeof initialized - 1);
    }

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
                              a, b, self->meta->str);
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

  /* --tasks: each call answers with the handle of a task it became */
  if (self->options->tasks)
    {
      if (!span_is_set (scan->result) || !SPAN_CONTAINS (scan->result, "\"resultType\":\"task\"") ||
          !SPAN_CONTAINS (scan->result, "\"taskId\":\""))
        {
          g_autofree char *copy = excerpt (line, length);

          bench_fail (self, "not the handle of a task: %s", copy);
        }
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

      builder = record_begin (self, "add");
      record_int (builder, "window", window);
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

      name = g_strdup_printf ("tools/call add, window %u%s%s", window,
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
  g_autoptr(GArray) windows = parse_list (self->options->windows, "--windows");
  gint64 hwm, rss;
  GString *builder;

  if (!bench_connect_for (self, "add"))
    return FALSE;

  /* Warm up (JIT compilers, caches, allocator arenas). */
  if (self->options->warmup > 0)
    run_add_window (self, 16, (guint64)self->options->warmup, self->options->seconds, FALSE);

  for (guint i = 0; i < windows->len && !self->driver->closed; i++)
    run_add_window (self, (guint)g_array_index (windows, gint64, i),
                    (guint64)self->options->count, self->options->seconds, TRUE);

  reset_failures (self);
  read_memory (bench_pid (self), &hwm, &rss);
  builder = record_begin (self, "rss");
  record_int (builder, "hwm_kb", hwm);
  record_int (builder, "rss_kb", rss);
  record_end (self, builder, hwm > 0);
  add_row (self, "peak RSS under load (after add)", "%.1f MB (VmHWM), %.1f MB now (VmRSS)",
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

/* Which figure picks the best of several rounds of a measurement; every
 * figure shown then comes from that round. */
static const char *
primary_field (const char *bench,
               gboolean   *higher_is_better)
{
  *higher_is_better = FALSE;
  if (g_str_equal (bench, "add"))
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
report_era (Report     *report,
            const char *era)
{
  GString *line = g_string_new (NULL);

  printf ("\n### %s era%s\n\n", era,
           g_str_equal (era, "modern") ? " (2026-07-28, server/discover, _meta on every request)"
                                       : " (initialize, 2025-11-25)");
  g_string_append (line, "| measurement |");
  for (guint s = 0; s < report->servers->len; s++)
    g_string_append_printf (line, " %s |", (char *)g_ptr_array_index (report->servers, s));
  g_string_append (line, " ours vs faster TS | ours vs ceiling |");
  printf ("%s\n|---|", line->str);
  for (guint s = 0; s < report->servers->len + 2; s++)
    printf ("---:|");
  printf ("\n");

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      const Metric *metric = &metrics[m];
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
      printf ("%s\n", line->str);
    }
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

  printf ("\n### Targets (ratios within this run)\n\n"
           "| target | era | value | |\n|---|---|---|---|\n");

  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
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
  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      const Metric *plain = metric_named ("add", NULL, 16, "calls_per_s");
      const Metric *many = metric_named ("add", "10k-tools", 16, "calls_per_s");
      double few_rate = 0, many_rate = 0;
      gboolean have = report_value (report, plain, report->ours, eras[e], &few_rate) &&
                      report_value (report, many, report->ours, eras[e], &many_rate);

      report_target ("add with 10,000 tools within 10 % of add with 3 (window 16)", eras[e], have,
                     many_rate >= 0.9 * few_rate, "%.0f %%", few_rate > 0 ? 100 * many_rate / few_rate : 0);
    }

  report_target ("HTTP ≥ 5× the TS peers' requests/s at 16 and 64 connections", "both", FALSE, FALSE,
                 "%s", "");

  /* What the modern wire costs us over the legacy one. */
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
  report_era (&report, "legacy");
  report_era (&report, "modern");
  report_targets (&report);
  report_generator (&report);

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
  Options options = { 0 };
  Bench bench = { 0 };
  char **option_argv;
  int option_argc = argc;
  const GOptionEntry entries[] = {
    { "era", 0, 0, G_OPTION_ARG_STRING, &era, "legacy (initialize) or modern (2026-07-28)", "ERA" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &options.label, "The server's name in the results", "NAME" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &options.variant, "A tag for these results (e.g. 10k-tools)", "TAG" },
    { "bench", 0, 0, G_OPTION_ARG_STRING, &options.benches,
      "What to measure: startup,add,sleep,list,mrtr or all (startup,add,sleep,mrtr)", "LIST" },
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
    { "url", 0, 0, G_OPTION_ARG_STRING, &options.url,
      "Drive a server that runs there over Streamable HTTP instead of spawning one", "URL" },
    { "connections", 0, 0, G_OPTION_ARG_INT, &options.connections,
      "--url: HTTP connections, one request at a time on each (64)", "N" },
    { "server-pid", 0, 0, G_OPTION_ARG_INT, &options.server_pid,
      "--url: the server's process, for its CPU time and memory", "PID" },
    { "tasks", 0, 0, G_OPTION_ARG_NONE, &options.tasks,
      "add: declare the tasks extension (2026-07-28), so that each call becomes a task "
      "(bench-server --task-support)", NULL },
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
  options.connections = 64;
  options.server_pid = -1;

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
  g_option_context_set_summary (context, "Drives an MCP server over stdio and measures it.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &option_argc, &option_argv, &error))
    {
      fprintf (stderr, "mcp-bench: %s\n", error->message);
      return 2;
    }
  g_free (option_argv);

  /* Defaults set after parsing: GOption does not free what it replaces. */
  if (options.benches == NULL)
    options.benches = g_strdup ("startup,add,sleep,mrtr");
  if (options.windows == NULL)
    options.windows = g_strdup ("1,16,256");
  if (options.sleep_counts == NULL)
    options.sleep_counts = g_strdup ("1000,10000");

  if (report != NULL)
    {
      int status = run_report (report, ours ? ours : "makemcp-glib", ceiling ? ceiling : "ceiling");

      g_free (options.benches);
      g_free (options.windows);
      g_free (options.sleep_counts);
      return status;
    }

  if (options.url == NULL && (options.command == NULL || options.command[0] == NULL))
    {
      fprintf (stderr, "mcp-bench: give the server's command line after --, or --url\n");
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
  bench.rows = g_ptr_array_new ();
  bench.next_id = 1;
  bench.meta = g_string_new (NULL);
  bench.meta_elicit = g_string_new (NULL);
  if (options.tasks && options.era != ERA_MODERN)
    {
      fprintf (stderr, "mcp-bench: --tasks needs --era modern\n");
      return 2;
    }
  if (options.era == ERA_MODERN)
    {
      g_string_append (bench.meta, "," ENVELOPE_PREFIX);
      g_string_append (bench.meta, options.tasks ? TASKS_CAPABILITIES "}" : NO_CAPABILITIES "}");
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

  /* Everything freed, so that a leak checker sees only real leaks. */
  g_free (options.label);
  g_free (options.variant);
  g_free (options.benches);
  g_free (options.windows);
  g_free (options.sleep_counts);
  g_free (options.json_path);
  g_free (options.url);

  if (bench.unsupported)
    return EXIT_UNSUPPORTED;
  return bench.any_failure ? 1 : 0;
}
