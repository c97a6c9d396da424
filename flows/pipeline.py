"""The nightly pipeline as plain functions: crawl -> extract -> refresh evidence -> score ->
promote -> export. The CLI and the Prefect flow (flows/nightly.py) both call these."""
from __future__ import annotations

import os
import signal
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import select

from acescout_core.settings import Settings
from flows.lock import run_lock
from models import Run, get_engine, init_db, session_scope
from models.tables import utcnow

Progress = Callable[[str, str], None]  # (stage, message)
STAGES = ("crawl", "extract", "evidence", "score", "promote", "export")


def resolve_as_of(settings: Settings, as_of: date | str | None = None) -> date:
    """--as-of, else the config's as_of (the demo pins one), else today."""
    value = as_of or settings.as_of
    if value is None:
        return date.today()
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def stage_crawl(settings: Settings, on_progress: Callable | None = None) -> dict:
    if not any(s.enabled for s in settings.sources):
        return {"sources": 0}
    from crawlers.runner import crawl

    return crawl(settings, on_progress=on_progress).as_dict()


def stage_extract(settings: Settings, on_progress: Callable | None = None) -> dict:
    from extract.store import extract_pending

    return extract_pending(settings, on_progress=on_progress).as_dict()


def stage_evidence(settings: Settings) -> dict:
    """Re-import the CRM and ACE exports named in [imports], when configured."""
    from crm.importer import import_ace, import_crm

    imp = settings.imports
    counts: dict[str, Any] = {}
    if imp.accounts:
        counts.update(import_crm(
            settings, settings.resolve_path(imp.accounts),
            settings.resolve_path(imp.contacts) if imp.contacts else None,
            settings.resolve_path(imp.activities) if imp.activities else None,
        ).as_dict())
    if imp.ace:
        counts["opportunities"] = import_ace(settings, settings.resolve_path(imp.ace)).opportunities
    return counts


def stage_score(settings: Settings, as_of: date) -> dict:
    from scoring.run import score_all

    return score_all(settings, as_of).as_dict()


def stage_promote(settings: Settings, as_of: date) -> dict:
    from scoring.gate import promote

    return promote(settings, as_of).as_dict()


def stage_export(settings: Settings, as_of: date) -> dict:
    from exports.run import export

    out = settings.resolve_path(settings.export.out_dir)
    counts: dict[str, Any] = {}
    for kind in settings.export.nightly:
        result = export(settings, kind, out / kind, as_of=as_of)
        counts[kind] = result.as_dict()
    return counts


def _crash_point(stage: str) -> None:
    """Crash-safety tests only: SIGKILL ourselves after ``stage`` did its work, before the Run
    record says so (``ACESCOUT_TEST_CRASH_AT=<stage>``)."""
    if os.environ.get("ACESCOUT_TEST_CRASH_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def mark_interrupted(settings: Settings) -> list[int]:
    """Runs still 'running' while we hold the run lock were killed: record them as failed."""
    with session_scope(get_engine(settings.database_url)) as session:
        stale = session.exec(select(Run).where(Run.status == "running")).all()
        for run in stale:
            run.status = "failed"
            run.finished_at = run.finished_at or utcnow()
            run.error = run.error or "interrupted: the process stopped before the run finished"
            session.add(run)
        return [run.id for run in stale]


def _record(settings: Settings, run_id: int, **values: Any) -> None:
    with session_scope(get_engine(settings.database_url)) as session:
        run = session.get(Run, run_id)
        for key, value in values.items():
            setattr(run, key, value)
        session.add(run)


def run_nightly(
    settings: Settings,
    as_of: date | str | None = None,
    *,
    crawl: bool = True,
    on_progress: Progress | None = None,
    runner: Callable[[str, Callable[[], dict]], dict] | None = None,
) -> dict:
    """Run every stage under the run lock and record the Run; re-running finishes the job.

    ``runner(stage, fn)`` lets the Prefect flow wrap each stage in a task.
    """
    day = resolve_as_of(settings, as_of)
    engine = get_engine(settings.database_url)
    init_db(engine)
    call = runner or (lambda _name, fn: fn())
    with run_lock(settings):
        mark_interrupted(settings)
        with session_scope(engine) as session:
            run = Run(flow="nightly", as_of=day)
            session.add(run)
            session.flush()
            run_id = run.id
        plan: list[tuple[str, Callable[[], dict]]] = [
            ("crawl", lambda: stage_crawl(settings) if crawl else {"skipped": 1}),
            ("extract", lambda: stage_extract(settings)),
            ("evidence", lambda: stage_evidence(settings)),
            ("score", lambda: stage_score(settings, day)),
            ("promote", lambda: stage_promote(settings, day)),
            ("export", lambda: stage_export(settings, day)),
        ]
        stages: list[dict] = []
        summary: dict[str, Any] = {"run_id": run_id, "as_of": day.isoformat()}
        for name, fn in plan:
            if on_progress:
                on_progress(name, "start")
            started = time.perf_counter()
            try:
                counts = call(name, fn)
            except Exception as exc:
                stages.append({"stage": name, "seconds": round(time.perf_counter() - started, 3),
                               "status": "failed", "error": f"{type(exc).__name__}: {exc}"})
                _record(settings, run_id, stages=stages, status="failed", finished_at=utcnow(),
                        error="".join(traceback.format_exception_only(exc)).strip())
                raise
            _crash_point(name)
            stages.append({"stage": name, "seconds": round(time.perf_counter() - started, 3),
                           "status": "ok", "counts": counts})
            summary[name] = counts
            _record(settings, run_id, stages=stages)
            if on_progress:
                on_progress(name, "done")
        _record(settings, run_id, stages=stages, status="success", finished_at=utcnow(),
                counts={s["stage"]: s.get("counts", {}) for s in stages})
    return summary


def export_dir(settings: Settings) -> Path:
    return settings.resolve_path(settings.export.out_dir)
