"""Versions compared in every field and in the actual dates recorded between them, the
baseline, adding items, and a stale API save (409)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from missionplan.planfile import dump_plan
from missionplan.store import Workspace
from missionplan.store import audit as audit_log
from missionplan.store.engine import write_transaction
from missionplan.store.schema import ActualRow, table
from missionplan.web import create_app
from missionplan.web.accounts import Account, Role
from missionplan.web.state import WebState
from missionplan.web.testing import PASSWORD, demo_workspace
from missionplan.web.versions import baseline_version, compare_versions, plan_at
from webclient import csrf_token


def _client(app: FastAPI, name: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client, csrf_token(client.get("/login").text)


ADMIN = Account("admin", Role.administrator)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(demo_workspace(tmp_path_factory.mktemp("versions")).settings)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_comparison_finds_exactly_the_items_added_removed_and_changed(
        app: FastAPI, data: st.DataObject) -> None:
    state = app.state.web
    old = 2  # the demo workspace's plan: each example starts from it
    plan = plan_at(state, ADMIN, old)
    tag = state.latest_version()
    events = [e.id for e in plan.events]
    renamed = set(data.draw(st.lists(st.sampled_from(events), max_size=4, unique=True)))
    dropped_risks = set(data.draw(st.lists(st.sampled_from([r.id for r in plan.risks]),
                                           max_size=2, unique=True)))
    added = data.draw(st.integers(0, 2))
    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for e in raw["events"]:
        if e["id"] in renamed:
            e["name"] = "Renamed " + e.get("name", e["id"])
    raw["risks"] = [r for r in raw.get("risks", []) if r["id"] not in dropped_risks]
    raw["events"] += [{"id": f"new_event_{tag}_{i}"} for i in range(added)]
    state.ws.import_plan(dump_plan(type(plan).model_validate(raw)), user="test")
    diff = compare_versions(state, ADMIN, old, state.latest_version())
    by_kind = {k: {c.id for c in diff.changes if c.kind == k}
               for k in ("added", "removed", "changed")}
    assert by_kind["added"] == {f"new_event_{tag}_{i}" for i in range(added)}
    assert by_kind["removed"] == dropped_risks
    assert by_kind["changed"] == renamed
    for change in diff.changes:
        if change.kind == "changed":
            assert [f.name for f in change.fields] == ["name"]
            assert str(change.fields[0].after).startswith("Renamed ")


def test_the_versions_page_shows_field_level_changes(tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    state = app.state.web
    plan = state.base_plan()
    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    event = raw["events"][0]
    event["note"] = "<b>moved</b> by the test"
    state.ws.import_plan(dump_plan(type(plan).model_validate(raw)), user="test")
    client, _ = _client(app, "viewer")
    new = state.latest_version()
    page = client.get(f"/versions?old={new - 1}&new={new}").text
    row = re.search(rf'<tr class="diff-changed" data-item="{event["id"]}">.*?</tr>', page, re.S)
    assert row is not None
    assert "<code>note</code>" in row.group(0) and "&lt;b&gt;moved&lt;/b&gt;" in row.group(0)
    assert client.get("/versions?old=999&new=1").status_code == 400


def test_a_viewer_sees_no_trace_of_a_restricted_item_in_a_comparison(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    app = create_app(demo.settings)
    state = app.state.web
    plan = state.base_plan()
    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for item in raw["indicators"]:
        if item["id"] == demo.restricted:
            item["target"] = 12345
    state.ws.import_plan(dump_plan(type(plan).model_validate(raw)), user="test")
    new = state.latest_version()
    lead, _ = _client(app, "lead")
    assert demo.restricted in lead.get(f"/versions?old={new - 1}&new={new}").text
    viewer, _ = _client(app, "viewer")
    for path in (f"/versions?old={new - 1}&new={new}",
                 f"/api/versions/compare?old={new - 1}&new={new}"):
        assert demo.restricted not in viewer.get(path).text, path


def test_the_baseline_is_stored_audited_and_shown_on_the_timeline(tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    state = app.state.web
    viewer, vtoken = _client(app, "viewer")
    assert viewer.post("/versions/baseline", data={"version": 1,
                                                   "csrf_token": vtoken}).status_code == 403
    assert baseline_version(state) is None
    lead, token = _client(app, "lead")
    first = state.latest_version()
    lead.post("/versions/baseline", data={"version": first, "csrf_token": token})
    assert baseline_version(state) == first
    assert state.ws.audit(limit=1)[-1].action == "plan.baseline"
    # a later version moves the first anchor a week: the timeline shows the drift
    plan = state.base_plan()
    event, day = next(iter(plan.anchor_dates().items()))
    from datetime import timedelta

    moved = plan.with_dates(anchors={event: day + timedelta(days=7)})
    state.ws.import_plan(dump_plan(moved), user="test", note="anchor moved")
    page = lead.get("/timeline").text
    assert f"Baseline (v{first})" in page
    row = re.search(rf'<tr id="event-{event}".*?</tr>', page, re.S)
    assert row is not None and "+7 d" in row.group(0)
    assert lead.get("/api/versions").json()["baseline"] == first


def test_adding_an_item_checks_it_like_a_plan_file_and_uncited_ones_wait(app: FastAPI) -> None:
    police, token = _client(app, "police")
    bad = police.post("/plan/new", data={"section": "events", "csrf_token": token,
                                         "text": "id: Not An Id\ncomponent: police\n"})
    assert bad.status_code == 422 and "Not An Id" in bad.text
    other = police.post("/plan/new", data={"section": "events", "csrf_token": token,
                                           "text": "id: army_drill\ncomponent: military\n"})
    assert other.status_code == 403
    ok = police.post("/plan/new", data={"section": "events", "csrf_token": token,
                                        "text": "id: police_drill\ncomponent: police\n"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/plan/items/police_drill"
    state = app.state.web
    assert state.ws.item("police_drill").data["approval"] == "proposed"
    lead, _ = _client(app, "lead")
    decision = re.search(r'href="/plan/items/police_drill"', lead.get("/").text)
    assert decision is not None  # a decision the plan needs
    viewer, vtoken = _client(app, "viewer")
    assert viewer.post("/api/items", headers={"x-csrf-token": vtoken}, json={
        "section": "events", "data": {"id": "viewer_event"}}).status_code == 403


def test_a_stale_api_save_is_refused_with_both_versions(app: FastAPI) -> None:
    lead, token = _client(app, "lead")
    headers = {"x-csrf-token": token}
    item = lead.get("/api/items/component_conops_aligned_police").json()
    first = lead.put("/api/items/component_conops_aligned_police", headers=headers, json={
        "etag": item["etag"], "data": {**item["data"], "name": "First save"}})
    assert first.status_code == 200
    second = lead.put("/api/items/component_conops_aligned_police", headers=headers, json={
        "etag": item["etag"], "data": {**item["data"], "name": "Second save"}})
    assert second.status_code == 409
    body = second.json()
    assert body["error"] == "edit-conflict"
    assert body["yours"]["name"] == "Second save"
    assert body["theirs"]["data"]["name"] == "First save"
    assert lead.get("/api/items/component_conops_aligned_police").json()["data"][
        "name"] == "First save"


def _save(state: WebState, edit: Callable[[dict[str, Any]], None]) -> int:
    """Store the newest plan, changed by ``edit`` (on its plan-file data), as a version."""
    plan = state.base_plan()
    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    edit(raw)
    state.ws.import_plan(dump_plan(type(plan).model_validate(raw)), user="test")
    return state.latest_version()


def _clear_actual(ws: Workspace, event: str) -> None:
    """Clear a recorded actual date as the workspace's clearing will: the row goes, the
    log says ``actual.clear`` with the date it held."""
    actual = table(ActualRow)
    with write_transaction(ws.engine) as conn:
        day = conn.execute(select(actual.c.date).where(actual.c.event_id == event)).scalar_one()
        conn.execute(delete(actual).where(actual.c.event_id == event))
        audit_log.write(conn, user="test", action="actual.clear", item=event,
                        before={"date": day}, after=None)


def _sections(body: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {s["section"]: s["changes"] for s in body["sections"]}


def _recorded(kind: str, event: str, label: str, before: date | None,
              after: date | None) -> dict[str, Any]:
    return {"kind": kind, "section": "recorded_actual_dates", "id": event, "label": label,
            "item": False, "fields": [{"name": "date",
                                       "before": before and before.isoformat(),
                                       "after": after and after.isoformat()}]}


def test_a_comparison_shows_every_field_and_the_actual_dates_recorded_between(
        tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    state, ws = app.state.web, app.state.web.ws
    first = state.latest_version()
    plan = state.base_plan()
    names = {e.id: e.label() for e in plan.events}
    anchor = plan.anchors[0]
    recorded_already = ws.actuals()  # the sample workspace's own history
    one, two, three, four = [e for e in names if e != anchor.event
                             and e not in recorded_already][:4]
    d = date(2027, 11, 20)  # after what they follow, before the workspace's day
    ws.record_actual(one, d, user="test")

    def revise(raw: dict[str, Any]) -> None:
        raw["anchors"][0]["date"] = (anchor.date + timedelta(days=7)).isoformat()
        raw["seasons"][0]["name"] = "Long rains"
        raw["readings"].append("A reading taken for the test.")
        raw["deployment"]["threshold"] = 0.9
        next(e for e in raw["events"] if e["id"] == two)["name"] = "Renamed for the test"

    second = _save(state, revise)
    ws.record_actual(one, d + timedelta(days=1), user="test")  # a correction
    ws.record_actual(two, d + timedelta(days=2), user="test")
    ws.record_actual(four, d + timedelta(days=4), user="test")
    _clear_actual(ws, four)  # recorded and cleared between two saves: no trace
    third = _save(state, lambda raw: raw["readings"].pop(0))
    _clear_actual(ws, two)
    ws.record_actual(three, d + timedelta(days=3), user="test")

    viewer, _ = _client(app, "viewer")
    body = viewer.get(f"/api/versions/compare?old={first}&new={second}").json()
    changes = _sections(body)
    assert list(changes) == ["readings", "events", "anchors", "seasons", "deployment",
                             "recorded_actual_dates"]
    assert changes["anchors"] == [{
        "kind": "changed", "section": "anchors", "id": anchor.event,
        "label": names[anchor.event], "item": False, "fields": [{
            "name": "date", "before": anchor.date.isoformat(),
            "after": (anchor.date + timedelta(days=7)).isoformat()}]}]
    assert [(c["id"], c["fields"][0]["after"]) for c in changes["events"]] == [
        (two, "Renamed for the test")]
    assert [(c["kind"], c["label"]) for c in changes["readings"]] == [
        ("added", "A reading taken for the test.")]
    assert [f["name"] for f in changes["seasons"][0]["fields"]] == ["name"]
    assert changes["deployment"][0]["fields"] == [
        {"name": "threshold", "before": 1.0, "after": 0.9}]
    assert changes["recorded_actual_dates"] == [_recorded("added", one, names[one], None, d)]
    recorded = {(old, new): {c["id"]: c for c in _sections(viewer.get(
        f"/api/versions/compare?old={old}&new={new}").json())["recorded_actual_dates"]}
        for old, new in ((second, third), (third, "now"), (first, "now"))}
    assert recorded[second, third] == {
        two: _recorded("added", two, "Renamed for the test", None, d + timedelta(days=2)),
        one: _recorded("changed", one, names[one], d, d + timedelta(days=1))}
    assert recorded[third, "now"] == {
        three: _recorded("added", three, names[three], None, d + timedelta(days=3)),
        two: _recorded("removed", two, "Renamed for the test", d + timedelta(days=2), None)}
    assert recorded[first, "now"] == {
        one: _recorded("added", one, names[one], None, d + timedelta(days=1)),
        three: _recorded("added", three, names[three], None, d + timedelta(days=3))}
    assert list(_sections(viewer.get(f"/api/versions/compare?old={third}&new={third}")
                          .json())) == []
    page = viewer.get(f"/versions?old={third}&new=now").text
    assert '<option value="now" selected>' in page
    table_html = re.search(r'<table data-section="recorded_actual_dates">.*?</table>', page,
                           re.S)
    assert table_html is not None and "<h3 id=\"diff-recorded_actual_dates\">Recorded actual " \
        "dates</h3>" in page
    removed = re.search(rf'<tr class="diff-removed" data-item="{two}">.*?</tr>',
                        table_html.group(0), re.S)
    assert removed is not None and "Renamed for the test" in removed.group(0)
    assert (d + timedelta(days=2)).isoformat() in removed.group(0)


def test_a_viewer_sees_no_trace_of_a_restricted_event_its_anchor_or_actual_dates(
        tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    state, ws = app.state.web, app.state.web.ws
    first = state.latest_version()
    secret, name = "covert_extraction", "Covert extraction completed"

    def add(raw: dict[str, Any]) -> None:
        raw["events"].append({"id": secret, "name": name, "restricted": True})
        raw["anchors"].append({"event": secret, "date": "2027-02-01"})

    second = _save(state, add)
    ws.record_actual(secret, date(2027, 2, 3), user="test")
    third = _save(state, lambda raw: raw["anchors"][-1].update(date="2027-02-05"))
    ws.record_actual(secret, date(2027, 2, 4), user="test")
    lead, _ = _client(app, "lead")
    viewer, _ = _client(app, "viewer")
    for old, new in ((first, second), (second, third), (third, "now"), (first, "now")):
        for path in (f"/versions?old={old}&new={new}",
                     f"/api/versions/compare?old={old}&new={new}"):
            assert secret in lead.get(path).text and name in lead.get(path).text, path
            seen = viewer.get(path)
            assert seen.status_code == 200, path
            assert secret not in seen.text and name not in seen.text, path


def test_an_item_restricted_later_leaves_no_trace_in_versions_before(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    app = create_app(demo.settings)
    state, ws = app.state.web, app.state.web.ws
    secret, name = "liaison_visit", "Liaison visit made"
    first = _save(state, lambda raw: raw["events"].append({"id": secret, "name": name}))
    ws.record_actual(secret, date(2027, 2, 3), user="test")
    second = _save(state, lambda raw: raw["events"][-1].update(restricted=True))
    ws.record_actual(secret, date(2027, 2, 4), user="test")
    lead, _ = _client(app, "lead")
    viewer, _ = _client(app, "viewer")
    # the indicator restricted since version 2 is open in version 1
    for old, new, words in ((1, 2, (demo.restricted, "Refugees returned home")),
                            (first, second, (secret, name)), (first, "now", (secret, name))):
        for path in (f"/versions?old={old}&new={new}",
                     f"/api/versions/compare?old={old}&new={new}"):
            assert all(w in lead.get(path).text for w in words), path
            assert not any(w in viewer.get(path).text for w in words), path


def test_the_versions_page_lists_the_newest_and_offers_them_all(tmp_path: Path) -> None:
    from missionplan.web.pages.versions import SHOWN

    app = create_app(demo_workspace(tmp_path).settings)
    state = app.state.web
    for n in range(SHOWN + 2):
        record = state.ws.item("conops_police")
        state.ws.update_item("conops_police", {**record.data, "note": f"edit {n}"},
                             user="lead", etag=record.etag)
    client, _ = _client(app, "viewer")
    total = state.latest_version()
    listed = re.findall(r'<tr id="version-(\d+)"', client.get("/versions?old=1").text)
    # the newest SHOWN, and version 1 because the page compares it
    assert listed == [str(v) for v in range(total, total - SHOWN, -1)] + ["1"]
    page = client.get("/versions").text
    assert f"Show all {total} versions" in page
    every = re.findall(r'<tr id="version-(\d+)"', client.get("/versions?all=1").text)
    assert every == [str(v) for v in range(total, 0, -1)]
    assert "Show all" not in client.get("/versions?all=1").text
