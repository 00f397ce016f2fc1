#!/bin/sh
# per-call.sh — what one `tools/call add` costs bench-server, independent of load
#
#   bench/per-call.sh instructions ERA [BUILD]   callgrind: user-space instructions
#                                                per call over stdio, window 16
#   bench/per-call.sh http-instructions ERA [BUILD]
#                                                callgrind: user-space instructions
#                                                per request over Streamable HTTP,
#                                                16 connections
#   bench/per-call.sh syscalls ERA [BUILD]       strace -c: system calls per call
#                                                over Streamable HTTP, 1 connection
#
# ERA is legacy or modern; BUILD the meson build folder (_build). The
# instruction count is the difference between a run of 12,000 calls and
# one of 2,000, divided by 10,000, so that start-up and shutdown cancel
# out; over HTTP, between 6,000 requests and 1,000. The system calls are
# those of 2,000 calls, start-up included (a few hundred), divided by
# nothing: read them per 2,000.
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -eu
mode=${1:?instructions or syscalls}
era=${2:?legacy or modern}
build=${3:-_build}
bench=$build/bench/mcp-bench
server=$build/bench/bench-server
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case $mode in
  instructions)
    for n in 2000 12000; do
      "$bench" --era "$era" --label x --bench add --windows 16 --count $n --seconds 600 \
        --warmup 0 --timeout 600 -- \
        valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$n" "$server" >/dev/null 2>&1
      sed -n 's/^summary: *//p' "$tmp/cg.$n" > "$tmp/sum.$n"
    done
    echo "$era: $(( ($(cat "$tmp/sum.12000") - $(cat "$tmp/sum.2000")) / 10000 )) instructions per call"
    ;;
  http-instructions)
    for n in 1000 6000; do
      valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$n" "$server" --http 127.0.0.1:0 \
        > "$tmp/url.$n" 2>/dev/null &
      server_pid=$!
      for _ in $(seq 60); do
        [ -s "$tmp/url.$n" ] && break
        sleep 0.5
      done
      "$bench" --era "$era" --label x --url "$(head -n 1 "$tmp/url.$n")" --bench add \
        --connections 16 --count $n --seconds 600 --warmup 0 >/dev/null 2>&1
      kill -TERM "$server_pid"
      wait "$server_pid" || true
      sed -n 's/^summary: *//p' "$tmp/cg.$n" > "$tmp/sum.$n"
    done
    echo "$era: $(( ($(cat "$tmp/sum.6000") - $(cat "$tmp/sum.1000")) / 5000 )) instructions per request over HTTP"
    ;;
  syscalls)
    strace -f -c -o "$tmp/strace" "$server" --http 127.0.0.1:0 > "$tmp/url" &
    tracer=$!
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -s "$tmp/url" ] && break
      sleep 0.5
    done
    "$bench" --era "$era" --label x --url "$(head -n 1 "$tmp/url")" --bench add \
      --connections 1 --count 2000 --seconds 60 --warmup 10 >/dev/null 2>&1
    pkill -TERM -P "$tracer" 2>/dev/null || true
    wait "$tracer" || true
    echo "$era: system calls of bench-server over 2,000 calls (and start-up)"
    awk '$1 !~ /^-/ && NR > 2 && $NF != "total" && NF >= 5 { print "  " $NF, $4 } $NF == "total" { print "  total", $4 }' \
      "$tmp/strace"
    ;;
  *)
    echo "per-call.sh: instructions or syscalls" >&2
    exit 2
    ;;
esac
