"""Reality first, end to end: facts recorded for the built-in plan, in the terminal and on
the web, give every verb, page and document the same dates and the same statuses.

A late TAM (four days past its 14), an early presentation (two days before the
return it is due on), a late Secretary-General's report (four days past its three
weeks), and two refused dates: a Mission Concept before the report it follows (the
plan's logic), and an event recorded after the workspace's day.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from missionplan.cli import main
from missionplan.scenarios import scenario_plan_path
from missionplan.store import open_workspace
from missionplan.web.accounts import add_account
from missionplan.web.app import create_app
from missionplan.web.settings import Settings
from missionplan.web.testing import FAST_ARGON2, PASSWORD
from webclient import sign_in

DAY = "2027-08-01"
# what the facts must make of the directive's deadlines: (status, days missed by)
EXPECTED = {
    "tam_within_14_days_of_signing": ("late", 4),
    "tam_within_21_days_of_signing": ("done", None),
    "presentation_immediately_on_return": ("early", -2),
    "recommendations_within_21_days_of_return": ("done", None),
    "sg_report_three_weeks_after_return": ("late", 4),
}


@dataclass
class World:
    db: str
    web: TestClient
    token: str
    refusals: dict[str, tuple[int, str]]


def _cli(*args: str, db: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", db])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("reality")
    db = f"sqlite:///{folder / 'w.db'}"
    assert _cli("import", str(scenario_plan_path()), db=db)[0] == 0
    assert _cli("clock", "set", DAY, db=db)[0] == 0
    for event, day in (("peace_agreement_signed", "2027-05-27"),
                       ("tam_deployed", "2027-06-14"), ("tam_returned", "2027-06-24")):
        code, _, err = _cli("record", event, day, "--user", "terminal", db=db)
        assert code == 0, err
    with open_workspace(db) as ws:
        add_account(ws.engine, "lead", role="planning_lead", password=PASSWORD, by="test",
                    argon2=FAST_ARGON2)
    client = TestClient(create_app(Settings(db_url=db, secret_key="reality",
                                            argon2=FAST_ARGON2, risk_samples=256,
                                            deploy_time_limit=2.0)))
    token = sign_in(client, "lead")
    for event, day in (("initial_presentation_delivered", "2027-06-22"),
                       ("sg_recommendations_submitted", "2027-07-12"),
                       ("sg_report_submitted", "2027-07-19")):
        answer = client.post("/api/actuals", json={"event": event, "date": day},
                             headers={"x-csrf-token": token})
        assert answer.status_code == 200, answer.text
    refusals = {
        "cli logic": _cli("record", "mission_concept_ready", "2027-07-10", db=db)[::2],
        "cli future": _cli("record", "mission_concept_ready", "2027-08-02", db=db)[::2],
    }
    for what, day in (("web logic", "2027-07-10"), ("web future", "2027-08-02")):
        answer = client.post("/api/actuals", json={"event": "mission_concept_ready",
                                                   "date": day},
                             headers={"x-csrf-token": token})
        refusals[what] = (answer.status_code, answer.text)
    return World(db, client, token, refusals)


def _deadlines(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {d["id"]: (d["status"], d["missed_by_days"], d["due"], d["forecast"], d["actual"])
            for d in data["deadlines"]}


def _events(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {e["id"]: (e["earliest"], e["latest"], e["forecast"], e["actual"], e["status"])
            for e in data["events"]}


def test_the_facts_make_deadlines_late_or_early_by_so_many_days(world: World) -> None:
    code, out, err = _cli("schedule", "--json", db=world.db)
    assert code == 0, err
    data = json.loads(out)
    assert data["consistent"] and data["as_of"] == DAY
    rows = _deadlines(data)
    for deadline, (status, missed) in EXPECTED.items():
        assert rows[deadline][:2] == (status, missed), deadline
    # nothing is blank: every event of the plan has a window or a date
    assert all(e[0] or e[1] or e[2] or e[3] for e in _events(data).values())


def test_dates_against_logic_or_in_the_future_are_refused_in_the_directives_words(
        world: World) -> None:
    code, err = world.refusals["cli logic"]
    assert code == 2 and "error[against-logic]" in err
    assert "21 days after Secretary-General" in err or "Mission Concept" in err
    assert "happened on 2027-07-19" in err  # the report it must follow
    code, err = world.refusals["cli future"]
    assert code == 2 and "error[future-actual]" in err and DAY in err
    status, body = world.refusals["web logic"]
    assert status == 400 and json.loads(body)["error"] == "against-logic"
    status, body = world.refusals["web future"]
    assert status == 400 and json.loads(body)["error"] == "future-actual"
    with open_workspace(world.db) as ws:
        assert "mission_concept_ready" not in ws.actuals()  # nothing was stored


def test_the_terminal_and_the_web_give_the_same_dates_and_statuses(world: World) -> None:
    cli = json.loads(_cli("schedule", "--json", db=world.db)[1])
    web = world.web.get("/api/schedule").json()
    assert _deadlines(web) == _deadlines(cli)
    assert _events(web) == _events(cli)
    page = world.web.get("/timeline").text
    for deadline, (status, _) in EXPECTED.items():
        row = re.search(rf'id="deadline-{deadline}" data-status="(\w+)"', page)
        assert row is not None and row.group(1) == status, deadline
    for event, (_, _, forecast, actual, _) in _events(cli).items():
        shown = re.search(rf'<tr id="event-{event}".*?</tr>', page, re.S)
        assert shown is not None and (actual or forecast or "—") in shown.group(0), event


def test_every_verb_reads_the_same_facts(world: World) -> None:
    code, out, _ = _cli("check", "--json", db=world.db)
    assert code == 1
    found = [f for f in json.loads(out)["findings"] if f["code"] == "missed-target"]
    assert {f["related"][0] for f in found} == {
        "tam_within_14_days_of_signing", "presentation_immediately_on_return",
        "sg_report_three_weeks_after_return"}
    code, out, err = _cli("explain", "sg_report_submitted", db=world.db)
    assert code == 0 and "2027-07-19" in out, err
    code, out, _ = _cli("risk", "--samples", "256", "--json", db=world.db)
    assert code == 0
    odds = {c["id"]: c["probability"] for c in json.loads(out)["criteria"]}
    assert odds["tam_deployed_in_time"] == 0  # it happened late, in every world
    code, out, _ = _cli("status", "--risk", "256", "--no-deployment", "--json", db=world.db)
    answers = {c["id"]: c for c in json.loads(out)["outlook"]["criteria"]}
    assert (answers["tam_deployed_in_time"]["status"],
            answers["tam_deployed_in_time"]["missed_by_days"]) == ("late", 4)
    assert answers["tam_deployed_in_time"]["actual"] == "2027-06-14"


def test_the_dashboard_and_the_brief_give_the_same_answer(world: World) -> None:
    board = world.web.get("/").text
    row = re.search(r'id="criterion-tam_deployed_in_time">.*?</tr>', board, re.S)
    assert row is not None and "status-late" in row.group(0) and "2027-06-14" in row.group(0)
    code, out, _ = _cli("report", "brief", "--no-risk", "--no-deployment", "--json",
                        db=world.db)
    assert code == 0
    brief = json.loads(out)["content"]
    for page in (brief, world.web.get("/downloads/brief.html").text):
        start = page.index('<section id="deadlines">')
        deadlines = page[start:page.index("</section>", start)]
        assert deadlines.count("status-late") == sum(
            1 for s, _ in EXPECTED.values() if s == "late") + _other_late(world)
        assert deadlines.count("status-early") == 1
        assert "Assumed:" in page  # what the figures rest on


def _other_late(world: World) -> int:
    """Deadlines late for want of a date (the draft plan, due before the TAM deployed)."""
    data = json.loads(_cli("schedule", "--json", db=world.db)[1])
    return sum(1 for d in data["deadlines"] if d["status"] == "late"
               and d["id"] not in EXPECTED)


def test_a_correction_and_a_clearing_are_audited_and_change_every_answer(
        world: World, tmp_path: Path) -> None:
    code, _, err = _cli("record", "sg_report_submitted", "2027-07-15", "--user", "ann",
                        db=world.db)
    assert code == 0, err
    rows = _deadlines(world.web.get("/api/schedule").json())
    assert rows["sg_report_three_weeks_after_return"][:2] == ("done", None)
    cleared = world.web.delete("/api/actuals/sg_report_submitted",
                               headers={"x-csrf-token": world.token})
    assert cleared.status_code == 200 and cleared.json()["date"] is None
    rows = _deadlines(json.loads(_cli("schedule", "--json", db=world.db)[1]))
    assert rows["sg_report_three_weeks_after_return"][4] is None  # no actual any more
    with open_workspace(world.db) as ws:
        log = [(e.user, e.action, e.before, e.after) for e in ws.history("sg_report_submitted")
               if e.action.startswith("actual.")]
    assert log == [("lead", "actual.record", None, {"date": "2027-07-19"}),
                   ("ann", "actual.record", {"date": "2027-07-19"}, {"date": "2027-07-15"}),
                   ("lead", "actual.clear", {"date": "2027-07-15"}, None)]
    # put it back as the other tests expect it (late by four days)
    answer = world.web.post("/api/actuals", json={"event": "sg_report_submitted",
                                                  "date": "2027-07-19"},
                            headers={"x-csrf-token": world.token})
    assert answer.status_code == 200


def test_a_confirmed_correction_of_the_logic_is_recorded_and_shown(world: World) -> None:
    code, out, err = _cli("record", "mission_concept_ready", "2027-07-10", "--correct-logic",
                          "--note", "drafted ahead of the report", "--json", db=world.db)
    assert code == 0, err
    assert json.loads(out)["correction"] is True
    code, out, _ = _cli("check", "--json", db=world.db)
    assert "logic-corrected" in {f["code"] for f in json.loads(out)["findings"]}
    page = world.web.get("/criteria").text
    assert "logic corrected" in page
    assert _cli("record", "mission_concept_ready", "--clear", db=world.db)[0] == 0
    with open_workspace(world.db) as ws:
        assert ws.corrections() == set() and date(2027, 7, 19) == ws.actuals()[
            "sg_report_submitted"]
