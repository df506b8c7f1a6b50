"""The schedule as of a day: dates, forecasts and deadline status on small plans."""

from __future__ import annotations

from datetime import date

import pytest

from missionplan.model import Plan
from missionplan.schedule import Status, build_schedule


def _plan(**extra: object) -> Plan:
    data: dict[str, object] = {
        "id": "demo",
        "events": [{"id": "signed"}, {"id": "team_out"}, {"id": "team_back"},
                   {"id": "report"}, {"id": "resolution"}],
        "activities": [{"id": "visit", "start": "team_out", "end": "team_back",
                        "duration": "10d"}],
        "relations": [
            {"id": "team_within_14d", "from": "signed", "to": "team_out", "kind": "within",
             "max": "14d"},
            {"id": "report_3w_after", "from": "team_back", "to": "report", "kind": "after",
             "min": "3w", "max": "3w"},
            {"id": "resolution_after_report", "from": "report", "to": "resolution",
             "kind": "precedence", "min": "7d"},
            {"id": "resolution_by", "to": "resolution", "not_after": "2027-04-30"},
        ],
        "anchors": [{"event": "signed", "date": "2027-01-15"}],
        "criteria": [{"id": "fast_team", "deadlines": ["team_within_14d"]}],
    }
    data.update(extra)
    return Plan.model_validate(data)


def _row(result: object, deadline: str):  # type: ignore[no-untyped-def]
    return next(d for d in result.deadlines if d.id == deadline)  # type: ignore[attr-defined]


def test_dates_follow_the_relations_from_the_anchor() -> None:
    result = build_schedule(_plan(), as_of=date(2027, 1, 10))
    rows = {e.id: e for e in result.events}
    assert rows["team_out"].earliest == date(2027, 1, 15)
    assert rows["team_out"].latest == date(2027, 1, 29)
    assert rows["team_back"].forecast == date(2027, 1, 25)
    assert rows["report"].forecast == date(2027, 2, 15)
    assert rows["resolution"].forecast == date(2027, 2, 22)
    assert _row(result, "team_within_14d").due == date(2027, 1, 29)
    assert _row(result, "team_within_14d").status is Status.on_track


def test_a_deadline_passed_without_an_actual_date_is_late() -> None:
    result = build_schedule(_plan(), as_of=date(2027, 2, 1))
    row = _row(result, "team_within_14d")
    assert row.status is Status.late
    assert "3 days ago" in row.reason
    assert next(c for c in result.criteria if c.id == "fast_team").status is Status.late


def test_actual_dates_replace_estimates_and_mark_done() -> None:
    result = build_schedule(_plan(), as_of=date(2027, 2, 1),
                            actuals={"team_out": date(2027, 1, 25)})
    assert _row(result, "team_within_14d").status is Status.done
    rows = {e.id: e for e in result.events}
    assert rows["team_back"].forecast == date(2027, 2, 4)
    # the report's deadline now counts from a forecast return
    assert _row(result, "report_3w_after").due == date(2027, 2, 25)


def test_an_actual_date_after_the_deadline_is_late_by_so_many_days_not_a_conflict() -> None:
    result = build_schedule(_plan(), as_of=date(2027, 2, 10),
                            actuals={"team_out": date(2027, 2, 5)})
    row = _row(result, "team_within_14d")
    assert row.status is Status.late
    assert row.missed_by == 7
    assert "7 days after" in row.reason
    assert result.consistent
    assert not any(d.code == "relation-conflict" for d in result.diagnostics)
    assert any(d.code == "missed-target" and "7 days" in d.message
               for d in result.diagnostics)
    rows = {e.id: e for e in result.events}
    assert rows["team_back"].forecast == date(2027, 2, 15)  # re-dated from the fact


def test_slack_below_the_margin_is_at_risk() -> None:
    plan = _plan(relations=[
        {"id": "team_within_14d", "from": "signed", "to": "team_out", "kind": "within",
         "max": "14d"},
        {"id": "back_within_10d", "from": "signed", "to": "team_back", "kind": "within",
         "max": "10d"},
    ])
    result = build_schedule(plan, as_of=date(2027, 1, 16))
    row = _row(result, "back_within_10d")
    # team cannot leave before the 16th, so it is back on the 26th at best: 1 day late
    assert row.status is Status.at_risk
    assert row.slack_days == -1
    assert "team_out" in result.critical_chains[0]


