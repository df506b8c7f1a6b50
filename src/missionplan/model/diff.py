"""Every difference between two plans, in each field of the plan model.

Which fields are compared, and how, follows from :attr:`Plan.model_fields`, so a field
added to the model later is compared with no change here:

- a list of identified items, by id, field by field; items nested in them (objective
  parts, responsibilities) as sections of their own, the parent holding their ids;
- anchors and actual dates by event, correlations by their pair of activities, any
  other list of records with an ``id`` (seasons) by id, field by field;
- any other list (readings) as lines: lines added and removed;
- a block (deployment) field by field;
- one value (title, directive, format) as it is, in the section ``plan``.

Order within a keyed list carries no meaning and is not compared. A plan is first
turned into its :class:`Form` (once per version: a form is all a comparison reads).
"""

from __future__ import annotations

import difflib
import json
import types
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..i18n import N_
from .base import Item
from .plan import Plan

__all__ = ["KIND_LABELS", "PLAN", "Change", "FieldChange", "Form", "Record", "Section",
           "diff_forms", "diff_records", "plan_form", "section_title"]

PLAN = "plan"  # the section of the plan's single values
# Lists of records matched by these fields rather than by an ``id``.
_KEYS: dict[str, tuple[str, ...]] = {"anchors": ("event",), "actuals": ("event",),
                                     "correlations": ("a", "b")}
_TITLES = {PLAN: "The plan", "id": "Plan id", "anchors": "Anchors (dates the plan fixes)",
           "actuals": "Actual dates in the plan file"}
_ORDER = {"added": 0, "changed": 1, "removed": 2}
Kind = Literal["added", "removed", "changed"]
# the kinds as people read them (translated where shown)
KIND_LABELS: dict[str, str] = {"added": N_("added"), "removed": N_("removed"),
                               "changed": N_("changed")}
Record = tuple[str, dict[str, Any]]  # (a name for people, its fields)


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Change:
    """One thing added, removed or changed between two plans.

    ``id`` is its key in the section (an item's id, an anchor's event, a line's
    position), ``label`` its name for people. ``item``: an identified item, which has
    a page of its own. Added and removed records that are not items list their fields.
    """

    kind: Kind
    section: str
    id: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    item: bool = False

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "section": self.section, "id": self.id,
                "label": self.label, "item": self.item,
                "fields": [{"name": f.name, "before": f.before, "after": f.after}
                           for f in self.fields]}


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a plan as compared: records by key, or lines in order."""

    records: dict[str, Record] = field(default_factory=dict)
    lines: tuple[str, ...] | None = None
    items: bool = False


Form = dict[str, Section]


def section_title(section: str) -> str:
    """The heading people read for ``section`` (``objectives.parts``: Objectives: parts)."""
    if section in _TITLES:
        return _TITLES[section]
    return ": ".join(part.replace("_", " ") for part in section.split(".")).capitalize()


# -- a plan as compared --------------------------------------------------------------------

def plan_form(plan: Plan) -> Form:
    """``plan`` as :func:`diff_forms` compares it, one section per field of the model
    (the single values together, first)."""
    names = {item.id: item.label() for _, item in plan.items()}
    form: Form = {PLAN: Section()}
    for name, info in type(plan).model_fields.items():
        value, key = getattr(plan, name), info.alias or name
        element = _element(info.annotation)
        if element is not None and issubclass(element, Item):
            _add_items(form, key, value)
        elif element is not None and (name in _KEYS or "id" in element.model_fields):
            form[key] = Section({k: (_label(r, k, names), r) for k, r in _keyed(
                value, _KEYS.get(name, ("id",)))})
        elif get_origin(info.annotation) is list:
            form[key] = Section(lines=tuple(_line(v) for v in value))
        elif _block(info.annotation):
            form[key] = Section({} if value is None else {
                key: (section_title(key), value.model_dump(mode="json", by_alias=True))})
        else:
            form[PLAN].records[key] = (section_title(key), {key: _plain(value)})
    return form


def _element(annotation: Any) -> type[BaseModel] | None:
    """The record type of a ``list[Model]`` annotation, else None."""
    args = get_args(annotation)
    if get_origin(annotation) is list and args and isinstance(args[0], type) \
            and issubclass(args[0], BaseModel):
        return args[0]
    return None


def _block(annotation: Any) -> bool:
    """A model, or a model or None: compared field by field."""
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_block(a) for a in get_args(annotation))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _add_items(form: Form, key: str, items: list[Item]) -> None:
    """Items by id under ``key``; lists of items nested in them under ``key.attr``."""
    section = form.setdefault(key, Section(items=True))
    for item in items:
        data = item.model_dump(mode="json", by_alias=True)
        for attr, info in type(item).model_fields.items():
            element = _element(info.annotation)
            if element is not None and issubclass(element, Item):
                nested = getattr(item, attr)
                data[info.alias or attr] = [n.id for n in nested]
                _add_items(form, f"{key}.{info.alias or attr}", nested)
        section.records[item.id] = (item.label(), data)


def _keyed(records: list[BaseModel], fields: tuple[str, ...]
           ) -> list[tuple[str, dict[str, Any]]]:
    """Each record's key (its ``fields`` joined by '/'; '#2'… on a repeat) and fields."""
    seen: dict[str, int] = {}
    out = []
    for record in records:
        data = record.model_dump(mode="json", by_alias=True)
        key = "/".join(str(data.get(f)) for f in fields)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}#{seen[key]}", data))
    return out


