"""Charts page and standalone SVGs: score distribution, funnel, calibration."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from review import charts
from review.deps import get_session
from review.queries import funnel_counts, latest_scores

router = APIRouter()
COLD_START = "no model yet: cold-start prior"


def chart_svgs(request: Request, session: Session) -> dict:
    settings = request.app.state.settings
    card = charts.load_model_card(settings)
    points = charts.calibration_points(card)
    version = str(card.get("version") or card.get("model_version") or "") if card else ""
    return {
        "histogram": charts.score_histogram(latest_scores(session), settings.gate.submission_threshold),
        "funnel": charts.funnel(funnel_counts(session)),
        "calibration": charts.calibration(points, label=version) if points else None,
        "card": card,
        "calibration_note": None if points else (
            "model card has no calibration data" if card else COLD_START),
    }


@router.get("/charts", response_class=HTMLResponse)
def charts_page(request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, "charts.html", {**chart_svgs(request, session),
                                 "threshold": request.app.state.settings.gate.submission_threshold})


@router.get("/charts/{name}.svg")
def chart_svg(request: Request, name: str, session: Session = Depends(get_session)) -> Response:
    svgs = chart_svgs(request, session)
    if name not in ("histogram", "funnel", "calibration") or svgs[name] is None:
        raise HTTPException(status_code=404, detail="No such chart")
    return Response(str(svgs[name]), media_type="image/svg+xml")
