"""The workspace's standing as of a day: one answer per criterion, forecasts, flags.

``status_report`` reads the newest plan with its recorded dates and assumption
states, its observations, and (as ``analyses`` says) runs the risk and movement
analyses, then gives the outlook room's one answer per criterion with everything
behind it, and what its figures rest on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..monitor import (
    CriterionStatus,
    Flag,
    Forecast,
    criteria_status,
    event_dates,
    flagged_items,
    forecast,
)
from ..outlook import Basis, Outlook, build_outlook, plan_basis
from ..outlook.analyses import Analyses, AnalysisOptions, Progress, run_analyses
from ..schedule import DeadlineRow, build_schedule
from .workspace import Workspace

__all__ = ["Recorded", "StatusReport", "recorded", "status_report"]


@dataclass(frozen=True, slots=True)
class StatusReport:
    """One answer per criterion (``outlook``), the indicators' verdicts and forecasts,
    items flagged by failing assumptions, and what the figures rest on."""

    as_of: date
    plan_id: str
    criteria: list[CriterionStatus]
    forecasts: dict[str, Forecast] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    outlook: Outlook | None = None
    basis: Basis | None = None
    analyses: Analyses = field(default_factory=Analyses)

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "plan_id": self.plan_id,
                "outlook": self.outlook.to_json() if self.outlook else None,
                "basis": self.basis.to_json() if self.basis else None,
                "notes": [n for n in (self.analyses.risk_note, self.analyses.deployment_note)
                          if n],
                "criteria": [c.to_json() for c in self.criteria],
                "forecasts": {k: f.to_json() for k, f in self.forecasts.items()},
                "flags": [f.to_json() for f in self.flags]}


def status_report(ws: Workspace, as_of: date, *, forecast_method: str = "linear",
                  methods: Mapping[str, str] | None = None,
                  analyses: AnalysisOptions | None = None,
                  progress: Progress | None = None) -> StatusReport:
    """Status of the newest plan's criteria as of ``as_of`` (one aggregate query).

    Forecasts use ``forecast_method`` (``linear``, ``log-linear`` or ``auto``), or for
    an indicator named in ``methods`` the method given there. ``analyses``: the risk
    and movement runs to give each criterion's odds and deployment estimate (none by
    default: pass ``AnalysisOptions()`` for the defaults).
    """
    methods = methods or {}
    plan = ws.current_plan()
    plan_dates = event_dates(plan)
    series = ws.headline(as_of=as_of)
    criteria = criteria_status(plan, series, as_of, dates=plan_dates)
    forecasts = {}
    for ind in plan.indicators:
        due = ind.deadline if isinstance(ind.deadline, date) else (
            plan_dates.get(ind.deadline) if ind.deadline else None)
        forecasts[ind.id] = forecast(ind, series.get(ind.id, []), deadline=due,
                                     method=methods.get(ind.id, forecast_method))
    schedule = build_schedule(plan, as_of=as_of)
    done = run_analyses(plan, schedule, analyses, progress=progress) if analyses else Analyses()
    outlook = build_outlook(plan, schedule, monitoring=criteria, risk=done.risk,
                            deployment=done.deployment)
    basis = plan_basis(plan, synthetic_observations=ws.synthetic_observations(),
                       synthetic_deployment=done.deployment_synthetic)
    return StatusReport(as_of, plan.id, criteria, forecasts, flagged_items(plan), outlook,
                        basis, done)


@dataclass(frozen=True, slots=True)
class Recorded:
    """An event's recorded date after a change, and its deadlines as they now stand."""

    event: str
    name: str
    actual: date | None
    correction: bool
    as_of: date
    deadlines: list[DeadlineRow]

    def sentence(self) -> str:
        if self.actual is None:
            return f"{self.name}: no date recorded (cleared)."
        corrected = " (a correction of the plan's logic)" if self.correction else ""
        return f"{self.name} happened on {self.actual}{corrected}."

    def deadline_lines(self) -> list[str]:
        out = []
        for d in self.deadlines:
            label = d.status.label
            if d.missed_by and d.status.value in ("late", "early"):
                label = f"{'late' if d.missed_by > 0 else 'early'} by {abs(d.missed_by)} days"
            out.append(f"{d.id}: {label} — {d.reason}")
        return out

    def to_json(self) -> dict[str, object]:
        return {"event": self.event, "name": self.name,
                "date": self.actual.isoformat() if self.actual else None,
                "correction": self.correction, "as_of": self.as_of.isoformat(),
                "deadlines": [d.to_json() for d in self.deadlines]}


def recorded(ws: Workspace, event: str) -> Recorded:
    """``event``'s recorded date and the deadlines on it, as of the workspace's day."""
    plan = ws.current_plan()
    day = ws.current_day().day
    schedule = build_schedule(plan, as_of=day)
    row = schedule.event_row(event)
    return Recorded(event, row.name if row else event, plan.actual_dates().get(event),
                    event in plan.corrections(), day,
                    [d for d in schedule.deadlines if d.to_event == event])
