"""Database engines: which URL, SQLite pragmas (WAL, foreign keys), one writer.

SQLite is the default: ``missionplan.db`` in the current folder, created on
first use. A bare path means a SQLite file; ``postgresql://`` URLs use the
psycopg driver. Bulk writes on SQLite get a 64 MiB page cache (large imports
then rewrite far fewer pages). Writes go through :func:`write_transaction`: on SQLite it
opens ``BEGIN IMMEDIATE`` under a process-wide lock, so there is one writer
at a time and readers are never blocked (WAL). On PostgreSQL it first takes a
transaction-scoped advisory lock keyed by the workspace's schema, so writers
of the same workspace (in any process) take turns and each one reads what
the previous one committed before it checks a version or an etag; readers
are never blocked. Bulk inserts that cannot clash (observation imports) may
pass ``serialise=False`` to run beside other writers on PostgreSQL.
:func:`is_unique_clash` tells a unique-key violation (two writers racing for
the same key) from other integrity errors, so callers can answer it as a
conflict.

Every committed write transaction raises the workspace's revision (one row, one
number; :func:`read_revision`), so a reader in any process learns with one query
whether anything at all changed since it last looked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, case, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from ..errors import WorkspaceError
from .schema import REVISION

__all__ = ["DEFAULT_URL", "ENV_VAR", "display_url", "existing_workspace", "is_sqlite",
           "is_unique_clash", "lift_revision", "make_engine", "normalise_url", "read_revision",
           "read_revisions", "read_statement", "write_transaction"]

ENV_VAR = "MISSIONPLAN_DB"
DEFAULT_URL = "sqlite:///missionplan.db"
_WRITE_LOCK = threading.RLock()
_CACHE_KIB = 65_536  # 64 MiB page cache while a bulk write runs: it spills to the WAL far less
_CACHE_KIB_IDLE = 2_000  # SQLite's own default, for the connections the pool keeps
# The advisory lock of a workspace: (this number, a hash of the schema's name), so two
# workspaces in one PostgreSQL database (one schema each) never wait for each other.
_PG_LOCK_CLASS = 0x6D70  # "mp"
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:cls, hashtext(current_schema()))")


def normalise_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url``, ``$MISSIONPLAN_DB`` or the default file."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def existing_workspace(url: str | None = None) -> str | None:
    """The workspace a verb that only reads should use, without creating one: ``url`` (or
    ``$MISSIONPLAN_DB``) when given, else ``missionplan.db`` if it is in the current
    folder, else None. A SQLite file named but missing is an error (``no-plan``)."""
    given = url or os.environ.get(ENV_VAR)
    full = normalise_url(given)
    try:
        parsed = make_url(full)
    except Exception:
        return full  # opening it says why it is not a database URL (bad-db-url)
    missing = (parsed.get_backend_name() == "sqlite" and bool(parsed.database)
               and not Path(str(parsed.database)).is_file())
    if missing and not given:
        return None
    if missing:
        raise WorkspaceError(f"there is no workspace at {parsed.database}: create one with "
                             f"'missionplan init --db {given}', or name a plan file",
                             code="no-plan")
    return full


def display_url(url: str) -> str:
    """A workspace's URL as people read it: a SQLite file's path, else the URL without
    its password."""
    try:
        parsed = make_url(normalise_url(url))
    except Exception:
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = parsed.database
        return path if Path(path).is_absolute() or path.startswith(".") else f"./{path}"
    return parsed.render_as_string(hide_password=True)


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def make_engine(url: str | None = None) -> Engine:
    """An engine for the workspace at ``url``, configured for its database."""
    full = normalise_url(url)
    try:
        parsed = make_url(full)
    except Exception as exc:
        raise WorkspaceError(f"'{full}' is not a database URL: {exc}",
                             code="bad-db-url") from None
    if parsed.get_backend_name() == "sqlite":
        # Connections are kept (a new one costs its pragmas: a fifth of a small request);
        # one per thread at a time, handed between threads (check_same_thread off).
        engine = create_engine(parsed, poolclass=QueuePool, pool_size=8, max_overflow=24,
                               connect_args={"timeout": 30, "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise WorkspaceError(f"unsupported database '{parsed.get_backend_name()}': use a "
                             "SQLite file or a postgresql+psycopg:// URL", code="bad-db-url")
    # Enough kept connections for the server's thread pool: a connection made afresh
    # costs PostgreSQL a new backend process, and under fifty clients the default five
    # (with overflow closed on return) made and dropped connections all the time.
    return create_engine(parsed, pool_pre_ping=True, pool_size=20, max_overflow=20)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA cache_size=-{_CACHE_KIB_IDLE}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("mp_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_transaction(engine: Engine, *, serialise: bool = True, revise: bool = True,
                      bulk: bool = False, observations_only: bool = False
                      ) -> Iterator[Connection]:
    """A connection in a write transaction: committed on success, rolled back on error.

    Writers take turns: on SQLite always (one writer per file), on PostgreSQL unless
    ``serialise`` is False, through an advisory lock held until the commit or rollback.
    The workspace's revision goes up by one in the same transaction, last (so on
    PostgreSQL its row is locked only for the moment before the commit); the schema
    migration (which may run before the revision exists) and writes that change nothing a
    page shows (the notices sent) pass ``revise=False``. The plan's revision (see
