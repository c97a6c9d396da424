"""Learned model: train on simulated ACE outcomes, skops round trip, the model card."""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from scoring import model
from scoring.features import build_features
from scoring.simulator import oracle_auc, simulate
from scoring.simulator_store import write_world

AS_OF = date(2026, 11, 16)


@pytest.fixture
def trained(settings):
    settings.model.min_labels = 200
    world = simulate(400, AS_OF, settings, seed=5, history=1200)
    write_world(world, settings)
    return world, model.train(settings, AS_OF)


def test_no_model_before_training(settings):
    assert model.model_card(settings) is None and model.load_latest(settings) is None
    card = model.train(settings, AS_OF)  # empty database: too few labels
    assert card["trained"] is False and card["labels"] == 0 and "prior" in card["reason"]


def test_train_writes_card_and_skops_model(settings, trained):
    _, card = trained
    assert card["trained"] is True
    for key in ("version", "training_size", "auc", "precision_at_k", "brier", "calibration",
                "feature_weights", "validation"):
        assert key in card, key
    assert card["training_size"] >= 1000 and 0.7 < card["auc"] <= 1.0
    assert card["validation"]["method"].startswith("time-ordered")
    assert sum(b["count"] for b in card["calibration"]) == card["validation"]["test_size"]
    folder = model.model_dir(settings)
    assert (folder / f"{card['version']}.skops").exists()
    assert not list(folder.glob("*.pkl"))
    on_disk = json.loads((folder / f"{card['version']}.card.json").read_text())
    assert on_disk == model.model_card(settings)
    assert card["feature_weights"]["stakeholders_90"] > 0


def test_skops_round_trip_gives_same_predictions(settings, trained):
    world, card = trained
    estimator, loaded_card = model.load_latest(settings)
    assert loaded_card["version"] == card["version"]
    X = build_features(world.evidence, settings.gate, as_of=AS_OF).matrix()
    again, _ = model.load_latest(settings)
    np.testing.assert_allclose(estimator.predict_proba(X), again.predict_proba(X))


def test_untrusted_types_are_refused(settings, trained):
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    _, card = trained
    path = model.model_dir(settings) / card["model_file"]
    with pytest.raises(UntrustedTypesFoundException):
        sio.load(path, trusted=[])


def test_scoring_switches_to_the_model_once_trained(settings, trained):
    from scoring.run import score_all

    _, card = trained
    stats = score_all(settings, AS_OF)
    assert stats.scorer == "model" and stats.model_version == card["version"]
    settings.model.min_labels = 10**6   # not enough labels for this threshold: the prior again
    assert score_all(settings, AS_OF).scorer == "prior"


def test_learned_auc_close_to_oracle_in_memory(settings):
    world = simulate(3000, AS_OF, settings, seed=9, history=4000)
    ex = model.examples_from_evidence(world.evidence, settings, AS_OF.toordinal())
    fit = model.fit_and_evaluate(ex)
    opp_of = {f"ace:{i}": j for j, i in enumerate(world.evidence.opp_id)}
    test = np.array([opp_of[ex.keys[i]] for i in fit.test_index])
    assert fit.card["auc"] >= oracle_auc(world, test) - 0.03
