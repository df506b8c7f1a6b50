"""Plan editing on the web: versions, stale saves refused with both versions, approvals."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.editing import add_item
from missionplan.web.testing import PASSWORD, demo_workspace
from webclient import csrf_token

ITEM = "component_conops_aligned_police"


def _client(app: object, name: str) -> tuple[TestClient, str]:
    client = TestClient(app)  # type: ignore[arg-type]
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client, csrf_token(client.get("/login").text)


def _form(client: TestClient) -> tuple[str, str]:
    html = client.get(f"/plan/items/{ITEM}").text
    etag = re.search(r'name="etag" value="([^"]+)"', html)
    text = re.search(r'<textarea[^>]*>(.*?)</textarea>', html, re.S)
    assert etag and text
    import html as h

    return etag.group(1), h.unescape(text.group(1))


def test_second_save_of_the_same_item_is_refused_and_shows_both(tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    ws = app.state.web.ws
    first, t1 = _client(app, "police")
    second, t2 = _client(app, "lead")
    etag1, text1 = _form(first)
    etag2, text2 = _form(second)
    versions = len(ws.plan_versions())
    ok = first.post(f"/plan/items/{ITEM}", data={
        "text": text1.replace("name: ", "name: First edit of "), "etag": etag1,
        "csrf_token": t1}, follow_redirects=False)
    assert ok.status_code == 303
    refused = second.post(f"/plan/items/{ITEM}", data={
        "text": text2.replace("name: ", "name: Second edit of "), "etag": etag2,
        "csrf_token": t2})
    assert refused.status_code == 409
    assert "changed by someone else" in refused.text
    assert "First edit of" in refused.text and "Second edit of" in refused.text
    assert len(ws.plan_versions()) == versions + 1
    assert ws.item(ITEM).data["name"].startswith("First edit of")
    assert any(e.action != "" and e.user == "police" for e in ws.history(ITEM))


def test_planner_may_not_edit_another_component_and_bad_yaml_is_located(
        tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    client, token = _client(app, "police")
    other = client.post("/plan/items/component_conops_aligned_military",
                        data={"text": "id: x", "etag": "e", "csrf_token": token})
    assert other.status_code == 403
    etag, _ = _form(client)
    bad = client.post(f"/plan/items/{ITEM}", data={"text": "id: [unclosed", "etag": etag,
                                                   "csrf_token": token})
    assert bad.status_code == 422 and "line" in bad.text


def test_an_uncited_task_waits_for_the_planning_lead(tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    state = app.state.web
    police = next(a for a in __import__("missionplan.web.accounts", fromlist=["x"])
                  .list_accounts(state.ws.engine) if a.name == "police")
    add_item(state, police, "events", {"id": "extra_patrols_started",
                                       "name": "Extra patrols started", "component": "police"})
    assert state.ws.item("extra_patrols_started").data["approval"] == "proposed"
    client, token = _client(app, "lead")
    assert "extra_patrols_started" in client.get("/").text  # a decision the plan needs
    client.post("/plan/items/extra_patrols_started/decision",
                data={"decision": "approve", "csrf_token": token})
    assert state.ws.item("extra_patrols_started").data.get("approval", "approved") == "approved"
    viewer, vtoken = _client(app, "viewer")
    refused = viewer.post("/plan/items/extra_patrols_started/decision",
                          data={"decision": "reject", "csrf_token": vtoken})
    assert refused.status_code == 403
