"""`acescout serve`: loopback by default; any other address only with ACESCOUT_TOKEN."""
from __future__ import annotations

import os

from acescout_core.errors import InputError
from acescout_core.settings import Settings
from review.security import is_loopback

MIN_TOKEN_CHARS = 16


def check_exposure(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token long enough to resist guessing."""
    if is_loopback(host):
        return
    if not token:
        raise InputError(f"refusing to serve on {host} without ACESCOUT_TOKEN "
                         "(export a long random token, or use --host 127.0.0.1)")
    if len(token) < MIN_TOKEN_CHARS:
        raise InputError(f"ACESCOUT_TOKEN is too short for {host}: use at least "
                         f"{MIN_TOKEN_CHARS} random characters")


def serve(settings: Settings, host: str, port: int) -> None:
    """Run the review app under uvicorn after the exposure check."""
    token = os.environ.get("ACESCOUT_TOKEN") or None
    check_exposure(host, token)
    import uvicorn

    from review.app import create_app

    app = create_app(settings, host=host, token=token)
    uvicorn.run(app, host=host, port=port, proxy_headers=False, server_header=False,
                log_level="info")
