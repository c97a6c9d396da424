"""ACE pipeline hygiene audit: one opportunity per DOMAIN.md rule, plus a clean one."""
from __future__ import annotations

from datetime import date

import pytest

from acescout_core.errors import InputError
from exports.hygiene import audit, render_text

AS_OF = date(2025, 6, 2)  # a Monday
HEADER = ("opportunity_id,customer_name,customer_website,stage,review_status,origin,"
          "created_date,last_modified_date,target_close_date,expected_mrr,closed_lost_reason")
ROWS = [
    "O1,Clean Co,clean.com,Technical Validation,Approved,Partner Referral,2025-04-01,2025-05-25,2025-08-01,4000,",
    "O2,No Date Inc,nodate.com,Business Validation,Approved,Partner Referral,2025-05-01,2025-05-30,,3000,",
    "O3,Slipped Ltd,slipped.com,Committed,Approved,Partner Referral,2025-03-01,2025-05-30,2025-05-20,3000,",
    "O4,Recent Slip,recentslip.com,Committed,Approved,Partner Referral,2025-03-01,2025-05-30,2025-05-30,3000,",
    "O5,Stale Corp,stale.com,Technical Validation,Approved,Partner Referral,2025-04-01,2025-04-01,2025-09-01,3000,",
    "O6,Early Bird,earlybird.com,Prospect,Approved,Partner Referral,2025-03-01,2025-05-30,2025-09-01,3000,",
    "O7,Lost Co,lost.com,Closed Lost,Approved,Partner Referral,2025-01-01,2025-02-01,2025-02-01,0,",
    "O8,Lost Right,lostright.com,Closed Lost,Approved,Partner Referral,2025-01-01,2025-02-01,2025-02-01,0,Price",
    "O9,Twin A,https://www.twin.com,Technical Validation,Approved,Partner Referral,2025-05-01,2025-05-30,2025-09-01,3000,",
    "O10,Twin A Inc,twin.com/about,Business Validation,Approved,Partner Referral,2025-05-02,2025-05-30,2025-09-01,3000,",
    "O11,Waiting Co,waiting.com,Technical Validation,Action Required,Partner Referral,2025-05-01,2025-05-22,2025-09-01,3000,",
    "O12,Launched Co,launched.com,Launched,Approved,Partner Referral,2024-01-01,2024-03-01,2024-03-01,9000,",
]


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "opps.csv"
    path.write_text("\ufeff" + HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    return audit(path, AS_OF)


def _rules(report, opp):
    return {f["rule"] for f in report["findings"] if f["opportunity_id"] == opp}


@pytest.mark.parametrize("opp,rules", [
    ("O1", set()),
    ("O2", {"close_date_missing"}),
    ("O3", {"not_closed_within_week"}),
    ("O4", {"close_date_past"}),
    ("O5", {"stale_update"}),
    ("O6", {"early_stage_too_long"}),
    ("O7", {"closed_without_reason"}),
    ("O8", set()),
    ("O9", {"duplicate_customer"}),
    ("O10", {"duplicate_customer"}),
    ("O11", {"follow_up_overdue"}),  # 2025-05-22 -> 2025-06-02 is 7 business days
    ("O12", set()),
])
def test_each_hygiene_rule(report, opp, rules):
    assert _rules(report, opp) == rules


def test_report_totals_and_text(report):
    assert report["opportunities"] == 12 and report["open"] == 9 and report["clean"] == 3
    assert report["counts"]["duplicate_customer"] == 2
    text = render_text(report)
    assert "O3" in text and "not_closed_within_week" in text and "12 opportunities" in text


def test_follow_up_within_five_business_days_is_fine(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "\nO1,A,a.com,Qualified,Action Required,Partner Referral,"
                    "2025-05-20,2025-05-27,2025-09-01,1,\n")
    assert audit(path, AS_OF)["findings"] == []  # 4 business days


def test_bad_date_is_an_input_error(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "\nO1,A,a.com,Qualified,,,soon,2025-05-27,2025-09-01,1,\n")
    with pytest.raises(InputError, match="not a date"):
        audit(path, AS_OF)


def test_clean_pipeline_says_so(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(HEADER + "\n" + ROWS[0] + "\n")
    assert "No hygiene problems found." in render_text(audit(path, AS_OF))
