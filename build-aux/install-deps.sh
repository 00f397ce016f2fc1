#!/bin/sh
# install-deps.sh — install the Debian 12 packages makemcp-glib needs
#
#   build-aux/install-deps.sh          to build the library and the examples
#   build-aux/install-deps.sh --tests  also what the whole test suite needs
#
# Runs apt-get as root, through sudo when started by another user. Works
# without a terminal (CI runs it with no standard input).

set -eu

# libgtk-4-dev: the GTK 4 application example (examples/gnome-app), built
# when it is there.
packages="meson ninja-build pkgconf gcc libc6-dev
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libsoup-3.0-dev
  gobject-introspection libgirepository1.0-dev gir1.2-json-1.0 libgtk-4-dev"

# The makemcp tool: line editing in its shell (libedit, BSD-licensed;
# -Dline_editing=readline uses GNU readline instead), and DNS-SD discovery
# through Avahi (-Davahi=disabled builds without).
packages="$packages libedit-dev libavahi-client-dev libavahi-glib-dev"

# McpRedisBackend: hiredis (-Dredis=disabled builds without).
packages="$packages libhiredis-dev"

if [ "${1:-}" = "--tests" ]; then
  # gi-docgen: the API reference and its doc-check test; python3-gi, gjs
  # and gir1.2-soup-3.0: the typelib, the overrides and the examples from
  # Python and JavaScript; xvfb and xauth: a display for the GTK 4
  # application's test (xvfb-run); npm: installs the official MCP
  # TypeScript SDKs and conformance suite (with their own Node 22) into a
  # scratch folder for the interop tests.
  # clang and its runtimes: the libFuzzer harnesses.
  packages="$packages gi-docgen python3-gi gjs gir1.2-soup-3.0 xvfb xauth ca-certificates clang libclang-rt-14-dev"
  # redis-server (with redis-cli) and nginx-light: the scale-out tests run
  # replicas behind nginx, sharing Redis, in a temporary folder (the
  # packages' own services are not used).
  packages="$packages redis-server nginx-light"
  # Any npm will do (a Node.js from elsewhere brings its own, and Debian's
  # npm package conflicts with it).
  if ! command -v npm >/dev/null 2>&1; then
    packages="$packages npm"
  fi
fi

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $package"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: every package is already installed" >&2
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=""
elif command -v sudo >/dev/null 2>&1; then
  run_as_root="sudo"
else
  echo "install-deps: these packages are missing and neither root nor sudo is available:$missing" >&2
  exit 1
fi

echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$run_as_root apt-get update -q </dev/null >&2
# shellcheck disable=SC2086
$run_as_root apt-get install -y -q --no-install-recommends $missing </dev/null >&2
