"""The web workspace reports as of the workspace's clock, says so on every page, and lets
the planning lead (only) move it; a move made anywhere shows on the next page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from missionplan.store import open_workspace
from missionplan.web import create_app
from missionplan.web.testing import demo_workspace
from webclient import csrf_token, sign_in

DEMO_DAY = "2027-12-01"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    settings = demo_workspace(tmp_path).settings
    assert settings.db_url is not None
    with TestClient(create_app(settings)) as client:
        yield client, settings.db_url


def _shown_day(html: str) -> str:
    head = html.split('<p class="asof" id="asof">', 1)[1].split("</p>", 1)[0]
    return head.split('datetime="', 1)[1].split('"', 1)[0]


def _form(client: TestClient, path: str, **fields: str) -> int:
    token = csrf_token(client.get("/").text)
    return client.post(path, data={**fields, "csrf_token": token},
                       follow_redirects=False).status_code


@pytest.mark.parametrize("page", ["/", "/timeline", "/criteria", "/directive", "/risk",
                                  "/versions", "/downloads"])
def test_every_page_says_as_of_which_day_and_why(web: tuple[TestClient, str],
                                                 page: str) -> None:
    client, _ = web
    sign_in(client, "viewer")
    html = client.get(page).text
    assert _shown_day(html) == DEMO_DAY
    assert "the workspace&#39;s scenario day, set by setup" in html


def test_only_the_planning_lead_sees_the_clock_control(web: tuple[TestClient, str]) -> None:
    client, _ = web
    for user, shown in (("lead", True), ("admin", True), ("police", False),
                        ("agency", False), ("viewer", False)):
        sign_in(client, user)
        assert ('action="/clock/set"' in client.get("/").text) is shown, user


def test_the_lead_moves_the_day_and_every_page_follows(web: tuple[TestClient, str]) -> None:
    client, url = web
    sign_in(client, "lead")
    before = client.get("/api/schedule").json()
    assert before["as_of"] == DEMO_DAY and before["as_of_source"]["source"] == "workspace"
    assert _form(client, "/clock/set", day="2028-03-01") == 303
    assert _shown_day(client.get("/").text) == "2028-03-01"
    after = client.get("/api/schedule").json()
    assert after["as_of"] == "2028-03-01"
    statuses = lambda s: {d["id"]: d["status"] for d in s["deadlines"]}  # noqa: E731
    assert statuses(after) != statuses(before)  # the day the schedule judges moved
    assert client.get("/api/criteria").json()["as_of"] == "2028-03-01"
    assert _form(client, "/clock/advance", step="2w") == 303
    assert client.get("/api/clock").json()["day"] == "2028-03-15"
    # the sample's dates are recorded in 2027: a day before them is refused, not set
    assert _form(client, "/clock/set", day="2027-10-01") == 400
    assert _form(client, "/clock/unset") == 400  # the wall clock is before them too
    assert client.get("/api/clock").json()["day"] == "2028-03-15"
    with open_workspace(url) as ws:
        log = [(e.user, e.action) for e in ws.history("clock")]
        ws.clear_actual("mission_concept_validated", user="lead")  # the latest, 25 October
    assert log[-2:] == [("lead", "clock.set"), ("lead", "clock.advance")]
    assert _form(client, "/clock/set", day="2027-10-20") == 303  # after the rest


def test_the_api_moves_the_clock_for_the_lead_and_refuses_the_rest(
        web: tuple[TestClient, str]) -> None:
    client, url = web
    sign_in(client, "lead")
    token = client.get("/api/session").json()["csrf"]
    headers = {"x-csrf-token": token}
    moved = client.post("/api/clock/advance", headers=headers, json={"step": "1mo"})
    assert moved.status_code == 200 and moved.json()["day"] == "2028-01-01"
    back = client.post("/api/clock", headers=headers, json={"day": None})
    assert back.status_code == 400 and back.json()["error"] == "clock-before-facts"
    bad = client.post("/api/clock/advance", headers=headers, json={"step": "soon"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad-duration"
    far = client.post("/api/clock", headers=headers, json={"day": "3000-01-01"})
    assert far.status_code == 400 and far.json()["error"] == "bad-date"
    with open_workspace(url) as ws:
        count = len(ws.history("clock"))
    sign_in(client, "viewer")
    token = client.get("/api/session").json()["csrf"]
    refused = client.post("/api/clock", headers={"x-csrf-token": token},
                          json={"day": "2027-10-01"})
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    sign_in(client, "police")
    assert _form(client, "/clock/set", day="2027-10-01") == 403
    with open_workspace(url) as ws:
        assert ws.current_day().day == date(2028, 1, 1) and len(ws.history("clock")) == count


def test_a_move_made_in_the_terminal_shows_on_the_next_page(
        web: tuple[TestClient, str]) -> None:
    client, url = web
    sign_in(client, "viewer")
    assert _shown_day(client.get("/").text) == DEMO_DAY
    with open_workspace(url) as other:  # as 'missionplan clock set' does
        other.set_day(date(2027, 12, 31), user="exercise control")
    page = client.get("/").text
    assert _shown_day(page) == "2027-12-31" and "set by exercise control" in page
    ics = client.get("/downloads/export.ics")
    assert "2027-12-31" in ics.headers["content-disposition"]


def test_the_first_dashboard_of_a_new_workspace_is_on_the_scenario_day(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    from missionplan.scenarios import scenario_dir
    from missionplan.web import Settings, first_run
    from missionplan.web.testing import FAST_ARGON2

    named = YAML(typ="safe").load(
        (scenario_dir() / "data" / "workspace.yaml").read_text(encoding="utf-8"))
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'new.db'}", secret_key="k",
                        argon2=FAST_ARGON2)
    password = first_run(settings)
    assert password is not None
    with TestClient(create_app(settings)) as client:
        sign_in(client, "admin", password)
        page = client.get("/").text
    assert _shown_day(page) == named["scenario_day"].isoformat()
    assert "set by missionplan serve" in page
