#!/usr/bin/env python3
# module_server.py — a server made of a module of functions
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Mcp.Server.from_module() takes a module object, a module name or the path
# of a .py file (MakeMCP's create_mcp_from_module and from_file): every
# public function defined in the module becomes a tool; functions it
# imports and names starting with _ do not. When some functions are marked
# with @Mcp.tool, only those are (see decorated_tools.py).

import os
import sys

import gi

gi.require_version('Mcp', '1.0')
from gi.repository import Mcp  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
server = Mcp.Server.from_module(os.path.join(here, 'text_utils.py'), name='text-utils',
                                version='1.0.0')

if __name__ == '__main__':
    sys.exit(server.run())
