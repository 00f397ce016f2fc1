#!/bin/sh
# scale-out.sh — replicas of a makemcp-glib server behind nginx, sharing Redis
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   scale-out.sh [--replicas N] [--lease MS] SERVER [-- COMMAND [ARG...]]
#
# Starts, in a temporary folder and on free loopback ports: redis-server
# (append-only file on, so that a restart keeps the tasks), N replicas of
# SERVER (3 by default; any program whose main() ends with mcp_server_run(),
# such as examples/conformance-server) and nginx in front of them, from
# nginx.conf.in next to this script. Then it runs COMMAND with these in its
# environment, or, without a command, prints the URL and waits for Ctrl-C:
#
#   MCP_SCALE_URL          the endpoint, through nginx: http://127.0.0.1:PORT/mcp
#   MCP_SCALE_DIR          the temporary folder (logs: rN.log, redis.log, nginx-error.log)
#   MCP_SCALE_REPLICAS     the replica ids: r1 r2 r3
#   MCP_SCALE_REPLICA_URLS the replicas' own endpoints, in the same order
#   MCP_SCALE_REDIS_PORT   Redis' port; its configuration is $MCP_SCALE_DIR/redis.conf
#   MCP_SECRET_KEY         the key the replicas share (made up unless set)
#
# MCP_SCALE_NGINX_WORKERS sets nginx's worker_processes (1).
#
# Each process's id is in $MCP_SCALE_DIR/NAME.pid (r1.pid, redis.pid,
# nginx-master.pid); on exit (and on INT, TERM, HUP) the script stops every
# process named there, then removes the folder (MCP_SCALE_KEEP=1 keeps it).
# The exit status is COMMAND's, or 1 when something did not start.
#
# Needs redis-server and redis-cli (Debian: redis-server), nginx (Debian:
# nginx-light) and python3 (for free ports).

set -eu

replicas=3
lease=""
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="$2"; shift 2 ;;
    --lease) lease="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "scale-out: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done

