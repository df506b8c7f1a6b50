"""A plan as a levelling problem: its own simple temporal network, with demands.

Every bound of the temporal engine's network is kept (relations, calendar bounds,
anchors, actual dates) except the duration bounds of an activity that demands
resources: its work takes its most likely duration, starting on or after its start
event (when it must wait for a resource) and ending on its end event; one whose start
and end both have actual dates ran between them, and what it held is history: the
facts are not levelled. Deadlines are
the network's target bounds from above; a criterion's deadlines weigh ten times more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import InconsistentPlanError
from ..model import Activity, Plan, Resource
from ..model.base import Approval
from ..temporal import EdgeKind, Network, build_network, solve_network
from ..temporal.edges import Role
from .problem import Change, Deadline, Edge, Moment, Problem, ResourceSpec, Task

__all__ = ["CRITERION_WEIGHT", "Frame", "problem_of"]

CRITERION_WEIGHT = 10


@dataclass
class Frame:
    """The problem and what its parts are in the plan."""

    problem: Problem
    origin_date: date | None
    activities: list[Activity]
    """The activity behind each task, in task order."""
    notes: list[str] = field(default_factory=list)

    def date_of(self, day: int) -> date | None:
        from datetime import timedelta

        return None if self.origin_date is None else self.origin_date + timedelta(days=day)


def _levelled(plan: Plan) -> list[Activity]:
    return [a for a in plan.activities if a.approval is Approval.approved and
            any(d.amount > 0 for d in a.demands)]


def problem_of(plan: Plan) -> Frame:
    """The levelling problem of ``plan`` (``InconsistentPlanError`` if it has no events)."""
    net = build_network(plan)
    if net.origin is None:
        raise InconsistentPlanError("the plan has no events to date",
                                    code="inconsistent-plan")
    notes: list[str] = []
    net = _given_way(plan, net, notes)
    assert net.origin is not None
    working = [a for a in _levelled(plan) if _planned_days(a, plan) is not None]
    notes += [f"{a.id} demands resources but has no duration: its demands are left out"
              for a in _levelled(plan) if a not in working]
    replaced = {a.id for a in working}
    points = list(net.names)
    deadlines: list[Deadline] = []
    index: dict[str, int] = {}
    criteria = {d for c in plan.criteria for d in c.deadlines}
    edges: list[Edge] = []
    for e, ref in enumerate(net.refs):
        if ref.kind is EdgeKind.activity and ref.item in replaced:
            continue
        k = None
        if ref.role is Role.target and ref.bound == "max":
            if ref.item not in index:
                index[ref.item] = len(deadlines)
                deadlines.append(Deadline(
                    ref.item, CRITERION_WEIGHT if ref.item in criteria else 1, ref.phrase(),
                    ref.to, str(ref.source or ""), plan.quote(ref.source)))
            k = index[ref.item]
        weight = ref.weight if k is None else ref.weight - ref.relaxed_by  # a deadline: as due
        edges.append(Edge(int(net.src[e]), int(net.dst[e]), weight, ref.item, k))
    at = {name: i for i, name in enumerate(points)}
    resource_index = {r.id: i for i, r in enumerate(plan.resources)}
    tasks = []
    for a in working:
        days = _planned_days(a, plan)
        assert days is not None
        s = len(points)
        points.append(f"{a.id}@work")
        start, end = at[a.start], at[a.end]
        edges += [Edge(s, start, 0, f"{a.id} starts on or after {a.start}"),
                  Edge(s, end, days, f"{a.id} takes {days} days"),
                  Edge(end, s, -days, f"{a.id} takes {days} days")]
        done = a.start in plan.actual_dates() and a.end in plan.actual_dates()
        if done:  # history: it ran between its dates, whatever it held
            edges.append(Edge(start, s, 0, f"{a.id} ran from {a.start} to {a.end}"))
        demands = () if done else tuple((resource_index[d.resource], d.amount)
                                        for d in a.demands if d.amount > 0)
        tasks.append(Task(a.id, s, days, demands, end=end, delayed_from=start))
    resources = [_resource(r, at, net.origin_date, notes) for r in plan.resources]
    problem = Problem(points, edges, tasks, resources, origin=net.origin,
                      deadlines=deadlines, name=plan.id)
    return Frame(problem, net.origin_date, working, notes)


def _given_way(plan: Plan, net: Network, notes: list[str]) -> Network:
    """The network with the bounds the recorded facts contradict loosened, as the temporal
    engine loosens them (estimates first, then targets, assumed anchors, logic)."""
    if not plan.actuals or solve_network(net).consistent:
        return net
    from ..temporal.facts import give_way

    loosened, moved = give_way(net)
    notes += [f"{g.edge.item} gave way to the recorded dates by {g.days} days"
              for g in moved if g.edge.role is not Role.target]
    return loosened


def _planned_days(a: Activity, plan: Plan) -> int | None:
    """The activity's most likely duration in days (as it fell, once both ends are done)."""
    actual = plan.actual_dates()
    if a.start in actual and a.end in actual:
        return (actual[a.end] - actual[a.start]).days
    if a.duration is None:
        return None
    likely = a.duration.most_likely()
    start = {**plan.anchor_dates(), **actual}.get(a.start)
    if start is not None:
        return likely.days_from(start)
    lo, hi = likely.day_bounds()
    return (lo + hi + 1) // 2


def _resource(r: Resource, at: dict[str, int], origin: date | None,
              notes: list[str]) -> ResourceSpec:
    changes = []
    for c in r.changes:
        moments = [_moment(m, at, origin) for m in (c.from_, c.until)]
        if any(m is False for m in moments):
            notes.append(f"{r.id}: a change dated {c.from_ or c.until} is left out: the plan "
                         "has no date to count from")
            continue
        changes.append(Change(c.add, *(m if isinstance(m, Moment) else None
                                       for m in moments)))
    closed = tuple(((c.from_ - origin).days, (c.until - origin).days) for c in r.closed
                   if origin is not None)
    if r.closed and origin is None:
        notes.append(f"{r.id}: its closed days are left out: the plan has no date to count "
                     "from")
    return ResourceSpec(r.id, r.capacity, tuple(changes), r.name, closed)


def _moment(m: date | str | None, at: dict[str, int],
            origin: date | None) -> Moment | bool | None:
    if m is None:
        return None
    if isinstance(m, date):
        return False if origin is None else Moment(day=(m - origin).days)
    return Moment(point=at[m])
