"""The baseline for the crawl benchmark: a bare Scrapy sitemap spider, Scrapy's defaults, no
cache, no storage, no text extraction. ``python -m benchmarks.bare_spider SITEMAP_URL [--polite]``
prints one JSON line: pages fetched, seconds (Scrapy's ``elapsed_time_seconds``, spider open to
close, as acescout's crawl reports it), body bytes. ``--polite`` gives it acescout's
default politeness (robots.txt, AutoThrottle from 1 s, 2 requests per domain) so that the
comparison measures overhead, not politeness."""
from __future__ import annotations

import json
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider


POLITE = {"ROBOTSTXT_OBEY": True, "AUTOTHROTTLE_ENABLED": True, "AUTOTHROTTLE_START_DELAY": 1.0,
          "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}


class BareSpider(SitemapSpider):
    name = "bare"

    def parse(self, response):
        yield {"url": response.url, "size": len(response.body)}


def main(argv: list[str]) -> int:
    values = {"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False}
    if "--polite" in argv:
        values.update(POLITE)
    process = CrawlerProcess(values)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, sitemap_urls=[next(a for a in argv if not a.startswith("--"))])
    process.start()
    stats = crawler.stats
    print(json.dumps({"pages": stats.get_value("item_scraped_count", 0),
                      "seconds": round(stats.get_value("elapsed_time_seconds") or 0.0, 3),
                      "bytes": stats.get_value("downloader/response_bytes", 0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
