"""Read what `acescout extract` is given: .html/.htm/.md/.txt files, feed .xml files, http(s) URLs."""
from __future__ import annotations

import html
import re
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from acescout_core.errors import InputError

TEXT_SUFFIXES = {".md", ".txt"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
_DATELINE = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2}),?\s+"
    r"(?P<year>20\d{2})\b|\b(?P<iso>20\d{2}-\d{2}-\d{2})\b")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass
class RawDocument:
    source: str
    text: str
    title: str | None = None
    published_at: datetime | None = None
    url: str | None = None  # canonical URL of the page (feed item link, fetched URL)


def dateline_date(text: str) -> datetime | None:
    """The first date in a release's opening lines (its dateline)."""
    m = _DATELINE.search(text[:600])
    if not m:
        return None
    try:
        if m["iso"]:
            return datetime.fromisoformat(m["iso"])
        return datetime(int(m["year"]), _MONTHS[m["mon"][:3].lower()], int(m["day"]))
    except ValueError:
        return None


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines()[:5]:
        if line.startswith("# "):
            return line[2:].strip()
    return None


def html_document(source: str, html: str, url: str | None = None) -> RawDocument:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    published = None
    if meta and meta.date:
        try:
            published = datetime.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    if not text.strip():
        text = re.sub(r"<[^>]+>", " ", html)
    return RawDocument(source=source, text=text, title=title, url=url,
                       published_at=published or dateline_date(text))


def _strip_html(value: str) -> str:
    if "<" not in value:
        return value
    import trafilatura

    return trafilatura.extract(f"<html><body>{value}</body></html>", favor_recall=True) or \
        re.sub(r"<[^>]+>", " ", value)


def feed_documents(source: str, data: bytes | str) -> list[RawDocument]:
    import feedparser

    parsed = feedparser.parse(data)
    out = []
    for entry in parsed.entries:
        body = ""
        if entry.get("content"):
            body = " ".join(c.get("value", "") for c in entry.content)
        body = body or entry.get("summary", "") or entry.get("description", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*stamp[:6]) if stamp else None
        text = _strip_html(body)
        out.append(RawDocument(source=source, text=text, title=entry.get("title"),
                               url=entry.get("link"), published_at=published or dateline_date(text)))
    return out


def _fetch(url: str, timeout: int = 30) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "acescout-extract/0.1"})
    with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 (http(s) only)
        return resp.read(), resp.headers.get("Content-Type", "")


def read_source(source: str) -> list[RawDocument]:
    """One RawDocument per page (one per item for a feed); ``source`` kept exactly as given."""
    if re.match(r"^https?://", source, re.I):
        try:
            body, ctype = _fetch(source)
        except OSError as exc:
            raise InputError(f"{source}: cannot fetch: {exc}") from None
        head = body[:500].lstrip().lower()
        if "xml" in ctype or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
            return feed_documents(source, body)
        return [html_document(source, body.decode("utf-8", "replace"), url=source)]
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such file")
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return feed_documents(source, path.read_bytes())
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix in HTML_SUFFIXES:
        return [html_document(source, text)]
    if suffix in TEXT_SUFFIXES:
        if suffix == ".md":  # Markdown renders entity references: "Farmers &amp; Merchants"
            text = html.unescape(text)
        return [RawDocument(source=source, text=text, title=_markdown_title(text),
                            published_at=dateline_date(text))]
    raise InputError(f"{source}: unsupported file type {suffix or '(none)'} "
                     "(use .html .htm .md .txt or a feed .xml)")


# A date in the page's address or file path: news sites and archives file releases by day
# (".../2024/05/31/slug", ".../2024/0531/slug.md", "2024-05-31-slug.html").
_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[/_-](?P<mon>\d{2})[/_-]?(?P<day>\d{2})(?!\d)")


def path_date(address: str | None) -> date | None:
    """The last valid date an address files its page under, if any."""
    for m in reversed(list(_PATH_DATE.finditer(address or ""))):
        try:
            return date(int(m["year"]), int(m["mon"]), int(m["day"]))
        except ValueError:
            continue
    return None


def document_date(doc: RawDocument) -> date:
    """What "today" is for the text: its publication date or dateline, else the date its address
    files it under, else the day of the run."""
    if doc.published_at:
        return doc.published_at.date()
    return path_date(doc.url) or path_date(doc.source) or datetime.now().date()
