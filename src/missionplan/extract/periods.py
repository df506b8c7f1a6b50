"""What a period or a mandate renewal ends: the mission, body or period the sentence names.

"Decides to establish for an initial period of 12 months a … Monitoring Team" ends
the team's mandate; "establishes the UN Mission in South Sudan (UNMISS) for an
initial period of one year" ends UNMISS's initial period; "extend the mandate of
UNMISS through 15 December 2017" ends UNMISS's mandate; "a pre-transitional period
of 120 days" ends the pre-transitional period. French: "proroger jusqu'au 30 juin
2016 le mandat de la MINUSMA" → Mandat de la MINUSMA terminé.

A resolution's verb ("Decides", "Authorizes") is never the thing that ends.
"""

from __future__ import annotations

import re

from .events import EventName, describe
from .french import describe_fr

__all__ = ["acronyms", "period_end", "period_start"]

_PAREN_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?)\)")
_BARE_ACRONYM = re.compile(r"(?<![\w(])(?P<acr>[A-Z][A-Z0-9]{3,})(?![\w)])")
_NOT_MISSIONS = {"CHAPTER", "UNSCR", "ICRC", "OCHA", "UNHCR", "UNICEF", "ECOWAS", "SADC",
                 "IGAD", "CEDEAO", "OSCE", "NATO", "OTAN", "UNDP", "PNUD"}
_VERB_EN = re.compile(r"\b(?:re-?establish(?:es|ed|ing)?|establish(?:es|ed|ing)?|"
                      r"extend(?:s|ed|ing)?|renew(?:s|ed|al)?|authori[sz](?:es|ed|e)|"
                      r"constitute[sd]?|prolong(?:s|ed)?|deploy(?:s|ed)?)\b", re.IGNORECASE)
_VERB_FR = re.compile(r"\b(?:proro(?:ger|gé|gée|gea|gation)|prolong(?:er|é|ée|ation)|"
                      r"renouvel(?:er|é|ée|le|lement)|reconduit|reconduire|créer|créé|créée|"
                      r"établir|décide de créer)\b", re.IGNORECASE)
_MANDATE_OF = re.compile(r"\bmandate\s+of\s+(?P<np>.+)$", re.IGNORECASE)
_MANDAT_DE = re.compile(r"\bmandat\s+(?:de\s+la|de\s+l'|du|des|de)\s*(?P<np>.+)$",
                        re.IGNORECASE)
_NP_STOP = re.compile(r"\s+(?:composed|as\s+set|as\s+referred|as\s+contained|under|to\s+be|"
                      r"which|who|in\s+accordance|with|for|until|through|jusqu|pour|"
                      r"qui|afin|en\s+tant)\b.*$|\s*[,;(].*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:the|a|an|its|le|la|les|l'|un|une|du|de\s+la|des)\s+", re.IGNORECASE)
_RENEWED = re.compile(r"\b(?:extend(?:s|ed)?|renew(?:s|ed)?|extension)\b", re.IGNORECASE)
_HEAD = re.compile(r"(?P<noun>periods?|périodes?(?:\s+de\s+transition|\s+intérimaire)?|"
                   r"transition|pendant)\b", re.IGNORECASE)
_ADJECTIVE = re.compile(r"(?:pre-|post-)?[a-z-]+(?:al|ary|ive|ory|ial)|interim|initial|pre|"
                        r"post|première|seconde|deuxième|nouvelle", re.IGNORECASE)
_AFTER_EVENT = re.compile(r"\b(?:after|après)\s+(?P<ev>(?:the|la|le|l'|[a-z]+ing\s+the)\s*"
                          r"[^,;\d]+?)\s*,[^,;]*$",
                          re.IGNORECASE)
_DURATION_OF = re.compile(r"\bdurée\s+d[eu]s?\s+(?:la\s+|l'|le\s+)?(?P<np>[\w-]+)[^,;]*$",
                          re.IGNORECASE)
_STAYS_IN_FORCE = re.compile(r"(?P<np>(?:le|la|les|l'|the)\s*[\w-]+(?:\s+[\w-]+)?)\s*«?\s*"
                             r"(?:restera|resteront|demeurera|shall remain|will remain|remains?)"
                             r"\s+en\s+vigueur|(?P<np2>x)^", re.IGNORECASE)
_EXTENDED = re.compile(r"extend(?:s|ed)?\s+(?:a|the)\s+(?P<what>[\w-]+(?:\s+[\w-]+){0,2}?)\s+by",
                       re.IGNORECASE)


def acronyms(text: str) -> set[str]:
    """The acronyms a name carries (UNMISS, MINUSTAH): names that differ in one are two
    different things, however alike their letters."""
    found = {m["acr"] for m in _PAREN_ACRONYM.finditer(text)}
    found |= {m["acr"] for m in _BARE_ACRONYM.finditer(text) if m["acr"].isupper()}
    return {a for a in found if a not in _NOT_MISSIONS and not a.isdigit()}


