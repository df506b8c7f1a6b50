"""One answer per criterion for success: the dates, the odds, the movement plan, the data.

The schedule judges a criterion by its deadlines against the forecast; the risk run
gives the share of simulated worlds that meet it; the movement plan says when the
force is in place; the monitoring says where its indicators stand. Leaders get one
status, in the schedule's words, with each answer beside it and a sentence that
reconciles them when they differ. Inputs are results the other rooms already made:
nothing here runs an analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..model import Plan
from ..schedule import DeadlineRow, Schedule, Status

if TYPE_CHECKING:
    from ..logistics import DeploymentResult
    from ..monitor import CriterionStatus
    from ..risk import RiskResult

__all__ = ["CriterionOutlook", "Outlook", "build_outlook"]

# The monitor's words, in the schedule's: 'off track' is at risk until the due date
# passes, when the schedule already says late.
_MONITOR = {"met": Status.done, "on track": Status.on_track, "at risk": Status.at_risk,
            "off track": Status.at_risk}


@dataclass(frozen=True, slots=True)
class CriterionOutlook:
    """Where one criterion stands, and every answer behind it."""

    id: str
    name: str
    owner: str | None
    status: Status
    why: str
    event: str | None = None          # the event its worst deadline judges
    event_name: str = ""
    due: date | None = None
    forecast: date | None = None      # the schedule's forecast of that event
    actual: date | None = None
    missed_by: int | None = None
    odds: float | None = None         # share of simulated worlds that meet it
    p10: date | None = None
    p50: date | None = None
    p90: date | None = None
    deployed: date | None = None      # the movement plan's deployed date, for its event
    deployed_day: int | None = None
    indicators: str | None = None     # the monitor's status word
    indicators_why: str = ""
    reconcile: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "id": self.id, "name": self.name, "owner": self.owner,
            "status": self.status.value, "why": self.why, "event": self.event,
            "due": iso(self.due), "forecast": iso(self.forecast), "actual": iso(self.actual),
            "missed_by_days": self.missed_by, "odds": self.odds,
            "risk_dates": None if self.p50 is None else {
                "P10": iso(self.p10), "P50": iso(self.p50), "P90": iso(self.p90)},
            "deployment": None if self.deployed is None else {
                "date": iso(self.deployed), "day": self.deployed_day},
            "indicators": self.indicators, "indicators_why": self.indicators_why,
            "reconcile": list(self.reconcile),
        }


@dataclass(frozen=True, slots=True)
class Outlook:
    """Every criterion's answer as of a day, and what each answer rests on."""

    as_of: date
    criteria: list[CriterionOutlook]
    forecast_basis: str
    risk_samples: int | None = None
    deployment_status: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "forecast_basis": self.forecast_basis,
                "risk_samples": self.risk_samples,
                "deployment_status": self.deployment_status,
                "criteria": [c.to_json() for c in self.criteria]}


def build_outlook(plan: Plan, schedule: Schedule, *,
                  monitoring: list[CriterionStatus] | None = None,
                  risk: RiskResult | None = None,
                  deployment: DeploymentResult | None = None) -> Outlook:
    """One answer per criterion of ``plan`` from its schedule and what else was run."""
    from .reconcile import reconcile

    rows = {c.id: c for c in schedule.criteria}
    deadlines = {d.id: d for d in schedule.deadlines}
    monitored = {m.criterion: m for m in monitoring or []}
    odds = {c.id: c.probability for c in risk.criteria} if risk is not None else {}
    out = []
    for crit in plan.criteria:
        mine = [deadlines[d] for d in crit.deadlines if d in deadlines]
        key = _worst(mine)
        status, why = _status(schedule, crit.events, rows[crit.id].status if crit.id in rows
                              else None, key, monitored.get(crit.id))
        event = key.to_event if key is not None else _last_event(schedule, crit.events)
        row = schedule.event_row(event) if event else None
        p10, p50, p90 = _risk_dates(risk, event)
        deployed, day = _deployed(plan, deployment, event)
        answer = CriterionOutlook(
            id=crit.id, name=crit.label(), owner=crit.owner, status=status, why=why,
            event=event, event_name=row.name if row else (event or ""),
            due=key.due if key else None, forecast=row.forecast if row else None,
            actual=row.actual if row else None, missed_by=key.missed_by if key else None,
            odds=odds.get(crit.id), p10=p10, p50=p50, p90=p90, deployed=deployed,
            deployed_day=day,
            indicators=monitored[crit.id].status.value if crit.id in monitored else None,
            indicators_why=monitored[crit.id].reason if crit.id in monitored else "")
        out.append(_with(answer, reconcile(plan, schedule, answer, risk, deployment)))
    return Outlook(schedule.as_of, out, schedule.forecast_basis,
                   risk.samples if risk is not None else None,
                   deployment.status if deployment is not None else None)


def _last_event(schedule: Schedule, events: list[str]) -> str | None:
    """Of the events that mark a criterion, the one expected last."""
    rows = [r for r in (schedule.event_row(e) for e in events) if r is not None]
    dated = [r for r in rows if r.expected is not None]
    if dated:
        return max(dated, key=lambda r: r.expected or date.min).id
    return events[0] if events else None


def _worst(rows: list[DeadlineRow]) -> DeadlineRow | None:
    """The deadline that decides: the worst status, then the soonest due."""
    if not rows:
        return None
    return max(rows, key=lambda d: (d.status.severity, -(d.due or date.max).toordinal()))


def _status(schedule: Schedule, events: list[str], dated: Status | None,
            key: DeadlineRow | None, monitor: CriterionStatus | None) -> tuple[Status, str]:
    """The dates decide; the indicators can only make 'on track' 'at risk', or speak when
    no deadline judges the criterion."""
    said = _MONITOR.get(monitor.status.value) if monitor is not None else None
    if dated is None:
        happened = [schedule.event_row(e) for e in events]
        if events and all(r is not None and r.actual is not None for r in happened):
            return Status.done, "every event that marks it has happened"
        if said is not None and monitor is not None:
            return said, f"no deadline judges it; its indicators: {monitor.reason}"
        waiting = [r for r in happened if r is not None and r.actual is None and r.forecast]
        if waiting:
            last = max(waiting, key=lambda r: r.forecast or date.min)
            return Status.on_track, (f"no deadline judges it; the last of its events, "
                                     f"{last.name}, is expected on {last.forecast}")
        return Status.not_reachable, "no deadline judges it and no indicator has data"
    assert key is not None
    if dated is Status.on_track and said is Status.at_risk and monitor is not None:
        return Status.at_risk, (f"the dates are on track, but its indicators lag: "
                                f"{monitor.reason}")
    return dated, key.reason


Dates3 = tuple[date | None, date | None, date | None]


def _risk_dates(risk: RiskResult | None, event: str | None) -> Dates3:
    """The risk run's P10, P50 and P90 of ``event`` (Nones without a run or a date)."""
    found = None if risk is None or event is None else next(
        (e for e in risk.events if e.id == event), None)
    if found is None or found.dates is None:
        return None, None, None
    p10, p50, p90 = (date.fromisoformat(found.dates[k]) for k in ("P10", "P50", "P90"))
    return p10, p50, p90


def _deployed(plan: Plan, result: DeploymentResult | None,
              event: str | None) -> tuple[date | None, int | None]:
    spec = plan.deployment
    if result is None or spec is None or event != spec.deployed_event:
        return None, None
    return result.date_of(result.deployed_day), result.deployed_day


def _with(answer: CriterionOutlook, sentences: list[str]) -> CriterionOutlook:
    from dataclasses import replace

    return replace(answer, reconcile=sentences)
