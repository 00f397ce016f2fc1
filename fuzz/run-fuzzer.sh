#!/bin/sh
# run-fuzzer.sh HARNESS SCRATCH_CORPUS SEED_CORPUS SECONDS
#
# Fuzzes for SECONDS, writing new inputs to SCRATCH_CORPUS (seeds stay
# untouched) and any crash to SCRATCH_CORPUS/../; fails when the fuzzer
# finds a crash, undefined behaviour or a leak.
#
# Leaks are checked apart: LeakSanitizer needs full stacks to tell our
# leaks from the known ones of other libraries (lsan.supp), and unwinding
# every allocation fully makes fuzzing fifteen times slower. So the
# fuzzing runs without leak checks, and then every input of both corpora
# runs once more with full stacks and leak checks, and with
# G_SLICE=always-malloc: GLib 2.74 allocates GObjects, lists and JSON nodes
# from GSlice's own magazines, where LeakSanitizer does not see them leak.

set -eu
harness=$1
scratch=$2
seeds=$3
seconds=$4
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$scratch"

ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$(dirname "$scratch")/" "$scratch" "$seeds"

echo "run-fuzzer: replaying $(find "$scratch" "$seeds" -type f | wc -l) inputs with leak checks" >&2
find "$scratch" "$seeds" -type f -print0 |
  G_SLICE=always-malloc \
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:fast_unwind_on_malloc=0" \
  LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
  xargs -0 -n 500 "$harness" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$(dirname "$scratch")/" >/dev/null 2>"$(dirname "$scratch")/replay.log" || {
    cat "$(dirname "$scratch")/replay.log" >&2
    exit 1
  }
echo "run-fuzzer: no leaks" >&2
