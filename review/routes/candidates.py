"""The candidate queue: submission and outreach tabs with sorting and filters."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from models import Account, Candidate
from review.deps import get_session
from review.queries import Filters, candidate_rows, filter_choices, list_counts

router = APIRouter()


def _number(value: str | None, kind: type):
    """Empty or malformed filter inputs mean "no filter", not an error page."""
    try:
        return kind(value) if value not in (None, "") else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def candidate_list(request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    q = request.query_params
    flt = Filters(
        list_name=q.get("list", "submission"), status=q.get("status", "proposed"),
        min_score=_number(q.get("min_score"), float), industry=q.get("industry") or None,
        kind=q.get("kind") or None, max_age_days=_number(q.get("max_age"), int),
        sort=q.get("sort", "score"), descending=q.get("order", "desc") != "asc",
    ).normalised()
    decided = None
    decided_id = _number(q.get("decided"), int)
    if decided_id:
        cand = session.get(Candidate, decided_id)
        if cand is not None:
            decided = {"candidate": cand, "account": session.get(Account, cand.account_id)}
    templates = request.app.state.templates
    settings = request.app.state.settings
    return templates.TemplateResponse(request, "candidates.html", {
        "rows": candidate_rows(session, settings, flt), "flt": flt,
        "counts": list_counts(session), "choices": filter_choices(session),
        "threshold": settings.gate.submission_threshold, "decided": decided,
        "query": dict(q),
    })
