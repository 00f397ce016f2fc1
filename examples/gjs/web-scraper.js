#!/usr/bin/env -S gjs -m
// web-scraper.js — an asynchronous class whose methods are tools
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A McpToolProvider subclass declares its tools in static [Mcp.tools]:
// each calls the method of the same name (or its camelCase form) with the
// arguments object. scrapeUrl fetches one page with a Soup.Session without
// blocking (Gio._promisify makes send_and_read_async awaitable);
// batchScrape fetches many at once; getStats reads the state one instance
// keeps for every client. The read-only GObject property pages-scraped is a
// tool (get_pages_scraped) and a resource, as for a class written in C.
//
// So that it runs without a network, the program also serves a small demo
// site on 127.0.0.1 (demo-site.js): the demo_site tool gives its pages.

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Mcp from 'gi://Mcp?version=1.0';
import Soup from 'gi://Soup?version=3.0';
import System from 'system';

import {DemoSite} from './demo-site.js';

Gio._promisify(Soup.Session.prototype, 'send_and_read_async', 'send_and_read_finish');

const WebScraper = GObject.registerClass({
    GTypeName: 'ExampleWebScraper',
    Properties: {
        'pages-scraped': GObject.ParamSpec.int('pages-scraped', null, 'How many pages were fetched',
            GObject.ParamFlags.READABLE, 0, GLib.MAXINT32, 0),
    },
}, class WebScraper extends Mcp.ToolProvider {
    static [Mcp.tools] = {
        scrape_url: {
            description: 'Fetches a web page and reports its status, title, links and size.',
            params: {url: {type: 'string', description: 'the http:// or https:// address of the page'}},
            output: {
                type: 'object',
                properties: {
                    url: {type: 'string'}, status: {type: 'integer'},
                    title: {type: ['string', 'null']},
                    links: {type: 'array', items: {type: 'string'}}, size: {type: 'integer'},
                },
                required: ['url', 'status', 'title', 'links', 'size'],
            },
        },
        batch_scrape: {
            description: 'Fetches many pages at once; a page that cannot be fetched is listed with its error.',
            params: {urls: {type: 'array', items: {type: 'string'}, description: 'the addresses of the pages'}},
            output: {type: 'array', items: {type: 'object'}},
        },
        get_stats: {description: 'Statistics of every scrape so far, by every client.', params: {},
            readOnly: true},
    };

    _init() {
        super._init();
        this.session = new Soup.Session({user_agent: 'makemcp-glib-scraper/1.0', timeout: 10});
        this._pagesScraped = 0;
        this.bytesDownloaded = 0;
        this.failures = 0;
        this.totalMs = 0;
    }

    get pages_scraped() {
        return this._pagesScraped;
    }

    async scrapeUrl({url}, context) {
        if (!/^https?:\/\//.test(url))
            throw new Error(`Only http:// and https:// addresses can be scraped, not “${url}”`);
        const message = Soup.Message.new('GET', url);
        if (message === null)
            throw new Error(`“${url}” is not a valid address`);
        const started = GLib.get_monotonic_time();
        let body;
        try {
            body = await this.session.send_and_read_async(message, GLib.PRIORITY_DEFAULT,
                context?.get_cancellable() ?? null);
        } catch (error) {
            this.failures++;
            throw error;
        }
        this.totalMs += (GLib.get_monotonic_time() - started) / 1000;
        const html = new TextDecoder().decode(body.toArray());
        this.bytesDownloaded += html.length;
        this._pagesScraped++;
        this.notify('pages-scraped');
        const title = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
        return {
            url,
            status: message.get_status(),
            title: title ? title[1].trim() : null,
            links: [...html.matchAll(/<a\s[^>]*href="([^"]+)"/gi)].map(m => m[1]),
            size: html.length,
        };
    }

    async batchScrape({urls}, context) {
        const results = await Promise.allSettled(urls.map(url => this.scrapeUrl({url}, context)));
        return results.map((r, i) => r.status === 'fulfilled' ? r.value
            : {url: urls[i], error: r.reason?.message ?? String(r.reason)});
    }

    getStats() {
        return {
            pages_scraped: this._pagesScraped,
            bytes_downloaded: this.bytesDownloaded,
            failures: this.failures,
            average_ms: this._pagesScraped ? Math.round(10 * this.totalMs / this._pagesScraped) / 10 : 0,
        };
    }
});

const site = new DemoSite();
const scraper = new WebScraper();
const server = new Mcp.Server({
    name: 'web-scraper',
    version: '1.0.0',
    instructions: `Scrapes web pages. A demo site runs at ${site.baseUrl}.`,
});
server.add_provider(scraper);
server.addTool({name: 'demo_site', description: "The addresses of the demo site's pages.",
    params: {}, readOnly: true}, () => ({base_url: site.baseUrl, pages: site.urls()}));

let status;
try {
    status = server.run();
} finally {
    scraper.session.abort();
    site.close();
}
System.exit(status);
