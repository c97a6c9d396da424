"""Terminal tables for `candidates` and `runs`."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from sqlmodel import Session, select

from acescout_core.settings import Settings
from models import Run, get_engine


def candidates_table(rows: list[dict]) -> Table:
    table = Table(title=f"{len(rows)} candidates", show_lines=False)
    for col in ("list", "account", "domain", "score", "status", "top reason"):
        table.add_column(col, overflow="fold")
    for row in rows:
        reason = row["reasons"][0] if row.get("reasons") else ""
        table.add_row(*(Text(str(v)) for v in (  # Text: names like "[beta]" are not markup
            row["list"], row["account"], row.get("domain") or "", f"{row['score']:.2f}",
            row.get("status") or "", reason)))
    return table


def recent_runs(settings: Settings, limit: int = 20) -> list[dict]:
    with Session(get_engine(settings.database_url)) as session:
        runs = session.exec(select(Run).order_by(Run.id.desc()).limit(limit)).all()
        return [
            {"id": r.id, "flow": r.flow, "as_of": r.as_of, "started_at": r.started_at,
             "finished_at": r.finished_at, "status": r.status, "stages": r.stages,
             "error": r.error}
            for r in runs
        ]


def _stage_summary(stage: dict) -> str:
    counts = stage.get("counts") or {}
    flat = {k: v for k, v in counts.items() if isinstance(v, (int, float)) and v}
    text = " ".join(f"{k}={v}" for k, v in list(flat.items())[:4])
    return f"{stage['stage']}: {stage.get('status')} {stage.get('seconds', 0):.1f}s {text}".strip()


def runs_table(rows: list[dict]) -> Table:
    table = Table(title="runs")
    for col in ("id", "as_of", "started", "duration", "status", "stages"):
        table.add_column(col, overflow="fold")
    for r in rows:
        stages = "\n".join(_stage_summary(s) for s in r["stages"])
        took = ""
        if r.get("finished_at") and r.get("started_at"):
            took = f"{(r['finished_at'] - r['started_at']).total_seconds():.1f}s"
        table.add_row(*(Text(v) for v in (
            str(r["id"]), str(r["as_of"]), str(r["started_at"])[:19], took, r["status"],
            stages + (f"\n{r['error']}" if r.get("error") else ""))))
    return table
