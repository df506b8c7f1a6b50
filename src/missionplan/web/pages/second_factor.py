"""The second factor: the code after the password, and setting one up (when signing in
to an account whose role requires one, or from the account page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import WorkspaceError
from ..accounts import Account
from ..auth import NotSignedIn, current_account, require_csrf, sign_in, state_of
from ..render import render
from ..second import finish, pending
from ..security import safe_next
from ..signin import SignInHeld, WrongCredentials
from ..totp import DEVICE_COOKIE, device_token, enable, enabled, new_secret, provisioning_uri

router = APIRouter(include_in_schema=False)
_ENROL_KEY = "enrol_secret"


@router.get("/login/second")
def second_form(request: Request, next: str = "/") -> Response:
    account = pending(request)
    if account is None:
        return RedirectResponse("/login", status_code=303)
    if not enabled(state_of(request).ws.engine, account.name):
        return RedirectResponse(f"/login/enrol?next={safe_next(next)}", status_code=303)
    return _second(request, next, error="")


def _second(request: Request, next: str, *, error: str, status_code: int = 200) -> Response:
    return render(request, "second_factor.html", account=None, next=safe_next(next),
                  error=error, days=state_of(request).settings.remember_device_days,
                  status_code=status_code)


@router.post("/login/second", dependencies=[Depends(require_csrf)])
def second(request: Request, code: Annotated[str, Form(max_length=40)],
           next: Annotated[str, Form(max_length=400)] = "/",
           remember: Annotated[str, Form(max_length=10)] = "") -> Response:
    account = pending(request)
    if account is None:
        return RedirectResponse("/login", status_code=303)
    try:
        finish(request, account, code)
    except WrongCredentials:
        return _second(request, next, error="That code is not right, or was used already.",
                       status_code=401)
    except SignInHeld as held:
        return _second(request, next, error=held.message, status_code=429)
    response = RedirectResponse(safe_next(next), status_code=303)
    if remember:
        _remember(request, response, account)
    return response


def _remember(request: Request, response: Response, account: Account) -> None:
    settings = state_of(request).settings
    response.set_cookie(DEVICE_COOKIE, device_token(state_of(request).ws.engine, account,
                                                    settings),
                        max_age=settings.remember_device_days * 86400, httponly=True,
                        samesite="strict", secure=settings.secure_cookies, path="/login")


def _enrolling(request: Request) -> tuple[Account, bool]:
    """Who sets up a second factor here: the account between password and session whose
    role requires one (True), else the signed-in account (False)."""
    account = pending(request)
    if account is not None and not enabled(state_of(request).ws.engine, account.name):
        return account, True
    return current_account(request), False


def _enrol_page(request: Request, account: Account, signed: bool, next: str, *,
                error: str = "", status_code: int = 200) -> Response:
    secret = request.session.get(_ENROL_KEY)
    if not isinstance(secret, str):
        secret = request.session[_ENROL_KEY] = new_secret()
    on = enabled(state_of(request).ws.engine, account.name)
    return render(request, "totp_enrol.html", account=account if signed else None,
                  who=account, on=on, secret=secret,
                  uri=provisioning_uri(secret, account.name), next=safe_next(next),
                  action="/account/second-factor" if signed else "/login/enrol",
                  error=error, status_code=status_code)


@router.get("/login/enrol")
@router.get("/account/second-factor")
def enrol_form(request: Request, next: str = "/") -> Response:
    try:
        account, pending_only = _enrolling(request)
    except NotSignedIn:
        return RedirectResponse("/login", status_code=303)
    return _enrol_page(request, account, not pending_only, next)


@router.post("/login/enrol", dependencies=[Depends(require_csrf)])
@router.post("/account/second-factor", dependencies=[Depends(require_csrf)])
def enrol(request: Request, code: Annotated[str, Form(max_length=40)],
          next: Annotated[str, Form(max_length=400)] = "/") -> Response:
    account, pending_only = _enrolling(request)
    secret = request.session.get(_ENROL_KEY)
    if not isinstance(secret, str):
        return RedirectResponse(request.url.path, status_code=303)
    try:
        codes = enable(state_of(request).ws.engine, account.name, secret, code,
                       by=account.name)
    except WorkspaceError as exc:
        return _enrol_page(request, account, not pending_only, next, error=str(exc),
                           status_code=422)
    request.session.pop(_ENROL_KEY, None)
    if pending_only:
        sign_in(request, account)
    return render(request, "recovery_codes.html", account=state_of(request).account(
        account.name), codes=codes, next=safe_next(next))

