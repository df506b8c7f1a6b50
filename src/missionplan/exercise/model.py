"""The exercise file: a master events list of injects, each in the plan's own terms.

An exercise file (YAML, format ``missionplan-exercise/1``) names the plan it is written
for, the scenario day it starts on, and its injects. Each inject has a scenario time (a
date, or a number of days after an event of the plan happens), who it comes from, its
message, the clause of the directive it tests, and its effects: each effect is a
mapping with one key naming its kind::

    record:       {event: E, date: D}          an event happened (on the inject's day)
    delay:        {event: E, by: 10d}          an event will come later
    move:         {event: E, to: D}            an event is now expected on D
    duration:     {activity: A, min/likely/max} or {activity: A, by: 2w}
    season:       {season: S, start: MM-DD, end: MM-DD}
    close:        {route: R}                   a road, crossing or place is out
    unit:         {unit: U, late: 30d} or {unit: U, withdrawn: true, replacement_after: 120d}
    assumption:   {assumption: A, state: failing}
    observations: [{indicator: I, date: D, value: V}, ...]

An inject without effects is a message (a press report, a letter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from ..model import Duration, DurationField, Id, Source
from ..model.base import StrictModel

__all__ = [
    "FORMAT", "AfterEvent", "AssumptionChange", "DurationChange", "Effect", "EventDelay",
    "EventMove", "EventRecord", "ExerciseFile", "Inject", "ObservationRow", "RouteClosure",
    "SeasonChange", "UnitChange",
]

FORMAT: Literal["missionplan-exercise/1"] = "missionplan-exercise/1"
_MMDD = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


class AfterEvent(StrictModel):
    """A scenario time counted from an event of the plan: due once it has happened."""

    event: Id
    days: int = Field(default=0, ge=0, le=3650, description="Days after the event's date")


class EventRecord(StrictModel):
    """The event happened: its actual date is recorded."""

    event: Id
    date: dt.date | None = Field(default=None,
                              description="The day it happened (default: the inject's day)")


class EventDelay(StrictModel):
    """The event will come later: its anchor moves on, or the activity ending at it lasts
    longer."""

    event: Id
    by: DurationField


class EventMove(StrictModel):
    """The event is now expected on a day: an assumed anchor."""

    event: Id
    to: date


class DurationChange(StrictModel):
    """An activity lasts otherwise: new bounds, or longer (shorter) by a span."""

    activity: Id
    min: DurationField | None = None
    likely: DurationField | None = None
    max: DurationField | None = None
    by: DurationField | None = None

    @model_validator(mode="after")
    def _one_way(self) -> DurationChange:
        given = [self.min, self.likely, self.max]
        if self.by is None and all(g is None for g in given):
            raise ValueError("give the new 'min', 'likely' and 'max', or 'by' how much longer")
        if self.by is not None and any(g is not None for g in given):
            raise ValueError("give either 'by' or new 'min', 'likely', 'max', not both")
        return self


class SeasonChange(StrictModel):
    """A season of the plan starts or ends on other days of the year."""

    season: Id
    start: str | None = Field(default=None, pattern=_MMDD, description="MM-DD, first day")
    end: str | None = Field(default=None, pattern=_MMDD, description="MM-DD, last day")

    @model_validator(mode="after")
    def _something(self) -> SeasonChange:
        if self.start is None and self.end is None:
            raise ValueError("give the season's new 'start' or 'end' (MM-DD)")
        return self


class RouteClosure(StrictModel):
    """A road segment, crossing or place of the deployment network is out."""

    route: str = Field(min_length=1, max_length=80)


class UnitChange(StrictModel):
    """A unit arrives later, or is withdrawn and replaced after a while."""

    unit: str = Field(min_length=1, max_length=80)
    late: DurationField | None = None
    withdrawn: bool = False
    replacement_after: DurationField | None = Field(
        default=None, description="For a withdrawn unit: how long until its replacement "
                                  "arrives in its stead")

    @model_validator(mode="after")
    def _one_way(self) -> UnitChange:
        if self.withdrawn and self.replacement_after is None:
            raise ValueError("a withdrawn unit needs 'replacement_after': how long until "
                             "another contingent replaces it")
        if not self.withdrawn and self.replacement_after is not None:
            raise ValueError("'replacement_after' is for a withdrawn unit: add "
                             "'withdrawn: true'")
        if self.withdrawn == (self.late is not None):
            raise ValueError("give 'late: SPAN' or 'withdrawn: true' (with "
                             "'replacement_after'), one of the two")
        return self

    def days_late(self, start: date) -> int:
        """How many days later than planned the unit (or its replacement) arrives."""
        span = self.replacement_after if self.withdrawn else self.late
        assert span is not None
        return span.days_from(start)


class AssumptionChange(StrictModel):
    """An assumption of the plan now holds, fails, or is unknown."""

    assumption: Id
    state: Literal["holding", "failing", "unknown"]


class ObservationRow(StrictModel):
    """One measured value of an indicator, as an observation file's row."""

    indicator: Id
    date: dt.date | None = None
    days_before: int | None = Field(default=None, ge=0, le=3650,
                                    description="Instead of a date: days before the "
                                                "inject's day")
    value: float
    pcode: str | None = Field(default=None, max_length=40)
    source: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _when(self) -> ObservationRow:
        if (self.date is None) == (self.days_before is None):
            raise ValueError("give the observation's 'date' or 'days_before', one of the two")
        return self

    def day(self, due: dt.date) -> dt.date:
        from datetime import timedelta

        return self.date if self.date is not None else due - timedelta(
            days=self.days_before or 0)


