"""Each exchange file says what its dates rest on, where its format has room, and still
reads back with its own reader: the built-in Carana plan (an assumed anchor, synthetic
durations) says so; a plan on facts alone (a recorded anchor, no durations) says nothing."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import hxl
import icalendar
import openpyxl

from missionplan.model import Plan
from missionplan.outlook import plan_basis
from missionplan.planfile import load_plan
from missionplan.reports.hxl import COLUMNS as HXL_COLUMNS
from missionplan.reports.run import ExportFormat, make_export
from missionplan.reports.tracker_import import read_tracker_edits
from missionplan.scenarios import scenario_plan_path

AS_OF = date(2027, 1, 1)
STAMP = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)
CARANA = load_plan(scenario_plan_path())
FACTS = Plan.model_validate({
    "id": "facts", "title": "Dates on facts alone",
    "events": [{"id": "signed", "kind": "start"}, {"id": "report"}],
    "relations": [{"id": "r_report", "from": "signed", "to": "report", "kind": "after",
                   "min": "14d", "max": "14d", "text": "two weeks after the signing"}],
    "anchors": [{"event": "signed", "date": "2026-12-01"}]})
NS = {"p": "http://schemas.microsoft.com/project"}


def _export(plan: Plan, fmt: str) -> bytes:
    return make_export(plan, ExportFormat(fmt), as_of=AS_OF, stamp=STAMP).data


def _sentence() -> str:
    sentence = plan_basis(CARANA).sentence()
    assert "assumed dates" in sentence and "synthetic figures" in sentence
    return sentence


def test_the_facts_plan_rests_on_facts_alone() -> None:
    assert plan_basis(FACTS).empty


def test_ical_says_it_in_the_calendar_and_on_each_entry_not_on_facts() -> None:
    cal = icalendar.Calendar.from_ical(_export(CARANA, "ics"))
    assert str(cal["x-wr-caldesc"]) == _sentence()
    notes = {str(e["uid"]): str(e["description"]).split("\n")[1]
             for e in cal.walk("VEVENT")}
    assert notes["carana-event-council_readiness_confirmed@missionplan"] == "Assumed date."
    assert notes["carana-event-resolution_adopted@missionplan"] == \
        "Forecast, from assumed dates."
    facts = icalendar.Calendar.from_ical(_export(FACTS, "ics"))
    assert "x-wr-caldesc" not in facts
    lines = [line for e in facts.walk("VEVENT") for line in str(e["description"]).split("\n")]
    assert lines and not [x for x in lines if "ssumed" in x or "Forecast" in x]


def test_xlsx_says_it_on_the_about_sheet_and_the_forecast_headers(tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(_export(CARANA, "xlsx"))
    wb = openpyxl.load_workbook(path)
    about = {row[0]: row[1] for row in wb["About"].iter_rows(values_only=True)}
    assert about["Dates rest on"] == _sentence()
    notes = {c.value: c.comment.text if c.comment else None for c in wb["Tracker"][1]}
    assert notes["Earliest"] == notes["Latest"] == notes["Due"] == _sentence()
    assert notes["Actual"] is None
    assert read_tracker_edits(path, CARANA)[1] == []  # the importer reads it as before
    path.write_bytes(_export(FACTS, "xlsx"))
    wb = openpyxl.load_workbook(path)
    assert "Dates rest on" not in [row[0] for row in wb["About"].iter_rows(values_only=True)]
    assert not [c for c in wb["Tracker"][1] if c.comment]


def test_hxl_says_it_above_the_column_names_and_libhxl_skips_it(tmp_path: Path) -> None:
    text = _export(CARANA, "hxl").decode("utf-8")
    first = next(csv.reader(io.StringIO(text)))
    assert first[0] == _sentence() and not any(first[1:])
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    rows = list(source)
    assert [c.header for c in source.columns] == [name for name, _ in HXL_COLUMNS]
    assert len(rows) == len(CARANA.activities) + len(CARANA.indicators)
    facts = next(csv.reader(io.StringIO(_export(FACTS, "hxl").decode("utf-8"))))
    assert facts == [name for name, _ in HXL_COLUMNS]


def test_mspdi_says_it_in_the_project_summary_task_notes() -> None:
    root = ET.fromstring(_export(CARANA, "mspdi"))
    first = root.find("p:Tasks/p:Task", NS)
    assert first is not None and first.findtext("p:UID", namespaces=NS) == "0"
    assert first.findtext("p:Notes", namespaces=NS) == _sentence()
    facts = ET.fromstring(_export(FACTS, "mspdi"))
    uids = [t.findtext("p:UID", namespaces=NS) for t in facts.findall("p:Tasks/p:Task", NS)]
    assert uids == ["1", "2"]


def test_tjp_says_it_in_a_comment_under_the_first_line() -> None:
    lines = _export(CARANA, "tjp").decode("utf-8").splitlines()
    assert lines[1] == f"# {_sentence()}" and lines[2].startswith("project carana ")
    facts = _export(FACTS, "tjp").decode("utf-8").splitlines()
    assert facts[1].startswith("project facts ")
