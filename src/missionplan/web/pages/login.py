"""Sign in and sign out."""

from __future__ import annotations

import contextlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..auth import NotSignedIn, current_account, require_csrf, sign_in, sign_out, state_of
from ..render import render
from ..second import begin, due
from ..security import safe_next
from ..signin import WRONG, SignInHeld, WrongCredentials, attempt, client_address, signed_out

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", account=None, next=safe_next(next), error="",
                  sso=request.app.state.oidc.configured)


@router.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, name: Annotated[str, Form(max_length=120)],
          password: Annotated[str, Form(max_length=400)],
          next: Annotated[str, Form(max_length=400)] = "/") -> Response:
    try:
        account = attempt(state_of(request), name, password, client_address(request))
    except WrongCredentials:
        return render(request, "login.html", account=None, next=safe_next(next),
                      error=WRONG, sso=request.app.state.oidc.configured, status_code=401)
    except SignInHeld as held:
        response = render(request, "login.html", account=None, next=safe_next(next),
                          error=held.message, sso=request.app.state.oidc.configured,
                          status_code=429)
        response.headers["retry-after"] = str(held.seconds)
        return response
    if due(state_of(request), account, request):
        begin(request, account)
        return RedirectResponse(f"/login/second?next={quote(safe_next(next))}",
                                status_code=303)
    sign_in(request, account)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    with contextlib.suppress(NotSignedIn):
        signed_out(state_of(request).ws.engine, current_account(request).name)
    sign_out(request)
    return RedirectResponse("/login", status_code=303)
