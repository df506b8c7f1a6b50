"""Activities and indicators as an HXL-tagged CSV, the 3W/4W form partners exchange.

A row of column names people read, then one of the HXL hashtags
machines read (https://hxlstandard.org). One row per activity (who does what,
when) and one per indicator (what is measured, baseline and target). Plans
carry no administrative areas yet, so ``#adm1`` columns are left empty for
partners to fill. ``#sector`` is the item's component, else its owner's.
Only 3W/4W columns are written. When the dates rest on assumptions (assumed
dates, estimated durations), a row above the column names says so in its first
cell: HXL readers skip the rows above the header row, and a ``#meta`` column
would not be 3W/4W.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..cells import inert_csv
from ..model import Plan
from ..outlook import Basis, plan_basis
from .shape import ScheduleLike

__all__ = ["COLUMNS", "to_hxl_csv"]

# (column name, HXL hashtag)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Organisation", "#org+name"),
    ("Organisation code", "#org+code"),
    ("Sector", "#sector"),
    ("Activity", "#activity+name"),
    ("Activity code", "#activity+code"),
    ("Admin 1", "#adm1+name"),
    ("Admin 1 code", "#adm1+code"),
    ("Start", "#date+start"),
    ("End", "#date+end"),
    ("Indicator", "#indicator+name"),
    ("Indicator code", "#indicator+code"),
    ("Unit", "#indicator+unit"),
    ("Baseline", "#indicator+baseline+num"),
    ("Targeted", "#targeted+num"),
    ("Deadline", "#date+deadline"),
)


def to_hxl_csv(plan: Plan, schedule: ScheduleLike, *, basis: Basis | None = None) -> str:
    """The plan's activities and indicators as HXL-tagged CSV text (``basis``: what the
    dates rest on, by default the plan's own)."""
    sentence = (basis if basis is not None else plan_basis(plan)).sentence()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if sentence:
        writer.writerow([sentence] + [""] * (len(COLUMNS) - 1))
    writer.writerow([name for name, _ in COLUMNS])
    writer.writerow([tag for _, tag in COLUMNS])
    for row in _rows(plan, schedule):
        writer.writerow([inert_csv(row.get(tag, "")) for _, tag in COLUMNS])
    return buf.getvalue()


def _rows(plan: Plan, schedule: ScheduleLike) -> Iterator[dict[str, str]]:
    actors = {a.id: a.label() for a in plan.actors}
    actor_sectors = {a.id: a.component for a in plan.actors if a.component}
    windows = {a.id: a for a in schedule.activities}
    events = {e.id: e for e in schedule.events}
    for act in plan.activities:
        row = windows.get(act.id)
        yield {
            "#org+name": actors.get(act.owner or "", act.owner or ""),
            "#org+code": act.owner or "",
            "#sector": act.component or actor_sectors.get(act.owner or "", ""),
            "#activity+name": act.label(), "#activity+code": act.id,
            "#date+start": _iso(row.start_earliest if row else None),
            "#date+end": _iso(row.end_earliest if row else None),
        }
    for ind in plan.indicators:
        deadline = ind.deadline
        if isinstance(deadline, str):
            ev = events.get(deadline)
            deadline = (ev.actual or ev.latest or ev.earliest) if ev else None
        yield {
            "#org+name": actors.get(ind.owner or "", ind.owner or ""),
            "#org+code": ind.owner or "",
            "#sector": ind.component or actor_sectors.get(ind.owner or "", ""),
            "#indicator+name": ind.label(), "#indicator+code": ind.id,
            "#indicator+unit": ind.unit,
            "#indicator+baseline+num": _number(ind.baseline),
            "#targeted+num": _number(ind.target), "#date+deadline": _iso(deadline),
        }


def _iso(day: object) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else ""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)
