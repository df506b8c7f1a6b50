"""Benchmark of the temporal engine against networkx and scipy Bellman–Ford.

Run: ``.venv/bin/python bench/temporal.py [--max-events N] [--repeat K]``

Synthetic plan-shaped networks (missionplan.temporal.generate: mostly precedence with
minimum lags, maximum delays, anchors and calendar deadlines; consistent and
inconsistent variants) of 1,000 to 1,000,000 events. The question timed is the one
``solve_network`` answers: shortest distances from the origin, forwards (latest days)
and backwards (earliest days), with negative-cycle detection.

* **Ours**: ``solve_network(net, backend="numba")`` from the network's edge arrays, so
  building both CSR arrays and packing the result are inside the time. The compiled
  kernel is loaded (or compiled) once on a 1,000-event network first; that warm-up is
  excluded from every figure and printed on its own.
* **networkx**: every single-source routine networkx has for negative weights with
  cycle detection (``bellman_ford_predecessor_and_distance`` with and without its
  ``heuristic``, ``single_source_bellman_ford_path_length``, ``goldberg_radzik``), each
  run from the origin on the graph and on its reverse; the fastest is the one compared.
  Graph building is outside their time.
* **scipy**: ``csgraph.bellman_ford(indices=origin)`` on the CSR matrix and its
  transpose, with and without predecessors; the faster is compared. Matrix building
  is outside the time.

Each side is timed in the same run on the same network, several times: the figures
are the least wall and the least CPU time of this process (median wall in brackets;
a rival routine whose repetitions would take over 15 s is timed once),
and the ratio is the fastest rival's least CPU time over ours. A rival is skipped at a
size where its time at the size before, grown quadratically, would pass a minute.
Peak memory is the engine's, from tracemalloc in a separate run. Last, ``missionplan
check`` on the built-in plan, interpreter start included (wall and the child's CPU).
No timed assertion: this prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from missionplan.temporal import Network, solve_network
from missionplan.temporal.generate import plan_shaped

SIZES = (1_000, 10_000, 20_000, 100_000, 1_000_000)
BUDGET = 60.0
Dists = tuple[Any, Any]  # latest and earliest distances, or None when inconsistent
Job = Callable[[], Dists | None]


@dataclass
class Timing:
    """Least wall, least CPU and median wall time of several runs of one job."""

    wall: float
    cpu: float
    median: float
    out: Dists | None

    def cell(self) -> str:
        return f"{self.cpu:.4f} s"


def measure(job: Job, repeat: int) -> Timing:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = job()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return Timing(min(walls), min(cpus), statistics.median(walls), out)


def ours(net: Network) -> Dists | None:
    sol = solve_network(net, backend="numba")
    if not sol.consistent:
        return None
    assert sol.latest is not None and sol.earliest is not None
    return np.asarray(sol.latest.dist), np.asarray(sol.earliest.dist)


def peak_mb(net: Network) -> float:
    tracemalloc.start()
    ours(net)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _dedup(net: Network) -> tuple[Any, Any, Any]:
    """One edge per ordered pair, the tightest (graph libraries keep one edge per pair)."""
    src, dst, w = (np.asarray(a, dtype=np.int64) for a in (net.src, net.dst, net.weight))
    key = src * net.n + dst
    order = np.lexsort((w, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]
    return src[keep], dst[keep], w[keep]


def networkx_jobs(net: Network) -> dict[str, Job]:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(net.n))
    g.add_weighted_edges_from(zip(*(a.tolist() for a in _dedup(net)), strict=True))
    rev = g.reverse(copy=True)
    routines: dict[str, Callable[[Any], dict[int, int]]] = {
        "bf_pred_dist(heuristic)": lambda h: nx.bellman_ford_predecessor_and_distance(
            h, net.origin, heuristic=True)[1],
        "bf_pred_dist": lambda h: nx.bellman_ford_predecessor_and_distance(h, net.origin)[1],
        "ss_bf_path_length": lambda h: nx.single_source_bellman_ford_path_length(
            h, net.origin),
        "goldberg_radzik": lambda h: nx.goldberg_radzik(h, net.origin)[1],
    }

    def job(fn: Callable[[Any], dict[int, int]]) -> Job:
        def run() -> Dists | None:
            try:
                return fn(g), fn(rev)
            except nx.NetworkXUnbounded:
                return None
        return run

    return {name: job(fn) for name, fn in routines.items()}


def scipy_jobs(net: Network) -> dict[str, Job]:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import NegativeCycleError, bellman_ford

    src, dst, w = _dedup(net)
    graph = csr_matrix((w.astype(float), (src, dst)), shape=(net.n, net.n))
    rev = graph.T.tocsr()

    def job(pred: bool) -> Job:
        def run() -> Dists | None:
            try:
                late = bellman_ford(graph, indices=net.origin, return_predecessors=pred)
                early = bellman_ford(rev, indices=net.origin, return_predecessors=pred)
            except NegativeCycleError:
                return None
            return (late[0], early[0]) if pred else (late, early)
        return run

    return {"bellman_ford": job(False), "bellman_ford(pred)": job(True)}


def agree(mine: Dists, theirs: Dists, n: int) -> bool:
    def dense(d: Any) -> Any:
        if isinstance(d, dict):
            return np.array([d.get(v, np.inf) for v in range(n)], dtype=float)
        d = np.asarray(d)
        return np.where(d >= 1 << 62, np.inf, d).astype(float)

    return all(np.array_equal(dense(a), dense(b)) for a, b in zip(mine, theirs, strict=True))


class Rival:
    """One library's routines, each with its time at the last size it ran."""

    def __init__(self, name: str, make: Callable[[Network], dict[str, Job]]) -> None:
        self.name, self.make = name, make
        self.last: dict[tuple[str, bool], tuple[int, float]] = {}
        self.best_routine = ""

    def predicted(self, key: tuple[str, bool], n: int) -> float:
        if key not in self.last:
            return 0.0
        n0, t0 = self.last[key]
        return t0 * (n / n0) ** 2

    def time(self, net: Network, n: int, inconsistent: bool, mine: Dists | None,
             repeat: int) -> tuple[str, Timing | None]:
        best: Timing | None = None
        notes = []
        for routine, job in self.make(net).items():
            key = (routine, inconsistent)
            if self.predicted(key, n) > BUDGET:
                continue
            first = measure(job, 1)  # a slow routine runs once; a fast one again below
            self.last[key] = (n, first.cpu)
            t = first if first.cpu * repeat > BUDGET / 4 else measure(job, repeat)
            if (t.out is None) != inconsistent:
                notes.append(f"{routine}: WRONG VERDICT")
            elif mine is not None and t.out is not None and not agree(mine, t.out, net.n):
                notes.append(f"{routine}: DISAGREES")
            if best is None or t.cpu < best.cpu:
                best, self.best_routine = t, routine
        if best is None:
            return "skipped", None
        return f"{best.cpu:.4f} s {self.best_routine}" + "".join(f" {x}" for x in notes), best


