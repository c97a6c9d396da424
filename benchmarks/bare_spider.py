"""The baseline for the crawl benchmark: a bare Scrapy sitemap spider, Scrapy's defaults, no
cache, no storage, no text extraction. ``python -m benchmarks.bare_spider SITEMAP_URL`` prints
one JSON line: pages fetched, seconds, body bytes."""
from __future__ import annotations

import json
import sys
import time

from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"

    def parse(self, response):
        yield {"url": response.url, "size": len(response.body)}


def main(argv: list[str]) -> int:
    process = CrawlerProcess({"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
                              "ROBOTSTXT_OBEY": False})
    crawler = process.create_crawler(BareSpider)
    started = time.perf_counter()
    process.crawl(crawler, sitemap_urls=[argv[0]])
    process.start()
    stats = crawler.stats
    print(json.dumps({"pages": stats.get_value("item_scraped_count", 0),
                      "seconds": round(time.perf_counter() - started, 3),
                      "bytes": stats.get_value("downloader/response_bytes", 0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
