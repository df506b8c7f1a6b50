"""The plan's elements: events, activities, relations, anchors, recurrences and the rest."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Id, Item, StrictModel
from .duration import Duration, DurationField
from .resources import Demand

__all__ = [
    "Activity", "Actor", "Actual", "Anchor", "Assumption", "Constraint", "Criterion",
    "DistributionKind", "Event", "EventKind", "Nature", "Objective", "ObjectivePart", "Priority",
    "Recurrence", "Relation", "RelationKind", "Responsibility", "Season", "Stakeholder",
    "UncertainDuration",
]


class EventKind(StrEnum):
    milestone = "milestone"
    output = "output"
    decision = "decision"
    start = "start"
    end = "end"


class Event(Item):
    """A point in time: a signing, a return, a resolution adopted."""

    kind: EventKind = EventKind.milestone


class DistributionKind(StrEnum):
    fixed = "fixed"
    uniform = "uniform"
    triangular = "triangular"
    pert = "pert"
    lognormal = "lognormal"
    empirical = "empirical"


class UncertainDuration(StrictModel):
    """A duration known only as a range: min / most likely / max, or observed values."""

    distribution: DistributionKind = DistributionKind.triangular
    min: DurationField | None = None
    likely: DurationField | None = Field(default=None, description="Most likely value (mode)")
    max: DurationField | None = None
    median: DurationField | None = Field(default=None, description="Lognormal: the median")
    p90: DurationField | None = Field(default=None, description="Lognormal: the 90th percentile")
    values: list[DurationField] = Field(default_factory=list,
                                        description="Empirical: observed durations")
    driver: str | None = Field(default=None,
                               description="Id of a shared risk driver that scales this duration")
    basis: str = Field(default="", description="Where the numbers come from")
    replaces: list[Id] = Field(
        default_factory=list,
        description="On an activity: ids of drivers and risks the figure already accounts for; "
                    "the risk model neither scales the activity by such a driver nor adds "
                    "those risks' impacts on it")

    @model_validator(mode="after")
    def _complete(self) -> UncertainDuration:
        need: dict[DistributionKind, tuple[str, ...]] = {
            DistributionKind.fixed: ("likely",),
            DistributionKind.uniform: ("min", "max"),
            DistributionKind.triangular: ("min", "likely", "max"),
            DistributionKind.pert: ("min", "likely", "max"),
            DistributionKind.lognormal: ("median", "p90"),
            DistributionKind.empirical: ("values",),
        }
        missing = [f for f in need[self.distribution] if not getattr(self, f)]
        if missing:
            raise ValueError(f"a {self.distribution.value} duration needs "
                             + ", ".join(missing))
        lo, mid, hi = self.min, self.likely, self.max
        for a_name, a, b_name, b in (("min", lo, "likely", mid), ("likely", mid, "max", hi),
                                     ("min", lo, "max", hi), ("median", self.median, "p90",
                                                              self.p90)):
            if a is not None and b is not None and a.day_bounds()[0] > b.day_bounds()[1]:
                raise ValueError(f"{a_name} ({a}) is greater than {b_name} ({b})")
        return self

    def most_likely(self) -> Duration:
        """The most likely value: the mode of a range, the median of a lognormal or of
        observed values, the middle of a uniform one."""
        kind = self.distribution
        if kind in (DistributionKind.fixed, DistributionKind.triangular,
                    DistributionKind.pert):
            assert self.likely is not None
            return self.likely
        if kind is DistributionKind.lognormal:
            assert self.median is not None
            return self.median
        if kind is DistributionKind.empirical:
            ordered = sorted(self.values, key=lambda d: d.day_bounds())
            return ordered[len(ordered) // 2]
        lo, hi = self.bounds()
        low = lo.day_bounds()[0] if lo is not None else 0
        high = hi.day_bounds()[1] if hi is not None else low
        return Duration(days=(low + high) // 2)

    def bounds(self) -> tuple[Duration | None, Duration | None]:
        """The least and the greatest value the duration can take (None: unbounded)."""
        if self.distribution is DistributionKind.fixed:
            return self.likely, self.likely
        if self.distribution is DistributionKind.empirical:
            ordered = sorted(self.values, key=lambda d: d.day_bounds())
            return ordered[0], ordered[-1]
        if self.distribution is DistributionKind.lognormal:
            return self.min, self.max
        return self.min, self.max


def _duration_or_uncertain(value: object) -> object:
    if isinstance(value, str | int):
        return {"distribution": "fixed", "likely": value}
    return value


DurationSpec = Annotated[UncertainDuration, Field(
    description="A fixed duration ('14d') or an uncertain one ({min, likely, max})")]


class Activity(Item):
    """An interval between two events, with a fixed or uncertain duration."""

    start: Id = Field(description="Event that starts the activity")
    end: Id = Field(description="Event that ends the activity")
    duration: DurationSpec | None = Field(default=None)
    demands: list[Demand] = Field(default_factory=list,
                                  description="Resources the activity holds while it runs")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, dict) and "duration" in data:
            data = {**data, "duration": _duration_or_uncertain(data["duration"])}
        return data


class RelationKind(StrEnum):
    within = "within"          # to - from in [0, N]
    after = "after"            # exactly N (± tolerance)
    prior = "prior"            # to at least N before from
    immediately = "immediately"  # [0, 0]
    precedence = "precedence"  # to after from, no bound above
    custom = "custom"


class Nature(StrEnum):
    """What a relation is: how the plan follows when reality does not keep to it."""

    logic = "logic"    # cannot happen otherwise: a report after the mission it reports on
    target = "target"  # a deadline to meet: "within 14 days", "three weeks after"


class Relation(Item):
    """``to − from`` lies in ``[min, max]`` days; or a calendar bound on ``to`` alone.

    A *target* (the directive's deadlines) may be missed: a recorded date outside it makes
    the deadline late or early by so many days. *Logic* may not: a recorded date against
    it is refused unless confirmed as a correction of the plan's logic.
    """

    from_: Id | None = Field(default=None, alias="from",
                             description="Event counted from; omit for a calendar bound")
    to: Id = Field(description="Event constrained")
    kind: RelationKind = RelationKind.custom
    min: DurationField | None = Field(default=None, description="Least of to − from")
    max: DurationField | None = Field(default=None, description="Greatest of to − from")
    tolerance: DurationField | None = Field(default=None,
                                            description="Slack around an exact 'N after'")
    not_before: date | None = Field(default=None, description="Calendar: to on or after")
    not_after: date | None = Field(default=None,
                                   description="Calendar: to on or before ('no later than')")
    deadline: bool | None = Field(default=None,
                                  description="Tracked as a deadline (default: when bounded "
                                              "above)")
    text: str = Field(default="", description="The directive's words for this relation")
    nature: Nature | None = Field(
        default=None, description="'target': a deadline a recorded date may miss (late or "
                                  "early by N days); 'logic': what cannot happen otherwise (a "
                                  "date against it is refused). Default: target when bounded "
                                  "above (a deadline), else logic")

    @model_validator(mode="after")
    def _shape(self) -> Relation:
        calendar = self.not_before is not None or self.not_after is not None
        if self.from_ is None and not calendar:
            raise ValueError("a relation needs 'from' (an event) or a calendar bound "
                             "('not_before' / 'not_after')")
        if self.from_ is not None and calendar:
            raise ValueError("a relation counts from an event or from the calendar, not both")
        if self.min is not None and self.max is not None and (
                self.min.day_bounds()[0] > self.max.day_bounds()[1]):
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if self.not_before and self.not_after and self.not_before > self.not_after:
            raise ValueError(f"not_before ({self.not_before}) is after not_after "
                             f"({self.not_after})")
        return self

    @property
    def is_deadline(self) -> bool:
        if self.deadline is not None:
            return self.deadline
        return self.max is not None or self.not_after is not None

    @property
    def is_target(self) -> bool:
        """A deadline reality may miss (else logic, which it may not)."""
        if self.nature is not None:
            return self.nature is Nature.target
        return self.max is not None or self.not_after is not None

    def bounds(self) -> tuple[Duration | None, Duration | None]:
        """``[min, max]`` of ``to − from`` with the tolerance applied."""
        lo, hi = self.min, self.max
        if self.kind is RelationKind.immediately and lo is None and hi is None:
            lo = hi = Duration()
        if self.kind in (RelationKind.within, RelationKind.precedence) and lo is None:
            lo = Duration()
        if self.tolerance is not None:
            t = self.tolerance
            lo = None if lo is None else Duration(lo.months - t.months, lo.days - t.days,
                                                  lo.hours - t.hours)
            hi = None if hi is None else Duration(hi.months + t.months, hi.days + t.days,
                                                  hi.hours + t.hours)
        return lo, hi


class Anchor(StrictModel):
    """An event whose date is known or assumed."""

    event: Id
    date: date
    assumed: bool = Field(default=False, description="True when the date is an assumption")
    note: str = ""


class Actual(StrictModel):
    """The date on which an event actually happened: a fact, which the plan follows."""

    event: Id
    date: date
    note: str = ""
    correction: bool = Field(default=False,
                             description="Confirmed as a correction of the plan's logic: "
                                         "the date contradicts a logic relation, knowingly")


class Recurrence(Item):
    """A repeating deadline: 'report every 90 days', 'at least once every three months'."""

    every: DurationField
    at_least: bool = Field(default=False,
                           description="'At least once every N': N is the longest gap allowed")
    start: Id = Field(description="Event from which the recurrence runs")
    until: Id | None = Field(default=None, description="Event at which it stops")
    text: str = ""


class Responsibility(Item):
    """One thing an actor answers for, with the plan items it covers."""

    text: str = ""
    items: list[Id] = Field(default_factory=list, description="Plan items this covers")


class Actor(Item):
    """A person, office or organisation, with its responsibilities."""

    kind: Literal["person", "office", "organisation", "body", "group"] = "office"
    responsible_to: Id | None = None
    responsibilities: list[Responsibility] = Field(default_factory=list)


class Stakeholder(Item):
    """Who must be involved, and how."""

    actors: list[Id] = Field(default_factory=list)
    expectation: str = ""
    where: Literal["hq", "field", "both"] = "both"


class ObjectivePart(Item):
    text: str = ""


class Objective(Item):
    """The strategic direction and the parts its achievement includes."""

    text: str = ""
    parts: list[ObjectivePart] = Field(default_factory=list)


class Priority(Item):
    text: str = ""
    rank: int | None = None


class Criterion(Item):
    """A criterion for success: a measurable target with its deadlines and indicators."""

    text: str = ""
    deadlines: list[Id] = Field(default_factory=list, description="Ids of deadline relations")
    events: list[Id] = Field(default_factory=list, description="Events that mark it met")
    indicators: list[Id] = Field(default_factory=list)
    measure: str = Field(default="", description="How success is judged, in words")


class Assumption(Item):
    """Something the plan depends on, with what it affects and how it is watched."""

    text: str = ""
    affects: list[Id] = Field(default_factory=list)
    watch: str = Field(default="", description="How it is watched")
    status: Literal["holding", "failing", "unknown"] = "holding"
    basis: str = Field(default="", description="Evidence for any numbers it states")


class Season(StrictModel):
    """A yearly season such as the rains, as month-day bounds (``05-01`` to ``10-31``)."""

    id: Id
    name: str = ""
    start: str = Field(pattern=r"^\d\d-\d\d$", description="MM-DD, first day")
    end: str = Field(pattern=r"^\d\d-\d\d$", description="MM-DD, last day")
    assumed: bool = True
    note: str = ""


class Constraint(Item):
    """An operational limit the plan must respect."""

    text: str = ""
    kind: Literal["season", "fixed_date", "capacity", "capability", "other"] = "other"
    affects: list[Id] = Field(default_factory=list)
    season: Id | None = Field(default=None, description="For a season constraint: its season")
