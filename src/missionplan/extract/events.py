"""Naming events so that one happening gets one id, however the text words it.

No lemmatiser and no model: a phrase is lower-cased, stripped of articles and
determiners, its plurals folded, synonyms replaced (``vocabulary.yaml``), and
split into a *core* (what it is about) and a *state* (what happens to it):
"the signing of a peace agreement", "the peace agreement" and "Kalari peace
agreement" are all (``peace agreement``, ``signed``); "return of the
technical assessment mission" and "return from the technical assessment" are
both ``returned`` with cores that difflib finds close. :class:`EventRegistry`
hands out one id per such happening.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML

from ..model import Event, Source

__all__ = ["EventName", "EventRegistry", "describe", "ending", "is_verb", "participle", "slug",
           "state_words", "vocabulary"]

MATCH_RATIO = 0.8
_PREPOSITIONS = {"of", "for", "to", "in", "on", "at", "by", "with", "from", "and", "into",
                 "under", "over", "between", "within", "or", "as", "per"}
_MODAL = re.compile(r"^(?P<core>.*?)\s+(?:shall|will|must|should|may|is to|are to)\s+"
                    r"(?:also\s+|not\s+)?(?P<verb>[a-z]+)\b(?P<rest>.*)$")
_PASSIVE = re.compile(r"^(?P<core>.*?)\s+(?:is|are|was|were|has been|have been|shall be|"
                      r"will be|must be|should be|to be|be|being)\s+(?P<verb>[a-z]+)\b"
                      r"(?P<rest>.*)$")


@cache
def vocabulary() -> dict[str, Any]:
    """The word tables in ``vocabulary.yaml``."""
    text = files(__package__).joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = YAML(typ="safe").load(text)
    return data


@dataclass(frozen=True, slots=True)
class EventName:
    """What an event phrase is about (``core``), what happens to it (``state``) and its words."""

    core: str
    state: str
    words: str
    shown: str = ""  # the core in the text's own words and case, plurals kept

    @property
    def label(self) -> str:
        """Sentence case: "Cantonment sites established", "Joint Commission met"."""
        name = f"{self.shown or self.core} {self.state.replace('_', ' ')}".strip()
        return name[:1].upper() + name[1:]

    def same_as(self, other: EventName) -> bool:
        if self.state != other.state or not self.core or not other.core:
            return False
        mine, theirs = _acronyms(self.shown or self.words), _acronyms(other.shown or other.words)
        if mine and theirs and mine != theirs:
            return False  # "MINUSMA mandate" and "MONUSCO mandate" are two missions
        differ = set(self.core.split()) ^ set(other.core.split())
        if any(w == q or (len(q) > 4 and w.startswith(q)) for w in differ for q in _QUALIFIERS):
            return False  # the pre-transitional period is not the transitional period
        return similarity(self.core, other.core) >= MATCH_RATIO


_QUALIFIERS = {"pre", "post", "first", "second", "third", "interim", "initial", "final",
               "further", "new", "premi", "seconde", "deuxi"}


def _acronyms(text: str) -> set[str]:
    return {w for w in re.findall(r"\b[A-Z][A-Z0-9]{2,}\b", text) if not w.isdigit()}


def similarity(a: str, b: str) -> float:
    """How alike two cores are, 0 to 1 (difflib over characters)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def describe(text: str, *, state: str = "") -> EventName:
    """Split an event phrase into core and state (see the module docstring)."""
    words = _tokens(text)
    if not state:
        words, state = _passive(words)
    if not state:
        words, state = _modal(words)
    if not state:
        words, state = _nominal(words)
    if not state:
        words, state = _finite_verb(words)
    words = _cut_at_stops(words)
    kept = [w for w in words if w not in _determiners()]
    while kept and kept[-1] in _PREPOSITIONS:
        kept.pop()
    core = _synonyms(" ".join(_fold(w) for w in kept))
    if not state:
        state = _default_state(core)
    return EventName(core=core, state=state, words=" ".join(text.split()),
                     shown=_shown(kept, text))


def _shown(kept: list[str], text: str) -> str:
    """The kept words as the text writes them: proper names and acronyms keep their capitals;
    a capital that only starts the sentence ("Refugees shall return") does not."""
    cased = _tokens(text, lower=False)
    forms: dict[str, str] = {}
    for i, token in enumerate(cased):
        acronym = token.isupper() and len(token) > 1
        proper = acronym or (token[:1].isupper() and (
            i > 0 or (len(cased) > 1 and cased[1][:1].isupper())))
        forms.setdefault(token.lower(), token if proper else token.lower())
    return " ".join(forms.get(w, w) for w in kept)


def slug(name: EventName, *, max_words: int = 4) -> str:
    """An id for an event: its first content words and its state, ``peace_agreement_signed``."""
    base = (name.shown or name.core).lower()
    content = [w for w in base.split() if w not in _PREPOSITIONS][:max_words]
    parts = [*content, name.state] if name.state else content
    text = re.sub(r"[^a-z0-9_]", "", "_".join(parts)) or "event"
    return ("e_" + text if not text[0].isalpha() else text)[:60]


