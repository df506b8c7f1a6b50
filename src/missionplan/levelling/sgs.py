"""The serial schedule-generation scheme: what MS Project–style levelling does.

Tasks are taken one at a time, by latest start then earliest start; each is put at the
first day its window allows on which every resource it needs has room for its whole
duration, and the bounds are propagated. With maximum lags a task can find its window
shut; the scheme then starts again with that task first (a few times), and gives up.
It gives no bound: it is the warm start of the exact solver and its benchmark rival.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .network import Distances
from .problem import Problem, ResourceSpec, Task

__all__ = ["serial_schedule"]


def serial_schedule(problem: Problem, *, deadlines: bool = True,
                    restarts: int = 10) -> list[int] | None:
    """A day for every point that meets every bound and capacity, or None if not found.

    ``deadlines``: deadline edges are kept (True) or left out (False: paid as lateness).
    """
    base = Distances(problem, deadlines=deadlines)
    if not base.consistent:
        return None
    tail = (-base.d).max(axis=0)  # the longest chain of least lags after each point
    order = sorted(range(len(problem.tasks)), key=lambda i: _priority(
        base, problem.tasks[i].start, int(tail[problem.tasks[i].start]), problem.hi, i))
    for _ in range(restarts + 1):
        failed = _attempt(problem, base, order)
        if isinstance(failed, list):
            return failed
        order.remove(failed)
        order.insert(0, failed)
    return None


def _priority(base: Distances, v: int, tail: int, hi: int, i: int) -> tuple[int, int, int]:
    """Latest start first (by its deadlines, or by the chain after it), then earliest."""
    return (min(base.latest(v), hi - tail), base.earliest(v), i)


def _attempt(problem: Problem, base: Distances, order: list[int]) -> list[int] | int:
    dist = Distances.__new__(Distances)
    dist.d, dist.origin = base.d.copy(), base.origin
    width = problem.hi - problem.lo + 1
    used = np.zeros((len(problem.resources), width), dtype=np.int64)
    room = np.stack([_floor(r, problem, width) for r in problem.resources]) \
        if problem.resources else used
    for i in order:
        task = problem.tasks[i]
        day = _first_fit(task, dist, used, room, problem.lo)
        if day is None or not dist.fix(task.start, day):
            return i
        for r, amount in task.demands:
            used[r, day - problem.lo:day - problem.lo + task.duration] += amount
    times = []
    for v in range(len(problem.points)):
        day = dist.earliest(v)
        if not dist.fix(v, day):
            return order[0]
        times.append(day)
    return times


def _floor(res: ResourceSpec, problem: Problem, width: int) -> npt.NDArray[np.int64]:
    """Units surely available each day whatever the points' times: a change bounded by a
    point not yet dated is counted only when it takes units away."""
    cap = np.full(width, res.capacity, dtype=np.int64)
    for c in res.changes:
        a = c.start.day if c.start is not None and c.start.day is not None else None
        b = c.end.day if c.end is not None and c.end.day is not None else None
        dated = (c.start is None or a is not None) and (c.end is None or b is not None)
        if not dated and c.add > 0:
            continue
        lo = 0 if c.start is None or a is None else max(0, a - problem.lo)
        hi = width if c.end is None or b is None else max(0, min(width, b - problem.lo))
        cap[lo:hi] += c.add
    return cap


def _first_fit(task: Task, dist: Distances, used: npt.NDArray[np.int64],
               room: npt.NDArray[np.int64], lo: int) -> int | None:
    first, last = dist.earliest(task.start), dist.latest(task.start)
    if first > last:
        return None
    if not task.demands or task.duration == 0:
        return first
    bad = np.zeros(used.shape[1], dtype=bool)
    for r, amount in task.demands:
        bad |= used[r] + amount > room[r]
    count = np.concatenate(([0], np.cumsum(bad)))
    starts = np.arange(first - lo, last - lo + 1)
    ends = starts + task.duration
    inside = ends <= len(bad) - 1  # the task ends by the horizon's last day
    fits = starts[inside & (count[np.minimum(ends, len(bad))] == count[starts])]
    return int(fits[0]) + lo if len(fits) else None
