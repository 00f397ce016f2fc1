// provider.js — McpToolProvider subclasses written in JavaScript (GJS)
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// GJS 1.74 cannot implement a vfunc that takes a callback, so a GJS class
// dispatches calls through handle_call rather than call_tool_async.

imports.gi.versions.Mcp = '1.0';
imports.gi.versions.Json = '1.0';
const { GLib, GObject, Json, Mcp } = imports.gi;

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

function textOf(outcome) {
    if (!outcome.result)
        throw new Error(`no result: ${outcome.error}`);
    return outcome.result.get_content().get_object_element(0).get_string_member('text');
}

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const Notes = GObject.registerClass({
    Properties: {
        'count': GObject.ParamSpec.int('count', null, 'How many notes',
            GObject.ParamFlags.READWRITE, 0, 10, 0),
    },
}, class Notes extends Mcp.ToolProvider {
    _init() {
        super._init();
        this._count = 0;
        this._notes = [];
        const add = Mcp.Tool.new('add_note', 'Adds a note');
        add.set_input_schema_json('{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}');
        add.set_func((tool, context, a) => {
            this._notes.push(a.get_string_member('text'));
            this.count = this._notes.length;
            return Mcp.ToolResult.new_text(`${this._notes.length} notes`);
        });
        this._extra = [add];
    }

    get count() {
        return this._count;
    }

    set count(value) {
        if (this._count !== value) {
            this._count = value;
            this.notify('count');
        }
    }

    vfunc_list_tools() {
        return super.vfunc_list_tools().concat(this._extra);
    }
});

const Dispatcher = GObject.registerClass(class Dispatcher extends Mcp.ToolProvider {
    _init() {
        super._init();
        this.calls = 0;
        this._listed = [Mcp.Tool.new('ping', 'Answers later')];
    }

    vfunc_list_tools() {
        return this._listed;
    }

    vfunc_handle_call(tool, invocation) {
        this.calls++;
        const n = this.calls;
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 10, () => {
            invocation.return_text(`pong ${n}`);
            return GLib.SOURCE_REMOVE;
        });
    }
});

const server = Mcp.Server.new('gjs-provider', '1.0');
const notes = new Notes();
server.add_provider(notes);

const names = server.list_tools().map(t => t.get_name()).join(',');
assert(names === 'add_note,get_count,set_count', `tools ${names}`);

let notified = 0;
notes.connect('notify::count', () => notified++);
assert(textOf(call(server, 'add_note', '{"text":"milk"}')) === '1 notes', 'add_note');
assert(textOf(call(server, 'set_count', '{"value":7}')) === '7', 'set_count');
assert(textOf(call(server, 'get_count', '{}')) === '7', 'get_count');
assert(notes.count === 7 && notified === 2, `count ${notes.count}, notified ${notified}`);

const wrong = call(server, 'set_count', '{"value":"7"}');
assert(wrong.error && wrong.error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS), 'strict by default');
notes.lenient = true;
assert(textOf(call(server, 'set_count', '{"value":"8"}')) === '8', 'lenient');

const dispatcher = new Dispatcher();
server.add_provider(dispatcher);
assert(textOf(call(server, 'ping', '{}')) === 'pong 1', 'ping 1');
assert(textOf(call(server, 'ping', '{}')) === 'pong 2', 'ping 2');

assert(server.remove_provider(dispatcher), 'remove');
assert(server.lookup_tool('ping') === null, 'removed');
print('gjs provider test passed');
