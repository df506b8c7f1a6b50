"""Risks and shared risk drivers, the uncertainty the Monte Carlo analysis samples."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Id, Item, StrictModel
from .core import UncertainDuration

__all__ = ["Correlation", "Driver", "Impact", "Risk"]


class Driver(Item):
    """A shared cause that moves several durations at once ('the rains start early').

    Each sample draws one factor from ``factor``; every duration that names the
    driver is multiplied by it.
    """

    factor: UncertainDuration | None = Field(
        default=None, description="Not used as a duration: min/likely/max read as factors")
    low: float = Field(default=1.0, gt=0, description="Least multiplier")
    likely: float = Field(default=1.0, gt=0, description="Most likely multiplier")
    high: float = Field(default=1.0, gt=0, description="Greatest multiplier")

    @model_validator(mode="after")
    def _ordered(self) -> Driver:
        if not self.low <= self.likely <= self.high:
            raise ValueError(f"driver factors must satisfy low <= likely <= high, got "
                             f"{self.low}, {self.likely}, {self.high}")
        return self


class Impact(StrictModel):
    """What a risk does when it occurs: delay an activity or event, or change a relation."""

    target: Id = Field(description="Id of the activity, event or relation affected")
    delay: UncertainDuration | None = Field(default=None, description="Added duration")
    set_min: str | None = Field(default=None, description="New relation min (duration)")
    set_max: str | None = Field(default=None, description="New relation max (duration)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        """``delay: 14d`` is a fixed delay, as ``duration: 14d`` is on an activity."""
        if isinstance(data, dict) and isinstance(data.get("delay"), str | int):
            data = {**data, "delay": {"distribution": "fixed", "likely": data["delay"]}}
        return data


class Risk(Item):
    """An uncertain event with a likelihood and an impact."""

    text: str = ""
    probability: float = Field(ge=0.0, le=1.0)
    impacts: list[Impact] = Field(default_factory=list)
    driver: Id | None = None
    assumption: Id | None = Field(default=None, description="The assumption it threatens")
    branch: Id | None = Field(default=None,
                              description="Plan item (e.g. a contingency) that applies if it "
                                          "occurs")


class Correlation(StrictModel):
    """A rank correlation between two uncertain durations (activity ids)."""

    a: Id
    b: Id
    rho: float = Field(ge=-1.0, le=1.0)
