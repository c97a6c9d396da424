"""Jinja filters that turn stored values into what a seller reads (dates, reasons, links)."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment


def reason_text(reason) -> str:
    """A score reason as one line, whatever shape the scorer stored it in."""
    if isinstance(reason, str):
        return reason
    if not isinstance(reason, dict):
        return str(reason)
    for key in ("text", "reason", "label", "description", "detail", "feature", "name"):
        if reason.get(key):
            return str(reason[key])
    return ", ".join(f"{k}={v}" for k, v in reason.items())


def reason_weight(reason) -> float | None:
    """The reason's signed contribution to the score, when the scorer recorded one."""
    if not isinstance(reason, dict):
        return None
    for key in ("contribution", "weight", "points", "impact", "value"):
        value = reason.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def safe_url(value: str | None) -> str | None:
    """Only http(s) links leave the page; ``javascript:`` and friends become plain text."""
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def day(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def when(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return day(value)


def flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    """Nested run counts as ``(dotted.key, value)`` pairs for a compact table cell."""
    if isinstance(value, dict):
        out: list[tuple[str, object]] = []
        for key, inner in value.items():
            out.extend(flatten(inner, f"{prefix}{key}."))
        return out
    if isinstance(value, list):
        return [(prefix.rstrip("."), ", ".join(map(str, value)))]
    return [(prefix.rstrip("."), value)]


def duration(seconds) -> str:
    if seconds is None:
        return ""
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, sec = divmod(int(seconds), 60)
    return f"{minutes} min {sec:02d} s"


def query_url(path: str, query: dict, **changes) -> str:
    """The current listing URL with some parameters changed (None drops one)."""
    params = {k: v for k, v in query.items() if k != "decided"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    params = {k: v for k, v in params.items() if v not in ("", None)}
    return path + ("?" + urlencode(params) if params else "")


def register_filters(env: Environment) -> None:
    env.globals["query_url"] = query_url
    env.filters.update(reason_text=reason_text, reason_weight=reason_weight, safe_url=safe_url,
                       day=day, when=when, flatten=flatten, duration=duration)
