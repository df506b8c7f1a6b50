"""The language of the pages and downloads: each person's choice, kept in a cookie,
else the browser's preferred language among those missionplan speaks, else English.

Templates speak it through the globals ``_()``, ``ngettext`` and ``day()``
(:func:`template_globals`), which read the language of the page being rendered
(:func:`speaking`); a page's template adopts it by marking its words ``{{ _("...") }}``
(docs/i18n.md).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator

from ..errors import MissionplanError
from ..i18n import (
    DateStyle,
    Language,
    parse_date_style,
    parse_day,
    parse_language,
    template_gettext,
    words,
)
from .auth import require_csrf
from .security import safe_next

__all__ = ["DATES_COOKIE", "LANG_COOKIE", "TypedDay", "done_speaking", "language_context",
           "page_date_style", "page_language", "router", "speaking", "template_globals"]

LANG_COOKIE = "missionplan_lang"


def _typed_day(value: object) -> object:
    """A date field's text read as a person types it (ISO or day first: see
    :func:`~missionplan.i18n.parse_day`); anything else is left to pydantic."""
    if isinstance(value, str) and value.strip():
        return parse_day(value)
    return value


# A date in a form: what the pages' date fields send, in the person's chosen figures
TypedDay = Annotated[date, BeforeValidator(_typed_day)]
DATES_COOKIE = "missionplan_dates"
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


def page_date_style(request: Request) -> DateStyle:
    """How the person chose to read dates, else in words."""
    chosen = request.cookies.get(DATES_COOKIE)
    if chosen:
        try:
            return parse_date_style(chosen)
        except MissionplanError:
            pass
    return DateStyle.words


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


_CURRENT: ContextVar[Language] = ContextVar("missionplan_page_language",
                                           default=Language.en)
_STYLE: ContextVar[DateStyle] = ContextVar("missionplan_page_dates", default=DateStyle.words)


def speaking(lang: Language, dates: DateStyle = DateStyle.words
             ) -> tuple[Token[Language], Token[DateStyle]]:
    """Make ``lang`` the language of the page being rendered and ``dates`` how it writes
    dates (:func:`done_speaking` after)."""
    return _CURRENT.set(lang), _STYLE.set(dates)


def done_speaking(tokens: tuple[Token[Language], Token[DateStyle]]) -> None:
    _CURRENT.reset(tokens[0])
    _STYLE.reset(tokens[1])


def template_globals() -> dict[str, Callable[..., object]]:
    """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``day`` as template globals, in
    the language of the page being rendered: imported macros (which see no page context)
    speak it too."""
    def gettext(message: str, **variables: object) -> object:
        return template_gettext(_CURRENT.get())["_"](message, **variables)  # type: ignore[operator]

    def ngettext(singular: str, plural: str, num: int, **variables: object) -> object:
        return template_gettext(_CURRENT.get())["ngettext"](  # type: ignore[operator]
            singular, plural, num, **variables)

    def pgettext(context: str, message: str, **variables: object) -> object:
        return template_gettext(_CURRENT.get())["pgettext"](  # type: ignore[operator]
            context, message, **variables)

    def day(value: date | None) -> str:
        if isinstance(value, datetime):
            value = value.date()
        return words(_CURRENT.get()).in_style(value, _STYLE.get())

    def short(value: date | str | None) -> str:
        """A date in figures, for a table's cell or a form's field: day first when the
        person chose so, else ISO (compact, it sorts, the server reads either); '' for
        none. Text (a field's value sent back) is rewritten when it is a date, else kept."""
        if isinstance(value, str):
            try:
                value = parse_day(value)
            except ValueError:
                return str(value)
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.date()
        return words(_CURRENT.get()).short_day(value, iso=_STYLE.get() is not DateStyle.numeric)

    def date_hint() -> str:
        return "DD/MM/YYYY" if _STYLE.get() is DateStyle.numeric else "YYYY-MM-DD"

    def stamp(value: datetime | None) -> str:
        """A moment: its day as the person reads dates, and the time (UTC)."""
        if value is None:
            return "–"
        return f"{day(value.date())} {value:%H:%M}"

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext,
            "day": day, "short": short, "stamp": stamp, "date_hint": date_hint}


def language_context(lang: Language, dates: DateStyle = DateStyle.words
                     ) -> dict[str, object]:
    """What a page's frame shows of its language and dates: the choices made and those
    offered (each date format shown by an example in the page's language)."""
    example = date(2027, 3, 3)
    return {"lang": lang.value, "languages": [(x.value, _NAMES[x]) for x in Language],
            "dates": dates.value,
            "date_styles": [(s.value, words(lang).in_style(example, s)) for s in DateStyle]}


_NAMES = {Language.en: "English", Language.fr: "Français"}


@router.post("/language", dependencies=[Depends(require_csrf)])
def choose_language(lang: Annotated[str, Form()],
                    back: Annotated[str, Form()] = "/") -> Response:
    """Keep the person's language (a year), then return to the page they were on."""
    chosen = parse_language(lang, where="language")
    target = safe_next(back)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, chosen.value, max_age=365 * 24 * 3600,
                        httponly=True, samesite="lax")
    return response


@router.post("/dates", dependencies=[Depends(require_csrf)])
def choose_dates(dates: Annotated[str, Form(max_length=20)],
                 back: Annotated[str, Form()] = "/") -> Response:
    """Keep how the person reads dates (a year), then return to the page they were on."""
    chosen = parse_date_style(dates, where="date format")
    response = RedirectResponse(safe_next(back), status_code=303)
    response.set_cookie(DATES_COOKIE, chosen.value, max_age=365 * 24 * 3600,
                        httponly=True, samesite="lax")
    return response
