"""The clock's forms on the dashboard: set, advance or unset the workspace's day (lead)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..auth import current_account, require_csrf, state_of
from ..clock import advance_clock, set_clock

router = APIRouter(include_in_schema=False)
_CSRF = [Depends(require_csrf)]
Signed = Annotated[Account, Depends(current_account)]


@router.post("/clock/set", dependencies=_CSRF)
def clock_set(request: Request, account: Signed, day: Annotated[date, Form()]) -> Response:
    set_clock(state_of(request), account, day)
    return RedirectResponse("/", status_code=303)


@router.post("/clock/advance", dependencies=_CSRF)
def clock_advance(request: Request, account: Signed,
                  step: Annotated[str, Form(max_length=20)]) -> Response:
    advance_clock(state_of(request), account, step)
    return RedirectResponse("/", status_code=303)


@router.post("/clock/unset", dependencies=_CSRF)
def clock_unset(request: Request, account: Signed) -> Response:
    set_clock(state_of(request), account, None)
    return RedirectResponse("/", status_code=303)
