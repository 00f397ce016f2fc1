/* ceiling.c — the least a stdio MCP server can do: the benchmarks' ceiling
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A hand-written program that answers the lines mcp-bench sends, without a
 * JSON library, without GLib, without a main loop: poll(), read(), a few
 * memmem() to pick out the id, the method and the arguments, and one
 * write() for every answer of a read. What it answers:
 *
 *   initialize                 a minimal InitializeResult (legacy era)
 *   server/discover            a minimal DiscoverResult (2026-07-28)
 *   tools/list                 add and sleep
 *   tools/call add {a, b}      the sum as text, the same bytes as
 *                              makemcp-glib's answer
 *   tools/call sleep {ms}      the same after ms milliseconds (a timer heap)
 *   ping                       {}
 *   notifications              nothing
 *   anything else              -32601
 *
 * A request carrying the 2026-07-28 `_meta` gets `resultType` and the
 * serverInfo `_meta` in its result, like any modern answer. Nothing is
 * validated: this is what the pipe and the kernel cost, the rate no real
 * server on this machine can beat with this client.
 *
 *   ceiling --http [127.0.0.1:]PORT
 *
 * serves the same answers over HTTP/1.1 instead, the ceiling for
 * Streamable HTTP: it listens on 127.0.0.1 (port 0 picks one), prints its
 * URL, and answers every POST whose body is a request with 200 and the
 * answer as a JSON body (`initialize` also gets an Mcp-Session-Id), and
 * every other POST with 202; one epoll set, keep-alive, every answer of a
 * read written with one write(). It looks at no header but Content-Length
 * and serves no sleep.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MODERN_KEY      "\"io.modelcontextprotocol/protocolVersion\""
#define SERVER_INFO     "{\"name\":\"ceiling\",\"version\":\"0.1.0\"}"
#define MODERN_SUFFIX   ",\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":" \
                        SERVER_INFO "}"
#define CACHE_FIELDS    ",\"ttlMs\":60000,\"cacheScope\":\"public\""
#define TOOLS_JSON \
  "[{\"name\":\"add\",\"description\":\"Add two integers and return the sum.\"," \
  "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}," \
  "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}}," \
  "{\"name\":\"sleep\",\"description\":\"Wait the given number of milliseconds.\"," \
  "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}," \
  "\"required\":[\"ms\"]}}]"

typedef struct
{
  char   *data;
  size_t  len;
  size_t  cap;
} Buffer;

typedef struct
{
  int64_t due_ns;
  int     modern;
  int64_t ms;
  char    id[32];
} Timer;

static Buffer  out;
static int     http_mode;
static Timer  *timers;
static size_t  n_timers;
static size_t  timers_cap;

static int64_t
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
buffer_reserve (Buffer *buffer,
                size_t  extra)
{
  if (buffer->len + extra <= buffer->cap)
    return;
  while (buffer->len + extra > buffer->cap)
    buffer->cap = buffer->cap ? buffer->cap * 2 : 65536;
  buffer->data = realloc (buffer->data, buffer->cap);
  if (buffer->data == NULL)
    abort ();
}

static void
put (const char *data,
     size_t      length)
{
  buffer_reserve (&out, length);
  memcpy (out.data + out.len, data, length);
  out.len += length;
}

#define PUT_LITERAL(s) put (s, sizeof (s) - 1)

static void
put_int (int64_t value)
{
  char text[24];
  int length = snprintf (text, sizeof text, "%" PRId64, value);

  put (text, (size_t)length);
}

static void
write_all (void)
{
  size_t done = 0;

  while (done < out.len)
    {
      ssize_t n = write (STDOUT_FILENO, out.data + done, out.len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        exit (0);   /* the client is gone */
      done += (size_t)n;
    }
  out.len = 0;
}

/* The value after "key": in [line, end), as a span; scalars end at , } ]
 * and strings at their closing quote. */
