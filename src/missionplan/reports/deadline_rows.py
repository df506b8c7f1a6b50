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

from ..i18n import N_, Language, Words, words
from ..model import Plan, Relation
from .shape import DeadlineLike
from .words import format_span, item_label, replace_iso_dates, shorten

__all__ = ["ESTIMATE_NOTE", "DeadlineView", "deadline_name", "deadline_views", "why"]

ESTIMATE_NOTE = N_("Due date counted from a forecast: the event it counts from has no actual "
                   "or assumed date yet.")
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


def deadline_views(plan: Plan, rows: list[DeadlineLike],
                   w: Words | None = None) -> list[DeadlineView]:
    """The deadlines table of a brief or annex, in ``w``'s language (English by default)."""
    w = w or words(Language.en)
    relations = {r.id: r for r in plan.relations}
    names = _event_names(plan)
    return [DeadlineView(
        id=d.id, name=deadline_name(relations.get(d.id), d, names, w), due=w.day(d.due),
        estimated=bool(_ESTIMATE.search(d.reason)), status=d.status.value,
        why=why(d, names, w), source=d.source or "", quote=d.quote or d.text, row=d)
        for d in rows]


def _event_names(plan: Plan) -> dict[str, str]:
    return {e.id: item_label(e.name, e.id) for e in plan.events}


def deadline_name(rel: Relation | None, row: DeadlineLike, names: dict[str, str],
                  w: Words | None = None) -> str:
    """The relation's name, else "<to> <bound> <from>" from its events and bounds."""
    if rel is not None and rel.name:
        return rel.name
    w = w or words(Language.en)
    _ = w.gettext
    to = names.get(row.to_event, item_label(None, row.to_event))
    if rel is None:
        return f"{to}: {row.text}" if row.text else to
    if rel.from_ is None:
        return _calendar_name(rel, to, w)
    say = {"to": to, "from": names.get(rel.from_, item_label(None, rel.from_))}
    lo, hi = rel.bounds()
    lo_days = lo.day_bounds()[0] if lo is not None else None
    hi_days = hi.day_bounds()[1] if hi is not None else None
    if hi is not None and lo is not None and lo == hi:
        if hi_days == 0:
            return _("%(to)s immediately after %(from)s") % say
        if (hi_days or 0) < 0:
            return _("%(to)s %(span)s before %(from)s") % {**say, "span": format_span(hi, w)}
        return _("%(to)s %(span)s after %(from)s") % {**say, "span": format_span(hi, w)}
    if hi is not None and hi_days is not None and hi_days <= 0:
        if hi_days == 0:
            return _("%(to)s no later than %(from)s") % say
        return _("%(to)s at least %(span)s before %(from)s") % {
            **say, "span": format_span(hi, w)}
    if hi is not None and (lo_days is None or lo_days <= 0):
        return _("%(to)s within %(span)s of %(from)s") % {**say, "span": format_span(hi, w)}
    if hi is not None and lo is not None:
        return _("%(to)s %(low)s to %(high)s after %(from)s") % {
            **say, "low": format_span(lo, w), "high": format_span(hi, w)}
    if lo is not None:
        return _("%(to)s at least %(span)s after %(from)s") % {
            **say, "span": format_span(lo, w)}
    return _("%(to)s after %(from)s") % say


def _calendar_name(rel: Relation, to: str, w: Words) -> str:
    _ = w.gettext
    if rel.not_after is not None and rel.not_before is not None:
        return _("%(to)s between %(first)s and %(last)s") % {
            "to": to, "first": w.day(rel.not_before), "last": w.day(rel.not_after)}
    if rel.not_after is not None:
        return _("%(to)s by %(day)s") % {"to": to, "day": w.day(rel.not_after)}
    return _("%(to)s not before %(day)s") % {"to": to, "day": w.day(rel.not_before)}


def why(row: DeadlineLike, names: dict[str, str], w: Words | None = None) -> str:
    """The schedule's reason without the due date the row already shows, dates in words
    (in ``w``'s language) and event ids as names."""
    text = _ESTIMATE.sub("", row.reason)
    if row.due is not None:
        iso = row.due.isoformat()
        text = re.sub(rf"^due {iso}(, |; )", "", text)
        text = re.sub(rf",? due {iso}$", "", text)
        text = text.replace(f"the due date {iso} ", "the due date ")
    text = re.sub(r"^(\d+) days? ago, and not recorded done$",
                  lambda m: f"{_days(int(m[1]))} overdue and not recorded done", text)
    text = re.sub(r"'([A-Za-z0-9_\-]+)'", lambda m: names.get(m[1], m[0]), text)
    text = replace_iso_dates(text, w)
    return text[:1].upper() + text[1:]


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
