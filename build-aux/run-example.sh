#!/bin/sh
# run-example.sh — install what is needed, build, and run the example server
# on standard input and output (end it with Ctrl-D).

set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
if [ ! -f _build/build.ninja ]; then
  meson setup _build >&2
fi
meson compile -C _build >&2

echo "example-server: speaking MCP on standard input and output; try --info, or paste:" >&2
echo '  {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}' >&2
exec ./_build/examples/example-server "$@"
