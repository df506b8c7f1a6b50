"""Criteria and indicators: observations against targets and forecasts; record new ones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import UnknownItemError
from ...monitor import Observation, sparkline
from ..accounts import Account
from ..analysis import criteria_outlook
from ..auth import (
    current_account,
    may_record_actual,
    may_record_observation,
    require,
    require_csrf,
    state_of,
)
from ..charts import indicator_chart
from ..language import TypedDay
from ..render import render
from ..state import WebState
from ..views import monitoring, recorded_result, schedule_of

router = APIRouter(include_in_schema=False)


@router.get("/criteria")
def criteria_page(request: Request,
                  account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    as_of = state.today()
    mon = monitoring(state, plan, as_of)
    charts = {i.indicator: indicator_chart(i.observations, target=i.target,
                                           forecast=mon.forecasts.get(i.indicator),
                                           as_of=as_of)
              for c in mon.criteria for i in c.indicators}
    recordable = [i for i in plan.indicators if may_record_observation(account, i)]
    events = [e for e in plan.events if may_record_actual(account, e)]
    recorded = plan.actual_dates()
    corrected = plan.corrections()
    done = request.query_params.get("recorded")
    said = recorded_result(state, done) if done in {e.id for e in events} else None
    sched = schedule_of(plan, as_of, state=state)
    answers = {a.id: a for a in criteria_outlook(state, account, plan, sched,
                                                 mon.criteria).criteria}
    return render(request, "criteria.html", account=account, plan=plan, mon=mon,
                  answers=answers,
                  charts=charts, as_of=as_of, recordable=recordable, events=events,
                  recorded=[(e, recorded[e.id], e.id in corrected) for e in events
                            if e.id in recorded],
                  said=said, sparkline=sparkline)


@router.post("/criteria/observations", dependencies=[Depends(require_csrf)])
def record_observation(request: Request,
                       account: Annotated[Account, Depends(current_account)],
                       indicator: Annotated[str, Form(max_length=80)],
                       day: Annotated[TypedDay, Form()],
                       value: Annotated[float, Form(allow_inf_nan=False)],
                       source: Annotated[str, Form(max_length=200)] = "") -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    found = {i.id: i for i in plan.indicators}.get(indicator)
    if found is None:
        raise UnknownItemError(f"the plan has no indicator '{indicator}'")
    require(may_record_observation(account, found),
            f"your role may not record observations of '{indicator}'")
    row = Observation(indicator=indicator, date=day, value=value,
                      source=source or f"web: {account.name}")
    state.ws.add_observations([row], user=account.name, source_name="web form")
    return RedirectResponse("/criteria", status_code=303)


def _recordable(state: WebState, account: Account, event: str) -> None:
    """``event`` is the plan's, as ``account`` sees it, and theirs to record."""
    found = {e.id: e for e in state.plan_for(account).events}.get(event)
    if found is None:
        raise UnknownItemError(f"the plan has no event '{event}'", code="unknown-event")
    require(may_record_actual(account, found),
            f"your role may not record the actual date of '{event}'")


@router.post("/criteria/actuals", dependencies=[Depends(require_csrf)])
def record_actual(request: Request, account: Annotated[Account, Depends(current_account)],
                  event: Annotated[str, Form(max_length=80)],
                  day: Annotated[TypedDay, Form()],
                  correction: Annotated[bool, Form()] = False,
                  note: Annotated[str, Form(max_length=400)] = "") -> Response:
    """Record (or correct) the day an event happened; a date against the plan's logic only
    when confirmed as a correction of it."""
    state = state_of(request)
    _recordable(state, account, event)
    state.ws.record_actual(event, day, user=account.name, correction=correction, note=note)
    return RedirectResponse(f"/criteria?recorded={event}#recorded", status_code=303)


@router.post("/criteria/actuals/clear", dependencies=[Depends(require_csrf)])
def clear_actual(request: Request, account: Annotated[Account, Depends(current_account)],
                 event: Annotated[str, Form(max_length=80)]) -> Response:
    """Clear a recorded date (a mistake); the audit log keeps it."""
    state = state_of(request)
    _recordable(state, account, event)
    state.ws.clear_actual(event, user=account.name)
    return RedirectResponse(f"/criteria?recorded={event}#recorded", status_code=303)
