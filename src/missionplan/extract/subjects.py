"""What a temporal phrase constrains: the event its sentence is about.

"Deployment of a TAM within 14 days of X" constrains the deployment;
"Draft Mission Plan: one week prior to X" constrains the headline; "S/he is to
produce recommendations within 21 days of X" constrains the recommendations
being produced; "The Parties shall, within 30 days of X, withdraw their
forces" constrains the withdrawal; "… and completion within 12 months"
constrains the completion of the thing named just before.
"""

from __future__ import annotations

import re

from .events import EventName, describe, is_verb, participle, vocabulary
from .temporal import Phrase

__all__ = ["named_origin", "subject_of"]

_MODAL_END = re.compile(r"\b(?:shall|will|must|should|is to|are to|to|is|are|be)\s*$")
_ACTOR = re.compile(r"^(?P<actor>.*?)\b(?:(?:is|are)\s+(?:also\s+)?to|shall|will|must|should|"
                    r"(?<=\w )to)\s+(?!be\b)(?:also\s+)?(?P<verb>[a-z]+)(?:\s+(?P<obj>.+))?$")
_REQUEST = re.compile(r"^(?:further\s+)?(?:requests?|calls? (?:up)?on|urges?|encourages?|"
                      r"invites?|directs?|asks?|authori[sz]es?|decides? that)\s+")
_ASIDE_AFTER_MODAL = re.compile(r"\b(shall|will|must|should|is to|are to)\s*,[^,]{0,80},\s*",
                                re.IGNORECASE)
_DUE_TO = re.compile(r"\s+(?:is|are|was|were)\s+(?:due|expected|scheduled|set|planned)\s+to\s+",
                     re.IGNORECASE)
_ASIDE_WORD = re.compile(r",\s*(?:meanwhile|however|moreover|in turn|therefore|also|in addition)"
                         r"\s*,", re.IGNORECASE)
_A_MODAL = re.compile(r"\b(?:shall|will|must|should|is to|are to|(?:set|scheduled|due|expected) to)"
                      r"\s+(?:also\s+)?[a-z]|"
                      r"\b(?:requested|requests|asked)\s+(?:me|him|her)\s+to\s+[a-z]",
                      re.IGNORECASE)
_QUALIFYING_ASIDE = re.compile(r",\s*(?:consistent with|in accordance with|in consultation with|"
                               r"as appropriate|where appropriate|if necessary|subject to)"
                               r"[^,]*,\s*", re.IGNORECASE)
_ENDEAVOURS = re.compile(r"\s+use\s+(?:all\s+)?(?:its|their|his|her)\s+(?:best\s+)?"
                         r"endeavou?rs?\s+to\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:their|its)\s+", re.IGNORECASE)
_HAVE_TO = re.compile(r"^(?:will\s+)?(?:have|has)\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:[\s,;.:·•\-–]|and\b|or\b|but\b|while\b|then\b)+")
_WITH = {"provide", "furnish", "supply", "present"}
_OF = {"notify", "inform", "advise", "apprise"}
_PREPOSITION_START = re.compile(r"^(?:to|on|for|in|at|with|by)\b")
_ENVISAGE = re.compile(r"^(?P<agent>.*?)\b(?:envisages?|foresees?|provides? for|calls? for|"
                      r"stipulates?|requires?|sets? out|schedules?)\s+(?P<obj>.+)$")
_PHRASAL: dict[str, str] = {**vocabulary()["phrasal"], "come into effect": "in_force",
                             "enter into effect": "in_force"}
_CLAUSE_CUT = re.compile(r"\s+(?:is|are|was|were|will|shall|must|should|and|that|which)\b",
                         re.IGNORECASE)
_THAT_IN_FORCE = re.compile(r"^(?P<np>.+?)\s+(?:that|which)\s+(?:comes?|enters?|takes?|"
                            r"will come|will enter|will take)\s+(?:into\s+(?:force|effect)|"
                            r"effect)\s*$", re.IGNORECASE)
_REQUESTED_ME = re.compile(r"^.*\b(?:requested|requests|asked|asks|invited|invites)\s+"
                           r"(?P<who>me|him|her)\s*$", re.IGNORECASE)
