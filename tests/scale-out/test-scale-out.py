#!/usr/bin/env python3
# test-scale-out.py — replicas of a makemcp-glib server behind nginx, for real
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   test-scale-out.py --server PATH --script scale-out.sh [--lease MS] SCENARIO
#
# Runs examples/scale-out/scale-out.sh, which starts redis-server, three
# replicas of the server (examples/conformance-server) and nginx on free
# loopback ports, and runs this program again inside it (--inside) for one
# scenario:
#
#   conformance-2026-07-28, conformance-2025-11-25, conformance-0.1.16
#       the official conformance suite through nginx (run-conformance.py --url)
#   tasks          a task created through one replica, followed through the
#                  others: tasks/get, notifications/tasks, tasks/update,
#                  tasks/cancel; a requestState minted by one replica
#                  verified by another
#   notifications  a change raised on one replica reaches the listen streams
#                  and legacy sessions of every replica, exactly once; legacy
#                  sessions stick to their replica through nginx
#   kill-replica   a replica killed mid-run: its calls fail cleanly, other
#                  calls go on, its task turns failed after the lease
#   redis-restart  Redis stopped and started again under load: errors say
#                  why while it is away, the replicas recover, no task is
#                  lost or left working
#   keys           (no cluster) MCP_SECRET_KEY and its rotation with
#                  MCP_PREVIOUS_SECRET_KEY, between processes
#
# Without redis-server, redis-cli or nginx the test is skipped (exit 77),
# unless MCP_REQUIRE_INTEROP=1. Every wait is bounded; on a timeout the
# whole process group (script, replicas, nginx, Redis) is stopped.

import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODERN = "2026-07-28"
LEGACY = "2025-11-25"
TASKS = {"extensions": {"io.modelcontextprotocol/tasks": {}}}
TASKS_AND_ELICITATION = {"elicitation": {}, "extensions": {"io.modelcontextprotocol/tasks": {}}}
LEASE_MESSAGE = "its lease lapsed"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def log(message):
    print(f"scale-out: {message}", flush=True)


# HTTP, the way an MCP client speaks it

def parse_sse(text):
    """The JSON messages of an event stream."""
    messages = []
    data = []
    for line in text.splitlines():
        if line.startswith("data:"):
            data.append(line[5:].lstrip())
        elif line == "":
            if data and "".join(data).strip():
                messages.append(json.loads("\n".join(data)))
            data = []
    if data and "".join(data).strip():
        messages.append(json.loads("\n".join(data)))
    return messages


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        content_type = headers.get("content-type", "")
        if "text/event-stream" in content_type:
            self.messages = parse_sse(body)
        elif body.strip():
            try:
                self.messages = [json.loads(body)]
            except ValueError:
                self.messages = []
        else:
            self.messages = []

    def response(self, request_id=None):
        for message in self.messages:
            if "method" not in message and (request_id is None or message.get("id") == request_id):
                return message
        return None


def http_post(url, body, headers, timeout=15.0):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        all_headers = {"Content-Type": "application/json",
                       "Accept": "application/json, text/event-stream"}
        all_headers.update(headers)
        connection.request("POST", parts.path, body=json.dumps(body), headers=all_headers)
        reply = connection.getresponse()
        data = reply.read().decode()
        return Reply(reply.status, {k.lower(): v for k, v in reply.getheaders()}, data)
    finally:
        connection.close()


next_id = [0]


def new_id():
    next_id[0] += 1
    return next_id[0]


def meta(capabilities=None):
    return {"io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": capabilities or {},
            "io.modelcontextprotocol/clientInfo": {"name": "scale-out-test", "version": "1"}}


def modern(url, method, params=None, capabilities=None, timeout=15.0):
    """A 2026-07-28 request; its JSON-RPC response (and the reply)."""
    params = dict(params or {})
    params["_meta"] = meta(capabilities)
    headers = {"MCP-Protocol-Version": MODERN, "Mcp-Method": method}
    name = params.get("name") or params.get("uri") or params.get("taskId")
    if name is not None:
        headers["Mcp-Name"] = name
    request_id = new_id()
    reply = http_post(url, {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params},
                      headers, timeout)
    return reply.response(request_id), reply


