"""The evaluation's scoring: what counts as a hit, a miss and the same company."""
from __future__ import annotations

from extract.evaluate import score, same_company


def test_same_company_allows_legal_forms_and_initialisms_but_not_other_names():
    assert same_company("Acme Logistics", "Acme Logistics Inc.")
    assert same_company("UNOS", "The United Network for Organ Sharing")
    assert same_company("US SIF", "The Sustainable Investment Forum")
    assert not same_company("UNO", "The United Network for Organ Sharing")
    assert not same_company("Ports America", "Grant Thornton")
    assert not same_company("ABC", "Alpha Beta")  # the initials must spell the whole name
    assert not same_company(None, "Acme")


def _result(kinds, account="Acme", people=()):
    return {"signals": [{"kind": k, "tense": t, "account": account} for k, t in kinds],
            "accounts": [{"name": account}], "aws_services": [],
            "people": [{"name": n} for n in people]}


def test_score_counts_kinds_per_document_tense_on_found_kinds_and_company_on_news():
    labels = [
        {"path": "a.md", "company": "Acme Inc", "aws_services": [], "people": ["Dr. Jane Roe"],
         "signals": [{"kind": "funding", "tense": "completed"},
                     {"kind": "leadership_change", "tense": "completed"}]},
        {"path": "b.md", "company": "Borealis", "aws_services": [], "people": [],
         "signals": []},
    ]
    results = {"a.md": _result([("funding", "planned")], people=["Jane Roe"]),
               "b.md": _result([("compliance", "completed")], account="Borealis")}
    m = score(labels, results)["metrics"]
    assert (m["kind"]["tp"], m["kind"]["fp"], m["kind"]["fn"]) == (1, 1, 1)
    assert m["tense"] == {"accuracy": 0.0, "n": 1}  # the funding was found with the wrong tense
    assert m["primary_company"] == {"accuracy": 1.0, "n": 1}  # only documents with news count
    assert m["people"]["f1"] == 1.0  # "Dr." is not part of the name


def test_agreement_scores_one_labeller_against_another_on_shared_documents(tmp_path):
    import json

    from extract.evaluate import agreement

    first = [{"path": "a.md", "company": "Acme", "aws_services": ["Amazon S3"], "people": ["Jo Roe"],
              "signals": [{"kind": "funding", "tense": "completed"}]},
             {"path": "b.md", "company": "Borealis", "aws_services": [], "people": [], "signals": []}]
    second = [{"path": "a.md", "company": "Acme Inc.", "aws_services": ["Amazon S3"],
               "people": ["Jo Roe", "Al Poe"],
               "signals": [{"kind": "funding", "tense": "in_progress"}]},
              {"path": "b.md", "company": "Borealis", "aws_services": [], "people": [],
               "signals": [{"kind": "hiring", "tense": "in_progress"}]},
              {"path": "c.md", "company": "Cirrus", "aws_services": [], "people": [], "signals": []}]
    paths = []
    for name, rows in (("first.jsonl", first), ("second.jsonl", second)):
        paths.append(tmp_path / name)
        paths[-1].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    m = agreement(*paths)["metrics"]
    assert m["documents"] == 2  # only what both labelled
    assert (m["kind"]["tp"], m["kind"]["fp"], m["kind"]["fn"]) == (1, 1, 0)
    assert m["tense"] == {"accuracy": 0.0, "n": 1}
    assert m["primary_company"] == {"accuracy": 1.0, "n": 1}
    assert m["aws_services"]["f1"] == 1.0
    assert (m["people"]["tp"], m["people"]["fp"]) == (1, 1)
