"""Plan versions: each import is a new version, stored verbatim with its parsed items."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from ..errors import ConflictError, UnknownItemError, WorkspaceError
from ..model import Plan
from ..planfile import loads_plan
from . import audit
from .engine import is_unique_clash
from .records import ItemRecord, PlanVersion, dumps
from .schema import PlanItemRow, PlanVersionRow, table

__all__ = ["add_version", "item_rows", "latest_row", "plan_text", "versions"]

_V = table(PlanVersionRow)
_I = table(PlanItemRow)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_dicts(plan: Plan) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every identified item of ``plan`` as (section, data), by id."""
    return {item.id: (section, item.model_dump(mode="json", by_alias=True,
                                               exclude_defaults=True))
            for section, item in plan.items()}


def family(plan: Plan, item_id: str) -> set[str]:
    """``item_id`` and the ids of the items nested in it (objective parts,
    responsibilities): what an edit of that one item can change."""
    found: set[str] = set()
    for _, item in plan.items():
        if item.id == item_id:
            found.add(item_id)
            for nested in (*getattr(item, "parts", ()), *getattr(item, "responsibilities", ())):
                found.add(nested.id)
    return found


def add_version(conn: Connection, text: str, *, user: str, note: str = "",
                filename: str = "<plan>", expected_version: int | None = None,
                plan: Plan | None = None, changed: set[str] | None = None,
                branch: str = "") -> PlanVersion:
    """Store ``text`` as the next version of its plan; audit every item that changed.

    ``plan`` is ``text`` already read by the loader (an edit checks it first), to
    save reading it again. ``changed``: the only items that can differ from the
    previous version (an edit of one item says so); the others' rows are copied in
    the database instead of written again from the plan. Another writer's version
    with the same number (a race the write lock should prevent) is refused as a
    :class:`ConflictError`. ``branch``: whose copy of the plan ('' the workspace's own).
    """
    plan = plan if plan is not None else loads_plan(text, filename=filename)
    previous = latest_row(conn, plan.id, branch=branch)
    current = previous.version if previous is not None else 0
    if expected_version is not None and expected_version != current:
        raise ConflictError(f"plan '{plan.id}' is at version {current}, not "
                            f"{expected_version}: someone saved it first; reload and retry")
    at = audit.now()
    version_id = _insert_version(conn, plan.id, current + 1, text, user=user, note=note, at=at,
                                 branch=branch)
    if previous is None or changed is None:
        items = item_dicts(plan)
        old_rows = [] if previous is None else item_rows(conn, previous.id)
    else:
        items = {item.id: (section, item.model_dump(mode="json", by_alias=True,
                                                    exclude_defaults=True))
                 for section, item in plan.items() if item.id in changed}
        old_rows = item_rows(conn, previous.id, only=changed)
        kept = [c for c in _I.c if c.name not in ("id", "plan_version_id")]
        conn.execute(insert(_I).from_select(
            ["plan_version_id", *(c.name for c in kept)],
            select(literal(version_id), *kept).where(_I.c.plan_version_id == previous.id,
                                                     _I.c.item_id.not_in(changed))))
    if items:
        conn.execute(insert(_I), [
            {"plan_version_id": version_id, "section": section, "item_id": item_id,
             "data": dumps(data), "etag": _sha(dumps(data) or ""),
             "restricted": bool(data.get("restricted", False)),
             "component": data.get("component")}
            for item_id, (section, data) in items.items()])
    old = {r.item_id: loads_data(r.data) for r in old_rows}
    _audit_items(conn, old, {k: v[1] for k, v in items.items()}, user=user, at=at,
                 branch=branch)
    audit.write(conn, user=user, action="plan.import", item=plan.id, at=at, branch=branch,
                before=None if previous is None else {"version": current},
                after={"version": current + 1, "sha256": _sha(text), "note": note})
    return PlanVersion(plan.id, current + 1, _sha(text), at, user, note)


def _insert_version(conn: Connection, plan_id: str, version: int, text: str, *, user: str,
                    note: str, at: Any, branch: str = "") -> int:
    try:
        return int(conn.execute(insert(_V).values(
            plan_id=plan_id, version=version, text=text, sha256=_sha(text), created_at=at,
            created_by=user, note=note, branch=branch).returning(_V.c.id)).scalar_one())
    except IntegrityError as exc:
        if not is_unique_clash(exc, "uq_plan_version",
                               "plan_version.branch, plan_version.plan_id, "
                               "plan_version.version"):
            raise
        raise ConflictError(f"plan '{plan_id}' version {version} was saved by someone else "
                            "at the same moment: reload and apply your change again") from None


