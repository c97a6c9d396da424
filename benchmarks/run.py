"""Nightly benchmark on a generated world: cold vs warm run, extraction and scoring throughput,
peak memory. `make bench` runs the full size with the crawl; `--small` is a quick check.

    python -m benchmarks.run [--small] [--crawl] [--documents 20000] [--accounts 5000] [--keep DIR]

With ``--crawl`` the documents are web pages on a loopback server with a sitemap, and both runs
are the whole production nightly (``run_nightly``: crawl -> extract -> ... -> export). Without it
they are inserted straight into the database as the crawler stores them and the crawl is skipped.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

AS_OF = date(2026, 11, 16)
INDUSTRIES = ["Healthcare", "Financial Services", "Retail", "Manufacturing", "Media", "Education"]
STEMS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne",
         "Soylent", "Hooli", "Vandelay", "Pied Piper", "Massive", "Gringotts", "Oscorp"]
SUFFIXES = ["Health", "Bank", "Retail", "Logistics", "Foods", "Media", "Labs", "Energy"]
TRIGGERS = [
    "{co} plans to migrate its on-premises data center to AWS by the third quarter of 2027, "
    "moving Oracle databases to Amazon Aurora.",
    "{co} is migrating its core banking platform to the cloud this year and is pursuing "
    "FedRAMP and SOC 2 compliance.",
    "{co} completed its migration to Amazon EKS last year.",
    "{co} announced it will exit its colocation facility when the lease ends in June 2027.",
    "{co} is hiring a Cloud Migration Architect with AWS experience.",
    "{co} raised a $40 million Series C to expand its platform.",
    "{co} appointed Jane Doe as Chief Information Officer.",
]
FILLER = ("The company serves customers across several regions and reported steady growth. "
          "Analysts expect further investment in digital channels over the coming quarters. ")


def company(i: int) -> tuple[str, str]:
    stem, suffix = STEMS[i % len(STEMS)], SUFFIXES[(i // len(STEMS)) % len(SUFFIXES)]
    name = f"{stem} {suffix} {i}"
    return name, f"{stem.lower().replace(' ', '')}{suffix.lower()}{i}.com"


def world_documents(n_documents: int, n_accounts: int, seed: int = 7):
    """(url, title, text, published_at) of the generated news, the same for both modes."""
    rng = random.Random(seed + 1)
    now = datetime(2026, 11, 15, tzinfo=timezone.utc)
    for j in range(n_documents):
        name, domain = company(rng.randrange(n_accounts))
        text = (f"{name} ({domain}) news. " + rng.choice(TRIGGERS).format(co=name) + " "
                + FILLER * rng.randint(1, 4))
        yield (f"news/{j}.html", f"{name} update {j}", text,
               now - timedelta(days=rng.randint(1, 200)))


def write_site(root: Path, base: str, n_documents: int, n_accounts: int) -> None:
    """The same documents as web pages with a sitemap, for a nightly run that really crawls."""
    from html import escape

    (root / "news").mkdir(parents=True, exist_ok=True)
    locs = []
    for path, title, text, published in world_documents(n_documents, n_accounts):
        (root / path).write_text(
            f"<html><head><title>{escape(title)}</title><meta name=\"date\" "
            f"content=\"{published.date().isoformat()}\"></head><body><article><h1>"
            f"{escape(title)}</h1><p>{escape(text)}</p></article></body></html>", encoding="utf-8")
        locs.append(f"<url><loc>{base}{path}</loc><lastmod>{published.date().isoformat()}"
                    "</lastmod></url>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs) + "</urlset>",
        encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def generate_world(settings, n_documents: int, n_accounts: int, seed: int = 7,
                   documents: bool = True) -> None:
    """Accounts from a CRM and (unless they are crawled) documents as the crawler stores them."""
    from sqlalchemy import insert

    from models import Account, Document, Source, get_engine, init_db, session_scope

    rng = random.Random(seed)
    engine = get_engine(settings.database_url)
    init_db(engine)
    now = datetime(2026, 11, 15, tzinfo=timezone.utc)
    with session_scope(engine) as session:
        session.add(Source(name="bench-wire", kind="feed", url="file:///bench/feed.xml"))
        session.flush()
        accounts = []
        for i in range(n_accounts):
            name, domain = company(i)
            accounts.append(dict(name=name, normalized_name=name.lower(), domain=domain,
                                 aliases=[], industry=rng.choice(INDUSTRIES), country="US",
                                 employees=rng.choice([80, 400, 2500, 9000]), crm_id=f"A{i:06d}",
                                 origin="crm", created_at=now, updated_at=now))
        session.execute(insert(Account), accounts)
        docs = []
        for path, title, text, published in (world_documents(n_documents, n_accounts)
                                             if documents else ()):
            url = f"https://news.example.com/{path}"
            docs.append(dict(canonical_url=url, url=url, version=1, is_latest=True, source_id=1,
                             title=title, text=text, language="en", published_at=published,
                             fetched_at=now,
                             content_hash=hashlib.sha256(text.encode()).hexdigest()))
            if len(docs) == 5000:
                session.execute(insert(Document), docs)
                docs = []
        if docs:
            session.execute(insert(Document), docs)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed_run(settings, crawl: bool = False) -> tuple[float, dict, float]:
    from flows.pipeline import run_nightly
    from flows.tables import recent_runs

    started = time.perf_counter()
    run_nightly(settings, AS_OF, crawl=crawl)
    seconds = time.perf_counter() - started
    stages = {s["stage"]: s for s in recent_runs(settings, 1)[0]["stages"]}
    return seconds, stages, peak_mb()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="2,000 documents, 500 accounts")
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--accounts", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--crawl", action="store_true",
                        help="serve the documents on 127.0.0.1 and crawl them (the real nightly)")
    args = parser.parse_args(argv)
    if args.small:
        args.documents, args.accounts = 2_000, 500

    from acescout_core.settings import Settings

    work = args.keep or Path(tempfile.mkdtemp(prefix="acescout-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings(config_path=work / "acescout.toml")
    settings.database.url = f"sqlite:///{work / 'bench.db'}"
    settings.partner.name, settings.partner.domain = "Northwind Cloud Partners", "northwindcloud.io"
    try:
        with contextlib.ExitStack() as stack:
            t0 = time.perf_counter()
            if args.crawl:
                from acescout_core.settings import SourceSettings
                from crawlers.demo_server import serve_directory

                base = stack.enter_context(serve_directory(work / "site"))
                write_site(work / "site", base, args.documents, args.accounts)
                settings.sources = [SourceSettings(name="bench-news", kind="sitemap",
                                                   url=f"{base}sitemap.xml")]
                settings.crawl.log_level = "WARNING"
                settings.crawl.max_run_seconds = 7200
            generate_world(settings, args.documents, args.accounts, documents=not args.crawl)
            gen = time.perf_counter() - t0
            cold, cold_stages, cold_mb = timed_run(settings, crawl=args.crawl)
            warm, warm_stages, warm_mb = timed_run(settings, crawl=args.crawl)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    ext_s = cold_stages["extract"]["seconds"]
    score_s = cold_stages["score"]["seconds"]
    n_docs = cold_stages["extract"]["counts"].get("documents", 0)
    n_acc = cold_stages["score"]["counts"].get("accounts_scored", 0)
    world = f"{args.documents:,} docs / {args.accounts:,} accounts"
    rows = [
        ("world generation", f"{gen:.1f} s", world + (" (pages + sitemap)" if args.crawl
                                                         else " (direct insert)")),
        ("nightly cold" + ("" if args.crawl else " (crawl skipped)"), f"{cold:.1f} s", world),
        ("nightly warm (nothing changed)", f"{warm:.1f} s",
         f"{100 * warm / cold:.1f} % of cold (goal <= 5 %)"),
        ("extraction throughput", f"{n_docs / ext_s:.0f} docs/s" if ext_s else "-",
         f"{n_docs:,} docs in {ext_s:.1f} s"),
        ("scoring throughput", f"{n_acc / score_s:.0f} accounts/s" if score_s else "-",
         f"{n_acc:,} accounts in {score_s:.1f} s"),
        ("peak memory (RSS)", f"{max(cold_mb, warm_mb):.0f} MB", "ru_maxrss, whole process"),
    ]
    print("| stage | cold s | warm s |\n|---|---:|---:|")
    for name in cold_stages:
        print(f"| {name} | {cold_stages[name]['seconds']:.2f} | "
              f"{warm_stages.get(name, {}).get('seconds', 0):.2f} |")
    cmd = "python -m benchmarks.run" + (" --small" if args.small else "") + (
        " --crawl" if args.crawl else "")
    print(f"\nBENCHMARKS.md rows (`{cmd}`, Python {sys.version.split()[0]}):\n")
    print("| measure | result | notes |\n|---|---|---|")
    for measure, result, notes in rows:
        print(f"| {measure} | {result} | {notes} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
