"""Review pages through FastAPI's TestClient: list, account, decisions, drafts, charts, runs."""
from __future__ import annotations

import re
import sys
import types
from datetime import date, datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from models import Account, Activity, Candidate, Contact, Document, Run, Score, Signal

AS_OF = date(2025, 6, 16)


def at(days_ago: int) -> datetime:
    return datetime(2025, 6, 16, 9, tzinfo=timezone.utc) - timedelta(days=days_ago)


def add_account(session, name, domain, industry, *, list_name, score, status="proposed",
                signals=(), draft=None, brief=None, reasons=None):
    acc = Account(name=name, normalized_name=name.lower(), domain=domain, industry=industry)
    session.add(acc)
    session.flush()
    ids = []
    for n, (kind, days_ago, text) in enumerate(signals):
        doc = Document(canonical_url=f"https://{domain}/news/{n}", url=f"https://{domain}/news/{n}",
                       title=f"{name} news {n}", content_hash=f"{domain}{n}", text=text)
        session.add(doc)
        session.flush()
        sig = Signal(account_id=acc.id, document_id=doc.id, kind=kind, tense="planned",
                     evidence=text, observed_at=at(days_ago), aws_services=["Amazon RDS"])
        session.add(sig)
        session.flush()
        ids.append(sig.id)
    cand = Candidate(account_id=acc.id, list=list_name, score=score, status=status,
                     reasons=reasons or [{"text": f"{name} reason one", "contribution": 0.3},
                                         {"text": f"{name} reason two"}],
                     evidence_signal_ids=ids, ace_draft=draft or {}, pdm_brief=brief)
    session.add(cand)
    session.flush()
    return acc, cand


@pytest.fixture
def seeded(settings, engine):
    settings.as_of = AS_OF.isoformat()
    with Session(engine, expire_on_commit=False) as s:
        draft = {"Customer": {"Account": {"CompanyName": "Acme Rail", "Industry": "Transportation"}},
                 "Project": {"CustomerBusinessProblem": "Move the dispatch system off a data centre "
                             "whose lease ends in March.", "DeliveryModels": ["Professional Services"],
                             "ExpectedCustomerSpend": [{"Amount": 12500, "CurrencyCode": "USD"}]},
                 "Flags": {"NationalSecurity": False}}
        acme, acme_c = add_account(
            s, "Acme Rail", "acmerail.com", "Transportation", list_name="submission", score=0.82,
            signals=[("datacenter_exit", 5, "Acme Rail will exit its data centre in March."),
                     ("hiring", 40, "Acme Rail is hiring a cloud migration lead.")],
            draft=draft, brief="Acme Rail plans a migration; we ask AWS for architecture review.")
        beta, beta_c = add_account(
            s, "Beta Health", "betahealth.org", "Healthcare", list_name="submission", score=0.66,
            signals=[("compliance", 120, "Beta Health begins a HITRUST assessment.")])
        gamma, gamma_c = add_account(
            s, "Gamma Foods", "gammafoods.com", "Consumer Goods", list_name="outreach", score=0.41,
            signals=[("case_study", 60, "Gamma Foods moved reporting to a data warehouse.")])
        contact = Contact(account_id=acme.id, name="Dana Ortiz", title="CIO")
        s.add(contact)
        s.flush()
        s.add(Activity(crm_id="A1", account_id=acme.id, contact_id=contact.id, kind="meeting",
                       direction="inbound", occurred_at=AS_OF - timedelta(days=3),
                       subject="Exit workshop with the CIO"))
        for acc, value, band in ((acme, 0.82, "high"), (beta, 0.66, "high"), (gamma, 0.41, "medium")):
            s.add(Score(account_id=acc.id, as_of=AS_OF, model_version="prior-v1", score=value,
                        band=band, reasons=[]))
        s.add(Score(account_id=beta.id, as_of=AS_OF - timedelta(days=1), model_version="prior-v1",
                    score=0.1, band="low", reasons=[]))
        s.add(Run(as_of=AS_OF, status="failed", started_at=at(1), finished_at=at(1) + timedelta(seconds=42),
                  stages=[{"stage": "crawl", "seconds": 30.5, "status": "ok",
                           "counts": {"feeds": {"new": 7, "failed": 1}}},
                          {"stage": "extract", "seconds": 11.5, "status": "failed",
                           "error": "ValueError: model not found"}],
                  error="ValueError: model not found"))
        s.commit()
        return {"acme": acme.id, "beta": beta.id, "gamma": gamma.id, "acme_c": acme_c.id,
                "beta_c": beta_c.id, "gamma_c": gamma_c.id}


