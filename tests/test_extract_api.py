"""`extract_sources`: DESIGN.md's `extract --json` objects from files, feeds and URLs."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from acescout_core.errors import InputError
from extract.api import extract_sources

FIX = Path(__file__).parent / "fixtures" / "extract"
SIGNAL_KEYS = {"kind", "tense", "account", "evidence", "start", "end", "aws_services", "frameworks",
               "programs", "window_start", "window_end"}


@pytest.fixture(scope="module")
def results():
    from acescout_core.settings import Settings

    s = Settings()
    s.partner.name, s.partner.domain = "Northwind Cloud Partners", "northwindcloud.io"
    sources = [str(FIX / "acme-migration.md"), str(FIX / "partner-news.html"), str(FIX / "feed.xml"),
               str(FIX / "quiet.txt")]
    return sources, extract_sources(sources, s)


def test_json_shape_and_source_as_given(results):
    sources, out = results
    assert [o["source"] for o in out] == [sources[0], sources[1], sources[2], sources[2], sources[3]]
    for obj in out:
        assert {"source", "title", "published_at", "accounts", "signals", "people"} <= set(obj)
        for sig in obj["signals"]:
            assert SIGNAL_KEYS <= set(sig)
            assert sig["evidence"]
        for acc in obj["accounts"]:
            assert set(acc) >= {"name", "domain"}
        for person in obj["people"]:
            assert set(person) >= {"name", "title", "account"}


def test_markdown_release(results):
    acme = results[1][0]
    assert acme["title"] == "Acme Logistics Plans AWS Migration by Q3 2027"
    assert acme["published_at"].startswith("2026-05-04")
    assert acme["accounts"][0] == {"name": "Acme Logistics Inc", "domain": "acmelogistics.com"}
    (mig,) = [s for s in acme["signals"] if s["kind"] == "migration"]
    assert mig["tense"] == "planned" and mig["account"] == "Acme Logistics Inc"
    assert mig["window_end"] == "2027-09-30"
    assert set(mig["aws_services"]) == {"Amazon EKS", "Amazon Aurora"}
    # SOC 2 appears only in the About paragraph: no compliance signal
    assert "compliance" not in {s["kind"] for s in acme["signals"]}
    names = {p["name"]: p for p in acme["people"]}
    assert names["Jane Smith"]["title"] == "Chief Information Officer"
    assert "Pat Press" not in names  # media contact


def test_partner_news_yields_nothing(results):
    partner = results[1][1]
    assert partner["signals"] == [] and partner["accounts"] == []


def test_feed_items_one_object_each(results):
    birch, stone = results[1][2], results[1][3]
    assert birch["url"] == "https://birchwoodclinics.com/news/series-b"
    kinds = {s["kind"]: s for s in birch["signals"]}
    assert kinds["funding"]["account"] == "Birchwood Clinics"
    assert kinds["compliance"]["tense"] == "in_progress"
    assert "Harbor Ventures" not in {a["name"] for a in birch["accounts"]}
    (mig,) = [s for s in stone["signals"] if s["kind"] == "migration"]
    assert mig["cloud"] == "azure"


def test_no_trigger_no_signal(results):
    assert results[1][4]["signals"] == []


def test_http_url_and_bad_input(settings):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FIX))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        out = extract_sources([url], settings)
        assert len(out) == 2 and out[0]["source"] == url
    finally:
        server.shutdown()
    with pytest.raises(InputError, match="no such file"):
        extract_sources(["/nonexistent/file.md"], settings)
    with pytest.raises(InputError, match="unsupported"):
        extract_sources([str(Path(__file__))], settings)


def test_board_of_prefix_and_verb_opening_an_ner_span(settings):
    from extract.extractor import _org_name

    assert _org_name("the Supervisory Board of Vonmark SE") == "Vonmark SE"
    assert _org_name("Board of Directors of Acme Corp") == "Acme Corp"
    assert _org_name("Boardwalk Pipelines") == "Boardwalk Pipelines"


@pytest.mark.parametrize("span, inside", [("Names Experienced Life Science", True),
                                          ("Calder Biotherapeutics Names", True),
                                          ("Names", False)])
def test_a_news_verb_at_either_end_of_an_ner_span_is_not_part_of_a_name(span, inside):
    from extract.extractor import _verb_inside_name
    from extract.triggers import TriggerHit

    text = "Calder Biotherapeutics Names Experienced Life Science Leader as New CEO"
    start = text.index(span)
    verb = text.index("Names")
    hit = TriggerHit("leadership_change", "completed", False, None, 0, len(text), verb, verb + 5,
                     text)
    assert _verb_inside_name(hit, text, [(start, start + len(span))], []) is inside


def test_an_ner_organisation_holding_a_money_amount_is_not_a_name():
    from extract.extractor import _MONEY_IN_NAME

    assert _MONEY_IN_NAME.search("DelMorgan & Co. and Baird Augustine to Lead $40M Capital Raise")
    assert _MONEY_IN_NAME.search("Calder 40 Million Fund")
    assert not _MONEY_IN_NAME.search("3M Company") and not _MONEY_IN_NAME.search("Series B Labs")



def test_sentences_naming_a_person_reach_the_ner_and_others_do_not(settings):
    from extract.extractor import Extractor
    from extract.pipeline import load_rules

    body = "".join(f"Paragraph {i} covers output and margins.\n\n" for i in range(8))
    quiet = f"# Calder Opens a Plant\n\n{body}Shipping starts soon.\n"
    named = quiet.replace("Shipping starts soon.", "The opening drew Maria Lopez and guests.")
    extractor = Extractor(settings)
    assert extractor.ner_windows(load_rules()(quiet), [], len(quiet)) == []
    doc = load_rules()(named)
    windows = [named[s:e] for s, e in extractor.ner_windows(doc, [], len(named))]
    assert any("Maria Lopez" in w for w in windows)
    assert not any("Paragraph 6" in w for w in windows)  # the lead and the named sentence only


def test_a_headline_run_into_a_name_keeps_the_last_sentence():
    from extract.extractor import _org_name

    assert _org_name("Plans 100 New Stores. Exotic Snack Guys") == "Exotic Snack Guys"
    assert _org_name("Acme Inc.") == "Acme Inc"
    # an abbreviation's full stop ends no sentence
    assert _org_name("Tessaly Pte. Ltd") == "Tessaly Pte. Ltd"
    assert _org_name("U.S. Bank") == "U.S. Bank"
    assert _org_name("St. Jude Hospital") == "St. Jude Hospital"


def test_markdown_entity_references_are_read_as_characters(tmp_path):
    from extract.sources import read_source

    md = tmp_path / "r.md"
    md.write_text("# Fenwick &amp; Hale Bancorp Promotes Ada Quill\n\nFenwick &amp; Hale Bancorp said.\n")
    doc = read_source(str(md))[0]
    assert doc.title == "Fenwick & Hale Bancorp Promotes Ada Quill"
    assert "&amp;" not in doc.text


def test_a_deal_deep_in_the_body_counts_only_when_the_issuer_opens_the_clause(tmp_path, settings):
    body = "".join(f"Paragraph {i} covers output and margins.\n\n" for i in range(8))
    own = tmp_path / "own.md"
    own.write_text(f"# Calder Forge Reports Third Quarter\n\nCalder Forge reported sales.\n\n{body}"
                   "In July, Calder announced the acquisition of Beta Forms.\n")
    other = tmp_path / "other.md"
    other.write_text(f"# Calder Forge Reports Third Quarter\n\nCalder Forge reported sales.\n\n{body}"
                     "In July, Gamma announced the acquisition of Beta Forms.\n")
    out = {Path(o["source"]).stem: o for o in extract_sources([str(own), str(other)], settings)}
    assert [(s["kind"], s["account"]) for s in out["own"]["signals"]] == [("funding", "Calder Forge")]
    assert out["other"]["signals"] == []


def test_an_executive_named_for_a_deal_serves_the_issuer_not_their_old_employer(tmp_path, settings):
    body = "".join(f"Paragraph {i} covers output and margins.\n\n" for i in range(8))
    md = tmp_path / "deal.md"
    md.write_text("# Calder Bank and Hale Bank Announce Merger\n\nCalder Bank agreed to acquire Hale "
                  f"Bank for $40 million.\n\n{body}Jo Roe, the current CEO of Hale Bank, will serve as "
                  "Chief Executive Officer.\n")
    out = extract_sources([str(md)], settings)[0]
    leaders = [s["account"] for s in out["signals"] if s["kind"] == "leadership_change"]
    assert leaders == ["Calder Bank"]


def test_the_issuers_initials_open_a_deep_clause(tmp_path, settings):
    body = "".join(f"Paragraph {i} covers output and margins.\n\n" for i in range(8))
    md = tmp_path / "kef.md"
    md.write_text(f"# Kestrel Educational Foundation Announces College Decisions\n\nKestrel "
                  f"Educational Foundation announced where its scholars will enroll.\n\n{body}"
                  "Last year, KEF received a three-year grant from the Ichi Foundation.\n")
    out = extract_sources([str(md)], settings)[0]
    assert [(s["kind"], s["account"]) for s in out["signals"]] == \
        [("funding", "Kestrel Educational Foundation")]


def test_what_a_deal_buys_is_not_its_account():
    from extract.extractor import _deal_target

    assert _deal_target("* The recent strategic acquisition of Mexedia SpA's U.S. operations", "Mexedia SpA")
    assert not _deal_target("Mexedia SpA acquired Beta Labs last year.", "Mexedia SpA")


def test_post_nominal_letters_are_not_an_account(tmp_path):
    from acescout_core.settings import Settings

    page = tmp_path / "hire.md"
    page.write_text("# Calder Dynamics Hires Erin Roe, PhD, MBA, PMP, as Director of Engineering\n\n"
                    "Calder Dynamics today announced that it hired Erin Roe, PhD, MBA, PMP, as Director "
                    "of Engineering.\n\nRecently, the firm hired Tom Lee, PhD, MBA, PMP, as the director "
                    "of nuclear development, to devise a global strategy.\n", encoding="utf-8")
    [doc] = extract_sources([str(page)], Settings())
    assert {s["account"] for s in doc["signals"]} == {"Calder Dynamics"}  # not "PMP"


@pytest.mark.parametrize("headline, tense", [
    ("Calder Dynamics Acquires Beta Forms", "planned"),
    ("Calder Dynamics Completes Acquisition of Beta Forms", "completed")])
def test_a_headline_deal_the_lead_says_is_pending_is_planned(tmp_path, headline, tense):
    from acescout_core.settings import Settings

    page = tmp_path / "deal.md"
    page.write_text(f"# {headline}\n\nCalder Dynamics today announced a definitive agreement to "
                    "acquire Beta Forms. The transaction is expected to close in the third quarter, "
                    "subject to regulatory approval.\n", encoding="utf-8")
    [doc] = extract_sources([str(page)], Settings())
    assert [(s["kind"], s["tense"]) for s in doc["signals"]] == [("funding", tense)]


def test_a_ticker_is_not_an_account(tmp_path, settings):
    md = tmp_path / "ticker.md"
    md.write_text("# Vaultra AI Inc. (NASDAQ: VLTA) Surges as Market Rethinks Its Story\n\nVaultra AI "
                  "Inc. (NASDAQ: VLTA) shares rose 40% this week. That momentum was amplified by a $150 "
                  "million strategic investment from Scilex Holding Company (NASDAQ: SCLX), executed in "
                  "Bitcoin.\n", encoding="utf-8")
    [doc] = extract_sources([str(md)], settings)
    assert [(s["kind"], s["account"]) for s in doc["signals"]] == [("funding", "Vaultra AI Inc")]


def test_a_headline_deal_the_ner_calls_a_name_still_counts(tmp_path, settings):
    md = tmp_path / "tranche.md"
    md.write_text("# Silver Crest Royalties Announces Closing of Second Tranche of Its Non-Brokered "
                  "Private Placement\n\nTORONTO, March 31, 2025 -- Silver Crest Royalties Inc. closed "
                  "the second tranche of its offering. Each Warrant is exercisable to acquire one "
                  "common share.\n", encoding="utf-8")
    [doc] = extract_sources([str(md)], settings)
    assert [(s["kind"], s["tense"]) for s in doc["signals"]] == [("funding", "completed")]


def test_a_place_based_descriptor_is_not_part_of_the_name():
    from extract.extractor import _org_name
    assert _org_name("Nevada-based Aqua Metals") == "Aqua Metals"
    assert _org_name("New York-based Calder Bank") == "Calder Bank"


def test_a_token_sale_belongs_to_the_project_that_holds_it(tmp_path, settings):
    """A crypto round-up's headline names another coin first; the presale is Lumio's."""
    page = tmp_path / "roundup.md"
    page.write_text("# XRP's Legal Uncertainty Prompts Caution While Lumio's Presale Emerges\n\n"
                    "Bitcoin traders watched XRP this week. Lumio, a meme coin on Solana, sold "
                    "40 million tokens so far. Lumio plans a DEX listing; Lumio holders vote on burns.\n",
                    encoding="utf-8")
    [out] = extract_sources([str(page)], settings)
    funding = [s for s in out["signals"] if s["kind"] == "funding"]
    assert [(s["account"], s["tense"]) for s in funding] == [("Lumio", "in_progress")]


def test_the_issuers_own_deal_told_deep_in_the_body(tmp_path, settings):
    """A round named with the issuer's possessive, a deal whose subject carries a ticker."""
    filler = "".join(f"Sentence {n} of the story says little about money. " for n in range(8))
    cases = [
        ("Lumio Appoints Jo Roe as Chief Commercial Officer", "Lumio makes display panels.",
         "His arrival comes on the heels of Lumio's recent USD $40.5 million Series C funding round."),
        ("Lumio's Miracle Grows Lettuce", "Lumio's Miracle grows lettuce in towers.",
         "On March 11, 2026, Lumio's Miracle (NASDAQ: LUMI) completed a business combination with "
         "Lakeshore Acquisition II Corp."),
    ]
    for n, (headline, lead, deep) in enumerate(cases):
        page = tmp_path / f"deep{n}.md"
        page.write_text(f"# {headline}\n\n{lead} {filler}{deep}\n", encoding="utf-8")
        [out] = extract_sources([str(page)], settings)
        assert "funding" in {s["kind"] for s in out["signals"]}, (headline, out["signals"])


