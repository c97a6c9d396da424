"""The SQLite HTTP-cache storage: Scrapy's storage interface, one file, survives a reopen."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import HtmlResponse, Request, Response
from scrapy.settings import Settings
from scrapy.utils.request import RequestFingerprinter

from crawlers.cache import FILENAME, SqliteCacheStorage
from crawlers.middlewares import RevalidatingAutoThrottle


@pytest.fixture
def make(tmp_path):
    settings = Settings({"HTTPCACHE_DIR": str(tmp_path / "httpcache"),
                         "HTTPCACHE_SQLITE_BATCH": 1000, "HTTPCACHE_SQLITE_BATCH_SECONDS": 3600})
    spider = SimpleNamespace(name="feed", crawler=SimpleNamespace(
        request_fingerprinter=RequestFingerprinter()))

    def _make():
        storage = SqliteCacheStorage(settings)
        storage.open_spider(spider)
        return storage

    return _make, spider, settings


def test_store_retrieve_and_survive_a_reopen(make):
    make_storage, spider, _ = make
    storage = make_storage()
    request = Request("http://127.0.0.1/a.html")
    assert storage.retrieve_response(spider, request) is None
    body = b"<html><body>" + "Caf\u00e9 ".encode() * 500 + b"</body></html>"
    response = HtmlResponse("http://127.0.0.1/a.html", status=200, body=body, headers={
        "Content-Type": "text/html; charset=utf-8", "ETag": '"v1"', "Set-Cookie": ["a=1", "b=2"]})
    storage.store_response(spider, request, response)
    cached = storage.retrieve_response(spider, request)
    assert isinstance(cached, HtmlResponse) and cached.body == body and cached.status == 200
    assert cached.headers[b"ETag"] == b'"v1"' and cached.headers.getlist(b"Set-Cookie") == [b"a=1", b"b=2"]
    assert request.meta["cache_timestamp"] > 0
    assert storage.stats()["compressed_bytes"] < len(body)  # zlib
    storage.close_spider(spider)  # the batch is committed on close

    again = make_storage()
    cached = again.retrieve_response(spider, Request("http://127.0.0.1/a.html"))
    assert cached is not None and cached.body == body
    assert again.retrieve_response(spider, Request("http://127.0.0.1/b.html")) is None
    other = SimpleNamespace(name="sitemap", crawler=spider.crawler)  # kept apart per spider
    assert again.retrieve_response(other, Request("http://127.0.0.1/a.html")) is None
    again.close_spider(spider)
    files = [p.name for p in again.cachedir.iterdir()]
    assert files == [FILENAME]  # one file, not seven per page


def test_two_spiders_share_one_connection_and_both_batches_land(make):
    make_storage, spider, _ = make
    first, second = make_storage(), make_storage()
    assert first.db is second.db
    first.store_response(spider, Request("http://127.0.0.1/1"), Response("http://127.0.0.1/1", body=b"1"))
    second.store_response(spider, Request("http://127.0.0.1/2"), Response("http://127.0.0.1/2", body=b"2"))
    first.close_spider(spider)
    second.close_spider(spider)
    reopened = make_storage()
    assert reopened.stats()["rows"] == 2
    reopened.close_spider(spider)


def test_rfc2616_revalidates_with_the_stored_validators_and_a_304_refreshes_them(make):
    make_storage, spider, settings = make
    storage = make_storage()
    policy = RFC2616Policy(settings)
    request = Request("http://127.0.0.1/a.html")
    response = HtmlResponse(request.url, body=b"<html>v1</html>", headers={
        "Content-Type": "text/html", "ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT",
        "Cache-Control": "max-age=0", "Date": "Mon, 01 Jan 2024 00:00:00 GMT"})
    assert policy.should_cache_response(response, request)
    storage.store_response(spider, request, response)

    again = Request(request.url)
    cached = storage.retrieve_response(spider, again)
    assert not policy.is_cached_response_fresh(cached, again)  # stale: must revalidate
    assert again.headers[b"If-None-Match"] == b'"v1"'
    assert again.headers[b"If-Modified-Since"] == b"Mon, 01 Jan 2024 00:00:00 GMT"
    not_modified = Response(request.url, status=304, headers={"Date": "Tue, 02 Jan 2024 00:00:00 GMT"})
    assert policy.is_cached_response_valid(cached, not_modified, again)
    cached.flags.append("cached")  # as the middleware marks it
    cached.headers.update(not_modified.headers)
    storage.store_response(spider, again, cached)  # the 304 path: metadata only
    refreshed = storage.retrieve_response(spider, Request(request.url))
    assert refreshed.body == b"<html>v1</html>"
    assert refreshed.headers[b"Date"] == b"Tue, 02 Jan 2024 00:00:00 GMT"
    storage.close_spider(spider)


def test_autothrottle_lets_a_304_lower_the_delay_but_not_an_error():
    throttle = RevalidatingAutoThrottle.__new__(RevalidatingAutoThrottle)
    throttle.target_concurrency, throttle.mindelay, throttle.maxdelay = 1.0, 0.0, 30.0
    slot = SimpleNamespace(delay=1.0)
    throttle._adjust_delay(slot, 0.01, Response("http://x/", status=304))
    assert slot.delay < 0.6
    before = slot.delay
    throttle._adjust_delay(slot, 0.001, Response("http://x/", status=500))
    assert slot.delay == before


def test_robots_txt_has_its_own_download_slot_and_pages_keep_the_site_s():
    from crawlers.middlewares import RobotsTxtSlotMiddleware

    mw = RobotsTxtSlotMiddleware()
    robots = Request("http://127.0.0.1:8000/robots.txt", meta={"dont_obey_robotstxt": True})
    page = Request("http://127.0.0.1:8000/robots.txt.html")
    assert mw.process_request(robots) is None and mw.process_request(page) is None
    assert robots.meta["download_slot"] == "robots.txt 127.0.0.1:8000"
    assert "download_slot" not in page.meta
