"""CRM CSV: every scored or listed account with score, band, list, reasons and evidence links.

Headers come in three shapes (``[export] crm_format``): acescout's generic names, Salesforce's
Data Import Wizard account fields (custom fields end in ``__c``), and HubSpot's company import
properties. ``[export] field_map.<format>`` renames any column, e.g.
``field_map.salesforce = { score = "Fit_Score__c" }``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from exports.safe_csv import write_csv
from models.tables import Account, Candidate, Document, Score, Signal

FIELDS = ["account_id", "name", "domain", "industry", "country", "state", "employees", "score",
          "band", "list", "status", "reasons", "evidence_urls", "pdm_brief", "ace_id", "as_of"]

HEADERS: dict[str, dict[str, str]] = {
    "generic": {f: f for f in FIELDS},
    "salesforce": {
        "account_id": "Account ID", "name": "Account Name", "domain": "Website",
        "industry": "Industry", "country": "Billing Country", "state": "Billing State/Province",
        "employees": "Employees", "score": "ACE_Score__c", "band": "ACE_Band__c",
        "list": "ACE_List__c", "status": "ACE_Status__c", "reasons": "ACE_Reasons__c",
        "evidence_urls": "ACE_Evidence__c", "pdm_brief": "ACE_PDM_Brief__c",
        "ace_id": "ACE_Opportunity_ID__c", "as_of": "ACE_Scored_On__c",
    },
    "hubspot": {
        "account_id": "Record ID", "name": "Company name", "domain": "Company Domain Name",
        "industry": "Industry", "country": "Country/Region", "state": "State/Region",
        "employees": "Number of Employees", "score": "acescout score", "band": "acescout band",
        "list": "acescout list", "status": "acescout status", "reasons": "acescout reasons",
        "evidence_urls": "acescout evidence", "pdm_brief": "acescout PDM brief",
        "ace_id": "ACE opportunity ID", "as_of": "acescout scored on",
    },
}


def reason_text(reason: Any) -> str:
    """A reason dict as one phrase, whatever keys the scorer used."""
    if isinstance(reason, str):
        return reason
    if isinstance(reason, dict):
        for key in ("text", "reason", "label", "message", "description"):
            if reason.get(key):
                return str(reason[key])
        return ", ".join(f"{k}={v}" for k, v in reason.items())
    return str(reason)


def crm_rows(session: Session, as_of: date) -> list[dict[str, Any]]:
    candidates = {c.account_id: c for c in session.exec(select(Candidate)).all()}
    scores: dict[int, Score] = {}
    for s in session.exec(select(Score).where(Score.as_of <= as_of).order_by(Score.as_of)).all():
        scores[s.account_id] = s  # latest as of the date wins
    ids = sorted(set(candidates) | set(scores))
    rows = []
    for account_id in ids:
        account = session.get(Account, account_id)
        cand, score = candidates.get(account_id), scores.get(account_id)
        reasons = (cand.reasons if cand and cand.reasons else (score.reasons if score else []))
        rows.append({
            "account_id": account.crm_id or "", "name": account.name, "domain": account.domain,
            "industry": account.industry, "country": account.country, "state": account.state,
            "employees": account.employees,
            "score": round(score.score if score else cand.score, 4),
            "band": score.band if score else "", "list": cand.list if cand else "",
            "status": cand.status if cand else "",
            "reasons": "; ".join(reason_text(r) for r in reasons),
            "evidence_urls": " ".join(_evidence_urls(session, account_id, cand)),
            "pdm_brief": cand.pdm_brief if cand else "", "ace_id": cand.ace_id if cand else "",
            "as_of": (score.as_of if score else cand.as_of or as_of).isoformat(),
        })
    rows.sort(key=lambda r: (-r["score"], r["name"]))
    return rows


def _evidence_urls(session: Session, account_id: int, cand: Candidate | None) -> list[str]:
    query = select(Document.url, Document.canonical_url).join(Signal, Signal.document_id == Document.id)
    if cand and cand.evidence_signal_ids:
        query = query.where(Signal.id.in_(cand.evidence_signal_ids))
    else:
        query = query.where(Signal.account_id == account_id)
    urls = [u or c for u, c in session.exec(query.order_by(Signal.id)).all()]
    return list(dict.fromkeys(urls))[:10]


def write_crm_csv(path: Path, rows: list[dict[str, Any]], *, crm_format: str = "generic",
                  field_map: dict[str, str] | None = None, bom: bool = False) -> Path:
    names = {**HEADERS[crm_format], **(field_map or {})}
    header = [names[f] for f in FIELDS]
    return write_csv(path, header, [[r.get(f) for f in FIELDS] for r in rows], bom=bom)
