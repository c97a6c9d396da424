"""Login form for token-protected servers: the token becomes an HttpOnly SameSite=Strict cookie."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.security import SESSION_COOKIE, Guard, safe_next, verify_csrf

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, "login.html", {"error": None, "next": safe_next(next)})


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(request: Request, token: str = Form(""), next: str = Form("/")) -> Response:
    guard: Guard = request.app.state.guard
    if not guard.auth_required:
        return RedirectResponse(safe_next(next), status_code=303)
    if not guard.token_matches(token):
        return request.app.state.templates.TemplateResponse(
            request, "login.html", {"error": "Invalid token.", "next": safe_next(next)},
            status_code=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, guard.session_value(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
