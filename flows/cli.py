"""The `acescout` command line (Typer). Commands only parse arguments and call stage functions."""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core
from rich.console import Console

from acescout_core.errors import InputError, RunLockedError
from acescout_core.settings import Settings, config_path_from_env, load_settings

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

class _Group(typer.core.TyperGroup):
    """Turns InputError / RunLockedError into one line on stderr and exit code 2."""

    def invoke(self, ctx):
        import click

        try:
            return super().invoke(ctx)
        except (InputError, RunLockedError) as exc:
            click.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    help="acescout: find the accounts that are truly ready for an ACE Partner-Originated "
         "submission, with the evidence, and nothing else.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
import_app = typer.Typer(cls=_Group, help="Import the partner's own evidence from CSV exports.",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")
console = Console(stderr=True)
out = Console()

ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="Config file (default ./acescout.toml, env ACESCOUT_CONFIG).")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", help="Fix 'today' (YYYY-MM-DD) for recency and timing windows.")]


def fail(message: str, code: int = 2) -> None:
    """One line on stderr and exit 2: the contract for bad input."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def settings_for(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except InputError as exc:
        fail(str(exc))


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of {value!r} is not a YYYY-MM-DD date")


def ensure_db(settings: Settings) -> None:
    from models import get_engine, init_db

    init_db(get_engine(settings.database_url))


@app.command()
def init(config: ConfigOpt = None) -> None:
    """Create the database and a commented acescout.toml if absent.

    Example: acescout init
    """
    from flows.setup import init_project

    path = config_path_from_env(config)
    created = init_project(path)
    s = settings_for(path)
    typer.echo(("wrote " if created else "kept ") + str(path))
    typer.echo(f"database ready: {s.database_url}")


@import_app.command("crm")
def import_crm_cmd(
    accounts: Annotated[Path, typer.Option("--accounts", help="accounts.csv")],
    contacts: Annotated[Optional[Path], typer.Option("--contacts", help="contacts.csv")] = None,
    activities: Annotated[Optional[Path], typer.Option("--activities", help="activities.csv")] = None,
    config: ConfigOpt = None,
) -> None:
    """Upsert CRM accounts, contacts and activities (one transaction; re-runs change nothing).

    Example: acescout import crm --accounts accounts.csv --contacts contacts.csv --activities activities.csv
    """
    from crm.importer import import_crm

    s = settings_for(config)
    ensure_db(s)
    stats = import_crm(s, accounts, contacts, activities)
    for warning in stats.warnings[:20]:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    typer.echo(json.dumps(stats.as_dict()))


@import_app.command("ace")
def import_ace_cmd(
    opportunities: Annotated[Path, typer.Argument(help="ACE opportunities CSV export")],
    config: ConfigOpt = None,
) -> None:
    """Upsert ACE opportunity history (outcomes, duplicates).

    Example: acescout import ace ace_opportunities.csv
    """
    from crm.importer import import_ace

    s = settings_for(config)
    ensure_db(s)
    typer.echo(json.dumps(import_ace(s, opportunities).as_dict()))


@app.command()
def crawl(
    source: Annotated[Optional[str], typer.Option("--source", help="Only this source")] = None,
    config: ConfigOpt = None,
) -> None:
    """Fetch new or changed documents from the configured sources.

    Example: acescout crawl --source aws-apn-blog
    """
    from crawlers.runner import crawl as run_crawl
    from flows.progress import crawl_progress

    s = settings_for(config)
    ensure_db(s)
    with crawl_progress(console) as on_progress:
        stats = run_crawl(s, source, on_progress=on_progress)
    typer.echo(json.dumps(stats.as_dict()))


@app.command()
def extract(
    sources: Annotated[list[str], typer.Argument(help="Files (.html .htm .md .txt feed .xml) or URLs")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document")] = False,
    config: ConfigOpt = None,
) -> None:
    """Extract signals from files or URLs without storing anything.

    Example: acescout extract --json news/press-release.html
    """
    from extract.api import extract_sources

    s = settings_for(config)
    results = extract_sources(sources, s)
    for result in results:
        if as_json:
            out.print_json(json.dumps(result, default=str)) if sys.stdout.isatty() else \
                typer.echo(json.dumps(result, default=str))
        else:
            typer.echo(f"{result['source']}: {result.get('title') or ''}")
            for sig in result["signals"]:
                typer.echo(f"  {sig['kind']:<18} {sig['tense']:<12} {sig.get('account') or '-'}: "
                           f"{sig['evidence'][:100]}")


@app.command()
def run(
    as_of: AsOfOpt = None,
    no_crawl: Annotated[bool, typer.Option("--no-crawl", help="Skip crawling")] = False,
    config: ConfigOpt = None,
) -> None:
    """Run the nightly flow end to end (crawl, extract, evidence, score, promote, export).

    Example: acescout run --as-of 2026-11-16
    """
    from flows.pipeline import run_nightly
    from flows.progress import stage_progress

    s = settings_for(config)
    with stage_progress(console) as on_progress:
        summary = run_nightly(s, parse_day(as_of), crawl=not no_crawl, on_progress=on_progress)
    typer.echo(json.dumps(summary, default=str))


@app.command()
def candidates(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    list_name: Annotated[Optional[str], typer.Option("--list", help="submission | outreach")] = None,
    config: ConfigOpt = None,
) -> None:
    """Print the current submission candidates and outreach targets.

    Example: acescout candidates --json --list submission
    """
    if list_name not in (None, "submission", "outreach"):
        fail(f"--list must be submission or outreach, not {list_name!r}")
    from scoring.candidates import list_candidates

    s = settings_for(config)
    ensure_db(s)
    rows = list_candidates(s, list_name)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    from flows.tables import candidates_table

    out.print(candidates_table(rows))


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help="crm | ace-csv | ace-api")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder")],
    submit: Annotated[bool, typer.Option("--submit", help="Send approved candidates to ACE")] = False,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write exports: CRM CSV, ACE bulk CSV, or Selling API CreateOpportunity payloads.

    Example: acescout export ace-api --out exports/ace-api
    """
    if kind not in ("crm", "ace-csv", "ace-api"):
        fail(f"unknown export {kind!r} (crm | ace-csv | ace-api)")
    if submit and kind != "ace-api":
        fail("--submit only applies to ace-api")
    from exports.run import export as run_export
    from flows.pipeline import resolve_as_of

    s = settings_for(config)
    ensure_db(s)
    result = run_export(s, kind, out_dir, submit=submit, as_of=resolve_as_of(s, parse_day(as_of)))
    typer.echo(json.dumps(result.as_dict(), default=str))


