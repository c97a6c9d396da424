"""Public job-board APIs (Greenhouse, Lever): each posting becomes one document.

Hiring for cloud, data-centre exit or compliance roles is a buying signal, and these APIs give
the posting text without scraping. ``url`` overrides the API address (a mirror, or a test server).
"""
from __future__ import annotations

import hashlib
import html
import json
from datetime import datetime, timezone
from urllib.parse import quote

from crawlers.spiders.base import SourceSpider

GREENHOUSE = "https://boards-api.greenhouse.io/v1/boards/{company}/jobs?content=true"
LEVER = "https://api.lever.co/v0/postings/{company}?mode=json"


def _names(values) -> list[str]:
    return [v.get("name", "") for v in values or [] if isinstance(v, dict) and v.get("name")]


def greenhouse_postings(data: dict, company: str) -> list[dict]:
    out = []
    for job in data.get("jobs", []):
        facts = [job.get("company_name") or company, (job.get("location") or {}).get("name"),
                 *_names(job.get("departments")), *_names(job.get("offices"))]
        out.append(dict(url=job.get("absolute_url"), title=job.get("title"),
                        published=job.get("first_published") or job.get("updated_at"),
                        facts=facts, content=html.unescape(job.get("content") or ""), raw=job))
    return out


def lever_postings(data: list, company: str) -> list[dict]:
    out = []
    for job in data:
        cats = job.get("categories") or {}
        lists = "".join(f"<h3>{html.escape(part.get('text', ''))}</h3><ul>{part.get('content', '')}</ul>"
                        for part in job.get("lists") or [] if isinstance(part, dict))
        created = job.get("createdAt")
        published = (datetime.fromtimestamp(created / 1000, timezone.utc).isoformat()
                     if isinstance(created, (int, float)) else None)
        out.append(dict(url=job.get("hostedUrl") or job.get("applyUrl"), title=job.get("text"),
                        published=published,
                        facts=[company, cats.get("location"), cats.get("team"),
                               cats.get("department"), cats.get("commitment")],
                        content=(job.get("description") or "") + lists + (job.get("additional") or ""),
                        raw=job))
    return out


def posting_html(post: dict) -> str:
    facts = " · ".join(html.escape(str(f)) for f in post["facts"] if f)
    return (f"<html><body><h1>{html.escape(post['title'] or '')}</h1><p>{facts}</p>"
            f"{post['content']}</body></html>")


class JobsSpider(SourceSpider):
    name = "jobs"

    def start_urls_for_source(self) -> list[str]:
        if self.source.start_urls():
            return [u.replace("{company}", quote(self.source.company or ""))
                    for u in self.source.start_urls()]
        if not self.source.company:
            self.fail(self.source.name, "jobs source needs `company` or `url`")
            return []
        template = LEVER if self.source.board == "lever" else GREENHOUSE
        return [template.format(company=quote(self.source.company))]

    def parse(self, response):
        try:
            data = json.loads(response.body)
        except ValueError as exc:
            self.fail(response.url, f"job board did not return JSON: {exc}")
            return
        company = self.source.company or self.source.name
        if isinstance(data, dict) and isinstance(data.get("jobs"), list):
            postings = greenhouse_postings(data, company)
        elif isinstance(data, list):
            postings = lever_postings([d for d in data if isinstance(d, dict)], company)
        else:
            self.fail(response.url, "unknown job board JSON shape")
            return
        for post in postings:
            if not post["url"]:
                self.fail(response.url, f"posting without a URL: {post['title']!r}")
                continue
            raw = json.dumps(post["raw"], sort_keys=True, default=str).encode("utf-8")
            item = self.make_item(post["url"], posting_html(post).encode("utf-8"), "fragment",
                                  "text/html; charset=utf-8", title=post["title"],
                                  published=post["published"], canonical=post["url"])
            item["raw_hash"] = hashlib.sha256(raw).hexdigest()
            yield item
