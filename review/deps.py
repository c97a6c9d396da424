"""Request-scoped dependencies shared by the routers."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlmodel import Session


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; routes that write commit explicitly."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session
