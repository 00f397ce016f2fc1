#!/usr/bin/env -S gjs -m
// mixed-tools.js — synchronous and asynchronous tools in one server
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A function that returns a value answers at once; one that returns a
// Promise answers when it settles. Both run on the one GLib main loop: a
// sync tool must stay quick, and long work must yield (count_primes in
// concurrency.js shows how).

import GLib from 'gi://GLib';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const server = new Mcp.Server({name: 'mixed-tools', version: '1.0.0'});

server.addTool({description: 'Adds two numbers (synchronous).', params: {a: 'number', b: 'number'},
    readOnly: true}, function add({a, b}) {
    return a + b;
});

server.addTool({description: 'Counts the words of a text (synchronous).', params: {text: 'string'},
    readOnly: true}, function word_count({text}) {
    return text.split(/\s+/).filter(w => w.length > 0).length;
});

server.addTool({
    description: 'Echoes the text after a delay (asynchronous).',
    params: {
        text: {type: 'string', description: 'what to echo'},
        delay_ms: {type: 'integer', description: 'how long to wait first, in milliseconds', default: 100},
    },
}, async function delayed_echo({text, delay_ms = 100}) {
    await sleep(delay_ms);
    return text;
});

server.addTool({description: 'Looks up the (simulated) weather of a city (asynchronous).',
    params: {city: 'string'}, output: 'object'}, async function weather({city}) {
    await sleep(50);
    const digest = GLib.compute_checksum_for_string(GLib.ChecksumType.SHA256, city.toLowerCase(), -1);
    const byte = i => parseInt(digest.slice(2 * i, 2 * i + 2), 16);
    return {city, temperature_c: byte(0) % 35, sky: ['clear', 'cloudy', 'rainy'][byte(1) % 3]};
});

System.exit(server.run());
