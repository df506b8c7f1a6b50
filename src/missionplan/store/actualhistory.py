"""The recorded actual dates in force when each plan version was saved, from the audit log.

The ``actual`` table holds the dates recorded now. The audit log holds every change
to it (``actual.record``, before and after: a first record or a correction;
``actual.clear``, before and no after) and every version saved (``plan.import``), in
the order they were committed: the log's ids. Undoing, newest first, each change
made after a version was saved turns the dates of now into the dates of then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from .records import loads
from .schema import ActualRow, AuditRow, PlanVersionRow, table

__all__ = ["ACTUAL_ACTIONS", "actuals_by_version"]

ACTUAL_ACTIONS = ("actual.record", "actual.clear")
_A = table(ActualRow)
_L = table(AuditRow)
_V = table(PlanVersionRow)


def actuals_by_version(conn: Connection, plan_id: str, *,
                       branch: str = "") -> dict[int, dict[str, date]]:
    """For each version of ``plan_id`` on ``branch``: the recorded actual dates (event →
    day) in force just after it was saved. Read in one snapshot (``conn``), so they agree
    with each other."""
    state = {r.event_id: r.date for r in conn.execute(
        select(_A.c.event_id, _A.c.date).where(_A.c.branch == branch))}
    pending = sorted(_saved_at(conn, plan_id, branch).items(), key=lambda kv: kv[1],
                     reverse=True)
    found: dict[int, dict[str, date]] = {}
    changes = conn.execute(select(_L.c.id, _L.c.item, _L.c.before)
                           .where(_L.c.action.in_(ACTUAL_ACTIONS), _L.c.branch == branch)
                           .order_by(_L.c.id.desc()))
    for change in changes:
        while pending and pending[0][1] >= change.id:
            found[pending.pop(0)[0]] = dict(state)
        _undo(state, change.item, loads(change.before))
    found.update((version, dict(state)) for version, _ in pending)
    return found


def _undo(state: dict[str, date], event: str, before: Any) -> None:
    """Put ``event`` back as it was before one change: its earlier date, or none."""
    if isinstance(before, dict) and before.get("date"):
        state[event] = date.fromisoformat(str(before["date"]))
    else:
        state.pop(event, None)


def _saved_at(conn: Connection, plan_id: str, branch: str) -> dict[int, int]:
    """Each version's place in the log: the id of its ``plan.import`` entry (the newest,
    should a number repeat), else of the last entry written by its save time."""
    place: dict[int, int] = {}
    for row in conn.execute(select(_L.c.id, _L.c.after).where(
            _L.c.action == "plan.import", _L.c.item == plan_id,
            _L.c.branch == branch).order_by(_L.c.id)):
        after = loads(row.after)
        if isinstance(after, dict) and isinstance(after.get("version"), int):
            place[after["version"]] = row.id
    for version, at in conn.execute(select(_V.c.version, _V.c.created_at)
                                    .where(_V.c.plan_id == plan_id, _V.c.branch == branch)):
        if version not in place:
            last = conn.execute(select(func.max(_L.c.id)).where(_L.c.at <= at)).scalar()
            place[version] = int(last or 0)
    return place
