"""Runs that must agree: any worker count, chunk size or Dask cluster gives the same numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionplan.planfile import load_plan
from missionplan.risk import RiskResult, simulate

PLAN = Path(__file__).parent / "risk" / "deploy.yaml"


def run(**kwargs: object) -> RiskResult:
    return simulate(load_plan(PLAN), samples=3_000, seed=11, **kwargs)  # type: ignore[arg-type]


def test_the_same_seed_gives_the_same_numbers_for_any_chunk_size() -> None:
    base = run(chunk_size=128).to_json()
    assert run(chunk_size=1024).to_json() == base
    assert run().to_json() == base


def test_another_seed_gives_other_numbers() -> None:
    assert run().to_json()["events"] != simulate(load_plan(PLAN), samples=3_000,
                                                 seed=12).to_json()["events"]


def test_worker_processes_give_the_same_numbers() -> None:
    assert run(workers=2, chunk_size=512).to_json() == run(chunk_size=256).to_json()


def test_a_dask_cluster_gives_the_same_numbers() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run(scheduler=cluster.scheduler_address, chunk_size=256).to_json()
    assert remote == run().to_json()


def test_progress_counts_every_sample() -> None:
    seen: list[int] = []
    run(progress=seen.append, chunk_size=256)
    assert sum(seen) == 3_000 and len(seen) == 12


def test_anchors_from_the_caller_date_the_results() -> None:
    from datetime import date

    result = run(anchors={"resolution": date(2028, 1, 1)})
    assert result.reference == date(2028, 1, 1)
    dates = result.event("deployed").dates
    assert dates is not None and dates["P50"].startswith("2028-")
