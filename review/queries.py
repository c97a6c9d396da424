"""Read models for the pages: candidate rows, an account's evidence timeline, chart inputs."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import func
from sqlmodel import Session, select

from acescout_core.settings import Settings
from models import Account, Activity, Candidate, Contact, Document, Score, Signal

LISTS = ("submission", "outreach")
STATUSES = ("proposed", "approved", "rejected", "exported", "all")
SORTS = ("score", "evidence", "account", "industry")


def as_aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def today(settings: Settings) -> date:
    """The config's pinned as_of (the demo pins one), else the calendar date."""
    return date.fromisoformat(settings.as_of) if settings.as_of else date.today()


def band_for(score: float, threshold: float) -> str:
    """Fallback band when no Score row carries one: relative to the submission threshold."""
    if score >= threshold:
        return "high"
    return "medium" if score >= threshold / 2 else "low"


def newest_evidence_at(session: Session, account_id: int) -> datetime | None:
    """Newest signal or CRM activity date, as the gate's ``latest_evidence_day`` counts it.

    A decision remembers this so the gate re-proposes a rejected account only on newer evidence.
    """
    signal = as_aware(session.exec(select(func.max(Signal.observed_at))
                                   .where(Signal.account_id == account_id)).one())
    activity = session.exec(select(func.max(Activity.occurred_at))
                            .where(Activity.account_id == account_id)).one()
    if isinstance(activity, str):  # SQLite may hand an aggregate date back as text
        activity = date.fromisoformat(activity)
    activity_at = datetime.combine(activity, time.min, tzinfo=timezone.utc) if activity else None
    return max((v for v in (signal, activity_at) if v is not None), default=None)


@dataclass
class Filters:
    list_name: str = "submission"
    status: str = "proposed"
    min_score: float | None = None
    industry: str | None = None
    kind: str | None = None
    max_age_days: int | None = None
    sort: str = "score"
    descending: bool = True

    def normalised(self) -> "Filters":
        self.list_name = self.list_name if self.list_name in LISTS else "submission"
        self.status = self.status if self.status in STATUSES else "proposed"
        self.sort = self.sort if self.sort in SORTS else "score"
        return self


@dataclass
class CandidateRow:
    candidate: Candidate
    account: Account
    band: str
    reasons: list
    newest_evidence: datetime | None
    age_days: int | None
    kinds: list[str] = field(default_factory=list)


def _latest_scores(session: Session, account_ids: list[int]) -> dict[int, Score]:
    latest: dict[int, Score] = {}
    if not account_ids:
        return latest
    rows = session.exec(select(Score).where(Score.account_id.in_(account_ids))
                        .order_by(Score.as_of.desc(), Score.id.desc())).all()
    for score in rows:
        latest.setdefault(score.account_id, score)
    return latest


def _evidence_signals(session: Session, candidates: list[Candidate]) -> dict[int, list[Signal]]:
    """Each candidate's evidence signals (all of its account's signals when none were named)."""
    ids = {sid for c in candidates for sid in c.evidence_signal_ids}
    bare = [c.account_id for c in candidates if not c.evidence_signal_ids]
    found: dict[int, list[Signal]] = defaultdict(list)
    by_id: dict[int, Signal] = {}
    if ids:
        by_id = {s.id: s for s in session.exec(select(Signal).where(Signal.id.in_(ids))).all()}
    if bare:
        for sig in session.exec(select(Signal).where(Signal.account_id.in_(bare))).all():
            found[sig.account_id].append(sig)
    for c in candidates:
        if c.evidence_signal_ids:
            found[c.account_id] = [by_id[i] for i in c.evidence_signal_ids if i in by_id]
    return found


def candidate_rows(session: Session, settings: Settings, flt: Filters) -> list[CandidateRow]:
    query = (select(Candidate, Account).join(Account, Account.id == Candidate.account_id)
             .where(Candidate.list == flt.list_name))
    if flt.status != "all":
        query = query.where(Candidate.status == flt.status)
    if flt.min_score is not None:
        query = query.where(Candidate.score >= flt.min_score)
    if flt.industry:
        query = query.where(Account.industry == flt.industry)
    pairs = session.exec(query).all()
    cands = [c for c, _ in pairs]
    scores = _latest_scores(session, [c.account_id for c in cands])
    signals = _evidence_signals(session, cands)
    now = today(settings)
    threshold = settings.gate.submission_threshold
    rows: list[CandidateRow] = []
    for cand, account in pairs:
        sigs = signals.get(cand.account_id, [])
        kinds = sorted({s.kind for s in sigs})
        if flt.kind and flt.kind not in kinds:
            continue
        newest = max((as_aware(s.observed_at) for s in sigs), default=None)
        age = (now - newest.date()).days if newest else None
        if flt.max_age_days is not None and (age is None or age > flt.max_age_days):
            continue
        score_row = scores.get(cand.account_id)
        band = score_row.band if score_row and score_row.band else band_for(cand.score, threshold)
        reasons = cand.reasons or (score_row.reasons if score_row else [])
        rows.append(CandidateRow(cand, account, band, reasons, newest, age, kinds))
    return _sorted(rows, flt)


