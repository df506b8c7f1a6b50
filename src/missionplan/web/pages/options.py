"""Options: the courses of action side by side and the one to recommend, compared on
demand (a button), in the person's language: the same sections as the options analysis
document (``missionplan report options``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from ...reports.context import build_context
from ...reports.html import sections_html
from ...reports.options import options_sections
from ..accounts import Account
from ..auth import current_account, require_csrf, state_of
from ..language import page_language
from ..options import cached_options, run_options
from ..render import render
from ..views import schedule_of

router = APIRouter(include_in_schema=False)


@router.get("/options")
def options_page(request: Request,
                 account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    run = cached_options(state, account)
    sections = None
    if run is not None:
        ctx = build_context(plan, schedule_of(plan, state.today(), state=state),
                            generated=state.today())
        ctx.lang, ctx.options = page_language(request), run.comparison
        sections = sections_html(options_sections(ctx), lang=ctx.lang)
    return render(request, "options.html", account=account, run=run, sections=sections,
                  courses=plan.courses_of_action, version=state.latest_version(),
                  time_limit=state.settings.deploy_time_limit)


@router.post("/options/run", dependencies=[Depends(require_csrf)])
def options_run(request: Request, account: Annotated[Account, Depends(current_account)]
                ) -> Response:
    run_options(state_of(request), account)
    return RedirectResponse("/options", status_code=303)
