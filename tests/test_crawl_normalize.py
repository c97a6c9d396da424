"""Unit tests of the crawler's plain functions: normalisation, job-board shapes, config."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from acescout_core.errors import InputError
from acescout_core.settings import Settings, SourceSettings
from crawlers.normalize import (canonical_url, clean_url, decode_body, normalize, page_language,
                                page_title, parse_date, parse_html, published_date)
from crawlers.runner import CrawlStats, select_sources
from crawlers.settings import scrapy_settings
from crawlers.sources import load_sources
from crawlers.spiders.jobs import greenhouse_postings, lever_postings, posting_html

ARTICLE = """<html lang="de-DE"><head><meta charset="utf-8"><title>{title} | Site</title>{head}</head>
<body><nav>Home · Products · Careers</nav><article><h1>{title}</h1>
<p>Woodgrove Bank will move its core analytics platform to Amazon Redshift next year, the bank said.</p>
<p>The programme starts with a pilot in the second quarter and runs for eighteen months in total.</p>
<p>It follows the bank's decision to close its Frankfurt data centre when the lease expires.</p>
</article><footer>About us: Site is a publication. Subscribe to our newsletter today.</footer>
</body></html>"""


def article(title="Woodgrove moves analytics", head="") -> str:
    return ARTICLE.format(title=title, head=head)


def test_decode_repairs_a_lying_and_a_missing_charset():
    text = "<p>Café Zürich, Österreich</p>"
    assert decode_body(text.encode("cp1252"), "text/html; charset=utf-8") == text
    assert decode_body(text.encode("utf-8"), "text/html; charset=iso-8859-1") == text
    assert decode_body(text.encode("utf-8"), None) == text
    assert decode_body(text.encode("cp1252"), None) == text
    assert decode_body(b"", None) == ""


def test_canonical_url_prefers_the_link_and_drops_tracking():
    tree = parse_html('<html><head><link rel="canonical" href="/a/b?utm_source=x&z=1&a=2">'
                      "</head><body>x</body></html>")
    assert canonical_url("https://example.com/a/b?ref=feed", tree) == "https://example.com/a/b?a=2&z=1"
    assert canonical_url("https://example.com/p?b=1&a=2#frag", None) == "https://example.com/p?a=2&b=1"
    ftp = parse_html('<html><head><link rel="canonical" href="ftp://x/y"></head></html>')
    assert canonical_url("https://example.com/q", ftp) == "https://example.com/q"
    assert clean_url("https://e.com/?gclid=1") == "https://e.com/"


def test_published_date_order_meta_then_time_then_htmldate():
    meta = parse_html(article(head='<meta property="article:published_time" content="2025-03-04T09:30:00-05:00">'
                                   '<time datetime="2020-01-01">old</time>'))
    assert published_date(meta, "", "https://x/").isoformat() == "2025-03-04T14:30:00+00:00"
    timed = parse_html(article().replace("<article>", '<article><time datetime="2025-02-10">Feb</time>'))
    assert published_date(timed, "", "https://x/").date().isoformat() == "2025-02-10"
    dated_url = parse_html(article())
    assert published_date(dated_url, article(), "https://x.com/2024/05/17/story.html").year == 2024


def test_parse_date_accepts_common_shapes_and_rejects_junk():
    assert parse_date("Tue, 04 Mar 2025 09:30:00 GMT").hour == 9
    assert parse_date("2025-03-04").tzinfo is not None
    assert parse_date(time.strptime("2025-03-04", "%Y-%m-%d")).day == 4
    assert parse_date("not a date") is None and parse_date("") is None
    assert parse_date("1970-01-01") is None  # epoch placeholders are not dates


def test_normalize_keeps_main_text_and_hashes_it():
    doc = normalize(article().encode("utf-8"), url="https://news.example.com/story?utm_medium=rss",
                    content_type="text/html")
    assert "Amazon Redshift" in doc.text and "Subscribe to our newsletter" not in doc.text
    assert "Home · Products" not in doc.text
    assert doc.title == "Woodgrove moves analytics"  # <h1> when <title> is it plus a suffix
    assert doc.language == "de"
    assert doc.canonical_url == "https://news.example.com/story"
    same = normalize(article().replace("<p>", "<p>  ").encode("utf-8"),
                     url="https://news.example.com/story", content_type="text/html")
    assert same.content_hash == doc.content_hash  # whitespace is layout, not content
    edited = normalize(article().replace("eighteen", "twelve").encode("utf-8"),
                       url="https://news.example.com/story", content_type="text/html")
    assert edited.content_hash != doc.content_hash


def test_normalize_text_and_hints():
    doc = normalize(b"# Board approves plan\n\nLitware will exit its data centre.\n",
                    url="file:///tmp/inbox/note.md", fmt="text")
    assert doc.title == "Board approves plan" and doc.text.startswith("# Board approves plan")
    hinted = normalize(article().encode(), url="https://x.com/a", title="Feed <b>title</b> &amp; more",
                       published="2025-01-15T11:00:00Z")
    assert hinted.title == "Feed title & more" and hinted.published_at.day == 15


def test_normalize_survives_hostile_markup():
    for body in (b"", b"\x00\x01\x02", b"<html><body></body></html>", b"<<<>>>" * 1000,
                 b'<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>'):
        doc = normalize(body, url="https://x.com/", content_type="text/html")
        assert isinstance(doc.text, str)


def test_page_title_and_language_fallbacks():
    tree = parse_html('<html><head><meta property="og:title" content="OG title"><title>T</title>'
                      "</head><body><h1>H</h1></body></html>")
    assert page_title(tree, None) == "OG title"
    assert page_title(parse_html("<html><body><h1>Only h1</h1></body></html>"), None) == "Only h1"
    assert page_language(parse_html("<html><body>x</body></html>"), "en-GB, fr") == "en"
    assert page_language(None, None) is None


def test_job_board_shapes():
    gh = greenhouse_postings({"jobs": [{"title": "SRE", "absolute_url": "https://b/1",
                                        "content": "&lt;p&gt;Run EKS&lt;/p&gt;",
                                        "location": {"name": "Remote"}, "departments": [{"name": "Ops"}],
                                        "updated_at": "2025-03-01T00:00:00Z"}]}, "contoso")
    assert gh[0]["content"] == "<p>Run EKS</p>" and gh[0]["facts"][:3] == ["contoso", "Remote", "Ops"]
    lv = lever_postings([{"text": "Data engineer", "hostedUrl": "https://l/2", "createdAt": 1740000000000,
                          "categories": {"team": "Data"}, "description": "<div>Redshift</div>",
                          "lists": [{"text": "You will", "content": "<li>Glue</li>"}]}], "fabrikam")
    assert lv[0]["published"].startswith("2025-02-19") and "<li>Glue</li>" in lv[0]["content"]
    html = posting_html(lv[0])
    doc = normalize(html.encode(), url="https://l/2", fmt="fragment", canonical="https://l/2")
    assert doc.text.splitlines()[0] == "Data engineer" and "Glue" in doc.text


def test_select_sources_enabled_named_and_misconfigured():
    s = Settings(sources=[SourceSettings(name="a", kind="feed", url="http://127.0.0.1/a"),
                          SourceSettings(name="b", kind="feed", url="http://127.0.0.1/b", enabled=False)])
    assert [x.name for x in select_sources(s)] == ["a"]
    assert [x.name for x in select_sources(s, "b")] == ["b"]  # named explicitly: runs anyway
    with pytest.raises(InputError, match="unknown source 'c'"):
        select_sources(s, "c")
    bad = Settings(sources=[SourceSettings(name="p", kind="page", url="http://x/", link_pattern="(")])
    with pytest.raises(InputError, match="bad link_pattern"):
        select_sources(bad)
    with pytest.raises(InputError, match="needs `company`"):
        select_sources(Settings(sources=[SourceSettings(name="j", kind="jobs")]))
    dup = Settings(sources=[SourceSettings(name="a", kind="feed", url="http://x/")] * 2)
    with pytest.raises(InputError, match="duplicate"):
        select_sources(dup)


def test_scrapy_settings_follow_the_config(tmp_path):
    s = Settings(config_path=tmp_path / "acescout.toml")
    s.crawl.user_agent = "partner-bot/1 (+mailto:ops@example.com)"
    s.crawl.max_body_bytes = 1234
    values = scrapy_settings(s)
    assert values["USER_AGENT"] == "partner-bot/1 (+mailto:ops@example.com)"
    assert values["ROBOTSTXT_OBEY"] is True and values["AUTOTHROTTLE_ENABLED"] is True
    assert values["HTTPCACHE_POLICY"] == "scrapy.extensions.httpcache.RFC2616Policy"
    assert values["HTTPCACHE_DIR"] == str(tmp_path / ".acescout" / "httpcache")
    assert values["DOWNLOAD_MAXSIZE"] == 1234 and values["DOWNLOAD_WARNSIZE"] <= 1234


def test_default_sources_are_real_documented_and_off():
    sources = load_sources()
    assert len(sources) >= 8 and not any(s.enabled for s in sources)
    kinds = {s.kind for s in sources}
    assert {"feed", "page", "jobs", "file"} <= kinds
    urls = {s.url for s in sources}
    assert "https://aws.amazon.com/blogs/apn/feed/" in urls
    assert {s.board for s in sources if s.kind == "jobs"} == {"greenhouse", "lever"}
    for source in sources:
        select_sources(Settings(sources=[source]), source.name)  # each one is well formed


def test_bad_sources_file_is_an_input_error(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[sources]]\nname = "x"\nkind = "ftp"\n')
    with pytest.raises(InputError, match="invalid source"):
        load_sources(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_sources(Path(tmp_path / "missing.toml"))


def test_crawl_stats_as_dict_is_plain():
    stats = CrawlStats(sources={"a": {"new": 2, "ok": 3}, "b": {"new": 1}})
    assert stats.as_dict() == {"a": {"new": 2, "ok": 3}, "b": {"new": 1}}
    assert stats.total("new") == 3 and stats.total("failed") == 0
