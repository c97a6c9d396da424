"""The crawler end to end: a child process crawling a loopback site full of bad cases."""
from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from acescout_core.errors import InputError
from acescout_core.settings import SourceSettings
from crawlers.demo_server import serve_directory
from crawlers.runner import CrawlError, crawl
from models import Document, Source, get_engine

SITE = Path(__file__).parent / "fixtures" / "site"
BOMB = gzip.compress(b"<html><body>" + b"\0" * 20_000_000, 9)  # ~20 KB on the wire


def _plain(handler, status: int, body: bytes = b"", headers: dict | None = None) -> None:
    handler.send_response(status)
    for key, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def _slow(handler) -> None:
    time.sleep(2.5)  # beyond the 1 s download timeout
    try:
        _plain(handler, 200, b"<html><body>late</body></html>", {"Content-Type": "text/html"})
    except OSError:
        pass


ROUTES = {
    "/error500": lambda h: _plain(h, 500, b"oops"),
    "/loop": lambda h: _plain(h, 302, headers={"Location": "/loop2"}),
    "/loop2": lambda h: _plain(h, 302, headers={"Location": "/loop"}),
    "/slow": _slow,
    "/huge": lambda h: _plain(h, 200, b"<html><body>" + b"x" * 1_500_000 + b"</body></html>",
                              {"Content-Type": "text/html"}),
    "/bomb": lambda h: _plain(h, 200, BOMB, {"Content-Type": "text/html",
                                             "Content-Encoding": "gzip"}),
}


