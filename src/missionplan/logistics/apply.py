"""Feed the deployment estimate back into the plan, so schedule and risk use it.

If the plan has an activity from the deployment's ``from_event`` to its
``deployed_event``, its duration becomes the estimate (fixed, or min / likely
/ max when optimistic and pessimistic results are given). Otherwise a relation
``deployment_estimate`` is added: the deployed event comes at least that many
days after the start event. Either way the item's note says where it came from, and
an activity keeps its risk driver, so the risk room still scales it.
"""

from __future__ import annotations

from ..errors import UnknownItemError
from ..model import Plan, Relation, UncertainDuration, parse_duration
from .result import DeploymentResult

__all__ = ["ESTIMATE_ID", "apply_to_plan"]

ESTIMATE_ID = "deployment_estimate"


def apply_to_plan(plan: Plan, result: DeploymentResult, *,
                  low: DeploymentResult | None = None,
                  high: DeploymentResult | None = None) -> Plan:
    """A copy of ``plan`` whose deployment duration reflects ``result`` (and its spread)."""
    spec = plan.deployment
    start = spec.from_event if spec else "resolution_adopted"
    end = spec.deployed_event if spec else "mission_deployed"
    for event in (start, end):
        if event not in plan.event_ids():
            raise UnknownItemError(f"the plan has no event '{event}' to carry the deployment "
                                   "estimate", code="unknown-event")
    day = _day(result)
    note = (f"Deployment estimate from the movement plan ({result.status}, "
            f"{result.threshold:.0%} of authorised strength, resolution on "
            f"{result.resolution_date.isoformat()}): day {day}.")
    activities = list(plan.activities)
    for i, act in enumerate(activities):
        if act.start == start and act.end == end:
            duration = _duration(day, low, high)
            if act.duration is not None and act.duration.driver:
                duration = duration.model_copy(update={"driver": act.duration.driver})
            activities[i] = act.model_copy(update={
                "duration": duration,
                "note": (act.note + " " if act.note else "") + note})
            return plan.model_copy(update={"activities": activities})
    relations = [r for r in plan.relations if r.id != ESTIMATE_ID]
    relations.append(Relation.model_validate({
        "id": ESTIMATE_ID, "from": start, "to": end, "kind": "custom",
        "min": f"{day}d", "deadline": False, "note": note,
        "name": "Deployment estimate"}))
    return plan.model_copy(update={"relations": relations})


def _day(result: DeploymentResult) -> int:
    return result.deployed_day if result.deployed_day is not None else result.completion_day


def _duration(day: int, low: DeploymentResult | None,
              high: DeploymentResult | None) -> UncertainDuration:
    if low is None or high is None:
        return UncertainDuration(distribution="fixed", likely=parse_duration(f"{day}d"),
                                 basis="deployment planner")
    lo, hi = min(_day(low), day), max(_day(high), day)
    return UncertainDuration(distribution="triangular", min=parse_duration(f"{lo}d"),
                             likely=parse_duration(f"{day}d"), max=parse_duration(f"{hi}d"),
                             basis="deployment planner: min / likely / max arrivals")