def participle(verb: str) -> str:
    """The state a verb leaves (``produce`` → ``produced``), from the table or by rule."""
    verb = verb.lower()
    table: dict[str, str] = vocabulary()["verbs"]
    for form in (verb, _stem(verb)):
        if form in table:
            return table[form]
    if verb.endswith("ed"):
        return verb
    return verb + "d" if verb.endswith("e") else verb + "ed"


def ending(subject: EventName, sentence: str) -> EventName:
    """The end of what a subject names: "the mandate of UNSOM" → UNSOM mandate ended,
    "Disbanding of militias" → Disbanding of militias ended."""
    shown = subject.shown or subject.core
    if "mandate" in sentence.lower() and "mandate" not in shown.lower():
        shown = f"{shown} mandate"
    core = f"{subject.core} end"
    return EventName(core=core, state="ended", words=subject.words, shown=shown)


def state_words() -> set[str]:
    """Every state word the extractor can give an event ("signed", "in force", "créée")."""
    table = vocabulary()
    words = {*table["verbs"].values(), *table["nominal"].values(), *table["phrasal"].values(),
             *(pair[1] for pair in table["verb_events"].values()), *table["defaults"].values()}
    return {w for s in words for w in s.split("_")}


def is_verb(word: str) -> bool:
    table: dict[str, str] = vocabulary()["verbs"]
    return word in table or _stem(word) in table or word in table.values()


@dataclass
class EventRegistry:
    """The events of one draft: one id per happening, with every clause that names it."""

    events: list[Event] = field(default_factory=list)
    names: dict[str, EventName] = field(default_factory=dict)

    def resolve(self, name: EventName, source: Source | None) -> str:
        """The id of the event this name denotes, creating it if it is new."""
        for event in self.events:
            if self.names[event.id].same_as(name) or self.names[event.id] == name:
                _cite(event, source)
                return event.id
        event_id = self._unique(slug(name))
        self.events.append(Event(id=event_id, name=name.label, source=source))
        self.names[event_id] = name
        return event_id

    def _unique(self, base: str) -> str:
        taken = {e.id for e in self.events}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        return candidate


def _cite(event: Event, source: Source | None) -> None:
    if source is None or source == event.source or source in event.sources:
        return
    if event.source is None:
        event.source = source
    else:
        event.sources.append(source)


def _tokens(text: str, *, lower: bool = True) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'")
    if lower:
        text = text.lower()
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)
    text = re.sub(r"[-/–]", " ", text)
    text = re.sub(r"[^A-Za-z0-9 ]", " ", text)
    return text.split()


def _determiners() -> set[str]:
    return set(vocabulary()["determiners"])


def _passive(words: list[str]) -> tuple[list[str], str]:
    m = _PASSIVE.match(" ".join(words))
    if m and is_verb(m["verb"]) and m["core"]:
        return m["core"].split(), participle(m["verb"])
    return words, ""


def _modal(words: list[str]) -> tuple[list[str], str]:
    """ "refugees shall return" -> (refugees, returned); "sites shall be ready" -> ready."""
    m = _MODAL.match(" ".join(words))
    if not m or not m["core"]:
        return words, ""
    rest = m["rest"].split()
    phrasal: dict[str, str] = vocabulary()["phrasal"]
    two = " ".join([m["verb"], *rest[:1]])
    if two in phrasal:  # "the release of X shall take place" is X released
        named, state = _nominal(m["core"].split())
        return (named, state) if state else (m["core"].split(), phrasal[two])
    if m["verb"] != "be":
        return m["core"].split(), participle(m["verb"])
    return m["core"].split(), rest[0] if rest and rest[0] not in _PREPOSITIONS else ""


def _nominal(words: list[str]) -> tuple[list[str], str]:
    table: dict[str, str] = vocabulary()["nominal"]
    content = [w for w in words if w not in _determiners()]
    for size in (3, 2, 1):
        lead = " ".join(content[:size])
        if size > len(content) or lead not in table:
            continue
        if len(content) == size or content[size] in _PREPOSITIONS:
            rest = content[size + 1:] if len(content) > size else []
            return rest, table[lead]
    return words, ""


def _finite_verb(words: list[str]) -> tuple[list[str], str]:
    for i, word in enumerate(words[1:], start=1):
        if word.endswith("s") and not word.endswith("ss") and is_verb(word[:-1]):
            return words[:i] + words[i + 1:], participle(word[:-1])
    return words, ""


def _cut_at_stops(words: list[str]) -> list[str]:
    text = " " + " ".join(words) + " "
    cut = len(text)
    for stop in vocabulary()["stops"]:
        at = text.find(f" {stop} ", 1)
        if 0 < at < cut:
            cut = at
    return text[:cut].split()


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word.replace("ization", "isation")


def _stem(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2] in vocabulary()["verbs"]:
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _synonyms(core: str) -> str:
    table: dict[str, str] = vocabulary()["synonyms"]
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    return pattern.sub(lambda m: table[m.group(1)], core)


def _default_state(core: str) -> str:
    table: dict[str, str] = vocabulary()["defaults"]
    head = _head_noun(core)
    return table.get(head, "")


def _head_noun(core: str) -> str:
    words = core.split()
    for i, word in enumerate(words):
        if word in _PREPOSITIONS:
            return words[i - 1] if i else ""
    return words[-1] if words else ""
