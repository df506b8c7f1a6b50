"""Restricted items stay hidden from people not cleared, everywhere; text is inert HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missionplan.planfile import dump_plan, load_plan, loads_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.web import create_app
from missionplan.web.accounts import Account, Role
from missionplan.web.testing import demo_workspace
from missionplan.web.visibility import hidden_ids, visible_plan
from webclient import sign_in

READS = ["/", "/timeline", "/directive", "/criteria", "/risk", "/deployment", "/api/risk",
         "/api/deployment", "/api/plans/current",
         "/api/plans/current/export", "/api/schedule", "/api/criteria", "/api/audit?limit=1000",
         "/api/search?q=refugee", "/api/search?q=Refugees"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(demo_workspace(tmp_path_factory.mktemp("vis")).settings))


@pytest.mark.parametrize("user", ["viewer", "agency", "police"])
def test_restricted_item_appears_nowhere_for_people_not_cleared(client: TestClient,
                                                                user: str) -> None:
    token = sign_in(client, user)
    for run in ("/risk/run", "/deployment/run"):  # results in view, as this person sees them
        assert client.post(run, data={"csrf_token": token}).status_code == 200
    for path in READS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "refugees_returned" not in response.text, (user, path)
    assert client.get("/api/items/refugees_returned").status_code == 400


@pytest.mark.parametrize("user", ["admin", "lead", "monitor"])
def test_cleared_people_see_the_restricted_item(client: TestClient, user: str) -> None:
    sign_in(client, user)
    assert "refugees_returned" in client.get("/api/plans/current").text
    assert "refugees_returned" in client.get("/criteria").text
    assert client.get("/api/items/refugees_returned").status_code == 200


def test_hiding_removes_whatever_refers_to_the_hidden_item() -> None:
    plan = load_plan(scenario_plan_path())
    event = plan.relations[0].to
    plan.events = [e.model_copy(update={"restricted": True}) if e.id == event else e
                   for e in plan.events]
    viewer = Account("v", Role.viewer)
    shown = visible_plan(plan, viewer)
    assert event not in shown.item_index()
    assert not shown.reference_problems()
    assert all(event not in (r.from_, r.to) for r in shown.relations)
    assert event in hidden_ids(plan, viewer)
    assert visible_plan(plan, Account("c", Role.viewer, cleared=True)) is plan
    # what the viewer gets is still a plan the loader accepts
    assert loads_plan(dump_plan(shown)).id == plan.id


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_in_every_text_field_is_rendered_inert(tmp_path: Path) -> None:
    demo = demo_workspace(tmp_path)
    app = create_app(demo.settings)
    ws = app.state.web.ws
    plan = loads_plan(ws.export_plan())
    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    raw["title"] = EVIL
    for key in ("events", "criteria", "indicators", "relations", "assumptions"):
        for item in raw[key]:
            item["name"] = EVIL + item.get("name", "")
            item["note"] = EVIL
            for field in ("text", "measure", "unit"):
                if field in item:
                    item[field] = EVIL
    ws.import_plan(dump_plan(type(plan).model_validate(raw)), user="test")
    client = TestClient(app)
    token = sign_in(client, "admin")
    client.post("/criteria/observations", data={"indicator": "idps_returned",
                                                "day": "2027-02-01", "value": "5",
                                                "source": EVIL, "csrf_token": token})
    for path in ("/", "/timeline", "/directive", "/criteria"):
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path
    what_if = client.post("/timeline/whatif", headers={"x-csrf-token": token},
                          data={"anchor:peace_agreement_signed": "2027-01-20"})
    assert "<script>alert" not in what_if.text and "&lt;script&gt;" in what_if.text
    assert client.get("/api/plans/current").headers["content-type"] == "application/json"
