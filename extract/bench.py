"""Throughput: `extract` vs the raw NER-only ``nlp.pipe`` of the same model on the same texts.

Run: ``python -m extract.bench [--corpus DIR] [--docs 1000] [--batch-size 64] [--n-process 2]``.
Both sides get the same texts (already read), batch size and process count; the ratio is
extract time / NER time (goal <= 1.0, thanks to the rule prefilter and windowed NER).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from acescout_core.settings import Settings
from extract.evaluate import DEFAULT_CORPUS
from extract.extractor import Extractor, compose_text
from extract.pipeline import load_ner
from extract.sources import RawDocument, dateline_date


def corpus_documents(corpus: Path, n: int, seed: int = 13) -> list[RawDocument]:
    paths = sorted(p for p in corpus.rglob("*.md") if p.name != "README.md")
    random.Random(seed).shuffle(paths)
    docs = []
    for path in paths[:n]:
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append(RawDocument(source=str(path), text=text, published_at=dateline_date(text)))
    return docs


def bench(corpus: Path = DEFAULT_CORPUS, n: int = 1000, batch_size: int = 64, n_process: int = 2,
          settings: Settings | None = None) -> dict:
    settings = settings or Settings()
    settings.extract.batch_size = batch_size
    settings.extract.n_process = n_process
    docs = corpus_documents(corpus, n)
    texts = [compose_text(d, settings.extract.max_chars) for d in docs]
    nlp = load_ner(settings.extract.model)
    extractor = Extractor(settings)
    extractor.run(docs[:5])  # load the rules and the model once, outside the clocks

    start = time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    ner_seconds = time.perf_counter() - start

    start = time.perf_counter()
    results = extractor.run(docs)
    extract_seconds = time.perf_counter() - start

    chars = sum(len(t) for t in texts)
    ner_chars = sum(r.ner_chars for r in results)
    return {
        "documents": len(docs), "characters": chars, "batch_size": batch_size, "n_process": n_process,
        "ner_only_seconds": round(ner_seconds, 2), "ner_only_docs_per_s": round(len(docs) / ner_seconds, 1),
        "ner_entities": ents,
        "extract_seconds": round(extract_seconds, 2),
        "extract_docs_per_s": round(len(docs) / extract_seconds, 1),
        "ratio_extract_to_ner": round(extract_seconds / ner_seconds, 3),
        "share_of_text_sent_to_ner": round(ner_chars / chars, 3) if chars else 0.0,
        "documents_without_ner": sum(1 for r in results if r.ner_chars == 0),
        "signals": sum(len(r.signals) for r in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args(argv)
    print(json.dumps(bench(args.corpus, args.docs, args.batch_size, args.n_process), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
