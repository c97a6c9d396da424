"""The review page in a real browser: Playwright driving Debian's Chromium."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models import Account, Candidate

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture
def site(settings, monkeypatch):
    from review.app import create_app
    from review.sample import SAMPLE_AS_OF, seed_sample
    from review.screenshots import running_server

    monkeypatch.setenv("ACESCOUT_REVIEWER", "Jordan Lee")
    settings.as_of = SAMPLE_AS_OF.isoformat()
    ids = seed_sample(settings, SAMPLE_AS_OF)
    with running_server(create_app(settings)) as base:
        yield base, ids


@pytest.fixture
def page():
    from review.screenshots import chromium_page

    with chromium_page() as p:
        dialogs: list[str] = []
        p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        p.dialogs = dialogs
        yield p


def test_open_candidate_approve_and_it_leaves_the_queue(site, page, engine):
    base, ids = site
    page.goto(base + "/")
    rows = page.locator("table.candidates tbody tr")
    assert rows.count() == 4
    assert rows.first.locator("a.account").inner_text() == "Harbor Freight Logistics"

    page.get_by_role("link", name="Harbor Freight Logistics").click()
    page.wait_for_url(re.compile(r"/accounts/\d+$"))
    assert page.locator("ol.timeline li").count() == 5
    assert "Columbus, Ohio data center" in page.locator("ol.timeline").inner_text()

    page.get_by_label("Reason").fill("CIO confirmed the March exit in the workshop")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(re.compile(r"/\?list=submission&decided=\d+$"))
    assert "Harbor Freight Logistics: approved by Jordan Lee" in page.locator("p.flash").inner_text()
    names = page.locator("table.candidates a.account").all_inner_texts()
    assert "Harbor Freight Logistics" not in names and len(names) == 3

    with Session(engine) as s:
        cand = s.exec(select(Candidate).where(
            Candidate.account_id == ids["harborfreightlogistics.com"])).one()
        assert cand.status == "approved" and cand.reviewer == "Jordan Lee"
        assert cand.decision_reason == "CIO confirmed the March exit in the workshop"
        assert cand.decided_at is not None and cand.decision_evidence_at is not None

    page.select_option("select[name=status]", "approved")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("table.candidates a.account").all_inner_texts() == ["Harbor Freight Logistics"]


def test_script_in_a_press_release_renders_as_text(site, page, engine):
    base, ids = site
    page.goto(f"{base}/accounts/{ids['pinecrestusd.org']}")
    snippet = page.locator("blockquote.snippet").first.inner_text()
    assert "<script>alert('press release')</script>" in snippet
    assert page.locator("main script").count() == 0
    assert page.dialogs == []


def test_reject_without_reason_is_refused_in_the_browser(site, page, engine):
    base, ids = site
    page.goto(f"{base}/accounts/{ids['cobaltridgecu.org']}")
    page.get_by_role("button", name="Reject").click()
    assert "needs a reason" in page.locator("p.error").inner_text()
    with Session(engine) as s:
        acc = s.get(Account, ids["cobaltridgecu.org"])
        cand = s.exec(select(Candidate).where(Candidate.account_id == acc.id)).one()
        assert cand.status == "proposed"
