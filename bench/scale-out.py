#!/usr/bin/env python3
# scale-out.py — what replicas behind nginx and the Redis task store cost
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   bench/scale-out.py [--build DIR] [--rounds N] [--seconds S] [--windows 1,16,64]
#                      [--connections 1,16,64] [--nginx-workers N] [--json FILE]
#
# Two measurements, with mcp-bench and bench-server (see README.md):
#
# 1. The task store, per task: `tools/call add` made a task by every call
#    (mcp-bench --tasks, bench-server --task-support), over stdio, with the
#    server's own McpMemoryTaskStore and with a McpRedisBackend on a
#    private redis-server (no persistence), with --windows requests
#    outstanding: tasks/s, latency to the task handle, and CPU per task of
#    the server and of redis-server. A task here costs two saves (created,
#    then completed), the first before the handle goes out.
# 2. Calls through nginx: examples/scale-out/scale-out.sh with 1, 2 and 3
#    replicas of bench-server (sharing Redis), and mcp-bench --url on the
#    nginx endpoint, 2026-07-28 `tools/call add` on --connections
#    keep-alive connections, one request outstanding on each; and one
#    replica without nginx, for what nginx costs. CPU per call of the
#    replicas, nginx and Redis together.
#
# Each figure is the best of --rounds rounds. Everything (generator, nginx,
# the replicas, Redis) shares this machine's CPUs: with two, replicas
# cannot add throughput, they share the same two cores; the table says how
# many there are.

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def clock_ticks():
    return os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of a process, in seconds; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / clock_ticks()
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid):
    """nginx's workers: the processes whose parent is @pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_bench(bench, args, server=None):
    """mcp-bench; its add records that checked out: window (stdio) or
    connections (HTTP, one request outstanding on each) → record."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as out:
        command = [bench, "--json", out.name] + args
        if server is not None:
            command += ["--"] + server
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
        if done.returncode != 0:
            print(f"scale-out: mcp-bench {' '.join(args)} exited with {done.returncode}:", file=sys.stderr)
            sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
        records = {}
        for line in open(out.name):
            record = json.loads(line)
            if record.get("bench") == "add" and record.get("ok"):
                records[record["window"]] = record
            elif record.get("bench") == "http" and record.get("ok"):
                records[record["connections"]] = record
        return records


def best(rounds):
    """window → the record with the most calls/s among the rounds."""
    merged = {}
    for records in rounds:
        for window, record in records.items():
            if window not in merged or record["calls_per_s"] > merged[window]["calls_per_s"]:
                merged[window] = record
    return merged


def store_cost(args, bench, server):
    results = {}
    common = ["--era", "modern", "--bench", "add", "--tasks", "--windows", args.windows,
              "--count", "200000", "--seconds", str(args.seconds), "--warmup", "500",
              "--quiet-server"]
    for store in ("memory", "redis"):
        rounds = []
        for _ in range(args.rounds):
            redis = None
            extra = []
            if store == "redis":
                port = free_port()
                redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                          "--save", "", "--appendonly", "no"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                deadline = time.monotonic() + 10
                while True:
                    try:
                        socket.create_connection(("127.0.0.1", port), 0.2).close()
                        break
                    except OSError:
                        if time.monotonic() > deadline:
                            raise SystemExit("redis-server did not start")
                        time.sleep(0.05)
                extra = ["--redis", f"redis://127.0.0.1:{port}"]
            try:
                redis_cpu = cpu_seconds(redis.pid) if redis else 0
                records = run_bench(bench, common + ["--label", f"tasks-{store}"],
                                    [server, "--task-support"] + extra)
                redis_cpu = cpu_seconds(redis.pid) - redis_cpu if redis else 0
                calls = sum(r["calls"] for r in records.values()) + 500
                for record in records.values():
                    record["redis_cpu_us_per_call"] = redis_cpu * 1e6 / calls if redis else 0
                rounds.append(records)
            finally:
                if redis is not None:
                    redis.terminate()
                    redis.wait(timeout=10)
        results[store] = best(rounds)
    return results


def http_inside(args):
    """Run by scale-out.sh: mcp-bench through nginx (or straight at r1)."""
    directory = os.environ["MCP_SCALE_DIR"]
    url = os.environ["MCP_SCALE_REPLICA_URLS"].split()[0] if args.direct else os.environ["MCP_SCALE_URL"]
    pids = []
    for name in os.listdir(directory):
        if name.endswith(".pid") and name not in ("nginx.pid",):
            with open(os.path.join(directory, name)) as f:
                pid = int(f.read().strip())
            pids.append(pid)
            if name == "nginx-master.pid":
                pids.extend(children(pid))
    before = sum(cpu_seconds(pid) for pid in pids)
    records = run_bench(args.bench, ["--era", "modern", "--bench", "add", "--connections", args.connections,
                                     "--count", "1000000", "--seconds", str(args.seconds),
                                     "--warmup", "2000", "--url", url, "--label", "http"])
    spent = sum(cpu_seconds(pid) for pid in pids) - before
    calls = sum(r["calls"] for r in records.values()) + 2000
    for record in records.values():
        record["servers_cpu_us_per_call"] = spent * 1e6 / calls
    with open(args.out, "w") as f:
        json.dump(records, f)
    return 0


