#!/usr/bin/env -S gjs -m
// basic-async.js — asynchronous tools written as async functions
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A tool whose function returns a Promise (an async function does) answers
// when the Promise settles. GJS runs Promises on the GLib main loop the
// server runs, so a tool that waits never holds up the others. Anything
// awaitable works: setTimeout wrapped in a Promise, Gio calls made
// awaitable with Gio._promisify(), other async functions.
//
//   gjs -m basic-async.js            serve on standard input and output
//   gjs -m basic-async.js --http 8000
//   gjs -m basic-async.js --info     print the tools and their schemas

import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const server = new Mcp.Server({
    name: 'basic-async',
    version: '1.0.0',
    instructions: 'Asynchronous tools that take their time without blocking.',
});

server.addTool({
    description: 'Fetches data from a (simulated) remote source.',
    params: {
        source: {type: 'string', description: 'the name of the source'},
        delay_ms: {type: 'integer', description: 'how long the source takes to answer, in milliseconds', default: 100},
    },
    output: 'object',
}, async function fetch_data({source, delay_ms = 100}) {
    await sleep(delay_ms);
    return {source, items: [0, 1, 2].map(i => `${source}-${i}`), waited_ms: delay_ms};
});

server.addTool({
    description: 'Processes each item in turn, waiting a little for each.',
    params: {
        items: {type: 'array', items: {type: 'string'}, description: 'the items to process'},
        delay_ms: {type: 'integer', description: 'the time each item takes, in milliseconds', default: 10},
    },
    output: 'string[]',
}, async function process_items({items, delay_ms = 10}) {
    const processed = [];
    for (const item of items) {
        await sleep(delay_ms);
        processed.push(item.toUpperCase());
    }
    return processed;
});

async function squareLater(value) {
    await sleep(10);
    return value * value;
}

server.addTool({
    description: 'Squares every value at the same time, then adds them up.',
    params: {values: 'integer[]'},
}, async function sum_of_squares({values}) {
    const squares = await Promise.all(values.map(squareLater));
    return squares.reduce((a, b) => a + b, 0);
});

System.exit(server.run());