def _sorted(rows: list[CandidateRow], flt: Filters) -> list[CandidateRow]:
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    keys = {
        "score": lambda r: r.candidate.score,
        "evidence": lambda r: r.newest_evidence or oldest,
        "account": lambda r: r.account.name.lower(),
        "industry": lambda r: (r.account.industry or "").lower(),
    }
    return sorted(rows, key=keys[flt.sort], reverse=flt.descending)


def list_counts(session: Session) -> dict[str, dict[str, int]]:
    """{list: {status: n}} for the tab labels."""
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in LISTS}
    rows = session.exec(select(Candidate.list, Candidate.status, func.count())
                        .group_by(Candidate.list, Candidate.status)).all()
    for list_name, status, n in rows:
        counts.setdefault(list_name, defaultdict(int))[status] += n
    return counts


def filter_choices(session: Session) -> dict[str, list[str]]:
    industries = session.exec(select(Account.industry).join(Candidate, Candidate.account_id == Account.id)
                              .where(Account.industry.is_not(None)).distinct()).all()
    kinds = session.exec(select(Signal.kind).distinct()).all()
    return {"industries": sorted(i for i in industries if i), "kinds": sorted(kinds)}


@dataclass
class TimelineEntry:
    at: datetime | date | None
    kind: str  # signal | activity
    item: object
    document: Document | None = None
    contact: Contact | None = None
    is_evidence: bool = False


def account_view(session: Session, account_id: int) -> dict | None:
    account = session.get(Account, account_id)
    if account is None:
        return None
    candidate = session.exec(select(Candidate).where(Candidate.account_id == account_id)).first()
    score = _latest_scores(session, [account_id]).get(account_id)
    evidence_ids = set(candidate.evidence_signal_ids) if candidate else set()
    entries: list[TimelineEntry] = []
    for sig, doc in session.exec(select(Signal, Document).join(Document, Document.id == Signal.document_id)
                                 .where(Signal.account_id == account_id)).all():
        entries.append(TimelineEntry(as_aware(sig.observed_at), "signal", sig, document=doc,
                                     is_evidence=sig.id in evidence_ids))
    for act, contact in session.exec(select(Activity, Contact)
                                     .join(Contact, Contact.id == Activity.contact_id, isouter=True)
                                     .where(Activity.account_id == account_id)).all():
        entries.append(TimelineEntry(act.occurred_at, "activity", act, contact=contact))
    entries.sort(key=lambda e: _sort_day(e.at), reverse=True)
    contacts = session.exec(select(Contact).where(Contact.account_id == account_id)
                            .order_by(Contact.seniority.desc(), Contact.name)).all()
    return {"account": account, "candidate": candidate, "score": score, "timeline": entries,
            "contacts": contacts, "newest_evidence": newest_evidence_at(session, account_id)}


def _sort_day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value or date.min


def latest_scores(session: Session) -> list[float]:
    """Scores of the newest scoring day (candidate scores when nothing was scored yet)."""
    last = session.exec(select(func.max(Score.as_of))).one()
    if last is not None:
        return list(session.exec(select(Score.score).where(Score.as_of == last)).all())
    return list(session.exec(select(Candidate.score)).all())


def funnel_counts(session: Session) -> list[tuple[str, int]]:
    last = session.exec(select(func.max(Score.as_of))).one()
    scored = 0
    if last is not None:
        scored = session.exec(select(func.count(func.distinct(Score.account_id)))
                              .where(Score.as_of == last)).one()
    return [
        ("documents", session.exec(select(func.count()).select_from(Document)
                                   .where(Document.is_latest)).one()),
        ("signals", session.exec(select(func.count()).select_from(Signal)).one()),
        ("scored accounts", scored),
        ("candidates", session.exec(select(func.count()).select_from(Candidate)).one()),
    ]
