// server.js — an MCP server written in JavaScript with the GJS overrides,
// driven by the official TypeScript SDK clients (tests/interop/bindings.mjs)
// over stdio and Streamable HTTP; the same server as server.py.
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   gjs -m server.js [--http 127.0.0.1:0]

import GObject from 'gi://GObject';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const server = new Mcp.Server({
    name: 'gjs-bindings',
    version: '1.0.0',
    instructions: 'A test server written in JavaScript',
});

server.addTool({
    description: 'Adds two integers.',
    params: {
        a: {type: 'integer', description: 'the first integer'},
        b: {type: 'integer', description: 'the second integer', default: 0},
    },
    readOnly: true,
}, function add({a, b = 0}) {
    return a + b;
});

server.addTool({
    description: 'Sleeps on the GLib main loop, then answers.',
    params: {ms: {type: 'integer', description: 'how long, in milliseconds', default: 100}},
}, async function nap({ms = 100}) {
    await sleep(ms);
    return `slept ${ms} ms`;
});

server.addTool({description: 'Throws an error with the message.', params: {message: 'string'}},
    function fail({message}) {
        throw new Error(message);
    });

server.addTool({description: 'Throws an error with the message after a while.', params: {message: 'string'}},
    async function fail_later({message}) {
        await sleep(10);
        throw new Error(message);
    });

server.addTool({
    description: 'Describes a thing.',
    params: {name: 'string', tags: 'string[]?'},
    output: 'object',
}, function describe({name, tags = []}) {
    return {name, tags, language: 'gjs'};
});

const Library = GObject.registerClass({
    Properties: {
        'books': GObject.ParamSpec.int('books', null, 'How many books',
            GObject.ParamFlags.READWRITE, 0, 1000000, 0),
    },
}, class Library extends Mcp.ToolProvider {
    static [Mcp.tools] = {
        shelve: {description: 'Puts a book on the shelf; returns how many there are.',
            params: {title: 'string'}},
        find: {description: 'Looks for books, slowly.', params: {prefix: 'string', ms: 'integer?'},
            output: 'string[]'},
    };

    _init() {
        super._init();
        this._books = 0;
        this.titles = [];
    }

    get books() {
        return this._books;
    }

    set books(value) {
        if (value !== this._books) {
            this._books = value;
            this.notify('books');
        }
    }

    shelve({title}) {
        this.titles.push(title);
        this.books = this.titles.length;
        return this.books;
    }

    async find({prefix, ms = 10}) {
        await sleep(ms);
        return this.titles.filter(t => t.startsWith(prefix));
    }
});

const library = new Library();
server.add_provider(library);

System.exit(server.run());
