"""An independent check of a schedule: every bound, every day's load against capacity.

It reads the problem afresh (edges, tasks, each resource's base capacity and changes,
evaluated day by day) and shares nothing with the solvers' models.
"""

from __future__ import annotations

from collections import defaultdict

from .problem import Problem

__all__ = ["violations"]


def violations(problem: Problem, times: list[int], *,
               lateness: list[int] | None = None) -> list[str]:
    """What the schedule breaks, in words (empty: it is a schedule).

    ``lateness``: days each deadline may be missed by (None: deadlines must hold).
    """
    out: list[str] = []
    if len(times) != len(problem.points):
        return [f"{len(times)} times for {len(problem.points)} points"]
    if times[problem.origin] != 0:
        out.append(f"the origin is on day {times[problem.origin]}, not 0")
    out += [f"{problem.points[v]} on day {day}, outside days {problem.lo} to {problem.hi}"
            for v, day in enumerate(times) if not problem.lo <= day <= problem.hi]
    out += [f"{t.id} ends on day {times[t.start] + t.duration}, after day {problem.hi}"
            for t in problem.tasks if times[t.start] + t.duration > problem.hi]
    for e in problem.edges:
        allowed = e.weight
        if e.deadline is not None and lateness is not None:
            allowed += lateness[e.deadline]
        gap = times[e.dst] - times[e.src]
        if gap > allowed:
            out.append(f"{problem.points[e.dst]} − {problem.points[e.src]} = {gap} days, "
                       f"more than {allowed} ({e.label or 'a bound'})")
    out += _loads(problem, times)
    return out


def _loads(problem: Problem, times: list[int]) -> list[str]:
    load: dict[tuple[int, int], int] = defaultdict(int)
    for t in problem.tasks:
        begin = times[t.start]
        for r, amount in t.demands:
            for day in range(begin, begin + t.duration):
                load[r, day] += amount
    out = []
    for (r, day), used in sorted(load.items()):
        res = problem.resources[r]
        have = res.capacity_on(day, times)
        if used > have:
            out.append(f"{res.id} on day {day}: {used} units needed, {have} available")
    return out
