"""Orders stated in words with no number ("on the basis of X", "in advance of X", "once …").

:func:`find_orders` reads a normalised sentence and returns :class:`Order`
items: the text of the other event and whether the sentence's own event
comes ``after`` it ("align their concepts on the basis of the Mission
Concept", "once a directive has been issued, s/he will assume the lead") or
``before`` it ("implemented well in advance of the mission assuming
responsibility", "prior to the elections"). "As soon as possible" is an
order after the document's start (``asap``). A conditional "should it occur
before X" states no order the plan can hold (``conditional``: review only).
Phrases with a count ("one week prior to X") are the grammar's, not these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Order", "aside_items", "find_orders", "without_asides"]

_BEFORE = re.compile(r"\b(?:(?:well|long|sufficiently|far) )?(?:in advance of|ahead of|prior to"
                     r"|before)\s+")
_AFTER = re.compile(r"\bon the basis of\s+")
_ONCE = re.compile(r"^(?:once|as soon as|after)\s+(?P<cond>[^,;]+?),\s+(?P<main>.+)$")
_ONCE_PART = re.compile(r"\s+and\s+(?=(?:the |a |an )?[\w/ -]+?\b(?:has|have)\b)")
_ASAP = re.compile(r"\bas soon as (?:possible|practicable)\b")
_CONDITIONAL = re.compile(r"\b(?:if|unless|in case|should (?:it|they|he|she|this|that|these"
                          r"|those|there|the|a|an))\b[^,;]*$")
_ASIDE = re.compile(r"\s[-–—]\s[^-–—]{1,80}?\s[-–—]\s")
_COUNTED = re.compile(r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
                      r"|several)\s+(?:calendar |working )?(?:hours?|days?|weeks?|months?"
                      r"|years?)\s+$")
_END = re.compile(r"[,;:!?]|\.(?:\s|$)")
_PRONOUN = re.compile(r"^(?:him|her|them|it|us|me|you|this|that)\b")
_BODIES = {"council", "court", "courts", "parliament", "assembly", "commission", "tribunal",
           "committee", "judge", "judges", "magistrate", "authorities", "panel", "board"}


@dataclass(frozen=True, slots=True)
class Order:
    """One worded order: the sentence's event is ``direction`` of ``event`` (text).

    ``start``/``end`` span the trigger words and the other event in the
    sentence; ``subject_text`` is set when the order names its own event
    ("once X has …, *s/he will assume the lead*").
    """

    direction: str  # "after", "before", "asap" or "conditional"
    start: int
    end: int
    text: str
    event: str = ""
    subject_text: str = ""


def find_orders(norm: str) -> list[Order]:
    """Worded orders in a sentence, left to right (see the module docstring)."""
    low = norm.lower()
    found = [*_once(norm, low), *_marked(norm, low, _AFTER, "after"),
             *_marked(norm, low, _BEFORE, "before"), *_asap(norm, low)]
    return sorted(found, key=lambda o: o.start)


def _marked(norm: str, low: str, pattern: re.Pattern[str], direction: str) -> list[Order]:
    out = []
    for m in pattern.finditer(low):
        head = low[:m.start()]
        if _COUNTED.search(head):
            continue  # "one week prior to X": a bound the grammar reads
        end = _segment_end(low, m.end())
        event = norm[m.end():end].strip()
        if not event or not _is_event(event) or head.rstrip().endswith(" once"):
            continue
        kind = "conditional" if _CONDITIONAL.search(head.split(",")[-1]) else direction
        out.append(Order(kind, m.start(), end, norm[m.start():end], event=event))
    return out


def _is_event(text: str) -> bool:
    """Not a person or a body one appears before ("before the Special Court")."""
    low = text.lower()
    head = low.split(" of ")[0].split()
    return not _PRONOUN.match(low) and bool(head) and head[-1] not in _BODIES


def _once(norm: str, low: str) -> list[Order]:
    m = _ONCE.match(low)
    if not m or len(m["cond"].split()) < 2:
        return []
    main = norm[m.start("main"):_segment_end(low, m.start("main"))].strip()
    parts = _ONCE_PART.split(norm[m.start("cond"):m.end("cond")])
    return [Order("after", 0, m.end("cond"), norm[:m.end("cond")], event=part.strip(),
                  subject_text=main) for part in parts if part.strip()]


def _asap(norm: str, low: str) -> list[Order]:
    return [Order("asap", m.start(), m.end(), norm[m.start():m.end()])
            for m in _ASAP.finditer(low)]


def _segment_end(low: str, start: int) -> int:
    m = _END.search(low, start)
    return m.start() if m else len(low)


def without_asides(norm: str) -> str:
    """The sentence with dashed asides (" - substantive, military - ") blanked, offsets kept."""
    return _ASIDE.sub(lambda m: " " * len(m.group(0)), norm)


def aside_items(norm: str, end: int) -> list[str]:
    """The items of a dashed list before ``end`` ("components - substantive, military,
    police and support - will align"): each does the sentence's work on its own."""
    asides = [m for m in _ASIDE.finditer(norm[:end])]
    if not asides:
        return []
    inner = asides[-1].group(0).strip(" -–—")
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", inner) if i.strip()]
    return items if len(items) >= 2 and all(len(i.split()) <= 3 for i in items) else []
