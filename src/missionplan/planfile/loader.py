"""Read plan files: bytes to text to nodes to data to a validated :class:`Plan`.

Every problem found is collected and raised together as one
:class:`~missionplan.errors.PlanFileError`, sorted by line. When some items
fail validation, the rest of the plan is still checked for broken references
(see :func:`_references_despite`), so one run reports everything it can.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Diagnostic, PlanFileError
from ..model import SECTIONS, Plan
from .codes import diagnostic
from .convert import Converted, convert, position
from .diagnostics import reference_diagnostics, validation_diagnostics
from .yamlread import MAX_BYTES, check_size, compose, decode

__all__ = ["load_plan", "load_plan_bytes", "loads_plan", "loads_plan_data"]

_LISTS = {key for key, _ in SECTIONS} | {"anchors", "actuals", "seasons", "correlations"}


def load_plan(path: str | Path) -> Plan:
    """Read the plan file at ``path``; relative paths in it resolve against its folder."""
    file = Path(path)
    name = str(path)
    try:
        check_size(file.stat().st_size, name)
        with file.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PlanFileError([diagnostic("unreadable", f"cannot read the file: "
                                        f"{exc.strerror or exc}", name, None, None)]) from None
    plan = load_plan_bytes(data, filename=name)
    plan.set_base_dir(file.resolve().parent)
    return plan


def load_plan_bytes(data: bytes, *, filename: str = "<plan>") -> Plan:
    """Read a plan from the bytes of a file (an upload, say)."""
    check_size(len(data), filename)
    return loads_plan(decode(data, filename), filename=filename)


def loads_plan(text: str, *, filename: str = "<plan>") -> Plan:
    """Read a plan from YAML text; ``filename`` is what diagnostics name."""
    check_size(len(text), filename)
    if not text.strip():
        raise PlanFileError([diagnostic("empty-file", "the file is empty", filename)])
    with _gc_paused():
        return _read(text, filename)


def loads_plan_data(data: dict[str, Any], *, filename: str = "<plan>") -> Plan:
    """Read a plan from plain data (what JSON carries: text, numbers, lists, mappings;
    dates are written as ISO text, as a plan file holds them).

    It accepts exactly what :func:`loads_plan` accepts of the data written as JSON
    (JSON is YAML), and a plan that passes is built without parsing any YAML, several
    times faster. Data with any problem is written as JSON, one value per line, and
    read by :func:`loads_plan`, whose located diagnostics it raises.
    """
    try:
        text: str | None = json.dumps(data, ensure_ascii=False, allow_nan=False,
                                      default=_plain)
    except ValueError:  # not JSON (an infinite number, say): the loader says what is wrong
        text = None
    if text is not None and not _NOT_YAML_TEXT.search(text):
        check_size(len(text), filename)
        try:
            plan: Plan | None = Plan.model_validate(json.loads(text))
        except ValidationError:
            plan = None
        if plan is not None and not plan.reference_problems():
            return plan
    return loads_plan(json.dumps(data, indent=1, ensure_ascii=False, default=_plain),
                      filename=filename)


# Characters YAML does not allow in a file (YAML 1.2, 5.1): the loader refuses them, so
# data holding one takes the loader's path and gets its located diagnostic.
_NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _plain(value: object) -> str:
    """Dates (typed into a form, or read as dates) as the ISO text a plan file holds."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise PlanFileError([Diagnostic("bad-value", f"a value of type {type(value).__name__} "
                                    "cannot be part of a plan")])


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while nodes are built: it made reading superlinear.

    Composing creates many long-lived objects and nothing cyclic worth collecting;
    with the collector running, a 15,000-line file took four times as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read(text: str, filename: str) -> Plan:
    root = compose(text, filename)
    if root is None or (root.id == "scalar" and root.value == "" and not root.style):
        raise PlanFileError([diagnostic("empty-file", "the file holds no plan, only comments "
                                        "or an empty document", filename)])
    if root.id != "mapping":
        what = "a list" if root.id == "sequence" else "a single value"
        raise PlanFileError([diagnostic(
            "not-a-plan", f"the file holds {what}; a plan is a mapping of keys such as "
            "'id:' and 'events:'", filename, *position(root))])
    converted = convert(root, filename)
    plan, problems = _validate(converted, filename)
    problems = converted.problems + problems
    if problems or plan is None:
        raise PlanFileError(sorted(problems, key=_order))
    return plan