:func:`read_revisions`) goes up with it, unless the write is ``observations_only``.
    A ``bulk`` write (a large import) gets a 64 MiB page cache on SQLite for its
    duration; the connections the pool keeps hold SQLite's default 2 MB.
    """
    sqlite = is_sqlite(engine)
    lock = _WRITE_LOCK if sqlite else _NoLock()
    with lock, engine.connect() as conn:
        conn = conn.execution_options(mp_write=True)
        if bulk and sqlite:  # on the driver's connection: outside any transaction
            _pragma(conn, f"cache_size=-{_CACHE_KIB}")
        try:
            with conn.begin():
                if serialise and not sqlite:
                    conn.execute(_PG_LOCK, {"cls": _PG_LOCK_CLASS})
                yield conn
                if revise:
                    rows = REVISION.update().values(n=REVISION.c.n + 1)
                    if observations_only:
                        rows = rows.where(REVISION.c.id == WORKSPACE_ROW)
                    conn.execute(rows)
        finally:
            if bulk and sqlite:
                _pragma(conn, f"cache_size=-{_CACHE_KIB_IDLE}")


def _pragma(conn: Connection, setting: str) -> None:
    driver: Any = conn.connection.driver_connection
    driver.execute(f"PRAGMA {setting}")


WORKSPACE_ROW, PLAN_ROW = 1, 2  # the rows of table ``revision``


def read_revision(conn: Connection) -> int:
    """The workspace's revision: it changes with every committed write."""
    return read_revisions(conn)[0]


def read_revisions(conn: Connection) -> tuple[int, int]:
    """The workspace's revision, and the plan's: the second changes with every committed
    write but those of observations alone (what the plan, the accounts, the recorded
    dates and the discussion hold). The same pair means the same content; the same
    second number, the same content but for observations."""
    found = {int(i): n for i, n in conn.execute(select(REVISION.c.id, REVISION.c.n))}
    workspace = int(found.get(WORKSPACE_ROW) or 0)
    return workspace, int(found.get(PLAN_ROW, workspace) or 0)


def lift_revision(conn: Connection, at_least: int) -> None:
    """Raise the revision to ``at_least`` if it is lower (after a restore brought back an
    older one), so it never repeats a value readers may have seen."""
    for row in (WORKSPACE_ROW, PLAN_ROW):
        lifted = conn.execute(REVISION.update().where(REVISION.c.id == row).values(
            n=case((REVISION.c.n < at_least, at_least), else_=REVISION.c.n)))
        if lifted.rowcount == 0:
            conn.execute(REVISION.insert().values(id=row, n=at_least))


def is_unique_clash(exc: BaseException, constraint: str, columns: str) -> bool:
    """True when ``exc`` is the database refusing a duplicate of a unique key.

    PostgreSQL names the ``constraint``; SQLite names the ``columns``
    (``"table.col, table.col"``).
    """
    message = str(getattr(exc, "orig", None) or exc)
    return constraint in message or f"UNIQUE constraint failed: {columns}" in message


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reading, in one consistent snapshot."""
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def read_statement(engine: Engine) -> Iterator[Connection]:
    """A connection for one read statement, which is its own snapshot: on PostgreSQL in
    autocommit, sparing the BEGIN and COMMIT round trips (half the cost of the reads a
    request makes first: the revision, a sign-in's hold)."""
    if is_sqlite(engine):
        with read_connection(engine) as conn:
            yield conn
        return
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None
