"""Stakeholders: person + title + organisation, titles stripped from names, seniority."""
from __future__ import annotations

import re

import pytest

from extract.patterns import load_patterns
from extract.people import clean_name, find_people, seniority_of
from extract.pipeline import entity_spans, load_rules
from extract.subject import Org


def people(text: str, persons: list[str], orgs: list[str] = (), default_org: str | None = None):
    """Run find_people with PERSON/ORG spans given by hand (the NER's part) and real title spans."""
    doc = load_rules()(text)
    seniority = load_patterns().seniority
    titles = [(s.start_char, s.end_char, s.text, seniority.get(s.id_, 0))
              for s in entity_spans(doc) if s.label_ == "TITLE"]
    p_spans = [(m.start(), m.end(), m.group(0)) for p in persons for m in re.finditer(re.escape(p), text)]
    o_spans = [Org(m.start(), m.end(), o) for o in orgs for m in re.finditer(re.escape(o), text)]
    return {p.name: p for p in find_people(text, p_spans, titles, sorted(o_spans, key=lambda o: o.start),
                                           default_org)}


def test_title_before_name():
    found = people("Acme said CIO Jane Smith will lead the program.", ["CIO Jane Smith"],
                   default_org="Acme")
    assert found["Jane Smith"].title == "CIO"
    assert found["Jane Smith"].seniority == 5
    assert found["Jane Smith"].organization == "Acme"


def test_name_comma_title_of_area_at_org():
    found = people("Jane Smith, VP of Infrastructure at Apex Logistics, said the move is on track.",
                   ["Jane Smith"], ["Apex Logistics"])
    p = found["Jane Smith"]
    assert p.title == "VP of Infrastructure"
    assert p.organization == "Apex Logistics"
    assert p.seniority == 4


def test_title_of_org_is_not_part_of_the_title():
    found = people('"We are ready," said Tom Lee, Chief Technology Officer of Beta Corp.',
                   ["Tom Lee"], ["Beta Corp"])
    assert found["Tom Lee"].title == "Chief Technology Officer"
    assert found["Tom Lee"].organization == "Beta Corp"


def test_appointed_as_lowercase_title():
    found = people("Donaldson announced the appointment of Richard Lewis as chief operating officer.",
                   ["Richard Lewis"], ["Donaldson"])
    assert found["Richard Lewis"].title == "chief operating officer"
    assert found["Richard Lewis"].seniority == 5


def test_people_without_a_role_are_named_but_nobodys_stakeholders():
    found = people("Jane Smith visited the plant on Monday.", ["Jane Smith"], default_org="Acme")
    assert found["Jane Smith"].organization is None and found["Jane Smith"].title == ""
    assert people("Gift Card winners visited the plant.", ["Gift Card"]) == {}
    assert people("Zorblat Quenty visited the plant.", ["Zorblat Quenty"]) == {}  # no given name


def test_names_in_contact_details_and_bylines_are_not_people():
    assert people("Media contact: Jane Smith, jane@acme.example, +1 (312) 907-2842",
                  ["Jane Smith"]) == {}
    assert people("By Jane Smith\n\nAcme opened a plant.", ["Jane Smith"]) == {}


@pytest.mark.parametrize("span, name", [("Joey Doe - Data Architect", "Joey Doe"),
                                        ("Proactive's Jonathan Roe", "Jonathan Roe"),
                                        ("Thomas Roe Discusses", "Thomas Roe"),
                                        ("stated Ben Roe", "Ben Roe")])
def test_ner_overreach_is_cut_from_names(span, name):
    assert clean_name(span, []) == name


def test_clean_name_strips_titles_and_honorifics():
    assert clean_name("Dr. Jane Smith", []) == "Jane Smith"
    assert clean_name("CIO Jane Smith", ["CIO"]) == "Jane Smith"
    assert clean_name("Anthony Marchese invited", []) == "Anthony Marchese"
    assert seniority_of("Senior Director of Cloud", 3) == 3
    assert seniority_of("Vice President, Engineering", 2) == 4


def test_rule_found_appointees_and_speakers_the_small_ner_misses():
    from extract.extractor import appointees

    text = ("Acme Bank announced the appointment of Rena Okoro as Executive Vice President. "
            "“We are ready,” said CCO of All Court Sports, Bryan Ode. He succeeds Allan Cabrera, "
            "who retires. The firm named Chief Officer as its lead.")
    assert [name for _s, _e, name in appointees(text)] == ["Rena Okoro", "Bryan Ode",
                                                           "Allan Cabrera"]


@pytest.mark.parametrize("name,ok", [
    ("Jane Smith", True), ("Nancy de los Santos", True), ("Donut Labs", False),
    ("Managing Partner", False), ("of Cloudbench", False), ("Jane", False),
    ("Anthony Marchese Invited", False), ("Calder Dynamics", False), ("Cardinal Digital", False),
])
def test_organisations_and_roles_are_not_people(name, ok):
    from extract.people import looks_like_person

    assert looks_like_person(name) is ok


def test_owners_and_public_roles_are_titles_too():
    found = people("Anti-bullying advocate Tim Doe, owner of Kato Dojo, teamed up with the museum.",
                   ["Tim Doe"], ["Kato Dojo"])
    assert found["Tim Doe"].title.startswith("owner") and found["Tim Doe"].organization == "Kato Dojo"


