"""The engine on plans: windows, causes, calendar readings, dates, conflicts and fixes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from missionplan.errors import InconsistentPlanError, UnknownItemError
from missionplan.temporal import EdgeKind, Window, analyse, distance_between
from temporal.plans import events, plan, timeline

SIGNED = [{"event": "signed", "date": "2027-01-15"}]
HAND_WINDOWS = {"signed": Window(0, 0), "draft": Window(None, 7), "deployed": Window(0, 14),
                "returned": Window(7, 28), "report": Window(28, 49),
                "concept": Window(49, 70)}


def test_windows_follow_the_bounds_from_the_anchor() -> None:
    a = analyse(plan(timeline(anchors=SIGNED)))
    assert a.consistent and a.origin == date(2027, 1, 15)
    assert a.windows == HAND_WINDOWS
    assert a.date_of(49) == date(2027, 3, 5)


def test_without_dates_windows_count_from_the_first_event_without_predecessor() -> None:
    a = analyse(plan(timeline()))
    assert a.origin is None and a.reference == "signed"
    assert a.windows == HAND_WINDOWS
    with pytest.raises(InconsistentPlanError):
        a.date_of(3)


def test_reference_event_can_be_chosen_and_must_exist() -> None:
    a = analyse(plan(timeline()), reference="returned")
    assert a.windows["returned"] == Window(0, 0)
    assert a.windows["report"] == Window(21, 21)
    assert a.windows["signed"] == Window(-28, -7)
    with pytest.raises(UnknownItemError):
        analyse(plan(timeline()), reference="nowhere")


def test_why_gives_the_chain_behind_each_bound(tmp_path: Path) -> None:
    a = analyse(plan(timeline(anchors=SIGNED), folder=tmp_path))
    assert [e.item for e in a.why("report", "latest")] == [
        "anchor:signed", "deploy_14", "assessment", "report_due"]
    assert [e.item for e in a.why("report", "earliest")] == [
        "anchor:signed", "deploy_21", "assessment", "report_due"]
    assert a.critical_chain("report") == ["signed", "deployed", "returned", "report"]
    text = str(a.explain("report"))
    assert "report is no later than day 49 (2027-03-05) because:" in text
    assert "TIMELINE:5 'Report: three weeks after return of the assessment mission.'" in text
    assert "draft has no earliest bound" in str(a.explain("draft"))


def _one_relation(rel: dict[str, Any], **extra: Any) -> Any:
    return analyse(plan({"events": events("a", "b"),
                         "relations": [{"id": "r", "from": "a", "to": "b", **rel}],
                         **extra}))


@pytest.mark.parametrize(("bound", "text", "days"), [
    ("max", "1mo", 28), ("min", "1mo", 31), ("max", "36h", 1), ("min", "36h", 2),
    ("max", "1y", 365), ("min", "1y", 366)])
def test_calendar_bounds_are_read_safely_before_their_start_has_a_date(
        bound: str, text: str, days: int) -> None:
    a = _one_relation({bound: text})
    w = a.windows["b"]
    assert (w.latest if bound == "max" else w.earliest) == days
    assert [(r.item, r.bound, r.days) for r in a.readings] == [("r", bound, days)]


@pytest.mark.parametrize(("start", "days"), [("2027-01-31", 28), ("2027-03-31", 30),
                                              ("2028-01-31", 29), ("2027-07-15", 31)])
def test_calendar_bounds_are_exact_once_their_start_is_dated(start: str, days: int) -> None:
    a = _one_relation({"max": "1mo", "min": "1mo"}, anchors=[{"event": "a", "date": start}])
    assert a.windows["b"] == Window(days, days)
    assert a.readings == []


def test_proposed_relations_stay_out_of_the_network() -> None:
    data = timeline(anchors=SIGNED)
    data["relations"].append({"id": "too_soon", "from": "signed", "to": "concept",
                              "max": "5d", "approval": "proposed"})
    a = analyse(plan(data))
    assert a.consistent and a.windows["concept"] == Window(49, 70)


def test_calendar_bounds_and_actual_dates() -> None:
    data = timeline(anchors=SIGNED, actuals=[{"event": "deployed", "date": "2027-01-20"}])
    data["relations"].append({"id": "report_window", "to": "report",
                              "not_before": "2027-02-20", "not_after": "2027-03-01"})
    a = analyse(plan(data))
    assert a.windows["deployed"] == Window(5, 5)
    # earliest: 5 + 7 + 21 = 33, pushed to 36 by not_before; latest: 5 + 14 + 21 = 40 < 45
    assert a.windows["report"] == Window(36, 40)


def test_actual_date_replaces_the_anchor_of_the_same_event() -> None:
    a = analyse(plan(timeline(anchors=SIGNED,
                              actuals=[{"event": "signed", "date": "2027-01-17"}])))
    assert a.origin == date(2027, 1, 17)
    assert a.windows["report"] == Window(28, 49)
    kinds = {e.kind for e in a.network.refs}
    assert EdgeKind.actual in kinds and EdgeKind.anchor not in kinds


def _late_actual() -> Any:
    return plan(timeline(anchors=SIGNED, actuals=[{"event": "deployed",
                                                   "date": "2027-02-05"}]))


def test_an_actual_date_never_makes_the_plan_inconsistent() -> None:
    a = analyse(_late_actual())
    assert a.consistent and not a.conflicts
    [moved] = a.gave_way  # deployed on day 21, allowed by day 14: the target is missed
    assert (moved.edge.item, moved.days, moved.role.value) == ("deploy_14", 7, "target")
    # the rest is re-dated from the fact: 7 to 14 days in the field, then three weeks
    assert (a.windows["returned"].earliest, a.windows["returned"].latest) == (28, 35)
    assert (a.windows["report"].earliest, a.windows["report"].latest) == (49, 56)
    assert "gave way" not in str(a.explain("report"))  # deploy_14 bounds nothing after it
    assert a.designed is not None and a.designed.consistent


def test_a_plan_whose_own_bounds_contradict_stays_inconsistent_with_facts() -> None:
    data = timeline(anchors=SIGNED, actuals=[{"event": "deployed", "date": "2027-01-20"}])
    data["relations"].append({"id": "report_by_day_20", "from": "signed", "to": "report",
                              "max": "20d"})
    a = analyse(plan(data))
    assert not a.consistent and a.windows == {}
    [conflict] = a.conflicts
    assert {e.kind for e in conflict.edges} <= {EdgeKind.relation, EdgeKind.activity,
                                                EdgeKind.anchor}
    with pytest.raises(InconsistentPlanError):
        a.explain("report")


def test_conflicts_quote_their_clauses_and_count_the_days(tmp_path: Path) -> None:
    data = timeline(anchors=SIGNED)
    data["relations"] += [
        {"id": "concept_by", "to": "concept", "not_after": "2027-02-20", "source": "TIMELINE:7"},
        {"id": "draft_after", "from": "deployed", "to": "draft", "min": "3d"}]
    p = plan(data, folder=tmp_path)
    a = analyse(p)
    assert sorted(c.excess_days for c in a.conflicts) == [10, 13]
    text = "\n".join(c.describe(p) for c in a.conflicts)
    assert "'Headquarters within five weeks of the resolution.'" in text
    assert "contradict each other by 13 days" in text
    assert a.single_fix is None  # two conflicts: no one change fixes both
    assert a.relaxation is not None and a.relaxation.total_days == 23


def test_fixed_dates_alone_are_not_relaxed_unless_asked() -> None:
    data = {"events": events("a", "b"),
            "relations": [{"id": "r", "from": "a", "to": "b", "min": "3d"}],
            "anchors": [{"event": "a", "date": "2027-01-10"},
                        {"event": "b", "date": "2027-01-11"}]}
    strict = analyse(plan({**data, "relations": []}))
    assert strict.consistent
    a = analyse(plan(data))
    assert a.relaxation is not None and [c.edge.item for c in a.relaxation.changes] == ["r"]
    data["relations"] = []
    data["actuals"] = [{"event": "b", "date": "2027-01-05"}]
    data["relations"] = [{"id": "r", "from": "a", "to": "b", "min": "0d",
                          "approval": "proposed"}]
    assert analyse(plan(data)).consistent


def test_distance_between_is_the_implied_bound() -> None:
    a = analyse(plan(timeline(anchors=SIGNED)))
    assert distance_between(a, "deployed", "report") == 35
    assert distance_between(a, "report", "deployed") == -28
    assert distance_between(a, "concept", "draft") is not None


@pytest.mark.parametrize("months", [-13, -1, 1, 2, 6, 12, 25])
@pytest.mark.parametrize(("days", "hours"), [(0, 0), (3, 0), (0, 36), (-2, 5)])
def test_fast_span_bounds_agree_with_the_models_day_bounds(months: int, days: int,
                                                           hours: int) -> None:
    from missionplan.model import Duration
    from missionplan.temporal.network import span_bounds

    d = Duration(months, days, hours)
    assert span_bounds(d) == d.day_bounds()


def test_json_carries_days_dates_conflicts_and_readings() -> None:
    import json

    ok = analyse(plan(timeline(anchors=SIGNED))).to_json()
    assert ok["windows"]["report"] == {"earliest": 28, "latest": 49,  # type: ignore[index]
                                       "earliest_date": "2027-02-12",
                                       "latest_date": "2027-03-05"}
    late = analyse(_late_actual()).to_json()
    assert late["consistent"] is True and late["conflicts"] == []
    assert [(g["edge"]["item"], g["days"]) for g in late["gave_way"]] == [  # type: ignore[index,union-attr]
        ("deploy_14", 7)]
    json.dumps(ok), json.dumps(late)  # plain JSON all through
