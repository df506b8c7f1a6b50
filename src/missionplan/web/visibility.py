"""Restricted items: the one place that hides them from people not cleared to see them.

Pages, the API, exports and search all read the plan through
:meth:`missionplan.web.state.WebState.plan_for`, which filters each version once
with :func:`without_restricted` for people not cleared (:func:`visible_plan` for
one plan and one account), so a restricted item (and anything that refers to it,
which would otherwise give it away) never reaches a person without clearance.
"""

from __future__ import annotations

from typing import Any

from ..model import Plan
from ..store import AuditEntry
from .accounts import Account, Role

__all__ = ["hidden_ids", "is_cleared", "visible_audit", "visible_plan", "without_restricted"]

_CLEARED_ROLES = frozenset({Role.administrator, Role.planning_lead})


def is_cleared(account: Account) -> bool:
    """Administrators, planning leads and accounts flagged cleared see restricted items."""
    return account.role in _CLEARED_ROLES or account.cleared


def visible_plan(plan: Plan, account: Account) -> Plan:
    """``plan`` as ``account`` may see it: restricted items and what cites them removed."""
    if is_cleared(account):
        return plan
    return without_restricted(plan)


def hidden_ids(plan: Plan, account: Account) -> set[str]:
    """Ids of items ``account`` may not see."""
    if is_cleared(account):
        return set()
    shown = set(without_restricted(plan).item_index())
    return set(plan.item_index()) - shown


def visible_audit(entries: list[AuditEntry], hidden: set[str]) -> list[AuditEntry]:
    """Audit entries that neither concern nor mention a hidden item."""
    import json

    def shows(entry: AuditEntry) -> bool:
        if entry.item in hidden:
            return False
        text = json.dumps([entry.before, entry.after], default=str)
        return not any(h in text for h in hidden)

    return [e for e in entries if shows(e)] if hidden else entries


def without_restricted(plan: Plan) -> Plan:
    """``plan`` as people not cleared for restricted items see it."""
    from ..model import SECTIONS

    raw = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for key, _ in SECTIONS:
        raw[key] = [_strip_nested(i) for i in raw.get(key, []) if not i.get("restricted")]
    current = _validated(raw, plan)
    # Remove, until none is left, every reference to something removed: a list entry
    # goes, an owner is cleared, and an item that needs the removed event goes.
    for _ in range(50):
        problems = [p for p in current.reference_problems() if p[1] != "duplicate-id"]
        if not problems:
            break
        raw = current.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        doomed: set[tuple[str, int]] = set()
        for path, _code, _msg in sorted(problems, key=lambda p: p[0], reverse=True):
            _cut(raw, path, doomed)
        for key, index in sorted(doomed, reverse=True):
            del raw[key][index]
        current = _validated(raw, plan)
    return current


def _validated(raw: dict[str, Any], like: Plan) -> Plan:
    plan = Plan.model_validate(raw)
    plan.set_base_dir(like.base_dir)
    return plan


def _cut(raw: dict[str, Any], path: tuple[str | int, ...], doomed: set[tuple[str, int]]) -> None:
    key, index = str(path[0]), int(path[1])
    if isinstance(path[-1], int) and len(path) > 2:
        holder: Any = raw
        for step in path[:-1]:
            holder = holder[step]
        del holder[path[-1]]
    elif path[-1] in ("owner", "criterion") and len(path) == 3:
        raw[key][index].pop(str(path[-1]), None)
    else:
        doomed.add((key, index))


def _strip_nested(item: dict[str, Any]) -> dict[str, Any]:
    """Remove restricted parts and responsibilities nested inside an item."""
    for attr in ("parts", "responsibilities"):
        if attr in item:
            item = {**item, attr: [x for x in item[attr] if not x.get("restricted")]}
    return item
