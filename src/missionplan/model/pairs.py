"""``EVENT=YYYY-MM-DD`` pairs, as the command line and the web's what-ifs write dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

__all__ = ["event_dates"]


def event_dates(values: Iterable[str]) -> dict[str, date]:
    """Parse ``EVENT=YYYY-MM-DD`` pairs; ValueError says which one is wrong and why."""
    out: dict[str, date] = {}
    for value in values:
        event, sep, day = value.partition("=")
        if not sep:
            raise ValueError(f"'{value}' should be EVENT=YYYY-MM-DD")
        try:
            out[event.strip()] = date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"'{day}' is not a date (YYYY-MM-DD)") from None
    return out
