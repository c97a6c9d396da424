"""The promotion gate: submission candidates, outreach targets, cadence, seller decisions kept.

``decide`` is pure array math (shared with the benchmark); ``promote`` applies it to the database.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone

import numpy as np
from sqlalchemy import select
from sqlmodel import Session

from acescout_core.settings import Settings
from models import get_engine, init_db, session_scope
from models.tables import Candidate, Score
from scoring import prior
from scoring.evidence import day_number, load_evidence
from scoring.explain import evidence_ids, explain, fetch_details
from scoring.features import Features, build_features

RULES = ("stakeholder", "timing", "aws_angle", "no_ace_duplicate", "not_completed_only",
         "not_partner", "score")


@dataclass
class GateDecision:
    """Per-row rule results (True = rule passed) and the two lists before cadence."""

    rules: dict[str, np.ndarray]
    submission: np.ndarray
    outreach: np.ndarray

    def notes(self, i: int, values: dict, settings: Settings) -> list[str]:
        return [NOTES[r](values, i, settings) for r in RULES if not self.rules[r][i]]


NOTES = {
    "stakeholder": lambda v, i, s: (
        f"no two-way stakeholder contact (meeting held or reply received) in the last "
        f"{s.gate.stakeholder_window_days} days: an outreach target, not a PO (DOMAIN.md)"),
    "timing": lambda v, i, s: (
        f"no planned or in-progress trigger observed in the last {s.gate.trigger_max_age_days} "
        "days with a window still open"),
    "aws_angle": lambda v, i, s: (
        "the latest cloud choice named is another cloud" if v["other_cloud_chosen"][i]
        else "no AWS angle: AWS, an AWS service or programme is not named in a live trigger"),
    "no_ace_duplicate": lambda v, i, s: (
        "an ACE opportunity is open for this customer" if v["ace_open"][i] else
        f"an ACE opportunity was created for this customer within "
        f"{s.gate.duplicate_window_days} days (duplicate)"),
    "not_completed_only": lambda v, i, s: "only completed projects: a past won, not a new PO",
    "not_partner": lambda v, i, s: "the account is the partner itself",
    "score": lambda v, i, s: f"score below the submission threshold "
                             f"{s.gate.submission_threshold}",
}


def decide(features: Features, scores: np.ndarray, settings: Settings) -> GateDecision:
    """DOMAIN.md: a PO needs stakeholder contact + timing + an AWS angle, and must not be a
    duplicate, a past won, or the partner itself."""
    v = features.values
    rules = {
        "stakeholder": v["stakeholders_gate"] >= 1,
        "timing": v["live_triggers_count"] >= 1,
        "aws_angle": (v["aws_named"] > 0) & (v["other_cloud_chosen"] == 0),
        "no_ace_duplicate": (v["ace_open"] == 0) & (v["ace_recent"] == 0),
        "not_completed_only": v["completed_only"] == 0,
        "not_partner": v["is_partner"] == 0,
        "score": scores >= settings.gate.submission_threshold,
    }
    submission = np.logical_and.reduce([rules[r] for r in RULES])
    # DOMAIN.md: public triggers without stakeholder contact make an outreach target.
    outreach = (~rules["stakeholder"] & rules["timing"] & (v["other_cloud_chosen"] == 0)
                & rules["not_partner"] & (v["ace_open"] == 0)
                & (scores >= settings.gate.outreach_threshold))
    return GateDecision(rules, submission, outreach)


def apply_cadence(eligible_new: np.ndarray, scores: np.ndarray, capacity: int) -> np.ndarray:
    """Best-first admission of at most ``capacity`` new submissions (DOMAIN.md: steady cadence)."""
    idx = np.flatnonzero(eligible_new)
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    admitted = np.zeros(len(scores), dtype=bool)
    admitted[idx[:max(capacity, 0)]] = True
    return admitted


@dataclass
class GateStats:
    submission: int = 0
    outreach: int = 0
    new_submission: int = 0
    held_by_cadence: int = 0
    kept_decisions: int = 0
    rejected_kept_out: int = 0
    returned_after_rejection: int = 0
    removed: int = 0
    eligible_submission: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def iso_week_bounds(as_of: date) -> tuple[datetime, datetime]:
    monday = as_of - timedelta(days=as_of.weekday())
    start = datetime.combine(monday, datetime.min.time(), tzinfo=timezone.utc)
    return start, start + timedelta(days=7)


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _load_scores(session: Session, settings: Settings, features: Features, ev, as_of: date):
    """Scores stored by score_all for this as_of; any account missing is scored now."""
    from scoring.run import score_features

    stored = dict(session.execute(select(Score.account_id, Score.score)
                                  .where(Score.as_of == as_of)).all())
    computed = None
    scores = np.empty(len(features))
    for i, account_id in enumerate(ev.account_id.tolist()):
        if account_id in stored:
            scores[i] = stored[account_id]
        else:
            if computed is None:
                computed = score_features(settings, features)[0]
            scores[i] = computed[i]
    return scores


def promote(settings: Settings, as_of: date) -> GateStats:
    """Upsert Candidate rows for this as_of; idempotent for the same day."""
    engine = get_engine(settings.database_url)
    init_db(engine)
    stats = GateStats()
    with session_scope(engine) as session:
        ev = load_evidence(session, settings, as_of)
        features = build_features(ev, settings.gate, as_of=as_of)
        scores = _load_scores(session, settings, features, ev, as_of)
        decision = decide(features, scores, settings)
        stats.eligible_submission = int(decision.submission.sum())
        rows = {c.account_id: c for c in session.execute(select(Candidate)).scalars()}
        start, end = iso_week_bounds(as_of)
        this_week = sum(1 for c in rows.values() if c.list == "submission"
                        and start <= _as_utc(c.proposed_at) < end)
        latest = features.values["latest_evidence_day"]
        index = {int(a): i for i, a in enumerate(ev.account_id)}
        blocked = np.zeros(len(features), dtype=bool)   # decided by a seller: leave alone
        returning = np.zeros(len(features), dtype=bool)
        already = np.zeros(len(features), dtype=bool)   # a current proposed submission
        for account_id, c in rows.items():
            i = index.get(account_id)
            if i is None:
                continue
            if c.status in ("approved", "exported"):
                blocked[i] = True
            elif c.status == "rejected":
                seen = c.decision_evidence_at or c.decided_at
                if seen is not None and latest[i] > day_number(seen):
                    returning[i] = True   # new evidence since the seller's decision
                else:
                    blocked[i] = True
            elif c.list == "submission":
                already[i] = True
        new_eligible = decision.submission & ~blocked & ~already
        admitted = apply_cadence(new_eligible, scores,
                                 settings.cadence.max_submissions_per_week - this_week)
        held = new_eligible & ~admitted
        submission = (decision.submission & already & ~blocked) | admitted
        outreach = decision.outreach & ~blocked & ~submission & ~held
        stats.held_by_cadence = int(held.sum())
        stats.new_submission = int(admitted.sum())
        stats.kept_decisions = int(sum(1 for c in rows.values() if c.status != "proposed"))
        stats.rejected_kept_out = int((blocked & (decision.submission | decision.outreach)
                                       & np.array([rows.get(int(a)) is not None
                                                   and rows[int(a)].status == "rejected"
                                                   for a in ev.account_id], dtype=bool)).sum())
        touched = np.flatnonzero(submission | outreach | held)
        details = fetch_details(session, *evidence_ids(features, ev, touched))
        contrib = prior.contributions(features)
        proposed_at = datetime.combine(as_of, datetime.min.time(), tzinfo=timezone.utc)
        for i in touched.tolist():
            account_id = int(ev.account_id[i])
            c = rows.get(account_id)
            if held[i]:
                if c is not None and c.status == "proposed":
                    c.gate_notes = [f"held by cadence: qualifies as a submission candidate, but "
                                    f"{settings.cadence.max_submissions_per_week} new submissions "
                                    f"per week are already proposed"]
                    session.add(c)
                continue
            name = "submission" if submission[i] else "outreach"
            reasons = explain(i, features, ev, details, settings.gate, contrib)
            notes = decision.notes(i, features.values, settings)
            if returning[i]:
                notes.append(f"returned after a seller rejection: new evidence on "
                             f"{date.fromordinal(int(latest[i])).isoformat()}")
                stats.returned_after_rejection += 1
            signal_ids = sorted({int(ev.sig_id[p[i]]) for p in
                                 (features.pointers[k] for k in ("trigger", "aws", "case_study"))
                                 if p[i] >= 0})
            if c is None:
                c = Candidate(account_id=account_id, list=name, score=0.0, proposed_at=proposed_at)
                rows[account_id] = c
            elif c.list != name or c.status == "rejected":
                c.proposed_at = proposed_at  # a new proposal for this list
            if c.status == "rejected":
                c.status, c.reviewer, c.decided_at, c.decision_reason = "proposed", None, None, None
            c.list, c.score, c.as_of = name, round(float(scores[i]), 6), as_of
            c.reasons, c.gate_notes, c.evidence_signal_ids = reasons, notes, signal_ids
            session.add(c)
        keep = set(ev.account_id[submission | outreach | held].tolist())
        for account_id, c in rows.items():
            if c.status == "proposed" and account_id not in keep and c.id is not None:
                session.delete(c)
                stats.removed += 1
        stats.submission = int(submission.sum())
        stats.outreach = int(outreach.sum())
    return stats
