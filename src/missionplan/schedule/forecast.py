"""When each event is expected to happen, as of a day: the forecast.

Facts (actual dates) and anchors stay put. From them, each event is expected at the
most likely time the plan gives: an activity takes its most likely duration (the mode
of a range, the median of a lognormal or of observed values, the middle of a uniform
one); a relation's least bound pushes its later event (``to ≥ from + min``), and a
logic relation's upper bound pushes its earlier one (``from ≥ to − max``: 'one week
prior to'). A target's upper bound pushes nothing: a deadline is judged against the
forecast, it does not move it. An event that nothing dated leads to is dated back from
what follows it (``from = to − duration``).

An event that has not happened cannot happen before the day the forecast is made,
unless the plan's logic says it must already have happened: it comes before something
that did. Then it is expected no later than that, and flagged as unrecorded.

Each date remembers the push that set it, so the chain of relations that drives a date
(its critical chain) can be walked back to a fact or an anchor.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..model import Duration, Plan, UncertainDuration
from ..temporal.facts import dated_back, latest_by_logic

__all__ = ["Forecast", "Push", "forecast", "most_likely"]


@dataclass(frozen=True, slots=True)
class Push:
    """An edge of the forecast: ``target`` is no earlier than ``origin`` + ``offset``."""

    item: str
    origin: str
    target: str
    offset: Duration
    reversed: bool  # True when it comes from an upper bound read backwards


@dataclass(frozen=True, slots=True)
class Forecast:
    """Expected dates, what set each, and the events logic says must already be done."""

    dates: dict[str, date]
    cause: dict[str, Push | None]  # None: a fact, an anchor or the day's floor
    unrecorded: dict[str, date] = field(default_factory=dict)  # must have happened by
    cyclic: bool = False

    def chain(self, event: str) -> list[Push]:
        """The pushes that set ``event``'s expected date, earliest first."""
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


def most_likely(duration: UncertainDuration | None) -> Duration:
    """The most likely value of a duration (zero when the plan gives none)."""
    return duration.most_likely() if duration is not None else Duration()


def _pushes(plan: Plan) -> Iterator[Push]:
    for rel in plan.relations:
        if rel.approval != "approved" or rel.from_ is None:
            continue
        lo, hi = rel.bounds()
        if lo is not None:
            yield Push(rel.id, rel.from_, rel.to, lo, False)
        if hi is not None and not rel.is_target:
            yield Push(rel.id, rel.to, rel.from_, -hi, True)
    for act in plan.activities:
        if act.approval == "approved":
            yield Push(act.id, act.start, act.end, most_likely(act.duration), False)


Windows = Mapping[str, tuple[date | None, date | None]]
"""Each event's earliest and latest date as the plan and the facts allow (the temporal
engine's windows)."""


def forecast(plan: Plan, *, as_of: date, fixed: dict[str, date],
             windows: Windows | None = None) -> Forecast:
    """The expected date of every event that can be dated, as of ``as_of``; with
    ``windows``, never before an event's earliest date, and an event dated back from
    what follows it within its window."""
    pushes = list(_pushes(plan))
    bound = _Bounds(as_of, latest_by_logic(plan, fixed),
                    {e: w[0] for e, w in (windows or {}).items() if w[0] is not None})
    floors = {r.to: r.not_before for r in plan.relations
              if r.not_before is not None and r.approval == "approved" and r.to not in fixed}
    dates: dict[str, date] = dict(fixed)
    cause: dict[str, Push | None] = dict.fromkeys(fixed)
    for event, floor in floors.items():
        if floor is not None:
            dates[event] = bound(floor, event)
            cause[event] = None
    for event, day in dated_back(plan, fixed).items():
        latest = (windows or {}).get(event, (None, None))[1]
        dates[event] = bound(min(day, latest) if latest is not None else day, event)
        cause[event] = None
    cyclic = not _relax(pushes, dates, cause, fixed, bound, len(plan.events))
    unrecorded = {e: bound.caps[e] for e in dates if e not in fixed and e in bound.caps
                  and bound.caps[e] <= as_of}
    return Forecast(dates, cause, unrecorded, cyclic)


@dataclass(frozen=True, slots=True)
class _Bounds:
    """Where an expected date may fall: not before the day it is forecast on (the event
    has not happened) nor its earliest date, and no later than the plan's logic allows;
    an event logic says is already past keeps its own date, capped."""

    as_of: date
    caps: dict[str, date]
    earliest: dict[str, date]

    def __call__(self, day: date, event: str) -> date:
        floor = self.earliest.get(event)
        day = max(day, floor) if floor is not None else day
        cap = self.caps.get(event)
        if cap is not None and cap <= self.as_of:
            return min(day, cap)
        day = max(day, self.as_of)
        return min(day, cap) if cap is not None else day


def _relax(pushes: list[Push], dates: dict[str, date], cause: dict[str, Push | None],
           fixed: dict[str, date], bound: _Bounds, n: int) -> bool:
    """Push dates forward until nothing moves; False when pushes go round a loop."""
    for _ in range(n + 1):
        changed = False
        for push in pushes:
            start = dates.get(push.origin)
            if start is None or push.target in fixed:
                continue
            candidate = bound(push.offset.add_to(start), push.target)
            if push.target not in dates or candidate > dates[push.target]:
                dates[push.target] = candidate
                cause[push.target] = push
                changed = True
        if not changed:
            return True
    return False
