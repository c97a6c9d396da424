"""Score every account as of a date and upsert one Score row per (account, as_of)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import numpy as np
from sqlalchemy import insert, select, update

from acescout_core.settings import Settings
from models import get_engine, init_db, session_scope
from models.tables import Score, utcnow
from scoring import prior
from scoring.evidence import Evidence, load_evidence
from scoring.explain import evidence_ids, explain, fetch_details
from scoring.features import FEATURE_NAMES, Features, build_features

GATE_VALUES = ("stakeholders_gate", "inbound_age_days", "live_triggers_count", "completed_count",
               "days_to_window")


@dataclass
class ScoreStats:
    accounts_scored: int = 0
    inserted: int = 0
    updated: int = 0
    model_version: str = prior.VERSION
    scorer: str = "prior"
    high: int = 0
    medium: int = 0
    low: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def score_features(settings: Settings, features: Features, model=None) -> tuple[np.ndarray, str]:
    """Learned-model probabilities when a usable model exists, else the cold-start prior."""
    if model is None:
        from scoring.model import load_latest

        model = load_latest(settings)
    if model is None:
        return prior.prior_score(features), prior.VERSION
    estimator, card = model
    return estimator.predict_proba(features.matrix())[:, 1], card["version"]


def bands(scores: np.ndarray, settings: Settings) -> np.ndarray:
    high = scores >= settings.gate.submission_threshold
    medium = ~high & (scores >= settings.gate.submission_threshold / 2)
    return np.where(high, "high", np.where(medium, "medium", "low"))


def score_evidence(settings: Settings, ev: Evidence, as_of: date, model=None):
    """(features, scores, version): the pure-array path the database path and benchmarks share."""
    features = build_features(ev, settings.gate, as_of=as_of)
    scores, version = score_features(settings, features, model)
    return features, scores, version


def score_all(settings: Settings, as_of: date) -> ScoreStats:
    """Idempotent: re-running the same as_of updates the same rows."""
    engine = get_engine(settings.database_url)
    init_db(engine)
    with session_scope(engine) as session:
        ev = load_evidence(session, settings, as_of)
        features, scores, version = score_evidence(settings, ev, as_of)
        n = len(features)
        details = fetch_details(session, *evidence_ids(features, ev, range(n)))
        contrib = prior.contributions(features)
        band = bands(scores, settings)
        existing = dict(session.execute(select(Score.account_id, Score.id)
                                        .where(Score.as_of == as_of)).all())
        new_rows, changed_rows = [], []
        keep = set(FEATURE_NAMES) | set(GATE_VALUES)
        for i in range(n):
            account_id = int(ev.account_id[i])
            values = {k: v for k, v in features.row(i).items() if k in keep}
            row = dict(account_id=account_id, as_of=as_of, model_version=version,
                       score=round(float(scores[i]), 6), band=str(band[i]),
                       reasons=explain(i, features, ev, details, settings.gate, contrib),
                       features=values, created_at=utcnow())
            if account_id in existing:
                changed_rows.append({"id": existing[account_id], **row})
            else:
                new_rows.append(row)
        if new_rows:
            session.execute(insert(Score), new_rows)
        if changed_rows:
            session.execute(update(Score), changed_rows)
    counts = {b: int((band == b).sum()) for b in ("high", "medium", "low")}
    return ScoreStats(accounts_scored=n, inserted=len(new_rows), updated=len(changed_rows),
                      model_version=version,
                      scorer="prior" if version == prior.VERSION else "model", **counts)
