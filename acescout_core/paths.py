"""Where bundled data lives, resolved from the source tree (the project installs editable)."""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
PATTERNS_DIR = DATA_DIR / "patterns"
