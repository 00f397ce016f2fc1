// smoke.js — the Mcp typelib in real use from JavaScript (GJS)
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

imports.gi.versions.Mcp = '1.0';
imports.gi.versions.Json = '1.0';
const { GLib, Json, Mcp } = imports.gi;

function args(json) {
    const parser = new Json.Parser();
    parser.load_from_data(json, -1);
    return parser.get_root().get_object();
}

function call(server, name, json) {
    const loop = new GLib.MainLoop(null, false);
    const outcome = {};
    server.call_tool_async(name, args(json), null, (source, result) => {
        try {
            outcome.result = source.call_tool_finish(result);
        } catch (e) {
            outcome.error = e;
        }
        loop.quit();
    });
    loop.run();
    return outcome;
}

function textOf(result) {
    return result.get_content().get_object_element(0).get_string_member('text');
}

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const server = Mcp.Server.new('gjs-smoke', '1.0');
assert(server.name === 'gjs-smoke', 'name property');

const greet = Mcp.Tool.new('greet', 'Greets someone');
greet.set_input_schema_json('{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}');
greet.set_func((tool, context, a) => Mcp.ToolResult.new_text(`Hello, ${a.get_string_member('name')}!`));
server.add_tool(greet);

const later = Mcp.Tool.new('later', 'Answers from a timeout');
later.set_async_func((tool, invocation) => {
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, 20, () => {
        invocation.return_text('later');
        return GLib.SOURCE_REMOVE;
    });
});
server.add_tool(later);

let outcome = call(server, 'greet', '{"name":"Ada"}');
assert(textOf(outcome.result) === 'Hello, Ada!', 'greet');

outcome = call(server, 'later', '{}');
assert(textOf(outcome.result) === 'later', 'later');

outcome = call(server, 'greet', '{}');
assert(outcome.error && outcome.error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS), 'invalid params');

const names = server.list_tools().map(t => t.get_name());
assert(names.join(',') === 'greet,later', `list_tools gave ${names}`);
assert(Mcp.log_level_to_string(Mcp.LogLevel.ERROR) === 'error', 'log level');
print('gjs smoke test passed');
