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

from ..i18n import Language, Words, words
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
    options: list[str]


def slip_decisions(views: Sequence[DeadlineView], *, as_of: date,
                   chains: Sequence[Sequence[str]], names: dict[str, str],
                   w: Words | None = None) -> list[DecisionView]:
    """One decision per late or at-risk deadline, late ones first (in ``w``'s language)."""
    w = w or words(Language.en)
    out = []
    for view in sorted((v for v in views if v.status in _NEEDS_DECISION),
                       key=lambda v: (v.status != "late", v.row.due or date.max, v.id)):
        chain = [names.get(e, e) for e in _chain_to(view, chains)]
        out.append(DecisionView(deadline=view.name, status=view.status,
                                how_late=_how_late(view, as_of, w), clause=view.clause,
                                chain=chain, options=_options(chain, w)))
    return out


def _options(chain: list[str], w: Words) -> list[str]:
    _ = w.gettext
    return [_("Accept the slip: record the new date and tell whoever depends on it (ask the "
              "issuing authority if the clause is theirs)."),
            _("Accelerate the chain behind it: %(chain)s.") % {"chain": " → ".join(chain)}]


def _how_late(view: DeadlineView, as_of: date, w: Words) -> str:
    _ = w.gettext
    row = view.row

    def days(n: int) -> str:
        return w.ngettext("%(num)s day", "%(num)s days", n) % {"num": n}

    if view.status == "late" and row.due is not None:
        return _("Due %(due)s: %(days)s overdue.") % {
            "due": view.due, "days": days((as_of - row.due).days)}
    if row.due is not None and row.forecast is not None and row.forecast > row.due:
        return _("Due %(due)s, forecast %(days)s late. %(why)s.") % {
            "due": view.due, "days": days((row.forecast - row.due).days), "why": view.why}
    return _("Due %(due)s. %(why)s.") % {"due": view.due, "why": view.why}


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
