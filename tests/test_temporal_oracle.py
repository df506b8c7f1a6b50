"""The engine against a brute-force all-pairs oracle on random small networks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.temporal import solve_network
from missionplan.temporal.conflicts import find_conflicts
from missionplan.temporal.relax import least_relaxation
from temporal.oracle import (
    INF,
    consistent,
    floyd_warshall,
    least_total_change,
    network,
    random_edges,
)

Edges = tuple[int, list[tuple[int, int, int]]]


@settings(max_examples=300, deadline=None)
@given(random_edges())
def test_verdict_and_windows_match_floyd_warshall(case: Edges) -> None:
    n, edges = case
    sol = solve_network(network(n, edges), backend="python")
    d = floyd_warshall(n, edges)
    assert sol.consistent == all(d[i][i] >= 0 for i in range(n))
    if sol.consistent:
        for v in range(n):
            earliest, latest = sol.window(v)
            assert latest == (None if d[0][v] == INF else d[0][v])
            assert earliest == (None if d[v][0] == INF else -d[v][0])


@settings(max_examples=200, deadline=None)
@given(random_edges(low=-12, high=6))
def test_conflicts_are_real_negative_cycles_and_cover_every_contradiction(case: Edges) -> None:
    n, edges = case
    net = network(n, edges)
    conflicts = find_conflicts(net, backend="python")
    assert (not conflicts) == consistent(n, edges)
    used: set[int] = set()
    for c in conflicts:
        ids = c.edge_ids
        assert sum(edges[e][2] for e in ids) == -c.excess_days < 0
        for a, b in zip(ids, ids[1:] + ids[:1], strict=True):
            assert edges[a][1] == edges[b][0]  # each edge ends where the next begins
        assert not used & set(ids)  # independent: no edge in two conflicts
        used |= set(ids)
        assert [e.item for e in c.edges] == [f"r{e}" for e in ids]
    rest = [edge for k, edge in enumerate(edges) if k not in used]
    assert consistent(n, rest)


@settings(max_examples=150, deadline=None)
@given(random_edges(low=-12, high=6))
def test_single_fix_restores_consistency_and_is_smallest(case: Edges) -> None:
    n, edges = case
    conflicts = find_conflicts(network(n, edges), backend="python")
    for k, c in enumerate(conflicts):
        if c.single_fix is None:
            continue
        others = {e for j, o in enumerate(conflicts) if j != k for e in o.edge_ids}
        e = int(c.single_fix.edge.item[1:])
        base = [edge for i, edge in enumerate(edges) if i not in others and i != e]
        u, v, w = edges[e]
        assert consistent(n, [*base, (u, v, w + c.single_fix.delta)])
        if c.single_fix.delta > 0:
            assert not consistent(n, [*base, (u, v, w + c.single_fix.delta - 1)])


@settings(max_examples=60, deadline=None)
@given(random_edges(max_nodes=4, max_edges=5, low=-6, high=4))
def test_least_total_relaxation_is_minimal(case: Edges) -> None:
    n, edges = case
    net = network(n, edges)
    conflicts = find_conflicts(net, backend="python")
    relax = least_relaxation(net, conflicts)
    assert relax is not None
    moved = list(edges)
    for change in relax.changes:
        e = int(change.edge.item[1:])
        u, v, w = moved[e]
        moved[e] = (u, v, w + change.delta)
    assert consistent(n, moved)
    assert relax.total_days == (least_total_change(n, edges) if edges else 0)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_compiled_engine_agrees_with_plain_python(seed: int, tight: bool) -> None:
    from missionplan.temporal.generate import plan_shaped

    net = plan_shaped(400, seed=seed, inconsistent=tight)
    plain = solve_network(net, backend="python")
    fast = solve_network(net, backend="numba")
    assert plain.consistent == fast.consistent
    if plain.consistent:
        assert [plain.window(v) for v in range(net.n)] == [fast.window(v) for v in range(net.n)]
    else:
        edges = list(zip(net.src, net.dst, net.weight, strict=True))
        assert sum(int(edges[e][2]) for e in fast.cycle) < 0


def _least_single_fix(n: int, edges: list[tuple[int, int, int]], cycle: list[int],
                      others: set[int]) -> int | None:
    """Brute force: over the cycle's edges, the least δ that alone clears every cycle."""
    best: int | None = None
    for e in cycle:
        base = [edge for i, edge in enumerate(edges) if i not in others and i != e]
        if not consistent(n, base):
            continue
        u, v, w = edges[e]
        back = floyd_warshall(n, base)[v][u]
        delta = max(0, -w - int(back))
        best = delta if best is None else min(best, delta)
    return best


@settings(max_examples=150, deadline=None)
@given(random_edges(low=-12, high=6))
def test_single_fix_is_the_least_over_every_edge_of_its_cycle(case: Edges) -> None:
    n, edges = case
    conflicts = find_conflicts(network(n, edges), backend="python")
    for k, c in enumerate(conflicts):
        others = {e for j, o in enumerate(conflicts) if j != k for e in o.edge_ids}
        want = _least_single_fix(n, edges, c.edge_ids, others)
        assert (c.single_fix.delta if c.single_fix else None) == want


@settings(max_examples=100, deadline=None)
@given(random_edges(low=-12, high=6))
def test_no_single_fix_when_the_limit_leaves_a_cycle_unreported(case: Edges) -> None:
    n, edges = case
    conflicts = find_conflicts(network(n, edges), backend="python", limit=1)
    if not conflicts:
        assert consistent(n, edges)
        return
    rest = [edge for i, edge in enumerate(edges) if i not in conflicts[0].edge_ids]
    if not consistent(n, rest):
        assert conflicts[0].single_fix is None
    else:
        want = _least_single_fix(n, edges, conflicts[0].edge_ids, set())
        assert (conflicts[0].single_fix.delta if conflicts[0].single_fix else None) == want
