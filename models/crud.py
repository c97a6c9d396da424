"""Idempotent upserts keyed on natural keys, so every import and run can be repeated safely."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, select

from acescout_core.domains import normalize_company_name, normalize_domain
from models.tables import AceOpportunity, Account, Activity, Contact, Document, Source, utcnow


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if value is not None and getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def upsert_account(
    session: Session,
    *,
    name: str,
    domain: str | None = None,
    crm_id: str | None = None,
    industry: str | None = None,
    country: str | None = None,
    state: str | None = None,
    employees: int | None = None,
    origin: str = "crm",
    aliases: list[str] | None = None,
) -> Account:
    """Match by CRM id, then normalised domain, then exact normalised name; else insert."""
    dom = normalize_domain(domain)
    account = None
    if crm_id:
        account = session.exec(select(Account).where(Account.crm_id == crm_id)).first()
    if account is None and dom:
        account = session.exec(select(Account).where(Account.domain == dom)).first()
    key = normalize_company_name(name)
    if account is None and key and not dom:
        account = session.exec(select(Account).where(Account.normalized_name == key)).first()
    values = dict(name=name, normalized_name=key, domain=dom, crm_id=crm_id, industry=industry,
                  country=country, state=state, employees=employees)
    if account is None:
        account = Account(origin=origin, aliases=list(aliases or []), **values)
        session.add(account)
    else:
        if origin == "crm" and account.origin != "crm":
            account.origin = "crm"  # a discovered company that later appears in the CRM
        if _apply(account, values):
            account.updated_at = utcnow()
        if aliases:
            merged = sorted(set(account.aliases) | set(aliases))
            if merged != account.aliases:
                account.aliases = merged
    session.flush()
    return account


def upsert_contact(
    session: Session,
    *,
    account_id: int,
    name: str,
    crm_id: str | None = None,
    title: str | None = None,
    email: str | None = None,
    seniority: int | None = None,
    origin: str = "crm",
    source_document_id: int | None = None,
) -> Contact:
    """Match by CRM id, then by (account, normalised person name)."""
    name_key = " ".join(name.lower().split())
    contact = None
    if crm_id:
        contact = session.exec(select(Contact).where(Contact.crm_id == crm_id)).first()
    if contact is None:
        contact = session.exec(
            select(Contact).where(Contact.account_id == account_id, Contact.name_key == name_key)
        ).first()
    if contact is None:
        contact = Contact(account_id=account_id, name=name, name_key=name_key, crm_id=crm_id,
                          title=title, email=email, seniority=seniority or 0, origin=origin,
                          source_document_id=source_document_id)
        session.add(contact)
    else:
        # A CRM contact also named in public news keeps origin crm and gains the document link.
        _apply(contact, dict(crm_id=crm_id, title=title if origin == "crm" or not contact.title
                             else None, email=email, seniority=seniority,
                             source_document_id=source_document_id))
        if origin == "crm" and contact.origin != "crm":
            contact.origin = "crm"
    session.flush()
    return contact


def upsert_activity(
    session: Session,
    *,
    crm_id: str,
    account_id: int,
    kind: str,
    direction: str,
    occurred_at: date,
    contact_id: int | None = None,
    subject: str | None = None,
) -> Activity:
    activity = session.exec(select(Activity).where(Activity.crm_id == crm_id)).first()
    values = dict(account_id=account_id, contact_id=contact_id, kind=kind, direction=direction,
                  occurred_at=occurred_at, subject=subject)
    if activity is None:
        activity = Activity(crm_id=crm_id, **values)
        session.add(activity)
    else:
        _apply(activity, values)
    session.flush()
    return activity


def upsert_ace_opportunity(session: Session, *, ace_id: str, **values: Any) -> AceOpportunity:
    opp = session.exec(select(AceOpportunity).where(AceOpportunity.ace_id == ace_id)).first()
    if opp is None:
        opp = AceOpportunity(ace_id=ace_id, **values)
        session.add(opp)
    else:
        _apply(opp, values)
    session.flush()
    return opp


def upsert_source(session: Session, *, name: str, kind: str, url: str | None = None) -> Source:
    source = session.exec(select(Source).where(Source.name == name)).first()
    if source is None:
        source = Source(name=name, kind=kind, url=url)
        session.add(source)
    else:
        _apply(source, dict(kind=kind, url=url))
    session.flush()
    return source


def store_document(
    session: Session,
    *,
    canonical_url: str,
    content_hash: str,
    text: str,
    url: str | None = None,
    source_id: int | None = None,
    title: str | None = None,
    published_at: datetime | None = None,
    language: str | None = None,
    body_hash: str | None = None,
) -> tuple[Document, str]:
    """Store a page version: returns (document, 'new' | 'changed' | 'unchanged').

    An unchanged hash touches nothing; a changed page becomes a new version and the old
    version is kept (evidence is never overwritten). One page of ``store_documents``.
    """
    [(version, status)] = store_documents(session, [dict(
        canonical_url=canonical_url, content_hash=content_hash, text=text, url=url,
        source_id=source_id, title=title, published_at=published_at, language=language,
        body_hash=body_hash)])
    doc = session.exec(select(Document).where(Document.canonical_url == canonical_url,
                                              Document.version == version)).one()
    return doc, status


DOCUMENT_FIELDS = ("canonical_url", "content_hash", "text", "url", "source_id", "title",
                   "published_at", "language", "body_hash")


def store_documents(session: Session, pages: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """``store_document`` for a batch, in a few statements instead of a few per page.

    ``pages`` hold DOCUMENT_FIELDS; returns (version, status) per page, in order. A URL repeated
    in the batch is handled as if stored one after the other. ``body_hash`` (the raw fetched
    bytes) is recorded on the version stored, or on an unchanged version fetched from the same
    address.
    """
    table = Document.__table__
    urls = sorted({p["canonical_url"] for p in pages})
    latest: dict[str, dict[str, Any]] = {}
    for start in range(0, len(urls), 500):
        rows = session.execute(
            select(Document.id, Document.canonical_url, Document.version, Document.content_hash,
                   Document.url).where(Document.canonical_url.in_(urls[start:start + 500]),
                                       Document.is_latest == True))  # noqa: E712
        for row in rows:
            latest[row.canonical_url] = dict(row._mapping)
    retired: list[int] = []
    touched: dict[int, str] = {}
    inserts: list[dict[str, Any]] = []
    out: list[tuple[int, str]] = []
    now = utcnow()
    for page in pages:
        known = latest.get(page["canonical_url"])
        if known is not None and known["content_hash"] == page["content_hash"]:
            if known["url"] == page.get("url") and page.get("body_hash"):
                if "row" in known:
                    known["row"]["body_hash"] = page["body_hash"]
                else:
                    touched[known["id"]] = page["body_hash"]
            out.append((known["version"], "unchanged"))
            continue
        version, status = 1, "new"
        if known is not None:
            version, status = known["version"] + 1, "changed"
            if "row" in known:
                known["row"]["is_latest"] = False  # a version stored earlier in this batch
            else:
                retired.append(known["id"])
        row = {key: page.get(key) for key in DOCUMENT_FIELDS}
        row.update(version=version, is_latest=True, fetched_at=now, extracted_hash=None,
                   extracted_at=None)
        inserts.append(row)
        latest[page["canonical_url"]] = {"version": version, "content_hash": page["content_hash"],
                                         "url": page.get("url"), "row": row}
        out.append((version, status))
    if retired:
        session.execute(update(table).where(table.c.id.in_(retired)).values(is_latest=False))
    for doc_id, body_hash in touched.items():
        session.execute(update(table).where(table.c.id == doc_id).values(body_hash=body_hash))
    if inserts:
        session.execute(insert(table), inserts)
    return out
