"""The plan's forward network compiled to arrays, in topological levels.

Node 0 is the origin (the reference day, time 0); node ``i + 1`` is the
plan's ``i``-th approved event. Edges carry least bounds: an activity's
duration (``start → end``), a relation's ``min`` (``from → to``), a calendar
``not_before`` (origin → to). An event's earliest time is the longest path
to it; anchored and actual events are fixed times, so edges into them are
dropped. Events nothing precedes start at the origin.

Within a level, nodes are grouped by their number of incoming edges so the
engine can take each group's maximum as one dense array operation; incoming
edges are kept in edge order, so ties go to the lowest edge index (the rule
the reference implementation follows too).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from ..errors import InconsistentPlanError
from ..model import Duration, Plan
from .distributions import FloatArray, Spec, duration_days
from .inputs import Inputs, build_inputs

__all__ = ["Deadline", "Group", "Network", "compile_network"]

IntArray = npt.NDArray[np.int64]


class CycleError(InconsistentPlanError):
    """Least bounds that go round in a loop: no world can satisfy them."""

    code = "risk-cycle"


@dataclass(frozen=True, slots=True)
class Group:
    """Nodes of one level that share an in-degree, with their incoming edges."""

    nodes: IntArray          # (n,)
    edges: IntArray          # (n, degree) edge indices, ascending per row
    sources: IntArray        # (n, degree) source node of each edge


@dataclass(frozen=True, slots=True)
class Deadline:
    """A bound a world may break.

    ``kind == "upper"``: ``t[to] − t[from] ≤ limit`` (source 0: the calendar).
    ``kind == "order"``: a least bound a criterion names ("planning complete before the
    election"); it is missed in the worlds where ``to`` had to wait for it: its edge
    (``edge``) is strictly later than every other bound on ``to``, or, when ``to`` has a
    fixed date, ``t[to] − t[from] < limit``.
    """

    id: str
    label: str
    source: int
    target: int
    limit: float
    text: str = ""
    bound: str = ""
    kind: str = "upper"
    edge: int = -1


@dataclass(slots=True)
class Network:
    """Everything the engine needs, as arrays; picklable for worker processes."""

    reference: date | None
    event_ids: list[str]
    event_labels: list[str]
    fixed: FloatArray                     # (N,) NaN where not fixed
    actual: npt.NDArray[np.bool_]         # (N,) fixed by an actual date (no delays)
    edge_src: IntArray
    edge_dst: IntArray
    edge_const: FloatArray
    edge_item: list[str]                  # activity or relation id ('' for origin edges)
    activity_edges: dict[str, int]        # activity id -> edge index
    levels: list[list[Group]]
    node_level: IntArray
    deadlines: list[Deadline]
    criteria: list[tuple[str, str, list[int], list[int]]]  # id, label, deadlines, nodes
    key_nodes: IntArray
    inputs: Inputs = field(default_factory=Inputs)
    notes: list[str] = field(default_factory=list)

    @property
    def n_nodes(self) -> int:
        return len(self.event_ids) + 1

    @property
    def n_edges(self) -> int:
        return len(self.edge_src)

    def incoming(self, node: int) -> list[int]:
        """The edges into an event that is not fixed, in edge order."""
        return [int(e) for e in np.nonzero(self.edge_dst == node)[0]]

    def plain_edges(self) -> IntArray:
        """Edges whose weight no sampled duration sets (they start from their constant)."""
        sampled = np.zeros(self.n_edges, dtype=bool)
        for g in self.inputs.groups:
            sampled[g.edges] = True
        for a in self.inputs.empirical:
            sampled[a.edge] = True
        return np.nonzero(~sampled)[0]

    def node(self, event_id: str) -> int:
        return self.event_ids.index(event_id) + 1


def _approved(item: object) -> bool:
    return str(getattr(item, "approval", "approved")) == "approved"


def compile_network(plan: Plan, *, anchors: dict[str, date] | None = None) -> Network:
    """Compile a plan (with extra anchors) into the arrays the engine samples over."""
    if anchors:
        plan = plan.with_dates(anchors=anchors)
    events = [e for e in plan.events if _approved(e)]
    index = {e.id: i + 1 for i, e in enumerate(events)}
    dated = {a.event: a.date for a in plan.anchors if a.event in index}
    actual = {a.event: a.date for a in plan.actuals if a.event in index}
    dated.update(actual)
    reference = min(dated.values()) if dated else None
    fixed = np.full(len(events) + 1, np.nan)
    fixed[0] = 0.0
    for ev, day in dated.items():
        fixed[index[ev]] = float((day - reference).days) if reference else 0.0
    is_actual = np.zeros(len(events) + 1, dtype=bool)
    is_actual[[index[e] for e in actual]] = True
    builder = _EdgeBuilder(index, dated, reference, fixed)
    builder.add_plan(plan)
    inputs = build_inputs(plan, builder, index)
    src, dst = np.array(builder.src, dtype=np.int64), np.array(builder.dst, dtype=np.int64)
    levels, node_level = _levels(len(events) + 1, src, dst, fixed, events)
    deadlines = builder.deadlines
    criteria = _criteria(plan, deadlines, index)
    return Network(
        reference=reference, event_ids=[e.id for e in events],
        event_labels=[e.label() for e in events], fixed=fixed, actual=is_actual,
        edge_src=src, edge_dst=dst, edge_const=np.array(builder.const, dtype=np.float64),
        edge_item=builder.item, activity_edges=builder.activity_edges, levels=levels,
        node_level=node_level, deadlines=deadlines, criteria=criteria,
        key_nodes=_key_nodes(criteria, deadlines, src, len(events) + 1),
        inputs=inputs, notes=builder.notes + inputs.notes,
    )


class _EdgeBuilder:
    """Collects edges and deadlines from the plan's activities and relations."""

    def __init__(self, index: dict[str, int], dated: dict[str, date], reference: date | None,
                 fixed: FloatArray) -> None:
        self.index, self.dated, self.reference, self.fixed = index, dated, reference, fixed
        self.src: list[int] = []
        self.dst: list[int] = []
        self.const: list[float] = []
        self.item: list[str] = []
        self.activity_edges: dict[str, int] = {}
        self.activity_specs: dict[str, tuple[Spec, str | None]] = {}
        self.relation_edges: dict[str, int] = {}
        self.deadlines: list[Deadline] = []
        self.deadline_index: dict[str, int] = {}
        self.notes: list[str] = []

    def add(self, a: int, b: int, weight: float, item: str) -> int:
        self.src.append(a)
        self.dst.append(b)
        self.const.append(weight)
        self.item.append(item)
        return len(self.src) - 1

    def add_plan(self, plan: Plan) -> None:
        from .distributions import spec_from_duration

        for i, act in enumerate(plan.activities):
            if not _approved(act) or act.start not in self.index or act.end not in self.index:
                continue
            spec = Spec("fixed", 0.0)
            driver = None
            if act.duration is not None:
                where = f"activities[{i}] ({act.id}).duration"
                spec = spec_from_duration(act.duration, self.dated.get(act.start), where)
                driver = act.duration.driver
            edge = self.add(self.index[act.start], self.index[act.end], _base(spec), act.id)
            self.activity_edges[act.id] = edge
            self.activity_specs[act.id] = (spec, driver)
        targeted = _relation_targets(plan)
        for rel in plan.relations:
            if _approved(rel) and rel.to in self.index:
                self._relation(rel, targeted, plan)
        self._origin_edges()

    def _relation(self, rel: object, targeted: set[str], plan: Plan) -> None:
        from ..model import Relation

        assert isinstance(rel, Relation)
        lo, hi = rel.bounds()
        to = self.index[rel.to]
        if rel.from_ is None:
            self._calendar(rel, to)
            return
        if rel.from_ not in self.index:
            return
        start = self.dated.get(rel.from_)
        frm = self.index[rel.from_]
        if lo is not None or rel.id in targeted:
            weight = duration_days(lo, start, longest=True) if lo is not None else -np.inf
            self.relation_edges[rel.id] = self.add(frm, to, weight, rel.id)
        if hi is not None and (rel.is_deadline or _in_criteria(plan, rel.id)):
            self._deadline(rel.id, rel.label(), frm, to,
                           duration_days(hi, start, longest=False), rel.text,
                           _bound_words(hi))
        elif hi is None and lo is not None and (rel.deadline or _in_criteria(plan, rel.id)):
            least = self.const[self.relation_edges[rel.id]]
            words = "before" if least == 0 else f"at least {lo.describe()} before"
            self.deadline_index[rel.id] = len(self.deadlines)
            self.deadlines.append(Deadline(rel.id, rel.label(), frm, to, least, rel.text,
                                           words, "order", self.relation_edges[rel.id]))

    def _calendar(self, rel: object, to: int) -> None:
        from ..model import Relation

        assert isinstance(rel, Relation)
        if self.reference is None:
            self.notes.append(f"relation '{rel.id}' is a calendar bound but no event has a "
                              "date: it is left out (give an anchor with --anchor)")
            return
        if rel.not_before is not None:
            self.add(0, to, float((rel.not_before - self.reference).days), rel.id)
        if rel.not_after is not None and rel.is_deadline:
            self._deadline(rel.id, rel.label(), 0, to,
                           float((rel.not_after - self.reference).days), rel.text,
                           f"by {rel.not_after.isoformat()}")

    def _deadline(self, rid: str, label: str, frm: int, to: int, limit: float,
                  text: str, bound: str) -> None:
        self.deadline_index[rid] = len(self.deadlines)
        self.deadlines.append(Deadline(rid, label, frm, to, limit, text, bound))

    def _origin_edges(self) -> None:
        """Events nothing bounds from below start at the origin."""
        has_in = {b for b, w in zip(self.dst, self.const, strict=True) if np.isfinite(w)}
        for node in range(1, len(self.fixed)):
            if node not in has_in and np.isnan(self.fixed[node]):
                self.add(0, node, 0.0, "")


def _bound_words(hi: Duration) -> str:
    """How a greatest bound reads: 'within 90 days of', 'at least 7 days before'."""
    if hi.months < 0 or hi.days < 0 or hi.hours < 0:
        return f"at least {(-hi).describe()} before"
    if hi.months == hi.days == hi.hours == 0:
        return "no later than the day of"
    return f"within {hi.describe()} of"


def _base(spec: Spec) -> float:
    return spec.a if spec.kind == "fixed" else 0.0


def _relation_targets(plan: Plan) -> set[str]:
    return {imp.target for r in plan.risks if _approved(r) for imp in r.impacts}


def _in_criteria(plan: Plan, rid: str) -> bool:
    return any(rid in c.deadlines for c in plan.criteria if _approved(c))


def _levels(n: int, src: IntArray, dst: IntArray, fixed: FloatArray,
            events: Sequence[object]) -> tuple[list[list[Group]], IntArray]:
    """Kahn's topological sort into levels; a loop of least bounds is a plan error."""
    live = [e for e in range(len(src)) if np.isnan(fixed[dst[e]])]
    incoming: dict[int, list[int]] = defaultdict(list)
    outgoing: dict[int, list[int]] = defaultdict(list)
    for e in live:
        incoming[int(dst[e])].append(e)
        outgoing[int(src[e])].append(e)
    level = np.full(n, -1, dtype=np.int64)
    waiting = {v: len(incoming[v]) for v in range(n)}
    frontier = [v for v in range(n) if waiting[v] == 0]
    for v in frontier:
        level[v] = 0
    while frontier:
        nxt: list[int] = []
        for v in frontier:
            for e in outgoing[v]:
                w = int(dst[e])
                waiting[w] -= 1
                level[w] = max(level[w], level[v] + 1)
                if waiting[w] == 0:
                    nxt.append(w)
        frontier = nxt
    if (level < 0).any():
        raise CycleError(_cycle_message(src, dst, live, level, events))
    return _groups(level, incoming, src), level


def _groups(level: IntArray, incoming: dict[int, list[int]],
            src: IntArray) -> list[list[Group]]:
    by_level: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for v in range(len(level)):
        if level[v] > 0:
            by_level[int(level[v])][len(incoming[v])].append(v)
    out: list[list[Group]] = []
    for lv in range(1, int(level.max(initial=0)) + 1):
        groups = []
        for _, nodes in sorted(by_level[lv].items()):
            edges = np.array([sorted(incoming[v]) for v in nodes], dtype=np.int64)
            groups.append(Group(np.array(nodes, dtype=np.int64), edges, src[edges]))
        out.append(groups)
    return out


def _cycle_message(src: IntArray, dst: IntArray, live: list[int], level: IntArray,
                   events: Sequence[object]) -> str:
    import networkx as nx

    graph = nx.DiGraph()
    stuck = {int(v) for v in np.nonzero(level < 0)[0]}
    graph.add_edges_from((int(src[e]), int(dst[e])) for e in live
                         if int(src[e]) in stuck and int(dst[e]) in stuck)
    cycle = [a for a, _ in nx.find_cycle(graph)]
    names = [str(getattr(events[v - 1], "id", v)) for v in cycle]
    return ("the least bounds go round in a loop (a positive cycle), so no date can satisfy "
            "them: " + " → ".join([*names, names[0]]))


def _criteria(plan: Plan, deadlines: list[Deadline],
              index: dict[str, int]) -> list[tuple[str, str, list[int], list[int]]]:
    by_id = {d.id: i for i, d in enumerate(deadlines)}
    out = []
    for c in plan.criteria:
        if not _approved(c):
            continue
        nodes = [index[e] for e in c.events if e in index]
        found = [by_id[d] for d in c.deadlines if d in by_id]
        if not found:  # judged by the deadlines on its events
            found = [i for i, d in enumerate(deadlines) if d.target in nodes]
        out.append((c.id, c.label(), found, nodes))
    return out


def _key_nodes(criteria: list[tuple[str, str, list[int], list[int]]],
               deadlines: list[Deadline], src: IntArray, n: int) -> IntArray:
    keys = {v for _, _, _, nodes in criteria for v in nodes}
    keys |= {d.target for d in deadlines}
    if not keys:  # the events nothing follows
        keys = set(range(1, n)) - {int(s) for s in src}
    return np.array(sorted(keys), dtype=np.int64)

