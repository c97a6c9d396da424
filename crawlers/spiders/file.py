"""A local folder of .html/.md/.txt/.xml files, for air-gapped use (documents copied in by hand).

Files are read through Scrapy's file:// handler so they pass the same pipeline as web pages.
An .xml file that is a feed contributes its entries: linked local files are followed, remote
links (unreachable when air-gapped) are stored from the entry's own content.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import feedparser
import scrapy

from crawlers.spiders.base import SourceSpider, iso
from crawlers.spiders.feed import entry_link, feed_headers

SUFFIXES = {".html", ".htm", ".md", ".markdown", ".txt", ".xml"}


def folder_of(location: str) -> Path:
    if location.startswith("file:"):
        return Path(url2pathname(urlparse(location).path))
    return Path(location).expanduser()


class FileSpider(SourceSpider):
    name = "file"

    async def start(self):
        for location in self.source.start_urls():
            root = folder_of(location)
            if not root.exists():
                self.fail(str(root), "folder not found")
                continue
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
            for path in files:
                if path.suffix.lower() not in SUFFIXES:
                    self.counts["skipped_type"] += 1
                    self.logger.info("skipped %s: not .html/.md/.txt/.xml", path)
                elif path.suffix.lower() == ".xml":
                    yield scrapy.Request(path.resolve().as_uri(), callback=self.parse_xml,
                                         errback=self.on_error)
                else:
                    if (request := self.page_request(path.resolve().as_uri())) is not None:
                        yield request

    def parse_xml(self, response):
        parsed = feedparser.parse(response.body,
                                  response_headers=feed_headers(response.url, "application/xml"))
        if not parsed.entries:
            self.counts["skipped_type"] += 1
            self.logger.info("skipped %s: XML but not a feed", response.url)
            return
        for entry in parsed.entries:
            link = entry_link(entry)
            url = response.urljoin(link.strip()) if link else None
            published = iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            if url and url.startswith("file:") and folder_of(url).is_file():
                request = self.page_request(url, title=entry.get("title"), published=published)
                if request is not None:
                    yield request
                continue
            content = entry.get("content", [{}])[0].get("value") or entry.get("summary")
            if not content:
                self.fail(response.url, f"entry without content: {entry.get('title', '?')!r}")
                continue
            canonical = url if url and url.startswith("http") else None
            yield self.make_item(url or f"{response.url}#{entry.get('id', '')}",
                                 content.encode("utf-8"), "fragment", "text/html; charset=utf-8",
                                 title=entry.get("title"), published=published,
                                 canonical=canonical)
