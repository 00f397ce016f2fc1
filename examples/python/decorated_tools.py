#!/usr/bin/env python3
# decorated_tools.py — choosing and describing tools with @Mcp.tool
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# MakeMCP's @mcp_tool: once any function of a module (or method of a class)
# is marked, only the marked ones are tools, so helpers stay private without
# a leading underscore. The decorator can rename a tool, give it a title,
# replace its description, and set the hints clients show (read_only,
# destructive, idempotent, open_world). The functions are unchanged: they
# can still be called directly.

import sys
from typing import Literal

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import Mcp  # noqa: E402

Unit = Literal['C', 'F', 'K']


def to_kelvin(value: float, unit: Unit) -> float:
    """A helper, not a tool: it is not marked."""
    return {'C': value + 273.15, 'F': (value - 32) * 5 / 9 + 273.15, 'K': value}[unit]


@Mcp.tool(read_only=True, idempotent=True)
def convert_temperature(value: float, from_unit: Unit, to_unit: Unit) -> float:
    """Converts a temperature between Celsius, Fahrenheit and Kelvin.

    Args:
        value: the temperature
        from_unit: its unit
        to_unit: the unit wanted
    """
    kelvin = to_kelvin(value, from_unit)
    result = {'C': kelvin - 273.15, 'F': (kelvin - 273.15) * 9 / 5 + 32, 'K': kelvin}[to_unit]
    return round(result, 2)


@Mcp.tool(name='calculate_bmi', title='Body mass index', read_only=True,
          description='Computes the body mass index from a weight and a height.')
def bmi(weight_kg: float, height_m: float) -> dict:
    category = 'underweight'
    value = weight_kg / height_m ** 2
    for limit, name in ((18.5, 'normal'), (25, 'overweight'), (30, 'obese')):
        if value >= limit:
            category = name
    return {'bmi': round(value, 1), 'category': category}


@Mcp.tool(destructive=True)
def reset_counters(confirm: bool = False) -> str:
    """Resets every counter (a destructive tool: clients may ask first)."""
    return 'reset' if confirm else 'nothing done: confirm was false'


if __name__ == '__main__':
    server = Mcp.Server('decorated-tools', '1.0.0')
    server.add_module(sys.modules[__name__])
    sys.exit(server.run())
