"""Recorded facts against the plan: re-dating from actual dates, and what logic forbids.

A fact (an actual date) never gives way. When the facts recorded contradict the plan's
other bounds, :func:`give_way` finds the least weighted loosening that makes the network
consistent again: estimates (an activity's assumed duration) give way first, then
targets (the directive's deadlines: missed by so many days), then assumed anchors, and
logic last, which only a confirmed correction should ever need. A linear programme
solved by HiGHS: minimise ``Σ cost_e · δ_e`` subject to ``x_v − x_u ≤ w_e + δ_e``. An
activity's least duration gives way as an estimate down to zero days and as logic below
it (an activity cannot end before it starts). The matrix is a network matrix with an
identity block, so the optimum is in whole days.

:func:`logic_breach` says whether one more fact would contradict the plan's logic, and
through which clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..errors import SolverError
from ..model import Duration, Plan
from .edges import EdgeKind, EdgeRef, Role
from .network import Network, build_network
from .solve import Engine

__all__ = ["COST", "Breach", "GiveWay", "check_facts", "dated_back", "give_way",
           "latest_by_logic", "logic_breach"]

COST: dict[Role, float] = {Role.estimate: 1.0, Role.target: 1e3, Role.anchor: 1e5,
                           Role.logic: 1e7}
"""What one day of loosening costs, by role: each tier gives way before the next."""


@dataclass(frozen=True, slots=True)
class GiveWay:
    """One bound that gave way to the facts, by ``days``; ``edge`` is as the plan wrote it."""

    edge: EdgeRef
    days: int

    @property
    def role(self) -> Role:
        """How the bound gave way: below an activity's zero it is logic, not an estimate."""
        if self.edge.kind is EdgeKind.activity and self.edge.bound == "min" and (
                self.days > max(self.edge.days, 0)):
            return Role.logic
        return self.edge.role

    def to_json(self) -> dict[str, object]:
        return {"edge": self.edge.to_json(), "days": self.days, "role": self.role.value}


def give_way(net: Network) -> tuple[Network, list[GiveWay]]:
    """The network loosened the least (by cost) so that it is consistent, and what moved.

    Raises SolverError when even loosening every bound but the facts cannot do it (two
    facts contradicting each other cannot happen: each event has one date).
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    costs: list[float] = []
    caps: list[tuple[float, float | None]] = []
    owner: list[int] = []  # the edge each loosening column belongs to
    for e, ref in enumerate(net.refs):
        rows += [e, e]
        cols += [int(net.dst[e]), int(net.src[e])]
        vals += [1.0, -1.0]
        for cost, cap in _tiers(ref):
            rows.append(e)
            cols.append(net.n + len(costs))
            vals.append(-1.0)
            costs.append(cost)
            caps.append((0.0, cap))
            owner.append(e)
    a_ub = coo_matrix((vals, (rows, cols)), shape=(net.m, net.n + len(costs))).tocsr()
    origin = net.origin if net.origin is not None else 0
    bounds = [(0.0, 0.0) if v == origin else (None, None) for v in range(net.n)] + caps
    objective = np.concatenate([np.zeros(net.n), np.asarray(costs)])
    res = linprog(objective, A_ub=a_ub, b_ub=np.asarray(net.weight, dtype=np.float64),
                  bounds=bounds, method="highs")
    if res.status != 0:
        raise SolverError(f"the recorded dates cannot be reconciled with the plan: "
                          f"{res.message}")
    moved: dict[int, int] = {}
    for j, e in enumerate(owner):
        days = round(res.x[net.n + j])
        if days > 0:
            moved[e] = moved.get(e, 0) + days
    refs = list(net.refs)
    for e, days in moved.items():
        refs[e] = replace(refs[e], relaxed_by=days)
    loosened = Network(net.names, net.src, net.dst, [r.weight for r in refs], net.forward,
                       refs, net.origin, net.origin_date, net.readings, net._index)
    return loosened, [GiveWay(net.refs[e], d) for e, d in sorted(moved.items())]


def _tiers(ref: EdgeRef) -> list[tuple[float, float | None]]:
    """(cost per day, most days at that cost) of each way the edge may give."""
    if ref.role is Role.fact:
        return []
    if ref.kind is EdgeKind.activity and ref.bound == "min":
        floor = max(ref.days, 0)
        tiers: list[tuple[float, float | None]] = [(COST[Role.estimate], float(floor))] \
            if floor else []
        return [*tiers, (COST[Role.logic], None)]
    return [(COST[ref.role], None)]


@dataclass(frozen=True, slots=True)
class Breach:
    """A date that the plan's logic forbids, and the chain of clauses that forbids it."""

    event: str
    day: date
    edges: list[EdgeRef]

    def describe(self, plan: Plan) -> str:
        """The reason, in the directive's words."""
        steps = []
        for e in self.edges:
            if e.kind is EdgeKind.actual and e.to == self.event:
                continue
            if e.kind is EdgeKind.actual:
                steps.append(f"{_name(plan, e.to)} happened on {e.text}")
                continue
            words = plan.quote(e.source)
            cite = f" [{e.source}]" if e.source else ""
            quote = f": '{words}'" if words else ""
            steps.append(f"{_logic_phrase(plan, e)}{cite}{quote}")
        steps = list(dict.fromkeys(steps))
        return (f"{_name(plan, self.event)} cannot have happened on {self.day}: "
                + "; ".join(steps))

    def to_json(self, plan: Plan) -> dict[str, object]:
        return {"event": self.event, "date": self.day.isoformat(),
                "reason": self.describe(plan), "edges": [e.to_json() for e in self.edges]}