@pytest.mark.parametrize("headline, client", [
    ("Benchmark International Successfully Facilitated the Transaction Between Lumio Systems, LLC "
     "and Beta Global, Inc.", "Lumio Systems"),
    ("Harris Advisors Represents The Complex in Sale to AEG Presents", "The Complex"),
])
def test_an_advisors_deal_is_its_clients_news(tmp_path, settings, headline, client):
    page = tmp_path / "advisor.md"
    page.write_text(f"# {headline}\n\nThe advisor is pleased to announce the transaction. "
                    "Its team worked with the owners for a year.\n", encoding="utf-8")
    [out] = extract_sources([str(page)], settings)
    funding = [(s["account"], s["tense"]) for s in out["signals"] if s["kind"] == "funding"]
    assert funding == [(client, "completed")]


def test_a_release_without_a_dateline_is_dated_by_the_path_it_is_filed_under(tmp_path):
    from datetime import date

    from extract.sources import RawDocument, document_date, path_date

    assert path_date("press/2024/0531/acme-raises.md") == date(2024, 5, 31)
    assert path_date("https://news.example/2025/03/07/acme") == date(2025, 3, 7)
    assert path_date("archive/2024-11-02-acme.html") == date(2024, 11, 2)
    assert path_date("press/2024/1399/acme.md") is None  # no month 13
    assert path_date("reports/20245/acme.md") is None
    doc = RawDocument(source=str(tmp_path / "2024" / "0531" / "acme.md"), text="Acme raised money.")
    assert document_date(doc) == date(2024, 5, 31)


