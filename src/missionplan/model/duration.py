"""Durations as people write them: ``14d``, ``3w``, ``6mo``, ``2y``, ``72h``, ``P14D``.

A :class:`Duration` keeps calendar months apart from days, because a month is
not a fixed number of days: once the event it counts from has a date, months
and years are calendar arithmetic (31 January + 1 month is the last day of
February); before that, :meth:`Duration.day_bounds` gives the shortest and the
longest number of days the duration can span, and the engine uses the one
that is safe.
"""

from __future__ import annotations

import math
import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

__all__ = ["Duration", "DurationError", "DurationField", "parse_duration"]

_UNIT_WORDS = {"h": "hours", "d": "days", "w": "weeks", "mo": "months", "y": "years"}
_SHORT = re.compile(r"^\s*([+-]?)\s*(\d+)\s*(h|d|w|mo|y)\s*$")
_ISO = re.compile(
    r"^([+-]?)P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?)?$"
)
PATTERN = r"^[+-]?\s*\d+\s*(h|d|w|mo|y)$|^[+-]?P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T\d+H)?$"


@dataclass(frozen=True, slots=True)
class Duration:
    """A signed span of calendar months, days and hours."""

    months: int = 0
    days: int = 0
    hours: int = 0
    text: str = field(default="", compare=False)

    @property
    def is_calendar(self) -> bool:
        """True when the span's length in days depends on where it starts."""
        return self.months != 0

    def day_bounds(self) -> tuple[int, int]:
        """The fewest and the most whole days this span can cover, over all start dates."""
        lo_m, hi_m = _month_day_bounds(abs(self.months)) if self.months else (0, 0)
        if self.months < 0:
            lo_m, hi_m = -hi_m, -lo_m
        extra = self.days + self.hours / 24
        return math.floor(lo_m + extra), math.ceil(hi_m + extra)

    def exact_days(self) -> int | None:
        """The length in days when it does not depend on the calendar, else None."""
        lo, hi = self.day_bounds()
        return lo if lo == hi else None

    def add_to(self, start: date) -> date:
        """Calendar arithmetic: the date this span after ``start`` (hours round up)."""
        end = _add_months(start, self.months) if self.months else start
        whole_days = self.days + math.ceil(self.hours / 24) if self.hours > 0 else (
            self.days + math.floor(self.hours / 24)
        )
        return end + timedelta(days=whole_days)

    def days_from(self, start: date) -> int:
        """The number of days this span covers when it starts on ``start``."""
        return (self.add_to(start) - start).days

    def __neg__(self) -> Duration:
        return Duration(-self.months, -self.days, -self.hours)

    def __str__(self) -> str:
        if self.text:
            return self.text
        return _canonical(self)

    def describe(self) -> str:
        """Plain words: ``3 months``, ``14 days``."""
        parts = []
        years, months = divmod(abs(self.months), 12)
        for amount, word in ((years, "year"), (months, "month"), (abs(self.days), "day"),
                             (abs(self.hours), "hour")):
            if amount:
                parts.append(f"{amount} {word}{'s' if amount != 1 else ''}")
        sign = "minus " if min(self.months, self.days, self.hours) < 0 else ""
        return sign + (" ".join(parts) if parts else "0 days")


def _canonical(d: Duration) -> str:
    sign = "-" if min(d.months, d.days, d.hours) < 0 else ""
    m, dd, h = abs(d.months), abs(d.days), abs(d.hours)
    if m and not dd and not h:
        return f"{sign}{m // 12}y" if m % 12 == 0 else f"{sign}{m}mo"
    if dd and not m and not h:
        return f"{sign}{dd // 7}w" if dd % 7 == 0 else f"{sign}{dd}d"
    if h and not m and not dd:
        return f"{sign}{h}h"
    iso = "P" + (f"{m}M" if m else "") + (f"{dd}D" if dd else "") + (f"T{h}H" if h else "")
    return sign + (iso if iso != "P" else "0d")


def _add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, the last day of a shorter month standing in for a missing one."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


@cache
def _month_day_bounds(months: int) -> tuple[int, int]:
    """Shortest and longest span of ``months`` calendar months, in days.

    A start on day 2 to 28 spans as many days as a start on day 1 of the same
    month, so days 1 and 29 to 31 of every month stand for all starts. Years
    2000–2007 and 2096–2103 hold every pattern of leap years, 2100 (a century
    that is not a leap year) included.
    """
    spans = set()
    for year in (*range(2000, 2008), *range(2096, 2104)):
        for month in range(1, 13):
            for day in (1, 29, 30, 31):
                if day > monthrange(year, month)[1]:
                    continue
                start = date(year, month, day)
                spans.add((_add_months(start, months) - start).days)
    return min(spans), max(spans)


class DurationError(ValueError):
    """A duration that cannot be read."""


def parse_duration(value: object) -> Duration:
    """Read a duration as people write it; plain words are not guessed at."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DurationError(f"expected a duration such as '14d', '3w', '6mo', '2y' or 'P14D', "
                            f"got {type(value).__name__}")
    if isinstance(value, int):
        raise DurationError(f"'{value}' has no unit: write '{value}d', '{value}w', "
                            f"'{value}mo' or '{value}y'")
    text = value.strip()
    short = _SHORT.match(text)
    if short:
        sign = -1 if short.group(1) == "-" else 1
        amount = int(short.group(2)) * sign
        unit = short.group(3)
        fields = {"h": (0, 0, amount), "d": (0, amount, 0), "w": (0, 7 * amount, 0),
                  "mo": (amount, 0, 0), "y": (12 * amount, 0, 0)}[unit]
        return Duration(*fields, text=text.replace(" ", ""))
    iso = _ISO.match(text)
    if iso:
        sign = -1 if iso.group(1) == "-" else 1
        y, m, w, d, h = (int(g) if g else 0 for g in iso.groups()[1:])
        return Duration(sign * (12 * y + m), sign * (7 * w + d), sign * h, text=text)
    raise DurationError(f"'{text}' is not a duration: write a number and a unit "
                        f"(h, d, w, mo, y) such as '14d' or '6mo', or ISO 8601 such as 'P14D'")


def _validate(value: Any) -> Duration:
    return parse_duration(value)


DurationField = Annotated[
    Duration,
    BeforeValidator(_validate),
    PlainSerializer(lambda d: str(d), return_type=str),
    WithJsonSchema({"type": "string", "pattern": PATTERN,
                    "description": "A duration: 14d, 3w, 6mo, 2y, 72h or ISO 8601 (P14D)",
                    "examples": ["14d", "3w", "6mo", "P14D"]}),
]
"""A pydantic field type that reads and writes durations as text."""

UNIT_WORDS = _UNIT_WORDS
