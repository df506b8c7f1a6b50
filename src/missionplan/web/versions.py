"""Plan versions for the web: the list, a field-level diff of two, and the baseline.

The diff compares items by id across two stored versions, each seen as
:meth:`WebState.version_plan` shows it to the person, so one not cleared for a
restricted item sees no trace of it in a comparison either. The baseline is
one version per plan, kept in the ``plan_baseline`` table; setting it is
written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from ..errors import UnknownItemError
from ..model import Plan
from ..schedule import build_schedule
from ..store import audit as audit_log
from ..store.engine import read_connection, write_transaction
from ..store.schema import PlanBaselineRow, table
from .accounts import Account
from .auth import may_manage_plan, require
from .state import WebState
from .visibility import is_cleared

__all__ = ["FieldChange", "ItemChange", "VersionDiff", "baseline_dates", "baseline_version",
           "compare_versions", "plan_at", "set_baseline"]

_T = table(PlanBaselineRow)


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item added, removed or changed between two versions."""

    kind: str          # added | removed | changed
    section: str
    id: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "section": self.section, "id": self.id, "label": self.label,
                "fields": [{"name": f.name, "before": f.before, "after": f.after}
                           for f in self.fields]}


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old: int
    new: int
    changes: list[ItemChange]

    def to_json(self) -> dict[str, object]:
        return {"old": self.old, "new": self.new,
                "changes": [c.to_json() for c in self.changes]}


def plan_at(state: WebState, account: Account, version: int) -> Plan:
    """Stored version ``version`` of the plan as ``account`` may see it (parsed and
    filtered once per version and clearance)."""
    versions = state.plan_versions()
    known = {v.version: v.sha256 for v in versions}
    if version not in known:
        raise UnknownItemError(f"the plan has no version {version} (versions: "
                               f"{min(known, default=0)}–{max(known, default=0)})")
    return state.version_plan(version, account)


def _items(plan: Plan) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {item.id: (section, item.label(),
                      item.model_dump(mode="json", by_alias=True, exclude_defaults=True))
            for section, item in plan.items()}


def compare_versions(state: WebState, account: Account, old: int, new: int) -> VersionDiff:
    """Items added, removed and changed (field by field) from version ``old`` to ``new``."""
    return state.derive(("version diff", old, new, is_cleared(account)),
                        lambda: _compare(state, account, old, new))


def _items_at(state: WebState, account: Account, version: int
              ) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """:func:`_items` of a stored version as ``account`` sees it, kept per version."""
    plan = plan_at(state, account, version)
    return state.keep(("version items", *state.version_name(version), is_cleared(account)),
                      lambda: _items(plan))


def _compare(state: WebState, account: Account, old: int, new: int) -> VersionDiff:
    before, after = _items_at(state, account, old), _items_at(state, account, new)
    changes: list[ItemChange] = []
    for item_id, (section, label, data) in after.items():
        if item_id not in before:
            changes.append(ItemChange("added", section, item_id, label))
            continue
        was = before[item_id][2]
        fields = [FieldChange(k, was.get(k), data.get(k)) for k in sorted({*was, *data})
                  if was.get(k) != data.get(k)]
        if fields:
            changes.append(ItemChange("changed", section, item_id, label, fields))
    changes += [ItemChange("removed", section, item_id, label)
                for item_id, (section, label, _) in before.items() if item_id not in after]
    order = {"added": 0, "changed": 1, "removed": 2}
    changes.sort(key=lambda c: (order[c.kind], c.section, c.id))
    return VersionDiff(old, new, changes)


def _plan_id(state: WebState) -> str:
    versions = state.plan_versions()
    if not versions:
        raise UnknownItemError("the workspace holds no plan")
    return versions[-1].plan_id


def baseline_version(state: WebState) -> int | None:
    """The version set as the plan's baseline, if any."""
    return state.derive(("baseline",), lambda: _baseline_version(state))


def _baseline_version(state: WebState) -> int | None:
    plan_id = _plan_id(state)  # before taking a connection: it may read the workspace too
    with read_connection(state.ws.engine) as conn:
        row = conn.execute(select(_T.c.version).where(_T.c.plan_id == plan_id)).first()
    return None if row is None else int(row[0])


def set_baseline(state: WebState, account: Account, version: int) -> None:
    """Make ``version`` the baseline (planning lead or administrator; audited)."""
    require(may_manage_plan(account), "only a planning lead sets the baseline")
    plan_at(state, account, version)  # the version exists
    plan_id = _plan_id(state)
    with write_transaction(state.ws.engine) as conn:
        old = conn.execute(select(_T.c.version).where(_T.c.plan_id == plan_id)).first()
        values = {"version": version, "set_by": account.name, "set_at": audit_log.now()}
        if old is None:
            conn.execute(_T.insert().values(plan_id=plan_id, **values))
        else:
            conn.execute(_T.update().where(_T.c.plan_id == plan_id).values(**values))
        audit_log.write(conn, user=account.name, action="plan.baseline", item=f"plan:{plan_id}",
                        before=None if old is None else {"baseline": int(old[0])},
                        after={"baseline": version})


def baseline_dates(state: WebState, account: Account, as_of: date
                   ) -> tuple[int | None, dict[str, date | None]]:
    """The baseline version and each event's expected date under it (empty if none)."""
    version = baseline_version(state)
    if version is None:
        return None, {}
    def dates() -> dict[str, date | None]:
        sched = build_schedule(plan_at(state, account, version), as_of=as_of)
        return {row.id: row.expected or row.earliest for row in sched.events}

    key = ("baseline dates", *state.version_name(version), is_cleared(account), as_of)
    return version, state.keep(key, dates)
