"""The Resources page: the levelled plan the library gives, each resource's load, and the
"one more unit" what-if, which saves nothing."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from missionplan.levelling import level
from missionplan.model import Plan
from missionplan.web import create_app
from missionplan.web.accounts import get_account
from missionplan.web.testing import demo_workspace
from webclient import sign_in


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(demo_workspace(tmp_path_factory.mktemp("resources")).settings)


def _plan(app: FastAPI) -> Plan:
    state = app.state.web
    lead = get_account(state.ws.engine, "lead")
    assert lead is not None
    plan: Plan = state.plan_for(lead)
    return plan


def test_the_page_shows_the_librarys_levelling(app: FastAPI) -> None:
    client = TestClient(app)
    sign_in(client, "lead")
    page = client.get("/resources")
    assert page.status_code == 200
    expected = level(_plan(app))
    assert f'data-status="{expected.status}"' in page.text
    for row in expected.resources:
        cells = re.search(rf'<tr id="resource-{row.id}">(.*?)</tr>', page.text, re.S)
        assert cells is not None and f"<td>{row.peak_used}</td>" in cells.group(1)
    late = [d for d in expected.deadlines if d.late]
    assert late and all(f'id="levelled-{d.id}"' in page.text for d in late)
    assert page.text.count('class="bar-fg"') > 0
    assert 'href="/resources"' in page.text  # in the menu


def test_one_more_planner_is_tried_without_saving_anything(app: FastAPI) -> None:
    client = TestClient(app)
    sign_in(client, "lead")
    before = client.get("/api/plans/current").text
    page = client.get("/resources", params={"more": "itf_planners"})
    trial = re.search(r'<div id="trial">(.*?)</div>', page.text, re.S)
    assert trial is not None
    more = level(_plan(app).model_copy(update={"resources": [
        r.model_copy(update={"capacity": r.capacity + 1}) if r.id == "itf_planners" else r
        for r in _plan(app).resources]}), drivers=False)
    assert f"{sum(d.late for d in more.deadlines)} days late in all" in trial.group(1)
    assert client.get("/api/plans/current").text == before
    unknown = client.get("/resources", params={"more": "no_such_resource"})
    assert unknown.status_code == 200 and 'id="trial"' not in unknown.text


def test_signed_out_is_sent_to_sign_in(app: FastAPI) -> None:
    page = TestClient(app).get("/resources", follow_redirects=False)
    assert page.status_code in (302, 303, 307, 401)


def _forecasts(html: str) -> dict[str, str]:
    rows = re.findall(r'<tr id="event-([a-z0-9_]+)"[^>]*>(.*?)</tr>', html, flags=re.S)
    out = {}
    for event, row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        out[event] = re.sub(r"<[^>]+>.*", "", cells[3], flags=re.S).strip()
    return out


def test_the_timeline_shows_the_levelled_dates_on_request(app: FastAPI) -> None:
    from missionplan.levelling import with_waits
    from missionplan.schedule import build_schedule

    client = TestClient(app)
    token = sign_in(client, "lead")
    plain = client.get("/timeline").text
    assert 'href="/timeline?levelled=1"' in plain
    page = client.get("/timeline?levelled=1").text
    assert 'href="/timeline">' in page and 'name="levelled" value="1"' in page
    assert "/timeline/gantt.svg?levelled=1" in page
    plan, day = _plan(app), app.state.web.today()
    result = level(plan)
    expected = build_schedule(with_waits(plan, result), as_of=day)
    shown = _forecasts(page)
    for row in expected.events:  # the library's levelled forecast, event by event
        if row.actual is None and row.forecast is not None:
            assert shown[row.id] == str(row.forecast), row.id
    waits = [t for t in result.tasks if t.waits > 0]
    if waits:  # something waits for its resources: the levelled dates differ somewhere
        assert shown != _forecasts(plain)
    svg = client.get("/timeline/gantt.svg?levelled=1")
    assert svg.status_code == 200 and svg.text.startswith("<")
    what_if = client.post("/timeline/whatif", data={"csrf_token": token, "levelled": "1"})
    assert "gantt.svg?levelled=1" in what_if.text


@pytest.mark.parametrize(("user", "saves"), [("viewer", False), ("police", True),
                                             ("lead", True)])
def test_the_timeline_offers_save_only_to_those_who_may(app: FastAPI, user: str,
                                                        saves: bool) -> None:
    client = TestClient(app)
    sign_in(client, user)
    page = client.get("/timeline").text
    form = page.split('id="whatif"')[1].split("</form>")[0]
    assert ('<button type="submit">' in form) is saves
    assert ('id="read-only"' in form) is not saves
