"""The deployment estimate stands in place of the risk model's force-generation inputs.

Applied to the plan, the movement planner's estimate replaces the deployment
activity's duration, its driver and the delays risks add to it: nothing the
planner already models is counted twice, and what it replaces is named.
"""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.logistics import (
    DeploymentResult,
    apply_to_plan,
    estimate_replaces,
    load_deployment,
    plan_deployment,
)
from missionplan.model import Plan
from missionplan.planfile import dump_plan, load_plan, loads_plan
from missionplan.risk import simulate
from missionplan.risk.engine import record
from missionplan.risk.network import Network, compile_network
from missionplan.scenarios import scenario_plan_path

DAY0 = date(2027, 3, 1)
DEPLOY = "force_generation_and_deployment"
REPLACED = ("driver tcc_shortfall, risk early_rainy_season's delay, "
            "risk tcc_shortfall_risk's delay")
TINY = Path(__file__).parent / "logistics" / "tiny"


@pytest.fixture(scope="module")
def carana() -> tuple[Plan, DeploymentResult]:
    plan = load_plan(scenario_plan_path())
    result = plan_deployment(load_deployment(plan), resolution_date=DAY0, time_limit=20)
    assert result.deployed_day is not None
    return plan, result


def _deployment_inputs(net: Network, activity: str) -> tuple[list[int], list[int]]:
    """The driver numbers scaling an activity and the risks whose impacts hit it."""
    edge = net.activity_edges[activity]
    drivers = [a.driver for a in net.inputs.activities if a.edge == edge and a.driver >= 0]
    risks = [i.risk for i in net.inputs.impacts if i.kind == "edge" and i.target == edge]
    return drivers, risks


def _driver_of(net: Network, activity: str) -> str | None:
    edge = net.activity_edges[activity]
    found = [net.inputs.drivers[a.driver].id for a in net.inputs.activities
             if a.edge == edge and a.driver >= 0]
    return found[0] if found else None


def test_no_driver_or_impact_is_counted_twice(carana: tuple[Plan, DeploymentResult]) -> None:
    plan, result = carana
    before = _deployment_inputs(compile_network(plan), DEPLOY)
    assert before[0] and len(before[1]) == 2          # the plan's own inputs, as written
    net = compile_network(apply_to_plan(plan, result))
    assert _deployment_inputs(net, DEPLOY) == ([], [])
    # What the replaced driver and risks do elsewhere stays: early rains still scale returns
    # and humanitarian access, and other risks still delay their activities.
    assert _driver_of(net, "returns") == "rains_early"
    assert _driver_of(net, "humanitarian_stabilisation") == "rains_early"
    late = [r.id for r in net.inputs.risks].index("late_resolution")
    assert late in _deployment_inputs(net, "council_deliberation")[1]
    assert {r.id for r in net.inputs.risks} >= {"tcc_shortfall_risk", "early_rainy_season"}
    assert any(REPLACED in note for note in net.notes)


def test_a_fixed_estimate_is_the_deployment_in_every_world(
        carana: tuple[Plan, DeploymentResult]) -> None:
    plan, result = carana
    net = compile_network(apply_to_plan(plan, result))
    t = record(net, seed=3, n=2048).t
    took = t[net.node("mission_deployed")] - t[net.node("resolution_adopted")]
    np.testing.assert_allclose(took, result.deployed_day, rtol=0, atol=1e-9)


def _triangular(u: float, lo: float, mode: float, hi: float) -> float:
    if u < (mode - lo) / (hi - lo):
        return lo + math.sqrt(u * (hi - lo) * (mode - lo))
    return hi - math.sqrt((1 - u) * (hi - lo) * (hi - mode))


def test_a_spread_estimate_is_the_planner_s_triangular(
        carana: tuple[Plan, DeploymentResult]) -> None:
    plan, result = carana
    likely = result.deployed_day
    assert likely is not None
    low = dataclasses.replace(result, deployed_day=likely - 25)
    high = dataclasses.replace(result, deployed_day=likely + 35)
    net = compile_network(apply_to_plan(plan, result, low=low, high=high))
    t = record(net, seed=5, n=8192).t
    took = t[net.node("mission_deployed")] - t[net.node("resolution_adopted")]
    assert took.min() >= likely - 25 - 1e-9 and took.max() <= likely + 35 + 1e-9
    for q in (0.1, 0.5, 0.9):
        expected = _triangular(q, likely - 25, likely, likely + 35)
        assert abs(float(np.quantile(took, q)) - expected) < 1.0, q


