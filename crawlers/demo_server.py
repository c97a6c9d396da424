"""Serve a folder on 127.0.0.1 (random port) for the demo and the tests, with real revalidation.

Responses carry ``ETag``, ``Last-Modified`` and ``Cache-Control: max-age=0``, and conditional
requests get 304, so a second crawl exercises the same path as a well-behaved public site.
``routes`` lets tests add dynamic paths (redirect loops, slow or oversized responses).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

Route = Callable[[SimpleHTTPRequestHandler], None]


class RevalidatingHandler(SimpleHTTPRequestHandler):
    routes: dict[str, Route] = {}
    seen: list | None = None  # (path, If-None-Match) of every GET, for tests
    etag: str | None = None

    def log_message(self, format, *args) -> None:  # quiet: tests and the demo print their own
        pass

    def do_GET(self) -> None:
        if self.seen is not None:
            self.seen.append((urlsplit(self.path).path, self.headers.get("If-None-Match")))
        route = self.routes.get(urlsplit(self.path).path)
        if route is not None:
            route(self)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if urlsplit(self.path).path in self.routes:
            self.send_error(405)
        else:
            super().do_HEAD()

    def send_head(self):
        self.etag = None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the parent redirects to the slash form
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            stat = os.stat(path)
            self.etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            wanted = [t.strip() for t in self.headers.get("If-None-Match", "").split(",") if t.strip()]
            if self.etag in wanted or "*" in wanted:
                self.send_response(304)
                self.end_headers()
                return None
        return super().send_head()

    def end_headers(self) -> None:
        if self.etag:
            self.send_header("ETag", self.etag)
            self.send_header("Cache-Control", "max-age=0")  # stale at once: revalidate
        super().end_headers()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections when a crawl opens many at once

    def handle_error(self, request, client_address) -> None:
        """A client that hung up (timeout, size cap) is expected, not an error to print."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_directory(root: str | Path, port: int = 0, routes: dict[str, Route] | None = None,
                    seen: list | None = None) -> Iterator[str]:
    """Serve ``root`` in a background thread; yields the base URL (ending in ``/``)."""
    handler = type("Handler", (RevalidatingHandler,), {"routes": dict(routes or {}), "seen": seen})
    server = QuietServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="demo-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
