"""The tracker spreadsheet planners keep: items, owners, dates and status.

One sheet, ``Tracker``, with a frozen header row and filters: a row per event,
activity and deadline. Planners may edit the Name, Owner and Actual columns
and bring the file back with :func:`missionplan.reports.tracker_import.read_tracker_edits`;
the other columns are computed and ignored on import. A second sheet,
``About``, says which plan and day the file was drawn from and what its dates rest
on (assumed dates, estimated durations); the forecast date columns' headers carry
that as a cell note too, so the header row the importer reads keeps its names.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..cells import inert_sheet
from ..model import Plan
from ..outlook import Basis, plan_basis
from .context import STATUS_LABELS
from .shape import ScheduleLike

__all__ = ["COLUMNS", "EDITABLE", "SHEET", "to_xlsx"]

SHEET = "Tracker"
COLUMNS = ("Item", "Type", "Name", "Owner", "Earliest", "Latest", "Due", "Actual", "Status",
           "Clause", "Forecast")
EDITABLE = ("Name", "Owner", "Actual")
FORECAST_COLUMNS = ("Earliest", "Latest", "Due", "Forecast")
_WIDTHS = {"Item": 24, "Type": 10, "Name": 44, "Owner": 16, "Status": 16, "Clause": 16}
_DATE_FORMAT = "yyyy-mm-dd"

Row = tuple[str, str, str, str, date | None, date | None, date | None, date | None, str, str,
            date | None]


def to_xlsx(plan: Plan, schedule: ScheduleLike, *, stamp: datetime,
            basis: Basis | None = None) -> bytes:
    """The tracker workbook as bytes; ``stamp`` is recorded as its creation time, ``basis``
    is what the dates rest on (by default the plan's own)."""
    sentence = (basis if basis is not None else plan_basis(plan)).sentence()
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for row in tracker_rows(plan, schedule):
        ws.append(list(row))
    _format(ws)
    _note_forecasts(ws, sentence)
    _about(wb, plan, schedule, sentence)
    for sheet in wb.worksheets:
        inert_sheet(sheet)
    wb.properties.creator = "missionplan"
    wb.properties.created = stamp.replace(tzinfo=None)
    wb.properties.modified = stamp.replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def tracker_rows(plan: Plan, schedule: ScheduleLike) -> Iterator[Row]:
    """The tracker's rows: events, then activities, then deadlines, in schedule order."""
    actuals = {e.id: e.actual for e in schedule.events}
    forecasts = {e.id: e.forecast for e in schedule.events}
    for e in schedule.events:
        status = getattr(e, "status", None)
        label = STATUS_LABELS.get(status.value, status.value) if status is not None else (
            "done" if e.actual else "")
        yield (e.id, "event", e.name or e.id, e.owner or "", e.earliest, e.latest, None,
               e.actual, label, e.source or "", None if e.actual else e.forecast)
    for a in schedule.activities:
        item = next((x for x in plan.activities if x.id == a.id), None)
        source = str(item.source) if item is not None and item.source else ""
        yield (a.id, "activity", a.name or a.id, a.owner or "", a.start_earliest, a.end_latest,
               None, actuals.get(a.end), "done" if actuals.get(a.end) else "", source,
               None if actuals.get(a.end) else forecasts.get(a.end))
    for d in schedule.deadlines:
        yield (d.id, "deadline", d.text or d.id, d.owner or "", None, None, d.due, d.actual,
               STATUS_LABELS.get(d.status.value, d.status.value), d.source or "",
               None if d.actual else d.forecast)


def _format(ws: Any) -> None:
    header_fill = PatternFill("solid", fgColor="DCE6F0")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top")
    for i, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(name, 12)
        if name in ("Earliest", "Latest", "Due", "Actual"):
            for cell in ws[letter][1:]:
                cell.number_format = _DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _note_forecasts(ws: Any, basis: str) -> None:
    """A cell note on the forecast date columns' headers: what those dates rest on."""
    if not basis:
        return
    for i, name in enumerate(COLUMNS, start=1):
        if name in FORECAST_COLUMNS:
            ws.cell(row=1, column=i).comment = Comment(basis, "missionplan", width=320,
                                                       height=120)


def _about(wb: Workbook, plan: Plan, schedule: ScheduleLike, basis: str) -> None:
    about = wb.create_sheet("About")
    for key, value in (("Plan", plan.id), ("Title", plan.title), ("As of", schedule.as_of),
                       ("Editable columns", ", ".join(EDITABLE)),
                       ("Note", "Other columns are computed from the plan and ignored on "
                                "import. Owner is an actor id or name; Actual is a date.")):
        about.append([key, value])
    if basis:
        about.append(["Dates rest on", basis])
    about["B3"].number_format = _DATE_FORMAT
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 80
