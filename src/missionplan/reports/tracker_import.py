"""Edits made in the tracker spreadsheet, brought back as a new plan version.

Only the editable columns count: Name, Owner and Actual. Each edit is applied
to a copy of the plan; each problem becomes a diagnostic with the row and
column it stands in, and the row is skipped: an item the plan no longer has,
an owner no actor matches, a cell that is not a date, two rows that disagree.
An actual date against the plan's logic is an error (the row is kept in the
returned plan, so the planner sees what the edit broke); one that misses a
target (a deadline) is a warning saying by how many days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import DataFileError, Diagnostic, Location, Severity
from ..model import Plan
from .xlsx import COLUMNS, SHEET

__all__ = ["read_tracker_edits"]


@dataclass(frozen=True, slots=True)
class _Cell:
    row: int
    column: int
    value: Any


@dataclass
class _Edits:
    names: dict[tuple[str, str], str]
    owners: dict[tuple[str, str], str | None]
    actuals: dict[str, tuple[date, int]]
    diagnostics: list[Diagnostic]


def read_tracker_edits(path: Path, plan: Plan) -> tuple[Plan, list[Diagnostic]]:
    """Apply the edits in a tracker workbook to a copy of ``plan``; report each problem."""
    rows = _read_rows(Path(path))
    edits = _Edits({}, {}, {}, [])
    for row in rows:
        _collect(row, plan, edits, str(path))
    new = _apply(plan, edits)
    edits.diagnostics += _consistency(new, str(path), edits)
    return new, edits.diagnostics


def _read_rows(path: Path) -> list[dict[str, _Cell]]:
    from ..monitor.workbooks import limited_rows, open_workbook

    try:
        wb = open_workbook(path)
    except DataFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DataFileError(f"{path}: not a tracker workbook ({exc})") from None
    if SHEET not in wb.sheetnames:
        raise DataFileError(f"{path}: no sheet named '{SHEET}'")
    values = list(limited_rows(wb[SHEET].iter_rows(values_only=True), path))
    wb.close()
    header = [str(v).strip() if v is not None else "" for v in (values[0] if values else [])]
    missing = [c for c in ("Item", "Type", "Name", "Owner", "Actual") if c not in header]
    if missing:
        raise DataFileError(f"{path}: sheet '{SHEET}' lacks the column(s) "
                            f"{', '.join(missing)}; expected {', '.join(COLUMNS)}")
    out = []
    for r, values_row in enumerate(values[1:], start=2):
        cells = {name: _Cell(r, c + 1, values_row[c] if c < len(values_row) else None)
                 for c, name in enumerate(header) if name}
        if any(cell.value not in (None, "") for cell in cells.values()):
            out.append(cells)
    return out


def _diag(code: str, message: str, cell: _Cell, file: str, *,
          severity: Severity = Severity.warning) -> Diagnostic:
    return Diagnostic(code, f"row {cell.row}: {message}", Location(file, cell.row, cell.column),
                      severity)


def _collect(row: dict[str, _Cell], plan: Plan, edits: _Edits, file: str) -> None:
    item_cell, kind_cell = row["Item"], row["Type"]
    item_id = str(item_cell.value or "").strip()
    kind = str(kind_cell.value or "").strip()
    current = _current(plan, kind, item_id)
    if current is None:
        edits.diagnostics.append(_diag(
            "tracker-unknown-item", f"the plan has no {kind or 'item'} '{item_id}'; the row "
            "was ignored", item_cell, file))
        return
    name_cell = row["Name"]
    name = str(name_cell.value or "").strip()
    if name and name != current[0]:
        edits.names[(kind, item_id)] = name
    _collect_owner(row["Owner"], plan, (kind, item_id), current[1], edits, file)
    _collect_actual(row["Actual"], plan, kind, item_id, edits, file)


def _current(plan: Plan, kind: str, item_id: str) -> tuple[str, str | None] | None:
    """The name and owner the tracker shows for an item, or None if the plan lacks it."""
    pools: dict[str, Iterator[Any]] = {"event": iter(plan.events),
                                       "activity": iter(plan.activities),
                                       "deadline": iter(plan.relations)}
    for item in pools.get(kind, iter(())):
        if item.id == item_id:
            shown = (item.text or item.id) if kind == "deadline" else (item.name or item.id)
            return shown, item.owner
    return None


def _collect_owner(cell: _Cell, plan: Plan, key: tuple[str, str], current: str | None,
                   edits: _Edits, file: str) -> None:
    text = str(cell.value or "").strip()
    if text == (current or ""):
        return
    if not text:
        edits.owners[key] = None
        return
    match = next((a.id for a in plan.actors if text in (a.id, a.name)), None)
    if match is None:
        edits.diagnostics.append(_diag(
            "tracker-unknown-owner", f"no actor is called '{text}'; the owner of '{key[1]}' "
            "was left unchanged", cell, file))
    elif match != current:
        edits.owners[key] = match


def _collect_actual(cell: _Cell, plan: Plan, kind: str, item_id: str, edits: _Edits,
                    file: str) -> None:
    if cell.value in (None, ""):
        return
    day = _as_date(cell.value)
    if day is None:
        edits.diagnostics.append(_diag("tracker-bad-date", f"'{cell.value}' is not a date "
                                       "(YYYY-MM-DD)", cell, file, severity=Severity.error))
        return
    event = _actual_event(plan, kind, item_id)
    if plan.actual_dates().get(event) == day:
        return
    seen = edits.actuals.get(event)
    if seen is not None and seen[0] != day:
        edits.diagnostics.append(_diag(
            "tracker-duplicate-row", f"'{event}' happened on {day.isoformat()} here but on "
            f"{seen[0].isoformat()} in row {seen[1]}; row {seen[1]} was kept", cell, file,
            severity=Severity.error))
        return
    edits.actuals[event] = (day, cell.row)


def _actual_event(plan: Plan, kind: str, item_id: str) -> str:
    """The event whose actual date a row's Actual column records."""
    if kind == "activity":
        return next(a.end for a in plan.activities if a.id == item_id)
    if kind == "deadline":
        return next(r.to for r in plan.relations if r.id == item_id)
    return item_id


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _apply(plan: Plan, edits: _Edits) -> Plan:
    new = plan.model_copy(deep=True)
    new.set_base_dir(plan.base_dir)
    pools: dict[str, list[Any]] = {"event": list(new.events),
                                   "activity": list(new.activities),
                                   "deadline": list(new.relations)}
    for (kind, item_id), name in edits.names.items():
        item = next(x for x in pools[kind] if x.id == item_id)
        if kind == "deadline":
            item.text = name
        else:
            item.name = name
    for (kind, item_id), owner in edits.owners.items():
        next(x for x in pools[kind] if x.id == item_id).owner = owner
    return new.with_dates(actuals={e: d for e, (d, _) in edits.actuals.items()})


