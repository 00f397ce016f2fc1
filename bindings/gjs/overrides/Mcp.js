// Mcp.js — GJS overrides for makemcp-glib (namespace Mcp-1.0)
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// GJS runs _init() when a program imports gi://Mcp (or imports.gi.Mcp),
// with `this` the namespace. It adds what JavaScript users expect on top of
// the typelib:
//
//   - server.addTool(description, fn): a tool from a function, sync or
//     async (a function returning a Promise: async functions, Gio calls
//     made awaitable with Gio._promisify), its input schema from a short
//     parameter description;
//   - Mcp.tool(description, fn) to describe functions, and
//     server.addFunctions() / server.addModule() / server.addObject();
//   - McpToolProvider subclasses whose methods are tools, declared with
//     `static [Mcp.tools] = {…}`;
//   - exceptions turned into results with isError and the message;
//   - server.run() with the program's own command line.

const {GLib, GObject, Json} = imports.gi;
const System = imports.system;

let Mcp;

const DESCRIPTION = Symbol('Mcp tool description');
const SPECS = new WeakMap();

const TYPE_NAMES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);

// ---------------------------------------------------------------------------
// JSON between json-glib and JavaScript

function _objectToJs(object) {
    if (object === null)
        return {};
    const node = Json.Node.new(Json.NodeType.OBJECT);
    node.set_object(object);
    return JSON.parse(Json.to_string(node, false));
}

function _toNode(value) {
    return Json.from_string(JSON.stringify(_jsonable(value)));
}

function _jsonable(value) {
    if (value instanceof GLib.Bytes)
        return GLib.base64_encode(value.toArray());
    if (value instanceof Uint8Array)
        return GLib.base64_encode(value);
    if (value instanceof Json.Node)
        return JSON.parse(Json.to_string(value, false));
    if (value instanceof Json.Object)
        return _objectToJs(value);
    if (value instanceof GLib.Variant)
        return value.recursiveUnpack();
    if (typeof value === 'bigint')
        return Number(value);
    if (Array.isArray(value))
        return value.map(_jsonable);
    if (value instanceof Map)
        return Object.fromEntries([...value].map(([k, v]) => [k, _jsonable(v)]));
    if (value instanceof Set)
        return [...value].map(_jsonable);
    return value;
}

// ---------------------------------------------------------------------------
// Tool descriptions → JSON Schema
//
// params maps each argument to a type name ('string', 'integer',
// 'number', 'boolean', 'object', 'array', 'any'), optionally followed by
// '[]' (an array of it) and/or '?' (optional); to an array of allowed
// values (an enumeration); or to a JSON Schema object, which may say
// `optional: true` (an argument with a `default` is optional too).

function _schemaOf(name, description) {
    if (typeof description === 'string') {
        let text = description.trim();
        const optional = text.endsWith('?');
        if (optional)
            text = text.slice(0, -1);
        let depth = 0;
        while (text.endsWith('[]')) {
            text = text.slice(0, -2);
            depth++;
        }
        if (text !== 'any' && !TYPE_NAMES.has(text))
            throw new TypeError(`argument ${name}: unknown type “${description}”`);
        let schema = text === 'any' ? {} : {type: text};
        for (; depth > 0; depth--)
            schema = {type: 'array', items: schema};
        return [schema, optional];
    }
    if (Array.isArray(description)) {
        const kinds = new Set(description.map(v => {
            if (v === null)
                return 'null';
            if (typeof v === 'number')
                return Number.isInteger(v) ? 'integer' : 'number';
            return typeof v;
        }));
        const schema = {enum: description};
        if (kinds.size === 1 && TYPE_NAMES.has([...kinds][0]))
            schema.type = [...kinds][0];
        return [schema, false];
    }
    if (description && typeof description === 'object') {
        const {optional, ...schema} = description;
        return [schema, Boolean(optional) || 'default' in schema];
    }
    throw new TypeError(`argument ${name}: describe it with a type name, an array of values or a schema`);
}

// Without params, a tool takes any arguments; with params, only those.
function _inputSchema(params) {
    if (params === undefined || params === null)
        return {type: 'object'};
    const properties = {};
    const required = [];
    for (const [name, description] of Object.entries(params)) {
        const [schema, optional] = _schemaOf(name, description);
        properties[name] = schema;
        if (!optional)
            required.push(name);
    }
    const schema = {type: 'object', properties};
    if (required.length > 0)
        schema.required = required;
    schema.additionalProperties = false;
    return schema;
}

