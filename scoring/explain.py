"""Reasons in plain words, each citing its evidence: a document URL and snippet, or a CRM activity
(kind, date, contact). Built from the evidence pointers the features keep."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlmodel import Session

from models.tables import AceOpportunity, Activity, Contact, Document, Signal
from scoring.evidence import Evidence
from scoring.features import Features
from scoring.prior import WEIGHTS

SNIPPET = 240
GROUPS = {  # reason -> features whose prior contributions rank it
    "stakeholder": ("stakeholders_30", "stakeholders_90", "stakeholders_180", "inbound_recency", "stakeholder_engaged",
                    "meetings_180", "max_seniority", "public_person_in_crm"),
    "trigger": tuple(k for k in WEIGHTS if k.startswith("trig_")) + ("window_proximity",),
    "aws": ("aws_named", "aws_services", "aws_hiring"),
    "case_study": ("aws_case_study",),
    "other_cloud": ("other_cloud", "other_cloud_chosen"),
    "completed": ("completed_only",),
    "opportunity": ("ace_open", "ace_recent"),
}


def _chunks(ids: list[int], size: int = 5000) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def fetch_details(session: Session, signal_ids: Iterable[int], activity_ids: Iterable[int],
                  opp_ids: Iterable[int]) -> dict:
    """One bulk query per evidence table for the rows the reasons cite."""
    sigs, acts, opps = {}, {}, {}
    for chunk in _chunks(sorted({int(i) for i in signal_ids})):
        for row in session.execute(
            select(Signal.id, Signal.kind, Signal.tense, Signal.evidence, Signal.cloud,
                   Signal.aws_services, Signal.programs, Signal.window_start, Signal.window_end,
                   Signal.observed_at, Document.canonical_url)
            .join(Document, Document.id == Signal.document_id).where(Signal.id.in_(chunk))):
            sigs[row[0]] = row
    for chunk in _chunks(sorted({int(i) for i in activity_ids})):
        for row in session.execute(
            select(Activity.id, Activity.kind, Activity.direction, Activity.occurred_at,
                   Activity.subject, Contact.name, Contact.title)
            .join(Contact, Contact.id == Activity.contact_id, isouter=True)
            .where(Activity.id.in_(chunk))):
            acts[row[0]] = row
    for chunk in _chunks(sorted({int(i) for i in opp_ids})):
        for row in session.execute(
            select(AceOpportunity.id, AceOpportunity.ace_id, AceOpportunity.stage,
                   AceOpportunity.review_status, AceOpportunity.created_date)
            .where(AceOpportunity.id.in_(chunk))):
            opps[row[0]] = row
    return {"signals": sigs, "activities": acts, "opportunities": opps}


def evidence_ids(features: Features, ev: Evidence, rows: Iterable[int]) -> tuple[set, set, set]:
    """The signal, activity and opportunity ids the reasons of ``rows`` will cite."""
    rows = np.fromiter(rows, np.int64)
    sig, act, opp = set(), set(), set()
    for key in ("trigger", "aws", "case_study", "other_cloud", "completed"):
        p = features.pointers[key][rows]
        sig.update(ev.sig_id[p[p >= 0]].tolist())
    for key in ("stakeholder", "last_two_way"):
        p = features.pointers[key][rows]
        act.update(ev.act_id[p[p >= 0]].tolist())
    p = features.pointers["opportunity"][rows]
    opp.update(ev.opp_id[p[p >= 0]].tolist())
    return sig, act, opp


def _signal_reason(row, label: str) -> dict:
    _id, kind, tense, text, cloud, services, programs, wstart, wend, _obs, url = row
    words = kind.replace("_", " ")
    when = ""
    if wstart or wend:
        when = f" (window {wstart or '?'} to {wend or '?'})"
    named = ", ".join([*(programs or []), *(services or [])])
    extra = f"; names {named}" if named else (f"; cloud: {cloud}" if cloud else "")
    snippet = " ".join((text or "").split())[:SNIPPET]
    head = label if label.lower().endswith(words) else f"{label}: {words}"  # no "case study: case study"
    return {"text": f"{head}, {tense.replace('_', ' ')}{when}{extra}",
            "kind": kind, "url": url, "evidence": snippet, "signal_id": _id}


def _activity_reason(row, label: str) -> dict:
    _id, kind, direction, occurred, subject, name, title = row
    who = f"{name} ({title})" if name and title else (name or "an unnamed contact")
    text = f"{label}: {kind} ({direction}) with {who} on {occurred}"
    return {"text": text, "kind": f"crm_{kind}", "url": None,
            "evidence": f"{kind} {direction} {occurred} with {who}" + (f": {subject}" if subject
                                                                        else ""),
            "activity_id": _id}


def explain(i: int, features: Features, ev: Evidence, details: dict, gate,
            contributions: np.ndarray | None = None, limit: int = 6) -> list[dict]:
    """Top reasons for row ``i``, most influential first, each with its evidence."""
    v, p = features.values, features.pointers
    from scoring.features import FEATURE_NAMES

    weight = {}
    if contributions is not None:
        idx = {k: j for j, k in enumerate(FEATURE_NAMES)}
        weight = {g: float(sum(abs(contributions[i, idx[k]]) for k in ks if k in idx))
                  for g, ks in GROUPS.items()}
    reasons: list[tuple[float, dict]] = []
    sigs, acts, opps = details["signals"], details["activities"], details["opportunities"]

    def add(group: str, reason: dict, floor: float = 0.0) -> None:
        reasons.append((max(weight.get(group, 0.0), floor), reason))

    if p["stakeholder"][i] >= 0 and int(ev.act_id[p["stakeholder"][i]]) in acts:
        n = int(v["stakeholders_gate"][i])
        add("stakeholder", _activity_reason(acts[int(ev.act_id[p["stakeholder"][i]])],
                                            f"Two-way stakeholder contact ({n} named in "
                                            f"{gate.stakeholder_window_days} days)"), 1.0)
    elif p["last_two_way"][i] >= 0 and int(ev.act_id[p["last_two_way"][i]]) in acts:
        add("stakeholder", _activity_reason(
            acts[int(ev.act_id[p["last_two_way"][i]])],
            f"Stale contact: last two-way contact is older than "
            f"{gate.stakeholder_window_days} days"), 1.0)
    else:
        add("stakeholder", {"text": "No two-way stakeholder contact on record (meeting held or "
                                    "reply received)", "kind": "crm", "url": None,
                            "evidence": ""}, 0.5)
    for group, label in (("trigger", "Timing trigger"), ("aws", "AWS angle"),
                         ("case_study", "AWS affinity: case study"),
                         ("other_cloud", "Another cloud named"),
                         ("completed", "Completed project (past won)")):
        j = p[group][i]
        if j >= 0 and int(ev.sig_id[j]) in sigs:
            if group == "aws" and p["trigger"][i] == j:
                continue  # the timing trigger already cites it
            if group == "completed" and v["completed_only"][i] == 0:
                continue
            add(group, _signal_reason(sigs[int(ev.sig_id[j])], label))
    j = p["opportunity"][i]
    if j >= 0 and int(ev.opp_id[j]) in opps:
        _id, ace_id, stage, review, created = opps[int(ev.opp_id[j])]
        add("opportunity", {"text": f"ACE opportunity {ace_id} ({stage}, {review or 'no review'})"
                                    f" created {created} for this customer",
                            "kind": "ace", "url": None, "evidence": f"{ace_id} {created}"}, 2.0)
    if v["is_partner"][i]:
        add("opportunity", {"text": "This account is the partner itself", "kind": "partner",
                            "url": None, "evidence": ""}, 9.0)
    reasons.sort(key=lambda t: -t[0])
    return [r for _, r in reasons[:limit]]


def day_text(day: int) -> str:
    return date.fromordinal(int(day)).isoformat()
