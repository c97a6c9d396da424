"""Shared fixtures: a temporary SQLite database and settings pointing at it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the user's config, database or AWS credentials."""
    monkeypatch.delenv("ACESCOUT_CONFIG", raising=False)
    monkeypatch.delenv("ACESCOUT_DATABASE_URL", raising=False)
    monkeypatch.delenv("ACESCOUT_TOKEN", raising=False)
    for var in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))


@pytest.fixture
def settings(tmp_path):
    """Settings for a file database under tmp_path (tables created)."""
    from acescout_core.settings import Settings
    from models import get_engine, init_db

    s = Settings(config_path=tmp_path / "acescout.toml")
    s.database.url = f"sqlite:///{tmp_path / 'acescout.db'}"
    s.partner.name = "Northwind Cloud Partners"
    s.partner.domain = "northwindcloud.io"
    init_db(get_engine(s.database_url))
    return s


@pytest.fixture
def engine(settings):
    from models import get_engine

    return get_engine(settings.database_url)


@pytest.fixture
def session(engine):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s
