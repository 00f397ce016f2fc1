#!/bin/sh
# valgrind.sh — run the unit tests under valgrind memcheck
#
#   build-aux/valgrind.sh [MESON-TEST-ARGUMENTS...]
#
# Builds the library and its tests without sanitizers in _build-valgrind
# and runs the `unit` suite with every test wrapped in valgrind memcheck.
# A test fails when valgrind finds a memory error or a definite leak;
# possible and reachable blocks (GType registrations, GLib's one-time
# caches) are reported in the log but do not fail it. GLib's own
# suppressions are used, plus build-aux/valgrind.supp for the few
# one-time allocations of other libraries.
#
# Servers the tests start (the example processes) run under valgrind too.
#
# Valgrind makes everything 20–50 times slower, so the time limits of meson
# and of the tests' timing assertions (MCP_TEST_TIME_SCALE) are multiplied
# by 20. Valgrind writes one log per process to _build-valgrind/valgrind-logs;
# the script ends with a line per kind of process: definitely lost bytes
# and error count.

set -eu
cd "$(dirname "$0")/.."
root=$(pwd -P)

if [ ! -f _build-valgrind/build.ninja ]; then
  meson setup _build-valgrind -Dbuildtype=debug -Ddocumentation=false \
    -Dbinding_tests=disabled >&2
fi
meson compile -C _build-valgrind >&2

supp_glib=/usr/share/glib-2.0/valgrind/glib.supp
logs=$root/_build-valgrind/valgrind-logs
rm -rf "$logs"
mkdir -p "$logs"
wrapper="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
--errors-for-leak-kinds=definite --error-exitcode=1 --num-callers=30 --trace-children=yes \
--log-file=$logs/%p.log \
--suppressions=$supp_glib --suppressions=$root/build-aux/valgrind.supp"

status=0
G_SLICE=always-malloc G_DEBUG=gc-friendly MCP_TEST_TIME_SCALE=20 \
  meson test -C _build-valgrind --suite unit --wrap "$wrapper" \
    --timeout-multiplier 20 "$@" || status=$?

echo "valgrind logs: $logs (one per process)"
echo "valgrind summary (processes with the same figures are counted together):"
awk '
  match($0, /^==[0-9]+==/) { pid = substr($0, 3, RLENGTH - 4) }
  /^==[0-9]+== Command: / { cmd = $3; sub(/.*\//, "", cmd); name[pid] = cmd }
  /definitely lost:/      { lost[pid] = $4 " " $5 }
  /ERROR SUMMARY:/        { errs[pid] = $4 }
  END { for (p in errs) printf "  %-24s definitely lost: %-12s errors: %s\n", name[p], lost[p] == "" ? "0 bytes" : lost[p], errs[p] }
' "$logs"/*.log | sort | uniq -c
exit $status
