"""The workspace's revision: every committed write changes it, nothing else does, and it
never repeats a value (not even after restoring an older backup)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from missionplan.errors import ConflictError, PlanFileError, WorkspaceError
from missionplan.monitor import Observation
from missionplan.store import Workspace, open_workspace


def _writes(plan: str) -> list[tuple[str, Callable[[Workspace], object]]]:
    def edit(ws: Workspace) -> object:
        record = ws.item("deployed")
        return ws.update_item("deployed", {**record.data, "note": "edited"}, user="b",
                              etag=record.etag)

    return [
        ("import a plan", lambda ws: ws.import_plan(plan, user="a")),
        ("edit an item", edit),
        ("add an item", lambda ws: ws.add_item("events", {"id": "extra"}, user="b")),
        ("set the clock", lambda ws: ws.set_day(date(2027, 12, 31), user="b")),
        ("record an actual date", lambda ws: ws.record_actual("agreement", date(2027, 1, 15),
                                                              user="b")),
        ("set an assumption", lambda ws: ws.set_assumption("parties_cooperate", "failing",
                                                           user="b")),
        ("add observations", lambda ws: ws.add_observations(
            [Observation("strength", date(2027, 2, 1), 20.0, pcode="CR01")], user="b")),
        ("clear", lambda ws: ws.clear(user="c")),
    ]


def test_every_kind_of_write_raises_the_revision_and_reads_do_not(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws, open_workspace(db_url) as other:
        for what, write in _writes(small_plan_text):
            before = ws.revision()
            write(ws)
            after = ws.revision()
            assert after > before, what
            assert other.revision() == after, f"{what}: another connection sees it"
            ws.stored_plan() if ws.has_plan() else None
            ws.actuals(), ws.observations(), ws.audit(limit=3)
            assert ws.revision() == after, f"reading after '{what}' changed the revision"


def test_a_refused_write_leaves_the_revision_as_it_was(db_url: str,
                                                        small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        stale = ws.item("deployed")
        ws.update_item("deployed", {**stale.data, "note": "first"}, user="a", etag=stale.etag)
        before = ws.revision()
        with pytest.raises(ConflictError):
            ws.update_item("deployed", {**stale.data, "note": "second"}, user="b",
                           etag=stale.etag)
        with pytest.raises(PlanFileError):
            ws.update_item("deployed", {"id": "deployed", "no_such_field": 1}, user="b",
                           etag=ws.item("deployed").etag)
        with pytest.raises(ConflictError):
            ws.import_plan(small_plan_text, user="b", expected_version=1)
        assert ws.revision() == before


def test_restoring_an_older_backup_moves_the_revision_past_every_value_seen(
        db_url: str, small_plan_text: str, tmp_path: Path) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.backup(tmp_path / "old.bak")
        ws.set_day(date(2027, 12, 31), user="a")
        seen = {ws.revision()}
        for day in range(1, 6):
            ws.record_actual("agreement", date(2027, 1, day), user="a")
            seen.add(ws.revision())
        ws.restore(tmp_path / "old.bak", user="c")
        assert ws.revision() > max(seen)
        assert ws.actuals() == {}


def test_writes_that_land_while_a_restore_runs_never_share_its_revision(
        db_url: str, small_plan_text: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A write between the restore's first look and its copy (another process, say) is
    cached by readers under its revision; the restored content must never get it."""
    from missionplan.store import backup

    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.backup(tmp_path / "old.bak")
        ws.set_day(date(2027, 12, 31), user="a")
        for day in range(1, 4):
            ws.record_actual("agreement", date(2027, 1, day), user="a")
        seen: list[int] = []
        copy = backup._copy_sqlite_file

        def copy_while_someone_writes(src: Path, dest: Path) -> None:
            with open_workspace(db_url) as other:
                other.record_actual("deployed", date(2027, 3, 1), user="other")
                seen.append(other.revision())
            copy(src, dest)

        monkeypatch.setattr(backup, "_copy_sqlite_file", copy_while_someone_writes)
        restore = backup._sqlite_restore

        def look_right_after_the_copy(source: Any, engine: Any) -> None:
            restore(source, engine)
            seen.append(ws.revision())  # what a reader sees before the restore is logged

        monkeypatch.setattr(backup, "_sqlite_restore", look_right_after_the_copy)
        before = ws.revision()
        ws.restore(tmp_path / "old.bak", user="c")  # a PostgreSQL backup is JSON: no copy
        assert ws.actuals() == {}
        assert ws.revision() > max([before, *seen])
        if len(seen) > 1:  # SQLite into SQLite: the copy itself brings a fresh revision
            assert seen[1] > seen[0]


def test_a_json_backup_from_an_older_schema_still_restores(db_url: str, small_plan_text: str,
                                                           tmp_path: Path) -> None:
    import gzip
    import json

    source = f"sqlite:///{tmp_path / 'src.db'}"
    with open_workspace(source) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.set_day(date(2027, 12, 31), user="a")
        ws.record_actual("agreement", date(2027, 1, 15), user="a")
    from missionplan.store import backup as backup_mod
    from missionplan.store.engine import make_engine

    engine = make_engine(source)
    dump = backup_mod._dump(engine)
    engine.dispose()
    dump["revision"] = "0003"  # as written before the revision table existed
    del dump["tables"]["plan_baseline"]
    (tmp_path / "old.json.gz").write_bytes(gzip.compress(json.dumps(dump, default=str)
                                                         .encode()))
    with open_workspace(db_url) as ws:
        ws.restore(tmp_path / "old.json.gz", user="x")
        assert ws.actuals() == {"agreement": date(2027, 1, 15)}
    dump["revision"] = "9999"
    (tmp_path / "new.json.gz").write_bytes(gzip.compress(json.dumps(dump, default=str)
                                                         .encode()))
    with open_workspace(db_url) as ws, pytest.raises(WorkspaceError, match="upgrade"):
        ws.restore(tmp_path / "new.json.gz", user="x")


def test_a_version_read_under_another_text_than_expected_is_a_conflict(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        sha = ws.plan_versions()[-1].sha256
        assert ws.stored_plan(1, sha256=sha).id == "testplan"
        with pytest.raises(ConflictError, match="restored"):
            ws.stored_plan(1, sha256="0" * 64)


def test_the_plans_revision_moves_with_every_write_but_observations_alone(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws, open_workspace(db_url) as other:
        for what, write in _writes(small_plan_text):
            (total, plan) = ws.revisions()
            write(ws)
            after, plan_after = other.revisions()
            assert after > total, what
            if what == "add observations":
                assert plan_after == plan, "an observation recorded moved the plan's revision"
            else:
                assert plan_after > plan, f"{what} left the plan's revision"


def test_a_restore_lifts_the_plans_revision_past_every_value_seen(
        db_url: str, small_plan_text: str, tmp_path: Path) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="a")
        ws.set_day(date(2027, 12, 31), user="a")
        ws.backup(tmp_path / "old.bak")
        seen = set()
        for day in range(1, 4):
            ws.record_actual("agreement", date(2027, 1, day), user="b")
            seen.add(ws.revisions()[1])
        ws.restore(tmp_path / "old.bak", user="c")
        assert ws.revisions()[1] > max(seen)
