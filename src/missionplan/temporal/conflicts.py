"""Conflicts: the negative cycles of an inconsistent network, and one-relation fixes.

Conflicts are found one after another: find a negative cycle, record it, drop its edges
and search the rest, so each reported conflict is independent of those before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Plan
from .edges import EdgeRef
from .network import Network
from .solve import INF, Backend, Engine

__all__ = ["Change", "Conflict", "edge_ref", "find_conflicts"]

FIX_SEARCH_LIMIT = 200
"""Longest cycle whose edges are each tried as a single fix."""


@dataclass(frozen=True, slots=True)
class Change:
    """Loosen one bound by ``delta`` days: a ``max`` grows, a ``min`` shrinks."""

    edge: EdgeRef
    delta: int

    @property
    def from_days(self) -> int:
        return self.edge.days

    @property
    def to_days(self) -> int:
        return self.edge.days + (self.delta if self.edge.bound == "max" else -self.delta)

    def __str__(self) -> str:
        e = self.edge
        return (f"{e.item}: change the {e.bound} bound from {self.from_days} to "
                f"{self.to_days} days (by {self.delta})")

    def to_json(self) -> dict[str, object]:
        return {"edge": self.edge.to_json(), "delta": self.delta,
                "from_days": self.from_days, "to_days": self.to_days}


@dataclass
class Conflict:
    """A cycle of bounds that contradict each other, failing by ``excess_days``."""

    edges: list[EdgeRef]
    excess_days: int
    edge_ids: list[int] = field(default_factory=list)
    single_fix: Change | None = None

    def describe(self, plan: Plan | None = None) -> str:
        head = (f"{len(self.edges)} bounds contradict each other by {self.excess_days} "
                f"day{'s' if self.excess_days != 1 else ''}:")
        lines = [head]
        for e in self.edges:
            cite = f" [{e.source}]" if e.source else ""
            words = plan.quote(e.source) if plan is not None else ""
            quote = f" '{words}'" if words else ""
            lines.append(f"  - {e.phrase()}{cite}{quote}")
        if self.single_fix is not None:
            lines.append(f"  smallest single change: {self.single_fix}")
        return "\n".join(lines)

    def to_json(self, plan: Plan | None = None) -> dict[str, object]:
        return {"excess_days": self.excess_days,
                "edges": [{**e.to_json(),
                           "quote": plan.quote(e.source) if plan is not None else ""}
                          for e in self.edges],
                "single_fix": self.single_fix.to_json() if self.single_fix else None}


def find_conflicts(net: Network, *, backend: Backend = "auto", limit: int = 50,
                   relax_fixed: bool = False) -> list[Conflict]:
    """Every independent negative cycle (up to ``limit``), each with its best single fix.

    One engine serves every search: found cycles and candidate edges are masked in place
    rather than the network rebuilt. A single fix costs one search per edge tried, and
    stops at the first edge whose fix is the cycle's own excess (no fix can be less).
    """
    eng = Engine(net, backend=backend)
    cycles: list[list[int]] = []
    while True:
        run = eng.run(range(net.n))
        if run.cycle_node < 0 or len(cycles) == limit:
            break
        cycles.append(eng.cycle_edges(run))
        eng.mask(cycles[-1])
    rest_consistent = run.cycle_node < 0  # without every found cycle: a single fix may exist
    conflicts = []
    for cycle in cycles:
        fix = None
        if rest_consistent and len(cycle) <= FIX_SEARCH_LIMIT:
            eng.mask(cycle, on=False)
            fix = _single_fix(eng, net, cycle, relax_fixed)
            eng.mask(cycle)
        conflicts.append(Conflict([edge_ref(net, e) for e in cycle],
                                  -sum(int(net.weight[e]) for e in cycle), cycle, fix))
    return conflicts


def edge_ref(net: Network, e: int) -> EdgeRef:
    if net.refs:
        return net.refs[e]
    from .edges import EdgeKind

    w = int(net.weight[e])
    return EdgeRef(net.edge_label(e), EdgeKind.relation, "max", f"{w}d", w, None,
                   net.names[net.src[e]], net.names[net.dst[e]])


def _single_fix(eng: Engine, net: Network, cycle: Sequence[int],
                relax_fixed: bool) -> Change | None:
    """The least loosening of one edge of ``cycle`` that leaves no negative cycle through it
    (the other conflicts set aside: masked in ``eng``, as nothing else is).

    Without the other conflicts the rest of the network is consistent, so every negative
    cycle left when edge ``e = u → v`` is masked runs through another edge of ``cycle``,
    which the cycle's own path reaches from ``v``: one search from ``v`` both finds such a
    cycle and gives ``dist(v, u)``, and ``δ = −w − dist(v, u)`` (never less than the
    cycle's excess, since the cycle's path bounds ``dist(v, u)``).
    """
    excess = -sum(int(net.weight[e]) for e in cycle)
    best: Change | None = None
    for e in cycle:
        ref = edge_ref(net, e)
        if not (ref.relaxable or relax_fixed):
            continue
        eng.mask([e])
        run = eng.run([int(net.dst[e])])
        eng.mask([e], on=False)
        back = run.dist[int(net.src[e])]
        if run.cycle_node >= 0 or back >= INF:
            continue  # another cycle without e remains: e alone cannot fix it
        delta = max(0, -int(net.weight[e]) - int(back))
        if best is None or delta < best.delta:
            best = Change(ref, delta)
        if delta <= excess:
            break
    return best
