"""Running chunks: in this process, in local worker processes, or on a Dask cluster.

Every runner returns the same :class:`ChunkStats` per chunk; the caller merges
them, so the numbers do not depend on where a chunk ran.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from ..errors import MissingExtraError, SolverError
from .engine import ChunkStats, Job, run_chunk
from .network import Network

__all__ = ["run_jobs"]

_NETWORK: Network | None = None


def run_jobs(net: Network, jobs: list[Job], *, workers: int = 1, scheduler: str | None = None,
             advance: Callable[[int], None] | None = None) -> list[ChunkStats]:
    """Run every job and return their stats in job order; ``advance`` counts samples done."""
    if scheduler:
        stream = _dask(net, jobs, scheduler)
    elif workers > 1 and len(jobs) > 1:
        stream = _processes(net, jobs, workers)
    else:
        stream = (run_chunk(net, job) for job in jobs)
    out = []
    for stats in stream:
        out.append(stats)
        if advance is not None:
            advance(stats.n)
    return sorted(out, key=lambda s: s.first)


def _set_network(net: Network) -> None:
    global _NETWORK
    _NETWORK = net


def _run_here(job: Job) -> ChunkStats:
    assert _NETWORK is not None
    return run_chunk(_NETWORK, job)


def _processes(net: Network, jobs: list[Job], workers: int) -> Iterator[ChunkStats]:
    with ProcessPoolExecutor(max_workers=workers, initializer=_set_network,
                             initargs=(net,)) as pool:
        futures = [pool.submit(_run_here, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _dask(net: Network, jobs: list[Job], scheduler: str) -> Iterator[ChunkStats]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:  # pragma: no cover - dask is a declared dependency
        raise MissingExtraError("Distributed risk analysis", "dask", "distributed") from None
    try:
        client = Client(scheduler, timeout="5s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise SolverError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                          code="risk-scheduler") from None
    try:
        with client.as_current():
            shared = client.scatter(net, broadcast=True)  # type: ignore[no-untyped-call]
            futures = [client.submit(run_chunk, shared, job, pure=False) for job in jobs]
            for _, stats in dask_completed(futures,  # type: ignore[no-untyped-call]
                                           with_results=True):
                yield stats
    finally:
        client.close()  # type: ignore[no-untyped-call]
