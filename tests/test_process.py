"""The process room's pure parts: comparing two versions of a section, mentions, Markdown
shown safely, tasks dated by the temporal engine, the alignment matrix."""

from __future__ import annotations

from datetime import date

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
