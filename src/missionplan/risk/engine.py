"""The vectorised engine: earliest event times of many worlds at once, and what they imply.

For each level of the network, each group of nodes with the same number of
incoming edges takes ``max(t[source] + weight)`` over its edges as one array
operation over every sample of the chunk. The index of the binding edge is
kept for the critical paths. Everything a chunk reports is counted in
integers, so merging chunks in any order gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .distributions import AnyFloats, FloatArray
from .network import Deadline, Network
from .world import BLOCK, World, realise, uniforms

__all__ = [
    "BINS", "ChunkStats", "Job", "Times", "criteria_met", "critical_edges", "deadline_met",
    "propagate", "run_chunk", "run_chunks", "subject_masks",
]

BINS = 512
EPS = 1e-9
IntMatrix = npt.NDArray[np.int64]
BoolMatrix = npt.NDArray[np.bool_]


@dataclass(slots=True)
class Times:
    """Earliest times (nodes × samples) and the binding incoming edge of each (-1: fixed)."""

    t: FloatArray
    binding: npt.NDArray[np.int32]


def propagate(net: Network, world: World) -> Times:
    """Earliest times of every event in every world of the chunk."""
    c = world.weights.shape[1]
    # every event that is not fixed is written level by level below
    fixed = np.nonzero(~np.isnan(net.fixed))[0]
    t = np.empty((net.n_nodes, c))
    t[fixed] = net.fixed[fixed, None]
    binding = np.empty(t.shape, dtype=np.int32)
    binding[fixed] = -1
    delay_level = net.node_level[world.delay_nodes]
    _delay(net, world, t, delay_level == 0)
    w = world.weights
    for lv, groups in enumerate(net.levels, start=1):
        for g in groups:
            rows = max(1, (1 << 18) // (g.edges.shape[1] * max(c, 1)))  # cache-sized
            for r0 in range(0, len(g.nodes), rows):
                _latest(t, binding, w, g.nodes[r0:r0 + rows], g.edges[r0:r0 + rows],
                        g.sources[r0:r0 + rows])
        _delay(net, world, t, delay_level == lv)
    return Times(t, binding)


def _latest(t: FloatArray, binding: npt.NDArray[np.int32], w: FloatArray,
            nodes: npt.NDArray[np.int64], edges: npt.NDArray[np.int64],
            sources: npt.NDArray[np.int64]) -> None:
    """Each node's time: the latest of its incoming bounds; and which edge that was."""
    values = t[sources] + w[edges]                      # (nodes, degree, samples)
    if edges.shape[1] == 1:
        t[nodes] = values[:, 0]
        binding[nodes] = edges[:, :1]
        return
    arg = values.argmax(axis=1)
    t[nodes] = np.take_along_axis(values, arg[:, None, :], axis=1)[:, 0]
    binding[nodes] = edges[np.arange(len(nodes))[:, None], arg]


def _delay(net: Network, world: World, t: FloatArray, rows: BoolMatrix) -> None:
    for k in np.nonzero(rows)[0]:
        node = world.delay_nodes[k]
        if not net.actual[node]:
            t[node] += world.delays[k]


def deadline_met(net: Network, world: World, t: FloatArray) -> BoolMatrix:
    """(deadlines × samples): whether each world meets each deadline."""
    if not net.deadlines:
        return np.zeros((0, t.shape[1]), dtype=bool)
    src = np.array([d.source for d in net.deadlines])
    dst = np.array([d.target for d in net.deadlines])
    met: BoolMatrix = (t[dst] - t[src]) <= world.limits + EPS
    for i, d in enumerate(net.deadlines):
        if d.kind == "order":
            met[i] = _order_met(net, world, t, d, world.weights[d.edge])
    return met


def _order_met(net: Network, world: World, t: FloatArray, d: Deadline,
               least: FloatArray) -> BoolMatrix:
    """Whether ``to`` did not have to wait for the least bound ``d`` (see Deadline)."""
    if not np.isnan(net.fixed[d.target]):
        fixed: BoolMatrix = (t[d.target] - t[d.source]) >= least - EPS
        return fixed
    others = [e for e in net.incoming(d.target) if e != d.edge]
    if not others:
        return np.ones(t.shape[1], dtype=bool)
    own = t[d.source] + least
    rest = np.max(t[net.edge_src[others]] + world.weights[others], axis=0)
    met: BoolMatrix = own <= rest + EPS
    return met


def criteria_met(net: Network, met: BoolMatrix) -> BoolMatrix:
    """(criteria × samples): a criterion is met when all its deadlines are."""
    out = np.ones((len(net.criteria), met.shape[1]), dtype=bool)
    for i, (_, _, deadlines, _) in enumerate(net.criteria):
        if deadlines:
            out[i] = met[deadlines].all(axis=0)
    return out


def critical_edges(net: Network, times: Times, key: int) -> IntMatrix:
    """(edges,) how many worlds have each edge on the critical path to ``key``."""
    on = np.zeros(times.t.shape, dtype=bool)
    on[key] = True
    counts = np.zeros(net.n_edges, dtype=np.int64)
    for groups in reversed(net.levels[:max(int(net.node_level[key]), 0)]):
        for g in groups:
            rows, cols = np.nonzero(on[g.nodes])
            if not len(rows):
                continue
            edges = times.binding[g.nodes[rows], cols]
            on[net.edge_src[edges], cols] = True
            counts += np.bincount(edges, minlength=net.n_edges)
    return counts


