"""People: the administrator's page of accounts, their sign-in locks and sessions.

Each account with its role, address for notices, second factor and whether failed
sign-ins have locked it; every address locked for failures; a button lifts a lock
(and forgets the failures), another ends every session of an account, a third removes a
lost second factor. Each is audited, as from ``missionplan user unlock``, ``missionplan
user revoke`` and ``missionplan user totp-reset``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..auth import current_account, may_manage_users, require, require_csrf, state_of
from ..people import people
from ..render import render
from ..signin import lift, revoke_sessions
from ..totp import disable

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Account, Depends(current_account)]
_CSRF = [Depends(require_csrf)]
_ADMIN = "only an administrator manages accounts"


def _page(request: Request, account: Account) -> Response:
    require(may_manage_users(account), _ADMIN)
    persons, addresses = people(state_of(request).ws.engine)
    return render(request, "people.html", account=account, people=persons,
                  addresses=addresses)


@router.get("/people")
def people_page(request: Request, account: Signed) -> Response:
    return _page(request, account)


@router.post("/people/unlock", dependencies=_CSRF)
def people_unlock(request: Request, account: Signed,
                  name: Annotated[str, Form(max_length=120)] = "",
                  address: Annotated[str, Form(max_length=120)] = "") -> Response:
    """Lift the lock of an account or an address (and forget its failures)."""
    require(may_manage_users(account), _ADMIN)
    lift(state_of(request).ws.engine, by=account.name, name=name.strip() or None,
         address=address.strip() or None)
    return RedirectResponse("/people", status_code=303)


@router.post("/people/{name}/revoke", dependencies=_CSRF)
def people_revoke(request: Request, account: Signed, name: str) -> Response:
    """End every session of ``name`` begun before now (their next request signs in)."""
    require(may_manage_users(account), _ADMIN)
    revoke_sessions(state_of(request).ws.engine, name, by=account.name)
    return RedirectResponse("/people", status_code=303)


@router.post("/people/{name}/second-factor/reset", dependencies=_CSRF)
def people_reset_second_factor(request: Request, account: Signed, name: str) -> Response:
    """Remove ``name``'s second factor (a lost phone): they set up a new one at their next
    sign-in if their role requires one."""
    require(may_manage_users(account), _ADMIN)
    disable(state_of(request).ws.engine, name, by=account.name)
    return RedirectResponse("/people", status_code=303)
