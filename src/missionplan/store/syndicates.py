"""Syndicates: the teams of an exercise, each planning on its own branch of the plan.

A syndicate is made from the workspace's own plan as it stands: its newest version
becomes the syndicate's version 1, and the actual dates and assumption states
recorded so far are copied with it. From then on the branch is the syndicate's alone:
what its members save, record or import is written under its name and read by no
other syndicate. Observations imported to the workspace's own branch (the world of the
exercise) are seen by every syndicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from ..errors import WorkspaceError
from . import audit as audit_log
from . import plans
from .schema import ActualRow, AssumptionRow, InjectDeliveryRow, SyndicateRow, table

__all__ = ["NAME_PATTERN", "Syndicate", "add", "listed"]

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_T = table(SyndicateRow)
_A = table(ActualRow)
_S = table(AssumptionRow)
_D = table(InjectDeliveryRow)


@dataclass(frozen=True, slots=True)
class Syndicate:
    """One team: its name (the branch), its title, the version of the plan it started from."""

    name: str
    title: str
    from_version: int
    created_at: datetime
    created_by: str

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title, "from_version": self.from_version,
                "created_at": self.created_at.isoformat(), "created_by": self.created_by}


def listed(conn: Connection) -> list[Syndicate]:
    """Every syndicate, in the order they were made."""
    return [Syndicate(r.name, r.title, r.from_version, audit_log.aware(r.created_at),
                      r.created_by)
            for r in conn.execute(select(_T).order_by(_T.c.created_at, _T.c.name))]


def add(conn: Connection, name: str, *, title: str, user: str) -> Syndicate:
    """Make syndicate ``name`` with a copy of the workspace's plan and its recorded state."""
    if not NAME_PATTERN.match(name):
        raise WorkspaceError(f"'{name}' cannot name a syndicate: use lower-case letters, "
                             "digits, '-' or '_', starting with a letter (at most 40)",
                             code="bad-syndicate")
    if conn.execute(select(_T.c.name).where(_T.c.name == name)).first() is not None:
        raise WorkspaceError(f"syndicate '{name}' exists already", code="syndicate-exists")
    row = plans.version_row(conn, plan_id=None, version=None)
    at = audit_log.now()
    conn.execute(insert(_T).values(name=name, title=title or name.replace("_", " ").title(),
                                   from_version=row.version, created_at=at, created_by=user))
    plans.add_version(conn, str(row.text), user=user, branch=name,
                      note=f"the workspace's plan, version {row.version}, for syndicate "
                           f"'{name}'")
    for source in (_A, _S):
        columns = [c for c in source.c if c.name != "branch"]
        rows = [dict(r._mapping) for r in conn.execute(
            select(*columns).where(source.c.branch == ""))]
        if rows:
            conn.execute(insert(source), [{**r, "branch": name} for r in rows])
    _inherit_deliveries(conn, name, version=row.version)
    after = {"title": title, "from_version": row.version}
    audit_log.write(conn, user=user, action="syndicate.add", item=f"syndicate:{name}",
                    after=after)
    audit_log.write(conn, user=user, action="syndicate.add", item=f"syndicate:{name}",
                    after=after, branch=name)
    return listed_one(conn, name)


def _inherit_deliveries(conn: Connection, name: str, *, version: int) -> None:
    """The injects the workspace's plan has had are in the copy: delivered to it too, on
    the days they reached the workspace's plan (their effects already in version 1)."""
    import json

    from ..exercise import Impact

    rows = list(conn.execute(select(_D).where(_D.c.branch == "").order_by(_D.c.id)))
    for r in rows:
        applied = json.loads(r.applied)
        for side in ("before", "after"):
            applied[side] = {**applied[side], "version": 1}
        impact = r.impact or json.dumps(Impact(r.day if not isinstance(r.day, str) else
                                               date.fromisoformat(r.day), notes=[
            f"delivered to the workspace's plan (version {version} has it) before syndicate "
            f"'{name}' was made"]).to_json())
        conn.execute(insert(_D).values(inject=r.inject, branch=name, day=r.day,
                                       delivered_at=r.delivered_at, version=None,
                                       applied=json.dumps(applied), impact=impact))


def listed_one(conn: Connection, name: str) -> Syndicate:
    found = [s for s in listed(conn) if s.name == name]
    if not found:
        names = ", ".join(s.name for s in listed(conn)) or "none yet"
        raise WorkspaceError(f"there is no syndicate '{name}' (syndicates: {names})",
                             code="unknown-syndicate")
    return found[0]
