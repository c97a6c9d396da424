"""A Scrapy HTTP-cache storage in one SQLite file: same interface, far fewer file operations.

Scrapy's ``FilesystemCacheStorage`` writes seven files per stored response, and with the
RFC 2616 policy every 304 re-stores the entry, so a warm re-crawl of N unchanged pages rewrites
7 N files. Here one row per request lives in ``<HTTPCACHE_DIR>/httpcache.sqlite3`` (WAL mode),
bodies zlib-compressed, writes committed in batches. The policy stays Scrapy's
``RFC2616Policy``: this only changes where the cached responses are kept.

Several spiders of one crawl process share one connection (a registry keyed by the file's
path, reference-counted), so batched writes from two spiders never wait on each other's lock.
A crash loses at most the last uncommitted batch: those pages are simply downloaded again.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from scrapy.utils.misc import load_object
from scrapy.utils.project import data_path
from scrapy.utils.python import to_unicode

log = logging.getLogger(__name__)

FILENAME = "httpcache.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    spider TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    status INTEGER NOT NULL,
    url TEXT NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    cls TEXT,
    timestamp REAL NOT NULL,
    PRIMARY KEY (spider, fingerprint)
) WITHOUT ROWID
"""
# The RFC 2616 policy re-stores an entry after every 304 only to refresh its timestamp and
# headers; the body did not change, so that path updates the row without rewriting the body.
UPSERT = ("INSERT INTO responses (spider, fingerprint, status, url, headers, body, cls, timestamp)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (spider, fingerprint) DO UPDATE SET"
          " status = excluded.status, url = excluded.url, headers = excluded.headers,"
          " body = excluded.body, cls = excluded.cls, timestamp = excluded.timestamp")
TOUCH = ("UPDATE responses SET status = ?, url = ?, headers = ?, cls = ?, timestamp = ?"
         " WHERE spider = ? AND fingerprint = ?")


def headers_to_bytes(headers: Headers) -> bytes:
    """``Name: value`` lines, one per value (repeated headers such as Set-Cookie stay apart)."""
    lines = []
    for name, values in headers.items():
        for value in values:
            lines.append(bytes(name) + b": " + bytes(value))
    return b"\r\n".join(lines)


def headers_from_bytes(raw: bytes) -> Headers:
    headers = Headers()
    for line in raw.split(b"\r\n"):
        if line:
            name, _, value = line.partition(b": ")
            headers.appendlist(name, value)
    return headers


class _Database:
    """One connection per cache file per process, shared by every spider that uses it."""

    _open: dict[str, _Database] = {}
    _registry_lock = threading.Lock()

    def __init__(self, path: Path, batch_size: int, batch_seconds: float):
        self.path = path
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.users = 0
        self.pending = 0
        self.last_commit = time.monotonic()
        self.lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Scrapy calls the storage from the reactor thread only; the lock guards the rare
        # other caller (tests, tools) without tying the connection to one thread.
        self.conn = sqlite3.connect(str(path), timeout=30, isolation_level="DEFERRED",
                                    check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
        self.conn.execute(SCHEMA)
        self.conn.commit()

    @classmethod
    def acquire(cls, path: Path, batch_size: int, batch_seconds: float) -> _Database:
        key = str(path.resolve())
        with cls._registry_lock:
            db = cls._open.get(key)
            if db is None:
                db = cls._open[key] = cls(path, batch_size, batch_seconds)
            db.users += 1
            return db

    def release(self) -> None:
        with self._registry_lock:
            self.users -= 1
            if self.users > 0:
                self.commit()
                return
            self._open.pop(str(self.path.resolve()), None)
        with self.lock:
            self.conn.commit()
            self.conn.close()

    def commit(self) -> None:
        with self.lock:
            self.conn.commit()
            self.pending = 0
            self.last_commit = time.monotonic()

    def wrote(self) -> None:
        self.pending += 1
        if (self.pending >= self.batch_size
                or time.monotonic() - self.last_commit >= self.batch_seconds):
            self.commit()


class SqliteCacheStorage:
    """``HTTPCACHE_STORAGE = "crawlers.cache.SqliteCacheStorage"``.

    Settings: ``HTTPCACHE_DIR``, ``HTTPCACHE_EXPIRATION_SECS`` (as Scrapy's storages),
    ``HTTPCACHE_SQLITE_BATCH`` (rows per commit, default 200) and
    ``HTTPCACHE_SQLITE_BATCH_SECONDS`` (longest wait before a commit, default 5).
    """

    def __init__(self, settings):
        self.cachedir = Path(data_path(settings["HTTPCACHE_DIR"], createdir=True))
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.batch_size = max(1, settings.getint("HTTPCACHE_SQLITE_BATCH", 200))
        self.batch_seconds = settings.getfloat("HTTPCACHE_SQLITE_BATCH_SECONDS", 5.0)
        self.db: _Database | None = None
        self._fingerprinter = None

    @property
    def path(self) -> Path:
        return self.cachedir / FILENAME

    def open_spider(self, spider) -> None:
        self.db = _Database.acquire(self.path, self.batch_size, self.batch_seconds)
        self._fingerprinter = spider.crawler.request_fingerprinter
        log.debug("Using SQLite cache storage in %s", self.path, extra={"spider": spider})

    def close_spider(self, spider) -> None:
        if self.db is not None:
            self.db.release()
            self.db = None

    def _key(self, request: Request) -> bytes:
        return self._fingerprinter.fingerprint(request)

    def retrieve_response(self, spider, request: Request) -> Response | None:
        with self.db.lock:
            row = self.db.conn.execute(
                "SELECT status, url, headers, body, cls, timestamp FROM responses"
                " WHERE spider = ? AND fingerprint = ?", (spider.name, self._key(request))
            ).fetchone()
        if row is None:
            return None
        status, url, raw_headers, body, cls_name, timestamp = row
        if 0 < self.expiration_secs < time.time() - timestamp:
            return None  # expired
        headers = headers_from_bytes(raw_headers)
        body = zlib.decompress(body)
        if cls_name:
            try:
                cls = load_object(cls_name)
            except (ImportError, NameError, AttributeError, ValueError):
                cls = responsetypes.from_args(headers=headers, url=url, body=body)
        else:
            cls = responsetypes.from_args(headers=headers, url=url, body=body)
        request.meta["cache_timestamp"] = timestamp
        return cls(url=url, status=status, headers=headers, body=body)

    def store_response(self, spider, request: Request, response: Response) -> None:
        cls = response.__class__
        cls_name = None if cls is Response else f"{cls.__module__}.{cls.__name__}"
        key = self._key(request)
        headers = headers_to_bytes(response.headers)
        now = time.time()
        with self.db.lock:
            if "cached" in response.flags:
                # The middleware re-stores the cached page after a 304 with fresh headers; its
                # body is the one this row holds, so only the metadata is rewritten.
                cursor = self.db.conn.execute(TOUCH, (response.status, to_unicode(response.url),
                                                      headers, cls_name, now, spider.name, key))
                if cursor.rowcount:
                    self.db.wrote()
                    return
            self.db.conn.execute(UPSERT, (
                spider.name, key, response.status, to_unicode(response.url), headers,
                zlib.compress(response.body, 6), cls_name, now))
            self.db.wrote()

    def stats(self) -> dict[str, Any]:
        """Rows and bytes stored, for tests and benchmarks."""
        with self.db.lock:
            rows, size = self.db.conn.execute(
                "SELECT count(*), coalesce(sum(length(body)), 0) FROM responses").fetchone()
        return {"rows": rows, "compressed_bytes": size}