// A tool description: a string (the description), or an object with name,
// title, description, params or inputSchema, output or outputSchema,
// readOnly, destructive, idempotent, openWorld, timeout (ms), meta.
function _compile(description, fallbackName) {
    if (typeof description === 'string')
        description = {description};
    description = {...description ?? {}};
    const spec = {
        name: description.name ?? fallbackName,
        title: description.title ?? null,
        description: description.description ?? null,
        method: description.method ?? null,
        hints: {},
        timeout: description.timeout ?? 0,
        meta: description.meta ?? null,
        wrap: false,
        outputSchema: null,
    };
    if (!spec.name || !/^[A-Za-z0-9_.-]{1,128}$/.test(spec.name))
        throw new TypeError(`“${spec.name}” is not a valid tool name`);
    for (const [key, hint] of [['readOnly', 'readOnlyHint'], ['destructive', 'destructiveHint'],
        ['idempotent', 'idempotentHint'], ['openWorld', 'openWorldHint']]) {
        if (key in description)
            spec.hints[hint] = Boolean(description[key]);
    }
    spec.inputSchema = description.inputSchema ?? _inputSchema(description.params);

    const output = description.outputSchema ?? description.output;
    if (output !== undefined && output !== null) {
        const [schema] = _schemaOf('result', output);
        if (schema.type === 'object') {
            spec.outputSchema = schema;
        } else {
            spec.outputSchema = {type: 'object', properties: {result: schema}, required: ['result']};
            spec.wrap = true;
        }
    }
    return spec;
}

function _newTool(spec) {
    const tool = Mcp.Tool.new(spec.name, spec.description);
    tool.set_input_schema_json(JSON.stringify(spec.inputSchema));
    if (spec.outputSchema)
        tool.set_output_schema_json(JSON.stringify(spec.outputSchema));
    if (spec.title)
        tool.set_title(spec.title);
    for (const [hint, value] of Object.entries(spec.hints))
        tool.set_hint(hint, value);
    if (spec.timeout)
        tool.set_timeout(spec.timeout);
    if (spec.meta)
        tool.set_meta(_toNode(spec.meta).get_object());
    return tool;
}

// ---------------------------------------------------------------------------
// Calls