_DEADLINE_FOR = re.compile(r"^a deadline of\b", re.IGNORECASE)
_SHALL_HAVE = re.compile(r"\b(shall|will|must|should)\s+have\s+(?=[a-z]+ed\b)", re.IGNORECASE)
_INFINITIVE_ITEM = re.compile(r"^(?:and\s+)?(?P<verb>begin|commence|start|concentrate|present|"
                              r"finali[sz]e|complete|establish|submit|hold|deploy|withdraw|"
                              r"adopt|create|form|appoint|release|return)\s+(?P<obj>.+)$",
                              re.IGNORECASE)
_VERB_EVENTS: dict[str, tuple[str, str]] = {
    verb: (pair[0], pair[1]) for verb, pair in vocabulary()["verb_events"].items()}
_NOT_VERBS = {"the", "a", "an", "be", "have", "ensure", "include", "take"}


def subject_of(sentence: str, phrase: Phrase, *, previous: Phrase | None,
               previous_subject: EventName | None) -> EventName | None:
    """The event a phrase constrains, read from the sentence around it (None if unclear)."""
    head = _headline(sentence, phrase)
    if head is not None:
        return describe(head)
    begin = previous.end if previous is not None else 0
    prefix = _LEADING.sub("", sentence[begin:phrase.start].split(";")[-1]).strip()
    if previous is not None and not prefix and previous_subject is not None:
        return previous_subject
    if previous_subject is not None and re.fullmatch(r"[a-z]+", prefix) and is_verb(prefix):
        # "begin the reintegration of X by DATE and finish by DATE": X finished
        return EventName(previous_subject.core, participle(prefix), previous_subject.words,
                         previous_subject.shown)
    prefix = _ASIDE_AFTER_MODAL.sub(r"\1 ", _QUALIFYING_ASIDE.sub(" ", prefix))
    prefix = _ENDEAVOURS.sub(" ", prefix)  # "shall use all its endeavors to repatriate X"
    prefix = _SHALL_HAVE.sub(r"\1 ", _DUE_TO.sub(" will ", _ASIDE_WORD.sub("", prefix)))
    in_force = _THAT_IN_FORCE.match(prefix)
    if in_force:  # "have signed a declaration of permanent ceasefire that comes into effect"
        np = re.split(r"\b(?:signed|adopted|agreed|concluded|declared|announced|reached)\s+",
                      in_force["np"])[-1]
        return describe(np, state="in_force")
    if _DEADLINE_FOR.match(phrase.text):  # "sets a deadline of 90 days for X to be VERBed"
        rest = re.split(r"[;.]", re.sub(r"^[\s,]*for\s+", "", sentence[phrase.end:]))[0]
        rest = re.sub(r"\s+to be\s+", " ", rest.strip())
        if rest:
            return describe(rest)
    item = _INFINITIVE_ITEM.match(prefix.strip(" ;,"))
    if item and not _A_MODAL.search(prefix):  # "begin the reintegration of X by DATE"
        return describe(re.sub(r"^the\s+", "", item["obj"]), state=participle(item["verb"]))
    if _HAVE_TO.match(phrase.text):  # "The rebels have eight months to withdraw X"
        prefix = f"{prefix.rstrip(' ,')} have {_after(sentence, phrase)}".strip()
    if not prefix or _MODAL_END.search(prefix):
        prefix = f"{prefix} {_after(sentence, phrase)}".strip()
    prefix = _SHALL_HAVE.sub(r"\1 ", prefix)  # "UNAMID shall have completed preparations"
    envisaged = _ENVISAGE.match(prefix.lower())
    if envisaged and "," in prefix:  # "Requires complete, verifiable disarmament of X"
        prefix = prefix[envisaged.start("obj"):].replace(",", " ")
    segments = prefix.split(",")
    modal = next((i for i, seg in enumerate(segments) if _A_MODAL.search(seg)), 0)
    # "Monuc, the JMC and the Third Party will start to track down, disarm and dismantle X":
    # the clause from the segment with the modal on, its commas a list
    prefix = (" ".join(segments[modal:]) if modal else segments[0]).strip()
    if not prefix:
        return None
    envisaged = _ENVISAGE.match(prefix.lower())
    if envisaged:
        prefix = envisaged["obj"]
    name = _from_actor_clause(prefix, after=_after(sentence, phrase)) or describe(prefix)
    if not name.core and previous_subject is not None and name.state:
        return EventName(previous_subject.core, name.state, name.words)
    return name if name.core else None