def test_no_anchor_means_not_yet_reachable() -> None:
    result = build_schedule(_plan(anchors=[]), as_of=date(2027, 1, 10))
    assert _row(result, "team_within_14d").status is Status.not_reachable
    assert _row(result, "resolution_by").due == date(2027, 4, 30)


def test_calendar_months_count_from_a_dated_anchor() -> None:
    plan = _plan(relations=[{"id": "month", "from": "signed", "to": "team_out",
                             "kind": "within", "max": "1mo"}],
                 anchors=[{"event": "signed", "date": "2027-01-31"}])
    result = build_schedule(plan, as_of=date(2027, 1, 31))
    assert _row(result, "month").due == date(2027, 2, 28)


def test_recurrences_fall_due_within_the_horizon() -> None:
    plan = _plan(recurrences=[{"id": "report_every_30d", "every": "30d", "start": "signed"}])
    result = build_schedule(plan, as_of=date(2027, 2, 1), horizon_days=30)
    assert [o.due for o in result.occurrences_soon] == [date(2027, 2, 14)]


def test_unknown_event_in_actuals_is_refused_too() -> None:
    from missionplan.errors import UnknownItemError

    with pytest.raises(UnknownItemError):
        build_schedule(_plan(), as_of=date(2027, 1, 1), actuals={"nope": date(2027, 1, 1)})


def test_json_has_every_event_and_iso_dates() -> None:
    data = build_schedule(_plan(), as_of=date(2027, 1, 10)).to_json()
    assert {e["id"] for e in data["events"]} == {"signed", "team_out", "team_back",  # type: ignore[index,union-attr]
                                                 "report", "resolution"}
    assert data["as_of"] == "2027-01-10"


def test_critical_chains_that_begin_a_longer_one_are_not_repeated() -> None:
    plan = _plan(relations=[
        {"id": "team_within_14d", "from": "signed", "to": "team_out", "kind": "within",
         "max": "14d"},
        {"id": "back_within_10d", "from": "signed", "to": "team_back", "kind": "within",
         "max": "10d"},
        {"id": "out_within_1d", "from": "signed", "to": "team_out", "kind": "within",
         "max": "1d"},
    ])
    result = build_schedule(plan, as_of=date(2027, 1, 16))
    assert result.critical_chains == [["signed", "team_out", "team_back"]]


def test_an_event_running_past_its_estimate_moves_the_forecast_and_is_not_late() -> None:
    result = build_schedule(_plan(), as_of=date(2027, 2, 20),
                            actuals={"team_out": date(2027, 1, 20)})
    back = next(e for e in result.events if e.id == "team_back")
    assert back.latest == date(2027, 1, 30)  # what the 10-day estimate allowed
    assert back.status is Status.on_track  # an estimate is not a deadline
    assert back.forecast == date(2027, 2, 20)  # it has not happened: not before today
    assert any("2027-01-30" in n for n in back.notes)
    # the report's clock starts at the forecast return, and moves with it
    report = _row(result, "report_3w_after")
    assert report.due == date(2027, 3, 13)
    assert "forecast" in report.reason


def test_done_events_and_unreachable_ones_are_told_apart() -> None:
    undated = _plan(anchors=[])
    undated.relations = [r for r in undated.relations if r.not_after is None]
    result = build_schedule(undated, as_of=date(2027, 1, 10))
    assert {e.status for e in result.events} == {Status.not_reachable}
    dated = build_schedule(_plan(), as_of=date(2027, 1, 20),
                           actuals={"team_out": date(2027, 1, 18)})
    rows = {e.id: e for e in dated.events}
    assert rows["signed"].status is Status.done
    assert rows["team_out"].status is Status.done
    assert rows["team_back"].status is Status.on_track


def test_unknown_event_names_the_closest_one() -> None:
    from missionplan.errors import UnknownItemError

    with pytest.raises(UnknownItemError, match="did you mean 'team_out'") as info:
        build_schedule(_plan(), as_of=date(2027, 1, 1), anchors={"team_ot": date(2027, 1, 1)})
    assert info.value.code == "unknown-event"
