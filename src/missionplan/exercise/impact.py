"""What an inject broke: the plan's answers just before it and just after, on its day.

Both sides are read as of the same day (the scenario day it was due), so the difference
is the inject's alone, not the passing of time: criteria whose status or forecast
moved, the odds that fell or rose (both runs drawn with the same seed, so that the
same worlds are compared), deadlines now late or at risk, and the deployment date the
movement plan gives, when an effect touched roads, units or seasons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Plan
from ..monitor.observations import Series
from ..outlook import build_outlook
from ..outlook.analyses import run_deployment, run_risk
from ..schedule import Status, build_schedule

__all__ = ["CriterionChange", "DeadlineChange", "Impact", "measure"]

IMPACT_SAMPLES = 400


def _rank(status: str) -> int:
    """Worse is higher (the schedule's order of statuses); an unknown one in the middle."""
    try:
        return Status(status).severity
    except ValueError:
        return Status.not_reachable.severity


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text else None


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """One criterion before and after: status, forecast of its judged event, odds."""

    id: str
    name: str
    before: str
    after: str
    forecast_before: date | None
    forecast_after: date | None
    odds_before: float | None
    odds_after: float | None
    why: str = ""

    @property
    def slip_days(self) -> int:
        """Days its forecast moved later (negative: earlier; 0 when either is unknown)."""
        if self.forecast_before is None or self.forecast_after is None:
            return 0
        return (self.forecast_after - self.forecast_before).days

    @property
    def odds_change(self) -> float | None:
        if self.odds_before is None or self.odds_after is None:
            return None
        return self.odds_after - self.odds_before

    @property
    def worse(self) -> bool:
        change = self.odds_change
        return (_rank(self.after) > _rank(self.before) or self.slip_days > 0
                or (change is not None and change <= -0.01))

    def sentence(self) -> str:
        parts = []
        if self.before != self.after:
            parts.append(f"{_word(self.before)} → {_word(self.after)}")
        if self.slip_days:
            parts.append(f"forecast {self.forecast_before} → {self.forecast_after} "
                         f"({self.slip_days:+d} days)")
        change = self.odds_change
        if change is not None and abs(change) >= 0.01:
            assert self.odds_before is not None and self.odds_after is not None
            parts.append(f"odds {self.odds_before:.0%} → {self.odds_after:.0%}")
        return f"{self.name}: " + ("; ".join(parts) if parts else "unchanged")

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "before": self.before, "after": self.after,
                "forecast_before": _iso(self.forecast_before),
                "forecast_after": _iso(self.forecast_after), "slip_days": self.slip_days,
                "odds_before": self.odds_before, "odds_after": self.odds_after,
                "why": self.why}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CriterionChange:
        return cls(data["id"], data["name"], data["before"], data["after"],
                   _day(data.get("forecast_before")), _day(data.get("forecast_after")),
                   data.get("odds_before"), data.get("odds_after"), data.get("why", ""))


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    """A deadline whose status changed, or whose forecast moved."""

    id: str
    text: str
    before: str
    after: str
    forecast_before: date | None
    forecast_after: date | None
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "before": self.before, "after": self.after,
                "forecast_before": _iso(self.forecast_before),
                "forecast_after": _iso(self.forecast_after), "reason": self.reason}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeadlineChange:
        return cls(data["id"], data["text"], data["before"], data["after"],
                   _day(data.get("forecast_before")), _day(data.get("forecast_after")),
                   data.get("reason", ""))


