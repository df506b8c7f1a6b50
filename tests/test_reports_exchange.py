"""Exchange formats: iCalendar and HXL, exact against golden files and read back."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import hxl
import icalendar

from missionplan.reports.hxl import to_hxl_csv
from missionplan.reports.ical import to_ical
from reports.fixture import d, small_plan, small_schedule

GOLDEN = Path(__file__).parent / "golden"
STAMP = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
REGENERATE = os.environ.get("MISSIONPLAN_REGENERATE_GOLDEN") == "1"


def _text(value: bytes | str) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else value


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from the golden file"


def test_ical_matches_golden_file() -> None:
    data = to_ical(small_plan(), small_schedule(actuals={"agreement_signed": d(3, 3)}),
                   stamp=STAMP)
    _golden("northwind.ics", data)


def test_ical_reads_back_with_all_day_entries_uids_and_reminders() -> None:
    plan, schedule = small_plan(), small_schedule()
    cal = icalendar.Calendar.from_ical(to_ical(plan, schedule, stamp=STAMP))
    entries = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    dated_deadlines = [x for x in schedule.deadlines if x.due is not None]
    assert len(entries) == len(schedule.events) + len(dated_deadlines)
    for event in cal.walk("VEVENT"):
        assert event.decoded("dtstamp") == STAMP
        start = event.decoded("dtstart")
        assert isinstance(start, date) and not isinstance(start, datetime)
        assert event.decoded("dtend") > start
        assert event.walk("VALARM"), "every entry has a reminder"
    tam = entries["northwind-deadline-r_tam_within@missionplan"]
    assert tam.decoded("dtstart") == date(2025, 3, 24)
    triggers = [_text(a["trigger"].to_ical()) for a in tam.walk("VALARM")]
    assert triggers == ["-P7D", "-P1D"]
    report = entries["northwind-event-sg_report@missionplan"]  # on its forecast, one day
    assert (report.decoded("dtstart"), report.decoded("dtend")) == (date(2025, 4, 10),
                                                                    date(2025, 4, 11))
    assert "window 2025-04-10 to 2025-04-24" in _text(report["description"])


def test_ical_uids_are_stable_and_actual_dates_win() -> None:
    plan = small_plan()
    first = icalendar.Calendar.from_ical(to_ical(plan, small_schedule(), stamp=STAMP))
    later = icalendar.Calendar.from_ical(to_ical(
        plan, small_schedule(actuals={"tam_departs": d(3, 12)}),
        stamp=datetime(2025, 3, 20, tzinfo=UTC)))
    def uids(cal: icalendar.Calendar) -> list[str]:
        return sorted(str(e["uid"]) for e in cal.walk("VEVENT"))

    assert uids(first) == uids(later)
    departs = next(e for e in later.walk("VEVENT")
                   if str(e["uid"]) == "northwind-event-tam_departs@missionplan")
    assert departs.decoded("dtstart") == date(2025, 3, 12)
    assert departs.decoded("dtend") == date(2025, 3, 13)


def test_hxl_matches_golden_file() -> None:
    _golden("northwind.hxl.csv", to_hxl_csv(small_plan(), small_schedule()).encode("utf-8"))


def test_hxl_reads_back_with_libhxl(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(to_hxl_csv(small_plan(), small_schedule()), encoding="utf-8")
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    rows = list(source)
    tags = [c.display_tag for c in source.columns]
    assert "#org+name" in tags and "#activity+code" in tags and "#targeted+num" in tags
    by_code = {r.get("#activity+code") or r.get("#indicator+code"): r for r in rows}
    tam = by_code["tam"]
    assert tam.get("#org+name") == "ITF chair"
    assert tam.get("#date+start") == "2025-03-10" and tam.get("#date+end") == "2025-03-20"
    assert by_code["ind_idps"].get("#targeted+num") == "25000"
    assert by_code["ind_hq_staff"].get("#sector") == "support"
    assert len(rows) == 4


def test_hxl_has_only_3w_columns_and_takes_the_sector_from_the_owner() -> None:
    plan = small_plan()
    actors = [a.model_copy(update={"component": "political"}) if a.id == "itf_chair" else a
              for a in plan.actors]
    activities = [a.model_copy(update={"component": None}) for a in plan.activities]
    plan = plan.model_copy(update={"actors": actors, "activities": activities})
    lines = to_hxl_csv(plan, small_schedule()).splitlines()
    tags = next(i for i, line in enumerate(lines) if line.startswith("#org+name"))
    assert "#meta" not in lines[tags] and "Indicator tag" not in lines[tags - 1]
    rows = {r[4] or r[10]: r for r in (line.split(",") for line in lines[tags + 1:])}
    assert rows["tam"][2] == "political"  # from its owner, the ITF chair
    assert rows["hq_setup"][2] == ""  # its owner names no component
    assert rows["ind_hq_staff"][2] == "support"  # its own component wins
