"""Levelling a plan: dates under its resources, the deadlines that slip and why, what one
more unit buys, and no schedule explained in the plan's own terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionplan.levelling import level, problem_of, solve, violations
from missionplan.planfile import load_plan, loads_plan

HERE = Path(__file__).parent / "plans"
DRAFTING = HERE / "levelling" / "drafting.yaml"


def test_the_second_draft_waits_for_planners_and_its_deadline_slips() -> None:
    result = level(load_plan(DRAFTING))
    assert result.status == "optimal" and result.gap == 0.0 and result.violations == []
    rows = {t.id: t for t in result.tasks}
    # The final draft is the criterion's deadline, so it goes first; the report waits.
    assert (rows["draft"].start, rows["draft"].waits) == (10, 0)
    assert (rows["report"].start, rows["report"].waits) == (34, 24)
    late = {d.id: (d.late, d.late_unlimited, d.drivers) for d in result.deadlines}
    assert late["report_due"] == (31 - 10, 0, (("planners", 21),))
    assert late["draft_due"][0] == 0 and late["tam_due"][0] == 0
    assert result.moved_events() == {"report_done": 24}
    assert result.dates["report_done"] - result.unlimited["report_done"] == 24


def test_one_more_planner_buys_the_report_back() -> None:
    result = level(load_plan(DRAFTING))
    [planners] = result.resources
    assert planners.one_more == 21 and dict(planners.one_more_deadlines) == {"report_due": 21}
    assert planners.peak_used == 2
    assert [(s.day, s.used, s.capacity) for s in planners.steps] == [(10, 2, 3), (52, 0, 3)]


def test_shortest_plan_with_every_deadline_held_has_no_schedule_and_says_why() -> None:
    result = level(load_plan(DRAFTING), objective="makespan")
    assert result.status == "infeasible" and result.conflict is not None
    c = result.conflict
    assert set(c.deadlines) == {"report_due", "draft_due"} and c.minimal
    assert set(c.activities) == {"report", "draft"} and c.resources == ("planners",)
    assert (result.date_of(c.first_day), result.date_of(c.last_day)) == \
        ("2027-06-11", "2027-07-09")
    assert c.reason.startswith("planners cannot hold report, draft between 2027-06-11 and "
                               "2027-07-09 and still meet report_done at most 21 days")


def test_a_fourth_planner_makes_it_fit() -> None:
    text = DRAFTING.read_text(encoding="utf-8").replace("capacity: 3", "capacity: 4")
    result = level(loads_plan(text), objective="makespan")
    assert result.status == "optimal" and result.makespan == 34 == result.makespan_unlimited
    assert result.moved_events() == {} and result.violations == []


def test_planners_arriving_with_an_event_are_waited_for() -> None:
    text = DRAFTING.read_text(encoding="utf-8").replace(
        "capacity: 3}", "capacity: 2, changes: [{from: hq, add: 2}]}").replace(
        "events: [", "events: [{id: hq}, ").replace(
        "activities:\n", "activities:\n  - {id: hq_setup, start: start, end: hq, "
        "duration: 12d}\n")
    plan = loads_plan(text)
    result = level(plan, objective="makespan")
    assert result.status == "optimal" and result.violations == []
    rows = {t.id: t for t in result.tasks}
    # Two planners until the HQ exists on day 12, four after: the report waits 2 days.
    assert result.dates["hq"] == 12 and result.makespan == 34
    assert (rows["draft"].start, rows["report"].start, rows["report"].waits) == (10, 12, 2)
    frame = problem_of(plan)
    solved = solve(frame.problem, time_limit=10, workers=1)
    assert solved.times is not None and violations(frame.problem, solved.times) == []


def test_a_finished_activity_keeps_its_actual_dates() -> None:
    text = DRAFTING.read_text(encoding="utf-8").replace(
        "anchors: [{event: start, date: 2027-06-01}]",
        "anchors: [{event: start, date: 2027-06-01}]\nactuals: [{event: return, date: "
        "2027-06-11}, {event: draft_done, date: 2027-07-15}]")
    result = level(loads_plan(text))
    rows = {t.id: t for t in result.tasks}
    assert (rows["draft"].start, rows["draft"].end) == (10, 44)  # 34 days, as it fell
    assert result.violations == []


@pytest.mark.parametrize("objective", ["lateness", "makespan"])
def test_a_plan_without_resources_levels_to_its_own_dates(objective: str) -> None:
    plan = load_plan(HERE / "valid" / "timeline.yaml")
    result = level(plan, objective=objective)  # type: ignore[arg-type]
    assert result.status in ("optimal", "infeasible")
    if result.status == "optimal":
        assert result.moved_events() == {} and result.tasks == []


def test_recorded_dates_against_an_estimate_make_it_give_way() -> None:
    text = DRAFTING.read_text(encoding="utf-8").replace(
        "anchors: [{event: start, date: 2027-06-01}]",
        "anchors: [{event: start, date: 2027-06-01}]\nactuals: [{event: start, date: "
        "2027-06-01}, {event: return, date: 2027-06-16}]")  # the TAM: 15 days, not 10
    result = level(loads_plan(text))
    assert result.status == "optimal" and result.violations == []
    assert result.notes == ["tam gave way to the recorded dates by 5 days"]
    assert {d.id: d.late for d in result.deadlines}["tam_due"] == 1
    assert result.dates["return"] == 15


def test_waits_written_into_durations_give_the_schedule_the_levelled_dates() -> None:
    from datetime import date

    from missionplan.levelling import with_waits
    from missionplan.schedule import build_schedule

    plan = load_plan(DRAFTING)
    result = level(plan)
    waited = with_waits(plan, result)
    report = next(a for a in waited.activities if a.id == "report")
    assert report.duration is not None and report.duration.likely is not None
    assert report.duration.likely.days == 18 + 24
    assert "waits 24 days" in report.duration.basis
    assert next(a for a in waited.activities if a.id == "draft") == \
        next(a for a in plan.activities if a.id == "draft")
    forecast = build_schedule(waited, as_of=date(2027, 6, 1))
    row = next(e for e in forecast.events if e.id == "report_done")
    assert row.forecast is not None
    assert row.forecast.isoformat() == result.date_of(result.dates["report_done"])


def test_work_holding_a_resource_does_not_run_across_its_closed_days() -> None:
    text = DRAFTING.read_text(encoding="utf-8").replace(
        "capacity: 3}", "capacity: 3, closed: [{from: 2027-06-20, until: 2027-06-25}]}")
    plan = loads_plan(text)
    result = level(plan, drivers=False)
    assert result.status == "optimal" and result.violations == []
    starts = sorted(t.start for t in result.tasks)
    assert starts == [24, 48]  # neither fits in the nine days before the closure
    frame = problem_of(plan)
    broken = solve(frame.problem.unlimited(), time_limit=10, workers=1)
    assert broken.times is not None
    assert any("0 available" in v for v in violations(frame.problem, broken.times))
