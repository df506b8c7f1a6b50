"""``missionplan level``: exact text at 80 columns, the JSON, charts, and no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
DRAFTING = HERE / "plans" / "levelling" / "drafting.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["level", *args], env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def _golden(name: str, text: str) -> None:
    got = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("MISSIONPLAN_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "args", "code"), [
    ("level_drafting", [], 0), ("level_drafting_makespan", ["--objective", "makespan"], 1)])
def test_the_text_is_exactly_the_golden_file(name: str, args: list[str], code: int) -> None:
    exit_code, out, _ = _run(str(DRAFTING), *args)
    assert exit_code == code
    _golden(name, out)


def test_json_carries_dates_lateness_drivers_and_loads(tmp_path: Path) -> None:
    code, out, _ = _run(str(DRAFTING), "--json", "--chart", str(tmp_path / "charts"))
    data = json.loads(out)
    assert code == 0 and data["status"] == "optimal" and data["violations"] == []
    late = {d["id"]: d for d in data["deadlines"]}
    assert late["report_due"]["late"] == 21
    assert late["report_due"]["drivers"] == [{"resource": "planners", "days": 21}]
    [planners] = data["resources"]
    assert planners["one_more"] == 21
    assert [s["used"] for s in planners["load"]] == [2, 0]
    assert sorted(Path(p).name for p in data["charts"]) == ["load-planners.png",
                                                            "load-planners.svg"]
    assert (tmp_path / "charts" / "load-planners.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "charts" / "load-planners.svg").read_bytes()


def test_the_built_in_plan_levels_optimally() -> None:
    code, out, _ = _run("--json", "--no-drivers")
    data = json.loads(out)
    assert code == 0 and data["status"] == "optimal" and data["gap"] == 0.0
    assert data["violations"] == []
    assert {r["id"] for r in data["resources"]} == {"itf_planners", "tam_team", "dpko_chair",
                                                     "helicopters"}


def test_a_demand_on_no_resource_is_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(DRAFTING.read_text(encoding="utf-8").replace(
        "{resource: planners, amount: 2}]}\n  - {id: draft",
        "{resource: planers, amount: 2}]}\n  - {id: draft"), encoding="utf-8")
    code, out, err = _run(str(bad))
    assert code == 2 and out == ""
    assert f"{bad}:9:" in err and "error[unknown-resource]" in err
    assert "Traceback" not in err


def test_schedule_and_risk_can_use_the_levelled_dates() -> None:
    def forecast(*extra: str) -> str:
        result = CliRunner().invoke(main, ["schedule", str(DRAFTING), "--as-of",
                                           "2027-06-01", "--json", *extra])
        rows = {e["id"]: e for e in json.loads(result.stdout)["events"]}
        return str(rows["report_done"]["forecast"])

    assert (forecast(), forecast("--levelled")) == ("2027-06-29", "2027-07-23")
    risk = CliRunner().invoke(main, ["risk", str(DRAFTING), "--samples", "200", "--json",
                                     "--levelled"])
    assert risk.exit_code == 0, risk.output
    events = {e["id"]: e for e in json.loads(risk.stdout)["events"]}
    assert events["report_done"]["dates"]["P50"] == "2027-07-23"


def test_the_brief_can_use_the_levelled_dates(tmp_path: Path) -> None:
    def brief(*extra: str) -> str:
        out = tmp_path / f"brief{len(extra)}.html"
        result = CliRunner().invoke(main, ["report", "brief", str(DRAFTING), "--as-of",
                                           "2027-06-01", "--no-risk", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    assert "23 July 2027" not in brief()
    assert "23 July 2027, 21 days after it is due (2 July 2027)" in brief("--levelled")
