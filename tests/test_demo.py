"""The demo end to end: `acescout demo` in a scratch folder matches data/demo/EXPECTED.md."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from acescout_core.paths import DEMO_DIR
from flows.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


def expected_lists() -> dict[str, str]:
    """domain -> submission | outreach | neither, from EXPECTED.md's table."""
    rows: dict[str, str] = {}
    for line in (DEMO_DIR / "EXPECTED.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[2] in ("submission", "outreach", "neither"):
            rows[cells[1].strip("`").lower()] = cells[2]
    return rows


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    config = folder / "acescout.toml"
    mp = pytest.MonkeyPatch()
    mp.setenv("ACESCOUT_CONFIG", str(config))
    mp.delenv("ACESCOUT_DATABASE_URL", raising=False)
    try:
        result = runner.invoke(app, ["demo"])
        assert result.exit_code == 0, result.output
        listed = runner.invoke(app, ["candidates", "--json"])
        assert listed.exit_code == 0, listed.output
        again = runner.invoke(app, ["run"])
        assert again.exit_code == 0, again.output
        relisted = runner.invoke(app, ["candidates", "--json"])
    finally:
        mp.undo()
    return {"folder": folder, "output": result.output, "candidates": json.loads(listed.output),
            "rerun": json.loads(relisted.output)}


def test_expected_table_is_substantial():
    rows = expected_lists()
    assert len(rows) >= 40
    assert {"submission", "outreach", "neither"} <= set(rows.values())


def test_demo_prints_a_summary(demo_run):
    out = demo_run["output"]
    for word in ("documents", "signals", "accounts scored", "submission candidates",
                 "outreach targets", "exports", "acescout serve"):
        assert word in out, word


def test_demo_writes_in_the_scratch_folder(demo_run):
    folder = demo_run["folder"]
    assert (folder / "acescout.db").exists()
    assert (folder / "acescout-exports" / "ace-api").is_dir()


@pytest.mark.parametrize("list_name", ["submission", "outreach"])
def test_candidates_match_expected(demo_run, list_name):
    expected = {d for d, l in expected_lists().items() if l == list_name}
    got = {c["domain"] for c in demo_run["candidates"] if c["list"] == list_name}
    assert got == expected, (f"missing: {sorted(expected - got)}; unexpected: {sorted(got - expected)}")


def test_every_candidate_has_reasons_and_evidence(demo_run):
    for cand in demo_run["candidates"]:
        assert cand["reasons"], cand["account"]
        assert cand["evidence"], cand["account"]
        assert set(cand) >= {"account", "domain", "list", "score", "reasons", "evidence", "status"}


def test_partner_is_never_a_candidate(demo_run):
    assert not any(re.search("northwind", c["account"], re.I) for c in demo_run["candidates"])


def test_rerun_is_stable(demo_run):
    key = lambda rows: sorted((c["domain"], c["list"]) for c in rows)  # noqa: E731
    assert key(demo_run["rerun"]) == key(demo_run["candidates"])
