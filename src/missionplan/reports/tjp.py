"""A plan as a TaskJuggler project (``.tjp``), for planners who schedule with ``tj3``.

Events become milestones, activities tasks of their shortest duration, lower
bounds ``depends`` with a ``gapduration`` (calendar days), anchors and actual
dates a fixed ``start``, and "no later than" dates ``maxend`` (which TaskJuggler
checks). Upper bounds between events have no TaskJuggler counterpart and are
written as comments. For plans without binding upper bounds, ``tj3`` gives the
same earliest dates as missionplan. What the dates rest on (assumed dates, estimated
durations) is a comment under the first line: a TaskJuggler project has no note.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Plan
from ..outlook import Basis, plan_basis
from .links import Link, activity_days, plan_links
from .shape import ScheduleLike

__all__ = ["to_tjp"]


def to_tjp(plan: Plan, schedule: ScheduleLike, *, basis: Basis | None = None) -> str:
    """The plan as TaskJuggler 3 project text (``basis``: what the dates rest on, by default
    the plan's own)."""
    sentence = (basis if basis is not None else plan_basis(plan)).sentence()
    start = _project_start(schedule)
    links, missing = plan_links(plan)
    preds: dict[str, list[Link]] = {}
    for link in links:
        preds.setdefault(link.successor, []).append(link)
    fixed = {**plan.anchor_dates(), **plan.actual_dates()}
    deadlines = {r.to: r.not_after for r in plan.relations
                 if r.from_ is None and r.not_after is not None}
    lines = [f"# {plan.title or plan.id}: written by missionplan from plan '{plan.id}'.",
             *([f"# {sentence}"] if sentence else []),
             f'project {_ident(plan.id)} "{_text(plan.title or plan.id)}" '
             f"{start.isoformat()} +{_span_days(schedule, start)}d {{",
             '  timezone "UTC"', "  timingresolution 60min", "}", ""]
    for event in plan.events:
        body = ["milestone", *_timing(event.id, preds, fixed, start)]
        if event.id in deadlines:
            body.append(f"maxend {deadlines[event.id].isoformat()}")
        lines += _task(event.id, event.label(), body)
    for act in plan.activities:
        if act.approval != "approved":
            continue
        days, _ = activity_days(act)
        body = [f"duration {days}d" if days else "milestone"]
        lines += _task(act.id, act.label(), body + _timing(act.id, preds, fixed, start))
    if missing:
        lines += ["", "# Bounds TaskJuggler cannot hold (check them in missionplan):"]
        lines += [f"#   {m.item}: {m.reason}" for m in missing]
    return "\n".join(lines) + "\n"


def _task(task_id: str, name: str, body: list[str]) -> list[str]:
    return [f'task {_ident(task_id)} "{_text(name)}" {{'] + [f"  {b}" for b in body] + ["}"]


def _timing(item: str, preds: dict[str, list[Link]], fixed: dict[str, date],
            start: date) -> list[str]:
    if item in fixed:
        return [f"start {fixed[item].isoformat()}"]
    mine = preds.get(item, [])
    if not mine:
        return [f"start {start.isoformat()}  # no earlier bound in the plan"]
    out = []
    for link in mine:
        gap = f" {{ gapduration {link.lag_days}d }}" if link.lag_days else ""
        note = f"  # {link.item}" + (" (months read as their most days)"
                                     if link.approximate else "")
        out.append(f"depends {_ident(link.predecessor)}{gap}{note}")
    return out


def _project_start(schedule: ScheduleLike) -> date:
    days = [e.earliest for e in schedule.events if e.earliest] + [
        e.actual for e in schedule.events if e.actual]
    candidates = [d for d in (schedule.origin, *days) if d is not None]
    return min(candidates) if candidates else schedule.as_of


def _span_days(schedule: ScheduleLike, start: date) -> int:
    days = [d for e in schedule.events for d in (e.earliest, e.latest, e.actual) if d]
    last = max(days, default=start)
    return (last - start).days + 2 * 365


def _ident(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", value)


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


