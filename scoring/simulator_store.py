"""Write a simulated world straight into the database tables (bulk inserts), so the real
scoring and gate run on it."""
from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import insert

from acescout_core.settings import Settings
from models import get_engine, init_db, session_scope
from models.tables import AceOpportunity, Account, Activity, Contact, Document, Signal
from scoring.evidence import ACTIVITY_KINDS, CLOUDS, KINDS, NO_DAY, TENSES
from scoring.simulator import World, to_datetime

SERVICES = ("Amazon EC2", "Amazon RDS", "Amazon S3", "AWS Lambda", "Amazon EKS")
SENTENCES = {
    "migration": "{name} plans to move its core platform{cloud} this year.",
    "compliance": "{name} is preparing for its SOC 2 Type II audit{cloud}.",
    "hiring": "{name} is hiring a cloud migration engineer{cloud}.",
    "funding": "{name} raised new funding to modernise its platform{cloud}.",
    "leadership_change": "{name} appointed a new CIO to lead its cloud strategy{cloud}.",
    "datacenter_exit": "{name} will exit its data centre before its lease ends{cloud}.",
    "renewal": "{name} faces a VMware licence renewal{cloud}.",
    "case_study": "{name} runs its analytics on AWS, a published case study says.",
}
CLOUD_WORDS = {"aws": " on AWS", "azure": " on Microsoft Azure", "gcp": " on Google Cloud",
               "oracle": " on Oracle Cloud", "ibm": " on IBM Cloud", "": ""}


def _day(value: int) -> date | None:
    return None if value == NO_DAY else date.fromordinal(int(value))


def _chunked(session, table, rows: list[dict], size: int = 20000) -> None:
    for i in range(0, len(rows), size):
        session.execute(insert(table), rows[i:i + size])


def write_world(world: World, settings: Settings) -> None:
    """Insert accounts, documents + signals, contacts, activities and ACE opportunities."""
    ev = world.evidence
    engine = get_engine(settings.database_url)
    init_db(engine)
    names = ev.name.tolist()
    with session_scope(engine) as session:
        _chunked(session, Account, [
            {"id": int(i), "name": nm, "normalized_name": nm.lower().replace(" corp", ""),
             "domain": d, "industry": ind, "country": cty, "employees": int(emp),
             "crm_id": f"C{i}", "aliases": []}
            for i, nm, d, ind, cty, emp in zip(ev.account_id.tolist(), names, ev.domain.tolist(),
                                               world.industry.tolist(), world.country.tolist(),
                                               world.employees.tolist())])
        docs, sigs = [], []
        for j in range(len(ev.sig_id)):
            sid, a = int(ev.sig_id[j]), int(ev.sig_account[j])
            kind, cloud = KINDS[ev.sig_kind[j]], CLOUDS[ev.sig_cloud[j]]
            when = to_datetime(ev.sig_observed[j])
            text = SENTENCES[kind].format(name=names[a], cloud=CLOUD_WORDS[cloud])
            if ev.sig_negated[j]:
                text = f"{names[a]} said it is not moving to AWS."
            docs.append({"id": sid, "canonical_url": f"https://news.example.org/{a}/{sid}",
                         "title": text[:60], "published_at": when, "fetched_at": when,
                         "text": text, "content_hash": f"h{sid}", "is_latest": True,
                         "version": 1})
            sigs.append({"id": sid, "account_id": a + 1, "document_id": sid, "kind": kind,
                         "tense": TENSES[ev.sig_tense[j]], "negated": bool(ev.sig_negated[j]),
                         "cloud": cloud or None,
                         "aws_services": list(SERVICES[:int(ev.sig_services[j])]),
                         "programs": ["MAP"] * int(ev.sig_programs[j]), "evidence": text,
                         "start": 0, "end": len(text), "observed_at": when,
                         "window_start": _day(ev.sig_wstart[j]),
                         "window_end": _day(ev.sig_wend[j]), "frameworks": [],
                         "confidence": 0.8})
        _chunked(session, Document, docs)
        _chunked(session, Signal, sigs)
        c_account = ev.extras["contact_account"]
        c_sen = ev.extras["contact_seniority"]
        first_sig = {}
        for j in range(len(ev.sig_id) - 1, -1, -1):
            first_sig[int(ev.sig_account[j])] = int(ev.sig_id[j])
        pub = set(ev.pub_account.tolist())
        contacts, seen = [], set()
        for k, (a, sen) in enumerate(zip(c_account.tolist(), c_sen.tolist())):
            cid = k + 1
            doc = first_sig.get(a) if a in pub and a not in seen else None
            seen.add(a)
            contacts.append({"id": cid, "crm_id": f"P{cid}", "account_id": a + 1,
                             "name": f"Person {cid}", "name_key": f"person {cid}",
                             "title": ("Engineer", "Manager", "Director", "VP", "CIO")[sen - 1],
                             "seniority": sen, "origin": "crm", "source_document_id": doc})
        _chunked(session, Contact, contacts)
        _chunked(session, Activity, [
            {"id": int(i), "crm_id": f"T{i}", "account_id": int(a) + 1,
             "contact_id": None if c < 0 else int(c), "kind": ACTIVITY_KINDS[k],
             "direction": "inbound" if inb else "outbound", "occurred_at": _day(d)}
            for i, a, c, k, inb, d in zip(ev.act_id.tolist(), ev.act_account.tolist(),
                                          ev.act_contact.tolist(), ev.act_kind.tolist(),
                                          ev.act_inbound.tolist(), ev.act_day.tolist())])
        rng = np.random.default_rng(11)
        opps = []
        for j in range(len(ev.opp_id)):
            a = int(ev.opp_account[j])
            pos, neg = bool(ev.opp_positive[j]), bool(ev.opp_negative[j])
            by_domain = rng.random() < 0.5
            row = {"ace_id": f"O-{int(ev.opp_id[j])}", "id": int(ev.opp_id[j]),
                   "account_id": None if by_domain else a + 1, "customer_name": names[a],
                   "customer_domain": f"https://www.{ev.domain[a]}/",
                   "created_date": _day(ev.opp_created[j]),
                   "last_modified_date": _day(ev.opp_decided[j]), "closed_lost_reason": None,
                   "stage": "Qualified", "review_status": "Submitted"}
            if pos:
                row.update(stage="Launched", review_status="Approved")
            elif neg and rng.random() < 0.5:
                row.update(stage="Prospect", review_status="Rejected")
            elif neg:
                row.update(stage="Closed Lost", review_status="Approved",
                           closed_lost_reason="Invalid: no net-new workload")
            elif ev.opp_closed[j] != NO_DAY:
                row.update(stage="Closed Lost", review_status="Approved",
                           closed_lost_reason="Lost to competitor")
            opps.append(row)
        _chunked(session, AceOpportunity, opps)
