"""Dates of events, for indicator deadlines: one small seam to switch to ``temporal``.

When :mod:`missionplan.temporal` is present, an event's date is the latest day
of its window (``analyse(plan).windows[event].latest``), since a deadline is
met as long as the target is reached by then. Until it lands, dates come from
the plan's anchors and actual dates, carried forward along relations with an
upper bound (``to`` no later than ``from`` + ``max``) and calendar bounds
(``not_after``).
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from ..model import Plan

__all__ = ["event_dates"]


def event_dates(plan: Plan) -> dict[str, date]:
    """The date of every event that can be dated: actual, anchored, or latest allowed."""
    dates = _from_temporal(plan)
    if dates is None:
        dates = _from_anchors(plan)
    dates.update(plan.anchor_dates())
    dates.update(plan.actual_dates())
    return dates


def _from_temporal(plan: Plan) -> dict[str, date] | None:
    try:
        temporal: Any = importlib.import_module("missionplan.temporal")
        result = temporal.analyse(plan)
        out: dict[str, date] = {}
        for event, window in result.windows.items():
            if window.latest is not None:
                day = result.date_of(window.latest)
                if isinstance(day, date):
                    out[event] = day
        return out
    except Exception:  # temporal absent or not yet able to date this plan
        return None


def _from_anchors(plan: Plan) -> dict[str, date]:
    dates = {**plan.anchor_dates(), **plan.actual_dates()}
    for r in plan.relations:
        if r.from_ is None and r.not_after is not None and r.to not in dates:
            dates[r.to] = r.not_after
    changed = True
    while changed:
        changed = False
        for r in plan.relations:
            hi = r.bounds()[1]
            if r.from_ is not None and r.from_ in dates and r.to not in dates and hi is not None:
                dates[r.to] = hi.add_to(dates[r.from_])
                changed = True
    return dates
