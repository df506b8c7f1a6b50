"""Recorded facts against a plan: what gives way, what is refused, and the forecast."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import FactError
from missionplan.model import Plan
from missionplan.schedule import Status, build_schedule
from missionplan.temporal import analyse
from missionplan.temporal.edges import Role
from missionplan.temporal.facts import check_facts, dated_back, latest_by_logic, logic_breach

D0 = date(2027, 1, 15)


def _plan(**extra: Any) -> Plan:
    """Signing, an assessment out and back (7-14 days, most likely 10), a report due by
    three weeks after the return and logically after it, a presentation on the return."""
    data: dict[str, Any] = {
        "id": "facts",
        "events": [{"id": e} for e in ("signed", "out", "back", "report", "briefing")],
        "activities": [
            {"id": "prep", "start": "signed", "end": "out",
             "duration": {"distribution": "pert", "min": "3d", "likely": "5d", "max": "10d"}},
            {"id": "visit", "start": "out", "end": "back",
             "duration": {"distribution": "pert", "min": "7d", "likely": "10d",
                          "max": "14d"}},
        ],
        "relations": [
            {"id": "out_in_14", "from": "signed", "to": "out", "kind": "within",
             "max": "14d", "text": "within 14 days of the signing"},
            {"id": "report_by_3w", "from": "back", "to": "report", "kind": "after",
             "min": "0d", "max": "3w", "text": "three weeks after return"},
            {"id": "report_after_back", "from": "back", "to": "report",
             "kind": "precedence", "text": "the report on the assessment"},
            {"id": "briefing_on_return", "from": "back", "to": "briefing",
             "kind": "immediately", "min": "0d", "max": "0d", "nature": "target",
             "text": "immediately on the return"},
        ],
        "anchors": [{"event": "signed", "date": D0.isoformat(), "assumed": True}],
    }
    data.update(extra)
    return Plan.model_validate(data)


def _days(n: int) -> date:
    return D0 + timedelta(days=n)


def test_a_relation_bounded_above_is_a_target_and_an_order_is_logic() -> None:
    relations = {r.id: r for r in _plan().relations}
    assert relations["out_in_14"].is_target and relations["report_by_3w"].is_target
    assert not relations["report_after_back"].is_target
    forced = _plan(relations=[{"id": "r", "from": "signed", "to": "out", "max": "3d",
                               "nature": "logic"}]).relations[0]
    assert not forced.is_target


def test_facts_that_miss_targets_make_them_late_or_early_never_inconsistent() -> None:
    plan = _plan().with_dates(actuals={"out": _days(20), "back": _days(30),
                                       "briefing": _days(28), "report": _days(55)})
    a = analyse(plan)
    assert a.consistent
    moved = {(g.edge.item, g.edge.bound): (g.days, g.role) for g in a.gave_way}
    assert moved[("out_in_14", "max")] == (6, Role.target)          # late by 6
    assert moved[("briefing_on_return", "min")] == (2, Role.target)  # early by 2
    assert moved[("report_by_3w", "max")] == (4, Role.target)       # late by 4
    assert moved[("prep", "max")] == (10, Role.estimate)           # 20 days, not 10
    result = build_schedule(plan, as_of=_days(60))
    rows = {d.id: d for d in result.deadlines}
    assert (rows["out_in_14"].status, rows["out_in_14"].missed_by) == (Status.late, 6)
    assert (rows["briefing_on_return"].status, rows["briefing_on_return"].missed_by) == (
        Status.early, -2)
    assert (rows["report_by_3w"].status, rows["report_by_3w"].missed_by) == (Status.late, 4)
    codes = [d.code for d in result.diagnostics]
    assert codes.count("missed-target") == 3 and "estimate-exceeded" in codes
    assert "relation-conflict" not in codes


def test_an_estimate_gives_way_before_a_target() -> None:
    # the report is recorded 40 days after the deployment and the return is not: either
    # the visit ran past its 14 days (an estimate) or the report was late (a target)
    plan = _plan().with_dates(actuals={"out": _days(5), "report": _days(45)})
    [moved] = analyse(plan).gave_way
    assert (moved.edge.item, moved.days, moved.role) == ("visit", 5, Role.estimate)


def test_a_date_against_logic_is_refused_in_the_directives_words() -> None:
    plan = _plan(directive=None).with_dates(actuals={"back": _days(12)})
    breach = logic_breach(plan, "report", _days(10))
    assert breach is not None
    reason = breach.describe(plan)
    assert "cannot have happened on 2027-01-25" in reason
    assert "report_after_back" in reason and "happened on 2027-01-27" in reason
    with pytest.raises(FactError) as refused:
        build_schedule(plan, as_of=_days(30), actuals={"report": _days(10)})
    assert refused.value.code == "against-logic"
    assert logic_breach(plan, "report", _days(12)) is None  # the same day is fine


def test_an_activity_cannot_end_before_it_starts() -> None:
    plan = _plan().with_dates(actuals={"out": _days(5)})
    breach = logic_breach(plan, "back", _days(4))
    assert breach is not None and "visit" in breach.describe(plan)


def test_a_date_in_the_future_is_refused() -> None:
    with pytest.raises(FactError) as refused:
        check_facts(_plan(), {"out": _days(9)}, today=_days(8))
    assert refused.value.code == "future-actual" and "after the current day" in str(
        refused.value)


def test_a_confirmed_correction_is_recorded_and_shown_as_a_finding() -> None:
    plan = _plan().with_dates(actuals={"back": _days(12)})
    check_facts(plan, {"report": _days(10)}, today=_days(30), corrections={"report"})
    corrected = plan.with_dates(actuals={"report": _days(10)}, corrections={"report"})
    a = analyse(corrected)
    assert a.consistent and any(g.role is Role.logic for g in a.gave_way)
    result = build_schedule(corrected, as_of=_days(30))
    assert "logic-corrected" in [d.code for d in result.diagnostics]
    unconfirmed = plan.with_dates(actuals={"report": _days(10)})  # as if from a file
    assert "actual-against-logic" in [d.code for d in build_schedule(
        unconfirmed, as_of=_days(30)).diagnostics]
    # a later date needs no confirmation because of the earlier correction
    assert logic_breach(corrected, "briefing", _days(13)) is None


def test_a_fact_moves_an_assumed_anchor_before_it_breaks_logic() -> None:
    plan = _plan().with_dates(actuals={"out": _days(-3)})  # out before the assumed signing
    moved = {g.edge.item: g for g in analyse(plan).gave_way}
    # the preparation's estimate gives way to nothing (3 days), then the assumed signing
    # moves back 3 days: the logic (the preparation ends after it starts) holds
    assert (moved["prep"].role, moved["prep"].days) == (Role.estimate, 3)
    assert (moved["anchor:signed"].role, moved["anchor:signed"].days) == (Role.anchor, 3)
    assert "anchor-contradicted" in [d.code for d in build_schedule(
        plan, as_of=_days(10)).diagnostics]


def test_the_forecast_takes_the_most_likely_durations_and_targets_push_nothing() -> None:
    result = build_schedule(_plan(), as_of=D0)
    rows = {e.id: e for e in result.events}
    assert rows["out"].forecast == _days(5) and rows["back"].forecast == _days(15)
    assert rows["briefing"].forecast == _days(15)  # a target's least bound is its plan
    assert rows["out"].earliest == _days(3)  # the window still runs from the least
    # the report is only due: nothing estimates it, so it is expected on the return
    assert rows["report"].forecast == _days(15)


def test_an_event_running_past_its_estimate_is_expected_today_not_late() -> None:
    result = build_schedule(_plan(), as_of=_days(40), actuals={"out": _days(5)})
    back = next(e for e in result.events if e.id == "back")
    assert back.forecast == _days(40) and back.status is not Status.late
    assert any("past the last day" in n for n in back.notes)


def test_an_event_logic_puts_before_a_fact_must_already_have_happened() -> None:
    plan = _plan().with_dates(actuals={"report": _days(25)})
    caps = latest_by_logic(plan, plan.actual_dates() | plan.anchor_dates())
    assert caps["back"] == _days(25) and caps["out"] == _days(25)
    result = build_schedule(plan, as_of=_days(40))
    back = next(e for e in result.events if e.id == "back")
    assert back.unrecorded_by == _days(25)
    assert back.forecast is not None and back.forecast <= _days(25)  # not floored to today


def test_first_events_are_dated_back_from_a_later_anchor() -> None:
    plan = _plan(anchors=[{"event": "out", "date": "2027-01-20", "assumed": True}])
    assert dated_back(plan, plan.anchor_dates()) == {"signed": date(2027, 1, 15)}
    rows = {e.id: e for e in build_schedule(plan, as_of=date(2027, 1, 1)).events}
    assert rows["signed"].forecast == date(2027, 1, 15)


@settings(max_examples=60, deadline=None)
@given(out=st.integers(0, 30), back=st.integers(0, 30), report=st.integers(0, 40))
def test_any_facts_in_logical_order_keep_every_window(out: int, back: int,
                                                      report: int) -> None:
    """Whatever dates are recorded, if logic holds the plan stays dated: a brute-force
    oracle checks each window contains its facts and the deadlines say how far off."""
    facts = {"out": _days(out), "back": _days(out + back),
             "report": _days(out + back + report)}
    plan = _plan().with_dates(actuals=facts)
    a = analyse(plan)
    assert a.consistent
    for event, day in facts.items():
        w = a.window(event)
        assert a.date_of(w.earliest or 0) == day == a.date_of(w.latest or 0)
    rows = {d.id: d for d in build_schedule(plan, as_of=_days(100)).deadlines}
    assert rows["out_in_14"].missed_by == (out - 14 if out > 14 else None)
    late = report - 21
    assert rows["report_by_3w"].missed_by == (late if late > 0 else None)


def test_risk_worlds_start_from_the_day_and_from_dates_dated_back() -> None:
    from missionplan.risk import simulate

    plan = _plan(anchors=[{"event": "out", "date": "2027-01-20", "assumed": True}])
    later = simulate(plan, samples=256, seed=1, as_of=date(2027, 2, 20))
    back = later.event("back")
    assert back.dates is not None and back.dates["P10"] >= "2027-02-20"  # not yet back
    early = simulate(plan, samples=256, seed=1)
    assert early.event("signed").dates == {k: "2027-01-15" for k in ("P10", "P50", "P80",
                                                                     "P90")}


def test_a_plan_file_recording_a_date_after_the_day_is_warned_of() -> None:
    plan = _plan().with_dates(actuals={"out": _days(20)})
    found = [d for d in build_schedule(plan, as_of=_days(10)).diagnostics
             if d.code == "actual-after-day"]
    assert len(found) == 1 and "after 2027-01-25" in found[0].message
    assert not [d for d in build_schedule(plan, as_of=_days(30)).diagnostics
                if d.code == "actual-after-day"]


def test_the_forecast_keeps_inside_the_window_the_facts_leave() -> None:
    # anchored on the deployment, the signing is dated back 5 days; a later return,
    # recorded, with the 14-day target, leaves the signing no earlier than day 6
    plan = _plan(anchors=[{"event": "out", "date": "2027-01-20", "assumed": True}])
    dated = plan.with_dates(actuals={"out": date(2027, 1, 30)})
    result = build_schedule(dated, as_of=date(2027, 2, 1))
    signed = next(e for e in result.events if e.id == "signed")
    assert signed.earliest is not None and signed.forecast is not None
    assert signed.earliest <= signed.forecast <= (signed.latest or signed.forecast)
