"""``export(settings, kind, out_dir)``: the one entry point the CLI and the nightly flow call."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import select

from acescout_core.errors import InputError
from acescout_core.settings import Settings
from exports.ace_csv import write_ace_csv
from exports.ace_payload import Draft, build_draft
from exports.crm_csv import crm_rows, write_crm_csv
from exports.evidence import load_evidence
from exports.linter import Finding, Submission, has_errors, lint_batch, load_context, summarize
from exports.pdm_brief import write_brief
from exports.safe_csv import write_text_if_changed
from models import Candidate, get_engine, session_scope

KINDS = ("crm", "ace-csv", "ace-api")


@dataclass
class ExportResult:
    kind: str
    out_dir: Path
    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    findings: dict[str, list[dict]] = field(default_factory=dict)
    submitted: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "out_dir": str(self.out_dir),
                "paths": [str(p) for p in self.paths], "counts": dict(self.counts)}


@dataclass
class Batch:
    """Drafts for every submission candidate not rejected (nor already in ACE), linted together."""

    drafts: list[Draft]
    findings: dict[int, list[Finding]]
    names: dict[int, str]

    def ready(self) -> list[Draft]:
        return [d for d in self.drafts if not has_errors(self.findings[d.candidate_id])]


def export(settings: Settings, kind: str, out_dir: str | Path, *, submit: bool = False,
           as_of: date | None = None) -> ExportResult:
    if kind not in KINDS:
        raise InputError(f"unknown export {kind!r} ({' | '.join(KINDS)})")
    if submit and kind != "ace-api":
        raise InputError("--submit only applies to ace-api")
    day = as_of or (date.fromisoformat(settings.as_of) if settings.as_of else date.today())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if kind == "crm":
        return _export_crm(settings, out, day)
    batch = prepare_batch(settings, day)
    if kind == "ace-csv":
        return _export_ace_csv(settings, out, batch)
    return _export_ace_api(settings, out, batch, day, submit)


def prepare_batch(settings: Settings, as_of: date) -> Batch:
    """Build, lint and store (ace_draft, pdm_brief, client_token) each candidate's draft."""
    engine = get_engine(settings.database_url)
    drafts, names = [], {}
    with session_scope(engine) as session:
        rows = session.exec(select(Candidate).where(
            Candidate.list == "submission", Candidate.status.in_(("proposed", "approved")))
            .order_by(Candidate.id)).all()
        evidence = {}
        for cand in rows:
            ev = load_evidence(session, cand, as_of)
            draft = build_draft(settings, ev, as_of)
            if cand.draft_edited_at is not None and cand.ace_draft:
                draft.payload = cand.ace_draft  # the seller's edit wins; the linter still judges it
            drafts.append(draft)
            evidence[cand.id] = ev
            names[cand.id] = ev.account.domain or f"account-{ev.account.id}"
            brief = cand.pdm_brief if cand.draft_edited_at and cand.pdm_brief else write_brief(ev, draft)
            if cand.client_token is None:
                cand.client_token = draft.payload["ClientToken"]
            if cand.ace_draft != draft.payload:
                cand.ace_draft = draft.payload
            if cand.pdm_brief != brief:
                cand.pdm_brief = brief
            session.add(cand)
    ctx = load_context(settings, as_of)
    subs = [Submission(str(d.candidate_id), d.payload, d.logged_activities, d.solution)
            for d in drafts]
    by_key = lint_batch(subs, ctx)
    return Batch(drafts, {d.candidate_id: by_key[str(d.candidate_id)] for d in drafts}, names)


def _export_crm(settings: Settings, out: Path, day: date) -> ExportResult:
    fmt = settings.export.crm_format
    with session_scope(get_engine(settings.database_url)) as session:
        rows = crm_rows(session, day)
    path = write_crm_csv(out / f"accounts_{fmt}.csv", rows, crm_format=fmt,
                         field_map=settings.export.field_map.get(fmt),
                         bom=settings.export.excel_bom)
    return ExportResult("crm", out, [path], {"accounts": len(rows)})


def _export_ace_csv(settings: Settings, out: Path, batch: Batch) -> ExportResult:
    ready = batch.ready()
    path = write_ace_csv(out / "ace_opportunities.csv", ready,
                         field_map=settings.export.field_map.get("ace-csv"),
                         bom=settings.export.excel_bom)
    report = _write_report(out, batch)
    counts = {"rows": len(ready), "blocked": len(batch.drafts) - len(ready)}
    return ExportResult("ace-csv", out, [path, *report], counts, _findings(batch))


def _export_ace_api(settings: Settings, out: Path, batch: Batch, day: date,
                    submit: bool) -> ExportResult:
    ready = batch.ready()
    paths = []
    for d in ready:
        path = out / f"opportunity-{batch.names[d.candidate_id]}.json"
        write_text_if_changed(path, json.dumps(d.payload, indent=2, sort_keys=True) + "\n")
        paths.append(path)
    keep = {p.name for p in paths}
    for stale in out.glob("opportunity-*.json"):  # candidates since rejected or blocked
        if stale.name not in keep:
            stale.unlink()
    paths.extend(_write_report(out, batch))
    counts = {"payloads": len(ready), "blocked": len(batch.drafts) - len(ready)}
    result = ExportResult("ace-api", out, paths, counts, _findings(batch))
    if submit:
        from exports.submit import submit_drafts

        outcomes = submit_drafts(settings, ready, dry_run=False)
        result.submitted = [o.as_dict() for o in outcomes]
        for status in ("created", "failed", "skipped"):
            result.counts[f"submit_{status}"] = sum(o.status == status for o in outcomes)
    return result


def _findings(batch: Batch) -> dict[str, list[dict]]:
    return {batch.names[cid]: [f.as_dict() for f in fs] for cid, fs in batch.findings.items()}


def _write_report(out: Path, batch: Batch) -> list[Path]:
    """report.json (machine) and report.md (people): which drafts are ready, which are blocked."""
    entries = []
    for d in batch.drafts:
        fs = batch.findings[d.candidate_id]
        entries.append({
            "candidate_id": d.candidate_id, "customer": d.payload["Customer"]["Account"]["CompanyName"],
            "file": f"opportunity-{batch.names[d.candidate_id]}.json",
            "ready": not has_errors(fs), "findings": [f.as_dict() for f in fs],
            **({} if not has_errors(fs) else {"draft": d.payload}),
        })
    report = {"drafts": len(entries), "ready": sum(e["ready"] for e in entries),
              "blocked": sum(not e["ready"] for e in entries),
              "finding_counts": summarize({str(k): v for k, v in batch.findings.items()}),
              "candidates": entries}
    lines = ["# ACE lint report", "",
             f"{report['ready']} ready, {report['blocked']} blocked of {report['drafts']} drafts.",
             "", "| customer | ready | findings |", "|---|---|---|"]
    for e in entries:
        text = "<br>".join(f"{f['severity']} `{f['code']}` {f['path']}: {f['message']}"
                           for f in e["findings"]) or "none"
        lines.append(f"| {e['customer']} | {'yes' if e['ready'] else '**no**'} | "
                     f"{text.replace('|', '/')} |")
    json_path, md_path = out / "report.json", out / "report.md"
    write_text_if_changed(json_path, json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
    write_text_if_changed(md_path, "\n".join(lines) + "\n")
    return [json_path, md_path]
