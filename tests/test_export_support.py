"""Small seeded database for the export tests (helpers only; no tests live here)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from acescout_core.settings import Offering
from models import Candidate, Score, Signal, get_engine, session_scope
from models.crud import (
    store_document,
    upsert_account,
    upsert_ace_opportunity,
    upsert_activity,
    upsert_contact,
)

AS_OF = date(2025, 6, 2)


def configure(settings):
    settings.partner.offerings = [
        Offering(name="Regulated workload landing zone", use_case="Security & Compliance",
                 aws_services=["AWS Control Tower", "AWS Security Hub"],
                 delivery_model="Professional Services"),
        Offering(name="Data centre migration factory", use_case="Migration / Database Migration",
                 aws_services=["AWS Application Migration Service", "Amazon EC2", "Amazon RDS"],
                 delivery_model="Managed Services"),
    ]
    return settings


def _signal(session, account, url, kind, tense, evidence, *, services=(), frameworks=(),
            window_end=None, days_ago=10):
    doc, _ = store_document(session, canonical_url=url, content_hash=url, text=evidence,
                            url=url, title=evidence[:40])
    sig = Signal(account_id=account.id, document_id=doc.id, kind=kind, tense=tense,
                 evidence=evidence, aws_services=list(services), frameworks=list(frameworks),
                 observed_at=datetime(2025, 6, 2, tzinfo=timezone.utc) - timedelta(days=days_ago),
                 window_end=window_end, confidence=0.8)
    session.add(sig)
    session.flush()
    return sig


def seed(settings) -> dict[str, int]:
    """Five accounts: three live submission candidates, one rejected, one outreach target."""
    configure(settings)
    ids: dict[str, int] = {}
    with session_scope(get_engine(settings.database_url)) as s:
        acme = upsert_account(s, name="Acme Health Systems", domain="acmehealth.com",
                              crm_id="001A", industry="Hospital & Health Care",
                              country="United States", state="CA", employees=1800)
        globex = upsert_account(s, name="Globex Bank", domain="globexbank.co.uk", crm_id="001B",
                                industry="Banking", country="United Kingdom", employees=450)
        initech = upsert_account(s, name="Initech", domain="initech.io", crm_id="001C",
                                 industry="Computer Software", country="US", state="Texas",
                                 employees=90)
        umbrella = upsert_account(s, name="Umbrella Corp", domain="umbrella-corp.com",
                                  crm_id="001D", industry="Pharmaceuticals", country="DE")
        hooli = upsert_account(s, name="Hooli", domain="hooli.xyz", crm_id="001E",
                               industry="Internet", country="US", state="CA")
        sigs = {
            "acme": [
                _signal(s, acme, "https://news.example.org/acme-hipaa", "compliance", "planned",
                        "Acme Health Systems must complete its HIPAA audit of patient systems "
                        "before the new contract year.", frameworks=["HIPAA"],
                        window_end=AS_OF + timedelta(days=150)).id,
                _signal(s, acme, "https://jobs.example.org/acme-aws", "migration", "planned",
                        "Acme plans to move its EHR integration platform to Amazon EKS and "
                        "Amazon RDS this year.", services=["Amazon EKS", "Amazon RDS"]).id,
            ],
            "globex": [
                _signal(s, globex, "https://news.example.org/globex-dc", "datacenter_exit",
                        "planned", "Globex Bank will close its Croydon data centre when the "
                        "lease ends; a tender for migration support is open.",
                        services=["AWS Application Migration Service"],
                        window_end=AS_OF + timedelta(days=200)).id,
            ],
            "initech": [
                _signal(s, initech, "https://blog.example.org/initech-vmware", "renewal",
                        "planned", "Initech faces its VMware licence renewal in Q4 and is "
                        "weighing Azure against AWS.", window_end=AS_OF + timedelta(days=120)).id,
            ],
        }
        jane = upsert_contact(s, account_id=acme.id, name="Jane Doe", crm_id="C1",
                              title="CISO", email="Jane.Doe@acmehealth.com")
        upsert_activity(s, crm_id="T1", account_id=acme.id, contact_id=jane.id, kind="meeting",
                        direction="outbound", occurred_at=AS_OF - timedelta(days=12),
                        subject="HIPAA landing zone discovery workshop")
        upsert_activity(s, crm_id="T2", account_id=acme.id, contact_id=jane.id, kind="email",
                        direction="inbound", occurred_at=AS_OF - timedelta(days=5),
                        subject="Re: follow-up")
        raj = upsert_contact(s, account_id=globex.id, name="Raj Patel", crm_id="C2",
                             title="Head of Infrastructure", email="raj@globexbank.co.uk")
        upsert_activity(s, crm_id="T3", account_id=globex.id, contact_id=raj.id, kind="call",
                        direction="outbound", occurred_at=AS_OF - timedelta(days=20),
                        subject="Data centre exit options")
        mia = upsert_contact(s, account_id=initech.id, name="Mia Chen", crm_id="C3",
                             title="VP Engineering", email="mia@initech.io")
        upsert_activity(s, crm_id="T4", account_id=initech.id, contact_id=mia.id, kind="email",
                        direction="inbound", occurred_at=AS_OF - timedelta(days=3),
                        subject="Re: VMware renewal costs")
        upsert_ace_opportunity(s, ace_id="O100", account_id=umbrella.id,
                               customer_name="Umbrella Corp", customer_domain="umbrella-corp.com",
                               stage="Qualified", created_date=AS_OF - timedelta(days=30))
        for name, acct, lst, status, score in [
            ("acme", acme, "submission", "approved", 0.91),
            ("globex", globex, "submission", "proposed", 0.82),
            ("initech", initech, "submission", "approved", 0.74),
            ("umbrella", umbrella, "submission", "rejected", 0.7),
            ("hooli", hooli, "outreach", "proposed", 0.4),
        ]:
            s.add(Score(account_id=acct.id, as_of=AS_OF, model_version="prior-1", score=score,
                        band="high" if score > 0.8 else "medium",
                        reasons=[{"text": f"{name} reason: =HYPERLINK(\"x\")"}] if name == "hooli"
                        else [{"text": "two-way contact in 30 days"}]))
            cand = Candidate(account_id=acct.id, list=lst, score=score, status=status,
                             as_of=AS_OF, reasons=[{"text": "timing window dated"}],
                             evidence_signal_ids=sigs.get(name, []))
            s.add(cand)
            s.flush()
            ids[name] = cand.id
    return ids
