"""Scrapy settings for acescout (Scrapy-template shape): polite, incremental, bounded.

The module-level values are the defaults; ``scrapy_settings(settings)`` overlays what the
partner configured in ``[crawl]`` so nothing here needs editing for a deployment.
"""
from __future__ import annotations

import os
from typing import Any

BOT_NAME = "acescout"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Identify ourselves and obey robots.txt: these are public sites a partner does not own.
USER_AGENT = "acescout/0.1 (+https://github.com/acescout/acescout)"
ROBOTSTXT_OBEY = True

# Per-site politeness: few parallel requests per domain, AutoThrottle adapts to latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded work per URL: timeouts, retries (with backoff, see middlewares), size limits.
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF = 1.0
REDIRECT_MAX_TIMES = 5
DOWNLOAD_MAXSIZE = 5_000_000      # also caps decompressed bodies (gzip bombs)
DOWNLOAD_WARNSIZE = 1_000_000
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Incremental: Scrapy's own HTTP cache with the RFC 2616 policy revalidates with
# ETag / Last-Modified, so an unchanged page costs a 304, not a download. The entries live in
# one SQLite file (crawlers/cache.py) instead of seven files per page, rewritten on every 304.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "crawlers.cache.SqliteCacheStorage"  # <HTTPCACHE_DIR>/httpcache.sqlite3
HTTPCACHE_SQLITE_BATCH = 200            # rows per commit
HTTPCACHE_SQLITE_BATCH_SECONDS = 5.0    # longest wait before a commit
HTTPCACHE_DIR = "httpcache"       # replaced by <data_dir>/httpcache at run time
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_GZIP = False

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.LocalRobotsTxtMiddleware": 101,  # beside Scrapy's (100), for file://
    "crawlers.middlewares.RobotsTxtSlotMiddleware": 90,  # robots.txt does not hold up page one
    # Closest to the network: sees the raw 304 before the cache turns it into the stored page.
    "crawlers.middlewares.TrafficCounterMiddleware": 950,
}
ITEM_PIPELINES = {"crawlers.pipelines.DocumentPipeline": 300}
# Items per response handled concurrently. The pipeline is synchronous, so more buys nothing,
# and Scrapy starts this many asyncio workers for every response (100 by default: ~5 s of a
# 1,000-page warm re-crawl went to creating them).
CONCURRENT_ITEMS = 4
EXTENSIONS = {
    "crawlers.middlewares.ProgressReporter": 500,
    # AutoThrottle that lets 304s lower the delay too (else a warm re-crawl stays at 1 s/page).
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawlers.middlewares.RevalidatingAutoThrottle": 0,
}

# Scrapy re-reads and parses a callback's source on every response to warn about
# ``return value`` in generators (its cache misses bound methods): ~1 ms a page on the reactor.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"


def scrapy_settings(settings: Any) -> dict[str, Any]:
    """This module's values overlaid with the partner's ``[crawl]`` section."""
    crawl = settings.crawl
    values = {k: v for k, v in globals().items() if k.isupper()}
    values.update(
        USER_AGENT=crawl.user_agent,
        ROBOTSTXT_OBEY=crawl.obey_robots,
        CONCURRENT_REQUESTS=crawl.concurrent_requests,
        CONCURRENT_REQUESTS_PER_DOMAIN=crawl.concurrency_per_domain,
        DOWNLOAD_DELAY=crawl.download_delay,
        AUTOTHROTTLE_ENABLED=crawl.autothrottle,
        AUTOTHROTTLE_START_DELAY=max(crawl.download_delay, 1.0) if crawl.autothrottle else 0.0,
        AUTOTHROTTLE_MAX_DELAY=crawl.autothrottle_max_delay,
        AUTOTHROTTLE_TARGET_CONCURRENCY=crawl.autothrottle_target_concurrency,
        DOWNLOAD_TIMEOUT=crawl.download_timeout,
        RETRY_TIMES=crawl.retries,
        RETRY_ENABLED=crawl.retries > 0,
        RETRY_BACKOFF=crawl.retry_backoff,
        REDIRECT_MAX_TIMES=crawl.max_redirects,
        DOWNLOAD_MAXSIZE=crawl.max_body_bytes,
        DOWNLOAD_WARNSIZE=max(1, min(DOWNLOAD_WARNSIZE, crawl.max_body_bytes // 2)),
        HTTPCACHE_ENABLED=crawl.http_cache,
        HTTPCACHE_DIR=str(settings.data_dir / "httpcache"),
        # Benchmarks compare storages; a deployment never needs to set this.
        HTTPCACHE_STORAGE=os.environ.get("ACESCOUT_HTTPCACHE_STORAGE") or HTTPCACHE_STORAGE,
        ACESCOUT_TRUST_LASTMOD_DAYS=crawl.trust_lastmod_days,
        ACESCOUT_STORE_WORKER=crawl.store_worker,
        LOG_LEVEL=crawl.log_level.upper(),
        # Stop cleanly a little before the parent's watchdog would kill the process.
        CLOSESPIDER_TIMEOUT=max(1, crawl.max_run_seconds - 30),
    )
    return values
