"""Consistency and the earliest and latest day of every event, from one network."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .network import Network
from .solve import INF, Backend, Engine, Run

__all__ = ["Solution", "solve_network"]


@dataclass
class Solution:
    """Both searches from the origin; ``cycle`` holds a negative cycle's edges if any."""

    engine: Engine
    consistent: bool
    latest: Run | None = None
    earliest: Run | None = None
    cycle: list[int] = field(default_factory=list)

    def window(self, v: int) -> tuple[int | None, int | None]:
        """Earliest and latest day of node ``v`` (None: unbounded that way)."""
        if self.latest is None or self.earliest is None:
            return None, None
        lo, hi = self.earliest.dist[v], self.latest.dist[v]
        return (None if lo >= INF else -int(lo)), (None if hi >= INF else int(hi))


def solve_network(net: Network, *, backend: Backend = "auto",
                  engine: Engine | None = None) -> Solution:
    """Latest days (distances from the origin) and earliest days (distances to it).

    A negative cycle anywhere makes the network inconsistent; one that neither search
    reaches is looked for from every node they both missed.
    """
    eng = engine or Engine(net, backend=backend)
    if net.origin is None:
        return Solution(eng, True)
    late = eng.run([net.origin])
    if late.cycle_node >= 0:
        return Solution(eng, False, cycle=eng.cycle_edges(late))
    early = eng.run([net.origin], reverse=True)
    if early.cycle_node >= 0:
        return Solution(eng, False, cycle=eng.cycle_edges(early))
    rest = _unreached(eng, late, early)
    if len(rest):
        other = eng.run(rest)
        if other.cycle_node >= 0:
            return Solution(eng, False, cycle=eng.cycle_edges(other))
    return Solution(eng, True, late, early)


def _unreached(eng: Engine, a: Run, b: Run) -> Any:
    if eng.backend == "numba":
        import numpy as np

        return np.flatnonzero((np.asarray(a.dist) >= INF) & (np.asarray(b.dist) >= INF))
    return [v for v in range(eng.n) if a.dist[v] >= INF and b.dist[v] >= INF]
