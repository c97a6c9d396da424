"""What a source already holds: when each of its pages was last fetched.

Sitemaps (``<lastmod>``) and feeds (``<updated>``) say when a page last changed. A page stored
after that moment is not requested again on the next crawl, not even for a 304: a nightly crawl
of an unchanged site then costs one request per listing, not one per page. Publishers' dates can
be wrong, so the trust lasts ``[crawl] trust_lastmod_days``; after that the page is revalidated
(ETag / Last-Modified) whatever the listing says.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from models.db import get_engine, session_scope
from models.tables import Document


def fetched_pages(database_url: str, source_id: int | None) -> dict[str, datetime]:
    """URL (fetched and canonical) -> when its latest version was fetched, for one source."""
    if source_id is None or not database_url:
        return {}
    with session_scope(get_engine(database_url)) as session:
        rows = session.exec(select(Document.url, Document.canonical_url, Document.fetched_at).where(
            Document.source_id == source_id, Document.is_latest == True))  # noqa: E712
        out: dict[str, datetime] = {}
        for url, canonical, fetched in rows:
            fetched = fetched if fetched.tzinfo else fetched.replace(tzinfo=timezone.utc)
            for key in {url, canonical} - {None, ""}:
                out[key] = max(fetched, out.get(key, fetched))
        return out


def unchanged_since_fetch(fetched: datetime | None, modified: datetime | None, *,
                          trust_days: float, now: datetime | None = None) -> bool:
    """The listing dates the page before our copy, and our copy is recent enough to trust it."""
    if fetched is None or modified is None or trust_days <= 0:
        return False
    now = now or datetime.now(timezone.utc)
    return modified <= fetched and now - fetched < timedelta(days=trust_days)
