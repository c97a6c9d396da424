"""Pattern files: every one loads and validates; the AWS service list is generated, not typed."""
from __future__ import annotations

import json

import pytest

from extract.build_patterns import bare_is_safe, build_records, service_forms
from extract.patterns import FILE_LABELS, PATTERNS_DIR, PatternError, load_patterns, newest_files, read_file


def test_every_pattern_file_loads_and_validates():
    files = newest_files(PATTERNS_DIR)
    assert set(files) == set(FILE_LABELS)
    for name, path in files.items():
        records = read_file(path, FILE_LABELS[name])
        assert records, name
    patterns = load_patterns()
    assert patterns.seniority["CIO"] == 5 and patterns.seniority["VP"] == 4


def test_invalid_pattern_files_are_rejected(tmp_path):
    bad = tmp_path / "triggers.v1.jsonl"
    bad.write_text(json.dumps({"label": "TRIGGER", "pattern": "migrate", "id": "teleport"}) + "\n")
    with pytest.raises(PatternError, match="unknown trigger kind"):
        read_file(bad, "TRIGGER")
    bad.write_text("{not json\n")
    with pytest.raises(PatternError, match="invalid JSON"):
        read_file(bad, "TRIGGER")
    titles = tmp_path / "titles.v1.jsonl"
    titles.write_text(json.dumps({"label": "TITLE", "pattern": "CIO", "id": "CIO", "seniority": 9}) + "\n")
    with pytest.raises(PatternError, match="seniority"):
        read_file(titles, "TITLE")
    (tmp_path / "oddname.jsonl").write_text("")
    with pytest.raises(PatternError, match="NAME.vN.jsonl"):
        newest_files(tmp_path)


def test_newest_version_wins(tmp_path):
    for v in (1, 2):
        (tmp_path / f"clouds.v{v}.jsonl").write_text(
            json.dumps({"label": "CLOUD", "pattern": f"Cloud{v}", "id": "other"}) + "\n")
    assert newest_files(tmp_path)["clouds"].name == "clouds.v2.jsonl"


def test_ambiguous_bare_words_need_a_prefix():
    assert not bare_is_safe("Config") and not bare_is_safe("Backup") and not bare_is_safe("Batch")
    assert not bare_is_safe("EMR")  # electronic medical records
    assert bare_is_safe("S3") and bare_is_safe("EC2") and bare_is_safe("DynamoDB")
    canonical, forms = service_forms("config", {"serviceFullName": "AWS Config"})
    assert "AWS Config" in forms and "Config" not in forms


def test_committed_service_file_matches_botocore():
    """Every committed pattern is what botocore generates for its service today. Services that a
    newer botocore release added are allowed (botocore is not pinned); a renamed or removed
    service, or a hand-edited pattern, fails."""
    committed = {(r["pattern"], r["id"]) for r in _committed_service_rows()}  # not aws_silicon
    services = {r["service"] for r in _committed_service_rows()}
    generated = {(r["pattern"], r["id"]) for r in build_records() if r["service"] in services}
    assert generated == committed, "run `python -m extract.build_patterns` and commit the result"
    ids = {i for _, i in committed}
    assert {"Amazon S3", "Amazon EC2", "AWS Lambda", "Amazon EKS"} <= ids
    assert ("Amazon Simple Storage Service", "Amazon S3") in committed


def _committed_service_rows() -> list[dict]:
    path = newest_files(PATTERNS_DIR)["aws_services"]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_bare_acronyms_are_services_only_in_a_text_about_aws():
    from extract.pipeline import entity_spans, load_rules
    nlp = load_rules()

    def services(text: str) -> list[str]:
        return [s.id_ for s in entity_spans(nlp(text)) if s.label_ == "AWS_SERVICE"]

    assert services("Meet the LCFA ECR grant recipients and their S3 lab.") == []
    assert services("The platform runs on EKS and S3 at AWS.") == ["Amazon EKS", "Amazon S3"]
    assert services("Workloads moved to Amazon ECR.") == ["Amazon ECR"]


def test_generic_product_words_are_not_bare_services():
    from extract.pipeline import entity_spans, load_rules

    doc = load_rules()("The studio redesigns workspaces and WorkSpaces for small teams.")
    assert not [s for s in entity_spans(doc) if s.label_ == "AWS_SERVICE"]
    assert not bare_is_safe("WorkSpaces")


def test_aws_designed_chips_are_named_like_services():
    from extract.pipeline import entity_spans, load_rules

    doc = load_rules()("Models train on SageMaker with AWS Trainium and Inferentia2, served on "
                       "Graviton4 instances.")
    assert [s.id_ for s in entity_spans(doc) if s.label_ == "AWS_SERVICE"] == [
        "Amazon SageMaker", "AWS Trainium", "AWS Inferentia", "AWS Graviton"]
