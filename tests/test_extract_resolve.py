"""Account resolution: domain first, legal name, fuzzy with a margin; the partner never resolves."""
from __future__ import annotations

from extract.resolve import AccountIndex, AccountRecord, domain_for, text_domains

ACCOUNTS = [
    AccountRecord(1, "Apex Logistics Group", "apexlogistics.com"),
    AccountRecord(2, "Apex Logic Systems", "apexlogic.io"),
    AccountRecord(3, "Brightwater Health", "brightwaterhealth.com", aliases=["Brightwater"]),
    AccountRecord(4, "Cobalt Ridge Manufacturing", "cobaltridgemfg.com"),
]


def index() -> AccountIndex:
    return AccountIndex(ACCOUNTS, ["Northwind Cloud Partners", "Northwind"], "northwindcloud.io")


def test_domain_first():
    assert index().resolve("Some Other Name", "https://www.apexlogic.io/news").id == 2
    assert index().resolve("Apex", "jane@apexlogistics.com").id == 1


def test_legal_name_and_aliases():
    assert index().resolve("Apex Logistics Group, Inc.").id == 1
    assert index().resolve("Brightwater").id == 3
    assert index().resolve("Cobalt Ridge").id == 4


def test_fuzzy_match_with_margin():
    assert index().resolve("Apex Logistic Group").id == 1  # a typo


def test_near_identical_different_companies_stay_apart():
    idx = index()
    assert idx.resolve("Apex Logic Systems Inc").id == 2
    assert idx.resolve("Apex Logistics").id == 1
    assert idx.resolve("Apex Logix") is None
    assert idx.resolve("Apex Labs") is None


def test_partner_never_resolves():
    idx = AccountIndex(ACCOUNTS + [AccountRecord(9, "Northwind Cloud Partners", "northwindcloud.io")],
                       ["Northwind Cloud Partners"], "northwindcloud.io")
    assert idx.resolve("Northwind Cloud Partners") is None
    assert idx.resolve("Anything", "sales@northwindcloud.io") is None


def test_domains_in_text():
    text = "Visit www.acmelogistics.com or email press@prnewswire.com or jane@acmelogistics.com."
    assert text_domains(text) == ["acmelogistics.com"]
    assert domain_for("Acme Logistics Inc.", ["foo.com", "acmelogistics.com"]) == "acmelogistics.com"
    assert domain_for("Acme Logistics", ["apexlogic.io"]) is None
