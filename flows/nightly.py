"""The nightly Prefect flow: thin tasks over the plain stage functions in flows/pipeline.py."""
from __future__ import annotations

import os
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from acescout_core.settings import load_settings  # noqa: E402
from flows import pipeline  # noqa: E402

# Retries only on the network step; database writes are never cached.
crawl_task = task(name="crawl", retries=2, retry_delay_seconds=30, cache_policy=NO_CACHE)(
    lambda settings: pipeline.stage_crawl(settings))
extract_task = task(name="extract", cache_policy=NO_CACHE)(
    lambda settings: pipeline.stage_extract(settings))
evidence_task = task(name="evidence", cache_policy=NO_CACHE)(
    lambda settings: pipeline.stage_evidence(settings))
score_task = task(name="score", cache_policy=NO_CACHE)(
    lambda settings, as_of: pipeline.stage_score(settings, as_of))
promote_task = task(name="promote", cache_policy=NO_CACHE)(
    lambda settings, as_of: pipeline.stage_promote(settings, as_of))
export_task = task(name="export", cache_policy=NO_CACHE)(
    lambda settings, as_of: pipeline.stage_export(settings, as_of))


@flow(name="acescout-nightly", log_prints=True)
def nightly(config_path: str | None = None, as_of: str | None = None, crawl: bool = True) -> dict:
    """Run every stage as a task; same plain functions and Run record as `acescout run`."""
    settings = load_settings(config_path)
    day = pipeline.resolve_as_of(settings, as_of)
    tasks = {
        "crawl": lambda: crawl_task(settings),
        "extract": lambda: extract_task(settings),
        "evidence": lambda: evidence_task(settings),
        "score": lambda: score_task(settings, day),
        "promote": lambda: promote_task(settings, day),
        "export": lambda: export_task(settings, day),
    }
    return pipeline.run_nightly(settings, day, crawl=crawl,
                                runner=lambda name, _fn: tasks[name]())

