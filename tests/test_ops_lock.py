"""One run at a time, and a run left 'running' by a crash is recorded as interrupted."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from acescout_core.errors import RunLockedError
from flows.lock import run_lock
from flows.pipeline import run_nightly
from models import Run, get_engine, session_scope
from tests.fakes import install_fake_stages

ACESCOUT = str(Path(sys.executable).parent / "acescout")


def test_second_concurrent_run_exits_2_with_a_clear_message(settings, tmp_path):
    config = tmp_path / "acescout.toml"
    config.write_text(f'[database]\nurl = "{settings.database_url}"\n')
    with run_lock(settings):  # this process holds the lock; another process tries to run
        proc = subprocess.run([ACESCOUT, "run", "--no-crawl", "--config", str(config)],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env={**os.environ, "ACESCOUT_TEST_CRASH_AT": "crawl"})
    assert proc.returncode == 2, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: another acescout run is in progress"), proc.stderr
    with session_scope(get_engine(settings.database_url)) as session:
        assert session.exec(select(Run)).all() == []  # the refused run wrote nothing


def test_lock_is_free_again_after_a_run(settings, monkeypatch):
    install_fake_stages(monkeypatch)
    run_nightly(settings, "2026-11-16", crawl=False)
    with run_lock(settings):
        with pytest.raises(RunLockedError):
            with run_lock(settings):
                pass
    run_nightly(settings, "2026-11-16", crawl=False)


def test_stale_running_run_is_marked_interrupted_by_the_next_run(settings, monkeypatch):
    install_fake_stages(monkeypatch)
    with session_scope(get_engine(settings.database_url)) as session:
        session.add(Run(flow="nightly", status="running", stages=[{"stage": "crawl"}]))
    run_nightly(settings, "2026-11-16", crawl=False)
    with session_scope(get_engine(settings.database_url)) as session:
        stale, fresh = session.exec(select(Run).order_by(Run.id)).all()
    assert stale.status == "failed" and stale.error.startswith("interrupted")
    assert stale.finished_at is not None
    assert fresh.status == "success"


def test_runs_command_shows_durations_and_failures(settings, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from flows import pipeline
    from flows.cli import app

    install_fake_stages(monkeypatch)
    run_nightly(settings, "2026-11-16", crawl=False)
    monkeypatch.setattr(pipeline, "stage_export", lambda s, d: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_nightly(settings, "2026-11-16", crawl=False)
    config = tmp_path / "acescout.toml"
    config.write_text(f'[database]\nurl = "{settings.database_url}"\n')
    result = CliRunner().invoke(app, ["runs", "--config", str(config)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "success" in result.output and "failed" in result.output
    assert "ZeroDivisionError" in result.output
    assert "export: failed" in result.output and "score: ok" in result.output
    assert "s " in result.output or "s\n" in result.output  # per-stage seconds
