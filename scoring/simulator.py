"""A world simulator for tests and benchmarks: accounts, public signals, CRM evidence and ACE
outcomes drawn from a known process, with every trap the gate must resist and the truth known.

Archetypes (as of the world's day):
- ``ready``: two-way contact in the last 80 days + a live trigger with an AWS angle (the truth);
- traps never to promote: ``outreach_only`` (triggers, only outbound CRM activity; some get a
  meeting *after* as_of, a leakage trap), ``duplicate`` (ready, but an ACE opportunity is open or
  was created within 120 days, half matched only by customer website), ``completed_only`` (past
  won), ``other_cloud`` (the latest cloud choice is Azure/GCP, sometimes after an older AWS
  mention), ``stale_contact`` (the last two-way contact is 150-600 days old), ``partner`` (the
  partner's own news);
- not ready: ``negated`` ("not moving to AWS"), ``no_aws_angle``, ``engaged_no_trigger``,
  ``nothing``;
- ``historical``: accounts submitted to ACE in the past whose outcome was drawn from a known
  probability (``hist_p``): the labelled data for the learned model and the oracle AUC.
Extraction noise: a ready account's AWS mention is missed with ``miss_rate``; an engaged account
gets a spurious live AWS trigger with ``false_rate``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import numpy as np

from acescout_core.settings import Settings
from scoring.evidence import CLOUDS, KINDS, NO_DAY, TENSES, Evidence, icp_fit, partner_mask

MIX = {"ready": 0.10, "outreach_only": 0.10, "duplicate": 0.04, "completed_only": 0.05,
       "other_cloud": 0.05, "stale_contact": 0.05, "negated": 0.02, "no_aws_angle": 0.04,
       "engaged_no_trigger": 0.10, "nothing": 0.45}
HISTORY_MIX = {"ready": 0.40, "outreach_only": 0.15, "completed_only": 0.10, "other_cloud": 0.10,
               "stale_contact": 0.10, "no_aws_angle": 0.05, "engaged_no_trigger": 0.10}
FORBIDDEN = ("outreach_only", "duplicate", "completed_only", "other_cloud", "stale_contact",
             "partner")
INDUSTRIES = ("Financial Services", "Healthcare", "Retail", "Manufacturing", "Software",
              "Public Sector", "Media")
COUNTRIES = ("United States", "Canada", "United Kingdom", "Germany", "Australia")
TIMING = ("migration", "compliance", "hiring", "funding", "leadership_change",
          "datacenter_exit", "renewal")
TIMING_P = (0.30, 0.20, 0.12, 0.08, 0.08, 0.12, 0.10)
STRONG = {"migration", "datacenter_exit", "renewal"}
CONTACTED = {"ready", "duplicate", "completed_only", "other_cloud", "negated", "no_aws_angle",
             "engaged_no_trigger", "partner"}
LIVE = {"ready", "outreach_only", "duplicate", "stale_contact", "partner", "other_cloud",
        "no_aws_angle", "negated"}
AWS_LIVE = {"ready", "outreach_only", "duplicate", "stale_contact", "partner"}


@dataclass
class World:
    as_of: date
    evidence: Evidence
    archetype: np.ndarray            # object (n)
    ready: np.ndarray                # bool (n): the truth
    industry: np.ndarray
    country: np.ndarray
    employees: np.ndarray
    opp_p: np.ndarray                # true approval probability per evidence.opp_* row (nan: none)
    historical: np.ndarray           # bool (n): accounts whose story ended in a past ACE outcome
    sig_text: list = field(default_factory=list)
    contact_seniority: dict = field(default_factory=dict)

    @property
    def forbidden(self) -> np.ndarray:
        return np.isin(self.archetype, FORBIDDEN) & ~self.historical


class _Events:
    """Column lists appended in vectorised blocks."""

    def __init__(self, names):
        self.cols = {n: [] for n in names}

    def add(self, **cols):
        for k, v in cols.items():
            self.cols[k].append(np.asarray(v))

    def arrays(self, dtypes):
        return {k: (np.concatenate(v).astype(dtypes[k]) if v else np.zeros(0, dtypes[k]))
                for k, v in self.cols.items()}


def simulate(n_accounts: int, as_of: date, settings: Settings, *, seed: int = 7,
             history: int | None = None, miss_rate: float = 0.03, false_rate: float = 0.01,
             ) -> World:
    """Draw a world of ``n_accounts`` (+ ``history`` past ACE submissions) as of ``as_of``."""
    rng = np.random.default_rng(seed)
    today = as_of.toordinal()
    n_hist = int(history if history is not None else n_accounts // 4)
    n = n_accounts + n_hist
    names = list(MIX)
    arch = np.empty(n, dtype=object)
    arch[:n_accounts] = rng.choice(names, n_accounts, p=np.array(list(MIX.values())))
    hist_names = list(HISTORY_MIX)
    hist_arch = rng.choice(hist_names, n_hist, p=np.array(list(HISTORY_MIX.values())))
    arch[n_accounts:] = hist_arch
    arch[0] = "partner"
    ref = np.full(n, today, dtype=np.int64)   # the day each account's story is told relative to
    ref[n_accounts:] = today - rng.integers(140, 900, n_hist)
    is_hist = np.zeros(n, bool)
    is_hist[n_accounts:] = True
    in_set = lambda s: np.isin(arch, list(s))  # noqa: E731

    industry = rng.choice(INDUSTRIES, n)
    country = rng.choice(COUNTRIES, n)
    employees = np.round(np.exp(rng.normal(7, 1.5, n)))
    domains = np.array([f"acct{i}-corp.com" for i in range(n)], dtype=object)
    names_arr = np.array([f"Account {i} Corp" for i in range(n)], dtype=object)
    domains[0], names_arr[0] = settings.partner.domain, settings.partner.name

    # --- CRM: contacts engaged two-way ----------------------------------------------------
    contacted = in_set(CONTACTED)
    n_contacts = np.where(contacted, 1 + rng.binomial(2, 0.35, n), 0)
    stale = arch == "stale_contact"
    n_contacts = np.where(stale, 1, n_contacts)
    total_c = int(n_contacts.sum())
    c_account = np.repeat(np.arange(n), n_contacts)
    c_id = np.arange(1, total_c + 1)
    c_sen = rng.integers(1, 6, total_c)
    acts = _Events(["account", "contact", "kind", "inbound", "day"])
    per = rng.integers(1, 4, total_c)
    a_acc = np.repeat(c_account, per)
    a_con = np.repeat(c_id, per)
    age = np.where(np.repeat(stale[c_account], per), rng.integers(150, 600, len(a_acc)),
                   rng.integers(1, 80, len(a_acc)))
    meeting = rng.random(len(a_acc)) < 0.5
    acts.add(account=a_acc, contact=a_con, kind=np.where(meeting, 0, 2),
             inbound=~meeting | (rng.random(len(a_acc)) < 0.3), day=ref[a_acc] - age)
    # outbound-only noise everywhere (emails and calls are not a conversation)
    k = rng.poisson(0.8, n)
    o_acc = np.repeat(np.arange(n), k)
    acts.add(account=o_acc, contact=np.full(len(o_acc), -1),
             kind=rng.choice([1, 2], len(o_acc)), inbound=np.zeros(len(o_acc), bool),
             day=ref[o_acc] - rng.integers(0, 400, len(o_acc)))
    # leakage trap: outreach-only accounts whose first meeting happens after as_of
    late = np.flatnonzero((arch == "outreach_only") & ~is_hist & (rng.random(n) < 0.3))
    late_c = np.arange(total_c + 1, total_c + 1 + len(late))
    acts.add(account=late, contact=late_c, kind=np.zeros(len(late)),
             inbound=np.ones(len(late), bool), day=ref[late] + rng.integers(1, 30, len(late)))
    c_account = np.r_[c_account, late]
    c_sen = np.r_[c_sen, rng.integers(1, 6, len(late))]
    max_sen = np.zeros(n)
    np.maximum.at(max_sen, c_account[:total_c], c_sen[:total_c])

    # --- public signals -------------------------------------------------------------------
    sigs = _Events(["account", "kind", "tense", "cloud", "negated", "services", "programs",
                    "day", "wstart", "wend"])
    kinds_ix = {k: KINDS.index(k) for k in KINDS}

    def add_signals(idx, *, tense, cloud, services, programs, negated=False, age_lo=1,
                    age_hi=300, kind=None):
        m = len(idx)
        if m == 0:
            return
        kk = (np.array([kinds_ix[k] for k in rng.choice(TIMING, m, p=TIMING_P)])
              if kind is None else np.full(m, kinds_ix[kind]))
        ages = rng.integers(age_lo, age_hi, m)
        if age_lo < 150:  # a new leader is timing only in the first 180 days (DOMAIN.md)
            ages = np.where(kk == kinds_ix["leadership_change"], np.minimum(ages, 150), ages)
        dated = rng.random(m) < 0.6
        ws = ref[idx] + rng.integers(-60, 200, m)
        we = np.maximum(ws + rng.integers(90, 365, m), ref[idx] + 1)
        sigs.add(account=idx, kind=kk, tense=np.broadcast_to(tense, m),
                 cloud=np.broadcast_to(cloud, m), negated=np.broadcast_to(negated, m),
                 services=np.broadcast_to(services, m), programs=np.broadcast_to(programs, m),
                 day=ref[idx] - ages, wstart=np.where(dated, ws, NO_DAY),
                 wend=np.where(dated, we, NO_DAY))

    planned = lambda m: rng.choice([0, 1], m)  # noqa: E731  planned | in_progress
    aws_idx = np.flatnonzero(in_set(AWS_LIVE))
    extra = aws_idx[rng.random(len(aws_idx)) < 0.4]
    for block, idx in enumerate((aws_idx, extra)):
        m = len(idx)
        named = rng.random(m) < 0.6
        miss = (arch[idx] == "ready") & (rng.random(m) < miss_rate) & (block == 0)
        add_signals(idx, tense=planned(m), cloud=np.where(named & ~miss, 1, 0),
                    services=np.where(miss, 0, rng.integers(0, 4, m) + ~named),
                    programs=np.where(miss | named, 0, rng.integers(0, 2, m)))
    idx = np.flatnonzero((arch == "engaged_no_trigger") & (rng.random(n) < false_rate))
    add_signals(idx, tense=planned(len(idx)), cloud=1, services=1, programs=0)
    idx = np.flatnonzero(arch == "other_cloud")
    add_signals(idx, tense=planned(len(idx)), cloud=rng.choice([2, 3], len(idx)), services=0,
                programs=0, age_lo=1, age_hi=120, kind="migration")
    older = idx[rng.random(len(idx)) < 0.5]   # an older AWS mention, then another cloud chosen
    add_signals(older, tense=planned(len(older)), cloud=1, services=1, programs=0,
                age_lo=150, age_hi=300)
    idx = np.flatnonzero(arch == "no_aws_angle")
    add_signals(idx, tense=planned(len(idx)), cloud=0, services=0, programs=0)
    idx = np.flatnonzero(arch == "negated")
    add_signals(idx, tense=planned(len(idx)), cloud=1, services=0, programs=0, negated=True)
    idx = np.flatnonzero(arch == "completed_only")
    add_signals(idx, tense=2, cloud=1, services=rng.integers(1, 4, len(idx)), programs=0,
                kind="migration")
    idx = np.flatnonzero(rng.random(n) < 0.15)   # AWS case studies: affinity, not timing
    add_signals(idx, tense=2, cloud=1, services=1, programs=0, kind="case_study", age_hi=700)
    idx = np.flatnonzero((arch == "nothing") & (rng.random(n) < 0.3))  # old, dead triggers
    add_signals(idx, tense=planned(len(idx)), cloud=0, services=0, programs=0, age_lo=400,
                age_hi=900)

    # --- ACE history ----------------------------------------------------------------------
    opps = _Events(["account", "created", "closed", "decided", "positive", "negative"])
    dup = np.flatnonzero(arch == "duplicate")
    is_open = rng.random(len(dup)) < 0.5
    created = ref[dup] - np.where(is_open, rng.integers(130, 400, len(dup)),
                                  rng.integers(5, 115, len(dup)))
    opps.add(account=dup, created=created, closed=np.where(is_open, NO_DAY, created + 3),
             decided=created + 3, positive=np.zeros(len(dup), bool),
             negative=np.zeros(len(dup), bool))
    hist = np.flatnonzero(is_hist)
    h_arch = arch[hist]
    strong = np.isin(sigs.cols["kind"][0], [kinds_ix[k] for k in STRONG])  # first AWS block
    kind_strong = np.zeros(n)
    kind_strong[sigs.cols["account"][0][strong]] = 1.0
    kind_strong[sigs.cols["account"][1][np.isin(sigs.cols["kind"][1],
                                                 [kinds_ix[k] for k in STRONG])]] = 1.0
    fit = icp_fit(industry, country, employees, settings.icp)
    logit = (-2.0 + 1.8 * np.isin(h_arch, list(CONTACTED - {"other_cloud"}))
             + 1.0 * np.log1p(n_contacts[hist]) * ~stale[hist]
             + 0.25 * (max_sen[hist] - 3) * ~stale[hist]
             + 1.6 * np.isin(h_arch, list(AWS_LIVE)) + 0.6 * kind_strong[hist]
             - 1.0 * (h_arch == "other_cloud") - 1.0 * (h_arch == "completed_only")
             + 0.8 * (fit[hist] - 0.5))
    p = 1 / (1 + np.exp(-logit))
    y = rng.random(len(hist)) < p
    decided = ref[hist] + rng.integers(10, 60, len(hist))
    first_opp = sum(len(a) for a in opps.cols["account"])
    opps.add(account=hist, created=ref[hist], closed=decided, decided=decided, positive=y,
             negative=~y)
    # long-closed opportunities lost for ordinary reasons (budget, competitor): not labels
    old = np.flatnonzero(~is_hist & (rng.random(n) < 0.04))
    oc = ref[old] - rng.integers(200, 900, len(old))
    opps.add(account=old, created=oc, closed=oc + 30, decided=oc + 30,
             positive=np.zeros(len(old), bool), negative=np.zeros(len(old), bool))

    ev = _evidence(n, acts, sigs, opps, c_account, c_sen, domains, names_arr, industry, country,
                   employees, settings, rng)
    ready = (arch == "ready") & ~is_hist
    opp_p = np.full(len(ev.opp_id), np.nan)
    opp_p[first_opp:first_opp + len(hist)] = p
    opp_p = opp_p[np.argsort(ev.opp_account, kind="stable")]
    ev.sort_events()
    return World(as_of, ev, arch, ready, industry, country, employees, opp_p, is_hist)


def _evidence(n, acts, sigs, opps, c_account, c_sen, domains, names, industry, country,
              employees, settings, rng) -> Evidence:
    a = acts.arrays({"account": np.int64, "contact": np.int64, "kind": np.int8,
                     "inbound": bool, "day": np.int32})
    s = sigs.arrays({"account": np.int64, "kind": np.int8, "tense": np.int8, "cloud": np.int8,
                     "negated": bool, "services": np.int16, "programs": np.int16,
                     "day": np.int32, "wstart": np.int32, "wend": np.int32})
    o = opps.arrays({"account": np.int64, "created": np.int32, "closed": np.int32,
                     "decided": np.int32, "positive": bool, "negative": bool})
    sen = np.zeros(len(c_account) + 2, np.int8)
    sen[1:len(c_sen) + 1] = c_sen
    has_sig = np.unique(s["account"])
    pub = has_sig[rng.random(len(has_sig)) < 0.2]
    pub = pub[np.isin(pub, c_account)]
    first_day = np.full(n, NO_DAY, np.int32)
    first_day[s["account"][::-1]] = s["day"][::-1]
    ev = Evidence(
        account_id=np.arange(1, n + 1, dtype=np.int64), name=names, domain=domains,
        icp_fit=icp_fit(industry, country, employees, settings.icp),
        is_partner=partner_mask(domains, names, settings.partner),
        sig_account=s["account"], sig_id=np.arange(1, len(s["account"]) + 1),
        sig_kind=s["kind"], sig_tense=s["tense"], sig_cloud=s["cloud"],
        sig_negated=s["negated"], sig_services=s["services"], sig_programs=s["programs"],
        sig_observed=s["day"], sig_wstart=s["wstart"], sig_wend=s["wend"],
        act_account=a["account"], act_id=np.arange(1, len(a["account"]) + 1),
        act_contact=a["contact"], act_kind=a["kind"], act_inbound=a["inbound"],
        act_day=a["day"], act_seniority=np.where(a["contact"] >= 0, sen[np.maximum(
            a["contact"], 0)], 0).astype(np.int8),
        pub_account=pub, pub_day=first_day[pub],
        opp_account=o["account"], opp_id=np.arange(1, len(o["account"]) + 1),
        opp_created=o["created"], opp_closed=o["closed"], opp_decided=o["decided"],
        opp_positive=o["positive"], opp_negative=o["negative"],
    )
    ev.extras["contact_account"] = c_account
    ev.extras["contact_seniority"] = c_sen
    return ev


def oracle_auc(world: World, opp_index: np.ndarray) -> float:
    """AUC of the true probabilities on the given labelled opportunities: the best possible."""
    from sklearn.metrics import roc_auc_score

    p = world.opp_p[opp_index]
    return float(roc_auc_score(world.evidence.opp_positive[opp_index], p))


def to_datetime(day: int) -> datetime:
    return datetime.combine(date.fromordinal(int(day)), datetime.min.time(),
                            tzinfo=timezone.utc) + timedelta(hours=12)
