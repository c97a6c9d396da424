"""What every source spider shares: its source config, its counts, page requests and errors.

Spiders only fetch and follow. Every way a URL can go wrong ends in ``on_error`` or a
``skipped_*`` count with one log line naming the URL, never in an exception that stops a run.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from datetime import datetime
from pathlib import PurePath
from urllib.parse import urlparse

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError

from acescout_core.settings import SourceSettings
from crawlers.items import PageItem
from crawlers.known import fetched_pages, unchanged_since_fetch

log = logging.getLogger(__name__)

COUNT_KEYS = ("requested", "ok", "not_modified", "cached", "new", "changed", "unchanged",
              "failed", "skipped_robots", "skipped_type", "skipped_empty", "skipped_old",
              "skipped_fresh", "bytes")
BINARY_TYPES = ("application/pdf", "image/", "audio/", "video/", "font/", "application/zip",
                "application/octet-stream", "application/msword", "application/vnd.",
                "application/x-")
BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def content_type(response) -> str:
    return response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()


def page_format(response) -> str | None:
    """html / text for content we store; None for anything else (PDF, images, JSON...)."""
    ctype = content_type(response)
    if response.body.lstrip()[:8].startswith(BINARY_MAGIC):
        return None
    if ctype.startswith(HTML_TYPES):
        return "html"
    if ctype.startswith(TEXT_TYPES):
        return "text"
    if ctype:
        return None
    suffix = PurePath(urlparse(response.url).path).suffix.lower()  # file:// has no headers
    if suffix in TEXT_SUFFIXES:
        return "text"
    if isinstance(response, HtmlResponse) or b"<html" in response.body[:4096].lower():
        return "html"
    return None


def iso(value) -> str | None:
    """feedparser's struct_time / a datetime -> ISO text (items stay plain data)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "tm_year"):
        return datetime(*value[:6]).isoformat() + "+00:00"
    return str(value)


class SourceSpider(scrapy.Spider):
    """One configured ``[[sources]]`` entry; subclasses implement ``parse`` for their kind."""

    name = "source"

    def __init__(self, source: dict, source_id: int | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = SourceSettings(**source)
        self.source_id = source_id
        self.counts: Counter = Counter({key: 0 for key in COUNT_KEYS})
        self.seen_pages: set[str] = set()
        self.fetched: dict[str, datetime] = {}  # url -> when we stored it (crawlers/known.py)
        self.trust_days = 0.0
        if self.source.allowed_domains:  # only when configured: file:// has no domain
            self.allowed_domains = list(self.source.allowed_domains)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_headers, signal=signals.headers_received)
        spider.trust_days = crawler.settings.getfloat("ACESCOUT_TRUST_LASTMOD_DAYS", 0.0)
        if spider.trust_days > 0:
            spider.fetched = fetched_pages(crawler.settings.get("ACESCOUT_DATABASE_URL"),
                                           spider.source_id)
        return spider

    def is_fresh(self, url: str, modified: datetime | None) -> bool:
        """The listing says ``url`` has not changed since we stored it: count it, request nothing."""
        if unchanged_since_fetch(self.fetched.get(url), modified, trust_days=self.trust_days):
            self.counts["skipped_fresh"] += 1
            return True
        return False

    def on_headers(self, headers, body_length, request, **kwargs) -> None:
        """Stop PDFs and images after the headers: they cost bandwidth and hold no text."""
        if request.meta.get("acescout_page"):
            ctype = headers.get(b"Content-Type", b"").decode("latin-1").lower()
            if ctype.startswith(BINARY_TYPES):
                raise StopDownload(fail=True)

    def start_urls_for_source(self) -> list[str]:
        return self.source.start_urls()

    async def start(self):
        for url in self.start_urls_for_source():
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def page_request(self, url: str, **hints) -> scrapy.Request | None:
        """A page to store, once per crawl of this source.

        Deduplicated here rather than by Scrapy's dupefilter, which would silently swallow a
        redirect loop; with ``dont_filter`` the loop reaches REDIRECT_MAX_TIMES and is counted.
        """
        if url in self.seen_pages:
            return None
        self.seen_pages.add(url)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              dont_filter=True, meta={"acescout_page": True},
                              cb_kwargs={"hints": hints})

    def parse_page(self, response, hints: dict):
        fmt = page_format(response)
        if fmt is None:
            self.counts["skipped_type"] += 1
            log.info("skipped %s: not a page (%s)", response.url, content_type(response) or "binary")
            return
        header = response.headers.get(b"Content-Type")
        language = response.headers.get(b"Content-Language")
        yield self.make_item(response.url, response.body, fmt,
                             header.decode("latin-1") if header else None,
                             language=language.decode("latin-1") if language else None, **hints)

    def make_item(self, url: str, body: bytes, fmt: str, ctype: str | None = None,
                  **hints) -> PageItem:
        return PageItem(source=self.source.name, source_id=self.source_id, url=url, body=body,
                        content_type=ctype or None, fmt=fmt, title=hints.get("title"),
                        published=hints.get("published"), canonical=hints.get("canonical"),
                        language=hints.get("language"),
                        raw_hash=hashlib.sha256(body).hexdigest())

    def on_error(self, failure) -> None:
        """Classify, count and log one failed URL; the crawl carries on."""
        url = failure.request.url
        if failure.check(StopDownload):
            self.counts["skipped_type"] += 1
            log.info("skipped %s: binary content type", url)
        elif failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.counts["skipped_robots"] += 1
            log.info("skipped %s: disallowed by robots.txt", url)
        elif failure.check(HttpError):
            self.counts["failed"] += 1
            log.warning("failed %s: HTTP %s", url, failure.value.response.status)
        else:
            self.counts["failed"] += 1
            log.warning("failed %s: %s: %s", url, failure.type.__name__, failure.value)

    def fail(self, url: str, reason: str) -> None:
        self.counts["failed"] += 1
        log.warning("failed %s: %s", url, reason)
