"""The day the deployment clock starts, when the user does not give it."""

from __future__ import annotations

from datetime import date

from ..errors import MissionplanError
from ..model import Plan

__all__ = ["deployment_start"]


def deployment_start(plan: Plan, *, as_of: date | None = None) -> tuple[date, str]:
    """The date of the plan's deployment start event, and how it was found.

    An anchor or actual date is used as it is. Otherwise, with ``as_of``, the earliest
    date the event can still happen as of that day (the schedule's projection); without
    it, the earliest date the plan's relations allow (the temporal window).
    """
    start = plan.deployment.from_event if plan.deployment else "resolution_adopted"
    known = {**plan.anchor_dates(), **plan.actual_dates()}
    if start in known:
        return known[start], f"'{start}' is dated {known[start]} in the plan"
    day = _projected(plan, start, as_of) if as_of is not None else _earliest(plan, start)
    if day is None:
        raise MissionplanError(f"the plan gives no date for '{start}' and none can be "
                               "worked out from its anchors: pass --resolution-date",
                               code="deployment-undated")
    return day, (f"'{start}' has no date in the plan: using the earliest its relations allow, "
                 f"{day} (pass --resolution-date to choose another)")


def _earliest(plan: Plan, event: str) -> date | None:
    from ..temporal import analyse

    analysis = analyse(plan)
    window = analysis.windows.get(event)
    if analysis.origin is None or window is None or window.earliest is None:
        return None
    return analysis.date_of(window.earliest)


def _projected(plan: Plan, event: str, as_of: date) -> date | None:
    from ..schedule import build_schedule

    for row in build_schedule(plan, as_of=as_of).events:
        if row.id == event:
            return row.expected or row.earliest
    return None
