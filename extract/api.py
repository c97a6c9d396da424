"""`acescout extract`: files or URLs in, DESIGN.md's `extract --json` objects out; nothing stored."""
from __future__ import annotations

from acescout_core.settings import Settings
from extract.extractor import DocExtraction, Extractor
from extract.sources import RawDocument, read_source


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def to_json(result: DocExtraction) -> dict:
    """The stable `extract --json` object (extra keys are additive: url, aws_services, negated)."""
    raw = result.raw
    return {
        "source": raw.source,
        "url": raw.url,
        "title": raw.title,
        "published_at": _iso(raw.published_at),
        "accounts": [{"name": name, "domain": domain} for name, domain in result.accounts],
        "signals": [_signal(s) for s in result.signals],
        "people": [{"name": p.name, "title": p.title, "account": p.organization,
                    "seniority": p.seniority} for p in result.people],
        "aws_services": result.aws_services,
        "negated_signals": [_signal(s) for s in result.negated],
    }


def _signal(s) -> dict:
    return {"kind": s.kind, "tense": s.tense, "account": s.account, "evidence": s.evidence,
            "start": s.start, "end": s.end, "aws_services": s.aws_services,
            "frameworks": s.frameworks, "programs": s.programs,
            "window_start": _iso(s.window_start), "window_end": _iso(s.window_end),
            "cloud": s.cloud, "negated": s.negated, "confidence": s.confidence}


def extract_documents(raws: list[RawDocument], settings: Settings) -> list[dict]:
    return [to_json(r) for r in Extractor(settings).run(raws)]


def extract_sources(paths_or_urls: list[str], settings: Settings) -> list[dict]:
    """One object per document (per item for a feed), in the order given."""
    raws: list[RawDocument] = []
    for source in paths_or_urls:
        raws.extend(read_source(source))
    return extract_documents(raws, settings)
