"""The Prefect nightly flow: tasks per stage over the same plain functions as `acescout run`."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models import Run, Score, get_engine, session_scope
from tests.conftest_prefect import prefect_harness  # noqa: F401  (session-scoped fixture)
from tests.fakes import install_fake_stages


def _config(tmp_path, extra: str = "") -> str:
    path = tmp_path / "acescout.toml"
    path.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "acescout.db"}"\n{extra}')
    return str(path)


def _runs(url: str) -> list[Run]:
    with session_scope(get_engine(url)) as session:
        return session.exec(select(Run).order_by(Run.id)).all()


def test_crawl_task_retries_and_db_tasks_do_not_cache():
    from prefect.cache_policies import NO_CACHE

    from flows import nightly

    tasks = [nightly.crawl_task, nightly.extract_task, nightly.evidence_task, nightly.score_task,
             nightly.promote_task, nightly.export_task, nightly.extract_batch_task,
             nightly.score_batch_task]
    assert nightly.crawl_task.retries == 2
    assert all(t.retries == 0 for t in tasks[1:])
    assert all(t.cache_policy is NO_CACHE for t in tasks)


def test_nightly_flow_records_the_run(prefect_harness, tmp_path, monkeypatch):  # noqa: F811
    from flows.nightly import nightly

    calls = install_fake_stages(monkeypatch)
    config = _config(tmp_path)
    summary = nightly(config_path=config, as_of="2026-11-16")
    assert calls == ["crawl", "extract", "evidence", "score", "promote", "export"]
    assert summary["as_of"] == "2026-11-16" and summary["score"] == {"accounts_scored": 2}
    (run,) = _runs(f"sqlite:///{tmp_path / 'acescout.db'}")
    assert run.status == "success" and run.finished_at is not None
    assert [s["stage"] for s in run.stages] == list(calls)
    assert all(s["status"] == "ok" and s["seconds"] >= 0 for s in run.stages)
    assert run.counts["crawl"] == {"feed": 3}

    # crawl=False is honoured inside the flow too; a rerun updates, never duplicates
    calls.clear()
    nightly(config_path=config, as_of="2026-11-16", crawl=False)
    assert "crawl" not in calls
    runs = _runs(f"sqlite:///{tmp_path / 'acescout.db'}")
    assert [r.status for r in runs] == ["success", "success"]
    assert runs[1].counts["crawl"] == {"skipped": 1}
    with session_scope(get_engine(f"sqlite:///{tmp_path / 'acescout.db'}")) as session:
        assert len(session.exec(select(Score)).all()) == 2


def test_a_failing_stage_fails_the_flow_and_the_run(prefect_harness, tmp_path,  # noqa: F811
                                                   monkeypatch):
    from flows import pipeline
    from flows.nightly import nightly

    install_fake_stages(monkeypatch)

    def broken(settings, as_of):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(pipeline, "stage_promote", broken)
    with pytest.raises(RuntimeError, match="model file unreadable"):
        nightly(config_path=_config(tmp_path), as_of="2026-11-16", crawl=False)
    (run,) = _runs(f"sqlite:///{tmp_path / 'acescout.db'}")
    assert run.status == "failed" and "model file unreadable" in run.error
    assert [s["status"] for s in run.stages] == ["ok", "ok", "ok", "ok", "failed"]
