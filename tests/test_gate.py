"""The promotion gate: every rule alone flips the outcome; cadence; seller decisions survive."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from models import get_engine, session_scope
from models.crud import upsert_account, upsert_activity, upsert_contact
from models.tables import AceOpportunity, Candidate, Document, Signal
from scoring.candidates import list_candidates
from scoring.gate import promote
from scoring.run import score_all

AS_OF = date(2026, 11, 16)


def at(days_before: int) -> datetime:
    return datetime.combine(AS_OF - timedelta(days=days_before), datetime.min.time(),
                            tzinfo=timezone.utc) + timedelta(hours=9)


def make_account(settings, name="Acme Health", domain="acmehealth.com", *, meeting_age=10,
                 activity_kind="meeting", direction="outbound", signal_age=20, tense="planned",
                 cloud="aws", services=("Amazon RDS",), negated=False, kind="migration",
                 window=(30, 200), contact=True):
    """One account with a stakeholder activity and one public trigger; returns its id."""
    with session_scope(get_engine(settings.database_url)) as s:
        acc = upsert_account(s, name=name, domain=domain, crm_id=f"crm-{domain}")
        if meeting_age is not None:
            person = upsert_contact(s, account_id=acc.id, name=f"Dana Cho {domain}",
                                    title="CIO", seniority=5) if contact else None
            upsert_activity(s, crm_id=f"act-{domain}-{meeting_age}", account_id=acc.id,
                            kind=activity_kind, direction=direction,
                            occurred_at=AS_OF - timedelta(days=meeting_age),
                            contact_id=person.id if person else None)
        if signal_age is not None:
            add_signal(s, acc.id, domain, signal_age, tense=tense, cloud=cloud,
                       services=services, negated=negated, kind=kind, window=window)
        return acc.id


def add_signal(s, account_id, domain, age, *, tense="planned", cloud="aws",
               services=("Amazon RDS",), negated=False, kind="migration", window=(30, 200)):
    url = f"https://news.example.org/{domain}/{kind}-{age}-{cloud}"
    doc = Document(canonical_url=url, content_hash=url, text="...", published_at=at(age))
    s.add(doc)
    s.flush()
    s.add(Signal(account_id=account_id, document_id=doc.id, kind=kind, tense=tense,
                 cloud=cloud, negated=negated, aws_services=list(services),
                 evidence=f"{domain} {tense} {kind} {cloud}", observed_at=at(age),
                 window_start=AS_OF + timedelta(days=window[0]) if window else None,
                 window_end=AS_OF + timedelta(days=window[1]) if window else None))
    s.flush()


def run(settings, as_of=AS_OF):
    score_all(settings, as_of)
    return promote(settings, as_of)


def lists(settings) -> dict[str, str]:
    return {c["domain"]: c["list"] for c in list_candidates(settings)}


def test_ready_account_is_a_submission_candidate_with_cited_reasons(settings):
    make_account(settings)
    stats = run(settings)
    assert stats.submission == 1 and stats.outreach == 0
    [row] = list_candidates(settings)
    assert row["list"] == "submission" and row["status"] == "proposed"
    assert set(row) == {"account", "domain", "list", "score", "reasons", "evidence", "status"}
    assert row["score"] >= settings.gate.submission_threshold
    urls = [e["url"] for e in row["evidence"] if e["url"]]
    assert urls and urls[0].startswith("https://news.example.org/acmehealth.com/")
    assert any("Dana Cho" in e["evidence"] for e in row["evidence"])  # CRM activity + contact
    assert any("meeting" in r for r in row["reasons"])


@pytest.mark.parametrize("change, expected", [
    ({"activity_kind": "email", "direction": "outbound"}, "outreach"),  # no two-way contact
    ({"meeting_age": 200}, "outreach"),                                 # stale contact
    ({"contact": False}, "outreach"),                                   # no named person
    ({"meeting_age": -3}, "outreach"),                                  # meeting after as_of
    ({"tense": "completed"}, None),                                     # past won
    ({"cloud": "azure", "services": ()}, None),                         # other cloud
    ({"cloud": None, "services": ()}, None),                            # no AWS angle
    ({"negated": True}, None),                                          # "not moving to AWS"
    ({"signal_age": 400}, None),                                        # trigger too old
    ({"signal_age": -2}, None),                                         # trigger after as_of
    ({"window": (-300, -10)}, None),                                    # window already past
    ({"kind": "case_study", "tense": "completed"}, None),               # affinity, not timing
    ({"kind": "leadership_change", "signal_age": 250}, None),           # CIO no longer new
])
def test_each_rule_alone_flips_the_outcome(settings, change, expected):
    make_account(settings, **change)
    run(settings)
    assert lists(settings).get("acmehealth.com") == expected


def test_inbound_reply_counts_as_two_way(settings):
    make_account(settings, activity_kind="email", direction="inbound")
    run(settings)
    assert lists(settings) == {"acmehealth.com": "submission"}


def test_newer_other_cloud_choice_flips(settings):
    make_account(settings, signal_age=100)
    with session_scope(get_engine(settings.database_url)) as s:
        acc_id = s.exec(select(Signal.account_id)).first()
        add_signal(s, acc_id, "acmehealth.com", 5, cloud="azure", services=())
    run(settings)
    assert lists(settings).get("acmehealth.com") is None
    notes = promote(settings, AS_OF)
    assert notes.submission == 0


@pytest.mark.parametrize("opp, blocked", [
    ({"stage": "Qualified", "created": 300}, True),                     # open opportunity
    ({"stage": "Closed Lost", "created": 60}, True),                    # within 120 days
    ({"stage": "Launched", "created": 119}, True),
    ({"stage": "Closed Lost", "created": 200}, False),                  # old and closed
    ({"stage": "Qualified", "created": -5}, False),                     # created after as_of
])
def test_ace_duplicates_by_normalised_customer_domain(settings, opp, blocked):
    make_account(settings)
    with session_scope(get_engine(settings.database_url)) as s:
        s.add(AceOpportunity(ace_id="O-1", customer_name="ACME Health Inc.",
                             customer_domain="https://www.AcmeHealth.com/contact",
                             stage=opp["stage"], review_status="Approved",
                             created_date=AS_OF - timedelta(days=opp["created"]),
                             last_modified_date=AS_OF - timedelta(days=opp["created"] - 3)))
    run(settings)
    assert (lists(settings).get("acmehealth.com") is None) == blocked


def test_partner_itself_is_never_promoted(settings):
    make_account(settings, name="Northwind Cloud Partners", domain="northwindcloud.io")
    make_account(settings, name="Northwind Cloud Partners LLC", domain="nw-partners.net")
    run(settings)
    assert lists(settings) == {}


def test_score_threshold_flips(settings):
    make_account(settings)
    settings.gate.submission_threshold = 0.9999
    run(settings)
    assert lists(settings).get("acmehealth.com") is None


def test_cadence_holds_the_rest_for_next_week(settings):
    settings.cadence.max_submissions_per_week = 2
    for i in range(3):
        make_account(settings, name=f"Acme {i}", domain=f"acme{i}.com", meeting_age=10 + i)
    stats = run(settings)
    assert (stats.submission, stats.new_submission, stats.held_by_cadence) == (2, 2, 1)
    stats = run(settings, AS_OF + timedelta(days=1))  # same ISO week: still full
    assert (stats.new_submission, stats.held_by_cadence) == (0, 1)
    stats = run(settings, AS_OF + timedelta(days=7))  # next week
    assert (stats.submission, stats.new_submission, stats.held_by_cadence) == (3, 1, 0)


def test_rerun_is_idempotent(settings):
    make_account(settings)
    make_account(settings, name="Beta", domain="beta.com", activity_kind="email")
    first = run(settings).as_dict()
    rows = list_candidates(settings)
    again = run(settings).as_dict()
    assert list_candidates(settings) == rows
    assert (again["submission"], again["outreach"]) == (first["submission"], first["outreach"])
    assert again["new_submission"] == 0
    with session_scope(get_engine(settings.database_url)) as s:
        assert len(s.exec(select(Candidate)).all()) == 2


def _decide(settings, status: str, evidence_at: datetime) -> None:
    with session_scope(get_engine(settings.database_url)) as s:
        c = s.exec(select(Candidate)).one()
        c.status, c.reviewer, c.decided_at, c.decision_evidence_at = (
            status, "seller@partner", evidence_at, evidence_at)
        s.add(c)


def test_rejected_stays_out_until_new_evidence(settings):
    acc_id = make_account(settings)
    run(settings)
    _decide(settings, "rejected", at(0))
    stats = run(settings, AS_OF + timedelta(days=1))
    assert stats.rejected_kept_out == 1 and stats.submission == 0
    assert [c["status"] for c in list_candidates(settings)] == ["rejected"]
    with session_scope(get_engine(settings.database_url)) as s:  # a new reply arrives
        upsert_activity(s, crm_id="new-reply", account_id=acc_id, kind="email",
                        direction="inbound", occurred_at=AS_OF + timedelta(days=2))
    stats = run(settings, AS_OF + timedelta(days=3))
    assert stats.returned_after_rejection == 1
    [row] = list_candidates(settings)
    assert (row["list"], row["status"]) == ("submission", "proposed")
    assert any("returned after a seller rejection" in r for r in row["reasons"])


def test_approved_candidate_stays_even_when_evidence_goes_stale(settings):
    make_account(settings)
    run(settings)
    _decide(settings, "approved", at(0))
    stats = run(settings, AS_OF + timedelta(days=200))
    assert [c["status"] for c in list_candidates(settings)] == ["approved"]
    assert stats.kept_decisions == 1


def test_proposed_candidate_removed_when_it_no_longer_qualifies(settings):
    make_account(settings, meeting_age=80)
    run(settings)
    assert lists(settings) == {"acmehealth.com": "submission"}
    stats = run(settings, AS_OF + timedelta(days=30))  # contact now 110 days old: outreach
    assert lists(settings) == {"acmehealth.com": "outreach"}
    stats = run(settings, AS_OF + timedelta(days=400))  # trigger too old too: neither
    assert lists(settings) == {} and stats.removed == 1
