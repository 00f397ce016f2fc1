#!/usr/bin/env python3
# server.py — an MCP server written in Python with the PyGObject overrides,
# driven by the official TypeScript SDK clients (tests/interop/bindings.mjs)
# over stdio and Streamable HTTP. tests/bindings/server.js is the same
# server in GJS.
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   server.py [--http 127.0.0.1:0]

import sys
from typing import Optional

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import GObject, Mcp  # noqa: E402

server = Mcp.Server('python-bindings', '1.0.0', instructions='A test server written in Python')


@server.tool(read_only=True)
def add(a: int, b: int = 0) -> int:
    """Adds two integers.

    Args:
        a: the first integer
        b: the second integer
    """
    return a + b


@server.tool
async def nap(ms: int = 100) -> str:
    """Sleeps on the GLib main loop, then answers.

    Args:
        ms: how long, in milliseconds
    """
    await Mcp.aio.sleep(ms / 1000)
    return 'slept %d ms' % ms


@server.tool
def fail(message: str) -> str:
    """Raises an exception with the message."""
    raise ValueError(message)


@server.tool
async def fail_later(message: str) -> str:
    """Raises an exception with the message after a while."""
    await Mcp.aio.sleep(0.01)
    raise RuntimeError(message)


@server.tool
def describe(name: str, tags: Optional[list[str]] = None) -> dict:
    """Describes a thing."""
    return {'name': name, 'tags': tags or [], 'language': 'python'}


class Library(Mcp.ToolProvider):
    """A provider: its methods are tools, its properties too."""

    books = GObject.Property(type=int, default=0, minimum=0, blurb='How many books')

    def __init__(self):
        super().__init__()
        self.titles = []

    def shelve(self, title: str) -> int:
        """Puts a book on the shelf; returns how many there are."""
        self.titles.append(title)
        self.books = len(self.titles)
        return self.books

    async def find(self, prefix: str, ms: int = 10) -> list[str]:
        """Looks for books, slowly."""
        await Mcp.aio.sleep(ms / 1000)
        return [t for t in self.titles if t.startswith(prefix)]


library = Library()
server.add_provider(library)

if __name__ == '__main__':
    sys.exit(server.run())
