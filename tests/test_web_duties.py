"""Separation of duties: who proposes an additional task may not approve it; the audit log
shows both hands. Through the pages, the API and the editor's approval field."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import sign_in

TASK = {"id": "extra_patrols_started", "name": "Extra patrols started"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(demo_workspace(tmp_path).settings))


def _propose(client: TestClient, name: str) -> None:
    token = sign_in(client, name)
    answer = client.post("/api/items", json={"section": "events", "data": dict(TASK)},
                         headers={"x-csrf-token": token})
    assert answer.status_code == 200, answer.text


def _approval(client: TestClient) -> str:
    data = client.app.state.web.ws.item(TASK["id"]).data  # type: ignore[attr-defined]
    return str(data.get("approval", "approved"))


def test_the_lead_who_proposed_a_task_cannot_approve_it_another_can(
        client: TestClient) -> None:
    _propose(client, "lead")
    assert _approval(client) == "proposed"
    page = client.get(f"/plan/items/{TASK['id']}")
    assert "Approve</button>" not in page.text
    assert "Proposed by lead: another planning lead approves it" in page.text
    token = sign_in(client, "lead")
    refused = client.post(f"/plan/items/{TASK['id']}/decision",
                          data={"decision": "approve", "csrf_token": token})
    assert refused.status_code == 403 and "separation of duties" in refused.text
    assert _approval(client) == "proposed"
    token = sign_in(client, "admin")
    assert "Approve</button>" in client.get(f"/plan/items/{TASK['id']}").text
    done = client.post(f"/plan/items/{TASK['id']}/decision",
                       data={"decision": "approve", "csrf_token": token},
                       follow_redirects=False)
    assert done.status_code == 303 and _approval(client) == "approved"
    history = client.app.state.web.ws.history(TASK["id"])  # type: ignore[attr-defined]
    assert [(e.action, e.user) for e in history] == [("item.add", "lead"),
                                                      ("item.change", "admin")]
    assert history[0].after["approval"] == "proposed"
    assert history[1].before["approval"] == "proposed"


def test_the_proposer_cannot_approve_by_editing_the_field_either(client: TestClient) -> None:
    _propose(client, "lead")
    token = sign_in(client, "lead")
    record = client.get(f"/api/items/{TASK['id']}").json()
    data = {**record["data"], "approval": "approved"}
    refused = client.put(f"/api/items/{TASK['id']}", json={"etag": record["etag"],
                                                            "data": data},
                         headers={"x-csrf-token": token})
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    assert _approval(client) == "proposed"


def test_the_proposer_may_still_withdraw_their_proposal(client: TestClient) -> None:
    _propose(client, "lead")
    token = sign_in(client, "lead")
    client.post(f"/plan/items/{TASK['id']}/decision",
                data={"decision": "reject", "csrf_token": token})
    assert _approval(client) == "rejected"
