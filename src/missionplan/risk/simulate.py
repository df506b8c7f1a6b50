"""The public entry point: run the Monte Carlo analysis of a plan and gather the results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from ..errors import MissionplanError
from ..model import Plan
from .distributions import FloatArray
from .engine import BINS, ChunkStats, IntMatrix, Job, input_numbers, record
from .network import Network, compile_network
from .results import (
    CriterionOdds,
    DeadlineOdds,
    RiskResult,
    Sensitivity,
    event_dates,
)

BLOCK = 128

__all__ = ["default_chunk_size", "simulate"]

_CHUNK_WORK = 20_000_000
SENSITIVITY_SAMPLES = 4096


def default_chunk_size(net: Network) -> int:
    """Samples per chunk: about 20 million edge-samples of work (a fraction of a second),
    in whole blocks. A chunk holds no per-sample arrays, so memory does not depend on it."""
    per_sample = net.n_edges + net.n_nodes + net.inputs.n_columns + 1
    blocks = max(1, min(64, _CHUNK_WORK // per_sample // BLOCK))
    return blocks * BLOCK


def simulate(plan: Plan, *, samples: int = 10_000, seed: int = 0,
             anchors: dict[str, date] | None = None, as_of: date | None = None,
             workers: int = 1,
             scheduler: str | None = None, chunk_size: int | None = None,
             progress: Callable[[int], None] | None = None,
             sensitivity_samples: int = SENSITIVITY_SAMPLES) -> RiskResult:
    """Sample ``samples`` possible worlds of the plan and report the odds.

    The numbers depend only on the plan, ``samples``, ``seed`` and ``as_of``
    (nothing still to happen happens before it): not on ``workers``,
    ``scheduler`` or ``chunk_size`` (a multiple of the block of 128 samples).
    ``progress`` is called with the number of samples each finished chunk adds.
    """
    if samples < 1:
        raise MissionplanError("the number of samples must be at least 1", code="risk-samples")
    net = compile_network(plan, anchors=anchors, as_of=as_of)
    size = chunk_size if chunk_size is not None else default_chunk_size(net)
    if size < BLOCK or size % BLOCK:
        raise MissionplanError(f"the chunk size must be a multiple of {BLOCK}, got {size}",
                               code="risk-chunk-size")
    lo, width = _frame(net, seed)
    sub = min(samples, sensitivity_samples)
    jobs = [Job(seed, first, min(size, samples - first), lo, width, sub)
            for first in range(0, samples, size)]
    from .distributed import run_jobs

    stats = run_jobs(net, jobs, workers=workers, scheduler=scheduler, advance=progress)
    return _gather(net, stats, seed, lo, width, sub)


def _frame(net: Network, seed: int) -> tuple[FloatArray, FloatArray]:
    """Histogram range per event, from extreme worlds and a first block of samples."""
    n, risks = net.inputs.n_columns, len(net.inputs.risks)
    first = record(net, seed=seed, n=BLOCK).stats
    u = np.repeat(np.array([[1e-6, 1e-6, 0.999, 0.999]]), n, axis=0)
    occ = np.repeat(np.array([[0, 1, 0, 1]], dtype=np.int8), risks, axis=0)
    extreme = record(net, given_u=u, given_occ=occ).stats
    lo = np.minimum(first.tmin, extreme.tmin)
    hi = np.maximum(first.tmax, extreme.tmax)
    lo = np.where(np.isfinite(lo), lo, np.where(np.isfinite(hi), hi, 0.0))
    hi = np.where(np.isfinite(hi), hi, lo)
    pad = 0.05 * (hi - lo) + 1.0
    lo, hi = lo - pad, hi + pad
    return lo, (hi - lo) / BINS


def _gather(net: Network, stats: ChunkStats, seed: int, lo: FloatArray,
            width: FloatArray, sub: int) -> RiskResult:
    total, hist, tmin, tmax = stats.n, stats.hist, stats.tmin, stats.tmax
    met, crit = stats.met[:len(net.deadlines)], stats.met[len(net.deadlines):]
    keys = [net.event_ids[int(k) - 1] for k in net.key_nodes]
    return RiskResult(
        samples=total, seed=seed, reference=net.reference,
        events=event_dates(net.event_ids, net.event_labels, hist, lo, width, tmin, tmax,
                           net.reference, keep={int(k) for k in net.key_nodes}),
        deadlines=_deadlines(net, met, stats.high_n, total),
        criteria=_criteria(net, crit, total),
        criticality=_criticality(net, stats, keys, total),
        sensitivity=_sensitivity(net, stats, seed, sub, keys),
        key_events=keys, notes=list(net.notes),
    )


def _name(net: Network, node: int) -> str | None:
    return None if node == 0 else net.event_ids[node - 1]


def _deadlines(net: Network, met: IntMatrix, occurred: IntMatrix,
               total: int) -> list[DeadlineOdds]:
    out = []
    for i, d in enumerate(net.deadlines):
        r = net.deadline_gate[i] if net.deadline_gate else -1
        p, branch, taken = float(met[i]) / total, None, None
        if r >= 0:   # worlds where the branch is not taken count as met: leave them out
            risk = net.inputs.risks[r]
            n = int(occurred[risk.column])
            p = (float(met[i]) - (total - n)) / n if n else 1.0
            branch, taken = risk.id, round(n / total, 4)
        out.append(DeadlineOdds(d.id, d.label, round(p, 4), _name(net, d.source),
                                net.event_ids[d.target - 1], d.bound, d.text, d.kind,
                                branch, taken))
    return out


def _criteria(net: Network, met: IntMatrix, total: int) -> list[CriterionOdds]:
    out = []
    for i, (cid, label, deadlines, nodes) in enumerate(net.criteria):
        p = round(float(met[i]) / total, 4) if deadlines else None
        out.append(CriterionOdds(cid, label, p, [net.deadlines[d].id for d in deadlines],
                                 [net.event_ids[n - 1] for n in nodes]))
    return out


def _criticality(net: Network, stats: ChunkStats, keys: list[str],
                 total: int) -> dict[str, dict[str, float]]:
    counts = stats.critical
    out: dict[str, dict[str, float]] = {}
    for k, key in enumerate(keys):
        shares = {act: round(float(counts[k, edge]) / total, 4)
                  for act, edge in net.activity_edges.items() if counts[k, edge]}
        out[key] = dict(sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def _sensitivity(net: Network, stats: ChunkStats, seed: int, sub: int,
                 keys: list[str]) -> list[Sensitivity]:
    """Spearman's rho over the first ``sub`` worlds; swings over every world."""
    rho = np.round(_rank_correlations(net, stats, seed, sub), 4).tolist()
    low = _shares(stats.low_met, stats.low_n).tolist()
    high = _shares(stats.high_met, stats.high_n).tolist()
    targets = [d.id for d in net.deadlines] + [c[0] for c in net.criteria]
    out = []
    for col, (kind, sid, label) in enumerate(net.inputs.subjects):
        if kind == "delay":
            continue
        swing = dict(zip(targets, zip(low[col], high[col], strict=True), strict=True))
        out.append(Sensitivity(kind, sid, label, dict(zip(keys, rho[col], strict=True)),
                               swing))
    return out


