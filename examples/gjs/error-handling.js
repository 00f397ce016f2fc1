#!/usr/bin/env -S gjs -m
// error-handling.js — what clients see when a tool fails
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// - An error thrown by a tool, or a rejected Promise, becomes a result with
//   isError: true and the error's message, which the model can read and act
//   on. The server goes on serving.
// - Arguments are checked against the input schema before the function
//   runs: a wrong or missing argument is a tool error naming it.
// - A GLib.Error of the Mcp.Error domain is a protocol error (a JSON-RPC
//   error with its code), for failures that are not the tool's own.

import GLib from 'gi://GLib';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// An error of the application's own.
class NotFoundError extends Error {
    get name() {
        return 'NotFoundError';
    }
}

const INVENTORY = {apple: 3, pear: 0};

const server = new Mcp.Server({name: 'error-handling', version: '1.0.0'});

server.addTool({description: 'Divides a by b; dividing by zero is an error.', params: {a: 'number', b: 'number'}},
    function divide({a, b}) {
        if (b === 0)
            throw new RangeError('Cannot divide by zero');
        return a / b;
    });

server.addTool({description: 'Checks that an age is plausible.', params: {age: 'integer'}},
    function validate_age({age}) {
        if (age < 0)
            throw new RangeError(`An age cannot be negative (got ${age})`);
        if (age > 150)
            throw new RangeError(`${age} is older than anyone has ever been`);
        return `age ${age} is valid`;
    });

server.addTool({description: 'Looks an item up in the inventory, asynchronously.', params: {item: 'string'}},
    async function lookup_stock({item}) {
        await sleep(10);
        if (!(item in INVENTORY))
            throw new NotFoundError(`No item called “${item}”; try one of ${Object.keys(INVENTORY).join(', ')}`);
        return INVENTORY[item];
    });

server.addTool({description: 'Repeats a text; the schema requires both arguments with their types.',
    params: {text: 'string', times: 'integer'}}, function strict_repeat({text, times}) {
    return text.repeat(times);
});

server.addTool({description: 'Fails with a protocol error rather than a tool error.', params: {}},
    function internal_failure() {
        throw new GLib.Error(Mcp.error_quark(), Mcp.Error.INTERNAL_ERROR,
            'The inventory database is unavailable');
    });

server.addTool({description: 'Divides, reporting a failure in the result instead of throwing.',
    params: {a: 'number', b: 'number'}, output: 'object'}, function safe_divide({a, b}) {
    if (b === 0)
        return {ok: false, error: 'Cannot divide by zero'};
    return {ok: true, value: a / b};
});

System.exit(server.run());
