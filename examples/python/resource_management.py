#!/usr/bin/env python3
# resource_management.py — one shared Soup.Session, cleaned up at the end
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# MakeMCP's resource management example: tools share what is costly to
# make (here an HTTP session, with its connection pool and cookies), made
# once when the server starts and released when it stops. Every call of
# every client uses the same session; when the client goes away (stdio) or
# the server is stopped (SIGINT/SIGTERM with --http), server.run() returns
# and the `with` block closes the session and the demo site.

import json
import sys
import time

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import GLib, Mcp, Soup  # noqa: E402

from demo_site import DemoSite  # noqa: E402


class HttpClient:
    """Owns the one Soup.Session of the server."""

    def __init__(self):
        self.session = None
        self.requests = 0
        self.created = None

    def __enter__(self):
        self.session = Soup.Session(user_agent='makemcp-glib-example/1.0', timeout=10,
                                    max_conns_per_host=8)
        self.created = time.strftime('%H:%M:%S')
        self.id = GLib.uuid_string_random()
        print('resource_management: session opened', file=sys.stderr)
        return self

    def __exit__(self, *exc_info):
        self.session.abort()   # cancels what is in flight, closes connections
        self.session = None
        print('resource_management: session closed after %d requests' % self.requests,
              file=sys.stderr)
        return False

    async def get(self, url):
        message = Soup.Message.new('GET', url)
        if message is None:
            raise ValueError('“%s” is not a valid address' % url)
        self.requests += 1
        body = await Mcp.aio.call(self.session.send_and_read_async, message,
                                  GLib.PRIORITY_DEFAULT, None)
        return int(message.get_status()), message.get_response_headers(), body.get_data() or b''


def main():
    server = Mcp.Server('resource-management', '1.0.0')
    with DemoSiteRunning() as site, HttpClient() as http:

        @server.tool(read_only=True)
        def demo_site() -> dict:
            """The address of the demo site."""
            return {'base_url': site.base_url, 'json': site.base_url + '/data.json'}

        @server.tool(read_only=True)
        async def fetch_text(url: str) -> dict:
            """Fetches a page with the shared session: its status, type and size."""
            status, headers, body = await http.get(url)
            return {'status': status, 'content_type': headers.get_content_type()[0],
                    'size': len(body)}

        @server.tool(read_only=True)
        async def fetch_json(url: str) -> dict:
            """Fetches a JSON document with the shared session and returns it."""
            status, headers, body = await http.get(url)
            if status != 200:
                raise RuntimeError('%s answered %d' % (url, status))
            return json.loads(body)

        @server.tool(read_only=True)
        def session_info() -> dict:
            """What the shared session did so far."""
            return {'requests': http.requests, 'created': http.created,
                    'open': http.session is not None, 'session': http.id}

        return server.run()


class DemoSiteRunning:
    def __enter__(self):
        self.site = DemoSite()
        return self.site

    def __exit__(self, *exc_info):
        self.site.close()
        return False


if __name__ == '__main__':
    sys.exit(main())
