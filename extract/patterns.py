"""Versioned JSONL pattern files (data/patterns/NAME.vN.jsonl) loaded and validated for the rulers."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from acescout_core.errors import InputError

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
FILE_NAME = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.jsonl$")
KINDS = ("migration", "compliance", "case_study", "hiring", "funding", "leadership_change",
         "datacenter_exit", "renewal")
TENSES = ("planned", "in_progress", "completed")
CLOUDS = ("aws", "azure", "gcp", "other")
# file name -> the one label its records carry
FILE_LABELS = {
    "aws_services": "AWS_SERVICE", "aws_programs": "AWS_PROGRAM", "compliance": "FRAMEWORK",
    # AWS-designed chips: products the text names like services, absent from botocore's models
    "aws_silicon": "AWS_SERVICE",
    "titles": "TITLE", "triggers": "TRIGGER", "clouds": "CLOUD", "organizations": "NON_ACCOUNT",
}
# Matched case-insensitively (LOWER); the rest are names whose case matters ("DORA" != "Dora").
CASELESS_LABELS = {"TRIGGER", "TITLE"}


class PatternError(InputError):
    """A pattern file that would load a wrong or empty ruler."""


@dataclass
class PatternSet:
    files: dict[str, Path] = field(default_factory=dict)  # name -> newest version's path
    records: list[dict] = field(default_factory=list)
    seniority: dict[str, int] = field(default_factory=dict)  # title id -> 0..5

    def by_label(self, label: str) -> list[dict]:
        return [r for r in self.records if r["label"] == label]

    def ruler_patterns(self, caseless: bool) -> list[dict]:
        """Patterns for one of the two SpanRulers (LOWER or ORTH phrase matching).

        Trigger tense hints ride in the id as 'kind:tense'. Service names go to the caseless
        ruler ("Quicksight") except bare acronyms ("ecs" is not Amazon ECS): phrase matching
        keeps this fast, where per-token LOWER patterns made the Matcher the bottleneck.
        """
        out = []
        for rec in self.records:
            pattern = rec["pattern"]
            is_caseless = rec["label"] in CASELESS_LABELS or (
                rec["label"] == "AWS_SERVICE" and isinstance(pattern, str) and _caseless_name(pattern))
            if is_caseless != caseless:
                continue
            pid = rec["id"] if "tense" not in rec else f"{rec['id']}:{rec['tense']}"
            out.append({"label": rec["label"], "pattern": pattern, "id": pid})
        return out


def _caseless_name(pattern: str) -> bool:
    """Service names may be written in any case ("Quicksight"), bare acronyms may not ("ecs")."""
    if " " in pattern:
        return True
    return not (pattern.isupper() or any(ch.isdigit() for ch in pattern)) and len(pattern) >= 6


def _check(rec: object, label: str, where: str) -> dict:
    if not isinstance(rec, dict):
        raise PatternError(f"{where}: not a JSON object")
    if rec.get("label") != label:
        raise PatternError(f"{where}: label must be {label!r}, got {rec.get('label')!r}")
    pattern = rec.get("pattern")
    if isinstance(pattern, str):
        if not pattern.strip():
            raise PatternError(f"{where}: empty pattern")
    elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) and t for t in pattern)):
        raise PatternError(f"{where}: pattern must be a string or a list of token objects")
    if not isinstance(rec.get("id"), str) or not rec["id"]:
        raise PatternError(f"{where}: id must be a non-empty string")
    if label == "TRIGGER":
        if rec["id"] not in KINDS:
            raise PatternError(f"{where}: unknown trigger kind {rec['id']!r}")
        if "tense" in rec and rec["tense"] not in TENSES:
            raise PatternError(f"{where}: unknown tense {rec['tense']!r}")
    if label == "TITLE":
        sen = rec.get("seniority")
        if not isinstance(sen, int) or not 0 <= sen <= 5:
            raise PatternError(f"{where}: seniority must be an integer 0..5")
    if label == "CLOUD" and rec["id"] not in CLOUDS:
        raise PatternError(f"{where}: unknown cloud {rec['id']!r}")
    return rec


def newest_files(directory: Path) -> dict[str, Path]:
    """The highest version of each pattern file name (changes are made by adding a version)."""
    best: dict[str, tuple[int, Path]] = {}
    for path in directory.glob("*.jsonl"):
        m = FILE_NAME.match(path.name)
        if not m:
            raise PatternError(f"{path}: pattern files are named NAME.vN.jsonl")
        name, version = m["name"], int(m["version"])
        if name not in FILE_LABELS:
            raise PatternError(f"{path}: unknown pattern file {name!r}")
        if name not in best or version > best[name][0]:
            best[name] = (version, path)
    return {name: path for name, (_, path) in sorted(best.items())}


def read_file(path: Path, label: str) -> list[dict]:
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path.name}:{lineno}: invalid JSON: {exc.msg}") from None
        records.append(_check(rec, label, f"{path.name}:{lineno}"))
    if not records:
        raise PatternError(f"{path.name}: no patterns")
    return records


@lru_cache(maxsize=4)
def load_patterns(directory: str | Path = PATTERNS_DIR) -> PatternSet:
    directory = Path(directory)
    files = newest_files(directory)
    missing = set(FILE_LABELS) - set(files)
    if missing:
        raise PatternError(f"{directory}: missing pattern files: {', '.join(sorted(missing))}")
    result = PatternSet(files=files)
    for name, path in files.items():
        result.records.extend(read_file(path, FILE_LABELS[name]))
    result.seniority = {r["id"]: r["seniority"] for r in result.by_label("TITLE")}
    return result
