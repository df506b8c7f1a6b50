"""The JSON API under ``/api``: the same reads and writes as the pages, same permissions.

Sign in with ``POST /api/session`` (JSON name and password); the answer carries
the CSRF token that every later ``POST``/``PUT`` must send as ``X-CSRF-Token``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..errors import ConflictError, UnknownItemError
from ..monitor import Observation
from ..planfile import dump_plan
from ..store import CurrentDay
from ..store.clock import given_day
from .accounts import Account
from .auth import (
    Forbidden,
    current_account,
    main_state,
    may_approve,
    may_edit,
    may_record_actual,
    may_record_observation,
    page_csrf,
    require,
    require_csrf,
    sign_in,
    state_of,
)
from .second import SecondFactorRequired, due, finish
from .signin import WrongCredentials, attempt, client_address
from .state import WebState
from .totp import enabled
from .views import monitoring, schedule_of
from .visibility import visible_audit

router = APIRouter(prefix="/api", tags=["api"])
Signed = Annotated[Account, Depends(current_account)]
_CSRF = [Depends(require_csrf)]


class Credentials(BaseModel):
    name: str = Field(max_length=120)
    password: str = Field(max_length=400)
    code: str | None = Field(default=None, max_length=40,
                             description="The second factor's code, for an account with one")


class ObservationIn(BaseModel):
    indicator: str = Field(max_length=80)
    date: date
    value: float = Field(allow_inf_nan=False)
    source: str = Field(default="", max_length=200)


class ActualIn(BaseModel):
    event: str = Field(max_length=80)
    date: date
    correction: bool = Field(default=False, description="Confirm a date the plan's logic "
                                                        "forbids, as a correction of it")
    note: str = Field(default="", max_length=400)


class ItemIn(BaseModel):
    etag: str = Field(max_length=64)
    data: dict[str, Any]
    note: str = Field(default="", max_length=400)


@router.post("/session", dependencies=_CSRF)
def api_sign_in(request: Request, body: Credentials) -> dict[str, object]:
    """Sign in; the answer's ``csrf`` goes in ``X-CSRF-Token`` on later writes."""
    try:
        account = attempt(state_of(request), body.name, body.password, client_address(request))
    except WrongCredentials:
        raise Forbidden("wrong user name or password") from None
    if due(state_of(request), account, request):
        if not body.code or not enabled(state_of(request).ws.engine, account.name):
            raise SecondFactorRequired()
        try:
            finish(request, account, body.code)
        except WrongCredentials:
            raise Forbidden("wrong code, or a code already used") from None
        return {"user": account.to_json(), "csrf": page_csrf(request)}
    sign_in(request, account)
    return {"user": account.to_json(), "csrf": page_csrf(request)}


@router.get("/session")
def api_session(request: Request) -> dict[str, object]:
    """The CSRF token of this session (and who is signed in, if anyone)."""
    name = request.session.get("user")
    return {"user": name if isinstance(name, str) else None, "csrf": page_csrf(request)}


@router.get("/plans")
def api_plans(request: Request, account: Signed) -> list[dict[str, object]]:
    """Every stored version of the plan."""
    return [v.to_json() for v in state_of(request).plan_versions()]


@router.get("/plans/current")
def api_current_plan(request: Request, account: Signed) -> dict[str, Any]:
    """The newest plan as you may see it, as plan data."""
    plan = state_of(request).plan_for(account)
    data: dict[str, Any] = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


@router.get("/plans/current/export")
def api_export(request: Request, account: Signed) -> dict[str, str]:
    """The newest plan as plan file text (restricted items removed unless cleared)."""
    return {"text": dump_plan(state_of(request).plan_for(account))}


@router.get("/items/{item_id}")
def api_item(request: Request, account: Signed, item_id: str) -> dict[str, object]:
    """One item of the newest plan, with the etag an edit must send back."""
    state = state_of(request)
    if item_id in state.hidden_for(account):
        raise UnknownItemError(f"the plan has no item '{item_id}'")
    return state.ws.item(item_id).to_json()


class Conflict(BaseModel):
    """A refused save: your version and the one saved meanwhile, so nothing is lost."""

    error: str
    message: str
    yours: dict[str, Any]
    theirs: dict[str, Any]


@router.put("/items/{item_id}", dependencies=_CSRF,
            responses={409: {"model": Conflict, "description": "Someone saved it first"}})
def api_update_item(request: Request, account: Signed, item_id: str,
                    body: ItemIn) -> Any:
    """Save a changed item as a new version; 409 with both versions if someone else saved
    it first."""
    from .editing import save_item

    state = state_of(request)
    try:
        version = save_item(state, account, item_id, body.data, etag=body.etag, note=body.note)
    except ConflictError as exc:
        theirs = state.ws.item(item_id).to_json()
        return JSONResponse(Conflict(error="edit-conflict", message=str(exc), yours=body.data,
                                     theirs=theirs).model_dump(mode="json"), 409)
    return version.to_json()


