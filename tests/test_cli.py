"""The stable command line: every command exists with help, bad input exits 2 with one line."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
COMMANDS = ["init", "import", "crawl", "extract", "run", "candidates", "export", "train",
            "evaluate", "hygiene", "runs", "serve", "schedule", "demo"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_every_command_is_in_the_readme():
    from acescout_core.paths import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text()
    for command in COMMANDS:
        assert re.search(rf"acescout {command}\b", readme), command


def test_init_writes_config_and_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "acescout.toml").exists() and (tmp_path / "acescout.db").exists()
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 0 and "kept" in again.output


def _with_config(tmp_path):
    cfg = tmp_path / "acescout.toml"
    cfg.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "t.db"}"\n')
    return ["--config", str(cfg)]


def test_import_crm_then_ace(tmp_path):
    opts = _with_config(tmp_path)
    crm = FIXTURES / "crm"
    result = runner.invoke(app, ["import", "crm", "--accounts", str(crm / "accounts.csv"),
                                 "--contacts", str(crm / "contacts.csv"),
                                 "--activities", str(crm / "activities.csv"), *opts])
    assert result.exit_code == 0, result.output
    assert '"accounts": 4' in result.output or '"accounts": 3' in result.output
    result = runner.invoke(app, ["import", "ace", str(crm / "ace.csv"), *opts])
    assert result.exit_code == 0, result.output
    assert '"opportunities": 2' in result.output


@pytest.mark.parametrize("args, message", [
    (["import", "crm", "--accounts", "{crm}/missing_columns.csv"], "missing required column"),
    (["import", "crm", "--accounts", "{crm}/binary.csv"], "binary"),
    (["import", "ace", "{crm}/accounts.csv"], "missing required column"),
    (["candidates", "--list", "everything"], "--list must be"),
    (["export", "pdf", "--out", "x"], "unknown export"),
    (["run", "--as-of", "yesterday"], "not a YYYY-MM-DD"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, args, message):
    opts = _with_config(tmp_path)
    args = [a.replace("{crm}", str(FIXTURES / "crm")) for a in args]
    result = runner.invoke(app, [*args, *opts])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([l for l in result.output.splitlines() if l.startswith("error:")]) == 1


def test_bad_config_exits_2(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[gate\n")
    result = runner.invoke(app, ["runs", "--config", str(cfg)])
    assert result.exit_code == 2 and "not valid TOML" in result.output
