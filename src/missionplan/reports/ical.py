"""Deadlines and milestones as an iCalendar file Outlook and Google Calendar import.

Every entry is an all-day event with a stable UID (plan id and item id), so a
re-imported calendar updates entries instead of duplicating them, and a
DTSTAMP taken from the clock passed in, so the same plan gives the same file.
Deadlines carry reminders a week and a day before; milestones a day before.
An event known only as a window spans the window; an event that has happened
sits on its actual date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from ..model import Plan
from .context import STATUS_LABELS
from .shape import DeadlineLike, EventLike, ScheduleLike
from .words import item_label

__all__ = ["to_ical"]

PRODID = "-//missionplan//planning calendar//EN"
DEADLINE_REMINDERS = (timedelta(days=-7), timedelta(days=-1))
MILESTONE_REMINDERS = (timedelta(days=-1),)


def to_ical(plan: Plan, schedule: ScheduleLike, *, stamp: datetime) -> bytes:
    """The plan's deadlines and milestones as iCalendar bytes; ``stamp`` is the DTSTAMP (UTC)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plan.title or plan.id)
    for event in schedule.events:
        entry = _milestone(plan, event, stamp)
        if entry is not None:
            cal.add_component(entry)
    for deadline in schedule.deadlines:
        entry = _deadline(plan, deadline, stamp)
        if entry is not None:
            cal.add_component(entry)
    data = cal.to_ical()
    assert isinstance(data, bytes)
    return data


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


def _milestone(plan: Plan, e: EventLike, stamp: datetime) -> VEvent | None:
    if e.actual is not None:
        first = last = e.actual
        when = f"happened on {e.actual.isoformat()}"
    elif e.earliest is not None:
        first, last = e.earliest, e.latest or e.earliest
        when = (f"window {first.isoformat()} to "
                f"{e.latest.isoformat() if e.latest else 'open'}")
    else:
        return None
    name = item_label(e.name, e.id)
    entry = _base(f"{plan.id}-event-{e.id}@missionplan", name, first, last, stamp)
    lines = [when] + ([f"responsible: {e.owner}"] if e.owner else []) + (
        [f"clause: {e.source}"] if e.source else [])
    entry.add("description", "\n".join(lines))
    entry.add("categories", ["milestone"] + ([e.kind] if e.kind != "milestone" else []))
    _remind(entry, MILESTONE_REMINDERS, name)
    return entry


def _deadline(plan: Plan, d: DeadlineLike, stamp: datetime) -> VEvent | None:
    if d.due is None:
        return None
    to = next((e.label() for e in plan.events if e.id == d.to_event), d.to_event)
    summary = f"Deadline: {to} ({d.text})" if d.text else f"Deadline: {to}"
    entry = _base(f"{plan.id}-deadline-{d.id}@missionplan", summary, d.due, d.due, stamp)
    lines = [f"status: {STATUS_LABELS.get(d.status.value, d.status.value)}"]
    lines += [d.reason] if d.reason else []
    lines += [f"clause: {d.source}"] if d.source else []
    lines += [f"\u201c{d.quote}\u201d"] if d.quote else []
    entry.add("description", "\n".join(lines))
    entry.add("categories", ["deadline"])
    _remind(entry, DEADLINE_REMINDERS, summary)
    return entry
