"""English and French: the catalogue covers every marked message, the templates mark
every word they show, and dates and numbers are written as each language writes them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment

import missionplan
from missionplan.errors import MissionplanError
from missionplan.i18n import Language, catalogue_path, parse_language, translations, words
from missionplan.i18n.catalogue import marked_messages

PACKAGE = Path(missionplan.__file__).parent
# Templates that speak through _(): every word they show is in the catalogue. A new
# template joins this list once its words are marked (see docs/i18n.md).
# Templates still in English only: the after-action review. A template leaves this list
# once its words are marked.
PENDING = {"aar.html.j2"}
TEMPLATES = [*(PACKAGE / "reports" / "templates").glob("*.j2"),
             *(PACKAGE / "web" / "templates").glob("*.html")]
TRANSLATED_TEMPLATES = sorted(p for p in TEMPLATES if p.name not in PENDING)


def _french() -> object:
    with (PACKAGE / "i18n" / catalogue_path(Language.fr)).open("rb") as f:
        return read_po(f, locale="fr")


def test_every_marked_message_has_a_french_translation() -> None:
    catalog: object = _french()
    translated = {(m.id, m.context): m for m in catalog if m.id}  # type: ignore[attr-defined]
    missing = []
    for message in marked_messages(PACKAGE):
        if not message.id:
            continue
        found = translated.get((message.id, message.context))
        strings = found.string if found is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if found is None or not all(strings) or found.fuzzy:
            where = ", ".join(f"{f}:{n}" for f, n in message.locations)
            context = f" [{message.context}]" if message.context else ""
            missing.append(f"{message.id!r}{context} ({where})")
    assert not missing, ("not translated in French; run scripts/update-catalog and "
                         "translate:\n" + "\n".join(missing))


def test_french_translations_keep_every_placeholder() -> None:
    problems = [f"{m.id!r}: {errors}" for m, errors in _french().check()]  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)


def _shown_text(source: str, env: Environment) -> list[str]:
    """Words a template shows outside its tags and expressions: what _() should carry
    instead (and the alt, title, placeholder and aria-label attributes)."""
    pieces = []
    for _, kind, value in env.lex(source):
        if kind == "data":
            pieces.append(value)
        elif kind in ("variable_begin", "block_begin"):
            pieces.append("§")  # an expression: whatever it shows comes from the code
    page = "".join(pieces)
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    attrs = re.findall(r'\b(?:alt|title|placeholder|aria-label)="([^"§]*[A-Za-z][^"§]*)"',
                       page)
    text = re.sub(r"&[a-z#0-9]+;", " ", re.sub(r"<[^>]*>", " ", page))
    shown = [*re.findall(r"[A-Za-zÀ-ÿ]{2,}", text), *attrs]
    return [word for word in shown if word not in NAMES]


# the product's name and file formats' names are the same in every language
NAMES = {"missionplan", "PDF", "HTML", "Word"}


@pytest.mark.parametrize("path", TRANSLATED_TEMPLATES, ids=lambda p: p.name)
def test_translated_templates_show_no_word_outside_the_catalogue(path: Path) -> None:
    env = Environment(trim_blocks=True, lstrip_blocks=True)
    assert _shown_text(path.read_text("utf-8"), env) == []


def test_the_check_of_templates_finds_a_bare_word() -> None:
    env = Environment()
    assert _shown_text('<p class="x">Deadlines {{ _("Due") }}</p><img alt="Chart">', env) == [
        "Deadlines", "Chart"]


def test_french_catalogue_compiles_and_translates() -> None:
    fr = translations(Language.fr)
    assert fr.gettext("Planning brief") == "Note de planification"
    assert fr.ngettext("%(num)s day", "%(num)s days", 1) == "%(num)s jour"
    assert fr.ngettext("%(num)s day", "%(num)s days", 3) == "%(num)s jours"
    assert translations(Language.en).gettext("Planning brief") == "Planning brief"
    # one English word, two meanings: the context tells them apart
    assert words("fr").pgettext("resource use", "Load") == "Charge"
    assert fr.gettext("Load") == "Charger"
    assert words("en").pgettext("resource use", "Load") == "Load"


@pytest.mark.parametrize(("text", "lang"), [("fr", "fr"), ("FR", "fr"), ("fr_FR", "fr"),
                                            ("fr-CA", "fr"), ("en_GB", "en"), (" en ", "en")])
def test_languages_are_read_from_locale_names(text: str, lang: str) -> None:
    assert parse_language(text) is Language(lang)


def test_an_unknown_language_is_refused_with_its_place() -> None:
    with pytest.raises(MissionplanError) as err:
        parse_language("de", where="--lang")
    assert err.value.code == "unknown-language" and "--lang" in str(err.value)
    assert "en, fr" in str(err.value)


_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_in_words_in_both_languages(day: date) -> None:
    assert words("en").day(day) == f"{day.day} {day:%B} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)  # le 1er juin, le 2 juin
    assert words("fr").day(day) == f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"
    assert words("fr").short_day(day) == f"{day.day:02d}/{day.month:02d}/{day.year}"
    assert words("fr").short_day(day, iso=True) == day.isoformat()


@given(st.integers(min_value=0, max_value=100))
def test_percentages_in_both_languages(n: int) -> None:
    assert words("en").percent(n / 100) == f"{n}%"
    # French puts a (narrow) no-break space before the sign
    assert re.fullmatch(rf"{n}[\u202f\u00a0]%", words("fr").percent(n / 100))


def test_numbers_group_thousands_as_each_language_does() -> None:
    assert words("en").number(12345.5) == "12,345.5"
    assert re.fullmatch("12[\u202f\u00a0]345,5", words("fr").number(12345.5))


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_typed_date_reads_back_as_iso_or_day_first(day: date) -> None:
    from missionplan.i18n import DateStyle, parse_day

    w = words(Language.fr)
    for style in (DateStyle.numeric, DateStyle.iso):
        assert parse_day(w.in_style(day, style)) == day
    assert parse_day(f"{day.day}.{day.month}.{day.year:04d}") == day


def test_a_typed_date_that_is_none_is_refused() -> None:
    from missionplan.i18n import parse_day

    for text in ("31/02/2027", "2027-13-01", "12/31", "03/03/27", "tomorrow", ""):
        with pytest.raises(ValueError):
            parse_day(text)
