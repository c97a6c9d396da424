"""Evidence as columnar arrays: a few bulk SQL queries in, numpy arrays out.

The feature math (scoring/features.py) only ever sees these arrays, so the database path and the
in-memory simulator path (benchmarks, tests) run the very same code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import numpy as np
from sqlalchemy import select
from sqlmodel import Session

from acescout_core.domains import normalize_company_name, normalize_domain
from acescout_core.settings import IcpSettings, PartnerSettings
from models.tables import AceOpportunity, Account, Activity, Contact, Document, Signal

KINDS = ("migration", "compliance", "case_study", "hiring", "funding", "leadership_change",
         "datacenter_exit", "renewal")
TENSES = ("planned", "in_progress", "completed")
CLOUDS = ("", "aws", "azure", "gcp", "oracle", "ibm")  # code 0 = no cloud named, 1 = AWS
ACTIVITY_KINDS = ("meeting", "call", "email", "event", "note")
NO_DAY = np.iinfo(np.int32).min  # "no date" sentinel for window starts/ends
TERMINAL_STAGES = {"launched", "closed lost"}
# DOMAIN.md, disqualification codes: Incomplete / Duplicate / Invalid mean the opportunity was not
# a qualified PO; other Closed Lost reasons (budget, lost to competitor...) say nothing about it.
DISQUALIFYING_REASONS = ("incomplete", "duplicate", "invalid", "past won", "no net-new",
                         "internal workload", "not an opportunity", "lead")


def day_number(value: date | datetime | None) -> int:
    """Proleptic ordinal of the calendar day (datetimes are already UTC in the database)."""
    if value is None:
        return int(NO_DAY)
    if isinstance(value, datetime):
        value = value.date()
    return value.toordinal()


def _codes(values, vocabulary: tuple[str, ...]) -> np.ndarray:
    index = {v: i for i, v in enumerate(vocabulary)}
    return np.fromiter((index.get((v or "").lower(), 0) for v in values), np.int8, len(values))


@dataclass
class Evidence:
    """Everything the features need, one array per column; event arrays sorted by account."""

    account_id: np.ndarray            # int64 (n)
    name: np.ndarray                  # object (n)
    domain: np.ndarray                # object (n), normalised
    icp_fit: np.ndarray               # float32 (n) in [0, 1]
    is_partner: np.ndarray            # bool (n)
    sig_account: np.ndarray           # int64 index into accounts (s)
    sig_id: np.ndarray                # int64
    sig_kind: np.ndarray              # int8 code into KINDS
    sig_tense: np.ndarray             # int8 code into TENSES
    sig_cloud: np.ndarray             # int8 code into CLOUDS
    sig_negated: np.ndarray           # bool
    sig_services: np.ndarray          # int16 number of AWS services named
    sig_programs: np.ndarray          # int16 number of AWS programs named (MAP, ...)
    sig_observed: np.ndarray          # int32 day
    sig_wstart: np.ndarray            # int32 day or NO_DAY
    sig_wend: np.ndarray              # int32 day or NO_DAY
    act_account: np.ndarray           # int64 index (a)
    act_id: np.ndarray                # int64
    act_contact: np.ndarray           # int64 contact id, -1 = no named contact
    act_kind: np.ndarray              # int8 code into ACTIVITY_KINDS
    act_inbound: np.ndarray           # bool
    act_day: np.ndarray               # int32
    act_seniority: np.ndarray         # int8 0..5
    pub_account: np.ndarray           # int64 index: CRM contacts also named in public news (p)
    pub_day: np.ndarray               # int32 day the public mention was observed
    opp_account: np.ndarray           # int64 index (o), matched by account or customer domain
    opp_id: np.ndarray                # int64
    opp_created: np.ndarray           # int32
    opp_closed: np.ndarray            # int32 day it reached a terminal state, NO_DAY if open
    opp_decided: np.ndarray           # int32 day its current review status / stage was recorded
    opp_positive: np.ndarray          # bool: Approved / Launched
    opp_negative: np.ndarray          # bool: Rejected / Closed Lost for a disqualifying reason
    extras: dict = field(default_factory=dict)

    @property
    def n_accounts(self) -> int:
        return len(self.account_id)

    def sort_events(self) -> "Evidence":
        """Sort every event table by account index (the feature joins rely on it)."""
        for prefix in ("sig_", "act_", "pub_", "opp_"):
            names = [k for k in self.__dataclass_fields__ if k.startswith(prefix)]
            key = getattr(self, prefix + "account")
            order = np.argsort(key, kind="stable")
            for name in names:
                setattr(self, name, getattr(self, name)[order])
        return self


def icp_fit(industry, country, employees, icp: IcpSettings) -> np.ndarray:
    """Share of the [icp] criteria met (industry, country, size band); an empty list matches all."""
    inds = {i.lower() for i in icp.industries}
    ctys = {c.lower() for c in icp.countries}
    ind_ok = np.fromiter(((not inds) or (v or "").lower() in inds for v in industry), bool,
                         len(industry))
    cty_ok = np.fromiter(((not ctys) or (v or "").lower() in ctys for v in country), bool,
                         len(country))
    emp = np.asarray(employees, dtype=np.float64)
    size_ok = np.isnan(emp) | ((emp >= icp.min_employees) & (emp <= icp.max_employees))
    return ((ind_ok.astype(np.float32) + cty_ok + size_ok) / 3.0).astype(np.float32)


def partner_mask(domains, names, partner: PartnerSettings) -> np.ndarray:
    """DOMAIN.md: 'submitting partner is the end customer' is an ACE error: flag the partner."""
    own_domain = normalize_domain(partner.domain)
    own_names = {normalize_company_name(n) for n in [partner.name, *partner.aliases]} - {""}
    firsts = {k.split()[0] for k in own_names}

    def maybe(name: str | None) -> bool:
        # cheap pre-filter: an ASCII name lacking every key's first word cannot normalise to it
        if not name:
            return False
        low = name.lower()
        return not low.isascii() or any(f in low for f in firsts)

    return np.fromiter(
        ((d is not None and d == own_domain)
         or (maybe(n) and normalize_company_name(n) in own_names)
         for d, n in zip(domains, names)), bool, len(domains))


def is_disqualifying(reason: str | None) -> bool:
    text = (reason or "").lower()
    return any(code in text for code in DISQUALIFYING_REASONS)


def load_evidence(session: Session, settings, as_of: date,
                  account_ids: list[int] | None = None) -> Evidence:
    """Bulk-load the accounts (all, or ``account_ids`` for one batch of a fan-out) and the
    evidence observed on or before ``as_of`` (no leakage). Every feature is per account, so a
    batch gets exactly the rows the whole world would."""
    cutoff = datetime.combine(date.fromordinal(as_of.toordinal() + 1), datetime.min.time(),
                              tzinfo=timezone.utc)

    def only(query, column):
        return query if account_ids is None else query.where(column.in_(account_ids))

    accounts = session.execute(only(select(Account.id, Account.name, Account.domain,
                                           Account.industry, Account.country, Account.employees),
                                    Account.id).order_by(Account.id)).all()
    ids = np.array([a[0] for a in accounts], dtype=np.int64)
    index = {int(a): i for i, a in enumerate(ids)}
    names = np.array([a[1] for a in accounts], dtype=object)
    domains = np.array([a[2] for a in accounts], dtype=object)
    by_domain = {d: i for i, d in enumerate(domains) if d}
    emp = np.array([np.nan if a[5] is None else a[5] for a in accounts], dtype=np.float64)

    sigs = session.execute(only(
        select(Signal.account_id, Signal.id, Signal.kind, Signal.tense, Signal.cloud,
               Signal.negated, Signal.aws_services, Signal.programs, Signal.observed_at,
               Signal.window_start, Signal.window_end)
        .where(Signal.account_id.is_not(None), Signal.observed_at < cutoff), Signal.account_id)).all()
    sigs = [s for s in sigs if s[0] in index]
    acts = session.execute(only(
        select(Activity.account_id, Activity.id, Activity.contact_id, Activity.kind,
               Activity.direction, Activity.occurred_at, Contact.seniority)
        .join(Contact, Contact.id == Activity.contact_id, isouter=True)
        .where(Activity.occurred_at <= as_of), Activity.account_id)).all()
    acts = [a for a in acts if a[0] in index]
    # A person named in public news who is also a CRM contact (crud keeps the source document).
    pubs = session.execute(
        select(Contact.account_id, Document.published_at, Document.fetched_at)
        .join(Document, Document.id == Contact.source_document_id)
        .where(Contact.origin == "crm")).all()
    pubs = [(p[0], p[1] or p[2]) for p in pubs if p[0] in index]
    pubs = [p for p in pubs if day_number(p[1]) <= as_of.toordinal()]
    opps = session.execute(
        select(AceOpportunity.account_id, AceOpportunity.customer_domain, AceOpportunity.id,
               AceOpportunity.created_date, AceOpportunity.last_modified_date,
               AceOpportunity.stage, AceOpportunity.review_status,
               AceOpportunity.closed_lost_reason)
        .where(AceOpportunity.created_date <= as_of)).all()
    opp_rows = []
    for acc, dom, oid, created, modified, stage, review, reason in opps:
        i = index.get(acc) if acc is not None else None
        if i is None:
            i = by_domain.get(normalize_domain(dom))
        if i is None:
            continue
        opp_rows.append((i, oid, created, modified, stage, review, reason))

    def col(rows, k, dtype):
        return np.array([r[k] for r in rows], dtype=dtype)

    def days(rows, k):
        return np.fromiter((day_number(r[k]) for r in rows), np.int32, len(rows))

    stage = [(r[4] or "").strip().lower() for r in opp_rows]
    review = [(r[5] or "").strip().lower() for r in opp_rows]
    terminal = np.array([s in TERMINAL_STAGES or v == "rejected" for s, v in zip(stage, review)],
                        dtype=bool)
    positive = np.array([v == "approved" or s == "launched" for s, v in zip(stage, review)],
                        dtype=bool)
    negative = np.array([v == "rejected" or (s == "closed lost" and is_disqualifying(r[6]))
                         for s, v, r in zip(stage, review, opp_rows)], dtype=bool) & ~positive
    modified_day = np.fromiter((day_number(r[3] or r[2]) for r in opp_rows), np.int32,
                               len(opp_rows))
    ev = Evidence(
        account_id=ids, name=names, domain=domains,
        icp_fit=icp_fit([a[3] for a in accounts], [a[4] for a in accounts], emp, settings.icp),
        is_partner=partner_mask(domains, names, settings.partner),
        sig_account=np.fromiter((index[s[0]] for s in sigs), np.int64, len(sigs)),
        sig_id=col(sigs, 1, np.int64),
        sig_kind=_codes([s[2] for s in sigs], KINDS),
        sig_tense=_codes([s[3] for s in sigs], TENSES),
        sig_cloud=_codes([s[4] for s in sigs], CLOUDS),
        sig_negated=col(sigs, 5, bool),
        sig_services=np.array([len(s[6] or []) for s in sigs], dtype=np.int16),
        sig_programs=np.array([len(s[7] or []) for s in sigs], dtype=np.int16),
        sig_observed=days(sigs, 8), sig_wstart=days(sigs, 9), sig_wend=days(sigs, 10),
        act_account=np.fromiter((index[a[0]] for a in acts), np.int64, len(acts)),
        act_id=col(acts, 1, np.int64),
        act_contact=np.array([-1 if a[2] is None else a[2] for a in acts], dtype=np.int64),
        act_kind=_codes([a[3] for a in acts], ACTIVITY_KINDS),
        act_inbound=np.array([(a[4] or "").lower() == "inbound" for a in acts], dtype=bool),
        act_day=days(acts, 5),
        act_seniority=np.array([a[6] or 0 for a in acts], dtype=np.int8),
        pub_account=np.fromiter((index[p[0]] for p in pubs), np.int64, len(pubs)),
        pub_day=days(pubs, 1),
        opp_account=col(opp_rows, 0, np.int64), opp_id=col(opp_rows, 1, np.int64),
        opp_created=days(opp_rows, 2),
        opp_closed=np.where(terminal, modified_day, NO_DAY).astype(np.int32),
        opp_decided=modified_day,
        opp_positive=positive, opp_negative=negative,
    )
    return ev.sort_events()