static const char *
find_value (const char  *line,
            const char  *end,
            const char  *key,
            size_t       key_length,
            size_t      *length)
{
  const char *p = memmem (line, (size_t)(end - line), key, key_length);
  const char *q;

  if (p == NULL)
    return NULL;
  p += key_length;
  while (p < end && (*p == ' ' || *p == ':'))
    p++;
  q = p;
  if (q < end && *q == '"')
    {
      q++;
      while (q < end && *q != '"')
        q += (*q == '\\') ? 2 : 1;
      q++;
    }
  else
    while (q < end && *q != ',' && *q != '}' && *q != ']' && *q != ' ')
      q++;
  if (q > end)
    return NULL;
  *length = (size_t)(q - p);
  return p;
}

#define FIND(line, end, key, length) find_value (line, end, key, sizeof (key) - 1, length)

static int64_t
parse_int (const char *p,
           size_t      length)
{
  int64_t value = 0;
  int negative = 0;
  size_t i = 0;

  if (length > 0 && p[0] == '-')
    negative = 1, i = 1;
  for (; i < length && p[i] >= '0' && p[i] <= '9'; i++)
    value = value * 10 + (p[i] - '0');
  return negative ? -value : value;
}

static void
put_head (const char *id,
          size_t      id_length)
{
  PUT_LITERAL ("{\"jsonrpc\":\"2.0\",\"id\":");
  put (id, id_length);
  PUT_LITERAL (",\"result\":{");
}

static void
answer_sleep (const char *id,
              size_t      id_length,
              int         modern,
              int64_t     ms)
{
  put_head (id, id_length);
  PUT_LITERAL ("\"content\":[{\"type\":\"text\",\"text\":\"Slept ");
  put_int (ms);
  PUT_LITERAL (" ms\"}]");
  if (modern)
    PUT_LITERAL (MODERN_SUFFIX);
  PUT_LITERAL ("}}\n");
}