def through_nginx(args, bench, server):
    results = {}
    script = os.path.join(ROOT, "examples", "scale-out", "scale-out.sh")
    env = dict(os.environ, MCP_SCALE_NGINX_WORKERS=str(args.nginx_workers))
    for replicas, direct in ((1, True), (1, False), (2, False), (3, False)):
        rounds = []
        for _ in range(args.rounds):
            with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
                command = [script, "--replicas", str(replicas), server, "--",
                           sys.executable, os.path.abspath(__file__), "--inside-http",
                           "--bench", bench, "--seconds", str(args.seconds),
                           "--connections", args.connections, "--out", out.name]
                if direct:
                    command.append("--direct")
                subprocess.run(command, env=env, stdout=subprocess.DEVNULL, timeout=900)
                try:
                    rounds.append({int(k): v for k, v in json.load(open(out.name)).items()})
                except ValueError:
                    rounds.append({})
        results["direct" if direct else replicas] = best(rounds)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default=os.environ.get("MCP_BUILD_DIR", os.path.join(ROOT, "_build")))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--windows", default="1,16,64",
                        help="stdio: requests outstanding (1,16,64)")
    parser.add_argument("--connections", default="1,16,64",
                        help="HTTP: keep-alive connections, one request outstanding on each (1,16,64)")
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument("--json")
    parser.add_argument("--inside-http", action="store_true")
    parser.add_argument("--direct", action="store_true")
    parser.add_argument("--bench")
    parser.add_argument("--out")
    args = parser.parse_args()

    if args.inside_http:
        return http_inside(args)

    bench = os.path.join(args.build, "bench", "mcp-bench")
    server = os.path.join(args.build, "bench", "bench-server")
    for program in (bench, server):
        if not os.access(program, os.X_OK):
            raise SystemExit(f"scale-out: build {program} first (ninja -C {args.build})")
    for program in ("redis-server", "redis-cli", "nginx"):
        if shutil.which(program) is None:
            raise SystemExit(f"scale-out: {program} is not installed")

    stores = store_cost(args, bench, server)
    http = through_nginx(args, bench, server)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"stores": stores, "http": {str(k): v for k, v in http.items()}}, f, indent=1)

    windows = [int(w) for w in args.windows.split(",")]
    print(f"Machine: {os.cpu_count()} CPUs; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"best of {args.rounds} rounds of {args.seconds:g} s")
    print()
    print("Task store, per task (tools/call made a task, stdio, 2026-07-28):")
    print()
    print("| window | memory: tasks/s | redis: tasks/s | memory: p50 µs | redis: p50 µs "
          "| memory: server CPU µs/task | redis: server CPU µs/task | redis-server CPU µs/task |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in windows:
        m = stores["memory"].get(w, {})
        r = stores["redis"].get(w, {})
        print(f"| {w} | {m.get('calls_per_s', 0):,.0f} | {r.get('calls_per_s', 0):,.0f} "
              f"| {m.get('p50_us', 0):,.1f} | {r.get('p50_us', 0):,.1f} "
              f"| {m.get('server_cpu_us_per_call', 0):,.1f} | {r.get('server_cpu_us_per_call', 0):,.1f} "
              f"| {r.get('redis_cpu_us_per_call', 0):,.1f} |")
    print()
    print(f"tools/call add over HTTP, 2026-07-28, one request outstanding per keep-alive connection, "
          f"nginx with {args.nginx_workers} worker(s):")
    print()
    print("| connections | 1 replica, no nginx | 1 replica | 2 replicas | 3 replicas |")
    print("|---:|---:|---:|---:|---:|")
    for w in [int(c) for c in args.connections.split(",")]:
        cells = []
        for key in ("direct", 1, 2, 3):
            record = http[key].get(w)
            cells.append(f"{record['calls_per_s']:,.0f} calls/s, p50 {record['p50_us']:,.0f} µs"
                         if record else "—")
        print(f"| {w} | " + " | ".join(cells) + " |")
    print("| CPU µs per call, replicas + nginx + Redis (all connection counts) | "
          + " | ".join(f"{next(iter(http[k].values()), {}).get('servers_cpu_us_per_call', 0):,.1f}"
                       for k in ("direct", 1, 2, 3)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
