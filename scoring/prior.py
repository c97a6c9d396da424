"""The cold-start prior: a transparent logistic score with hand-set weights taken from DOMAIN.md.

Used until ``[model] min_labels`` labelled outcomes exist. Every weight is documented here and in
the README ("Scoring and the gate"); all evidence weights are non-negative, so more evidence never
lowers the score, and every DOMAIN.md disqualifier carries a negative weight.
"""
from __future__ import annotations

import numpy as np

from scoring.features import FEATURE_NAMES, Features

VERSION = "prior-1"
BIAS = -4.0

# (weight, why). Feature scales: log1p counts, 0/1 flags, or decays in [0, 1].
WEIGHTS: dict[str, tuple[float, str]] = {
    # 1. stakeholder contact (DOMAIN.md: the PDM judges relationship first)
    "stakeholder_engaged": (0.5, "at least one named stakeholder engaged inside the gate window"),
    "stakeholders_30": (0.6, "a named person engaged two-way in the last 30 days"),
    "stakeholders_90": (1.4, "a named person engaged two-way in the last 90 days"),
    "stakeholders_180": (0.3, "engagement within half a year"),
    "inbound_recency": (0.8, "a recent reply received from the account"),
    "meetings_180": (0.5, "meetings held (a real conversation under way)"),
    "max_seniority": (0.8, "a senior (C-level = 1.0) receptive stakeholder"),
    "public_person_in_crm": (0.3, "a person named in public news is already a CRM contact"),
    # 2. timing (DOMAIN.md: a dated reason to act now; forced decisions weigh most)
    "trig_migration": (1.5, "MAP / migration planned or in progress"),
    "trig_compliance": (1.3, "an upcoming audit or compliance requirement"),
    "trig_hiring": (0.8, "hiring for cloud / migration / compliance roles"),
    "trig_funding": (0.9, "new budget (funding, M&A)"),
    "trig_leadership_change": (1.0, "a new CIO / CTO / CISO in the first 180 days"),
    "trig_datacenter_exit": (1.7, "a data-centre exit with a date"),
    "trig_renewal": (1.5, "a contract or licence renewal with a date"),
    "strong_trigger": (0.3, "a forced decision with a date (migration, DC exit, renewal)"),
    "live_triggers": (0.4, "several independent triggers"),
    "window_proximity": (0.6, "the trigger window is open or opens soon"),
    "fye_proximity": (0.2, "AWS fiscal year-end is near"),
    # 3. AWS angle (DOMAIN.md: net-new AWS consumption)
    "aws_named": (1.2, "AWS, an AWS service or an AWS programme is named in a live trigger"),
    "aws_services": (0.4, "AWS services to be consumed are named"),
    "aws_hiring": (0.3, "the account is hiring for AWS skills"),
    "aws_case_study": (0.5, "an AWS case study proves AWS affinity"),
    "icp_fit": (0.6, "fits the partner's [icp] (industry, country, size)"),
    "ace_approved": (0.3, "past ACE approvals for this customer"),
    # disqualifiers (DOMAIN.md: past won, other cloud, duplicates, partner is the customer)
    "completed_only": (-1.5, "only completed projects: a past won, not a new PO"),
    "other_cloud": (-0.5, "another cloud is named in a live trigger"),
    "other_cloud_chosen": (-2.5, "the latest cloud choice named is another cloud"),
    "ace_rejected": (-0.6, "past ACE rejections for this customer"),
    "ace_open": (-2.0, "an ACE opportunity is already open for this customer"),
    "ace_recent": (-1.5, "an ACE opportunity was created for this customer within 120 days"),
    "is_partner": (-6.0, "the account is the partner itself"),
}
assert set(WEIGHTS) <= set(FEATURE_NAMES), set(WEIGHTS) - set(FEATURE_NAMES)
_W = np.array([WEIGHTS.get(k, (0.0, ""))[0] for k in FEATURE_NAMES])


def contributions(features: Features) -> np.ndarray:
    """Per-row, per-feature contribution to the logit (n x d), the basis of the reasons."""
    return features.matrix() * _W


def logits(matrix: np.ndarray) -> np.ndarray:
    return BIAS + matrix @ _W


def prior_score(features: Features) -> np.ndarray:
    """Probability-like readiness in (0, 1)."""
    return 1.0 / (1.0 + np.exp(-logits(features.matrix())))
