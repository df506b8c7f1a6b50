"""Item edits in the store: checked by the loader once, stored as the writer would write them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.errors import PlanFileError
from missionplan.model import Plan
from missionplan.planfile import dump_plan, load_plan, loads_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.store import open_workspace
from missionplan.store.edits import _spliced, plan_data, with_item

_CARANA = load_plan(scenario_plan_path())
_TEXT = dump_plan(_CARANA)
_ITEMS = [(section, item.id) for section, item in _CARANA.items()
          if section in ("events", "activities", "indicators", "criteria", "assumptions")]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_ITEMS), st.text(alphabet="abc xyz:#'\"\n-", min_size=1, max_size=120))
def test_an_edited_plan_is_stored_exactly_as_the_writer_writes_it(
        target: tuple[str, str], note: str) -> None:
    section, item_id = target
    data = next(i for i in plan_data(_CARANA)[section] if i.get("id") == item_id)
    plan, text = with_item(plan_data(_CARANA), section, {**data, "note": note},
                           replace=item_id, previous=(_CARANA, _TEXT))
    assert text == dump_plan(plan)  # the oracle: the whole plan written from scratch
    spliced = _spliced((_CARANA, _TEXT), plan, section, item_id, replace=item_id)
    assert spliced == text or (spliced is None and note.endswith("\n"))
    assert loads_plan(text).model_dump() == plan.model_dump()
    assert next(i for s, i in plan.items() if i.id == item_id).note == note


def test_an_added_item_goes_last_in_its_list_as_the_writer_writes_it() -> None:
    plan, text = with_item(plan_data(_CARANA), "events",
                           {"id": "extra_event", "name": "An event added by hand"},
                           replace=None, previous=(_CARANA, _TEXT))
    assert text == dump_plan(plan)
    assert _spliced((_CARANA, _TEXT), plan, "events", "extra_event", replace=None) == text
    assert plan.events[-1].id == "extra_event"


def test_an_imported_text_not_in_the_writers_form_is_written_whole(
        small_plan_text: str) -> None:
    base = loads_plan(small_plan_text)
    data = {**plan_data(base)["indicators"][0], "target": 95}
    plan, text = with_item(plan_data(base), "indicators", data, replace="strength",
                           previous=(base, small_plan_text))
    assert text == dump_plan(plan) and plan.indicators[0].target == 95
    assert _spliced((base, small_plan_text), plan, "indicators", "strength",
                    replace="strength") is None


def test_a_bad_edit_gets_the_loaders_located_message_and_stores_nothing(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        item = ws.item("strength")
        with pytest.raises(PlanFileError) as caught:
            ws.update_item("strength", {**item.data, "deadline": "no_such_event"}, user="a",
                           etag=item.etag)
        assert any("<edit of strength>" in str(d) and "no_such_event" in str(d)
                   for d in caught.value.diagnostics)
        with pytest.raises(PlanFileError, match="unknown key 'colour'"):
            ws.add_item("events", {"id": "extra", "colour": "red"}, user="a")
        assert [v.version for v in ws.plan_versions()] == [1]


def test_edits_and_additions_land_as_new_versions_that_export_and_parse(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        item = ws.item("strength")
        ws.update_item("strength", {**item.data, "target": 95}, user="b", etag=item.etag)
        ws.add_item("events", {"id": "review", "name": "Mid-term review"}, user="c",
                    expected_version=2)
        again = ws.item("strength")
        ws.update_item("strength", {**again.data, "target": 97}, user="d", etag=again.etag)
        assert [v.version for v in ws.plan_versions()] == [1, 2, 3, 4]
        exported = loads_plan(ws.export_plan())
        assert exported.model_dump() == ws.stored_plan().model_dump()
        assert isinstance(ws.stored_plan(2), Plan) and ws.stored_plan(2).indicators[0].target == 95
        assert exported.indicators[0].target == 97 and exported.events[-1].id == "review"
        assert ws.export_plan() == dump_plan(exported)
        assert [e.user for e in ws.history("review")] == ["c"]


def test_an_edit_stores_every_item_row_and_audit_entry_a_full_import_would(
        db_url: str) -> None:
    """Edits copy the rows of items they cannot change; the rows and the audit must be
    what writing every row from the plan gives, nested items (parts, responsibilities)
    and a renamed item included."""
    from missionplan.store.plans import item_dicts

    actor = next(a for a in _CARANA.actors if a.responsibilities)
    objective = next(o for o in _CARANA.objectives if o.parts)
    with open_workspace(db_url) as ws:
        ws.import_plan(_TEXT, user="a")
        edits = []
        record = ws.item(actor.id)
        duties = record.data["responsibilities"]
        edits.append((actor.id, {**record.data, "responsibilities": [
            {**duties[0], "note": "changed"}, *duties[1:], {**duties[-1], "id": "new_duty"}]}))
        record = ws.item(objective.id)
        parts = record.data["parts"]
        edits.append((objective.id, {**record.data, "parts": [
            *parts[:-1], {**parts[-1], "note": "changed"}, {**parts[0], "id": "new_part"}]}))
        event = next(e for e in _CARANA.events if e.name)
        edits.append((event.id, {**ws.item(event.id).data, "name": "Renamed event"}))
        for item_id, data in edits:
            before = {r[0]: r for r in _rows(ws, ws.plan_versions()[-1].version)}
            ws.update_item(item_id, data, user="b", etag=ws.item(item_id).etag)
            version = ws.plan_versions()[-1].version
            rows = {r[0]: r for r in _rows(ws, version)}
            full = item_dicts(ws.stored_plan(version))
            assert set(rows) == set(full)
            for key, (section, value) in full.items():
                assert rows[key][1] == section and ws.item(key).data == value, key
            changed = {k for k in rows.keys() | before.keys() if rows.get(k) != before.get(k)}
            logged = {e.item for e in ws.audit(limit=50)
                      if e.action.startswith("item.") and e.user == "b"
                      and e.at == ws.audit(limit=1)[0].at}
            assert logged == changed and changed


def _rows(ws: object, version: int) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from missionplan.store.engine import read_connection
    from missionplan.store.schema import PlanItemRow, PlanVersionRow, table

    items, versions = table(PlanItemRow), table(PlanVersionRow)
    with read_connection(ws.engine) as conn:  # type: ignore[attr-defined]
        return [tuple(r) for r in conn.execute(
            select(items.c.item_id, items.c.section, items.c.etag).join(
                versions, versions.c.id == items.c.plan_version_id).where(
                versions.c.version == version))]
