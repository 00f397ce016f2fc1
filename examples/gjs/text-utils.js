// text-utils.js — a module of functions
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// module-server.js serves every exported function of this module as a
// tool. JavaScript has no type hints, so each function says what it takes
// with Mcp.tool(description, fn); the functions stay ordinary functions
// that other code can call. (An exported function without a description
// would be a tool taking any arguments.)

import Mcp from 'gi://Mcp?version=1.0';

export const reverse = Mcp.tool({description: 'Reverses a text.', params: {text: 'string'}},
    ({text}) => [...text].reverse().join(''));

export const word_count = Mcp.tool({description: 'Counts the words of a text.', params: {text: 'string'}},
    ({text}) => text.split(/\s+/).filter(w => w.length > 0).length);

export const capitalize_words = Mcp.tool({description: 'Capitalizes every word of a text.',
    params: {text: 'string'}}, ({text}) =>
    text.split(' ').map(w => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' '));

export const slugify = Mcp.tool({
    description: 'Makes a URL-friendly slug of a text.',
    params: {
        text: {type: 'string', description: 'the text, in any script'},
        separator: {type: 'string', description: 'what goes between the words', default: '-'},
    },
}, ({text, separator = '-'}) => {
    const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
    const escaped = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, separator)
        .replace(new RegExp(`^${escaped}+|${escaped}+$`, 'g'), '');
});

export const statistics = Mcp.tool({
    description: 'Counts the characters, words, lines and sentences of a text.',
    params: {text: 'string'},
    output: 'object',
}, ({text}) => ({
    characters: text.length,
    words: word_count({text}),
    lines: text.split('\n').length,
    sentences: text.split(/[.!?]+/).filter(s => s.trim().length > 0).length,
}));

// private: not exported, not a tool
function _normalize(text) {
    return text.split(/\s+/).join(' ');
}
void _normalize;
