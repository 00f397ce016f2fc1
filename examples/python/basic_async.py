#!/usr/bin/env python3
# basic_async.py — asynchronous tools written as `async def`
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The makemcp-glib counterpart of MakeMCP's basic async example. Each tool
# is a coroutine: makemcp-glib runs it on the GLib main loop the server
# runs, so a tool that waits never holds up the others. What a coroutine
# can await is in Mcp.aio: sleep(), call() for any GIO _async/_finish pair,
# gather(), to_thread(), Future, and other coroutines made of these.
#
#   ./basic_async.py            serve on standard input and output
#   ./basic_async.py --http 8000
#   ./basic_async.py --info     print the tools and their schemas

import sys

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import Mcp  # noqa: E402

server = Mcp.Server('basic-async', '1.0.0',
                    instructions='Asynchronous tools that take their time without blocking.')


@server.tool
async def fetch_data(source: str, delay_ms: int = 100) -> dict:
    """Fetches data from a (simulated) remote source.

    Args:
        source: the name of the source
        delay_ms: how long the source takes to answer, in milliseconds
    """
    await Mcp.aio.sleep(delay_ms / 1000)
    return {'source': source, 'items': ['%s-%d' % (source, i) for i in range(3)],
            'waited_ms': delay_ms}


@server.tool
async def process_items(items: list[str], delay_ms: int = 10) -> list[str]:
    """Processes each item in turn, waiting a little for each.

    Args:
        items: the items to process
        delay_ms: the time each item takes, in milliseconds
    """
    processed = []
    for item in items:
        await Mcp.aio.sleep(delay_ms / 1000)
        processed.append(item.upper())
    return processed


async def _square_later(value: int) -> int:
    await Mcp.aio.sleep(0.01)
    return value * value


@server.tool
async def sum_of_squares(values: list[int]) -> int:
    """Squares every value at the same time, then adds them up.

    Args:
        values: the integers
    """
    squares = await Mcp.aio.gather(*(_square_later(v) for v in values))
    return sum(squares)


if __name__ == '__main__':
    sys.exit(server.run())
