"""What spiders hand to the pipeline: a fetched body plus the hints only the spider knows.

Spiders fetch and follow; they do not clean text. The pipeline turns a ``PageItem`` into a
stored ``Document`` version.
"""
from __future__ import annotations

import scrapy


class PageItem(scrapy.Item):
    source = scrapy.Field()          # source name (counts are per source)
    source_id = scrapy.Field()       # models.Source id
    url = scrapy.Field()             # final URL after redirects
    body = scrapy.Field()            # raw bytes (decoded by the pipeline: charset repair)
    content_type = scrapy.Field()    # Content-Type header value or None (file://)
    fmt = scrapy.Field()             # "html" | "text"
    title = scrapy.Field()           # hint from a feed entry or job posting
    published = scrapy.Field()       # hint: feed/posting date (datetime or ISO str)
    canonical = scrapy.Field()       # hint: canonical URL known without parsing (job posting)
    language = scrapy.Field()        # hint: Content-Language header
    raw_hash = scrapy.Field()        # sha256 of the raw body: skip parsing an identical re-fetch
