"""CreateOpportunity requests (as boto3 takes them), written from each candidate's evidence.

DOMAIN.md "A good submission": the customer's pain point, the proposed solution and scope, what
has happened with the customer so far, the AWS services, next steps and timeline. Nothing here
is a placeholder: every sentence comes from a stored signal, contact or CRM activity.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from acescout_core.settings import Offering, Settings
from exports.ace_model import load_model
from exports.evidence import CandidateEvidence
from exports.vocabulary import (
    backed_sales_activities,
    country_code,
    industry_for,
    match_value,
    needs_for,
    us_state,
)

TOKEN_NAMESPACE = uuid.UUID("5b0e7c2a-9c4e-4d59-9a57-6a6365736375")  # acescout ClientTokens
TIMING_KINDS = ("datacenter_exit", "renewal", "compliance", "migration", "leadership_change",
                "funding", "hiring")

# Signal kind -> what it says about the customer (present tense for planned/in progress).
_KIND_PHRASE = {
    "migration": "is planning a migration of its workloads to AWS",
    "datacenter_exit": "has to exit its data centre",
    "renewal": "faces a contract or licence renewal decision",
    "compliance": "must meet {frameworks} requirements",
    "leadership_change": "has new technology leadership setting cloud priorities",
    "funding": "has new funding earmarked for growth",
    "hiring": "is hiring for cloud and AWS roles",
    "case_study": "already runs workloads on AWS",
}
_TITLE_TOPIC = {
    "migration": "AWS migration", "datacenter_exit": "data-centre exit to AWS",
    "renewal": "renewal-driven move to AWS", "compliance": "{frameworks} on AWS",
    "leadership_change": "cloud plan under new leadership", "funding": "post-funding AWS scale-up",
    "hiring": "cloud team build-out on AWS", "case_study": "AWS expansion",
}


@dataclass
class Draft:
    """One request plus what the linter needs to judge it."""

    candidate_id: int
    account_id: int
    payload: dict[str, Any]
    logged_activities: list[dict]
    solution: str | None
    monthly_spend: float
    offering: str


def client_token(ev: CandidateEvidence, as_of: date) -> str:
    """The stored token, else uuid5(account + ISO week of as_of): re-runs resubmit idempotently."""
    if ev.candidate.client_token:
        return ev.candidate.client_token
    year, week, _ = as_of.isocalendar()
    who = ev.account.domain or f"account-{ev.account.id}"
    return str(uuid.uuid5(TOKEN_NAMESPACE, f"{who}|{year}-W{week:02d}"))


def choose_offering(settings: Settings, services: list[str]) -> Offering:
    """The partner offering whose AWS services overlap the evidence most (first on ties)."""
    offerings = settings.partner.offerings or [Offering(name=f"{settings.partner.name} AWS services")]
    wanted = {s.lower() for s in services}
    return max(offerings, key=lambda o: len(wanted & {s.lower() for s in o.aws_services}))


def monthly_spend(settings: Settings, ev: CandidateEvidence, offering: Offering) -> float:
    """Documented rule: services named (evidence, else offering) x mrr_per_service x size factor.

    Rounded to 50; never below ``mrr_minimum``; varies with the evidence, never a flat default.
    """
    cfg = settings.export
    services = len(ev.aws_services) or len(offering.aws_services) or 1
    factor = 1.0
    employees = ev.account.employees or 0
    for low, value in sorted(((int(k), v) for k, v in cfg.mrr_employee_bands.items())):
        if employees >= low:
            factor = value
    amount = round(services * cfg.mrr_per_service * factor / 50) * 50
    return float(max(cfg.mrr_minimum, amount))


def target_close_date(settings: Settings, ev: CandidateEvidence, as_of: date) -> date:
    """The earliest dated timing window still ahead (DOMAIN.md timing), else as_of + default."""
    ends = sorted(d for e in ev.signals if e.signal.kind in TIMING_KINDS
                  for d in (e.signal.window_end, e.signal.window_start)
                  if d is not None and d > as_of + timedelta(days=14))
    return ends[0] if ends else as_of + timedelta(days=settings.export.default_close_days)


def _frameworks(ev: CandidateEvidence) -> str:
    names = sorted({f for e in ev.signals for f in e.signal.frameworks})
    return " and ".join(names[:2]) or "compliance"


def _lead_signal(ev: CandidateEvidence):
    timing = [e for e in ev.signals if e.signal.kind in TIMING_KINDS and e.signal.tense != "completed"]
    pool = timing or ev.signals
    return max(pool, key=lambda e: (e.signal.confidence, e.signal.observed_at)) if pool else None


def title(ev: CandidateEvidence, offering: Offering) -> str:
    lead = _lead_signal(ev)
    topic = _TITLE_TOPIC.get(lead.signal.kind, "AWS project") if lead else "AWS project"
    text = f"{ev.account.name}: {offering.name} for {topic.format(frameworks=_frameworks(ev))}"
    return text[:255]


def _sentence(ev: CandidateEvidence, e) -> str:
    phrase = _KIND_PHRASE.get(e.signal.kind, "has a dated reason to act")
    phrase = phrase.format(frameworks=_frameworks(ev))
    if e.signal.kind == "migration" and e.signal.tense == "in_progress":
        phrase = "is migrating its workloads to AWS"
    when = f" by {e.signal.window_end:%B %Y}" if e.signal.window_end else ""
    return f"{ev.account.name} {phrase}{when}"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def business_problem(ev: CandidateEvidence, offering: Offering, settings: Settings) -> str:
    """Pain point, evidence, relationship, proposed solution and AWS services; <= 2000 chars."""
    parts: list[str] = []
    seen: set[str] = set()
    for e in ev.signals:
        s = _sentence(ev, e)
        if s not in seen and e.signal.kind != "case_study":
            seen.add(s)
            parts.append(s + ".")
    lead = _lead_signal(ev)
    if lead and lead.signal.evidence:
        source = f" ({lead.url})" if lead.url else ""
        parts.append(f'Public evidence: "{_clean(lead.signal.evidence)[:300]}"{source}.')
    if any(e.signal.kind == "case_study" for e in ev.signals):
        parts.append(f"{ev.account.name} already runs other workloads on AWS.")
    contact = ev.engaged_contact()
    if contact:
        last = max((a for a in ev.activities if a.contact_id == contact.id),
                   key=lambda a: a.occurred_at)
        role = f", {contact.title}," if contact.title else ""
        parts.append(f"{contact.name}{role} engaged with {settings.partner.name} "
                     f"({last.kind}, {last.occurred_at.isoformat()}).")
    services = ev.aws_services or offering.aws_services
    scope = f" on {', '.join(services)}" if services else " on AWS"
    parts.append(f"{settings.partner.name} proposes {offering.name}{scope} as net-new AWS "
                 "consumption.")
    return _clean(" ".join(parts))[:2000]


def next_steps(ev: CandidateEvidence, offering: Offering, close: date) -> str:
    contact = ev.engaged_contact()
    who = f" with {contact.title or contact.name}" if contact else ""
    return (f"Joint call with the AWS account team, then {offering.name} scoping{who}; "
            f"decision targeted before {close.isoformat()}.")[:255]


def _contact(ev: CandidateEvidence) -> list[dict]:
    c = ev.engaged_contact()
    if c is None:
        return []
    first, _, last = c.name.partition(" ")
    out: dict[str, str] = {"FirstName": first[:80]}
    if last:
        out["LastName"] = last[:80]
    if c.title:
        out["BusinessTitle"] = c.title[:80]
    email = (c.email or "").strip().lower()
    pattern = load_model().shape("Email").get("pattern")
    if email and (not pattern or re.fullmatch(pattern, email)):
        out["Email"] = email  # a malformed CRM address is left out rather than block the draft
    return [out]


def build_draft(settings: Settings, ev: CandidateEvidence, as_of: date) -> Draft:
    """The CreateOpportunity request for one submission candidate."""
    model = load_model()
    services = ev.aws_services
    offering = choose_offering(settings, services)
    spend = monthly_spend(settings, ev, offering)
    close = target_close_date(settings, ev, as_of)
    industry, other_industry = industry_for(ev.account.industry)
    evidence_text = " ".join(e.signal.evidence for e in ev.signals)
    activities = ev.activity_dicts()

    account: dict[str, Any] = {"CompanyName": ev.account.name[:120], "Industry": industry}
    if other_industry:
        account["OtherIndustry"] = other_industry
    if ev.account.domain:
        account["WebsiteUrl"] = f"https://{ev.account.domain}"
    address: dict[str, str] = {}
    code = country_code(ev.account.country)
    if code:
        address["CountryCode"] = code
        state = us_state(ev.account.state) if code == "US" else None
        if state:
            address["StateOrRegion"] = state
    if address:
        account["Address"] = address

    use_case = match_value(offering.use_case, model.allowed_values("Project.CustomerUseCase"))
    delivery = match_value(offering.delivery_model, model.allowed_values("Project.DeliveryModels"))
    project: dict[str, Any] = {
        "Title": title(ev, offering),
        "CustomerBusinessProblem": business_problem(ev, offering, settings),
        "CustomerUseCase": use_case or offering.use_case,
        "DeliveryModels": [delivery or offering.delivery_model],
        "ExpectedCustomerSpend": [{
            "Amount": f"{spend:.2f}", "CurrencyCode": settings.export.currency,
            "Frequency": "Monthly", "TargetCompany": "AWS"}],
    }
    if offering.solution_id is None:
        project["OtherSolutionDescription"] = offering.name[:255]
    sales = backed_sales_activities(ev.activities)
    if sales:
        project["SalesActivities"] = sales
    urls = [e.url for e in ev.signals if e.url]
    if urls:
        project["AdditionalComments"] = ("Evidence: " + " ; ".join(dict.fromkeys(urls)))[:255]

    payload: dict[str, Any] = {
        "Catalog": settings.export.catalog,
        "ClientToken": client_token(ev, as_of),
        "Origin": "Partner Referral",
        "OpportunityType": "Net New Business",
        "PartnerOpportunityIdentifier": (ev.account.crm_id or f"acescout-{ev.account.id}")[:64],
        "PrimaryNeedsFromAws": needs_for([e.signal.kind for e in ev.signals], evidence_text),
        "Customer": {"Account": account},
        "LifeCycle": {"Stage": "Qualified", "TargetCloseDate": close.isoformat(),
                      "NextSteps": next_steps(ev, offering, close)},
        "Project": project,
    }
    contacts = _contact(ev)
    if contacts:
        payload["Customer"]["Contacts"] = contacts
    if industry == "Government":
        payload["NationalSecurity"] = "No"
    return Draft(ev.candidate.id, ev.account.id, payload, activities,
                 offering.solution_id, spend, offering.name)
