"""Running chunks of worlds through the compiled kernel, and what they add up to.

The kernel (:mod:`kernel`) samples one world after another and counts as it goes:
histogram bins, deadlines and criteria met, critical-path edges, and the
sensitivity counts. Everything a chunk reports is an integer count, a minimum or
a maximum, so merging chunks in any order gives the same numbers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .distributions import FloatArray
from .kernel import BINS, EPS
from .network import Network
from .packed import Packed, pack

__all__ = ["BINS", "EPS", "ChunkStats", "Job", "Record", "packed", "record", "run_chunk",
           "run_chunks"]

IntMatrix = npt.NDArray[np.int64]
BoolMatrix = npt.NDArray[np.bool_]


def packed(net: Network) -> Packed:
    """The kernel's arrays of ``net``, built once per network object."""
    if not isinstance(net.packed_cache, Packed):
        net.packed_cache = pack(net)
    return net.packed_cache


@dataclass(slots=True)
class ChunkStats:
    """What one chunk of worlds adds up to; integers only, so merging is exact."""

    first: int
    n: int
    hist: npt.NDArray[np.int32]  # (nodes, BINS); (0, BINS) once added into another's
    tmin: FloatArray             # (nodes,)
    tmax: FloatArray
    met: IntMatrix               # (deadlines + criteria,)
    critical: IntMatrix          # (keys, edges)
    low_n: IntMatrix             # (subjects,)
    high_n: IntMatrix
    low_met: IntMatrix           # (subjects, deadlines + criteria)
    high_met: IntMatrix
    key_times: list[tuple[int, FloatArray]]  # (first sample, keys × its worlds) in the
    #                                          sensitivity sample

    def merge(self, other: ChunkStats) -> ChunkStats:
        """Add another chunk's counts to these (exact: integers, minima, maxima)."""
        self.first = min(self.first, other.first)
        self.n += other.n
        if len(other.hist):
            self.hist += other.hist
        for name in ("met", "critical", "low_n", "high_n", "low_met", "high_met"):
            getattr(self, name).__iadd__(getattr(other, name))
        np.minimum(self.tmin, other.tmin, out=self.tmin)
        np.maximum(self.tmax, other.tmax, out=self.tmax)
        self.key_times = sorted(self.key_times + other.key_times, key=lambda kv: kv[0])
        return self

    def sample_key_times(self) -> FloatArray:
        """Key event times of the sensitivity sample, in sample order."""
        parts = [t for _, t in self.key_times if t.shape[1]]
        return np.concatenate(parts, axis=1) if parts else np.zeros((0, 0))

    def counts(self) -> tuple[Any, ...]:
        """The kernel's output tuple (written in place)."""
        return (self.hist, self.tmin, self.tmax, self.met, self.critical, self.low_n,
                self.high_n, self.low_met, self.high_met)


def empty_stats(net: Network, first: int, *, hist: bool = True) -> ChunkStats:
    """Zero counts for ``net``; without ``hist`` the histogram is left empty."""
    targets = len(net.deadlines) + len(net.criteria)
    cols = net.inputs.n_columns
    return ChunkStats(
        first=first, n=0,
        hist=np.zeros((net.n_nodes if hist else 0, BINS), dtype=np.int32),
        tmin=np.full(net.n_nodes, np.inf), tmax=np.full(net.n_nodes, -np.inf),
        met=np.zeros(targets, dtype=np.int64),
        critical=np.zeros((len(net.key_nodes), net.n_edges), dtype=np.int64),
        low_n=np.zeros(cols, dtype=np.int64), high_n=np.zeros(cols, dtype=np.int64),
        low_met=np.zeros((cols, targets), dtype=np.int64),
        high_met=np.zeros((cols, targets), dtype=np.int64), key_times=[])


@dataclass(frozen=True, slots=True)
class Job:
    """One chunk to run: its samples and the histogram frame of every event."""

    seed: int
    first: int
    n: int
    lo: FloatArray
    width: FloatArray
    sensitivity_samples: int


@functools.cache
def _kernel() -> Any:
    from . import worlds

    return worlds


def _no_given(net: Network) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    return (np.zeros((net.inputs.n_columns, 0)),
            np.zeros((len(net.inputs.risks), 0), dtype=np.int8))


def run_chunk(net: Network, job: Job, *, into: ChunkStats | None = None) -> ChunkStats:
    """Sample, propagate and count one chunk of worlds (added into ``into`` when given,
    so a worker keeps one histogram however many chunks it runs)."""
    p = packed(net)
    stats = into if into is not None else empty_stats(net, job.first)
    keep = max(0, min(job.n, job.sensitivity_samples - job.first))
    rec_t = np.zeros((len(net.key_nodes), keep))
    rec_met = np.zeros((len(net.deadlines) + len(net.criteria), 0), dtype=np.bool_)
    given_u, given_occ = _no_given(net)
    _kernel().run(job.first, job.n, p.inputs(job.seed), p.net(job.lo, 1.0 / job.width),
                  given_u, given_occ, stats.counts(), net.key_nodes, rec_t, rec_met)
    stats.first = min(stats.first, job.first)
    stats.n += job.n
    stats.key_times.append((job.first, rec_t))
    return stats


def run_chunks(net: Network, jobs: list[Job]) -> ChunkStats:
    """Run several chunks into one set of counts (what one worker task does)."""
    stats = empty_stats(net, jobs[0].first)
    for job in jobs:
        run_chunk(net, job, into=stats)
    return stats


@dataclass(slots=True)
class Record:
    """Every world of a run, for tests and the histogram frame: times and outcomes."""

    t: FloatArray                 # (nodes, samples)
    met: BoolMatrix               # (deadlines, samples)
    criteria: BoolMatrix          # (criteria, samples)
    stats: ChunkStats


def record(net: Network, *, seed: int = 0, first: int = 0, n: int = 128,
           given_u: FloatArray | None = None,
           given_occ: npt.NDArray[np.int8] | None = None) -> Record:
    """Run worlds ``first ..`` (or the given numbers) and keep every event's time."""
    p = packed(net)
    no_u, no_occ = _no_given(net)
    u = no_u if given_u is None else np.ascontiguousarray(given_u, dtype=np.float64)
    occ = no_occ if given_occ is None else np.ascontiguousarray(given_occ, dtype=np.int8)
    if u.shape[1]:
        n = u.shape[1]
        if occ.shape[1] == 0 and len(net.inputs.risks):
            occ = np.full((len(net.inputs.risks), n), -1, dtype=np.int8)
    stats = empty_stats(net, first)
    nodes = np.arange(net.n_nodes, dtype=np.int64)
    rec_t = np.zeros((net.n_nodes, n))
    ndl = len(net.deadlines)
    rec_met = np.zeros((ndl + len(net.criteria), n), dtype=np.bool_)
    _kernel().run(first, n, p.inputs(seed), p.net(np.zeros(net.n_nodes), np.ones(net.n_nodes)),
                  u, occ, stats.counts(), nodes, rec_t, rec_met)
    stats.n = n
    return Record(rec_t, rec_met[:ndl], rec_met[ndl:], stats)


def input_numbers(net: Network, seed: int, first: int, n: int) -> FloatArray:
    """(inputs × n): each input's uniform number in worlds ``first ..``; a risk's is 1.0
    where it occurs and 0.0 where not."""
    x = np.zeros((net.inputs.n_columns, n))
    _kernel().inputs_of(first, n, packed(net).inputs(seed), x)
    return x
