"""Assumption watch: which plan items depend on an assumption that is failing.

An item depends on a failing assumption when the assumption lists it under
``affects``, or, transitively, when it depends on such an item:

* a relation depends on both its events (a slip of either threatens it), and its
  ``to`` event depends on the relation;
* an activity depends on its start event, and its end event on the activity;
* a criterion depends on its deadlines, events and indicators;
* an indicator depends on its deadline event, and its criterion depends on it;
* a recurrence depends on its start event.

Each flagged item carries the chain from the assumption to it, so the reason
can be read: ``troops_provided → deploy_start → rel_deploy_90 → full_deployment``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Plan

__all__ = ["Flag", "dependents", "flagged_items"]


@dataclass(frozen=True, slots=True)
class Flag:
    """An item put at risk by a failing assumption, and the chain that links them."""

    item: str
    assumption: str
    path: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "assumption": self.assumption, "path": list(self.path)}


def dependents(plan: Plan) -> dict[str, set[str]]:
    """For each item id, the items that depend on it directly."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in plan.relations:
        if r.from_ is not None:
            out[r.from_].add(r.id)
        out[r.to].add(r.id)
        out[r.id].add(r.to)
    for a in plan.activities:
        out[a.start].add(a.id)
        out[a.id].add(a.end)
    for c in plan.criteria:
        for ref in (*c.deadlines, *c.events, *c.indicators):
            out[ref].add(c.id)
    for ind in plan.indicators:
        if ind.criterion:
            out[ind.id].add(ind.criterion)
        if isinstance(ind.deadline, str):
            out[ind.deadline].add(ind.id)
    for rec in plan.recurrences:
        out[rec.start].add(rec.id)
    return out


def flagged_items(plan: Plan, states: Mapping[str, str] | None = None) -> list[Flag]:
    """Every item that depends on a failing assumption, with the shortest chain to it.

    ``states`` overrides the plan's own assumption statuses (as the workspace records them).
    """
    graph = dependents(plan)
    flags: list[Flag] = []
    for assumption in plan.assumptions:
        status = (states or {}).get(assumption.id, assumption.status)
        if status != "failing":
            continue
        flags.extend(_reach(assumption.id, assumption.affects, graph))
    return flags


def _reach(assumption: str, affects: list[str], graph: Mapping[str, set[str]]) -> list[Flag]:
    paths: dict[str, tuple[str, ...]] = {}
    queue: deque[str] = deque()
    for item in affects:
        if item not in paths:
            paths[item] = (assumption, item)
            queue.append(item)
    while queue:
        item = queue.popleft()
        for nxt in sorted(graph.get(item, ())):
            if nxt not in paths:
                paths[nxt] = (*paths[item], nxt)
                queue.append(nxt)
    return [Flag(item, assumption, path) for item, path in paths.items()]
