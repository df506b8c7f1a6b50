"""The day the deployment clock starts, when the user does not give it."""

from __future__ import annotations

from datetime import date

from ..errors import MissionplanError
from ..model import Plan

__all__ = ["deployment_start"]


def deployment_start(plan: Plan) -> tuple[date, str]:
    """The date of the plan's deployment start event, and how it was found.

    An anchor or actual date is used as it is; otherwise the earliest date the
    plan's relations allow for the event (from the temporal engine), said so.
    """
    from ..temporal import analyse

    start = plan.deployment.from_event if plan.deployment else "resolution_adopted"
    known = {**plan.anchor_dates(), **plan.actual_dates()}
    if start in known:
        return known[start], f"'{start}' is dated {known[start]} in the plan"
    analysis = analyse(plan)
    window = analysis.windows.get(start)
    if analysis.origin is None or window is None or window.earliest is None:
        raise MissionplanError(f"the plan gives no date for '{start}' and none can be "
                               "worked out from its anchors: pass --resolution-date",
                               code="deployment-undated")
    day = analysis.date_of(window.earliest)
    return day, (f"'{start}' has no date in the plan: using the earliest its relations allow, "
                 f"{day} (pass --resolution-date to choose another)")
