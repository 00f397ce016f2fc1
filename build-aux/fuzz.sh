#!/bin/sh
# fuzz.sh [SECONDS] — fuzz every harness for SECONDS each (default: an
# hour), with AddressSanitizer and UndefinedBehaviorSanitizer, starting
# from the seed corpus. New inputs go to _build-fuzz-long/fuzz/*-corpus;
# crashes are written next to them as crash-* files. Turn each crash into
# a seed in tests/fuzz-corpus and a regression test.

set -eu
cd "$(dirname "$0")/.."
seconds=${1:-3600}

if [ -f _build-fuzz-long/build.ninja ]; then
  CC=clang meson setup --reconfigure _build-fuzz-long -Dfuzz_seconds="$seconds" >&2
else
  CC=clang meson setup _build-fuzz-long -Dfuzzing=true -Dfuzz_seconds="$seconds" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dintrospection=disabled \
    -Ddocumentation=false -Dtests=false -Dexamples=false >&2
fi
meson compile -C _build-fuzz-long >&2
meson test -C _build-fuzz-long --suite fuzz --print-errorlogs --timeout-multiplier 0
