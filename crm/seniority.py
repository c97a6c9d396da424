"""Seniority of a job title on a 0..5 scale (5 = C-level), shared by CRM and public people."""
from __future__ import annotations

import re

_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (5, re.compile(r"\b(chief|c[eitfo]o|ciso|cdo|cpo|founder|president|owner)\b", re.I)),
    (4, re.compile(r"\b(evp|svp|vp|vice president|head of|general manager|partner)\b", re.I)),
    (3, re.compile(r"\b(director|principal)\b", re.I)),
    (2, re.compile(r"\b(manager|lead|architect|senior)\b", re.I)),
    (1, re.compile(r"\w", re.I)),
]


def seniority_of(title: str | None) -> int:
    """'VP of Infrastructure' -> 4; None -> 0."""
    if not title:
        return 0
    for level, pattern in _LEVELS:
        if pattern.search(title):
            return level
    return 0
