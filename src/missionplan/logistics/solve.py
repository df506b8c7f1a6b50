"""Plan a deployment: build the routes, take the best of some greedy plans as a start, then
let CP-SAT minimise the deployed day and, with that day held, the person-days late."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from ..errors import SolverError
from .data import DeploymentData
from .greedy import Assignment, greedy_assign, in_serial_order, perturbed_greedy
from .model import Choice, DeploymentModel, Table, build_model
from .network import Conditions, road_graph
from .outputs import bottlenecks, curve, day_reaching, lift_needed, needed_personnel
from .result import DeploymentResult, Movement
from .routes import Job, Option, Pattern, Router, build_jobs, build_options
from .whatif import WhatIf, whatif_from_spec

__all__ = ["Progress", "greedy_deployment", "plan_deployment"]

Progress = Callable[[float, float, float], None]
"""Called on each better solution with (objective, bound, seconds elapsed)."""

MAX_DAYS = 365


@dataclass
class _Setup:
    cond: Conditions
    jobs: list[Job]
    options: dict[str, list[Option]]
    router: Router
    present: int
    authorised: int


def _setup(data: DeploymentData, resolution_date: date, what_if: WhatIf | None,
           routes: int) -> _Setup:
    merged = whatif_from_spec(data.spec).merged(what_if or WhatIf())
    cond = Conditions(data, resolution_date, merged)
    jobs = build_jobs(cond)
    graph = road_graph(cond)
    options = {j.id: build_options(j, cond, graph, k=routes) for j in jobs}
    horizon = max((j.arrival for j in jobs), default=0) + MAX_DAYS
    present = sum(u.personnel for u in data.force.units if u.in_place)
    authorised = sum(u.personnel for u in data.force.units)
    return _Setup(cond, jobs, options, Router(cond, horizon=horizon), present, authorised)


def greedy_deployment(data: DeploymentData, *, resolution_date: date,
                      what_if: WhatIf | None = None, routes: int = 3) -> DeploymentResult:
    """The baseline: arrival order, each serial on its soonest open route with room left."""
    started = time.perf_counter()
    s = _setup(data, resolution_date, what_if, routes)
    assignment = greedy_assign(s.jobs, s.options, s.router, max_days=MAX_DAYS)
    result = _result(s, assignment, status="greedy", gap=0.0, bound=0.0)
    result.seconds = time.perf_counter() - started
    result.greedy_day = result.deployed_day
    return result


def plan_deployment(data: DeploymentData, *, resolution_date: date, time_limit: float = 30.0,
                    what_if: WhatIf | None = None, progress: Progress | None = None,
                    workers: int = 2, routes: int = 3) -> DeploymentResult:
    """The movement plan that reaches the threshold strength soonest, then is least late."""
    started = time.perf_counter()
    s = _setup(data, resolution_date, what_if, routes)
    greedy = greedy_assign(s.jobs, s.options, s.router, max_days=MAX_DAYS)
    greedy_result = _result(s, greedy, status="greedy", gap=0.0, bound=0.0)
    start = perturbed_greedy(s.jobs, s.options, s.router, max_days=MAX_DAYS,
                             seconds=min(10.0, 0.1 * time_limit), floor=_floor(s))
    horizon = max((p.finish for _, p in start.values()), default=0)
    table = _table(s, horizon)
    dm = build_model(s.jobs, table, s.cond, threshold=s.cond.what_if.threshold,
                     present=s.present, authorised=s.authorised, horizon=horizon)
    _hint(dm, table, start)
    spent = time.perf_counter() - started
    first = _solve(dm, dm.deployed, 0.7 * time_limit - spent, workers, progress, started)
    if first is None:
        return _fallback(greedy_result, started)
    solver, status = first
    day, bound = int(solver.value(dm.deployed)), solver.best_objective_bound
    optimal_day = status == cp_model.OPTIMAL
    day_seconds = time.perf_counter() - started
    dm.model.add(dm.deployed <= day)
    # The least-late plan known on or before that day (the optimiser's, the greedy plan or
    # the start) is hinted and caps the lateness, so the optimiser never does worse than it.
    known = [_assignment(dm, table, solver), in_serial_order(greedy, s.jobs), start]
    incumbent = _least_late(s, table, day, known)
    _hint(dm, table, incumbent, day=day)
    dm.model.add(dm.lateness <= _lateness(s, incumbent))
    remaining = max(1.0, time_limit - (time.perf_counter() - started))
    # Person-days late first, then earliest arrivals (no serial waits without a reason).
    weight = 1 + len(dm.finish) * (horizon + 1)
    arrivals = cp_model.LinearExpr.sum(list(dm.finish.values()))
    second = _solve(dm, cp_model.LinearExpr.weighted_sum([dm.lateness, arrivals], [weight, 1]),
                    remaining, workers, None, started)
    notes = []
    if second is not None:
        solver = second[0]
        if second[1] != cp_model.OPTIMAL:
            notes.append("lateness not proven least within the time limit")
    assignment = _assignment(dm, table, solver) if second is not None else incumbent
    result = _result(s, assignment, status="optimal" if optimal_day else "feasible", gap=0.0,
                     bound=bound)
    reached = result.deployed_day if result.deployed_day is not None else day
    result.gap = 0.0 if reached <= bound else (reached - bound) / reached
    result.greedy_day = greedy_result.deployed_day
    result.seconds = time.perf_counter() - started
    result.day_seconds = day_seconds
    result.notes.extend(notes)
    return result


def _floor(s: _Setup) -> int:
    """No plan completes before every serial's earliest finish on an empty network.

    A later start never finishes sooner on the same route (convoys do not overtake), so
    each route's first feasible start gives its earliest finish.
    """
    day = 0
    for job in s.jobs:
        finishes = []
        for option in s.options[job.id]:
            for start in range(job.arrival, job.arrival + MAX_DAYS):
                pattern = s.router.simulate(job, option, start)
                if pattern is not None:
                    finishes.append(pattern.finish)
                    break
        day = max(day, min(finishes, default=0))
    return day


def _table(s: _Setup, horizon: int) -> Table:
    table: Table = {}
    for job in s.jobs:
        rows = []
        for option in s.options[job.id]:
            patterns = {st: p for st, p in s.router.patterns(job, option, first=job.arrival,
                                                             last=horizon).items()
                        if p.finish <= horizon}
            if patterns:
                rows.append((option, patterns))
        table[job.id] = rows
    return table


def _hint(dm: DeploymentModel, table: Table, assignment: Assignment, *,
          day: int | None = None) -> None:
    chosen = {}
    for job_id, (option, pattern) in assignment.items():
        oi = next(i for i, (o, _) in enumerate(table[job_id]) if o.id == option.id)
        chosen[job_id] = Choice(job_id, oi, pattern.start)
    dm.hint(chosen, {j: p.finish for j, (_, p) in assignment.items()}, day=day)


def _in_table(table: Table, assignment: Assignment) -> bool:
    """Is every move of the plan one of the model's choices?"""
    return all(any(o.id == option.id and patterns.get(pattern.start) == pattern
                   for o, patterns in table[job_id])
               for job_id, (option, pattern) in assignment.items())


