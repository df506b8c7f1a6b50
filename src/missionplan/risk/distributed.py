"""Running chunks: in this process, on local worker threads, or on a Dask cluster.

The compiled kernel releases the GIL, so local workers are threads sharing one copy
of the network; each keeps one set of counts and the caller adds them up at the end.
On a cluster, work goes out as tasks of a few consecutive chunks, each adding up its
chunks' counts. Counts are integers, so the numbers do not depend on where or in which
order chunks ran, and memory does not grow with the number of samples.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

from ..errors import MissingExtraError, SolverError
from .engine import ChunkStats, Job, empty_stats, packed, run_chunk, run_chunks
from .network import Network

__all__ = ["run_jobs"]


def run_jobs(net: Network, jobs: list[Job], *, workers: int = 1, scheduler: str | None = None,
             advance: Callable[[int], None] | None = None) -> ChunkStats:
    """Run every job and return their counts added up; ``advance`` counts samples done."""
    if scheduler:
        total: ChunkStats | None = None
        for stats in _dask(net, _tasks(jobs, 8), scheduler):
            total = stats if total is None else total.merge(stats)
            if advance is not None:
                advance(stats.n)
        assert total is not None
        return total
    return _threads(net, jobs, max(1, min(workers, len(jobs))), advance)


def _threads(net: Network, jobs: list[Job], workers: int,
             advance: Callable[[int], None] | None) -> ChunkStats:
    """Chunks on ``workers`` threads (here, when one), each into its own counts."""
    packed(net)                                   # build the kernel's arrays once
    if workers == 1:
        stats = empty_stats(net, jobs[0].first)
        for job in jobs:
            run_chunk(net, job, into=stats)
            if advance is not None:
                advance(job.n)
        return stats
    mine = threading.local()
    every: list[ChunkStats] = []
    lock = threading.Lock()

    def one(job: Job) -> int:
        stats = getattr(mine, "stats", None)
        if stats is None:
            stats = mine.stats = empty_stats(net, job.first)
            with lock:
                every.append(stats)
        run_chunk(net, job, into=stats)
        return job.n

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in as_completed([pool.submit(one, job) for job in jobs]):
            n = done.result()
            if advance is not None:
                advance(n)
    total = every[0]
    for other in every[1:]:
        total.merge(other)
    return total


def _tasks(jobs: list[Job], count: int) -> list[list[Job]]:
    """Consecutive runs of jobs, about ``count`` of them."""
    size = max(1, -(-len(jobs) // count))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def _dask(net: Network, tasks: list[list[Job]], scheduler: str) -> Iterator[ChunkStats]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:  # pragma: no cover - dask is a declared dependency
        raise MissingExtraError("Distributed risk analysis", "dask", "distributed") from None
    try:
        client = Client(scheduler, timeout="5s",  # type: ignore[no-untyped-call]
                        set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SolverError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                          code="risk-scheduler") from None
    try:
        with client.as_current():
            shared = client.scatter(net, broadcast=True)  # type: ignore[no-untyped-call]
            futures = [client.submit(run_chunks, shared, task, pure=False) for task in tasks]
            for _, stats in dask_completed(futures,  # type: ignore[no-untyped-call]
                                           with_results=True):
                yield stats
    finally:
        client.close()  # type: ignore[no-untyped-call]