def _headline(sentence: str, phrase: Phrase) -> str | None:
    colon = sentence.find(": ")
    if 0 < colon < phrase.start and len(sentence[:colon].split()) <= 10:
        return sentence[:colon]
    return None


def _after(sentence: str, phrase: Phrase) -> str:
    rest = sentence[phrase.end:].lstrip(" ,")
    return re.split(r"[,;:.]", rest, maxsplit=1)[0]


def _from_actor_clause(text: str, *, after: str = "") -> EventName | None:
    """ "X shall deploy teams" -> teams deployed; "X shall report to the Council" -> X report
    submitted; "Refugees shall return" -> refugees returned. Words keep the text's case."""
    m = _ACTOR.match(text.lower())
    if not m or m["verb"] in _NOT_VERBS or (not is_verb(m["verb"]) and not m["obj"]):
        return None
    verb = m["verb"]
    obj = text[m.start("obj"):m.end("obj")] if m["obj"] else ""
    phrasal = next((state for words, state in _PHRASAL.items()
                    if f"{verb} {obj.lower()}".startswith(words)), "")
    if phrasal:  # "A permanent ceasefire is declared … and shall enter into force"
        actor = text[m.start("actor"):m.end("actor")].strip()
        request = _REQUEST.match(actor.lower())
        actor = _CLAUSE_CUT.split(actor[request.end():] if request else actor, maxsplit=1)[0]
        return describe(actor, state=phrasal) if actor else None
    if verb in _WITH and " with " in obj:
        obj = obj.split(" with ", 1)[1]
    if verb in _OF and " of " in obj:
        obj = obj.split(" of ", 1)[1]
    if verb == "keep" and obj.split() and is_verb(obj.split()[-1]):
        return describe(" ".join(obj.split()[:-1]), state=participle(obj.split()[-1]))
    if verb in ("start", "begin", "commence") and obj.lower().startswith("to "):
        return describe(obj[3:], state="started")  # "will start to track down X"
    if obj and not _PREPOSITION_START.match(obj.lower()):
        owner = _owner(text[m.start("actor"):m.end("actor")])
        if owner and _POSSESSIVE.match(obj):
            obj = _POSSESSIVE.sub(f"{owner} ", obj, count=1)  # "their forces": the rebels'
        return describe(obj, state=participle(verb))
    if after and not _PREPOSITION_START.match(after.lower()) and not _ACTOR.match(after.lower()):
        return describe(after, state=participle(verb))  # "submit to the Council, by X, plans"
    actor = text[m.start("actor"):m.end("actor")].strip()
    if _REQUESTED_ME.match(actor):  # an SG report: "the Council requested me to report"
        actor = "Secretary-General"
    request = _REQUEST.match(actor.lower())
    actor = actor[request.end():] if request else actor
    if not actor:
        return None
    noun, state = _VERB_EVENTS.get(verb, ("", participle(verb)))
    return describe(f"{actor} {noun}".strip(), state=state)


def _owner(actor: str) -> str:
    """The actor as an owner of "their X": its noun phrase, without requests and verbs."""
    actor = re.split(r"\s+(?:have|has|is|are|will|shall|must|should)\b", actor.strip(),
                     maxsplit=1)[0]
    request = _REQUEST.match(actor.lower())
    actor = actor[request.end():] if request else actor
    words = [w for w in actor.split() if w.lower() not in ("the", "a", "an")]
    return " ".join(words[-3:]) if 0 < len(words) <= 6 else ""


def named_origin(sentence: str, phrase: Phrase) -> EventName | None:
    """An agreement or resolution named before an unanchored phrase ("the timeline set by
    the Kalari peace agreement envisages elections within 12 months")."""
    m = _ENVISAGE.match(sentence[:phrase.start].lower())
    if not m:
        return None
    agent = re.split(r"\b(?:by|of)\s+", m["agent"])[-1]
    name = describe(agent)
    return name if name.state in ("signed", "adopted") else None
