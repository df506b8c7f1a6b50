"""When each event can happen at the earliest, as of a day.

Events happen as early as the relations allow: a fixed date (anchor or actual)
stays put; an event that has not happened cannot happen before the day the
schedule is drawn up; every lower bound ``to − from ≥ min`` pushes ``to`` and
every upper bound ``to − from ≤ max`` pushes ``from`` (``from ≥ to − max``).
Arithmetic is on the calendar, so months count as the months they are.

Each projected date remembers the edge that set it, so the chain of relations
that drives a date (its critical chain) can be walked back to a fixed date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Duration, Plan

__all__ = ["Projection", "Push", "project"]


@dataclass(frozen=True, slots=True)
class Push:
    """An edge of the projection: ``target`` is no earlier than ``origin`` + ``offset``."""

    item: str
    origin: str
    target: str
    offset: Duration
    reversed: bool  # True when it comes from an upper bound read backwards


@dataclass(frozen=True, slots=True)
class Projection:
    dates: dict[str, date]
    cause: dict[str, Push | None]  # None: fixed date or the day's floor
    dropped_upper_bounds: bool

    def chain(self, event: str) -> list[Push]:
        """The pushes that set ``event``'s projected date, earliest first."""
        out: list[Push] = []
        seen: set[str] = set()
        current = event
        while current not in seen:
            seen.add(current)
            push = self.cause.get(current)
            if push is None:
                break
            out.append(push)
            current = push.origin
        return list(reversed(out))


def _pushes(plan: Plan, *, with_upper: bool) -> Iterator[Push]:
    for rel in plan.relations:
        if rel.approval != "approved" or rel.from_ is None:
            continue
        lo, hi = rel.bounds()
        if lo is not None:
            yield Push(rel.id, rel.from_, rel.to, lo, False)
        if hi is not None and with_upper:
            yield Push(rel.id, rel.to, rel.from_, -hi, True)
    for act in plan.activities:
        if act.approval != "approved" or act.duration is None:
            continue
        lo, hi = act.duration.bounds()
        yield Push(act.id, act.start, act.end, lo or Duration(), False)
        if hi is not None and with_upper:
            yield Push(act.id, act.end, act.start, -hi, True)


def project(plan: Plan, *, as_of: date, fixed: dict[str, date]) -> Projection:
    """The earliest date of every event reachable from a fixed date, as of ``as_of``."""
    result = _relax(plan, as_of=as_of, fixed=fixed, with_upper=True)
    if result is not None:
        return result
    fallback = _relax(plan, as_of=as_of, fixed=fixed, with_upper=False)
    assert fallback is not None, "lower bounds alone cannot cycle upward without a conflict"
    return fallback


def _relax(plan: Plan, *, as_of: date, fixed: dict[str, date],
           with_upper: bool) -> Projection | None:
    pushes = list(_pushes(plan, with_upper=with_upper))
    calendar_floor = {r.to: r.not_before for r in plan.relations
                      if r.not_before is not None and r.approval == "approved"}
    dates: dict[str, date] = dict(fixed)
    cause: dict[str, Push | None] = dict.fromkeys(fixed)
    for event, floor in calendar_floor.items():
        if event not in fixed and floor is not None:
            dates[event] = floor
            cause[event] = None
    for _ in range(len(plan.events) + 1):
        changed = False
        for push in pushes:
            start = dates.get(push.origin)
            if start is None or push.target in fixed:
                continue
            candidate = max(push.offset.add_to(start), as_of)
            if push.target not in dates or candidate > dates[push.target]:
                dates[push.target] = candidate
                cause[push.target] = push
                changed = True
        if not changed:
            return Projection(dates, cause, dropped_upper_bounds=not with_upper)
    if not with_upper:
        # Lower bounds that keep pushing form a cycle of positive length: a conflict the
        # temporal engine reports. Keep the dates reached so far.
        return Projection(dates, cause, dropped_upper_bounds=True)
    return None
