"""Turn fetched pages into stored document versions: normalise, then upsert — in batches.

Used by the item pipeline, either in the crawl process or in a store worker process
(crawlers/store_worker.py) so that the crawl's reactor only fetches. A batch is one transaction;
if it fails, each page of it is retried in its own transaction, so a bad page costs that page only
and never touches documents already stored.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from crawlers.normalize import normalize
from models.crud import store_documents
from models.db import session_scope

log = logging.getLogger(__name__)


@dataclass
class StoreResult:
    url: str
    raw_hash: str
    status: str            # new | changed | unchanged | skipped_empty | failed
    detail: str | None = None


def _normalized(item: dict):
    return normalize(item["body"], url=item["url"], content_type=item.get("content_type"),
                     fmt=item.get("fmt") or "html", title=item.get("title"),
                     published=item.get("published"), canonical=item.get("canonical"),
                     language=item.get("language"))


def _store_batch(session, ready: list[tuple[int, dict, object]]) -> dict[int, StoreResult]:
    """All of ``ready`` in a few statements (models.crud.store_documents)."""
    rows = [dict(canonical_url=doc.canonical_url, content_hash=doc.content_hash, text=doc.text,
                 url=item["url"], source_id=item.get("source_id"), title=doc.title,
                 published_at=doc.published_at, language=doc.language, body_hash=item["raw_hash"])
            for _, item, doc in ready]
    out = {}
    for (i, item, doc), (version, status) in zip(ready, store_documents(session, rows)):
        detail = f"{doc.canonical_url}: stored version {version}" if status == "changed" else None
        out[i] = StoreResult(item["url"], item["raw_hash"], status, detail)
    return out


def store_pages(engine, items: list[dict]) -> list[StoreResult]:
    """Normalise and store ``items`` (PageItem dicts); one result per item, in order."""
    results: dict[int, StoreResult] = {}
    ready = []
    for i, item in enumerate(items):
        try:
            doc = _normalized(item)
        except Exception as exc:  # hostile markup: this page only
            results[i] = StoreResult(item["url"], item["raw_hash"], "failed",
                                     f"could not parse: {type(exc).__name__}: {exc}")
            continue
        if not doc.text:
            results[i] = StoreResult(item["url"], item["raw_hash"], "skipped_empty", "no text content")
        else:
            ready.append((i, item, doc))
    try:
        with session_scope(engine) as session:
            batch = _store_batch(session, ready)
        results.update(batch)
    except Exception:  # one bad row spoils the batch's transaction: retry page by page
        for i, item, doc in ready:
            try:
                with session_scope(engine) as session:
                    results.update(_store_batch(session, [(i, item, doc)]))
            except Exception as exc:
                results[i] = StoreResult(item["url"], item["raw_hash"], "failed",
                                         f"could not store: {type(exc).__name__}: {exc}")
    return [results[i] for i in range(len(items))]
