"""The exact solver: CP-SAT over the time points, one interval per task, one cumulative
per resource; the serial schedule as its warm start.

Capacity that changes over time is a cumulative of the resource's peak with the units
not there reserved by intervals of their own (from a fixed day or a point's time).
Objectives: ``makespan`` (the shortest plan, every deadline held) or ``lateness``
(deadlines may be missed: fewest first, weighted, then fewest days, then the shortest).
With ``tidy``, a second search holds that value and puts every point as early as it can.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from ortools.sat.python import cp_model

from .problem import Moment, Problem
from .sgs import serial_schedule

__all__ = ["Objective", "Solved", "Status", "solve"]

Objective = Literal["makespan", "lateness"]
Status = Literal["optimal", "feasible", "infeasible", "unknown"]

_STATUS: dict[Any, Status] = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
                              cp_model.INFEASIBLE: "infeasible"}


@dataclass
class Solved:
    """What a search found: status, days of every point, objective, bound, lateness."""

    status: Status
    objective: Objective
    times: list[int] | None = None
    value: int | None = None
    bound: int | None = None
    lateness: list[int] = field(default_factory=list)
    heuristic: int | None = None
    """The serial schedule's value of the same objective (None: it found none)."""
    seconds: float = 0.0

    @property
    def gap(self) -> float | None:
        """(value − bound) / value; 0 when proven optimal."""
        if self.value is None or self.bound is None:
            return None
        return 0.0 if self.value == self.bound else (self.value - self.bound) / max(1, self.value)

    def makespan(self, problem: Problem) -> int | None:
        return None if self.times is None else measure_makespan(problem, self.times)


def measure_makespan(problem: Problem, times: list[int]) -> int:
    """The latest end point's day, or task end, counted from the origin."""
    ends = problem.end_points if problem.end_points is not None else range(len(times))
    last = max([times[v] for v in ends] +
               [times[t.start] + t.duration for t in problem.tasks])
    return last - times[problem.origin]


def lateness_of(problem: Problem, times: list[int]) -> list[int]:
    """Days each deadline is missed by, for these times."""
    late = [0] * len(problem.deadlines)
    for e in problem.edges:
        if e.deadline is not None:
            late[e.deadline] = max(late[e.deadline], times[e.dst] - times[e.src] - e.weight)
    return late


def cost_of(problem: Problem, late: list[int]) -> int:
    """The lateness objective: each missed deadline costs more than any number of days."""
    big = _big(problem)
    return sum(d.weight * (big * (n > 0) + n) for d, n in zip(problem.deadlines, late,
                                                              strict=True))


def _big(problem: Problem) -> int:
    return (problem.hi - problem.lo + 1) * max(1, len(problem.deadlines))


class _Model:
    def __init__(self, problem: Problem, objective: Objective,
                 capacity: dict[int, int] | None, *, assume: bool = False) -> None:
        """``assume``: each deadline and each task's demands hold only under a literal of
        their own (``held``, ``holds``), for finding which of them conflict."""
        self.p, self.objective = problem, objective
        m = self.m = cp_model.CpModel()
        self.held = [m.new_bool_var(f"held_{d.id}") for d in problem.deadlines] if assume else []
        self.holds = [m.new_bool_var(f"holds_{t.id}") for t in problem.tasks] if assume else []
        self.x = [m.new_int_var(problem.lo, problem.hi, name) for name in problem.points]
        m.add(self.x[problem.origin] == 0)
        soft = objective == "lateness"
        self.late = [m.new_int_var(0, problem.hi - problem.lo, f"late_{d.id}") if soft else None
                     for d in problem.deadlines]
        for e in problem.edges:
            extra = self.late[e.deadline] if e.deadline is not None and soft else None
            if extra is not None:
                m.add(self.x[e.dst] - self.x[e.src] <= e.weight + extra)
            elif e.deadline is not None and self.held:
                m.add(self.x[e.dst] - self.x[e.src] <= e.weight).only_enforce_if(
                    self.held[e.deadline])
            else:
                m.add(self.x[e.dst] - self.x[e.src] <= e.weight)
        self._resources(capacity or {})
        self.goal = self._goal()

    def _moment(self, moment: Moment | None, default: int) -> cp_model.LinearExprT:
        if moment is None:
            return default
        return moment.day if moment.day is not None else self.x[moment.point or 0]

    def _resources(self, extra: dict[int, int]) -> None:
        p, m = self.p, self.m
        far = p.hi + max([t.duration for t in p.tasks], default=0) + 1
        for r, res in enumerate(p.resources):
            intervals, demands = [], []
            for i, t in enumerate(p.tasks):
                amount = dict(t.demands).get(r, 0)
                if amount and t.duration:
                    intervals.append(
                        m.new_optional_fixed_size_interval_var(self.x[t.start], t.duration,
                                                          self.holds[i], f"{t.id}@{res.id}")
                        if self.holds else
                        m.new_fixed_size_interval_var(self.x[t.start], t.duration,
                                                  f"{t.id}@{res.id}"))
                    demands.append(amount)
            if not intervals:
                continue
            for first, until in res.closed:  # a closure shares no day with work holding it
                off = m.new_fixed_size_interval_var(first, until - first, f"closed@{res.id}")
                for work in list(intervals):
                    m.add_no_overlap([off, work])
            for c in res.changes:
                start, end = self._moment(c.start, p.lo), self._moment(c.end, far)
                spans = [(start, end)] if c.add < 0 else \
                    [(p.lo, start)] * (c.start is not None) + [(end, far)] * (c.end is not None)
                for a, b in spans:
                    # a change may reach past the horizon either side: only the part of
                    # it inside [lo, far] blocks units, and a span ends no sooner than it
                    # starts (an event-bounded change may end before it would begin)
                    a, b = _within(a, p.lo, far), _within(b, p.lo, far)
                    if isinstance(a, int) and isinstance(b, int):
                        if b > a:
                            intervals.append(m.new_fixed_size_interval_var(
                                a, b - a, f"off@{res.id}"))
                            demands.append(abs(c.add))
                        continue
                    end = m.new_int_var(p.lo, far, "")
                    m.add_max_equality(end, [_expr(a), _expr(b)])
                    size = m.new_int_var(0, far - p.lo, "")
                    m.add(size == end - _expr(a))
                    intervals.append(m.new_interval_var(_expr(a), size, end, f"off@{res.id}"))
                    demands.append(abs(c.add))
            m.add_cumulative(intervals, demands, res.peak + extra.get(r, 0))

    def _goal(self) -> cp_model.IntVar:
        p, m = self.p, self.m
        span = m.new_int_var(p.lo, p.hi, "makespan")
        ends = p.end_points if p.end_points is not None else range(len(p.points))
        for v in ends:
            m.add(span >= self.x[v])
        for t in p.tasks:
            m.add(span >= self.x[t.start] + t.duration)
        if self.objective == "makespan":
            return span
        big = _big(p)
        terms = []
        for k, d in enumerate(p.deadlines):
            late = self.late[k]
            assert late is not None
            missed = m.new_bool_var(f"missed_{d.id}")
            m.add(late == 0).only_enforce_if(missed.negated())
            terms.append(d.weight * (big * missed + late))
        cost = m.new_int_var(0, cp_model.INT32_MAX * 64, "cost")
        m.add(cost == sum(terms))
        whole = m.new_int_var(0, cp_model.INT32_MAX * 2**20, "objective")
        m.add(whole == cost * (p.hi - p.lo + 1) + span - p.lo)  # then the shortest
        return whole

    def hint(self, times: list[int]) -> None:
        for var, day in zip(self.x, times, strict=True):
            self.m.add_hint(var, day)


