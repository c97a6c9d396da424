"""A second process that normalises and stores pages while the crawl process keeps fetching.

Parsing (trafilatura, htmldate, lxml) and the database writes cost ~5 ms a page: done on the
reactor's thread they, not the network, set the pace of a crawl. The pipeline hands each new body
to this worker through a bounded queue (backpressure instead of unbounded memory) and collects the
results as they come. The worker stores in batches (crawlers/store.py). If the crawl is killed,
the worker dies with it; pages it had not stored are fetched again, from the HTTP cache, next run.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from dataclasses import asdict

from crawlers.store import StoreResult

STOP = None


def _serve(database_url: str, inbox, outbox, batch_size: int, batch_seconds: float) -> None:
    from crawlers.store import store_pages
    from models.db import get_engine

    try:
        os.nice(10)  # fetching is latency-bound, storing is not: let the reactor have the CPU
    except (AttributeError, OSError):
        pass
    engine = get_engine(database_url)
    parent = os.getppid()
    pending: list[dict] = []
    stopping = False
    while not stopping:
        if os.getppid() != parent:
            return  # the crawl was killed (kill -9 too): what is queued is fetched again next run
        deadline = time.monotonic() + batch_seconds
        while len(pending) < batch_size:
            try:
                item = inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if item is STOP:
                stopping = True
                break
            pending.append(item)
        if pending:
            outbox.put([asdict(r) for r in store_pages(engine, pending)])
            pending = []
    outbox.put(STOP)


class StoreWorker:
    """Owns the worker process and its two queues."""

    def __init__(self, database_url: str, *, batch_size: int = 50, batch_seconds: float = 0.5,
                 queue_size: int = 200):
        ctx = mp.get_context("spawn")  # never fork a process that runs Twisted and threads
        self.inbox = ctx.Queue(maxsize=queue_size)
        self.outbox = ctx.Queue()
        self.process = ctx.Process(target=_serve, name="acescout-store", daemon=True,
                                   args=(database_url, self.inbox, self.outbox, batch_size,
                                         batch_seconds))
        self.process.start()
        self.outstanding: dict[str, int] = {}  # url -> submissions not yet answered
        self.done = False

    def submit(self, item: dict) -> None:
        while True:
            try:
                self.inbox.put(item, timeout=1.0)
                break
            except queue.Full:
                if not self.process.is_alive():
                    raise RuntimeError("the store worker stopped") from None
        self.outstanding[item["url"]] = self.outstanding.get(item["url"], 0) + 1

    def _take(self, rows) -> list[StoreResult]:
        out = []
        for row in rows:
            result = StoreResult(**row)
            left = self.outstanding.get(result.url, 0) - 1
            if left > 0:
                self.outstanding[result.url] = left
            else:
                self.outstanding.pop(result.url, None)
            out.append(result)
        return out

    def drain(self) -> list[StoreResult]:
        """Results that have arrived, without waiting."""
        out: list[StoreResult] = []
        while not self.done:
            try:
                rows = self.outbox.get_nowait()
            except queue.Empty:
                break
            if rows is STOP:
                self.done = True
                break
            out += self._take(rows)
        return out

    def close(self, timeout: float = 300.0) -> list[StoreResult]:
        """Stop after the queued pages are stored; what never came back is reported failed."""
        out = self.drain()
        if not self.done and self.process.is_alive():
            try:
                self.inbox.put(STOP, timeout=timeout)
            except queue.Full:
                pass
            deadline = time.monotonic() + timeout
            while not self.done and time.monotonic() < deadline:
                try:
                    rows = self.outbox.get(timeout=1.0)
                except queue.Empty:
                    if not self.process.is_alive():
                        break
                    continue
                if rows is STOP:
                    self.done = True
                else:
                    out += self._take(rows)
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
        for url, n in list(self.outstanding.items()):
            out += [StoreResult(url, "", "failed", "the store worker stopped before storing it")] * n
        self.outstanding.clear()
        return out
