"""Edits made in the exported tracker come back into the workspace as a new plan version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from missionplan.cli import main
from missionplan.store import open_workspace


def _edit(path: Path, item: str, column: str, value: object) -> None:
    book = load_workbook(path)
    sheet = book["Tracker"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Item")].value == item:
            row[header.index(column)].value = value
    book.save(path)


def test_tracker_edits_become_a_new_version(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--db", db, "--user", "tester"]).exit_code == 0
    tracker = tmp_path / "tracker.xlsx"
    result = runner.invoke(main, ["export", "xlsx", "-o", str(tracker), "--as-of", "2027-02-01"])
    assert result.exit_code == 0, result.output
    _edit(tracker, "tam_deployed", "Actual", date(2027, 6, 13))  # a day later than recorded
    _edit(tracker, "tam_deployed", "Owner", "dpko_itf")
    result = runner.invoke(main, ["import", str(tracker), "--db", db, "--user", "tester"])
    assert result.exit_code == 0, result.output
    assert "version 2" in result.output
    with open_workspace(db) as ws:
        assert len(ws.plan_versions()) == 2
        plan = ws.current_plan()
        assert plan.actual_dates()["tam_deployed"] == date(2027, 6, 13)


def test_a_bad_tracker_edit_stores_nothing_and_names_the_cell(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--db", db, "--user", "tester"]).exit_code == 0
    tracker = tmp_path / "tracker.xlsx"
    assert runner.invoke(main, ["export", "xlsx", "-o", str(tracker)]).exit_code == 0
    _edit(tracker, "tam_deployed", "Actual", "next Tuesday")
    result = runner.invoke(main, ["import", str(tracker), "--db", db, "--user", "tester"])
    assert result.exit_code == 2
    assert "tracker-bad-date" in result.stderr
    assert "tracker.xlsx:" in result.stderr
    with open_workspace(db) as ws:
        assert len(ws.plan_versions()) == 1
