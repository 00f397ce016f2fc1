// helpers.js — the GJS overrides (bindings/gjs/overrides/Mcp.js) in
// process: tools from functions, sync and async, schemas from parameter
// descriptions, results, errors, provider subclasses with static
// [Mcp.tools], and concurrency.
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with gjs -m (an ES module).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import GObject from 'gi://GObject';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

Gio._promisify(Gio.File.prototype, 'load_contents_async', 'load_contents_finish');

const failures = [];

function check(condition, what, detail) {
    if (condition) {
        print(`ok - ${what}`);
    } else {
        failures.push(what);
        print(`not ok - ${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
    }
}

function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}

function asJs(object) {
    const node = Json.Node.new(Json.NodeType.OBJECT);
    node.set_object(object);
    return JSON.parse(Json.to_string(node, false));
}

// Calls a tool in process: resolves to the result as an object, or to the
// GLib.Error.
function call(server, name, args = {}, cancellable = null) {
    return new Promise(resolve => {
        server.call_tool_async(name, Json.from_string(JSON.stringify(args)).get_object(),
            cancellable, (source, result) => {
                try {
                    resolve(asJs(source.call_tool_finish(result).to_json()));
                } catch (error) {
                    resolve(error);
                }
            });
    });
}

const text = result => result?.content?.[0]?.text;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function testFunctions() {
    check(typeof Mcp.tool === 'function' && typeof Mcp.tools === 'symbol',
        'the overrides are loaded');
    const server = new Mcp.Server({name: 'functions', version: '1.0'});

    server.addTool({
        description: 'Adds two integers',
        params: {a: 'integer', b: {type: 'integer', description: 'the second', default: 2}},
        readOnly: true,
    }, function add({a, b = 2}) {
        return a + b;
    });
    const described = asJs(server.lookup_tool('add').to_json());
    check(same(described.inputSchema, {
        type: 'object',
        properties: {a: {type: 'integer'}, b: {type: 'integer', description: 'the second', default: 2}},
        required: ['a'],
        additionalProperties: false,
    }), 'the input schema from params', described.inputSchema);
    check(described.description === 'Adds two integers' &&
        same(described.annotations, {readOnlyHint: true}), 'description and annotations', described);
    check(text(await call(server, 'add', {a: 1})) === '3', 'a sync function');

    server.addTool({name: 'shapes', params: {tags: 'string[]?', mode: ['fast', 'slow'], any: 'any?'}},
        ({tags = [], mode}) => `${mode}:${tags.join(',')}`);
    const shapes = asJs(server.lookup_tool('shapes').to_json()).inputSchema;
    check(same(shapes.properties, {
        tags: {type: 'array', items: {type: 'string'}},
        mode: {enum: ['fast', 'slow'], type: 'string'},
        any: {},
    }) && same(shapes.required, ['mode']), 'array, enumeration and any shorthands', shapes);

    server.addTool({name: 'nap', params: {ms: 'integer?'}}, async ({ms = 100}) => {
        await sleep(ms);
        return `rested ${ms}`;
    });
    check(text(await call(server, 'nap', {ms: 10})) === 'rested 10', 'an async function');

    const path = GLib.build_filenamev([GLib.get_tmp_dir(), `mcp-gjs-${GLib.get_monotonic_time()}`]);
    GLib.file_set_contents(path, 'file contents');
    server.addTool({name: 'read_file', params: {path: 'string'}}, async ({path: p}, context) => {
        const [contents] = await Gio.File.new_for_path(p).load_contents_async(context.get_cancellable());
        return new TextDecoder().decode(contents);
    });
    check(text(await call(server, 'read_file', {path})) === 'file contents',
        'a Gio call made awaitable with Gio._promisify');
    GLib.unlink(path);

    server.addTool({name: 'structured', output: {type: 'object'}}, () => ({a: 1}));
    server.addTool({name: 'listed', output: 'integer[]'}, () => [1, 2]);
    server.addTool({name: 'plain'}, ({kind}) => ({
        obj: {b: 2}, arr: [3], num: 0.5, bool: false, nothing: undefined,
        result: Mcp.ToolResult.new_text('by hand'),
    })[kind]);
    let result = await call(server, 'structured');
    check(same(result.structuredContent, {a: 1}) && text(result) === '{"a":1}',
        'an object result is structured content, repeated as text', result);
    result = await call(server, 'listed');
    check(same(result.structuredContent, {result: [1, 2]}) &&
        asJs(server.lookup_tool('listed').to_json()).outputSchema.properties.result.type === 'array',
    'an array result is wrapped in {result}', result);
    const expectations = {obj: {b: 2}, arr: {result: [3]}};
    for (const [kind, want] of Object.entries(expectations)) {
        result = await call(server, 'plain', {kind});
        check(same(result.structuredContent, want), `a ${kind} result without output schema`, result);
    }
    for (const [kind, want] of [['num', '0.5'], ['bool', 'false'], ['result', 'by hand']]) {
        result = await call(server, 'plain', {kind});
        check(text(result) === want, `a ${kind} result is the text ${want}`, result);
    }
    result = await call(server, 'plain', {kind: 'nothing'});
    check(same(result.content, []), 'undefined is an empty result', result);
    return server;
}

async function testErrors() {
    const server = new Mcp.Server({name: 'errors', version: '1.0'});
    server.addTool({name: 'boom', params: {message: 'string'}}, ({message}) => {
        throw new Error(message);
    });
    server.addTool({name: 'later_boom', params: {message: 'string'}}, async ({message}) => {
        await sleep(5);
        throw new TypeError(message);
    });
    server.addTool({name: 'rejects'}, () => Promise.reject(new Error('rejected')));
    server.addTool({name: 'protocol'}, () => {
        throw new GLib.Error(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS, 'not like that');
    });
    server.addTool({name: 'typed', params: {n: 'integer'}}, ({n}) => n);

    let result = await call(server, 'boom', {message: 'it broke'});
    check(result.isError === true && text(result) === 'it broke',
        'a thrown Error is an isError result with its message', result);
    result = await call(server, 'later_boom', {message: 'later'});
    check(result.isError === true && text(result) === 'later',
        'an async throw is an isError result with its message', result);
    result = await call(server, 'rejects');
    check(result.isError === true && text(result) === 'rejected', 'a rejected Promise', result);
    result = await call(server, 'protocol');
    check(result instanceof GLib.Error && result.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS),
        'an Mcp.Error becomes a JSON-RPC error', String(result));
    result = await call(server, 'typed', {n: 'x'});
    check(result instanceof GLib.Error && result.message.includes('Invalid argument “n”'),
        'arguments are checked first', String(result));
}

function utilities() {
    return {
        shout: Mcp.tool({description: 'Shouts', params: {text: 'string'}}, ({text: t}) => t.toUpperCase()),
        whisper: ({text: t}) => t.toLowerCase(),
        _hidden: () => 'hidden',
    };
}

async function testFactories() {
    let server = new Mcp.Server({name: 'module', version: '1.0'});
    server.addModule(utilities());
    check(same(server.list_tools().map(t => t.get_name()), ['shout']),
        'addModule: only functions described with Mcp.tool when any is');
    check(text(await call(server, 'shout', {text: 'hey'})) === 'HEY', 'a module function');

    server = new Mcp.Server({name: 'module2', version: '1.0'});
    server.addModule({whisper: ({text: t}) => t.toLowerCase(), _no: () => null});
    check(same(server.list_tools().map(t => t.get_name()), ['whisper']) &&
        text(await call(server, 'whisper', {text: 'HEY'})) === 'hey',
    'addModule: every public function when none is described');

    class Shop {
        constructor() {
            this.items = [];
        }

        add({item}) {
            this.items.push(item);
            return this.items.length;
        }

        async count() {
            await sleep(1);
            return this.items.length;
        }

        _secret() {
            return 'secret';
        }
    }
    const shop = new Shop();
    server = new Mcp.Server({name: 'object', version: '1.0'});
    server.addObject(shop);
    await call(server, 'add', {item: 'milk'});
    check(same(server.list_tools().map(t => t.get_name()), ['add', 'count']) &&
        text(await call(server, 'count')) === '1' && shop.items[0] === 'milk',
    'addObject: public methods on one object that keeps its state');
}

const Scraper = GObject.registerClass({
    Properties: {
        'pages': GObject.ParamSpec.int('pages', null, 'Pages fetched',
            GObject.ParamFlags.READWRITE, 0, 1000000, 0),
    },
}, class Scraper extends Mcp.ToolProvider {
    static [Mcp.tools] = {
        fetch: {description: 'Fetches a page', params: {url: 'string', delay: 'integer?'},
            output: 'object'},
        get_stats: 'Statistics',
        fail: {params: {message: 'string'}},
    };

    _init() {
        super._init();
        this._pages = 0;
        this.visited = [];
    }

    get pages() {
        return this._pages;
    }

    set pages(value) {
        if (value !== this._pages) {
            this._pages = value;
            this.notify('pages');
        }
    }

    async fetch({url, delay = 10}) {
        await sleep(delay);
        this.visited.push(url);
        this.pages += 1;
        return {url, title: `Title of ${url}`};
    }

    getStats() {
        return {visited: this.visited};
    }

    fail({message}) {
        throw new Error(message);
    }

    notATool() {
        return 'helper';
    }
});

const Derived = GObject.registerClass(class Derived extends Scraper {
    static [Mcp.tools] = {extra: 'Extra'};

    extra() {
        return 'extra';
    }
});

async function testProviders() {
    const server = new Mcp.Server({name: 'providers', version: '1.0'});
    const scraper = new Scraper();
    server.add_provider(scraper);
    const names = server.list_tools().map(t => t.get_name());
    check(same(names, ['fail', 'fetch', 'get_pages', 'get_stats', 'set_pages']),
        'a provider subclass: declared methods and property tools', names);
    let result = await call(server, 'fetch', {url: 'a'});
    check(same(result.structuredContent, {url: 'a', title: 'Title of a'}), 'an async method', result);
    result = await call(server, 'get_stats');
    check(same(result.structuredContent, {visited: ['a']}),
        'a sync method (camelCase) sees what the async one did', result);
    check(text(await call(server, 'get_pages')) === '1' && scraper.pages === 1, 'property tools');
    result = await call(server, 'fail', {message: 'broken'});
    check(result.isError === true && text(result) === 'broken', 'a throwing method', result);

    const start = GLib.get_monotonic_time();
    const results = await Promise.all([...Array(20).keys()].map(i =>
        call(server, 'fetch', {url: `u${i}`, delay: 100})));
    const elapsed = (GLib.get_monotonic_time() - start) / 1000;
    print(`# gjs provider in process: 20 concurrent 100 ms calls took ${elapsed.toFixed(1)} ms`);
    check(elapsed < 300 && results.every(r => !r.isError) && scraper.pages === 21,
        `async methods run concurrently (${elapsed.toFixed(1)} ms)`);

    const other = new Mcp.Server({name: 'derived', version: '1.0'});
    other.add_provider(new Derived());
    check(other.lookup_tool('extra') !== null && other.lookup_tool('fetch') !== null,
        'a subclass has its own tools and those of its base class');
    check(text(await call(other, 'extra')) === 'extra', 'calling a subclass tool');
}

async function testCallTool(server) {
    const result = await server.callTool('add', {a: 40, b: 2});
    check(JSON.stringify(result) === '{"content":[{"type":"text","text":"42"}]}',
        'server.callTool() and ToolResult.toJSON()', JSON.stringify(result));
    try {
        await server.callTool('add', {a: 'x'});
        check(false, 'server.callTool() checks the arguments');
    } catch (error) {
        check(error instanceof GLib.Error && error.matches(Mcp.error_quark(), Mcp.Error.INVALID_PARAMS),
            'server.callTool() checks the arguments', String(error));
    }
}

async function testConcurrency(server) {
    const start = GLib.get_monotonic_time();
    const results = await Promise.all([...Array(20).keys()].map(() => call(server, 'nap', {ms: 100})));
    const elapsed = (GLib.get_monotonic_time() - start) / 1000;
    print(`# gjs in process: 20 concurrent 100 ms calls took ${elapsed.toFixed(1)} ms`);
    check(elapsed < 300 && results.every(r => text(r) === 'rested 100'),
        `20 concurrent 100 ms calls within 300 ms (${elapsed.toFixed(1)} ms)`);
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
(async () => {
    try {
        const server = await testFunctions();
        await testErrors();
        await testFactories();
        await testProviders();
        await testCallTool(server);
        await testConcurrency(server);
    } catch (error) {
        logError(error);
        failures.push('exception');
    }
    if (failures.length > 0) {
        print(`# ${failures.length} checks failed: ${failures.join(', ')}`);
        status = 1;
    } else {
        print('# all checks passed');
    }
    loop.quit();
})();
loop.run();
System.exit(status);
