"""Directive: the text beside the plan, clauses and citing items linked both ways."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ..accounts import Account
from ..auth import current_account, state_of
from ..render import render
from ..views import directive_view

router = APIRouter(include_in_schema=False)


@router.get("/directive")
def directive_page(request: Request,
                   account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    clauses, uncited = directive_view(plan, state)
    return render(request, "directive.html", account=account, plan=plan, clauses=clauses,
                  uncited=uncited)
