"""Extraction of stored documents: only latest versions whose text changed since the last run."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from sqlmodel import Session, delete, select

from acescout_core.domains import normalize_company_name, normalize_domain
from acescout_core.settings import Settings
from extract.extractor import DocExtraction, Extractor
from extract.fingerprint import fingerprint, stamp
from extract.resolve import AccountIndex, AccountRecord
from extract.sources import RawDocument
from models import Account, Document, Signal, get_engine, session_scope
from models.crud import upsert_account, upsert_contact


@dataclass
class ExtractStats:
    documents: int = 0
    skipped: int = 0
    signals: int = 0
    people: int = 0
    discovered_accounts: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _index(session: Session, settings: Settings) -> AccountIndex:
    records = [AccountRecord(id=a.id, name=a.name, domain=a.domain, aliases=list(a.aliases or []),
                             origin=a.origin) for a in session.exec(select(Account)).all()]
    partner = settings.partner
    return AccountIndex(records, [partner.name, *partner.aliases], partner.domain)


def _as_utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _account_id(session: Session, index: AccountIndex, name: str, domain: str | None,
                stats: ExtractStats, create: bool) -> int | None:
    found = index.resolve(name, domain)
    if found is not None:
        dom = normalize_domain(domain) if domain else None
        if found.domain is None and dom and dom not in index.by_domain and found.id is not None:
            account = session.get(Account, found.id)  # learnt the company's site: keep it
            account.domain = dom
            session.add(account)
            session.flush()
            found.domain = dom
            index.by_domain[dom] = found
        return found.id
    if not create or index.is_partner(name, domain) or not normalize_company_name(name):
        return None
    account = upsert_account(session, name=name, domain=domain, origin="discovered")
    index.add(AccountRecord(id=account.id, name=account.name, domain=account.domain,
                            origin=account.origin))
    stats.discovered_accounts += 1
    return account.id


def _write(session: Session, doc: Document, result: DocExtraction, index: AccountIndex,
           stats: ExtractStats) -> None:
    """Replace this document's signals (idempotent) and record public contacts."""
    session.exec(delete(Signal).where(Signal.document_id == doc.id))
    domains = dict(result.accounts)
    observed = _as_utc(doc.published_at) or _as_utc(doc.fetched_at)
    ids: dict[str, int | None] = {}
    for sig in [*result.signals, *result.negated]:
        if sig.account not in ids:  # unknown companies with a trigger become discovered accounts
            ids[sig.account] = _account_id(session, index, sig.account, domains.get(sig.account),
                                           stats, create=True)
        account_id = ids[sig.account]
        if account_id is None:
            continue
        session.add(Signal(account_id=account_id, document_id=doc.id, kind=sig.kind, tense=sig.tense,
                           negated=sig.negated, cloud=sig.cloud, frameworks=sig.frameworks,
                           programs=sig.programs, aws_services=sig.aws_services,
                           evidence=sig.evidence, start=sig.start, end=sig.end,
                           observed_at=observed, window_start=sig.window_start,
                           window_end=sig.window_end, confidence=sig.confidence))
        session.flush()
        if not sig.negated:
            stats.signals += 1
    for person in result.people:
        org = person.organization
        if not org:
            continue
        account_id = ids.get(org) or _account_id(session, index, org, domains.get(org), stats,
                                                 create=False)
        if account_id is None:
            continue
        upsert_contact(session, account_id=account_id, name=person.name, title=person.title,
                       seniority=person.seniority, origin="public", source_document_id=doc.id)
        stats.people += 1


def extract_pending(settings: Settings, *, on_progress: Callable | None = None) -> ExtractStats:
    """Process latest documents whose text or extractor changed since their last extraction."""
    engine = get_engine(settings.database_url)
    stats = ExtractStats()
    extractor_id = fingerprint(settings)
    with session_scope(engine) as session:
        docs = session.exec(select(Document).where(Document.is_latest == True)  # noqa: E712
                            .order_by(Document.canonical_url)).all()
        # URL order, not id order: ids follow the crawl's arrival order, which varies run to run,
        # and discovered accounts are named by the first document that mentions them.
        pending = [d for d in docs if d.extracted_hash != stamp(d.content_hash, extractor_id)]
        stats.skipped = len(docs) - len(pending)
        pending_ids = [d.id for d in pending]
    if not pending_ids:
        return stats
    extractor = Extractor(settings)
    chunk = max(1, settings.scale.batch_size)
    for offset in range(0, len(pending_ids), chunk):
        with session_scope(engine) as session:
            batch = [session.get(Document, i) for i in pending_ids[offset:offset + chunk]]
            raws = [RawDocument(source=d.canonical_url, text=d.text or "", title=d.title,
                                published_at=d.published_at, url=d.url or d.canonical_url)
                    for d in batch]
            index = _index(session, settings)
            for doc, result in zip(batch, extractor.run(raws)):
                _write(session, doc, result, index, stats)
                doc.extracted_hash = stamp(doc.content_hash, extractor_id)
                doc.extracted_at = datetime.now(timezone.utc)
                session.add(doc)
                stats.documents += 1
        if on_progress:
            on_progress(stats.documents, len(pending_ids))
    return stats