def test_a_deep_deal_of_the_release_year_counts_when_only_the_path_dates_it(tmp_path, settings):
    """Without a date, "On March 11, 2024" would read as a past year's retold deal."""
    folder = tmp_path / "2024" / "0531"
    folder.mkdir(parents=True)
    body = "".join(f"Paragraph {i} covers farms and margins.\n\n" for i in range(8))
    page = folder / "lumio.md"
    page.write_text(f"# Lumio Grows Lettuce in Towers\n\nLumio grows lettuce.\n\n{body}"
                    "On March 11, 2024, Lumio completed a business combination with Lakeshore "
                    "Acquisition II Corp.\n", encoding="utf-8")
    [out] = extract_sources([str(page)], settings)
    assert [(s["kind"], s["tense"]) for s in out["signals"]] == [("funding", "completed")]


def test_a_headline_deal_the_lead_says_has_not_closed_is_planned(tmp_path, settings):
    cases = [("# Lumio Secures $20 Million Private Placement With Beta Holdings\n\nLumio has signed "
              "agreements with Beta Holdings. The private placement is expected to close on October 22.\n",
              ("Lumio", "planned")),
             ("# Gcon Acquired by Webcor LP in New Strategic Relationship\n\nWebcor LP announced it will "
              "acquire Gcon, a builder in Texas. The transaction is expected to close in Q4 2027.\n",
              ("Gcon", "planned")),
             ("# Lumio Closes $20 Million Private Placement\n\nLumio closed the placement today. A "
              "second tranche is expected to close next month.\n", ("Lumio", "completed"))]
    for n, (text, want) in enumerate(cases):
        page = tmp_path / f"deal{n}.md"
        page.write_text(text, encoding="utf-8")
        [out] = extract_sources([str(page)], settings)
        funding = [(s["account"], s["tense"]) for s in out["signals"] if s["kind"] == "funding"]
        assert funding[:1] == [want], (text, out["signals"])


