"""The plan in dates as of a day.

``build_schedule(plan, as_of=..., anchors=..., actuals=...)`` applies anchors and
actual dates, dates every event's window, projects when each event can happen
at the earliest as of that day, and judges every deadline: done, on track, at
risk, late, or not yet reachable, each with the rule that decided it, the
directive's words behind it and the chain of relations that drives it.
"""

from .build import CriterionRow, Schedule, build_schedule
from .projection import Projection, Push, project
from .rows import ActivityRow, DeadlineRow, EventRow, OccurrenceRow, Status

__all__ = [
    "ActivityRow", "CriterionRow", "DeadlineRow", "EventRow", "OccurrenceRow", "Projection",
    "Push", "Schedule", "Status", "build_schedule", "project",
]
