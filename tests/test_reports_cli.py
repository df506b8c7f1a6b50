"""The report and export verbs as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
from click.testing import CliRunner

from missionplan.cli import main
from reports.fixture import PLAN_PATH

ENV = {"SOURCE_DATE_EPOCH": "1740819600"}  # 2025-03-01 09:00 UTC


def _text(value: bytes | str) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else value


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_report_html_to_stdout_and_docx_from_suffix(tmp_path: Path) -> None:
    code, out, _ = _run("report", "brief", str(PLAN_PATH), "--as-of", "2025-03-01")
    assert code == 0 and "<h1>Planning brief</h1>" in out and "10 April 2025" in out
    target = tmp_path / "concept.docx"
    code, _, err = _run("report", "concept", str(PLAN_PATH), "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"PK") and "wrote" in err


def test_report_anchor_moves_the_dates() -> None:
    code, out, _ = _run("report", "brief", str(PLAN_PATH), "--as-of", "2025-03-01",
                        "--anchor", "agreement_signed=2025-03-10")
    assert code == 0 and "17 April 2025" in out  # the report, a week later


def test_export_is_reproducible_with_the_clock_injected(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    for path in (a, b):
        code, _, _ = _run("export", "ics", str(PLAN_PATH), "--as-of", "2025-03-01",
                          "-o", str(path))
        assert code == 0
    assert a.read_bytes() == b.read_bytes()
    cal = icalendar.Calendar.from_ical(a.read_bytes())
    assert {_text(e["dtstamp"].to_ical()) for e in cal.walk("VEVENT")} == \
        {"20250301T090000Z"}


def test_export_json_and_binary_needs_a_file(tmp_path: Path) -> None:
    code, _, err = _run("export", "xlsx", str(PLAN_PATH))
    assert code == 2 and "-o FILE" in err
    code, out, _ = _run("export", "tjp", str(PLAN_PATH), "--json", "-o",
                        str(tmp_path / "p.tjp"))
    assert code == 0 and '"format": "tjp"' in out


def test_bad_anchor_and_missing_plan_are_clear(tmp_path: Path) -> None:
    code, _, err = _run("export", "ics", str(PLAN_PATH), "--anchor", "nowhere=2025-01-01")
    assert code == 2 and "nowhere" in err and "Traceback" not in err
    code, _, err = _run("report", "brief", str(tmp_path / "missing.yaml"))
    assert code == 2 and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_export_actual_dates_the_event_in_the_calendar() -> None:
    def tam_returns(*extra: str) -> str:
        code, out, _ = _run("export", "ics", str(PLAN_PATH), "--as-of", "2025-04-01", *extra)
        assert code == 0
        cal = icalendar.Calendar.from_ical(out)
        event = next(e for e in cal.walk("VEVENT") if "returns" in str(e["summary"]))
        return _text(event["dtstart"].to_ical())

    # its forecast as of the day: the team leaves today at the earliest, back ten days on
    assert tam_returns() == "20250411"
    assert tam_returns("--actual", "tam_returns=2025-03-27") == "20250327"


def test_report_actual_moves_what_follows_and_unknown_events_are_refused() -> None:
    def report_due(*extra: str) -> str:
        code, out, _ = _run("report", "brief", str(PLAN_PATH), "--as-of", "2025-04-01", *extra)
        assert code == 0
        found = re.search(r"<td>Report to the Council</td><td>([^<]+)</td>", out)
        assert found is not None
        return found.group(1)

    assert report_due() != "17 April 2025"
    # exactly three weeks after the recorded return
    assert report_due("--actual", "tam_returns=2025-03-27") == "17 April 2025"
    code, _, err = _run("report", "brief", str(PLAN_PATH), "--actual", "nowhere=2025-01-01")
    assert code == 2 and "error[unknown-event]" in err