@pytest.fixture
def client(settings, seeded):
    from review.app import create_app

    return TestClient(create_app(settings), base_url="http://127.0.0.1")


def csrf(client, path="/login") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def row_names(html: str) -> list[str]:
    return re.findall(r'class="account">([^<]+)</a>', html)


def get_candidate(engine, cid) -> Candidate:
    with Session(engine) as s:
        return s.get(Candidate, cid)


def test_list_shows_submission_queue_sorted_by_score(client):
    page = client.get("/")
    assert page.status_code == 200
    assert row_names(page.text) == ["Acme Rail", "Beta Health"]
    assert "Acme Rail reason one" in page.text and "2025-06-11" in page.text  # newest evidence
    assert "band-high" in page.text
    outreach = client.get("/?list=outreach")
    assert row_names(outreach.text) == ["Gamma Foods"]
    assert "band-medium" in outreach.text  # the newest Score row's band, not an older one


def test_list_filters_and_sorting(client):
    assert row_names(client.get("/?min_score=0.7").text) == ["Acme Rail"]
    assert row_names(client.get("/?industry=Healthcare").text) == ["Beta Health"]
    assert row_names(client.get("/?kind=compliance").text) == ["Beta Health"]
    assert row_names(client.get("/?max_age=30").text) == ["Acme Rail"]
    assert row_names(client.get("/?sort=score&order=asc").text) == ["Beta Health", "Acme Rail"]
    assert row_names(client.get("/?sort=evidence&order=desc").text) == ["Acme Rail", "Beta Health"]
    assert row_names(client.get("/?sort=account&order=desc").text) == ["Beta Health", "Acme Rail"]
    assert row_names(client.get("/?min_score=abc&sort=bogus").text) == ["Acme Rail", "Beta Health"]
    empty = client.get("/?kind=funding")
    assert row_names(empty.text) == [] and "match these filters" in empty.text


def test_account_page_shows_evidence_reasons_draft_and_brief(client, seeded):
    page = client.get(f"/accounts/{seeded['acme']}")
    assert page.status_code == 200
    text = page.text
    assert "Acme Rail will exit its data centre in March." in text
    assert 'href="https://acmerail.com/news/0"' in text and "2025-06-11" in text
    assert "Exit workshop with the CIO" in text and "Dana Ortiz" in text
    assert "Acme Rail reason one" in text and "+0.30" in text
    assert 'value="Acme Rail"' in text  # editable ACE field
    assert "we ask AWS for architecture review" in text
    assert text.index("Exit workshop") < text.index("will exit its data centre") < text.index("hiring a cloud")
    assert client.get("/accounts/9999").status_code == 404


