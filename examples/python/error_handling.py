#!/usr/bin/env python3
# error_handling.py — what clients see when a tool fails
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# - An exception raised by a tool, sync or async, becomes a result with
#   isError: true and the exception's message, which the model can read and
#   act on. The server goes on serving.
# - Arguments are checked against the input schema before the function
#   runs: a wrong or missing argument is a tool error naming it.
# - A GLib.Error of the Mcp.Error domain is a protocol error (a JSON-RPC
#   error with its code), for failures that are not the tool's own.

import sys

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import GLib, Mcp  # noqa: E402

server = Mcp.Server('error-handling', '1.0.0')


class NotFoundError(Exception):
    """An error of the application's own."""


INVENTORY = {'apple': 3, 'pear': 0}


@server.tool
def divide(a: float, b: float) -> float:
    """Divides a by b; dividing by zero is an error."""
    if b == 0:
        raise ZeroDivisionError('Cannot divide by zero')
    return a / b


@server.tool
def validate_age(age: int) -> str:
    """Checks that an age is plausible."""
    if age < 0:
        raise ValueError('An age cannot be negative (got %d)' % age)
    if age > 150:
        raise ValueError('%d is older than anyone has ever been' % age)
    return 'age %d is valid' % age


@server.tool
async def lookup_stock(item: str) -> int:
    """Looks an item up in the inventory, asynchronously."""
    await Mcp.aio.sleep(0.01)
    if item not in INVENTORY:
        raise NotFoundError('No item called “%s”; try one of %s' % (item, ', '.join(INVENTORY)))
    return INVENTORY[item]


@server.tool
def strict_repeat(text: str, times: int) -> str:
    """Repeats a text; the schema requires both arguments with their types."""
    return text * times


@server.tool
def internal_failure() -> str:
    """Fails with a protocol error rather than a tool error."""
    raise GLib.Error.new_literal(Mcp.error_quark(), 'The inventory database is unavailable',
                                 Mcp.Error.INTERNAL_ERROR)


@server.tool
def safe_divide(a: float, b: float) -> dict:
    """Divides, reporting a failure in the result instead of raising."""
    try:
        return {'ok': True, 'value': a / b}
    except ZeroDivisionError as error:
        return {'ok': False, 'error': str(error)}


if __name__ == '__main__':
    sys.exit(server.run())
