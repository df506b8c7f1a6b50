"""Running chunks: in this process, in local worker processes, or on a Dask cluster.

Work goes out as tasks of a few consecutive chunks; each task adds up its
chunks' counts, and the caller adds up the tasks' as they arrive. Counts are
integers, so the numbers do not depend on where or in which order chunks ran,
and memory does not grow with the number of samples.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice

from ..errors import MissingExtraError, SolverError
from .engine import ChunkStats, Job, run_chunk, run_chunks
from .network import Network

__all__ = ["run_jobs"]

_NETWORK: Network | None = None
TASKS_PER_WORKER = 4


def run_jobs(net: Network, jobs: list[Job], *, workers: int = 1, scheduler: str | None = None,
             advance: Callable[[int], None] | None = None) -> ChunkStats:
    """Run every job and return their counts added up; ``advance`` counts samples done."""
    if scheduler:
        stream = _dask(net, _tasks(jobs, 8), scheduler)
    elif workers > 1 and len(jobs) > 1:
        stream = _processes(net, _tasks(jobs, workers * TASKS_PER_WORKER), workers)
    else:
        stream = _here(net, jobs)
    total: ChunkStats | None = None
    for stats in stream:
        total = stats if total is None else total.merge(stats)
        if advance is not None:
            advance(stats.n)
    assert total is not None
    return total


def _here(net: Network, jobs: list[Job]) -> Iterator[ChunkStats]:
    """Chunks in this process; each adds its histogram into the first one's."""
    first = run_chunk(net, jobs[0])
    yield first
    for job in jobs[1:]:
        yield run_chunk(net, job, hist=first.hist)


def _tasks(jobs: list[Job], count: int) -> list[list[Job]]:
    """Consecutive runs of jobs, about ``count`` of them."""
    size = max(1, -(-len(jobs) // count))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def _set_network(net: Network) -> None:
    global _NETWORK
    _NETWORK = net


def _run_here(jobs: list[Job]) -> ChunkStats:
    assert _NETWORK is not None
    return run_chunks(_NETWORK, jobs)


def _processes(net: Network, tasks: list[list[Job]], workers: int) -> Iterator[ChunkStats]:
    """Tasks on local processes, at most two per worker in flight so that finished
    results are dropped once added up (memory does not grow with the number of tasks)."""
    # forkserver: workers start from a clean process, never from a copy of a caller
    # that may hold threads (a Dask client, a web server)
    context = multiprocessing.get_context("forkserver")
    queue = iter(tasks)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_set_network, initargs=(net,)) as pool:
        pending = {pool.submit(_run_here, task) for task in islice(queue, 2 * workers)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            pending |= {pool.submit(_run_here, task) for task in islice(queue, len(done))}
            for future in done:
                yield future.result()
            del done


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