def missionplan_check(repeat: int) -> tuple[float, float]:
    """Least wall and least CPU (user + system, of the child) of ``missionplan check``."""
    exe = Path(sys.executable).with_name("missionplan")
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([str(exe), "check"], stdout=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-events", type=int, default=SIZES[-1])
    parser.add_argument("--repeat", type=int, default=9, help="runs of each side per size")
    args = parser.parse_args()
    t = time.perf_counter()
    ours(plan_shaped(1000, seed=1))
    print(f"warm-up (numba kernel loaded or compiled, excluded below): "
          f"{time.perf_counter() - t:.2f} s")
    rivals = [Rival("networkx", networkx_jobs), Rival("scipy", scipy_jobs)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores. Times are the "
          f"least of {args.repeat} runs in this process (median wall in brackets); CPU is "
          "this process's own. Ratio: the fastest rival's least CPU over ours.\n")
    print(f"{'events':>9} {'variant':<6} {'ours wall [median]':>20} {'ours cpu':>9} "
          f"{'MB':>5}  {'rival':<8} {'wall':>8} {'cpu':>8}  routine")
    for n in (s for s in SIZES if s <= args.max_events):
        for inconsistent in (False, True):
            row(n, inconsistent, rivals, args.repeat)
    wall, cpu = missionplan_check(5)
    print(f"\nmissionplan check (built-in plan, interpreter start included), least of 5: "
          f"wall {wall:.3f} s, CPU {cpu:.3f} s")


def row(n: int, inconsistent: bool, rivals: list[Rival], repeat: int) -> None:
    net = plan_shaped(n, seed=n, inconsistent=inconsistent)
    mine = measure(lambda: ours(net), repeat if n < 10**6 else 3)
    assert (mine.out is None) == inconsistent
    variant = "incons" if inconsistent else "cons"
    print(f"{n:>9,} {variant:<6} {mine.wall:>8.4f} s [{mine.median:.4f}] "
          f"{mine.cpu:>7.4f} s {peak_mb(net):>5.1f}", end="", flush=True)
    best: Timing | None = None
    for k, rival in enumerate(rivals):
        cell, t = rival.time(net, n, inconsistent, mine.out, repeat)
        lead = "  " if k == 0 else " " * 56
        if t is None:
            print(f"{lead}{rival.name:<8} {'skipped':>8}", flush=True)
            continue
        print(f"{lead}{rival.name:<8} {t.wall:>6.3f} s {t.cpu:>6.3f} s  "
              f"{cell.split(' ', 2)[2]}", flush=True)
        best = t if best is None or t.cpu < best.cpu else best
    if best is not None:
        print(f"{'':>56}ratio    wall {best.wall / mine.wall:,.0f}x, "
              f"cpu {best.cpu / mine.cpu:,.0f}x", flush=True)


if __name__ == "__main__":
    main()