class Effect(StrictModel):
    """One change an inject makes, named by its one key."""

    record: EventRecord | None = None
    delay: EventDelay | None = None
    move: EventMove | None = None
    duration: DurationChange | None = None
    season: SeasonChange | None = None
    close: RouteClosure | None = None
    unit: UnitChange | None = None
    assumption: AssumptionChange | None = None
    observations: list[ObservationRow] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        kinds = self.kinds()
        if len(kinds) != 1:
            raise ValueError("an effect has one key, its kind: record, delay, move, duration, "
                             "season, close, unit, assumption or observations"
                             + (f" (this one has {', '.join(kinds)})" if kinds else ""))
        return self

    def kinds(self) -> list[str]:
        return [k for k in type(self).model_fields if getattr(self, k) is not None]

    @property
    def kind(self) -> str:
        return self.kinds()[0]

    @property
    def touches_deployment(self) -> bool:
        """Whether it can move the deployment estimate (routes, units, seasons)."""
        return self.kind in ("close", "unit", "season")


class Inject(StrictModel):
    """One entry of the master events list."""

    id: Id
    title: str = Field(min_length=1, max_length=200)
    at: date | None = Field(default=None, description="The scenario day it is due")
    after: AfterEvent | None = Field(default=None,
                                     description="Or: due this many days after an event")
    sender: str = Field(default="", alias="from", max_length=200,
                        description="Who it comes from: a letter's author, a newspaper")
    message: str = Field(default="", max_length=5000)
    tests: Source | None = Field(default=None,
                                 description="The clause of the directive it tests")
    effects: list[Effect] = Field(default_factory=list)

    @model_validator(mode="after")
    def _timed(self) -> Inject:
        if (self.at is None) == (self.after is None):
            raise ValueError("an inject is due 'at' a date or 'after' an event, one of the two")
        return self

    def due(self, happened: dict[str, date]) -> date | None:
        """The day it is due, given the events that have happened (None: not yet known)."""
        from datetime import timedelta

        if self.at is not None:
            return self.at
        assert self.after is not None
        day = happened.get(self.after.event)
        return None if day is None else day + timedelta(days=self.after.days)

    def when(self, names: Mapping[str, str] | None = None) -> str:
        """When it is due, for people: its date, or "10 days after <event's name>"."""
        if self.at is not None:
            return self.at.isoformat()
        assert self.after is not None
        event = (names or {}).get(self.after.event, self.after.event)
        if not self.after.days:
            return f"when {event} happens"
        return f"{self.after.days} day{'s' if self.after.days != 1 else ''} after {event}"

    @property
    def changes_plan(self) -> bool:
        return bool(self.effects)


class ExerciseFile(StrictModel):
    """An exercise: the plan it is written for, the day it starts, its injects."""

    format: Literal["missionplan-exercise/1"] = FORMAT
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)
    title: str = ""
    plan: str = Field(description="Id of the plan the exercise is written for")
    starts: date = Field(description="The scenario day the exercise starts on (STARTEX)")
    synthetic: bool = Field(default=False,
                            description="True when its events and figures are made up")
    note: str = ""
    injects: list[Inject] = Field(min_length=1)

    def inject(self, inject_id: str) -> Inject:
        for inject in self.injects:
            if inject.id == inject_id:
                return inject
        raise KeyError(inject_id)


def plus(span: Duration, by: Duration) -> Duration:
    """``span`` lengthened by ``by`` (shortened when ``by`` is negative)."""
    return Duration(span.months + by.months, span.days + by.days, span.hours + by.hours)
