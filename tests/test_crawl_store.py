"""Normalise-and-store in batches (crawlers/store.py) and the store worker process."""
from __future__ import annotations

import hashlib

import pytest
from sqlmodel import Session, select

from crawlers.store import store_pages
from crawlers.store_worker import StoreWorker
from models import Document, get_engine


def page(i: int, text: str | None = None) -> dict:
    body = (f"<html><head><title>Story {i}</title></head><body><article><p>"
            f"{text or f'Company {i} opened a regional office and hired analysts this spring.'}"
            f"</p></article></body></html>").encode()
    return {"url": f"https://news.example.com/{i}.html", "body": body, "content_type": "text/html",
            "fmt": "html", "raw_hash": hashlib.sha256(body).hexdigest(), "source_id": None}


def test_a_batch_stores_each_page_once_and_reports_in_order(settings):
    engine = get_engine(settings.database_url)
    items = [page(1), page(2), {**page(3), "body": b"<html><body></body></html>"}]
    assert [r.status for r in store_pages(engine, items)] == ["new", "new", "skipped_empty"]
    assert [r.status for r in store_pages(engine, items[:2])] == ["unchanged", "unchanged"]
    changed = store_pages(engine, [page(1, "Company 1 now plans to exit its data centre by 2027.")])
    assert changed[0].status == "changed" and "version 2" in changed[0].detail


def test_a_url_repeated_in_one_batch_is_stored_as_successive_versions(settings):
    engine = get_engine(settings.database_url)
    first, second = page(1), page(1, "Company 1 now plans to exit its data centre by 2027.")
    results = store_pages(engine, [first, first, second, page(2)])
    assert [r.status for r in results] == ["new", "unchanged", "changed", "new"]
    assert store_pages(engine, [second])[0].status == "unchanged"
    with Session(engine) as session:
        rows = session.exec(select(Document).order_by(Document.canonical_url,
                                                      Document.version)).all()
    assert [(d.version, d.is_latest) for d in rows] == [(1, False), (2, True), (1, True)]
    assert rows[1].body_hash == second["raw_hash"] and rows[1].fetched_at is not None


def test_one_bad_row_costs_that_page_only(settings, monkeypatch):
    import crawlers.store as store

    engine = get_engine(settings.database_url)
    real_batch = store._store_batch

    def flaky_batch(session, ready):
        if any(item["url"].endswith("/2.html") for _, item, _doc in ready):
            raise ValueError("disk said no")  # the batch fails as a whole on the bad row
        return real_batch(session, ready)

    monkeypatch.setattr(store, "_store_batch", flaky_batch)
    results = store_pages(engine, [page(1), page(2), page(3)])
    assert [r.status for r in results] == ["new", "failed", "new"]
    assert "disk said no" in results[1].detail
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == 2


@pytest.mark.slow
def test_worker_process_stores_what_it_is_given_and_stops_cleanly(settings):
    from models import init_db

    init_db(get_engine(settings.database_url))
    worker = StoreWorker(settings.database_url, batch_size=3, batch_seconds=0.1)
    for i in range(7):
        worker.submit(page(i))
    results = worker.close(timeout=60)
    assert sorted(r.status for r in results) == ["new"] * 7
    assert not worker.process.is_alive() and not worker.outstanding


@pytest.mark.slow
@pytest.mark.parametrize("in_worker", [True, False])
def test_crawl_stores_the_same_documents_with_or_without_the_worker(settings, tmp_path, in_worker):
    from acescout_core.settings import SourceSettings
    from crawlers.demo_server import serve_directory
    from crawlers.runner import crawl

    root = tmp_path / "site"
    root.mkdir()
    for i in range(4):
        (root / f"{i}.html").write_bytes(page(i)["body"])
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    settings.crawl.autothrottle = False
    settings.crawl.store_worker = in_worker
    with serve_directory(root) as base:
        (root / "sitemap.xml").write_text(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}{i}.html</loc></url>" for i in range(4)) + "</urlset>")
        settings.sources = [SourceSettings(name="sm", kind="sitemap", url=f"{base}sitemap.xml")]
        stats = crawl(settings)
        counts = stats.sources["sm"]
    assert counts["new"] == 4 and counts["failed"] == 0
    assert 0 < stats.crawl_seconds <= stats.seconds  # Scrapy's own time, inside the whole call
    with Session(get_engine(settings.database_url)) as session:
        titles = sorted(d.title for d in session.exec(select(Document)))
    assert titles == [f"Story {i}" for i in range(4)]
