"""Crash safety: kill -9 after any stage's work (before the Run record says so), run again, and
the database ends exactly as after one uninterrupted run. Real stages on the demo data."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from flows.pipeline import STAGES

ACESCOUT = str(Path(sys.executable).parent / "acescout")

SNAPSHOT = {  # natural keys and values; ids and timestamps differ between databases
    "documents": "SELECT canonical_url, version, is_latest, content_hash, extracted_hash "
                 "FROM document",
    "signals": "SELECT d.canonical_url, s.kind, s.tense, a.domain, a.name, s.start, s.\"end\", "
               "s.evidence, s.window_start, s.window_end FROM signal s "
               "JOIN document d ON d.id = s.document_id LEFT JOIN account a ON a.id = s.account_id",
    "accounts": "SELECT name, domain, origin, crm_id FROM account",
    "contacts": "SELECT a.domain, c.name, c.title, c.origin FROM contact c "
                "JOIN account a ON a.id = c.account_id",
    "activities": "SELECT crm_id, kind, direction, occurred_at FROM activity",
    "opportunities": "SELECT ace_id, stage, review_status FROM aceopportunity",
    "scores": "SELECT a.name, s.as_of, s.model_version, s.score, s.band FROM score s "
              "JOIN account a ON a.id = s.account_id",
    "candidates": "SELECT a.name, c.list, c.score, c.status, c.as_of FROM candidate c "
                  "JOIN account a ON a.id = c.account_id",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        snap = {name: sorted(map(tuple, conn.execute(text(sql)).all()), key=repr)
                for name, sql in SNAPSHOT.items()}
        snap["runs"] = [tuple(r) for r in conn.execute(text("SELECT status, error FROM run "
                                                            "ORDER BY id"))]
    engine.dispose()
    return snap


def export_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted((folder / "exports").rglob("*")) if p.is_file()}


def demo_project(folder: Path) -> Path:
    from flows.demo import demo_config_text

    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "acescout.toml"
    config.write_text(demo_config_text(config))
    return config


def acescout_run(config: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    env.pop("ACESCOUT_TEST_CRASH_AT", None)
    if crash_at:
        env["ACESCOUT_TEST_CRASH_AT"] = crash_at
    return subprocess.run([ACESCOUT, "run", "--config", str(config)], cwd=config.parent, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_kill_9_after_every_stage_then_rerun_gives_the_uninterrupted_state(tmp_path):
    reference = demo_project(tmp_path / "reference")
    done = acescout_run(reference)
    assert done.returncode == 0, done.stderr[-2000:]
    expected = snapshot(reference.parent / "acescout.db")
    assert expected["documents"] and expected["signals"] and expected["scores"]
    assert expected["candidates"], "the demo must produce candidates for this test to mean much"

    crashed = demo_project(tmp_path / "crashed")
    for stage in STAGES:  # one database, killed once after each stage in turn
        proc = acescout_run(crashed, crash_at=stage)
        assert proc.returncode == -signal.SIGKILL, (stage, proc.returncode, proc.stderr[-2000:])
    final = acescout_run(crashed)
    assert final.returncode == 0, final.stderr[-2000:]
    got = snapshot(crashed.parent / "acescout.db")

    for table in SNAPSHOT:
        assert len(got[table]) == len(set(got[table])), f"duplicate rows in {table}"
        assert got[table] == expected[table], table
    # every killed run is recorded as interrupted; the last one succeeded
    assert [status for status, _ in got["runs"]] == ["failed"] * len(STAGES) + ["success"]
    assert all(error.startswith("interrupted") for _, error in got["runs"][:-1])
    assert export_files(crashed.parent).keys() == export_files(reference.parent).keys()
