"""Deployment: the movement plan on demand (a button), its curve, lift, bottlenecks and map."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..accounts import Account
from ..analysis import cached_deployment, deployment_data, run_deployment
from ..auth import current_account, require_csrf, state_of
from ..charts import curve_chart
from ..geomap import map_view
from ..render import render
from ..security import safe_next

router = APIRouter(include_in_schema=False)


@router.get("/deployment")
def deployment_page(request: Request,
                    account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    run = cached_deployment(state, account)
    data = run.data if run is not None else deployment_data(state, account)
    result = run.result if run is not None else None
    curve = (curve_chart(result.curve, threshold=result.threshold)
             if result is not None and result.curve else None)
    return render(request, "deployment.html", account=account, run=run, result=result,
                  map=map_view(data, result), curve=curve, version=state.latest_version(),
                  time_limit=state.settings.deploy_time_limit)


@router.post("/deployment/run", dependencies=[Depends(require_csrf)])
def deployment_run(request: Request, account: Annotated[Account, Depends(current_account)],
                   back: Annotated[str, Form(max_length=200)] = "/deployment") -> Response:
    """Run it, then back to its page (or to the page that asked: a product's section)."""
    run_deployment(state_of(request), account)
    return RedirectResponse(safe_next(back), status_code=303)
