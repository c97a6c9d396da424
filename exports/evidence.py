"""Everything an export says about a candidate, loaded once: account, signals, contacts, activity."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from models.tables import Account, Activity, Candidate, Contact, Document, Score, Signal


@dataclass
class EvidenceSignal:
    signal: Signal
    url: str | None
    title: str | None


@dataclass
class CandidateEvidence:
    candidate: Candidate
    account: Account
    signals: list[EvidenceSignal] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    score: Score | None = None

    @property
    def aws_services(self) -> list[str]:
        seen: list[str] = []
        for ev in self.signals:
            for s in ev.signal.aws_services:
                if s not in seen:
                    seen.append(s)
        return seen

    def activity_dicts(self) -> list[dict]:
        return [{"kind": a.kind, "direction": a.direction, "subject": a.subject,
                 "occurred_at": a.occurred_at.isoformat()} for a in self.activities]

    def engaged_contact(self) -> Contact | None:
        """The contact with the most recent two-way activity (meeting, call, inbound reply)."""
        by_id = {c.id: c for c in self.contacts}
        two_way = [a for a in self.activities if a.contact_id in by_id
                   and (a.kind in ("meeting", "call") or a.direction == "inbound")]
        if two_way:
            latest = max(two_way, key=lambda a: (a.occurred_at, a.id or 0))
            return by_id[latest.contact_id]
        return None


def load_evidence(session: Session, candidate: Candidate, as_of: date | None = None
                  ) -> CandidateEvidence:
    """The candidate's evidence signals (or the account's latest, when none were recorded)."""
    account = session.get(Account, candidate.account_id)
    query = select(Signal, Document).join(Document, Document.id == Signal.document_id)
    if candidate.evidence_signal_ids:
        query = query.where(Signal.id.in_(candidate.evidence_signal_ids))
    else:
        query = query.where(Signal.account_id == account.id, Signal.negated == False)  # noqa: E712
    rows = session.exec(query.order_by(Signal.observed_at.desc(), Signal.id)).all()
    signals = [EvidenceSignal(s, d.canonical_url or d.url, d.title) for s, d in rows]
    if not candidate.evidence_signal_ids:
        signals = signals[:5]
    contacts = session.exec(select(Contact).where(Contact.account_id == account.id)
                            .order_by(Contact.id)).all()
    act_q = select(Activity).where(Activity.account_id == account.id)
    if as_of is not None:
        act_q = act_q.where(Activity.occurred_at <= as_of)
    activities = session.exec(act_q.order_by(Activity.occurred_at, Activity.id)).all()
    score_q = select(Score).where(Score.account_id == account.id)
    if as_of is not None:
        score_q = score_q.where(Score.as_of <= as_of)
    score = session.exec(score_q.order_by(Score.as_of.desc())).first()
    return CandidateEvidence(candidate, account, signals, list(contacts), list(activities), score)
