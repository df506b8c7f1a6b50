"""The plan's forward network compiled to arrays, in topological levels.

Node 0 is the origin (the reference day, time 0); node ``i + 1`` is the
plan's ``i``-th approved event. Edges carry least bounds: an activity's
duration (``start → end``), a relation's ``min`` (``from → to``), a calendar
``not_before`` (origin → to). An event's earliest time is the longest path
to it; anchored and actual events are fixed times, so edges into them are
dropped. Events nothing precedes start at the origin.

Nodes are listed in topological order (by level) with their incoming edges in
edge order, so ties go to the lowest edge index (the rule the plain
implementation follows too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from ..errors import InconsistentPlanError
from ..model import Duration, Plan
from .distributions import FloatArray, Spec, duration_days
from .inputs import Inputs, build_inputs

__all__ = ["CycleError", "Deadline", "Network", "compile_network"]

IntArray = npt.NDArray[np.int64]


class CycleError(InconsistentPlanError):
    """Least bounds that go round in a loop: no world can satisfy them."""

    code = "risk-cycle"


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
    """Everything the engine needs, as arrays; picklable for Dask workers."""

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
    order: IntArray                       # every node, topologically (by level)
    in_ptr: IntArray                      # (N + 1,) CSR of the edges into each node
    in_edge: IntArray                     # edge indices, ascending per node
    node_level: IntArray
    deadlines: list[Deadline]
    criteria: list[tuple[str, str, list[int], list[int]]]  # id, label, deadlines, nodes
    key_nodes: IntArray
    inputs: Inputs = field(default_factory=Inputs)
    gates: list[tuple[int, int]] = field(default_factory=list)  # (edge, risk): the edge
    #                                     bounds only the worlds where that risk occurs
    deadline_gate: list[int] = field(default_factory=list)  # per deadline: its branch's
    #                                     risk (-1: none); counted only where it occurs
    notes: list[str] = field(default_factory=list)
    packed_cache: object | None = None    # the kernel's arrays, built on first use

    @property
    def n_nodes(self) -> int:
        return len(self.event_ids) + 1

    @property
    def n_edges(self) -> int:
        return len(self.edge_src)

    def incoming(self, node: int) -> list[int]:
        """The edges into an event that is not fixed, in edge order."""
        return [int(e) for e in self.in_edge[self.in_ptr[node]:self.in_ptr[node + 1]]]

    def node(self, event_id: str) -> int:
        return self.event_ids.index(event_id) + 1


def _approved(item: object) -> bool:
    return str(getattr(item, "approval", "approved")) == "approved"


def compile_network(plan: Plan, *, anchors: dict[str, date] | None = None,
                    as_of: date | None = None) -> Network:
    """Compile a plan (with extra anchors) into the arrays the engine samples over.

    ``as_of``: the day the worlds are drawn from. An event that has not happened cannot
    happen before it, unless the plan's logic says it must already have happened (it
    comes before an event that has)."""
    if anchors:
        plan = plan.with_dates(anchors=anchors)
    events = [e for e in plan.events if _approved(e)]
    index = {e.id: i + 1 for i, e in enumerate(events)}
    dated = {a.event: a.date for a in plan.anchors if a.event in index}
    actual = {a.event: a.date for a in plan.actuals if a.event in index}
    dated.update(actual)
    back = _dated_back(plan, dated, index)
    dated.update(back)
    reference = min(dated.values()) if dated else None
    fixed = np.full(len(events) + 1, np.nan)
    fixed[0] = 0.0
    for ev, day in dated.items():
        fixed[index[ev]] = float((day - reference).days) if reference else 0.0
    is_actual = np.zeros(len(events) + 1, dtype=bool)
    is_actual[[index[e] for e in actual]] = True
    builder = _EdgeBuilder(index, dated, reference, fixed)
    builder.add_plan(plan)
    if as_of is not None and reference is not None:
        builder.floor(as_of, plan, dated)
    inputs = build_inputs(plan, builder, index)
    src, dst = np.array(builder.src, dtype=np.int64), np.array(builder.dst, dtype=np.int64)
    order, node_level, in_ptr, in_edge = _levels(len(events) + 1, src, dst, fixed, events)
    deadlines = builder.deadlines
    criteria = _criteria(plan, deadlines, index)
    gates, deadline_gate = _branches(plan, inputs, builder, deadlines, index)
    return Network(
        reference=reference, event_ids=[e.id for e in events],
        event_labels=[e.label() for e in events], fixed=fixed, actual=is_actual,
        edge_src=src, edge_dst=dst, edge_const=np.array(builder.const, dtype=np.float64),
        edge_item=builder.item, activity_edges=builder.activity_edges, order=order,
        in_ptr=in_ptr, in_edge=in_edge,
        node_level=node_level, deadlines=deadlines, criteria=criteria,
        key_nodes=_key_nodes(criteria, deadlines, src, len(events) + 1),
        inputs=inputs, gates=gates, deadline_gate=deadline_gate,
        notes=[f"'{e}' has no date and nothing precedes it: dated back from the fixed dates "
               f"after it at the most likely durations, {day.isoformat()}, in every world"
               for e, day in sorted(back.items())] + builder.notes + inputs.notes,
    )


def _dated_back(plan: Plan, dated: dict[str, date], index: dict[str, int]) -> dict[str, date]:
    """The plan's first events dated back from the fixed dates after them (as the
    schedule's forecast dates them): worlds run forward from them."""
    from ..temporal.facts import dated_back

    return {e: d for e, d in dated_back(plan, dated).items() if e in index} if dated else {}


