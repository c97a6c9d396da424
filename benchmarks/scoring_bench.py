"""Scoring and gate benchmark on a simulated world: quality against the simulator's truth and
the speed of scoring + gating 1,000,000 accounts.

    python -m benchmarks.scoring_bench [--accounts 1000000] [--quality-accounts 20000]

The speed run uses the in-memory evidence arrays and the production code path
(features.build_features -> prior / model -> gate.decide -> gate.apply_cadence).
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date

import numpy as np

from acescout_core.settings import Settings
from scoring import prior
from scoring.features import build_features
from scoring.gate import apply_cadence, decide
from scoring.model import examples_from_evidence, fit_and_evaluate
from scoring.simulator import oracle_auc, simulate

AS_OF = date(2026, 11, 16)


def bench_settings() -> Settings:
    s = Settings()
    s.partner.name, s.partner.domain = "Northwind Cloud Partners", "northwindcloud.io"
    s.icp.industries = ["Financial Services", "Healthcare", "Software"]
    s.icp.countries = ["United States", "Canada"]
    return s


def gate_quality(world, decision) -> dict:
    sub, ready = decision.submission, world.ready
    tp = int((sub & ready).sum())
    return {"submission": int(sub.sum()), "truly_ready": int(ready.sum()),
            "precision": round(tp / max(int(sub.sum()), 1), 4),
            "recall": round(tp / max(int(ready.sum()), 1), 4),
            "forbidden_promoted": int((sub & world.forbidden).sum()),
            "outreach": int(decision.outreach.sum()),
            "outreach_only_in_outreach": round(float(
                decision.outreach[(world.archetype == "outreach_only") & ~world.historical
                                  ].mean()), 4)}


def quality(n_accounts: int, history: int, seed: int) -> dict:
    settings = bench_settings()
    world = simulate(n_accounts, AS_OF, settings, seed=seed, history=history)
    feats = build_features(world.evidence, settings.gate, as_of=AS_OF)
    out = {"accounts": n_accounts, "history": history, "seed": seed,
           "prior": gate_quality(world, decide(feats, prior.prior_score(feats), settings))}
    ex = examples_from_evidence(world.evidence, settings, AS_OF.toordinal())
    fit = fit_and_evaluate(ex)
    opp_of = {f"ace:{i}": j for j, i in enumerate(world.evidence.opp_id)}
    test_opps = np.array([opp_of[ex.keys[i]] for i in fit.test_index])
    model_scores = fit.estimator.predict_proba(feats.matrix())[:, 1]
    out["model"] = {"training_size": fit.card["training_size"],
                    "test_size": int(len(fit.test_index)),
                    "auc": fit.card["auc"], "oracle_auc": round(oracle_auc(world, test_opps), 4),
                    "brier": fit.card["brier"],
                    "gate": gate_quality(world, decide(feats, model_scores, settings))}
    out["model"]["auc_gap"] = round(out["model"]["oracle_auc"] - out["model"]["auc"], 4)
    return out


def speed(n_accounts: int, seed: int) -> dict:
    settings = bench_settings()
    t0 = time.perf_counter()
    world = simulate(n_accounts, AS_OF, settings, seed=seed, history=0)
    t1 = time.perf_counter()
    feats = build_features(world.evidence, settings.gate, as_of=AS_OF)
    t2 = time.perf_counter()
    scores = prior.prior_score(feats)
    t3 = time.perf_counter()
    decision = decide(feats, scores, settings)
    admitted = apply_cadence(decision.submission, scores, settings.cadence.max_submissions_per_week)
    t4 = time.perf_counter()
    ev = world.evidence
    return {"accounts": n_accounts, "signals": int(len(ev.sig_id)),
            "activities": int(len(ev.act_id)), "opportunities": int(len(ev.opp_id)),
            "simulate_s": round(t1 - t0, 2), "features_s": round(t2 - t1, 2),
            "score_s": round(t3 - t2, 2), "gate_s": round(t4 - t3, 2),
            "score_and_gate_s": round(t4 - t1, 2), "eligible": int(decision.submission.sum()),
            "admitted_this_week": int(admitted.sum()),
            "outreach": int(decision.outreach.sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--quality-accounts", type=int, default=20_000)
    parser.add_argument("--history", type=int, default=8_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    result = {"quality": quality(args.quality_accounts, args.history, args.seed),
              "speed": speed(args.accounts, args.seed)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
