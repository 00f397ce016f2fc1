#!/usr/bin/env -S gjs -m
// concurrency.js — many calls at once on one main loop
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Async tools overlap: while one awaits, the main loop serves the others,
// so twenty 100 ms calls take about 100 ms, not two seconds. Inside one
// tool, Promise.all() runs several awaits at once. GJS has no threads for
// JavaScript: long computations give the main loop back now and then
// (count_primes), so that they do not stop the others.

import GLib from 'gi://GLib';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const yieldToMainLoop = () => new Promise(resolve =>
    GLib.idle_add(GLib.PRIORITY_DEFAULT_IDLE, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));

const server = new Mcp.Server({name: 'concurrency', version: '1.0.0'});
const state = {in_flight: 0, max_in_flight: 0, calls: 0};
const started = GLib.get_monotonic_time();
const nowMs = () => Math.round((GLib.get_monotonic_time() - started) / 100) / 10;

server.addTool({
    description: 'Works for a while without blocking the others.',
    params: {
        name: {type: 'string', description: 'a label for the task'},
        ms: {type: 'integer', description: 'how long it takes, in milliseconds', default: 100},
    },
    output: 'object',
}, async function slow_task({name, ms = 100}) {
    state.calls++;
    state.in_flight++;
    state.max_in_flight = Math.max(state.max_in_flight, state.in_flight);
    const begin = nowMs();
    try {
        await sleep(ms);
    } finally {
        state.in_flight--;
    }
    return {name, started_ms: begin, finished_ms: nowMs()};
});

server.addTool({
    description: 'Runs count pieces of work of ms milliseconds each, all at once.',
    params: {count: {type: 'integer', default: 5}, ms: {type: 'integer', default: 100}},
    output: 'object',
}, async function parallel_work({count = 5, ms = 100}) {
    const begin = GLib.get_monotonic_time();
    await Promise.all(Array.from({length: count}, () => sleep(ms)));
    return {count, elapsed_ms: Math.round((GLib.get_monotonic_time() - begin) / 100) / 10};
});

server.addTool({
    description: 'Counts the primes up to limit, giving the main loop back as it goes.',
    params: {limit: {type: 'integer', default: 200000}},
}, async function count_primes({limit = 200000}) {
    const sieve = new Uint8Array(limit + 1).fill(1);
    sieve[0] = sieve[1] = 0;
    for (let i = 2; i * i <= limit; i++) {
        if (sieve[i]) {
            for (let j = i * i; j <= limit; j += i)
                sieve[j] = 0;
        }
        if (i % 64 === 0)
            await yieldToMainLoop();
    }
    return sieve.reduce((a, b) => a + b, 0);
});

server.addTool({description: 'How many calls ran, and the most that ran at once.', params: {},
    output: 'object', readOnly: true}, function stats() {
    return {...state};
});

System.exit(server.run());
