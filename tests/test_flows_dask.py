"""[scale] task_runner = "dask": extraction and scoring in batches on a Dask LocalCluster end in
exactly the state of the default runner (real stages, demo data)."""
from __future__ import annotations

import pytest

from tests.conftest_prefect import prefect_harness  # noqa: F401  (session-scoped fixture)
from tests.test_ops_crash import acescout_run, demo_project, snapshot


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_dask_runner_gives_the_default_runners_results(prefect_harness, tmp_path):  # noqa: F811
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("prefect_dask")
    from acescout_core.settings import load_settings
    from flows.nightly import nightly

    default = demo_project(tmp_path / "default")
    with default.open("a") as f:
        f.write('\n[scale]\nbatch_size = 25\n')
    done = acescout_run(default)
    assert done.returncode == 0, done.stderr[-2000:]

    on_dask = demo_project(tmp_path / "dask")
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        with on_dask.open("a") as f:
            f.write(f'\n[scale]\nbatch_size = 25\ntask_runner = "dask"\n'
                    f'dask_address = "{cluster.scheduler_address}"\n')
        assert load_settings(on_dask).scale.task_runner == "dask"
        summary = nightly(config_path=str(on_dask))
        with distributed.Client(cluster.scheduler_address) as client:
            # the batch tasks really ran on the cluster's workers
            assert any("batch" in key for key in client.run_on_scheduler(
                lambda dask_scheduler: [str(k) for k in dask_scheduler.task_prefixes]))

    assert summary["extract"]["batches"] > 1 and summary["score"]["batches"] >= 1
    assert summary["extract"]["documents"] > 25
    want, got = snapshot(default.parent / "acescout.db"), snapshot(on_dask.parent / "acescout.db")
    for table in ("documents", "signals", "accounts", "contacts", "scores", "candidates"):
        assert got[table] == want[table], table
