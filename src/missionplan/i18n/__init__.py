"""English and French: the message catalogues, and dates and numbers as each language
writes them.

English is the source language: messages are written in English in the code and the
templates, marked ``_("...")`` (or ``N_("...")`` where a table is built before the
language is known), and the French catalogue (``locale/fr/LC_MESSAGES/missionplan.po``)
translates them. The catalogue is compiled when first used (:func:`translations`), so the
``.po`` file is the only one kept; ``scripts/update-catalog`` adds newly marked messages
to it, and a test fails on any marked message without a French translation.

:func:`words` gives the tools for one language at once: ``gettext``, ``ngettext``,
``day`` (``3 March 2025``, ``3 mars 2025``), ``number`` and ``percent``.
"""

from __future__ import annotations

import gettext as _gettext
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib.resources import files

from ..errors import MissionplanError

__all__ = ["DOMAIN", "N_", "DateStyle", "Language", "Words", "catalogue_path",
           "parse_date_style", "parse_day", "parse_language", "template_gettext",
           "translations", "words"]

DOMAIN = "missionplan"


class Language(StrEnum):
    """The languages missionplan speaks: the Secretariat's two working languages."""

    en = "en"
    fr = "fr"


class DateStyle(StrEnum):
    """How dates are written, a person's choice: in words (``3 March 2027``, ``3 mars
    2027``), in figures day first (``03/03/2027``), or ISO 8601 (``2027-03-03``)."""

    words = "words"
    numeric = "numeric"
    iso = "iso"


def parse_date_style(value: str, *, where: str = "date format") -> DateStyle:
    """A date style from a choice (``words``, ``numeric``, ``iso``; ``dd/mm/yyyy`` and
    ``yyyy-mm-dd`` too), or a ``MissionplanError`` with code ``unknown-date-style``."""
    code = {"dd/mm/yyyy": "numeric", "yyyy-mm-dd": "iso"}.get(value.strip().lower(),
                                                             value.strip().lower())
    try:
        return DateStyle(code)
    except ValueError:
        known = ", ".join(s.value for s in DateStyle)
        raise MissionplanError(f"{where}: no date format '{value}' (one of {known})",
                               code="unknown-date-style") from None


def parse_day(text: str) -> date:
    """A date as a person types it: ISO (``2027-03-03``) or day first in figures
    (``03/03/2027``, ``3/3/2027``, ``03.03.2027``). ``ValueError`` when it is neither, or
    no such day."""
    value = text.strip()
    for sep in ("/", "."):
        if sep in value:
            parts = value.split(sep)
            if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
            raise ValueError(f"'{text}' is not a date (DD/MM/YYYY or YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (DD/MM/YYYY or YYYY-MM-DD)") from None


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet."""
    return message


def parse_language(value: str, *, where: str = "language") -> Language:
    """A language from a user's choice (``fr``, ``FR``, ``fr_FR``, ``fr-CA``), or a
    ``MissionplanError`` with code ``unknown-language`` naming where it came from."""
    code = value.strip().replace("-", "_").split("_")[0].lower()
    try:
        return Language(code)
    except ValueError:
        known = ", ".join(lang.value for lang in Language)
        raise MissionplanError(f"{where}: no language '{value}' (missionplan speaks {known})",
                               code="unknown-language") from None


def catalogue_path(lang: Language) -> str:
    """Where a language's catalogue (``.po``) lives inside the package."""
    return f"locale/{lang.value}/LC_MESSAGES/{DOMAIN}.po"


@cache
def translations(lang: Language) -> _gettext.NullTranslations:
    """The compiled catalogue of a language (English: the messages as written)."""
    if lang is Language.en:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = files("missionplan.i18n").joinpath(catalogue_path(lang))
    with source.open("rb") as po:
        catalog = read_po(po, locale=lang.value, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


@dataclass(frozen=True, slots=True)
class Words:
    """Messages, dates and numbers in one language."""

    lang: Language

    def gettext(self, message: str) -> str:
        return translations(self.lang).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.lang).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A message whose English serves two meanings, told apart by ``context``
        (``pgettext("resource use", "Load")``, not the verb)."""
        return translations(self.lang).pgettext(context, message)

    def day(self, day: date | None) -> str:
        """A date as documents print it (``3 March 2025``, ``3 mars 2025``, and French's
        ``1er juin 2025`` for the first of a month); an unknown date as an en dash."""
        if day is None:
            return "–"
        from babel.dates import format_date

        if self.lang is Language.fr and day.day == 1:
            return format_date(day, "'1er' MMMM y", locale="fr")
        return format_date(day, "d MMMM y", locale=self.lang.value)

    def in_style(self, day: date | None, style: DateStyle = DateStyle.words) -> str:
        """A date in ``style``: :meth:`day`, or :meth:`short_day` in figures or ISO."""
        if style is DateStyle.words:
            return self.day(day)
        return self.short_day(day, iso=style is DateStyle.iso)

    def short_day(self, day: date | None, *, iso: bool = False) -> str:
        """A date in figures: ``03/03/2025`` in both languages, or ISO (``2025-03-03``)."""
        if day is None:
            return "–"
        return day.isoformat() if iso else f"{day:%d/%m/%Y}"

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang.value)

    def percent(self, share: float) -> str:
        """A share (0.42) as a percentage, rounded to a whole one (``42%``, ``42 %``)."""
        from babel.numbers import format_percent

        return format_percent(share, locale=self.lang.value)


@cache
def words(lang: Language | str = Language.en) -> Words:
    """The tools for one language (a string is read with :func:`parse_language`)."""
    return Words(lang if isinstance(lang, Language) else parse_language(lang))


@cache
def template_gettext(lang: Language) -> dict[str, object]:
    """``_``, ``gettext``, ``ngettext`` and ``pgettext`` for Jinja2 templates in one
    language, in the newstyle of ``jinja2.ext.i18n``: variables are keyword arguments,
    escaped when the template autoescapes, and the translation itself is trusted
    (``Markup``)."""
    from markupsafe import Markup

    w = words(lang)

    def gettext(message: str, **variables: object) -> Markup:
        text = Markup(w.gettext(message))
        return text % variables if variables else text

    def ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
        return Markup(w.ngettext(singular, plural, num)) % {"num": num, **variables}

    def pgettext(context: str, message: str, **variables: object) -> Markup:
        text = Markup(w.pgettext(context, message))
        return text % variables if variables else text

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}
