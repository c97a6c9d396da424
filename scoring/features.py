"""PO-readiness features as of a date, computed on arrays (one row = one account at one day).

Rows are (account index, day) pairs: scoring uses every account at one ``as_of``; training uses
each labelled example at the day before its submission. Only evidence dated on or before a row's
day is used (no leakage). Every reduction is a numpy group operation: no per-account Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from scoring.evidence import ACTIVITY_KINDS, CLOUDS, KINDS, NO_DAY, TENSES, Evidence

RECENCY_DAYS = 180.0        # e-folding time of trigger recency decay
INBOUND_DAYS = 45.0         # e-folding time of the last inbound reply
WINDOW_DAYS = 180.0         # e-folding time of "days until the trigger window opens"
LEADERSHIP_DAYS = 180       # DOMAIN.md: a new CIO/CTO/CISO is timing in the first 90-180 days
STAKEHOLDER_WINDOWS = (30, 90, 180)
TIMING_KINDS = tuple(k for k in KINDS if k != "case_study")  # DOMAIN.md: case study = affinity

_K = {k: i for i, k in enumerate(KINDS)}
_T = {t: i for i, t in enumerate(TENSES)}
_AWS = CLOUDS.index("aws")
_MEETING = ACTIVITY_KINDS.index("meeting")

FEATURE_NAMES: tuple[str, ...] = (
    "stakeholder_engaged", "stakeholders_30", "stakeholders_90", "stakeholders_180", "inbound_recency", "meetings_180",
    "max_seniority", "public_person_in_crm",
    *(f"trig_{k}" for k in TIMING_KINDS),
    "strong_trigger", "live_triggers", "window_proximity", "completed_only", "fye_proximity",
    "aws_named", "aws_services", "aws_hiring", "aws_case_study", "other_cloud",
    "other_cloud_chosen", "icp_fit",
    "ace_approved", "ace_rejected", "ace_open", "ace_recent", "is_partner",
)


@dataclass
class Features:
    """Named float arrays (model inputs and gate inputs) plus pointers to the evidence behind them."""

    values: dict[str, np.ndarray]
    pointers: dict[str, np.ndarray]   # index into the Evidence event arrays, -1 = none
    row_account: np.ndarray
    row_day: np.ndarray

    def __len__(self) -> int:
        return len(self.row_account)

    def matrix(self) -> np.ndarray:
        """The model's input matrix, columns in FEATURE_NAMES order."""
        return np.column_stack([self.values[k] for k in FEATURE_NAMES]).astype(np.float64)

    def row(self, i: int) -> dict[str, float]:
        return {k: round(float(v[i]), 4) for k, v in self.values.items()}


