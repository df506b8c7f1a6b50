"""``analyse(plan)``: consistency, every event's window, conflicts and their fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from ..errors import InconsistentPlanError
from ..model import Plan
from .edges import EdgeRef, Reading, Window
from .network import Network, build_network
from .solve import INF, Backend, Engine
from .windows import Solution, solve_network

if TYPE_CHECKING:  # imported when needed: a consistent plan never loads them
    from .conflicts import Change, Conflict
    from .explain import Explanation
    from .facts import GiveWay
    from .relax import Relaxation

__all__ = ["Analysis", "analyse", "distance_between"]

Side = Literal["earliest", "latest"]


@dataclass
class Analysis:
    """What the temporal engine found in a plan. Days count from ``origin`` (day 0)."""

    plan: Plan
    network: Network
    origin: date | None
    reference: str | None
    consistent: bool
    windows: dict[str, Window]
    conflicts: list[Conflict] = field(default_factory=list)
    relaxation: Relaxation | None = None
    solution: Solution | None = None
    gave_way: list[GiveWay] = field(default_factory=list)
    designed: Analysis | None = None

    @property
    def as_designed(self) -> Analysis:
        """The plan's own bounds without its recorded facts (itself when it has none)."""
        return self.designed or self

    @property
    def readings(self) -> list[Reading]:
        return self.network.readings

    @property
    def single_fix(self) -> Change | None:
        """The one change that restores consistency, when one conflict is all there is."""
        return self.conflicts[0].single_fix if len(self.conflicts) == 1 else None

    def date_of(self, day: int) -> date:
        """The calendar date of a day number; an error when the plan has no date at all."""
        if self.origin is None:
            raise InconsistentPlanError("the plan has no dated event, so days have no dates",
                                        code="no-origin")
        return self.origin + timedelta(days=day)

    def window(self, event: str) -> Window:
        """The event's window; an error when the event is unknown or the plan inconsistent."""
        if event not in self.windows:
            self.network.node(event)  # UnknownItemError when the plan has no such event
            self.require_solution()
        return self.windows[event]

    def why(self, event: str, bound: Side) -> list[EdgeRef]:
        """The chain of bounds, from day 0 to ``event``, that sets its earliest or latest day."""
        self.window(event)
        sol = self.require_solution()
        run = sol.earliest if bound == "earliest" else sol.latest
        v = self.network.node(event)
        if run is None or not run.reached(v):
            return []
        return [self.network.refs[e] for e in sol.engine.path_edges(run, v)]

    def critical_chain(self, event: str) -> list[str]:
        """The events, from day 0, whose bounds push ``event`` to its earliest day."""
        out: list[str] = []
        for e in self.why(event, "earliest"):
            for name in (e.frm, e.to):
                if name is not None and name not in out:
                    out.append(name)
        return out or [event]

    def explain(self, event: str) -> Explanation:
        """Sentences that say why the event's window is what it is."""
        from .explain import Explanation

        return Explanation.build(self.plan, event, self.window(event),
                                 self.why(event, "earliest"), self.why(event, "latest"),
                                 self.origin, self.reference)

    def to_json(self) -> dict[str, object]:
        """Windows (days and ISO dates), conflicts, the least change and calendar readings."""
        def day(d: int | None) -> str | None:
            return None if d is None or self.origin is None else self.date_of(d).isoformat()

        return {
            "origin": self.origin.isoformat() if self.origin else None,
            "reference": self.reference, "consistent": self.consistent,
            "windows": {e: {"earliest": w.earliest, "latest": w.latest,
                            "earliest_date": day(w.earliest), "latest_date": day(w.latest)}
                        for e, w in self.windows.items()},
            "conflicts": [c.to_json(self.plan) for c in self.conflicts],
            "relaxation": self.relaxation.to_json() if self.relaxation else None,
            "readings": [{"item": r.item, "bound": r.bound, "text": r.text, "days": r.days,
                          "why": r.why} for r in self.readings],
            "gave_way": [g.to_json() for g in self.gave_way],
        }

    def require_solution(self) -> Solution:
        """The searches behind the windows; an error when the plan is inconsistent."""
        if self.solution is None or not self.consistent:
            raise InconsistentPlanError("the plan's relations contradict each other, so no "
                                        "bound has a cause to explain")
        return self.solution


def analyse(plan: Plan, *, reference: str | None = None, backend: Backend = "auto",
            max_conflicts: int = 50, relax_fixed: bool = False) -> Analysis:
    """Check a plan's timeline: windows when consistent, conflicts and fixes when not.

    ``reference`` names the event at day 0 when the plan has no date at all (default:
    the first event with no predecessor). ``relax_fixed`` lets the least total change
    move anchored and actual dates too.

    Recorded facts (actual dates) never make a plan inconsistent. Its own bounds are
    checked without them (``designed``); then the facts are applied, and where they
    contradict the rest, estimates, targets, assumed anchors and (for a confirmed
    correction) logic give way, the least needed (``gave_way``), and the windows follow.
    """
    if not plan.actuals:
        return _analyse(plan, reference, backend, max_conflicts, relax_fixed)
    designed = _analyse(plan.model_copy(update={"actuals": []}), reference, backend,
                        max_conflicts, relax_fixed)
    if not designed.consistent:
        designed.plan = plan
        return designed
    net = build_network(plan, reference=reference)
    sol = solve_network(net, backend=backend)
    moved: list[GiveWay] = []
    if not sol.consistent:
        from .facts import give_way

        net, moved = give_way(net)
        sol = solve_network(net, backend=backend)
        if not sol.consistent:
            raise InconsistentPlanError("the recorded dates could not be reconciled with the "
                                        "plan's bounds", code="facts-irreconcilable")
    result = _solved(plan, net, sol)
    result.gave_way, result.designed = moved, designed
    return result


def _solved(plan: Plan, net: Network, sol: Solution) -> Analysis:
    ref = None if net.origin is None or net.origin_date is not None else net.names[net.origin]
    windows = {name: Window(*sol.window(i)) for i, name in enumerate(net.names)
               if i != net.origin or net.origin_date is None}
    return Analysis(plan, net, net.origin_date, ref, True, windows, solution=sol)


def _analyse(plan: Plan, reference: str | None, backend: Backend, max_conflicts: int,
             relax_fixed: bool) -> Analysis:
    net = build_network(plan, reference=reference)
    sol = solve_network(net, backend=backend)
    if sol.consistent:
        return _solved(plan, net, sol)
    ref = None if net.origin is None or net.origin_date is not None else net.names[net.origin]
    from .conflicts import find_conflicts
    from .relax import least_relaxation

    conflicts = find_conflicts(net, backend=backend, limit=max_conflicts,
                               relax_fixed=relax_fixed)
    relaxation = least_relaxation(net, conflicts, relax_fixed=relax_fixed)
    return Analysis(plan, net, net.origin_date, ref, False, {}, conflicts, relaxation)


def distance_between(analysis: Analysis, a: str, b: str) -> int | None:
    """The most days ``b`` can fall after ``a`` under every bound (None: unbounded)."""
    net = analysis.network
    eng = analysis.solution.engine if analysis.solution is not None else Engine(net)
    run = eng.run([net.node(a)])
    if run.cycle_node >= 0:
        raise InconsistentPlanError("the plan's relations contradict each other")
    d = run.dist[net.node(b)]
    return None if d >= INF else int(d)
