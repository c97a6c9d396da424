"""The same code path on a real PostgreSQL: migrations, JSON columns, upserts, the advisory lock,
a whole pipeline run. Uses ACESCOUT_TEST_PG_URL, else scripts/postgres.sh; skips when neither."""
from __future__ import annotations

import os
import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import select

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent


def _server_url() -> str:
    url = os.environ.get("ACESCOUT_TEST_PG_URL")
    if not url:
        try:
            proc = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh")],
                                  capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"PostgreSQL unavailable: scripts/postgres.sh failed ({exc})")
        if proc.returncode != 0 or not proc.stdout.strip():
            pytest.skip("PostgreSQL unavailable: scripts/postgres.sh could not install/start it "
                        "(set ACESCOUT_TEST_PG_URL to use another server)")
        url = proc.stdout.strip().splitlines()[-1]
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        import psycopg  # noqa: F401
        create_engine(url).connect().close()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL unavailable at {url}: {exc}")
    return url


@pytest.fixture(scope="module")
def pg_server():
    return _server_url()


@pytest.fixture
def pg_settings(pg_server, tmp_path):
    """A fresh database per test on the server (dropped afterwards)."""
    from acescout_core.settings import Settings

    name = f"acescout_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    s = Settings(config_path=tmp_path / "acescout.toml")
    s.database.url = pg_server.rsplit("/", 1)[0] + "/" + name
    yield s
    from models import get_engine

    get_engine(s.database_url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_agree_with_models_on_postgres(pg_settings):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from migrations import current_revision, head_revision
    from models import get_engine, init_db

    engine = get_engine(pg_settings.database_url)
    init_db(engine)  # fresh database -> tables + stamp
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE "{table.name}" CASCADE'))
        conn.commit()
    from alembic import command

    from migrations import alembic_config

    with engine.begin() as conn:  # the migration script itself, on PostgreSQL
        command.upgrade(alembic_config(connection=conn), "head")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                SQLModel.metadata)
    assert diff == []


def test_json_columns_and_upserts_round_trip(pg_settings):
    from models import Account, Score, get_engine, init_db, session_scope
    from models.crud import upsert_account

    engine = get_engine(pg_settings.database_url)
    init_db(engine)
    for _ in range(2):  # the upsert is idempotent on the normalised domain
        with session_scope(engine) as session:
            acc = upsert_account(session, name="Acme Corp", domain="https://www.Acme.com/",
                                 aliases=["ACME", "Acme Inc"], crm_id="001")
    with session_scope(engine) as session:
        session.add(Score(account_id=acc.id, as_of=date(2026, 11, 16), model_version="v",
                          score=0.5, band="medium", reasons=[{"text": "ünïcode ✓", "n": 1}],
                          features={"days": 3, "nested": {"a": [1, 2]}}))
    with session_scope(engine) as session:
        (acc,) = session.exec(select(Account)).all()
        assert acc.domain == "acme.com" and set(acc.aliases) >= {"ACME", "Acme Inc"}
        (score,) = session.exec(select(Score)).all()
        assert score.reasons == [{"text": "ünïcode ✓", "n": 1}]
        assert score.features["nested"] == {"a": [1, 2]}


def test_advisory_lock_allows_one_run_at_a_time(pg_settings):
    from acescout_core.errors import RunLockedError
    from flows.lock import run_lock

    with run_lock(pg_settings):
        with pytest.raises(RunLockedError, match="database lock"):
            with run_lock(pg_settings):
                pass
    with run_lock(pg_settings):  # released
        pass


def test_advisory_lock_is_released_when_the_holder_dies(pg_settings):
    import psycopg

    from flows.lock import _PG_LOCK_KEY, run_lock

    raw = pg_settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    holder = psycopg.connect(raw)
    holder.execute("SELECT pg_advisory_lock(%s)", (_PG_LOCK_KEY,))
    from acescout_core.errors import RunLockedError

    with pytest.raises(RunLockedError):
        with run_lock(pg_settings):
            pass
    holder.close()  # the session ends (as with kill -9): the server drops its locks
    import time

    for _ in range(50):  # the backend exits asynchronously after the client disconnects
        try:
            with run_lock(pg_settings):
                break
        except RunLockedError:
            time.sleep(0.2)
    else:
        pytest.fail("the advisory lock outlived its session")


def test_pipeline_run_on_postgres(pg_settings, monkeypatch):
    from flows.pipeline import run_nightly
    from models import Run, Score, get_engine, session_scope
    from tests.fakes import install_fake_stages

    install_fake_stages(monkeypatch)
    from models import init_db

    engine = get_engine(pg_settings.database_url)
    init_db(engine)
    with session_scope(engine) as session:
        session.add(Run(status="running"))  # left by a crash
    run_nightly(pg_settings, "2026-11-16", crawl=False)
    run_nightly(pg_settings, "2026-11-16", crawl=False)
    with session_scope(engine) as session:
        runs = session.exec(select(Run).order_by(Run.id)).all()
        assert [r.status for r in runs] == ["failed", "success", "success"]
        assert runs[-1].counts["score"] == {"accounts_scored": 2}
        assert [s["stage"] for s in runs[-1].stages][-1] == "export"
        assert len(session.exec(select(Score)).all()) == 2
