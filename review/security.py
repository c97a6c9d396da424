"""Who may use the review page and how forms are protected: token auth, CSRF, headers, Host.

Rules: with no token the app serves loopback only (and only to loopback Host headers, which
defeats DNS rebinding); with ``ACESCOUT_TOKEN`` every page needs a bearer header or the session
cookie set by the login form. State-changing forms carry a signed double-submit CSRF token.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

from fastapi import Form, HTTPException, Request

SESSION_COOKIE = "acescout_session"
CSRF_COOKIE = "acescout_csrf"
CSRF_FIELD = "csrf_token"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
PUBLIC_PATHS = ("/login", "/static/", "/healthz")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses; 0.0.0.0 and names are not."""
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_header_name(value: str) -> str:
    """The host part of a Host header (``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:80`` -> ``::1``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


@dataclass
class Guard:
    """Per-app secrets: the user's token (or None) and a random key signing CSRF tokens."""

    token: str | None = None
    csrf_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def auth_required(self) -> bool:
        return bool(self.token)

    def session_value(self) -> str:
        """Cookie value derived from the token: rotating the token logs everyone out."""
        assert self.token
        return hmac.new(self.token.encode(), b"acescout-review-session-v1", hashlib.sha256).hexdigest()

    def token_matches(self, candidate: str | None) -> bool:
        if not self.token or candidate is None:
            return False
        return hmac.compare_digest(candidate.encode(), self.token.encode())

    def session_matches(self, cookie: str | None) -> bool:
        if not self.token or not cookie:
            return False
        return hmac.compare_digest(cookie.encode(), self.session_value().encode())

    def authenticate(self, request: Request) -> str:
        """'open', 'bearer' or 'cookie' when allowed; 'bad-token' or 'none' otherwise."""
        if not self.auth_required:
            return "open"
        header = request.headers.get("authorization")
        if header:
            scheme, _, value = header.partition(" ")
            if scheme.lower() == "bearer" and self.token_matches(value.strip()):
                return "bearer"
            return "bad-token"
        if self.session_matches(request.cookies.get(SESSION_COOKIE)):
            return "cookie"
        return "none"

    def sign_csrf(self, cookie_value: str) -> str:
        return hmac.new(self.csrf_key, cookie_value.encode(), hashlib.sha256).hexdigest()

    def csrf_valid(self, cookie_value: str | None, form_value: str | None) -> bool:
        if not cookie_value or not form_value:
            return False
        return hmac.compare_digest(self.sign_csrf(cookie_value).encode(), form_value.encode())


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(request: Request) -> str:
    """The hidden-field value for forms on this page (templates call this)."""
    guard: Guard = request.app.state.guard
    return guard.sign_csrf(request.state.csrf_cookie)


async def verify_csrf(request: Request, csrf_token: str = Form("")) -> None:
    """Dependency for every POST: the form's token must be the signature of the CSRF cookie.

    Requests authenticated by a bearer header are exempt: browsers never attach that header
    on their own, so a cross-site form cannot forge one.
    """
    if getattr(request.state, "auth", None) == "bearer":
        return
    guard: Guard = request.app.state.guard
    if not guard.csrf_valid(request.cookies.get(CSRF_COOKIE), csrf_token):
        raise HTTPException(status_code=403, detail="CSRF token missing or invalid; reload the page")


def safe_next(value: str | None, default: str = "/") -> str:
    """Only same-site relative paths may be redirect targets (no //evil.example, no schemes)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value