def test_approve_records_decision_and_leaves_queue(client, seeded, engine):
    token = csrf(client, f"/accounts/{seeded['acme']}")
    resp = client.post(f"/candidates/{seeded['acme_c']}/approve",
                       data={"csrf_token": token, "reviewer": "Jordan Lee", "reason": "CIO confirmed budget",
                             "next": "/?list=submission"}, follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == f"/?list=submission&decided={seeded['acme_c']}"
    cand = get_candidate(engine, seeded["acme_c"])
    assert cand.status == "approved" and cand.reviewer == "Jordan Lee"
    assert cand.decision_reason == "CIO confirmed budget"
    assert cand.decided_at is not None
    # newest evidence is the CRM meeting 3 days ago (newer than the 5-day-old signal), as the gate counts it
    assert cand.decision_evidence_at.replace(tzinfo=timezone.utc) == datetime(2025, 6, 13, tzinfo=timezone.utc)
    page = client.get(resp.headers["location"])
    assert row_names(page.text) == ["Beta Health"]
    assert "Acme Rail: approved by Jordan Lee" in page.text
    assert row_names(client.get("/?status=approved").text) == ["Acme Rail"]


def test_reject_needs_reason_and_uses_env_reviewer(client, seeded, engine, monkeypatch):
    monkeypatch.setenv("ACESCOUT_REVIEWER", "Sam Seller")
    token = csrf(client)
    url = f"/candidates/{seeded['beta_c']}/reject"
    resp = client.post(url, data={"csrf_token": token, "reason": "  "})
    assert resp.status_code == 400 and "needs a reason" in resp.text
    assert get_candidate(engine, seeded["beta_c"]).status == "proposed"
    resp = client.post(url, data={"csrf_token": token, "reason": "no budget this year",
                                  "next": "//evil.example/x"}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/?list=submission")
    cand = get_candidate(engine, seeded["beta_c"])
    assert (cand.status, cand.reviewer, cand.decision_reason) == ("rejected", "Sam Seller", "no budget this year")


def test_exported_candidate_cannot_be_redecided(client, seeded, engine):
    with Session(engine) as s:
        cand = s.get(Candidate, seeded["gamma_c"])
        cand.status = "exported"
        s.add(cand)
        s.commit()
    resp = client.post(f"/candidates/{seeded['gamma_c']}/reject",
                       data={"csrf_token": csrf(client), "reason": "changed mind"})
    assert resp.status_code == 409
    assert get_candidate(engine, seeded["gamma_c"]).status == "exported"
    assert client.post("/candidates/9999/approve", data={"csrf_token": csrf(client)}).status_code == 404


def draft_form(client, account_id) -> dict:
    html = client.get(f"/accounts/{account_id}").text
    form = html[html.index('action="/accounts/'):]
    data = dict(re.findall(r'<input type="(?:text|number|hidden)"[^>]*name="([^"]+)" value="([^"]*)"', form))
    data.update(re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', form))
    labels = dict(re.findall(r'<span>([^<]+)</span>\s*<(?:input|textarea)[^>]*name="(f\d+)"', form))
    return {"data": data, "field": {label.replace("&nbsp;", " "): name for label, name in labels.items()}}


def test_draft_edits_are_saved_with_types(client, seeded, engine):
    form = draft_form(client, seeded["acme"])
    data, field = form["data"], form["field"]
    data[field["Customer › Account › CompanyName"]] = "Acme Rail Inc."
    data[field["Project › ExpectedCustomerSpend › 0 › Amount"]] = "15000"
    data[field["Project › DeliveryModels"]] = "Professional Services\nManaged Services\n"
    data[field["Flags › NationalSecurity"]] = "on"
    data["pdm_brief"] = "Edited brief."
    resp = client.post(f"/accounts/{seeded['acme']}/draft", data=data, follow_redirects=False)
    assert resp.status_code == 303, resp.text
    cand = get_candidate(engine, seeded["acme_c"])
    assert cand.ace_draft["Customer"]["Account"]["CompanyName"] == "Acme Rail Inc."
    assert cand.ace_draft["Project"]["ExpectedCustomerSpend"][0]["Amount"] == 15000
    assert cand.ace_draft["Project"]["DeliveryModels"] == ["Professional Services", "Managed Services"]
    assert cand.ace_draft["Flags"]["NationalSecurity"] is True
    assert cand.ace_draft["Customer"]["Account"]["Industry"] == "Transportation"
    assert cand.pdm_brief == "Edited brief."
    # the old fingerprint is stale now: a second post from the same page is refused
    assert client.post(f"/accounts/{seeded['acme']}/draft", data=data).status_code == 400


def test_draft_rejects_bad_number_and_locks_after_approval(client, seeded, engine):
    form = draft_form(client, seeded["acme"])
    data = dict(form["data"])
    data[form["field"]["Project › ExpectedCustomerSpend › 0 › Amount"]] = "lots"
    resp = client.post(f"/accounts/{seeded['acme']}/draft", data=data)
    assert resp.status_code == 400 and "is not a number" in resp.text
    assert get_candidate(engine, seeded["acme_c"]).ace_draft["Project"]["ExpectedCustomerSpend"][0]["Amount"] == 12500
    client.post(f"/candidates/{seeded['acme_c']}/approve", data={"csrf_token": data["csrf_token"]})
    page = client.get(f"/accounts/{seeded['acme']}")
    assert 'action="/accounts/' not in page.text and "draft is locked" in page.text
    data = form["data"]
    assert client.post(f"/accounts/{seeded['acme']}/draft", data=data).status_code == 409
    assert client.post(f"/accounts/{seeded['gamma'] + 99}/draft", data=data).status_code == 404


def test_charts_cold_start(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "scoring.model", None)  # import fails: scoring not built
    page = client.get("/charts")
    assert page.status_code == 200
    assert "gate 0.60" in page.text and page.text.count("<svg") == 2
    assert ">documents<" in page.text and ">candidates<" in page.text
    assert "no model yet: cold-start prior" in page.text
    svg = client.get("/charts/histogram.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")
    assert client.get("/charts/calibration.svg").status_code == 404
    assert client.get("/charts/nope.svg").status_code == 404


def test_charts_calibration_from_model_card(client, monkeypatch):
    module = types.ModuleType("scoring.model")
    module.model_card = lambda settings: {
        "version": "lr-2025-06", "auc": 0.81,
        "calibration": {"prob_pred": [0.1, 0.5, 0.9], "prob_true": [0.15, 0.45, 0.8], "counts": [30, 20, 10]}}
    monkeypatch.setitem(sys.modules, "scoring.model", module)
    page = client.get("/charts")
    assert "cold-start" not in page.text and page.text.count("<circle") == 3
    assert "lr-2025-06" in page.text and "0.81" in page.text
    assert client.get("/charts/calibration.svg").status_code == 200


def test_charts_read_the_scoring_model_card(client, settings):
    """The real scoring.model: no card on disk is a cold start; a saved card draws calibration."""
    import json

    from scoring.model import model_dir

    assert "no model yet: cold-start prior" in client.get("/charts").text
    folder = model_dir(settings)
    folder.mkdir(parents=True)
    card = {"version": "model-20250601T000000000000", "auc": 0.77, "calibration": [
        {"bin": "0.1-0.2", "count": 14, "mean_predicted": 0.14, "observed_rate": 0.1},
        {"bin": "0.5-0.6", "count": 9, "mean_predicted": 0.55, "observed_rate": 0.6},
        {"bin": "0.8-0.9", "count": 6, "mean_predicted": 0.84, "observed_rate": 0.83}]}
    (folder / "model-20250601T000000000000.card.json").write_text(json.dumps(card))
    page = client.get("/charts").text
    assert page.count("<circle") == 3 and "n=14" in page and "cold-start" not in page


def test_charts_survive_a_failing_model_card(client, monkeypatch):
    module = types.ModuleType("scoring.model")

    def broken(settings):
        raise FileNotFoundError("no model file")

    module.model_card = broken
    monkeypatch.setitem(sys.modules, "scoring.model", module)
    assert "no model yet: cold-start prior" in client.get("/charts").text


def test_runs_page_shows_stage_counts_durations_and_failures(client):
    page = client.get("/runs")
    assert page.status_code == 200
    assert "feeds.new <strong>7</strong>" in page.text
    assert "30.5 s" in page.text and "42.0 s" in page.text
    assert "ValueError: model not found" in page.text and "status-failed" in page.text


def test_healthz_static_and_unknown_route(client):
    assert client.get("/healthz").text == "ok"
    css = client.get("/static/review.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "<h1>404</h1>" in missing.text
