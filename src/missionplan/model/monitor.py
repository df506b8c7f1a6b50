"""Indicators: what is measured against the criteria for success."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .base import Id, Item

__all__ = ["Indicator"]


class Indicator(Item):
    """A measured quantity with baseline, target, unit and direction."""

    unit: str = ""
    baseline: float | None = None
    baseline_date: date | None = None
    target: float | None = None
    direction: Literal["up", "down"] = "up"
    deadline: Id | date | None = Field(default=None,
                                       description="Event id or date by which the target is due")
    criterion: Id | None = None
    hxl: str | None = Field(default=None, description="HXL hashtag, e.g. #indicator+num")
