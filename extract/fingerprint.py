"""What a stored extraction depends on, so an upgrade re-reads the documents it would read differently.

A document is skipped when its stamp is current: the hash of its text together with the extractor's
fingerprint (the rule code in ``extract/``, the newest pattern files, the model and the text limit).
New rules or a new model therefore re-extract every stored document once; nothing else does.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from acescout_core.settings import Settings
from extract.patterns import PATTERNS_DIR, newest_files

CODE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=8)
def _files_digest(files: tuple[tuple[Path, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for path, _size, _mtime in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _sources(patterns_dir: Path) -> tuple[tuple[Path, int, int], ...]:
    """The rule code and the newest pattern files, with size and mtime (the digest's cache key)."""
    paths = sorted(CODE_DIR.glob("*.py")) + list(newest_files(patterns_dir).values())
    return tuple((p, p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


def fingerprint(settings: Settings, patterns_dir: Path = PATTERNS_DIR) -> str:
    """Short digest of everything besides the text that decides an extraction's result."""
    parts = f"{_files_digest(_sources(Path(patterns_dir)))}|{settings.extract.model}|{settings.extract.max_chars}"
    return hashlib.sha256(parts.encode()).hexdigest()[:16]


def stamp(content_hash: str | None, extractor: str) -> str:
    """The value ``Document.extracted_hash`` holds once ``content_hash`` was extracted by ``extractor``."""
    return f"{content_hash}:{extractor}"
