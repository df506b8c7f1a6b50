"""Feed the deployment estimate back into the plan, so schedule and risk use it.

If the plan has an activity from the deployment's ``from_event`` to its
``deployed_event``, its duration becomes the estimate (fixed, or min / likely
/ max when optimistic and pessimistic results are given). The estimate stands
*in place of* the activity's own force-generation inputs, not on top of them:
the movement planner already models force generation (each unit's readiness
date) and movement through the rains (routes, seasons, lift). So the new
duration names no driver and lists in ``replaces`` the driver that scaled the
activity and every risk with an impact on it; the risk model leaves those out
for this activity (they keep their effect elsewhere), and the activity's note
names them. Otherwise a relation ``deployment_estimate`` is added: the
deployed event comes at least that many days after the start event, beside
whatever else bounds it; nothing is replaced then.
"""

from __future__ import annotations

from ..errors import UnknownItemError
from ..model import Activity, Plan, Relation, UncertainDuration, parse_duration
from .result import DeploymentResult

__all__ = ["ESTIMATE_ID", "apply_to_plan", "estimate_replaces"]

ESTIMATE_ID = "deployment_estimate"
NOTE_START = "Deployment estimate from the movement plan"


def apply_to_plan(plan: Plan, result: DeploymentResult, *,
                  low: DeploymentResult | None = None,
                  high: DeploymentResult | None = None) -> Plan:
    """A copy of ``plan`` whose deployment duration reflects ``result`` (and its spread)."""
    start, end = _ends(plan)
    for event in (start, end):
        if event not in plan.event_ids():
            raise UnknownItemError(f"the plan has no event '{event}' to carry the deployment "
                                   "estimate", code="unknown-event")
    day = _day(result)
    note = (f"{NOTE_START} ({result.status}, "
            f"{result.threshold:.0%} of authorised strength, resolution on "
            f"{result.resolution_date.isoformat()}): day {day}.")
    activities = list(plan.activities)
    for i, act in enumerate(activities):
        if act.start == start and act.end == end:
            activities[i] = _estimated(plan, act, _duration(day, low, high), note)
            return plan.model_copy(update={"activities": activities})
    relations = [r for r in plan.relations if r.id != ESTIMATE_ID]
    relations.append(Relation.model_validate({
        "id": ESTIMATE_ID, "from": start, "to": end, "kind": "custom",
        "min": f"{day}d", "deadline": False, "note": note,
        "name": "Deployment estimate"}))
    return plan.model_copy(update={"relations": relations})


def estimate_replaces(plan: Plan) -> str:
    """In words, what the estimate applied to ``plan`` stands in place of ('driver x, risk
    y's delay'), as the risk model reads it; '' when nothing is replaced."""
    from ..risk.replaced import replaced

    start, end = _ends(plan)
    found = [replaced(plan, a, approved=False).words() for a in plan.activities
             if a.start == start and a.end == end]
    return found[0] if found else ""


def _ends(plan: Plan) -> tuple[str, str]:
    spec = plan.deployment
    return ((spec.from_event, spec.deployed_event) if spec
            else ("resolution_adopted", "mission_deployed"))


def _estimated(plan: Plan, act: Activity, duration: UncertainDuration, note: str) -> Activity:
    """The activity with the estimate in place of its duration, its driver and the impacts
    of the risks on it (kept from an earlier estimate, too), all named in its note."""
    from ..risk.replaced import bearing_on, replaced

    earlier = act.duration.replaces if act.duration else []
    ids = list(dict.fromkeys([*earlier, *bearing_on(plan, act)]))
    duration = duration.model_copy(update={"replaces": ids})
    words = replaced(plan, act, ids, approved=False).words()
    if words:
        note += f" The deployment estimate replaces: {words}."
    kept = act.note.split(NOTE_START)[0].strip()
    return act.model_copy(update={"duration": duration,
                                  "note": (kept + " " if kept else "") + note})


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


