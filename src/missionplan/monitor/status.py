"""Progress against the criteria for success, as of any day, with the rule that decided.

An indicator's status comes from its headline series (see ``observations``):

* ``no-observation`` → **no data**: nothing observed on or before the day.
* ``no-target`` → **no data**: the indicator has no target to judge against.
* ``target-reached`` → **met**: the latest value is at or beyond the target.
* ``deadline-passed`` → **off track**: the deadline is before the day, target unmet.
* ``no-deadline`` → **on track** when the latest change moves towards the target
  (or holds), **at risk** when it moves away: there is no date to pace against.
* ``path`` → compare the latest value with the straight line from the baseline
  (value and date; the first observation when the plan gives none) to the
  target on the deadline. The shortfall is the gap to that line as a share of
  the whole distance from baseline to target: up to ``tolerance`` (10%) is
  **on track**, up to ``risk_band`` (25%) **at risk**, beyond that **off track**.

A criterion is **met** when every event that marks it has happened
(``events-happened``) or every indicator is met (``all-indicators-met``);
otherwise it takes its worst indicator (``worst-indicator``; worst first: off
track, at risk, no data, on track); with no indicators it has **no data**
(``no-indicator``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..model import Criterion, Indicator, Plan
from .dates import event_dates
from .observations import Observation, Point, Series, as_series

__all__ = ["CriterionStatus", "IndicatorStatus", "Rules", "Status", "criteria_status",
           "indicator_status"]


class Status(StrEnum):
    met = "met"
    on_track = "on track"
    at_risk = "at risk"
    off_track = "off track"
    no_data = "no data"


SEVERITY = {Status.met: 0, Status.on_track: 1, Status.no_data: 2, Status.at_risk: 3,
            Status.off_track: 4}


@dataclass(frozen=True, slots=True)
class Rules:
    """The tolerance bands of the ``path`` rule, as shares of baseline-to-target."""

    tolerance: float = 0.10
    risk_band: float = 0.25


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """Where one indicator stands on a day, the rule that decided, and its evidence."""

    indicator: str
    name: str
    unit: str
    status: Status
    rule: str
    reason: str
    latest: Point | None
    expected: float | None
    baseline: float | None
    target: float | None
    deadline: date | None
    observations: Series = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"indicator": self.indicator, "name": self.name, "unit": self.unit,
                "status": self.status.value, "rule": self.rule, "reason": self.reason,
                "latest": None if self.latest is None else
                {"date": self.latest[0].isoformat(), "value": self.latest[1]},
                "expected": self.expected, "baseline": self.baseline, "target": self.target,
                "deadline": None if self.deadline is None else self.deadline.isoformat(),
                "observations": [[d.isoformat(), v] for d, v in self.observations]}


@dataclass(frozen=True, slots=True)
class CriterionStatus:
    """Where one criterion for success stands on a day, and why."""

    criterion: str
    name: str
    status: Status
    rule: str
    reason: str
    indicators: list[IndicatorStatus] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"criterion": self.criterion, "name": self.name, "status": self.status.value,
                "rule": self.rule, "reason": self.reason,
                "indicators": [i.to_json() for i in self.indicators]}


Verdict = Callable[..., "IndicatorStatus"]
Observations = Mapping[str, Sequence[Point]] | Iterable[Observation]


def criteria_status(plan: Plan, observations: Observations, as_of: date, *,
                    rules: Rules | None = None,
                    dates: Mapping[str, date] | None = None) -> list[CriterionStatus]:
    """The status of every criterion for success in ``plan`` as of ``as_of``."""
    by_indicator = {s.indicator: s for s in indicator_status(plan, observations, as_of,
                                                             rules=rules, dates=dates)}
    actual = plan.actual_dates()
    return [_criterion(c, _indicators_of(plan, c), by_indicator, actual, as_of)
            for c in plan.criteria]


def indicator_status(plan: Plan, observations: Observations, as_of: date, *,
                     rules: Rules | None = None,
                     dates: Mapping[str, date] | None = None) -> list[IndicatorStatus]:
    """The status of every indicator in ``plan`` as of ``as_of``."""
    series = as_series(observations, as_of=as_of)
    known = dict(dates) if dates is not None else event_dates(plan)
    return [judge(ind, series.get(ind.id, []), as_of, rules=rules or Rules(),
                  deadline=_deadline(ind, known)) for ind in plan.indicators]


def _deadline(ind: Indicator, dates: Mapping[str, date]) -> date | None:
    if isinstance(ind.deadline, date):
        return ind.deadline
    return dates.get(ind.deadline) if ind.deadline else None


def _indicators_of(plan: Plan, c: Criterion) -> list[str]:
    ids = list(c.indicators)
    ids += [i.id for i in plan.indicators if i.criterion == c.id and i.id not in ids]
    return ids


def judge(ind: Indicator, series: Series, as_of: date, *, rules: Rules,
          deadline: date | None) -> IndicatorStatus:
    """One indicator's status from its headline series up to ``as_of``."""
    def verdict(status: Status, rule: str, reason: str,
                expected: float | None = None) -> IndicatorStatus:
        return IndicatorStatus(ind.id, ind.label(), ind.unit, status, rule, reason,
                               series[-1] if series else None, expected, ind.baseline,
                               ind.target, deadline, list(series))

    if not series:
        return verdict(Status.no_data, "no-observation", f"nothing observed by {as_of}")
    (day, value), target = series[-1], ind.target
    if target is None:
        return verdict(Status.no_data, "no-target", "the indicator has no target")
    sign = 1.0 if ind.direction == "up" else -1.0
    if sign * (value - target) >= 0:
        return verdict(Status.met, "target-reached",
                       f"{_num(value)} on {day} reaches the target {_num(target)}")
    if deadline is not None and deadline < as_of:
        return verdict(Status.off_track, "deadline-passed",
                       f"target {_num(target)} was due by {deadline}; latest {_num(value)}")
    if deadline is None:
        return _no_deadline(series, sign, verdict)
    return _path(ind, series, sign, deadline, rules, verdict)


