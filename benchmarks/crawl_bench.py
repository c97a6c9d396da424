"""Crawl benchmark: cold crawl vs warm re-crawl of an unchanged generated loopback site.

    python -m benchmarks.crawl_bench [--pages 2000] [--storage filesystem|sqlite] [--runs 1]
                                     [--no-autothrottle] [--json]

A sitemap of N article pages is generated into a temporary folder and served on 127.0.0.1 by
``crawlers.demo_server.serve_directory`` (ETag / Last-Modified, 304 on revalidation). Each run
uses a fresh database and HTTP-cache folder, then crawls twice through the production path
(``crawlers.runner.crawl``: child process, Scrapy, RFC 2616 cache policy, document pipeline).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from acescout_core.settings import Settings, SourceSettings
from crawlers.demo_server import serve_directory
from crawlers.runner import crawl

STORAGES = {"filesystem": "scrapy.extensions.httpcache.FilesystemCacheStorage",
            "sqlite": "crawlers.cache.SqliteCacheStorage"}
WORDS = ("cloud migration workloads landing zone account modernisation programme data platform "
         "analytics security compliance kubernetes serverless database warehouse pipeline").split()


def generate_site(root: Path, pages: int, base: str) -> None:
    """``pages`` distinct articles (~3 KB each), a sitemap listing them (absolute URLs, which
    the bare Scrapy baseline needs), and a robots.txt."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    locs = []
    for i in range(pages):
        words = " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(300))
        html = (f"<html><head><title>Article {i}: Company {i} plans a migration</title>"
                f'<meta name="date" content="2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}"></head>'
                f"<body><nav>Home | Blog | About</nav><article><h1>Article {i}</h1>"
                f"<p>Company {i} announced {words}.</p><p>Item {i} closes the story.</p>"
                f"</article><footer>About us: a newsroom.</footer></body></html>")
        (root / "articles" / f"a{i}.html").write_text(html, encoding="utf-8")
        locs.append(f"<url><loc>{base}articles/a{i}.html</loc><lastmod>2025-06-01</lastmod></url>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs)
        + "</urlset>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def bench_settings(work: Path, base: str, autothrottle: bool = True) -> Settings:
    s = Settings(config_path=work / "acescout.toml")
    s.database.url = f"sqlite:///{work / 'acescout.db'}"
    s.sources = [SourceSettings(name="bench", kind="sitemap", url=f"{base}sitemap.xml")]
    s.crawl.log_level = "WARNING"
    s.crawl.max_run_seconds = 600
    s.crawl.autothrottle = autothrottle
    if not autothrottle:  # Scrapy's own defaults, as the bare baseline runs: overhead, not politeness
        s.crawl.concurrency_per_domain = 8
    return s


def bare_crawl(sitemap_url: str, polite: bool = False) -> dict:
    """The bare Scrapy baseline, in its own process like the production crawl: ``seconds`` is
    its crawl (Scrapy's elapsed_time_seconds, spider open to close), ``wall`` the whole process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.bare_spider", sitemap_url]
                          + (["--polite"] if polite else []),
                          capture_output=True, text=True, timeout=900, check=True)
    wall = time.perf_counter() - started
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "wall": round(wall, 3)}


def run_once(pages: int, storage: str, autothrottle: bool = True) -> dict:
    import os

    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "site").mkdir()
        work = tmp_path / "work"
        work.mkdir()
        previous = os.environ.get("ACESCOUT_HTTPCACHE_STORAGE")
        os.environ["ACESCOUT_HTTPCACHE_STORAGE"] = STORAGES[storage]
        try:
            with serve_directory(tmp_path / "site") as base:
                generate_site(tmp_path / "site", pages, base)
                bare = bare_crawl(f"{base}sitemap.xml", polite=autothrottle)
                settings = bench_settings(work, base, autothrottle)
                started = time.perf_counter()
                cold_stats = crawl(settings)
                cold_s = time.perf_counter() - started
                started = time.perf_counter()
                warm_stats = crawl(settings)
                warm_s = time.perf_counter() - started
                cold, warm = cold_stats.sources["bench"], warm_stats.sources["bench"]
        finally:
            if previous is None:
                os.environ.pop("ACESCOUT_HTTPCACHE_STORAGE", None)
            else:
                os.environ["ACESCOUT_HTTPCACHE_STORAGE"] = previous
        cache = work / ".acescout" / "httpcache"
        cache_files = sum(1 for p in cache.rglob("*") if p.is_file()) if cache.exists() else 0
    # Like for like: Scrapy's own elapsed_time_seconds in each process, and each whole process
    # timed from outside.
    cold_crawl_s, warm_crawl_s = cold_stats.crawl_seconds, warm_stats.crawl_seconds
    cold_rate = cold["new"] / cold_crawl_s if cold_crawl_s else 0.0
    bare_rate = bare["pages"] / bare["seconds"] if bare["seconds"] else 0.0
    cold_wall_rate = cold["new"] / cold_s if cold_s else 0.0
    bare_wall_rate = bare["pages"] / bare["wall"] if bare["wall"] else 0.0
    return {"storage": storage, "autothrottle": autothrottle, "pages": pages,
            "bare_s": bare["seconds"], "bare_wall_s": bare["wall"],
            "bare_pages_s": round(bare_rate, 1), "cold_pages_s": round(cold_rate, 1),
            "vs_bare": round(cold_rate / bare_rate, 3) if bare_rate else None,
            "vs_bare_wall": round(cold_wall_rate / bare_wall_rate, 3) if bare_wall_rate else None,
            "cold_crawl_s": round(cold_crawl_s, 2), "warm_crawl_s": round(warm_crawl_s, 2),
            "crawl_ratio": round(warm_crawl_s / cold_crawl_s, 3) if cold_crawl_s else None,
            "cold_bytes": cold.get("bytes", 0), "warm_bytes": warm.get("bytes", 0),
            "bytes_ratio": round(warm.get("bytes", 0) / cold["bytes"], 4) if cold.get("bytes") else None,
            "warm_fresh": warm.get("skipped_fresh", 0),
            "cold_s": round(cold_s, 2),
            "warm_s": round(warm_s, 2), "ratio": round(warm_s / cold_s, 3),
            "cold_new": cold["new"], "cold_200": cold["ok"], "warm_304": warm["not_modified"],
            "warm_200": warm["ok"], "warm_unchanged": warm["unchanged"],
            "warm_new": warm["new"], "failed": cold["failed"] + warm["failed"],
            "cache_files": cache_files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--storage", choices=sorted(STORAGES), default="sqlite")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-autothrottle", action="store_true",
                        help="fixed politeness only (the crawl's default is AutoThrottle on)")
    parser.add_argument("--json", action="store_true", help="one JSON line per run")
    args = parser.parse_args(argv)
    for _ in range(args.runs):
        row = run_once(args.pages, args.storage, not args.no_autothrottle)
        if args.json:
            print(json.dumps(row))
        else:
            print(f"storage={row['storage']} autothrottle={row['autothrottle']} "
                  f"pages={row['pages']}  crawl: bare {row['bare_s']:.2f} s "
                  f"({row['bare_pages_s']} pages/s)  acescout {row['cold_crawl_s']:.2f} s "
                  f"({row['cold_pages_s']} pages/s) = {row['vs_bare']}x bare  "
                  f"warm {row['warm_crawl_s']:.2f} s ({row['crawl_ratio']:.1%})  |  whole process: "
                  f"bare {row['bare_wall_s']:.2f} s  cold {row['cold_s']:.2f} s "
                  f"= {row['vs_bare_wall']}x bare  warm {row['warm_s']:.2f} s "
                  f"({row['ratio']:.1%})  |  bytes warm/cold {row['bytes_ratio']}  "
                  f"fresh={row['warm_fresh']}  "
                  f"304={row['warm_304']} warm_200={row['warm_200']} "
                  f"unchanged={row['warm_unchanged']} failed={row['failed']} "
                  f"cache_files={row['cache_files']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
