"""The least total loosening of bounds that makes an inconsistent network consistent.

A linear programme solved by HiGHS (``scipy.optimize.linprog``): minimise ``Σ δ_e`` over
the relaxable edges subject to ``x_v − x_u ≤ w_e + δ_e`` and ``δ ≥ 0``. Only the strongly
connected components that hold a conflict matter (a negative cycle never leaves its
component), so the programme covers those alone. The constraint matrix is a network
matrix with an identity block, totally unimodular, so the optimum is in whole days.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SolverError
from .conflicts import Change, Conflict, edge_ref
from .network import Network

__all__ = ["Relaxation", "least_relaxation"]


@dataclass
class Relaxation:
    """Changes that together restore consistency, with the least total number of days."""

    changes: list[Change]

    @property
    def total_days(self) -> int:
        return sum(c.delta for c in self.changes)

    def __str__(self) -> str:
        lines = [f"least total change: {self.total_days} days over "
                 f"{len(self.changes)} bound(s)"]
        lines += [f"  - {c}" for c in self.changes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {"total_days": self.total_days, "changes": [c.to_json() for c in self.changes]}


def least_relaxation(net: Network, conflicts: list[Conflict], *,
                     relax_fixed: bool = False) -> Relaxation | None:
    """The least total change, or None when the conflicts run through fixed dates only."""
    if not conflicts:
        return Relaxation([])
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, csr_matrix
    from scipy.sparse.csgraph import connected_components

    src, dst = np.asarray(net.src, dtype=np.int64), np.asarray(net.dst, dtype=np.int64)
    w = np.asarray(net.weight, dtype=np.float64)
    graph = csr_matrix((np.ones(net.m), (src, dst)), shape=(net.n, net.n))
    _, label = connected_components(graph, directed=True, connection="strong")
    wanted = {int(label[src[e]]) for c in conflicts for e in c.edge_ids}
    edges = [e for e in range(net.m) if label[src[e]] == label[dst[e]]
             and int(label[src[e]]) in wanted]
    nodes = sorted({int(v) for e in edges for v in (src[e], dst[e])})
    col = {v: i for i, v in enumerate(nodes)}
    free = [e for e in edges if relax_fixed or edge_ref(net, e).relaxable]
    dcol = {e: len(nodes) + i for i, e in enumerate(free)}
    rows, cols, vals = [], [], []
    for r, e in enumerate(edges):
        rows += [r, r]
        cols += [col[int(dst[e])], col[int(src[e])]]
        vals += [1.0, -1.0]
        if e in dcol:
            rows.append(r)
            cols.append(dcol[e])
            vals.append(-1.0)
    nvar = len(nodes) + len(free)
    a_ub = coo_matrix((vals, (rows, cols)), shape=(len(edges), nvar)).tocsr()
    cost = np.concatenate([np.zeros(len(nodes)), np.ones(len(free))])
    bounds = [(None, None)] * len(nodes) + [(0, None)] * len(free)
    res = linprog(cost, A_ub=a_ub, b_ub=w[edges], bounds=bounds, method="highs")
    if res.status == 2:
        return None
    if res.status != 0:
        raise SolverError(f"the relaxation programme failed: {res.message}")
    changes = [Change(edge_ref(net, e), round(res.x[dcol[e]])) for e in free
               if res.x[dcol[e]] > 0.5]
    return Relaxation(changes)
