"""``export ace-api --submit``: send approved, lint-clean drafts to the Partner Central Selling API.

Credentials come only from the standard boto3 chain (env, shared files, SSO, role); nothing here
reads, stores or logs them. Writes are paced to the API quota (1 write per second by default) and
ThrottlingException is retried with exponential backoff. Each returned opportunity id is stored
on the candidate at once, so a failure half-way loses nothing.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from acescout_core.errors import InputError
from acescout_core.settings import Settings
from exports.ace_payload import Draft
from models import Candidate, get_engine, session_scope

SERVICE = "partnercentral-selling"
THROTTLED = {"ThrottlingException", "TooManyRequestsException", "Throttling"}


@dataclass
class SubmitOutcome:
    candidate_id: int
    status: str  # created | dry_run | skipped | failed
    ace_id: str | None = None
    engagement_task_id: str | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class WriteQuota:
    """At most ``per_second`` calls per second across all write operations."""

    def __init__(self, per_second: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            delay = self._last + self.interval - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last = self.clock()


def make_client(settings: Settings) -> Any:
    """A Selling API client from the default credential chain; botocore retries are ours."""
    import boto3
    from botocore.config import Config

    cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                 user_agent_extra="acescout")
    return boto3.session.Session().client(SERVICE, region_name=settings.export.aws_region,
                                          config=cfg)


def call_with_retry(fn: Callable[..., dict], params: dict, quota: WriteQuota, *,
                    max_retries: int, sleep: Callable[[float], None], base: float = 1.0) -> dict:
    from botocore.exceptions import ClientError

    attempt = 0
    while True:
        quota.wait()
        try:
            return fn(**params)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code not in THROTTLED or attempt >= max_retries:
                raise
            sleep(min(30.0, base * 2 ** attempt))
            attempt += 1


def submit_drafts(settings: Settings, drafts: list[Draft], *, client: Any = None,
                  dry_run: bool = True, sleep: Callable[[float], None] = time.sleep,
                  clock: Callable[[], float] = time.monotonic) -> list[SubmitOutcome]:
    """CreateOpportunity (then StartEngagementFromOpportunityTask if configured) per draft."""
    from botocore.exceptions import (BotoCoreError, ClientError, CredentialRetrievalError,
                                     NoCredentialsError)

    engine = get_engine(settings.database_url)
    approved = _approved_ids(engine, [d.candidate_id for d in drafts])
    outcomes: list[SubmitOutcome] = []
    todo = []
    for d in drafts:
        if d.candidate_id not in approved:
            outcomes.append(SubmitOutcome(d.candidate_id, "skipped", error="not approved"))
        elif dry_run:
            outcomes.append(SubmitOutcome(d.candidate_id, "dry_run"))
        else:
            todo.append(d)
    if not todo:
        return outcomes
    client = client or make_client(settings)
    quota = WriteQuota(settings.export.writes_per_second, clock=clock, sleep=sleep)
    for d in todo:
        try:
            created = call_with_retry(client.create_opportunity, d.payload, quota,
                                      max_retries=settings.export.max_retries, sleep=sleep)
        except (NoCredentialsError, CredentialRetrievalError):
            raise InputError("no AWS credentials found in the boto3 credential chain "
                             "(environment, shared config, SSO or role)") from None
        except (ClientError, BotoCoreError) as exc:
            outcomes.append(SubmitOutcome(d.candidate_id, "failed", error=_describe(exc)))
            continue
        outcome = SubmitOutcome(d.candidate_id, "created", ace_id=created["Id"])
        _record(engine, d.candidate_id, created["Id"])
        if settings.export.start_engagement:
            outcome.engagement_task_id, outcome.error = _start_engagement(
                settings, client, d, created["Id"], quota, sleep)
        outcomes.append(outcome)
    return outcomes


def _start_engagement(settings: Settings, client: Any, d: Draft, ace_id: str,
                      quota: WriteQuota, sleep: Callable[[float], None]
                      ) -> tuple[str | None, str | None]:
    from botocore.exceptions import BotoCoreError, ClientError

    params = {
        "Catalog": d.payload["Catalog"],
        "ClientToken": str(uuid.uuid5(uuid.NAMESPACE_URL, d.payload["ClientToken"] + "/engage")),
        "Identifier": ace_id,
        "AwsSubmission": {"InvolvementType": settings.export.involvement_type,
                          "Visibility": settings.export.visibility},
    }
    try:
        task = call_with_retry(client.start_engagement_from_opportunity_task, params, quota,
                               max_retries=settings.export.max_retries, sleep=sleep)
    except (ClientError, BotoCoreError) as exc:
        return None, f"opportunity created; engagement not started: {_describe(exc)}"
    return task.get("TaskId"), None


def _approved_ids(engine: Any, ids: list[int]) -> set[int]:
    from sqlmodel import select

    with session_scope(engine) as session:
        rows = session.exec(select(Candidate.id).where(Candidate.id.in_(ids),
                                                       Candidate.status == "approved")).all()
    return set(rows)


def _record(engine: Any, candidate_id: int, ace_id: str) -> None:
    with session_scope(engine) as session:
        cand = session.get(Candidate, candidate_id)
        cand.ace_id = ace_id
        cand.status = "exported"
        session.add(cand)


def _describe(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        err = response["Error"]
        return f"{err.get('Code', 'Error')}: {err.get('Message', '')}".strip()
    return type(exc).__name__
