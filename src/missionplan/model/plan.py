"""The plan: every element of a directive as typed, validated data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr

from .base import Item, SourceRef, StrictModel
from .core import (
    Activity,
    Actor,
    Actual,
    Anchor,
    Assumption,
    Constraint,
    Criterion,
    Event,
    Objective,
    Priority,
    Recurrence,
    Relation,
    Season,
    Stakeholder,
)
from .logistics import DeploymentSpec
from .monitor import Indicator
from .options import CourseOfAction
from .process import LineOfEffort, Product
from .resources import Resource
from .risk import Correlation, Driver, Risk

__all__ = ["SECTIONS", "Plan", "Reference"]

FORMAT: Literal["missionplan/1"] = "missionplan/1"

# The plan's lists of items, in file order: (key, what one item is called).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("objectives", "objective"), ("priorities", "priority"), ("stakeholders", "stakeholder"),
    ("actors", "actor"), ("events", "event"), ("activities", "activity"),
    ("relations", "relation"), ("recurrences", "recurrence"), ("criteria", "criterion"),
    ("indicators", "indicator"), ("assumptions", "assumption"), ("constraints", "constraint"),
    ("risks", "risk"), ("drivers", "driver"), ("resources", "resource"),
    ("products", "product"), ("lines_of_effort", "line of effort"),
    ("courses_of_action", "course of action"),
)

Reference = tuple[tuple[str | int, ...], str, str]
"""A broken reference: (path in the plan data, code, message)."""


class Plan(StrictModel):
    """A mission plan: the interchange format between every room."""

    format: Literal["missionplan/1"] = FORMAT
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str = ""
    directive: str | None = Field(default=None,
                                  description="Directive text file, relative to the plan file")
    readings: list[str] = Field(default_factory=list,
                                description="Readings taken where the directive is ambiguous")
    objectives: list[Objective] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    anchors: list[Anchor] = Field(default_factory=list)
    actuals: list[Actual] = Field(default_factory=list,
                                  description="Dates on which events actually happened")
    recurrences: list[Recurrence] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    assumptions: list[Assumption] = Field(default_factory=list)
    constraints: list[Constraint] = Field(default_factory=list)
    seasons: list[Season] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    drivers: list[Driver] = Field(default_factory=list)
    correlations: list[Correlation] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list,
                                      description="What the activities share: people, "
                                                  "teams, aircraft, sites, money")
    deployment: DeploymentSpec | None = None
    products: list[Product] = Field(default_factory=list,
                                    description="What the planning process delivers")
    lines_of_effort: list[LineOfEffort] = Field(
        default_factory=list, description="What each component does for the priorities")
    courses_of_action: list[CourseOfAction] = Field(
        default_factory=list, description="Options for the operation, compared side by side")
    fr: dict[Literal["title"], str] = Field(default_factory=dict,
                                            description="French version of the title")

    _base_dir: Path | None = PrivateAttr(default=None)
    _directive_lines: list[str] | None = PrivateAttr(default=None)

    # -- where it came from ----------------------------------------------------------------

    def set_base_dir(self, folder: Path | None) -> None:
        """Record the folder of the plan file, against which relative paths resolve."""
        self._base_dir = folder
        self._directive_lines = None

    @property
    def base_dir(self) -> Path | None:
        return self._base_dir

    def resolve(self, relative: str) -> Path:
        """A path named in the plan, resolved against the plan file's folder."""
        path = Path(relative)
        if path.is_absolute() or self._base_dir is None:
            return path
        return self._base_dir / path

    def directive_lines(self) -> list[str]:
        """The directive text as lines (empty when the plan names none or it is missing)."""
        if self._directive_lines is None:
            lines: list[str] = []
            if self.directive:
                path = self.resolve(self.directive)
                if path.is_file():
                    lines = path.read_text(encoding="utf-8").splitlines()
            self._directive_lines = lines
        return self._directive_lines

    def quote(self, source: SourceRef | None) -> str:
        """The directive's own words for a citation, whitespace folded ('' if unknown)."""
        if source is None:
            return ""
        lines = self.directive_lines()
        first, last = source.lines
        return " ".join(" ".join(lines[first - 1:last]).split())

    # -- lookups ---------------------------------------------------------------------------

    def in_language(self, lang: str) -> Plan:
        """The plan as a document in ``lang`` shows it: for French (``fr``), each item's
        text fields replaced by the French versions it carries (``fr:``), the plan's
        title too; the plan as written in any other case."""
        if lang != "fr" or not (self.fr or any(item.fr for _, item in self.items())):
            return self
        shown = self.model_copy(deep=True)
        shown.title = self.fr.get("title", self.title)
        for _, item in shown.items():
            for key, text in item.fr.items():
                setattr(item, key, text)
        return shown

    def with_course(self, course: CourseOfAction) -> Plan:
        """The plan as a course of action would make it: its deployment with the option's
        force, lift, phasing and threshold (the plan itself unchanged)."""
        spec = self.deployment
        if spec is None:
            return self
        changes: dict[str, object] = {"late_units": {**spec.late_units, **course.late_units}}
        for key in ("force", "lift", "threshold"):
            if getattr(course, key) is not None:
                changes[key] = getattr(course, key)
        shown = self.model_copy(update={"deployment": spec.model_copy(update=changes)})
        shown.set_base_dir(self.base_dir)
        return shown

    def items(self) -> Iterator[tuple[str, Item]]:
        """Every identified item with the key of the list it stands in, nested ones included."""
        for key, _ in SECTIONS:
            for item in getattr(self, key):
                yield key, item
                if key == "objectives":
                    for part in item.parts:
                        yield "objectives.parts", part
                if key == "actors":
                    for resp in item.responsibilities:
                        yield "actors.responsibilities", resp

    def item_index(self) -> dict[str, Item]:
        return {item.id: item for _, item in self.items()}

    def event(self, event_id: str) -> Event:
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(event_id)

    def event_ids(self) -> list[str]:
        return [e.id for e in self.events]

    def require_events(self, event_ids: list[str] | set[str] | tuple[str, ...]) -> None:
        """Raise ``UnknownItemError`` (code ``unknown-event``) for the first id not in the plan."""
        from ..errors import UnknownItemError

        known = set(self.event_ids())
        for event_id in event_ids:
            if event_id not in known:
                raise UnknownItemError(_unknown_message("event", event_id, known),
                                       code="unknown-event")

    def anchor_dates(self) -> dict[str, date]:
        return {a.event: a.date for a in self.anchors}

    def actual_dates(self) -> dict[str, date]:
        return {a.event: a.date for a in self.actuals}

    def corrections(self) -> set[str]:
        """Events whose actual date is a confirmed correction of the plan's logic."""
        return {a.event for a in self.actuals if a.correction}

    def with_dates(self, *, anchors: dict[str, date] | None = None,
                   actuals: dict[str, date] | None = None,
                   corrections: Iterable[str] = ()) -> Plan:
        """A copy with anchors and actual dates set or replaced (``corrections``: events
        among ``actuals`` whose date knowingly corrects the plan's logic)."""
        merged_anchors = {a.event: a for a in self.anchors}
        for event, day in (anchors or {}).items():
            merged_anchors[event] = Anchor(event=event, date=day)
        merged_actuals = {a.event: a for a in self.actuals}
        corrected = set(corrections)
        for event, day in (actuals or {}).items():
            merged_actuals[event] = Actual(event=event, date=day, correction=event in corrected)
        return self.model_copy(update={"anchors": list(merged_anchors.values()),
                                       "actuals": list(merged_actuals.values())})

    # -- references ------------------------------------------------------------------------

    def reference_problems(self) -> list[Reference]:
        """Duplicate ids and references to items that do not exist, each with its path."""
        problems: list[Reference] = []
        seen: dict[str, tuple[str | int, ...]] = {}
        for path, item_id in self._id_paths():
            if item_id in seen:
                problems.append((path, "duplicate-id",
                                 f"id '{item_id}' is already used at "
                                 f"{'.'.join(map(str, seen[item_id]))}"))
            else:
                seen[item_id] = path
        events = {e.id for e in self.events}
        everything = set(seen)
        actors = {a.id for a in self.actors}
        resources = {r.id for r in self.resources}
        for path, ref, kind in self._references():
            pool = {"event": events, "actor": actors,
                    "resource": resources}.get(kind, everything)
            if ref not in pool:
                code = "unknown-event" if kind == "event" else f"unknown-{kind}"
                problems.append((path, code, _unknown_message(kind, ref, pool)))
        return problems + self._demand_problems()

    def _demand_problems(self) -> list[Reference]:
        """Demands no calendar of the resource could ever meet."""
        peaks = {r.id: (r.peak(), f" ({r.name})" if r.name else "") for r in self.resources}
        problems: list[Reference] = []
        for i, act in enumerate(self.activities):
            for j, d in enumerate(act.demands):
                peak, label = peaks.get(d.resource, (None, ""))
                if peak is not None and d.amount > peak:
                    problems.append((("activities", i, "demands", j, "amount"),
                                     "demand-above-capacity",
                                     f"activity '{act.id}' needs {d.amount} of "
                                     f"'{d.resource}'{label} at once, but it never has "
                                     f"more than {peak}"))
        return problems

    def _id_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        for key, _ in SECTIONS:
            for i, item in enumerate(getattr(self, key)):
                yield (key, i, "id"), item.id
                if key == "objectives":
                    for j, part in enumerate(item.parts):
                        yield (key, i, "parts", j, "id"), part.id
                if key == "actors":
                    for j, resp in enumerate(item.responsibilities):
                        yield (key, i, "responsibilities", j, "id"), resp.id

    def _references(self) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        for i, a in enumerate(self.activities):
            yield ("activities", i, "start"), a.start, "event"
            yield ("activities", i, "end"), a.end, "event"
        for i, r in enumerate(self.relations):
            if r.from_ is not None:
                yield ("relations", i, "from"), r.from_, "event"
            yield ("relations", i, "to"), r.to, "event"
        for key, events in (("anchors", [a.event for a in self.anchors]),
                            ("actuals", [a.event for a in self.actuals])):
            for i, event in enumerate(events):
                yield (key, i, "event"), event, "event"
        for i, rec in enumerate(self.recurrences):
            yield ("recurrences", i, "start"), rec.start, "event"
            if rec.until:
                yield ("recurrences", i, "until"), rec.until, "event"
        for i, c in enumerate(self.criteria):
            for j, d in enumerate(c.deadlines):
                yield ("criteria", i, "deadlines", j), d, "item"
            for j, e in enumerate(c.events):
                yield ("criteria", i, "events", j), e, "event"
            for j, ind in enumerate(c.indicators):
                yield ("criteria", i, "indicators", j), ind, "item"
        for i, indicator in enumerate(self.indicators):
            if indicator.criterion:
                yield ("indicators", i, "criterion"), indicator.criterion, "item"
            if isinstance(indicator.deadline, str):
                yield ("indicators", i, "deadline"), indicator.deadline, "event"
        for key in ("assumptions", "constraints"):
            for i, item in enumerate(getattr(self, key)):
                for j, ref in enumerate(item.affects):
                    yield (key, i, "affects", j), ref, "item"
        for i, actor in enumerate(self.actors):
            for j, resp in enumerate(actor.responsibilities):
                for k, ref in enumerate(resp.items):
                    yield ("actors", i, "responsibilities", j, "items", k), ref, "item"
        for i, st in enumerate(self.stakeholders):
            for j, ref in enumerate(st.actors):
                yield ("stakeholders", i, "actors", j), ref, "actor"
        for key, _ in SECTIONS:
            for i, item in enumerate(getattr(self, key)):
                if item.owner:
                    yield (key, i, "owner"), item.owner, "actor"
        for i, risk in enumerate(self.risks):
            for j, imp in enumerate(risk.impacts):
                yield ("risks", i, "impacts", j, "target"), imp.target, "item"
        for i, product in enumerate(self.products):
            yield ("products", i, "event"), product.event, "event"
            for field in ("contributors", "reviewers"):
                for j, ref in enumerate(getattr(product, field)):
                    yield ("products", i, field, j), ref, "actor"
        for i, line in enumerate(self.lines_of_effort):
            for j, ref in enumerate(line.priorities):
                yield ("lines_of_effort", i, "priorities", j), ref, "item"
        for i, act in enumerate(self.activities):
            for j, demand in enumerate(act.demands):
                yield ("activities", i, "demands", j, "resource"), demand.resource, "resource"
        for i, res in enumerate(self.resources):
            for j, change in enumerate(res.changes):
                for key in ("from", "until"):
                    moment = change.from_ if key == "from" else change.until
                    if isinstance(moment, str):
                        yield ("resources", i, "changes", j, key), moment, "event"
        for i, act in enumerate(self.activities):
            if act.duration and act.duration.driver:
                yield ("activities", i, "duration", "driver"), act.duration.driver, "item"


def _unknown_message(kind: str, ref: str, pool: set[str]) -> str:
    import difflib

    what = {"event": "event", "actor": "actor", "resource": "resource"}.get(kind, "item")
    close = difflib.get_close_matches(ref, sorted(pool), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no {what} has id '{ref}'{hint}"
