#!/usr/bin/env python3
# http.py — an MCP server written in Python, served over HTTP by
# McpHttpTransport, and called with libsoup, both through the typelibs
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import sys

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import GLib, Mcp, Soup  # noqa: E402


def greet(tool, context, arguments):
    return Mcp.ToolResult.new_text('Hello, %s!' % arguments.get_string_member('name'))


def post(session, url, body, headers):
    message = Soup.Message.new('POST', url)
    message.set_request_body_from_bytes('application/json',
                                        GLib.Bytes.new(json.dumps(body).encode()))
    for name, value in headers.items():
        message.get_request_headers().replace(name, value)
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        outcome['bytes'] = source.send_and_read_finish(result)
        loop.quit()

    session.send_and_read_async(message, GLib.PRIORITY_DEFAULT, None, done)
    loop.run()
    return message.get_status(), message.get_response_headers(), outcome['bytes'].get_data()


def main():
    server = Mcp.Server.new('python-http', '1.0')
    tool = Mcp.Tool.new('greet', 'Greets someone')
    tool.set_input_schema_json('{"type":"object","properties":{"name":{"type":"string"}},'
                               '"required":["name"]}')
    tool.set_func(greet)
    server.add_tool(tool)

    transport = Mcp.HttpTransport.new(server)
    transport.listen_local(0)
    transport.start()
    url = transport.dup_uri().to_string()
    assert transport.get_port() > 0, transport.get_port()
    session = Soup.Session()

    meta = {'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {}}
    status, headers, data = post(session, url,
                                 {'jsonrpc': '2.0', 'id': 1, 'method': 'tools/call',
                                  'params': {'name': 'greet', 'arguments': {'name': 'Python'},
                                             '_meta': meta}},
                                 {'Accept': 'application/json, text/event-stream',
                                  'MCP-Protocol-Version': '2026-07-28',
                                  'Mcp-Method': 'tools/call', 'Mcp-Name': 'greet'})
    assert status == 200, (status, data)
    answer = json.loads(data)
    assert answer['result']['content'][0]['text'] == 'Hello, Python!', answer

    status, headers, data = post(session, url,
                                 {'jsonrpc': '2.0', 'id': 0, 'method': 'initialize',
                                  'params': {'protocolVersion': '2025-06-18', 'capabilities': {},
                                             'clientInfo': {'name': 'py', 'version': '1'}}},
                                 {'Accept': 'application/json, text/event-stream'})
    assert status == 200, (status, data)
    assert headers.get_one('Mcp-Session-Id'), 'no session id'
    assert transport.get_n_sessions() == 1

    status, headers, data = post(session, url, {}, {'Host': 'evil.example.com'})
    assert status == 403, status

    transport.close()
    assert transport.get_n_sessions() == 0
    print('ok: the transport serves both eras from Python')
    return 0


if __name__ == '__main__':
    sys.exit(main())
