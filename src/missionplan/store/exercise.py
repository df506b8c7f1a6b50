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
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from ..exercise import CODE, Impact, Inject
from ..exercise.model import ExerciseFile
from ..planfile.located import parse_located
from . import audit as audit_log
from .schema import ExerciseRow, InjectDeliveryRow, table

__all__ = ["BranchState", "Delivery", "deliveries", "save", "stored", "stored_file"]

_E = table(ExerciseRow)
_D = table(InjectDeliveryRow)


@dataclass(frozen=True, slots=True)
class BranchState:
    """What a branch held at one moment: its plan version, dates and assumption states."""

    version: int
    actuals: dict[str, date]
    corrections: frozenset[str]
    states: dict[str, str]

    def to_json(self) -> dict[str, object]:
        return {"version": self.version,
                "actuals": {k: v.isoformat() for k, v in sorted(self.actuals.items())},
                "corrections": sorted(self.corrections), "states": dict(sorted(
                    self.states.items()))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BranchState:
        return cls(int(data["version"]),
                   {k: date.fromisoformat(v) for k, v in data.get("actuals", {}).items()},
                   frozenset(data.get("corrections", [])), dict(data.get("states", {})))


@dataclass(frozen=True, slots=True)
class Delivery:
    """One inject delivered to one branch ('' the workspace's own plan)."""

    id: int
    inject: str
    branch: str
    day: date
    delivered_at: datetime
    version: int | None  # the plan version it made, when it changed the plan
    changes: list[str]
    before: BranchState
    after: BranchState
    touches_deployment: bool = False
    impact: Impact | None = None
    detail: Inject | None = field(default=None, compare=False)  # from the exercise file
    due: date | None = None  # the scenario day it was due (it arrived on ``day``)

    @property
    def title(self) -> str:
        return self.detail.title if self.detail is not None else self.inject

    def to_json(self) -> dict[str, object]:
        detail = self.detail
        return {
            "id": self.id, "inject": self.inject, "syndicate": self.branch or None,
            "day": self.day.isoformat(), "due": (self.due or self.day).isoformat(),
            "delivered_at": self.delivered_at.isoformat(),
            "title": self.title, "from": detail.sender if detail else "",
            "message": detail.message if detail else "",
            "tests": str(detail.tests) if detail and detail.tests else None,
            "version": self.version, "changes": list(self.changes),
            "impact": self.impact.to_json() if self.impact is not None else None,
        }


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
