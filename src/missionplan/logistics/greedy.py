"""The baseline a planner would do by hand: in arrival order, each serial takes the route that
gets it there soonest among those still open and with capacity left."""

from __future__ import annotations

from collections import defaultdict

from ..errors import SolverError
from .network import Conditions
from .routes import Job, Option, Pattern, Router

__all__ = ["Assignment", "greedy_assign"]

Assignment = dict[str, tuple[Option, Pattern]]


def greedy_assign(jobs: list[Job], options: dict[str, list[Option]], router: Router, *,
                  max_days: int) -> Assignment:
    """Place jobs one by one, in arrival order, at their earliest feasible finish."""
    cond = router.cond
    used: dict[tuple[str, int], int] = defaultdict(int)
    out: Assignment = {}
    for job in sorted(jobs, key=lambda j: (j.arrival, j.required_by or 10**6)):
        best = _earliest(job, options[job.id], router, cond, used, max_days)
        if best is None:
            raise SolverError(f"unit '{job.unit}' cannot reach {job.destination} from "
                              f"{job.origin} within {max_days} days of arriving: every route "
                              "is closed or full", code="no-route")
        out[job.id] = best
        for res, day, amount in best[1].uses:
            used[res, day] += amount
    return out


def _earliest(job: Job, options: list[Option], router: Router, cond: Conditions,
              used: dict[tuple[str, int], int],
              max_days: int) -> tuple[Option, Pattern] | None:
    best: tuple[Option, Pattern] | None = None
    for start in range(job.arrival, job.arrival + max_days + 1):
        if best is not None and start > best[1].finish:
            break
        for option in options:
            pattern = router.simulate(job, option, start)
            if pattern is None or not _fits(pattern, cond, used):
                continue
            if best is None or pattern.finish < best[1].finish:
                best = (option, pattern)
    return best


def _fits(pattern: Pattern, cond: Conditions, used: dict[tuple[str, int], int]) -> bool:
    return all(used[res, day] + amount <= cond.capacity(res, day)
               for res, day, amount in pattern.uses)
