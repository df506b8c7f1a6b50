"""The baseline a planner would do by hand: in arrival order, each serial takes the route that
gets it there soonest among those still open and with capacity left."""

from __future__ import annotations

import random
import time
from collections import defaultdict

from ..errors import SolverError
from .network import Conditions
from .routes import Job, Option, Pattern, Router

__all__ = ["Assignment", "greedy_assign", "in_serial_order", "perturbed_greedy"]

Assignment = dict[str, tuple[Option, Pattern]]


def greedy_assign(jobs: list[Job], options: dict[str, list[Option]], router: Router, *,
                  max_days: int, ordered: bool = False) -> Assignment:
    """Place jobs one by one, in arrival order (or as given), at their earliest finish."""
    cond = router.cond
    used: dict[tuple[str, int], int] = defaultdict(int)
    out: Assignment = {}
    order = jobs if ordered else sorted(jobs, key=lambda j: (j.arrival, j.required_by or 10**6))
    for job in order:
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


def perturbed_greedy(jobs: list[Job], options: dict[str, list[Option]], router: Router, *,
                     max_days: int, seconds: float, floor: int = 0,
                     seed: int = 0) -> Assignment:
    """The best of the greedy plan and greedy plans over jittered arrival orders.

    A start for the optimiser, not the baseline: jitter lets a later serial claim a
    helicopter first, which the arrival order never tries. Seeded, so repeatable; stops
    early once the plan completes on ``floor``, when no serial can finish sooner.
    Identical serials of a unit are put in finishing order, as the model expects.
    """
    best = greedy_assign(jobs, options, router, max_days=max_days)
    best_key = _score(best, jobs)
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and best_key[0] > floor:
        spread = rng.choice((3, 6, 10, 20))
        order = sorted(jobs, key=lambda j: j.arrival + rng.uniform(0, spread))
        try:
            candidate = greedy_assign(order, options, router, max_days=max_days, ordered=True)
        except SolverError:
            continue
        key = _score(candidate, jobs)
        if key < best_key:
            best, best_key = candidate, key
    return in_serial_order(best, jobs)


def in_serial_order(assignment: Assignment, jobs: list[Job]) -> Assignment:
    """The same moves, identical serials of a unit given them in finishing order."""
    groups: dict[tuple[str, int, int, float], list[Job]] = defaultdict(list)
    for job in jobs:
        groups[job.unit, job.personnel, job.vehicles, job.tonnage].append(job)
    out = dict(assignment)
    for same in groups.values():
        moves = sorted((assignment[j.id] for j in same), key=lambda op: op[1].finish)
        for job, move in zip(same, moves, strict=True):
            out[job.id] = move
    return out


def _score(assignment: Assignment, jobs: list[Job]) -> tuple[int, int]:
    """Completion day, then person-days late."""
    late = sum(max(0, assignment[j.id][1].finish - j.required_by) * j.personnel
               for j in jobs if j.required_by is not None)
    return max((p.finish for _, p in assignment.values()), default=0), late
