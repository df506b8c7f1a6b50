"""The planfile room's public calls: writing, the schema, positions, the Carana plan."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.errors import PlanFileError
from missionplan.model import Plan
from missionplan.planfile import dump_plan, load_plan, loads_plan, plan_schema, write_plan
from missionplan.scenarios import scenario_plan_path

VALID = Path(__file__).parent / "plans" / "valid"


def test_write_plan_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    plan = load_plan(VALID / "timeline.yaml")
    target = tmp_path / "plan.yaml"
    target.write_text("old content", encoding="utf-8")
    write_plan(plan, target)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
    assert load_plan(target).model_dump() == plan.model_dump()


def test_write_plan_failure_keeps_the_old_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old content", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("missionplan.planfile.writer.os.fsync", disk_full)
    with pytest.raises(OSError):
        write_plan(loads_plan("id: p\n"), target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_dump_is_readable_yaml() -> None:
    text = dump_plan(load_plan(VALID / "timeline.yaml"))
    assert text.startswith("format: missionplan/1\nid: timeline\n")
    assert "max: 14d" in text and "duration: 3w" in text and "duration: P10D" in text
    assert "date: 2027-01-15" in text  # ISO, unquoted
    assert "{" not in text  # block style
    assert "assumed: false" not in text and "kind: milestone" not in text  # no defaults


def test_dump_puts_id_first_and_shared_fields_last() -> None:
    text = dump_plan(loads_plan("id: p\nevents:\n  - {note: n, source: 'S:1', id: a, "
                                "kind: output, name: A}\n"))
    assert "  - id: a\n    name: A\n    kind: output\n    source: S:1\n    note: n\n" in text


def test_schema_is_json_and_allows_the_shorthands() -> None:
    schema = json.loads(plan_schema())
    assert set(Plan.model_fields) - {"from_"} <= set(schema["properties"])
    duration = schema["$defs"]["Activity"]["properties"]["duration"]
    text_form = duration["anyOf"][0]
    assert text_form["type"] == "string"
    assert all(re.match(text_form["pattern"], d) for d in ("14d", "6mo", "P14D"))
    assert not re.match(text_form["pattern"], "two weeks")


def test_load_plan_bytes_and_text_agree() -> None:
    from missionplan.planfile import load_plan_bytes

    data = (VALID / "criteria.yaml").read_bytes()
    assert load_plan_bytes(data) == loads_plan(data.decode("utf-8"))


def test_positions_point_at_the_offending_value() -> None:
    text = "id: p\nevents:\n  - id: a\nrelations:\n  - id: r\n    from: a\n    to: a\n" \
           "    min: 5d\n    max: 2d\n"
    with pytest.raises(PlanFileError) as caught:
        loads_plan(text, filename="f.yaml")
    assert [str(d.location) for d in caught.value.diagnostics] == ["f.yaml:9:10"]


ids = st.text("abcdefgh_", min_size=1, max_size=6).map(lambda s: "e" + s)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.lists(ids, min_size=1, max_size=6, unique=True), texts,
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 400),
                          st.sampled_from(["d", "w", "mo", "y", "h"])), max_size=6),
       st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_any_plan_survives_a_write_and_a_read(events: list[str], title: str,
                                              relations: list[tuple[int, int, int, str]],
                                              day: date) -> None:
    plan = Plan.model_validate({
        "id": "p", "title": title, "events": [{"id": e, "name": title} for e in events],
        "relations": [{"id": f"r{i}", "from": events[a % len(events)],
                       "to": events[b % len(events)], "max": f"{n}{unit}"}
                      for i, (a, b, n, unit) in enumerate(relations)],
        "anchors": [{"event": events[0], "date": day}],
    })
    assert loads_plan(dump_plan(plan)) == plan


def test_carana_plan_round_trips() -> None:
    path = scenario_plan_path()
    if not path.exists():
        pytest.skip("the Carana plan is not written yet")
    plan = load_plan(path)
    again = loads_plan(dump_plan(plan))
    again.set_base_dir(plan.base_dir)
    assert again == plan


def test_reading_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    loads_plan("id: p\n")
    with pytest.raises(PlanFileError):
        loads_plan("id: p\nevents: 3\n")
    assert gc.isenabled()
    gc.disable()
    try:
        loads_plan("id: p\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
