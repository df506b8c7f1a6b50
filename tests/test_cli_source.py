"""Which plan a verb reads and as of which day, and that it says so.

A PLAN file alone (wall clock); else the workspace here (``--db``, ``$MISSIONPLAN_DB``
or ``./missionplan.db``) with its actual dates, assumption states and clock; else the
built-in plan (wall clock).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from missionplan.cli import main

TODAY = date.today().isoformat()


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, with no workspace named in the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MISSIONPLAN_DB", raising=False)
    return tmp_path


@pytest.fixture
def workspace(here: Path, small_plan_text: str) -> Path:
    """``./missionplan.db`` holding the small plan, one actual date, one assumption state
    and a scenario day set by alice."""
    (here / "small.yaml").write_text(small_plan_text, encoding="utf-8")
    for args in (["import", "small.yaml"], ["clock", "set", "2027-10-01", "--user", "alice"],
                 ["record", "deployed", "2027-04-02"],
                 ["record", "--assumption", "troops_provided", "failing"]):
        assert _run(*args).exit_code == 0, args
    return here / "missionplan.db"


def test_outside_a_workspace_the_built_in_plan_on_the_wall_clock(here: Path) -> None:
    result = _run("schedule")
    assert result.stderr.splitlines() == ["plan: built-in scenario 'carana' (no workspace here)",
                                          f"as of {TODAY} (today, the wall clock)"]
    data = json.loads(_run("schedule", "--json").stdout)
    assert data["plan"] == "carana" and data["as_of"] == TODAY
    assert data["source"]["kind"] == "built-in"
    assert data["as_of_source"]["source"] == "wall clock"
    assert not (here / "missionplan.db").exists()


def test_inside_a_workspace_its_plan_with_what_it_recorded_on_its_clock(
        workspace: Path) -> None:
    result = _run("schedule")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "plan: workspace ./missionplan.db, plan 'testplan' version 1, 1 actual date, "
        "1 assumption state",
        "as of 2027-10-01 (the workspace's scenario day, set by alice)"]
    data = json.loads(_run("schedule", "--json").stdout)
    assert data["as_of"] == "2027-10-01"
    assert data["source"] == {"kind": "workspace", "where": "./missionplan.db",
                              "plan_id": "testplan", "version": 1, "actual_dates": 1,
                              "assumption_states": 1, "syndicate": None}
    assert data["as_of_source"]["set_by"] == "alice"
    deployed = next(e for e in data["events"] if e["id"] == "deployed")
    assert deployed["actual"] == "2027-04-02"


def test_as_of_given_wins_over_the_clock_and_says_so(workspace: Path) -> None:
    result = _run("schedule", "--as-of", "2027-02-20")
    assert result.stderr.splitlines()[-1] == "as of 2027-02-20 (--as-of)"
    data = json.loads(_run("schedule", "--as-of", "2027-02-20", "--json").stdout)
    assert data["as_of"] == "2027-02-20" and data["as_of_source"]["source"] == "given"


def test_a_plan_file_is_read_alone_even_inside_a_workspace(workspace: Path) -> None:
    result = _run("schedule", "small.yaml", "--json")
    data = json.loads(result.stdout)
    assert data["source"]["kind"] == "file" and data["source"]["where"] == "small.yaml"
    assert data["as_of"] == TODAY  # the file has no clock: the workspace's is not used
    assert next(e for e in data["events"] if e["id"] == "deployed")["actual"] is None
    assert _run("schedule", "small.yaml").stderr.startswith("plan: file small.yaml\n")


def test_db_and_the_environment_name_a_workspace_elsewhere(workspace: Path,
                                                           tmp_path_factory: pytest.TempPathFactory,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert _run("schedule", "--json").stdout.count('"built-in"') == 1
    for result in (_run("schedule", "--db", str(workspace), "--json"),
                   _run("schedule", "--json", env={"MISSIONPLAN_DB": str(workspace)})):
        data = json.loads(result.stdout)
        assert (data["source"]["where"], data["as_of"]) == (str(workspace), "2027-10-01")


def test_a_missing_workspace_file_is_an_error_and_is_not_created(here: Path) -> None:
    result = _run("schedule", "--db", "typo.db")
    assert result.exit_code == 2 and "error[no-plan]" in result.stderr
    assert not (here / "typo.db").exists()


@pytest.mark.parametrize("args", [["check"], ["explain", "election"],
                                  ["risk", "--samples", "200"], ["report", "annex"],
                                  ["export", "ics"]])
def test_every_plan_verb_reads_the_workspace_and_says_so(workspace: Path,
                                                         args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code in (0, 1), result.output
    assert result.stderr.startswith("plan: workspace ./missionplan.db, plan 'testplan' "
                                    "version 1, 1 actual date, 1 assumption state\n")
    data = json.loads(_run(*args, "--json").stdout)
    assert data["source"]["kind"] == "workspace"


def test_export_and_report_default_to_the_clock_not_the_file_stamp(workspace: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1740819600"}  # 2025-03-01: when the file is made
    for args in (["export", "hxl", "--json"], ["report", "annex", "--json"]):
        data = json.loads(_run(*args, env=env).stdout)
        assert data["as_of"] == "2027-10-01"
        assert data["as_of_source"]["why"] == "the workspace's scenario day, set by alice"


def test_status_defaults_to_the_clock_and_says_so(workspace: Path) -> None:
    result = _run("status")
    assert result.stderr == "as of 2027-10-01 (the workspace's scenario day, set by alice)\n"
    assert "as of 2027-10-01" in result.stdout
    assert json.loads(_run("status", "--json").stdout)["as_of"] == "2027-10-01"


def test_deploy_says_as_of_which_day_it_found_its_start(here: Path) -> None:
    tiny = Path(__file__).parent / "logistics" / "tiny" / "plan.yaml"
    data = json.loads(_run("deploy", str(tiny), "--time-limit", "2", "--json").stdout)
    assert (data["source"]["kind"], data["source"]["where"]) == ("file", str(tiny))
    assert (data["as_of_source"]["day"], data["as_of_source"]["source"]) == (TODAY,
                                                                              "wall clock")
    given = json.loads(_run("deploy", str(tiny), "--time-limit", "2",
                            "--resolution-date", "2027-03-01", "--json").stdout)
    assert given["as_of_source"] is None  # the start was given: no as-of day was needed


def test_a_brief_in_a_workspace_judges_the_criteria_on_its_observations(here: Path) -> None:
    from missionplan.scenarios import scenario_plan_path

    assert _run("init").exit_code == 0
    assert _run("clock", "set", "2027-12-31").exit_code == 0
    options = ["--no-risk", "--no-deployment", "--json"]
    brief = json.loads(_run("report", "brief", *options).stdout)["content"]
    alone = json.loads(_run("report", "brief", str(scenario_plan_path()), "--as-of",
                            "2027-12-31", *options).stdout)["content"]
    # the workspace's recorded dates and observations stand behind its criteria: the
    # ceasefire recorded in effect (done), indicators lagging behind dates on track
    assert 'class="status-done"' in brief and 'class="status-done"' not in alone
    assert "its indicators lag" in brief and "its indicators lag" not in alone
    assert "indicator observations are synthetic" in brief
