"""The simple temporal network of a plan: events as time points, bounds as weighted edges.

An edge ``u → v`` of weight ``w`` says ``x_v − x_u ≤ w`` (days). A relation or an activity
whose ``to − from`` lies in ``[lo, hi]`` gives ``from → to`` (``hi``) and ``to → from``
(``−lo``); a fixed date gives both edges between the origin (day 0) and the event.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from dateutil.relativedelta import relativedelta

from ..errors import UnknownItemError
from ..model import Duration, Plan, Relation, SourceRef
from ..model.base import Approval
from .edges import Bound, EdgeKind, EdgeRef, Reading, Role

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    IntArray: TypeAlias = Sequence[int] | npt.NDArray[np.int64]

__all__ = ["ORIGIN", "Network", "build_network", "span_bounds"]

ORIGIN = "@origin"
"""Name of the origin node (day 0); not a valid event id, so it never clashes."""

_BOTH: tuple[Bound, Bound] = ("min", "max")


@dataclass
class Network:
    """Nodes and edges as parallel sequences (lists for plans, numpy arrays for big ones).

    ``forward[e]`` is 1 when the edge runs in the plan's own direction (from the earlier
    event to the later one); the solver orders its sweeps by it.
    """

    names: Sequence[str]
    src: IntArray
    dst: IntArray
    weight: IntArray
    forward: IntArray
    refs: list[EdgeRef] = field(default_factory=list)
    origin: int | None = None
    origin_date: date | None = None
    readings: list[Reading] = field(default_factory=list)
    _index: dict[str, int] | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.names)

    @property
    def m(self) -> int:
        return len(self.src)

    def node(self, name: str) -> int:
        """The node index of an event; UnknownItemError if the network has no such event."""
        if self._index is None:
            self._index = {nm: i for i, nm in enumerate(self.names)}
        try:
            return self._index[name]
        except KeyError:
            raise UnknownItemError(f"no event has id '{name}'", code="unknown-event") from None

    def edge_label(self, e: int) -> str:
        if self.refs:
            return self.refs[e].item
        return f"{self.names[self.src[e]]}->{self.names[self.dst[e]]}"


def build_network(plan: Plan, *, reference: str | None = None) -> Network:
    """The network of a plan: approved relations, activities, anchors and actual dates."""
    return _Builder(plan).build(reference)


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        actuals = plan.actual_dates()
        self.fixed: dict[str, date] = {**plan.anchor_dates(), **actuals}
        self.actual_events = set(actuals)
        self.names: list[str] = plan.event_ids()
        self.index = {name: i for i, name in enumerate(self.names)}
        self.src: list[int] = []
        self.dst: list[int] = []
        self.weight: list[int] = []
        self.forward: list[int] = []
        self.refs: list[EdgeRef] = []
        self.readings: list[Reading] = []
        self.origin_date = self._origin_date()
        self.origin: int | None = None

    def _origin_date(self) -> date | None:
        days = list(self.fixed.values())
        for r in self._relations():
            days += [d for d in (r.not_before, r.not_after) if d is not None]
        return min(days) if days else None

    def _relations(self) -> list[Relation]:
        return [r for r in self.plan.relations if r.approval is Approval.approved]

    def build(self, reference: str | None) -> Network:
        if self.origin_date is not None:  # day 0 comes first, so plan order stays sorted
            self.origin = 0
            self.names.insert(0, ORIGIN)
            self.index = {name: i for i, name in enumerate(self.names)}
        for r in self._relations():
            self._relation(r)
        for a in self.plan.activities:
            if a.approval is Approval.approved:
                self._activity(a.id, a.start, a.end, a.duration, a.source)
        self._fixed_dates()
        if self.origin is None and self.names:
            self.origin = self._reference(reference)
        return Network(self.names, self.src, self.dst, self.weight, self.forward, self.refs,
                       self.origin, self.origin_date, self.readings, dict(self.index))

    def _reference(self, reference: str | None) -> int:
        if reference is not None:
            if reference not in self.index:
                raise UnknownItemError(f"no event has id '{reference}'", code="unknown-event")
            return self.index[reference]
        has_pred = {self.dst[e] if self.forward[e] else self.src[e] for e in range(len(self.src))}
        for i in range(len(self.names)):
            if i not in has_pred:
                return i
        return 0

    # -- edges -----------------------------------------------------------------------------

    def _node(self, name: str) -> int:
        if name not in self.index:
            raise UnknownItemError(f"no event has id '{name}'", code="unknown-event")
        return self.index[name]

    def _edge(self, ref: EdgeRef) -> None:
        to = self._node(ref.to)
        frm = self.origin if ref.frm is None else self._node(ref.frm)
        assert frm is not None
        tail, head = (frm, to) if ref.bound == "max" else (to, frm)
        self.src.append(tail)
        self.dst.append(head)
        self.weight.append(ref.weight)
        self.forward.append(1 if ref.bound == "max" else 0)
        self.refs.append(ref)

    def _relation(self, r: Relation) -> None:
        if r.from_ is None:
            self._calendar(r)
            return
        lo, hi = r.bounds()
        role = Role.target if r.is_target else Role.logic
        for bound, dur in zip(_BOTH, (lo, hi), strict=True):
            if dur is not None:
                days = self._days(r.id, r.from_, dur, bound)
                self._edge(EdgeRef(r.id, EdgeKind.relation, bound, str(dur), days, r.source,
                                   r.from_, r.to, role))

    def _calendar(self, r: Relation) -> None:
        assert self.origin_date is not None
        role = Role.target if r.is_target else Role.logic
        for bound, day in zip(_BOTH, (r.not_before, r.not_after), strict=True):
            if day is not None:
                self._edge(EdgeRef(r.id, EdgeKind.calendar, bound, day.isoformat(),
                                   (day - self.origin_date).days, r.source, None, r.to, role))

    def _activity(self, item: str, start: str, end: str, duration: object,
                  source: SourceRef | None) -> None:
        from ..model import UncertainDuration

        lo: Duration | None = Duration(text="0d")
        hi: Duration | None = None
        if isinstance(duration, UncertainDuration):
            lo, hi = duration.bounds()
        for bound, dur in zip(_BOTH, (lo, hi), strict=True):
            if dur is not None:
                days = self._days(item, start, dur, bound)
                self._edge(EdgeRef(item, EdgeKind.activity, bound, str(dur), days, source,
                                   start, end, Role.estimate))

    def _fixed_dates(self) -> None:
        dated = [(EdgeKind.anchor, a.event, a.date) for a in self.plan.anchors
                 if a.event not in self.actual_events]  # an actual date replaces the estimate
        dated += [(EdgeKind.actual, a.event, a.date) for a in self.plan.actuals]
        for kind, event, day in dated:
            assert self.origin_date is not None
            days = (day - self.origin_date).days
            item = f"{kind.value}:{event}"
            role = Role.anchor if kind is EdgeKind.anchor else Role.fact
            for bound in _BOTH:
                self._edge(EdgeRef(item, kind, bound, day.isoformat(), days, None, None,
                                   event, role))

    def _days(self, item: str, frm: str, dur: Duration, bound: Bound) -> int:
        """Whole days for a bound: exact once ``frm`` is dated, else the safe reading."""
        if dur.months == 0 and dur.hours == 0:
            return dur.days
        start = self.fixed.get(frm)
        if start is not None:
            months = ((start + relativedelta(months=dur.months)) - start).days
            extra = dur.days + dur.hours / 24
            return months + (math.floor(extra) if bound == "max" else math.ceil(extra))
        lo, hi = span_bounds(dur)
        days = lo if bound == "max" else hi
        side = "an upper" if bound == "max" else "a lower"
        span = "shortest" if bound == "max" else "longest"
        why = (f"{frm} has no date yet, so as {side} bound '{dur}' is read as its {span} "
               f"span, {days} days (it spans {lo} to {hi})")
        self.readings.append(Reading(item, bound, str(dur), days, why))
        return days


def span_bounds(dur: Duration) -> tuple[int, int]:
    """The fewest and the most whole days ``dur`` can span (as ``Duration.day_bounds``)."""
    lo_m, hi_m = _month_bounds(abs(dur.months)) if dur.months else (0, 0)
    if dur.months < 0:
        lo_m, hi_m = -hi_m, -lo_m
    extra = dur.days + dur.hours / 24
    return math.floor(lo_m + extra), math.ceil(hi_m + extra)


@cache
def _month_bounds(months: int) -> tuple[int, int]:
    """Shortest and longest span of ``months`` calendar months in days, by arithmetic.

    Within a month every start day up to the 28th gives the same span, so the starts
    1, 29, 30 and 31 of every month over a leap cycle and a century year cover them all.
    """
    spans = set()
    for year in (*range(2000, 2008), *range(2096, 2104)):
        for month in range(1, 13):
            length = calendar.monthrange(year, month)[1]
            y2, m2 = divmod(month - 1 + months, 12)
            y2, m2 = year + y2, m2 + 1
            end_length = calendar.monthrange(y2, m2)[1]
            for day in (1, 29, 30, 31):
                if day <= length:
                    end = date(y2, m2, min(day, end_length))
                    spans.add((end - date(year, month, day)).days)
    return min(spans), max(spans)
