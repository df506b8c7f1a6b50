"""A plan with one item changed or added, checked by the plan file loader, and its text.

An edit is validated exactly as a plan file is: the whole plan with the change
goes through :func:`missionplan.planfile.loads_plan`, so its messages (located,
coded) are the loader's. The plan is handed to the loader as JSON, which is
YAML too and costs milliseconds to write, where the readable YAML of a whole
plan costs a tenth of a second or more; the YAML is then written once, from
the checked plan, and read back by the loader before it is stored, so the
stored text is always one the loader accepts and equals the checked plan.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..errors import Diagnostic, PlanFileError, WorkspaceError
from ..model import Plan
from ..planfile import dump_plan, loads_plan

__all__ = ["Edited", "with_item"]

Edited = tuple[Plan, str]  # the checked plan, and its plan-file text


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data, in the form a plan file holds it."""
    data: dict[str, Any] = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def with_item(base: dict[str, Any], section: str, data: dict[str, Any], *,
              replace: str | None) -> Edited:
    """``base`` (plan data) with ``data`` replacing item ``replace`` (or appended), checked.

    Raises :class:`~missionplan.errors.PlanFileError` with the loader's messages,
    which name the file ``<edit of ID>``.
    """
    items = list(base.get(section, []))
    if replace is None:
        items.append(data)
    else:
        items = [data if i.get("id") == replace else i for i in items]
    changed = {**base, section: items}
    where = f"<edit of {data.get('id', 'new item')}>"
    checked = loads_plan(json.dumps(changed, indent=1, ensure_ascii=False, default=_plain),
                         filename=where)
    text = dump_plan(checked)
    stored = loads_plan(text, filename=where)
    if stored.model_dump() != checked.model_dump():
        raise WorkspaceError(f"{where}: the plan file written for this edit does not read "
                             "back equal; nothing was saved", code="edit-not-stored")
    return stored, text


def _plain(value: object) -> str:
    """Dates typed into a form (read as dates by YAML) as the ISO text a plan file holds."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise PlanFileError([Diagnostic("bad-value", f"a value of type {type(value).__name__} "
                                    "cannot be part of a plan item")])