def period_end(sentence: str, start: int, end: int, *, lang: str,
               initial: bool = False) -> EventName | None:
    """The end of the thing a period or renewal at ``sentence[start:end]`` bounds, or None
    when the sentence names neither a mission nor a period noun."""
    extended = _EXTENDED.match(sentence[start:end])
    if extended:  # "extend a ceasefire by two months": the extended ceasefire ends
        return describe(f"extended {extended['what']}", state="ended")
    noun = _own_noun(sentence, start, end)
    thing = _thing(sentence, start, end, lang)
    if thing:
        what = "initial period" if initial and lang == "en" else "mandate"
        if lang == "en" and what == "mandate" and _RENEWED.search(sentence[:end]):
            what = "extended mandate"  # a renewal: the extended mandate ends
        if lang == "fr":
            return describe_fr(f"mandat de la {thing}", state="terminé")
        return describe(f"{thing} {what}", state="ended")
    if initial:  # "Authorizes for an initial period of 12 months up to 19,555 personnel"
        return describe("initial period", state="ended") if lang == "en" else describe_fr(
            "période initiale", state="terminée")
    if noun:
        return describe_fr(noun, state="terminé") if lang == "fr" else describe(
            noun, state="ended")
    return None


def period_start(sentence: str, start: int, end: int, *, lang: str) -> EventName | None:
    """Where a period with no stated start begins: the event an "after X," before it names
    ("after the conclusion of the agreement, a pre-transitional period of 120 days"), else
    the period's own start ("la période de transition" → Période de transition commencée,
    "la durée de la transition est fixée à 18 mois", "le cessez-le-feu restera en vigueur
    pendant 7 jours"); None for a mandate, which runs from its resolution."""
    before = sentence[:start]
    after = _AFTER_EVENT.search(before)
    if after:
        return describe(after["ev"]) if lang == "en" else describe_fr(after["ev"])
    noun = _own_noun(sentence, start, end)
    if not noun:
        m = _DURATION_OF.search(before) or _STAYS_IN_FORCE.search(before)
        noun = m["np"] if m else ""
    if not noun:
        return None
    return describe(noun, state="started") if lang == "en" else describe_fr(
        noun, state="commencé")


def _own_noun(sentence: str, start: int, end: int) -> str:
    """ "a pre-transitional period of 120 days" → pre-transitional period; "followed by
    transitional period of 36 months" → transitional period; "une période de transition de
    trente mois" → période de transition."""
    head = _HEAD.match(sentence[start:end])
    if not head:
        return ""
    if head["noun"].lower() == "pendant":
        return ""
    before: list[str] = []
    for word in reversed(re.findall(r"[\w'-]+", sentence[:start])[-2:]):
        if not _ADJECTIVE.fullmatch(word):
            break
        before.insert(0, word)
    return " ".join([*before, head["noun"]])


def _thing(sentence: str, start: int, end: int, lang: str) -> str:
    verbs = list((_VERB_EN if lang == "en" else _VERB_FR).finditer(sentence[:start]))
    if not verbs:
        return _acronym_only(sentence, lang)
    between = sentence[verbs[-1].end():start].strip(" ,")
    after = re.split(r"[;:.]", sentence[end:].strip(" ,"), maxsplit=1)[0]
    text = between if len(between.split()) >= 1 and not re.fullmatch(
        r"[\s,]*(?:and|et)?[\s,]*", between) else after
    mandate = (_MANDATE_OF if lang == "en" else _MANDAT_DE).search(text)
    if mandate:
        text = mandate["np"]
    found = _PAREN_ACRONYM.search(text)
    if found and found["acr"] not in _NOT_MISSIONS:
        return found["acr"]
    bare = [m["acr"] for m in _BARE_ACRONYM.finditer(text) if m["acr"] in acronyms(text)]
    if bare:
        return bare[0]
    found = _PAREN_ACRONYM.search(sentence)
    if found and found["acr"] not in _NOT_MISSIONS:
        return found["acr"]
    np = _LEAD.sub("", _NP_STOP.sub("", text).strip())
    words = np.split()
    if not words or words[0].lower() in ("up", "to", "jusqu'à", "à") or (
            len(words) == 1 and words[0].lower() in ("mandate", "mandat")):
        return _acronym_only(sentence, lang)
    words = words[-3:]
    while words and words[0].lower() in ("and", "or", "of", "et", "ou", "de", "based"):
        words = words[1:]
    return " ".join(words)


def _acronym_only(sentence: str, lang: str) -> str:
    if not re.search(r"\bmandat", sentence, re.IGNORECASE):
        return ""
    found = [m["acr"] for m in (*_PAREN_ACRONYM.finditer(sentence),
                                *_BARE_ACRONYM.finditer(sentence))
             if m["acr"] in acronyms(sentence)]
    return found[0] if found else ""
