"""Plan editing for the web: the checks a change must pass, then the store's save.

A change is validated exactly as a plan file is: the store's
:meth:`~missionplan.store.Workspace.update_item` and ``add_item`` put the whole
plan with the change through :func:`missionplan.planfile.loads_plan` once,
inside the save (so the messages are the loader's, and the check is made
against the version actually extended), then save it as a new version; the
store's etag refuses a save made over someone else's, and two saves at the same
moment take turns, the second refused as a conflict. A new item that cites no
clause enters as ``proposed`` and stays out of the schedule until a planning
lead approves it: another one than who proposed it (separation of duties; the audit log
shows both).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import Diagnostic, PlanFileError, UnknownItemError
from ..model import SECTIONS, Item, Plan
from ..planfile.yamlread import syntax_diagnostic
from ..store import PlanVersion
from .accounts import Account
from .auth import may_approve, may_approve_own, may_edit, require
from .state import WebState

__all__ = [
    "EDITABLE",
    "add_item",
    "decide",
    "item_yaml",
    "parse_item",
    "proposed_by",
    "save_item",
    "search_items",
    "visible_item",
]

EDITABLE: dict[str, str] = dict(SECTIONS)
def _yaml() -> YAML:
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    return y


def item_yaml(data: dict[str, Any]) -> str:
    """An item's data as the YAML text the edit form shows."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def parse_item(text: str, *, where: str) -> dict[str, Any]:
    """The item typed into the edit form, or a located plan-file error."""
    try:
        data = _yaml().load(text)
    except YAMLError as exc:
        raise PlanFileError([syntax_diagnostic(exc, text, where)]) from None
    if not isinstance(data, dict):
        raise PlanFileError([Diagnostic("not-a-mapping", f"{where}: an item is a mapping of "
                                        "fields, such as 'id: ...' and 'name: ...'")])
    return data


def visible_item(state: WebState, account: Account, item_id: str) -> tuple[str, Item]:
    plan = state.full_plan()
    if item_id in state.hidden_for(account):
        raise UnknownItemError(f"the plan has no item '{item_id}'")
    for section, item in plan.items():
        if item.id == item_id and section in EDITABLE:
            return section, item
    raise UnknownItemError(f"the plan has no item '{item_id}'")


def _approval_rules(state: WebState, account: Account, item_id: str, data: dict[str, Any],
                    before: str) -> None:
    after = str(data.get("approval", "approved"))
    if after != before:
        require(may_approve(account), "only a planning lead approves or rejects items")
    if before == "proposed" and after == "approved":
        _not_own_proposal(state, account, item_id)


def proposed_by(state: WebState, item_id: str) -> str | None:
    """Who proposed ``item_id`` as it stands: the author of the newest change that made it
    ``proposed`` (the audit log keeps it), or None."""
    for entry in reversed(state.ws.history(item_id)):
        after = entry.after if isinstance(entry.after, dict) else {}
        before = entry.before if isinstance(entry.before, dict) else {}
        if after.get("approval") == "proposed" and before.get("approval") != "proposed":
            return entry.user
    return None


def _not_own_proposal(state: WebState, account: Account, item_id: str) -> None:
    author = proposed_by(state, item_id)
    require(may_approve_own(account, author),
            f"you proposed '{item_id}': another planning lead approves it (separation of "
            "duties)")


def save_item(state: WebState, account: Account, item_id: str, data: dict[str, Any], *,
              etag: str, note: str = "") -> PlanVersion:
    """Save a changed item as a new version (refused on a stale ``etag``)."""
    _section, item = visible_item(state, account, item_id)
    require(may_edit(account, item), f"your role may not change '{item_id}' (component "
            f"{item.component or 'none'})")
    require(may_edit(account, None, component=data.get("component")),
            "you may not move an item to another component")
    if data.get("id") != item_id:
        raise PlanFileError([Diagnostic("id-changed", f"the id of '{item_id}' cannot change "
                                        "in an edit; add a new item instead")])
    _approval_rules(state, account, item_id, data, item.approval.value)
    return state.ws.update_item(item_id, data, user=account.name, etag=etag,
                                note=note or f"edit {item_id}")


def add_item(state: WebState, account: Account, section: str, data: dict[str, Any]
             ) -> PlanVersion:
    """Add an item; one that cites no clause enters as ``proposed``."""
    if section not in EDITABLE:
        raise PlanFileError([Diagnostic("unknown-section", f"'{section}' is not a list of "
                                        "plan items: use " + ", ".join(EDITABLE))])
    require(may_edit(account, None, component=data.get("component")),
            "your role may add items only to your own component")
    if not data.get("source") and not data.get("sources"):
        data = {**data, "approval": "proposed"}
    elif data.get("approval", "approved") != "approved":
        require(may_approve(account), "only a planning lead sets an item's approval")
    return state.ws.add_item(section, data, user=account.name, note=f"add {data.get('id')}",
                             expected_version=state.latest_version())


def decide(state: WebState, account: Account, item_id: str, *, approve: bool) -> PlanVersion:
    """The planning lead's decision on a proposed item."""
    require(may_approve(account), "only a planning lead approves or rejects items")
    _section, item = visible_item(state, account, item_id)
    if approve and item.approval.value == "proposed":
        _not_own_proposal(state, account, item_id)
    record = state.ws.item(item_id)
    data = {**record.data, "approval": "approved" if approve else "rejected"}
    return state.ws.update_item(item_id, data, user=account.name, etag=record.etag,
                                note=f"{'approve' if approve else 'reject'} {item_id}")


def search_items(plan: Plan, query: str) -> list[dict[str, str]]:
    """Items of ``plan`` whose id, name or note contains ``query`` (case-insensitive)."""
    q = query.casefold()
    return [{"id": item.id, "section": section, "name": item.label()}
            for section, item in plan.items()
            if q in item.id.casefold() or q in item.name.casefold()
            or q in item.note.casefold()]
