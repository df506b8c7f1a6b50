"""Resources and demands in the plan file: read, written back, kept by the workspace,
described by the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import PlanFileError
from missionplan.model import CapacityChange, Plan, Resource
from missionplan.planfile import dump_plan, load_plan, loads_plan, plan_schema
from missionplan.store import open_workspace

PLAN = Path(__file__).parent / "plans" / "valid" / "resources.yaml"


def test_resources_and_demands_are_read_as_written() -> None:
    plan = load_plan(PLAN)
    planners = plan.resources[0]
    assert (planners.id, planners.kind.value, planners.capacity, planners.peak()) == \
        ("planners", "people", 3, 5)
    assert [(c.from_, c.add) for c in planners.changes] == [
        ("hq_open", 2), (plan.anchors[0].date.replace(month=8), -1)]
    report = next(a for a in plan.activities if a.id == "report")
    assert [(d.resource, d.amount) for d in report.demands] == [("planners", 2),
                                                                ("helicopters", 1)]


def test_the_writer_writes_them_back_equal() -> None:
    plan = load_plan(PLAN)
    text = dump_plan(plan)
    assert "demands:" in text and "resources:" in text
    assert loads_plan(text).model_dump() == plan.model_dump()


def test_the_json_schema_accepts_the_file_and_refuses_a_negative_demand() -> None:
    schema = json.loads(plan_schema())
    data = load_plan(PLAN).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    jsonschema.validate(data, schema)
    data["activities"][0]["demands"][0]["amount"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_workspace_keeps_them(db_url: str) -> None:
    text = PLAN.read_text(encoding="utf-8")
    with open_workspace(db_url) as ws:
        ws.import_plan(text, user="a")
        exported = loads_plan(ws.export_plan())
        assert exported.model_dump() == load_plan(PLAN).model_dump()
        assert exported.resources[0].changes[0].from_ == "hq_open"


def test_an_event_bounding_a_change_must_exist() -> None:
    text = PLAN.read_text(encoding="utf-8").replace("from: hq_open", "from: hq_opn")
    with pytest.raises(PlanFileError) as caught:
        loads_plan(text, filename="r.yaml")
    [found] = caught.value.diagnostics
    assert found.code == "unknown-event" and "hq_open" in found.message
    assert found.location is not None and found.location.line == 19


def test_a_change_needs_a_period_and_dates_in_order() -> None:
    with pytest.raises(ValueError, match="needs 'from' or 'until'"):
        CapacityChange(add=1)
    with pytest.raises(ValueError, match="not before"):
        CapacityChange.model_validate({"from": "2027-02-01", "until": "2027-01-01", "add": 1})


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 20), st.lists(st.integers(-20, 20), max_size=5))
def test_peak_and_floor_follow_the_changes(capacity: int, adds: list[int]) -> None:
    changes = [{"from": "2027-01-01", "add": a} for a in adds]
    floor = capacity + sum(a for a in adds if a < 0)
    if floor < 0:
        with pytest.raises(ValueError, match="below 0"):
            Resource.model_validate({"id": "r", "capacity": capacity, "changes": changes})
        return
    res = Resource.model_validate({"id": "r", "capacity": capacity, "changes": changes})
    assert res.peak() == capacity + sum(a for a in adds if a > 0)
    plan = Plan.model_validate({"id": "p", "resources": [res.model_dump(by_alias=True)]})
    assert loads_plan(dump_plan(plan)) == plan
