"""The crawl child process: ``python -m crawlers.child`` reads a job (JSON) on stdin.

Twisted's reactor cannot be restarted, so each crawl gets a fresh process. Progress and the
final counts go to the parent as JSON lines on the original stdout; everything else that
writes to stdout (and Scrapy's log) is sent to stderr, which the parent points at the log file.
"""
from __future__ import annotations

import json
import os
import sys
import traceback


def spider_classes() -> dict:
    from crawlers.spiders.feed import FeedSpider
    from crawlers.spiders.file import FileSpider
    from crawlers.spiders.jobs import JobsSpider
    from crawlers.spiders.page import PageSpider
    from crawlers.spiders.sitemap import SitemapSpider

    return {s.name: s for s in (FeedSpider, SitemapSpider, PageSpider, JobsSpider, FileSpider)}


def run(job: dict, emit) -> tuple[dict, float]:
    """Crawl every source of the job concurrently in one reactor: (counts per source, seconds
    the longest source crawled: Scrapy's own ``elapsed_time_seconds``, spider open to close)."""
    from scrapy.crawler import CrawlerProcess

    from acescout_core.settings import Settings
    from crawlers.settings import scrapy_settings

    settings = Settings(**job["settings"])
    values = scrapy_settings(settings)
    values["ACESCOUT_DATABASE_URL"] = settings.database_url
    values["ACESCOUT_PROGRESS"] = lambda name, counts: emit(
        {"event": "progress", "source": name, "counts": counts})
    process = CrawlerProcess(values)
    classes = spider_classes()
    crawlers = []
    for entry in job["sources"]:
        crawler = process.create_crawler(classes[entry["source"]["kind"]])
        process.crawl(crawler, source=entry["source"], source_id=entry["source_id"])
        crawlers.append((entry["source"]["name"], crawler))
    process.start()
    seconds = max((c.stats.get_value("elapsed_time_seconds") or 0.0 for _n, c in crawlers),
                  default=0.0)
    return ({name: dict(getattr(crawler.spider, "counts", {})) for name, crawler in crawlers},
            seconds)


def main() -> int:
    proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # stray prints must not corrupt the protocol
    sys.stdout = sys.stderr

    def emit(message: dict) -> None:
        proto.write(json.dumps(message) + "\n")
        proto.flush()

    try:
        counts, seconds = run(json.load(sys.stdin), emit)
    except BaseException as exc:  # report, then fail: the parent turns this into CrawlError
        traceback.print_exc()
        emit({"event": "error", "message": f"{type(exc).__name__}: {exc}"})
        return 1
    emit({"event": "done", "counts": counts, "seconds": round(seconds, 3)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