def _lateness(s: _Setup, assignment: Assignment) -> int:
    """Person-days late, as the model counts them."""
    jobs = {j.id: j for j in s.jobs}
    return sum(jobs[jid].personnel * max(0, p.finish - req)
               for jid, (_, p) in assignment.items()
               if (req := jobs[jid].required_by) is not None)


def _least_late(s: _Setup, table: Table, day: int, plans: list[Assignment]) -> Assignment:
    """Of the plans deployed by ``day`` that the model can express, the least late (then the
    earliest arrivals); the first plan, the optimiser's, is always one of them."""
    jobs = {j.id: j for j in s.jobs}
    threshold = s.cond.what_if.threshold

    def deployed(plan: Assignment) -> int | None:
        moves = [_movement(jobs[jid], o, p) for jid, (o, p) in plan.items()]
        return day_reaching(moves, threshold, present=s.present, authorised=s.authorised)

    fitting = [plan for plan in plans[1:] if _in_table(table, plan)
               and (d := deployed(plan)) is not None and d <= day]
    return min([plans[0], *fitting],
               key=lambda plan: (_lateness(s, plan), sum(p.finish for _, p in plan.values())))


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress, started: float) -> None:
        super().__init__()
        self._progress, self._started = progress, started

    def on_solution_callback(self) -> None:
        self._progress(self.objective_value, self.best_objective_bound,
                       time.perf_counter() - self._started)


