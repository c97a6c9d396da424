"""The loopback server the demo and the crawl tests use: revalidation must be real."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from crawlers.demo_server import serve_directory


def _get(url: str, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), b""


def test_serves_files_with_validators_and_answers_304(tmp_path):
    (tmp_path / "a.html").write_text("<html><body>hello</body></html>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<html><body>index</body></html>")
    seen: list = []
    with serve_directory(tmp_path, seen=seen) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        status, headers, body = _get(base + "a.html")
        assert status == 200 and b"hello" in body and headers["Cache-Control"] == "max-age=0"
        assert _get(base + "a.html", **{"If-None-Match": headers["ETag"]})[0] == 304
        assert _get(base + "a.html", **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
        assert _get(base + "a.html", **{"If-None-Match": '"other"'})[0] == 200
        status, headers, body = _get(base + "sub/")
        assert status == 200 and b"index" in body and "ETag" in headers
        assert _get(base + "missing.html")[0] == 404
    assert [p for p, _ in seen][:2] == ["/a.html", "/a.html"]
    with pytest.raises(OSError):  # stopped on exit
        urllib.request.urlopen(base + "a.html", timeout=2)


def test_routes_add_dynamic_paths(tmp_path):
    def teapot(handler):
        handler.send_response(418)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with serve_directory(tmp_path, routes={"/tea": teapot}) as base:
        assert _get(base + "tea")[0] == 418
