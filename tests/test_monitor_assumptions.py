"""Assumption watch: a failing assumption flags what depends on it, transitively."""

from __future__ import annotations

from missionplan.monitor import flagged_items
from missionplan.planfile import loads_plan


def test_failing_assumption_flags_its_items_and_what_depends_on_them(
        small_plan_text: str) -> None:
    plan = loads_plan(small_plan_text)
    assert flagged_items(plan) == []
    flags = {f.item: f.path for f in flagged_items(plan, {"troops_provided": "failing"})}
    assert set(flags) == {"deployed", "deploy_within_90d", "force_deployed", "strength"}
    assert flags["force_deployed"] == ("troops_provided", "deployed", "deploy_within_90d",
                                       "force_deployed")
    ddr = {f.item for f in flagged_items(plan, {"parties_cooperate": "failing"})}
    assert {"ddr_within_12mo", "ddr_done", "election_after_ddr", "election", "ddr_complete",
            "election_held", "disarmed"} <= ddr
    assert "deployed" not in ddr
