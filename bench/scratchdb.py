"""A throw-away PostgreSQL database for a benchmark run, on the server the tests use."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "MISSIONPLAN_TEST_PG_URL"


@contextmanager
def scratch_postgres(prefix: str) -> Iterator[str | None]:
    """Yield the URL of a new, empty database (dropped afterwards), or None with a reason
    printed when no server is configured or reachable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = os.environ.get(ENV)
    if not admin:
        print(f"\nPostgreSQL skipped: ${ENV} is not set (scripts/system-setup prints it)")
        yield None
        return
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"\nPostgreSQL skipped: {str(exc).splitlines()[0]}")
        engine.dispose()
        yield None
        return
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