def result_of(response, what):
    check(response is not None, f"{what}: no response")
    check("result" in response, f"{what}: {json.dumps(response.get('error'))}")
    return response["result"]


def text_of(result):
    return result["content"][0]["text"]


def call(url, tool, arguments=None, capabilities=None, timeout=15.0):
    response, _ = modern(url, "tools/call", {"name": tool, "arguments": arguments or {}},
                         capabilities, timeout)
    return response


def create_task(url, tool, arguments=None):
    result = result_of(call(url, tool, arguments, TASKS_AND_ELICITATION), f"creating a {tool} task")
    check(result.get("resultType") == "task", f"{tool} did not become a task: {result}")
    return result["taskId"]


def get_task(url, task_id):
    response, _ = modern(url, "tasks/get", {"taskId": task_id}, TASKS_AND_ELICITATION)
    return result_of(response, f"tasks/get {task_id}")


def wait_task(urls, task_id, statuses, seconds=15.0):
    """Polls, going round @urls, until the task's status is one of @statuses."""
    deadline = time.monotonic() + seconds
    i = 0
    while True:
        task = get_task(urls[i % len(urls)], task_id)
        if task["status"] in statuses:
            return task
        check(time.monotonic() < deadline,
              f"task {task_id} stayed {task['status']} (wanted {statuses})")
        i += 1
        time.sleep(0.1)


class Stream:
    """A request whose answer is an event stream that stays open (a listen
    request, a legacy GET stream), read by a thread into a queue."""

    def __init__(self, url, method, body=None, headers=None):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.messages = queue.Queue()
        self.status = None
        self.closed = threading.Event()
        all_headers = {"Accept": "text/event-stream" if method == "GET"
                       else "application/json, text/event-stream"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        self.connection.request(method, parts.path + (("?" + parts.query) if parts.query else ""),
                                body=json.dumps(body) if body is not None else None,
                                headers=all_headers)
        self.reply = self.connection.getresponse()
        self.status = self.reply.status
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        data = []
        try:
            while True:
                line = self.reply.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line.startswith("data:"):
                    data.append(line[5:].lstrip())
                elif line == "":
                    if data and "".join(data).strip():
                        self.messages.put(json.loads("\n".join(data)))
                    data = []
        except Exception:     # closed under the reader's feet, on purpose or not
            pass
        finally:
            self.closed.set()

    def next(self, seconds=10.0):
        try:
            return self.messages.get(timeout=seconds)
        except queue.Empty:
            return None

    def expect(self, method, seconds=10.0, what=""):
        message = self.next(seconds)
        check(message is not None, f"{what}: no {method} within {seconds} s")
        check(message.get("method") == method, f"{what}: {method} expected, got {message}")
        return message

    def expect_nothing(self, seconds=0.5, what=""):
        message = self.next(seconds)
        check(message is None, f"{what}: nothing more expected, got {message}")

    def close(self):
        try:
            self.connection.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass
        self.connection.close()
        self.thread.join(timeout=5)


def listen(url, notifications, capabilities=None):
    body = {"jsonrpc": "2.0", "id": f"L{new_id()}", "method": "subscriptions/listen",
            "params": {"notifications": notifications, "_meta": meta(capabilities)}}
    stream = Stream(url, "POST", body, {"MCP-Protocol-Version": MODERN,
                                        "Mcp-Method": "subscriptions/listen"})
    check(stream.status == 200, f"subscriptions/listen answered {stream.status}")
    stream.expect("notifications/subscriptions/acknowledged", what="listen")
    return stream


class LegacySession:
    def __init__(self, url):
        self.url = url
        reply = http_post(url, {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                                "params": {"protocolVersion": LEGACY, "capabilities": {},
                                           "clientInfo": {"name": "scale-out-test", "version": "1"}}},
                          {})
        check(reply.status == 200, f"initialize answered {reply.status}: {reply.body}")
        self.id = reply.headers.get("mcp-session-id")
        check(self.id, "initialize gave no Mcp-Session-Id")
        reply = self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})
        check(reply.status == 202, f"notifications/initialized answered {reply.status}")
        self.stream = None

    def post(self, message, timeout=15.0):
        return http_post(self.url, message, {"Mcp-Session-Id": self.id,
                                             "MCP-Protocol-Version": LEGACY}, timeout)

    def call(self, tool, arguments=None, timeout=15.0):
        request_id = new_id()
        reply = self.post({"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
                           "params": {"name": tool, "arguments": arguments or {}}}, timeout)
        return reply, reply.response(request_id)

    def open_stream(self):
        self.stream = Stream(self.url, "GET", None, {"Mcp-Session-Id": self.id,
                                                     "MCP-Protocol-Version": LEGACY})
        check(self.stream.status == 200, f"the session's GET stream answered {self.stream.status}")
        return self.stream