def _pairs(event_account: np.ndarray, row_account: np.ndarray, n_accounts: int):
    """(row index, event index) for every event of every row's account (events sorted by account)."""
    if len(row_account) == n_accounts and np.array_equal(row_account, np.arange(n_accounts)):
        return event_account, np.arange(len(event_account))
    offsets = np.searchsorted(event_account, np.arange(n_accounts + 1))
    starts = offsets[row_account]
    counts = offsets[row_account + 1] - starts
    rows = np.repeat(np.arange(len(row_account)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    events = np.arange(int(counts.sum())) - first + np.repeat(starts, counts)
    return rows, events


def _group_max(rows, values, mask, n, fill=0.0, dtype=np.float64):
    out = np.full(n, fill, dtype=dtype)
    np.maximum.at(out, rows[mask], values[mask].astype(dtype))
    return out


def _count(rows, mask, n) -> np.ndarray:
    return np.bincount(rows[mask], minlength=n).astype(np.float64)


def _argmax(rows, events, priority, mask, n) -> np.ndarray:
    """Per row, the event with the highest priority among those masked (-1 when none)."""
    out = np.full(n, -1, dtype=np.int64)
    r, e, p = rows[mask], events[mask], priority[mask]
    if len(r) == 0:
        return out
    order = np.lexsort((p, r))
    r, e = r[order], e[order]
    last = np.r_[r[1:] != r[:-1], True]
    out[r[last]] = e[last]
    return out


def _distinct(rows, contacts, mask, n) -> np.ndarray:
    """Distinct named contacts per row among the masked events."""
    if not mask.any():
        return np.zeros(n)
    width = int(contacts.max()) + 2
    keys = np.unique(rows[mask].astype(np.int64) * width + contacts[mask])
    return np.bincount(keys // width, minlength=n).astype(np.float64)


def fye_proximity(days: np.ndarray) -> np.ndarray:
    """DOMAIN.md, calendars: AWS's fiscal year is the calendar year; 1.0 on Dec 31, 0 beyond 90 days."""
    uniq, inverse = np.unique(days, return_inverse=True)
    dec31 = np.array([date(date.fromordinal(int(d)).year, 12, 31).toordinal() for d in uniq])
    return np.clip(1.0 - (dec31 - uniq) / 90.0, 0.0, 1.0)[inverse]


def build_features(ev: Evidence, gate, row_account=None, row_day=None, as_of: date | None = None
                   ) -> Features:
    """Features for rows (account index, day); ``gate`` is GateSettings (evidence windows)."""
    n_acc = ev.n_accounts
    if row_account is None:
        row_account = np.arange(n_acc)
    n = len(row_account)
    if row_day is None:
        row_day = np.full(n, as_of.toordinal(), dtype=np.int32)
    row_day = np.asarray(row_day, dtype=np.int32)
    values: dict[str, np.ndarray] = {}
    pointers: dict[str, np.ndarray] = {}
    _signal_features(ev, gate, row_account, row_day, values, pointers)
    _stakeholder_features(ev, gate, row_account, row_day, values, pointers)
    _ace_features(ev, gate, row_account, row_day, values, pointers)
    values["fye_proximity"] = fye_proximity(row_day)
    values["icp_fit"] = ev.icp_fit[row_account].astype(np.float64)
    values["is_partner"] = ev.is_partner[row_account].astype(np.float64)
    values["latest_evidence_day"] = np.maximum(values.pop("_latest_signal"),
                                               values.pop("_latest_activity"))
    return Features(values, pointers, np.asarray(row_account), row_day)


def _signal_features(ev, gate, row_account, row_day, values, pointers) -> None:
    n = len(row_account)
    r, e = _pairs(ev.sig_account, row_account, ev.n_accounts)
    day = row_day[r].astype(np.int64)
    obs = ev.sig_observed[e].astype(np.int64)
    kind, tense, cloud = ev.sig_kind[e], ev.sig_tense[e], ev.sig_cloud[e]
    negated = ev.sig_negated[e]
    wstart, wend = ev.sig_wstart[e].astype(np.int64), ev.sig_wend[e].astype(np.int64)
    seen = obs <= day
    age = day - obs
    max_age = np.where(kind == _K["leadership_change"],
                       min(LEADERSHIP_DAYS, gate.trigger_max_age_days), gate.trigger_max_age_days)
    timing = kind != _K["case_study"]
    # DOMAIN.md: planned or in-progress is a PO trigger; completed is not (past won); a trigger
    # whose dated window has already ended is no reason to act now.
    live = (seen & timing & ~negated & (age <= max_age)
            & ((tense == _T["planned"]) | (tense == _T["in_progress"]))
            & ((wend == NO_DAY) | (wend >= day)))
    decay = np.exp(-np.maximum(age, 0) / RECENCY_DAYS)
    for k in TIMING_KINDS:
        values[f"trig_{k}"] = _group_max(r, decay, live & (kind == _K[k]), n)
    live_count = _count(r, live, n)
    # DOMAIN.md: forced decisions with a date (migration, data-centre exit, renewal) weigh most.
    strong = np.isin(kind, [_K["migration"], _K["datacenter_exit"], _K["renewal"]])
    values["strong_trigger"] = _group_max(r, np.ones(len(r)), live & strong, n)
    values["live_triggers_count"] = live_count
    values["live_triggers"] = np.log1p(live_count)
    completed = seen & timing & ~negated & (tense == _T["completed"]) & (age <= max_age)
    values["completed_count"] = _count(r, completed, n)
    values["completed_only"] = ((values["completed_count"] > 0) & (live_count == 0)).astype(float)
    dated = live & ((wstart != NO_DAY) | (wend != NO_DAY))
    to_window = np.where(wstart != NO_DAY, np.maximum(wstart - day, 0), 0)
    values["window_proximity"] = _group_max(r, np.exp(-to_window / WINDOW_DAYS), dated, n)
    values["days_to_window"] = -_group_max(r, -to_window.astype(float), dated, n, fill=-9999.0)
    # DOMAIN.md: the AWS angle is net-new AWS consumption: AWS named, AWS services or programs
    # (MAP) named, or AWS roles being hired for.
    aws_sig = (cloud == _AWS) | (ev.sig_services[e] > 0) | (ev.sig_programs[e] > 0)
    aws_live = live & aws_sig
    other_live = live & (cloud > _AWS)
    values["aws_named"] = _group_max(r, np.ones(len(r)), aws_live, n)
    values["aws_services"] = np.log1p(_group_max(r, ev.sig_services[e], live, n))
    values["aws_hiring"] = _group_max(r, decay, aws_live & (kind == _K["hiring"]), n)
    case_study = seen & ~negated & (kind == _K["case_study"]) & aws_sig
    values["aws_case_study"] = _group_max(r, np.ones(len(r)), case_study, n)
    values["other_cloud"] = _group_max(r, np.ones(len(r)), other_live, n)
    aws_latest = _group_max(r, obs, aws_live, n, fill=NO_DAY, dtype=np.int64)
    other_latest = _group_max(r, obs, other_live, n, fill=NO_DAY, dtype=np.int64)
    # The latest cloud decision named is another cloud: the workload is not net-new AWS.
    values["other_cloud_chosen"] = ((other_latest != NO_DAY) & (other_latest > aws_latest)
                                    ).astype(float)
    values["_latest_signal"] = _group_max(r, obs, seen, n, fill=NO_DAY, dtype=np.int64)
    priority = aws_live * 4.0 + np.exp(-to_window / WINDOW_DAYS) * dated + decay
    pointers["trigger"] = _argmax(r, e, priority, live, n)
    pointers["aws"] = _argmax(r, e, obs, aws_live, n)
    pointers["case_study"] = _argmax(r, e, obs, case_study, n)
    pointers["other_cloud"] = _argmax(r, e, obs, other_live, n)
    pointers["completed"] = _argmax(r, e, obs, completed, n)


def _stakeholder_features(ev, gate, row_account, row_day, values, pointers) -> None:
    n = len(row_account)
    r, e = _pairs(ev.act_account, row_account, ev.n_accounts)
    day = row_day[r].astype(np.int64)
    d = ev.act_day[e].astype(np.int64)
    contact = ev.act_contact[e]
    seen = d <= day
    age = day - d
    meeting = ev.act_kind[e] == _MEETING
    inbound = ev.act_inbound[e]
    # DOMAIN.md: stakeholder contact = a named person engaged two-way (a meeting held, a reply
    # received). Outbound emails and calls alone are not a conversation.
    two_way = seen & (meeting | inbound) & (contact >= 0)
    for w in STAKEHOLDER_WINDOWS:
        values[f"stakeholders_{w}"] = np.log1p(_distinct(r, contact, two_way & (age <= w), n))
    in_gate = two_way & (age <= gate.stakeholder_window_days)
    values["stakeholders_gate"] = _distinct(r, contact, in_gate, n)
    values["stakeholder_engaged"] = (values["stakeholders_gate"] > 0).astype(float)
    last_inbound = _group_max(r, d, seen & inbound, n, fill=NO_DAY, dtype=np.int64)
    inbound_age = np.where(last_inbound == NO_DAY, 9999, row_day - last_inbound)
    values["inbound_age_days"] = inbound_age.astype(float)
    values["inbound_recency"] = np.where(last_inbound == NO_DAY, 0.0,
                                         np.exp(-np.maximum(inbound_age, 0) / INBOUND_DAYS))
    values["meetings_180"] = np.log1p(_count(r, seen & meeting & (age <= 180), n))
    values["max_seniority"] = _group_max(r, ev.act_seniority[e], two_way & (age <= 180), n) / 5.0
    values["_latest_activity"] = _group_max(r, d, seen, n, fill=NO_DAY, dtype=np.int64)
    pointers["stakeholder"] = _argmax(r, e, d * 8 + ev.act_seniority[e], in_gate, n)
    pointers["last_two_way"] = _argmax(r, e, d, two_way, n)
    rp, ep = _pairs(ev.pub_account, row_account, ev.n_accounts)
    values["public_person_in_crm"] = (_count(rp, ev.pub_day[ep] <= row_day[rp], n) > 0).astype(float)


def _ace_features(ev, gate, row_account, row_day, values, pointers) -> None:
    n = len(row_account)
    r, e = _pairs(ev.opp_account, row_account, ev.n_accounts)
    day = row_day[r].astype(np.int64)
    created = ev.opp_created[e].astype(np.int64)
    closed = ev.opp_closed[e].astype(np.int64)
    decided = ev.opp_decided[e] <= day
    seen = created <= day
    # DOMAIN.md: ACE rejects a duplicate opportunity for the same customer within 120 days, and an
    # open opportunity (not Launched / Closed Lost) already covers the customer.
    open_ = seen & ((closed == NO_DAY) | (closed > day))
    recent = seen & (day - created < gate.duplicate_window_days)
    values["ace_open"] = _group_max(r, np.ones(len(r)), open_, n)
    values["ace_recent"] = _group_max(r, np.ones(len(r)), recent, n)
    values["ace_approved"] = np.log1p(_count(r, seen & decided & ev.opp_positive[e], n))
    values["ace_rejected"] = np.log1p(_count(r, seen & decided & ev.opp_negative[e], n))
    pointers["opportunity"] = _argmax(r, e, created, open_ | recent, n)
