"""Server-side SVG charts and the small pure helpers behind the review pages."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from review import charts
from review.draft import DraftError, apply_form, draft_fields, fingerprint
from review.format import flatten, reason_text, reason_weight, safe_url

SVG = "{http://www.w3.org/2000/svg}"


def test_histogram_bins_scores_and_marks_the_gate():
    svg = str(charts.score_histogram([0.05, 0.07, 0.55, 0.91, 0.92, 0.93], 0.6))
    root = ET.fromstring(svg)  # well-formed XML
    bars = [r for r in root.iter(f"{SVG}rect")]
    heights = sorted(float(r.get("height")) for r in bars)
    assert len(bars) == 3 and heights == [heights[0], 2 * heights[0], 3 * heights[0]]  # 1, 2, 3
    gate = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray") == "5 3"][0]
    left, width = 44, 640 - 44 - 16
    assert abs(float(gate.get("x1")) - (left + 0.6 * width)) < 0.2
    assert "gate 0.60" in svg and "6 accounts" in svg
    assert "style=" not in svg  # the CSP allows no inline styles


def test_histogram_of_nothing_still_draws_axes():
    svg = str(charts.score_histogram([], 0.5))
    assert "0 accounts" in svg and "<rect" not in svg and "gate 0.50" in svg


def test_funnel_shows_counts_and_conversion():
    svg = str(charts.funnel([("documents", 200), ("signals", 50), ("scored accounts", 40),
                             ("candidates", 10)]))
    ET.fromstring(svg)
    assert ">200<" in svg and "50 (25%)" in svg and "10 (25%)" in svg
    assert str(charts.funnel([("documents", 0), ("signals", 0)])).count("<rect") == 2


def test_chart_labels_are_escaped():
    svg = str(charts.funnel([("<script>x</script>", 3)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_calibration_points_accept_common_card_shapes():
    assert charts.calibration_points(None) == []
    assert charts.calibration_points({"version": "x"}) == []
    sk = {"calibration": {"prob_pred": [0.2, 0.8], "prob_true": [0.1, 0.7]}}
    assert charts.calibration_points(sk) == [(0.2, 0.1, None), (0.8, 0.7, None)]
    rows = {"calibration": [{"predicted": 0.3, "observed": 0.25, "count": 12}, [0.9, 0.8]]}
    assert charts.calibration_points(rows) == [(0.3, 0.25, 12), (0.9, 0.8, None)]
    svg = str(charts.calibration(charts.calibration_points(rows), label="v1"))
    ET.fromstring(svg)
    assert svg.count("<circle") == 2 and "n=12" in svg


def test_reason_helpers_tolerate_any_shape():
    assert reason_text({"text": "two-way contact", "contribution": 0.2}) == "two-way contact"
    assert reason_text({"feature": "hiring"}) == "hiring"
    assert reason_text("plain") == "plain"
    assert reason_text({"a": 1}) == "a=1"
    assert reason_weight({"weight": -0.1}) == -0.1 and reason_weight({"weight": True}) is None
    assert reason_weight("plain") is None


def test_safe_url_allows_only_http():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None and safe_url(None) is None


def test_flatten_nested_counts():
    assert flatten({"feeds": {"new": 3, "ok": 4}, "n": 1, "names": ["a", "b"]}) == [
        ("feeds.new", 3), ("feeds.ok", 4), ("n", 1), ("names", "a, b")]


def test_draft_fields_round_trip_and_guard_types():
    draft = {"A": {"B": "x", "N": 3, "F": 1.5}, "L": ["p", "q"], "Rows": [{"Amount": "10"}], "Z": None}
    fields = {f.label: f for f in draft_fields(draft)}
    assert set(fields) == {"A › B", "A › N", "A › F", "L", "Rows › 0 › Amount", "Z"}
    form = {f.name: f.text for f in fields.values()}
    assert apply_form(draft, form, fingerprint(draft)) == draft  # unchanged form, unchanged draft
    form[fields["A › N"].name] = "4"
    form[fields["A › F"].name] = "2"
    form[fields["L"].name] = "p\r\n\r\nr"
    new = apply_form(draft, form, fingerprint(draft))
    assert new["A"]["N"] == 4 and isinstance(new["A"]["F"], float) and new["L"] == ["p", "r"]
    assert draft["L"] == ["p", "q"]  # original untouched
    form[fields["A › N"].name] = ""
    try:
        apply_form(draft, form, fingerprint(draft))
    except DraftError as exc:
        assert "A › N" in str(exc)
    else:
        raise AssertionError("empty number accepted")
    try:
        apply_form(draft, form, "stale")
    except DraftError as exc:
        assert re.search("changed since", str(exc))
    else:
        raise AssertionError("stale fingerprint accepted")