function _isPlainObject(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

function _result(spec, value) {
    if (value instanceof Mcp.ToolResult)
        return value;
    if (spec.wrap)
        return Mcp.ToolResult.new_structured(_toNode({result: value ?? null}));
    if (value === undefined || value === null)
        return spec.outputSchema ? Mcp.ToolResult.new_structured(_toNode({})) : Mcp.ToolResult.new();
    if (typeof value === 'string')
        return Mcp.ToolResult.new_text(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return Mcp.ToolResult.new_text(JSON.stringify(_jsonable(value)));
    if (value instanceof GLib.Bytes || value instanceof Uint8Array)
        return Mcp.ToolResult.new_text(_jsonable(value));
    if (_isPlainObject(value) || value instanceof Map || value instanceof Json.Object)
        return Mcp.ToolResult.new_structured(_toNode(value));
    if (Array.isArray(value) || value instanceof Set)
        return Mcp.ToolResult.new_structured(_toNode({result: value}));
    return Mcp.ToolResult.new_text(String(value));
}

function _returnError(invocation, error) {
    if (error instanceof GLib.Error) {
        invocation.return_gerror(error);
        return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (GLib.getenv('MCP_DEBUG'))
        logError(error, `tool ${invocation.get_tool().get_name()} failed`);
    invocation.return_error_message(message || (error?.name ?? 'Error'));
}

function _returnValue(invocation, spec, value) {
    let result;
    try {
        result = _result(spec, value);
    } catch (error) {
        _returnError(invocation, error);
        return;
    }
    invocation.return_result(result);
}

// Runs one call: fn(args, context, invocation), with `this` thisArg. A
// result that is a Promise (an async function's) completes the call when
// it settles; anything else completes it at once.
function _invoke(spec, fn, thisArg, invocation) {
    let outcome;
    try {
        const args = _objectToJs(invocation.get_arguments());
        outcome = fn.call(thisArg, args, invocation.get_context(), invocation);
    } catch (error) {
        _returnError(invocation, error);
        return;
    }
    if (outcome !== null && typeof outcome === 'object' && typeof outcome.then === 'function') {
        outcome.then(value => _returnValue(invocation, spec, value),
            error => _returnError(invocation, error));
    } else {
        _returnValue(invocation, spec, outcome);
    }
}

// ---------------------------------------------------------------------------
// Public API

// Mcp.tool(description, fn): describes fn as a tool and returns it (still
// callable directly). server.addFunctions(), server.addModule() and
// server.addObject() expose only described functions when any is.
function tool(description, fn) {
    if (typeof description === 'function' && fn === undefined)
        [description, fn] = [{}, description];
    if (typeof fn !== 'function')
        throw new TypeError('Mcp.tool(description, fn): fn must be a function');
    fn[DESCRIPTION] = description ?? {};
    return fn;
}

function _normalize(description) {
    return typeof description === 'string' ? {description} : {...description ?? {}};
}

function _newToolFromFunction(description, fn, thisArg = null) {
    if (typeof description === 'function' && fn === undefined)
        [description, fn] = [{}, description];
    if (typeof fn !== 'function')
        throw new TypeError('a tool needs a function');
    const spec = _compile({..._normalize(fn[DESCRIPTION]), ..._normalize(description)},
        fn.name?.replace(/^bound /, ''));
    const mcpTool = _newTool(spec);
    mcpTool.set_async_func((_tool, invocation) => _invoke(spec, fn, thisArg, invocation));
    return mcpTool;
}

function _described(fn) {
    return typeof fn === 'function' && DESCRIPTION in fn;
}

function _camelCase(name) {
    return name.replace(/[_-]([a-z0-9])/g, (_m, c) => c.toUpperCase());
}

// The tools of a provider class: its own static [Mcp.tools] and those of
// its JavaScript ancestors, by tool name.
function _specsOf(klass) {
    let specs = SPECS.get(klass);
    if (specs)
        return specs;
    const parent = Object.getPrototypeOf(klass);
    specs = new Map(parent && parent !== Function.prototype && parent.prototype instanceof Mcp.ToolProvider
        ? _specsOf(parent) : []);
    if (Object.prototype.hasOwnProperty.call(klass, Mcp.tools)) {
        for (const [name, description] of Object.entries(klass[Mcp.tools])) {
            const spec = _compile(description, name);
            const candidates = [spec.method, name, _camelCase(name)].filter(Boolean);
            spec.method = candidates.find(m => typeof klass.prototype[m] === 'function');
            if (!spec.method) {
                throw new TypeError(`${klass.name}: the tool “${name}” has no method ` +
                    `(${candidates.join(' or ')})`);
            }
            specs.set(spec.name, spec);
        }
    }
    SPECS.set(klass, specs);
    return specs;
}

function _providerListTools() {
    if (!this._mcpTools) {
        this._mcpTools = new Map();
        for (const spec of _specsOf(this.constructor).values())
            this._mcpTools.set(spec.name, _newTool(spec));
    }
    const inherited = Mcp.ToolProvider.prototype.vfunc_list_tools.call(this)
        .filter(t => !this._mcpTools.has(t.get_name()));
    return inherited.concat([...this._mcpTools.values()]);
}

function _providerHandleCall(mcpTool, invocation) {
    const spec = _specsOf(this.constructor).get(mcpTool.get_name());
    if (!spec) {
        invocation.return_error_message(`Unknown tool “${mcpTool.get_name()}”`);
        return;
    }
    _invoke(spec, this[spec.method], this, invocation);
}

function _init() {
    Mcp = this;

    // static [Mcp.tools] = {name: description, …} in a McpToolProvider
    // subclass declares its tools; each calls the method of the same name
    // (or its camelCase form) with (args, context, invocation).
    Mcp.tools = Symbol('Mcp.tools');
    Mcp.tool = tool;

    Mcp.Tool.newFromFunction = _newToolFromFunction;

    // server.addTool(description, fn) → the new Mcp.Tool
    Mcp.Server.prototype.addTool = function (description, fn) {
        const mcpTool = _newToolFromFunction(description, fn);
        this.add_tool(mcpTool);
        return mcpTool;
    };

    // server.addFunctions({name: fn, …}) or ([fn, …])
    Mcp.Server.prototype.addFunctions = function (functions) {
        const entries = Array.isArray(functions)
            ? functions.map(fn => [null, fn])
            : Object.entries(functions);
        const marked = entries.filter(([, fn]) => _described(fn));
        return (marked.length > 0 ? marked : entries.filter(([, fn]) => typeof fn === 'function'))
            .map(([name, fn]) => {
                const description = _normalize(fn[DESCRIPTION]);
                if (name !== null && !description.name)
                    description.name = name;
                return this.addTool(description, fn);
            });
    };

    // server.addModule(namespace): the exported functions of an ES module
    // (import * as utils from './utils.js'), or of any object.
    Mcp.Server.prototype.addModule = function (module) {
        const functions = {};
        for (const name of Object.keys(module)) {
            if (!name.startsWith('_') && typeof module[name] === 'function')
                functions[name] = module[name];
        }
        return this.addFunctions(functions);
    };

    // server.addObject(object): a McpToolProvider is added as a provider;
    // of another object, the methods described with Mcp.tool(), else all
    // its public methods, called on the object.
    Mcp.Server.prototype.addObject = function (object) {
        if (object instanceof Mcp.ToolProvider) {
            this.add_provider(object);
            return object.list_tools();
        }
        const methods = new Map();
        for (let p = Object.getPrototypeOf(object); p && p !== Object.prototype;
            p = Object.getPrototypeOf(p)) {
            for (const name of Object.getOwnPropertyNames(p)) {
                if (name === 'constructor' || name.startsWith('_') || methods.has(name))
                    continue;
                const descriptor = Object.getOwnPropertyDescriptor(p, name);
                if (typeof descriptor.value === 'function')
                    methods.set(name, descriptor.value);
            }
        }
        const entries = [...methods];
        const marked = entries.filter(([, fn]) => _described(fn));
        return (marked.length > 0 ? marked : entries).map(([name, fn]) => {
            const mcpTool = _newToolFromFunction({name, ..._normalize(fn[DESCRIPTION])}, fn, object);
            this.add_tool(mcpTool);
            return mcpTool;
        });
    };

    // server.callTool(name, args) calls a tool in process, with the same
    // argument checks as a client's call: a Promise of the Mcp.ToolResult
    // (handy in tests).
    Mcp.Server.prototype.callTool = function (name, args = {}, cancellable = null) {
        return new Promise((resolve, reject) => {
            this.call_tool_async(name, _toNode(args).get_object(), cancellable, (server, result) => {
                try {
                    resolve(server.call_tool_finish(result));
                } catch (error) {
                    reject(error);
                }
            });
        });
    };

    // result.toJSON(): the result as the client receives it (content,
    // structuredContent, isError), so that JSON.stringify(result) works.
    Mcp.ToolResult.prototype.toJSON = function () {
        return _objectToJs(this.to_json());
    };

    // server.run() serves with the program's command line (--http,
    // --stdio, --info); server.run({transport: 'http', host, port}) chooses
    // in code; server.run(argv) passes a command line of your own.
    const run = Mcp.Server.prototype.run;
    Mcp.Server.prototype.run = function (argvOrOptions = null) {
        let argv = Array.isArray(argvOrOptions) ? argvOrOptions : null;
        const options = Array.isArray(argvOrOptions) ? {} : argvOrOptions ?? {};
        if (argv === null) {
            argv = options.argv ?? [System.programInvocationName ?? 'gjs',
                ...globalThis.ARGV ?? []];
        }
        argv = [...argv];
        if (options.transport === 'http') {
            const host = options.host ?? '127.0.0.1';
            argv.push('--http', `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 8000}`);
        } else if (options.transport === 'stdio') {
            argv.push('--stdio');
        } else if (options.transport !== undefined) {
            throw new TypeError(`transport must be "stdio" or "http", not ${options.transport}`);
        }
        return run.call(this, argv);
    };

    // Subclasses with static [Mcp.tools] get list_tools and handle_call
    // implementations that expose and dispatch them, unless they implement
    // those themselves.
    Mcp.ToolProvider._classInit = function (klass) {
        const prototype = klass.prototype;
        const own = name => Object.prototype.hasOwnProperty.call(prototype, name);
        if (Object.prototype.hasOwnProperty.call(klass, Mcp.tools) &&
            !own('vfunc_list_tools') && !own('vfunc_handle_call')) {
            _specsOf(klass);
            // Defined, not assigned: assigning would look the names up on
            // the McpToolProvider prototype, and GJS refuses to resolve a
            // vfunc the C class leaves unimplemented (handle_call).
            for (const [name, value] of [['vfunc_list_tools', _providerListTools],
                ['vfunc_handle_call', _providerHandleCall]]) {
                Object.defineProperty(prototype, name,
                    {value, writable: true, configurable: true, enumerable: false});
            }
        }
        return GObject.Object._classInit(klass);
    };
}
