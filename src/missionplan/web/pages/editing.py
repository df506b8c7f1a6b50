"""Plan editing: add an item, or change one, as YAML; a save is a new version, stale saves
refused with both versions shown."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import ConflictError, PlanFileError
from ..accounts import Account
from ..auth import current_account, may_approve_own, may_edit, require_csrf, state_of
from ..editing import (
    EDITABLE,
    add_item,
    decide,
    item_yaml,
    parse_item,
    proposed_by,
    save_item,
    visible_item,
)
from ..render import render
from ..state import WebState

router = APIRouter(include_in_schema=False)


@router.get("/plan/items/{item_id}")
def item_page(request: Request, account: Annotated[Account, Depends(current_account)],
              item_id: str) -> Response:
    state = state_of(request)
    _section, item = visible_item(state, account, item_id)
    record = state.ws.item(item_id)
    return render(request, "item.html", account=account, item=item, record=record,
                  text=item_yaml(record.data), may_edit=may_edit(account, item),
                  error="", theirs=None, **_decision(state, account, item_id))


@router.post("/plan/items/{item_id}", dependencies=[Depends(require_csrf)])
def item_save(request: Request, account: Annotated[Account, Depends(current_account)],
              item_id: str, text: Annotated[str, Form(max_length=100_000)],
              etag: Annotated[str, Form(max_length=64)]) -> Response:
    state = state_of(request)
    _section, item = visible_item(state, account, item_id)
    try:
        data = parse_item(text, where=item_id)
        save_item(state, account, item_id, data, etag=etag)
    except (ConflictError, PlanFileError) as exc:
        record = state.ws.item(item_id)
        conflict = not isinstance(exc, PlanFileError)
        return render(request, "item.html", account=account, item=item, record=record,
                      text=text, may_edit=may_edit(account, item),
                      **_decision(state, account, item_id),
                      status_code=409 if conflict else 422,
                      error=str(exc),
                      theirs=item_yaml(record.data) if conflict else None)
    return RedirectResponse(f"/plan/items/{item_id}", status_code=303)


def _decision(state: WebState, account: Account, item_id: str) -> dict[str, Any]:
    """Who proposed the item, and whether this person may decide on it (not their own)."""
    proposer = proposed_by(state, item_id)
    return {"proposer": proposer, "may_approve": may_approve_own(account, proposer)}


@router.post("/plan/items/{item_id}/decision", dependencies=[Depends(require_csrf)])
def item_decision(request: Request, account: Annotated[Account, Depends(current_account)],
                  item_id: str, decision: Annotated[str, Form(pattern="^(approve|reject)$")]
                  ) -> Response:
    decide(state_of(request), account, item_id, approve=decision == "approve")
    return RedirectResponse(f"/plan/items/{item_id}", status_code=303)


_NEW_EXAMPLE = "id: new_item_id\nname: What it is\ncomponent: \nsource: directive:LINE\n"


@router.get("/plan/new")
def new_item_page(request: Request, account: Annotated[Account, Depends(current_account)]
                  ) -> Response:
    return render(request, "new_item.html", account=account, sections=EDITABLE,
                  section="events", text=_NEW_EXAMPLE, error="")


@router.post("/plan/new", dependencies=[Depends(require_csrf)])
def new_item_save(request: Request, account: Annotated[Account, Depends(current_account)],
                  section: Annotated[str, Form(max_length=40)],
                  text: Annotated[str, Form(max_length=100_000)]) -> Response:
    """Add an item; one that cites no clause enters as proposed, for the planning lead."""
    try:
        data = parse_item(text, where="new item")
        add_item(state_of(request), account, section, data)
    except (ConflictError, PlanFileError) as exc:
        return render(request, "new_item.html", account=account, sections=EDITABLE,
                      section=section, text=text, error=str(exc),
                      status_code=409 if isinstance(exc, ConflictError) else 422)
    return RedirectResponse(f"/plan/items/{data['id']}", status_code=303)
