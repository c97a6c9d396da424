"""The sellers' review page: a server-rendered FastAPI app over the acescout database."""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from acescout_core.errors import InputError
from acescout_core.settings import Settings
from models import get_engine
from review import security
from review.format import register_filters
from review.security import CSRF_COOKIE, Guard

HERE = Path(__file__).parent


def build_templates() -> Jinja2Templates:
    """Jinja2 with autoescape forced on for every template: crawled text is never trusted."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals["csrf_token"] = security.csrf_token
    templates.env.globals["CSRF_FIELD"] = security.CSRF_FIELD
    register_filters(templates.env)
    return templates


def create_app(settings: Settings, *, host: str | None = None, token: str | None = None) -> FastAPI:
    """Build the app; ``token`` defaults to ``ACESCOUT_TOKEN``. A non-loopback ``host`` needs one."""
    token = token if token is not None else (os.environ.get("ACESCOUT_TOKEN") or None)
    host = host or settings.review.host
    if not security.is_loopback(host) and not token:
        raise InputError(f"refusing to serve on {host} without ACESCOUT_TOKEN "
                         "(set it, or use --host 127.0.0.1)")
    app = FastAPI(title="acescout review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.engine = get_engine(settings.database_url)
    app.state.guard = Guard(token=token)
    app.state.loopback_only = not token
    app.state.templates = build_templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from review.routes import accounts, auth, candidates, charts, decisions, runs

    for module in (auth, candidates, accounts, decisions, charts, runs):
        app.include_router(module.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    app.middleware("http")(_guard_middleware)
    app.exception_handler(HTTPException)(_http_error)
    return app


async def _guard_middleware(request: Request, call_next) -> Response:
    """Host check, authentication, CSRF cookie and security headers around every request."""
    app = request.app
    guard: Guard = app.state.guard
    if app.state.loopback_only and not security.is_loopback(
            security.host_header_name(request.headers.get("host", ""))):
        response: Response = PlainTextResponse(
            "acescout review serves loopback hosts only (set ACESCOUT_TOKEN to serve others)",
            status_code=400)
        return _finish(response, request, new_cookie=None)
    cookie = request.cookies.get(CSRF_COOKIE)
    new_cookie = None if cookie else security.new_csrf_cookie()
    request.state.csrf_cookie = cookie or new_cookie
    request.state.auth = guard.authenticate(request)
    public = any(request.url.path == p or request.url.path.startswith(p) for p in security.PUBLIC_PATHS)
    if request.state.auth in ("none", "bad-token") and not public:
        response = _login_page(request, status=401,
                               error="Invalid token." if request.state.auth == "bad-token" else None)
        response.headers["WWW-Authenticate"] = 'Bearer realm="acescout"'
        return _finish(response, request, new_cookie)
    response = await call_next(request)
    return _finish(response, request, new_cookie)


def _finish(response: Response, request: Request, new_cookie: str | None) -> Response:
    for name, value in security.SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if new_cookie:
        response.set_cookie(CSRF_COOKIE, new_cookie, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
    return response


def _login_page(request: Request, *, status: int, error: str | None = None) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return templates.TemplateResponse(request, "login.html",
                                      {"error": error, "next": security.safe_next(target)},
                                      status_code=status)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    if not hasattr(request.state, "csrf_cookie"):
        request.state.csrf_cookie = request.cookies.get(CSRF_COOKIE) or ""
    return templates.TemplateResponse(request, "error.html",
                                      {"status": exc.status_code, "detail": exc.detail},
                                      status_code=exc.status_code, headers=exc.headers)
