"""Measure extraction against hand-written gold labels (data/eval/*.jsonl; labels only, no text).

Run: ``python -m extract.evaluate [--corpus DIR] [--set tuning|holdout|fresh|aws|fresh2|...|fresh22|all] [--labels FILE] [--json]``;
``--agreement GOLD OTHER`` scores one labeller against another instead (no extraction).
The tuning set (press_releases.v1) is the one rules were developed against; the held-out set
(press_releases_holdout.v1) was labelled before any rule change was measured on it and is reported
separately so that its figures are not inflated by tuning; the fresh set (press_releases_fresh.v1,
150 documents labelled to data/eval/GUIDE.md) was measured once before any rule was changed for it;
the aws set (press_releases_aws.v1, 40 releases that mention AWS) likewise, and fresh2 to fresh22
(120, 100, then 120 each: random releases labelled in later sessions) the same way; fresh14b and
fresh15b are second, independent labellings of fresh14 and fresh15.
Per field: signal
kind (document-level set, P/R/F1), tense (accuracy on gold signals whose kind was found), primary
company (accuracy on documents with gold signals), AWS services and people (set P/R/F1).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

from acescout_core.domains import normalize_company_name
from acescout_core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "press-releases"
EVAL_DIR = ROOT / "data" / "eval"
DEFAULT_LABELS = EVAL_DIR / "press_releases.v1.jsonl"
# set name -> label file; "fresh2" .. "fresh22" are seeded random draws labelled in later sessions
_FRESH = ("fresh", *(f"fresh{n}" for n in range(2, 33)), "fresh14b", "fresh15b")
LABEL_SETS = {"tuning": DEFAULT_LABELS,
              **{name: EVAL_DIR / f"press_releases_{name}.v1.jsonl" for name in ("holdout", "aws", *_FRESH)}}
TARGETS = {"kind_f1": 0.90, "tense_accuracy": 0.90, "company_accuracy": 0.95,
           "aws_services_f1": 0.90, "people_f1": 0.80}


def person_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(?:dr|mr|mrs|ms|ph\.?d|m\.?d|jr|sr|ii|iii)\b\.?", " ", text)
    words = [w for w in re.sub(r"[^a-z\s-]", " ", text).split() if len(w) > 1]
    return " ".join(words)


_MINOR_WORDS = {"the", "of", "for", "and", "&", "on", "in", "de"}


def _initialism(short: str, long: str) -> bool:
    """"UNOS" for "The United Network for Organ Sharing", "US SIF" for "The Sustainable Investment
    Forum": a capitals token of three or more letters spelling the other name's initials."""
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in _MINOR_WORDS]
    caps = [w for w in short.replace(".", "").split() if w.isupper() and w.isalpha() and len(w) >= 3]
    return len(short.split()) <= 2 and len(words) >= 3 and \
        "".join(w[0] for w in words).upper() in caps


