"""The XLSX tracker: what planners see, and their edits brought back into a new plan."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from missionplan.errors import DataFileError
from missionplan.reports.tracker_import import read_tracker_edits
from missionplan.reports.xlsx import COLUMNS, to_xlsx
from reports.fixture import d, small_plan, small_schedule

STAMP = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(to_xlsx(small_plan(), small_schedule(), stamp=STAMP))
    return path


def _row(ws: object, item: str) -> int:
    for cell in ws["A"]:  # type: ignore[index]
        if cell.value == item:
            return int(cell.row)
    raise AssertionError(item)


def test_tracker_has_frozen_header_filters_and_every_item(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_write(tmp_path))
    ws = wb["Tracker"]
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{1 + 7 + 2 + 5}"
    items = [c.value for c in ws["A"][1:]]
    assert items[:2] == ["agreement_signed", "draft_plan"] and "r_tam_within" in items
    row = _row(ws, "r_tam_within")
    assert ws.cell(row, 7).value.date() == date(2025, 3, 24)  # Due
    assert ws.cell(row, 9).value == "on track"
    assert ws.cell(_row(ws, "hq_established"), 4).value == "srsg"


def test_unedited_tracker_changes_nothing(tmp_path: Path) -> None:
    plan = small_plan()
    new, diagnostics = read_tracker_edits(_write(tmp_path), plan)
    assert diagnostics == []
    assert new.model_dump() == plan.model_dump()


def test_edits_to_names_owners_and_actuals_make_a_new_plan(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tracker"]
    ws.cell(_row(ws, "sg_report"), 3).value = "Report of the Secretary-General"
    ws.cell(_row(ws, "tam"), 4).value = "SRSG"          # an actor's name works
    ws.cell(_row(ws, "tam_departs"), 8).value = datetime(2025, 3, 12)
    ws.cell(_row(ws, "r_hq_within"), 3).value = "within 35 days of the resolution"
    wb.save(path)
    plan = small_plan()
    new, diagnostics = read_tracker_edits(path, plan)
    assert diagnostics == []
    assert new.event("sg_report").name == "Report of the Secretary-General"
    assert next(a for a in new.activities if a.id == "tam").owner == "srsg"
    assert new.actual_dates() == {"tam_departs": d(3, 12)}
    assert next(r for r in new.relations if r.id == "r_hq_within").text.startswith("within 35")
    assert plan.actual_dates() == {} and plan.event("sg_report").name == "Report to the Council"


def test_problems_are_reported_with_row_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tracker"]
    ws.append(["gone_event", "event", "Removed", "", None, None, None, None, "", ""])
    ws.cell(_row(ws, "tam"), 4).value = "Nobody"
    ws.cell(_row(ws, "tam_returns"), 8).value = "soon"
    ws.cell(_row(ws, "sg_report"), 8).value = "2025-04-12"
    ws.cell(_row(ws, "r_report_nla"), 8).value = "2025-04-13"  # the same event, another day
    wb.save(path)
    new, diagnostics = read_tracker_edits(path, small_plan())
    codes = {x.code: x for x in diagnostics}
    assert set(codes) == {"tracker-unknown-item", "tracker-unknown-owner", "tracker-bad-date",
                          "tracker-duplicate-row"}
    assert codes["tracker-unknown-item"].location is not None
    assert codes["tracker-unknown-item"].location.line == ws.max_row
    assert codes["tracker-bad-date"].location.column == 8  # type: ignore[union-attr]
    assert new.actual_dates() == {"sg_report": d(4, 12)}
    assert next(a for a in new.activities if a.id == "tam").owner == "itf_chair"


def test_an_actual_date_that_misses_a_deadline_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tracker"]
    row = _row(ws, "tam_departs")
    ws.cell(row, 8).value = datetime(2025, 4, 30)  # not within 21 days of the signing
    wb.save(path)
    new, diagnostics = read_tracker_edits(path, small_plan())
    assert [x.code for x in diagnostics] == ["tracker-missed-target"]
    assert diagnostics[0].severity == "warning"
    assert diagnostics[0].location is not None and diagnostics[0].location.line == row
    assert "r_tam_within" in diagnostics[0].message and "37 days (late)" in diagnostics[0].message
    assert new.actual_dates() == {"tam_departs": date(2025, 4, 30)}


def test_an_actual_date_against_the_plans_logic_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Tracker"]
    out, back = _row(ws, "tam_departs"), _row(ws, "tam_returns")
    ws.cell(out, 8).value = datetime(2025, 3, 20)
    ws.cell(back, 8).value = datetime(2025, 3, 10)  # back before it left
    wb.save(path)
    _, diagnostics = read_tracker_edits(path, small_plan())
    [found] = diagnostics
    assert (found.code, found.severity) == ("tracker-against-logic", "error")
    assert found.location is not None and found.location.line == out
    assert "Assessment mission" in found.message


def test_a_file_that_is_not_a_tracker_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(DataFileError, match="not a tracker workbook"):
        read_tracker_edits(bad, small_plan())
    wb = openpyxl.Workbook()
    wb.active.append(["Item", "Name"])
    wb.active.title = "Tracker"
    wb.save(bad)
    with pytest.raises(DataFileError, match="lacks the column"):
        read_tracker_edits(bad, small_plan())
