"""Timing windows ("Q3 2027", "by March 2027", "next quarter", "FY2027", "within 90 days") as dates.

Parsed with regexes relative to the document's date: dateparser reads "Q3" as nothing useful and
fills a missing day with today's, so it is only a fallback for "by <month day>" phrases.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
WORDNUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18,
           "thirty": 30, "sixty": 60, "ninety": 90}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
       r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_BY = r"(?P<by>\bby\s+(?:the\s+)?(?:end\s+of\s+)?|\bbefore\s+(?:the\s+)?(?:end\s+of\s+)?|\buntil\s+|\bno later than\s+)?"
_NUM = r"(?P<num>\d{1,3}|" + "|".join(WORDNUM) + r")"
_UNIT = r"(?P<unit>days?|weeks?|months?|quarters?|years?)"

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("quarter", _BY + r"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s*(?:of\s+)?(?:FY\s?|fiscal\s+(?:year\s+)?)?"
                r"(?:(?P<y4>(?:19|20)\d{2})|'?(?P<y2>\d{2}))\b"),
    ("quarter_words", _BY + r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                      r"(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)?" + _YEAR),
    ("half", _BY + r"\b(?:(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+(?:of\s+)?|"
             r"H(?P<h>[12])\s*|(?P<h2>[12])H\s*)(?:FY\s?|fiscal\s+(?:year\s+)?)?" + _YEAR),
    ("fiscal", _BY + r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?:(?P<y4>(?:19|20)\d{2})|'?(?P<y2>\d{2}))\b"),
    ("day", _BY + r"\b" + _MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b"),
    ("month", _BY + r"\b(?:(?:the\s+)?end\s+of\s+)?" + _MON + r",?\s+(?:of\s+)?" + _YEAR + r"\b"),
    ("part_year", _BY + r"\b(?P<part>early|mid|late|end\s+of|the\s+end\s+of)[-\s]+" + _YEAR + r"\b"),
    ("later_this_year", r"\blater\s+this\s+year\b"),
    ("earlier_this", r"\b(?:earlier|previously)\s+(?:this|in\s+the)\s+(?P<what>quarter|month|year)\b"),
    ("relative", r"\b(?P<by>by\s+)?(?P<which>next|this|the\s+coming|the\s+next)\s+"
                 r"(?P<what>quarter|month|year|fiscal\s+year)\b"),
    ("year_end", r"\b(?P<by>by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?year|year[-\s]end)\b"),
    # "within 90 days", "over the next 3 years" (not "over 20 years of experience", "in 10 years of
    # operation": a span behind the release)
    ("within", r"\b(?:(?:within|in)\s+(?:the\s+)?(?:next\s+|coming\s+)?|over\s+the\s+(?:next|coming)\s+)"
               + _NUM + r"\s+" + _UNIT + r"\b(?!\s+(?:of|ago|old)\b)"),
    ("year", r"\b(?P<by>by\s+|in\s+|during\s+|throughout\s+)" + _YEAR + r"\b"),
]]


@dataclass(frozen=True)
class Window:
    start_char: int
    end_char: int
    start: date
    end: date
    phrase: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, q: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def _year(m: re.Match) -> int:
    y4 = m.groupdict().get("y4") or m.groupdict().get("year")
    return int(y4) if y4 else 2000 + int(m["y2"])


def _add_months(d: date, months: int) -> date:
    idx = d.month - 1 + months
    year, month = d.year + idx // 12, idx % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _span(name: str, m: re.Match, today: date) -> tuple[date, date] | None:
    g = m.groupdict()
    if name == "quarter":
        return _quarter(_year(m), int(g["q"] or g["q2"]))
    if name == "quarter_words":
        return _quarter(int(g["year"]), ORD[g["ord"].lower()])
    if name == "half":
        half = int(g["h"] or g["h2"] or ORD[(g["ord"] or "first").lower()])
        year = int(g["year"])
        return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))
    if name == "fiscal":
        year = _year(m)
        return date(year, 1, 1), date(year, 12, 31)
    if name == "day":
        try:
            d = date(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], int(g["day"]))
        except ValueError:
            return None
        return d, d
    if name == "month":
        year, month = int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")]
        return date(year, month, 1), _month_end(year, month)
    if name == "part_year":
        year, part = int(g["year"]), g["part"].lower()
        if part == "early":
            return date(year, 1, 1), date(year, 4, 30)
        if part == "mid":
            return date(year, 5, 1), date(year, 8, 31)
        return date(year, 9, 1), date(year, 12, 31)
    if name == "relative":
        which, what = g["which"].lower(), g["what"].lower()
        step = 0 if which == "this" else 1
        if what == "quarter":
            q = (today.month - 1) // 3 + 1 + step
            return _quarter(today.year + (q - 1) // 4, (q - 1) % 4 + 1)
        if what == "month":
            first = _add_months(today.replace(day=1), step)
            return first, _month_end(first.year, first.month)
        year = today.year + step
        return date(year, 1, 1), date(year, 12, 31)
    if name == "year_end":
        return date(today.year, 10, 1), date(today.year, 12, 31)
    if name == "earlier_this":  # "Earlier this year, X announced ...": the period so far, not ahead
        what = g["what"].lower()
        if what == "year":
            return date(today.year, 1, 1), today
        if what == "quarter":
            return _quarter(today.year, (today.month - 1) // 3 + 1)[0], today
        return today.replace(day=1), today
    if name == "later_this_year":
        return today, date(today.year, 12, 31)
    if name == "within":
        raw = g["num"].lower()
        n = int(raw) if raw.isdigit() else WORDNUM[raw]
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            end = today + timedelta(days=n)
        elif unit == "week":
            end = today + timedelta(weeks=n)
        else:
            end = _add_months(today, n * {"month": 1, "quarter": 3, "year": 12}[unit])
        return today, end
    if name == "year":
        year = int(g["year"])
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _fallback(text: str, today: date) -> list[Window]:
    """dateparser for 'by <words>' phrases the regexes missed; a missing day is never 'today'."""
    out = []
    for m in re.finditer(r"\bby\s+((?:[A-Z][a-z]+\.?\s?){1,2}\d{0,4})", text):
        phrase = m.group(1).strip()
        if not any(ch.isdigit() for ch in phrase):
            continue
        try:
            import dateparser

            parsed = dateparser.parse(phrase, languages=["en"], settings={
                "RELATIVE_BASE": datetime_of(today), "PREFER_DAY_OF_MONTH": "last",
                "PREFER_DATES_FROM": "future", "REQUIRE_PARTS": ["month", "year"]})
        except Exception:
            parsed = None
        if parsed:
            out.append(Window(m.start(), m.end(), today, parsed.date(), m.group(0)))
    return out


def datetime_of(d: date):
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def find_windows(text: str, today: date) -> list[Window]:
    """Every timing phrase in ``text`` as a dated window; 'by X' windows start at ``today``."""
    taken: list[tuple[int, int]] = []
    found: list[Window] = []
    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _span(name, m, today)
            if span is None:
                continue
            start, end = span
            if m.groupdict().get("by") and m["by"].split()[0].lower() in ("by", "before", "until", "no"):
                start = min(today, end)
            taken.append((m.start(), m.end()))
            found.append(Window(m.start(), m.end(), start, end, m.group(0).strip()))
    for w in _fallback(text, today):
        if not any(w.start_char < e and s < w.end_char for s, e in taken):
            found.append(w)
    return sorted(found, key=lambda w: w.start_char)
