"""An account's page: evidence timeline, score reasons, editable ACE draft, PDM brief."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, select

from models import Candidate
from models.tables import utcnow
from review.deps import get_session
from review.draft import DraftError, apply_form, draft_fields, fingerprint
from review.queries import account_view
from review.security import verify_csrf
from review.routes.decisions import default_reviewer

router = APIRouter()


def render_account(request: Request, session: Session, account_id: int, *,
                   error: str | None = None, status: int = 200) -> HTMLResponse:
    view = account_view(session, account_id)
    if view is None:
        raise HTTPException(status_code=404, detail="No such account")
    cand = view["candidate"]
    draft = cand.ace_draft if cand else {}
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "account.html", {
        **view, "fields": draft_fields(draft), "draft_fp": fingerprint(draft),
        "editable": bool(cand and cand.status == "proposed"),
        "decidable": bool(cand and cand.status != "exported"),
        "reviewer": request.cookies.get("acescout_reviewer") or default_reviewer(),
        "threshold": request.app.state.settings.gate.submission_threshold, "error": error,
    }, status_code=status)


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account_page(request: Request, account_id: int,
                 session: Session = Depends(get_session)) -> HTMLResponse:
    return render_account(request, session, account_id)


@router.post("/accounts/{account_id}/draft", dependencies=[Depends(verify_csrf)])
async def save_draft(request: Request, account_id: int,
                     session: Session = Depends(get_session)) -> Response:
    """Save seller edits to the ACE draft and PDM brief; only while the candidate is proposed."""
    cand = session.exec(select(Candidate).where(Candidate.account_id == account_id)).first()
    if cand is None:
        raise HTTPException(status_code=404, detail="This account is not a candidate")
    if cand.status != "proposed":
        raise HTTPException(status_code=409, detail=f"The draft is locked: candidate is {cand.status}")
    form = await request.form()
    try:
        cand.ace_draft = apply_form(cand.ace_draft or {}, dict(form), form.get("draft_fp", ""))
    except DraftError as exc:
        return render_account(request, session, account_id, error=str(exc), status=400)
    if "pdm_brief" in form:
        cand.pdm_brief = str(form["pdm_brief"]).replace("\r\n", "\n").strip() or None
    cand.draft_edited_at = utcnow()
    session.add(cand)
    session.commit()
    return RedirectResponse(f"/accounts/{account_id}?saved=1", status_code=303)
