#!/usr/bin/env -S gjs -m
// resource-management.js — one shared Soup.Session, cleaned up at the end
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Tools share what is costly to make (here an HTTP session, with its
// connection pool and cookies), made once when the server starts and
// released when it stops. Every call of every client uses the same
// session; when the client goes away (stdio) or the server is stopped
// (SIGINT/SIGTERM with --http), server.run() returns and the finally block
// closes the session and the demo site.

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Mcp from 'gi://Mcp?version=1.0';
import Soup from 'gi://Soup?version=3.0';
import System from 'system';

import {DemoSite} from './demo-site.js';

Gio._promisify(Soup.Session.prototype, 'send_and_read_async', 'send_and_read_finish');

// Owns the one Soup.Session of the server.
class HttpClient {
    open() {
        this.session = new Soup.Session({user_agent: 'makemcp-glib-example/1.0', timeout: 10,
            max_conns_per_host: 8});
        this.requests = 0;
        this.created = new Date().toTimeString().slice(0, 8);
        this.id = GLib.uuid_string_random();
        printerr('resource-management: session opened');
    }

    close() {
        this.session.abort();   // cancels what is in flight, closes connections
        this.session = null;
        printerr(`resource-management: session closed after ${this.requests} requests`);
    }

    async get(url, cancellable) {
        const message = Soup.Message.new('GET', url);
        if (message === null)
            throw new Error(`“${url}” is not a valid address`);
        this.requests++;
        const body = await this.session.send_and_read_async(message, GLib.PRIORITY_DEFAULT, cancellable);
        return {status: message.get_status(), headers: message.get_response_headers(), body: body.toArray()};
    }
}

const server = new Mcp.Server({name: 'resource-management', version: '1.0.0'});
const site = new DemoSite();
const http = new HttpClient();
http.open();

server.addTool({name: 'demo_site', description: 'The address of the demo site.', params: {},
    output: 'object', readOnly: true}, () => ({base_url: site.baseUrl, json: `${site.baseUrl}/data.json`}));

server.addTool({name: 'fetch_text', description: 'Fetches a page with the shared session: its status, type and size.',
    params: {url: 'string'}, output: 'object', readOnly: true}, async ({url}, context) => {
    const {status, headers, body} = await http.get(url, context.get_cancellable());
    return {status, content_type: headers.get_content_type()[0], size: body.length};
});

server.addTool({name: 'fetch_json', description: 'Fetches a JSON document with the shared session and returns it.',
    params: {url: 'string'}, readOnly: true}, async ({url}, context) => {
    const {status, body} = await http.get(url, context.get_cancellable());
    if (status !== 200)
        throw new Error(`${url} answered ${status}`);
    return JSON.parse(new TextDecoder().decode(body));
});

server.addTool({name: 'session_info', description: 'What the shared session did so far.', params: {},
    output: 'object', readOnly: true}, () => ({
    requests: http.requests, created: http.created, open: http.session !== null, session: http.id,
}));

let status;
try {
    status = server.run();
} finally {
    http.close();
    site.close();
}
System.exit(status);
