"""Domain and company-name keys that account matching relies on."""
import pytest

from acescout_core.domains import normalize_company_name, normalize_domain


@pytest.mark.parametrize("value, expected", [
    ("https://www.Acme.co.uk/about?x=1", "acme.co.uk"),
    ("acme.com", "acme.com"),
    ("http://shop.acme.com:8080", "acme.com"),
    ("jane@mail.acme.io", "acme.io"),
    ("x", None),
    ("", None),
    (None, None),
    ("not a domain", None),
    ("localhost", None),
])
def test_normalize_domain(value, expected):
    assert normalize_domain(value) == expected


@pytest.mark.parametrize("a, b", [
    ("Harbor Freight Lines Inc.", "Harbor Freight Lines"),
    ("Kestrel Analytics GmbH", "kestrel analytics"),
    ("Smith & Sons Ltd", "Smith and Sons"),
])
def test_legal_suffixes_do_not_matter(a, b):
    assert normalize_company_name(a) == normalize_company_name(b)


def test_different_companies_stay_different():
    assert normalize_company_name("Apex Logistics Group") != normalize_company_name("Apex Logic Systems")
