"""CSV exports: formula injection neutralised everywhere, BOM option, CRM header mappings."""
from __future__ import annotations

import csv
import io

import pytest

from exports.ace_csv import COLUMNS
from exports.run import export
from exports.safe_csv import neutralise, render_csv
from models import Account, Candidate, get_engine, session_scope
from test_export_support import AS_OF, seed

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"])
def test_formula_triggers_are_prefixed(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell,expected", [("plain", "plain"), (" =x", " =x"), (None, ""),
                                           (42, "42"), (-3, "-3"), (1.5, "1.5")])
def test_safe_cells_are_unchanged(cell, expected):
    assert neutralise(cell) == expected


def test_bom_only_when_asked():
    assert render_csv(["a"], [["x"]], bom=True).startswith("\ufeff")
    assert not render_csv(["a"], [["x"]]).startswith("\ufeff")


def _cells(path):
    text = path.read_text(encoding="utf-8-sig")
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def _poison(settings, ids):
    with session_scope(get_engine(settings.database_url)) as s:
        acme = s.get(Account, s.get(Candidate, ids["acme"]).account_id)
        acme.name = "=HYPERLINK(\"http://evil\",\"Acme\")"
        hooli = s.get(Candidate, ids["hooli"])
        hooli.reasons = [{"text": "@SUM(1+1)*cmd|' /C calc'!A0"}]
        hooli_account = s.get(Account, hooli.account_id)
        hooli_account.industry = "+Internet"
        s.add_all([acme, hooli, hooli_account])


@pytest.mark.parametrize("kind", ["crm", "ace-csv"])
def test_every_csv_export_neutralises_formulas(settings, tmp_path, kind):
    ids = seed(settings)
    _poison(settings, ids)
    result = export(settings, kind, tmp_path, as_of=AS_OF)
    csvs = [p for p in result.paths if p.suffix == ".csv"]
    assert csvs
    cells = [c for p in csvs for c in _cells(p)]
    assert not [c for c in cells if c.startswith(TRIGGERS)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    if kind == "crm":
        assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells and "'+Internet" in cells


def test_excel_bom_setting(settings, tmp_path):
    seed(settings)
    settings.export.excel_bom = True
    path = export(settings, "crm", tmp_path / "bom", as_of=AS_OF).paths[0]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    settings.export.excel_bom = False
    path = export(settings, "crm", tmp_path / "plain", as_of=AS_OF).paths[0]
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def _read(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_crm_generic_rows(settings, tmp_path):
    seed(settings)
    rows = _read(export(settings, "crm", tmp_path, as_of=AS_OF).paths[0])
    assert [r["name"] for r in rows][:3] == ["Acme Health Systems", "Globex Bank", "Initech"]
    acme = rows[0]
    assert acme["score"] == "0.91" and acme["band"] == "high" and acme["list"] == "submission"
    assert acme["reasons"] == "timing window dated"
    assert acme["evidence_urls"].split() == ["https://news.example.org/acme-hipaa",
                                             "https://jobs.example.org/acme-aws"]
    assert {r["list"] for r in rows} == {"submission", "outreach"}


@pytest.mark.parametrize("fmt,name_col,score_col", [("salesforce", "Account Name", "ACE_Score__c"),
                                                    ("hubspot", "Company name", "acescout score")])
def test_crm_header_mappings(settings, tmp_path, fmt, name_col, score_col):
    seed(settings)
    settings.export.crm_format = fmt
    rows = _read(export(settings, "crm", tmp_path, as_of=AS_OF).paths[0])
    assert rows[0][name_col] == "Acme Health Systems" and rows[0][score_col] == "0.91"


def test_field_map_overrides_headers(settings, tmp_path):
    seed(settings)
    settings.export.crm_format = "salesforce"
    settings.export.field_map = {"salesforce": {"score": "Fit_Score__c"},
                                 "ace-csv": {"Use Case": "Customer Use Case"}}
    rows = _read(export(settings, "crm", tmp_path / "crm", as_of=AS_OF).paths[0])
    assert "Fit_Score__c" in rows[0] and "ACE_Score__c" not in rows[0]
    ace = _read(export(settings, "ace-csv", tmp_path / "ace", as_of=AS_OF).paths[0])
    assert "Customer Use Case" in ace[0] and "Use Case" not in ace[0]


def test_ace_csv_has_the_template_columns_and_lint_clean_rows(settings, tmp_path):
    seed(settings)
    result = export(settings, "ace-csv", tmp_path, as_of=AS_OF)
    path = result.paths[0]
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert header == COLUMNS
    rows = _read(path)
    assert {r["Customer Company Name"] for r in rows} == {"Acme Health Systems", "Globex Bank",
                                                          "Initech"}
    acme = next(r for r in rows if r["Customer Company Name"] == "Acme Health Systems")
    assert acme["State/Province"] == "California" and acme["Stage"] == "Qualified"
    assert float(acme["Estimated AWS Monthly Recurring Revenue"]) > 0
    assert result.counts == {"rows": 3, "blocked": 0}
