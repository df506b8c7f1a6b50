"""The audit log: every change, who made it, when, and the state before and after."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from .records import AuditEntry, dumps, loads
from .schema import AuditRow, table

__all__ = ["aware", "entries", "now", "write"]

_T = table(AuditRow)


def now() -> datetime:
    return datetime.now(UTC)


def write(conn: Connection, *, user: str, action: str, item: str, before: Any = None,
          after: Any = None, at: datetime | None = None, branch: str = "") -> None:
    """Append one entry; call inside the transaction that makes the change. ``branch``:
    whose copy of the plan it changed ('' the workspace's own, or a syndicate's)."""
    conn.execute(insert(_T).values(at=at or now(), user=user, action=action, item=item,
                                   before=dumps(before), after=dumps(after), branch=branch))


def write_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(_T), [{**r, "before": dumps(r.get("before")),
                                   "after": dumps(r.get("after"))} for r in rows])


def entries(conn: Connection, *, item: str | None = None, limit: int | None = None,
            newest_first: bool = False, branch: str | None = None) -> list[AuditEntry]:
    """The log, oldest first (or newest first), optionally for one item only, of one
    branch only (None: every branch's)."""
    query = select(_T)
    if item is not None:
        query = query.where(_T.c.item == item)
    if branch is not None:
        query = query.where(_T.c.branch == branch)
    query = query.order_by(_T.c.id.desc() if newest_first else _T.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [AuditEntry(id=r.id, at=aware(r.at), user=r.user, action=r.action, item=r.item,
                       before=loads(r.before), after=loads(r.after), branch=r.branch)
            for r in conn.execute(query)]


def aware(at: datetime) -> datetime:
    """``at`` with its time zone (SQLite hands back naive UTC times)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
