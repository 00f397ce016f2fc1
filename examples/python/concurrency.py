#!/usr/bin/env python3
# concurrency.py — many calls at once on one main loop
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Coroutine tools overlap: while one awaits, the main loop serves the
# others, so twenty 100 ms calls take about 100 ms, not two seconds. Inside
# one tool, Mcp.aio.gather() runs several awaits at once. Blocking work goes
# to a thread (Mcp.aio.to_thread), so that it does not stop the others.

import sys
import time

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import Mcp  # noqa: E402

server = Mcp.Server('concurrency', '1.0.0')
state = {'in_flight': 0, 'max_in_flight': 0, 'calls': 0}
started = time.monotonic()


def _now_ms():
    return round((time.monotonic() - started) * 1000, 1)


@server.tool
async def slow_task(name: str, ms: int = 100) -> dict:
    """Works for a while without blocking the others.

    Args:
        name: a label for the task
        ms: how long it takes, in milliseconds
    """
    state['calls'] += 1
    state['in_flight'] += 1
    state['max_in_flight'] = max(state['max_in_flight'], state['in_flight'])
    begin = _now_ms()
    try:
        await Mcp.aio.sleep(ms / 1000)
    finally:
        state['in_flight'] -= 1
    return {'name': name, 'started_ms': begin, 'finished_ms': _now_ms()}


@server.tool
async def parallel_work(count: int = 5, ms: int = 100) -> dict:
    """Runs count pieces of work of ms milliseconds each, all at once."""
    begin = time.monotonic()
    await Mcp.aio.gather(*(Mcp.aio.sleep(ms / 1000) for _ in range(count)))
    return {'count': count, 'elapsed_ms': round((time.monotonic() - begin) * 1000, 1)}


def _count_primes(limit):
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b'\0\0'
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return sum(sieve)


@server.tool
async def count_primes(limit: int = 200000) -> int:
    """Counts the primes up to limit, in a thread."""
    return await Mcp.aio.to_thread(_count_primes, limit)


@server.tool(read_only=True)
def stats() -> dict:
    """How many calls ran, and the most that ran at once."""
    return dict(state)


if __name__ == '__main__':
    sys.exit(server.run())
