"""Current candidates in DESIGN.md's `candidates --json` shape."""
from __future__ import annotations

from sqlalchemy import select

from acescout_core.settings import Settings
from models import get_engine, session_scope
from models.tables import Account, Candidate, Document, Signal

LISTS = ("submission", "outreach")


def list_candidates(settings: Settings, list_name: str | None = None) -> list[dict]:
    """Sorted by list (submission first), then score, best first."""
    with session_scope(get_engine(settings.database_url)) as session:
        query = select(Candidate, Account.name, Account.domain).join(
            Account, Account.id == Candidate.account_id)
        if list_name:
            query = query.where(Candidate.list == list_name)
        rows = session.execute(query).all()
        signal_ids = {i for c, _, _ in rows for i in c.evidence_signal_ids}
        cited = {}
        if signal_ids:
            cited = {r[0]: r for r in session.execute(
                select(Signal.id, Signal.kind, Signal.evidence, Document.canonical_url)
                .join(Document, Document.id == Signal.document_id)
                .where(Signal.id.in_(sorted(signal_ids))))}
    out = []
    for c, name, domain in rows:
        evidence, seen = [], set()
        for r in c.reasons:  # reasons cite documents and CRM activities alike
            if r.get("evidence") and (r.get("url"), r["evidence"]) not in seen:
                seen.add((r.get("url"), r["evidence"]))
                evidence.append({"kind": r.get("kind"), "url": r.get("url"),
                                 "evidence": r["evidence"]})
        for sid in c.evidence_signal_ids:
            if sid in cited:
                _, kind, text, url = cited[sid]
                snippet = " ".join((text or "").split())[:240]
                if (url, snippet) not in seen:
                    seen.add((url, snippet))
                    evidence.append({"kind": kind, "url": url, "evidence": snippet})
        out.append({"account": name, "domain": domain, "list": c.list,
                    "score": round(float(c.score), 4),
                    "reasons": [r["text"] for r in c.reasons] + list(c.gate_notes),
                    "evidence": evidence, "status": c.status})
    out.sort(key=lambda r: (LISTS.index(r["list"]) if r["list"] in LISTS else 9, -r["score"],
                            r["account"]))
    return out
