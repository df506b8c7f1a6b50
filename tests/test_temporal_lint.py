"""Lint: each finding's code, severity and the items it names."""

from __future__ import annotations

from typing import Any

from missionplan.errors import Diagnostic, Severity
from missionplan.temporal import lint
from temporal.plans import events, plan, timeline

SIGNED = [{"event": "signed", "date": "2027-01-15"}]


def _codes(data: dict[str, Any]) -> dict[str, list[Diagnostic]]:
    found: dict[str, list[Diagnostic]] = {}
    for d in lint(plan(data)):
        found.setdefault(d.code, []).append(d)
    return found


def test_two_clauses_with_different_deadlines_for_the_same_events_are_a_question() -> None:
    codes = _codes(timeline(anchors=SIGNED))
    assert "redundant-relation" not in codes
    [d] = codes["directive-discrepancy"]
    assert d.severity is Severity.warning
    assert d.related == ("deploy_14", "deploy_21")
    assert "(TIMELINE:3)" in d.message and "(TIMELINE:4)" in d.message
    assert "which governs: 14d or 21d?" in d.message


def test_the_looser_of_two_bounds_from_one_clause_is_redundant() -> None:
    data = timeline(anchors=SIGNED)
    for r in data["relations"]:
        if r["id"] == "deploy_21":
            r["source"] = "TIMELINE:4"
    codes = _codes(data)
    assert "directive-discrepancy" not in codes
    [d] = codes["redundant-relation"]
    assert d.related == ("deploy_21", "deploy_14")
    assert "[TIMELINE:4]" in d.message


def test_a_deadline_after_the_deadline_of_what_it_must_precede_warns_with_the_margin(
        ) -> None:
    data = timeline(anchors=SIGNED)
    data["events"] += events("elections")
    data["relations"] = [r for r in data["relations"] if r["id"] != "concept_due"] + [
        {"id": "concept_in_60", "from": "report", "to": "concept", "kind": "within",
         "max": "60d", "source": "TIMELINE:6"},
        {"id": "elections_in_30", "from": "signed", "to": "elections", "kind": "within",
         "max": "30d", "source": "TIMELINE:7"},
        {"id": "concept_before_elections", "from": "concept", "to": "elections",
         "kind": "precedence", "source": "TIMELINE:7"},
    ]
    [d] = _codes(data)["deadline-margin"]
    assert d.severity is Severity.warning
    assert d.related == ("concept_in_60", "concept_before_elections")
    # the report is on day 0 + 7 + 21 = 28 at the earliest, so the concept is due by day
    # 88 at the earliest, while the elections it must precede are due by day 30
    assert "58 days after" in d.message


def test_a_bound_the_others_already_tighten_is_reported() -> None:
    data = timeline(anchors=SIGNED)
    data["relations"].append({"id": "concept_in_90", "from": "signed", "to": "concept",
                              "max": "90d"})
    [d] = _codes(data)["implied-tighter"]
    assert d.related[0] == "concept_in_90" and "at most 70 days" in d.message


def test_an_event_no_anchor_reaches_is_unanchored() -> None:
    data = timeline(anchors=SIGNED)
    data["events"] += events("island")
    [d] = _codes(data)["unanchored-event"]
    assert d.related == ("island",)
    assert "unanchored-event" not in _codes(timeline())  # no dates: nothing to reach from


def test_a_deadline_that_can_fall_before_its_own_start() -> None:
    data = timeline(anchors=SIGNED)
    data["relations"].append({"id": "loose", "from": "report", "to": "signed", "max": "5d",
                              "min": "-60d"})
    found = _codes(data)["deadline-before-anchor"]
    assert [d.related for d in found] == [("loose",)]  # 'prior' deadlines are meant so
    data["relations"].append({"id": "too_early", "to": "concept", "not_after": "2026-12-01"})
    early = [d for d in _codes(data)["deadline-before-anchor"] if d.related == ("too_early",)]
    assert early and "before any anchor date" in early[0].message


def test_a_recurrence_landing_near_a_deadline_of_its_owner_collides() -> None:
    data = timeline(anchors=SIGNED)
    data["actors"] = [{"id": "chair"}]
    data["relations"][3]["owner"] = "chair"  # report_due: report latest on day 49
    data["recurrences"] = [{"id": "update", "every": "16d", "start": "signed",
                            "owner": "chair"}]  # days 16, 32, 48, …
    [d] = _codes(data)["recurrence-collision"]
    assert d.related == ("update", "report_due") and "1 days from" in d.message


def test_conflicts_are_errors_and_calendar_readings_are_information() -> None:
    data = timeline(anchors=SIGNED)
    data["relations"] += [{"id": "concept_by", "to": "concept", "not_after": "2027-02-20"},
                          {"id": "monthly", "from": "report", "to": "concept", "max": "1mo"}]
    found = _codes(data)
    [conflict] = found["relation-conflict"]
    assert conflict.severity is Severity.error and "concept_by" in conflict.related
    [reading] = found["calendar-reading"]
    assert reading.severity is Severity.info and reading.related == ("monthly",)
    assert "read as 28 days" in reading.message
