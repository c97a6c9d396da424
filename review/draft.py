"""Edit the ACE draft (a nested JSON dict shaped by exports/) through a flat HTML form.

The form numbers the draft's leaves (``f0``, ``f1``, ...) and carries a fingerprint of the
draft it was rendered from, so a draft rewritten by a nightly run in between is never
overwritten with misaligned values. Keys are never added or removed here, and each leaf keeps
its JSON type.
"""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass

LONG_TEXT = 80


@dataclass
class DraftField:
    name: str  # form field name
    path: tuple  # keys and list indexes into the draft
    label: str
    value: object
    widget: str  # text | textarea | number | bool | lines

    @property
    def text(self) -> str:
        if self.widget == "lines":
            return "\n".join("" if v is None else str(v) for v in self.value)
        return "" if self.value is None else str(self.value)


def fingerprint(draft: dict) -> str:
    return hashlib.sha256(json.dumps(draft, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _leaves(value, path: tuple = ()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, inner in enumerate(value):
            yield from _leaves(inner, (*path, i))
    else:
        yield path, value


def _widget(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "lines"
    if isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value):
        return "textarea"
    return "text"


def draft_fields(draft: dict) -> list[DraftField]:
    return [DraftField(f"f{i}", path, " › ".join(str(p) for p in path), value, _widget(value))
            for i, (path, value) in enumerate(_leaves(draft or {}))]


class DraftError(ValueError):
    """A form value that does not fit its field (the message names the field)."""


def _parse(field: DraftField, raw: str | None):
    raw = "" if raw is None else raw
    if field.widget == "bool":
        return raw in ("on", "true", "1")
    if field.widget == "number":
        text = raw.strip()
        if not text:
            raise DraftError(f"{field.label}: a number is required")
        try:
            return int(text) if isinstance(field.value, int) and text.lstrip("-").isdigit() else float(text)
        except ValueError:
            raise DraftError(f"{field.label}: {text!r} is not a number") from None
    if field.widget == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    text = raw.replace("\r\n", "\n").strip()
    return None if field.value is None and not text else text


def apply_form(draft: dict, form: dict, expected_fingerprint: str) -> dict:
    """A new draft with the form's values; raises DraftError on stale or malformed input."""
    if fingerprint(draft) != expected_fingerprint:
        raise DraftError("the draft changed since this page was loaded; reload and edit again")
    updated = copy.deepcopy(draft)
    for field in draft_fields(draft):
        if field.widget != "bool" and field.name not in form:
            continue
        target = updated
        for key in field.path[:-1]:
            target = target[key]
        target[field.path[-1]] = _parse(field, form.get(field.name))
    return updated
