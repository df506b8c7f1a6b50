"""A plan with one item changed or added, checked by the plan file loader, and its text.

An edit is validated exactly as a plan file is: the whole plan with the change
goes through :func:`missionplan.planfile.loads_plan_data` (the loader's
acceptance and located, coded messages, for plain data). The stored text is the
previous version's with only the changed item's lines rewritten (each item of a
list is written on its own lines, the same whether alone or among the others), or,
when the previous text is not one the writer made (an imported file), the whole
plan written once. Either way it is read back by the loader before it is
stored, so the stored text is always one the loader accepts and equals the
checked plan.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import PlanFileError, WorkspaceError
from ..model import Plan
from ..planfile import dump_plan, loads_plan, loads_plan_data

__all__ = ["Edited", "with_item"]

Edited = tuple[Plan, str]  # the checked plan, and its plan-file text


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data, in the form a plan file holds it."""
    data: dict[str, Any] = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def with_item(base: dict[str, Any], section: str, data: dict[str, Any], *,
              replace: str | None, previous: tuple[Plan, str] | None = None) -> Edited:
    """``base`` (plan data) with ``data`` replacing item ``replace`` (or appended), checked.

    ``previous`` is the plan ``base`` came from and its stored text, whose lines
    are reused. Raises :class:`~missionplan.errors.PlanFileError` with the
    loader's messages, which name the file ``<edit of ID>``.
    """
    items = list(base.get(section, []))
    if replace is None:
        items.append(data)
    else:
        items = [data if i.get("id") == replace else i for i in items]
    changed = {**base, section: items}
    where = f"<edit of {data.get('id', 'new item')}>"
    checked = loads_plan_data(changed, filename=where)
    text = _spliced(previous, checked, section, str(data.get("id")), replace=replace)
    stored = _read_back(text, checked, where) if text is not None else None
    if text is None or stored is None:  # no lines to reuse, or they did not read back
        text = dump_plan(checked)
        stored = loads_plan(text, filename=where)
        if stored.model_dump() != checked.model_dump():
            raise WorkspaceError(f"{where}: the plan file written for this edit does not "
                                 "read back equal; nothing was saved", code="edit-not-stored")
    return stored, text


def _read_back(text: str, checked: Plan, where: str) -> Plan | None:
    """``text`` read by the loader, if it reads back as ``checked``; else None."""
    try:
        stored = loads_plan(text, filename=where)
    except PlanFileError:
        return None
    return stored if stored.model_dump() == checked.model_dump() else None


def _spliced(previous: tuple[Plan, str] | None, checked: Plan, section: str, item_id: str,
             *, replace: str | None) -> str | None:
    """The previous text with the item's lines rewritten, or None where that cannot be."""
    if previous is None:
        return None
    old_plan, old_text = previous
    new = _item_text(checked, section, item_id)
    anchor = replace if replace is not None else _last_id(old_plan, section)
    old = None if new is None or anchor is None else _item_text(old_plan, section, anchor)
    if new is None or old is None or old_text.count(old) != 1:
        return None
    return old_text.replace(old, new if replace is not None else old + new)


def _last_id(plan: Plan, section: str) -> str | None:
    ids = [item.id for s, item in plan.items() if s == section]
    return ids[-1] if ids else None


def _item_text(plan: Plan, section: str, item_id: str) -> str | None:
    """The lines the writer gives item ``item_id`` of ``section`` within the whole plan."""
    found = [item for s, item in plan.items() if s == section and item.id == item_id]
    if len(found) != 1:
        return None
    alone = dump_plan(_blank().model_copy(update={"id": plan.id, "format": plan.format,
                                                  section: found}))
    head = f"\n{section}:\n"
    if alone.count(head) != 1 or alone.endswith("\n...\n"):
        return None  # a text kept with its trailing newlines ends the document alone
    return alone.split(head, 1)[1]


@cache
def _blank() -> Plan:
    """A plan with every field at its default (made once: building one calls each
    default factory, which costs milliseconds); copies of it carry one item alone."""
    return Plan.model_construct(id="blank")
