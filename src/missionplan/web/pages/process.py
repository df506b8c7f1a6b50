"""The planning process: products and their drafts, my work, comments, decisions and the
alignment matrix."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import ConflictError, UnknownItemError
from ...process import alignment
from ...store import Discussion, Products
from ..accounts import Account
from ..auth import current_account, may_approve, require, require_csrf, state_of
from ..language import TypedDay
from ..process import (
    comment,
    comments_seen,
    export_html,
    feed,
    hand_over_lead,
    move,
    my_tasks,
    product_states,
    product_view,
    request_review,
    reviews_asked,
    sign_hr,
    write_section,
)
from ..render import render
from ..security import safe_next
from ..visibility import is_cleared

router = APIRouter(include_in_schema=False)
_CSRF = [Depends(require_csrf)]
Signed = Annotated[Account, Depends(current_account)]
_TEXT = Annotated[str, Form(max_length=20_000)]


@router.get("/products")
def products_page(request: Request, account: Signed) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    statuses = product_states(state)
    return render(request, "products.html", account=account, products=plan.products,
                  statuses=statuses)


def _product(request: Request, account: Signed, product_id: str, *, status_code: int = 200,
             error: str = "", editing: str = "", text: str = "", theirs: str | None = None
             ) -> Response:
    view = product_view(state_of(request), account, product_id)
    return render(request, "product.html", account=account, view=view, error=error,
                  editing=editing, text=text, theirs=theirs, status_code=status_code)


@router.get("/products/{product_id}")
def product_page(request: Request, account: Signed, product_id: str) -> Response:
    return _product(request, account, product_id)


_EXPORTS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@router.get("/products/{product_id}/export.{fmt}")
def product_export(request: Request, account: Signed, product_id: str, fmt: str) -> Response:
    """The draft as the person may see it, through the document pipeline: HTML, PDF or
    DOCX."""
    if fmt not in _EXPORTS:
        raise UnknownItemError(f"a draft is exported as {', '.join(_EXPORTS)}, not '{fmt}'",
                               code="bad-export-format")
    view = product_view(state_of(request), account, product_id)
    html = export_html(view)
    if fmt == "pdf":
        from ...reports.pdf import html_to_pdf

        body: bytes | str = html_to_pdf(html)
    elif fmt == "docx":
        from ...reports.product import product_docx

        body = product_docx(view.product.label(), view.status.state.label,
                            [(s.section.title, s.markdown) for s in view.sections])
    else:
        body = html
    return Response(body, media_type=_EXPORTS[fmt], headers={
        "content-disposition": f'attachment; filename="{view.product.id}.{fmt}"'})


@router.post("/products/{product_id}/move", dependencies=_CSRF)
def product_move(request: Request, account: Signed, product_id: str,
                 to: Annotated[str, Form(max_length=40)]) -> Response:
    move(state_of(request), account, product_id, to)
    return RedirectResponse(f"/products/{product_id}", status_code=303)


@router.post("/products/{product_id}/reviews", dependencies=_CSRF)
def product_review_request(request: Request, account: Signed, product_id: str,
                           reviewer: Annotated[str, Form(max_length=120)],
                           due: Annotated[TypedDay | None, Form()] = None) -> Response:
    request_review(state_of(request), account, product_id, reviewer, due)
    return RedirectResponse(f"/products/{product_id}", status_code=303)


@router.post("/products/{product_id}/hr-check", dependencies=_CSRF)
def product_hr_check(request: Request, account: Signed, product_id: str,
                     note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    sign_hr(state_of(request), account, product_id, note)
    return RedirectResponse(f"/products/{product_id}", status_code=303)


@router.post("/products/{product_id}/sections/{section_id}", dependencies=_CSRF)
def section_save(request: Request, account: Signed, product_id: str, section_id: str,
                 text: Annotated[str, Form(max_length=200_000)],
                 base_version: Annotated[int, Form(ge=0)]) -> Response:
    """Save a section; one saved meanwhile by someone else is refused (409) with both
    texts shown."""
    state = state_of(request)
    try:
        write_section(state, account, product_id, section_id, text, base_version)
    except ConflictError as exc:
        theirs = Products(state.ws).section(product_id, section_id)
        return _product(request, account, product_id, status_code=409, error=str(exc),
                        editing=section_id, text=text,
                        theirs=theirs.text if theirs else "")
    return RedirectResponse(f"/products/{product_id}#section-{section_id}", status_code=303)


@router.get("/products/{product_id}/sections/{section_id}/versions")
def section_versions(request: Request, account: Signed, product_id: str, section_id: str,
                     old: Annotated[int | None, Query(ge=1)] = None,
                     new: Annotated[int | None, Query(ge=1)] = None) -> Response:
    """Every saved version of a section, and two of them compared line by line."""
    from ...process import compare

    state = state_of(request)
    view = product_view(state, account, product_id)
    shown = {s.section.id for s in view.sections}
    if section_id not in shown:
        raise UnknownItemError(f"product '{product_id}' has no section '{section_id}' you "
                               "may read", code="unknown-section")
    versions = Products(state.ws).section_versions(product_id, section_id)
    texts = {v.version: v.text for v in versions}
    new = new or (versions[-1].version if versions else 0)
    old = old or max(new - 1, 1)
    lines = compare(texts.get(old, ""), texts.get(new, "")) if versions else []
    return render(request, "section_versions.html", account=account, view=view,
                  section_id=section_id, versions=versions, old=old, new=new, lines=lines)


@router.post("/comments", dependencies=_CSRF)
def comment_add(request: Request, account: Signed, target: Annotated[str, Form(max_length=200)],
                text: _TEXT, back: Annotated[str, Form(max_length=300)] = "/work",
                parent: Annotated[int | None, Form(ge=1)] = None) -> Response:
    comment(state_of(request), account, target, text, parent)
    return RedirectResponse(safe_next(back), status_code=303)  # a page of this site only


@router.post("/comments/{comment_id}/resolve", dependencies=_CSRF)
def comment_resolve(request: Request, account: Signed, comment_id: int,
                    back: Annotated[str, Form(max_length=300)] = "/work") -> Response:
    require(account.role.value != "viewer", "viewers read; they do not resolve comments")
    Discussion(state_of(request).ws).resolve(comment_id, user=account.name)
    return RedirectResponse(safe_next(back), status_code=303)  # a page of this site only


@router.get("/work")
def work_page(request: Request, account: Signed) -> Response:
    state = state_of(request)
    mentioned = [c for c in comments_seen(state, account)
                 if account.name in c.mentions and c.resolved_at is None]
    tasks = my_tasks(state, account)
    return render(request, "work.html", account=account, tasks=tasks,
                  reviews=reviews_asked(state, account.name),
                  mentioned=mentioned, news=feed(state, account, tasks))


@router.get("/decisions")
def decisions_page(request: Request, account: Signed) -> Response:
    state = state_of(request)
    found = Discussion(state.ws).decisions(cleared=is_cleared(account),
                                           hidden=state.hidden_for(account))
    return render(request, "decisions.html", account=account, decisions=found,
                  may_decide=may_approve(account),
                  handovers=Discussion(state.ws).handovers(),
                  may_hand_over=account.role.value in ("administrator", "planning_lead"))


@router.post("/decisions", dependencies=_CSRF)
def decision_add(request: Request, account: Signed, text: _TEXT,
                 concerns: Annotated[str, Form(max_length=200)] = "",
                 source: Annotated[str, Form(max_length=200)] = "") -> Response:
    require(may_approve(account), "the decision log is kept by the planning lead")
    Discussion(state_of(request).ws).decide(text, user=account.name, concerns=concerns,
                                            source=source)
    return RedirectResponse("/decisions", status_code=303)


@router.get("/alignment")
def alignment_page(request: Request, account: Signed) -> Response:
    plan = state_of(request).plan_for(account)
    return render(request, "alignment.html", account=account, matrix=alignment(plan))


@router.post("/lead/handover", dependencies=_CSRF)
def lead_handover(request: Request, account: Signed, to: Annotated[str, Form(max_length=120)],
                  note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    hand_over_lead(state_of(request).ws, account, to, note=note)
    return RedirectResponse("/decisions", status_code=303)
