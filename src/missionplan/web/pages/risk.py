"""Risk: the odds of meeting each deadline and criterion, simulated on demand (a button)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..analysis import cached_risk, run_risk
from ..auth import current_account, require_csrf, state_of
from ..charts import s_curve_chart, tornado_chart
from ..render import render
from ..security import safe_next

router = APIRouter(include_in_schema=False)


@router.get("/risk")
def risk_page(request: Request,
              account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    run = cached_risk(state, account)
    curves = tornado = None
    if run is not None:
        r = run.result
        curves = [c for key in r.key_events
                  if (c := s_curve_chart(r.event(key), r.reference)) is not None]
        tornado = tornado_chart(r)
    return render(request, "risk.html", account=account, run=run,
                  version=state.latest_version(), samples=state.settings.risk_samples,
                  curves=curves or [], tornado=tornado)


@router.post("/risk/run", dependencies=[Depends(require_csrf)])
def risk_run(request: Request, account: Annotated[Account, Depends(current_account)],
             back: Annotated[str, Form(max_length=200)] = "/risk") -> Response:
    """Run it, then back to its page (or to the page that asked: a product's section)."""
    run_risk(state_of(request), account)
    return RedirectResponse(safe_next(back), status_code=303)
