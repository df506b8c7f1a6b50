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
from .problem import Moment, Problem, ResourceSpec, Task

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
    changing = any(r.changes for r in problem.resources)
    room = _rooms(problem, width, dist)
    for i in order:
        task = problem.tasks[i]
        if changing:
            room = _rooms(problem, width, dist)
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


def _rooms(problem: Problem, width: int, dist: Distances) -> npt.NDArray[np.int64]:
    if not problem.resources:
        return np.zeros((0, width), dtype=np.int64)
    return np.stack([_floor(r, problem, width, dist) for r in problem.resources])


def _floor(res: ResourceSpec, problem: Problem, width: int,
           dist: Distances) -> npt.NDArray[np.int64]:
    """Units surely available each day, whatever days the points not yet fixed take: a
    gain counts where it surely holds (from the latest its start can be to the earliest
    its end can be), a loss wherever it might."""
    cap = np.full(width, res.capacity, dtype=np.int64)
    for c in res.changes:
        gain = c.add > 0
        lo = _at(c.start, dist, late=gain, missing=problem.lo) - problem.lo
        hi = _at(c.end, dist, late=not gain, missing=problem.hi + 1) - problem.lo
        cap[max(0, lo):max(0, min(width, hi))] += c.add
    for a, b in res.closed:
        cap[max(0, a - problem.lo):max(0, min(width, b - problem.lo))] = 0
    return cap


def _at(moment: Moment | None, dist: Distances, *, late: bool, missing: int) -> int:
    if moment is None:
        return missing
    if moment.day is not None:
        return moment.day
    point = moment.point or 0
    return dist.latest(point) if late else dist.earliest(point)


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
