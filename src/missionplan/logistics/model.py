"""The time-indexed CP-SAT model: one choice of (route, start day) per serial.

Variables ``x[j, o, s]`` say serial ``j`` takes option ``o`` starting on day
``s``; each pattern's daily use of road segments, crossings and aircraft is
summed against capacity. ``D`` is the day by which the threshold share of the
authorised strength is in place; lateness is person-days past required dates.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .bounds import air_energy_bound
from .network import Conditions
from .routes import Job, Option, Pattern

__all__ = ["Choice", "DeploymentModel", "build_model"]

Table = dict[str, list[tuple[Option, dict[int, Pattern]]]]


@dataclass(frozen=True)
class Choice:
    job: str
    option: int
    start: int


@dataclass
class DeploymentModel:
    """The model with handles on its decision and objective variables."""

    model: cp_model.CpModel
    x: dict[Choice, cp_model.IntVar]
    finish: dict[str, cp_model.IntVar]
    deployed: cp_model.IntVar
    lateness: cp_model.LinearExprT
    binding: list[tuple[str, int]] = field(default_factory=list)
    late: dict[str, tuple[cp_model.IntVar, int]] = field(default_factory=dict)
    counted: dict[str, cp_model.IntVar] = field(default_factory=dict)

    def hint(self, chosen: dict[str, Choice], finishes: dict[str, int], *,
             day: int | None = None) -> None:
        """Hint a complete solution: the choices and every variable that follows from them
        (``day``: its deployed day, by default the last finish)."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for choice, var in self.x.items():
            self.model.add_hint(var, int(chosen.get(choice.job) == choice))
        for job, f in finishes.items():
            self.model.add_hint(self.finish[job], f)
        for job, (var, required) in self.late.items():
            self.model.add_hint(var, max(0, finishes[job] - required))
        if day is None:
            day = max(finishes.values(), default=0)
        self.model.add_hint(self.deployed, day)
        for job, var in self.counted.items():
            self.model.add_hint(var, int(finishes[job] <= day))


def build_model(jobs: list[Job], table: Table, cond: Conditions, *, threshold: float,
                present: int, authorised: int, horizon: int) -> DeploymentModel:
    """Build the model; ``present`` personnel are in place from day 0."""
    m = cp_model.CpModel()
    x: dict[Choice, cp_model.IntVar] = {}
    finish: dict[str, cp_model.IntVar] = {}
    late_terms: list[cp_model.LinearExprT] = []
    late_vars: dict[str, tuple[cp_model.IntVar, int]] = {}
    for job in jobs:
        choices = _choices(m, x, job, table[job.id])
        m.add_exactly_one(v for _, v, _ in choices)
        lo = min(p.finish for _, _, p in choices)
        hi = max(p.finish for _, _, p in choices)
        f = m.new_int_var(lo, hi, f"finish[{job.id}]")
        m.add(f == sum(p.finish * v for _, v, p in choices))
        finish[job.id] = f
        if job.required_by is not None and hi > job.required_by:
            late = m.new_int_var(0, hi - job.required_by, f"late[{job.id}]")
            m.add(late >= f - job.required_by)
            late_terms.append(job.personnel * late)
            late_vars[job.id] = (late, job.required_by)
    binding = _capacities(m, x, jobs, table, cond)
    _serial_order(m, jobs, finish)
    floor = max((f.proto.domain[0] for f in finish.values()), default=0)
    deployed = m.new_int_var(floor if threshold >= 1 else 0, horizon, "deployed")
    counted = _threshold(m, jobs, finish, deployed, threshold=threshold, present=present,
                         authorised=authorised)
    if not counted:
        m.add(deployed >= air_energy_bound(jobs, table, cond, floor=floor, horizon=horizon))
    return DeploymentModel(m, x, finish, deployed, cp_model.LinearExpr.sum(late_terms), binding,
                           late_vars, counted)


def _choices(m: cp_model.CpModel, x: dict[Choice, cp_model.IntVar], job: Job,
             options: list[tuple[Option, dict[int, Pattern]]]
             ) -> list[tuple[Choice, cp_model.IntVar, Pattern]]:
    out = []
    for oi, (_, patterns) in enumerate(options):
        for start, pattern in patterns.items():
            choice = Choice(job.id, oi, start)
            var = m.new_bool_var(f"x[{job.id},{oi},{start}]")
            x[choice] = var
            out.append((choice, var, pattern))
    return out


def _capacities(m: cp_model.CpModel, x: dict[Choice, cp_model.IntVar], jobs: list[Job],
                table: Table, cond: Conditions) -> list[tuple[str, int]]:
    """Capacity rows, only for (resource, day) pairs that demand could overfill."""
    terms: dict[tuple[str, int], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    peak: dict[tuple[str, int], int] = defaultdict(int)
    for job in jobs:
        job_peak: dict[tuple[str, int], int] = defaultdict(int)
        for oi, (_, patterns) in enumerate(table[job.id]):
            for start, pattern in patterns.items():
                var = x[Choice(job.id, oi, start)]
                for res, day, amount in pattern.uses:
                    terms[res, day].append((amount, var))
                    job_peak[res, day] = max(job_peak[res, day], amount)
        for key, amount in job_peak.items():
            peak[key] += amount
    rows = []
    for (res, day), items in terms.items():
        cap = cond.capacity(res, day)
        if peak[res, day] > cap:
            m.add(sum(a * v for a, v in items) <= cap)
            rows.append((res, day))
    return rows


def _serial_order(m: cp_model.CpModel, jobs: list[Job],
                  finish: dict[str, cp_model.IntVar]) -> None:
    """Serials of one unit are interchangeable: make them finish in order."""
    by_unit: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_unit[job.unit].append(job)
    for serials in by_unit.values():
        for a, b in itertools.pairwise(serials):
            if (a.personnel, a.vehicles, a.tonnage) == (b.personnel, b.vehicles, b.tonnage):
                m.add(finish[a.id] <= finish[b.id])


def _threshold(m: cp_model.CpModel, jobs: list[Job], finish: dict[str, cp_model.IntVar],
               deployed: cp_model.IntVar, *, threshold: float, present: int,
               authorised: int) -> dict[str, cp_model.IntVar]:
    """``deployed`` is on or after the day the threshold share of strength is in place."""
    need = max(0, _ceil_share(threshold, authorised) - present)
    movers = sum(j.personnel for j in jobs)
    if need >= movers:
        for job in jobs:
            m.add(deployed >= finish[job.id])
        return {}
    counted = {}
    for job in jobs:
        b = m.new_bool_var(f"counted[{job.id}]")
        m.add(finish[job.id] <= deployed).only_enforce_if(b)
        counted[job.id] = b
    m.add(sum(job.personnel * counted[job.id] for job in jobs) >= need)
    return counted


def _ceil_share(share: float, total: int) -> int:
    """The personnel a share of ``total`` means, rounded up (exact for 90%, 100%)."""
    scaled = round(share * 10**6) * total
    return -(-scaled // 10**6)
