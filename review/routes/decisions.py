"""Approve or reject a candidate; the decision is a training label and gates re-proposal."""
from __future__ import annotations

import getpass
import os

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from models import Candidate
from models.tables import utcnow
from review.deps import get_session
from review.queries import newest_evidence_at
from review.security import safe_next, verify_csrf

router = APIRouter()
REVIEWER_COOKIE = "acescout_reviewer"
MAX_REASON = 2000


def default_reviewer() -> str:
    """ACESCOUT_REVIEWER, else the OS user running `acescout serve`."""
    env = os.environ.get("ACESCOUT_REVIEWER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def decide(session: Session, candidate: Candidate, status: str, *, reviewer: str,
           reason: str | None) -> Candidate:
    """Record the decision with the newest evidence date, so only newer evidence reopens it."""
    candidate.status = status
    candidate.reviewer = reviewer
    candidate.decision_reason = reason or None
    candidate.decided_at = utcnow()
    candidate.decision_evidence_at = newest_evidence_at(session, candidate.account_id)
    session.add(candidate)
    session.commit()
    return candidate


def _decision(request: Request, session: Session, candidate_id: int, status: str,
              reason: str, reviewer: str, next_url: str) -> Response:
    cand = session.get(Candidate, candidate_id)
    if cand is None:
        raise HTTPException(status_code=404, detail="No such candidate")
    if cand.status == "exported":
        raise HTTPException(status_code=409, detail="Already exported to ACE: decide in Partner Central")
    reason = reason.strip()[:MAX_REASON]
    if status == "rejected" and not reason:
        from review.routes.accounts import render_account

        return render_account(request, session, cand.account_id, status=400,
                              error="A rejection needs a reason (it becomes a training label).")
    name = (reviewer.strip() or default_reviewer())[:120]
    decide(session, cand, status, reviewer=name, reason=reason)
    target = safe_next(next_url, f"/?list={cand.list}")
    sep = "&" if "?" in target else "?"
    response = RedirectResponse(f"{target}{sep}decided={cand.id}", status_code=303)
    response.set_cookie(REVIEWER_COOKIE, name, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.post("/candidates/{candidate_id}/approve", dependencies=[Depends(verify_csrf)])
def approve(request: Request, candidate_id: int, reason: str = Form(""), reviewer: str = Form(""),
            next: str = Form(""), session: Session = Depends(get_session)) -> Response:
    return _decision(request, session, candidate_id, "approved", reason, reviewer, next)


@router.post("/candidates/{candidate_id}/reject", dependencies=[Depends(verify_csrf)])
def reject(request: Request, candidate_id: int, reason: str = Form(""), reviewer: str = Form(""),
           next: str = Form(""), session: Session = Depends(get_session)) -> Response:
    return _decision(request, session, candidate_id, "rejected", reason, reviewer, next)
