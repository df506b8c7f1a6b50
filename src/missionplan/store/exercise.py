"""The exercise in the workspace: its file, and each inject's delivery to each branch.

The exercise file is stored verbatim (one at most; loading another replaces it, and
injects already delivered stay delivered, by id). A *delivery* is one inject reaching
one branch on a scenario day: what it changed (sentences in the plan's words), the
branch's state just before and just after (plan version, actual dates, assumption
states), and, once measured, what it broke (:class:`~missionplan.exercise.Impact`).
The states kept make the impact measurable at any time after, by any process.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update

from ..exercise import CODE, BranchState, Delivery, Impact
from ..exercise.deliveries import AUTHOR
from ..exercise.model import ExerciseFile
from ..planfile.located import parse_located
from . import audit as audit_log
from .schema import ExerciseRow, InjectDeliveryRow, table

__all__ = ["AUTHOR", "add", "delivered", "deliveries", "save", "save_impact", "stored",
           "stored_file"]

_E = table(ExerciseRow)
_D = table(InjectDeliveryRow)


def save(conn: Connection, text: str, exercise_id: str, *, user: str) -> bool:
    """Store the exercise file ``text``; True when it replaced another."""
    old = conn.execute(select(_E.c.exercise_id, _E.c.sha256)).first()
    conn.execute(delete(_E))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    conn.execute(insert(_E).values(id=1, exercise_id=exercise_id, text=text, sha256=sha,
                                   loaded_at=audit_log.now(), loaded_by=user))
    audit_log.write(conn, user=user, action="exercise.load", item=f"exercise:{exercise_id}",
                    before=None if old is None else {"id": old.exercise_id,
                                                     "sha256": old.sha256},
                    after={"id": exercise_id, "sha256": sha})
    return old is not None


def stored(conn: Connection) -> str | None:
    """The stored exercise file's text, or None."""
    row = conn.execute(select(_E.c.text)).first()
    return None if row is None else str(row.text)


def stored_file(conn: Connection) -> ExerciseFile | None:
    """The stored exercise file, read (it was checked against the plan when loaded)."""
    text = stored(conn)
    if text is None:
        return None
    return parse_located(text, ExerciseFile, code=CODE, path=Path("<exercise>")).model


def add(conn: Connection, *, inject: str, branch: str, day: date, due: date,
        version: int | None, changes: list[str], before: BranchState, after: BranchState,
        touches_deployment: bool, user: str) -> None:
    """Record one delivery (due on ``due``, arrived on ``day``) and audit it in its branch."""
    applied = {"changes": changes, "before": before.to_json(), "after": after.to_json(),
               "touches_deployment": touches_deployment, "due": due.isoformat()}
    conn.execute(insert(_D).values(inject=inject, branch=branch, day=day,
                                   delivered_at=audit_log.now(), version=version,
                                   applied=json.dumps(applied), impact=None))
    audit_log.write(conn, user=user, action="inject.deliver", item=f"inject:{inject}",
                    after={"day": day, "version": version, "changes": changes}, branch=branch)


def delivered(conn: Connection, branch: str) -> set[str]:
    return set(conn.execute(select(_D.c.inject).where(_D.c.branch == branch)).scalars())


def deliveries(conn: Connection, *, branch: str | None = None,
               exercise: ExerciseFile | None = None,
               pending: bool = False) -> list[Delivery]:
    """Deliveries, oldest first: of one branch (None: all), only those not yet measured
    (``pending``); each with its inject's detail from ``exercise``."""
    query = select(_D)
    if branch is not None:
        query = query.where(_D.c.branch == branch)
    if pending:
        query = query.where(_D.c.impact.is_(None))
    found = {i.id: i for i in exercise.injects} if exercise is not None else {}
    out = []
    for r in conn.execute(query.order_by(_D.c.id)):
        applied = json.loads(r.applied)
        out.append(Delivery(
            r.id, r.inject, r.branch,
            date.fromisoformat(r.day) if isinstance(r.day, str) else r.day,
            audit_log.aware(r.delivered_at), r.version, list(applied.get("changes", [])),
            BranchState.from_json(applied["before"]), BranchState.from_json(applied["after"]),
            bool(applied.get("touches_deployment")),
            Impact.from_json(json.loads(r.impact)) if r.impact else None,
            found.get(r.inject),
            date.fromisoformat(applied["due"]) if applied.get("due") else None))
    return out


def save_impact(conn: Connection, delivery_id: int, impact: Impact) -> None:
    conn.execute(update(_D).where(_D.c.id == delivery_id).values(
        impact=json.dumps(impact.to_json())))
