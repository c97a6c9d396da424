"""End to end on a simulated world through the database: precision, recall, no forbidden."""
from __future__ import annotations

from datetime import date

import numpy as np

from scoring.candidates import list_candidates
from scoring.gate import promote
from scoring.run import score_all
from scoring.simulator import FORBIDDEN, simulate
from scoring.simulator_store import write_world

AS_OF = date(2026, 11, 16)


def test_gate_on_simulated_world_is_precise_and_complete(settings):
    settings.cadence.max_submissions_per_week = 10**6   # measure the gate, not the cadence
    world = simulate(1500, AS_OF, settings, seed=21, history=200)
    write_world(world, settings)
    assert score_all(settings, AS_OF).accounts_scored == world.evidence.n_accounts
    stats = promote(settings, AS_OF)
    rows = list_candidates(settings)
    by_domain = {d: i for i, d in enumerate(world.evidence.domain)}
    submitted = np.zeros(world.evidence.n_accounts, bool)
    outreach = np.zeros(world.evidence.n_accounts, bool)
    for r in rows:
        (submitted if r["list"] == "submission" else outreach)[by_domain[r["domain"]]] = True
    assert stats.submission == submitted.sum()
    tp = (submitted & world.ready).sum()
    assert tp / submitted.sum() >= 0.95
    assert tp / world.ready.sum() >= 0.85
    assert not (submitted & world.forbidden).any()
    current = ~world.historical
    trap = {a: (submitted & (world.archetype == a) & current).sum() for a in FORBIDDEN}
    assert trap == {a: 0 for a in FORBIDDEN}
    assert outreach[(world.archetype == "outreach_only") & current].all()


def test_simulator_is_reproducible(settings):
    a = simulate(300, AS_OF, settings, seed=4)
    b = simulate(300, AS_OF, settings, seed=4)
    assert (a.archetype == b.archetype).all()
    np.testing.assert_array_equal(a.evidence.sig_observed, b.evidence.sig_observed)
    assert a.archetype[0] == "partner" and a.evidence.is_partner[0]
