"""Benchmark of the temporal engine against networkx and scipy Bellman–Ford.

Run: ``.venv/bin/python bench/temporal.py [--max-events N] [--quick]``

Synthetic plan-shaped networks (missionplan.temporal.generate: mostly precedence with
minimum lags, maximum delays, anchors and calendar deadlines; consistent and
inconsistent variants) of 1,000 to 1,000,000 events. For each, the time to decide
consistency and compute every event's earliest and latest day: by missionplan's engine,
by networkx ``bellman_ford_predecessor_and_distance`` (from the origin, on the graph and
its reverse) and by scipy ``csgraph.bellman_ford`` (same two searches), up to the size
where each still finishes within a minute (predicted from the size before, assuming
quadratic growth). Peak memory is the engine's, from tracemalloc in a separate run.
Last, the wall time of a ``missionplan check``-like run on a 150-event plan file,
interpreter start included. No timed assertion: this prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from missionplan.temporal import Network, solve_network
from missionplan.temporal.generate import plan_shaped

SIZES = (1_000, 10_000, 20_000, 100_000, 1_000_000)
BUDGET = 60.0


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Least wall time, least CPU time of this process, and the result."""
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        wall = min(wall, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return wall, cpu, out


def ours(net: Network) -> tuple[bool, Any]:
    sol = solve_network(net, backend="numba")
    if not sol.consistent:
        return False, None
    assert sol.latest is not None and sol.earliest is not None
    return True, (np.asarray(sol.latest.dist), np.asarray(sol.earliest.dist))


def peak_mb(net: Network) -> float:
    tracemalloc.start()
    ours(net)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _dedup(net: Network) -> tuple[Any, Any, Any]:
    src, dst, w = (np.asarray(a, dtype=np.int64) for a in (net.src, net.dst, net.weight))
    key = src * net.n + dst
    order = np.lexsort((w, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]
    return src[keep], dst[keep], w[keep]


def networkx_run(net: Network) -> Callable[[], tuple[bool, Any]]:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(net.n))
    g.add_weighted_edges_from(zip(*(a.tolist() for a in _dedup(net)), strict=True))
    rev = g.reverse(copy=True)

    def run() -> tuple[bool, Any]:
        try:
            _, late = nx.bellman_ford_predecessor_and_distance(g, net.origin)
            _, early = nx.bellman_ford_predecessor_and_distance(rev, net.origin)
        except nx.NetworkXUnbounded:
            return False, None
        return True, (late, early)

    return run


def scipy_run(net: Network) -> Callable[[], tuple[bool, Any]]:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import NegativeCycleError, bellman_ford

    src, dst, w = _dedup(net)
    # explicit zeros are edges for csgraph only when stored: shift, then mark stored zeros
    graph = csr_matrix((w.astype(float), (src, dst)), shape=(net.n, net.n))
    graph.data[graph.data == 0] = 0.0
    rev = graph.T.tocsr()

    def run() -> tuple[bool, Any]:
        try:
            late = bellman_ford(graph, directed=True, indices=net.origin)
            early = bellman_ford(rev, directed=True, indices=net.origin)
        except NegativeCycleError:
            return False, None
        return True, (late, early)

    return run


def agree(mine: Any, theirs: Any, kind: str, n: int) -> bool:
    late, early = mine
    if kind == "networkx":
        t_late = np.array([theirs[0].get(v, np.inf) for v in range(n)])
        t_early = np.array([theirs[1].get(v, np.inf) for v in range(n)])
    else:
        t_late, t_early = theirs
    m_late = np.where(late >= 1 << 62, np.inf, late)
    m_early = np.where(early >= 1 << 62, np.inf, early)
    return bool(np.array_equal(m_late, t_late) and np.array_equal(m_early, t_early))


class Rival:
    """One alternative library, with the time it took at the last size it ran."""

    def __init__(self, name: str, make: Callable[[Network], Callable[[], tuple[bool, Any]]]):
        self.name, self.make = name, make
        self.last: dict[bool, tuple[int, float]] = {}

    def predicted(self, n: int, variant: bool) -> float:
        if variant not in self.last:
            return 0.0
        n0, t0 = self.last[variant]
        return t0 * (n / n0) ** 2

    def time(self, net: Network, n: int, mine: Any, variant: bool) -> str:
        guess = self.predicted(n, variant)
        if guess > BUDGET:
            return f"skipped (~{guess:.0e} s)"
        run = self.make(net)
        _, t, (consistent, out) = best_of(run, 1)
        self.last[variant] = (n, t)
        check = "" if consistent == (not variant) else " WRONG VERDICT"
        if mine is not None and out is not None and not agree(mine, out, self.name, net.n):
            check = " DISAGREES"
        return f"{t:.3f} s{check}"


def check_like(tmp: Path) -> float:
    """Wall time of load + analyse + lint of a 150-event plan file, interpreter included."""
    rng = random.Random(7)
    lines = ["format: missionplan/1", "id: bench150", "# synthetic plan for benchmarking",
             "events:"]
    lines += [f"  - id: e{i}" for i in range(150)]
    lines += ["anchors:", "  - {event: e0, date: 2027-01-15}", "relations:"]
    for i in range(1, 150):
        p = max(0, i - rng.randint(1, 10))
        hi = f", max: {rng.randint(20, 40)}d" if rng.random() < 0.2 else ""
        lines.append(f"  - {{id: r{i}, from: e{p}, to: e{i}, kind: custom, "
                     f"min: {rng.randint(0, 10)}d{hi}}}")
    for i in range(10, 150, 15):
        lines.append(f"  - {{id: due{i}, to: e{i}, not_after: 2028-12-31}}")
    path = tmp / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = ("import sys\nfrom missionplan.planfile import load_plan\n"
            "from missionplan.temporal import analyse, lint\n"
            "p = load_plan(sys.argv[1]); a = analyse(p); lint(p, a)\n"
            "assert a.consistent, 'bench plan should be consistent'\n")

    def run() -> None:
        subprocess.run([sys.executable, "-c", code, str(path)], check=True)

    return best_of(run, 5)[0]  # wall: the child's CPU time is not this process's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-events", type=int, default=SIZES[-1])
    args = parser.parse_args()
    ours(plan_shaped(1000, seed=1))  # load (or compile) the engine once
    rivals = [Rival("networkx", networkx_run), Rival("scipy", scipy_run)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times "
          "suffer when the machine is shared, so CPU times (this process only) are shown "
          "too and the ratio compares CPU times, the fastest rival's against ours.\n")
    print(f"{'events':>9} {'edges':>9} {'variant':<12} {'ours wall':>9} {'ours cpu':>9} "
          f"{'peak MB':>7} {'networkx cpu':>19} {'scipy cpu':>19} {'ratio':>8}")
    for n in (s for s in SIZES if s <= args.max_events):
        for inconsistent in (False, True):
            net = plan_shaped(n, seed=n, inconsistent=inconsistent)
            wall, t, (consistent, mine) = best_of(lambda net=net: ours(net),
                                                  7 if n < 10**6 else 3)
            assert consistent != inconsistent
            mem = peak_mb(net)
            cells = [r.time(net, n, mine, inconsistent) for r in rivals]
            times = [float(c.split()[0]) for c in cells if not c.startswith("skipped")]
            ratio = f"{min(times) / t:,.0f}x" if times else "-"
            variant = "inconsistent" if inconsistent else "consistent"
            print(f"{n:>9,} {net.m:>9,} {variant:<12} {wall:>7.4f} s {t:>7.4f} s {mem:>7.1f} "
                  f"{cells[0]:>19} {cells[1]:>19} {ratio:>8}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"\ncheck-like run on a 150-event plan, interpreter start included: "
              f"{check_like(Path(tmp)):.3f} s (best of 5)")


if __name__ == "__main__":
    main()
