"""Shared fixtures: a workspace URL for each database, and a small plan with indicators.

PostgreSQL: one database per xdist worker (``pg_database``, session-wide) and a
fresh schema per test (``pg_url``), far cheaper than a database per test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

PG_ENV = "MISSIONPLAN_TEST_PG_URL"

SMALL_PLAN = """\
format: missionplan/1
id: testplan
title: A small plan for the store and monitor tests
events:
  - id: agreement
  - id: deployed
  - id: ddr_done
  - id: election
relations:
  - id: deploy_within_90d
    from: agreement
    to: deployed
    kind: within
    max: 90d
  - id: ddr_within_12mo
    from: agreement
    to: ddr_done
    kind: within
    max: 12mo
  - id: election_after_ddr
    from: ddr_done
    to: election
    kind: precedence
anchors:
  - event: agreement
    date: 2027-01-15
criteria:
  - id: force_deployed
    text: Force fully deployed within 90 days
    deadlines: [deploy_within_90d]
    indicators: [strength]
  - id: ddr_complete
    text: DDR complete within 12 months
    events: [ddr_done]
    indicators: [disarmed]
  - id: relief
    text: Nobody needs emergency relief
    indicators: [relief_needed]
  - id: election_held
    events: [election]
indicators:
  - id: strength
    unit: percent
    baseline: 0
    baseline_date: 2027-01-15
    target: 100
    deadline: deployed
    criterion: force_deployed
  - id: disarmed
    unit: people
    baseline: 0
    baseline_date: 2027-01-15
    target: 10000
    deadline: ddr_done
    criterion: ddr_complete
  - id: relief_needed
    unit: people
    baseline: 500000
    baseline_date: 2027-01-15
    target: 0
    direction: down
    deadline: 2027-12-31
    criterion: relief
assumptions:
  - id: troops_provided
    text: Troop contributors provide forces on time
    affects: [deployed]
  - id: parties_cooperate
    text: The parties cooperate with DDR
    affects: [ddr_within_12mo]
"""


@pytest.fixture
def small_plan_text() -> str:
    return SMALL_PLAN


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV)


def _pg_unavailable(reason: str) -> None:
    message = f"PostgreSQL tests need a server at ${PG_ENV}: {reason} (run scripts/system-setup)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_database(worker_id: str) -> Iterator[str]:
    """One PostgreSQL database per xdist worker, created once and dropped at the end."""
    admin = _pg_admin_url()
    if not admin:
        _pg_unavailable("the variable is not set")
    assert admin is not None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"mp_{worker_id}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        engine.dispose()
        _pg_unavailable(str(exc).splitlines()[0])
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url(pg_database: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL schema for one test (first on the search path), dropped after.

    Every connection made from the URL, in this process or a child, sees only that
    schema, so each test starts from an empty workspace and runs the migrations itself.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(pg_database, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(pg_database).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A workspace URL on each database the store supports, empty and private to the test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workspace.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
