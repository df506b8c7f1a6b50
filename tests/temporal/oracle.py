"""A brute-force oracle: all-pairs shortest paths by Floyd–Warshall, and random networks."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import strategies as st

from missionplan.temporal import EdgeKind, EdgeRef, Network

INF = float("inf")


def floyd_warshall(n: int, edges: Sequence[tuple[int, int, int]]) -> list[list[float]]:
    d = [[0.0 if i == j else INF for j in range(n)] for i in range(n)]
    for u, v, w in edges:
        d[u][v] = min(d[u][v], w)
    for k in range(n):
        dk = d[k]
        for i in range(n):
            dik = d[i][k]
            if dik == INF:
                continue
            di = d[i]
            for j in range(n):
                if dik + dk[j] < di[j]:
                    di[j] = dik + dk[j]
    return d


def consistent(n: int, edges: Sequence[tuple[int, int, int]]) -> bool:
    d = floyd_warshall(n, edges)
    return all(d[i][i] >= 0 for i in range(n))


def network(n: int, edges: Sequence[tuple[int, int, int]], *, origin: int = 0) -> Network:
    """A network whose edge ``k`` is relation ``r{k}``, a max bound ``head − tail ≤ w``.

    Plan directions are scrambled (not along node numbers, sometimes in cycles), so the
    solver's topological ordering and its cycle breaking are exercised too.
    """
    names = [f"e{i}" for i in range(n)]
    refs = [EdgeRef(f"r{k}", EdgeKind.relation, "max", f"{w}d", w, None, names[u], names[v])
            for k, (u, v, w) in enumerate(edges)]
    return Network(names, [u for u, _, _ in edges], [v for _, v, _ in edges],
                   [w for _, _, w in edges], [(u * 7 + v * 3 + k) % 3 and 1
                                              for k, (u, v, _) in enumerate(edges)], refs,
                   origin)


@st.composite
def random_edges(draw: st.DrawFn, *, max_nodes: int = 7, max_edges: int = 16,
                 low: int = -10, high: int = 12) -> tuple[int, list[tuple[int, int, int]]]:
    n = draw(st.integers(1, max_nodes))
    edge = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.integers(low, high))
    edges = draw(st.lists(edge, max_size=max_edges))
    return n, [(u, v, w) for u, v, w in edges if u != v]


def least_total_change(n: int, edges: list[tuple[int, int, int]], limit: int = 40) -> int:
    """The least Σδ making the network consistent, by trying totals 0, 1, 2, …"""
    m = len(edges)
    for total in range(limit + 1):
        for cut in itertools.combinations(range(total + m - 1), m - 1):
            parts = [b - a - 1 for a, b in zip((-1, *cut), (*cut, total + m - 1), strict=True)]
            moved = [(u, v, w + d) for (u, v, w), d in zip(edges, parts, strict=True)]
            if consistent(n, moved):
                return total
    raise AssertionError("no relaxation within the limit")
