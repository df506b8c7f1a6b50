"""Two plans compared in every field of the plan model, whatever fields it has."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

from pydantic import Field

from missionplan.model import Plan
from missionplan.model.core import Season
from missionplan.model.diff import PLAN, Change, FieldChange, diff_forms, plan_form

# A small plan with something in every field.
BASE: dict[str, Any] = {
    "id": "test_plan", "title": "A test plan", "directive": "directive.txt",
    "readings": ["First reading.", "Second reading."],
    "objectives": [{"id": "peace", "text": "Peace", "parts": [{"id": "peace_north"}]}],
    "priorities": [{"id": "speed", "rank": 1}],
    "stakeholders": [{"id": "donors"}],
    "actors": [{"id": "office", "responsibilities": [{"id": "office_duty"}]}],
    "events": [{"id": "start", "name": "Mission starts"}, {"id": "end", "name": "Mission ends"}],
    "activities": [{"id": "build", "name": "Build camps", "start": "start", "end": "end"},
                   {"id": "train", "name": "Train staff", "start": "start", "end": "end"}],
    "relations": [{"id": "within", "from": "start", "to": "end", "max": "30d"}],
    "anchors": [{"event": "start", "date": "2027-01-01"}],
    "actuals": [{"event": "start", "date": "2027-01-02"}],
    "recurrences": [{"id": "weekly", "every": "7d", "start": "start"}],
    "criteria": [{"id": "done"}], "indicators": [{"id": "camps_built"}],
    "assumptions": [{"id": "calm"}], "constraints": [{"id": "roads"}],
    "seasons": [{"id": "rainy", "name": "Rainy season", "start": "05-01", "end": "10-31"}],
    "risks": [{"id": "floods", "probability": 0.2}], "drivers": [{"id": "rains"}],
    "correlations": [{"a": "build", "b": "train", "rho": 0.3}],
    "deployment": {"season": "rainy"},
    "resources": [{"id": "planners", "capacity": 2}],
    "products": [{"id": "concept", "event": "end", "sections": [{"id": "s1", "title": "S"}]}],
    "lines_of_effort": [{"id": "camps", "priorities": ["speed"]}],
    "courses_of_action": [{"id": "phased", "late_units": {"bn_2": 30}}],
}
Edit = Callable[[dict[str, Any]], tuple[str, str]]  # changes the plan; (section, id) changed


def _value(name: str, value: object) -> Edit:
    def edit(raw: dict[str, Any]) -> tuple[str, str]:
        raw[name] = value
        return PLAN, name
    return edit


def _note(section: str) -> Edit:
    def edit(raw: dict[str, Any]) -> tuple[str, str]:
        raw[section][0]["note"] = "edited"
        return section, raw[section][0]["id"]
    return edit


def _set(section: str, key: str, name: str, value: object) -> Edit:
    def edit(raw: dict[str, Any]) -> tuple[str, str]:
        raw[section][0][name] = value
        return section, key
    return edit


def _reading(raw: dict[str, Any]) -> tuple[str, str]:
    raw["readings"].append("A third reading.")
    return "readings", "3"


def _actual(raw: dict[str, Any]) -> tuple[str, str]:
    raw["actuals"].append({"event": "end", "date": "2027-03-01"})
    return "actuals", "end"


def _deployment(raw: dict[str, Any]) -> tuple[str, str]:
    raw["deployment"]["threshold"] = 0.9
    return "deployment", "deployment"


ITEM_LISTS = ("objectives", "priorities", "stakeholders", "actors", "events", "activities",
              "relations", "recurrences", "criteria", "indicators", "assumptions",
              "constraints", "risks", "drivers", "resources", "products", "lines_of_effort",
              "courses_of_action")
EDITS: dict[str, Edit] = {
    "id": _value("id", "other_plan"), "title": _value("title", "A revised plan"),
    "directive": _value("directive", "directive-2.txt"), "readings": _reading,
    **{key: _note(key) for key in ITEM_LISTS},
    "anchors": _set("anchors", "start", "date", "2027-01-08"), "actuals": _actual,
    "seasons": _set("seasons", "rainy", "name", "Long rains"),
    "correlations": _set("correlations", "build/train", "rho", 0.5),
    "deployment": _deployment, "fr": _value("fr", {"title": "Un plan révisé"}),
}


def _one_valued(annotation: object) -> bool:
    return get_origin(annotation) is Literal and len(get_args(annotation)) == 1


def _find(changes: list[Change], section: str, key: str) -> Change:
    found = [c for c in changes if (c.section, c.id) == (section, key)]
    assert len(found) == 1, (section, key, changes)
    return found[0]


def test_two_plans_differing_in_every_field_differ_in_every_field() -> None:
    fixed = {n for n, f in Plan.model_fields.items() if _one_valued(f.annotation)}
    assert set(EDITS) == set(Plan.model_fields) - fixed, \
        "a field of Plan that this test does not change: add an edit for it"
    raw = copy.deepcopy(BASE)
    expected = {EDITS[name](raw) for name in EDITS}
    raw["objectives"][0]["parts"][0]["text"] = "Peace in the north"
    expected.add(("objectives.parts", "peace_north"))
    before, after = Plan.model_validate(BASE), Plan.model_validate(raw)
    changes = diff_forms(plan_form(before), plan_form(after))
    assert {(c.section, c.id) for c in changes} == expected
    assert all(f in plan_form(before)[PLAN].records for f in fixed)  # compared all the same
    anchor = _find(changes, "anchors", "start")
    assert (anchor.kind, anchor.label, anchor.fields) == (
        "changed", "Mission starts", [FieldChange("date", "2027-01-01", "2027-01-08")])
    actual = _find(changes, "actuals", "end")
    assert (actual.kind, actual.label) == ("added", "Mission ends")
    assert FieldChange("date", None, "2027-03-01") in actual.fields
    assert _find(changes, "correlations", "build/train").label == "Build camps ↔ Train staff"
    assert _find(changes, "seasons", "rainy").fields == [
        FieldChange("name", "Rainy season", "Long rains")]
    assert _find(changes, "deployment", "deployment").fields == [
        FieldChange("threshold", 1.0, 0.9)]
    reading = _find(changes, "readings", "3")
    assert (reading.kind, reading.label) == ("added", "A third reading.")
    assert _find(changes, PLAN, "title").fields == [
        FieldChange("title", "A test plan", "A revised plan")]
    event = _find(changes, "events", "start")
    assert (event.kind, event.item, event.fields) == (
        "changed", True, [FieldChange("note", "", "edited")])


def test_lines_moved_removed_and_added_show_as_lines_removed_and_added() -> None:
    before = Plan.model_validate({**BASE, "readings": ["One.", "Two.", "Three.", "Four."]})
    after = before.model_copy(update={"readings": ["Two.", "Three.", "One.", "Five."],
                                      "deployment": None})
    changes = diff_forms(plan_form(before), plan_form(after))
    assert [(c.kind, c.id, c.label) for c in changes if c.section == "readings"] == [
        ("removed", "1", "One."), ("removed", "4", "Four."), ("added", "3", "One."),
        ("added", "4", "Five.")]
    removed = _find(changes, "deployment", "deployment")
    assert removed.kind == "removed" and FieldChange("season", "rainy", None) in removed.fields


class _Wider(Plan):
    """The plan model with fields added later, which the comparison was never told of."""

    wet_spells: list[Season] = Field(default_factory=list)
    motto: str = ""


def test_a_field_added_to_the_model_later_is_compared() -> None:
    season = Season(id="short_rains", start="11-01", end="11-30")
    before = _Wider.model_validate(BASE)
    after = before.model_copy(update={"wet_spells": [season], "motto": "Faster"})
    changes = {(c.section, c.id, c.kind) for c in diff_forms(plan_form(before),
                                                            plan_form(after))}
    assert changes == {("wet_spells", "short_rains", "added"), (PLAN, "motto", "changed")}
