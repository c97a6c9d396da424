"""The learned model: calibrated logistic regression on ACE outcomes and seller decisions.

Labels (DOMAIN.md): ACE Approved or Launched = positive; Rejected, or Closed Lost for a
disqualifying reason (Incomplete / Duplicate / Invalid) = negative; seller approvals and
rejections from review count the same way. Each example's features are built as of the day
before it was submitted, so no outcome leaks into its own features. Validation is time-ordered:
fit on the earlier 75 %, measure on the later 25 %, then refit on everything. Models are saved
with skops (never pickle) and loaded only if every type in the file is on an explicit list.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import select

from acescout_core.settings import Settings
from models import get_engine, init_db, session_scope
from models.tables import Candidate
from scoring.evidence import day_number, load_evidence
from scoring.features import FEATURE_NAMES, build_features

# Every type a saved model may contain, beyond skops' own defaults. Anything else refuses to load.
TRUSTED_TYPES = [
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.utils._bunch.Bunch",
    "numpy.float64", "numpy.int64", "numpy.dtype", "numpy.ndarray",
    "builtins.slice",
]
K_VALUES = (10, 25, 50, 100)


@dataclass
class Examples:
    matrix: np.ndarray
    labels: np.ndarray
    days: np.ndarray
    keys: list[str]


@dataclass
class FitResult:
    estimator: object
    card: dict
    test_index: np.ndarray
    test_proba: np.ndarray


def make_estimator():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    base = Pipeline([("scale", StandardScaler()),
                     ("logit", LogisticRegression(C=1.0, max_iter=2000))])
    return CalibratedClassifierCV(base, method="sigmoid", cv=3)


def ace_examples(ev, today: int):
    """(opp index, row account, row day, label) of ACE outcomes decided by ``today``; each row is
    the account as of the day before the opportunity was created."""
    labelled = np.flatnonzero((ev.opp_positive | ev.opp_negative) & (ev.opp_decided <= today))
    return (labelled, ev.opp_account[labelled], ev.opp_created[labelled].astype(np.int64) - 1,
            ev.opp_positive[labelled].astype(int))


def examples_from_evidence(ev, settings: Settings, today: int, decisions=()) -> Examples:
    """The shared path: ACE outcomes (+ seller decisions as (account index, day, label))."""
    opp_idx, rows, days, labels = ace_examples(ev, today)
    keys = [f"ace:{i}" for i in ev.opp_id[opp_idx]]
    if decisions:
        rows = np.r_[rows, [d[0] for d in decisions]]
        days = np.r_[days, [d[1] for d in decisions]]
        labels = np.r_[labels, [d[2] for d in decisions]]
        keys += [f"seller:{ev.account_id[d[0]]}" for d in decisions]
    feats = build_features(ev, settings.gate, row_account=rows.astype(np.int64), row_day=days)
    return Examples(feats.matrix(), labels.astype(int), np.asarray(days), keys)


def collect_examples(settings: Settings, as_of: date) -> Examples:
    """Labelled rows known by ``as_of``: ACE outcomes and seller decisions from review."""
    engine = get_engine(settings.database_url)
    with session_scope(engine) as session:
        ev = load_evidence(session, settings, as_of)
        decided = session.execute(
            select(Candidate.account_id, Candidate.status, Candidate.as_of, Candidate.decided_at,
                   Candidate.proposed_at)
            .where(Candidate.status.in_(("approved", "rejected", "exported")))).all()
    today = as_of.toordinal()
    index = {int(a): i for i, a in enumerate(ev.account_id)}
    decisions = []
    for account_id, status, cand_day, decided_at, proposed_at in decided:
        if account_id not in index or day_number(decided_at) > today:
            continue   # a decision after as_of is not known yet
        day = cand_day.toordinal() if cand_day else day_number(proposed_at)
        decisions.append((index[account_id], day, int(status != "rejected")))
    return examples_from_evidence(ev, settings, today, decisions)


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if len(set(y.tolist())) == 2 else float("nan")


def evaluate_predictions(y: np.ndarray, p: np.ndarray) -> dict:
    """AUC, precision at k, Brier score and a ten-bin calibration table."""
    order = np.argsort(-p, kind="stable")
    bins = np.clip((p * 10).astype(int), 0, 9)
    table = [{"bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}", "count": int((bins == b).sum()),
              "mean_predicted": round(float(p[bins == b].mean()), 4),
              "observed_rate": round(float(y[bins == b].mean()), 4)}
             for b in range(10) if (bins == b).any()]
    return {
        "auc": round(_auc(y, p), 4),
        "precision_at_k": {str(k): round(float(y[order[:k]].mean()), 4)
                           for k in K_VALUES if k <= len(y)},
        "brier": round(float(np.mean((p - y) ** 2)), 4),
        "calibration": table,
    }


def _weights(estimator) -> dict[str, float]:
    coefs = [c.estimator.named_steps["logit"].coef_[0] for c in estimator.calibrated_classifiers_]
    mean = np.mean(coefs, axis=0)
    return {k: round(float(w), 4) for k, w in zip(FEATURE_NAMES, mean)}


def fit_and_evaluate(ex: Examples, holdout: float = 0.25) -> FitResult:
    """Time-ordered validation, then a refit on all examples."""
    order = np.argsort(ex.days, kind="stable")
    cut = int(len(order) * (1 - holdout))
    train_idx, test_idx = order[:cut], order[cut:]
    if len(set(ex.labels[train_idx].tolist())) < 2 or len(set(ex.labels.tolist())) < 2:
        raise ValueError("training needs both approved and rejected outcomes")
    probe = make_estimator().fit(ex.matrix[train_idx], ex.labels[train_idx])
    proba = probe.predict_proba(ex.matrix[test_idx])[:, 1]
    final = make_estimator().fit(ex.matrix, ex.labels)
    card = {
        "training_size": int(len(ex.labels)),
        "positives": int(ex.labels.sum()),
        "negatives": int(len(ex.labels) - ex.labels.sum()),
        "validation": {"method": "time-ordered holdout (latest 25% of examples by date)",
                       "train_size": int(len(train_idx)), "test_size": int(len(test_idx)),
                       "split_day": date.fromordinal(int(ex.days[order[cut]])).isoformat()
                       if len(test_idx) else None,
                       **evaluate_predictions(ex.labels[test_idx], proba)},
        "features": list(FEATURE_NAMES),
        "feature_weights": _weights(final),
    }
    card.update({k: card["validation"][k] for k in ("auc", "precision_at_k", "brier",
                                                    "calibration")})
    return FitResult(final, card, test_idx, proba)


def model_dir(settings: Settings) -> Path:
    return settings.data_dir / settings.model.directory


def save(settings: Settings, estimator, card: dict) -> dict:
    import skops.io as sio

    folder = model_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    version = "model-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{version}.skops"
    sio.dump(estimator, path)
    untrusted = sio.get_untrusted_types(file=path)
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        path.unlink()
        raise RuntimeError(f"model contains types not on the trusted list: {unknown}")
    card = {"version": version, "created_at": datetime.now(timezone.utc).isoformat(),
            "model_file": path.name, "library": "scikit-learn", "format": "skops", **card}
    (folder / f"{version}.card.json").write_text(json.dumps(card, indent=2), encoding="utf-8")
    return card


def train(settings: Settings, as_of: date) -> dict:
    """Fit, validate and save a new model version; returns its card (or why it was not trained)."""
    init_db(get_engine(settings.database_url))
    ex = collect_examples(settings, as_of)
    n = int(len(ex.labels))
    if n < settings.model.min_labels or len(set(ex.labels.tolist())) < 2:
        return {"trained": False, "labels": n, "positives": int(ex.labels.sum()),
                "min_labels": settings.model.min_labels,
                "reason": f"{n} labelled outcomes; at least {settings.model.min_labels} with both "
                          "approvals and rejections are needed: the cold-start prior stays in use"}
    result = fit_and_evaluate(ex)
    card = save(settings, result.estimator, {"as_of": as_of.isoformat(), **result.card})
    return {"trained": True, **card}


def _latest_card_path(settings: Settings) -> Path | None:
    cards = sorted(model_dir(settings).glob("model-*.card.json"))
    return cards[-1] if cards else None


def model_card(settings: Settings) -> dict | None:
    path = _latest_card_path(settings)
    return json.loads(path.read_text(encoding="utf-8")) if path else None


def load_latest(settings: Settings):
    """(estimator, card) of the newest usable model, or None (the prior is used)."""
    import skops.io as sio

    card = model_card(settings)
    if card is None or card.get("features") != list(FEATURE_NAMES):
        return None
    if card.get("training_size", 0) < settings.model.min_labels:
        return None
    path = model_dir(settings) / card["model_file"]
    estimator = sio.load(path, trusted=TRUSTED_TYPES)
    return estimator, card
