"""XML sitemaps and sitemap indexes, optionally only entries modified after ``lastmod_after``."""
from __future__ import annotations

import re

import scrapy
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawlers.normalize import parse_date
from crawlers.spiders.base import SourceSpider


class SitemapSpider(SourceSpider):
    name = "sitemap"

    def parse(self, response):
        body = response.body
        if body[:2] == b"\x1f\x8b":  # .xml.gz sitemaps; gunzip enforces the size cap (bombs)
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:
                self.fail(response.url, f"unreadable gzip sitemap: {exc}")
                return
        try:
            sitemap = Sitemap(body)
            entries = list(sitemap)
        except Exception as exc:  # lxml recovers what it can; total garbage has no root
            self.fail(response.url, f"unreadable sitemap: {type(exc).__name__}: {exc}")
            return
        cutoff = parse_date(self.source.lastmod_after)
        pattern = re.compile(self.source.link_pattern) if self.source.link_pattern else None
        for entry in entries:
            loc = (entry.get("loc") or "").strip()
            if not loc:
                continue
            url = response.urljoin(loc)  # relative <loc> is invalid but common
            lastmod = parse_date(entry.get("lastmod"))
            if cutoff and lastmod and lastmod < cutoff:
                self.counts["skipped_old"] += 1
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse, errback=self.on_error)
            elif pattern is None or pattern.search(url):
                if self.is_fresh(url, lastmod):
                    continue
                if (request := self.page_request(url)) is not None:
                    yield request