def test_a_pipe_offering_the_ner_calls_a_name_still_counts(tmp_path, settings):
    page = tmp_path / "pipe.md"
    page.write_text("# Lumio, Inc Announces Closing of $15.2 Million PIPE Offering\n\nLumio, Inc today "
                    "announced the closing of its previously announced PIPE offering for gross proceeds "
                    "of approximately $15.2 million.\n", encoding="utf-8")
    [out] = extract_sources([str(page)], settings)
    assert ("funding", "completed") in {(s["kind"], s["tense"]) for s in out["signals"]}


def test_a_crypto_promotion_is_the_promoted_projects_release(tmp_path, settings):
    """The headline opens with Bitcoin; the release exists for the token it names last."""
    body = " ".join(["Lumio Token holders staked more this week."] * 3 +
                     ["Bitcoin and Ethereum traders watched the crypto market.",
                      "Lumio Token has raised over $1.3 million in its presale, now in stage 9.",
                      "The Lumio Token team plans a DEX listing on the blockchain."])
    page = tmp_path / "promo.md"
    page.write_text(f"# Bitcoin Nears $70K, Ethereum on the Rise, and Lumio Token's Referral Boom\n\n"
                    f"{body}\n", encoding="utf-8")
    [out] = extract_sources([str(page)], settings)
    assert out["accounts"][0]["name"] == "Lumio Token"