def test_named_in_a_sentence_with_a_role_but_no_adjacent_title():
    text = ("Calder Bio announced the appointment of Eric Doe, PhD, as its new Chief Executive "
            "Officer. Mary Roe enjoys hiking.")
    found = people(text, ["Eric Doe", "Mary Roe"], default_org="Calder Bio")
    assert found["Eric Doe"].title == ""  # whose title it is, the sentence does not say
    assert found["Eric Doe"].organization == "Calder Bio"
    assert found["Mary Roe"].organization is None  # named, with no role: nobody's stakeholder


@pytest.mark.parametrize("raw, name", [("Exovera Hires", "Exovera"), ("Johnny Black Interviews", "Johnny Black"),
                                       ("Rochee Jeffrey Producer", "Rochee Jeffrey"),
                                       ("Dan Pontefract Dan Pontefract", "Dan Pontefract")])
def test_verbs_credits_and_doubled_headings_are_cut_from_names(raw, name):
    assert clean_name(raw, []) == name


@pytest.mark.parametrize("name", ["Zionix Global", "Vonmark Supervisory", "Award Winner",
                                  "Calder Biotherapeutics"])
def test_businesses_and_labels_are_not_people(name):
    from extract.people import looks_like_person

    assert not looks_like_person(name)


@pytest.mark.parametrize("text, name", [
    ("Paul Doe spoke with Steve Darling from Proactive about the merger.", "Steve Darling"),
    ("The studio was founded by Mara Quill in 2019.", "Mara Quill"),
    ("Lena Ortiz, who grew up in Tucson, wrote the book.", "Lena Ortiz")])
def test_people_in_a_person_context_without_a_title(text, name):
    assert name in people(text, [name])


@pytest.mark.parametrize("raw, name", [("HE Abdallah Doe", "Abdallah Doe"),
                                       ("Back Vanessa Roe", "Vanessa Roe"),
                                       ("Promotes Barry Quillon", "Barry Quillon"),
                                       ("Sudipta Quill Spearheads", "Sudipta Quill")])
def test_honorifics_and_headline_words_before_a_name(raw, name):
    assert clean_name(raw, []) == name


def test_a_name_cut_short_gives_way_to_the_full_name():
    text = "Calder Appoints Naveen Kumar Doe as CFO. Naveen Kumar Doe, CFO, said the plan is set."
    found = people(text, ["Kumar Doe", "Naveen Kumar Doe"])
    assert set(found) == {"Naveen Kumar Doe"}


def test_a_law_firm_is_not_a_person():
    from extract.people import looks_like_person

    assert not looks_like_person("Coremont LLP")


@pytest.mark.parametrize("name", ["Redhill Biopharma", "Lee Screening Room", "North Carolina",
                                  "Voyager Space", "Malone Wealth", "Cboe CA", "Business Model",
                                  "Annovis Bio", "Zil Money", "Cortland Biomedical"])
def test_places_and_business_nouns_are_not_people(name):
    from extract.people import looks_like_person

    assert not looks_like_person(name)


def test_a_titled_contact_is_not_a_person_of_the_news():
    text = "You can also contact attorney Jane Smith, Esq. by calling (484) 555-0143."
    assert people(text, ["Jane Smith"]) == {}


def test_a_name_in_a_list_of_names_is_a_person_however_rare():
    text = "Guests included Alan Cumming, Zorblat Quenty and Mark Duplass at the lounge."
    found = people(text, ["Alan Cumming", "Zorblat Quenty", "Mark Duplass"])
    assert set(found) == {"Alan Cumming", "Zorblat Quenty", "Mark Duplass"}
    assert people("Zorblat Quenty and Wexlo Brindt visited.", ["Zorblat Quenty", "Wexlo Brindt"]) == {}


def test_a_name_used_as_an_employer_is_an_organisation_not_a_person():
    from extract.subject import org_context
    text = ("Grant Thornton has named Rick Surett its CFO. \"Rick brings a fresh view,\" said Jim "
            "Peko, CEO of Grant Thornton. Muhammad Bhayat retires after 20 years at Grant Thornton.")
    assert org_context("Grant Thornton", text)
    assert not org_context("Rick Surett", text)
    assert not org_context("Sam Adeyemi", "Sam Adeyemi is CEO of Sam Adeyemi, GLC, Inc.")
    assert not org_context("Rick Case", "He is President of Rick Case Automotive Group.")
    assert not org_context("Jim Ryan", "The team of Richard Weber and Jim Ryan won.")


@pytest.mark.parametrize("name", ["Heisman Trophy", "Bob Wigs", "Perry Hwy", "Satoshi Nakamoto",
                                  "Karen Cohn Center", "Community Spokesperson"])
def test_places_products_and_pseudonyms_are_not_people(name):
    from extract.people import looks_like_person

    assert not looks_like_person(name)


def test_a_roundup_items_reporter_credit_is_not_a_person_in_the_news():
    text = ("TAX RISE: Wealthy earners will pay more starting today, said Governor Wes Moore. "
            "Pamela Wood/The Baltimore Banner.")
    found = people(text, ["Wes Moore", "Pamela Wood"])
    assert "Wes Moore" in found and "Pamela Wood" not in found