def _audit_items(conn: Connection, old: dict[str, Any], new: dict[str, Any], *, user: str,
                 at: Any, branch: str) -> None:
    rows = []
    for item_id in sorted(set(old) | set(new)):
        before, after = old.get(item_id), new.get(item_id)
        if before == after:
            continue
        action = "item.add" if before is None else "item.remove" if after is None else \
            "item.change"
        rows.append({"at": at, "user": user, "action": action, "item": item_id,
                     "before": before, "after": after, "branch": branch})
    audit.write_many(conn, rows)


def loads_data(text: str) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads(text)
    return data


def latest_row(conn: Connection, plan_id: str | None = None, *, branch: str = "",
               text: bool = True) -> Any:
    """The newest version row of ``plan_id`` (of any plan when None) on ``branch``, or
    None; without its ``text`` column when not ``text``."""
    query = select(*_columns(text)).where(_V.c.branch == branch)
    if plan_id is not None:
        query = query.where(_V.c.plan_id == plan_id)
    return conn.execute(query.order_by(_V.c.id.desc()).limit(1)).first()


def has_version(conn: Connection, *, branch: str = "") -> bool:
    """Whether ``branch`` holds any plan version (the id alone is read, not the text)."""
    return conn.execute(select(_V.c.id).where(_V.c.branch == branch).limit(1)).first() \
        is not None


def version_row(conn: Connection, *, plan_id: str | None, version: int | None,
                branch: str = "", text: bool = True) -> Any:
    """A version row of ``branch``; the newest when ``version`` is None. Raises when there
    is none. Without its ``text`` (read it by id with :func:`text_of` when needed): what
    a page asks most, whose parsed plan is usually kept already."""
    if version is None:
        row = latest_row(conn, plan_id, branch=branch, text=text)
    else:
        pid = plan_id or _only_plan_id(conn, branch)
        row = conn.execute(select(*_columns(text)).where(_V.c.plan_id == pid, _V.c.branch == branch,
                                                  _V.c.version == version)).first()
    if row is None:
        what = "no plan" if version is None else f"no version {version}"
        raise WorkspaceError(f"the workspace has {what}: run 'missionplan init' or "
                             "'missionplan import PLAN.yaml'", code="no-plan")
    return row


def _columns(text: bool) -> list[Any]:
    return [c for c in _V.c if text or c.name != "text"]


def text_of(conn: Connection, row_id: int) -> str:
    """The plan file text of the version row ``row_id``."""
    return str(conn.execute(select(_V.c.text).where(_V.c.id == row_id)).scalar_one())


def _only_plan_id(conn: Connection, branch: str) -> str | None:
    row = latest_row(conn, branch=branch, text=False)
    return None if row is None else str(row.plan_id)


def plan_text(conn: Connection, *, plan_id: str | None = None,
              version: int | None = None, branch: str = "") -> str:
    return str(version_row(conn, plan_id=plan_id, version=version, branch=branch).text)


def versions(conn: Connection, plan_id: str | None = None, *,
             branch: str = "") -> list[PlanVersion]:
    query = select(_V.c.plan_id, _V.c.version, _V.c.sha256, _V.c.created_at, _V.c.created_by,
                   _V.c.note).where(_V.c.branch == branch)
    if plan_id is not None:
        query = query.where(_V.c.plan_id == plan_id)
    return [PlanVersion(r.plan_id, r.version, r.sha256, audit.aware(r.created_at),
                        r.created_by, r.note)
            for r in conn.execute(query.order_by(_V.c.id))]


def item_rows(conn: Connection, version_id: int, *, only: set[str] | None = None
              ) -> list[Any]:
    query = select(_I).where(_I.c.plan_version_id == version_id)
    if only is not None:
        query = query.where(_I.c.item_id.in_(only))
    return list(conn.execute(query.order_by(_I.c.id)))


def item(conn: Connection, item_id: str, *, plan_id: str | None = None,
         version: int | None = None, branch: str = "") -> ItemRecord:
    """One item of a stored version (the newest by default), with its etag."""
    return item_of(conn, version_row(conn, plan_id=plan_id, version=version, branch=branch),
                   item_id)


def item_of(conn: Connection, row: Any, item_id: str) -> ItemRecord:
    """One item of the version ``row`` (a ``plan_version`` row), with its etag."""
    found = conn.execute(select(_I).where(_I.c.plan_version_id == row.id,
                                          _I.c.item_id == item_id)).first()
    if found is None:
        raise UnknownItemError(f"plan '{row.plan_id}' version {row.version} has no item "
                               f"'{item_id}'")
    return ItemRecord(row.plan_id, row.version, found.section, item_id,
                      loads_data(found.data), found.etag)


def plan_count(conn: Connection, *, branch: str = "") -> int:
    return int(conn.execute(select(func.count()).select_from(_V).where(
        _V.c.branch == branch)).scalar_one())
