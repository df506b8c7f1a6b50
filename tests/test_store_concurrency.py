"""Writers racing on one workspace, on SQLite and PostgreSQL: one wins, none is lost.

Each test opens the workspace twice (as two server processes would) and saves from
two threads at once. To make the race certain rather than likely, every writer
pauses right after reading the item it will check (``plans.item_of``) until the
other writer has read too, or for at most a second: without turns taken, both
pass the check on the same version; with them, the second waits for the first's
commit, the pause times out, and it reads what the first saved. Actual dates
recorded at once (three events, no pause) broke PostgreSQL's primary key before
writers took turns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from datetime import date
from typing import Any

import pytest

from missionplan.errors import ConflictError
from missionplan.store import Workspace, open_workspace, plans
from missionplan.store.audit import now
from missionplan.store.engine import write_transaction

PAUSE = 1.0


@pytest.fixture
def rendezvous(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Barrier]:
    """Writers wait for each other after reading the item they check."""
    barrier = threading.Barrier(2, timeout=PAUSE)
    real = plans.item_of

    def item_of(conn: Any, row: Any, item_id: str) -> Any:
        found = real(conn, row, item_id)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return found

    monkeypatch.setattr(plans, "item_of", item_of)
    yield barrier


def _at_once(jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads together; each result, or the exception it raised."""
    results: list[object] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = jobs[i]()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _two(db_url: str, stack: ExitStack) -> tuple[Workspace, Workspace]:
    return stack.enter_context(open_workspace(db_url)), stack.enter_context(open_workspace(db_url))


@pytest.mark.usefixtures("rendezvous")
def test_same_item_same_etag_at_once_one_wins_one_conflicts(db_url: str,
                                                            small_plan_text: str) -> None:
    with ExitStack() as stack:
        first, second = _two(db_url, stack)
        first.import_plan(small_plan_text, user="setup")
        item = first.item("strength")
        results = _at_once([
            lambda: first.update_item("strength", {**item.data, "target": 90}, user="ann",
                                      etag=item.etag),
            lambda: second.update_item("strength", {**item.data, "target": 80}, user="bob",
                                       etag=item.etag)])
        conflicts = [r for r in results if isinstance(r, ConflictError)]
        saved = [r for r in results if not isinstance(r, Exception)]
        assert len(conflicts) == 1 and len(saved) == 1, results
        assert [v.version for v in first.plan_versions()] == [1, 2]
        winner = "ann" if first.item("strength").data["target"] == 90 else "bob"
        changes = [e for e in first.history("strength") if e.action == "item.change"]
        assert [(e.user, e.before["target"]) for e in changes] == [(winner, 100)]
        assert changes[0].after["target"] == first.item("strength").data["target"]


@pytest.mark.usefixtures("rendezvous")
def test_different_items_saved_at_once_both_land_one_after_the_other(
        db_url: str, small_plan_text: str) -> None:
    with ExitStack() as stack:
        first, second = _two(db_url, stack)
        first.import_plan(small_plan_text, user="setup")
        strength, disarmed = first.item("strength"), first.item("disarmed")
        results = _at_once([
            lambda: first.update_item("strength", {**strength.data, "target": 95}, user="ann",
                                      etag=strength.etag),
            lambda: second.update_item("disarmed", {**disarmed.data, "target": 9000},
                                       user="bob", etag=disarmed.etag)])
        assert not [r for r in results if isinstance(r, Exception)], results
        assert [v.version for v in first.plan_versions()] == [1, 2, 3]
        plan = first.current_plan()
        assert {i.id: i.target for i in plan.indicators}["strength"] == 95
        assert {i.id: i.target for i in plan.indicators}["disarmed"] == 9000
        assert len([e for e in first.audit() if e.action == "item.change"]) == 2


def test_imports_expecting_the_same_version_at_once_one_conflicts(
        db_url: str, small_plan_text: str) -> None:
    with ExitStack() as stack:
        first, second = _two(db_url, stack)
        first.import_plan(small_plan_text, user="setup")
        texts = [small_plan_text.replace("target: 10000", f"target: {n}") for n in (11, 12)]
        results = _at_once([
            lambda: first.import_plan(texts[0], user="ann", expected_version=1),
            lambda: second.import_plan(texts[1], user="bob", expected_version=1)])
        assert sum(isinstance(r, ConflictError) for r in results) == 1, results
        assert [v.version for v in first.plan_versions()] == [1, 2]
        assert len([e for e in first.history("disarmed") if e.action == "item.change"]) == 1


def test_a_version_number_taken_meanwhile_is_a_conflict_not_a_database_error(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="setup")
        with pytest.raises(ConflictError, match="same moment"), \
                write_transaction(ws.engine) as conn:
            plans._insert_version(conn, "testplan", 1, small_plan_text, user="late", note="",
                                  at=now())
        assert [v.version for v in ws.plan_versions()] == [1]


def _record(ws: Workspace, event: str, day: date, user: str) -> Callable[[], None]:
    return lambda: ws.record_actual(event, day, user=user)


def test_actual_dates_recorded_at_once_both_land_and_chain_in_the_log(
        db_url: str, small_plan_text: str) -> None:
    with ExitStack() as stack:
        first, second = _two(db_url, stack)
        first.import_plan(small_plan_text, user="setup")
        first.set_day(date(2027, 12, 31), user="setup")
        for i, event in enumerate(("deployed", "ddr_done", "election")):
            # ten days apart, so the logic (the election after DDR) holds whoever wins
            days = {"ann": date(2027, 4, 1 + 10 * i), "bob": date(2027, 4, 2 + 10 * i)}
            results = _at_once([_record(first, event, days["ann"], "ann"),
                                _record(second, event, days["bob"], "bob")])
            assert not [r for r in results if isinstance(r, Exception)], results
            log = [e for e in first.history(event) if e.action == "actual.record"]
            assert [e.before for e in log] == [None, log[0].after], log
            assert first.actuals()[event] == days[log[-1].user]
