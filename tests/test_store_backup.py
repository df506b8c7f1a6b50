"""Backup and restore of a live workspace, on each database and across them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from missionplan.errors import WorkspaceError
from missionplan.monitor import Observation
from missionplan.store import open_workspace


def _fill(url: str, plan: str) -> None:
    with open_workspace(url) as ws:
        ws.import_plan(plan, user="a")
        ws.set_day(date(2027, 12, 31), user="a")  # the dates below are past, not future
        ws.record_actual("agreement", date(2027, 1, 15), user="a")
        ws.add_observations([Observation("strength", date(2027, 2, 1), 20.0, pcode="CR01")],
                            user="a")


def test_backup_then_restore_brings_back_the_content(db_url: str, tmp_path: Path,
                                                     small_plan_text: str) -> None:
    _fill(db_url, small_plan_text)
    copy = tmp_path / "backup.bin"
    with open_workspace(db_url) as ws:
        ws.backup(copy)
        before = (ws.export_plan(), ws.actuals(), ws.observations())
        ws.import_plan(small_plan_text.replace("10000", "9"), user="b")
        ws.record_actual("deployed", date(2027, 4, 1), user="b")
        ws.add_observations([Observation("disarmed", date(2027, 3, 1), 5.0)], user="b")
        ws.restore(copy, user="c")
        assert (ws.export_plan(), ws.actuals(), ws.observations()) == before
        assert len(ws.plan_versions()) == 1
        assert ws.audit(limit=1)[0].action == "workspace.restore"
        ws.import_plan(small_plan_text, user="d")  # ids keep counting after a restore
        assert [v.version for v in ws.plan_versions()] == [1, 2]


def test_a_sqlite_backup_restores_into_any_database(db_url: str, tmp_path: Path,
                                                    small_plan_text: str) -> None:
    source = f"sqlite:///{tmp_path / 'src.db'}"
    _fill(source, small_plan_text)
    with open_workspace(source) as ws:
        ws.backup(tmp_path / "src.bak")
    with open_workspace(db_url) as ws:
        ws.restore(tmp_path / "src.bak", user="x")
        assert ws.actuals() == {"agreement": date(2027, 1, 15)}
        assert [o.value for o in ws.observations()] == [20.0]


def test_a_file_that_is_not_a_backup_is_refused(db_url: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    with open_workspace(db_url) as ws, pytest.raises(WorkspaceError, match="not a workspace"):
        ws.restore(junk, user="x")