def _branches(plan: Plan, inputs: Inputs, builder: _EdgeBuilder, deadlines: list[Deadline],
              index: dict[str, int]) -> tuple[list[tuple[int, int]], list[int]]:
    """The conditional part of the plan: each risk's ``branch`` (an event: the relations
    that end at it; an activity: its edge) bounds only the worlds where the risk occurs,
    and a deadline on a branch event counts only there. The first risk naming an item
    wins."""
    gate_of: dict[str, int] = {}
    event_gate: dict[int, int] = {}
    for r, risk in enumerate(inputs.risks):
        if risk.branch is None:
            continue
        if risk.branch in index:
            event_gate.setdefault(index[risk.branch], r)
            ending = [rel.id for rel in plan.relations if rel.to == risk.branch]
            for rel_id in ending:
                gate_of.setdefault(rel_id, r)
            if not ending and all(d.target != index[risk.branch] for d in deadlines):
                leads = [a.id for a in plan.activities if a.end == risk.branch]
                builder.notes.append(
                    f"risk '{risk.id}' names branch event '{risk.branch}', but no relation "
                    "ends at it and no deadline is on it, so the branch changes nothing"
                    + (f": name the activity '{leads[0]}' that leads to it to make that "
                       "conditional" if leads else ""))
        elif risk.branch in builder.activity_edges:
            gate_of.setdefault(risk.branch, r)
        else:
            builder.notes.append(f"risk '{risk.id}' names branch '{risk.branch}', which is not "
                                 "an approved event or activity: the branch is left out")
    if not gate_of and not event_gate:
        return [], []
    gates = [(e, gate_of[item]) for e, item in enumerate(builder.item) if item in gate_of]
    return gates, [event_gate.get(d.target, -1) for d in deadlines]


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

    def floor(self, as_of: date, plan: Plan, dated: dict[str, date]) -> None:
        """Nothing still to happen happens before ``as_of`` (see ``compile_network``)."""
        from ..temporal.facts import latest_by_logic

        assert self.reference is not None
        past = {e for e, day in latest_by_logic(plan, dated).items() if day <= as_of}
        day = float((as_of - self.reference).days)
        for event, node in self.index.items():
            if np.isnan(self.fixed[node]) and event not in past:
                self.add(0, node, day, "")

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
    """An edge's weight before sampling: the duration's value when it is not uncertain."""
    return 0.0 if spec.uncertain else spec.value


def _relation_targets(plan: Plan) -> set[str]:
    return {imp.target for r in plan.risks if _approved(r) for imp in r.impacts}


def _in_criteria(plan: Plan, rid: str) -> bool:
    return any(rid in c.deadlines for c in plan.criteria if _approved(c))


def _levels(n: int, src: IntArray, dst: IntArray, fixed: FloatArray,
            events: Sequence[object]) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Kahn's sort into levels: (order, level, in_ptr, in_edge); a loop is a plan error.

    ``in_edge[in_ptr[v]:in_ptr[v + 1]]`` are the edges into ``v`` (none into a fixed
    event), ascending; ``order`` lists every node by level, then by number.
    """
    live = np.nonzero(np.isnan(fixed[dst]))[0]
    by_dst = live[np.argsort(dst[live], kind="stable")]
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(dst[live], minlength=n), out=in_ptr[1:])
    by_src = live[np.argsort(src[live], kind="stable")]
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src[live], minlength=n), out=out_ptr[1:])
    waiting = np.diff(in_ptr)
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.nonzero(waiting == 0)[0]
    depth = 0
    while len(frontier):
        level[frontier] = depth
        starts, counts = out_ptr[frontier], np.diff(out_ptr)[frontier]
        firsts = np.cumsum(counts) - counts        # where each node's run begins in edges
        edges = by_src[np.repeat(starts - firsts, counts) + np.arange(int(counts.sum()))]
        heads = dst[edges]
        np.subtract.at(waiting, heads, 1)
        frontier = np.unique(heads[waiting[heads] == 0])
        depth += 1
    if (level < 0).any():
        raise CycleError(_cycle_message(src, dst, list(live), level, events))
    order = np.lexsort((np.arange(n), level)).astype(np.int64)
    return order, level, in_ptr, by_dst.astype(np.int64)


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