def same_company(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = normalize_company_name(a), normalize_company_name(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.token_set_ratio(ka, kb) >= 90 or ka in kb or kb in ka or \
        _initialism(a, b) or _initialism(b, a)


class Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _canonical_services() -> dict[str, str]:
    from extract.patterns import load_patterns

    return {r["pattern"].lower(): r["id"] for r in load_patterns().by_label("AWS_SERVICE")
            if isinstance(r["pattern"], str)}


def primary_company(result: dict) -> str | None:
    accounts = [s["account"] for s in result["signals"] if s.get("account")]
    if accounts:
        return max(accounts, key=lambda a: (accounts.count(a), -accounts.index(a)))
    return result["accounts"][0]["name"] if result["accounts"] else None


def score(labels: list[dict], results: dict[str, dict]) -> dict:
    """Compare predictions (by label path) with gold; returns metrics and per-document misses."""
    canon = _canonical_services()
    kinds, services, people = Counts(), Counts(), Counts()
    tense_ok = tense_n = company_ok = company_n = 0
    errors = []
    for gold in labels:
        pred = results[gold["path"]]
        g_kinds = {s["kind"] for s in gold["signals"]}
        p_kinds = {s["kind"] for s in pred["signals"]}
        kinds.add(g_kinds, p_kinds)
        for g in gold["signals"]:
            found = next((s for s in pred["signals"] if s["kind"] == g["kind"]), None)
            if found is not None:
                tense_n += 1
                tense_ok += found["tense"] == g["tense"]
        company_miss = False
        if gold["signals"]:
            company_n += 1
            hit = same_company(primary_company(pred), gold.get("company"))
            company_ok += hit
            company_miss = not hit
        g_srv = {canon.get(s.lower(), s) for s in gold.get("aws_services", [])}
        services.add(g_srv, set(pred.get("aws_services", [])))
        g_people = {person_key(n) for n in gold.get("people", [])}
        p_people = {person_key(p["name"]) for p in pred["people"]}
        people.add(g_people, p_people)
        if g_kinds != p_kinds or g_people != p_people or company_miss:
            errors.append({"path": gold["path"], "kinds": [sorted(g_kinds), sorted(p_kinds)],
                           "company": [gold.get("company"), primary_company(pred)],
                           "people_missed": sorted(g_people - p_people),
                           "people_extra": sorted(p_people - g_people)})
    metrics = {
        "documents": len(labels),
        "kind": kinds.prf(),
        "tense": {"accuracy": round(tense_ok / tense_n, 3) if tense_n else 1.0, "n": tense_n},
        "primary_company": {"accuracy": round(company_ok / company_n, 3) if company_n else 1.0,
                            "n": company_n},
        "aws_services": services.prf(),
        "people": people.prf(),
    }
    return {"metrics": metrics, "errors": errors}


def labels_as_results(labels: list[dict]) -> dict[str, dict]:
    """Another labeller's labels in the extractor's output shape, so ``score`` measures agreement."""
    canon = _canonical_services()
    return {g["path"]: {"signals": [{**s, "account": g.get("company")} for s in g["signals"]],
                        "accounts": [{"name": g["company"]}] if g.get("company") else [],
                        "aws_services": [canon.get(s.lower(), s) for s in g.get("aws_services", [])],
                        "people": [{"name": n} for n in g.get("people", [])]}
            for g in labels}


def agreement(first: Path, second: Path) -> dict:
    """Score one labeller against another on the documents both labelled (no extraction run):
    the ceiling a single labeller's gold set allows any extractor."""
    a = {g["path"]: g for g in load_labels(first)}
    b = labels_as_results([g for g in load_labels(second) if g["path"] in a])
    if not b:
        raise ValueError(f"{first.name} and {second.name} share no documents")
    return score([a[path] for path in b], b)


def load_labels(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(corpus: Path = DEFAULT_CORPUS, labels_path: Path = DEFAULT_LABELS,
             settings: Settings | None = None) -> dict:
    """Run the extractor on the labelled documents of ``corpus`` and score it."""
    from extract.api import extract_sources

    settings = settings or Settings()
    labels = load_labels(labels_path)
    missing = [g["path"] for g in labels if not (corpus / g["path"]).is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} labelled documents not in {corpus}: {missing[0]}")
    outputs = extract_sources([str(corpus / g["path"]) for g in labels], settings)
    results = {g["path"]: out for g, out in zip(labels, outputs)}
    return score(labels, results)


def format_report(report: dict) -> str:
    m = report["metrics"]
    lines = [f"documents: {m['documents']}",
             f"{'field':<18}{'precision':>10}{'recall':>8}{'f1/acc':>8}   target"]
    for field, key, target in (("signal kind", "kind", "kind_f1"), ("aws services", "aws_services",
                               "aws_services_f1"), ("people", "people", "people_f1")):
        v = m[key]
        lines.append(f"{field:<18}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}   "
                     f">= {TARGETS[target]:.2f}  (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    lines.append(f"{'tense':<18}{'':>10}{'':>8}{m['tense']['accuracy']:>8.3f}   "
                 f">= {TARGETS['tense_accuracy']:.2f}  (n {m['tense']['n']})")
    lines.append(f"{'primary company':<18}{'':>10}{'':>8}{m['primary_company']['accuracy']:>8.3f}   "
                 f">= {TARGETS['company_accuracy']:.2f}  (n {m['primary_company']['n']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score extraction against gold labels.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=None,
                        help="score one label file (overrides --set)")
    parser.add_argument("--set", dest="label_set", choices=(*LABEL_SETS, "all"),
                        default="all", help="which label set to score (default: all, separately)")
    parser.add_argument("--json", action="store_true", help="print metrics and misses as JSON")
    parser.add_argument("--errors", action="store_true", help="also list documents with misses")
    parser.add_argument("--agreement", nargs=2, type=Path, metavar=("GOLD", "OTHER"),
                        help="score one labeller's file against another's (no extraction)")
    args = parser.parse_args(argv)
    if args.agreement:
        report = agreement(*args.agreement)
        print(json.dumps(report, indent=2) if args.json else format_report(report))
        if args.errors and not args.json:
            for e in report["errors"]:
                print(json.dumps(e))
        return 0
    if args.labels is not None:
        sets = {str(args.labels): args.labels}
    elif args.label_set == "all":
        sets = dict(LABEL_SETS)
    else:
        sets = {args.label_set: LABEL_SETS[args.label_set]}
    reports = {}
    try:
        for name, path in sets.items():
            reports[name] = evaluate(args.corpus, path)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(reports if len(reports) > 1 else next(iter(reports.values())), indent=2))
        return 0
    for name, report in reports.items():
        if len(reports) > 1:
            print(f"== {name} set ({sets[name].name})")
        print(format_report(report))
        if args.errors:
            for e in report["errors"]:
                print(json.dumps(e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
