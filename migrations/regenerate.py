"""Regenerate the single initial revision from the current models (no release has shipped).

Run: ``make migration`` (or ``python -m migrations.regenerate``). Once a release ships, add new
revisions with ``alembic revision --autogenerate -m "..."`` instead of regenerating.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from migrations import SCRIPT_LOCATION, alembic_config

INITIAL = "0001"


def regenerate(message: str = "initial schema") -> Path:
    from alembic import command

    versions = SCRIPT_LOCATION / "versions"
    versions.mkdir(exist_ok=True)
    for old in versions.glob("*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'empty.db'}"
        script = command.revision(alembic_config(url), message=message, autogenerate=True,
                                  rev_id=INITIAL)
    return Path(script.path)


if __name__ == "__main__":
    path = regenerate(*sys.argv[1:2])
    print(f"wrote {path}")