class NewItem(BaseModel):
    section: str = Field(max_length=40)
    data: dict[str, Any]


@router.post("/items", dependencies=_CSRF)
def api_add_item(request: Request, account: Signed, body: NewItem) -> dict[str, object]:
    """Add an item as a new version (one citing no clause enters as ``proposed``)."""
    from .editing import add_item

    return add_item(state_of(request), account, body.section, body.data).to_json()


@router.get("/versions")
def api_versions(request: Request, account: Signed) -> dict[str, object]:
    """Every stored version and the baseline."""
    from .versions import baseline_version

    state = state_of(request)
    return {"versions": [v.to_json() for v in state.plan_versions()],
            "baseline": baseline_version(state)}


@router.get("/versions/compare")
def api_compare(request: Request, account: Signed, old: Annotated[int, Query(ge=1)],
                new: Annotated[Annotated[int, Field(ge=1)] | Literal["now"], Query()]
                ) -> dict[str, object]:
    """Every difference between two versions (``new`` may be ``now``: the newest with the
    actual dates recorded now), in sections: each field of the plan, then the recorded
    actual dates."""
    from .versions import compare_versions

    return compare_versions(state_of(request), account, old, new).to_json()


class BaselineIn(BaseModel):
    version: int = Field(ge=1)


@router.post("/versions/baseline", dependencies=_CSRF)
def api_set_baseline(request: Request, account: Signed, body: BaselineIn
                     ) -> dict[str, object]:
    """Set the baseline version (planning lead)."""
    from .versions import set_baseline

    set_baseline(state_of(request), account, body.version)
    return {"baseline": body.version}


def _as_of(state: WebState, as_of: date | None) -> CurrentDay:
    return given_day(as_of, "as_of in the query") if as_of is not None else state.clock()


@router.get("/schedule")
def api_schedule(request: Request, account: Signed,
                 as_of: Annotated[date | None, Query()] = None) -> dict[str, object]:
    """The plan in dates as of a day (default: the workspace's current day)."""
    state = state_of(request)
    day = _as_of(state, as_of)
    sched = schedule_of(state.plan_for(account), day.day, state=state)
    return {**sched.to_json(), "as_of_source": day.to_json()}


@router.get("/criteria")
def api_criteria(request: Request, account: Signed,
                 as_of: Annotated[date | None, Query()] = None) -> dict[str, object]:
    """Every criterion's status on observations, with forecasts (default: as of the
    workspace's current day)."""
    state = state_of(request)
    day = _as_of(state, as_of)
    mon = monitoring(state, state.plan_for(account), day.day)
    return {"as_of": day.day.isoformat(), "as_of_source": day.to_json(),
            "criteria": [c.to_json() for c in mon.criteria],
            "forecasts": {k: f.to_json() for k, f in mon.forecasts.items()}}


class ClockIn(BaseModel):
    day: date | None = Field(description="The scenario day; null: back to the wall clock")


class StepIn(BaseModel):
    step: str = Field(max_length=20, description="How far to move the day: 7d, 2w, 1mo")


@router.get("/clock")
def api_clock(request: Request, account: Signed) -> dict[str, object]:
    """The workspace's current day, where it comes from and why."""
    return state_of(request).clock().to_json()


@router.post("/clock", dependencies=_CSRF)
def api_set_clock(request: Request, account: Signed, body: ClockIn) -> dict[str, object]:
    """Set the scenario day, or with ``null`` hand the day back to the wall clock
    (planning lead)."""
    from .clock import set_clock

    return set_clock(main_state(request), account, body.day).to_json()


@router.post("/clock/advance", dependencies=_CSRF)
def api_advance_clock(request: Request, account: Signed, body: StepIn) -> dict[str, object]:
    """Move the current day on by a step (planning lead)."""
    from .clock import advance_clock

    return advance_clock(main_state(request), account, body.step).to_json()


@router.post("/observations", dependencies=_CSRF)
def api_observation(request: Request, account: Signed, body: ObservationIn
                    ) -> dict[str, object]:
    """Record one observation of an indicator."""
    state = state_of(request)
    found = {i.id: i for i in state.plan_for(account).indicators}.get(body.indicator)
    if found is None:
        raise UnknownItemError(f"the plan has no indicator '{body.indicator}'")
    require(may_record_observation(account, found),
            f"your role may not record observations of '{body.indicator}'")
    row = Observation(indicator=body.indicator, date=body.date, value=body.value,
                      source=body.source or f"api: {account.name}")
    return state.ws.add_observations([row], user=account.name, source_name="api").to_json()


