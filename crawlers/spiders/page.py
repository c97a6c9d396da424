"""A listing page (news room, case-study index, careers page) plus the links worth following."""
from __future__ import annotations

import re
from urllib.parse import urldefrag, urlparse

from scrapy.http import TextResponse

from crawlers.spiders.base import SourceSpider


class PageSpider(SourceSpider):
    """Follows links matching ``link_pattern`` (a regex searched in the absolute URL).

    Links stay on the listing's host unless the source lists ``allowed_domains``.
    """

    name = "page"

    def parse(self, response):
        if not isinstance(response, TextResponse):
            self.fail(response.url, "listing page is not text")
            return
        pattern = re.compile(self.source.link_pattern) if self.source.link_pattern else None
        host = urlparse(response.url).netloc
        seen = {response.url}
        for href in response.css("a::attr(href)").getall():
            url = urldefrag(response.urljoin(href.strip()))[0]
            if not url.startswith(("http://", "https://", "file://")) or url in seen:
                continue
            if pattern is not None and not pattern.search(url):
                continue
            if urlparse(url).netloc != host and not self.source.allowed_domains:
                continue  # other hosts only when the source lists allowed_domains
            seen.add(url)
            if (request := self.page_request(url)) is not None:
                yield request
