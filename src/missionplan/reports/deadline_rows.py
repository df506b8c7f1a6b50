"""The brief's deadline rows: a clear name, why the status is what it is, the clause.

A deadline is named by its relation's ``name``, else from its events' names
and bounds ("DDR started within 3 months of Peace agreement signed"); the
directive's own words go with the clause reference. Dates are written once,
as documents print them, and "due date counted from a forecast" becomes a
footnote marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Plan, Relation
from .shape import DeadlineLike
from .words import format_day, format_span, item_label, replace_iso_dates, shorten

__all__ = ["ESTIMATE_NOTE", "DeadlineView", "deadline_name", "deadline_views", "why"]

ESTIMATE_NOTE = ("Due date counted from a forecast: the event it counts from has no actual or "
                 "assumed date yet.")
_ESTIMATE = re.compile(r"\s*\(due date counted from a forecast\)")


@dataclass(frozen=True, slots=True)
class DeadlineView:
    """One row of the deadlines table, ready to print."""

    id: str
    name: str
    due: str
    estimated: bool
    status: str
    why: str
    source: str
    quote: str
    row: DeadlineLike

    @property
    def clause(self) -> str:
        """The reference and the directive's words, shortened at a word boundary."""
        words = f"“{shorten(self.quote)}”" if self.quote else ""
        return " ".join(part for part in (self.source, words) if part)


def deadline_views(plan: Plan, rows: list[DeadlineLike]) -> list[DeadlineView]:
    """The deadlines table of a brief or annex."""
    relations = {r.id: r for r in plan.relations}
    names = _event_names(plan)
    return [DeadlineView(
        id=d.id, name=deadline_name(relations.get(d.id), d, names), due=format_day(d.due),
        estimated=bool(_ESTIMATE.search(d.reason)), status=d.status.value,
        why=why(d, names), source=d.source or "", quote=d.quote or d.text, row=d)
        for d in rows]


def _event_names(plan: Plan) -> dict[str, str]:
    return {e.id: item_label(e.name, e.id) for e in plan.events}


def deadline_name(rel: Relation | None, row: DeadlineLike, names: dict[str, str]) -> str:
    """The relation's name, else "<to> <bound> <from>" from its events and bounds."""
    if rel is not None and rel.name:
        return rel.name
    to = names.get(row.to_event, item_label(None, row.to_event))
    if rel is None:
        return f"{to}: {row.text}" if row.text else to
    if rel.from_ is None:
        return _calendar_name(rel, to)
    frm = names.get(rel.from_, item_label(None, rel.from_))
    lo, hi = rel.bounds()
    lo_days = lo.day_bounds()[0] if lo is not None else None
    hi_days = hi.day_bounds()[1] if hi is not None else None
    if hi is not None and lo is not None and lo == hi:
        if hi_days == 0:
            return f"{to} immediately after {frm}"
        side = "before" if (hi_days or 0) < 0 else "after"
        return f"{to} {format_span(hi)} {side} {frm}"
    if hi is not None and hi_days is not None and hi_days <= 0:
        if hi_days == 0:
            return f"{to} no later than {frm}"
        return f"{to} at least {format_span(hi)} before {frm}"
    if hi is not None and (lo_days is None or lo_days <= 0):
        return f"{to} within {format_span(hi)} of {frm}"
    if hi is not None and lo is not None:
        return f"{to} {format_span(lo)} to {format_span(hi)} after {frm}"
    if lo is not None:
        return f"{to} at least {format_span(lo)} after {frm}"
    return f"{to} after {frm}"


def _calendar_name(rel: Relation, to: str) -> str:
    if rel.not_after is not None and rel.not_before is not None:
        return f"{to} between {format_day(rel.not_before)} and {format_day(rel.not_after)}"
    if rel.not_after is not None:
        return f"{to} by {format_day(rel.not_after)}"
    return f"{to} not before {format_day(rel.not_before)}"


def why(row: DeadlineLike, names: dict[str, str]) -> str:
    """The schedule's reason without the due date the row already shows, dates in words
    and event ids as names."""
    text = _ESTIMATE.sub("", row.reason)
    if row.due is not None:
        iso = row.due.isoformat()
        text = re.sub(rf"^due {iso}(, |; )", "", text)
        text = re.sub(rf",? due {iso}$", "", text)
        text = text.replace(f"the due date {iso} ", "the due date ")
    text = re.sub(r"^(\d+) days? ago, and not recorded done$",
                  lambda m: f"{_days(int(m[1]))} overdue and not recorded done", text)
    text = re.sub(r"'([A-Za-z0-9_\-]+)'", lambda m: names.get(m[1], m[0]), text)
    text = replace_iso_dates(text)
    return text[:1].upper() + text[1:]


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
