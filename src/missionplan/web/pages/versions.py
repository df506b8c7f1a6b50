"""Versions: every stored version, a comparison of two (every field, recorded actual
dates), the baseline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..auth import current_account, may_manage_plan, require_csrf, state_of
from ..render import render
from ..versions import NOW, baseline_version, compare_versions, set_baseline

router = APIRouter(include_in_schema=False)


@router.get("/versions")
def versions_page(request: Request, account: Annotated[Account, Depends(current_account)],
                  old: Annotated[int | None, Query(ge=1)] = None,
                  new: Annotated[int | Literal["now"] | None, Query()] = None) -> Response:
    state = state_of(request)
    versions = state.plan_versions()
    base = baseline_version(state)
    latest = versions[-1].version if versions else 0
    old = old or base or max(latest - 1, 1)
    new = new or latest
    diff = compare_versions(state, account, old, new) if versions else None
    return render(request, "versions.html", account=account, versions=list(reversed(versions)),
                  baseline=base, diff=diff, old=old, new=new, now=NOW,
                  may_baseline=may_manage_plan(account))


@router.post("/versions/baseline", dependencies=[Depends(require_csrf)])
def versions_baseline(request: Request, account: Annotated[Account, Depends(current_account)],
                      version: Annotated[int, Form(ge=1)]) -> Response:
    set_baseline(state_of(request), account, version)
    return RedirectResponse("/versions", status_code=303)
