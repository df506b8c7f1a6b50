"""Resources the plan's activities share: planners, teams, aircraft, sites, money.

A resource has a capacity (units available at once) that a calendar of changes may raise
or lower for a while ("two more planners once the mission HQ exists"); an activity's
``demands`` say how many units of which resources it holds while it runs.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from .base import Id, Item, StrictModel

__all__ = ["CapacityChange", "Closure", "Demand", "Resource", "ResourceKind"]


class ResourceKind(StrEnum):
    people = "people"
    team = "team"
    aircraft = "aircraft"
    site = "site"
    budget = "budget"
    other = "other"


Moment = date | Id
"""A calendar date, or the id of an event (the change follows the event's date)."""


class CapacityChange(StrictModel):
    """Units added (or, negative, taken away) from ``from`` until ``until`` (open: for good)."""

    from_: Moment | None = Field(default=None, alias="from",
                                 description="Date or event id the change starts at "
                                             "(omit: from the start)")
    until: Moment | None = Field(default=None,
                                 description="Date or event id the change ends at "
                                             "(omit: for good)")
    add: int = Field(description="Units added (negative: taken away) over the period")
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> CapacityChange:
        if self.from_ is None and self.until is None:
            raise ValueError("a capacity change needs 'from' or 'until' (else change the "
                             "capacity itself)")
        if isinstance(self.from_, date) and isinstance(self.until, date) and \
                self.from_ >= self.until:
            raise ValueError(f"from ({self.from_}) is not before until ({self.until})")
        return self

    def events(self) -> list[str]:
        """The event ids the period is bounded by."""
        return [m for m in (self.from_, self.until) if isinstance(m, str)]


class Closure(StrictModel):
    """Days the resource does not work (a holiday, a stand-down): from ``from`` up to the
    day before ``until``. An activity holding it cannot run across them."""

    from_: date = Field(alias="from", description="First day closed")
    until: date = Field(description="First day open again")
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.from_ >= self.until:
            raise ValueError(f"from ({self.from_}) is not before until ({self.until})")
        return self


class Resource(Item):
    """Something finite the activities share: its units available at once, over time."""

    kind: ResourceKind = ResourceKind.other
    capacity: int = Field(ge=0, description="Units available at once")
    unit: str = Field(default="", description="What one unit is: a planner, a helicopter")
    changes: list[CapacityChange] = Field(default_factory=list,
                                          description="Periods of more or fewer units")
    closed: list[Closure] = Field(default_factory=list,
                                  description="Non-working days: no activity holding the "
                                              "resource runs across them")
    basis: str = Field(default="", description="Where the numbers come from")

    @model_validator(mode="after")
    def _never_negative(self) -> Resource:
        least = self.capacity + sum(c.add for c in self.changes if c.add < 0)
        if least < 0:
            raise ValueError(f"the changes could take the capacity below 0 ({least} units)")
        return self

    def peak(self) -> int:
        """The most units the resource can ever have at once."""
        return self.capacity + sum(c.add for c in self.changes if c.add > 0)


class Demand(StrictModel):
    """Units of one resource an activity holds from its start to its end."""

    resource: Id = Field(description="Id of the resource")
    amount: int = Field(default=1, ge=0, description="Units held while the activity runs")
    note: str = ""
