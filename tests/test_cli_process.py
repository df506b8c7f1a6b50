"""The planning process from the command line: a product written, moved and endorsed (its
event dated), tasks with why their date, comments, decisions, assignments, alignment."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "120"}).invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def _json(*args: str) -> dict[str, object]:
    code, out = _run(*args, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_a_product_from_draft_to_endorsement(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert _run("init", "--db", db)[0] == 0
    listed = _json("product", "list", "--db", db)["products"]
    assert isinstance(listed, list) and {p["id"] for p in listed} >= {"isf", "mission_concept"}
    code, out = _run("product", "write", "isf", "vision", "-", "--db", db, "--user", "ana",
                     stdin="# Vision\n\nOne UN in Carana.\n")
    assert code == 0 and "version 1" in out
    code, out = _run("product", "write", "isf", "vision", "-", "--base", "0", "--db", db,
                     stdin="stale")
    assert code == 2 and "error[edit-conflict]" in out
    shown = _json("product", "show", "isf", "--db", db)
    sections = {s["id"]: s for s in shown["sections"]}  # type: ignore[union-attr]
    assert sections["vision"]["text"].startswith("# Vision")
    assert "| Priority |" in sections["matrix"]["text"]  # filled by the plan
    for state in ("in_review", "validated"):
        assert _run("product", "move", "isf", state, "--db", db)[0] == 0
    code, out = _run("product", "move", "isf", "endorsed", "--db", db)
    assert code == 2 and "error[hr-check-required]" in out
    assert _run("product", "hr-check", "isf", "--db", db, "--user", "hr")[0] == 0
    assert _json("product", "move", "isf", "endorsed", "--db", db)["state"] == "endorsed"
    schedule = _json("schedule", "--db", db)
    isf = next(d for d in schedule["deadlines"]  # type: ignore[union-attr]
               if d["id"] == "isf_100_days_after_establishment")
    assert isf["status"] == "done" and isf["actual"] == "2027-12-01"
    code, out = _run("product", "move", "isf", "drafting", "--db", db)
    assert code == 2 and "error[bad-move]" in out
    code, out = _run("product", "show", "isf_doc", "--db", db)
    assert code == 2 and "error[unknown-product]" in out and "'isf'" in out


def test_tasks_comments_decisions_assignments_and_alignment(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert _run("init", "--db", db)[0] == 0
    every = _json("tasks", "--db", db)["tasks"]
    assert isinstance(every, list)
    isf = next(t for t in every if t["id"] == "isf:deliver")
    assert isf["due"] == "2027-12-30" and "isf_100_days_after_establishment" in isf["why"]
    assert _json("tasks", "--mine", "--user", "ana", "--db", db)["tasks"] == []
    assert _run("assign", "srsg", "ana", "--db", db)[0] == 0
    mine = _json("tasks", "--mine", "--user", "ana", "--db", db)["tasks"]
    assert isinstance(mine, list) and mine and {t["actor"] for t in mine} == {"srsg"}
    code, out = _run("assign", "srgs", "ana", "--db", db)
    assert code == 2 and "error[unknown-actor]" in out
    made = _json("comment", "add", "product:isf:vision", "Shorter, @bo", "--db", db)
    assert made["mentions"] == ["bo"]
    _run("comment", "add", "x", "Agreed", "--reply-to", str(made["id"]), "--db", db)
    assert _run("comment", "resolve", str(made["id"]), "--db", db)[0] == 0
    comments = _json("comment", "list", "product:isf:vision", "--db", db)["comments"]
    assert isinstance(comments, list) and len(comments) == 2
    assert comments[0]["resolved_by"] and comments[1]["parent"] == made["id"]
    code, out = _run("comment", "add", "x", "  ", "--db", db)
    assert code == 2 and "error[empty-text]" in out
    _run("decision", "add", "Hold the TAM to 14 days", "--concerns",
         "tam_within_14_days_of_signing", "--source", "TIMELINE:120", "--db", db)
    logged = _json("decision", "list", "--db", db)["decisions"]
    assert isinstance(logged, list) and logged[0]["source"] == "TIMELINE:120"
    matrix = _json("align", "--db", db)
    assert matrix["unserved"] == [] and "police" in matrix["components"]  # type: ignore[operator]
    assert _run("check")[0] in (0, 1)


def test_check_finds_unserved_priorities_and_lines_serving_none(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("""\
format: missionplan/1
id: aligned
priorities: [{id: protect}, {id: elect}]
events: [{id: start}]
lines_of_effort:
  - {id: patrols, component: police, priorities: [protect]}
  - {id: parades, component: military}
