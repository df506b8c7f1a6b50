"""Courses of action: the options for the structure, size and concept of the operation
that the planning team compares before it recommends one."""

from __future__ import annotations

from pydantic import Field

from .base import Item

__all__ = ["CourseOfAction"]


class CourseOfAction(Item):
    """One option, as changes to the plan's deployment: another force (its size and
    arrival dates), another lift, units held back to a later phase, another threshold."""

    text: str = Field(default="", description="The option in a sentence or two")
    force: str | None = Field(default=None,
                              description="Force file in place of deployment.force")
    lift: str | None = Field(default=None, description="Lift file in place of deployment.lift")
    late_units: dict[str, int] = Field(
        default_factory=dict,
        description="Phasing: unit id -> days it comes later than its force file says")
    threshold: float | None = Field(default=None, gt=0, le=1,
                                    description="Share of the force that counts as deployed")
    recommended: bool = Field(default=False,
                              description="The planning team's recommendation")
    reasons: str = Field(default="", description="Why the team recommends it")
