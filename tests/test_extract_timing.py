"""Timing phrases become dated windows relative to the document's date, never today's."""
from __future__ import annotations

from datetime import date

import pytest

from extract.timing import find_windows

DOC = date(2026, 5, 10)


@pytest.mark.parametrize("phrase,start,end", [
    ("in Q3 2027", date(2027, 7, 1), date(2027, 9, 30)),
    ("by Q3 2027", DOC, date(2027, 9, 30)),
    ("3Q27", date(2027, 7, 1), date(2027, 9, 30)),
    ("Q4 FY26", date(2026, 10, 1), date(2026, 12, 31)),
    ("the third quarter of 2027", date(2027, 7, 1), date(2027, 9, 30)),
    ("by the end of Q2 2027", DOC, date(2027, 6, 30)),
    ("by March 2027", DOC, date(2027, 3, 31)),
    ("in September 2027", date(2027, 9, 1), date(2027, 9, 30)),
    ("by June 30, 2027", DOC, date(2027, 6, 30)),
    ("next quarter", date(2026, 7, 1), date(2026, 9, 30)),
    ("this quarter", date(2026, 4, 1), date(2026, 6, 30)),
    ("next month", date(2026, 6, 1), date(2026, 6, 30)),
    ("next year", date(2027, 1, 1), date(2027, 12, 31)),
    ("FY2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("fiscal year 2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("within 90 days", DOC, date(2026, 8, 8)),
    ("within the next six months", DOC, date(2026, 11, 10)),
    ("over the next two years", DOC, date(2028, 5, 10)),
    ("first half of 2027", date(2027, 1, 1), date(2027, 6, 30)),
    ("H2 2026", date(2026, 7, 1), date(2026, 12, 31)),
    ("early 2027", date(2027, 1, 1), date(2027, 4, 30)),
    ("by the end of 2027", DOC, date(2027, 12, 31)),
    ("by year-end", DOC, date(2026, 12, 31)),
    ("later this year", DOC, date(2026, 12, 31)),
    ("earlier this year", date(2026, 1, 1), DOC),  # behind the release, not ahead of it
    ("earlier this quarter", date(2026, 4, 1), DOC),
    ("in 2028", date(2028, 1, 1), date(2028, 12, 31)),
])
def test_timing_phrase(phrase, start, end):
    windows = find_windows(f"The company will finish {phrase}.", DOC)
    assert [(w.start, w.end) for w in windows] == [(start, end)], windows


def test_offsets_point_at_the_phrase():
    text = "Acme plans to exit its data centre by March 2027."
    (w,) = find_windows(text, DOC)
    assert text[w.start_char:w.end_char] == "by March 2027"


def test_no_window_without_a_timing_phrase():
    assert find_windows("Acme opened a bakery with 3 ovens and 12 staff.", DOC) == []


@pytest.mark.parametrize("text", [
    "Jo Roe brings over 20 years of experience in insurance.",
    "Acme has served customers for over 15 years.",
    "In 10 years of operation the plant never closed.",
])
def test_a_span_behind_the_release_is_not_a_window_ahead(text):
    assert find_windows(text, DOC) == []
