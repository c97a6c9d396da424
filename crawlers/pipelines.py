"""Item pipeline: normalise a fetched page and store it as a new document version if it changed.

One transaction per item, so a bad page or a database hiccup costs that page only and never
touches documents already stored.
"""
from __future__ import annotations

import logging

from sqlmodel import select

from crawlers.normalize import normalize
from models.crud import store_document
from models.db import get_engine, session_scope
from models.tables import Document

log = logging.getLogger(__name__)


class DocumentPipeline:
    def __init__(self, crawler, database_url: str):
        self.crawler = crawler
        self.engine = get_engine(database_url)
        self.known: dict[str, str] | None = None  # url -> raw body hash of the latest document

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("ACESCOUT_DATABASE_URL"))

    def open_spider(self, spider=None) -> None:
        """One query for the raw-body hashes of every latest document, instead of one per page.

        A warm re-crawl of N unchanged pages otherwise costs N database round trips, and a cold
        crawl N lookups that find nothing. Pages stored during this crawl are added as we go.
        """
        with session_scope(self.engine) as session:
            rows = session.exec(select(Document.url, Document.body_hash).where(
                Document.is_latest == True, Document.body_hash.is_not(None)))  # noqa: E712
            self.known = {url: body_hash for url, body_hash in rows if url}

    def _same_body_stored(self, item) -> bool:
        """The exact bytes of this URL are already the latest version: skip all parsing."""
        if self.known is None:
            self.open_spider()
        return self.known.get(item["url"]) == item["raw_hash"]

    def process_item(self, item, spider=None):
        counts = self.crawler.spider.counts
        url = item["url"]
        try:
            if self._same_body_stored(item):
                counts["unchanged"] += 1
                return item
            doc = normalize(item["body"], url=url, content_type=item.get("content_type"),
                            fmt=item.get("fmt") or "html", title=item.get("title"),
                            published=item.get("published"), canonical=item.get("canonical"),
                            language=item.get("language"))
            if not doc.text:
                counts["skipped_empty"] += 1
                log.info("skipped %s: no text content", url)
                return item
            with session_scope(self.engine) as session:
                stored, status = store_document(
                    session, canonical_url=doc.canonical_url, content_hash=doc.content_hash,
                    text=doc.text, url=url, source_id=item.get("source_id"), title=doc.title,
                    published_at=doc.published_at, language=doc.language)
                if status != "unchanged" or stored.url == url:
                    stored.body_hash = item["raw_hash"]
                    session.add(stored)
            self.known[url] = item["raw_hash"]  # committed: a repeat in this crawl is skipped
            counts[status] += 1
            if status == "changed":
                log.info("changed %s: stored version %d", doc.canonical_url, stored.version)
        except Exception as exc:  # one bad page must not stop the crawl
            counts["failed"] += 1
            log.warning("failed %s: could not store: %s: %s", url, type(exc).__name__, exc)
        finally:
            item["body"] = b""  # bodies can be megabytes; nothing downstream needs them
        return item
