"""Batch units for the Dask fan-out (``[scale] task_runner = "dask"``).

The CPU-heavy halves run on Dask workers and only read the database: the NLP of a batch of
documents, the features/scores/reasons of a batch of accounts. The flow then writes each batch's
results in the default runner's document order in one place, so a Dask run ends in exactly the state of the default runner
(discovered accounts, de-duplication and upserts see the documents in the same order) and workers
never compete for SQLite's write lock. Tasks pass ids and small results, never sessions.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import insert, select, update

from acescout_core.settings import Settings
from extract.fingerprint import fingerprint, stamp
from models import Document, get_engine, session_scope

_EXTRACTORS: dict[str, Any] = {}


def partition(ids: list[int], size: int) -> list[list[int]]:
    size = max(1, size)
    return [ids[i:i + size] for i in range(0, len(ids), size)]


# ---- extraction ---------------------------------------------------------------------------

def pending_document_ids(settings: Settings) -> tuple[list[int], int]:
    """(ids of latest documents whose text or extractor changed since their last extraction,
    count of unchanged)."""
    extractor_id = fingerprint(settings)
    with session_scope(get_engine(settings.database_url)) as session:
        rows = session.execute(select(Document.id, Document.content_hash, Document.extracted_hash)
                               .where(Document.is_latest == True)  # noqa: E712
                               .order_by(Document.canonical_url)).all()
    pending = [i for i, content, extracted in rows  # extract.store's order
               if extracted != stamp(content, extractor_id)]
    return pending, len(rows) - len(pending)


def _extractor(settings: Settings):
    """One loaded pipeline per worker process and configuration."""
    from extract.extractor import Extractor

    key = settings.model_dump_json()
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(settings)
    return _EXTRACTORS[key]


def analyze_batch(settings: Settings, document_ids: list[int]) -> list[tuple[int, str, Any]]:
    """The NLP half of extraction, read-only: [(document id, content hash, DocExtraction)]."""
    from extract.sources import RawDocument

    with session_scope(get_engine(settings.database_url)) as session:
        docs = [session.get(Document, i) for i in document_ids]
        docs = [d for d in docs if d is not None]
        raws = [RawDocument(source=d.canonical_url, text=d.text or "", title=d.title,
                            published_at=d.published_at, url=d.url or d.canonical_url)
                for d in docs]
        keys = [(d.id, d.content_hash) for d in docs]
    results = _extractor(settings).run(raws)
    return [(doc_id, content_hash, result) for (doc_id, content_hash), result in zip(keys, results)]


def store_extractions(settings: Settings, analyzed: list[tuple[int, str, Any]]) -> dict:
    """The write half, in document order, with extract.store's own writer (same rows)."""
    from extract.store import ExtractStats, _index, _write

    stats = ExtractStats()
    extractor_id = fingerprint(settings)
    with session_scope(get_engine(settings.database_url)) as session:
        index = _index(session, settings)
        for doc_id, content_hash, result in analyzed:  # already in pending_document_ids' order
            doc = session.get(Document, doc_id)
            if doc is None or doc.content_hash != content_hash:
                continue  # changed since it was read: the next run extracts the new text
            _write(session, doc, result, index, stats)
            doc.extracted_hash = stamp(content_hash, extractor_id)
            doc.extracted_at = datetime.now(timezone.utc)
            session.add(doc)
            stats.documents += 1
    return stats.as_dict()


def extract_batch(settings: Settings, document_ids: list[int]) -> list[tuple[int, str, Any]]:
    """What a Dask task runs for one batch of documents."""
    return analyze_batch(settings, document_ids)


# ---- scoring -------------------------------------------------------------------------------

def score_batches(settings: Settings, as_of: date) -> list[list[int]]:
    from models import Account

    with session_scope(get_engine(settings.database_url)) as session:
        ids = list(session.execute(select(Account.id).order_by(Account.id)).scalars())
    return partition(ids, settings.scale.batch_size)


def score_batch(settings: Settings, as_of: date, account_ids: list[int]) -> list[dict]:
    """Score rows (as scoring.run.score_all builds them) for one batch of accounts, read-only."""
    from scoring import prior
    from scoring.evidence import load_evidence
    from scoring.explain import evidence_ids, explain, fetch_details
    from scoring.features import FEATURE_NAMES
    from scoring.run import GATE_VALUES, bands, score_evidence

    keep = set(FEATURE_NAMES) | set(GATE_VALUES)
    with session_scope(get_engine(settings.database_url)) as session:
        ev = load_evidence(session, settings, as_of, account_ids=list(account_ids))
        features, scores, version = score_evidence(settings, ev, as_of)
        rows = list(range(len(features)))
        details = fetch_details(session, *evidence_ids(features, ev, rows))
        contrib = prior.contributions(features)
        band = bands(scores, settings)
        return [dict(account_id=int(ev.account_id[i]), as_of=as_of, model_version=version,
                     score=round(float(scores[i]), 6), band=str(band[i]),
                     reasons=explain(i, features, ev, details, settings.gate, contrib),
                     features={k: v for k, v in features.row(i).items() if k in keep})
                for i in rows]


def store_scores(settings: Settings, as_of: date, rows: list[dict]) -> dict:
    """Upsert one Score per (account, as_of), as score_all does; returns ScoreStats counts."""
    from models.tables import Score, utcnow
    from scoring import prior
    from scoring.run import ScoreStats

    with session_scope(get_engine(settings.database_url)) as session:
        existing = dict(session.execute(select(Score.account_id, Score.id)
                                        .where(Score.as_of == as_of)).all())
        now = utcnow()
        new = [{**r, "created_at": now} for r in rows if r["account_id"] not in existing]
        changed = [{"id": existing[r["account_id"]], **r, "created_at": now}
                   for r in rows if r["account_id"] in existing]
        if new:
            session.execute(insert(Score), new)
        if changed:
            session.execute(update(Score), changed)
    version = rows[0]["model_version"] if rows else prior.VERSION
    counts = {b: sum(1 for r in rows if r["band"] == b) for b in ("high", "medium", "low")}
    return ScoreStats(accounts_scored=len(rows), inserted=len(new), updated=len(changed),
                      model_version=version,
                      scorer="prior" if version == prior.VERSION else "model", **counts).as_dict()
