#!/usr/bin/env python3
# web_scraper.py — an asynchronous class whose methods are tools
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The counterpart of MakeMCP's async web scraper (MCPFactory.from_class):
# a McpToolProvider subclass whose public methods are tools, described by
# their docstrings and type hints. scrape_url fetches one page with a
# Soup.Session without blocking; batch_scrape fetches many at once;
# get_stats reads the state one instance keeps for every client. The GObject
# property pages-scraped is a tool (get_pages_scraped) and a resource
# clients can subscribe to, as for a class written in C.
#
# So that it runs without a network, the program also serves a small demo
# site on 127.0.0.1 (demo_site.py): the demo_site tool gives its pages.

import re
import sys
import time
from typing import Optional, TypedDict

import gi

gi.require_version('Mcp', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import GLib, GObject, Mcp, Soup  # noqa: E402

from demo_site import DemoSite  # noqa: E402


class Page(TypedDict):
    """What scrape_url reports (the tool's output schema)."""
    url: str
    status: int
    title: Optional[str]
    links: list[str]
    size: int


class WebScraper(Mcp.ToolProvider):
    """Fetches web pages and reports their titles and links."""

    def __init__(self):
        super().__init__()
        self._pages_scraped = 0
        self.session = Soup.Session(user_agent='makemcp-glib-scraper/1.0', timeout=10)
        self.bytes_downloaded = 0
        self.failures = 0
        self.total_seconds = 0.0

    @GObject.Property(type=int, blurb='How many pages were fetched',
                      flags=GObject.ParamFlags.READABLE)
    def pages_scraped(self):
        """Read-only: a get_pages_scraped tool, and a resource."""
        return self._pages_scraped

    async def scrape_url(self, url: str) -> Page:
        """Fetches a web page and reports its status, title, links and size.

        Args:
            url: the http:// or https:// address of the page
        """
        if not re.match(r'https?://', url):
            raise ValueError('Only http:// and https:// addresses can be scraped, not “%s”' % url)
        message = Soup.Message.new('GET', url)
        if message is None:
            raise ValueError('“%s” is not a valid address' % url)
        started = time.monotonic()
        try:
            body = await Mcp.aio.call(self.session.send_and_read_async, message,
                                      GLib.PRIORITY_DEFAULT, None)
        except GLib.Error:
            self.failures += 1
            raise
        self.total_seconds += time.monotonic() - started
        html = (body.get_data() or b'').decode('utf-8', 'replace')
        self.bytes_downloaded += len(html)
        self._pages_scraped += 1
        self.notify('pages-scraped')
        title = re.search(r'<title[^>]*>(.*?)</title>', html, re.I | re.S)
        return {
            'url': url,
            'status': int(message.get_status()),
            'title': title.group(1).strip() if title else None,
            'links': re.findall(r'<a\s[^>]*href="([^"]+)"', html, re.I),
            'size': len(html),
        }

    async def batch_scrape(self, urls: list[str]) -> list[dict]:
        """Fetches many pages at once; a page that cannot be fetched is
        listed with its error.

        Args:
            urls: the addresses of the pages
        """
        results = await Mcp.aio.gather(*(self.scrape_url(url) for url in urls),
                                       return_exceptions=True)
        return [r if isinstance(r, dict) else {'url': url, 'error': str(getattr(r, 'message', r))}
                for url, r in zip(urls, results)]

    def get_stats(self) -> dict:
        """Statistics of every scrape so far, by every client."""
        return {
            'pages_scraped': self.pages_scraped,
            'bytes_downloaded': self.bytes_downloaded,
            'failures': self.failures,
            'average_ms': round(1000 * self.total_seconds / self.pages_scraped, 1)
            if self.pages_scraped else 0,
        }


def main():
    site = DemoSite()
    scraper = WebScraper()
    server = Mcp.Server('web-scraper', '1.0.0',
                        instructions='Scrapes web pages. A demo site runs at %s.' % site.base_url)
    server.add_provider(scraper)

    @server.tool(read_only=True)
    def demo_site() -> dict:
        """The addresses of the demo site's pages."""
        return {'base_url': site.base_url, 'pages': site.urls()}

    try:
        return server.run()
    finally:
        scraper.session.abort()
        site.close()


if __name__ == '__main__':
    sys.exit(main())
