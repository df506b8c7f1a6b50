"""Edits made in an exported tracker workbook, brought back as a new plan version."""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic
from .records import PlanVersion
from .workspace import Workspace

__all__ = ["import_tracker", "is_tracker_workbook"]


def is_tracker_workbook(path: Path) -> bool:
    """True for an .xlsx file that holds the tracker sheet ``missionplan export xlsx`` writes."""
    if path.suffix.lower() != ".xlsx":
        return False
    from openpyxl import load_workbook

    from ..reports.xlsx import SHEET

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not a workbook at all: let the observation importer say why
        return False
    try:
        return SHEET in book.sheetnames
    finally:
        book.close()


def import_tracker(ws: Workspace, path: Path, *, user: str,
                   note: str = "") -> tuple[PlanVersion | None, list[Diagnostic]]:
    """Apply the workbook's edits to the current plan and store the result as a new version.

    Nothing is stored when any edit is an error (an unknown item, a bad date, a date that
    makes the plan contradict itself); every problem is returned with its cell.
    """
    from ..planfile import dump_plan
    from ..reports.tracker_import import read_tracker_edits

    edited, diagnostics = read_tracker_edits(path, ws.current_plan())
    if any(d.severity == "error" for d in diagnostics):
        return None, diagnostics
    version = ws.import_plan(dump_plan(edited), user=user, filename=str(path),
                             note=note or f"edits from the tracker {path.name}")
    return version, diagnostics
