"""`acescout init`: a commented config and an up-to-date database."""
from __future__ import annotations

from pathlib import Path

from acescout_core.paths import DATA_DIR
from acescout_core.settings import load_settings
from models import get_engine, init_db

SAMPLE_CONFIG = DATA_DIR / "acescout.sample.toml"


def init_project(config_path: Path, *, template: str | None = None) -> bool:
    """Write the config if absent (returns True when written) and create/upgrade the database."""
    created = False
    if not config_path.exists():
        config_path.parent.mkdir(parents=True, exist_ok=True)
        config_path.write_text(template or SAMPLE_CONFIG.read_text(encoding="utf-8"),
                               encoding="utf-8")
        created = True
    settings = load_settings(config_path)
    init_db(get_engine(settings.database_url))
    return created
