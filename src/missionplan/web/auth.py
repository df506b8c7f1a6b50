"""Who is asking, and what they may do: sessions, CSRF checks, roles and permissions.

Roles: the administrator may do everything; the planning lead approves items,
saves versions, sets the baseline and moves the workspace's clock; a component
planner edits items of their own component (``Item.component``) and records their
events' actual dates; a contributor records observations for their own
organisation; a viewer reads.

In an exercise: the trainer runs it (loads the exercise, makes syndicates, moves the
clock, sees every syndicate's plan and the after-action review) and holds a planning
lead's rights on the plan they look at; a syndicate lead holds a planning lead's rights
on their syndicate's copy of the plan (not the clock, which is everyone's); a syndicate
member edits and records on it as a planner does. A syndicate's people see their
syndicate's copy alone (:func:`state_of`).
"""

from __future__ import annotations

import time
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
    "main_state",
    "may_approve",
    "may_approve_own",
    "may_edit",
    "may_manage_plan",
    "may_manage_users",
    "may_record_actual",
    "may_record_observation",
    "may_run_exercise",
    "may_set_clock",
    "page_csrf",
    "require",
    "require_csrf",
    "session_live",
    "sign_in",
    "sign_out",
]

_LEADS = frozenset({Role.administrator, Role.planning_lead, Role.trainer, Role.syndicate_lead})
_CLOCK = frozenset({Role.administrator, Role.planning_lead, Role.trainer})
_TRAINERS = frozenset({Role.administrator, Role.trainer})


class NotSignedIn(Exception):
    """No valid session: pages send the browser to the sign-in page, the API says 401."""


@dataclass
class Forbidden(Exception):
    """The signed-in person may not do this (403), with a message saying why."""

    message: str


class CsrfError(Exception):
    """A state-changing request without this session's CSRF token (403)."""


def state_of(request: Request) -> WebState:
    """The workspace as the signed-in person sees it: a syndicate's people their syndicate's
    copy of the plan; a trainer or administrator the syndicate they chose to look at
    (:data:`VIEW_KEY` in the session), else the workspace's own plan. Worked out once per
    request."""
    found = getattr(request.state, "mp_state", None)
    if isinstance(found, WebState):
        return found
    main: WebState = request.app.state.web
    branch = _branch_of(request, main)
    state = main.on(branch) if branch else main
    request.state.mp_state = state
    return state


VIEW_KEY = "view_syndicate"


def _branch_of(request: Request, main: WebState) -> str:
    name = request.session.get("user") if "session" in request.scope else None
    if not isinstance(name, str):
        return ""
    account = main.account(name)
    if account is None:
        return ""
    if account.role.in_syndicate:
        return account.syndicate or ""
    chosen = request.session.get(VIEW_KEY)
    if account.role in _TRAINERS and isinstance(chosen, str) and chosen in main.syndicate_names():
        return chosen
    return ""


def main_state(request: Request) -> WebState:
    """The workspace's own plan, whoever asks (the exercise's pages compare branches)."""
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
    """The signed-in account; its password or activity changing ends the session, and so
    do idle time, its absolute age and an administrator's revocation (:func:`session_live`)."""
    name = request.session.get("user")
    if not isinstance(name, str):
        raise NotSignedIn()
    state = state_of(request)
    account = state.account(name)
    stamp = request.session.get("stamp")
    if (account is None or not account.active
            or stamp != password_stamp(account.password_hash, state.settings.secret_key)
            or not session_live(request, state)):
        request.session.clear()
        raise NotSignedIn()
    return account


def session_live(request: Request, state: WebState) -> bool:
    """Whether the session is within its idle and absolute limits and not revoked; marks it
    seen now."""
    from .signin import sessions_after

    now = int(time.time())
    began, seen = request.session.get("at"), request.session.get("seen")
    if not isinstance(began, int | float) or not isinstance(seen, int):
        return False
    settings = state.settings
    if now - seen > settings.session_idle or now - began > settings.session_max_age:
        return False
    name = str(request.session.get("user"))
    revoked = state.derive(("sessions_after", name),
                           lambda: sessions_after(state.ws.engine, name), observed=False)
    if revoked is not None and began < revoked.timestamp():
        return False
    request.session["seen"] = now
    return True


def sign_in(request: Request, account: Account) -> None:
    """Start a fresh session for ``account`` (a new id: no session fixation)."""
    request.session.clear()
    request.session["sid"] = new_session_id()
    request.session["user"] = account.name
    request.session["stamp"] = password_stamp(account.password_hash,
                                              state_of(request).settings.secret_key)
    request.session["at"] = time.time()
    request.session["seen"] = int(time.time())


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
    return account.role in _CLOCK


def may_run_exercise(account: Account) -> bool:
    """Load an exercise, make syndicates, look at every syndicate's plan, the review."""
    return account.role in _TRAINERS


def may_edit(account: Account, item: Item | None, *, component: str | None = None) -> bool:
    """Change ``item`` (None: add a new item of ``component``)."""
    if account.role in _LEADS or account.role is Role.syndicate_member:
        return True
    if account.role is not Role.component_planner or not account.component:
        return False
    owner = item.component if item is not None else component
    return owner == account.component


def may_record_actual(account: Account, event: Item) -> bool:
    return may_edit(account, event)


def may_record_observation(account: Account, indicator: Item) -> bool:
    """Leads always; contributors for their organisation; planners for their component."""
    if account.role in _LEADS or account.role is Role.syndicate_member:
        return True
    if account.role is Role.contributor and account.organisation:
        return account.organisation in {indicator.owner, indicator.component}
    if account.role is Role.component_planner and account.component:
        return indicator.component == account.component
    return False


def may_approve_own(account: Account, proposed_by: str | None) -> bool:
    """Separation of duties: whoever proposed something may not also approve it (the
    directive's "approved by" is another hand); None: nobody's proposal is on record."""
    return may_approve(account) and (proposed_by is None or proposed_by != account.name)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)
