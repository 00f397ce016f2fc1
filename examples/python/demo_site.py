# demo_site.py — a small web site served by libsoup's Soup.Server on the
# loopback interface, for the examples that fetch pages (web_scraper.py,
# resource_management.py) to have something to fetch without a network.
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import json

import gi

gi.require_version('Soup', '3.0')
from gi.repository import GLib, Soup  # noqa: E402

PAGES = {
    '/': ('Home', ['/about', '/news', '/data.json']),
    '/about': ('About us', ['/']),
    '/news': ('News', ['/', '/news/1', '/news/2']),
}


class DemoSite:
    """Serves PAGES, /data.json and /slow (answers after a second) on
    127.0.0.1, on a free port, from the thread-default main loop."""

    def __init__(self):
        self.server = Soup.Server()
        self.server.add_handler(None, self._handle)
        self.server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
        port = self.server.get_listeners()[0].get_local_address().get_port()
        self.base_url = 'http://127.0.0.1:%d' % port
        self.requests = 0

    def urls(self):
        return [self.base_url + path for path in PAGES]

    def _handle(self, server, message, path, query):
        self.requests += 1
        if path == '/data.json':
            body = json.dumps({'site': 'demo', 'pages': sorted(PAGES)})
            self._answer(message, 200, 'application/json', body)
        elif path == '/slow':
            message.pause()

            def later():
                self._answer(message, 200, 'text/html', '<title>Slow</title>')
                message.unpause()
                return GLib.SOURCE_REMOVE
            GLib.timeout_add(1000, later)
        elif path in PAGES:
            title, links = PAGES[path]
            anchors = ''.join('<a href="%s">%s</a> ' % (link, link) for link in links)
            self._answer(message, 200, 'text/html',
                         '<html><head><title>%s</title></head><body>%s</body></html>'
                         % (title, anchors))
        else:
            self._answer(message, 404, 'text/html', '<title>Not Found</title>')

    @staticmethod
    def _answer(message, status, content_type, body):
        message.set_status(status, None)
        message.set_response(content_type, Soup.MemoryUse.COPY, body.encode())

    def close(self):
        self.server.disconnect()
