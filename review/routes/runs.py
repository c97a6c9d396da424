"""History of pipeline runs with per-stage counts, durations and failures."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session, select

from models import Run
from review.deps import get_session
from review.queries import as_aware

router = APIRouter()
LIMIT = 50


@router.get("/runs", response_class=HTMLResponse)
def runs_page(request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    runs = session.exec(select(Run).order_by(Run.id.desc()).limit(LIMIT)).all()
    rows = []
    for run in runs:
        started, finished = as_aware(run.started_at), as_aware(run.finished_at)
        rows.append({"run": run, "seconds": (finished - started).total_seconds() if finished else None,
                     "failed": [s for s in run.stages if s.get("status") == "failed"]})
    return request.app.state.templates.TemplateResponse(request, "runs.html", {"rows": rows})
