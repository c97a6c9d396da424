"""Server-side SVG charts: no JavaScript, no external assets, every label escaped.

Only presentation attributes are used (no ``style=``), so the strict CSP needs no exception.
"""
from __future__ import annotations

import logging
import math

from markupsafe import Markup, escape

log = logging.getLogger(__name__)

INK, MUTED, ACCENT, WARN, GRID = "#1f2937", "#6b7280", "#2563eb", "#dc2626", "#e5e7eb"
FONT = 'font-family="system-ui, sans-serif"'


def _svg(width: int, height: int, body: list[str], title: str) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text, *, size: int = 12, anchor: str = "start",
          fill: str = INK, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}" {FONT}>{escape(str(text))}</text>')


def score_histogram(scores: list[float], threshold: float, *, bins: int = 20,
                    width: int = 640, height: int = 260) -> Markup:
    """Score distribution in fixed bins over [0, 1] with the submission threshold marked."""
    left, right, top, bottom = 44, 16, 40, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([1.0, *scores]) if scores else 1.0
    counts = [0] * bins
    for s in scores:
        idx = min(int(max(s, 0.0) / top_value * bins), bins - 1)
        counts[idx] += 1
    step = max(math.ceil(max(counts) / 4), 1)  # whole-number grid lines
    peak = step * 4
    body = [_text(12, 16, f"Score distribution ({len(scores)} accounts)", size=13, weight="bold")]
    for i in range(5):  # horizontal grid with counts
        y = top + plot_h - plot_h * i / 4
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, step * i, size=10, anchor="end", fill=MUTED))
    bar_w = plot_w / bins
    for i, n in enumerate(counts):
        if not n:
            continue
        h = plot_h * n / peak
        x = left + i * bar_w
        lo, hi = top_value * i / bins, top_value * (i + 1) / bins
        body.append(f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
                    f'height="{h:.1f}" fill="{ACCENT}"><title>{lo:.2f}-{hi:.2f}: {n}</title></rect>')
    for i in range(0, bins + 1, max(bins // 5, 1)):
        x = left + i * bar_w
        body.append(_text(x, top + plot_h + 16, f"{top_value * i / bins:.1f}", size=10,
                          anchor="middle", fill=MUTED))
    tx = left + plot_w * min(max(threshold / top_value, 0.0), 1.0)
    body.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{top + plot_h}" '
                f'stroke="{WARN}" stroke-width="2" stroke-dasharray="5 3"/>')
    body.append(_text(tx, top - 8, f"gate {threshold:.2f}", size=11, anchor="middle", fill=WARN))
    body.append(_text(left + plot_w / 2, height - 6, "score", size=11, anchor="middle", fill=MUTED))
    return _svg(width, height, body, "Score distribution with the gate threshold")


def funnel(stages: list[tuple[str, int]], *, width: int = 640, height: int = 230) -> Markup:
    """Horizontal bars, each as wide as its share of the first stage, with conversion rates."""
    left, top, row_h = 130, 32, (height - 44) / max(len(stages), 1)
    plot_w = width - left - 90
    first = max(stages[0][1], 1) if stages else 1
    body = [_text(12, 16, "Funnel", size=13, weight="bold")]
    prev = None
    for i, (label, n) in enumerate(stages):
        y = top + i * row_h
        w = max(plot_w * n / first, 2 if n else 0)
        x = left + (plot_w - w) / 2
        body.append(_text(left - 8, y + row_h / 2 + 4, label, anchor="end"))
        body.append(f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row_h - 6:.1f}" '
                    f'rx="3" fill="{ACCENT}" fill-opacity="{1 - i * 0.15:.2f}"/>')
        rate = f" ({n / prev:.0%})" if prev else ""
        body.append(_text(left + plot_w + 8, y + row_h / 2 + 4, f"{n}{rate}", fill=MUTED))
        prev = n or None
    return _svg(width, height, body, "Funnel: documents, signals, scored accounts, candidates")


def calibration_points(card: dict | None) -> list[tuple[float, float, int | None]]:
    """(predicted, observed, count) bins from a model card, whatever the field names."""
    if not isinstance(card, dict):
        return []
    cal = card.get("calibration") or card.get("reliability")
    if isinstance(cal, dict):
        pred = cal.get("prob_pred") or cal.get("predicted") or cal.get("mean_predicted")
        obs = cal.get("prob_true") or cal.get("observed") or cal.get("fraction_positive")
        counts = cal.get("counts") or cal.get("count") or [None] * len(pred or [])
        if pred and obs:
            return [(float(p), float(o), c) for p, o, c in zip(pred, obs, counts)]
        return []
    points = []
    for item in cal or []:
        if isinstance(item, dict):
            p = _first(item, "predicted", "mean_predicted", "prob_pred", "p", "x")
            o = _first(item, "observed_rate", "observed", "fraction_positive", "prob_true",
                       "actual", "y")
            if p is not None and o is not None:
                points.append((float(p), float(o), _first(item, "count", "n")))
        elif isinstance(item, (list, tuple)) and len(item) >= 2:
            points.append((float(item[0]), float(item[1]), item[2] if len(item) > 2 else None))
    return points


def _first(item: dict, *keys):
    for key in keys:
        if item.get(key) is not None:
            return item[key]
    return None


def calibration(points: list[tuple[float, float, int | None]], *, label: str = "",
                size: int = 300) -> Markup:
    """Reliability diagram: predicted probability against observed rate, diagonal = perfect."""
    pad, top = 40, 30
    plot = size - pad - 14
    body = [_text(12, 16, f"Calibration {label}".strip(), size=13, weight="bold")]

    def xy(p: float, o: float) -> tuple[float, float]:
        return pad + plot * min(max(p, 0), 1), top + plot - plot * min(max(o, 0), 1)

    body.append(f'<rect x="{pad}" y="{top}" width="{plot}" height="{plot}" fill="none" stroke="{GRID}"/>')
    x0, y0 = xy(0, 0)
    x1, y1 = xy(1, 1)
    body.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{MUTED}" stroke-dasharray="4 3"/>')
    coords = [xy(p, o) for p, o, _ in sorted(points)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
    for (p, o, n), (x, y) in zip(sorted(points), coords):
        tip = f"predicted {p:.2f}, observed {o:.2f}" + (f", n={n}" if n is not None else "")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACCENT}"><title>{escape(tip)}</title></circle>')
    body.append(_text(pad + plot / 2, size + 12, "predicted", size=10, anchor="middle", fill=MUTED))
    body.append(_text(pad, top - 4, "observed", size=10, fill=MUTED))
    for v in (0, 0.5, 1):
        x, y = xy(v, v)
        body.append(_text(x, top + plot + 12, v, size=9, anchor="middle", fill=MUTED))
        body.append(_text(pad - 4, y + 3, v, size=9, anchor="end", fill=MUTED))
    return _svg(size + 10, size + 18, body, "Model calibration")


def load_model_card(settings) -> dict | None:
    """The learned model's card, or None on cold start (scoring may not ship a model yet)."""
    try:
        from scoring.model import model_card
    except ImportError:
        return None
    try:
        card = model_card(settings)
    except Exception as exc:  # no model trained, unreadable store: the page still renders
        log.warning("model card unavailable: %s", exc)
        return None
    return card if isinstance(card, dict) and card else None
