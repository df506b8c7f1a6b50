"""Bring a workspace database to the current schema with Alembic, programmatically."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ..errors import WorkspaceError
from .engine import write_transaction

__all__ = ["current_revision", "head_revision", "upgrade"]

_SCRIPTS = Path(__file__).parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this release can migrate from (each later one only adds
    tables or columns with defaults, so a dump from any of them loads)."""
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
        return rev


def upgrade(engine: Engine) -> None:
    """Run every migration the database lacks; refuse a database from a newer release."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise WorkspaceError(f"the workspace has schema revision {current}, which this "
                             "release of missionplan does not know: upgrade missionplan",
                             code="schema-too-new")
    cfg = _config()
    with write_transaction(engine, revise=False) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
