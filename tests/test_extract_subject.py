"""Whose news: the sentence's subject, never the partner, an investor, auditor or wire service."""
from __future__ import annotations

import pytest

import re

from extract.boilerplate import find_layout
from extract.subject import (Excluder, Org, drop_headline_kicker, lead_paragraph, looks_like_company,
                             name_run, pick_issuer, sentence_subject)

EXCLUDER = Excluder(["Northwind Cloud Partners", "Northwind"], ["PR Newswire", "Gartner", "Amazon Web Services"])


def orgs_in(text: str, names: list[str]) -> list[Org]:
    found = [Org(m.start(), m.end(), n) for n in names for m in re.finditer(re.escape(n), text)]
    return sorted(found, key=lambda o: o.start)


def subject(text: str, names: list[str], trigger: str, issuer: str | None = None) -> str | None:
    start = text.index(trigger)
    return sentence_subject(text, 0, len(text), start, orgs_in(text, names), EXCLUDER, issuer)


def test_partner_is_never_the_subject():
    text = "Northwind Cloud Partners achieves SOC 2 Type II."
    assert subject(text, ["Northwind Cloud Partners"], "achieves") is None
    text = "Northwind Cloud Partners helped Acme Logistics migrate to AWS."
    assert subject(text, ["Northwind Cloud Partners", "Acme Logistics"], "migrate") == "Acme Logistics"


def test_investor_is_not_the_subject():
    text = "The round was led by Sequoia Capital with Harbor Ventures, and Birchwood Clinics raised $30M."
    assert subject(text, ["Sequoia Capital", "Harbor Ventures", "Birchwood Clinics"], "raised") == \
        "Birchwood Clinics"
    text = "Growth funding led by Lindqvist Partners will help the company expand."
    assert subject(text, ["Lindqvist Partners"], "funding", issuer="Tessellate Robotics") == \
        "Tessellate Robotics"


def test_a_persons_former_employer_is_not_the_subject():
    text = "Separately, former Calder Motors executive Jane Roe has been appointed CEO."
    assert subject(text, ["Calder Motors"], "appointed", issuer="Brightwell Trucks") == \
        "Brightwell Trucks"


def test_auditor_and_wire_are_not_the_subject():
    text = "The SOC 2 audit conducted by Schellman Advisory confirmed Ledgerline achieved compliance."
    assert subject(text, ["Schellman Advisory", "Ledgerline"], "achieved") == "Ledgerline"
    assert EXCLUDER.excluded("PR Newswire") and EXCLUDER.excluded("Gartner")
    assert EXCLUDER.excluded("Smith & Jones LLP")
    assert not EXCLUDER.excluded("Acme Logistics")


def test_reported_clause_subject():
    text = "Northwind today announced that Brightwater Health plans to migrate to AWS."
    assert subject(text, ["Northwind", "Brightwater Health"], "migrate") == "Brightwater Health"


def test_issuer_from_dateline_lead_and_headline():
    text = ("# Acme Logistics Raises $20 Million\n\nCHICAGO, May 4, 2026 /PRNewswire/ -- Acme "
            "Logistics Inc., a freight software company, today announced a round.")
    headline, _, lead, _ = lead_paragraph(text)
    assert headline == "Acme Logistics Raises $20 Million"
    assert lead.startswith("Acme Logistics Inc.")
    assert name_run(lead) == "Acme Logistics Inc"
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Acme Logistics Inc"


def test_partner_release_has_no_issuer():
    text = ("Northwind Cloud Partners achieves AWS Competency\n\nDENVER, Aug. 5, 2026 -- Northwind "
            "Cloud Partners today announced a competency.")
    assert pick_issuer(text, [], ["Northwind Cloud Partners"], EXCLUDER, None) is None


