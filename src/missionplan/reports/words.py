"""Words for people: item labels, ids turned into words, durations, short quotes.

An item without a name is shown by its id turned into words in sentence
case, with common UN acronyms kept upper case (``ddr_started`` → "DDR
started"). The acronyms are data (:data:`ACRONYMS`), general to UN planning,
not to any one scenario.
"""

from __future__ import annotations

import re
from datetime import date

from ..i18n import Language, Words, words
from ..model import Duration

__all__ = ["ACRONYMS", "format_span", "id_words", "item_label", "replace_iso_dates", "shorten"]

ACRONYMS: frozenset[str] = frozenset({
    "au", "conops", "ddr", "dfs", "dpko", "dpo", "dppa", "dsrsg", "gnr", "hc", "hq", "idp",
    "idps", "impp", "isf", "itf", "mou", "ngo", "ngos", "ocha", "pbso", "poc", "rc", "rol",
    "sg", "soma", "sofa", "srsg", "ssr", "tam", "tcc", "tccs", "un", "unct", "undp", "unhcr",
    "unicef", "usg", "wfp",
})
_PLURAL_ACRONYMS = {"idps": "IDPs", "ngos": "NGOs", "tccs": "TCCs"}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def id_words(item_id: str) -> str:
    """An id as words in sentence case, acronyms upper case: ``usg_directive`` → "USG directive"."""
    words = [w for w in re.split(r"[_\-\s]+", item_id) if w]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in _PLURAL_ACRONYMS:
            out.append(_PLURAL_ACRONYMS[low])
        elif low in ACRONYMS:
            out.append(low.upper())
        else:
            out.append(low.capitalize() if i == 0 else low)
    return " ".join(out)


def item_label(name: str | None, item_id: str) -> str:
    """What to call an item: its name, else its id in words.

    A name that is only the id with spaces for underscores (what ``Item.label()`` gives an
    unnamed item) counts as no name.
    """
    if not name or name == item_id.replace("_", " "):
        return id_words(item_id)
    return name


def format_day(day: date | None) -> str:
    """A date as documents print it: ``3 March 2025``; an unknown date as an en dash."""
    if day is None:
        return "–"
    return f"{day.day} {day:%B %Y}"


def replace_iso_dates(text: str, w: Words | None = None) -> str:
    """Every ``YYYY-MM-DD`` in ``text`` written as documents print dates (in ``w``'s
    language; English by default)."""
    day = (w or words(Language.en)).day

    def one(m: re.Match[str]) -> str:
        try:
            return day(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    return _ISO.sub(one, text)


def format_span(span: Duration, w: Words | None = None) -> str:
    """A duration's size in words, sign dropped: "3 months", "2 years", "1 week and 2 days"
    (in ``w``'s language; English by default).

    Years and weeks are used when the duration was written in them (``2y``, ``5w``).
    """
    w = w or words(Language.en)
    written = span.text.lower()
    months, days = abs(span.months), abs(span.days)
    parts: list[str] = []
    if months and months % 12 == 0 and "y" in written:
        parts.append(w.ngettext("%(num)s year", "%(num)s years", months // 12)
                     % {"num": months // 12})
    elif months:
        parts.append(w.ngettext("%(num)s month", "%(num)s months", months) % {"num": months})
    if days and days % 7 == 0 and "w" in written:
        parts.append(w.ngettext("%(num)s week", "%(num)s weeks", days // 7)
                     % {"num": days // 7})
    elif days:
        parts.append(w.ngettext("%(num)s day", "%(num)s days", days) % {"num": days})
    if span.hours:
        hours = abs(span.hours)
        parts.append(w.ngettext("%(num)s hour", "%(num)s hours", hours) % {"num": hours})
    if not parts:
        return w.ngettext("%(num)s day", "%(num)s days", 0) % {"num": 0}
    joined = parts[0]
    for part in parts[1:]:
        joined = w.gettext("%(first)s and %(second)s") % {"first": joined, "second": part}
    return joined


def shorten(text: str, *, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split()).rstrip(" ,;:")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return f"{cut}…"
