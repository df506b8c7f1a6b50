"""The process room's pure parts: comparing two versions of a section, mentions, Markdown
shown safely, tasks dated by the temporal engine, the alignment matrix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from missionplan.model import Fill
from missionplan.planfile import load_plan
from missionplan.process import (
    State,
    TaskStatus,
    alignment,
    compare,
    filled,
    mentions,
    needs,
    plan_tasks,
    to_html,
)
from missionplan.scenarios import scenario_plan_path
from missionplan.schedule import build_schedule

LINES = st.lists(st.sampled_from(["a", "b", "c", "", "# d"]), max_size=12)


@given(LINES, LINES)
def test_a_comparison_rebuilds_both_versions(old: list[str], new: list[str]) -> None:
    lines = compare("\n".join(old), "\n".join(new))
    assert [t for k, t in lines if k != "added"] == "\n".join(old).splitlines()
    assert [t for k, t in lines if k != "removed"] == "\n".join(new).splitlines()
    if old == new:
        assert all(k == "same" for k, _ in lines)


def test_mentions_and_markdown() -> None:
    assert mentions("cc @ana, @bo.smith. and mail x@y.org @ana") == ["ana", "bo.smith"]
    html = to_html("# T\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<table>" in html


def test_tasks_follow_the_products_states_and_the_deadlines() -> None:
    plan = load_plan(scenario_plan_path())
    schedule = build_schedule(plan, as_of=date(2027, 6, 20))
    tasks = {t.id: t for t in plan_tasks(plan, schedule, {})}
    deliver = tasks["draft_mission_plan:deliver"]
    assert deliver.actor == "dpko_itf" and "draft_plan_week_prior_to_tam" in deliver.why
    assert deliver.due is not None and deliver.status is (
        TaskStatus.late if deliver.due < date(2027, 6, 20) else deliver.status)
    assert not any(t.id.startswith("isf:review") for t in tasks.values())
    reviewing = {t.id: t for t in plan_tasks(plan, schedule, {"isf": State.in_review})}
    assert reviewing["isf:review:dpko_itf"].status is not TaskStatus.done
    assert reviewing["isf:deliver"].waiting_on == ["dpko_itf"]
    done = {t.id: t for t in plan_tasks(plan, schedule, {"isf": State.endorsed})}
    assert done["isf:deliver"].status is TaskStatus.done


def test_the_matrix_and_the_filled_sections_read_the_plan() -> None:
    plan = load_plan(scenario_plan_path())
    found = alignment(plan)
    assert found.unserved == [] and found.unaligned == []
    assert found.cells[("deploy_quickly", "support")] == ["loe_support_logistics"]
    schedule = build_schedule(plan, as_of=date(2027, 6, 20))
    timeline = filled(Fill.timeline, plan, schedule)
    assert "| Deadline | Due |" in timeline and "as of 2027-06-20" in timeline
    assert len(filled(Fill.criteria, plan, schedule).splitlines()) == len(plan.criteria) + 4


def test_the_risk_and_deployment_sections_read_the_runs_of_the_plan_as_it_stands() -> None:
    from missionplan.outlook.analyses import Analyses, run_deployment, run_risk

    plan = load_plan(scenario_plan_path())
    schedule = build_schedule(plan, as_of=date(2027, 12, 1))
    assert "has not run on this version" in filled(Fill.risk, plan, schedule)
    assert "has not run on this version" in filled(Fill.deployment, plan, schedule)
    risk = run_risk(plan, samples=200, seed=3, as_of=schedule.as_of)
    deployment = run_deployment(plan, schedule, time_limit=3.0)
    runs = Analyses(risk=risk, deployment=deployment, deployment_synthetic=True)
    odds = filled(Fill.risk, plan, schedule, analyses=runs)
    assert "from 200 simulated worlds" in odds and "(seed 3)" in odds
    rows = [line for line in odds.splitlines() if line.startswith("| ")]
    names = {c.id: c.name or c.label() for c in plan.criteria}
    for c in risk.criteria:  # the library's odds, criterion by criterion
        row = next(r for r in rows if r.startswith(f"| {names[c.id]} |"))
        want = "—" if c.probability is None else f"{round(100 * c.probability)}%"
        assert f"| {want} |" in row, (c.id, row)
    coming = odds.split("Events still to come")[1].split("What moves")[0]
    assert "Kalari peace agreement signed" not in coming  # long past: no range to give
    estimate = filled(Fill.deployment, plan, schedule, analyses=runs)
    deployed = deployment.date_of(deployment.deployed_day)
    assert f"is deployed on {deployed}, day {deployment.deployed_day}" in estimate
    assert "synthetic" in estimate
    if deployed is not None and deployed < schedule.as_of:  # reality: nothing recorded
        assert "has no date recorded" in estimate


def test_a_plan_without_uncertainty_or_deployment_data_says_so() -> None:
    from missionplan.model import ProductSection

    plan = load_plan(Path(__file__).parent / "plans" / "valid" / "process.yaml")
    schedule = build_schedule(plan, as_of=date(2027, 1, 1))
    assert "no uncertain durations" in filled(Fill.risk, plan, schedule)
    assert "no deployment data" in filled(Fill.deployment, plan, schedule)
    sections = [ProductSection(id="a", title="A", fill=Fill.risk),
                ProductSection(id="b", title="B", fill=Fill.timeline),
                ProductSection(id="c", title="C")]
    assert needs(s.fill for s in sections) == {"risk"}


def test_a_recorded_deployment_comes_before_the_movement_plans_estimate() -> None:
    from missionplan.outlook.analyses import Analyses, run_deployment

    plan = load_plan(scenario_plan_path())
    before = build_schedule(plan, as_of=date(2027, 12, 1))
    deployment = run_deployment(plan, before, time_limit=3.0)
    estimate = deployment.date_of(deployment.deployed_day)
    assert estimate is not None
    recorded = plan.with_dates(actuals={"mission_deployed": date(2027, 11, 29)})
    schedule = build_schedule(recorded, as_of=date(2027, 12, 1))
    text = filled(Fill.deployment, recorded, schedule,
                  analyses=Analyses(deployment=deployment))
    first = text.splitlines()[0]
    assert first.startswith("'Peacekeeping mission deployed' is recorded on 2027-11-29")
    gap = (date(2027, 11, 29) - estimate).days
    if gap > 0:
        assert f"{gap} days later than the movement plan below ({estimate})" in first
    assert "has no date recorded" not in text
