"""A plan as Microsoft Project XML (MSPDI), which MS Project, ProjectLibre and MPXJ open.

Events become milestones, activities tasks of their shortest duration, lower
bounds finish-to-start links with an elapsed-day lag (plan days are calendar
days, so durations and lags are elapsed days too). Anchored and actual dates
are "must start on" constraints; "no later than" dates are task deadlines.
Start and finish are the earliest dates of the schedule, so the file opens
showing the same dates as missionplan. Upper bounds between events have no
MS Project counterpart and are listed in the project's Subject. What the dates rest
on (assumed dates, estimated durations) is the notes of the project summary task
(UID 0), which MS Project shows as the project's notes and MPXJ reads as its
comments; the schema has no other place for a project description.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time

from ..model import Plan
from ..outlook import Basis, plan_basis
from .links import Link, activity_days, plan_links
from .shape import ScheduleLike

__all__ = ["NAMESPACE", "to_mspdi"]

NAMESPACE = "http://schemas.microsoft.com/project"
_DAY_START = time(8, 0)
_ELAPSED_DAYS = "8"          # MSPDI duration format code for elapsed days
_FINISH_TO_START = "1"
_MUST_START_ON, _AS_SOON_AS_POSSIBLE = "2", "0"
_TENTHS_OF_MINUTE_PER_DAY = 24 * 60 * 10


def to_mspdi(plan: Plan, schedule: ScheduleLike, *, stamp: datetime,
             basis: Basis | None = None) -> bytes:
    """The plan as MSPDI XML bytes; ``stamp`` is the file's creation date, ``basis`` what
    the dates rest on (by default the plan's own)."""
    sentence = (basis if basis is not None else plan_basis(plan)).sentence()
    links, missing = plan_links(plan)
    uids = _uids(plan)
    root = ET.Element("Project", xmlns=NAMESPACE)
    start = min((e.earliest for e in schedule.events if e.earliest), default=schedule.as_of)
    finish = max((e.latest or e.earliest for e in schedule.events if e.earliest), default=start)
    _add(root, "SaveVersion", "14")
    _add(root, "Name", f"{plan.id}.xml")
    _add(root, "Title", plan.title or plan.id)
    _add(root, "Author", "missionplan")
    _add(root, "CreationDate", _stamp(stamp.replace(tzinfo=None)))
    _add(root, "ScheduleFromStart", "1")
    _add(root, "StartDate", _at(start))
    _add(root, "FinishDate", _at(finish))
    _add(root, "CalendarUID", "1")
    _add(root, "MinutesPerDay", "480")
    _add(root, "DefaultTaskType", "1")  # fixed duration
    _calendars(root)
    tasks = ET.SubElement(root, "Tasks")
    if sentence:
        _project_task(tasks, plan, (start, finish), sentence)
    context = _Context(plan, schedule, uids, links)
    for i, (item_id, name) in enumerate(_items(plan), start=1):
        _task(tasks, context, i, item_id, name)
    if missing:
        root.insert(3, _element("Subject", "Bounds MS Project cannot hold: " + "; ".join(
            f"{m.item}: {m.reason}" for m in missing)))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


class _Context:
    def __init__(self, plan: Plan, schedule: ScheduleLike, uids: dict[str, int],
                 links: list[Link]) -> None:
        self.plan = plan
        self.uids = uids
        self.events = {e.id: e for e in schedule.events}
        self.activities = {a.id: a for a in schedule.activities}
        self.preds: dict[str, list[Link]] = {}
        for link in links:
            self.preds.setdefault(link.successor, []).append(link)
        self.fixed = {**plan.anchor_dates(), **plan.actual_dates()}
        self.deadlines = {r.to: r.not_after for r in plan.relations
                          if r.from_ is None and r.not_after is not None}
        self.durations = {a.id: activity_days(a)[0] for a in plan.activities}


def _items(plan: Plan) -> list[tuple[str, str]]:
    return [(e.id, e.label()) for e in plan.events] + [
        (a.id, a.label()) for a in plan.activities if a.approval == "approved"]


def _uids(plan: Plan) -> dict[str, int]:
    return {item_id: i for i, (item_id, _) in enumerate(_items(plan), start=1)}


def _task(tasks: ET.Element, ctx: _Context, index: int, item_id: str, name: str) -> None:
    task = ET.SubElement(tasks, "Task")
    first, last, days = _dates(ctx, item_id)
    _add(task, "UID", str(ctx.uids[item_id]))
    _add(task, "ID", str(index))
    _add(task, "Name", name)
    _add(task, "Type", "1")
    _add(task, "IsNull", "0")
    _add(task, "WBS", str(index))
    _add(task, "OutlineNumber", str(index))
    _add(task, "OutlineLevel", "1")
    if first is not None:
        _add(task, "Start", _at(first))
        _add(task, "Finish", _at(last or first))
    _add(task, "Duration", f"PT{24 * days}H0M0S")
    _add(task, "DurationFormat", _ELAPSED_DAYS)
    _add(task, "Milestone", "1" if days == 0 else "0")
    _add(task, "Summary", "0")
    fixed = ctx.fixed.get(item_id)
    _add(task, "ConstraintType", _MUST_START_ON if fixed else _AS_SOON_AS_POSSIBLE)
    if fixed:
        _add(task, "ConstraintDate", _at(fixed))
    if item_id in ctx.deadlines:
        _add(task, "Deadline", _at(ctx.deadlines[item_id]))
    _add(task, "Notes", f"missionplan item '{item_id}'")
    for link in ctx.preds.get(item_id, []):
        _predecessor(task, ctx.uids[link.predecessor], link.lag_days)


def _project_task(tasks: ET.Element, plan: Plan, span: tuple[date, date], notes: str) -> None:
    """The project summary task: the project's notes."""
    task = ET.SubElement(tasks, "Task")
    for tag, text in (("UID", "0"), ("ID", "0"), ("Name", plan.title or plan.id),
                      ("Type", "1"), ("IsNull", "0"), ("WBS", "0"), ("OutlineNumber", "0"),
                      ("OutlineLevel", "0"), ("Start", _at(span[0])), ("Finish", _at(span[1])),
                      ("Summary", "1"), ("Notes", notes)):
        _add(task, tag, text)


def _dates(ctx: _Context, item_id: str) -> tuple[date | None, date | None, int]:
    if item_id in ctx.activities:
        a = ctx.activities[item_id]
        days = ctx.durations.get(item_id, 0)
        return a.start_earliest, a.end_earliest, days
    e = ctx.events.get(item_id)
    day = (e.actual or e.earliest) if e else None
    return day, day, 0


def _predecessor(task: ET.Element, uid: int, lag_days: int) -> None:
    link = ET.SubElement(task, "PredecessorLink")
    _add(link, "PredecessorUID", str(uid))
    _add(link, "Type", _FINISH_TO_START)
    _add(link, "CrossProject", "0")
    _add(link, "LinkLag", str(lag_days * _TENTHS_OF_MINUTE_PER_DAY))
    _add(link, "LagFormat", _ELAPSED_DAYS)


def _calendars(root: ET.Element) -> None:
    calendars = ET.SubElement(root, "Calendars")
    cal = ET.SubElement(calendars, "Calendar")
    _add(cal, "UID", "1")
    _add(cal, "Name", "Standard")
    _add(cal, "IsBaseCalendar", "1")
    days = ET.SubElement(cal, "WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday … 7 = Saturday; plan days are calendar days
        day = ET.SubElement(days, "WeekDay")
        _add(day, "DayType", str(day_type))
        _add(day, "DayWorking", "1")
        times = ET.SubElement(day, "WorkingTimes")
        for start, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
            wt = ET.SubElement(times, "WorkingTime")
            _add(wt, "FromTime", start)
            _add(wt, "ToTime", end)


def _element(tag: str, text: str) -> ET.Element:
    el = ET.Element(tag)
    el.text = text
    return el


def _add(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _at(day: date) -> str:
    return _stamp(datetime.combine(day, _DAY_START))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