/* A binary heap of timers, the earliest first. */
static void
timer_push (const Timer *timer)
{
  size_t i;

  if (n_timers == timers_cap)
    {
      timers_cap = timers_cap ? timers_cap * 2 : 1024;
      timers = realloc (timers, timers_cap * sizeof *timers);
      if (timers == NULL)
        abort ();
    }
  i = n_timers++;
  while (i > 0 && timers[(i - 1) / 2].due_ns > timer->due_ns)
    {
      timers[i] = timers[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  timers[i] = *timer;
}

static void
timer_pop (void)
{
  Timer last = timers[--n_timers];
  size_t i = 0;

  for (;;)
    {
      size_t child = 2 * i + 1;

      if (child >= n_timers)
        break;
      if (child + 1 < n_timers && timers[child + 1].due_ns < timers[child].due_ns)
        child++;
      if (timers[child].due_ns >= last.due_ns)
        break;
      timers[i] = timers[child];
      i = child;
    }
  if (n_timers > 0)
    timers[i] = last;
}

static void
fire_timers (void)
{
  int64_t now = now_ns ();

  while (n_timers > 0 && timers[0].due_ns <= now)
    {
      answer_sleep (timers[0].id, strlen (timers[0].id), timers[0].modern, timers[0].ms);
      timer_pop ();
    }
}

static void
handle_line (const char *line,
             size_t      length)
{
  const char *end = line + length;
  const char *method;
  const char *id;
  size_t method_length;
  size_t id_length;
  int modern;

  method = FIND (line, end, "\"method\"", &method_length);
  id = FIND (line, end, "\"id\"", &id_length);
  if (id == NULL)
    return;   /* a notification */
  if (method == NULL)
    return;   /* an answer to a request of ours: we send none */

  modern = memmem (line, length, MODERN_KEY, sizeof (MODERN_KEY) - 1) != NULL;

#define METHOD_IS(s) (method_length == sizeof (s) + 1 && memcmp (method + 1, s, sizeof (s) - 1) == 0)
  if (METHOD_IS ("tools/call"))
    {
      const char *arguments = memmem (line, length, "\"arguments\"", 11);
      const char *name;
      size_t name_length;

      name = FIND (line, end, "\"name\"", &name_length);
      if (arguments != NULL && name != NULL && name_length == 5 && memcmp (name, "\"add\"", 5) == 0)
        {
          const char *a, *b;
          size_t a_length, b_length;

          a = FIND (arguments, end, "\"a\"", &a_length);
          b = FIND (arguments, end, "\"b\"", &b_length);
          if (a != NULL && b != NULL)
            {
              put_head (id, id_length);
              PUT_LITERAL ("\"content\":[{\"type\":\"text\",\"text\":\"");
              put_int (parse_int (a, a_length) + parse_int (b, b_length));
              PUT_LITERAL ("\"}]");
              if (modern)
                PUT_LITERAL (MODERN_SUFFIX);
              PUT_LITERAL ("}}\n");
              return;
            }
        }
      else if (arguments != NULL && name != NULL && name_length == 7 &&
               memcmp (name, "\"sleep\"", 7) == 0)
        {
          size_t ms_length;
          const char *ms = FIND (arguments, end, "\"ms\"", &ms_length);

          if (ms != NULL && id_length < sizeof (((Timer *)NULL)->id) && !http_mode)
            {
              Timer timer = { 0 };

              timer.ms = parse_int (ms, ms_length);
              timer.due_ns = now_ns () + timer.ms * 1000000;
              timer.modern = modern;
              memcpy (timer.id, id, id_length);
              timer_push (&timer);
              return;
            }
        }
      PUT_LITERAL ("{\"jsonrpc\":\"2.0\",\"id\":");
      put (id, id_length);
      PUT_LITERAL (",\"error\":{\"code\":-32602,\"message\":\"Unknown tool or bad arguments\"}}\n");
    }
  else if (METHOD_IS ("initialize"))
    {
      put_head (id, id_length);
      PUT_LITERAL ("\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{\"listChanged\":true}},"
                   "\"serverInfo\":" SERVER_INFO "}}\n");
    }
  else if (METHOD_IS ("server/discover"))
    {
      put_head (id, id_length);
      PUT_LITERAL ("\"supportedVersions\":[\"2026-07-28\",\"2025-11-25\"],"
                   "\"capabilities\":{\"tools\":{\"listChanged\":true}}" CACHE_FIELDS MODERN_SUFFIX "}}\n");
    }
  else if (METHOD_IS ("tools/list"))
    {
      put_head (id, id_length);
      PUT_LITERAL ("\"tools\":" TOOLS_JSON);
      if (modern)
        PUT_LITERAL (CACHE_FIELDS MODERN_SUFFIX);
      PUT_LITERAL ("}}\n");
    }
  else if (METHOD_IS ("ping"))
    {
      put_head (id, id_length);
      PUT_LITERAL ("}}\n");
    }
  else
    {
      PUT_LITERAL ("{\"jsonrpc\":\"2.0\",\"id\":");
      put (id, id_length);
      PUT_LITERAL (",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}\n");
    }
#undef METHOD_IS
}

/* ------------------------------------------------------------------------ */
/* HTTP */

typedef struct
{
  int    fd;
  Buffer in;
  Buffer pending;   /* output the socket did not take yet */
} Conn;

static void
conn_close (int   epoll_fd,
            Conn *conn)
{
  epoll_ctl (epoll_fd, EPOLL_CTL_DEL, conn->fd, NULL);
  close (conn->fd);
  free (conn->in.data);
  free (conn->pending.data);
  free (conn);
}

/* Wraps what handle_line() put in out (one answer and a newline, or
 * nothing) in an HTTP response, appended to response. */
static void
http_respond (Buffer     *response,
              const char *body,
              size_t      body_length,
              int         is_initialize)
{
  char head[256];
  int length;

  if (out.len == 0)
    {
      static const char accepted[] = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";

      buffer_reserve (response, sizeof accepted);
      memcpy (response->data + response->len, accepted, sizeof accepted - 1);
      response->len += sizeof accepted - 1;
      return;
    }
  length = snprintf (head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %zu\r\n\r\n",
                     is_initialize ? "Mcp-Session-Id: 0123456789abcdef0123456789abcdef\r\n" : "",
                     out.len - 1);
  buffer_reserve (response, (size_t)length + out.len);
  memcpy (response->data + response->len, head, (size_t)length);
  response->len += (size_t)length;
  memcpy (response->data + response->len, out.data, out.len - 1);
  response->len += out.len - 1;
  out.len = 0;
  (void)body;
  (void)body_length;
}

/* Answers every complete request in conn->in; returns -1 when the
 * connection must close. */
static int
http_serve (Conn   *conn,
            Buffer *response)
{
  size_t start = 0;

  for (;;)
    {
      char *head = conn->in.data + start;
      size_t available = conn->in.len - start;
      char *head_end = memmem (head, available, "\r\n\r\n", 4);
      size_t head_length, content_length = 0;
      const char *p;

      if (head_end == NULL)
        break;
      head_length = (size_t)(head_end + 4 - head);
      for (p = head; p < head_end; p++)
        {
          p = memchr (p, '\n', (size_t)(head_end - p));
          if (p == NULL)
            break;
          if (head_end - p > 16 && strncasecmp (p + 1, "content-length:", 15) == 0)
            content_length = strtoul (p + 16, NULL, 10);
        }
      if (available < head_length + content_length)
        break;
      if (strncmp (head, "POST ", 5) != 0)
        return -1;

      {
        const char *body = head + head_length;
        size_t method_length;
        const char *method = FIND (body, body + content_length, "\"method\"", &method_length);
        int is_initialize = method != NULL && method_length == 12 && memcmp (method, "\"initialize\"", 12) == 0;

        handle_line (body, content_length);
        http_respond (response, body, content_length, is_initialize);
      }
      start += head_length + content_length;
    }
  memmove (conn->in.data, conn->in.data + start, conn->in.len - start);
  conn->in.len -= start;
  return 0;
}

static int
http_flush (int   epoll_fd,
            Conn *conn)
{
  size_t done = 0;
  struct epoll_event event = { 0 };

  while (done < conn->pending.len)
    {
      ssize_t n = write (conn->fd, conn->pending.data + done, conn->pending.len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      if (n <= 0)
        return -1;
      done += (size_t)n;
    }
  memmove (conn->pending.data, conn->pending.data + done, conn->pending.len - done);
  conn->pending.len -= done;
  event.events = EPOLLIN | (conn->pending.len > 0 ? EPOLLOUT : 0);
  event.data.ptr = conn;
  epoll_ctl (epoll_fd, EPOLL_CTL_MOD, conn->fd, &event);
  return 0;
}

static int
serve_http (const char *address)
{
  const char *colon = strrchr (address, ':');
  struct sockaddr_in sin = { 0 };
  socklen_t length = sizeof sin;
  struct epoll_event event = { 0 };
  int one = 1;
  int listener, epoll_fd;
  long port;

  if (colon != NULL && strncmp (address, "127.0.0.1:", 10) != 0)
    {
      fprintf (stderr, "ceiling: --http listens on 127.0.0.1 only\n");
      return 2;
    }
  port = strtol (colon != NULL ? colon + 1 : address, NULL, 10);
  if (port < 0 || port > 65535)
    return 2;

  listener = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  setsockopt (listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sin.sin_family = AF_INET;
  sin.sin_port = htons ((uint16_t)port);
  sin.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (listener, (struct sockaddr *)&sin, sizeof sin) < 0 || listen (listener, SOMAXCONN) < 0 ||
      getsockname (listener, (struct sockaddr *)&sin, &length) < 0)
    {
      perror ("ceiling");
      return 1;
    }
  printf ("http://127.0.0.1:%u/mcp\n", ntohs (sin.sin_port));
  fflush (stdout);

  http_mode = 1;
  epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  event.events = EPOLLIN;
  event.data.ptr = NULL;
  epoll_ctl (epoll_fd, EPOLL_CTL_ADD, listener, &event);

  for (;;)
    {
      struct epoll_event events[256];
      int n = epoll_wait (epoll_fd, events, 256, -1);

      if (n < 0 && errno != EINTR)
        return 1;
      for (int i = 0; i < n; i++)
        {
          Conn *conn = events[i].data.ptr;
          Buffer response = { 0 };
          int closed = 0;

          if (conn == NULL)
            {
              int fd;

              while ((fd = accept4 (listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0)
                {
                  struct epoll_event add = { 0 };

                  conn = calloc (1, sizeof *conn);
                  if (conn == NULL)
                    abort ();
                  conn->fd = fd;
                  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                  add.events = EPOLLIN;
                  add.data.ptr = conn;
                  epoll_ctl (epoll_fd, EPOLL_CTL_ADD, fd, &add);
                }
              continue;
            }

          if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            for (;;)
              {
                ssize_t got;

                buffer_reserve (&conn->in, 65536);
                got = read (conn->fd, conn->in.data + conn->in.len, conn->in.cap - conn->in.len);
                if (got > 0)
                  {
                    conn->in.len += (size_t)got;
                    if ((size_t)got < conn->in.cap - (conn->in.len - (size_t)got))
                      break;
                    continue;
                  }
                if (got < 0 && errno == EINTR)
                  continue;
                if (got == 0 || errno != EAGAIN)
                  closed = 1;
                break;
              }
          if (!closed && conn->in.len > 0)
            {
              response = conn->pending;
              if (http_serve (conn, &response) < 0)
                closed = 1;
              conn->pending = response;
            }
          if (!closed && conn->pending.len > 0 && http_flush (epoll_fd, conn) < 0)
            closed = 1;
          if (closed)
            conn_close (epoll_fd, conn);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  Buffer in = { 0 };
  int eof = 0;

  signal (SIGPIPE, SIG_IGN);

  if (argc == 3 && strcmp (argv[1], "--http") == 0)
    return serve_http (argv[2]);
  if (argc != 1)
    {
      fprintf (stderr, "usage: ceiling [--http [127.0.0.1:]PORT]\n");
      return 2;
    }

  while (!eof || n_timers > 0)
    {
      struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
      int timeout = -1;

      if (n_timers > 0)
        {
          int64_t wait = timers[0].due_ns - now_ns ();

          timeout = wait <= 0 ? 0 : (int)((wait + 999999) / 1000000);
        }
      if (eof)
        pfd.fd = -1;

      if (poll (&pfd, 1, timeout) < 0 && errno != EINTR)
        return 1;

      if (pfd.revents != 0)
        {
          ssize_t n;
          size_t start = 0;
          char *newline;

          buffer_reserve (&in, 65536);
          n = read (STDIN_FILENO, in.data + in.len, in.cap - in.len);
          if (n < 0 && errno != EINTR && errno != EAGAIN)
            eof = 1;
          else if (n == 0)
            eof = 1;
          else if (n > 0)
            in.len += (size_t)n;

          while ((newline = memchr (in.data + start, '\n', in.len - start)) != NULL)
            {
              handle_line (in.data + start, (size_t)(newline - (in.data + start)));
              start = (size_t)(newline - in.data) + 1;
            }
          memmove (in.data, in.data + start, in.len - start);
          in.len -= start;
        }

      fire_timers ();
      if (out.len > 0)
        write_all ();
    }

  free (in.data);
  free (out.data);
  return 0;
}
