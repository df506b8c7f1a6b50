"""Level a plan: the exact schedule under its resources, against the same plan unlimited,
with the resource behind each late deadline and what one more unit of it buys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from ..model import Plan
from .conflict import find_conflict
from .cpsat import Objective, Solved, solve
from .fromplan import Frame, problem_of
from .network import Distances
from .problem import Deadline, Problem, Task
from .result import Conflicting, DeadlineRow, Levelling, LoadStep, ResourceRow, TaskRow
from .validate import violations

__all__ = ["level"]

UNLIMITED = 10**6


def level(plan: Plan, *, objective: Objective = "lateness", time_limit: float = 10.0,
          workers: int = 1, drivers: bool = True) -> Levelling:
    """The levelled plan; ``drivers``: re-solve per resource to say what drives lateness."""
    frame = problem_of(plan)
    p = frame.problem
    run = partial(solve, objective=objective, time_limit=time_limit, workers=workers,
                  tidy=True)
    free, main = run(p.unlimited()), run(p)
    out = Levelling(plan.id, objective, main.status, frame.origin_date, main.value,
                    main.bound, main.gap, main.heuristic, notes=list(frame.notes))
    if free.times is not None:
        out.unlimited = _event_days(p, free.times)
        out.makespan_unlimited = free.makespan(p)
    if main.times is None:
        if main.status == "infeasible":
            out.conflict = _conflict(frame, time_limit)
        return out
    out.makespan = main.makespan(p)
    out.dates = _event_days(p, main.times)
    out.tasks = _tasks(frame, main.times, free.times)
    out.violations = violations(p, main.times, lateness=main.lateness
                                if objective == "lateness" else None)
    late_free = free.lateness if free.times is not None else [0] * len(p.deadlines)
    found = _drivers(p, run) if drivers else {}
    out.deadlines = [_deadline_row(p, k, main.lateness, late_free, found)
                     for k in range(len(p.deadlines))]
    out.resources = [_resource_row(p, r, main, found, plan) for r in range(len(p.resources))]
    return out


def _event_days(p: Problem, times: list[int]) -> dict[str, int]:
    return {name: times[v] for v, name in enumerate(p.points)
            if v != p.origin and not name.endswith("@work")}


def _tasks(frame: Frame, times: list[int], free: list[int] | None) -> list[TaskRow]:
    p = frame.problem
    rows = []
    for task, act in zip(p.tasks, frame.activities, strict=True):
        start = times[task.start]
        end = start + task.duration
        before = free[task.start] + task.duration if free is not None else end
        waits = start - times[task.delayed_from] if task.delayed_from is not None else 0
        demands = tuple((p.resources[r].id, n) for r, n in task.demands)
        rows.append(TaskRow(task.id, act.label(), start, end, demands, waits, end - before))
    return rows


def _drivers(p: Problem, run: Callable[..., Solved]) -> dict[str, Solved]:
    """Re-solved with one more unit (``+1:R``) and with no limit (``inf:R``), per resource
    some task uses, when anything is late or the plan longer than it could be."""
    used = sorted({r for t in p.tasks for r, _ in t.demands})
    out: dict[str, Solved] = {}
    for r in used:
        for key, extra in (("+1", 1), ("inf", UNLIMITED)):
            out[f"{key}:{r}"] = run(p, capacity={r: extra})
    return out


def _deadline_row(p: Problem, k: int, late: list[int], late_free: list[int],
                  found: dict[str, Solved]) -> DeadlineRow:
    d = p.deadlines[k]
    drivers = []
    for r, res in enumerate(p.resources):
        other = found.get(f"inf:{r}")
        if other is not None and other.lateness and other.lateness[k] < late[k]:
            drivers.append((res.id, late[k] - other.lateness[k]))
    drivers.sort(key=lambda x: (-x[1], x[0]))
    return DeadlineRow(d.id, d.event, d.text, d.source, d.words, late[k], late_free[k],
                       tuple(drivers))


def _resource_row(p: Problem, r: int, main: Solved, found: dict[str, Solved],
                  plan: Plan) -> ResourceRow:
    assert main.times is not None
    res = p.resources[r]
    spec = next(x for x in plan.resources if x.id == res.id)
    steps = _steps(p, r, main.times)
    more = found.get(f"+1:{r}")
    gain: int | None = None
    per: tuple[tuple[str, int], ...] = ()
    if more is not None and more.times is not None:
        if main.objective == "makespan":
            gain = (main.makespan(p) or 0) - (more.makespan(p) or 0)
        else:
            gain = sum(main.lateness) - sum(more.lateness)
        per = tuple((p.deadlines[k].id, a - b) for k, (a, b) in
                    enumerate(zip(main.lateness, more.lateness, strict=True)) if a != b)
    return ResourceRow(res.id, res.name or res.id, spec.kind.value, res.capacity,
                       max((s.used for s in steps), default=0), tuple(steps), gain, per)


def _steps(p: Problem, r: int, times: list[int]) -> list[LoadStep]:
    spans = [(times[t.start], times[t.start] + t.duration, n) for t in p.tasks
             for rr, n in t.demands if rr == r and t.duration]
    if not spans:
        return []
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    res = p.resources[r]
    steps: list[LoadStep] = []
    for day in range(first, last + 1):
        used = sum(n for a, b, n in spans if a <= day < b)
        cap = res.capacity_on(day, times)
        if not steps or (steps[-1].used, steps[-1].capacity) != (used, cap):
            steps.append(LoadStep(day, used, cap))
    return steps


def _conflict(frame: Frame, time_limit: float) -> Conflicting | None:
    p = frame.problem
    found = find_conflict(p, time_limit=time_limit)
    if found is None:
        return None
    deadlines = [p.deadlines[k] for k in found.deadlines]
    tasks = [p.tasks[i] for i in found.tasks]
    resources = sorted({p.resources[r].id for t in tasks for r, _ in t.demands})
    held = Distances(replace(p, edges=[e for e in p.edges if e.deadline is None
                                       or e.deadline in found.deadlines]))
    first = min((held.earliest(t.start) for t in tasks), default=None) \
        if held.consistent else None
    last = max((held.latest(t.start) + t.duration for t in tasks), default=None) \
        if held.consistent else None
    return Conflicting(tuple(d.id for d in deadlines), tuple(t.id for t in tasks),
                       tuple(resources), first, last,
                       _reason(frame, deadlines, tasks, resources, first, last),
                       found.minimal)


def _reason(frame: Frame, dl: Sequence[Deadline], ts: Sequence[Task],
            resources: list[str], first: int | None, last: int | None) -> str:
    said = "; ".join(f"{d.text}" + (f" [{d.source}] '{d.words}'" if d.words else "")
                     for d in dl)
    if not ts and not dl:
        return ("with the planned durations of the activities that demand resources, the "
                "plan's fixed dates and logic contradict each other")
    if not ts:
        return f"with the planned durations these deadlines cannot all be met: {said}"
    span = ""
    if first is not None and last is not None:
        d = frame.date_of
        span = f" between {d(first) or first} and {d(last) or last}"
    work = ", ".join(t.id for t in ts)
    meet = f" and still meet {said}" if dl else ""
    return f"{', '.join(resources)} cannot hold {work}{span}{meet}"
