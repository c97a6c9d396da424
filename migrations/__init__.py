"""Alembic migrations for the acescout schema; ``upgrade_database`` brings any database to head."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

SCRIPT_LOCATION = Path(__file__).parent


def alembic_config(url: str | None = None, connection=None):
    """An Alembic Config that works from an installed package (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_database(engine: Engine) -> str:
    """Empty database: create the tables and stamp head. Versioned: ``alembic upgrade head``.
    Tables without a version (made by ``create_all`` before migrations existed): create the
    missing tables and stamp head. Returns what was done."""
    from alembic import command
    from sqlmodel import SQLModel

    import models.tables  # noqa: F401  (register tables)

    tables = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        cfg = alembic_config(connection=conn)
        if "alembic_version" in tables:
            command.upgrade(cfg, "head")
            return "upgraded"
        SQLModel.metadata.create_all(conn)
        command.stamp(cfg, "head")
        return "stamped" if tables else "created"