@dataclass(frozen=True, slots=True)
class Impact:
    """What one inject changed in the answers, as of the day it was delivered."""

    as_of: date
    criteria: list[CriterionChange] = field(default_factory=list)
    deadlines: list[DeadlineChange] = field(default_factory=list)
    deployed_before: date | None = None
    deployed_after: date | None = None
    deployment_run: bool = False
    samples: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def broke(self) -> list[DeadlineChange]:
        """Deadlines now late or at risk that were not before."""
        return [d for d in self.deadlines if d.after in ("late", "at_risk")
                and _rank(d.after) > _rank(d.before)]

    @property
    def worse(self) -> list[CriterionChange]:
        return [c for c in self.criteria if c.worse]

    @property
    def cost_days(self) -> int:
        """The most days any criterion's forecast moved later (0 when none did)."""
        return max([0, *(c.slip_days for c in self.criteria)])

    @property
    def odds_cost(self) -> float:
        """The most any criterion's odds fell, as a share (0 when none fell)."""
        falls = [-(c.odds_change or 0.0) for c in self.criteria]
        return max([0.0, *falls])

    @property
    def deployment_slip(self) -> int | None:
        if self.deployed_before is None or self.deployed_after is None:
            return None
        return (self.deployed_after - self.deployed_before).days

    def sentences(self) -> list[str]:
        """What it broke, in words, worst first; one line saying so when nothing moved."""
        out = [f"Now {d.after.replace('_', ' ')}: {d.text}"
               + (f" (forecast {d.forecast_after})" if d.forecast_after else "")
               for d in self.broke]
        out += [c.sentence() for c in sorted(self.criteria, key=lambda c: (
            -c.slip_days, c.odds_change or 0.0)) if c.worse or c.before != c.after]
        if self.deployment_run:
            if self.deployed_before != self.deployed_after:
                out.append(f"Deployment: {self.deployed_before or 'not reached'} → "
                           f"{self.deployed_after or 'not reached'}"
                           + (f" ({self.deployment_slip:+d} days)" if self.deployment_slip
                              else ""))
            else:
                out.append(f"Deployment: unchanged ({self.deployed_after or 'not reached'})")
        return out or list(self.notes) or ["No criterion, deadline or odds moved."]

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(),
                "criteria": [c.to_json() for c in self.criteria],
                "deadlines": [d.to_json() for d in self.deadlines],
                "broke": [d.id for d in self.broke],
                "cost_days": self.cost_days, "odds_cost": round(self.odds_cost, 4),
                "deployment": None if not self.deployment_run else {
                    "before": _iso(self.deployed_before), "after": _iso(self.deployed_after),
                    "slip_days": self.deployment_slip},
                "samples": self.samples, "notes": list(self.notes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Impact:
        deployment = data.get("deployment")
        return cls(date.fromisoformat(data["as_of"]),
                   [CriterionChange.from_json(c) for c in data.get("criteria", [])],
                   [DeadlineChange.from_json(d) for d in data.get("deadlines", [])],
                   _day(deployment.get("before")) if deployment else None,
                   _day(deployment.get("after")) if deployment else None,
                   deployment is not None, int(data.get("samples", 0)),
                   list(data.get("notes", [])))


@dataclass(frozen=True, slots=True)
class _Answers:
    criteria: dict[str, tuple[str, str, date | None, float | None, str]]
    deadlines: dict[str, tuple[str, str, date | None, str]]
    deployed: date | None
    note: str


def measure(before: Plan, after: Plan, *, as_of: date, samples: int = IMPACT_SAMPLES,
            seed: int = 0, deployment: bool = False,
            series: tuple[Mapping[str, Series], Mapping[str, Series]] | None = None,
            progress: Callable[[str, float], None] | None = None) -> Impact:
    """The impact of going from ``before`` to ``after`` (plans with their dates), both read
    as of ``as_of``: ``samples`` simulated worlds each (none: no odds), the movement plan
    when ``deployment``, the indicators' verdicts on the headline ``series`` before and
    after (when given)."""
    first = _answers(before, as_of, samples, seed, deployment, progress,
                     series[0] if series else None)
    second = _answers(after, as_of, samples, seed, deployment, progress,
                      series[1] if series else None)
    criteria = []
    for cid, (name, status, forecast, odds, why) in second.criteria.items():
        was = first.criteria.get(cid, (name, "unknown", None, None, ""))
        criteria.append(CriterionChange(cid, name, was[1], status, was[2], forecast, was[3],
                                        odds, why))
    deadlines = []
    for did, (text, status, forecast, reason) in second.deadlines.items():
        was_text, was_status, was_forecast, _ = first.deadlines.get(
            did, (text, "unknown", None, ""))
        if (was_status, was_forecast) != (status, forecast):
            deadlines.append(DeadlineChange(did, text or was_text, was_status, status,
                                            was_forecast, forecast, reason))
    notes = [n for n in (first.note, second.note) if n]
    return Impact(as_of, criteria, deadlines, first.deployed, second.deployed, deployment,
                  samples, list(dict.fromkeys(notes)))


def _answers(plan: Plan, as_of: date, samples: int, seed: int, deployment: bool,
             progress: Callable[[str, float], None] | None,
             series: Mapping[str, Series] | None) -> _Answers:
    from ..errors import MissionplanError
    from ..monitor import criteria_status, event_dates

    schedule = build_schedule(plan, as_of=as_of)
    risk = moved = None
    note = ""
    if samples:
        try:
            risk = run_risk(schedule.plan, samples=samples, seed=seed, as_of=as_of,
                            progress=progress)
        except MissionplanError as exc:
            note = f"No odds: {exc}"
    if deployment:
        try:
            moved = run_deployment(schedule.plan, schedule, progress=progress)
        except MissionplanError as exc:
            note = f"No deployment estimate: {exc}"
    monitoring = None if series is None else criteria_status(
        schedule.plan, dict(series), as_of, dates=event_dates(schedule.plan))
    outlook = build_outlook(schedule.plan, schedule, risk=risk, deployment=moved,
                            monitoring=monitoring)
    names = {e.id: e.label() for e in schedule.plan.events}
    return _Answers(
        {c.id: (c.name, c.status.value, c.forecast or c.actual, c.odds, c.why)
         for c in outlook.criteria},
        {d.id: (_deadline_words(d.text, names.get(d.to_event, d.to_event)), d.status.value,
                d.forecast or d.actual, d.reason)
         for d in schedule.deadlines if d.nature == "target"},
        moved.date_of(moved.deployed_day) if moved is not None else None, note)


def _word(status: str) -> str:
    try:
        return Status(status).label
    except ValueError:
        return status.replace("_", " ")


def _deadline_words(text: str, event: str) -> str:
    """A deadline for people: its event, then the directive's words ("TAM deployed: within
    21 days of the signing"), as the clause alone ("and completion within 12 months")
    seldom says what must happen."""
    if not text:
        return event
    if event.lower() in text.lower():
        return text
    return f"{event}: {text[0].lower() + text[1:] if text[:2].istitle() else text}"
