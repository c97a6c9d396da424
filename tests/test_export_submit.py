"""--submit with botocore's Stubber: approved only, quota, throttling retries, ids recorded."""
from __future__ import annotations

import pytest
from botocore.stub import ANY, Stubber

from acescout_core.errors import InputError
from exports.run import export, prepare_batch
from exports.submit import make_client, submit_drafts
from models import Candidate, get_engine, session_scope
from test_export_support import AS_OF, seed


CHAIN_VARS = ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
              "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN")


@pytest.fixture(autouse=True)
def _no_remote_credential_sources(monkeypatch):
    """Tests never reach a metadata or container credential endpoint."""
    for var in CHAIN_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def aws_env(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


class FakeTime:
    """A clock that only moves when the code sleeps."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def _client(settings, times: list[float], fake: FakeTime):
    client = make_client(settings)
    for op in ("CreateOpportunity", "StartEngagementFromOpportunityTask"):
        client.meta.events.register(f"before-parameter-build.partnercentral-selling.{op}",
                                    lambda **_: times.append(fake.clock()))
    return client


def _status(settings, cid):
    with session_scope(get_engine(settings.database_url)) as s:
        c = s.get(Candidate, cid)
        return c.status, c.ace_id


def test_only_approved_are_sent_at_one_write_per_second(settings, aws_env):
    ids = seed(settings)
    batch = prepare_batch(settings, AS_OF)
    fake, times = FakeTime(), []
    client = _client(settings, times, fake)
    approved = [d for d in batch.ready() if d.candidate_id in (ids["acme"], ids["initech"])]
    with Stubber(client) as stub:
        for i, d in enumerate(approved):
            stub.add_response("create_opportunity", {"Id": f"O{100 + i}"}, d.payload)
        outcomes = submit_drafts(settings, batch.ready(), client=client, dry_run=False,
                                 sleep=fake.sleep, clock=fake.clock)
        stub.assert_no_pending_responses()
    by_id = {o.candidate_id: o for o in outcomes}
    assert by_id[ids["globex"]].status == "skipped"  # proposed, not approved by a seller
    assert by_id[ids["acme"]].status == by_id[ids["initech"]].status == "created"
    assert _status(settings, ids["acme"]) == ("exported", "O100")
    assert _status(settings, ids["initech"]) == ("exported", "O101")
    assert _status(settings, ids["globex"]) == ("proposed", None)
    assert times == [0.0, 1.0]  # quota: the second write waits a full second


def test_throttling_is_retried_with_backoff(settings, aws_env):
    ids = seed(settings)
    with session_scope(get_engine(settings.database_url)) as s:
        s.get(Candidate, ids["initech"]).status = "proposed"
    batch = prepare_batch(settings, AS_OF)
    fake, times = FakeTime(), []
    client = _client(settings, times, fake)
    acme = next(d for d in batch.ready() if d.candidate_id == ids["acme"])
    with Stubber(client) as stub:
        stub.add_client_error("create_opportunity", "ThrottlingException", "Rate exceeded")
        stub.add_client_error("create_opportunity", "ThrottlingException", "Rate exceeded")
        stub.add_response("create_opportunity", {"Id": "O555"}, acme.payload)
        outcomes = submit_drafts(settings, [acme], client=client, dry_run=False,
                                 sleep=fake.sleep, clock=fake.clock)
        stub.assert_no_pending_responses()
    assert outcomes[0].status == "created" and outcomes[0].ace_id == "O555"
    assert fake.sleeps[:1] == [1.0] and 2.0 in fake.sleeps  # exponential backoff 1 s, 2 s
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:]))  # retries respect the quota too
    assert _status(settings, ids["acme"]) == ("exported", "O555")


def test_persistent_throttling_and_validation_errors_fail_without_recording(settings, aws_env):
    ids = seed(settings)
    settings.export.max_retries = 1
    batch = prepare_batch(settings, AS_OF)
    fake, times = FakeTime(), []
    client = _client(settings, times, fake)
    drafts = [d for d in batch.ready() if d.candidate_id in (ids["acme"], ids["initech"])]
    with Stubber(client) as stub:
        stub.add_client_error("create_opportunity", "ThrottlingException", "slow down")
        stub.add_client_error("create_opportunity", "ThrottlingException", "slow down")
        stub.add_client_error("create_opportunity", "ValidationException", "bad field")
        outcomes = submit_drafts(settings, drafts, client=client, dry_run=False,
                                 sleep=fake.sleep, clock=fake.clock)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].error.startswith("ThrottlingException")
    assert outcomes[1].error == "ValidationException: bad field"
    assert _status(settings, ids["acme"]) == ("approved", None)


def test_start_engagement_after_create(settings, aws_env):
    ids = seed(settings)
    settings.export.start_engagement = True
    batch = prepare_batch(settings, AS_OF)
    fake, times = FakeTime(), []
    client = _client(settings, times, fake)
    acme = next(d for d in batch.ready() if d.candidate_id == ids["acme"])
    with Stubber(client) as stub:
        stub.add_response("create_opportunity", {"Id": "O42"}, acme.payload)
        stub.add_response("start_engagement_from_opportunity_task", {"TaskId": "T-1"},
                          {"Catalog": "Sandbox", "ClientToken": ANY, "Identifier": "O42",
                           "AwsSubmission": {"InvolvementType": "Co-Sell", "Visibility": "Full"}})
        outcomes = submit_drafts(settings, [acme], client=client, dry_run=False,
                                 sleep=fake.sleep, clock=fake.clock)
        stub.assert_no_pending_responses()
    assert outcomes[0].engagement_task_id == "T-1" and outcomes[0].error is None
    assert times == [0.0, 1.0]


def test_dry_run_is_the_default_and_sends_nothing(settings, aws_env, tmp_path):
    seed(settings)
    batch = prepare_batch(settings, AS_OF)
    client = make_client(settings)
    with Stubber(client):  # any call would raise: nothing is queued
        outcomes = submit_drafts(settings, batch.ready(), client=client)
    assert {o.status for o in outcomes} == {"dry_run", "skipped"}
    result = export(settings, "ace-api", tmp_path, as_of=AS_OF)  # submit=False by default
    assert not any(k.startswith("submit_") for k in result.counts)


def test_missing_credentials_is_a_clear_input_error(settings, monkeypatch):
    seed(settings)
    batch = prepare_batch(settings, AS_OF)
    with pytest.raises(InputError, match="no AWS credentials"):
        submit_drafts(settings, batch.ready(), dry_run=False)


def test_submit_only_applies_to_ace_api(settings, tmp_path):
    with pytest.raises(InputError):
        export(settings, "crm", tmp_path, submit=True)
