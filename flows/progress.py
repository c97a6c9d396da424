"""Rich progress displays for the CLI (stderr, so JSON on stdout stays clean)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from flows.pipeline import STAGES


@contextmanager
def stage_progress(console: Console) -> Iterator:
    """One bar over the pipeline's stages; yields the on_progress(stage, event) callback."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task("nightly run", total=len(STAGES))

        def on_progress(stage: str, event: str) -> None:
            if event == "start":
                progress.update(task, description=f"{stage}…")
            else:
                progress.advance(task)
                progress.update(task, description=f"{stage} done")

        yield on_progress


@contextmanager
def crawl_progress(console: Console) -> Iterator:
    """A line per source with live counts."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console) as progress:
        tasks: dict[str, int] = {}

        def on_progress(source: str, counts: dict) -> None:
            text = f"{source}: " + " ".join(f"{k}={v}" for k, v in counts.items() if v)
            if source not in tasks:
                tasks[source] = progress.add_task(text, total=None)
            progress.update(tasks[source], description=text)

        yield on_progress
