"""Deployment: the movement plan on demand (a button), its curve, lift, bottlenecks and map;
and a what-if (units late, routes closed, another rainy season or threshold) planned beside
it, saving nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal, cast

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...i18n import parse_day
from ...logistics import DeploymentData, WhatIf
from ...logistics.outputs import Names
from ..accounts import Account
from ..analysis import (
    DeploymentRun,
    cached_deployment,
    deployment_data,
    run_deployment,
    run_deployment_what_if,
)
from ..auth import current_account, require_csrf, state_of
from ..charts import curve_chart
from ..geomap import map_view
from ..render import render
from ..security import safe_next

router = APIRouter(include_in_schema=False)
Signed = Annotated[Account, Depends(current_account)]
_Short = Annotated[str, Form(max_length=40)]


@dataclass(frozen=True, slots=True)
class Trial:
    """What the what-if form holds (as typed) and what it asks of the planner."""

    rains_from: str = ""
    rains_to: str = ""
    closed: list[str] = field(default_factory=list)
    late_unit: str = ""
    late_days: str = ""
    threshold: str = ""
    arrivals: str = "likely"

    def what_if(self, data: DeploymentData) -> WhatIf:
        """The what-if, checked against the data; ``ValueError`` says what is wrong."""
        season = None
        if self.rains_from or self.rains_to:
            try:
                season = (parse_day(self.rains_from), parse_day(self.rains_to))
            except ValueError:
                raise ValueError("give the rainy season's first and last day, or neither") \
                    from None
            if season[0] > season[1]:
                raise ValueError("the rainy season ends before it starts")
        known = {e.id for e in data.network.edges} | set(data.places)
        unknown = [c for c in self.closed if c not in known]
        if unknown:
            raise ValueError(f"no road or place has id {', '.join(unknown)}")
        late: dict[str, int] = {}
        if self.late_unit:
            if self.late_unit not in {u.id for u in data.force.units}:
                raise ValueError(f"no unit has id {self.late_unit}")
            if not self.late_days.strip().isdigit() or not 0 < int(self.late_days) <= 365:
                raise ValueError("a late unit's delay is a number of days from 1 to 365")
            late[self.late_unit] = int(self.late_days)
        threshold = 1.0
        if self.threshold.strip():
            try:
                percent = float(self.threshold)
            except ValueError:
                percent = -1.0
            if not 1 <= percent <= 100:
                raise ValueError("the threshold is a percent of the authorised strength, "
                                 "from 1 to 100")
            threshold = percent / 100
        if self.arrivals not in ("min", "likely", "max"):
            raise ValueError("arrivals are the earliest, the likely or the latest")
        return WhatIf(rainy_season=season, late=late, closed=tuple(self.closed),
                      threshold=threshold,
                      arrivals=cast(Literal["min", "likely", "max"], self.arrivals))


def _choices(data: DeploymentData) -> dict[str, list[tuple[str, str]]]:
    """The form's choices in people's names: routes and places to close, units."""
    names = Names(data)
    roads = sorted(((e.id, names.thing(e.id)) for e in data.network.edges),
                   key=lambda pair: pair[1])
    places = sorted(((k, names.place(k)) for k in data.places), key=lambda pair: pair[1])
    units = sorted(((u.id, u.name or u.id) for u in data.force.units), key=lambda p: p[1])
    return {"roads": roads, "places": places, "units": units}


def _page(request: Request, account: Account, *, trial: Trial | None = None,
          tried: DeploymentRun | None = None, error: str = "",
          status_code: int = 200) -> Response:
    state = state_of(request)
    run = cached_deployment(state, account)
    data = run.data if run is not None else deployment_data(state, account)
    shown = tried or run
    result = shown.result if shown is not None else None
    curve = (curve_chart(result.curve, threshold=result.threshold)
             if result is not None and result.curve else None)
    names = Names(data)
    return render(request, "deployment.html", account=account, run=run, result=result,
                  map=map_view(data, result), curve=curve, version=state.latest_version(),
                  time_limit=state.settings.deploy_time_limit, trial=trial or Trial(),
                  tried=tried, planned=run.result if run is not None else None,
                  error=error, choices=_choices(data), names=names,
                  status_code=status_code)


@router.get("/deployment")
def deployment_page(request: Request, account: Signed) -> Response:
    return _page(request, account)


@router.post("/deployment/run", dependencies=[Depends(require_csrf)])
def deployment_run(request: Request, account: Signed,
                   back: Annotated[str, Form(max_length=200)] = "/deployment") -> Response:
    """Run it, then back to its page (or to the page that asked: a product's section)."""
    run_deployment(state_of(request), account)
    return RedirectResponse(safe_next(back), status_code=303)


@router.post("/deployment/what-if", dependencies=[Depends(require_csrf)])
def deployment_what_if(request: Request, account: Signed, rains_from: _Short = "",
                       rains_to: _Short = "",
                       closed: Annotated[list[str] | None, Form(max_length=80)] = None,
                       late_unit: _Short = "", late_days: _Short = "", threshold: _Short = "",
                       arrivals: _Short = "likely") -> Response:
    """Plan the deployment with the what-if laid over the data and show it beside the plan
    as it is; nothing is saved. A what-if that does not make sense is shown with why,
    what was typed kept."""
    state = state_of(request)
    trial = Trial(rains_from.strip(), rains_to.strip(), list(closed or [])[:200],
                  late_unit.strip(), late_days.strip(), threshold.strip(), arrivals.strip())
    try:
        what_if = trial.what_if(deployment_data(state, account))
    except ValueError as exc:
        return _page(request, account, trial=trial, error=str(exc), status_code=422)
    return _page(request, account, trial=trial,
                 tried=run_deployment_what_if(state, account, what_if))