def _order(d: Diagnostic) -> tuple[int, int, str]:
    loc = d.location
    return (loc.line or 0, loc.column or 0, d.code) if loc else (0, 0, d.code)


def _validate(converted: Converted, file: str) -> tuple[Plan | None, list[Diagnostic]]:
    try:
        plan = Plan.model_validate(converted.data)
    except ValidationError as exc:
        errors = exc.errors()
        found = validation_diagnostics(errors, converted.root, file)
        return None, found + _references_despite(converted, errors, file)
    return plan, reference_diagnostics(plan.reference_problems(), converted.root, file)


def _references_despite(converted: Converted, errors: list[Any],
                        file: str) -> list[Diagnostic]:
    """Broken references among the parts of the plan that did validate.

    Fields with errors are taken out of their items, and items that still fail
    are set aside; references to the ids of items set aside are not reported
    (those items exist, they are only broken).
    """
    data = dict(converted.data)
    _drop_fields(data, errors)
    index_map: dict[str, list[int]] = {}
    ghosts: set[str] = set()
    for _ in range(2):
        try:
            plan = Plan.model_validate(data)
            break
        except ValidationError as exc:
            ghosts |= _drop_items(data, exc.errors(), index_map)
    else:
        return []
    problems = [p for p in plan.reference_problems()
                if p[1] == "duplicate-id" or _referenced(data, p[0]) not in ghosts]
    return reference_diagnostics(problems, converted.root, file, index_map=index_map)


def _drop_fields(data: dict[str, Any], errors: list[Any]) -> None:
    """Take each offending field out of (a copy of) its item."""
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) < 3 or loc[0] not in _LISTS or not isinstance(loc[1], int) or \
                loc[2] == "id":
            continue
        items = data.get(str(loc[0]))
        if isinstance(items, list) and 0 <= loc[1] < len(items) and \
                isinstance(items[loc[1]], dict) and loc[2] in items[loc[1]]:
            items = data[str(loc[0])] = list(items)
            items[loc[1]] = {k: v for k, v in items[loc[1]].items() if k != loc[2]}


def _drop_items(data: dict[str, Any], errors: list[Any],
                index_map: dict[str, list[int]]) -> set[str]:
    """Set aside the items that still fail; return their ids."""
    bad: dict[str, set[int]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) >= 2 and loc[0] in _LISTS and isinstance(loc[1], int):
            bad.setdefault(str(loc[0]), set()).add(loc[1])
        elif loc:
            data.pop(str(loc[0]), None)
    if not isinstance(data.get("id"), str):
        data["id"] = "plan"
    ghosts: set[str] = set()
    for key, indices in bad.items():
        items = data.get(key)
        if not isinstance(items, list):
            continue
        keep = [i for i in range(len(items)) if i not in indices]
        for i in indices:
            ghosts |= _ids_in(items[i])
        data[key] = [items[i] for i in keep]
        earlier = index_map.get(key, list(range(len(items))))
        index_map[key] = [earlier[i] for i in keep]
    return ghosts


def _ids_in(value: Any) -> set[str]:
    if isinstance(value, list):
        return {i for v in value for i in _ids_in(v)}
    if not isinstance(value, dict):
        return set()
    own = {value["id"]} if isinstance(value.get("id"), str) else set()
    return own | {i for v in value.values() for i in _ids_in(v)}


def _referenced(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
