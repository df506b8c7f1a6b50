"""The workspace store on SQLite and PostgreSQL: versions, round trip, actuals, audit."""

from __future__ import annotations

from datetime import date

import pytest

from missionplan.errors import ConflictError, PlanFileError, UnknownItemError, WorkspaceError
from missionplan.planfile import dump_plan, load_plan, loads_plan
from missionplan.scenarios import scenario_plan_path
from missionplan.store import open_workspace


def test_each_import_is_a_new_version_and_none_is_overwritten(db_url: str,
                                                              small_plan_text: str) -> None:
    changed = small_plan_text.replace("target: 10000", "target: 12000")
    with open_workspace(db_url) as ws:
        v1 = ws.import_plan(small_plan_text, user="ann")
        v2 = ws.import_plan(changed, user="bob", note="bigger caseload")
        assert (v1.version, v2.version) == (1, 2)
        assert ws.export_plan(1) == small_plan_text
        assert ws.export_plan() == changed
        assert [v.created_by for v in ws.plan_versions()] == ["ann", "bob"]
        assert ws.current_plan().indicators[1].target == 12000
        change = [e for e in ws.history("disarmed") if e.action == "item.change"]
        assert len(change) == 1 and change[0].user == "bob"
        assert change[0].before["target"] == 10000 and change[0].after["target"] == 12000


def test_the_builtin_plan_round_trips_through_the_workspace(db_url: str) -> None:
    original = load_plan(scenario_plan_path())
    with open_workspace(db_url) as ws:
        ws.import_plan(dump_plan(original), user="t")
        exported = ws.export_plan()
    assert dump_plan(loads_plan(exported)) == dump_plan(original)


def test_a_bad_plan_is_refused_and_stores_nothing(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        with pytest.raises(PlanFileError):
            ws.import_plan("format: missionplan/1\nid: x\nevents: [{id: 1bad}]\n", user="t")
        assert ws.plan_versions() == [] and ws.audit() == []


def test_stale_version_or_etag_is_refused(db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        item = ws.item("strength")
        ws.update_item("strength", {**item.data, "target": 90}, user="a", etag=item.etag)
        assert ws.item("strength").data["target"] == 90
        assert ws.item("strength").etag != item.etag
        with pytest.raises(ConflictError):
            ws.update_item("strength", {**item.data, "target": 80}, user="b", etag=item.etag)
        with pytest.raises(ConflictError):
            ws.import_plan(small_plan_text, user="b", expected_version=1)
        assert [v.version for v in ws.plan_versions()] == [1, 2]


def test_actual_dates_are_recorded_replaced_and_audited(db_url: str,
                                                        small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.set_day(date(2027, 12, 31), user="a")
        ws.record_actual("deployed", date(2027, 5, 1), user="a")
        ws.record_actual("deployed", date(2027, 5, 3), user="b")
        assert ws.actuals() == {"deployed": date(2027, 5, 3)}
        assert ws.current_plan().actual_dates()["deployed"] == date(2027, 5, 3)
        log = ws.history("deployed")
        assert [(e.user, e.before, e.after) for e in log if e.action == "actual.record"] == [
            ("a", None, {"date": "2027-05-01"}),
            ("b", {"date": "2027-05-01"}, {"date": "2027-05-03"})]
        with pytest.raises(UnknownItemError, match="did you mean 'deployed'"):
            ws.record_actual("deploye", date(2027, 5, 1), user="a")


def test_assumption_states_are_kept_and_applied(db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.set_assumption("troops_provided", "failing", user="a")
        assert ws.assumption_states() == {"troops_provided": "failing"}
        assert ws.current_plan().assumptions[0].status == "failing"
        with pytest.raises(WorkspaceError):
            ws.set_assumption("troops_provided", "wobbly", user="a")


def test_reopening_does_not_migrate_again_and_keeps_data(db_url: str,
                                                         small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
    with open_workspace(db_url) as ws:
        assert len(ws.plan_versions()) == 1


def test_an_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(WorkspaceError, match="unsupported database"):
        open_workspace("mysql://x@y/z")
