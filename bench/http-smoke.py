#!/usr/bin/env python3
# http-smoke.py — a second of mcp-bench --url against bench-server --http
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   http-smoke.py MCP-BENCH BENCH-SERVER ERA [MCP-BENCH ARGS…]
#
# Starts bench-server on a free loopback port, runs mcp-bench's HTTP
# driver against it, stops the server; the exit status is mcp-bench's.

import signal
import subprocess
import sys

bench, server, era = sys.argv[1:4]
process = subprocess.Popen([server, "--http", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
try:
    url = process.stdout.readline().strip()
    if not url.startswith("http://"):
        sys.exit("http-smoke: bench-server printed no URL")
    status = subprocess.call([bench, "--era", era, "--url", url, "--server-pid", str(process.pid)]
                             + sys.argv[4:], timeout=60)
finally:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
sys.exit(status)
