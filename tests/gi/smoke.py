#!/usr/bin/env python3
# smoke.py — the Mcp typelib in real use from Python (PyGObject)
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, Json, Mcp  # noqa: E402


def arguments(json):
    parser = Json.Parser()
    parser.load_from_data(json, -1)
    return parser.get_root().get_object()


def call(server, name, args):
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome['result'] = source.call_tool_finish(result)
        except GLib.Error as error:
            outcome['error'] = error
        loop.quit()

    server.call_tool_async(name, arguments(args), None, done)
    loop.run()
    return outcome


def text_of(result):
    return result.get_content().get_object_element(0).get_string_member('text')


def main():
    server = Mcp.Server.new('python-smoke', '1.0')
    assert server.props.name == 'python-smoke'

    greet = Mcp.Tool.new('greet', 'Greets someone')
    greet.set_input_schema_json(
        '{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}')

    def greet_func(tool, context, args):
        assert context.get_protocol_version() == Mcp.PROTOCOL_VERSION_LATEST
        return Mcp.ToolResult.new_text('Hello, %s!' % args.get_string_member('name'))

    greet.set_func(greet_func)
    server.add_tool(greet)

    later = Mcp.Tool.new('later', 'Answers from a timeout')

    def later_func(tool, invocation):
        def fire():
            invocation.return_text('later')
            return GLib.SOURCE_REMOVE
        GLib.timeout_add(20, fire)

    later.set_async_func(later_func)
    server.add_tool(later)

    outcome = call(server, 'greet', '{"name":"Ada"}')
    assert text_of(outcome['result']) == 'Hello, Ada!', outcome

    outcome = call(server, 'later', '{}')
    assert text_of(outcome['result']) == 'later', outcome

    outcome = call(server, 'greet', '{"name":3}')
    assert outcome['error'].matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS), outcome
    assert 'expected a string' in outcome['error'].message

    names = [tool.get_name() for tool in server.list_tools()]
    assert names == ['greet', 'later'], names
    assert Mcp.LogLevel.WARNING.value_nick == 'warning'
    assert Mcp.log_level_to_string(Mcp.LogLevel.ERROR) == 'error'
    print('python smoke test passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
