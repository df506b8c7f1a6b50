"""The clock's forms (dashboard and exercise page): set, advance or unset the workspace's
day (lead or trainer). The clock is the workspace's, whichever syndicate's plan one reads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..auth import current_account, main_state, require_csrf
from ..clock import advance_clock, set_clock
from ..language import TypedDay
from ..security import safe_next

router = APIRouter(include_in_schema=False)
_CSRF = [Depends(require_csrf)]
Signed = Annotated[Account, Depends(current_account)]
Back = Annotated[str, Form(max_length=200)]


def _back(back: str) -> Response:
    return RedirectResponse(safe_next(back), status_code=303)  # a page of this site only


@router.post("/clock/set", dependencies=_CSRF)
def clock_set(request: Request, account: Signed, day: Annotated[TypedDay, Form()],
              back: Back = "/") -> Response:
    set_clock(main_state(request), account, day)
    return _back(back)


@router.post("/clock/advance", dependencies=_CSRF)
def clock_advance(request: Request, account: Signed,
                  step: Annotated[str, Form(max_length=20)], back: Back = "/") -> Response:
    advance_clock(main_state(request), account, step)
    return _back(back)


@router.post("/clock/unset", dependencies=_CSRF)
def clock_unset(request: Request, account: Signed, back: Back = "/") -> Response:
    set_clock(main_state(request), account, None)
    return _back(back)
