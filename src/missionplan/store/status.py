"""The workspace's standing as of a day: criteria, forecasts, and failing assumptions."""

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
from .workspace import Workspace

__all__ = ["StatusReport", "status_report"]


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Every criterion's status, each indicator's forecast, items flagged by assumptions."""

    as_of: date
    plan_id: str
    criteria: list[CriterionStatus]
    forecasts: dict[str, Forecast] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "plan_id": self.plan_id,
                "criteria": [c.to_json() for c in self.criteria],
                "forecasts": {k: f.to_json() for k, f in self.forecasts.items()},
                "flags": [f.to_json() for f in self.flags]}


def status_report(ws: Workspace, as_of: date, *, forecast_method: str = "linear",
                  methods: Mapping[str, str] | None = None) -> StatusReport:
    """Status of the newest plan's criteria as of ``as_of`` (one aggregate query).

    Forecasts use ``forecast_method`` (``linear``, ``log-linear`` or ``auto``), or for
    an indicator named in ``methods`` the method given there.
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
    return StatusReport(as_of, plan.id, criteria, forecasts, flagged_items(plan))