def _consistency(plan: Plan, file: str, edits: _Edits) -> list[Diagnostic]:
    if not edits.actuals:
        return []
    from ..temporal import analyse
    from ..temporal.edges import Role
    from ..temporal.facts import logic_breach

    rows = {e: r for e, (_, r) in edits.actuals.items()}
    out = []
    known = plan.model_copy(update={"actuals": [a for a in plan.actuals
                                                if a.event not in edits.actuals]})
    for event, (day, row) in sorted(edits.actuals.items(), key=lambda kv: kv[1]):
        breach = logic_breach(known, event, day)  # each against the dates before it
        if breach is not None:
            out.append(Diagnostic("tracker-against-logic", breach.describe(plan),
                                  Location(file, row), Severity.error))
        known = known.with_dates(actuals={event: day})
    if out:
        return out
    for moved in analyse(plan).gave_way:
        if moved.role is Role.target:
            line = rows.get(moved.edge.to) or rows.get(moved.edge.frm or "")
            side = "late" if moved.edge.bound == "max" else "early"
            out.append(Diagnostic(
                "tracker-missed-target",
                f"{moved.edge.item} '{moved.edge.text}': the actual dates miss it by "
                f"{moved.days} days ({side})",
                Location(file, line) if line else Location(file), Severity.warning))
    return out
