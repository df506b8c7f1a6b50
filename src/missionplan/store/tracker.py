"""Edits made in an exported tracker workbook, brought back as a new plan version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Diagnostic
from .records import PlanVersion
from .workspace import Workspace

__all__ = ["TrackerImport", "import_tracker", "is_tracker_workbook"]


@dataclass(frozen=True, slots=True)
class TrackerImport:
    """What a tracker's edits stored: a plan version (names, owners), actual dates."""

    stored: bool
    version: PlanVersion | None = None
    actuals: dict[str, date] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"stored": self.stored,
                "version": self.version.to_json() if self.version else None,
                "actuals": {e: d.isoformat() for e, d in self.actuals.items()},
                "diagnostics": [d.to_json() for d in self.diagnostics]}


def is_tracker_workbook(path: Path) -> bool:
    """True for an .xlsx file that holds the tracker sheet ``missionplan export xlsx`` writes."""
    if path.suffix.lower() != ".xlsx":
        return False
    from ..monitor.workbooks import open_workbook
    from ..reports.xlsx import SHEET

    try:
        book = open_workbook(path, data_only=False)
    except Exception:  # not a workbook at all, or too large: the importer says why
        return False
    try:
        return SHEET in book.sheetnames
    finally:
        book.close()


def import_tracker(ws: Workspace, path: Path, *, user: str,
                   note: str = "") -> TrackerImport:
    """Apply the workbook's edits: names and owners as a new plan version, actual dates
    recorded in the workspace as ``record`` records them (checked and audited).

    Nothing is stored when any edit is an error (an unknown item, a bad date, a date
    after the workspace's day or against the plan's logic); every problem is returned
    with its cell. The version is None when no name or owner changed.
    """
    from ..errors import FactError
    from ..planfile import dump_plan
    from ..reports.tracker_import import read_tracker_edits
    from ..temporal.facts import check_facts

    current = ws.current_plan()
    edited, diagnostics = read_tracker_edits(path, current)
    if any(d.severity == "error" for d in diagnostics):
        return TrackerImport(False, diagnostics=diagnostics)
    was = current.actual_dates()
    changed = {e: d for e, d in edited.actual_dates().items() if was.get(e) != d}
    try:
        check_facts(current, changed, today=ws.current_day().day)
    except FactError as exc:
        code = "tracker-future-actual" if exc.code == "future-actual" else (
            "tracker-against-logic")
        return TrackerImport(False, diagnostics=[*diagnostics, Diagnostic(code, str(exc))])
    stored = ws.stored_plan()
    text = dump_plan(edited.model_copy(update={"actuals": list(stored.actuals)}))
    version = None
    if text != ws.export_plan():
        version = ws.import_plan(text, user=user, filename=str(path),
                                 note=note or f"edits from the tracker {path.name}")
    for event, day in sorted(changed.items(), key=lambda kv: (kv[1], kv[0])):
        ws.record_actual(event, day, user=user)
    return TrackerImport(True, version, changed, diagnostics)