@app.command()
def train(as_of: AsOfOpt = None, config: ConfigOpt = None) -> None:
    """Fit the learned model on ACE outcomes and seller decisions; print its model card.

    Example: acescout train
    """
    from flows.pipeline import resolve_as_of
    from scoring.model import train as fit

    s = settings_for(config)
    ensure_db(s)
    typer.echo(json.dumps(fit(s, resolve_as_of(s, parse_day(as_of))), indent=2, default=str))


@app.command()
def evaluate(config: ConfigOpt = None) -> None:
    """Print the current model card (or say the cold-start prior is in use).

    Example: acescout evaluate
    """
    from scoring.model import model_card

    s = settings_for(config)
    card = model_card(s)
    if card is None:
        typer.echo("no learned model yet: scores come from the cold-start prior "
                   "(see README, 'Scoring and the gate')")
        return
    typer.echo(json.dumps(card, indent=2, default=str))


@app.command()
def hygiene(
    opportunities: Annotated[Path, typer.Argument(help="ACE pipeline CSV export")],
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    config: ConfigOpt = None,
) -> None:
    """Audit an ACE pipeline export against the hygiene rules (close dates, staleness, duplicates).

    Example: acescout hygiene ace_opportunities.csv
    """
    from exports.hygiene import audit, render_text
    from flows.pipeline import resolve_as_of

    s = settings_for(config)
    report = audit(opportunities, resolve_as_of(s, parse_day(as_of)))
    typer.echo(json.dumps(report, indent=2, default=str) if as_json else render_text(report))


@app.command()
def runs(
    limit: Annotated[int, typer.Option("--limit")] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    config: ConfigOpt = None,
) -> None:
    """History of runs with per-stage counts, durations and failures.

    Example: acescout runs --limit 5
    """
    from flows.tables import recent_runs, runs_table

    s = settings_for(config)
    ensure_db(s)
    rows = recent_runs(s, limit)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
    else:
        out.print(runs_table(rows))


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option("--host")] = None,
    port: Annotated[Optional[int], typer.Option("--port")] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the sellers' review page. Any host but loopback requires ACESCOUT_TOKEN.

    Example: acescout serve --port 8000
    """
    from review.server import serve as run_server

    s = settings_for(config)
    ensure_db(s)
    run_server(s, host or s.review.host, port or s.review.port)


@app.command()
def schedule(
    cron: Annotated[str, typer.Option("--cron", help="Cron expression")] = "0 2 * * *",
    config: ConfigOpt = None,
) -> None:
    """Serve the nightly flow on a schedule with Prefect (needs a Prefect server).

    Example: acescout schedule --cron "0 2 * * *"
    """
    from flows.schedule import serve_schedule

    serve_schedule(settings_for(config), cron)


@app.command()
def demo(
    port: Annotated[int, typer.Option("--port", help="Port for the local demo site (0 = any)")] = 0,
) -> None:
    """init + import + crawl + run on the bundled demo data (no network), then say where to look.

    Example: acescout demo
    """
    from flows.demo import run_demo

    run_demo(config_path_from_env(None), console=out, port=port)


def main() -> None:
    """Console entry point: bad input and a held lock become one line and exit code 2."""
    try:
        app(standalone_mode=True)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except RunLockedError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