def test_about_and_media_contact_end_the_news():
    text = ("Acme raises $5M\n\nDENVER -- Acme raised $5M in seed funding led by Foo Ventures, with "
            "participation from Bar Capital, to grow its freight software team.\n\nAbout Acme Corp\n\n"
            "Acme builds software.\n\nMedia Contact: Pat Press")
    layout = find_layout(text)
    assert text[layout.body_end:].startswith("About Acme Corp")
    assert layout.about_names == ["Acme Corp"]
    text2 = text.replace("About Acme Corp\n\nAcme builds software.\n\n", "")
    assert text2[find_layout(text2).body_end:].startswith("Media Contact")


def test_investor_headline_names_the_invested_company():
    from extract.subject import investment_target
    text = ("# Lindqvist Capital Joins $40M Series B for Robotics Maker Tessellate\n\nBOSTON, May 4, "
            "2026 -- Lindqvist Capital today said it joined the Series B of robotics maker Tessellate "
            "Robotics.\n\nThe post Lindqvist Capital Joins $40M Series B for Robotics Maker Tessellate "
            "appeared first on a blog.")
    headline, _, _, lead_start = lead_paragraph(text)
    assert investment_target(headline, text[lead_start:]) == "Tessellate"
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Tessellate"
    assert investment_target("Calder Capital, Hale Bank Subsidiary Join $130 Million Series B for "
                             "Swiss Startup Glyvera", "Glyvera raised a round.") == "Glyvera"
    assert investment_target("Harbor Holdings Takes Stake in Quillon, Betting on Sensors",
                             "Harbor bought 5% of Quillon.") == "Quillon"
    assert investment_target("Acme Logistics Raises $20 Million", "Acme Logistics raised") is None
    # "invests in" a quality, then hires a person: no investment target
    assert investment_target("Halden Networks Invests in Client Care - Hires New Chief Client "
                             "Officer, Dana Quill", "Halden Networks named Dana Quill.") is None


