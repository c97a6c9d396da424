"""CreateOpportunity drafts, the ace-api export, ClientTokens and the PDM brief."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from exports import vocabulary
from exports.ace_model import load_model
from exports.linter import has_errors, lint, load_context
from exports.pdm_brief import ASKS
from exports.run import export
from models import Account, Candidate, get_engine, session_scope
from test_export_support import AS_OF, seed


def _payloads(out):
    return {p.name: json.loads(p.read_text()) for p in sorted(out.glob("opportunity-*.json"))}


def test_ace_api_writes_one_linted_request_per_live_submission_candidate(settings, tmp_path):
    seed(settings)
    result = export(settings, "ace-api", tmp_path / "api", as_of=AS_OF)
    payloads = _payloads(tmp_path / "api")
    # rejected (umbrella) and outreach (hooli) accounts are never drafted
    assert set(payloads) == {"opportunity-acmehealth.com.json",
                             "opportunity-globexbank.co.uk.json", "opportunity-initech.io.json"}
    assert result.counts == {"payloads": 3, "blocked": 0}
    ctx = load_context(settings, AS_OF)
    for payload in payloads.values():
        assert not has_errors(lint(payload, ctx)), payload
        assert payload["Origin"] == "Partner Referral" and payload["Catalog"] == "Sandbox"
        assert payload["LifeCycle"]["Stage"] == "Qualified"
        assert payload["LifeCycle"]["TargetCloseDate"] > AS_OF.isoformat()
    report = json.loads((tmp_path / "api" / "report.json").read_text())
    assert report["ready"] == 3 and (tmp_path / "api" / "report.md").exists()


def test_payload_is_written_from_the_evidence(settings, tmp_path):
    seed(settings)
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    acme = _payloads(tmp_path)["opportunity-acmehealth.com.json"]
    account = acme["Customer"]["Account"]
    assert account["Industry"] == "Healthcare"  # CRM "Hospital & Health Care"
    assert account["Address"] == {"CountryCode": "US", "StateOrRegion": "California"}
    problem = acme["Project"]["CustomerBusinessProblem"]
    assert "HIPAA" in problem and "Jane Doe" in problem and "Amazon EKS" in problem
    assert acme["LifeCycle"]["TargetCloseDate"] == (AS_OF + timedelta(days=150)).isoformat()
    assert acme["Project"]["SalesActivities"] == [
        "Initialized discussions with customer", "Customer has shown interest in solution",
        "In evaluation / planning stage"]  # meeting + inbound reply + "discovery workshop"
    globex = _payloads(tmp_path)["opportunity-globexbank.co.uk.json"]
    assert globex["Customer"]["Account"]["Industry"] == "Financial Services"
    assert globex["Customer"]["Account"]["Address"] == {"CountryCode": "GB"}
    assert "Co-Sell - Support for Public Tender / RFx" in globex["PrimaryNeedsFromAws"]
    assert globex["Project"]["SalesActivities"] == ["Initialized discussions with customer"]


def test_amounts_follow_the_config_rule_and_vary(settings, tmp_path):
    seed(settings)
    settings.export.mrr_per_service = 1000
    settings.export.mrr_minimum = 500
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    amounts = {k: float(v["Project"]["ExpectedCustomerSpend"][0]["Amount"])
               for k, v in _payloads(tmp_path).items()}
    # acme: 2 evidence services x 1000 x 1.4 (1800 employees); globex: 1 x 1000 x 1.0;
    # initech: no service named -> the offering's 2 x 1000 x 0.6 (90 employees)
    assert amounts == {"opportunity-acmehealth.com.json": 2800.0,
                       "opportunity-globexbank.co.uk.json": 1000.0,
                       "opportunity-initech.io.json": 1200.0}
    settings.export.mrr_minimum = 5000
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    floors = {float(v["Project"]["ExpectedCustomerSpend"][0]["Amount"])
              for v in _payloads(tmp_path).values()}
    assert floors == {5000.0}
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["finding_counts"].get("identical_amount") == 3  # flagged, as a warning


def test_rerun_is_idempotent_and_client_tokens_are_stable(settings, tmp_path):
    ids = seed(settings)
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == mtimes
    token = json.loads(first["opportunity-acmehealth.com.json"])["ClientToken"]
    export(settings, "ace-api", tmp_path, as_of=AS_OF + timedelta(days=14))  # another week
    assert _payloads(tmp_path)["opportunity-acmehealth.com.json"]["ClientToken"] == token
    with session_scope(get_engine(settings.database_url)) as s:
        assert s.get(Candidate, ids["acme"]).client_token == token
        assert len({c.client_token for c in s.exec(select(Candidate)).all()
                    if c.client_token}) == 3


def test_client_token_is_uuid5_of_account_and_week(settings):
    from exports.ace_payload import client_token
    from exports.evidence import load_evidence

    ids = seed(settings)
    with session_scope(get_engine(settings.database_url)) as s:
        ev = load_evidence(s, s.get(Candidate, ids["acme"]))
        monday, sunday = client_token(ev, AS_OF), client_token(ev, AS_OF + timedelta(days=6))
        assert monday == sunday != client_token(ev, AS_OF + timedelta(days=7))
        ev.candidate.client_token = "stored-token"
        assert client_token(ev, AS_OF + timedelta(days=30)) == "stored-token"


def test_candidate_failing_lint_is_reported_not_written(settings, tmp_path):
    ids = seed(settings)
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    assert (tmp_path / "opportunity-initech.io.json").exists()
    with session_scope(get_engine(settings.database_url)) as s:
        initech = s.get(Account, s.get(Candidate, ids["initech"]).account_id)
        initech.state = None  # a US customer without a state: ACE rejects it
        s.add(initech)
    result = export(settings, "ace-api", tmp_path, as_of=AS_OF)
    assert not (tmp_path / "opportunity-initech.io.json").exists()  # stale ready file removed
    assert result.counts == {"payloads": 2, "blocked": 1}
    report = json.loads((tmp_path / "report.json").read_text())
    blocked = [c for c in report["candidates"] if not c["ready"]]
    assert [c["customer"] for c in blocked] == ["Initech"]
    assert "us_state_missing" in {f["code"] for f in blocked[0]["findings"]}
    assert "us_state_missing" in (tmp_path / "report.md").read_text()


def test_ace_duplicate_in_history_blocks_the_draft(settings, tmp_path):
    from models.crud import upsert_ace_opportunity

    seed(settings)
    with session_scope(get_engine(settings.database_url)) as s:
        upsert_ace_opportunity(s, ace_id="O777", customer_name="Globex Bank plc",
                               customer_domain="https://www.globexbank.co.uk", stage="Qualified",
                               created_date=AS_OF - timedelta(days=100))
    result = export(settings, "ace-api", tmp_path, as_of=AS_OF)
    assert result.counts["blocked"] == 1
    assert "duplicate_customer" in {f["code"] for f in result.findings["globexbank.co.uk"]}


def test_pdm_brief_is_stored_per_candidate(settings, tmp_path):
    ids = seed(settings)
    export(settings, "ace-api", tmp_path, as_of=AS_OF)
    with session_scope(get_engine(settings.database_url)) as s:
        brief = s.get(Candidate, ids["acme"]).pdm_brief
        draft = s.get(Candidate, ids["acme"]).ace_draft
        assert s.get(Candidate, ids["umbrella"]).pdm_brief is None
    amount = float(draft["Project"]["ExpectedCustomerSpend"][0]["Amount"])
    assert brief.startswith("Acme Health Systems")
    assert f"${amount:,.0f} per month" in brief
    assert "HIPAA" in brief and "Jane Doe" in brief
    assert "We ask the AWS field seller to validate the target architecture" in brief
    assert "\n" not in brief  # one paragraph


def test_vocabulary_targets_exist_in_the_model():
    model = load_model()
    industries = set(model.allowed_values("Customer.Account.Industry"))
    assert {v for _, v in vocabulary.INDUSTRY_KEYWORDS} <= industries
    states = set(model.allowed_values("Customer.Account.Address.StateOrRegion"))
    assert set(vocabulary.US_STATE_CODES.values()) <= states
    countries = set(model.allowed_values("Customer.Account.Address.CountryCode"))
    assert set(vocabulary.COUNTRY_ALIASES.values()) <= countries
    assert set(vocabulary.SALES_ACTIVITY_RULES) <= set(model.allowed_values("Project.SalesActivities"))
    needs = set(model.allowed_values("PrimaryNeedsFromAws"))
    assert {n for *_, n in vocabulary.NEED_RULES} | {vocabulary.DEFAULT_NEED} <= needs
    assert set(ASKS) == needs


@pytest.mark.parametrize("text,expected", [
    ("Hospital & Health Care", ("Healthcare", None)), ("Computer Software", ("Software and Internet", None)),
    ("financial services", ("Financial Services", None)), ("Basket weaving", ("Other", "Basket weaving")),
])
def test_industry_mapping(text, expected):
    assert vocabulary.industry_for(text) == expected


def test_outbound_only_email_backs_no_sales_activity():
    assert vocabulary.backed_sales_activities(
        [{"kind": "email", "direction": "outbound", "subject": "Intro"}]) == []


def test_seller_edits_to_the_draft_survive_the_next_export(settings, tmp_path):
    from sqlmodel import Session, select

    from models import Candidate, get_engine, session_scope
    from models.tables import utcnow

    seed(settings)
    export(settings, "ace-api", tmp_path / "api", as_of=AS_OF)
    with session_scope(get_engine(settings.database_url)) as session:
        cand = session.exec(select(Candidate).where(Candidate.ace_draft != {})).first()
        draft = dict(cand.ace_draft)
        draft["Project"] = {**draft["Project"], "Title": "Seller-written title for the PDM"}
        cand.ace_draft, cand.draft_edited_at, cand_id = draft, utcnow(), cand.id
    export(settings, "ace-api", tmp_path / "api", as_of=AS_OF)
    titles = {p["Project"]["Title"] for p in _payloads(tmp_path / "api").values()}
    assert "Seller-written title for the PDM" in titles
    with Session(get_engine(settings.database_url)) as session:
        assert session.get(Candidate, cand_id).ace_draft["Project"]["Title"].startswith("Seller")
