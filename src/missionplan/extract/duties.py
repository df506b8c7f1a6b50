"""Who answers for what: the actor a sentence makes responsible, from its modal form.

Directives, agreements and resolutions assign work in a few forms:
"The Force Commander shall deploy …", "The parties will notify …",
"The Secretary-General is to report …", "The Joint Commission is responsible
for …", "Requests the Secretary-General to report …" (a resolution), and
"S/he is to lead …", whose actor is the one the section already names.
:func:`find_duty` returns the actor's name (None for a pronoun) or None when
the sentence assigns nothing. A capital that only starts the sentence does
not make an actor ("Refugees shall return" assigns nothing); a name needs
"the" before it, two capitalised words, or an acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Duty", "find_duty"]

_MODAL = (r"(?:shall|will|must|should|is to|are to|is responsible for|are responsible for|"
          r"is charged with|are charged with|has responsibility for|leads|coordinates)")
_NAME = r"(?:[A-Z][\w'’./-]*|of|the|and|for|on|to)(?:\s+(?:[A-Z][\w'’./-]*|of|the|and|for|on))*"
_LEAD_IN = r"(?:^|[,;:]\s+)(?:\(?[a-z0-9]{1,4}[).]\s+|[-•·]\s*)?(?:[Tt]hat\s+)?"
_PRONOUN = re.compile(r"^(?:\(?[a-z0-9]{1,4}[).]\s+)?(?:S/he|He/she|She/he|He or she|She|He|"
                      r"They)\s+" + _MODAL + r",?\s+(?!be\b)")
_PARTIES = re.compile(_LEAD_IN + r"(?P<the>[Tt]he\s+|[Bb]oth\s+|[Ee]ach\s+|[Aa]ll\s+)?"
                      r"(?P<name>[Pp]arties|[Pp]arty|[Ss]ignatories)\s+"
                      + _MODAL + r",?\s+(?!be\b)")
_NAMED = re.compile(_LEAD_IN + r"(?P<the>[Tt]he\s+)?(?P<name>" + _NAME + r")\s+"
                    + _MODAL + r",?\s+(?!be\b)")
_REQUESTED = re.compile(r"^(?:\(?[a-z0-9]{1,4}[).]\s+)?(?:[A-Z][a-z]+(?:\s+|,\s*))?"
                        r"(?:[Ff]urther\s+|[Aa]lso\s+)?(?:[Rr]equests|[Cc]alls upon|[Cc]alls on|"
                        r"[Uu]rges|[Dd]irects|[Ii]nvites|[Ee]ncourages|[Aa]uthori[sz]es|[Aa]sks)"
                        r"\s+(?P<the>the\s+)?(?P<name>" + _NAME + r")\s+to\s+[a-z]")
_FUNCTION = {"of", "the", "and", "for", "on", "to"}


@dataclass(frozen=True, slots=True)
class Duty:
    """A sentence's assignment of work: to ``actor`` (None: the section's own actor)."""

    actor: str | None


def find_duty(sentence: str) -> Duty | None:
    """The actor a sentence makes responsible (see the module docstring), or None."""
    text = " ".join(sentence.split())
    if _PRONOUN.match(text):
        return Duty(None)
    for pattern in (_REQUESTED, _PARTIES, _NAMED):
        for m in pattern.finditer(text):
            name = _actor_name(m["name"], bool(m["the"]), pattern is _PARTIES)
            if name:
                return Duty(name)
    return None


def _actor_name(raw: str, has_article: bool, parties: bool) -> str:
    words = raw.split()
    while words and words[-1] in _FUNCTION:
        words.pop()
    while words and words[0].lower() in _FUNCTION:
        words.pop(0)
    if not words:
        return ""
    if parties:
        return "The parties"
    capitals = [w for w in words if w not in _FUNCTION]
    acronym = any(len(w) > 1 and w.isupper() for w in capitals)
    if not (has_article or len(capitals) >= 2 or acronym):
        return ""
    return " ".join(words)