def _recordable(state: WebState, account: Account, event: str) -> None:
    found = {e.id: e for e in state.plan_for(account).events}.get(event)
    if found is None:
        raise UnknownItemError(f"the plan has no event '{event}'", code="unknown-event")
    require(may_record_actual(account, found),
            f"your role may not record the actual date of '{event}'")


@router.post("/actuals", dependencies=_CSRF)
def api_actual(request: Request, account: Signed, body: ActualIn) -> dict[str, object]:
    """Record (or correct) the day an event actually happened: refused when after the
    workspace's day (``future-actual``) or against the plan's logic (``against-logic``)
    unless ``correction``. Answers the date and the deadlines on the event now."""
    from ..store.status import recorded

    state = state_of(request)
    _recordable(state, account, body.event)
    state.ws.record_actual(body.event, body.date, user=account.name,
                           correction=body.correction, note=body.note)
    return recorded(state.ws, body.event).to_json()


@router.delete("/actuals/{event}", dependencies=_CSRF)
def api_clear_actual(request: Request, account: Signed, event: str) -> dict[str, object]:
    """Clear an event's recorded date (the audit log keeps it)."""
    from ..store.status import recorded

    state = state_of(request)
    _recordable(state, account, event)
    state.ws.clear_actual(event, user=account.name)
    return recorded(state.ws, event).to_json()


@router.get("/risk")
def api_risk(request: Request, account: Signed) -> dict[str, object]:
    """The newest version's risk simulation if someone ran it (the Risk page runs it)."""
    from .analysis import cached_risk

    state = state_of(request)
    run = cached_risk(state, account)
    return {"version": state.latest_version(),
            "result": None if run is None else run.result.to_json(),
            "sentences": [] if run is None else run.sentences}


@router.get("/deployment")
def api_deployment(request: Request, account: Signed) -> dict[str, object]:
    """The newest version's movement plan if someone ran it (the Deployment page runs it)."""
    from .analysis import cached_deployment

    state = state_of(request)
    run = cached_deployment(state, account)
    return {"version": state.latest_version(),
            "result": None if run is None else run.result.to_json()}


@router.get("/audit")
def api_audit(request: Request, account: Signed,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, object]]:
    """The newest changes (entries about items you may not see are left out)."""
    state = state_of(request)
    hidden = state.hidden_for(account)
    return [e.to_json() for e in visible_audit(state.ws.audit(limit=limit), hidden)]


class UnlockIn(BaseModel):
    """Whose sign-in lock to lift: an account, an address, or both."""

    name: str | None = Field(default=None, max_length=120)
    address: str | None = Field(default=None, max_length=120)


@router.get("/people")
def api_people(request: Request, account: Signed) -> dict[str, object]:
    """Every account with its second factor, sign-in lock and sessions; every address
    locked for failed sign-ins (administrators)."""
    from .auth import may_manage_users
    from .people import people

    require(may_manage_users(account), "only an administrator manages accounts")
    persons, addresses = people(state_of(request).ws.engine)
    return {"accounts": [p.to_json() for p in persons],
            "addresses": [a.to_json() for a in addresses]}


@router.post("/people/unlock", dependencies=_CSRF)
def api_unlock(request: Request, account: Signed, body: UnlockIn) -> dict[str, object]:
    """Lift the sign-in lock (and forget the failures) of an account, an address or both;
    the keys that had any (administrators, audited)."""
    from .auth import may_manage_users
    from .signin import lift

    require(may_manage_users(account), "only an administrator manages accounts")
    if not (body.name or "").strip() and not (body.address or "").strip():
        raise HTTPException(422, "name an account, an address, or both")
    return {"lifted": lift(state_of(request).ws.engine, by=account.name,
                           name=(body.name or "").strip() or None,
                           address=(body.address or "").strip() or None)}


@router.post("/people/{name}/revoke", dependencies=_CSRF)
def api_revoke(request: Request, account: Signed, name: str) -> dict[str, object]:
    """End every session of account ``name`` begun before now (administrators, audited)."""
    from .auth import may_manage_users
    from .signin import revoke_sessions

    require(may_manage_users(account), "only an administrator manages accounts")
    at = revoke_sessions(state_of(request).ws.engine, name, by=account.name)
    return {"user": name, "sessions_after": at.isoformat()}


@router.get("/search")
def api_search(request: Request, account: Signed,
               q: Annotated[str, Query(min_length=1, max_length=100)]) -> list[dict[str, str]]:
    """Items whose id, name or note contains ``q`` (case-insensitive)."""
    from .editing import search_items

    return search_items(state_of(request).plan_for(account), q)


__all__ = ["may_approve", "may_edit", "router"]
