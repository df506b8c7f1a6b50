"""The recorded actual dates in force at each plan version, rebuilt from the audit log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import delete

from missionplan.scenarios import DEFAULT, scenario_plan_path
from missionplan.store import open_workspace
from missionplan.store.actualhistory import actuals_by_version
from missionplan.store.engine import read_connection, write_transaction
from missionplan.store.schema import AuditRow, table


def test_each_version_gets_the_dates_recorded_when_it_was_saved(tmp_path: Path) -> None:
    text = scenario_plan_path(DEFAULT).read_text(encoding="utf-8")
    with open_workspace(f"sqlite:///{tmp_path / 'ws.db'}") as ws:
        first = ws.import_plan(text, user="test")
        ws.set_day(date(2027, 12, 31), user="test")
        one, two = ws.stored_plan().event_ids()[:2]
        ws.record_actual(one, date(2027, 1, 20), user="test")
        second = ws.import_plan(text, user="test")
        ws.record_actual(one, date(2027, 1, 21), user="test")  # a correction
        ws.record_actual(two, date(2027, 1, 25), user="test")
        third = ws.import_plan(text, user="test")
        ws.record_actual(two, date(2027, 1, 26), user="test")
        expected = {first.version: {}, second.version: {one: date(2027, 1, 20)},
                    third.version: {one: date(2027, 1, 21), two: date(2027, 1, 25)}}
        with read_connection(ws.engine) as conn:
            assert actuals_by_version(conn, first.plan_id) == expected
        # a version whose save the log does not name is placed by its save time
        log = table(AuditRow)
        with write_transaction(ws.engine) as conn:
            conn.execute(delete(log).where(log.c.action == "plan.import",
                                           log.c.after.contains('"version": 2')))
        with read_connection(ws.engine) as conn:
            assert actuals_by_version(conn, first.plan_id) == expected
