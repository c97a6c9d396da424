"""``crawl(settings)``: run the configured sources in a child process and return counts.

A child process per crawl because Twisted's reactor runs once per process: the CLI, Prefect
tasks and tests can call ``crawl`` any number of times. A watchdog turns a stuck or crashed
child into ``CrawlError`` instead of a hang.
"""
from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from acescout_core.errors import InputError
from acescout_core.settings import Settings, SourceSettings
from models.crud import upsert_source
from models.db import get_engine, init_db, session_scope
from models.tables import Source, utcnow

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WATCHDOG_GRACE = 60  # seconds beyond max_run_seconds before the child is killed


class CrawlError(RuntimeError):
    """The crawl process crashed or overran; the log file has the details."""


@dataclass
class CrawlStats:
    """Counts per source name (requested, ok, not_modified, cached, new, changed, ...).

    ``seconds`` is the whole call (child start, imports, database); ``crawl_seconds`` the
    crawl itself: Scrapy's ``elapsed_time_seconds`` (spider open to close) of the longest source.
    """

    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    crawl_seconds: float = 0.0
    log_file: str | None = None

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: dict(counts) for name, counts in self.sources.items()}

    def total(self, key: str) -> int:
        return sum(counts.get(key, 0) for counts in self.sources.values())


def select_sources(settings: Settings, name: str | None = None) -> list[SourceSettings]:
    """Enabled sources, or the one named (named explicitly, it runs even if disabled)."""
    names = [s.name for s in settings.sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"duplicate source names in [[sources]]: {', '.join(duplicates)}")
    if name is not None:
        chosen = [s for s in settings.sources if s.name == name]
        if not chosen:
            known = ", ".join(names) or "none configured"
            raise InputError(f"unknown source {name!r} (known: {known})")
    else:
        chosen = [s for s in settings.sources if s.enabled]
    for source in chosen:
        check_source(source)
    return chosen


def check_source(source: SourceSettings) -> None:
    """Configuration mistakes are the user's to fix: say which source and why."""
    if source.kind == "jobs":
        if not source.start_urls() and not source.company:
            raise InputError(f"source {source.name!r}: jobs needs `company` (or `url`)")
    elif not source.start_urls():
        raise InputError(f"source {source.name!r}: {source.kind} needs `url` or `urls`")
    if source.link_pattern:
        try:
            re.compile(source.link_pattern)
        except re.error as exc:
            raise InputError(f"source {source.name!r}: bad link_pattern: {exc}") from None


def _job_source(settings: Settings, source: SourceSettings) -> dict:
    data = source.model_dump(mode="json")
    if source.kind == "file":  # config paths are relative to the config file
        data["urls"] = [u if u.startswith("file:") else str(settings.resolve_path(u))
                        for u in source.start_urls()]
        data["url"] = None
    return data


def _log_file(settings: Settings) -> Path:
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crawl.log"
    if path.exists():
        path.replace(folder / "crawl.log.1")  # keep the previous run's log
    return path


def _tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])


def crawl(settings: Settings, source: str | None = None, *,
          on_progress: Callable[[str, dict], None] | None = None,
          timeout: float | None = None) -> CrawlStats:
    """Fetch new or changed documents; ``source`` limits the run to one named source."""
    chosen = select_sources(settings, source)
    if not chosen:
        return CrawlStats()
    engine = get_engine(settings.database_url)
    init_db(engine)
    with session_scope(engine) as session:
        ids = {s.name: upsert_source(session, name=s.name, kind=s.kind, url=s.url).id
               for s in chosen}
    dump = settings.model_dump(mode="json")
    dump["database"]["url"] = settings.database_url
    job = {"settings": dump,
           "sources": [{"source": _job_source(settings, s), "source_id": ids[s.name]}
                       for s in chosen]}
    log_path = _log_file(settings)
    started = time.monotonic()
    counts, crawl_seconds = _run_child(job, log_path, on_progress,
                                       timeout or settings.crawl.max_run_seconds + WATCHDOG_GRACE)
    with session_scope(engine) as session:
        for row in session.exec(select(Source).where(Source.name.in_(list(counts)))):
            row.last_crawled_at = utcnow()
            session.add(row)
    return CrawlStats(sources=counts, seconds=round(time.monotonic() - started, 3),
                      crawl_seconds=crawl_seconds, log_file=str(log_path))


def _run_child(job: dict, log_path: Path, on_progress, timeout: float) -> tuple[dict, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "crawlers.child"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=log, env=env, cwd=PROJECT_ROOT)
    messages: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(proc.stdout, messages), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    result = error = None
    crawl_seconds = 0.0
    try:
        proc.stdin.write(json.dumps(job).encode("utf-8"))
        proc.stdin.close()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CrawlError(f"crawl did not finish within {timeout:.0f} s and was stopped "
                                 f"(log: {log_path})")
            try:
                message = messages.get(timeout=min(1.0, remaining))
            except queue.Empty:
                continue
            if message is None:
                break
            event = message.get("event")
            if event == "progress" and on_progress is not None:
                on_progress(message["source"], message["counts"])
            elif event == "done":
                result = message["counts"]
                crawl_seconds = float(message.get("seconds") or 0.0)
            elif event == "error":
                error = message.get("message")
        try:
            returncode = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise CrawlError(f"crawl process did not exit (log: {log_path})") from None
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
    if result is None or returncode != 0:
        reason = error or _tail(log_path) or "no output"
        raise CrawlError(f"crawl process failed (exit {returncode}): {reason} (log: {log_path})")
    return result, crawl_seconds


def _read_lines(stream, messages: queue.Queue) -> None:
    for raw in stream:
        try:
            message = json.loads(raw)
        except ValueError:
            continue
        if isinstance(message, dict):
            messages.put(message)
    messages.put(None)
