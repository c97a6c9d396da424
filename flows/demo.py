"""`acescout demo`: the whole nightly pipeline on the bundled demo data, with no network.

The demo site in data/demo/site is served on 127.0.0.1 by a local server for the crawl; the
config it writes points at the same files through file:// so later runs work without it.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from rich.console import Console
from rich.table import Table

from acescout_core.errors import InputError
from acescout_core.paths import DEMO_DIR
from acescout_core.settings import SourceSettings, load_settings
from flows.setup import SAMPLE_CONFIG, init_project

DEMO_MARKER = "# acescout demo config"
SITE = DEMO_DIR / "site"


def demo_sources(base: str) -> list[dict]:
    """The demo site's sources, relative to ``base`` (an http:// or file:// URL ending in /)."""
    return [
        {"name": "demo-wire", "kind": "feed", "url": f"{base}feeds/wire.xml"},
        {"name": "demo-cloud-blog", "kind": "feed", "url": f"{base}feeds/cloud-blog.xml"},
        {"name": "demo-sitemap", "kind": "sitemap", "url": f"{base}sitemap.xml"},
        {"name": "demo-careers", "kind": "page", "url": f"{base}careers/index.html",
         "link_pattern": r"careers/[^/]+\.html$"},
    ]


def _toml_value(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(type(value))


def demo_config_text(config_path: Path) -> str:
    """The sample config with the demo partner, ICP, as_of, sources and CRM files filled in."""
    profile = tomllib.loads((DEMO_DIR / "partner.toml").read_text(encoding="utf-8"))
    folder = config_path.resolve().parent
    partner = profile.get("partner", {})
    icp = profile.get("icp", {})
    lines = [DEMO_MARKER + " (written by `acescout demo`; safe to edit or delete)", ""]
    if profile.get("as_of"):
        lines += ["# The demo's evidence is dated around this day.", f'as_of = "{profile["as_of"]}"', ""]
    lines += ["[database]", f'url = "sqlite:///{folder / "acescout.db"}"', ""]
    lines += ["[partner]"] + [f"{k} = {_toml_value(v)}" for k, v in partner.items()
                              if k != "offerings"] + [""]
    for offering in partner.get("offerings", []):
        lines += ["[[partner.offerings]]"] + [f"{k} = {_toml_value(v)}" for k, v in offering.items()] + [""]
    lines += ["[icp]"] + [f"{k} = {_toml_value(v)}" for k, v in icp.items()] + [""]
    lines += ["[cadence]", "max_submissions_per_week = 12", ""]
    lines += ["[crawl]", "autothrottle = false", "download_timeout = 10", ""]
    lines += ["[imports]"]
    for key, name in (("accounts", "accounts.csv"), ("contacts", "contacts.csv"),
                      ("activities", "activities.csv"), ("ace", "ace_opportunities.csv")):
        lines.append(f"{key} = {_toml_value(str(DEMO_DIR / name))}")
    lines.append("")
    for source in demo_sources(SITE.resolve().as_uri() + "/"):
        lines += ["[[sources]]"] + [f"{k} = {_toml_value(v)}" for k, v in source.items()] + [""]
    sample = SAMPLE_CONFIG.read_text(encoding="utf-8")
    return "\n".join(lines) + "\n# ---- every other setting, documented ----\n" + "\n".join(
        "# " + line if line and not line.startswith("#") else line for line in sample.splitlines()
    ) + "\n"


def run_demo(config_path: Path, *, console: Console, port: int = 0) -> dict:
    """init -> import -> crawl (local server) -> extract -> score -> promote -> export."""
    from crawlers.demo_server import serve_directory
    from crm.importer import import_ace, import_crm
    from flows.pipeline import export_dir, run_nightly
    from flows.progress import stage_progress

    if config_path.exists() and DEMO_MARKER not in config_path.read_text(encoding="utf-8"):
        raise InputError(f"{config_path} is not a demo config; run the demo elsewhere with "
                         "ACESCOUT_CONFIG=/tmp/acescout-demo/acescout.toml acescout demo")
    init_project(config_path, template=demo_config_text(config_path))
    settings = load_settings(config_path)
    console.print(f"[bold]acescout demo[/] config {config_path} · database {settings.database_url}")
    imp = settings.imports
    crm = import_crm(settings, settings.resolve_path(imp.accounts),
                     settings.resolve_path(imp.contacts), settings.resolve_path(imp.activities))
    ace = import_ace(settings, settings.resolve_path(imp.ace))
    console.print(f"imported {crm.accounts} accounts, {crm.contacts} contacts, "
                  f"{crm.activities} activities ({crm.duplicates} duplicate rows ignored), "
                  f"{ace.opportunities} ACE opportunities")
    with serve_directory(SITE, port=port) as base:
        console.print(f"serving the demo site at {base}")
        settings.sources = [SourceSettings(**s) for s in demo_sources(base)]
        with stage_progress(console) as on_progress:
            summary = run_nightly(settings, on_progress=on_progress)
    print_summary(console, settings, summary, export_dir(settings), config_path)
    return summary


def _total(counts: dict, key: str) -> int:
    if key in counts and isinstance(counts[key], int):
        return counts[key]
    return sum(v.get(key, 0) for v in counts.values() if isinstance(v, dict))


def print_summary(console: Console, settings, summary: dict, out: Path, config_path: Path) -> None:
    from sqlmodel import Session, func, select

    from models import Document, Signal, get_engine

    with Session(get_engine(settings.database_url)) as session:
        documents = session.exec(select(func.count()).select_from(Document)
                                 .where(Document.is_latest == True)).one()  # noqa: E712
        signals = session.exec(select(func.count()).select_from(Signal)).one()
    table = Table(title=f"acescout demo · as of {summary['as_of']}", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    promote = summary.get("promote", {})
    rows = [
        ("documents", f"{documents} stored ({_total(summary.get('crawl', {}), 'new')} new this run)"),
        ("signals", str(signals)),
        ("accounts scored", str(summary.get("score", {}).get("accounts_scored", 0))),
        ("submission candidates", str(promote.get("submission", 0))),
        ("outreach targets", str(promote.get("outreach", 0))),
        ("exports", "\n".join(str(out / k) for k in summary.get("export", {}))),
        ("next", f"acescout candidates --json\nacescout serve   (then open http://127.0.0.1:8000/)"),
    ]
    if str(config_path) != "acescout.toml":
        rows.append(("config", str(config_path)))
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
