"""Features as of a date: no leakage, row-wise days, the prior's monotonicity."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from scoring import prior
from scoring.evidence import NO_DAY
from scoring.features import FEATURE_NAMES, _pairs, build_features
from scoring.simulator import simulate

AS_OF = date(2026, 11, 16)


@pytest.fixture(scope="module")
def world():
    from acescout_core.settings import Settings

    s = Settings()
    s.partner.name, s.partner.domain = "Northwind Cloud Partners", "northwindcloud.io"
    return s, simulate(1500, AS_OF, s, seed=3, history=300)


def _without_future(ev, day: int):
    """The same evidence with everything dated after ``day`` removed."""
    keep_s, keep_a, keep_o = ev.sig_observed <= day, ev.act_day <= day, ev.opp_created <= day
    cols = {}
    for name in ev.__dataclass_fields__:
        value = getattr(ev, name)
        if name.startswith("sig_"):
            value = value[keep_s]
        elif name.startswith("act_"):
            value = value[keep_a]
        elif name.startswith("opp_"):
            value = value[keep_o]
        cols[name] = value
    return replace(ev, **cols)


def test_evidence_after_as_of_is_ignored(world):
    settings, w = world
    day = AS_OF.toordinal()
    assert (w.evidence.act_day > day).any()  # the simulator plants future meetings
    full = build_features(w.evidence, settings.gate, as_of=AS_OF)
    past = build_features(_without_future(w.evidence, day), settings.gate, as_of=AS_OF)
    for name in FEATURE_NAMES:
        np.testing.assert_allclose(full.values[name], past.values[name], err_msg=name)


def test_rows_with_their_own_days_match_scoring_at_that_day(world):
    settings, w = world
    earlier = date(2026, 6, 1)
    rows = np.array([5, 17, 17, 400, 999])
    days = np.array([AS_OF.toordinal(), earlier.toordinal(), AS_OF.toordinal(),
                     earlier.toordinal(), AS_OF.toordinal()])
    mixed = build_features(w.evidence, settings.gate, row_account=rows, row_day=days)
    now = build_features(w.evidence, settings.gate, as_of=AS_OF)
    then = build_features(w.evidence, settings.gate, as_of=earlier)
    for j, (r, d) in enumerate(zip(rows, days)):
        ref = now if d == AS_OF.toordinal() else then
        for name in FEATURE_NAMES:
            assert mixed.values[name][j] == pytest.approx(ref.values[name][r]), name


def test_pairs_join_lists_every_event_of_each_row():
    accounts = np.array([0, 0, 2, 2, 2, 3])
    rows, events = _pairs(accounts, np.array([2, 0, 1, 2]), 4)
    assert rows.tolist() == [0, 0, 0, 1, 1, 3, 3, 3]
    assert events.tolist() == [2, 3, 4, 0, 1, 2, 3, 4]


def test_prior_weights_are_monotonic_in_evidence():
    disqualifiers = {"completed_only", "other_cloud", "other_cloud_chosen", "ace_rejected",
                     "ace_open", "ace_recent", "is_partner"}
    for name, (weight, why) in prior.WEIGHTS.items():
        assert why
        assert (weight < 0) == (name in disqualifiers), name


def test_prior_rises_with_more_evidence(world):
    settings, w = world
    ev = w.evidence
    base = build_features(ev, settings.gate, as_of=AS_OF)
    # one more inbound reply from a new named senior contact for every account
    n = ev.n_accounts
    more = replace(ev, act_account=np.r_[ev.act_account, np.arange(n)],
                   act_id=np.r_[ev.act_id, np.arange(n) + 10**7],
                   act_contact=np.r_[ev.act_contact, np.arange(n) + 10**7],
                   act_kind=np.r_[ev.act_kind, np.zeros(n, np.int8)],
                   act_inbound=np.r_[ev.act_inbound, np.ones(n, bool)],
                   act_day=np.r_[ev.act_day, np.full(n, AS_OF.toordinal() - 3, np.int32)],
                   act_seniority=np.r_[ev.act_seniority, np.full(n, 5, np.int8)]).sort_events()
    richer = build_features(more, settings.gate, as_of=AS_OF)
    p0, p1 = prior.prior_score(base), prior.prior_score(richer)
    assert (p1 >= p0 - 1e-12).all() and (p1 > p0).mean() > 0.9


def test_window_and_decay_features():
    from scoring.simulator import World  # noqa: F401  (module import check)

    from acescout_core.settings import Settings

    s = Settings()
    w = simulate(50, AS_OF, s, seed=1, history=0)
    ev = w.evidence
    f = build_features(ev, s.gate, as_of=AS_OF)
    live = f.values["live_triggers_count"] > 0
    assert ((f.values["window_proximity"] > 0) <= live).all()
    for k in ("trig_migration", "aws_named", "inbound_recency", "max_seniority", "icp_fit"):
        assert ((f.values[k] >= 0) & (f.values[k] <= 1)).all(), k
    assert (ev.sig_wstart[ev.sig_wstart != NO_DAY] > 0).all()
