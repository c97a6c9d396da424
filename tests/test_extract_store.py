"""extract_pending: only changed latest documents, idempotent writes, discovered accounts."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from sqlmodel import select

from extract.store import extract_pending
from models import Account, Contact, Document, Signal, get_engine, session_scope
from models.crud import store_document, upsert_account

FIX = Path(__file__).parent / "fixtures" / "extract"


def _store(settings, url: str, text: str, title: str | None = None):
    with session_scope(get_engine(settings.database_url)) as s:
        doc, status = store_document(s, canonical_url=url, text=text, title=title,
                                     content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                     published_at=datetime(2026, 5, 4, tzinfo=timezone.utc))
        return doc.id, status


def _rows(settings, model):
    with session_scope(get_engine(settings.database_url)) as s:
        return s.exec(select(model)).all()


def test_extract_pending_end_to_end(settings):
    with session_scope(get_engine(settings.database_url)) as s:
        upsert_account(s, name="Acme Logistics", domain="acmelogistics.com", crm_id="A1")
    acme = (FIX / "acme-migration.md").read_text()
    _store(settings, "https://news.example.com/acme", acme)
    _store(settings, "https://northwindcloud.io/news/competency",
           "Northwind Cloud Partners achieves SOC 2\n\nDENVER, Aug. 5, 2026 -- Northwind Cloud "
           "Partners today announced that it has achieved SOC 2 Type II and plans to migrate to AWS.")
    _store(settings, "https://news.example.com/birch",
           "Birchwood Clinics raises $30 million Series B\n\nBOSTON, Oct. 6, 2026 -- Birchwood "
           "Clinics, a clinic network, today announced it has raised $30 million in Series B "
           "funding led by Harbor Ventures.")

    stats = extract_pending(settings)
    assert stats.documents == 3 and stats.skipped == 0
    accounts = {a.name: a for a in _rows(settings, Account)}
    assert accounts["Acme Logistics"].origin == "crm"  # resolved by name/domain, not duplicated
    assert accounts["Birchwood Clinics"].origin == "discovered"
    assert not [a for a in accounts if "Northwind" in a or "Harbor" in a]
    assert stats.discovered_accounts == 1
    signals = _rows(settings, Signal)
    assert stats.signals == len([s for s in signals if not s.negated])
    mig = next(s for s in signals if s.kind == "migration")
    assert mig.account_id == accounts["Acme Logistics"].id
    assert mig.observed_at.date().isoformat() == "2026-05-04"
    assert str(mig.window_end) == "2027-09-30"
    contacts = {c.name: c for c in _rows(settings, Contact)}
    assert contacts["Jane Smith"].origin == "public"
    assert contacts["Jane Smith"].account_id == accounts["Acme Logistics"].id
    assert stats.people == len(contacts)

    again = extract_pending(settings)
    assert again.documents == 0 and again.skipped == 3
    assert len(_rows(settings, Signal)) == len(signals)


def test_reprocessing_is_idempotent_and_changes_are_picked_up(settings):
    acme = (FIX / "acme-migration.md").read_text()
    doc_id, _ = _store(settings, "https://news.example.com/acme", acme)
    extract_pending(settings)
    before = sorted((s.kind, s.start) for s in _rows(settings, Signal))
    with session_scope(get_engine(settings.database_url)) as s:
        s.get(Document, doc_id).extracted_hash = None
    assert extract_pending(settings).documents == 1
    assert sorted((s.kind, s.start) for s in _rows(settings, Signal)) == before

    _id2, status = _store(settings, "https://news.example.com/acme",
                          acme.replace("by Q3 2027", "by Q4 2027"))
    assert status == "changed"
    stats = extract_pending(settings)
    assert stats.documents == 1  # only the new latest version
    windows = {str(s.window_end) for s in _rows(settings, Signal) if s.kind == "migration"}
    assert "2027-12-31" in windows


def test_an_upgraded_extractor_rereads_every_document_once(settings, monkeypatch):
    import extract.store

    acme = (FIX / "acme-migration.md").read_text()
    _store(settings, "https://news.example.com/acme", acme)
    assert extract_pending(settings).documents == 1
    before = sorted((s.kind, s.start) for s in _rows(settings, Signal))
    assert extract_pending(settings).documents == 0

    monkeypatch.setattr(extract.store, "fingerprint", lambda _settings: "new-rules")
    assert extract_pending(settings).documents == 1  # new rules: read again, rows replaced
    assert sorted((s.kind, s.start) for s in _rows(settings, Signal)) == before
    assert extract_pending(settings).documents == 0


def test_the_fingerprint_follows_rules_and_model_not_the_run(settings, tmp_path):
    import shutil

    from extract.fingerprint import fingerprint
    from extract.patterns import PATTERNS_DIR

    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, patterns)
    first = fingerprint(settings, patterns)
    assert fingerprint(settings, patterns) == first
    newest = max(patterns.glob("triggers.v*.jsonl"), key=lambda p: int(p.name.split(".v")[1].split(".")[0]))
    (patterns / "triggers.v999.jsonl").write_text(
        newest.read_text() + '{"label": "TRIGGER", "pattern": "bridge round", "id": "funding"}\n')
    assert fingerprint(settings, patterns) != first  # a new pattern version
    other_model = settings.model_copy(update={"extract": settings.extract.model_copy(
        update={"model": "en_core_web_md"})})
    assert fingerprint(other_model, patterns) != fingerprint(settings, patterns)
