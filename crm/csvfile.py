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
    """UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252 as Excel writes it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: broken UTF-16 text") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, not CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 or Windows-1252 text; save it as UTF-8") from None


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