def _shares(met: IntMatrix, n: IntMatrix) -> FloatArray:
    """met / n per row, 0 where no world fell in the row's group, rounded to 4 places."""
    shares = np.divide(met, n[:, None], out=np.zeros(met.shape), where=n[:, None] > 0)
    return np.asarray(np.round(shares, 4), dtype=np.float64)


def _rank_correlations(net: Network, stats: ChunkStats, seed: int,
                       sub: int) -> FloatArray:
    """Pearson's r between each input's quantile (its rank) and each key date's rank."""
    n_cols, n_keys = net.inputs.n_columns, len(net.key_nodes)
    if not n_cols or not n_keys:
        return np.zeros((n_cols, n_keys))
    y = stats.sample_key_times()[:, :sub]
    ranks = _ranks(y)
    ranks -= ranks.mean(axis=1, keepdims=True)
    sx = np.zeros(n_cols)
    sxx = np.zeros(n_cols)
    sxy = np.zeros((n_cols, n_keys))
    for first in range(0, sub, BLOCK):
        n = min(BLOCK, sub - first)
        x = input_numbers(net, seed, first, n)     # one block at a time: memory stays small
        sx += x.sum(axis=1)
        sxx += (x * x).sum(axis=1)
        sxy += x @ ranks[:, first:first + n].T
    var_x = sxx / sub - (sx / sub) ** 2
    sd_y = ranks.std(axis=1)
    denom = np.sqrt(np.maximum(var_x, 0))[:, None] * sd_y[None, :] * sub
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(denom > 0, sxy / np.where(denom > 0, denom, 1.0), 0.0)
    return np.asarray(r, dtype=np.float64)


def _ranks(y: FloatArray) -> FloatArray:
    """Ranks along each row, ties given their average rank."""
    out = np.empty(y.shape)
    for k, row in enumerate(y):
        _, inverse, counts = np.unique(row, return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)
        out[k] = (ends - (counts - 1) / 2.0)[inverse]
    return out