def _solve(dm: DeploymentModel, objective: cp_model.LinearExprT, seconds: float, workers: int,
           progress: Progress | None,
           started: float) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus] | None:
    dm.model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    # Probing costs more than it saves on these many small at-most-one blocks (bench/deploy.py).
    solver.parameters.cp_model_probing_level = 0
    callback = _Callback(progress, started) if progress is not None else None
    status = solver.solve(dm.model, callback)
    if status == cp_model.INFEASIBLE or status == cp_model.MODEL_INVALID:
        raise SolverError(f"the deployment model is {solver.status_name(status).lower()}: "
                          "this is a bug, the greedy plan should satisfy it")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver, status


def _assignment(dm: DeploymentModel, table: Table, solver: cp_model.CpSolver) -> Assignment:
    out: Assignment = {}
    for choice, var in dm.x.items():
        if solver.value(var):
            option, patterns = table[choice.job][choice.option]
            out[choice.job] = (option, patterns[choice.start])
    return out


def _fallback(greedy: DeploymentResult, started: float) -> DeploymentResult:
    greedy.notes.append("CP-SAT found no solution in the time limit: the greedy plan is shown")
    greedy.greedy_day = greedy.deployed_day
    greedy.seconds = time.perf_counter() - started
    return greedy


def _result(s: _Setup, assignment: Assignment, *, status: str, gap: float,
            bound: float) -> DeploymentResult:
    jobs = {j.id: j for j in s.jobs}
    movements = sorted((_movement(jobs[jid], o, p) for jid, (o, p) in assignment.items()),
                       key=lambda m: (m.depart, m.arrive, m.job))
    threshold = s.cond.what_if.threshold
    deployed = day_reaching(movements, threshold, present=s.present, authorised=s.authorised)
    completion = max((m.arrive for m in movements), default=0)
    notes = [] if s.authorised else ["no authorised strength: nothing to deploy"]
    return DeploymentResult(
        resolution_date=s.cond.resolution_date, status=status, threshold=threshold,
        deployed_day=deployed, completion_day=completion,
        day_90=day_reaching(movements, 0.9, present=s.present, authorised=s.authorised),
        gap=gap, bound=bound, lateness=sum(m.lateness * m.personnel for m in movements),
        movements=movements, curve=curve(movements, present=s.present,
                                         authorised=s.authorised),
        authorised=s.authorised, lift=lift_needed(movements, s.cond),
        bottlenecks=bottlenecks(movements, s.cond, until=deployed or completion, jobs=jobs,
                                options=s.options, router=s.router),
        what_if=s.cond.what_if,
        notes=[*notes, f"threshold: {needed_personnel(threshold, s.authorised)} of "
                       f"{s.authorised} personnel"])


def _movement(job: Job, option: Option, pattern: Pattern) -> Movement:
    return Movement(job=job.id, unit=job.unit, mode=option.mode, option=option.id,
                    route=option.path, depart=pattern.start, arrive=pattern.finish,
                    personnel=job.personnel, vehicles=job.vehicles, tonnage=job.tonnage,
                    legs=pattern.legs, required_by=job.required_by)
