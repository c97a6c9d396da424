"""Alembic: the migrations and the SQLModel tables agree; init upgrades existing databases."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import models.tables  # noqa: F401
from migrations import alembic_config, current_revision, head_revision
from models import get_engine, init_db


def test_models_and_migrations_agree(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                SQLModel.metadata)
    assert diff == [], ("models/tables.py changed without a migration; run `make migration`",
                        diff)


def test_init_db_upgrades_an_old_database_to_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")  # an "old" database: versioned, behind head
    assert "account" not in inspect(create_engine(url)).get_table_names()
    engine = get_engine(url)
    init_db(engine)
    assert current_revision(engine) == head_revision()
    assert {"account", "document", "signal", "run"} <= set(inspect(engine).get_table_names())


def test_fresh_and_legacy_databases_are_stamped(tmp_path):
    fresh = get_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    init_db(fresh)
    assert current_revision(fresh) == head_revision()
    legacy_url = f"sqlite:///{tmp_path / 'legacy.db'}"  # made by create_all before migrations
    SQLModel.metadata.create_all(create_engine(legacy_url))
    legacy = get_engine(legacy_url)
    assert current_revision(legacy) is None
    init_db(legacy)
    assert current_revision(legacy) == head_revision()


def test_acescout_init_upgrades(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app

    db = tmp_path / "acescout.db"
    cfg = alembic_config(f"sqlite:///{db}")
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    monkeypatch.setenv("ACESCOUT_DATABASE_URL", f"sqlite:///{db}")
    result = CliRunner().invoke(app, ["init", "--config", str(tmp_path / "acescout.toml")])
    assert result.exit_code == 0, result.output
    assert current_revision(create_engine(f"sqlite:///{db}")) == head_revision()
