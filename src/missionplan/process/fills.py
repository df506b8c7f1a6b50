"""Sections the plan writes: Markdown drawn from the plan as it stands, so a draft's
timeline, criteria, assumptions and alignment are always current."""

from __future__ import annotations

from ..model import Fill, Plan
from ..schedule import Schedule
from .alignment import alignment

__all__ = ["filled"]


def filled(fill: Fill, plan: Plan, schedule: Schedule) -> str:
    """The Markdown of a section the plan fills, as of the schedule's day."""
    return {Fill.timeline: _timeline, Fill.criteria: _criteria,
            Fill.assumptions: _assumptions, Fill.alignment: _alignment}[fill](plan, schedule)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _timeline(plan: Plan, schedule: Schedule) -> str:
    rows: list[list[object]] = [
        [d.text or d.id, d.due or "—", d.actual or d.forecast or "—", d.status.label]
        for d in sorted(schedule.deadlines, key=lambda d: (d.due is None, d.due, d.id))]
    intro = f"Deadlines as of {schedule.as_of}.\n\n"
    return intro + _table(["Deadline", "Due", "Date (actual or forecast)", "Status"], rows)


def _criteria(plan: Plan, schedule: Schedule) -> str:
    text = {c.id: c.text or c.label() for c in plan.criteria}
    rows: list[list[object]] = [[text.get(c.id, c.name), c.status.label if c.status else "—"]
                                for c in schedule.criteria]
    return (f"Criteria for success as of {schedule.as_of}.\n\n"
            + _table(["Criterion", "Status"], rows))


def _assumptions(plan: Plan, schedule: Schedule) -> str:
    rows: list[list[object]] = [[a.text or a.label(), a.status, a.watch or "—"]
                                for a in plan.assumptions]
    return _table(["Assumption", "Status", "How it is watched"], rows)


def _alignment(plan: Plan, schedule: Schedule) -> str:
    found = alignment(plan)
    if not found.components:
        return "The plan declares no lines of effort yet.\n"
    rows: list[list[object]] = [
        [name, *(", ".join(found.cells.get((pid, c), [])) or "—" for c in found.components)]
        for pid, name in found.priorities]
    text = _table(["Priority", *found.components], rows)
    if found.unserved:
        text += "\nServed by no component: " + ", ".join(found.unserved) + ".\n"
    if found.unaligned:
        text += "\nLines of effort serving no priority: " + ", ".join(found.unaligned) + ".\n"
    return text
