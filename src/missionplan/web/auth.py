"""Who is asking, and what they may do: sessions, CSRF checks, roles and permissions.

Roles: the administrator may do everything; the planning lead approves items,
saves versions, sets the baseline and moves the workspace's clock; a component
planner edits items of their own component (``Item.component``) and records their
events' actual dates; a contributor records observations for their own
organisation; a viewer reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from ..model import Item
from .accounts import Account, Role
from .security import (
    CSRF_FIELD,
    CSRF_HEADER,
    csrf_token,
    csrf_valid,
    new_session_id,
    password_stamp,
)
from .state import WebState

__all__ = [
    "CsrfError",
    "Forbidden",
    "NotSignedIn",
    "current_account",
    "ensure_session",
    "may_approve",
    "may_edit",
    "may_manage_plan",
    "may_manage_users",
    "may_record_actual",
    "may_record_observation",
    "may_set_clock",
    "page_csrf",
    "require",
    "require_csrf",
    "sign_in",
    "sign_out",
]

_LEADS = frozenset({Role.administrator, Role.planning_lead})


class NotSignedIn(Exception):
    """No valid session: pages send the browser to the sign-in page, the API says 401."""


@dataclass
class Forbidden(Exception):
    """The signed-in person may not do this (403), with a message saying why."""

    message: str


class CsrfError(Exception):
    """A state-changing request without this session's CSRF token (403)."""


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def ensure_session(request: Request) -> str:
    """This browser's session id, creating the session on first contact."""
    sid = request.session.get("sid")
    if not isinstance(sid, str):
        sid = new_session_id()
        request.session["sid"] = sid
    return sid


def page_csrf(request: Request) -> str:
    """The CSRF token that forms and htmx requests of this session must send back."""
    return csrf_token(ensure_session(request), state_of(request).settings.secret_key)


async def require_csrf(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token is not this session's."""
    token = request.headers.get(CSRF_HEADER)
    if token is None and "form" in request.headers.get("content-type", ""):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not csrf_valid(request.session.get("sid"), token,
                      state_of(request).settings.secret_key):
        raise CsrfError()


def current_account(request: Request) -> Account:
    """The signed-in account; its password or activity changing ends the session."""
    name = request.session.get("user")
    if not isinstance(name, str):
        raise NotSignedIn()
    state = state_of(request)
    account = state.account(name)
    stamp = request.session.get("stamp")
    if (account is None or not account.active
            or stamp != password_stamp(account.password_hash, state.settings.secret_key)):
        request.session.clear()
        raise NotSignedIn()
    return account


def sign_in(request: Request, account: Account) -> None:
    """Start a fresh session for ``account`` (a new id: no session fixation)."""
    request.session.clear()
    request.session["sid"] = new_session_id()
    request.session["user"] = account.name
    request.session["stamp"] = password_stamp(account.password_hash,
                                              state_of(request).settings.secret_key)


def sign_out(request: Request) -> None:
    request.session.clear()
    request.session["sid"] = new_session_id()


# -- permissions ---------------------------------------------------------------------------


def may_manage_users(account: Account) -> bool:
    return account.role is Role.administrator


def may_approve(account: Account) -> bool:
    return account.role in _LEADS


def may_manage_plan(account: Account) -> bool:
    """Save anchors as a new version, set the baseline, import a plan."""
    return account.role in _LEADS


def may_set_clock(account: Account) -> bool:
    """Set, advance or unset the workspace's current day (for everyone: it is shared)."""
    return account.role in _LEADS


def may_edit(account: Account, item: Item | None, *, component: str | None = None) -> bool:
    """Change ``item`` (None: add a new item of ``component``)."""
    if account.role in _LEADS:
        return True
    if account.role is not Role.component_planner or not account.component:
        return False
    owner = item.component if item is not None else component
    return owner == account.component


def may_record_actual(account: Account, event: Item) -> bool:
    return may_edit(account, event)


def may_record_observation(account: Account, indicator: Item) -> bool:
    """Leads always; contributors for their organisation; planners for their component."""
    if account.role in _LEADS:
        return True
    if account.role is Role.contributor and account.organisation:
        return account.organisation in {indicator.owner, indicator.component}
    if account.role is Role.component_planner and account.component:
        return indicator.component == account.component
    return False


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)
