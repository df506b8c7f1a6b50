"""Deadlines and milestones as an iCalendar file Outlook and Google Calendar import.

Every entry is an all-day event with a stable UID (plan id and item id), so a
re-imported calendar updates entries instead of duplicating them, and a
DTSTAMP taken from the clock passed in, so the same plan gives the same file.
Deadlines carry reminders a week and a day before; milestones a day before.
An event that has happened sits on its actual date, one still to happen on its
forecast (the day every other output expects it), its window in the description;
an event known only as a window spans the window. The calendar's description says
what its dates rest on (assumed dates, estimated durations), and each entry whose
date is not a fact says so in a line ("Forecast, from assumed dates.").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from ..model import Plan
from ..outlook import Basis, plan_basis
from .context import STATUS_LABELS
from .shape import DeadlineLike, EventLike, ScheduleLike
from .words import item_label

__all__ = ["to_ical"]

PRODID = "-//missionplan//planning calendar//EN"
DEADLINE_REMINDERS = (timedelta(days=-7), timedelta(days=-1))
MILESTONE_REMINDERS = (timedelta(days=-1),)
ASSUMED, FROM_ASSUMED = "Assumed date.", "Counts from an assumed date."


def to_ical(plan: Plan, schedule: ScheduleLike, *, stamp: datetime,
            basis: Basis | None = None) -> bytes:
    """The plan's deadlines and milestones as iCalendar bytes; ``stamp`` is the DTSTAMP (UTC),
    ``basis`` what the dates rest on (by default the plan's own)."""
    basis = basis if basis is not None else plan_basis(plan)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plan.title or plan.id)
    if basis.sentence():
        cal.add("x-wr-caldesc", basis.sentence())
    notes = _Notes(plan, schedule, basis)
    for event in schedule.events:
        entry = _milestone(plan, event, stamp, notes.event(event.id))
        if entry is not None:
            cal.add_component(entry)
    for deadline in schedule.deadlines:
        entry = _deadline(plan, deadline, stamp, notes.deadline(deadline))
        if entry is not None:
            cal.add_component(entry)
    data = cal.to_ical()
    assert isinstance(data, bytes)
    return data


class _Notes:
    """The line an entry carries when its date is not a fact ('' when it is one)."""

    def __init__(self, plan: Plan, schedule: ScheduleLike, basis: Basis) -> None:
        self.recorded = {e.id for e in schedule.events if e.actual is not None}
        self.anchors = {a.event: a.assumed for a in plan.anchors}
        # Which dates hang on the estimated durations is not worked out here: "Forecast."
        # alone is true of each, and the calendar's description says the rest.
        self.forecast = ("Forecast, from assumed dates." if basis.assumed_dates else
                         "Forecast." if basis.estimates else "")

    def event(self, event_id: str) -> str:
        if event_id in self.recorded:
            return ""
        if event_id in self.anchors:
            return ASSUMED if self.anchors[event_id] else ""
        return self.forecast

    def deadline(self, d: DeadlineLike) -> str:
        """A deadline's due date counts from its start event's date."""
        if d.from_event is None:
            return ""
        note = self.event(d.from_event)
        return FROM_ASSUMED if note == ASSUMED else note


def _base(uid: str, summary: str, first: date, last: date, stamp: datetime) -> VEvent:
    entry = VEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("summary", summary)
    entry.add("dtstart", first)
    entry.add("dtend", last + timedelta(days=1))  # all-day: the end is exclusive
    entry.add("transp", "TRANSPARENT")
    return entry


def _remind(entry: VEvent, before: tuple[timedelta, ...], text: str) -> None:
    for trigger in before:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", trigger)
        entry.add_component(alarm)


def _milestone(plan: Plan, e: EventLike, stamp: datetime, note: str) -> VEvent | None:
    window = (f"window {e.earliest.isoformat() if e.earliest else 'open'} to "
              f"{e.latest.isoformat() if e.latest else 'open'}")
    forecast = getattr(e, "forecast", None)
    if e.actual is not None:
        first = last = e.actual
        when = f"happened on {e.actual.isoformat()}"
    elif forecast is not None:  # on the day it is expected, as every other output says
        first = last = forecast
        when = f"forecast {forecast.isoformat()}; {window}"
    elif e.earliest is not None:
        first, last = e.earliest, e.latest or e.earliest
        when = window
    else:
        return None
    name = item_label(e.name, e.id)
    entry = _base(f"{plan.id}-event-{e.id}@missionplan", name, first, last, stamp)
    lines = [when] + ([note] if note else []) + (
        [f"responsible: {e.owner}"] if e.owner else []) + (
        [f"clause: {e.source}"] if e.source else [])
    entry.add("description", "\n".join(lines))
    entry.add("categories", ["milestone"] + ([e.kind] if e.kind != "milestone" else []))
    _remind(entry, MILESTONE_REMINDERS, name)
    return entry


def _deadline(plan: Plan, d: DeadlineLike, stamp: datetime, note: str) -> VEvent | None:
    if d.due is None:
        return None
    to = next((e.label() for e in plan.events if e.id == d.to_event), d.to_event)
    summary = f"Deadline: {to} ({d.text})" if d.text else f"Deadline: {to}"
    entry = _base(f"{plan.id}-deadline-{d.id}@missionplan", summary, d.due, d.due, stamp)
    lines = [f"status: {STATUS_LABELS.get(d.status.value, d.status.value)}"]
    lines += [note] if note else []
    lines += [d.reason] if d.reason else []
    lines += [f"clause: {d.source}"] if d.source else []
    lines += [f"\u201c{d.quote}\u201d"] if d.quote else []
    entry.add("description", "\n".join(lines))
    entry.add("categories", ["deadline"])
    _remind(entry, DEADLINE_REMINDERS, summary)
    return entry