def _path(ind: Indicator, series: Series, sign: float, deadline: date, rules: Rules,
          verdict: Verdict) -> IndicatorStatus:
    base_day = ind.baseline_date or series[0][0]
    base = ind.baseline if ind.baseline is not None else series[0][1]
    target = ind.target if ind.target is not None else base
    day, value = series[-1]
    span = (deadline - base_day).days
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (day - base_day).days / span))
    expected = base + (target - base) * share
    distance = abs(target - base) or 1.0
    shortfall = sign * (expected - value) / distance
    where = (f"{_num(value)} on {day} against {_num(expected)} expected on the line to "
             f"{_num(target)} by {deadline} ({shortfall:+.0%} of the way behind)")
    status = (Status.on_track if shortfall <= rules.tolerance else
              Status.at_risk if shortfall <= rules.risk_band else Status.off_track)
    return verdict(status, "path", where, expected)


def _no_deadline(series: Series, sign: float, verdict: Verdict) -> IndicatorStatus:
    change = series[-1][1] - series[-2][1] if len(series) > 1 else 0.0
    towards = sign * change >= 0
    return verdict(
        Status.on_track if towards else Status.at_risk, "no-deadline",
        f"no deadline date; the latest change ({change:+g}) moves "
        f"{'towards' if towards else 'away from'} the target")


def _criterion(c: Criterion, ids: list[str], by_indicator: Mapping[str, IndicatorStatus],
               actual: Mapping[str, date], as_of: date) -> CriterionStatus:
    parts = [by_indicator[i] for i in ids if i in by_indicator]
    if c.events and all(e in actual and actual[e] <= as_of for e in c.events):
        return CriterionStatus(c.id, c.label(), Status.met, "events-happened",
                               "every event that marks it has happened: "
                               + ", ".join(f"{e} on {actual[e]}" for e in c.events), parts)
    if not parts:
        return CriterionStatus(c.id, c.label(), Status.no_data, "no-indicator",
                               "no indicator measures it and its events have not happened")
    if all(p.status is Status.met for p in parts):
        return CriterionStatus(c.id, c.label(), Status.met, "all-indicators-met",
                               "every indicator has reached its target", parts)
    worst = max(parts, key=lambda p: SEVERITY[p.status])
    return CriterionStatus(c.id, c.label(), worst.status, "worst-indicator",
                           f"{worst.indicator}: {worst.reason}", parts)


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2f}"
