"""Audit an ACE pipeline export against DOMAIN.md's "Pipeline hygiene" rules.

Input: the ACE opportunities CSV of DESIGN.md (opportunity_id, customer_name, customer_website,
stage, review_status, origin, created_date, last_modified_date, target_close_date,
expected_mrr, closed_lost_reason). Output: a report dict and a plain-text table.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from acescout_core.domains import normalize_company_name, normalize_domain
from acescout_core.errors import InputError
from crm.csvfile import read_csv

REQUIRED = ["opportunity_id", "customer_name", "stage"]
CLOSED = {"launched", "closed lost"}
EARLY = {"prospect", "qualified"}
UPDATE_DAYS, EARLY_DAYS, CLOSE_GRACE_DAYS, FOLLOW_UP_BUSINESS_DAYS = 30, 60, 7, 5


def _day(value: str | None, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: not a date (YYYY-MM-DD): {value!r}") from None


def audit(path: str | Path, as_of: date) -> dict[str, Any]:
    rows = []
    for row in read_csv(path, required=REQUIRED):
        where = f"{path}:{row.line}"
        rows.append({
            "opportunity_id": row.get("opportunity_id"), "customer": row.get("customer_name"),
            "website": row.get("customer_website"), "stage": row.get("stage") or "",
            "review_status": row.get("review_status"),
            "created": _day(row.get("created_date"), where),
            "modified": _day(row.get("last_modified_date"), where),
            "close": _day(row.get("target_close_date"), where),
            "closed_lost_reason": row.get("closed_lost_reason"),
        })
    findings: list[dict[str, str]] = []
    for r in rows:
        findings.extend(_check(r, as_of))
    findings.extend(_duplicates(rows))
    flagged = {f["opportunity_id"] for f in findings}
    open_rows = [r for r in rows if r["stage"].lower() not in CLOSED]
    return {
        "path": str(path), "as_of": as_of.isoformat(), "opportunities": len(rows),
        "open": len(open_rows), "clean": sum(r["opportunity_id"] not in flagged for r in rows),
        "counts": dict(sorted(Counter(f["rule"] for f in findings).items())),
        "findings": findings,
    }


def _finding(r: dict, rule: str, message: str, severity: str = "error") -> dict[str, str]:
    return {"opportunity_id": r["opportunity_id"], "customer": r["customer"], "rule": rule,
            "severity": severity, "message": message}


def _check(r: dict, as_of: date) -> list[dict[str, str]]:
    """DOMAIN.md "Pipeline hygiene", one rule at a time."""
    out = []
    stage = r["stage"].lower()
    if stage in CLOSED:
        # Won and lost opportunities closed with a loss reason.
        if stage == "closed lost" and not r["closed_lost_reason"]:
            out.append(_finding(r, "closed_without_reason", "Closed Lost without a loss reason"))
        return out
    # Every open opportunity has a current close date.
    if r["close"] is None:
        out.append(_finding(r, "close_date_missing", "open opportunity without a target close date"))
    elif r["close"] < as_of:
        late = (as_of - r["close"]).days
        if late > CLOSE_GRACE_DAYS:
            # Won and lost opportunities closed within a week.
            out.append(_finding(r, "not_closed_within_week",
                                f"close date passed {late} days ago: close it as Launched or "
                                "Closed Lost (within a week), or move the date"))
        else:
            out.append(_finding(r, "close_date_past",
                                f"close date {r['close'].isoformat()} is in the past", "warning"))
    # Updated within the last 30 days.
    if r["modified"] is None or (as_of - r["modified"]).days > UPDATE_DAYS:
        age = "never" if r["modified"] is None else f"{(as_of - r['modified']).days} days ago"
        out.append(_finding(r, "stale_update", f"last updated {age} (rule: within {UPDATE_DAYS} days)"))
    # No opportunity at an early stage for more than 60 days.
    if stage in EARLY and r["created"] and (as_of - r["created"]).days > EARLY_DAYS:
        out.append(_finding(r, "early_stage_too_long",
                            f"{r['stage']} for {(as_of - r['created']).days} days "
                            f"(rule: at most {EARLY_DAYS})"))
    # Co-sell requests followed up within 5 business days: an "Action Required" review waits on us.
    if (r["review_status"] or "").lower() == "action required" and r["modified"]:
        waited = int(np.busday_count(r["modified"], as_of))
        if waited > FOLLOW_UP_BUSINESS_DAYS:
            out.append(_finding(r, "follow_up_overdue",
                                f"Action Required for {waited} business days "
                                f"(rule: follow up within {FOLLOW_UP_BUSINESS_DAYS})"))
    return out


def _duplicates(rows: list[dict]) -> list[dict[str, str]]:
    """No duplicates for the same customer (open opportunities, domain-normalised)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["stage"].lower() in CLOSED:
            continue
        key = normalize_domain(r["website"]) or normalize_company_name(r["customer"])
        if key:
            groups[key].append(r)
    out = []
    for key, group in groups.items():
        if len(group) > 1:
            ids = ", ".join(g["opportunity_id"] for g in group)
            out.extend(_finding(g, "duplicate_customer", f"{len(group)} open opportunities for "
                                                         f"{key}: {ids}") for g in group)
    return out


def render_text(report: dict[str, Any]) -> str:
    lines = [f"ACE pipeline hygiene — {report['path']} as of {report['as_of']}",
             f"{report['opportunities']} opportunities, {report['open']} open, "
             f"{report['clean']} clean, {len(report['findings'])} findings", ""]
    if not report["findings"]:
        return "\n".join(lines + ["No hygiene problems found."])
    widths = {"opportunity_id": 14, "customer": 24, "rule": 22, "severity": 8}
    lines.append("  ".join(k.upper().ljust(w) for k, w in widths.items()) + "  MESSAGE")
    for f in sorted(report["findings"], key=lambda f: (f["severity"] != "error", f["rule"],
                                                         f["opportunity_id"] or "")):
        cells = [str(f[k] or "")[:w].ljust(w) for k, w in widths.items()]
        lines.append("  ".join(cells) + "  " + f["message"])
    lines += ["", "Counts: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items())]
    return "\n".join(lines)
