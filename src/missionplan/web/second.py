"""The second step of signing in: after the password, before the session, when the
account has a second factor or its role must have one (:mod:`missionplan.web.totp`).

Between the two steps the session holds only who passed the password and when (five
minutes at most), never a signed-in user; a wrong code counts as a failed sign-in of the
account (:mod:`missionplan.store.throttle`), so codes cannot be guessed any faster than
passwords.
"""

from __future__ import annotations

import time

from fastapi import Request

from ..store import audit as audit_log
from ..store import throttle
from .accounts import Account
from .auth import sign_in, state_of
from .security import new_session_id, password_stamp
from .signin import WrongCredentials, client_address, policies, refuse_if_held
from .state import WebState
from .totp import DEVICE_COOKIE, enabled, remembered, required, verify

__all__ = ["PENDING_SECONDS", "SecondFactorRequired", "begin", "due", "finish", "pending"]

PENDING_SECONDS = 300


class SecondFactorRequired(Exception):
    """The account signs in with a second factor: its code is needed too (or, if it has
    none yet, setting one up in the browser first)."""

    message = ("this account signs in with a second factor: send its 'code' too (an "
               "account that has none yet sets it up by signing in from a browser)")


def due(state: WebState, account: Account, request: Request) -> bool:
    """Whether ``account`` must give a second factor in this browser now."""
    engine = state.ws.engine
    if enabled(engine, account.name):
        return not remembered(engine, account, state.settings,
                              request.cookies.get(DEVICE_COOKIE))
    return required(state.settings, account)


def begin(request: Request, account: Account) -> None:
    """Hold ``account`` between the password and the second factor (no session yet)."""
    request.session.clear()
    request.session["sid"] = new_session_id()
    request.session["pending"] = account.name
    request.session["pending_at"] = int(time.time())
    request.session["pending_stamp"] = password_stamp(account.password_hash,
                                                      state_of(request).settings.secret_key)


def pending(request: Request) -> Account | None:
    """The account that passed its password in this browser in the last minutes, if any."""
    state = state_of(request)
    name, began = request.session.get("pending"), request.session.get("pending_at")
    if not isinstance(name, str) or not isinstance(began, int):
        return None
    account = state.account(name)
    if (account is None or not account.active or time.time() - began > PENDING_SECONDS
            or request.session.get("pending_stamp") != password_stamp(
                account.password_hash, state.settings.secret_key)):
        return None
    return account


def finish(request: Request, account: Account, code: str) -> str:
    """Check ``code`` for the pending ``account`` and start its session; how it proved
    itself ('totp' or 'recovery'). Raises :class:`~missionplan.web.signin.SignInHeld` or
    :class:`WrongCredentials` as the password step does."""
    state = state_of(request)
    engine, at = state.ws.engine, audit_log.now()
    address = client_address(request)
    keys = policies(state.settings, account.name, address)
    refuse_if_held(engine, keys, at, name=account.name, address=address)
    how = verify(engine, account.name, code[:40])
    if how is None:
        throttle.fail(engine, keys, at, name=account.name, address=address)
        raise WrongCredentials()
    sign_in(request, account)
    return how
