"""Risk and Deployment pages: runs on demand, cached per plan version, and the map."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.logistics import load_deployment
from missionplan.monitor import Observation
from missionplan.planfile import dump_plan, load_plan
from missionplan.risk import simulate
from missionplan.scenarios import scenario_plan_path
from missionplan.web import create_app
from missionplan.web.accounts import get_account
from missionplan.web.analysis import cached_deployment, cached_risk, resolution_day
from missionplan.web.geomap import map_view
from missionplan.web.testing import PASSWORD, demo_workspace
from webclient import csrf_token


def _client(app: FastAPI, name: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client, csrf_token(client.get("/login").text)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(demo_workspace(tmp_path_factory.mktemp("analysis")).settings)


def test_risk_runs_on_demand_and_shows_the_library_odds(app: FastAPI) -> None:
    client, token = _client(app, "lead")
    before = client.get("/risk")
    assert "No simulation of plan version" in before.text
    assert client.get("/api/risk").json()["result"] is None
    page = client.post("/risk/run", data={"csrf_token": token})
    assert page.status_code == 200
    state = app.state.web
    lead = get_account(state.ws.engine, "lead")
    assert lead is not None
    expected = simulate(state.plan_for(lead), samples=state.settings.risk_samples, seed=0,
                        as_of=state.today())
    assert client.get("/api/risk").json()["result"] == expected.to_json()
    for odds in expected.deadlines:
        row = re.search(rf'id="risk-deadline-{odds.id}".*?</tr>', page.text, re.S)
        assert row is not None, odds.id
        assert f"{odds.probability * 100:.0f}%" in row.group(0)
    assert expected.sentences(state.plan_for(lead))[0].split(" (")[0] in page.text.replace(
        "&#39;", "'")


def test_a_run_is_kept_for_its_plan_version_only(tmp_path: Path) -> None:
    app = create_app(demo_workspace(tmp_path).settings)
    client, token = _client(app, "lead")
    state = app.state.web
    lead = get_account(state.ws.engine, "lead")
    assert lead is not None
    client.post("/risk/run", data={"csrf_token": token})
    first = cached_risk(state, lead)
    assert first is not None and first.version == state.latest_version()
    client.post("/risk/run", data={"csrf_token": token})
    assert cached_risk(state, lead) is first  # not run again
    state.ws.add_observations([Observation("idps_returned", date(2027, 2, 2), 7.0)], user="t")
    assert cached_risk(state, lead) is first  # observations do not change the simulation
    state.ws.record_actual("mission_deployed", date(2027, 11, 25), user="test")
    assert cached_risk(state, lead) is None  # an actual date does: it starts from it
    client.post("/risk/run", data={"csrf_token": token})
    assert cached_risk(state, lead) is not None
    state.ws.import_plan(dump_plan(state.base_plan()), user="test", note="a new version")
    assert cached_risk(state, lead) is None
    assert "No simulation of plan version" in client.get("/risk").text


def test_deployment_shows_every_movement_and_the_routes_on_the_map(app: FastAPI) -> None:
    client, token = _client(app, "police")
    before = client.get("/deployment")
    assert "No movement plan" in before.text and "<polygon" in before.text
    assert 'class="leg' not in before.text
    page = client.post("/deployment/run", data={"csrf_token": token}).text
    state = app.state.web
    police = get_account(state.ws.engine, "police")
    assert police is not None
    run = cached_deployment(state, police)
    assert run is not None
    table = re.search(r'<table id="movements">.*?</table>', page, re.S)
    assert table is not None
    assert table.group(0).count("<tr") == len(run.result.movements) + 1
    legs = {(leg.kind, *sorted((leg.origin, leg.to)))
            for m in run.result.movements for leg in m.legs}
    assert page.count('<line class="leg ') == len(legs)
    provinces = [f for f in run.data.features if f.kind == "province"]
    assert page.count('class="province"') == len(provinces)
    assert client.get("/api/deployment").json()["result"]["movements"]
    assert "<script" not in page.split("</head>")[1]


def test_the_clock_starts_at_the_forecast_resolution_when_none_is_anchored(
        app: FastAPI) -> None:
    state = app.state.web
    plan = state.base_plan()
    assert plan.deployment is not None
    start = plan.deployment.from_event
    assert start not in plan.anchor_dates()
    from missionplan.web.views import schedule_of

    row = next(r for r in schedule_of(plan, state.today()).events if r.id == start)
    assert resolution_day(plan, state.today()) == (row.expected or row.earliest)
    anchored = plan.with_dates(anchors={start: row.earliest})
    assert resolution_day(anchored, state.today()) == row.earliest


def test_running_needs_this_sessions_token(app: FastAPI) -> None:
    client, _ = _client(app, "viewer")
    assert client.post("/risk/run", data={"csrf_token": "forged"}).status_code == 403
    assert client.post("/deployment/run").status_code == 403


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(-30, 30), st.floats(-30, 30)), min_size=2, max_size=30))
def test_the_map_projection_keeps_every_place_inside_the_picture(
        points: list[tuple[float, float]]) -> None:
    from missionplan.logistics.data import GeoFeature

    data = load_deployment(_PLAN)
    data.features = [GeoFeature("road", "r", "a road", [points])]
    view = map_view(data)
    xs = [float(p.split(",")[0]) for s in view.shapes for r in s.points for p in r.split()]
    ys = [float(p.split(",")[1]) for s in view.shapes for r in s.points for p in r.split()]
    xs += [p.x for p in view.places]
    ys += [p.y for p in view.places]
    assert min(xs) >= 0 and max(xs) <= view.width + 0.1
    assert min(ys) >= 0 and max(ys) <= view.height + 0.1


_PLAN = load_plan(scenario_plan_path())


def test_two_workspaces_in_one_process_keep_their_own_runs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = create_app(demo_workspace(tmp_path / "a").settings)
    second = create_app(demo_workspace(tmp_path / "b").settings)
    client, token = _client(first, "lead")
    client.post("/risk/run", data={"csrf_token": token})
    lead = get_account(first.state.web.ws.engine, "lead")
    assert lead is not None
    assert cached_risk(first.state.web, lead) is not None
    assert cached_risk(second.state.web, lead) is None  # same version number, other plan
    other, _ = _client(second, "lead")
    assert "Run the simulation" in other.get("/risk").text


def test_a_deployment_what_if_is_planned_beside_the_plan_and_saves_nothing(
        app: FastAPI) -> None:
    from missionplan.logistics import WhatIf, plan_deployment

    client, token = _client(app, "lead")
    client.post("/deployment/run", data={"csrf_token": token})
    page = client.get("/deployment").text
    state = app.state.web
    lead = get_account(state.ws.engine, "lead")
    assert lead is not None
    run = cached_deployment(state, lead)
    assert run is not None
    unit = max(run.data.force.units, key=lambda u: u.personnel)
    assert f'<option value="{unit.id}">{unit.name or unit.id}</option>' in page
    versions = state.latest_version()
    answer = client.post("/deployment/what-if", data={
        "csrf_token": token, "late_unit": unit.id, "late_days": "60", "threshold": "100"})
    assert answer.status_code == 200 and "What-if, not saved:" in answer.text
    expected = plan_deployment(run.data, resolution_date=run.result.resolution_date,
                               time_limit=3.0, what_if=WhatIf(late={unit.id: 60}))
    if expected.status == "optimal":  # the library's answer, on the page
        day = expected.date_of(expected.deployed_day)
        assert f"deployed on {day} (day {expected.deployed_day})" in answer.text
    planned = run.result.date_of(run.result.deployed_day)
    assert f"against {planned} (day {run.result.deployed_day})" in answer.text
    assert state.latest_version() == versions  # nothing saved
    assert cached_deployment(state, lead) is run  # the plan's own run is untouched


@pytest.mark.parametrize(("form", "why"), [
    ({"rains_from": "2027-05-01"}, "first and last day"),
    ({"rains_from": "2027-10-01", "rains_to": "2027-05-01"}, "ends before it starts"),
    ({"closed": "no_such_road"}, "no road or place has id no_such_road"),
    ({"late_unit": "nobody", "late_days": "3"}, "no unit has id nobody"),
    ({"threshold": "250"}, "from 1 to 100"),
])
def test_a_what_if_that_makes_no_sense_says_why_and_keeps_what_was_typed(
        app: FastAPI, form: dict[str, str], why: str) -> None:
    client, token = _client(app, "lead")
    answer = client.post("/deployment/what-if", data={"csrf_token": token, **form})
    assert answer.status_code == 422 and why in answer.text
    for value in form.values():
        if value in ("2027-05-01", "2027-10-01", "250"):
            assert f'value="{value}"' in answer.text


def test_the_risk_page_draws_each_key_events_s_curve_and_the_tornado(app: FastAPI) -> None:
    from missionplan.web.charts import s_curve_chart, tornado_chart

    client, token = _client(app, "lead")
    page = client.post("/risk/run", data={"csrf_token": token}).text
    state = app.state.web
    lead = get_account(state.ws.engine, "lead")
    assert lead is not None
    run = cached_risk(state, lead)
    assert run is not None
    r = run.result
    for key in r.key_events:
        event = r.event(key)
        chart = s_curve_chart(event, r.reference)
        if chart is None:
            continue
        figure = re.search(rf'<figure class="curve" id="s-curve-{key}">.*?</figure>', page, re.S)
        assert figure is not None, key
        ys = [float(p.split(",")[1]) for p in chart.points.split()]
        assert ys == sorted(ys, reverse=True)  # rises (SVG y grows downwards) from 0 to 1
        assert ys[0] == chart.height - 24 and ys[-1] == 24
        assert event.dates is not None and f"P50 {event.dates['P50']}" in figure.group(0)
        from missionplan.web.language import DATES_COOKIE

        client.cookies.set(DATES_COOKIE, "numeric")  # the curve's dates as the person reads them
        try:
            again = client.get("/risk").text
        finally:
            client.cookies.delete(DATES_COOKIE)
        y, m, d = event.dates["P50"].split("-")
        drawn = re.search(rf'<figure class="curve" id="s-curve-{key}">.*?</figure>', again,
                          re.S)
        assert drawn is not None and f"P50 {d}/{m}/{y}" in drawn.group(0)
    tornado = tornado_chart(r)
    if tornado is not None:
        drawn = re.search(r'<section class="card" id="tornado">.*?</section>', page, re.S)
        assert drawn is not None and drawn.group(0).count("<rect") == len(tornado.bars)
        widest = r.drivers[0]
        assert widest.label.replace("'", "&#39;")[:30] in drawn.group(0)
        assert all(0 <= b.low <= b.high <= 1 for b in tornado.bars)