def test_short_name_in_lead_yields_the_legal_name():
    from extract.subject import abbreviates
    assert abbreviates("US Antimony", "United States Antimony Corporation")
    assert not abbreviates("US Steel", "United States Antimony Corporation")
    assert not abbreviates("Acme", "Acme Corp")
    text = ("# United States Borax Corporation Raises $25 Million\n\nUS Borax, a producer of minerals, "
            "announced a securities purchase agreement.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "United States Borax Corporation"


def test_lower_case_brand_opening_headline_and_lead():
    text = ("# zeta Data Partners, A Leading Provider, Achieves SOC 2\n\nBOSTON, MA, May 13, 2026 -- "
            "zeta Data Partners, a managed services provider, announced its SOC 2 report.")
    assert pick_issuer(text, [], [], EXCLUDER, None).startswith("zeta Data")
    assert pick_issuer("# the best news\n\nthe Acme team announced a picnic.", [], [], EXCLUDER, None) \
        != "the Acme"


def test_a_camel_case_name_opening_the_headline_and_named_in_the_lead():
    from extract.subject import Org

    text = ("# ePayRoute Makes 2026 Growth List for 4th Year\n\nGrowth Weekly today announced that "
            "ePayRoute is No. 1759 on its list, ahead of Finance Connect.")
    orgs = [Org(text.index("Growth Weekly"), text.index("Growth Weekly") + 13, "Growth Weekly"),
            Org(text.index("Finance"), text.index("Finance") + 15, "Finance Connect")]
    assert pick_issuer(text, orgs, [], EXCLUDER, None) == "ePayRoute"


@pytest.mark.parametrize("name,ok", [
    ("Westmere University", True), ("Reel Sisters of the Diaspora Film Festival", True),
    ("Elevating Behavioral Health Care", False), ("Building", False),
    ("2024 Future Innovation Tech Expo", False), ("Pittsburgh-based", False),
    ("SOC 2 Audit Checklist", False), ("Authority to Operate", False),
])
def test_slogans_events_and_documents_are_not_issuers(name, ok):
    from extract.subject import looks_like_company

    assert looks_like_company(name) is ok


@pytest.mark.parametrize("name", ["Q&amp", "Australian", "Local", "Multi-agent AI"])
def test_adjectives_and_headings_are_not_issuers(name):
    from extract.subject import looks_like_company

    assert not looks_like_company(name)


@pytest.mark.parametrize("name", ["AINewsWire", "Amid Sale", "Business Wire",
                                  "Richardson & Cumbo, LLP", "The Rosen Law Firm"])
def test_wires_and_openers_are_not_issuers(name):
    from extract.subject import looks_like_company

    assert not looks_like_company(name)


@pytest.mark.parametrize("name", ["the Bank", "The Supervisory Board", "Public Affairs",
                                  "the Company", "Investor Relations"])
def test_references_back_and_departments_are_never_companies(name):
    assert EXCLUDER.excluded(name) and EXCLUDER.excluded(name, issuer=True)


def test_the_bank_refers_to_the_issuer():
    text = "Jane Roe has joined the Bank as a Senior Vice President."
    assert subject(text, ["the Bank"], "joined", issuer="Harbor Point Bank") == "Harbor Point Bank"


def test_the_company_joined_is_the_news_not_the_department():
    text = ("# Ryan Doe Joins Larkspur Strategies As Senior Director Of Public Affairs\n\n"
            "BOSTON, May 4, 2026 -- The firm today announced that Ryan Doe has joined.")
    orgs = orgs_in(text, ["Public Affairs"])
    assert pick_issuer(text, orgs, [], EXCLUDER, None) == "Larkspur Strategies"
    text = "# Tidewell Capital Joins $30 Million Series B for Gridline\n\nGridline raised a round."
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Gridline"


def test_a_lead_opening_with_a_person_and_a_title_is_not_the_issuer():
    text = ("# Quarrystone Minerals Becomes Rome Basin Resources\n\n"
            "Paul Doe, the newly appointed CEO of Rome Basin Resources, spoke about the merger.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Quarrystone Minerals"


@pytest.mark.parametrize("headline, name", [
    ("Vonmark Supervisory Board Appoints Jane Roe as CDO", "Vonmark"),
    ("Westmere Researchers Receive $2M Grant", "Westmere"),
    ("Calder Labs Strengthens Executive Leadership", "Calder Labs")])
def test_groups_and_plural_verbs_end_a_headline_name(headline, name):
    assert name_run(headline) == name


def test_highlight_bullets_and_capitalised_openers_do_not_name_the_issuer():
    text = ("# Calder Biotherapeutics Inc. Names New CEO\n\n* AI platform results in brief.\n\n"
            "Effective leadership is a cornerstone of success, and Calder Biotherapeutics has a new CEO.")
    headline, _, lead, _ = lead_paragraph(text)
    assert lead.startswith("Effective leadership")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Calder Biotherapeutics Inc"


@pytest.mark.parametrize("headline, name", [
    ("Bitlight Labs' Seed Round Led by Gate Ventures", "Bitlight Labs"),
    ("Walmart and Sam's Club Campaign Raises $378,000", "Walmart and Sam's Club Campaign")])
def test_a_possessive_ends_a_name_only_before_the_news(headline, name):
    assert name_run(headline) == name


def test_a_company_joining_another_keeps_its_own_name():
    text = "# The HR Team Joins Ravix Group to Expand Resources\n\nThe HR Team, a provider, joined."
    assert pick_issuer(text, [], [], EXCLUDER, None) == "HR Team"


def test_deck_lines_under_the_headline_are_not_the_lead():
    text = ("# KELP Appoints Jane Roe as Chief Financial Officer\n\n"
            "Finance Executive from Halberd and Corvid to Join KELP as CFO\n\n"
            "SAN JOSE, Calif.--(WIRE)--KELP (NYSE: KELP), a payments platform, today announced "
            "Jane Roe will join KELP as Chief Financial Officer.")
    _, _, lead, _ = lead_paragraph(text)
    assert lead.startswith("KELP (NYSE")
    orgs = orgs_in(text, ["Halberd", "Corvid"])
    assert pick_issuer(text, orgs, ["KELP"], EXCLUDER, None) == "KELP"


def test_a_brand_in_capitals_is_a_company_a_bill_is_not():
    from extract.subject import looks_like_company

    assert looks_like_company("BILL")
    assert not looks_like_company("the Senate Bill")


def test_a_law_firm_heads_its_own_news_but_not_its_case_alerts():
    text = ("# Brackwater Injury Law Firm Acquires Haulage Accident Portal\n\n"
            "Brackwater Injury Law Firm, a personal injury practice, has announced the acquisition.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Brackwater Injury Law Firm"
    text = ("# Brackwater Law Firm Announces Class Action Lawsuit Against Pellam Motors\n\n"
            "Brackwater Law Firm today filed a class action lawsuit against Pellam Motors.")
    assert pick_issuer(text, orgs_in(text, ["Pellam Motors"]), [], EXCLUDER, None) == "Pellam Motors"


def test_the_issuer_named_again_by_its_short_name_is_the_subject():
    text = ("In October, following a private placement that raised $110M, Fernlane adopted a "
            "Treasury Policy.")
    start = text.index("private placement")
    got = sentence_subject(text, 0, len(text), start, orgs_in(text, ["Treasury"]), EXCLUDER,
                           "Fernlane Holdings")
    assert got == "Fernlane Holdings"


def test_an_investors_headline_names_a_lower_case_brand_in_apposition():
    from extract.subject import investment_target

    headline = ("Harbor Ventures Invests in Japan's Largest Gaming Studio, triple hop.games, "
                "Paving the Way for Mass Adoption")
    body = "Harbor Ventures announced its investment in triple hop.games Inc., a studio."
    assert investment_target(headline, body) == "triple hop.games"


def test_a_round_led_by_an_investor_is_the_raisers_news():
    text = ("# Ledger Infrastructure Builder Quillon Labs' Seed Round Led by Harbor Ventures\n\n"
            "Harbor Ventures today announced that it led the seed round of Quillon Labs, a builder.")
    assert pick_issuer(text, orgs_in(text, ["Harbor Ventures"]), ["Harbor Ventures"], EXCLUDER,
                       None) == "Quillon Labs"


def test_the_name_a_company_does_business_as_is_its_name():
    text = ("# QUILLO Inc. (OTC: BFXH) - From Reset to Execution\n\n"
            "Brightfield Capital Holdings, Inc. (OTC: BFXH), doing business as QUILLO Inc., today "
            "released a shareholder update.")
    orgs = orgs_in(text, ["Brightfield Capital Holdings, Inc", "QUILLO Inc"])
    assert pick_issuer(text, orgs, [], EXCLUDER, None) == "QUILLO Inc"


@pytest.mark.parametrize("text, giver, issuer", [
    ("# Westmere Department of Development Awarded Grant from Harbor Communities Alliance\n\n"
     "Harbor Communities Alliance has awarded grants to five entities, among them the "
     "Westmere Department of Development.", "Harbor Communities Alliance",
     "Westmere Department of Development"),
    # "... has awarded $3 million to the University of Halden"
    ("# University of Halden Gets $3M to Establish a Core Lab\n\n"
     "Texas' Cancer Research Institute has awarded $3 million to the University of Halden "
     "to establish a biomarker core.", "Texas' Cancer Research Institute", "University of Halden")])
def test_a_grant_from_the_leads_subject_is_the_headlines_news(text, giver, issuer):
    assert pick_issuer(text, orgs_in(text, [giver]), [], EXCLUDER, None) == issuer


def test_a_sentence_opening_with_the_issuer_is_its_news_not_its_products():
    text = ("Cobalt Fields will rehost most of them on Amazon EC2 and move its SQL Server databases "
            "to Amazon RDS.")
    start = text.index("move its")
    orgs = orgs_in(text, ["SQL Server"])
    assert sentence_subject(text, 0, len(text), start, orgs, EXCLUDER,
                            "Cobalt Fields Manufacturing") == "Cobalt Fields Manufacturing"
    text = "The plant will move its SQL Server databases to Amazon RDS."
    assert sentence_subject(text, 0, len(text), text.index("move its"), orgs_in(text, ["SQL Server"]),
                            EXCLUDER, "Cobalt Fields Manufacturing") == "Cobalt Fields Manufacturing"


@pytest.mark.parametrize("lead", [
    "Larch Financial Corporation (NASDAQ: LRCH) and Larch Private Bank are proud to announce "
    "that Jo Doe has joined the Bank.",
    "Larch Bancorp, the holding company for Larch Private Bank, today announced that Jo Doe "
    "has joined the Bank."])
def test_the_bank_in_the_headline_not_its_holding_company(lead):
    text = f"# Larch Private Bank Welcomes Jo Doe as Chief Risk Officer\n\n{lead}"
    orgs = orgs_in(text, ["Larch Financial Corporation", "Larch Bancorp"])
    assert pick_issuer(text, orgs, [], EXCLUDER, None) == "Larch Private Bank"



def test_an_abbreviation_in_the_lead_is_not_a_second_company():
    text = ("# NIQA Appoints Jo Doe as Chief Financial Officer\n\n"
            "Nonprofits Insurance Quality Alliance (NIQA) is proud to announce Jo Doe as CFO.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Nonprofits Insurance Quality Alliance"


@pytest.mark.parametrize("lead, issuer", [
    ("Andrew Doe - Finance Director - Gallant Build Holdings PLC joined Steve Roe from Proactive "
     "to share the plan.", "Gallant Build Holdings PLC"),
    ("Madison Quanta, a private MedTech company, announced today a seed financing.",
     "Madison Quanta")])
def test_a_person_opening_the_lead_is_not_the_issuer_a_company_named_like_one_is(lead, issuer):
    headline = "Gallant Build Holdings PLC Outlines Growth Ambitions" if "Gallant" in lead else \
        "Madison Quanta Announces $10 Million Seed Financing"
    assert pick_issuer(f"# {headline}\n\n{lead}", [], [], EXCLUDER, None) == issuer


def test_worlds_first_is_not_a_company():
    from extract.subject import looks_like_company

    assert not looks_like_company("World")


@pytest.mark.parametrize("name, ok", [("ISO", False), ("PIPE", False), ("Isomet Labs", True)])
def test_framework_and_deal_acronyms_alone_are_not_companies(name, ok):
    from extract.subject import looks_like_company

    assert looks_like_company(name) is ok


def test_a_sales_department_is_not_a_company():
    from extract.subject import generic_name

    assert generic_name("National Commercial Business")
    assert not generic_name("National Grid")


@pytest.mark.parametrize("name", ["MOU", "$BLOOD", "2nd Annual", "Medicus Pharma Plans Private Placement",
                                  "DefiQuant Unleashes Advanced Bots"])
def test_deal_terms_tokens_ordinals_and_headline_fragments_are_not_companies(name):
    from extract.subject import looks_like_company

    assert not looks_like_company(name)
    assert looks_like_company("Plansee Group") and looks_like_company("Northwind Cloud Partners")


def test_a_lead_opening_with_a_titled_person_does_not_name_the_issuer():
    text = ("# Sunmark Corp. (NASDAQ: SNMK) CEO Discusses Business Model on a Podcast\n\n"
            "* CEO Dr. Ravi Lund discussed Sunmark's vertically integrated model.\n")
    assert name_run("CEO Dr. Ravi Lund discussed Sunmark's model.") is None
    assert pick_issuer(text, [], ["StocksWire Media"], EXCLUDER, None) == "Sunmark Corp"


def test_a_joint_headline_names_the_first_issuer():
    assert name_run("Hey Nonny & The Law Offices of R.F. Quill Announce a Benefit") == "Hey Nonny"
    assert name_run("Calder Spa National Bank And The National Bank Of Hale Announce Combination") \
        == "Calder Spa National Bank"
    assert name_run("Farmers & Merchants Bancshares Promotes Ada Quill") == "Farmers & Merchants Bancshares"
    assert name_run("The Rise of Purrfect Token: High Goals Ahead") == "Purrfect Token"


def test_the_issuer_speaking_of_itself_is_the_subject_before_names_after_the_trigger():
    quote = "Our ability to deploy aiWARE in Azure lets us serve the Department of Energy."
    text = f"# Veridian Talks Public Sector Growth\n\nVeridian spoke about its year.\n\n{quote}"
    start = text.index(quote)
    orgs = orgs_in(text, ["Department of Energy"])
    assert sentence_subject(text, start, len(text), text.index("deploy"), orgs, EXCLUDER,
                            "Veridian") == "Veridian"
    other = text.replace("Our ability", "The ability")
    assert sentence_subject(other, start, len(other), other.index("deploy"), orgs_in(other, [
        "Department of Energy"]), EXCLUDER, "Veridian") == "Department of Energy"


def test_a_lead_awarding_the_headlines_company_names_it_not_the_giver():
    text = ("# MiningNewsBreaks - Quarry Rare Metals Inc. (TSX.V: QRM) Featured in Article\n\n"
            "The U.S. Department of Energy has awarded Quarry Rare Metals an $18.4 million grant.")
    orgs = orgs_in(text, ["U.S. Department of Energy", "Quarry Rare Metals"])
    assert pick_issuer(text, orgs, [], EXCLUDER, None) == "Quarry Rare Metals Inc"


def test_an_interview_headline_names_the_interviewees_company():
    text = "# Q&A with Pablo Quill, Chairman of Fortec Modern Real Estate\n\nPablo Quill talks funds."
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Fortec Modern Real Estate"


def test_an_investor_expanding_its_stake_names_the_company_it_invests_in():
    text = ("# Beeline Holdings Expands Stake in MagicBlocks With $225,000 Investment\n\n"
            "Beeline Holdings, a mortgage platform, has increased its stake in MagicBlocks.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "MagicBlocks"


def test_people_launching_an_organisation_make_it_the_news():
    text = ("# Oregon High School Seniors Launch BreatheAir to Serve Underserved Communities\n\n"
            "Two seniors founded BreatheAir, a nonprofit that builds air filters.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "BreatheAir"


def test_now_ends_a_headline_name():
    assert name_run("Zil Money Now SOC 2 Compliant") == "Zil Money"


def test_a_trading_name_is_the_issuer():
    text = ("# Raddle (Doing Business as Telvanta) Positions for an Uplisting\n\n"
            "Raddle Inc., now doing business as Telvanta (OTC PINK: RDDL), a telecom provider, "
            "today announced an audit engagement.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Telvanta"


def test_a_summary_sentence_above_the_dateline_is_not_the_lead():
    text = ("# Tessaly Releases Orion: A Support Agent for ERP Teams\n\n"
            "Vega closes tickets at no marginal cost while customers keep their systems.\n\n"
            "SINGAPORE - [Wire](https://wire.example/) - 18 June 2026 - Tessaly Pte. Ltd., the "
            "Singapore-based AI company, today announced the general availability of Orion.")
    _, _, lead, _ = lead_paragraph(text)
    assert lead.startswith("Tessaly Pte. Ltd.")
    assert pick_issuer(text, orgs_in(text, ["Vega", "Orion"]), [], EXCLUDER, None) == "Tessaly Pte. Ltd"
    wire = ("# Bloomfield Secures $3.6 Million\n\nLafayette, LA based rental business set to grow.\n\n"
            "March 24, 2025 – Baton Rouge, LA, Evertise Ai PR – Bloomfield, a startup, closed a round.")
    assert lead_paragraph(wire)[2].startswith("Bloomfield, a startup")
    event = ("# Girl Scouts Host STEM Night 2025\n\nA night of hands-on science.\n\nThe Girl Scouts' STEM "
             "Night 2025: Ology Overload filled the museum with families.")
    assert lead_paragraph(event)[2].startswith("A night")  # "2025:" is no dateline
    later = ("# Acme Names CFO\n\nAcme named Jane Roe its CFO today.\n\nShe joins from Borealis "
             "Freight.\n\nDENVER - May 4, 2026 - Borealis Freight said it wished her well.")
    assert lead_paragraph(later)[2].startswith("Acme named")  # only the paragraph right after


def test_a_firm_named_like_a_person_issues_its_own_news():
    text = ("# Grant Hollis Appoints Dana Roe as CFO\n\nCHICAGO, May 4, 2026 -- Grant Hollis, one of "
            "the largest audit firms, has named Dana Roe as its CFO. \"Dana brings a fresh view,\" "
            "said Lee Park, CEO of Grant Hollis.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Grant Hollis"
    person = text.replace("CEO of Grant Hollis", "its CEO")
    assert pick_issuer(person, [], [], EXCLUDER, None) != "Grant Hollis"


@pytest.mark.parametrize("headline, name", [
    ("Tellmar Ltd. (NASDAQ: TLMR) Reports Record Income in H1 2025", "Tellmar Ltd"),
    ("Podcast Interview Shines Light on Orvane Gold Corp. (CSE: ORV) (OTCQB: ORVGF) Strategy",
     "Orvane Gold Corp"),
    ("Only 27% Of Buyers Have Tried It, And Demand Is Growing – Kestrel Parks (NASDAQ: KSTP)",
     "Kestrel Parks"),
    ("Nolana Mining Inc. (TSX-V: NLM) (OTCQB: NLMMF) Is One to Watch", "Nolana Mining Inc"),
    ("Founders Fear Collapse Amid ‘Cash Infusion’ (NASDAQ: XQZ)", None),
    ("Acme Logistics Raises $20 Million", None)])
def test_the_company_a_headline_names_with_its_ticker(headline, name):
    from extract.subject import listed_company
    assert listed_company(headline) == name


def test_a_ticker_in_the_headline_names_the_issuer_over_a_lead_opening_with_a_topic():
    text = ("# Tellmar Ltd. (NASDAQ: TLMR) Reports Record Income in H1 2025\n\n"
            "H1 2025 was a record half for electronic monitoring, and Tellmar Ltd. grew fastest.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Tellmar Ltd"
    only_headline = text.replace("and Tellmar Ltd. grew fastest", "and the sector grew fastest")
    assert pick_issuer(only_headline, [], [], EXCLUDER, None) != "Tellmar Ltd"


def test_an_investors_about_heading_does_not_take_a_raise_headline():
    text = ("# Seven Sails Beauty Raises $2.5 Million\n\n--Wire--\n\nThe award-winning brand will use "
            "the funding to grow, says Seven Sails Beauty's co-founder.\n\nAbout Harbor Capital\n\n"
            "Harbor Capital invests in founders.")
    assert pick_issuer(text, [], ["Harbor Capital"], EXCLUDER, None) == "Seven Sails Beauty"
    # without a raise in the headline the About heading still names the issuer
    plain = text.replace("Raises $2.5 Million", "Opens a Store")
    assert pick_issuer(plain, [], ["Harbor Capital"], EXCLUDER, None) == "Harbor Capital"


def test_a_lead_opening_with_the_ceo_of_the_headline_company_names_it():
    text = ("# Medora Pharma Plans Private Placement for Clinical Development\n\n"
            "Dr. Rafi Quorn, Executive Chairman and CEO of Medora Pharma joined a host from a news "
            "channel to share the company's plans.\n\nThe post appeared first on Newsramp.com.")
    assert pick_issuer(text, orgs_in(text, ["Newsramp.com"]), [], EXCLUDER, None) == "Medora Pharma"


def test_a_headline_kicker_before_a_colon_is_not_the_issuer():
    text = ("# Against the Tide: Quillon Raises $1.5 Million in a Seed Round\n\n"
            "MONTERREY, May 4, 2026 -- Quillon, a payments startup, closed a seed round today.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Quillon"
    # a name the body repeats is the issuer, kicker or not
    named = "Tellmar: Quantum Progress Meets Market Reality"
    assert drop_headline_kicker(named, "Tellmar reported record bookings.") == named
    ticker = "# Orvane Gold Corp. (TSX: ORV) Reports Results\n\nThe quarter was strong."
    assert drop_headline_kicker(ticker.lstrip("# ").split("\n")[0], "") == \
        "Orvane Gold Corp. (TSX: ORV) Reports Results"  # a ticker's colon is no kicker


@pytest.mark.parametrize("headline, name", [
    ("VABRO.ai Makes History with a $4 Million IEO", "VABRO.ai"),
    ("Visra Management Makes Two Offers for Cerro Assets", "Visra Management"),
    ("University of Halden Gets $3M to Establish a Core Lab", "University of Halden")])
def test_a_headline_verb_ends_the_name(headline, name):
    assert name_run(headline) == name


def test_a_deal_is_not_a_company():
    assert not looks_like_company("Initial Exchange Offering")
    assert looks_like_company("Kestrel Parks")


def test_a_lead_opening_with_a_topic_the_text_never_names_again_is_not_the_issuer():
    text = ("# Brandwell Network Partners With Valen Labs on Student Wellbeing\n\n"
            "South African students face rising stress. Brandwell Network and Valen Labs will "
            "offer an assistant to schools, Brandwell Network said.")
    assert pick_issuer(text, [], [], EXCLUDER, None) == "Brandwell Network"
    # the lead's own name, told once, still issues ("Flywire Corporation" for "Flywire Names ...")
    legal = ("# Flywell Names Nia James Chief People Officer\n\nFlywell Corporation (NASDAQ: FLWL) "
             "today named Nia James its Chief People Officer. Flywell said she starts in May.")
    assert pick_issuer(legal, [], [], EXCLUDER, None) == "Flywell Corporation"


def test_a_proud_announcement_opens_with_the_company():
    assert name_run("Proud to Announce BrainHub Solutions is Officially ISO 27001 Certified") == \
        "BrainHub Solutions"


def test_the_company_a_person_joins_ends_the_headline():
    from extract.subject import joined_company
    assert joined_company("Peter Doe Joins Peacock Private Bank & Trust") == "Peacock Private Bank & Trust"
    assert joined_company("Peter Doe Joins Acme Bank as CFO") == "Acme Bank"


def test_a_dash_kicker_yields_to_the_company_named_after_it():
    body = "OLB Group runs payments for corner shops. OLB Group said volumes doubled."
    assert drop_headline_kicker("Bodegas Are The New Frontier – OLB Group Leading The Charge", body) == \
        "OLB Group Leading The Charge"
    # only for a name the body repeats, and never when the kicker itself is named again
    assert drop_headline_kicker("Bodegas Are The New Frontier – 22 Stores Join", body) == \
        "Bodegas Are The New Frontier – 22 Stores Join"
    assert drop_headline_kicker("Acme Robotics Posts a Record Year – OLB Group Agrees",
                                "Acme Robotics grew.") == "Acme Robotics Posts a Record Year – OLB Group Agrees"


@pytest.mark.parametrize("headline, name", [
    ("TechMediaBreaks – Datalane Series K Funding Momentum Highlights Strength", "Datalane"),
    ("As Bitcoin Aims for $250K – What's Next for Furrow Token?", None),
    ("What's Next for Furrow Token?", "Furrow Token"),
    ("The Story Behind Lernwise", "Lernwise")])
def test_openers_and_a_round_end_a_headline_name(headline, name):
    assert name_run(headline) == name


@pytest.mark.parametrize("headline", [
    "KALAUE's Global Journey: Diversified Trading Reshaping Markets",
    "Benzora Virtual Event: Navigating Market Volatility"])
def test_a_kicker_naming_the_company_keeps_the_headline(headline):
    body = "KALAUE and Benzora run the event. Join the session on Tuesday."
    assert drop_headline_kicker(headline, body) == headline
