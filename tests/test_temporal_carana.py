"""The engine on the built-in plan: it must read as the directive does."""

from __future__ import annotations

from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.temporal import analyse, lint

REQUIRED = ("peace_agreement_signed", "tam_deployed", "tam_returned", "sg_report_submitted",
            "resolution_adopted", "mission_hq_established", "mission_deployed",
            "ddr_started", "ddr_completed", "elections_held")


def test_builtin_plan_is_consistent_and_explains_the_report_deadline() -> None:
    plan = load_plan(scenario_plan_path())
    a = analyse(plan)
    assert a.consistent
    for event in REQUIRED:
        w = a.windows[event]
        assert w.earliest is not None and w.latest is not None and w.earliest <= w.latest
    latest = a.why("sg_report_submitted", "latest")
    assert latest[0].frm is None and latest[-1].to == "sg_report_submitted"
    assert sum(e.weight for e in latest) == a.windows["sg_report_submitted"].latest
    assert any(e.source is not None and e.source.section == "TIMELINE" for e in latest)
    assert "because:" in str(a.explain("sg_report_submitted"))


def test_builtin_plan_raises_the_two_assessment_deadlines_as_a_question() -> None:
    plan = load_plan(scenario_plan_path())
    assert not [d for d in lint(plan) if d.code == "redundant-relation"]
    [found] = [d for d in lint(plan) if d.code == "directive-discrepancy"]
    assert "CRITERIA FOR SUCCESS:76" in found.message and "TIMELINE:120" in found.message
    assert "which governs" in found.message
