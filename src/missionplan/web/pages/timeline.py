"""Timeline: the Gantt chart and deadlines; what-if on anchors and actual dates via htmx."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import WorkspaceError
from ...i18n import parse_day
from ...model import Plan
from ...planfile import dump_plan
from ..accounts import Account
from ..auth import (
    current_account,
    may_manage_plan,
    may_record_actual,
    require,
    require_csrf,
    state_of,
)
from ..render import render
from ..state import WebState
from ..versions import baseline_dates
from ..views import gantt_of, levelled_of, schedule_of

router = APIRouter(include_in_schema=False)


def _changed(form: dict[str, str], prefix: str, current: dict[str, date],
             events: set[str]) -> dict[str, date]:
    """Dates typed into ``prefix:EVENT`` fields that differ from ``current``."""
    out: dict[str, date] = {}
    for key, value in form.items():
        if not key.startswith(prefix) or not value.strip():
            continue
        event = key[len(prefix):]
        if event not in events:
            raise WorkspaceError(f"no event has id '{event}'", code="unknown-event")
        try:
            day = parse_day(value)
        except ValueError:
            raise WorkspaceError(f"{event}: '{value}' is not a date (DD/MM/YYYY or "
                                 "YYYY-MM-DD)", code="bad-date") from None
        if current.get(event) != day:
            out[event] = day
    return out


async def _what_if(request: Request, plan: Plan) -> tuple[dict[str, date], dict[str, date]]:
    anchors, actuals, _ = await _typed(request, plan)
    return anchors, actuals


async def _typed(request: Request, plan: Plan
                 ) -> tuple[dict[str, date], dict[str, date], set[str]]:
    """Changed anchors, changed actual dates, and every event an actual date was typed for."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    events = set(plan.event_ids())
    typed = {k.removeprefix("actual:") for k, v in form.items()
             if k.startswith("actual:") and v.strip()}
    return (_changed(form, "anchor:", plan.anchor_dates(), events),
            _changed(form, "actual:", plan.actual_dates(), events), typed & events)


def _query(anchors: dict[str, date], actuals: dict[str, date], levelled: bool = False) -> str:
    from urllib.parse import urlencode

    pairs = [("anchor", f"{k}={v}") for k, v in anchors.items()]
    pairs += [("actual", f"{k}={v}") for k, v in actuals.items()]
    pairs += [("levelled", "1")] if levelled else []
    return urlencode(pairs)


def _dated(state: WebState, plan: Plan, levelled: bool) -> tuple[Plan, str]:
    """The plan the timeline dates: as planned, or levelled (each activity's wait for its
    resources written in); with a note when levelling was asked for and could not be."""
    if not levelled:
        return plan, ""
    found = levelled_of(state, plan)
    return found.plan, found.note


@router.get("/timeline")
def timeline_page(request: Request,
                  account: Annotated[Account, Depends(current_account)],
                  levelled: Annotated[bool, Query()] = False) -> Response:
    from ...schedule import build_schedule
    from ..analysis import cached_risk

    state = state_of(request)
    plan = state.plan_for(account)
    base, base_dates = baseline_dates(state, account, state.today())
    if levelled:
        dated, note = _dated(state, plan, True)
        sched = state.derive_from(plan, ("schedule-levelled", state.today()),
                                  lambda: build_schedule(dated, as_of=state.today()))
    else:
        run = cached_risk(state, account)  # kept for this plan as seen: its P50 is the forecast
        sched = schedule_of(plan, state.today(), state=state,
                            risk=run.result if run else None)
        note = ""
    return render(request, "timeline.html", account=account, plan=plan, schedule=sched,
                  query=_query({}, {}, levelled), changed={}, may_save=may_manage_plan(account),
                  may_record=any(may_record_actual(account, e) for e in plan.events),
                  baseline=base, baseline_dates=base_dates, levelled=levelled,
                  levelled_note=note, may_level=bool(plan.resources))


@router.post("/timeline/whatif", dependencies=[Depends(require_csrf)])
async def timeline_what_if(request: Request,
                           account: Annotated[Account, Depends(current_account)]) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    anchors, actuals = await _what_if(request, plan)
    levelled = (await request.form()).get("levelled") == "1"
    dated, note = _dated(state, plan, levelled)  # the waits levelled now, kept
    sched = schedule_of(dated, state.today(), anchors=anchors, actuals=actuals)
    base, base_dates = baseline_dates(state, account, state.today())
    return render(request, "_timeline_result.html", account=account, plan=plan,
                  schedule=sched, query=_query(anchors, actuals, levelled),
                  changed={**anchors, **actuals}, baseline=base, baseline_dates=base_dates,
                  levelled=levelled, levelled_note=note)


@router.get("/timeline/gantt.svg")
def gantt_picture(request: Request, account: Annotated[Account, Depends(current_account)],
                  anchor: list[str] | None = None, actual: list[str] | None = None,
                  levelled: bool = False) -> Response:
    from ...model.pairs import event_dates

    state = state_of(request)
    plan = state.plan_for(account)
    try:
        anchors = event_dates(anchor or ())
        actuals = event_dates(actual or ())
    except ValueError as exc:
        raise WorkspaceError(str(exc), code="bad-date") from None
    if levelled:
        dated, _ = _dated(state, plan, True)
        svg = state.derive_from(plan, ("gantt-levelled", state.today()), lambda: gantt_of(
            dated, state.today())) if not anchors and not actuals else gantt_of(
            dated, state.today(), anchors=anchors, actuals=actuals)
    else:
        svg = gantt_of(plan, state.today(), anchors=anchors, actuals=actuals, state=state)
    return Response(svg, media_type="image/svg+xml",
                    headers={"cache-control": "private, max-age=60"})


@router.post("/timeline/save", dependencies=[Depends(require_csrf)])
async def timeline_save(request: Request,
                        account: Annotated[Account, Depends(current_account)]) -> Response:
    """Save changed anchors as a new plan version and record changed actual dates."""
    state = state_of(request)
    plan = state.plan_for(account)
    anchors, actuals, typed = await _typed(request, plan)
    index = plan.item_index()
    for event in sorted(typed):
        require(may_record_actual(account, index[event]),
                f"your role may not record the actual date of '{event}'")
    if anchors:
        require(may_manage_plan(account), "only a planning lead saves anchors as a new version")
        base = state.base_plan()
        text = dump_plan(base.with_dates(anchors=anchors))
        state.ws.import_plan(text, user=account.name, expected_version=state.latest_version(),
                             note="anchors: " + ", ".join(f"{k}={v}" for k, v in anchors.items()))
    for event, day in actuals.items():
        state.ws.record_actual(event, day, user=account.name)
    return RedirectResponse("/timeline", status_code=303)
