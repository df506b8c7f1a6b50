"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import authenticate
from ..auth import require_csrf, sign_in, sign_out, state_of
from ..render import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no //host)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", account=None, next=_safe_next(next), error="")


@router.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, name: Annotated[str, Form(max_length=120)],
          password: Annotated[str, Form(max_length=400)],
          next: Annotated[str, Form(max_length=400)] = "/") -> Response:
    account = authenticate(state_of(request).ws.engine, name, password)
    if account is None:
        return render(request, "login.html", account=None, next=_safe_next(next),
                      error="Wrong user name or password.", status_code=401)
    sign_in(request, account)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)
