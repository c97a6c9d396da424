"""A small, realistic review queue for screenshots and the browser test (never the user's DB)."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone

from acescout_core.settings import Settings
from models import (Account, Activity, Candidate, Contact, Document, Run, Score, Signal,
                    get_engine, init_db, session_scope)

# name, domain, industry, state, employees, list, score, band
ACCOUNTS = [
    ("Harbor Freight Logistics", "harborfreightlogistics.com", "Transportation", "OH", 4200,
     "submission", 0.86, "high"),
    ("Mercy Valley Health", "mercyvalleyhealth.org", "Healthcare", "MN", 9800, "submission", 0.79, "high"),
    ("Cobalt Ridge Credit Union", "cobaltridgecu.org", "Financial Services", "CO", 1100,
     "submission", 0.71, "high"),
    ("Pinecrest Unified School District", "pinecrestusd.org", "Education", "CA", 2600,
     "submission", 0.64, "high"),
    ("Tidewater Foods", "tidewaterfoods.com", "Consumer Goods", "VA", 3100, "outreach", 0.52, "medium"),
    ("Summit Outdoor Co.", "summitoutdoor.com", "Retail", "UT", 780, "outreach", 0.41, "medium"),
    ("Bluegill Analytics", "bluegillanalytics.io", "Software & Internet", "TX", 160, "outreach", 0.33, "low"),
]

# account index, days ago, kind, tense, services, frameworks, title, url path, snippet
SIGNALS = [
    (0, 6, "datacenter_exit", "planned", ["Amazon EC2", "AWS Migration Hub"], [],
     "Harbor Freight Logistics to close Columbus data center by Q1", "news/columbus-dc",
     "Harbor Freight Logistics will exit its Columbus, Ohio data center when the colocation "
     "lease ends in March and move its dispatch and yard systems to the cloud."),
    (0, 21, "hiring", "in_progress", ["Amazon RDS"], [], "Senior Cloud Migration Engineer",
     "jobs/cloud-migration-engineer",
     "We are hiring a Senior Cloud Migration Engineer to lead the move of our Oracle workloads "
     "to Amazon RDS as part of the data center exit."),
    (0, 64, "leadership_change", "completed", [], [], "Harbor Freight names Dana Ortiz CIO",
     "news/new-cio", "Dana Ortiz joins as Chief Information Officer from a national carrier, "
     "where she led a three-year AWS migration."),
    (1, 11, "compliance", "in_progress", ["AWS Control Tower"], ["HIPAA", "HITRUST"],
     "Mercy Valley Health pursues HITRUST certification", "press/hitrust",
     "Mercy Valley Health has begun a HITRUST r2 assessment and is consolidating its patient "
     "portal and imaging archive on a single HIPAA-eligible cloud platform this year."),
    (1, 40, "migration", "planned", ["Amazon S3", "AWS HealthImaging"], ["HIPAA"],
     "Imaging archive modernization RFP", "rfp/imaging-archive",
     "The health system invites proposals to migrate 1.2 PB of imaging data to cloud object "
     "storage with a target go-live in the third quarter."),
    (2, 18, "migration", "planned", ["Amazon Aurora", "AWS Database Migration Service"], ["PCI DSS"],
     "Cobalt Ridge CU annual report: core banking roadmap", "reports/annual",
     "In the coming year we plan to migrate our core banking database off on-premises hardware "
     "that reaches end of support in November."),
    (3, 30, "funding", "completed", ["Amazon WorkSpaces"], [], "Pinecrest USD receives E-Rate and "
     "state modernization grant", "board/grant",
     "The board accepted a $2.4M state grant for classroom technology and cloud-hosted student "
     "information systems. <script>alert('press release')</script>"),
    (4, 55, "case_study", "completed", ["Amazon Redshift"], [], "Tidewater Foods analytics story",
     "blog/analytics", "Tidewater Foods consolidated supply-chain reporting on a cloud data "
     "warehouse and is now evaluating demand forecasting."),
    (5, 90, "renewal", "planned", [], [], "Summit Outdoor e-commerce platform contract",
     "news/platform", "Summit Outdoor's e-commerce hosting contract comes up for renewal in the "
     "autumn; the retailer is reviewing options."),
    (6, 140, "hiring", "planned", ["AWS Lambda"], ["SOC 2"], "Platform Engineer (AWS)",
     "careers/platform", "Bluegill is hiring a platform engineer to build serverless pipelines "
     "and prepare for a SOC 2 Type II audit."),
]

# account index, days ago, kind, direction, contact, title, subject
ACTIVITIES = [
    (0, 3, "meeting", "outbound", "Dana Ortiz", "Chief Information Officer",
     "Data center exit workshop: scope, timeline and TCO"),
    (0, 12, "email", "inbound", "Raj Patel", "Director of Infrastructure",
     "Re: Oracle licensing and RDS sizing questions"),
    (1, 9, "call", "outbound", "Grace Kim", "VP Clinical Applications", "HITRUST scope call"),
    (1, 15, "email", "inbound", "Grace Kim", "VP Clinical Applications", "Imaging RFP questions"),
    (2, 25, "meeting", "inbound", "Luis Romero", "CTO", "Core banking migration options"),
    (3, 45, "event", "inbound", "Ana Silva", "Director of Technology", "Met at CUE ed-tech conference"),
    (4, 380, "email", "outbound", "Mark Chen", "IT Manager", "Follow-up: data platform"),
]


def _draft(name: str, domain: str, industry: str, state: str, services: list[str], as_of: date) -> dict:
    return {
        "Customer": {"Account": {"CompanyName": name, "WebsiteUrl": f"https://{domain}",
                                 "Industry": industry,
                                 "Address": {"CountryCode": "US", "StateOrRegion": state}}},
        "Project": {
            "Title": f"{name}: migration to AWS",
            "CustomerBusinessProblem": f"{name} must move workloads off ageing on-premises "
                                       "infrastructure before its hardware and lease deadlines.",
            "CustomerUseCase": "Migration / Database Migration",
            "DeliveryModels": ["Professional Services"],
            "ExpectedCustomerSpend": [{"Amount": "12500", "CurrencyCode": "USD",
                                       "Frequency": "Monthly", "TargetCompany": "AWS"}],
            "SalesActivities": ["Initialized discussions with customer"],
            "AwsServices": services,
        },
        "LifeCycle": {"Stage": "Qualified",
                      "TargetCloseDate": (as_of + timedelta(days=120)).isoformat()},
        "PrimaryNeedsFromAws": ["Co-Sell - Architectural Validation"],
    }


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=timezone.utc)


SAMPLE_AS_OF = date(2025, 6, 16)  # the day the sample queue is seen as of


def seed_sample(settings: Settings, as_of: date) -> dict[str, int]:
    """Fill an empty database with the sample queue; returns account ids by domain."""
    engine = get_engine(settings.database_url)
    init_db(engine)
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        accounts = []
        for i, (name, domain, industry, state, employees, *_rest) in enumerate(ACCOUNTS):
            acc = Account(name=name, normalized_name=name.lower(), domain=domain, industry=industry,
                          country="US", state=state, employees=employees, crm_id=f"CRM-{1001 + i}")
            session.add(acc)
            accounts.append(acc)
        session.flush()
        signals: dict[int, list[int]] = {}
        for idx, ago, kind, tense, services, frameworks, title, path, snippet in SIGNALS:
            acc = accounts[idx]
            url = f"https://{acc.domain}/{path}"
            doc = Document(canonical_url=url, url=url, title=title, published_at=_at(as_of - timedelta(days=ago)),
                           text=snippet, content_hash=hashlib.sha256(snippet.encode()).hexdigest())
            session.add(doc)
            session.flush()
            sig = Signal(account_id=acc.id, document_id=doc.id, kind=kind, tense=tense,
                         aws_services=services, frameworks=frameworks, evidence=snippet,
                         start=0, end=len(snippet), cloud="aws" if services else None,
                         observed_at=_at(as_of - timedelta(days=ago)), confidence=0.8,
                         window_start=as_of if tense == "planned" else None,
                         window_end=as_of + timedelta(days=180) if tense == "planned" else None)
            session.add(sig)
            session.flush()
            signals.setdefault(idx, []).append(sig.id)
        contacts: dict[tuple[int, str], Contact] = {}
        for n, (idx, ago, kind, direction, person, title, subject) in enumerate(ACTIVITIES):
            key = (idx, person)
            if key not in contacts:
                contacts[key] = Contact(account_id=accounts[idx].id, name=person, name_key=person.lower(),
                                        title=title, seniority=4 if "Chief" in title or "CTO" in title else 3)
                session.add(contacts[key])
                session.flush()
            session.add(Activity(crm_id=f"ACT-{n + 1}", account_id=accounts[idx].id,
                                 contact_id=contacts[key].id, kind=kind, direction=direction,
                                 occurred_at=as_of - timedelta(days=ago), subject=subject))
        for i, (name, domain, industry, state, _emp, list_name, score, band) in enumerate(ACCOUNTS):
            acc = accounts[i]
            services = sorted({s for row in SIGNALS if row[0] == i for s in row[4]})
            reasons = _reasons(i, score)
            session.add(Score(account_id=acc.id, as_of=as_of, model_version="prior-v1", score=score,
                              band=band, reasons=reasons, features={"signals": len(signals.get(i, []))}))
            session.add(Candidate(
                account_id=acc.id, list=list_name, score=score, as_of=as_of, reasons=reasons,
                evidence_signal_ids=signals.get(i, []),
                gate_notes=["two-way contact within 90 days", "future timing trigger", "AWS angle"]
                if list_name == "submission" else ["no two-way contact within 90 days"],
                ace_draft=_draft(name, domain, industry, state, services, as_of) if list_name == "submission" else {},
                pdm_brief=(f"{name} ({industry}, {state}) plans a migration worth about $12,500 MRR "
                           f"on {', '.join(services) or 'AWS'}. We have met the buyer; we ask the AWS "
                           "account manager for an architectural validation session and help with "
                           "migration funding.") if list_name == "submission" else None))
            ids[domain] = acc.id
        for r, (status, ago) in enumerate([("success", 3), ("failed", 2), ("success", 1)]):
            session.add(_run(as_of - timedelta(days=ago), status, r))
    return ids


def _reasons(i: int, score: float) -> list[dict]:
    kinds = [row[2].replace("_", " ") for row in SIGNALS if row[0] == i]
    acts = [row for row in ACTIVITIES if row[0] == i]
    reasons = [{"text": f"{kinds[0]} trigger ({SIGNALS[[r[0] for r in SIGNALS].index(i)][3]})",
                "contribution": round(score * 0.4, 2)}] if kinds else []
    if any(a[3] == "inbound" for a in acts):
        reasons.append({"text": "two-way stakeholder contact in the last 90 days", "contribution": 0.2})
    elif acts:
        reasons.append({"text": "outbound-only contact: engagement went cold", "contribution": -0.1})
    if len(kinds) > 1:
        reasons.append({"text": f"{len(kinds)} corroborating signals: {', '.join(kinds[1:])}",
                        "contribution": 0.12})
    return reasons


def _run(day: date, status: str, n: int) -> Run:
    start = _at(day).replace(hour=2)
    stages = [
        {"stage": "crawl", "seconds": 41.2 + n, "status": "ok",
         "counts": {"feeds": {"requested": 24, "ok": 23, "not_modified": 15, "new": 6, "failed": 1}}},
        {"stage": "extract", "seconds": 12.8, "status": "ok",
         "counts": {"documents": 8, "signals": 11, "people": 4}},
        {"stage": "evidence", "seconds": 0.9, "status": "ok", "counts": {"accounts": 48, "contacts": 112}},
    ]
    if status == "failed":
        stages.append({"stage": "score", "seconds": 0.4, "status": "failed",
                       "error": "OperationalError: database is locked"})
        return Run(as_of=day, started_at=start, finished_at=start + timedelta(seconds=56),
                   status="failed", stages=stages, error="OperationalError: database is locked")
    stages += [
        {"stage": "score", "seconds": 1.6, "status": "ok", "counts": {"accounts_scored": 48}},
        {"stage": "promote", "seconds": 0.3, "status": "ok",
         "counts": {"submission": 4, "outreach": 3, "held_by_cadence": 1}},
        {"stage": "export", "seconds": 0.7, "status": "ok", "counts": {"ace-csv": {"rows": 4}}},
    ]
    return Run(as_of=day, started_at=start, finished_at=start + timedelta(seconds=58 + n),
               status="success", stages=stages, counts={s["stage"]: s["counts"] for s in stages})
