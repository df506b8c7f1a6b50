"""Longest-path distances over a problem's time points, kept up to date as points are fixed.

``dist[i][j]`` is the most days ``x[j]`` may fall after ``x[i]`` (``x[j] − x[i] ≤ dist``);
a negative ``dist[i][i]`` means the bounds contradict each other.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .problem import Problem

__all__ = ["INF", "Distances"]

INF = np.int64(1) << 40


class Distances:
    """All-pairs bounds of a problem's points (Floyd–Warshall), with fixing as it schedules."""

    def __init__(self, problem: Problem, *, deadlines: bool = True) -> None:
        n = len(problem.points)
        d = np.full((n, n), INF, dtype=np.int64)
        np.fill_diagonal(d, 0)
        for e in problem.edges:
            if e.deadline is not None and not deadlines:
                continue
            d[e.src, e.dst] = min(d[e.src, e.dst], e.weight)
        o = problem.origin
        for v in range(n):  # every point lies within the horizon
            d[o, v] = min(d[o, v], problem.hi)
            d[v, o] = min(d[v, o], -problem.lo)
        for t in problem.tasks:  # and every task ends by its end
            d[o, t.start] = min(d[o, t.start], problem.hi - t.duration)
        for k in range(n):
            np.minimum(d, d[:, k, None] + d[None, k, :], out=d)
        self.d: npt.NDArray[np.int64] = d
        self.origin = o

    @property
    def consistent(self) -> bool:
        return bool((np.diagonal(self.d) >= 0).all())

    def earliest(self, v: int) -> int:
        return -int(self.d[v, self.origin])

    def latest(self, v: int) -> int:
        return int(self.d[self.origin, v])

    def fix(self, v: int, day: int) -> bool:
        """Set ``x[v] = day``; False (and nothing changed) if that contradicts the bounds."""
        if not self.earliest(v) <= day <= self.latest(v):
            return False
        d, o = self.d, self.origin
        through = np.minimum(d[:, o, None] + day + d[None, v, :],
                             d[:, v, None] - day + d[None, o, :])
        np.minimum(d, through, out=d)
        return True