""", encoding="utf-8")
    code, out = _run("check", str(plan), "--json")
    found = {(f["code"], f["related"][0]) for f in json.loads(out)["findings"]}
    assert code == 1
    assert found >= {("unserved-priority", "elect"), ("unaligned-line", "parades")}
    assert ("unserved-priority", "protect") not in found


def test_the_lead_is_handed_over_from_the_command_line(tmp_path: Path) -> None:
    from missionplan.store import open_workspace
    from missionplan.web.accounts import add_account, get_account
    from missionplan.web.testing import FAST_ARGON2, PASSWORD

    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert _run("init", "--db", db)[0] == 0
    with open_workspace(db) as ws:
        for name, role in (("chair", "planning_lead"), ("srsg", "viewer"),
                           ("reader", "viewer")):
            add_account(ws.engine, name, role=role, password=PASSWORD, by="setup",
                        argon2=FAST_ARGON2)
    code, out = _run("lead", "srsg", "--user", "reader", "--db", db)
    assert code == 2 and "error[forbidden]" in out
    code, out = _run("lead", "srsg", "--user", "ghost", "--db", db)
    assert code == 2 and "error[unknown-item]" in out
    done = _json("lead", "srsg", "--user", "chair", "--note", "USG directive issued",
                 "--db", db)
    assert (done["from"], done["to"], done["note"]) == ("chair", "srsg",
                                                        "USG directive issued")
    with open_workspace(db) as ws:
        roles = {n: get_account(ws.engine, n).role.value  # type: ignore[union-attr]
                 for n in ("chair", "srsg")}
    assert roles == {"chair": "contributor", "srsg": "planning_lead"}
    code, out = _run("history", "lead", "--db", db)
    assert code == 0 and "lead.handover" in out


def test_a_review_is_asked_from_the_command_line(tmp_path: Path) -> None:
    from missionplan.store import Discussion, open_workspace
    from missionplan.web.accounts import add_account

    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert _run("init", "--db", db)[0] == 0
    with open_workspace(db) as ws:
        add_account(ws.engine, "usg", role="viewer", password="a long passphrase 2027",
                    by="test")
    asked = _json("product", "review", "mission_concept", "usg", "--due", "2027-12-20",
                  "--db", db, "--user", "chair")
    assert (asked["reviewer"], asked["due"], asked["requested_by"]) == (
        "usg", "2027-12-20", "chair")
    with open_workspace(db) as ws:
        [found] = Discussion(ws).review_requests(reviewer="usg", open_only=True)
        assert found.product == "mission_concept"
    code, out = _run("product", "review", "mision_concept", "usg", "--db", db)
    assert code == 2 and "unknown-product" in out and "mission_concept" in out
    code, out = _run("product", "review", "mission_concept", "nobody", "--db", db)
    assert code == 2 and "no user named 'nobody'" in out


def test_a_product_shows_the_odds_and_the_deployment_it_runs(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    assert _run("init", "--db", db)[0] == 0
    shown = _json("product", "show", "sg_recommendations", "--risk", "150",
                  "--deployment-seconds", "1", "--db", db)
    sections = {s["id"]: s["text"] for s in shown["sections"]}  # type: ignore[union-attr]
    assert "from 150 simulated worlds" in sections["odds"]
    assert "of the authorised strength" in sections["deployment"]
    shown = _json("product", "show", "sg_recommendations", "--no-risk", "--no-deployment",
                  "--db", db)
    sections = {s["id"]: s["text"] for s in shown["sections"]}  # type: ignore[union-attr]
    assert "has not run on this version" in sections["odds"]
    assert "has not run on this version" in sections["deployment"]
