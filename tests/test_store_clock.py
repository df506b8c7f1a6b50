"""The workspace's clock on SQLite and PostgreSQL: set, advance, unset, audit, revision."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from missionplan.errors import WorkspaceError
from missionplan.store import open_workspace, wall_clock


def test_a_new_workspace_runs_on_the_wall_clock(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        now = ws.current_day()
        assert (now.day, now.source, now.why) == (date.today(), "wall clock",
                                                  "today, the wall clock")
        assert ws.scenario_day() is None
        assert now == wall_clock()


def test_set_advance_and_unset_move_the_day_and_say_who(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        set_ = ws.set_day(date(2027, 10, 1), user="alice")
        assert (set_.day, set_.source, set_.set_by) == (date(2027, 10, 1), "workspace", "alice")
        assert set_.why == "the workspace's scenario day, set by alice"
        assert ws.current_day() == set_
        assert ws.advance("7d", user="bob").day == date(2027, 10, 8)
        assert ws.advance("2w", user="bob").day == date(2027, 10, 22)
        assert ws.advance("1mo", user="bob").day == date(2027, 11, 22)
        back = ws.advance("-3mo", user="carol")  # backwards is allowed (and audited)
        assert (back.day, back.set_by) == (date(2027, 8, 22), "carol")
        assert ws.current_day().why.endswith("set by carol")
        gone = ws.unset_day(user="dave")
        assert gone.source == "wall clock" and gone.day == date.today()
        assert ws.scenario_day() is None


def test_advancing_the_wall_clock_starts_from_today(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        assert ws.advance("7d", user="a").day == date.today() + timedelta(days=7)
        assert ws.current_day().source == "workspace"


def test_every_move_is_audited_with_the_day_before_and_after(db_url: str) -> None:
    today = date.today().isoformat()
    with open_workspace(db_url) as ws:
        ws.set_day(date(2027, 10, 1), user="alice")
        ws.advance("1mo", user="bob")
        ws.unset_day(user="carol")
        log = [(e.user, e.action, e.before, e.after) for e in ws.history("clock")]
    assert log == [
        ("alice", "clock.set", {"day": today, "source": "wall clock"},
         {"day": "2027-10-01", "source": "workspace"}),
        ("bob", "clock.advance", {"day": "2027-10-01", "source": "workspace"},
         {"day": "2027-11-01", "source": "workspace", "step": "1mo"}),
        ("carol", "clock.unset", {"day": "2027-11-01", "source": "workspace"},
         {"day": today, "source": "wall clock"}),
    ]


def test_each_move_raises_the_revision_and_a_refused_one_does_not(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        first = ws.revision()
        ws.set_day(date(2027, 10, 1), user="a")
        second = ws.revision()
        ws.advance("1d", user="a")
        third = ws.revision()
        assert first < second < third
        with pytest.raises(WorkspaceError) as bad:
            ws.advance("soon", user="a")
        assert bad.value.code == "bad-duration"
        with pytest.raises(WorkspaceError) as far:
            ws.set_day(date(3000, 1, 1), user="a")
        assert far.value.code == "bad-date"
        with pytest.raises(WorkspaceError) as past:
            ws.advance("2000y", user="a")  # past the last day a scenario may have
        assert past.value.code == "bad-date"
        assert ws.revision() == third
        assert ws.current_day().day == date(2027, 10, 2)
        assert [e.action for e in ws.history("clock")] == ["clock.set", "clock.advance"]


def test_the_day_is_seen_by_another_connection_and_survives_a_backup(
        db_url: str, tmp_path: Path) -> None:
    with open_workspace(db_url) as ws:
        ws.set_day(date(2027, 10, 1), user="alice")
        ws.backup(tmp_path / "copy.backup")
    with open_workspace(db_url) as other:
        assert other.current_day().day == date(2027, 10, 1)
        other.unset_day(user="bob")
        other.restore(tmp_path / "copy.backup", user="bob")
        assert other.current_day().day == date(2027, 10, 1)
        other.clear(user="bob")
        assert other.current_day().source == "wall clock"
