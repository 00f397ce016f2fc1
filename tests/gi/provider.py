#!/usr/bin/env python3
# provider.py — McpToolProvider subclasses written in Python (PyGObject)
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A Python class has no typelib: its GObject properties are tools as for
# C, and it provides other tools by overriding the vfuncs.

import sys

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, GObject, Gio, Json, Mcp  # noqa: E402


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


def text_of(outcome):
    assert 'result' in outcome, outcome
    return outcome['result'].get_content().get_object_element(0).get_string_member('text')


class Notes(Mcp.ToolProvider):
    """Properties become get_/set_ tools; list_tools adds a tool with its
    own handler to those of the default implementation."""

    count = GObject.Property(type=int, default=0, minimum=0, maximum=10,
                             blurb='How many notes')
    title = GObject.Property(type=str, default='', blurb='The title')

    def __init__(self):
        super().__init__()
        self.notes = []
        add = Mcp.Tool.new('add_note', 'Adds a note')
        add.set_input_schema_json('{"type":"object","properties":{"text":{"type":"string"}},'
                                  '"required":["text"]}')
        add.set_func(self.add_note)
        self.extra_tools = [add]

    def add_note(self, tool, context, args):
        self.notes.append(args.get_string_member('text'))
        self.props.count = len(self.notes)
        return Mcp.ToolResult.new_text('%d notes' % len(self.notes))

    def do_list_tools(self):
        return Mcp.ToolProvider.do_list_tools(self) + self.extra_tools


class Dispatcher(Mcp.ToolProvider):
    """Answers the calls of its tools itself, through handle_call."""

    def __init__(self):
        super().__init__()
        self.calls = 0
        self.listed = [Mcp.Tool.new('ping', 'Answers later')]

    def do_list_tools(self):
        return self.listed

    def do_handle_call(self, tool, invocation):
        self.calls += 1

        def later():
            invocation.return_text('pong %d' % self.calls)
            return GLib.SOURCE_REMOVE
        GLib.timeout_add(10, later)


class TaskDispatcher(Mcp.ToolProvider):
    """Answers in the GIO style, overriding call_tool_async/_finish."""

    def __init__(self):
        super().__init__()
        self.listed = [Mcp.Tool.new('task', 'Answers through a GTask')]

    def do_list_tools(self):
        return self.listed

    def do_call_tool_async(self, tool, context, args, cancellable, callback, user_data):
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Mcp.ToolResult.new_text('task for ' + tool.get_name()))

    def do_call_tool_finish(self, result):
        return result.propagate_value().value


def main():
    server = Mcp.Server.new('python-provider', '1.0')

    notes = Notes()
    server.add_provider(notes)
    names = sorted(tool.get_name() for tool in server.list_tools())
    assert names == ['add_note', 'get_count', 'get_title', 'set_count', 'set_title'], names

    schema = server.lookup_tool('set_count').get_input_schema()
    value = schema.get_object_member('properties').get_object_member('value')
    assert value.get_string_member('type') == 'integer'
    assert value.get_int_member('maximum') == 10
    assert value.get_string_member('description') == 'How many notes'

    notified = []
    notes.connect('notify::count', lambda *args: notified.append(notes.props.count))
    assert text_of(call(server, 'add_note', '{"text":"milk"}')) == '1 notes'
    assert text_of(call(server, 'add_note', '{"text":"eggs"}')) == '2 notes'
    assert text_of(call(server, 'get_count', '{}')) == '2'
    assert text_of(call(server, 'set_title', '{"value":"Shopping"}')) == 'Shopping'
    assert notes.props.title == 'Shopping'
    assert notified == [1, 2], notified

    outcome = call(server, 'set_count', '{"value":11}')
    assert outcome['error'].matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS), outcome
    assert 'must be at most 10' in outcome['error'].message

    dispatcher = Dispatcher()
    server.add_provider(dispatcher)
    assert text_of(call(server, 'ping', '{}')) == 'pong 1'
    assert text_of(call(server, 'ping', '{}')) == 'pong 2'

    task_dispatcher = TaskDispatcher()
    server.add_provider(task_dispatcher)
    assert text_of(call(server, 'task', '{}')) == 'task for task'

    assert server.remove_provider(notes)
    assert server.lookup_tool('add_note') is None
    assert Mcp.ToolProviderFlags.PROPERTY_GETTERS.first_value_nick == 'property-getters'
    print('python provider test passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