def logic_breach(plan: Plan, event: str, day: date) -> Breach | None:
    """Whether recording ``event`` on ``day`` contradicts the plan's logic, given the other
    dates recorded (a breach some earlier confirmed correction made does not count again).

    Logic is the relations of nature 'logic' and the order of every activity (it ends on
    or after its start); targets, estimates and assumed anchors may all be missed.
    """
    plan.require_events([event])
    others = plan.model_copy(update={"actuals": [a for a in plan.actuals if a.event != event]})
    base = _logic_only(build_network(others.with_dates(actuals={event: day})))
    new = [e for e, r in enumerate(base.refs) if r.kind is EdgeKind.actual and r.to == event]
    without = _masked(base, new)
    eng = Engine(without)
    if eng.run(range(without.n)).cycle_node >= 0:  # earlier corrections: loosen them first
        without, _ = give_way(_all_logic_as(without, Role.target))
    net = _with_weights(base, without, new)
    eng = Engine(net)
    run = eng.run(range(net.n))
    if run.cycle_node < 0:
        return None
    return Breach(event, day, [net.refs[e] for e in eng.cycle_edges(run)])


def _logic_only(net: Network) -> Network:
    """The network's logic: logic relations, facts, and each activity's order (min 0)."""
    keep: list[int] = []
    refs: list[EdgeRef] = []
    for e, ref in enumerate(net.refs):
        if ref.role in (Role.logic, Role.fact):
            keep.append(e)
            refs.append(ref)
        elif ref.kind is EdgeKind.activity and ref.bound == "min":
            keep.append(e)
            refs.append(replace(ref, days=0, role=Role.logic, text="0d"))
    return Network(net.names, [net.src[e] for e in keep], [net.dst[e] for e in keep],
                   [r.weight for r in refs], [net.forward[e] for e in keep], refs,
                   net.origin, net.origin_date, net.readings, net._index)


def _masked(net: Network, drop: list[int]) -> Network:
    keep = [e for e in range(net.m) if e not in set(drop)]
    return Network(net.names, [net.src[e] for e in keep], [net.dst[e] for e in keep],
                   [net.weight[e] for e in keep], [net.forward[e] for e in keep],
                   [net.refs[e] for e in keep], net.origin, net.origin_date, net.readings,
                   net._index)


def _all_logic_as(net: Network, role: Role) -> Network:
    refs = [r if r.role is Role.fact else replace(r, role=role) for r in net.refs]
    return replace(net, refs=refs)


def _with_weights(base: Network, loosened: Network, new: list[int]) -> Network:
    """``base`` with the loosened weights of every edge but the new fact's."""
    refs = list(loosened.refs) + [base.refs[e] for e in new]
    src = list(loosened.src) + [base.src[e] for e in new]
    dst = list(loosened.dst) + [base.dst[e] for e in new]
    fwd = list(loosened.forward) + [base.forward[e] for e in new]
    return Network(base.names, src, dst, [r.weight for r in refs], fwd, refs, base.origin,
                   base.origin_date, base.readings, base._index)


def _name(plan: Plan, event: str) -> str:
    try:
        return f"'{plan.event(event).label()}'"
    except KeyError:
        return f"'{event}'"


