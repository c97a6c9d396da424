"""CRM and ACE CSV import: formats, normalisation, idempotence, and bad input losing nothing."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
from sqlmodel import Session, func, select

from acescout_core.errors import InputError
from crm.importer import import_ace, import_crm
from models import AceOpportunity, Account, Activity, Contact, get_engine
from tests.conftest import FIXTURES

CRM = FIXTURES / "crm"


def _count(settings, table) -> int:
    with Session(get_engine(settings.database_url)) as s:
        return s.exec(select(func.count()).select_from(table)).one()


def _import_all(settings):
    return import_crm(settings, CRM / "accounts.csv", CRM / "contacts.csv", CRM / "activities.csv")


def test_accounts_are_normalised_and_partner_skipped(settings):
    stats = _import_all(settings)
    assert stats.accounts == 3
    assert any("partner" in w for w in stats.warnings)
    with Session(get_engine(settings.database_url)) as s:
        harbor = s.exec(select(Account).where(Account.crm_id == "A1")).one()
        assert harbor.domain == "harborfreightlines.com"
        assert harbor.country == "US" and harbor.state == "CA"
        assert harbor.employees == 1200
        assert s.exec(select(Account).where(Account.domain == "northwindcloud.io")).first() is None


def test_contacts_get_seniority_and_unknown_accounts_warn(settings):
    stats = _import_all(settings)
    assert stats.contacts == 3
    assert any("ZZ" in w for w in stats.warnings)
    with Session(get_engine(settings.database_url)) as s:
        cio = s.exec(select(Contact).where(Contact.crm_id == "C1")).one()
        assert cio.name == "Dana Whitfield" and cio.seniority == 5


def test_duplicate_activity_rows_count_once(settings):
    stats = _import_all(settings)
    assert stats.activities == 3 and stats.duplicates == 1
    assert _count(settings, Activity) == 3


def test_reimport_is_idempotent(settings):
    _import_all(settings)
    import_ace(settings, CRM / "ace.csv")
    before = [_count(settings, t) for t in (Account, Contact, Activity, AceOpportunity)]
    _import_all(settings)
    import_ace(settings, CRM / "ace.csv")
    assert [_count(settings, t) for t in (Account, Contact, Activity, AceOpportunity)] == before


def test_ace_links_by_domain_then_name(settings):
    _import_all(settings)
    stats = import_ace(settings, CRM / "ace.csv")
    assert stats.opportunities == 2
    with Session(get_engine(settings.database_url)) as s:
        o1 = s.exec(select(AceOpportunity).where(AceOpportunity.ace_id == "O-1")).one()
        o2 = s.exec(select(AceOpportunity).where(AceOpportunity.ace_id == "O-2")).one()
        harbor = s.exec(select(Account).where(Account.crm_id == "A1")).one()
        cedar = s.exec(select(Account).where(Account.crm_id == "A2")).one()
    assert o1.account_id == harbor.id and o1.expected_mrr == 4000.0
    assert o1.target_close_date == date(2027, 3, 31)
    assert o2.account_id == cedar.id  # "Cedar Ridge Clinics LLC" -> same normalised name
    assert o2.closed_lost_reason == "Duplicate"


def test_bom_is_tolerated(settings):
    assert import_crm(settings, CRM / "bom.csv").accounts == 1


def test_latin1_file_is_decoded(settings):
    import_crm(settings, CRM / "latin1.csv")
    with Session(get_engine(settings.database_url)) as s:
        assert s.exec(select(Account)).one().name == "Café Lumière"


@pytest.mark.parametrize("name, message", [
    ("missing_columns.csv", "missing required column(s): account_id"),
    ("binary.csv", "binary"),
    ("nope.csv", "file not found"),
])
def test_bad_files_raise_clear_errors(settings, name, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_crm(settings, CRM / name)


def test_a_bad_row_rolls_back_the_whole_import(settings, tmp_path):
    _import_all(settings)
    before = _count(settings, Activity)
    bad = tmp_path / "activities.csv"
    shutil.copy(CRM / "activities.csv", bad)
    with bad.open("a") as fh:
        fh.write("T7,A1,C1,meeting,inbound,2026-11-01,New\n")
        fh.write("T8,A1,C1,telepathy,inbound,2026-11-02,Bad type\n")
    with pytest.raises(InputError, match="type 'telepathy'"):
        import_crm(settings, CRM / "accounts.csv", activities=bad)
    assert _count(settings, Activity) == before  # T7 was not half-written


def test_bad_date_names_the_line(settings, tmp_path):
    bad = tmp_path / "ace.csv"
    bad.write_text("opportunity_id,customer_name,customer_website,stage,created_date\n"
                   "O-9,Foo,foo.com,Qualified,31/12/2026\n")
    with pytest.raises(InputError, match=r"ace.csv:2: created_date"):
        import_ace(settings, bad)


def test_column_map_accepts_crm_headers(settings, tmp_path):
    sf = tmp_path / "sf.csv"
    sf.write_text("Account ID,Account Name,Website\n001,Blue Fjord AS,bluefjord.no\n")
    settings.imports.column_map["accounts"] = {
        "Account ID": "account_id", "Account Name": "name", "Website": "website"}
    assert import_crm(settings, sf).accounts == 1
