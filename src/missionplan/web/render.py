"""Jinja2 rendering (autoescape on) with what every page shows: who, the menu, the token,
the day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..i18n import N_
from .accounts import Account
from .auth import may_manage_users, may_run_exercise, page_csrf, state_of
from .exercise import exercise_of, whose
from .language import (
    done_speaking,
    language_context,
    page_date_style,
    page_language,
    speaking,
    template_globals,
)
from .security import CSRF_FIELD

__all__ = ["NAV", "STATIC_VERSION", "environment", "nav_for", "render"]

_TEMPLATES = Path(__file__).parent / "templates"
STATIC_VERSION = {"htmx": "htmx-2.0.11.min.js", "css": "missionplan-1.css",
                  "js": "missionplan-1.js", "icon": "favicon-1.svg"}

NAV: list[tuple[str, str]] = [
    ("/", N_("Dashboard")), ("/timeline", N_("Timeline")), ("/directive", N_("Directive")),
    ("/criteria", N_("Criteria")), ("/risk", N_("Risk")), ("/deployment", N_("Deployment")),
    ("/resources", N_("Resources")), ("/options", N_("Options")), ("/versions", N_("Versions")),
    ("/plan/new", N_("Add item")), ("/downloads", N_("Downloads")), ("/work", N_("My work")),
    ("/products", N_("Products")), ("/decisions", N_("Decisions")),
    ("/alignment", N_("Alignment")),
]


def nav_for(request: Request, account: Account | None) -> list[tuple[str, str]]:
    """The menu: every page, and in an exercise the inbox, and the exercise for trainers."""
    if account is None:
        return NAV
    extra = []
    if exercise_of(state_of(request)) is not None:
        extra.append(("/inbox", N_("Inbox")))
    if may_run_exercise(account):
        extra.append(("/exercise", N_("Exercise")))
    tail = [("/people", N_("People"))] if may_manage_users(account) else []
    return [NAV[0], *extra, *NAV[1:], *tail] if extra or tail else NAV


# StrictUndefined: a name a template asks for that the page does not give is an error
# in the tests, not a blank cell in front of a user
_ENV = Environment(loader=FileSystemLoader(_TEMPLATES),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
_ENV.globals.update(template_globals())


def environment() -> Environment:
    return _ENV


def render(request: Request, template: str, *, account: Account | None,
           status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the page frame's context: who, the menu, the token, and
    for someone signed in the day the pages report as of and why (``clock``) and what
    the figures rest on (``basis``)."""
    state = state_of(request)
    clock = state.clock() if account is not None else None
    lang = page_language(request)
    basis = state.basis(account, lang) if account is not None else ""
    dates = page_date_style(request)
    token = speaking(lang, dates)
    try:
        html = _ENV.get_template(template).render(
            request=request, account=account, nav=nav_for(request, account),
            static=STATIC_VERSION, csrf=page_csrf(request), csrf_field=CSRF_FIELD,
            path=request.url.path, clock=clock, basis=basis,
            whose=whose(request) if account is not None else "",
            **language_context(lang, dates), **context)
    finally:
        done_speaking(token)
    return HTMLResponse(html, status_code=status_code)
