"""Config parsing, env overrides, and the documented sample staying complete."""
from __future__ import annotations

import tomllib

import pytest

from acescout_core.errors import InputError
from acescout_core.settings import Settings, load_settings
from flows.setup import SAMPLE_CONFIG


def _keys(model_cls, prefix=""):
    for name, field in model_cls.model_fields.items():
        if name == "config_path":
            continue
        ann = field.annotation
        if isinstance(ann, type) and hasattr(ann, "model_fields") and name != "sources":
            yield from _keys(ann, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}"


def test_every_setting_is_documented_in_the_sample():
    text = SAMPLE_CONFIG.read_text()
    missing = [key for key in _keys(Settings) if key.rsplit(".", 1)[-1] not in text]
    assert not missing, f"undocumented settings: {missing}"


def test_sample_parses_into_settings():
    settings = Settings(**tomllib.loads(SAMPLE_CONFIG.read_text()))
    assert settings.gate.duplicate_window_days == 120  # DOMAIN.md: duplicates within 120 days


def test_missing_file_gives_defaults(tmp_path):
    s = load_settings(tmp_path / "none.toml")
    assert s.database_url == "sqlite:///./acescout.db"


def test_env_overrides_database_url(tmp_path, monkeypatch):
    cfg = tmp_path / "a.toml"
    cfg.write_text('[database]\nurl = "sqlite:///x.db"\n')
    monkeypatch.setenv("ACESCOUT_DATABASE_URL", "sqlite:///y.db")
    assert load_settings(cfg).database_url == "sqlite:///y.db"


def test_env_names_the_config(tmp_path, monkeypatch):
    cfg = tmp_path / "b.toml"
    cfg.write_text('[partner]\nname = "Contoso Cloud"\n')
    monkeypatch.setenv("ACESCOUT_CONFIG", str(cfg))
    assert load_settings().partner.name == "Contoso Cloud"


@pytest.mark.parametrize("body, message", [
    ("[gate\n", "not valid TOML"),
    ("[gate]\nsubmission_threshold = 'high'\n", "gate.submission_threshold"),
    ("[gaet]\n", "gaet"),
    ("[[sources]]\nname = 'x'\nkind = 'ftp'\n", "sources.0.kind"),
])
def test_bad_config_is_a_one_line_error(tmp_path, body, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(body)
    with pytest.raises(InputError, match=message):
        load_settings(cfg)


def test_paths_resolve_against_the_config_folder(tmp_path):
    cfg = tmp_path / "sub" / "acescout.toml"
    cfg.parent.mkdir()
    cfg.write_text('[imports]\naccounts = "crm/a.csv"\n')
    s = load_settings(cfg)
    assert s.resolve_path(s.imports.accounts) == tmp_path / "sub" / "crm" / "a.csv"
