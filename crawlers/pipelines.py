"""Item pipeline: normalise a fetched page and store it as a new document version if it changed.

A bad page or a database hiccup costs that page only and never touches documents already stored
(crawlers/store.py); the parsing and writing run in a store worker process by default.
"""
from __future__ import annotations

import logging

from sqlmodel import select
from twisted.internet import task

from crawlers.store import StoreResult, store_pages
from crawlers.store_worker import StoreWorker
from models.db import get_engine, session_scope
from models.tables import Document

PAGE_FIELDS = ("source_id", "url", "body", "content_type", "fmt", "title", "published",
               "canonical", "language", "raw_hash")

log = logging.getLogger(__name__)


class DocumentPipeline:
    """Skip identical bodies at once; normalise and store the rest (crawlers/store.py), in a
    store worker process by default (``[crawl] store_worker``) so the reactor keeps fetching."""

    def __init__(self, crawler, database_url: str, use_worker: bool = False):
        self.crawler = crawler
        self.database_url = database_url
        self.engine = get_engine(database_url)
        self.use_worker = use_worker
        self.worker: StoreWorker | None = None
        self.poll: task.LoopingCall | None = None
        self.known: dict[str, str] | None = None  # url -> raw body hash of the latest document

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("ACESCOUT_DATABASE_URL"),
                   crawler.settings.getbool("ACESCOUT_STORE_WORKER", False))

    def open_spider(self, spider=None) -> None:
        """One query for the raw-body hashes of every latest document, instead of one per page.

        A warm re-crawl of N unchanged pages otherwise costs N database round trips, and a cold
        crawl N lookups that find nothing. Pages stored during this crawl are added as we go.
        """
        with session_scope(self.engine) as session:
            rows = session.exec(select(Document.url, Document.body_hash).where(
                Document.is_latest == True, Document.body_hash.is_not(None)))  # noqa: E712
            self.known = {url: body_hash for url, body_hash in rows if url}

    def _started_worker(self) -> StoreWorker:
        """Started on the first page that needs storing: a warm re-crawl never pays for it."""
        if self.worker is None:
            self.worker = StoreWorker(self.database_url)
            self.poll = task.LoopingCall(lambda: self._count(self.worker.drain()))
            self.poll.start(0.5, now=False)
        return self.worker

    def _submit(self, page: dict) -> None:
        if self.use_worker:
            try:
                self._started_worker().submit(page)
                return
            except Exception as exc:  # no worker (an embedding without a __main__ guard): store here
                log.warning("store worker unavailable (%s: %s); storing in the crawl process",
                            type(exc).__name__, exc)
                self.use_worker = False
                if self.poll is not None and self.poll.running:
                    self.poll.stop()
                if self.worker is not None:
                    self._count(self.worker.close(timeout=30))
                    self.worker = None
        self._count(store_pages(self.engine, [page]))

    def close_spider(self, spider=None) -> None:
        if self.poll is not None and self.poll.running:
            self.poll.stop()
        if self.worker is not None:
            self._count(self.worker.close())
            self.worker = None

    def _same_body_stored(self, item) -> bool:
        """The exact bytes of this URL are already the latest version: skip all parsing."""
        if self.known is None:
            self.open_spider()
        return self.known.get(item["url"]) == item["raw_hash"]

    def _count(self, results: list[StoreResult]) -> None:
        counts = self.crawler.spider.counts
        for r in results:
            counts[r.status] += 1
            if r.status in ("new", "changed", "unchanged"):
                self.known[r.url] = r.raw_hash  # committed: a repeat in this crawl is skipped
            if r.status == "changed":
                log.info("changed %s", r.detail)
            elif r.status == "skipped_empty":
                log.info("skipped %s: %s", r.url, r.detail)
            elif r.status == "failed":
                log.warning("failed %s: %s", r.url, r.detail)

    def process_item(self, item, spider=None):
        try:
            if self._same_body_stored(item):
                self.crawler.spider.counts["unchanged"] += 1
                return item
            self._submit({key: item.get(key) for key in PAGE_FIELDS})
        except Exception as exc:  # one bad page must not stop the crawl
            self.crawler.spider.counts["failed"] += 1
            log.warning("failed %s: could not store: %s: %s", item.get("url"),
                        type(exc).__name__, exc)
        finally:
            item["body"] = b""  # bodies can be megabytes; nothing downstream needs them
        return item
