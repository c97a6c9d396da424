"""Generate data/patterns/aws_services.vN.jsonl from botocore's service models (never by hand).

Run: ``python -m extract.build_patterns [--out data/patterns/aws_services.v1.jsonl]``.
Each service yields its full name, its "Amazon X"/"AWS X" short forms and, only when they
cannot be an ordinary word, bare abbreviations ("S3", "EC2", "DynamoDB"; never "Config").
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

PREFIXES = ("Amazon ", "AWS ")
# Data-plane/runtime/versioned twins and non-services: they would only duplicate a name.
SKIP_NAME = re.compile(r"Runtime|Data ?Plane|Control ?Plane|V\d\b|\bv\d\b|\bAPI\b|Partner Central|"
                       r"Marketplace|Free Tier|Billing|Pricing|Support|Account Access", re.I)
# Bare acronyms that are ordinary industry words (electronic medical records, SMS, SSO ...).
GENERIC_ACRONYMS = {"EMR", "SES", "IAM", "SNS", "DMS", "WAF", "SSO", "RAM", "SMS", "FMS", "PI", "ACM",
                    "MQ", "DLM", "CUR", "KMS", "STS", "SFN", "EFS", "MGN", "IVS", "CDK", "SWF", "EBS",
                    "AMP", "IoT", "DAX", "B2BI", "ELB", "OAM", "ARC", "DRS", "CE", "MWAA", "PCS", "RUM", "RBIN", "SSM"}
# Bare CamelCase names that are also open-source or generic products.
GENERIC_NAMES = {"OpenSearch", "AppSync", "DataZone", "AppFlow", "AppConfig", "CodeCommit", "GameLift",
                 "WorkMail", "WorkDocs", "WorkSpaces", "DevOps", "CodeStar", "CloudHSM", "NetworkManager", "AppStream"}
# A few services whose botocore names are internal API names; the marketed name is kept here.
OVERRIDES = {
    "kafka": ("Amazon MSK", ["Amazon Managed Streaming for Apache Kafka", "Amazon MSK"]),
    "mq": ("Amazon MQ", ["Amazon MQ"]),
    "drs": ("AWS Elastic Disaster Recovery", ["AWS Elastic Disaster Recovery", "AWS DRS"]),
    "mgn": ("AWS Application Migration Service", ["AWS Application Migration Service", "AWS MGN",
                                                   "Application Migration Service"]),
    "sagemaker": ("Amazon SageMaker", ["Amazon SageMaker", "AWS SageMaker", "SageMaker",
                                       "Amazon SageMaker AI"]),
    "qbusiness": ("Amazon Q Business", ["Amazon Q Business", "Amazon Q"]),
    "es": ("Amazon OpenSearch Service", ["Amazon Elasticsearch Service"]),
    "apigatewayv2": ("Amazon API Gateway", ["Amazon API Gateway"]),
    "snowball": ("AWS Snowball", ["AWS Snowball", "Amazon Snowball"]),
    "docdb": ("Amazon DocumentDB", ["Amazon DocumentDB", "DocumentDB"]),
    "macie2": ("Amazon Macie", ["Amazon Macie"]),
    "inspector2": ("Amazon Inspector", ["Amazon Inspector"]),
}


# Engines sold under their own name inside one botocore model (Aurora is an RDS engine).
EXTRA = {
    "rds": [("Amazon Aurora", ["Amazon Aurora", "AWS Aurora", "Amazon Aurora PostgreSQL",
                               "Amazon Aurora MySQL", "Aurora PostgreSQL", "Aurora MySQL"]),
            ("Amazon RDS", ["Amazon RDS for PostgreSQL", "Amazon RDS for MySQL",
                            "Amazon RDS for SQL Server", "Amazon RDS for Oracle",
                            "Amazon RDS for MariaDB", "Amazon RDS for Db2"])],
}


def botocore_data_dir() -> Path:
    import botocore

    return Path(botocore.__file__).parent / "data"


def read_metadata(service_dir: Path) -> dict | None:
    """The newest API version's metadata block (serviceFullName, serviceAbbreviation)."""
    versions = sorted(p for p in service_dir.iterdir() if p.is_dir())
    for version in reversed(versions):
        for name in ("service-2.json", "service-2.json.gz"):
            path = version / name
            if path.exists():
                opener = gzip.open if name.endswith(".gz") else open
                with opener(path, "rt", encoding="utf-8") as fh:
                    return json.load(fh).get("metadata", {})
    return None


def _core(name: str) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def bare_is_safe(word: str) -> bool:
    """A bare word may stand alone only if no English sentence would use it otherwise."""
    if " " in word or word in GENERIC_ACRONYMS or word in GENERIC_NAMES:
        return False
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return len(word) >= 2
    if word.isupper() and 3 <= len(word) <= 4:
        return True
    camel = re.search(r"[a-z][A-Z]", word) is not None
    return camel and len(word) >= 5


def service_forms(service: str, meta: dict) -> tuple[str, list[str]] | None:
    """(canonical name, surface forms) for one botocore service, or None to skip it."""
    if service in OVERRIDES:
        canonical, forms = OVERRIDES[service]
        return canonical, list(dict.fromkeys([canonical, *forms]))
    full = (meta.get("serviceFullName") or "").strip()
    abbrev = (meta.get("serviceAbbreviation") or "").strip()
    if not full or SKIP_NAME.search(full) or " " not in full:
        return None
    full = re.sub(r"\s+\d$", "", full)
    if not full.startswith(PREFIXES):
        full = "AWS " + full
    prefix = full.split(" ", 1)[0]
    core = _core(full)
    stripped = re.sub(r" Service$", "", core)
    forms = [full]
    canonical = full
    if stripped != core and " " not in stripped:  # "Amazon SageMaker Service" -> "Amazon SageMaker"
        canonical = f"{prefix} {stripped}"
        core = stripped
    if abbrev.startswith(PREFIXES) and not SKIP_NAME.search(abbrev):
        canonical = abbrev
        short = _core(abbrev)
        forms += [f"Amazon {short}", f"AWS {short}"]
        if bare_is_safe(short):
            forms.append(short)
    forms += [f"Amazon {core}", f"AWS {core}", canonical]
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", core)
    if spaced != core and " " not in core:  # "SecurityHub" is written "Security Hub"
        forms += [f"{prefix} {spaced}"]
    if bare_is_safe(core):
        forms.append(core)
    return canonical, list(dict.fromkeys(forms))


def build_records(data_dir: Path | None = None) -> list[dict]:
    data_dir = data_dir or botocore_data_dir()
    seen: dict[str, str] = {}
    records = []
    for service_dir in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        meta = read_metadata(service_dir)
        result = service_forms(service_dir.name, meta) if meta is not None else None
        if result is None:
            continue
        groups = [result, *EXTRA.get(service_dir.name, [])]
        for canonical, forms in groups:
            for form in forms:
                if form in seen:  # first (alphabetical) service keeps a shared surface form
                    continue
                seen[form] = canonical
                records.append({"label": "AWS_SERVICE", "pattern": form, "id": canonical,
                                "service": service_dir.name})
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent
                                             / "data" / "patterns" / "aws_services.v1.jsonl"))
    args = parser.parse_args(argv)
    records = build_records()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} patterns for {len({r['id'] for r in records})} services -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