def _logic_phrase(plan: Plan, e: EdgeRef) -> str:
    frm = _name(plan, e.frm) if e.frm else "day 0"
    if e.kind is EdgeKind.activity:
        return f"{_name(plan, e.to)} comes after {frm} (activity {e.item} runs between them)"
    if e.kind is EdgeKind.calendar:
        word = "no later than" if e.bound == "max" else "no earlier than"
        return f"{_name(plan, e.to)} comes {word} {e.text}"
    if e.bound == "min":
        gap = "after" if e.days == 0 else f"at least {e.days} days after"
        return f"{_name(plan, e.to)} comes {gap} {frm} ({e.item})"
    if e.days <= 0:
        gap = "before" if e.days == 0 else f"at least {-e.days} days before"
        return f"{_name(plan, e.to)} comes {gap} {frm} ({e.item})" if e.days else (
            f"{_name(plan, e.to)} comes no later than {frm} ({e.item})")
    return f"{_name(plan, e.to)} comes at most {e.days} days after {frm} ({e.item})"


def check_facts(plan: Plan, actuals: dict[str, date], *, today: date,
                corrections: set[str] | frozenset[str] = frozenset()) -> None:
    """Refuse actual dates that cannot be facts: after ``today``, or against the plan's
    logic (unless the event is among ``corrections``). Checked one after another, each
    against the plan with those before it recorded. Raises FactError."""
    from ..errors import FactError

    plan.require_events(list(actuals))
    for event, day in sorted(actuals.items(), key=lambda kv: (kv[1], kv[0])):
        if day > today:
            raise FactError(f"{_name(plan, event)} cannot have happened on {day}: that is "
                            f"after the current day, {today}; record it once it happens "
                            "(or move the workspace's clock)", code="future-actual")
        if event not in corrections:
            breach = logic_breach(plan, event, day)
            if breach is not None:
                raise FactError(breach.describe(plan) + ". Check the date; if the plan's "
                                "logic is what is wrong, confirm it as a correction of that "
                                "logic", code="against-logic")
        plan = plan.with_dates(actuals={event: day}, corrections=(
            {event} if event in corrections else set()) | plan.corrections())


def latest_by_logic(plan: Plan, fixed: dict[str, date]) -> dict[str, date]:
    """The last day each event not fixed can happen, by the plan's logic alone, given the
    fixed dates: an event that must come before one that happened must have happened by
    then. Logic is the relations of nature 'logic' and each activity's order."""
    edges: list[tuple[str, str, Duration]] = []  # (earlier, later, least gap)
    for rel in plan.relations:
        if rel.approval != "approved" or rel.from_ is None or rel.is_target:
            continue
        lo, hi = rel.bounds()
        if lo is not None:
            edges.append((rel.from_, rel.to, lo))
        if hi is not None:
            edges.append((rel.to, rel.from_, -hi))
    edges += [(a.start, a.end, Duration()) for a in plan.activities
              if a.approval == "approved"]
    caps: dict[str, date] = {}
    for _ in range(len(plan.events) + 1):
        changed = False
        for earlier, later, gap in edges:
            if earlier in fixed:
                continue
            bound = fixed.get(later) or caps.get(later)
            if bound is None:
                continue
            day = (-gap).add_to(bound)
            if earlier not in caps or day < caps[earlier]:
                caps[earlier] = day
                changed = True
        if not changed:
            break
    return caps


def dated_back(plan: Plan, fixed: dict[str, date]) -> dict[str, date]:
    """The first events of the plan (nothing precedes them) that come before a fixed
    date, dated back from it: the latest date every path to a fixed date allows, at the
    most likely durations (an activity's most likely value, a relation's least bound).

    A plan anchored on a later event (a resolution that follows the agreement it
    supports) dates its start this way; the forecast and the risk worlds both use it.
    """
    edges: list[tuple[str, str, Duration]] = []  # (earlier, later, most likely gap)
    for rel in plan.relations:
        lo = rel.bounds()[0]
        if rel.approval == "approved" and rel.from_ is not None and lo is not None:
            edges.append((rel.from_, rel.to, lo))
    edges += [(a.start, a.end, a.duration.most_likely() if a.duration else Duration())
              for a in plan.activities if a.approval == "approved"]
    has_pred = {later for _, later, _ in edges}
    back: dict[str, date] = {}
    for _ in range(len(plan.events) + 1):
        changed = False
        for earlier, later, gap in edges:
            if earlier in fixed:
                continue
            bound = fixed.get(later) or back.get(later)
            if bound is None:
                continue
            day = (-gap).add_to(bound)
            if earlier not in back or day < back[earlier]:
                back[earlier] = day
                changed = True
        if not changed:
            break
    return {event: day for event, day in back.items() if event not in has_pred}
