"""Pages a sitemap or feed dates before our stored copy are not requested again (crawlers/known.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from acescout_core.settings import SourceSettings
from crawlers.demo_server import serve_directory
from crawlers.known import unchanged_since_fetch
from crawlers.runner import crawl

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=timezone.utc)


def test_trust_needs_both_dates_an_older_lastmod_and_a_recent_copy():
    fetched = NOW - timedelta(days=1)
    assert unchanged_since_fetch(fetched, NOW - timedelta(days=30), trust_days=7, now=NOW)
    assert not unchanged_since_fetch(fetched, NOW, trust_days=7, now=NOW)  # changed since
    assert not unchanged_since_fetch(None, NOW - timedelta(days=30), trust_days=7, now=NOW)
    assert not unchanged_since_fetch(fetched, None, trust_days=7, now=NOW)  # no date: revalidate
    assert not unchanged_since_fetch(NOW - timedelta(days=8), NOW - timedelta(days=30),
                                     trust_days=7, now=NOW)  # copy too old: revalidate anyway
    assert not unchanged_since_fetch(fetched, NOW - timedelta(days=30), trust_days=0, now=NOW)


def _write_site(root, lastmods: dict[str, str]) -> None:
    (root / "a").mkdir(parents=True, exist_ok=True)
    urls = []
    for name, lastmod in lastmods.items():
        page = root / "a" / f"{name}.html"
        if not page.exists():
            page.write_text(f"<html><head><title>{name} news</title></head><body><article>"
                            f"<p>{name} announced a new regional office and a data platform "
                            f"for its analysts this year.</p></article></body></html>",
                            encoding="utf-8")
        urls.append(f"<url><loc>a/{name}.html</loc><lastmod>{lastmod}</lastmod></url>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(urls) + "</urlset>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


@pytest.mark.slow
def test_warm_sitemap_crawl_requests_only_the_sitemap_until_a_lastmod_moves(settings, tmp_path):
    root = tmp_path / "site"
    _write_site(root, {"alpha": "2025-01-10", "beta": "2025-02-10", "gamma": "2025-03-10"})
    settings.crawl.autothrottle = False
    settings.crawl.trust_lastmod_days = 7
    seen: list = []
    with serve_directory(root, seen=seen) as base:
        settings.sources = [SourceSettings(name="sm", kind="sitemap", url=f"{base}sitemap.xml")]
        first = crawl(settings).sources["sm"]
        assert first["new"] == 3 and first["skipped_fresh"] == 0

        seen.clear()
        second = crawl(settings).sources["sm"]
        assert second["skipped_fresh"] == 3 and second["new"] == second["changed"] == 0
        assert not [p for p, _ in seen if p.startswith("/a/")], seen  # no page request at all

        page = root / "a" / "beta.html"
        page.write_text(page.read_text(encoding="utf-8").replace("regional office",
                                                                 "second data centre exit"),
                        encoding="utf-8")
        tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date().isoformat()
        _write_site(root, {"alpha": "2025-01-10", "beta": tomorrow, "gamma": "2025-03-10"})
        seen.clear()
        third = crawl(settings).sources["sm"]
        assert third["skipped_fresh"] == 2 and third["changed"] == 1
        assert [p for p, _ in seen if p.startswith("/a/")] == ["/a/beta.html"]
