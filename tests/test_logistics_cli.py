"""``missionplan deploy``: summary, JSON, CSV, map, updated plan and clear errors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.planfile import load_plan

TINY = Path(__file__).parent / "logistics" / "tiny"


def plan_in(tmp_path: Path) -> Path:
    for f in TINY.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "plan.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["deploy", *args])
    return result.exit_code, result.output


def test_json_reports_the_deployed_day_and_what_ifs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["deploy", str(plan_in(tmp_path)), "--json",
                                       "--time-limit", "5", "--rainy-season",
                                       "2027-01-02..2027-01-04", "--late", "u1=1"])
    assert result.exit_code == 0, result.output
    # The note on where the start date came from goes to stderr: stdout is pure JSON.
    assert "note:" in result.stderr
    data = json.loads(result.stdout)
    assert data["deployed_day"] == 1 and data["status"] == "optimal"
    assert data["deployed_date"] == "2027-01-02"
    assert data["what_if"]["late"] == {"u1": 1}
    assert data["what_if"]["rainy_season"] == ["2027-01-02", "2027-01-04"]
    assert len(data["movements"]) == 3


def test_summary_csv_map_and_updated_plan(tmp_path: Path) -> None:
    plan = plan_in(tmp_path)
    code, out = run(str(plan), "--time-limit", "5", "--closed", "road",
                    "--csv", str(tmp_path / "moves.csv"), "--map", str(tmp_path / "map.svg"),
                    "--updated-plan", str(tmp_path / "updated.yaml"))
    assert code == 0, out
    assert "Deployment estimate" in out and "helicopter" in out
    rows = list(csv.DictReader((tmp_path / "moves.csv").open()))
    assert {r["mode"] for r in rows} == {"helicopter"}
    assert sorted(int(r["arrive_day"]) for r in rows) == [0, 1, 2]
    assert (tmp_path / "map.svg").read_text().lstrip().startswith("<?xml")
    updated = load_plan(tmp_path / "updated.yaml")
    estimate = next(r for r in updated.relations if r.id == "deployment_estimate")
    assert estimate.min is not None and estimate.min.days == 2


def test_png_map(tmp_path: Path) -> None:
    code, out = run(str(plan_in(tmp_path)), "--time-limit", "5",
                    "--map", str(tmp_path / "map.png"))
    assert code == 0, out
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"


def test_bad_options_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    plan = str(plan_in(tmp_path))
    for args, message in ((["--late", "u1"], "UNIT=DAYS"),
                          (["--late", "nobody=3"], "no unit has that id"),
                          (["--closed", "bridge9"], "no road segment or place"),
                          (["--rainy-season", "2027-05-01"], "FIRST..LAST"),
                          (["--map", str(tmp_path / "m.gif")], ".svg or .png")):
        code, out = run(plan, "--time-limit", "2", *args)
        assert code == 2, (args, out)
        assert message in out and "Traceback" not in out
    assert not (tmp_path / "m.gif").exists()


def test_carana_says_its_data_are_synthetic_and_its_day_0_a_forecast(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no workspace here: the built-in Carana plan
    monkeypatch.delenv("MISSIONPLAN_DB", raising=False)
    result = CliRunner().invoke(main, ["deploy", "--time-limit", "3"])
    assert result.exit_code == 0, result.output
    assert "'resolution_adopted' has no date in the plan" in result.stderr
    tail = " ".join(result.stdout.split()[-40:])
    assert "dates count from assumed dates (Council confirms its readiness" in tail
    assert tail.endswith("the deployment's geography and force are synthetic.")
    result = CliRunner().invoke(main, ["deploy", "--time-limit", "3", "--json"])
    basis = json.loads(result.stdout)["basis"]
    assert basis["sentence"] == tail[tail.index("Assumed: "):]
    assert basis["assumed_dates"] and basis["synthetic_data"]
    assert basis["start"].startswith("'resolution_adopted' has no date in the plan")
    result = CliRunner().invoke(main, ["deploy", "--time-limit", "3", "--json",
                                       "--resolution-date", "2027-09-01"])
    basis = json.loads(result.stdout)["basis"]  # a day given: the plan's dates do not count
    assert basis["sentence"] == "Assumed: the deployment's geography and force are synthetic."
    assert basis["start"] == "2027-09-01, given with --resolution-date"


def test_recorded_data_and_a_dated_start_say_nothing(tmp_path: Path) -> None:
    plan = plan_in(tmp_path)
    code, out = run(str(plan), "--time-limit", "5")
    assert code == 0, out
    assert out.rstrip().endswith("Assumed: the deployment's geography and force are "
                                 "synthetic.")
    for name in ("network.yaml", "force.yaml", "lift_heli.yaml"):
        path = tmp_path / name
        path.write_text(path.read_text().replace("synthetic: true\n", ""))
    code, out = run(str(plan), "--time-limit", "5")
    assert code == 0, out
    assert "Assumed" not in out and "synthetic" not in out
    result = CliRunner().invoke(main, ["deploy", str(plan), "--time-limit", "5", "--json"])
    basis = json.loads(result.stdout)["basis"]
    assert basis["sentence"] == "" and not basis["synthetic_data"]
    assert basis["start"] == "'resolution_adopted' is dated 2027-01-01 in the plan"
