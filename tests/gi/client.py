#!/usr/bin/env python3
# client.py — McpClient from Python (PyGObject), through the typelib
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   client.py EXAMPLE-SERVER FEATURE-SERVER
#
# Connects to the example servers over stdio, in both eras, calls tools,
# answers an elicitation from a Python signal handler, and closes.

import sys

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, Json, Mcp  # noqa: E402


def json_object(text):
    parser = Json.Parser()
    parser.load_from_data(text, -1)
    return parser.get_root().get_object()


def wait(start, finish):
    """Runs START(callback), then FINISH(result) in a main loop."""
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome['value'] = finish(result)
        except GLib.Error as error:
            outcome['error'] = error
        loop.quit()

    start(done)
    loop.run()
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']


def text_of(result):
    return result.get_content().get_object_element(0).get_string_member('text')


def check(condition, what):
    if not condition:
        print(f'not ok: {what}')
        sys.exit(1)
    print(f'ok: {what}')


def run(example, feature, mode, era):
    client = Mcp.Client.new_for_command([example])
    client.set_mode(mode)
    wait(lambda cb: client.connect_async(None, cb), client.connect_finish)
    check(client.get_era() == era, f'era {era.value_nick}')
    check(client.get_server_info().get_string_member('name') == 'makemcp-glib-example',
          'server name')

    tools = wait(lambda cb: client.list_tools_async(None, cb), client.list_tools_finish)
    names = [tools.get_object_element(i).get_string_member('name') for i in range(tools.get_length())]
    check(names == ['add', 'counter', 'echo', 'sleep'], f'tools {names}')

    result = wait(lambda cb: client.call_tool_async('add', json_object('{"a":19,"b":23}'), None, cb),
                  client.call_tool_finish)
    check(text_of(result) == '42', 'add')

    try:
        wait(lambda cb: client.call_tool_async('nope', None, None, cb), client.call_tool_finish)
        check(False, 'unknown tool fails')
    except GLib.Error as error:
        check(error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS), 'unknown tool fails')

    wait(lambda cb: client.close_async(None, cb), client.close_finish)

    # Input requests, answered from Python.
    client = Mcp.Client.new_for_command([feature])
    client.set_mode(mode)
    client.set_capabilities(json_object('{"elicitation":{}}'))
    asked = []

    def on_input(client, request):
        asked.append(request.get_message())
        request.accept(json_object('{"confirm":true}'))
        return True

    client.connect('input-request', on_input)
    wait(lambda cb: client.connect_async(None, cb), client.connect_finish)
    wait(lambda cb: client.call_tool_async('add_note', json_object('{"text":"x"}'), None, cb),
         client.call_tool_finish)
    result = wait(lambda cb: client.call_tool_async('confirm_clear', None, None, cb),
                  client.call_tool_finish)
    check(text_of(result) == 'All notes were cleared', 'elicitation answered from Python')
    check(asked == ['Really clear every note?'], 'the signal saw the message')
    wait(lambda cb: client.close_async(None, cb), client.close_finish)


def main():
    example, feature = sys.argv[1], sys.argv[2]
    run(example, feature, Mcp.ClientMode.AUTO, Mcp.Era.MODERN)
    run(example, feature, Mcp.ClientMode.LEGACY, Mcp.Era.LEGACY)
    return 0


if __name__ == '__main__':
    sys.exit(main())
