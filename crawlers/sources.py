"""The default source list (data/sources.toml), loaded into the same typed model as the config."""
from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from acescout_core.errors import InputError
from acescout_core.settings import SourceSettings

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources.toml"


def load_sources(path: str | Path = DEFAULT_SOURCES) -> list[SourceSettings]:
    """``[[sources]]`` entries of a TOML file; a bad file is the user's input error."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return [SourceSettings(**entry) for entry in raw.get("sources", [])]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read sources: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{path}: invalid source {'.'.join(map(str, first['loc']))}: "
                         f"{first['msg']}") from None
