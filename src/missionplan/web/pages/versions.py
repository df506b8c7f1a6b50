"""Versions: every stored version, a comparison of two (every field, recorded actual
dates), the baseline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...model.diff import KIND_LABELS
from ..accounts import Account
from ..auth import current_account, may_manage_plan, require_csrf, state_of
from ..render import render
from ..versions import NOW, baseline_version, compare_versions, set_baseline

router = APIRouter(include_in_schema=False)


SHOWN = 30  # versions listed unless all are asked for (a busy workspace makes hundreds)


@router.get("/versions")
def versions_page(request: Request, account: Annotated[Account, Depends(current_account)],
                  old: Annotated[int | None, Query(ge=1)] = None,
                  new: Annotated[int | Literal["now"] | None, Query()] = None,
                  every: Annotated[bool, Query(alias="all")] = False) -> Response:
    state = state_of(request)
    versions = state.plan_versions()
    base = baseline_version(state)
    latest = versions[-1].version if versions else 0
    old = old or base or max(latest - 1, 1)
    new = new or latest
    diff = compare_versions(state, account, old, new) if versions else None
    newest = list(reversed(versions))
    if not every:  # the newest, and those the page names (the baseline, the two compared)
        named = {base, old, new}
        newest = [v for i, v in enumerate(newest) if i < SHOWN or v.version in named]
    return render(request, "versions.html", account=account, versions=newest,
                  baseline=base, diff=diff, old=old, new=new, now=NOW,
                  may_baseline=may_manage_plan(account), total=len(versions),
                  every=every, kinds=KIND_LABELS)


@router.post("/versions/baseline", dependencies=[Depends(require_csrf)])
def versions_baseline(request: Request, account: Annotated[Account, Depends(current_account)],
                      version: Annotated[int, Form(ge=1)]) -> Response:
    set_baseline(state_of(request), account, version)
    return RedirectResponse("/versions", status_code=303)
