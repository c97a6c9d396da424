"""Regenerate the initial revision from the current models — only while 0001 is the only one.

Run: ``make migration`` (or ``python -m migrations.regenerate``). Since 0002 exists, schema
changes are new revisions (``alembic revision --autogenerate -m "..."``, then review the file);
this script refuses to delete them.
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
    later = [p.name for p in versions.glob("*.py") if not p.name.startswith(INITIAL)]
    if later:
        raise SystemExit(f"refusing to regenerate: later revisions exist ({', '.join(later)}); "
                         "add a revision with `alembic revision --autogenerate` instead")
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
