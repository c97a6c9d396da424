"""Would a learned model beat the trigger rules on signal kinds? Leave-one-label-set-out on the corpus.

Two models, both scikit-learn logistic regressions over hashed words (no vocabulary stored):

- ``text``: the document's headline, lead and body words alone, one classifier per kind;
- ``gate``: a second opinion on the rules' own candidates, one row per trigger sentence (the
  trigger's words, its neighbours, where it stands, whether the rules kept it), a document's kind
  being its best candidate's probability; a kind the rules rejected is added above ``--add``.

Each label set is scored by models trained on all the others. Run:
``python -m benchmarks.kind_model_cv --corpus ../shared/corpus/press-releases``
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression

from acescout_core.settings import Settings
from extract.api import extract_documents
from extract.boilerplate import find_layout
from extract.evaluate import DEFAULT_CORPUS, LABEL_SETS, load_labels
from extract.extractor import compose_text
from extract.pipeline import load_rules, trigger_spans
from extract.sources import read_source

KINDS = ("funding", "leadership_change", "compliance", "migration", "case_study", "hiring",
         "datacenter_exit", "renewal")
LEAD_SENTENCES = 6


def _documents(corpus: Path):
    """(set name, gold kinds, text, body end, rule kinds, rule (kind, sentence start)) per release."""
    labelled = {}
    for name, path in LABEL_SETS.items():
        if not name.endswith("b"):  # second labellers' copies of fresh14/15
            for gold in load_labels(Path(path)):
                labelled.setdefault(gold["path"], (name, gold))
    paths = sorted(labelled)
    raws = [read_source(str(corpus / p))[0] for p in paths]
    settings = Settings()
    out = extract_documents(raws, settings)
    for path, raw, result in zip(paths, raws, out):
        name, gold = labelled[path]
        text = compose_text(raw, settings.extract.max_chars)
        yield (name, {s["kind"] for s in gold["signals"]}, text, find_layout(text).body_end,
               {s["kind"] for s in result["signals"]}, {(s["kind"], s["start"]) for s in result["signals"]})


def _candidates(docs) -> list[tuple[int, str, str]]:
    """(document index, kind, feature words) per sentence holding a trigger word of that kind."""
    rows = []
    texts = [d[2] for d in docs]
    for i, doc in enumerate(load_rules().pipe(texts, batch_size=64)):
        body_end, kept, rule_kinds = docs[i][3], docs[i][5], docs[i][4]
        sents = [s for s in doc.sents if s.text.strip() and s.start_char < body_end]
        trigs = trigger_spans(doc)
        for n, sent in enumerate(sents):
            seen = set()
            for trig in (t for t in trigs if sent.start <= t.start < sent.end):
                kind, _, hint = trig.id_.partition(":")
                if kind in seen:
                    continue
                seen.add(kind)
                where = "H" if n == 0 else "L" if n < LEAD_SENTENCES else "D"
                words = [t.lower_ for t in sent if not t.is_space]
                at = trig.start - sent.start
                near = [f"w{j - at}_{words[j]}" for j in range(max(0, at - 4), min(len(words), at + len(trig) + 4))
                        if not at <= j < at + len(trig)]
                rows.append((i, kind, " ".join(
                    [f"K_{kind}", "T_" + trig.text.lower().replace(" ", "_"), f"P_{kind}_{where}",
                     f"H_{hint or 'none'}", f"R_{(kind, sent.start_char) in kept}",
                     f"RD_{kind in rule_kinds}", *near, *("s_" + w for w in words)])))
    return rows


def _f1(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp, fp, fn = (pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return tuple(round(float(v), 3) for v in (2 * p * r / max(p + r, 1e-9), p, r))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--add", type=float, nargs="+", default=[0.5, 0.7, 0.9])
    args = parser.parse_args(argv)
    docs = list(_documents(args.corpus))
    sets = np.array([d[0] for d in docs])
    gold = np.array([[k in d[1] for k in KINDS] for d in docs])
    rules = np.array([[k in d[4] for k in KINDS] for d in docs])
    print(f"{len(docs)} releases, {gold.sum()} gold kinds; rules: F1 / P / R {_f1(rules, gold)}")

    words = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False)
    x_text = words.transform([d[2][:d[3]] for d in docs])
    text_pred = rules.copy()
    rows = _candidates(docs)
    feats = HashingVectorizer(n_features=2**20, token_pattern=r"\S+", lowercase=False,
                              alternate_sign=False).transform([r[2] for r in rows])
    row_doc, row_kind = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
    best = np.zeros(gold.shape)
    for held in sorted(set(sets)):
        train, test = sets != held, sets == held
        for j, kind in enumerate(KINDS):
            if gold[train, j].sum() >= 5:
                model = LogisticRegression(C=4.0, max_iter=2000).fit(x_text[train], gold[train, j])
                text_pred[test, j] = model.predict_proba(x_text[test])[:, 1] > 0.5
            mine = row_kind == kind
            tr, te = mine & train[row_doc], mine & test[row_doc]
            if te.any() and gold[row_doc[tr], j].sum() >= 5:
                gate = LogisticRegression(max_iter=3000, class_weight="balanced")
                gate.fit(feats[tr], gold[row_doc[tr], j])
                np.maximum.at(best[:, j], row_doc[te], gate.predict_proba(feats[te])[:, 1])
    print(f"text model alone: F1 / P / R {_f1(text_pred, gold)}")
    for add in args.add:
        print(f"rules + gate adding kinds above {add}: F1 / P / R {_f1(rules | (best > add), gold)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