@dataclass(slots=True)
class ChunkStats:
    """What one chunk of worlds adds up to; integers only, so merging is exact."""

    first: int
    n: int
    hist: npt.NDArray[np.int32]  # (nodes, BINS); (0, BINS) once added into another's
    tmin: FloatArray             # (nodes,)
    tmax: FloatArray
    deadlines: IntMatrix         # (deadlines,)
    criteria: IntMatrix          # (criteria,)
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
        for name in ("deadlines", "criteria", "critical", "low_n", "high_n",
                     "low_met", "high_met"):
            getattr(self, name).__iadd__(getattr(other, name))
        np.minimum(self.tmin, other.tmin, out=self.tmin)
        np.maximum(self.tmax, other.tmax, out=self.tmax)
        self.key_times = sorted(self.key_times + other.key_times, key=lambda kv: kv[0])
        return self

    def sample_key_times(self) -> FloatArray:
        """Key event times of the sensitivity sample, in sample order."""
        parts = [t for _, t in self.key_times if t.shape[1]]
        return np.concatenate(parts, axis=1) if parts else np.zeros((0, 0))


@dataclass(frozen=True, slots=True)
class Job:
    """One chunk to run: its samples and the histogram frame of every event."""

    seed: int
    first: int
    n: int
    lo: FloatArray
    width: FloatArray
    sensitivity_samples: int


def run_chunk(net: Network, job: Job, *,
              hist: npt.NDArray[np.int32] | None = None) -> ChunkStats:
    """Sample, propagate and count one chunk of worlds (histogram counts go into ``hist``
    when given, so a worker keeps one histogram however many chunks it runs)."""
    first_block, n_blocks = job.first // BLOCK, -(-job.n // BLOCK)
    u = uniforms(net.inputs, job.seed, first_block, n_blocks)[:, :job.n]
    world = realise(net, u)
    times = propagate(net, world)
    met = deadline_met(net, world, times.t)
    crit = criteria_met(net, met)
    targets = np.concatenate([met, crit]).astype(np.float32)
    low, high = subject_masks(net, u, world)
    keep = max(0, min(job.n, job.sensitivity_samples - job.first))
    return ChunkStats(
        first=job.first, n=job.n, hist=_histogram(times.t, job.lo, job.width, into=hist),
        tmin=times.t.min(axis=1), tmax=times.t.max(axis=1),
        deadlines=met.sum(axis=1).astype(np.int64), criteria=crit.sum(axis=1).astype(np.int64),
        critical=np.stack([critical_edges(net, times, int(k)) for k in net.key_nodes])
        if len(net.key_nodes) else np.zeros((0, net.n_edges), dtype=np.int64),
        low_n=low.sum(axis=1).astype(np.int64), high_n=high.sum(axis=1).astype(np.int64),
        low_met=np.rint(low.astype(np.float32) @ targets.T).astype(np.int64),
        high_met=np.rint(high.astype(np.float32) @ targets.T).astype(np.int64),
        key_times=[(job.first, times.t[net.key_nodes, :keep].copy())],
    )


def run_chunks(net: Network, jobs: list[Job]) -> ChunkStats:
    """Run several chunks and add up their counts (what one worker task does)."""
    total = run_chunk(net, jobs[0])
    for job in jobs[1:]:
        total.merge(run_chunk(net, job, hist=total.hist))
    return total


def subject_masks(net: Network, u: AnyFloats, world: World) -> tuple[BoolMatrix, BoolMatrix]:
    """Per subject of the sensitivity analysis: worlds where it is low, and where high."""
    inputs = net.inputs
    low = u <= 0.1
    high = u >= 0.9
    for i, risk in enumerate(inputs.risks):
        low[risk.column] = ~world.occurs[i]
        high[risk.column] = world.occurs[i]
    return low, high


def _histogram(t: FloatArray, lo: FloatArray, width: FloatArray, *,
               into: npt.NDArray[np.int32] | None = None) -> npt.NDArray[np.int32]:
    """Counts per event and bin; times outside the frame go to the first or last bin.

    Bin positions are computed in single precision (a bin is far wider than the
    error), a few hundred events at a time so the temporaries stay in cache.
    Counts are added into ``into`` when given (and an empty array returned).
    """
    n_nodes = t.shape[0]
    out = np.zeros((n_nodes, BINS), dtype=np.int32) if into is None else into
    scale = (1.0 / width).astype(np.float32)
    step = 256
    offsets = (np.arange(step, dtype=np.intp) * BINS)[:, None]
    for r0 in range(0, n_nodes, step):
        r1 = min(r0 + step, n_nodes)
        z = np.empty((r1 - r0, t.shape[1]), dtype=np.float32)
        np.subtract(t[r0:r1], lo[r0:r1, None], out=z, casting="same_kind")
        z *= scale[r0:r1, None]
        np.clip(z, 0, BINS - 1, out=z)
        idx = z.astype(np.intp)
        idx += offsets[:r1 - r0]
        out[r0:r1] += np.bincount(idx.ravel(), minlength=(r1 - r0) * BINS).reshape(
            -1, BINS).astype(np.int32)
    return out if into is None else np.zeros((0, BINS), dtype=np.int32)
