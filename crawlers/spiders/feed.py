"""RSS/Atom feeds: read entries with feedparser, follow each entry's link to the full page."""
from __future__ import annotations

import feedparser

from crawlers.normalize import parse_date
from crawlers.spiders.base import SourceSpider, iso


def feed_headers(url: str, content_type: str) -> dict:
    """feedparser resolves relative links against content-location, but mangles file:///
    (it drops a slash); there the spider's own urljoin does it right."""
    headers = {"content-type": content_type}
    if url.startswith(("http://", "https://")):
        headers["content-location"] = url
    return headers


def entry_link(entry) -> str | None:
    if entry.get("link"):
        return entry["link"]
    for link in entry.get("links", []):
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link["href"]
    return None


class FeedSpider(SourceSpider):
    name = "feed"

    def parse(self, response):
        header = response.headers.get(b"Content-Type", b"").decode("latin-1")
        parsed = feedparser.parse(response.body, response_headers=feed_headers(
            response.url, header or "application/xml"))
        if not parsed.entries:
            reason = parsed.get("bozo_exception") or "no entries"
            if parsed.bozo:
                self.fail(response.url, f"unreadable feed: {reason}")
            return
        if parsed.bozo:
            self.logger.warning("malformed feed %s (%s): %d entries recovered", response.url,
                                parsed.get("bozo_exception"), len(parsed.entries))
        for entry in parsed.entries:
            link = entry_link(entry)
            if not link:
                self.fail(response.url, f"entry without a link: {entry.get('title', '?')!r}")
                continue
            url = response.urljoin(link.strip())
            if self.is_fresh(url, parse_date(entry.get("updated_parsed"))):  # never pubDate
                continue
            if (request := self.page_request(
                url,
                title=entry.get("title"),
                published=iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            )) is not None:
                yield request
