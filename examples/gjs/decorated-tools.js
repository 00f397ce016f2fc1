#!/usr/bin/env -S gjs -m
// decorated-tools.js — choosing and describing tools with Mcp.tool()
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Once any function of a set is described with Mcp.tool(), only the
// described ones are tools, so helpers stay private. The description can
// rename a tool, give it a title, and set the hints clients show
// (readOnly, destructive, idempotent, openWorld). The functions are
// unchanged: they can still be called directly.

import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const UNITS = ['C', 'F', 'K'];

// A helper, not a tool: it is not described.
function toKelvin(value, unit) {
    return {C: value + 273.15, F: (value - 32) * 5 / 9 + 273.15, K: value}[unit];
}

const convertTemperature = Mcp.tool({
    name: 'convert_temperature',
    description: 'Converts a temperature between Celsius, Fahrenheit and Kelvin.',
    params: {
        value: {type: 'number', description: 'the temperature'},
        from_unit: {enum: UNITS, type: 'string', description: 'its unit'},
        to_unit: {enum: UNITS, type: 'string', description: 'the unit wanted'},
    },
    readOnly: true,
    idempotent: true,
}, ({value, from_unit, to_unit}) => {
    const kelvin = toKelvin(value, from_unit);
    const result = {C: kelvin - 273.15, F: (kelvin - 273.15) * 9 / 5 + 32, K: kelvin}[to_unit];
    return Math.round(result * 100) / 100;
});

const bmi = Mcp.tool({
    name: 'calculate_bmi',
    title: 'Body mass index',
    description: 'Computes the body mass index from a weight and a height.',
    params: {weight_kg: 'number', height_m: 'number'},
    output: 'object',
    readOnly: true,
}, ({weight_kg, height_m}) => {
    const value = weight_kg / height_m ** 2;
    let category = 'underweight';
    for (const [limit, name] of [[18.5, 'normal'], [25, 'overweight'], [30, 'obese']]) {
        if (value >= limit)
            category = name;
    }
    return {bmi: Math.round(value * 10) / 10, category};
});

const resetCounters = Mcp.tool({
    name: 'reset_counters',
    description: 'Resets every counter (a destructive tool: clients may ask first).',
    params: {confirm: {type: 'boolean', default: false}},
    destructive: true,
}, ({confirm = false}) => confirm ? 'reset' : 'nothing done: confirm was false');

const server = new Mcp.Server({name: 'decorated-tools', version: '1.0.0'});
server.addFunctions({toKelvin, convertTemperature, bmi, resetCounters});

System.exit(server.run());
