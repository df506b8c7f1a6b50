"""Database engines: which URL, SQLite pragmas (WAL, foreign keys), one writer.

SQLite is the default: ``missionplan.db`` in the current folder, created on
first use. A bare path means a SQLite file; ``postgresql://`` URLs use the
psycopg driver. SQLite connections get a 64 MiB page cache (large imports
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
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from ..errors import WorkspaceError

__all__ = ["DEFAULT_URL", "ENV_VAR", "is_sqlite", "is_unique_clash", "make_engine",
           "normalise_url", "write_transaction"]

ENV_VAR = "MISSIONPLAN_DB"
DEFAULT_URL = "sqlite:///missionplan.db"
_WRITE_LOCK = threading.RLock()
_CACHE_KIB = 65_536  # 64 MiB page cache: big imports spill to the WAL far less often
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
        engine = create_engine(parsed, poolclass=NullPool,
                               connect_args={"timeout": 30, "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise WorkspaceError(f"unsupported database '{parsed.get_backend_name()}': use a "
                             "SQLite file or a postgresql+psycopg:// URL", code="bad-db-url")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("mp_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_transaction(engine: Engine, *, serialise: bool = True) -> Iterator[Connection]:
    """A connection in a write transaction: committed on success, rolled back on error.

    Writers take turns: on SQLite always (one writer per file), on PostgreSQL unless
    ``serialise`` is False, through an advisory lock held until the commit or rollback.
    """
    sqlite = is_sqlite(engine)
    lock = _WRITE_LOCK if sqlite else _NoLock()
    with lock, engine.connect() as conn:
        conn = conn.execution_options(mp_write=True)
        with conn.begin():
            if serialise and not sqlite:
                conn.execute(_PG_LOCK, {"cls": _PG_LOCK_CLASS})
            yield conn


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


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None
