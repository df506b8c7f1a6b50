"""The plain implementation: one world at a time, in ordinary Python.

It reads the same compiled edge list as the engine and draws the same numbers
(:mod:`rng`, in Python integers), but computes each world with loops over plain
lists: its own topological order, a scan of each event's incoming edges (the
first largest wins a tie), and a walk back along binding edges for the critical
path. The quantile functions are the shared ones. The tests hold the compiled
engine to it exactly; the benchmark measures it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .distributions import FloatArray, Spec, scalar_quantile
from .kernel import EPS, ndtri
from .network import Deadline, Network
from .rng import column_key, uniform

__all__ = ["ReferenceRun", "as_arrays", "reference_run", "world_numbers"]


@dataclass(slots=True)
class ReferenceRun:
    times: list[list[float]]          # per sample, per node
    met: list[list[bool]]             # per sample, per deadline
    criteria: list[list[bool]]        # per sample, per criterion
    critical: list[list[int]]         # per key node, per edge: worlds on the critical path


def _order(net: Network) -> tuple[list[int], list[list[int]]]:
    n = net.n_nodes
    incoming: list[list[int]] = [[] for _ in range(n)]
    for e in range(net.n_edges):
        dst = int(net.edge_dst[e])
        if math.isnan(net.fixed[dst]):
            incoming[dst].append(e)
    waiting = [len(x) for x in incoming]
    outgoing: list[list[int]] = [[] for _ in range(n)]
    for v in range(n):
        for e in incoming[v]:
            outgoing[int(net.edge_src[e])].append(e)
    order = [v for v in range(n) if waiting[v] == 0]
    i = 0
    while i < len(order):
        for e in outgoing[order[i]]:
            w = int(net.edge_dst[e])
            waiting[w] -= 1
            if waiting[w] == 0:
                order.append(w)
        i += 1
    return order, incoming


def world_numbers(net: Network, keys: list[int], s: int) -> list[float]:
    """Every input's uniform number in sample ``s``; correlated ones via the copula."""
    inputs = net.inputs
    u = [uniform(k, s) for k in keys]
    z = [float(ndtri(u[c])) for c in inputs.correlated]
    for j, c in enumerate(inputs.correlated):
        acc = 0.0
        for k in range(j + 1):
            acc += float(inputs.cholesky[j, k]) * z[k]
        v = 0.5 * math.erfc(-acc / math.sqrt(2.0))
        u[c] = min(max(v, 2.0 ** -25), 1.0 - 2.0 ** -25)
    return u


def _value(spec: Spec, column: int, u: list[float]) -> float:
    return scalar_quantile(spec, u[column]) if column >= 0 else spec.value


def _world(net: Network, u: list[float]
           ) -> tuple[list[float], dict[int, float], list[float], list[bool]]:
    """Edge weights, event delays, deadline limits and risks that occur in one world."""
    inputs = net.inputs
    weights = [float(w) for w in net.edge_const]
    factors = [scalar_quantile(d.spec, u[d.column]) for d in inputs.drivers]
    for a in inputs.activities:
        base = scalar_quantile(a.spec, u[a.column]) if a.column >= 0 else weights[a.edge]
        weights[a.edge] = base * factors[a.driver] if a.driver >= 0 else base
    occurs = []
    for r in inputs.risks:
        own = 1.0 - u[inputs.drivers[r.driver].column] if r.driver >= 0 else u[r.column]
        occurs.append(own < r.probability)
    delays: dict[int, float] = {}
    limits = [d.limit for d in net.deadlines]
    for imp in inputs.impacts:
        hit = occurs[imp.risk]
        if imp.delay is not None:
            value = _value(imp.delay, imp.column, u)
            added = value if hit else 0.0
            if imp.kind == "edge":
                weights[imp.target] += added
            else:
                delays[imp.target] = delays.get(imp.target, 0.0) + added
        elif hit and imp.set_value is not None:
            if imp.kind == "edge":
                weights[imp.target] = imp.set_value
            else:
                limits[imp.target] = imp.set_value
    for edge, risk in net.gates:       # a branch not taken bounds nothing
        if not occurs[risk]:
            weights[edge] = -math.inf
    return weights, delays, limits, occurs


def _met(net: Network, d: Deadline, t: list[float], weights: list[float],
         incoming: list[list[int]], limit: float) -> bool:
    if d.kind != "order":
        return (t[d.target] - t[d.source]) <= limit + EPS
    least = weights[d.edge]
    if not math.isnan(net.fixed[d.target]):
        return (t[d.target] - t[d.source]) >= least - EPS
    others = [e for e in incoming[d.target] if e != d.edge]
    if not others:
        return True
    rest = max(t[int(net.edge_src[e])] + weights[e] for e in others)
    return t[d.source] + least <= rest + EPS


def reference_run(net: Network, seed: int, first: int, n: int) -> ReferenceRun:
    """Worlds ``first .. first + n - 1`` of ``seed``, one by one."""
    order, incoming = _order(net)
    keys = [int(k) for k in net.key_nodes]
    critical = [[0] * net.n_edges for _ in keys]
    run = ReferenceRun([], [], [], critical)
    streams = [column_key(seed, c) for c in range(net.inputs.n_columns)]
    for s in range(first, first + n):
        weights, delays, limits, occurs = _world(net, world_numbers(net, streams, s))
        t = [0.0] * net.n_nodes
        binding = [-1] * net.n_nodes
        for v in order:
            if not math.isnan(net.fixed[v]):
                t[v] = float(net.fixed[v])
            else:
                best = -math.inf
                for e in incoming[v]:
                    value = t[int(net.edge_src[e])] + weights[e]
                    if binding[v] < 0 or value > best:
                        best, binding[v] = value, e
                if best == -math.inf:      # only bounds of branches not taken
                    best, binding[v] = 0.0, -1
                t[v] = best
            if v in delays and not net.actual[v]:
                t[v] += delays[v]
        gate = net.deadline_gate or [-1] * len(net.deadlines)
        met = [(gate[i] >= 0 and not occurs[gate[i]])
               or _met(net, d, t, weights, incoming, limits[i])
               for i, d in enumerate(net.deadlines)]
        run.times.append(t)
        run.met.append(met)
        run.criteria.append([all(met[d] for d in ds) if ds else True
                             for _, _, ds, _ in net.criteria])
        for k, key in enumerate(keys):
            v = key
            while binding[v] >= 0:
                critical[k][binding[v]] += 1
                v = int(net.edge_src[binding[v]])
    return run


def as_arrays(run: ReferenceRun) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Times (nodes × samples) and deadlines met (deadlines × samples), for comparison."""
    times = np.array(run.times, dtype=np.float64).T
    met = np.array(run.met, dtype=bool).reshape(len(run.met), -1).T
    return times, met
