"""Temporal expressions found in a sentence, read by the lark grammar into relations.

:func:`find_phrases` scans a sentence for trigger words (``within``, ``no later
than``, ``every``, ``N days after``…), parses each candidate with
``grammar.lark`` and returns :class:`Phrase` objects: the relation's kind and
bounds, the text of the event it counts from, a calendar date, or a
recurrence. Phrases the grammar cannot place (``at the earliest opportunity``,
``as soon as possible``, ``whichever is later``) come back as :class:`Vague`
so that the draft can list them for review.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedInput

from ..model import Duration
from .french import french_numbers
from .numbers import normalise_numbers

__all__ = ["Phrase", "Vague", "find_phrases", "parse_phrase"]

_UNIT = (r"(?:(?:calendar |working |business )?(?:hours?|days?|weeks?|months?|years?)"
         r"|jours? francs|jours?|semaines?|mois|ans?|années?|heures?)")
_MONTH_WORDS = (r"(?:january|february|march|april|may|june|july|august|september|october"
                r"|november|december|janvier|février|mars|avril|mai|juin|juillet|août"
                r"|septembre|octobre|novembre|décembre)")
_CANDIDATE = re.compile(
    r"\b(?:within|no more than|not more than|not exceeding|up to|immediately|no later than"
    r"|not later than|on or before|by|before|at least|no less than|not less than|every"
    r"|once every|each \d|once a quarter|every quarter|as at|as of|until|terminating on"
    r"|through|for|lasting|and lasting|commencing|with effect from|as from|from|between"
    r"|in|during|dans|d'ici|au plus tard|au moins|tous les|toutes les|chaque|une fois par"
    r"|pour|d'une durée|doit durer|dure|durer|jusqu'au|à compter du|à partir du|avant"
    r"|entre le|du|en|not earlier than|no earlier than|over|a deadline of|period of"
    r"|periods of|périodes? de|transition de|pendant|dès|à la date d"
    r"|extend(?:s|ed)? (?:a|the) (?:[a-z0-9-]+ ){1,3}by|an extension by"
    r"|an extension of|extension by|est fixée? à|remains? in force for"
    rf"|on {_MONTH_WORDS}|(?:on|from) day \d+|à (?:partir|compter) du jour \d+)(?![\wà-ÿ])"
    r"|\b(?:on the|on|le|du) \d"
    rf"|\b(?:will have|have|has|auront|ont)\s+\d+\s+{_UNIT}\s+(?:to|pour)\b"
    r"|(?<![\wà-ÿ])[ed]-day\s*\+|(?<![\wà-ÿ])(?:d|e|j|jour j)\s*\+\s*\d"
    rf"|\b\d+(?:-\d+)?\s+{_UNIT}\s+(?:after|following|from|prior|before|ahead|in advance"
    r"|preceding|subsequent|après|suivant|avant|à compter)")
_VAGUE = re.compile(
    r"\b(?:at the earliest (?:opportunity|possible date)|as soon as (?:possible|practicable)"
    r"|without delay|in good time|well in advance(?: of)?|in due course|forthwith"
    r"|with immediate effect|immediately(?! (?:on|upon|after|following) )"
    r"|whichever is (?:the )?later|until\b(?! \d| (?:the )?end of \w+ \d)[^,;.]{0,60}"
    r"|once\s+(?:a|an|the)\b[^,;.]{0,60}"
    r"|as soon as feasible|(?:at the )?earliest possible(?: date)?|within a reasonable time"
    r"|at regular intervals|dans un délai raisonnable|le plus tôt possible|sans tarder"
    r"|(?:on |le )?\d{1,2}(?:er)? " + _MONTH_WORDS + r"(?![a-zà-ÿ])(?! ?,? ?\d{4})"
    r"|(?:on |by )?(?:" + _MONTH_WORDS + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)"
    r" \d{1,2}(?:st|nd|rd|th)?\b(?! ?,? ?\d{4})"
    r"|dès que possible|le plus rapidement possible|sans délai|dans les meilleurs délais"
    r"|immédiate(?:ment)?|avec effet immédiat|jusqu'(?:à|aux?)\b(?! \d)[^,;.]{0,60}"
    r"|au plus tard (?:le |au )?\d{1,2}(?:er)? " + _MONTH_WORDS + r"(?! \d{4})[^,;.]{0,20}"
    r"|(?:by|before|from) " + _MONTH_WORDS + r" \d{1,2}(?:st|nd|rd|th)?(?:-\d{1,2})?"
    r"(?:,? \d{4})?(?! ?,? ?\d{4})|by \w+ \d{1,2}(?:st|nd|rd|th)?\b(?! ?,? ?\d{4}))")
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s+(?=\d)",
                                 re.IGNORECASE)
_MONTH_NAMES = {m[:3].lower(): m for m in calendar.month_name if m}
_BRACKETED = re.compile(rf"\b\d+\s+{_UNIT}\s+\((?P<inner>\d+\s+{_UNIT})\)")
_SEGMENT_END = re.compile(r",(?!\s*\d{4}\b)|[;:!?]|\.(?:\s|$)")
_EVENT_STOP = re.compile(
    r"\s+(?:or as |unless |provided that |whichever |in accordance with |as specified|"
    r"as set out|as provided|and in any case |and thereafter|thereafter)|\s+(?:and|or|but|et|ou)$"
    r"|\s+(?:and|et)\s+(?:avant|après|before|after)\b")
_MAX_TRIM = 16
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name: i for i, name in enumerate(
        ["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"]) if name} | {
    "fevrier": 2, "aout": 8, "decembre": 12}
_UNIT_OF = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
            "heure": "hour", "jour": "day", "semaine": "week", "mois": "month", "an": "year",
            "année": "year"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """One temporal expression: ``kind`` and bounds of ``to − from``, or a date or a cycle.

    ``start`` and ``end`` are character offsets in the normalised sentence;
    ``event`` is the text of the event counted from (None for a calendar bound
    or an unanchored span), ``date`` a calendar bound, ``date_text`` a date
    without a year that cannot be placed.
    """

    kind: str
    start: int
    end: int
    text: str
    lo: Duration | None = None
    hi: Duration | None = None
    event: str | None = None
    date: date | None = None
    date_text: str = ""
    since: _dt.date | None = None
    every: Duration | None = None
    at_least: bool = False
    thereafter: bool = False
    notes: tuple[str, ...] = field(default=())
    on_day: bool = False  # "on 1 June 2004": kept only when the clause says it is to happen


@dataclass(frozen=True, slots=True)
class Vague:
    """Words that speak of time but give no bound the plan can hold."""

    start: int
    text: str


@cache
def _parser() -> Lark:
    grammar = files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="earley", lexer="dynamic", ambiguity="resolve",
                propagate_positions=True)


def parse_phrase(text: str) -> Phrase | None:
    """Parse one temporal phrase (normalised, any case); None when it is not one."""
    return _parse_at(normalise_numbers(text).lower(), 0, len(text))


def find_phrases(sentence: str, *, lang: str = "en") -> tuple[str, list[Phrase], list[Vague]]:
    """The normalised sentence, the temporal phrases in it, and vague time words."""
    norm = normalise_numbers(french_numbers(sentence)) if lang == "fr" else normalise_numbers(
        sentence)
    norm = _BRACKETED.sub(r"\g<inner>", norm)  # "6 months (180 days)": the exact count
    norm = _MONTH_ABBREVIATION.sub(lambda m: _MONTH_NAMES[m.group(1).lower()[:3]] + " ", norm)
    low = norm.lower()
    phrases: list[Phrase] = []
    consumed = -1
    for m in _CANDIDATE.finditer(low):
        if m.start() < consumed:
            continue
        seg_end = _segment_end(low, m.start())
        phrase = _parse_trimmed(low, m.start(), seg_end)
        if phrase is not None:
            phrases.append(phrase)
            consumed = phrase.end if phrase.event is None else _event_start(low, phrase)
    phrases = [_recase(norm, low, p) for p in _cut_events_at_next(low, phrases)
               if not p.on_day or _planned(low[max(0, p.start - 90):p.start])]
    vague = [Vague(v.start(), _word_cut(norm, v.start(), v.end())) for v in _VAGUE.finditer(low)]
    return norm, phrases, vague


def _parse_trimmed(low: str, start: int, end: int) -> Phrase | None:
    """Parse ``low[start:end]``; failing that, drop trailing words one at a time, so that
    "at least once every 3 months about the situation" reads as its recurrence."""
    phrase = _parse_at(low, start, end)
    cut = end
    for _ in range(_MAX_TRIM):
        if phrase is not None:
            return phrase
        cut = low.rfind(" ", start, cut)
        if cut <= start:
            return None
        phrase = _parse_at(low, start, cut)
    return phrase


def _recase(norm: str, low: str, phrase: Phrase) -> Phrase:
    """The phrase's text and event in the directive's own words and case."""
    changes: dict[str, Any] = {"text": _own_words(norm, low, phrase.text, phrase.start)}
    if phrase.event is not None:
        changes["event"] = _own_words(norm, low, phrase.event, phrase.start)
    return _replace(phrase, **changes)


def _own_words(norm: str, low: str, words: str, near: int) -> str:
    at = low.find(words, near)
    if at < 0 or len(norm) != len(low):
        return words
    return norm[at:at + len(words)]


def _word_cut(norm: str, start: int, end: int) -> str:
    """``norm[start:end]``, shortened to whole words with an ellipsis if it ends mid-word."""
    text = norm[start:end]
    if end < len(norm) and norm[end].isalnum() and norm[end - 1].isalnum():
        return text.rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return text


def _segment_end(low: str, start: int) -> int:
    m = _SEGMENT_END.search(low, start)
    return m.start() if m else len(low)


def _event_start(low: str, phrase: Phrase) -> int:
    assert phrase.event is not None
    found = low.find(phrase.event.lower(), phrase.start)
    return found if found >= 0 else phrase.end


def _cut_events_at_next(low: str, phrases: list[Phrase]) -> list[Phrase]:
    out: list[Phrase] = []
    for i, phrase in enumerate(phrases):
        nxt = phrases[i + 1].start if i + 1 < len(phrases) else None
        if phrase.event is not None and nxt is not None and nxt < phrase.end:
            begin = _event_start(low, phrase)
            event = _clean_event(low[begin:nxt])
            phrase = _replace(phrase, event=event or None, end=nxt,
                              text=_clean_event(low[phrase.start:nxt]))
        out.append(phrase)
    return out


def _replace(phrase: Phrase, **changes: Any) -> Phrase:
    from dataclasses import replace

    return replace(phrase, **changes)


def _parse_at(low: str, start: int, end: int) -> Phrase | None:
    chunk = low[start:end].rstrip()
    if not chunk:
        return None
    try:
        tree = _parser().parse(chunk)
    except UnexpectedInput:
        return None
    data: dict[str, Any] = _ToPhrase().transform(tree)
    event = data.get("event")
    if event is not None:
        event = _clean_event(event) or None
    consumed = len(chunk) - len(data.get("tail", ""))
    return _build(data, start, start + consumed, chunk[:consumed], event)


def _build(data: dict[str, Any], start: int, end: int, text: str,
           event: str | None) -> Phrase:
    keys = ("kind", "lo", "hi", "date", "date_text", "since", "every", "at_least", "thereafter",
            "notes")
    values = {k: data[k] for k in keys if k in data}
    values["on_day"] = bool(data.get("on"))
    day = values.get("date")
    if data.get("before") and isinstance(day, date):
        # "before 18 August": by the day before; "before March 2024": by the end of February
        month_only = not re.search(r"\d{1,2}(?:st|nd|rd|th|er)?\s+[a-zé]", text)
        day = (day.replace(day=1) if month_only else day) - timedelta(days=1)
        values["date"] = day
        values["notes"] = (f"'{text.split()[0]} …' read as 'by {day.isoformat()}'",)
    return Phrase(start=start, end=end, text=text.strip(), event=event, **values)


_PLANNED = re.compile(
    r"\b(?:will|shall|would|is to|are to|to be|set to|scheduled|due to|expected to|"
    r"planned|requests? that|take(?:s)? (?:place|effect)|took (?:place|effect)|"
    r"begin|began|begun|commence[ds]?|start(?:s|ed)?|enter(?:s|ed)? into force|"
    r"be held|be transferred|transfer|tenue|aura lieu|se tiendra|prévue?s?|doit|doivent|"
    r"devra|devront|sera|seront|débutera|commencera|entrera en vigueur)\b[^.;]*$")


def _planned(before: str) -> bool:
    """Whether the words before an "on DATE" say something is to happen then (a past
    "adopted on 30 November" dates the text, it plans nothing)."""
    clause = re.split(r"[;.]|, (?:which|who)\b", before)[-1]
    return bool(_PLANNED.search(clause)) and not re.search(
        r"\b(?:adopted|signed|dated|issued|published)\s*(?:,\s*)?$", clause)


def _clean_event(text: str) -> str:
    text = text.strip()
    m = _EVENT_STOP.search(text)
    if m:
        text = text[:m.start()]
    return text.strip(" .\"'“”’()")


def _days(n: int, unit: str) -> Duration:
    word = unit.split()[0] if unit.startswith(("jour", "jours")) else unit.split()[-1]
    unit = _UNIT_OF.get(word, _UNIT_OF.get(word.rstrip("s"), word.rstrip("s")))
    fields = {"hour": (0, 0, n), "day": (0, n, 0), "week": (0, 7 * n, 0), "month": (n, 0, 0),
              "year": (12 * n, 0, 0)}[unit]
    short = {"hour": "h", "day": "d", "week": "w", "month": "mo", "year": "y"}[unit]
    return Duration(*fields, text=f"{n}{short}")


class _ToPhrase(Transformer[Token, Any]):
    """From the parse tree to a dict of :class:`Phrase` fields."""

    def start(self, items: list[Any]) -> dict[str, Any]:
        data: dict[str, Any] = items[0]
        if len(items) > 1:
            data["tail"] = str(items[1])
        return data

    def duration(self, items: list[Any]) -> dict[str, Any]:
        amount, unit = items[0], str(next(t for t in items[1:] if isinstance(t, Token)
                                          and t.type == "UNIT"))
        lo, hi = (int(amount), int(amount)) if isinstance(amount, Token) else amount
        notes = (f"'{unit}' read as calendar {unit.split()[-1]}",) if unit.startswith(
            ("working", "business")) or unit.endswith("francs") else ()
        return {"lo": _days(lo, unit), "hi": _days(hi, unit), "notes": notes}

    def range(self, items: list[Token]) -> tuple[int, int]:
        a, b = int(items[0]), int(items[1])
        return (min(a, b), max(a, b))

    def event(self, items: list[Token]) -> str:
        return str(items[0])

    def least(self, _: list[Any]) -> str:
        return "least"

    def least_once(self, _: list[Any]) -> str:
        return "least_once"

    def within(self, items: list[Any]) -> dict[str, Any]:
        d, event = items[-2], items[-1]
        lo = d["lo"] if d["lo"] != d["hi"] else Duration(text="0d")
        return {"kind": "within", "lo": lo, "hi": d["hi"], "event": event, "notes": d["notes"]}

    def within_bare(self, items: list[Any]) -> dict[str, Any]:
        return {**self.within([items[0], None]), "kind": "within"}

    def after(self, items: list[Any]) -> dict[str, Any]:
        d, event = items
        return {"kind": "after", "lo": d["lo"], "hi": d["hi"], "event": event,
                "notes": d["notes"]}

    def prior(self, items: list[Any]) -> dict[str, Any]:
        d, event = items[-2], items[-1]
        return {"kind": "prior", "lo": None, "hi": -d["hi"], "event": event,
                "at_least": True, "notes": d["notes"]}

    def advance(self, items: list[Any]) -> dict[str, Any]:
        return {**self.prior([items[-1], None])}

    def day_n(self, items: list[Any]) -> dict[str, Any]:
        """ "on day 30 after X": due by then; "from day 10 of X": not before then."""
        n = int(next(t for t in items if isinstance(t, Token) and t.type == "NUMBER"))
        day = Duration(0, n, 0, text=f"{n}d")
        if any(isinstance(t, Token) and t.type == "FROM_DAY" for t in items):
            return {"kind": "after", "lo": day, "hi": None, "event": items[-1]}
        return {"kind": "within", "lo": Duration(text="0d"), "hi": day, "event": items[-1]}

    def immediately(self, items: list[Any]) -> dict[str, Any]:
        zero = Duration(text="0d")
        return {"kind": "immediately", "lo": zero, "hi": zero, "event": items[0]}

    def deadline(self, items: list[Any]) -> dict[str, Any]:
        before = isinstance(items[0], Token) and items[0].type == "BEFORE_DATE"
        day, text = items[-1]
        return {"kind": "deadline", "date": day, "date_text": "" if day else text,
                "before": before}

    def period_end(self, items: list[Any]) -> dict[str, Any]:
        ordinal, unit, event = items
        n = int(re.sub(r"\D", "", str(ordinal)))
        return {"kind": "within", "lo": Duration(text="0d"), "hi": _days(n, str(unit)),
                "event": event}

    def recurrence(self, items: list[Any]) -> dict[str, Any]:
        at_least = any(i == "least_once" for i in items)
        durations = [i for i in items if isinstance(i, dict)]
        rest = [i for i in items if isinstance(i, str) and i != "least_once"]
        thereafter = any(isinstance(i, Token) and i.type == "THEREAFTER" for i in items)
        event = None if thereafter or not rest else rest[-1]
        return {"kind": "recurrence", "every": durations[0]["hi"], "at_least": at_least,
                "event": event, "thereafter": thereafter}

    def quarterly(self, _: list[Any]) -> dict[str, Any]:
        return {"kind": "recurrence", "every": Duration(3, 0, 0, text="3mo"), "at_least": False,
                "event": None, "thereafter": False}

    def period(self, items: list[Any]) -> dict[str, Any]:
        d = items[0]
        event = items[1] if len(items) > 1 else None
        return {"kind": "period", "lo": d["lo"], "hi": d["hi"], "event": event,
                "notes": d["notes"]}

    def until(self, items: list[Any]) -> dict[str, Any]:
        day, text = items[0]
        return {"kind": "until", "date": day, "date_text": "" if day else text}

    def on_date(self, items: list[Any]) -> dict[str, Any]:
        """ "shall be transferred on 1 June 2004": that day (kept only after a verb of
        what is to happen, see :func:`_planned`)."""
        day, text = items[0]
        if day is None or not re.match(r"\d", text or day.isoformat()):
            return {"kind": "window", "date": day, "since": day, "date_text": text, "on": True}
        return {"kind": "window", "date": day, "since": day, "on": True}

    def since(self, items: list[Any]) -> dict[str, Any]:
        day, text = items[0]
        return {"kind": "since", "date": day, "date_text": "" if day else text}

    def dplus(self, items: list[Token]) -> dict[str, Any]:
        name = str(next(t for t in items if t.type == "DAYNAME"))
        n = int(next(t for t in items if t.type == "NUMBER"))
        lead = next((str(t) for t in items if t.type == "DPLUS_LEAD"), "")
        hi = Duration(0, n, 0, text=f"{n}d")
        zero = Duration(text="0d")
        day = {"e": "E-Day", "d": "D-Day", "e-day": "E-Day", "d-day": "D-Day", "j": "jour J",
               "jour j": "jour J"}.get(name, name)
        if lead == "from":
            return {"kind": "dplus", "lo": hi, "hi": None, "event": day}
        return {"kind": "dplus", "lo": zero, "hi": hi, "event": day}

    def window(self, items: list[Token]) -> dict[str, Any]:
        days = [t for t in items if t.type == "DAY"]
        month = _MONTHS[str(next(t for t in items if t.type == "MONTH"))]
        year_tok = [t for t in items if t.type == "YEAR"]
        if not year_tok:
            return {"kind": "window", "date": None, "date_text": " ".join(map(str, items))}
        year = int(year_tok[0])
        first, last = (int(re.sub(r"\D", "", str(d))) for d in days)
        return {"kind": "window", "date": date(year, month, last),
                "since": date(year, month, first)}

    def between(self, items: list[Any]) -> dict[str, Any]:
        first, last, event = items
        return {"kind": "within", "lo": first["lo"], "hi": last["hi"], "event": event,
                "notes": first["notes"]}

    def quarter_window(self, items: list[Token]) -> dict[str, Any]:
        n = int(re.sub(r"\D", "", str(items[0])))
        if len(items) < 2 or not 1 <= n <= 4:
            return {"kind": "window", "date": None, "date_text": f"the {items[0]} quarter"}
        year, last = int(items[1]), 3 * n
        return {"kind": "window", "since": date(year, last - 2, 1),
                "date": date(year, last, calendar.monthrange(year, last)[1])}

    def month_window(self, items: list[Token]) -> dict[str, Any]:
        month, year = _MONTHS[str(items[0])], int(items[1])
        return {"kind": "window", "date": date(year, month, calendar.monthrange(year, month)[1]),
                "since": date(year, month, 1)}

    def mid_month(self, items: list[Token]) -> tuple[date | None, str]:
        month, year = _MONTHS[str(items[0])], int(items[-1])
        return date(year, month, 15), ""

    def mid_year(self, items: list[Token]) -> tuple[date | None, str]:
        return date(int(items[-1]), 6, 30), ""

    def end_of_month(self, items: list[Token]) -> tuple[date | None, str]:
        month = _MONTHS[str(items[0])]
        if len(items) < 2:
            return None, f"the end of {items[0]}"
        year = int(items[1])
        return date(year, month, calendar.monthrange(year, month)[1]), ""

    def date(self, items: list[Any]) -> tuple[date | None, str]:
        if len(items) == 1 and isinstance(items[0], tuple):
            return items[0]
        tokens = [t for t in items if isinstance(t, Token)]
        by_type = {t.type: str(t) for t in tokens}
        month = _MONTHS[by_type["MONTH"]]
        if "YEAR" not in by_type:
            return None, " ".join(str(t) for t in tokens)
        day_text = by_type.get("DAY")
        year = int(by_type["YEAR"])
        if day_text and len(re.sub(r"\D", "", day_text)) > 2:
            return None, " ".join(str(t) for t in tokens)
        day = int(re.sub(r"\D", "", day_text)) if day_text else calendar.monthrange(
            year, month)[1]
        try:
            return date(year, month, day), ""
        except ValueError:
            return None, " ".join(str(t) for t in tokens)
