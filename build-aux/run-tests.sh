#!/bin/sh
# run-tests.sh — the whole test suite, as CI runs it
#
# Installs the Debian packages and the npm tools the tests need (the npm
# ones into _scratch/, never committed), builds with warnings as errors and
# runs every test, then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs every test again, then fuzzes each
# libFuzzer harness for a minute. Ends with one line
#   tests: N passed, M failed
# and exits non-zero if anything failed.

set -u
cd "$(dirname "$0")/.."
root=$(pwd)

build-aux/install-deps.sh --tests || exit 1

export MCP_NPM_DIR="$root/_scratch/npm"
build-aux/install-npm-tools.sh "$MCP_NPM_DIR" || exit 1
export MCP_REQUIRE_INTEROP=1

status=0
logs=""

run_suite () {
  dir=$1
  shift
  echo "==> configuring $dir: $*" >&2
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >&2 || return 1
  else
    meson setup "$dir" "$@" >&2 || return 1
  fi
  meson compile -C "$dir" >&2 || return 1
  echo "==> testing $dir" >&2
  meson test -C "$dir" --print-errorlogs --num-processes 2 >&2
}

if ! run_suite _build -Dwerror=true -Ddocumentation=true -Dbinding_tests=enabled; then
  status=1
fi
logs="$logs _build/meson-logs/testlog.json"

# Introspection stays off here: g-ir-scanner's dump program and the Python
# and GJS interpreters would need the sanitizer runtime preloaded.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# For the test suite only (a subshell), inherited by the servers the tests
# spawn: G_SLICE=always-malloc, because GLib 2.74 allocates GObjects,
# GLists, JsonNodes… from GSlice's own magazines, where LeakSanitizer does
# not see them leak; full unwinding, because GLib and libsoup have no frame
# pointers and the stacks would stop at g_malloc(), useless to read and to
# match the suppressions against; and the suppressions of the leaks of
# Debian 12's libsoup and gobject-introspection (build-aux/lsan.supp).
if ! (
  export G_SLICE=always-malloc
  export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
  export LSAN_OPTIONS="suppressions=$root/build-aux/lsan.supp:print_suppressions=0"
  run_suite _build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dintrospection=disabled -Ddocumentation=false -Dbinding_tests=disabled
); then
  status=1
fi
logs="$logs _build-asan/meson-logs/testlog.json"

# The libFuzzer harnesses, built with clang, each fuzzing for a minute from
# the seed corpus in tests/fuzz-corpus.
if ! CC=clang run_suite _build-fuzz -Dwerror=true -Dfuzzing=true -Dfuzz_seconds=60 \
       -Db_sanitize=address,undefined -Db_lundef=false -Dintrospection=disabled \
       -Ddocumentation=false -Dtests=false -Dexamples=false -Dbenchmarks=false; then
  status=1
fi
logs="$logs _build-fuzz/meson-logs/testlog.json"

summary=$(/usr/bin/python3 - $logs <<'PYTHON'
import json, sys
passed = failed = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result != "SKIP":
            failed += 1
print(passed, failed)
PYTHON
)
passed=${summary% *}
failed=${summary#* }
if [ "$failed" -ne 0 ]; then
  status=1
fi

echo "tests: $passed passed, $failed failed"
exit $status
