#!/usr/bin/env python3
# mixed_tools.py — synchronous and asynchronous tools in one server
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A plain `def` runs when its call arrives and answers at once; an
# `async def` answers when its coroutine finishes. Both run on the one GLib
# main loop, so a sync tool must stay quick (or use run_in_thread=True), and
# an async one must await rather than block.

import hashlib
import sys
import time

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import Mcp  # noqa: E402

server = Mcp.Server('mixed-tools', '1.0.0')


@server.tool(read_only=True)
def add(a: float, b: float) -> float:
    """Adds two numbers (synchronous)."""
    return a + b


@server.tool(read_only=True)
def word_count(text: str) -> int:
    """Counts the words of a text (synchronous)."""
    return len(text.split())


@server.tool
async def delayed_echo(text: str, delay_ms: int = 100) -> str:
    """Echoes the text after a delay (asynchronous).

    Args:
        text: what to echo
        delay_ms: how long to wait first, in milliseconds
    """
    await Mcp.aio.sleep(delay_ms / 1000)
    return text


@server.tool
async def weather(city: str) -> dict:
    """Looks up the (simulated) weather of a city (asynchronous)."""
    await Mcp.aio.sleep(0.05)
    digest = hashlib.sha256(city.lower().encode()).digest()
    return {'city': city, 'temperature_c': digest[0] % 35, 'sky': ['clear', 'cloudy', 'rainy'][digest[1] % 3]}


@server.tool(run_in_thread=True)
def checksum(text: str, rounds: int = 100000) -> str:
    """Hashes a text many times: blocking work, run in a thread so that the
    main loop keeps serving other calls."""
    started = time.monotonic()
    value = text.encode()
    for _ in range(rounds):
        value = hashlib.sha256(value).digest()
    return '%s (%.0f ms)' % (value.hex()[:16], (time.monotonic() - started) * 1000)


if __name__ == '__main__':
    sys.exit(server.run())
