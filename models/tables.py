"""SQLModel tables for DESIGN.md's data model. Natural keys are unique so upserts are idempotent."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import List  # Candidate has a column named `list`

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Aware UTC now: SQLModel's datetime columns store and return aware UTC values."""
    return datetime.now(timezone.utc)


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    normalized_name: str = Field(default="", index=True)
    domain: str | None = Field(default=None, unique=True, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    industry: str | None = None
    country: str | None = None
    state: str | None = None
    employees: int | None = None
    crm_id: str | None = Field(default=None, unique=True, index=True)
    origin: str = "crm"  # crm | discovered
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: str
    url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_crawled_at: datetime | None = None


class Document(SQLModel, table=True):
    """One version of a public page. A changed page is a new row (``version`` + 1)."""

    __table_args__ = (
        UniqueConstraint("canonical_url", "version", name="uq_document_url_version"),
        # the latest version of a URL: without it SQLite walks ix_document_is_latest (every row)
        Index("ix_document_latest_url", "canonical_url", "is_latest"),
    )
    id: int | None = Field(default=None, primary_key=True)
    canonical_url: str = Field(index=True)
    version: int = 1
    is_latest: bool = Field(default=True, index=True)
    url: str | None = Field(default=None, index=True)  # the fetched address (before canonical)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    title: str | None = None
    published_at: datetime | None = Field(default=None, index=True)
    fetched_at: datetime = Field(default_factory=utcnow)
    language: str | None = None
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    content_hash: str = Field(index=True)
    # sha256 of the raw fetched body: an identical re-fetch is recognised before any parsing.
    body_hash: str | None = Field(default=None, index=True)
    extracted_hash: str | None = None  # "content_hash:extractor fingerprint" of the last extraction
    extracted_at: datetime | None = None


class Signal(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("document_id", "kind", "account_id", "start", name="uq_signal_evidence"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    kind: str = Field(index=True)
    tense: str
    negated: bool = False
    cloud: str | None = None  # aws | azure | gcp | oracle | ibm | None
    frameworks: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    programs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aws_services: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False))
    start: int = 0
    end: int = 0
    observed_at: datetime = Field(default_factory=utcnow, index=True)
    window_start: date | None = None
    window_end: date | None = None
    confidence: float = 0.5


class Contact(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "name_key", name="uq_contact_account_name"),)
    id: int | None = Field(default=None, primary_key=True)
    crm_id: str | None = Field(default=None, unique=True, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    name: str
    name_key: str = ""
    title: str | None = None
    email: str | None = None
    seniority: int = 0  # 0 unknown .. 5 C-level
    origin: str = "crm"  # crm | public
    source_document_id: int | None = Field(default=None, foreign_key="document.id")


class Activity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    crm_id: str = Field(unique=True, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    kind: str  # meeting | call | email | event | note
    direction: str  # inbound | outbound
    occurred_at: date = Field(index=True)
    subject: str | None = None


class AceOpportunity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    ace_id: str = Field(unique=True, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    customer_name: str
    customer_domain: str | None = Field(default=None, index=True)
    stage: str
    review_status: str | None = None
    origin: str | None = None
    created_date: date | None = None
    last_modified_date: date | None = None
    target_close_date: date | None = None
    expected_mrr: float | None = None
    closed_lost_reason: str | None = None


class Score(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "as_of", name="uq_score_account_asof"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    as_of: date = Field(index=True)
    model_version: str
    score: float
    band: str
    reasons: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    features: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Candidate(SQLModel, table=True):
    """The current list membership of an account; seller decisions survive re-runs."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", unique=True, index=True)
    list: str = Field(index=True)  # submission | outreach
    score: float
    status: str = Field(default="proposed", index=True)  # proposed|approved|rejected|exported
    as_of: date | None = None
    proposed_at: datetime = Field(default_factory=utcnow)
    # `list` is a column name here, so the factories must not refer to the builtin by that name
    reasons: List[dict] = Field(default_factory=lambda: [], sa_column=Column(JSON, nullable=False))
    gate_notes: List[str] = Field(default_factory=lambda: [], sa_column=Column(JSON, nullable=False))
    evidence_signal_ids: List[int] = Field(default_factory=lambda: [],
                                           sa_column=Column(JSON, nullable=False))
    reviewer: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    decision_evidence_at: datetime | None = None  # newest evidence at decision time
    ace_draft: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pdm_brief: str | None = Field(default=None, sa_column=Column(Text))
    draft_edited_at: datetime | None = None  # a seller edited the draft: exports keep the edit
    ace_id: str | None = None
    client_token: str | None = None


class Run(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    flow: str = "nightly"
    as_of: date | None = None
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = "running"  # running | success | failed
    counts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    stages: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text))
