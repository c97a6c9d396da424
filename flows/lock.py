"""One run at a time: a file lock beside SQLite databases, an advisory lock on PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from acescout_core.errors import RunLockedError
from acescout_core.settings import Settings
from models import get_engine

_PG_LOCK_KEY = 0x61636573  # "aces"


@contextmanager
def run_lock(settings: Settings) -> Iterator[None]:
    """Hold the run lock or raise RunLockedError at once (never wait behind another run)."""
    url = settings.database_url
    if url.startswith("postgresql"):
        with get_engine(url).connect() as conn:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_LOCK_KEY}).scalar()
            if not got:
                raise RunLockedError("another acescout run holds the database lock")
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
        return
    from filelock import FileLock, Timeout

    if url.startswith("sqlite:///") and url not in ("sqlite:///:memory:",):
        lock_path = Path(url.removeprefix("sqlite:///") + ".lock")
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        lock_path = settings.data_dir / "run.lock"
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise RunLockedError(f"another acescout run is in progress (lock {lock_path})") from None
    try:
        yield
    finally:
        lock.release()
