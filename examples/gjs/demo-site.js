// demo-site.js — a small web site served by libsoup's Soup.Server on the
// loopback interface, for the examples that fetch pages (web-scraper.js,
// resource-management.js) to have something to fetch without a network.
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Soup from 'gi://Soup?version=3.0';

export const PAGES = {
    '/': ['Home', ['/about', '/news', '/data.json']],
    '/about': ['About us', ['/']],
    '/news': ['News', ['/', '/news/1', '/news/2']],
};

// Serves PAGES, /data.json and /slow (answers after a second) on
// 127.0.0.1, on a free port, from the main loop.
export class DemoSite {
    constructor() {
        this.server = new Soup.Server();
        this.server.add_handler(null, (server, message, path) => this._handle(message, path));
        this.server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
        const port = this.server.get_listeners()[0].get_local_address().get_port();
        this.baseUrl = `http://127.0.0.1:${port}`;
        this.requests = 0;
    }

    urls() {
        return Object.keys(PAGES).map(path => this.baseUrl + path);
    }

    _handle(message, path) {
        this.requests++;
        if (path === '/data.json') {
            this._answer(message, 200, 'application/json',
                JSON.stringify({site: 'demo', pages: Object.keys(PAGES).sort()}));
        } else if (path === '/slow') {
            message.pause();
            GLib.timeout_add(GLib.PRIORITY_DEFAULT, 1000, () => {
                this._answer(message, 200, 'text/html', '<title>Slow</title>');
                message.unpause();
                return GLib.SOURCE_REMOVE;
            });
        } else if (path in PAGES) {
            const [title, links] = PAGES[path];
            const anchors = links.map(link => `<a href="${link}">${link}</a> `).join('');
            this._answer(message, 200, 'text/html',
                `<html><head><title>${title}</title></head><body>${anchors}</body></html>`);
        } else {
            this._answer(message, 404, 'text/html', '<title>Not Found</title>');
        }
    }

    _answer(message, status, contentType, body) {
        message.set_status(status, null);
        message.set_response(contentType, Soup.MemoryUse.COPY, new TextEncoder().encode(body));
    }

    close() {
        this.server.disconnect();
    }
}