if [ $# -lt 1 ]; then
  echo "usage: scale-out.sh [--replicas N] [--lease MS] SERVER [-- COMMAND [ARG...]]" >&2
  exit 2
fi
server="$1"
shift
if [ $# -gt 0 ] && [ "$1" = "--" ]; then
  shift
fi

here="$(cd "$(dirname "$0")" && pwd)"
template="$here/nginx.conf.in"
for program in redis-server redis-cli nginx python3; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "scale-out: $program is not installed" >&2
    exit 1
  fi
done

dir="$(mktemp -d "${TMPDIR:-/tmp}/mcp-scale-out.XXXXXX")"

# Stops whatever has a pid file, politely first, then for good.
stop_all() {
  status=$?
  trap - EXIT INT TERM HUP
  if [ -n "${sleeper:-}" ]; then
    kill "$sleeper" 2>/dev/null || true
  fi
  for pidfile in "$dir"/nginx-master.pid "$dir"/r*.pid "$dir"/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$dir"/nginx-master.pid "$dir"/r*.pid "$dir"/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -n "$pid" ] || continue
    tries=0
    while kill -0 "$pid" 2>/dev/null && [ $tries -lt 50 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${MCP_SCALE_KEEP:-0}" = "1" ]; then
    echo "scale-out: kept $dir" >&2
  else
    rm -rf "$dir"
  fi
  exit $status
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (at most 10 s) for a command to succeed.
wait_for() {
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ $tries -ge 100 ]; then
      return 1
    fi
    sleep 0.1
  done
}

# Redis, with an append-only file: a restart keeps the tasks.
redis_port="$(free_port)"
cat > "$dir/redis.conf" <<REDIS
port $redis_port
bind 127.0.0.1
protected-mode yes
daemonize no
dir $dir
pidfile $dir/redis.pid
logfile $dir/redis.log
save ""
appendonly yes
appendfsync everysec
REDIS
redis-server "$dir/redis.conf" &
echo $! > "$dir/redis.pid"
if ! wait_for redis-cli -p "$redis_port" ping; then
  echo "scale-out: redis-server did not start; $dir/redis.log says:" >&2
  cat "$dir/redis.log" >&2 || true
  exit 1
fi

if [ -z "${MCP_SECRET_KEY:-}" ]; then
  MCP_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
fi
export MCP_SECRET_KEY

# The replicas: each prints its URL (a free port) first.
replica_ids=""
replica_urls=""
all_replicas=""
each_replica=""
session_routes=""
i=1
while [ $i -le "$replicas" ]; do
  id="r$i"
  if [ -n "$lease" ]; then
    MCP_REDIS_URL="redis://127.0.0.1:$redis_port" MCP_REPLICA_ID="$id" \
      "$server" --http 127.0.0.1:0 --task-lease "$lease" > "$dir/$id.out" 2> "$dir/$id.log" &
  else
    MCP_REDIS_URL="redis://127.0.0.1:$redis_port" MCP_REPLICA_ID="$id" \
      "$server" --http 127.0.0.1:0 > "$dir/$id.out" 2> "$dir/$id.log" &
  fi
  echo $! > "$dir/$id.pid"
  if ! wait_for grep -q '^http://' "$dir/$id.out"; then
    echo "scale-out: replica $id did not start; $dir/$id.log says:" >&2
    cat "$dir/$id.log" >&2 || true
    exit 1
  fi
  url="$(head -n 1 "$dir/$id.out")"
  port="$(echo "$url" | sed -e 's|^http://127.0.0.1:\([0-9]*\)/.*|\1|')"
  echo "$url" > "$dir/$id.url"
  replica_ids="$replica_ids${replica_ids:+ }$id"
  replica_urls="$replica_urls${replica_urls:+ }$url"
  all_replicas="$all_replicas        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;\n"
  each_replica="$each_replica    upstream mcp_replica_$id { server 127.0.0.1:$port; keepalive 16; }\n"
  session_routes="$session_routes        \"~^$id\\\\.\" mcp_replica_$id;\n"
  i=$((i + 1))
done

# nginx, from the template
nginx_port="$(free_port)"
user_line=""
if [ "$(id -u)" = "0" ]; then
  user_line="user root;"   # the workers use the temporary folder
fi
sed -e "s|@DIR@|$dir|g" \
    -e "s|@PORT@|$nginx_port|g" \
    -e "s|@WORKERS@|${MCP_SCALE_NGINX_WORKERS:-1}|g" \
    -e "s|^@USER@\$|$user_line|" \
    -e "s|^@ALL_REPLICAS@\$|$all_replicas|" \
    -e "s|^@EACH_REPLICA@\$|$each_replica|" \
    -e "s|^@SESSION_ROUTES@\$|$session_routes|" \
    "$template" > "$dir/nginx.conf"
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" &
echo $! > "$dir/nginx-master.pid"
# nginx writes nginx.pid once it listens.
if ! wait_for test -s "$dir/nginx.pid"; then
  echo "scale-out: nginx did not start; $dir/nginx-error.log says:" >&2
  cat "$dir/nginx-error.log" >&2 || true
  exit 1
fi

export MCP_SCALE_URL="http://127.0.0.1:$nginx_port/mcp"
export MCP_SCALE_DIR="$dir"
export MCP_SCALE_REPLICAS="$replica_ids"
export MCP_SCALE_REPLICA_URLS="$replica_urls"
export MCP_SCALE_REDIS_PORT="$redis_port"

if [ $# -eq 0 ]; then
  echo "scale-out: $replicas replicas of $(basename "$server") behind nginx, sharing Redis on port $redis_port"
  echo "$MCP_SCALE_URL"
  echo "scale-out: logs in $dir; Ctrl-C stops everything"
  while :; do
    sleep 3600 &
    sleeper=$!
    wait $sleeper || true
  done
fi

set +e
"$@"
