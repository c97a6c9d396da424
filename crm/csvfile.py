"""Read a user's CSV export strictly: clear errors, BOM and legacy encodings tolerated."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from acescout_core.errors import InputError

MAX_BYTES = 200_000_000


@dataclass
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, key: str) -> str | None:
        value = (self.values.get(key) or "").strip()
        return value or None


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, not CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError(f"{path}: unknown text encoding (save it as UTF-8)")
    if best.encoding.replace("_", "-") not in {"cp1252", "latin-1", "iso8859-1", "windows-1252",
                                               "iso8859-15", "mac-roman", "utf-16", "utf-16-le",
                                               "utf-16-be"}:
        raise InputError(f"{path}: not UTF-8 (detected {best.encoding}); save it as UTF-8")
    return str(best)


def read_csv(
    path: str | Path,
    *,
    required: list[str],
    column_map: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """Rows as dicts keyed by canonical column names.

    ``column_map`` maps a header as exported (e.g. Salesforce's "Account Name") to the
    canonical name ("name"); headers are matched case-insensitively.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: file not found")
    if p.stat().st_size > MAX_BYTES:
        raise InputError(f"{p}: larger than {MAX_BYTES // 1_000_000} MB")
    text = _decode(p, p.read_bytes())
    if not text.strip():
        raise InputError(f"{p}: empty file")
    mapping = {k.strip().lower(): v for k, v in (column_map or {}).items()}
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader)
    except csv.Error as exc:
        raise InputError(f"{p}: malformed CSV: {exc}") from None
    canon = [mapping.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in required if c not in canon]
    if missing:
        raise InputError(f"{p}: missing required column(s): {', '.join(missing)}")
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(canon):
                raise InputError(
                    f"{p}:{reader.line_num}: {len(values)} fields, header has {len(canon)}"
                )
            yield CsvRow(reader.line_num, dict(zip(canon, values)))
    except csv.Error as exc:
        raise InputError(f"{p}:{reader.line_num}: malformed CSV: {exc}") from None
