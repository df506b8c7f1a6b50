"""The exercise: each syndicate's inbox, the trainer's controls, the after-action review.

``/inbox`` is everyone's: the injects delivered to the plan they read, with what each
broke. ``/exercise`` (trainer) loads the exercise, makes syndicates, moves the clock and
shows the master events list; ``/exercise/review`` sets the syndicates side by side and
is the after-action review, downloadable as HTML, PDF or DOCX.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ...errors import MissionplanError
from ...outlook import CriterionOutlook
from ...reports.documents import DocumentFormat
from ...reports.run import made_at
from ..accounts import Account
from ..auth import current_account, may_run_exercise, may_set_clock, require, require_csrf, state_of
from ..exercise import (
    REVIEW_SAMPLES,
    add_syndicate,
    exercise_of,
    inbox,
    load_exercise,
    master_list,
    measuring,
    review,
    set_view,
    syndicates,
)
from ..language import page_language
from ..render import render
from .downloads import MEDIA

router = APIRouter(include_in_schema=False)
Signed = Annotated[Account, Depends(current_account)]
_CSRF = [Depends(require_csrf)]
_MAX_EXERCISE = 2_000_000  # bytes: an exercise file is text, a few hundred kB at most


@router.get("/inbox")
def inbox_page(request: Request, account: Signed,
               limit: Annotated[int | None, Query(ge=1, le=1000)] = None) -> Response:
    """The inbox; ``limit`` (with htmx) the newest few, as the dashboard shows them."""
    state = state_of(request)
    deliveries = inbox(state)
    template = "_inbox.html" if request.headers.get("hx-request") else "inbox.html"
    return render(request, template, account=account, exercise=exercise_of(state),
                  deliveries=deliveries, pending=any(d.impact is None for d in deliveries),
                  trainer=may_run_exercise(account), limit=limit or 0)


def _exercise_page(request: Request, account: Account, *, error: str = "",
                   status_code: int = 200) -> Response:
    require(may_run_exercise(account), "only a trainer runs the exercise")
    state = state_of(request)
    return render(request, "exercise.html", account=account, status_code=status_code,
                  exercise=exercise_of(state), master=master_list(request, account),
                  syndicates=syndicates(state), viewing=state.ws.branch, error=error,
                  may_set_clock=may_set_clock(account), measuring=measuring())


@router.get("/exercise")
def exercise_page(request: Request, account: Signed) -> Response:
    return _exercise_page(request, account)


@router.post("/exercise/load", dependencies=_CSRF)
async def exercise_load(request: Request, account: Signed,
                        file: Annotated[UploadFile | None, File()] = None) -> Response:
    require(may_run_exercise(account), "only a trainer runs the exercise")
    if file is None:
        return _exercise_page(request, account, status_code=422,
                              error="choose an exercise file to load")
    data = await file.read(_MAX_EXERCISE + 1)
    name = file.filename or "exercise.yaml"
    if len(data) > _MAX_EXERCISE:
        return _exercise_page(request, account, status_code=413,
                              error=f"{name} is larger than {_MAX_EXERCISE // 1_000_000} MB; "
                                    "an exercise file is a few hundred kB at most")
    try:
        load_exercise(request, account, data.decode("utf-8"), name)
    except UnicodeDecodeError:
        return _exercise_page(request, account, status_code=422,
                              error=f"{name} is not UTF-8 text: save it as UTF-8 YAML")
    except MissionplanError as exc:  # located: the page says where, nothing was changed
        return _exercise_page(request, account, status_code=422, error=str(exc))
    return RedirectResponse("/exercise", status_code=303)


@router.post("/exercise/syndicates", dependencies=_CSRF)
def exercise_add_syndicate(request: Request, account: Signed,
                           name: Annotated[str, Form(max_length=40)],
                           title: Annotated[str, Form(max_length=120)] = "") -> Response:
    try:
        add_syndicate(request, account, name.strip(), title.strip())
    except MissionplanError as exc:
        return _exercise_page(request, account, status_code=422, error=str(exc))
    return RedirectResponse("/exercise", status_code=303)


@router.post("/exercise/view", dependencies=_CSRF)
def exercise_view(request: Request, account: Signed,
                  syndicate: Annotated[str, Form(max_length=40)] = "") -> Response:
    set_view(request, account, syndicate)
    return RedirectResponse("/", status_code=303)


@router.get("/exercise/review")
def review_page(request: Request, account: Signed,
                a: Annotated[str | None, Query(max_length=40)] = None,
                b: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    from ...reports.aar import aar_tables
    from ...reports.aar_charts import costs_svg, timeline_svg
    from ...reports.html import svg_data_uri

    found = review(request, account)
    names = [s.name for s in found.syndicates]
    a = a if a in names else (names[0] if names else None)
    b = b if b in names else (names[1] if len(names) > 1 else a)
    if (a, b) not in found.pairs and (b, a) in found.pairs:
        a, b = b, a  # the pairs run in the order the syndicates were made
    pair = found.pairs.get((a, b), []) if a and b and a != b else []
    rows: dict[str, tuple[str, dict[str, CriterionOutlook]]] = {}
    for s in found.syndicates:
        for c in s.outlook.criteria:
            rows.setdefault(c.id, (c.name, {}))[1][s.name] = c
    side = [(cid, name, [got.get(n) for n in names]) for cid, (name, got) in rows.items()]
    lang = page_language(request)
    return render(request, "review.html", account=account, review=found,
                  tables=aar_tables(found, lang),
                  timeline_uri=svg_data_uri(timeline_svg(found, lang)),
                  costs_uri=svg_data_uri(costs_svg(found, lang)) if found.delivered() else "",
                  names=names, side=side, a=a, b=b, pair=pair, samples=REVIEW_SAMPLES)


@router.get("/exercise/aar.{fmt}")
def review_download(request: Request, account: Signed, fmt: str) -> Response:
    from ...reports.aar import render_aar

    if fmt not in DocumentFormat.__members__:
        raise HTTPException(404, f"the review comes as html, pdf or docx, not {fmt}")
    found = review(request, account)
    body = render_aar(found, DocumentFormat(fmt), generated=made_at().date(),
                      lang=page_language(request))
    name = f"{found.exercise.id}-aar-{found.as_of.isoformat()}.{fmt}"
    return Response(body, media_type=MEDIA[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})
