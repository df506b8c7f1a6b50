"""Resources: the levelled plan, each resource's load, and "what if one more unit of it"."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...model import Plan
from ..accounts import Account
from ..auth import current_account, state_of
from ..render import render
from ..views import LEVEL_SECONDS

if TYPE_CHECKING:
    from ...levelling import Levelling, ResourceRow

router = APIRouter(include_in_schema=False)

TIME_LIMIT = LEVEL_SECONDS  # the Timeline's levelled dates are the same solve, shared
WIDTH, HEIGHT = 600, 60


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    used_y: float
    room_y: float
    title: str


@router.get("/resources")
def resources_page(request: Request, account: Annotated[Account, Depends(current_account)],
                   more: Annotated[str, Query(max_length=80)] = "") -> Response:
    from ...levelling import level  # CP-SAT is loaded by the first visit, not at start-up

    state = state_of(request)
    plan = state.plan_for(account)
    known = {r.id for r in plan.resources}
    chosen = more if more in known else ""
    result = state.derive_from(plan, ("levelled",), lambda: level(plan, time_limit=TIME_LIMIT))
    trial = state.derive_from(plan, ("levelled", chosen),
                              lambda: level(_one_more(plan, chosen), time_limit=TIME_LIMIT,
                                            drivers=False)) if chosen else None
    return render(request, "resources.html", account=account, result=result, trial=trial,
                  chosen=chosen, plan_resources=plan.resources,
                  charts={r.id: _bars(result, r) for r in result.resources},
                  version=state.latest_version())


def _one_more(plan: Plan, resource: str) -> Plan:
    resources = [r.model_copy(update={"capacity": r.capacity + 1}) if r.id == resource else r
                 for r in plan.resources]
    return plan.model_copy(update={"resources": resources})


def _bars(result: Levelling, row: ResourceRow) -> list[Bar]:
    """One bar per step of the load, scaled to the chart: in use and available."""
    steps = list(row.steps)
    if len(steps) < 2:
        return []
    first, last = steps[0].day, steps[-1].day
    top = max(max(s.capacity for s in steps), max(s.used for s in steps), 1)
    scale = WIDTH / max(1, last - first)
    bars = []
    for step, after in itertools.pairwise(steps):
        bars.append(Bar((step.day - first) * scale, max(1.0, (after.day - step.day) * scale),
                        HEIGHT * (1 - step.used / top), HEIGHT * (1 - step.capacity / top),
                        f"{result.date_of(step.day)} to {result.date_of(after.day - 1)}: "
                        f"{step.used} of {step.capacity} in use"))
    return bars
