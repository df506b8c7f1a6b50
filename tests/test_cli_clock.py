"""``missionplan clock``: show, set, advance and unset the workspace's day, as a user does."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from missionplan.cli import main


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_show_outside_a_workspace_is_the_wall_clock_and_creates_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MISSIONPLAN_DB", raising=False)
    result = _run("clock", "show")
    assert result.stdout == f"{date.today()} (today, the wall clock), no workspace here\n"
    assert json.loads(_run("clock", "show", "--json").stdout)["db"] is None
    assert not list(tmp_path.iterdir())


def test_set_advance_unset_and_their_history(db_url: str) -> None:
    result = _run("clock", "set", "2027-10-01", "--db", db_url, "--user", "alice")
    assert result.exit_code == 0
    assert result.stdout.startswith("2027-10-01 (the workspace's scenario day, set by alice), "
                                    "workspace ")
    moved = json.loads(_run("clock", "advance", "2w", "--db", db_url, "--user", "bob",
                            "--json").stdout)
    assert (moved["day"], moved["source"], moved["set_by"]) == ("2027-10-15", "workspace",
                                                                "bob")
    back = json.loads(_run("clock", "advance", "--db", db_url, "--json", "--", "-1mo").stdout)
    assert back["day"] == "2027-09-15"
    shown = json.loads(_run("clock", "show", "--db", db_url, "--json").stdout)
    assert shown["day"] == "2027-09-15"
    gone = json.loads(_run("clock", "unset", "--db", db_url, "--user", "carol",
                           "--json").stdout)
    assert (gone["day"], gone["source"]) == (date.today().isoformat(), "wall clock")
    log = json.loads(_run("history", "clock", "--db", db_url, "--json").stdout)
    assert [(e["user"], e["action"], e["after"]["day"]) for e in log] == [
        ("alice", "clock.set", "2027-10-01"), ("bob", "clock.advance", "2027-10-15"),
        (log[2]["user"], "clock.advance", "2027-09-15"),
        ("carol", "clock.unset", date.today().isoformat())]


def test_advancing_an_unset_clock_starts_from_today(db_url: str) -> None:
    moved = json.loads(_run("clock", "advance", "7d", "--db", db_url, "--json").stdout)
    assert moved["day"] == (date.today() + timedelta(days=7)).isoformat()


def test_bad_days_and_steps_are_refused_with_their_codes(db_url: str) -> None:
    result = _run("clock", "advance", "7", "--db", db_url)
    assert result.exit_code == 2 and result.stderr.startswith("error[bad-duration]: '7'")
    result = _run("clock", "set", "3000-01-01", "--db", db_url)
    assert result.exit_code == 2 and result.stderr.startswith("error[bad-date]:")
    result = _run("clock", "set", "2027-13-01", "--db", db_url)
    assert result.exit_code == 2 and "is not a date" in result.stderr
    assert json.loads(_run("clock", "show", "--db", db_url, "--json").stdout)["source"] == \
        "wall clock"
