"""The nightly Prefect flow: thin tasks over the plain stage functions in flows/pipeline.py.

The flow goes through ``pipeline.run_nightly`` (run lock, Run record, crash recovery), which hands
each stage to a task here. With ``[scale] task_runner = "dask"`` extraction and scoring fan out in
batches over a Dask cluster (prefect-dask's DaskTaskRunner); everything else runs in-process.
"""
from __future__ import annotations

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from datetime import date  # noqa: E402

from prefect import flow, task, unmapped  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from acescout_core.settings import Settings, load_settings  # noqa: E402
from flows import pipeline  # noqa: E402


# Retries only on the network step; database writes are never cached.
@task(name="crawl", retries=2, retry_delay_seconds=30, cache_policy=NO_CACHE)
def crawl_task(settings: Settings) -> dict:
    return pipeline.stage_crawl(settings)


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(settings: Settings) -> dict:
    return pipeline.stage_extract(settings)


@task(name="evidence", cache_policy=NO_CACHE)
def evidence_task(settings: Settings) -> dict:
    return pipeline.stage_evidence(settings)


@task(name="score", cache_policy=NO_CACHE)
def score_task(settings: Settings, as_of: date) -> dict:
    return pipeline.stage_score(settings, as_of)


@task(name="promote", cache_policy=NO_CACHE)
def promote_task(settings: Settings, as_of: date) -> dict:
    return pipeline.stage_promote(settings, as_of)


@task(name="export", cache_policy=NO_CACHE)
def export_task(settings: Settings, as_of: date) -> dict:
    return pipeline.stage_export(settings, as_of)


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch_task(settings: Settings, document_ids: list[int]) -> list:
    from flows.batches import extract_batch

    return extract_batch(settings, document_ids)


@task(name="score-batch", cache_policy=NO_CACHE)
def score_batch_task(settings: Settings, as_of: date, account_ids: list[int]) -> list[dict]:
    from flows.batches import score_batch

    return score_batch(settings, as_of, account_ids)


@flow(name="acescout-fan-out")
def fan_out(settings: Settings, stage: str, as_of: date | None = None) -> dict:
    """Batches computed on the flow's task runner (Dask), written here in extraction order."""
    from flows import batches

    if stage == "extract":
        ids, unchanged = batches.pending_document_ids(settings)
        parts = batches.partition(ids, settings.scale.batch_size)
        futures = extract_batch_task.map(unmapped(settings), parts)
        analyzed = [item for f in futures for item in f.result()]
        return {**batches.store_extractions(settings, analyzed), "skipped": unchanged,
                "batches": len(parts)}
    parts = batches.score_batches(settings, as_of)
    futures = score_batch_task.map(unmapped(settings), unmapped(as_of), parts)
    rows = [row for f in futures for row in f.result()]
    return {**batches.store_scores(settings, as_of, rows), "batches": len(parts)}


def dask_task_runner(settings: Settings):
    """DaskTaskRunner on ``[scale] dask_address``, else on a temporary LocalCluster."""
    from prefect_dask import DaskTaskRunner

    if settings.scale.dask_address:
        return DaskTaskRunner(address=settings.scale.dask_address)
    return DaskTaskRunner()


def _stage_tasks(settings: Settings, day: date) -> dict:
    if settings.scale.task_runner == "dask":
        on_dask = fan_out.with_options(task_runner=dask_task_runner(settings))
        extract = lambda: on_dask(settings, "extract")  # noqa: E731
        score = lambda: on_dask(settings, "score", day)  # noqa: E731
    else:
        extract = lambda: extract_task(settings)  # noqa: E731
        score = lambda: score_task(settings, day)  # noqa: E731
    return {
        "crawl": lambda: crawl_task(settings),
        "extract": extract,
        "evidence": lambda: evidence_task(settings),
        "score": score,
        "promote": lambda: promote_task(settings, day),
        "export": lambda: export_task(settings, day),
    }


def run_flow(settings: Settings, as_of: date | str | None = None, crawl: bool = True) -> dict:
    """The flow body for already-loaded settings (tests and benchmarks call it inside a flow)."""
    day = pipeline.resolve_as_of(settings, as_of)
    tasks = _stage_tasks(settings, day)

    def runner(name: str, fn):
        if name == "crawl" and not crawl:
            return fn()  # run_nightly's own "skipped" marker
        return tasks[name]()

    return pipeline.run_nightly(settings, day, crawl=crawl, runner=runner)


@flow(name="acescout-nightly", log_prints=True)
def nightly(config_path: str | None = None, as_of: str | None = None, crawl: bool = True) -> dict:
    """Run every stage as a task; same plain functions and Run record as `acescout run`."""
    return run_flow(load_settings(config_path), as_of, crawl)
