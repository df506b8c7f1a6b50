"""The language of the pages and downloads: each person's choice, kept in a cookie,
else the browser's preferred language among those missionplan speaks, else English.

Templates speak it through ``_()``, ``ngettext`` and the ``day`` filter that
:func:`language_context` gives ``render``; a page's template adopts it by marking its
words ``{{ _("...") }}`` (docs/i18n.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import MissionplanError
from ..i18n import Language, parse_language, template_gettext, words
from .auth import require_csrf

__all__ = ["LANG_COOKIE", "language_context", "page_language", "router"]

LANG_COOKIE = "missionplan_lang"
router = APIRouter(include_in_schema=False)


def page_language(request: Request) -> Language:
    """The person's chosen language, else the browser's preference, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen:
        try:
            return parse_language(chosen)
        except MissionplanError:
            pass
    for lang in _accepted(request.headers.get("accept-language", "")):
        try:
            return parse_language(lang)
        except MissionplanError:
            continue
    return Language.en


def _accepted(header: str) -> list[str]:
    """Languages of an Accept-Language header, preferred first."""
    ranked = []
    for i, part in enumerate(header.split(",")):
        name, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if name and name != "*" and weight > 0:
            ranked.append((-weight, i, name))
    return [name for _, _, name in sorted(ranked)]


def language_context(lang: Language) -> dict[str, object]:
    """What templates need to speak ``lang``: ``_``, ``ngettext``, ``day``, ``lang``."""
    return {**template_gettext(lang), "day": words(lang).day, "lang": lang.value,
            "languages": [(x.value, _NAMES[x]) for x in Language]}


_NAMES = {Language.en: "English", Language.fr: "Français"}


@router.post("/language", dependencies=[Depends(require_csrf)])
def choose_language(lang: Annotated[str, Form()],
                    back: Annotated[str, Form()] = "/") -> Response:
    """Keep the person's language (a year), then return to the page they were on."""
    chosen = parse_language(lang, where="language")
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, chosen.value, max_age=365 * 24 * 3600,
                        httponly=True, samesite="lax")
    return response