@pytest.fixture
def site(tmp_path):
    """A writable copy of the fixture site served on 127.0.0.1; yields (base, root, seen)."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    seen: list = []
    with serve_directory(root, routes=ROUTES, seen=seen) as base:
        yield base, root, seen


@pytest.fixture
def crawl_settings(settings):
    crawl = settings.crawl
    crawl.autothrottle = False
    crawl.download_timeout = 1
    crawl.retries = 1
    crawl.retry_backoff = 0.05
    crawl.max_body_bytes = 500_000
    crawl.max_run_seconds = 60
    crawl.trust_lastmod_days = 0  # these tests pin revalidation; test_crawl_fresh.py the skip
    return settings


def _docs(settings) -> list[Document]:
    with Session(get_engine(settings.database_url)) as session:
        return list(session.exec(select(Document).order_by(Document.id)))


def _latest(settings) -> dict[str, Document]:
    return {d.canonical_url: d for d in _docs(settings) if d.is_latest}


def test_feeds_survive_every_bad_case_and_store_each_page_once(crawl_settings, site):
    base, _, seen = site
    crawl_settings.sources = [
        SourceSettings(name="news", kind="feed", url=f"{base}feeds/news.xml"),
        SourceSettings(name="blog", kind="feed", url=f"{base}feeds/blog.atom"),
        SourceSettings(name="broken", kind="feed",
                       urls=[f"{base}feeds/broken.xml", f"{base}feeds/garbage.xml"]),
        SourceSettings(name="off", kind="feed", url=f"{base}feeds/news.xml", enabled=False),
    ]
    progress: list = []
    stats = crawl(crawl_settings, on_progress=lambda name, counts: progress.append(name))
    news, blog, broken = (stats.sources[n] for n in ("news", "blog", "broken"))
    assert "off" not in stats.sources
    # 404, 500, redirect loop, timeout, oversized body, gzip bomb: one failure each.
    assert news["failed"] == 6
    assert news["skipped_robots"] == 1 and news["skipped_type"] == 2  # private/, PDF + PNG
    # shared.html is in both feeds: stored once, the other source sees it unchanged.
    assert news["new"] + blog["new"] == 5 and news["unchanged"] + blog["unchanged"] == 1
    assert broken["new"] == 1 and broken["failed"] == 2  # recovered entry; linkless entry, garbage
    assert set(progress) >= {"news", "blog", "broken"}
    paths = [p for p, _ in seen]
    assert "/private/secret.html" not in paths and "/robots.txt" in paths
    assert paths.count("/articles/migration.html") == 1  # listed twice in the feed

    docs = _latest(crawl_settings)
    assert len(docs) == len(_docs(crawl_settings)) == 6
    contoso = docs["https://news.example.com/2025/contoso-migration?a=1&b=2"]
    assert contoso.title == "Contoso Retail plans migration to AWS"
    assert contoso.published_at.isoformat().startswith("2025-03-04T09:30")
    assert "Amazon Aurora" in contoso.text and "Subscribe to our newsletter" not in contoso.text
    assert contoso.language == "en" and len(contoso.content_hash) == 64
    latin1 = next(d for d in docs.values() if d.url.endswith("latin1.html"))
    assert "Café Zürich" in latin1.text and "\ufffd" not in latin1.text
    nocharset = next(d for d in docs.values() if d.url.endswith("nocharset.html"))
    assert "München" in nocharset.text
    shared = docs["https://news.example.com/fabrikam-landing-zone"]
    assert shared.published_at is not None
    recovered = next(d for d in docs.values() if d.url.endswith("recovered.html"))
    assert recovered.title == "Tailspin Toys SOC 2 programme"  # markup stripped from the hint
    log = Path(stats.log_file).read_text(encoding="utf-8")
    for url in ("missing.html: HTTP 404", "error500: HTTP 500", "/loop", "/slow", "/huge", "/bomb"):
        assert url in log


def test_recrawl_revalidates_and_a_changed_page_becomes_version_2(crawl_settings, site):
    base, root, seen = site
    crawl_settings.sources = [
        SourceSettings(name="blog", kind="feed", url=f"{base}feeds/blog.atom")]
    first = crawl(crawl_settings).sources["blog"]
    assert first["ok"] == 3 and first["new"] == 2
    before = {d.id: d.content_hash for d in _docs(crawl_settings)}

    seen.clear()
    second = crawl(crawl_settings).sources["blog"]
    assert second["ok"] == 0 and second["not_modified"] == 3  # feed + 2 pages: no bodies
    assert second["new"] == second["changed"] == 0 and second["unchanged"] == 2
    assert {d.id: d.content_hash for d in _docs(crawl_settings)} == before
    assert all(etag for path, etag in seen if path != "/robots.txt")  # conditional GETs

    page = root / "articles" / "cloud.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "four hundred virtual machines", "six hundred virtual machines"), encoding="utf-8")
    third = crawl(crawl_settings).sources["blog"]
    assert third["changed"] == 1 and third["unchanged"] == 1 and third["ok"] == 1
    versions = [d for d in _docs(crawl_settings) if d.url.endswith("cloud.html")]
    assert [(d.version, d.is_latest) for d in versions] == [(1, False), (2, True)]
    assert "four hundred" in versions[0].text and "six hundred" in versions[1].text
    with Session(get_engine(crawl_settings.database_url)) as session:
        assert session.exec(select(Source).where(Source.name == "blog")).one().last_crawled_at


def test_sitemap_page_and_job_board_sources(crawl_settings, site):
    base, _, seen = site
    crawl_settings.sources = [
        SourceSettings(name="sitemap", kind="sitemap", url=f"{base}sitemap_index.xml",
                       lastmod_after="2024-01-01"),
        SourceSettings(name="careers", kind="page", url=f"{base}careers/index.html",
                       link_pattern=r"careers/job-[^/]+\.html$"),
        SourceSettings(name="greenhouse", kind="jobs", board="greenhouse", company="contoso",
                       url=f"{base}jobs/greenhouse.json"),
        SourceSettings(name="lever", kind="jobs", board="lever", company="fabrikam",
                       urls=[f"{base}jobs/lever.json", f"{base}jobs/notjson.json"]),
    ]
    stats = crawl(crawl_settings).as_dict()
    sm = stats["sitemap"]
    assert sm["skipped_old"] == 2  # the 2019 child sitemap and the 2018 page
    assert sm["failed"] == 1 and sm["skipped_robots"] == 1 and sm["skipped_type"] == 1
    assert sm["new"] == 2  # relative <loc> resolved against the sitemap URL
    assert stats["careers"]["new"] == 2  # about.html and the other host are not followed
    assert stats["greenhouse"]["new"] == 2
    assert stats["lever"]["new"] == 1 and stats["lever"]["failed"] == 2  # no-URL posting, HTML
    paths = {p for p, _ in seen}
    assert "/articles/shared.html" not in paths and "/about.html" not in paths
    docs = _latest(crawl_settings)
    job = docs["https://boards.greenhouse.io/contoso/jobs/101"]
    assert job.title == "Cloud Migration Engineer" and "migrate 300 workloads" in job.text
    assert "Contoso Retail" in job.text and job.published_at.year == 2025
    lever = docs["https://jobs.lever.co/fabrikam/a1b2"]
    assert "Teradata pipelines to AWS Glue" in lever.text
    architect = next(d for d in docs.values() if d.url.endswith("job-cloud-architect.html"))
    assert architect.title == "Senior Cloud Architect (AWS)"


def test_file_folder_and_file_urls_work_without_a_server(crawl_settings):
    local = SITE / "local"
    crawl_settings.sources = [
        SourceSettings(name="inbox", kind="file", url=str(local)),
        SourceSettings(name="feed-file", kind="feed", url=(SITE / "feeds" / "blog.atom").as_uri()),
    ]
    stats = crawl(crawl_settings).as_dict()
    inbox = stats["inbox"]
    # note.md, memo.txt, page.html, one remote feed entry; photo.jpg + a non-feed sitemap skipped
    assert inbox["new"] == 4 and inbox["skipped_type"] == 2 and inbox["failed"] == 0
    assert stats["feed-file"]["new"] == 2
    docs = _latest(crawl_settings)
    assert "https://adatum.example.com/press/aws" in docs
    assert docs["https://wire.example.com/proseware-marketplace"].published_at.day == 7
    note = next(d for d in docs.values() if d.url.endswith("note.md"))
    assert note.title == "Woodgrove Bank board approves cloud programme"
    again = crawl(crawl_settings).as_dict()
    assert again["inbox"]["new"] == 0 and again["inbox"]["unchanged"] == 4


def test_unknown_source_is_an_input_error(crawl_settings):
    crawl_settings.sources = [SourceSettings(name="a", kind="feed", url="http://127.0.0.1:9/")]
    with pytest.raises(InputError, match="unknown source 'b'"):
        crawl(crawl_settings, "b")


def test_a_stuck_child_is_stopped_not_waited_for(crawl_settings, site):
    base, _, _ = site
    crawl_settings.sources = [SourceSettings(name="slow", kind="feed", url=f"{base}slow")]
    started = time.monotonic()
    with pytest.raises(CrawlError, match="did not finish"):
        crawl(crawl_settings, timeout=0.5)
    assert time.monotonic() - started < 10


def test_file_mirror_obeys_its_robots_txt(crawl_settings, tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "news").mkdir(parents=True)
    (mirror / "private").mkdir()
    page = "<html><head><title>{t}</title></head><body><article><p>{t} " + "text " * 60 + "</p></article></body></html>"
    (mirror / "news" / "open.html").write_text(page.format(t="Open page"))
    (mirror / "private" / "secret.html").write_text(page.format(t="Secret page"))
    (mirror / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (mirror / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>news/open.html</loc></url><url><loc>private/secret.html</loc></url></urlset>")
    crawl_settings.sources = [SourceSettings(name="mirror", kind="sitemap",
                                             url=(mirror / "sitemap.xml").as_uri())]
    stats = crawl(crawl_settings).as_dict()["mirror"]
    assert stats["new"] == 1 and stats["skipped_robots"] == 1
    titles = {d.title for d in _latest(crawl_settings).values()}
    assert titles == {"Open page"}
