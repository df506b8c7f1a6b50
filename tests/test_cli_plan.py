"""The plan verbs as a user runs them: exit codes, messages, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main

CLEAN = """\
id: clean
events:
  - id: signed
  - id: team_out
relations:
  - id: team_within_14d
    from: signed
    to: team_out
    kind: within
    max: 14d
anchors:
  - event: signed
    date: 2027-01-15
"""

CONFLICTING = CLEAN + """\
  - event: team_out
    date: 2027-02-15
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _write(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_exits_0_on_a_clean_plan(tmp_path: Path) -> None:
    code, out, _ = _run("check", _write(tmp_path, CLEAN))
    assert code == 0
    assert "no findings" in out


def test_check_exits_1_and_names_the_conflict(tmp_path: Path) -> None:
    code, out, _ = _run("check", _write(tmp_path, CONFLICTING), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["consistent"] is False
    assert any(f["code"] == "relation-conflict" for f in data["findings"])
    assert data["conflicts"][0]["excess_days"] == 17


def test_check_exits_2_on_a_bad_file_with_its_location(tmp_path: Path) -> None:
    path = _write(tmp_path, CLEAN.replace("to: team_out", "to: team_outt"))
    code, _, err = _run("check", path)
    assert code == 2
    assert "unknown-event" in err
    assert f"{path}:" in err
    assert "Traceback" not in err


def test_check_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    code, _, err = _run("check", str(tmp_path / "nowhere.yaml"))
    assert code == 2
    assert "nowhere.yaml" in err


def test_schedule_json_uses_iso_dates_and_event_ids(tmp_path: Path) -> None:
    code, out, _ = _run("schedule", _write(tmp_path, CLEAN), "--as-of", "2027-01-20",
                        "--json")
    assert code == 0
    data = json.loads(out)
    deadline = data["deadlines"][0]
    assert deadline["id"] == "team_within_14d"
    assert deadline["due"] == "2027-01-29"
    assert deadline["status"] == "on_track"


def test_schedule_anchor_option_overrides_the_plan(tmp_path: Path) -> None:
    code, out, _ = _run("schedule", _write(tmp_path, CLEAN), "--as-of", "2027-01-20",
                        "--anchor", "signed=2027-01-01", "--json")
    assert code == 0
    assert json.loads(out)["deadlines"][0]["status"] == "late"


def test_schedule_rejects_a_bad_date_option(tmp_path: Path) -> None:
    code, _, err = _run("schedule", _write(tmp_path, CLEAN), "--actual", "team_out=soon")
    assert code == 2
    assert "not a date" in err


def test_explain_unknown_event_suggests_a_name(tmp_path: Path) -> None:
    code, _, err = _run("explain", "team_ot", _write(tmp_path, CLEAN))
    assert code == 2
    assert "did you mean 'team_out'" in err


def test_explain_gives_the_chain_behind_a_bound(tmp_path: Path) -> None:
    code, out, _ = _run("explain", "team_out", _write(tmp_path, CLEAN), "--json")
    assert code == 0
    text = json.dumps(json.loads(out))
    assert "team_within_14d" in text


def test_schema_is_a_json_schema_of_the_plan() -> None:
    code, out, _ = _run("schema")
    assert code == 0
    schema = json.loads(out)
    assert "events" in schema["properties"]


def test_builtin_plan_is_used_without_an_argument() -> None:
    code, out, _ = _run("schedule", "--as-of", "2027-02-01", "--json")
    assert code == 0
    ids = {e["id"] for e in json.loads(out)["events"]}
    assert {"peace_agreement_signed", "tam_deployed", "resolution_adopted",
            "mission_deployed", "elections_held"} <= ids


def test_terminal_tables_write_dates_day_first_when_the_setting_says_so() -> None:
    import re

    plain = CliRunner().invoke(main, ["schedule"], env={"MISSIONPLAN_DATES": ""})
    assert plain.exit_code == 0, plain.output
    iso = re.findall(r"\b(\d{4})-(\d\d)-(\d\d)\b", plain.stdout)
    assert iso and not re.search(r"\b\d\d/\d\d/\d{4}\b", plain.stdout)
    numeric = CliRunner().invoke(main, ["schedule"], env={"MISSIONPLAN_DATES": "numeric"})
    assert numeric.exit_code == 0, numeric.output
    # the tables' dates, day first (sentences the analyses write keep ISO)
    shown = re.findall(r"\b(\d\d)/(\d\d)/(\d{4})\b", numeric.stdout)
    assert len(shown) >= 20 and {(y, m, d) for d, m, y in shown} <= set(iso)
    first = re.search(r"Kalari peace.*", numeric.stdout)
    assert first is not None and re.search(r"\d\d/\d\d/\d{4}", first[0])
    bad = CliRunner().invoke(main, ["schedule"], env={"MISSIONPLAN_DATES": "mm/dd"})
    assert bad.exit_code != 0 and "error[unknown-date-style]" in bad.output
    assert "MISSIONPLAN_DATES" in bad.output