def test_an_estimate_within_90_days_makes_the_90_day_deadline_likely(
        carana: tuple[Plan, DeploymentResult]) -> None:
    plan, result = carana
    assert result.deployed_day is not None and result.deployed_day <= 90
    run = simulate(apply_to_plan(plan, result), samples=2048, seed=1)
    odds = next(d for d in run.deadlines if d.id == "deployed_within_90_days_of_resolution")
    assert odds.probability >= 0.95
    crit = next(c for c in run.criteria if c.id == "mission_deployed_in_time")
    assert crit.probability is not None and crit.probability >= 0.95
    assert any(REPLACED in note for note in run.notes)


def test_the_applied_plan_says_what_the_estimate_replaces(
        carana: tuple[Plan, DeploymentResult]) -> None:
    plan, result = carana
    updated = apply_to_plan(plan, result)
    act = next(a for a in updated.activities if a.id == DEPLOY)
    assert act.duration is not None and act.duration.driver is None
    assert act.duration.basis == "deployment planner"
    assert act.duration.replaces == ["tcc_shortfall", "early_rainy_season",
                                     "tcc_shortfall_risk"]
    assert f"The deployment estimate replaces: {REPLACED}." in act.note
    assert estimate_replaces(updated) == REPLACED
    # The risks stay in the register, impacts and all: only this activity leaves them out.
    assert [r.impacts for r in updated.risks] == [r.impacts for r in plan.risks]
    # Written and read back, and applied again, it still replaces the same, noted once.
    again = apply_to_plan(loads_plan(dump_plan(updated)), result)
    act2 = next(a for a in again.activities if a.id == DEPLOY)
    assert act2.duration is not None and act2.duration.replaces == act.duration.replaces
    assert act2.note == act.note


def _tiny(tmp_path: Path) -> Path:
    for f in TINY.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "with_activity.yaml"


def test_only_the_deployment_loses_the_driver_and_the_impacts(tmp_path: Path) -> None:
    plan = load_plan(_tiny(tmp_path))
    result = plan_deployment(load_deployment(plan), resolution_date=date(2027, 1, 1),
                             time_limit=5)
    net = compile_network(apply_to_plan(plan, result))
    assert _deployment_inputs(net, "deployment") == ([], [])
    # early_rains replaces its delay of the deployment only: it still delays the camps,
    # and its driver still scales them.
    rains = [r.id for r in net.inputs.risks].index("early_rains")
    assert _deployment_inputs(net, "camps")[1] == [rains]
    assert _driver_of(net, "camps") == "rains"
    deployed = simulate(apply_to_plan(plan, result), samples=512, seed=2).event(
        "mission_deployed")
    assert deployed.earliest == deployed.latest == result.deployed_day


def test_deploy_then_risk_on_the_command_line_says_what_was_replaced(tmp_path: Path) -> None:
    plan, updated = _tiny(tmp_path), tmp_path / "updated.yaml"
    deployed = CliRunner().invoke(main, ["deploy", str(plan), "--time-limit", "5",
                                         "--updated-plan", str(updated), "--spread"])
    assert deployed.exit_code == 0, deployed.output
    words = ("driver slow_contributors, risk early_rains's delay, "
             "risk contributors_late's delay")
    assert f"the deployment estimate replaces: {words}" in deployed.stderr
    risk = CliRunner().invoke(main, ["risk", str(updated), "--samples", "256", "--json"])
    assert risk.exit_code == 0, risk.output
    data = json.loads(risk.stdout)
    assert any(words in note for note in data["notes"])
    act = next(a for a in load_plan(updated).activities if a.id == "deployment")
    assert act.duration is not None and act.duration.max is not None
    event = next(e for e in data["events"] if e["id"] == "mission_deployed")
    assert event["latest"] <= act.duration.max.days
