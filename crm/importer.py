"""Upsert CRM and ACE CSV exports. One transaction per import: all rows or none."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from acescout_core.domains import normalize_company_name, normalize_domain
from acescout_core.errors import InputError
from acescout_core.settings import Settings
from crm.csvfile import CsvRow, read_csv
from crm.seniority import seniority_of
from models import get_engine, session_scope
from models.crud import upsert_account, upsert_activity, upsert_ace_opportunity, upsert_contact
from models.tables import Account, Contact

ACCOUNT_COLUMNS = ["account_id", "name", "website"]
CONTACT_COLUMNS = ["contact_id", "account_id", "first_name", "last_name"]
ACTIVITY_COLUMNS = ["activity_id", "account_id", "type", "direction", "date"]
ACE_COLUMNS = ["opportunity_id", "customer_name", "customer_website", "stage", "created_date"]
ACTIVITY_TYPES = {"meeting", "call", "email", "event", "note"}
DIRECTIONS = {"inbound", "outbound"}
ACE_STAGES = {"prospect", "qualified", "technical validation", "business validation",
              "committed", "launched", "closed lost"}


@dataclass
class ImportStats:
    accounts: int = 0
    contacts: int = 0
    activities: int = 0
    opportunities: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = len(self.warnings)
        return d


def _date(row: CsvRow, key: str, path: Path, *, required: bool = False) -> date | None:
    value = row.get(key)
    if value is None:
        if required:
            raise InputError(f"{path}:{row.line}: {key} is empty")
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{path}:{row.line}: {key} {value!r} is not a YYYY-MM-DD date") from None


def _int(row: CsvRow, key: str, path: Path) -> int | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return int(float(value.replace(",", "")))
    except ValueError:
        raise InputError(f"{path}:{row.line}: {key} {value!r} is not a number") from None


def _import_accounts(session: Session, path: Path, settings: Settings, stats: ImportStats) -> None:
    seen: set[str] = set()
    partner_domain = normalize_domain(settings.partner.domain)
    for row in read_csv(path, required=ACCOUNT_COLUMNS,
                        column_map=settings.imports.column_map.get("accounts")):
        crm_id, name = row.get("account_id"), row.get("name")
        if not crm_id or not name:
            raise InputError(f"{path}:{row.line}: account_id and name are required")
        if crm_id in seen:
            stats.duplicates += 1
        seen.add(crm_id)
        domain = normalize_domain(row.get("website"))
        if row.get("website") and domain is None:
            stats.warnings.append(f"{path}:{row.line}: website {row.get('website')!r} is not a domain")
        if domain and domain == partner_domain:
            stats.warnings.append(f"{path}:{row.line}: skipped the partner's own account")
            continue
        country = (row.get("country") or "").upper() or None
        upsert_account(session, name=name, domain=domain, crm_id=crm_id,
                       industry=row.get("industry"), country=country,
                       state=(row.get("state") or "").upper() or None,
                       employees=_int(row, "employees", path))
        stats.accounts += 1


def _account_by_crm_id(session: Session, cache: dict[str, int], crm_id: str) -> int | None:
    if crm_id not in cache:
        acc = session.exec(select(Account).where(Account.crm_id == crm_id)).first()
        cache[crm_id] = acc.id if acc else None
    return cache[crm_id]


def _import_contacts(session: Session, path: Path, settings: Settings, stats: ImportStats) -> None:
    accounts: dict[str, int] = {}
    seen: set[str] = set()
    for row in read_csv(path, required=CONTACT_COLUMNS,
                        column_map=settings.imports.column_map.get("contacts")):
        crm_id = row.get("contact_id")
        if not crm_id:
            raise InputError(f"{path}:{row.line}: contact_id is required")
        if crm_id in seen:
            stats.duplicates += 1
        seen.add(crm_id)
        account_id = _account_by_crm_id(session, accounts, row.get("account_id") or "")
        if account_id is None:
            stats.warnings.append(f"{path}:{row.line}: unknown account_id {row.get('account_id')!r}")
            continue
        name = " ".join(filter(None, [row.get("first_name"), row.get("last_name")]))
        if not name:
            raise InputError(f"{path}:{row.line}: contact has no name")
        title = row.get("title")
        upsert_contact(session, account_id=account_id, name=name, crm_id=crm_id, title=title,
                       email=row.get("email"), seniority=seniority_of(title))
        stats.contacts += 1


def _import_activities(session: Session, path: Path, settings: Settings, stats: ImportStats) -> None:
    accounts: dict[str, int] = {}
    seen: set[str] = set()
    for row in read_csv(path, required=ACTIVITY_COLUMNS,
                        column_map=settings.imports.column_map.get("activities")):
        crm_id = row.get("activity_id")
        if not crm_id:
            raise InputError(f"{path}:{row.line}: activity_id is required")
        if crm_id in seen:
            stats.duplicates += 1
            continue
        seen.add(crm_id)
        kind = (row.get("type") or "").lower()
        direction = (row.get("direction") or "").lower()
        if kind not in ACTIVITY_TYPES:
            raise InputError(f"{path}:{row.line}: type {kind!r} not one of {sorted(ACTIVITY_TYPES)}")
        if direction not in DIRECTIONS:
            raise InputError(f"{path}:{row.line}: direction {direction!r} not inbound/outbound")
        account_id = _account_by_crm_id(session, accounts, row.get("account_id") or "")
        if account_id is None:
            stats.warnings.append(f"{path}:{row.line}: unknown account_id {row.get('account_id')!r}")
            continue
        contact_id = None
        if row.get("contact_id"):
            contact = session.exec(select(Contact).where(Contact.crm_id == row.get("contact_id"))).first()
            contact_id = contact.id if contact else None
        upsert_activity(session, crm_id=crm_id, account_id=account_id, kind=kind,
                        direction=direction, occurred_at=_date(row, "date", path, required=True),
                        contact_id=contact_id, subject=row.get("subject"))
        stats.activities += 1


def import_crm(
    settings: Settings,
    accounts: str | Path,
    contacts: str | Path | None = None,
    activities: str | Path | None = None,
) -> ImportStats:
    """Upsert accounts, contacts and activities in one transaction (re-runs change nothing)."""
    stats = ImportStats()
    with session_scope(get_engine(settings.database_url)) as session:
        _import_accounts(session, Path(accounts), settings, stats)
        if contacts:
            _import_contacts(session, Path(contacts), settings, stats)
        if activities:
            _import_activities(session, Path(activities), settings, stats)
    return stats


def import_ace(settings: Settings, path: str | Path) -> ImportStats:
    """Upsert ACE opportunity history; link each to an account by normalised domain or name."""
    p = Path(path)
    stats = ImportStats()
    with session_scope(get_engine(settings.database_url)) as session:
        by_domain = {a.domain: a.id for a in session.exec(select(Account)) if a.domain}
        by_name = {a.normalized_name: a.id for a in session.exec(select(Account))}
        seen: set[str] = set()
        for row in read_csv(p, required=ACE_COLUMNS,
                            column_map=settings.imports.column_map.get("ace")):
            ace_id = row.get("opportunity_id")
            name = row.get("customer_name")
            if not ace_id or not name:
                raise InputError(f"{p}:{row.line}: opportunity_id and customer_name are required")
            if ace_id in seen:
                stats.duplicates += 1
            seen.add(ace_id)
            stage = row.get("stage") or ""
            if stage.lower() not in ACE_STAGES:
                raise InputError(f"{p}:{row.line}: unknown ACE stage {stage!r}")
            domain = normalize_domain(row.get("customer_website"))
            account_id = by_domain.get(domain) if domain else None
            if account_id is None:
                account_id = by_name.get(normalize_company_name(name))
            mrr = row.get("expected_mrr")
            try:
                mrr_value = float(mrr.replace(",", "").replace("$", "")) if mrr else None
            except ValueError:
                raise InputError(f"{p}:{row.line}: expected_mrr {mrr!r} is not a number") from None
            upsert_ace_opportunity(
                session, ace_id=ace_id, account_id=account_id, customer_name=name,
                customer_domain=domain, stage=stage, review_status=row.get("review_status"),
                origin=row.get("origin"), created_date=_date(row, "created_date", p),
                last_modified_date=_date(row, "last_modified_date", p),
                target_close_date=_date(row, "target_close_date", p), expected_mrr=mrr_value,
                closed_lost_reason=row.get("closed_lost_reason"),
            )
            stats.opportunities += 1
    return stats
