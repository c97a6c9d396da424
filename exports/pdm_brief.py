"""The PDM brief: one paragraph before a co-sell request (DOMAIN.md "Before a co-sell request").

Customer name, deal size, why AWS is relevant, and what the partner hopes the AWS field seller
will do, all drawn from the same evidence and draft as the ACE payload.
"""
from __future__ import annotations

from exports.ace_payload import Draft, _lead_signal, _sentence
from exports.evidence import CandidateEvidence

# PrimaryNeedsFromAws value (from the model) -> the ask in plain words.
ASKS = {
    "Co-Sell - Architectural Validation": "validate the target architecture with an AWS "
                                          "solutions architect",
    "Co-Sell - Business Presentation": "join an executive business presentation",
    "Co-Sell - Competitive Information": "share competitive positioning against the incumbent "
                                         "cloud",
    "Co-Sell - Pricing Assistance": "help with pricing and commercial options",
    "Co-Sell - Technical Consultation": "provide technical consultation on the controls and "
                                        "services involved",
    "Co-Sell - Total Cost of Ownership Evaluation": "sponsor a TCO evaluation",
    "Co-Sell - Deal Support": "support the deal with the account team",
    "Co-Sell - Support for Public Tender / RFx": "support the public tender / RFx response",
}


def write_brief(ev: CandidateEvidence, draft: Draft) -> str:
    account = ev.account
    where = ", ".join(x for x in (account.industry, account.state, account.country) if x)
    head = f"{account.name}" + (f" ({account.domain}{'; ' + where if where else ''})"
                                if account.domain else (f" ({where})" if where else ""))
    spend = draft.monthly_spend
    services = ev.aws_services
    size = (f"Estimated deal size: about ${spend:,.0f} per month of AWS spend "
            f"(${spend * 12:,.0f} a year)" + (f" across {', '.join(services)}." if services
                                               else "."))
    lead = _lead_signal(ev)
    why = f"Why AWS now: {_sentence(ev, lead)}" if lead else "Why AWS now: see the evidence"
    if lead and lead.url:
        why += f" ({lead.url})"
    why += "."
    contact = ev.engaged_contact()
    rel = ""
    if contact:
        last = max((a for a in ev.activities if a.contact_id == contact.id),
                   key=lambda a: a.occurred_at)
        rel = (f" We are in conversation with {contact.name}"
               f"{' (' + contact.title + ')' if contact.title else ''}, last "
               f"{last.kind} on {last.occurred_at.isoformat()}.")
    asks = [ASKS.get(n, n) for n in draft.payload.get("PrimaryNeedsFromAws", [])]
    ask = (" We ask the AWS field seller to " + "; ".join(asks) + ", and to join a first "
           f"joint call before {draft.payload['LifeCycle']['TargetCloseDate']}.")
    return (f"{head}: {draft.offering}. {size} {why}{rel}{ask}").strip()
