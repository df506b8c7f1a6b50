"""Dashboard: criteria with status and trend, what falls due, conflicts, decisions, in an
exercise the latest injects and what they broke, and for the planning lead the clock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ...monitor import sparkline
from ..accounts import Account
from ..analysis import criteria_outlook
from ..auth import current_account, may_run_exercise, may_set_clock, state_of
from ..exercise import exercise_of, inbox
from ..render import render
from ..views import dashboard

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard_page(request: Request,
                   account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    board = dashboard(state, plan)
    outlook = criteria_outlook(state, account, plan, board.schedule, board.monitoring.criteria)
    indicators = {c.criterion: c for c in board.monitoring.criteria}
    exercise = exercise_of(state)
    deliveries = inbox(state) if exercise is not None else []
    return render(request, "dashboard.html", account=account, plan=plan, board=board,
                  outlook=outlook, indicators=indicators, sparkline=sparkline,
                  may_set_clock=may_set_clock(account), exercise=exercise,
                  deliveries=deliveries, pending=any(d.impact is None for d in deliveries),
                  trainer=may_run_exercise(account))
