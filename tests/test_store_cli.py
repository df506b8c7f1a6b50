"""The workspace verbs as a user runs them: init, import, record, status, history, backup."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main


def _run(*args: str, columns: int = 80) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args))
    return result.exit_code, result.output


def test_init_status_record_history_on_the_builtin_scenario(db_url: str) -> None:
    code, out = _run("init", "--db", db_url, "--json")
    assert code == 0 and json.loads(out)["observations"] > 1000
    code, out = _run("init", "--db", db_url)
    assert code == 2 and "--force" in out
    fast = ("--risk", "256", "--no-deployment")
    code, out = _run("status", "--db", db_url, "--json", *fast)
    report = json.loads(out)
    assert report["as_of"] == "2027-12-01"  # the sample workspace's scenario day
    answers = {c["id"]: c for c in report["outlook"]["criteria"]}
    assert {"late", "at_risk", "done"} <= {c["status"] for c in answers.values()}
    assert answers["hostilities_ceased"]["status"] == "done"
    assert answers["tam_deployed_in_time"]["missed_by_days"] == 2  # recorded two days late
    assert all(c["odds"] is not None for c in answers.values() if c["due"])
    indicators = {c["criterion"]: c["status"] for c in report["criteria"]}
    assert indicators["hostilities_ceased"] in {"met", "on track", "at risk", "off track"}
    assert "synthetic" in report["basis"]["sentence"]
    code, out = _run("status", "--db", db_url, *fast, columns=120)  # trends when wide
    assert code == 0 and "late" in out and any(ch in out for ch in "▁▂▃▄▅▆▇█")
    code, out = _run("record", "mission_deployed", "2027-12-20", "--db", db_url)
    assert code == 2 and "error[future-actual]" in out  # after the workspace's day
    code, _ = _run("record", "mission_deployed", "2027-11-28", "--db", db_url, "--user", "ops")
    assert code == 0
    code, out = _run("history", "mission_deployed", "--db", db_url, "--json")
    log = json.loads(out)
    assert log[0]["action"] == "item.add" and log[0]["after"]["id"] == "mission_deployed"
    assert [(e["user"], e["after"]) for e in log if e["action"] == "actual.record"] == [
        ("ops", {"date": "2027-11-28"})]
    code, out = _run("record", "--assumption", "forces_forthcoming", "failing", "--db", db_url,
                     "--json")
    assert "deployed_strength" in {f["item"] for f in json.loads(out)["flagged"]}
    code, out = _run("record", "no_such_event", "2027-01-01", "--db", db_url)
    assert code == 2 and "error[unknown-event]" in out


def _imported(db_url: str, tmp_path: Path, plan_text: str) -> bool:
    """Import ``plan_text`` into the workspace as a user does; True when it went in."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text)
    return _run("import", str(plan), "--db", db_url)[0] == 0


def test_import_plan_and_data_backup_and_restore(db_url: str, tmp_path: Path,
                                                 small_plan_text: str) -> None:
    assert _imported(db_url, tmp_path, small_plan_text)
    data = tmp_path / "obs.csv"
    data.write_text("indicator,date,value\nstrength,2027-02-01,30\nstrength,2027-02-02,x\n")
    code, out = _run("import", str(data), "--db", db_url)
    assert code == 2 and "row 3" in out and "nothing imported" in out
    code, out = _run("import", str(data), "--db", db_url, "--skip-bad-rows", "--json")
    assert json.loads(out)["imported"] == 1 and len(json.loads(out)["skipped"]) == 1
    backup = tmp_path / "ws.backup"
    assert _run("backup", str(backup), "--db", db_url)[0] == 0
    assert _run("import", str(data), "--db", db_url, "--skip-bad-rows")[0] == 0
    assert _run("restore", str(backup), "--db", db_url)[0] == 0
    code, out = _run("status", "--as-of", "2027-03-01", "--db", db_url, "--json")
    strength = json.loads(out)["criteria"][0]["indicators"][0]
    assert strength["observations"] == [["2027-02-01", 30.0]]


def test_every_bad_row_of_a_refused_import_is_named(db_url: str, tmp_path: Path,
                                                   small_plan_text: str) -> None:
    assert _imported(db_url, tmp_path, small_plan_text)
    data = tmp_path / "obs.csv"
    data.write_text("indicator,date,value\nstrength,2027-02-01,30\nghost,2027-02-02,1\n"
                    "strength,2027-02-31,2\nstrength,2027-02-04,lots\n")
    code, out = _run("import", str(data), "--db", db_url)
    lines = out.strip().splitlines()
    assert code == 2 and "3 bad rows, nothing imported" in lines[0]
    assert [c for c in ("unknown-indicator", "bad-date", "bad-value") if c in out] == [
        "unknown-indicator", "bad-date", "bad-value"]
    assert len(lines) == 3 and all(str(data) in line for line in lines)
