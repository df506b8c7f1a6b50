"""Plan editing for the web: the checks a change must pass, then the store's save.

A change is validated exactly as a plan file is (the whole plan with the change
goes through :func:`missionplan.planfile.loads_plan`, so the messages are the
loader's), then saved as a new version; the store's etag refuses a save made
over someone else's. A new item that cites no clause enters as ``proposed``
and stays out of the schedule until a planning lead approves it.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import Diagnostic, PlanFileError, UnknownItemError
from ..model import SECTIONS, Item, Plan
from ..planfile import loads_plan
from ..store import PlanVersion
from .accounts import Account
from .auth import may_approve, may_edit, require
from .state import WebState
from .visibility import hidden_ids

__all__ = [
    "CONCURRENT_SAVE",
    "EDITABLE",
    "add_item",
    "decide",
    "is_concurrent_save",
    "item_yaml",
    "parse_item",
    "save_item",
    "search_items",
    "visible_item",
]

EDITABLE: dict[str, str] = dict(SECTIONS)
CONCURRENT_SAVE = ("someone saved a new version of the plan at the same moment: reload and "
                   "apply your change again")


def is_concurrent_save(exc: Exception) -> bool:
    """True for the database refusing a second version with the same number.

    On PostgreSQL two saves that start together both pass the store's version
    check and the second insert breaks the unique (plan, version) key; that is
    the same conflict as a stale etag, and is answered the same way (409).
    """
    return "uq_plan_version" in str(exc)


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
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise PlanFileError([Diagnostic("yaml-syntax", f"{where}{line}: {exc}")]) from None
    if not isinstance(data, dict):
        raise PlanFileError([Diagnostic("not-a-mapping", f"{where}: an item is a mapping of "
                                        "fields, such as 'id: ...' and 'name: ...'")])
    return data


def visible_item(state: WebState, account: Account, item_id: str) -> tuple[str, Item]:
    plan = state.full_plan()
    if item_id in hidden_ids(plan, account):
        raise UnknownItemError(f"the plan has no item '{item_id}'")
    for section, item in plan.items():
        if item.id == item_id and section in EDITABLE:
            return section, item
    raise UnknownItemError(f"the plan has no item '{item_id}'")


def _check(base: Plan, section: str, data: dict[str, Any], *, replace: str | None) -> None:
    """Validate the plan with ``data`` in ``section`` as the loader would."""
    raw = base.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    items = raw.setdefault(section, [])
    if replace is None:
        items.append(data)
    else:
        raw[section] = [data if i.get("id") == replace else i for i in items]
    out = io.StringIO()
    _yaml().dump(raw, out)
    loads_plan(out.getvalue(), filename=f"<edit of {data.get('id', 'new item')}>")


def _approval_rules(account: Account, data: dict[str, Any], before: str) -> None:
    after = str(data.get("approval", "approved"))
    if after != before:
        require(may_approve(account), "only a planning lead approves or rejects items")


def save_item(state: WebState, account: Account, item_id: str, data: dict[str, Any], *,
              etag: str, note: str = "") -> PlanVersion:
    """Save a changed item as a new version (refused on a stale ``etag``)."""
    section, item = visible_item(state, account, item_id)
    require(may_edit(account, item), f"your role may not change '{item_id}' (component "
            f"{item.component or 'none'})")
    require(may_edit(account, None, component=data.get("component")),
            "you may not move an item to another component")
    if data.get("id") != item_id:
        raise PlanFileError([Diagnostic("id-changed", f"the id of '{item_id}' cannot change "
                                        "in an edit; add a new item instead")])
    _approval_rules(account, data, item.approval.value)
    _check(state.base_plan(), section, data, replace=item_id)
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
    base = state.base_plan()
    _check(base, section, data, replace=None)
    raw = base.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    raw.setdefault(section, []).append(data)
    from ..planfile import dump_plan

    text = dump_plan(Plan.model_validate(raw))
    return state.ws.import_plan(text, user=account.name, note=f"add {data.get('id')}",
                                expected_version=state.latest_version())


def decide(state: WebState, account: Account, item_id: str, *, approve: bool) -> PlanVersion:
    """The planning lead's decision on a proposed item."""
    require(may_approve(account), "only a planning lead approves or rejects items")
    visible_item(state, account, item_id)
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
