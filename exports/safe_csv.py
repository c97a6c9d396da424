"""The one place CSV files are written: every cell is neutralised against formula injection.

A cell that a spreadsheet would evaluate (leading ``= + - @``, tab or carriage return, OWASP's
CSV-injection list) is prefixed with a single quote so Excel, LibreOffice and Sheets show it as
text. Every export goes through ``write_csv``.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """Cell text with any formula trigger defused; numbers pass through unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(header: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]], *,
               bom: bool = False) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        values = [row.get(h) for h in header] if isinstance(row, Mapping) else list(row)
        writer.writerow([neutralise(v) for v in values])
    return ("\ufeff" if bom else "") + buf.getvalue()


def write_csv(path: str | Path, header: Sequence[str],
              rows: Iterable[Mapping[str, Any] | Sequence[Any]], *, bom: bool = False) -> Path:
    """Write atomically, and not at all when the content is unchanged (idempotent re-runs)."""
    p = Path(path)
    text = render_csv(header, rows, bom=bom)
    write_text_if_changed(p, text)
    return p


def write_text_if_changed(path: Path, text: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True
