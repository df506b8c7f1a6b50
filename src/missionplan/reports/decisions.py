"""Decisions a brief asks for when the plan is consistent but deadlines slip.

A late or at-risk deadline needs a decision as much as a conflict does: what
is late and by how much, the clause behind it, and the options: accept the
slip, or accelerate the chain of events that drives it (the schedule's
``critical_chains``; when no chain reaches the deadline, its own two events).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .deadline_rows import DeadlineView

__all__ = ["DecisionView", "slip_decisions"]

_NEEDS_DECISION = ("late", "at_risk")


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A deadline that slips, and the options open to the planners."""

    deadline: str
    status: str
    how_late: str
    clause: str
    chain: list[str]

    @property
    def options(self) -> list[str]:
        chain = " → ".join(self.chain)
        return [
            "Accept the slip: record the new date and tell whoever depends on it "
            "(ask the issuing authority if the clause is theirs).",
            f"Accelerate the chain behind it: {chain}.",
        ]


def slip_decisions(views: Sequence[DeadlineView], *, as_of: date,
                   chains: Sequence[Sequence[str]], names: dict[str, str]) -> list[DecisionView]:
    """One decision per late or at-risk deadline, late ones first."""
    out = []
    for view in sorted((v for v in views if v.status in _NEEDS_DECISION),
                       key=lambda v: (v.status != "late", v.row.due or date.max, v.id)):
        out.append(DecisionView(deadline=view.name, status=view.status,
                                how_late=_how_late(view, as_of), clause=view.clause,
                                chain=[names.get(e, e) for e in _chain_to(view, chains)]))
    return out


def _how_late(view: DeadlineView, as_of: date) -> str:
    row = view.row
    if view.status == "late" and row.due is not None:
        days = (as_of - row.due).days
        return f"Due {view.due}: {days} day{'s' if days != 1 else ''} overdue."
    if row.due is not None and row.forecast is not None and row.forecast > row.due:
        days = (row.forecast - row.due).days
        return (f"Due {view.due}, forecast {days} day{'s' if days != 1 else ''} "
                f"late. {view.why}.")
    return f"Due {view.due}. {view.why}."


def _chain_to(view: DeadlineView, chains: Sequence[Sequence[str]]) -> list[str]:
    """The longest critical chain through the deadline's event, cut at that event."""
    target = view.row.to_event
    best: list[str] = []
    for chain in chains:
        if target in chain:
            cut = list(chain[:list(chain).index(target) + 1])
            if len(cut) > len(best):
                best = cut
    if best:
        return best
    start = view.row.from_event
    return [start, target] if start else [target]