def _label(data: dict[str, Any], key: str, names: dict[str, str]) -> str:
    """A record's own name, else the names of the items its key names (an anchor: its
    event's name; a correlation: both activities')."""
    if data.get("name"):
        return str(data["name"])
    return " ↔ ".join(names.get(part, part) for part in key.split("#")[0].split("/"))


def _line(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True)
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _plain(value: Any) -> Any:
    """A single value as JSON holds it."""
    return json.loads(json.dumps(value, default=str))


# -- comparing two forms -------------------------------------------------------------------

def diff_forms(before: Form, after: Form) -> list[Change]:
    """Every change from ``before`` to ``after``, section by section in the model's order
    (a section only one side has, from a newer model, compared with an empty one)."""
    changes: list[Change] = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key, Section()), after.get(key, Section())
        if old.lines is not None or new.lines is not None:
            changes += _diff_lines(key, old.lines or (), new.lines or ())
        else:
            changes += diff_records(key, old.records, new.records,
                                    items=old.items or new.items)
    return changes


def diff_records(section: str, before: dict[str, Record], after: dict[str, Record], *,
                 items: bool = False) -> list[Change]:
    """Records added, removed and changed (field by field), added ones first, by key."""
    changes = [c for key in {*before, *after}
               if (c := _record_change(section, key, before.get(key), after.get(key), items))]
    return sorted(changes, key=lambda c: (_ORDER[c.kind], c.id))


def _record_change(section: str, key: str, was: Record | None, now: Record | None,
                   items: bool) -> Change | None:
    if was is None or now is None:
        label, data = now or was or ("", {})
        kind: Kind = "added" if was is None else "removed"
        fields = [] if items else [FieldChange(k, None if was is None else v,
                                               None if now is None else v)
                                   for k, v in data.items()]
        return Change(kind, section, key, label, fields, items)
    fields = [FieldChange(k, was[1].get(k), now[1].get(k))
              for k in sorted({*was[1], *now[1]}) if was[1].get(k) != now[1].get(k)]
    return Change("changed", section, key, now[0], fields, items) if fields else None


def _diff_lines(section: str, before: tuple[str, ...], after: tuple[str, ...]
                ) -> list[Change]:
    """Lines removed and added (a line moved is both), in the order they stand; ``id``
    is the line's position (1-based) on its own side."""
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        changes += [Change("removed", section, str(i + 1), before[i]) for i in range(a0, a1)]
        changes += [Change("added", section, str(j + 1), after[j]) for j in range(b0, b1)]
    return changes
