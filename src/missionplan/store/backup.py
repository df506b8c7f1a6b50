"""Backup and restore of a live workspace.

SQLite workspaces are copied with SQLite's online backup API into another
SQLite file, page by page, while readers and writers carry on. PostgreSQL
workspaces are dumped through SQLAlchemy into a portable JSON document
(gzip-compressed when the file name ends in ``.gz``), read in one
``REPEATABLE READ`` snapshot; ``pg_dump`` is not needed. ``restore`` accepts
either kind of file into either database, replacing the whole content in one
transaction, so a failed restore leaves the workspace as it was.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Engine, create_engine, select, text

from ..errors import WorkspaceError
from .engine import (
    is_sqlite,
    lift_revision,
    read_connection,
    read_revision,
    write_transaction,
)
from .migrate import head_revision, known_revisions, upgrade
from .schema import Base

__all__ = ["backup", "restore"]

FORMAT = "missionplan-workspace/1"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def backup(engine: Engine, path: Path) -> str:
    """Copy the live workspace to ``path`` (written to a temp file, then renamed)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if is_sqlite(engine):
            _sqlite_backup(engine, tmp)
            kind = "sqlite"
        else:
            _write_dump(_dump(engine), tmp)
            kind = "json"
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return kind


def _sqlite_backup(engine: Engine, dest: Path) -> None:
    raw: Any = engine.raw_connection()
    try:
        target = sqlite3.connect(dest)
        try:
            raw.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        raw.close()


def _dump(engine: Engine) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            for table in Base.metadata.sorted_tables:
                rows = conn.execute(select(table).order_by(*table.primary_key.columns))
                tables[table.name] = {"columns": list(rows.keys()),
                                      "rows": [list(r) for r in rows]}
    return {"format": FORMAT, "revision": head_revision(), "tables": tables}


def _write_dump(dump: dict[str, Any], dest: Path) -> None:
    data = json.dumps(dump, default=_iso, ensure_ascii=False).encode("utf-8")
    dest.write_bytes(gzip.compress(data) if dest.name.endswith(".gz") or
                     str(dest).endswith(".gz.tmp") else data)


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# How far a restore lifts the revision past every value the workspace or the backup had:
# further than any number of writes that could land while the restore runs.
REVISION_LEAP = 2**31


def restore(engine: Engine, path: Path) -> tuple[str, int]:
    """Replace the workspace's whole content with the backup at ``path``.

    Returns the kind of backup, and the least revision the workspace must now have: a
    SQLite file copied whole brings its own revision row, so it is first set in the
    copy past both the live one and its own, and readers never see a number again
    with other content behind it (other restores leave the row alone: 0).
    """
    head = Path(path).read_bytes()[:16]
    if head == _SQLITE_MAGIC:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "restore.db"
            _copy_sqlite_file(Path(path), copy)
            source = create_engine(f"sqlite:///{copy}")
            try:
                upgrade(source)
                fresh = 0
                if is_sqlite(engine):
                    with read_connection(engine) as conn:
                        live = read_revision(conn)
                    with write_transaction(source, revise=False) as conn:
                        fresh = max(live, read_revision(conn)) + REVISION_LEAP
                        lift_revision(conn, fresh)
                    _sqlite_restore(source, engine)
                else:
                    _load(engine, _dump(source))
            finally:
                source.dispose()
        return "sqlite", fresh
    _load(engine, _read_dump(Path(path)))
    return "json", 0


def _copy_sqlite_file(src: Path, dest: Path) -> None:
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{src}: not a readable workspace backup: {exc}",
                             code="bad-backup") from None
    finally:
        source.close()
        target.close()


def _sqlite_restore(source: Engine, engine: Engine) -> None:
    src: Any = source.raw_connection()
    dst: Any = engine.raw_connection()
    try:
        src.driver_connection.backup(dst.driver_connection)
    finally:
        src.close()
        dst.close()


def _read_dump(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        data: dict[str, Any] = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b"
                                          else raw)
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"{path}: not a workspace backup: {exc}",
                             code="bad-backup") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceError(f"{path}: not a workspace backup (format should be '{FORMAT}')",
                             code="bad-backup")
    if data.get("revision") not in known_revisions():
        raise WorkspaceError(f"{path}: backup has schema revision {data.get('revision')}, "
                             "which this release of missionplan does not know (it knows up "
                             f"to {head_revision()}): upgrade missionplan", code="bad-backup")
    return data


def _load(engine: Engine, dump: dict[str, Any]) -> None:
    with write_transaction(engine) as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            part = dump["tables"].get(table.name)
            if part and part["rows"]:
                conn.execute(table.insert(), [_typed(table, part["columns"], row)
                                              for row in part["rows"]])
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)


def _typed(table: Any, columns: list[str], row: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in zip(columns, row, strict=True):
        kind = table.c[name].type
        if isinstance(value, str) and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(kind, Date):
            value = date.fromisoformat(value)
        out[name] = value
    return out


def _reset_sequences(conn: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c["id"].autoincrement is True:
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                              f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