def solve(problem: Problem, *, objective: Objective = "makespan", time_limit: float = 10.0,
          workers: int = 2, warm_start: bool = True, tidy: bool = False,
          capacity: dict[int, int] | None = None) -> Solved:
    """The best schedule found within ``time_limit`` seconds, with its bound.

    ``capacity`` adds units to resources by index (what one more unit would buy).
    """
    started = time.perf_counter()
    model = _Model(problem, objective, capacity)
    start = serial_schedule(_with_capacity(problem, capacity),
                            deadlines=objective == "makespan") if warm_start else None
    heuristic = None
    if start is not None:
        model.hint(start)
        heuristic = _value(problem, objective, start)
    m = model.m
    m.minimize(model.goal)
    solver = _solver(time_limit, workers)
    code = solver.solve(m)
    status: Status = _STATUS.get(code, "unknown")
    if status in ("infeasible", "unknown"):
        return Solved(status, objective, heuristic=heuristic,
                      seconds=time.perf_counter() - started)
    times = [int(solver.value(v)) for v in model.x]
    value, bound = _value(problem, objective, times), _bound(problem, objective, solver)
    if tidy:
        times = _tidy(model, solver, times, time_limit - (time.perf_counter() - started),
                      workers)
    return Solved(status, objective, times, value, bound if status == "feasible" else value,
                  lateness_of(problem, times), heuristic, time.perf_counter() - started)


def _within(value: Any, lo: int, hi: int) -> Any:
    """A fixed day moved into [lo, hi]; a point's time is there already (its domain)."""
    return min(max(value, lo), hi) if isinstance(value, int) else value


def _expr(value: object) -> Any:
    """A day or a point's time, as CP-SAT arithmetic takes it."""
    return value


def _value(problem: Problem, objective: Objective, times: list[int]) -> int:
    if objective == "makespan":
        return measure_makespan(problem, times)
    return cost_of(problem, lateness_of(problem, times))


def _bound(problem: Problem, objective: Objective, solver: cp_model.CpSolver) -> int:
    bound = int(-(-solver.best_objective_bound // 1))
    if objective == "makespan":
        return bound
    return bound // (problem.hi - problem.lo + 1)


def _solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    return solver


def _tidy(model: _Model, solver: cp_model.CpSolver, times: list[int], seconds: float,
          workers: int) -> list[int]:
    """The same objective value, every point as early as it can be."""
    m = model.m
    m.add(model.goal <= int(solver.value(model.goal)))
    m.clear_hints()  # type: ignore[no-untyped-call]
    model.hint(times)
    m.minimize(sum(model.x))
    second = _solver(max(1.0, seconds), workers)
    if second.solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [int(second.value(v)) for v in model.x]
    return times


def _with_capacity(problem: Problem, capacity: dict[int, int] | None) -> Problem:
    if not capacity:
        return problem
    from dataclasses import replace

    resources = [replace(r, capacity=r.capacity + capacity.get(i, 0))
                 for i, r in enumerate(problem.resources)]
    return replace(problem, resources=resources)
