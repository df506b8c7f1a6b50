"""``loads_plan_data`` accepts and refuses exactly what ``loads_plan`` does of the same
data written as JSON, with the same diagnostics: its quick path is only a shortcut."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.errors import PlanFileError
from missionplan.planfile import load_plan, loads_plan, loads_plan_data
from missionplan.planfile.writer import dump_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.store.edits import plan_data

PLANS = Path(__file__).parent / "plans"
_CARANA = plan_data(load_plan(scenario_plan_path()))


def _iso(value: object) -> str:
    assert isinstance(value, date | datetime)
    return value.isoformat()


def _outcome(read: Any) -> tuple[str, object]:
    try:
        plan = read()
    except PlanFileError as exc:
        return "refused", [(d.code, d.message) for d in exc.diagnostics]
    return "accepted", plan.model_dump()


def _same(data: dict[str, Any]) -> None:
    slow = _outcome(lambda: loads_plan(json.dumps(data, indent=1, ensure_ascii=False,
                                                  default=_iso), filename="<data>"))
    quick = _outcome(lambda: loads_plan_data(data, filename="<data>"))
    assert quick == slow


def _as_data(path: Path) -> dict[str, Any] | None:
    """The fixture's data, if PyYAML reads it as a mapping (a broken file has none)."""
    try:
        data = yaml.safe_load(path.read_text())
    except (yaml.YAMLError, ValueError):  # bad YAML, or a date PyYAML cannot build
        return None
    return data if isinstance(data, dict) else None


_FIXTURES = {p.name: d for p in sorted(PLANS.glob("*/*.yaml")) if (d := _as_data(p))}


@pytest.mark.parametrize("name", sorted(_FIXTURES))
def test_every_fixture_plan_given_as_data_is_judged_the_same(name: str) -> None:
    _same(_FIXTURES[name])


_SECTIONS = [k for k, v in _CARANA.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
_BREAKS: list[Any] = [None, 7, -1.5, "", "x y", "14q", [], {}, {"id": "ghost"}, True,
                      "2027-13-40", "no_such_event", "a\x7fb", "c\x9bd", "e\ufffef",
                      "tab\tand\x01control", "émigré 🙂"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SECTIONS), st.integers(0, 500), st.data())
def test_any_one_broken_value_is_judged_the_same(section: str, pick: int,
                                                 draw: st.DataObject) -> None:
    items = _CARANA[section]
    item = dict(items[pick % len(items)])
    key = draw.draw(st.sampled_from([*sorted(item), "unknown_key"]))
    if draw.draw(st.booleans()) and key in item:
        del item[key]
    else:
        item[key] = draw.draw(st.sampled_from(_BREAKS))
    data = {**_CARANA, section: [item if i is items[pick % len(items)] else i for i in items]}
    _same(data)


def test_the_quick_path_builds_the_plan_the_file_gives() -> None:
    plan = loads_plan_data(_CARANA)
    assert plan.model_dump() == loads_plan(dump_plan(plan)).model_dump()


def test_values_json_cannot_carry_are_refused_with_a_code() -> None:
    with pytest.raises(PlanFileError) as caught:
        loads_plan_data({**_CARANA, "title": object()})
    assert caught.value.diagnostics[0].code == "bad-value"
    with pytest.raises(PlanFileError):
        loads_plan_data({**_CARANA, "events": [{**_CARANA["events"][0], "note": float("inf")}]})