# The cluster scale-out.sh started

def process_alive(pid):
    """Running, neither gone nor a zombie its parent did not reap yet."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Cluster:
    def __init__(self):
        self.url = os.environ["MCP_SCALE_URL"]
        self.dir = os.environ["MCP_SCALE_DIR"]
        self.ids = os.environ["MCP_SCALE_REPLICAS"].split()
        self.replicas = os.environ["MCP_SCALE_REPLICA_URLS"].split()
        self.redis_port = int(os.environ["MCP_SCALE_REDIS_PORT"])

    def pid(self, name):
        with open(os.path.join(self.dir, f"{name}.pid")) as f:
            return int(f.read().strip())

    def kill(self, name, sig):
        os.kill(self.pid(name), sig)

    def alive(self, name):
        return process_alive(self.pid(name))

    def redis_answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), 0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop_redis(self):
        pid = self.pid("redis")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if not process_alive(pid):
                return
            time.sleep(0.05)
        raise Failure("redis-server did not stop")

    def start_redis(self):
        # scale-out.sh stops it at the end: redis-server writes redis.pid
        process = subprocess.Popen(["redis-server", os.path.join(self.dir, "redis.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(self.dir, "redis.pid"), "w") as f:
            f.write(f"{process.pid}\n")
        deadline = time.monotonic() + 10
        while not self.redis_answers():
            check(time.monotonic() < deadline, "redis-server did not start again")
            time.sleep(0.05)
        return process


# Scenarios

def scenario_conformance(cluster, run):
    command = [sys.executable, os.path.join(ROOT, "tests", "conformance", "run-conformance.py"),
               "--url", cluster.url, "--run", run]
    return subprocess.call(command)


def scenario_tasks(cluster):
    r1, r2, r3 = cluster.replicas
    everywhere = [r2, r3, cluster.url]

    # Created through r1, followed through r2, r3 and nginx, heard on r3.
    task_id = create_task(r1, "slow_compute", {"seconds": 1.5, "label": "across"})
    stream = listen(r3, {"taskIds": [task_id]}, TASKS)
    working = get_task(r2, task_id)
    check(working["status"] == "working", f"a fresh task is {working['status']}")
    done = wait_task(everywhere, task_id, ["completed"])
    check(text_of(done["result"]) == "Computed across in 1.5 s", f"result: {done['result']}")
    note = stream.expect("notifications/tasks", what="notifications/tasks on another replica")
    check(note["params"]["taskId"] == task_id and note["params"]["status"] == "completed",
          f"notification: {note}")
    check(note["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"], "untagged notification")
    stream.expect_nothing(what="exactly once")
    stream.close()
    log("a task of r1 followed through r2, r3 and nginx")

    # Input: asked on r2, answered through r1, finished on r2.
    task_id = create_task(r2, "confirm_delete", {"filename": "notes.txt"})
    waiting = wait_task([r3, r1, cluster.url], task_id, ["input_required"])
    check("confirm" in waiting.get("inputRequests", {}), f"input requests: {waiting}")
    response, _ = modern(r1, "tasks/update",
                         {"taskId": task_id,
                          "inputResponses": {"confirm": {"action": "accept",
                                                         "content": {"confirm": True}}}},
                         TASKS_AND_ELICITATION)
    result_of(response, "tasks/update through another replica")
    done = wait_task([cluster.url, r3], task_id, ["completed", "failed"])
    check(done["status"] == "completed" and text_of(done["result"]) == "Deleted notes.txt",
          f"the answered task: {done}")
    log("tasks/update through r1 reached the task running on r2")

    # Cancelled through r1 while it runs on r3.
    task_id = create_task(r3, "slow_compute", {"seconds": 60})
    response, _ = modern(r1, "tasks/cancel", {"taskId": task_id}, TASKS)
    result_of(response, "tasks/cancel through another replica")
    cancelled = get_task(r2, task_id)
    check(cancelled["status"] == "cancelled", f"after tasks/cancel: {cancelled['status']}")
    cancelled = wait_task([r3], task_id, ["cancelled"], 5)
    check(cancelled.get("statusMessage") == "Cancelled by the client", f"{cancelled}")
    log("tasks/cancel through r1 stopped the task running on r3")

    # Round robin: every task is found wherever the poll lands.
    ids = [create_task(cluster.url, "slow_compute", {"seconds": 0.3, "label": str(i)})
           for i in range(6)]
    for i, task_id in enumerate(ids):
        done = wait_task([cluster.url], task_id, ["completed"])
        check(text_of(done["result"]) == f"Computed {i} in 0.3 s", f"{done}")
    log("6 tasks created and polled through nginx")

    # A requestState minted by r1 verifies on r2 (the shared key).
    first = result_of(call(r1, "confirm_delete", {"filename": "a.txt"}, {"elicitation": {}}),
                      "MRTR first round")
    check(first.get("resultType") == "input_required" and first.get("requestState"),
          f"first round: {first}")
    response, _ = modern(r2, "tools/call",
                         {"name": "confirm_delete", "arguments": {"filename": "a.txt"},
                          "inputResponses": {"confirm": {"action": "accept",
                                                         "content": {"confirm": True}}},
                          "requestState": first["requestState"]},
                         {"elicitation": {}})
    second = result_of(response, "MRTR retry on another replica")
    check(text_of(second) == "Deleted a.txt", f"retry: {second}")
    log("a requestState of r1 verified on r2")
    return 0


def scenario_notifications(cluster):
    r1, r2, r3 = cluster.replicas
    listeners = [listen(r1, {"toolsListChanged": True}), listen(r3, {"toolsListChanged": True}),
                 listen(cluster.url, {"toolsListChanged": True})]
    direct = LegacySession(r2)
    direct.open_stream()
    proxied = LegacySession(cluster.url)
    check(proxied.id.split(".")[0] in cluster.ids, f"session id {proxied.id} names no replica")
    proxied.open_stream()

    # A legacy session through nginx stays on its replica.
    for i in range(12):
        reply, response = proxied.call("greet", {"name": str(i)})
        check(reply.status == 200, f"legacy call {i} through nginx answered {reply.status}")
        check(text_of(result_of(response, "legacy greet")) == f"Hello, {i}!", f"{response}")
    log(f"12 calls of a legacy session ({proxied.id[:3]}…) through nginx, all on its replica")

    for source in (r2, r3):
        result_of(call(source, "test_trigger_tool_change"), "test_trigger_tool_change")
        for n, stream in enumerate(listeners):
            note = stream.expect("notifications/tools/list_changed", what=f"listen stream {n}")
            check(note["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"],
                  "untagged notification")
        for session in (direct, proxied):
            session.stream.expect("notifications/tools/list_changed",
                                  what=f"legacy session {session.id[:3]}")
        for stream in listeners + [direct.stream, proxied.stream]:
            stream.expect_nothing(0.3, what="exactly once")
        log(f"a change raised on {cluster.ids[cluster.replicas.index(source)]} reached "
            f"3 listen streams and 2 legacy sessions, once each")

    for stream in listeners + [direct.stream, proxied.stream]:
        stream.close()
    return 0


def scenario_kill_replica(cluster):
    r1, r2, r3 = cluster.replicas
    victim = cluster.ids[1]

    task_id = create_task(r2, "slow_compute", {"seconds": 120})
    stream = listen(r1, {"taskIds": [task_id]}, TASKS)
    session = LegacySession(r2)               # reached through nginx below
    check(session.id.startswith(victim + "."), f"session {session.id}")
    session.url = cluster.url

    # A call in flight on the victim, through nginx
    outcome = {}

    def in_flight():
        try:
            reply, response = session.call("slow_compute", {"seconds": 30}, timeout=20)
            outcome["status"] = reply.status
            outcome["response"] = response
        except (OSError, http.client.HTTPException) as error:
            outcome["error"] = repr(error)

    thread = threading.Thread(target=in_flight, daemon=True)
    thread.start()
    time.sleep(0.5)

    cluster.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    thread.join(timeout=10)
    check(not thread.is_alive(), "the call in flight on the killed replica hangs")
    check("error" in outcome or outcome.get("response") is None or "error" in outcome["response"],
          f"the call in flight on the killed replica got a result: {outcome}")
    log(f"the call in flight on {victim} ended without a result ({outcome}) "
        f"{time.monotonic() - killed_at:.2f} s after the kill")

    # The session is gone: 404 with a JSON-RPC error, so the client starts again.
    reply, _ = session.call("greet", {"name": "x"})
    check(reply.status == 404, f"the session of the killed replica answered {reply.status}")
    check(json.loads(reply.body)["error"]["code"] == -32001, f"{reply.body}")
    log("its legacy session answers 404 (Session not found) through nginx")

    # Everything else goes on.
    started = time.monotonic()
    for i in range(30):
        response = call(cluster.url, "greet", {"name": str(i)})
        check(text_of(result_of(response, f"call {i} after the kill")) == f"Hello, {i}!",
              f"{response}")
    log(f"30 calls through nginx after the kill, all answered, in {time.monotonic() - started:.2f} s")

    # The task of the dead replica fails once its lease lapsed: the
    # listener on another replica hears of it without anybody polling,
    # and every replica answers tasks/get with the failure.
    note = stream.expect("notifications/tasks", 15, what="the failure, on another replica")
    check(note["params"]["status"] == "failed", f"{note}")
    check(LEASE_MESSAGE in note["params"].get("statusMessage", ""), f"{note}")
    log(f"its task turned failed {time.monotonic() - killed_at:.1f} s after the kill, and a "
        f"listener on {cluster.ids[0]} heard it: {note['params']['statusMessage']}")
    failed = wait_task([cluster.url], task_id, ["failed"], 5)
    check(failed.get("error", {}).get("code") == -32603, f"{failed}")
    stream.expect_nothing(what="exactly once")
    stream.close()
    for again in (r1, r3):
        check(get_task(again, task_id)["status"] == "failed", "inconsistent status")
    check(cluster.alive(cluster.ids[0]) and cluster.alive(cluster.ids[2]), "another replica died")
    return 0


def scenario_redis_restart(cluster):
    r1, r2, r3 = cluster.replicas
    stop = threading.Event()
    lock = threading.Lock()
    stats = {"calls": 0, "call_errors": [], "tasks": [], "task_errors": [], "slow": []}

    def calls():
        i = 0
        while not stop.is_set():
            started = time.monotonic()
            try:
                response = call(cluster.url, "greet", {"name": str(i)}, timeout=10)
                ok = response is not None and "result" in response
            except (OSError, http.client.HTTPException) as error:
                ok = False
                response = repr(error)
            with lock:
                stats["calls"] += 1
                if not ok:
                    stats["call_errors"].append(response)
                if time.monotonic() - started > 5:
                    stats["slow"].append(("call", time.monotonic() - started))
            i += 1

    def tasks():
        i = 0
        while not stop.is_set():
            started = time.monotonic()
            try:
                response = call(cluster.url, "slow_compute", {"seconds": 0.5, "label": str(i)},
                                TASKS, timeout=10)
            except (OSError, http.client.HTTPException) as error:
                response = {"error": {"message": repr(error)}}
            with lock:
                if response is not None and "result" in response:
                    stats["tasks"].append((response["result"]["taskId"], str(i)))
                else:
                    stats["task_errors"].append(response)
                if time.monotonic() - started > 5:
                    stats["slow"].append(("task", time.monotonic() - started))
            i += 1
            time.sleep(0.05)

    early = listen(r1, {"toolsListChanged": True})
    workers = [threading.Thread(target=calls, daemon=True) for _ in range(2)]
    workers.append(threading.Thread(target=tasks, daemon=True))
    for worker in workers:
        worker.start()
    time.sleep(1.5)

    cluster.stop_redis()
    log("redis-server stopped")
    time.sleep(0.3)
    # While Redis is away: tasks/get says why, at once.
    with lock:
        some_task = stats["tasks"][0][0] if stats["tasks"] else None
    check(some_task is not None, "no task was created before the outage")
    started = time.monotonic()
    response, _ = modern(r2, "tasks/get", {"taskId": some_task}, TASKS)
    took = time.monotonic() - started
    check(response is not None and "error" in response, f"tasks/get without Redis: {response}")
    check(response["error"]["code"] == -32603 and "Redis" in response["error"]["message"],
          f"tasks/get without Redis: {response}")
    check(took < 3, f"tasks/get without Redis took {took:.1f} s")
    log(f"without Redis, tasks/get answers in {took * 1000:.0f} ms: {response['error']['message']}")
    time.sleep(2)

    cluster.start_redis()
    log("redis-server started again")
    # The replicas recover: task creation works again everywhere.
    deadline = time.monotonic() + 20
    for url in cluster.replicas:
        while True:
            response = call(url, "slow_compute", {"seconds": 0.1}, TASKS)
            if response is not None and "result" in response:
                break
            check(time.monotonic() < deadline, f"{url} did not recover: {response}")
            time.sleep(0.2)
    recovered = time.monotonic()
    time.sleep(1.5)
    stop.set()
    for worker in workers:
        worker.join(timeout=15)
        check(not worker.is_alive(), "a load thread hangs")
    log(f"load: {stats['calls']} calls ({len(stats['call_errors'])} failed), "
        f"{len(stats['tasks'])} tasks created, {len(stats['task_errors'])} refused while Redis "
        f"was away")

    check(not stats["call_errors"], f"plain calls failed: {stats['call_errors'][:3]}")
    check(not stats["slow"], f"requests took over 5 s: {stats['slow'][:3]}")
    for error in stats["task_errors"]:
        message = json.dumps(error)
        check("Redis" in message, f"a task creation failed without saying why: {message}")

    # Nothing lost, nothing left working: every task handed out completes.
    for task_id, label in stats["tasks"]:
        done = wait_task([cluster.url], task_id, ["completed", "failed", "cancelled"], 30)
        check(done["status"] == "completed", f"task {task_id}: {done}")
        check(text_of(done["result"]) == f"Computed {label} in 0.5 s", f"{done}")
    log(f"all {len(stats['tasks'])} tasks completed, "
        f"{time.monotonic() - recovered:.1f} s after the recovery")

    # Events cross replicas again, on streams opened before and after.
    late = listen(r1, {"toolsListChanged": True})
    result_of(call(r3, "test_trigger_tool_change"), "test_trigger_tool_change")
    late.expect("notifications/tools/list_changed", what="a listen stream opened after the restart")
    early.expect("notifications/tools/list_changed", what="a listen stream opened before the outage")
    late.expect_nothing(what="exactly once")
    early.expect_nothing(what="exactly once")
    late.close()
    early.close()
    log("notifications cross replicas again")
    for name in cluster.ids:
        check(cluster.alive(name), f"replica {name} died")
    return 0


def scenario_keys(server):
    """MCP_SECRET_KEY and MCP_PREVIOUS_SECRET_KEY: a requestState signed by
    one process verifies on another with the same key, and on one that
    rotated to a new key within the grace period; not on one without it."""
    import base64
    old = base64.b64encode(os.urandom(32)).decode()
    new = base64.b64encode(os.urandom(32)).decode()
    configurations = {
        "old": {"MCP_SECRET_KEY": old},
        "same": {"MCP_SECRET_KEY": old},
        "rotated": {"MCP_SECRET_KEY": new, "MCP_PREVIOUS_SECRET_KEY": old, "MCP_SECRET_KEY_GRACE": "60"},
        "new-only": {"MCP_SECRET_KEY": new},
    }
    processes = {}
    urls = {}
    try:
        for name, variables in configurations.items():
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith("MCP_SECRET_KEY") and k != "MCP_PREVIOUS_SECRET_KEY"}
            env.update(variables)
            processes[name] = subprocess.Popen([server, "--http", "127.0.0.1:0"], env=env,
                                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                               text=True)
            urls[name] = processes[name].stdout.readline().strip()
            check(urls[name].startswith("http://"), f"{name}: no URL")

        first = result_of(call(urls["old"], "confirm_delete", {"filename": "k.txt"},
                               {"elicitation": {}}), "first round")
        retry = {"name": "confirm_delete", "arguments": {"filename": "k.txt"},
                 "inputResponses": {"confirm": {"action": "accept", "content": {"confirm": True}}},
                 "requestState": first["requestState"]}
        for name, accepted in (("same", True), ("rotated", True), ("new-only", False)):
            response, _ = modern(urls[name], "tools/call", retry, {"elicitation": {}})
            if accepted:
                check(text_of(result_of(response, name)) == "Deleted k.txt", f"{name}: {response}")
            else:
                check(response is not None and response.get("error", {}).get("code") == -32602,
                      f"{name} accepted a requestState it has no key for: {response}")
        log("a requestState verifies with the same key and after a rotation, not with another key")

        # A bad key is a bad command line.
        env = dict(os.environ, MCP_SECRET_KEY="c2hvcnQ=")
        status = subprocess.call([server, "--http", "127.0.0.1:0"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
        check(status == 2, f"a short MCP_SECRET_KEY: exit status {status}")
        return 0
    finally:
        for process in processes.values():
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


SCENARIOS = {
    "tasks": scenario_tasks,
    "notifications": scenario_notifications,
    "kill-replica": scenario_kill_replica,
    "redis-restart": scenario_redis_restart,
}
CONFORMANCE = ["conformance-2026-07-28", "conformance-2025-11-25", "conformance-0.1.16"]


def inside(scenario):
    cluster = Cluster()
    try:
        if scenario in CONFORMANCE:
            return scenario_conformance(cluster, scenario[len("conformance-"):])
        return SCENARIOS[scenario](cluster)
    except Failure as failure:
        print(f"scale-out {scenario}: FAILED: {failure}", file=sys.stderr)
        for name in cluster.ids:
            path = os.path.join(cluster.dir, f"{name}.log")
            if os.path.exists(path):
                with open(path) as f:
                    tail = f.read()[-2000:]
                if tail:
                    print(f"--- {name}.log\n{tail}", file=sys.stderr)
        return 1


def missing(message):
    print(f"scale-out: {message}", file=sys.stderr)
    if os.environ.get("MCP_REQUIRE_INTEROP") == "1":
        return 1
    print("scale-out: skipped (set MCP_REQUIRE_INTEROP=1 to make this an error)", file=sys.stderr)
    return SKIP


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server")
    parser.add_argument("--script")
    parser.add_argument("--lease", default="2000")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--inside", action="store_true")
    parser.add_argument("scenario", choices=sorted(list(SCENARIOS) + CONFORMANCE + ["keys"]))
    args = parser.parse_args()

    if args.inside:
        return inside(args.scenario)
    if args.scenario == "keys":
        try:
            return scenario_keys(args.server)
        except Failure as failure:
            print(f"scale-out keys: FAILED: {failure}", file=sys.stderr)
            return 1

    for program, package in (("redis-server", "redis-server"), ("redis-cli", "redis-server"),
                             ("nginx", "nginx-light")):
        if shutil.which(program) is None:
            return missing(f"{program} is not installed (apt-get install {package})")

    command = [args.script, "--lease", args.lease, args.server, "--",
               sys.executable, os.path.abspath(__file__), "--inside", args.scenario]
    process = subprocess.Popen(command, start_new_session=True)
    try:
        return process.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"scale-out: {args.scenario} did not finish in {args.timeout} s", file=sys.stderr)
        return 1
    finally:
        if process.poll() is None:
            # The script, the replicas, nginx and Redis: one process group.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    sys.exit(main())
