"""The sentences that reconcile a criterion's answers when they differ.

The forecast takes each duration at its most likely value; the risk run samples the
whole range and the risks, so a right-skewed chain is later in most worlds than in the
forecast; the movement plan works from the units' readiness and the routes, where the
plan may still carry an assumed duration for the same span. Each sentence says which
answer rests on what, so that a reader knows which to believe for which question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Plan
from ..schedule import Schedule, Status

if TYPE_CHECKING:
    from ..logistics import DeploymentResult
    from ..risk import RiskResult
    from .verdict import CriterionOutlook

__all__ = ["DAYS_APART", "reconcile"]

DAYS_APART = 7
"""Answers this many days apart or more are said to differ."""


def reconcile(plan: Plan, schedule: Schedule, answer: CriterionOutlook,
              risk: RiskResult | None, deployment: DeploymentResult | None) -> list[str]:
    """What reconciles the forecast, the odds, the movement plan and the indicators."""
    if answer.actual is not None:
        return [s for s in (_indicators(answer),) if s]
    return [s for s in (_odds(answer, risk), _movement(plan, answer, deployment),
                        _indicators(answer)) if s]


def _pct(p: float) -> str:
    return "under 1%" if 0 < p < 0.005 else f"{round(100 * p)}%"


def _odds(a: CriterionOutlook, risk: RiskResult | None) -> str:
    if risk is None or a.odds is None or a.due is None or a.forecast is None:
        return ""
    meets = a.forecast <= a.due
    later = f" (its P50 is {a.p50})" if a.p50 is not None else ""
    if meets and a.odds < 0.5:
        return (f"At their most likely durations the dates meet it ({a.event_name} on "
                f"{a.forecast}, due {a.due}), but only {_pct(a.odds)} of {risk.samples:,} "
                f"simulated worlds do{later}: the ranges and risks behind it run later more "
                "often than not.")
    if not meets and a.odds >= 0.5:
        return (f"At their most likely durations the dates miss it ({a.event_name} on "
                f"{a.forecast}, due {a.due}), yet {_pct(a.odds)} of {risk.samples:,} "
                f"simulated worlds meet it{later}: the most likely values are not the "
                "likeliest outcome.")
    return ""


def _movement(plan: Plan, a: CriterionOutlook, result: DeploymentResult | None) -> str:
    spec = plan.deployment
    if result is None or spec is None or a.deployed is None or a.forecast is None:
        return ""
    start = result.resolution_date
    forecast_day = (a.forecast - start).days
    if a.deployed_day is None or abs(forecast_day - a.deployed_day) < DAYS_APART:
        return ""
    span = next((act for act in plan.activities if act.start == spec.from_event
                 and act.end == spec.deployed_event), None)
    if span is not None and span.duration is not None and span.duration.basis.startswith(
            "deployment planner"):
        return ""
    assumed = (f"the plan's assumed '{span.label()}' ({span.duration.most_likely()} most "
               "likely)" if span is not None and span.duration is not None
               else "the plan's other bounds")
    inside = "" if a.due is None else (" within the deadline" if a.deployed <= a.due
                                       else " after the deadline")
    return (f"The movement plan puts {round(100 * result.threshold)}% of the force in place "
            f"on {a.deployed} (day {a.deployed_day}){inside}, from the units' readiness "
            f"dates and the routes; the forecast's {a.forecast} (day {forecast_day}) comes "
            f"from {assumed}. Applying the movement plan to the plan "
            "(missionplan deploy --updated-plan) makes it the forecast and the risk input.")


def _indicators(a: CriterionOutlook) -> str:
    if a.indicators is None:
        return ""
    if a.indicators == "met" and a.actual is None and a.status in (Status.at_risk,
                                                                    Status.late):
        return (f"Its indicators have reached their target ({a.indicators_why}), but "
                f"{a.event_name} has no date recorded: record it to close the deadline.")
    if a.indicators in ("off track", "at risk") and a.status is Status.late:
        return f"Its indicators are {a.indicators} too: {a.indicators_why}."
    if a.indicators in ("off track", "at risk") and a.status is Status.done:
        return (f"Its events have happened, but its indicators are {a.indicators}: "
                f"{a.indicators_why}.")
    return ""
