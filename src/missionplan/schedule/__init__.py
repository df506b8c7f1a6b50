"""The plan in dates as of a day.

``build_schedule(plan, as_of=..., anchors=..., actuals=...)`` applies anchors and
actual dates (facts: never contradicted, refused when after the day or against the
plan's logic), dates every event's window, forecasts when each event is expected
(most likely durations from the facts, or a risk run's P50 and P10–P90), and judges
every deadline: done, early, on track, at risk, late, or not yet reachable, each with
the rule that decided it, the directive's words behind it and the chain of relations
that drives it.
"""

from .build import MOST_LIKELY, CriterionRow, Schedule, Spread, build_schedule, spread_of
from .forecast import Forecast, Push, forecast, most_likely
from .rows import SEVERITY, ActivityRow, DeadlineRow, EventRow, OccurrenceRow, Status

__all__ = [
    "MOST_LIKELY", "SEVERITY", "ActivityRow", "CriterionRow", "DeadlineRow", "EventRow",
    "Forecast", "OccurrenceRow", "Push", "Schedule", "Spread", "Status", "build_schedule",
    "forecast", "most_likely", "spread_of",
]
