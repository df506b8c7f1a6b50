"""French texts: the language of a document, counts in French words, French event names.

:func:`detect_language` tells French from English by their commonest words.
:func:`french_numbers` writes "quinze", "soixante-douze", "deux (02)" and "une
semaine" in figures. :func:`describe_fr` names an event as a French planner
would, the participle agreeing with its noun ("Formation du Gouvernement" →
Gouvernement formé, "Mise en place des unités mixtes" → Unités mixtes mises en
place); :func:`subject_fr` finds what a French phrase constrains ("Prie le
Secrétaire général de présenter un rapport dans les trois mois…" → Rapport
présenté). Word tables, no model.
"""

from __future__ import annotations

import re
import unicodedata

from .events import EventName

__all__ = ["describe_fr", "detect_language", "ending_fr", "french_numbers", "subject_fr"]

_FR = {"le", "la", "les", "des", "du", "de", "et", "est", "dans", "pour", "qui", "une", "au",
       "aux", "sur", "par", "sera", "doit", "l", "d", "à", "en", "ses", "leur", "conseil"}
_EN = {"the", "of", "and", "to", "shall", "will", "within", "for", "is", "be", "by", "with",
       "on", "that", "its", "council", "which", "after"}
_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
          "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
          "cinquante": 50, "soixante": 60, "cent": 100, "quatre-vingt": 80, "quatre-vingts": 80}
_WORD = "|".join(sorted((w for w in _UNITS if w not in ("un", "une")), key=len, reverse=True))
_RUN = re.compile(rf"(?<![\wà-ÿ])(?:{_WORD})(?:(?:-|\s+et\s+|\s+)(?:{_WORD}|un|une))*"
                  r"(?![\wà-ÿ])", re.IGNORECASE)
_ONE = re.compile(r"(?<![\wà-ÿ])(?:un|une)(?=\s+(?:jours?|semaines?|mois|ans?|années?|heures?)"
                  r"(?![\wà-ÿ]))", re.IGNORECASE)
_ONE_ELIDED = re.compile(r"\bd'un(?=\s+(?:an|mois|jour)\b)", re.IGNORECASE)
_ECHO = re.compile(r"\b(\d+)\s*\(\s*0*\1\s*\)")

# nouns of what happens -> the participle it leaves (masculine singular)
_NOMINAL = {
    "mise en place": "mis en place", "signature": "signé", "création": "créé",
    "formation": "formé", "déploiement": "déployé", "retrait": "retiré",
    "démantèlement": "démantelé", "suppression": "supprimé", "début": "commencé",
    "fin": "terminé", "adoption": "adopté", "entrée en vigueur": "entré en vigueur",
    "publication": "publié", "organisation": "organisé", "tenue": "tenu",
    "libération": "libéré", "installation": "installé", "présentation": "présenté",
    "enrôlement": "commencé", "unification": "commencé", "établissement": "établi",
    "cessation": "observé", "désengagement": "désengagé", "cantonnement": "cantonné",
    "désarmement": "désarmé", "identification": "commencé", "ouverture": "ouvert",
    "conclusion": "conclu", "transfert": "transféré", "redéploiement": "redéployé",
    "dissolution": "dissous", "nomination": "nommé", "réunion": "tenu",
}
# infinitives whose participle is not the -er/-ir rule
_VERBS = {"prendre": "pris", "mettre": "mis", "tenir": "tenu", "produire": "produit",
          "conclure": "conclu", "dissoudre": "dissous", "ouvrir": "ouvert", "faire": "fait",
          "établir": "établi", "finir": "fini", "achever": "achevé", "remettre": "remis",
          "soumettre": "soumis", "transmettre": "transmis", "construire": "construit",
          "entrer": "entré", "lancer": "lancé", "observer": "observé"}
_PHRASAL = {"entrer en fonctions": "entré en fonctions", "entrer en vigueur": "entré en vigueur",
            "prendre effet": "en vigueur", "mettre en place": "mis en place",
            "mettre en oeuvre": "mis en oeuvre", "mettre en œuvre": "mis en œuvre"}
_FEMININE = {"commission", "mission", "force", "forces", "élection", "élections", "armée",
             "unité", "unités", "milice", "milices", "zone", "liste", "carte", "cartes",
             "audience", "audiences", "administration", "transition", "période", "autorité",
             "autorités", "cessation", "opération", "opérations", "présence", "assemblée",
             "constitution", "loi", "réunion", "identification", "structure", "police",
             "trêve", "résolution", "déclaration", "paix", "mesure", "mesures", "tâche",
             "tâches", "enquête", "enquêtes", "partie", "parties", "négociation",
             "négociations", "feuille", "composante", "minuats", "minusma", "minurcat",
             "minusca", "minul", "minurso", "manuto", "minusil", "monusco", "minubh",
             "pré-transition", "cellule", "conférence", "mise", "mises",
             "législatives", "présidentielle", "stratégie", "réforme", "base"}
_DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "du", "ce", "cette", "ces", "son",
                "sa", "ses", "leur", "leurs", "présent", "présente"}
_STOPS = re.compile(r"\s+(?:qui|que|dont|où|afin|pour|chargée?s?|composée?s?|en vue|sous|"
                    r"indiquant|comportant|selon|conformément|afin de|y compris|"
                    r"\w+ant)\b|\s+et\s+(?:les?|la|l'|des|d')?\s*(?:critères|autres)\b")
_REQUEST = re.compile(r"^(?:.*?\b)?(?:prie|demande|invite|engage|exhorte|charge|décide|"
                      r"a l'intention|déclare qu'il a l'intention)\b.*?\b(?:de|d')\s*"
                      r"(?P<verb>[a-zà-ÿ]+)(?P<rest>.*)$", re.IGNORECASE)
_MODAL = re.compile(r"^(?P<subj>.*?)\s+(?:doit|doivent|devra|devront|devrait|devraient|va|"
                    r"vont|s'engagent? à|est chargée? de|sont chargée?s? de|est appelée? à|"
                    r"sont appelée?s? à)\s+(?:(?:par conséquent|également|aussi|notamment|"
                    r"ensuite|donc)\s+)?(?:se\s+)?(?P<verb>[a-zà-ÿ]+)(?P<rest>.*)$",
                    re.IGNORECASE)
_LAST_INF = re.compile(r"\b(?:de|d'|à)\s*(?P<verb>[a-zà-ÿ]+(?:er|ir|re))\s+(?P<rest>[^,;]+)$",
                       re.IGNORECASE)
_INVERTED = re.compile(r"^(?:il\s+)?(?:sera|seront|doit être|doivent être)\s+(?P<pp>[a-zà-ÿ]+)"
                       r"\s+(?:à\s+)?(?P<subj>.+)$", re.IGNORECASE)
_LEAD_IN = re.compile(r"^(?:décide|souligne|note|constate|rappelle)\s+(?:que|qu')\s*",
                      re.IGNORECASE)
_STAYS = re.compile(r"^(?P<subj>.+?)\s+(?:resteront|restera|demeureront|demeurera)\s+en\s+"
                    r"vigueur\b", re.IGNORECASE)
_MANDATE = re.compile(r"\b(?P<np>(?:le\s+)?mandat\s+(?:de\s+la|de\s+l'|du|des|de)\s*[^,;]+)",
                      re.IGNORECASE)
_BEFORE_QUI = re.compile(r"(?P<np>(?:une|la|le|les|un|des)\s+[^,]+?)\s+qui\s*$",
                         re.IGNORECASE)
_ACRONYM = re.compile(r"[A-ZÉ][^()]{10,}?\s*\((?P<acr>[A-Z]{3,})\)")
_PASSIVE = re.compile(r"^(?P<subj>.*?)\s+(?:est|sont|sera|seront|a été|ont été|serait|"
                      r"seraient)\s+(?P<pp>[a-zà-ÿ]+(?:\s+en\s+place)?)\b", re.IGNORECASE)
_ENVISAGES = re.compile(r"\b(?:prévoit|prévoient|fixe|fixent|stipule|stipulent)(?:\s+(?:un|une)"
                        r"\s+(?:délai|période|durée)\s+(?:de|d'))?\s*$", re.IGNORECASE)
_QUI_IN_FORCE = re.compile(r"(?P<np>(?:une|la|le|les|un|des)\s+[^,]+?)\s+qui\s+(?:entre|entrent|"
                           r"entrera|entreront)\s+en\s+vigueur\s*$", re.IGNORECASE)
_FUTURE = re.compile(r"^(?:.*?\b(?:que|qu')\s*)?(?P<subj>[^,]+?)\s+(?P<verb>[a-zà-ÿ]{3,}"
                     r"(?:eront|iront|era|ira))\s+(?P<rest>[^,;]+)$", re.IGNORECASE)
_COMMITS = re.compile(r"(?P<owner>[^,]+?)\s+s'engagent?\s*$", re.IGNORECASE)
_GERUND = re.compile(r"\ben\s+(?P<stem>[a-zà-ÿ]{3,})ant\s*$", re.IGNORECASE)
_LAST_WORD_INF = re.compile(r"(?:^|\s)(?P<verb>(?!être\b|avoir\b)[a-zà-ÿ]{3,}(?:er|ir))\s*$",
                            re.IGNORECASE)
_ADJECTIVE_LIST = re.compile(r"^(?P<head>[^,]+?)(?:,\s*[\w-]+)+(?:\s+et\s+[\w-]+)?\s+"
                             r"(?P<tail>(?:des|du|de la|de l')\s[^,]+)", re.IGNORECASE)
_POSSESSIVE_FR = re.compile(r"^(?:ses|leurs|sa|son|leur)\s+(?P<noun>[\w-]+)(?P<rest>.*)$",
                            re.IGNORECASE)
_BARE_VERB = re.compile(r"^(?:commencent|commence|se fait|se font|débute|débutent|dure|"
                        r"durent)\b", re.IGNORECASE)


def detect_language(text: str) -> str:
    """'fr' when French words outnumber English ones, 'en' when English do, 'other' for a
    text of 40 words or more with almost none of either (another language)."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower().replace("’", "'")[:20000])
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if len(words) >= 40 and max(fr, en) < 0.03 * len(words):
        return "other"
    return "fr" if fr > en else "en"


def french_numbers(text: str) -> str:
    """French counts in figures: "quinze jours", "deux (02) semaines", "une semaine"."""
    out = _RUN.sub(lambda m: _value(m.group(0)), text)
    out = _ONE.sub("1", out)
    out = _ONE_ELIDED.sub("d'1", out)
    return _ECHO.sub(r"\1", out)


def _value(run: str) -> str:
    total = 0
    tokens = [t for t in re.split(r"[\s-]+", run.lower()) if t and t != "et"]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):
            total += 80
            i += 2
            continue
        if token == "cent":
            total = max(total, 1) * 100
        elif token in _UNITS:
            total += _UNITS[token]
        else:
            return run
        i += 1
    return str(total)


def describe_fr(text: str, *, state: str = "") -> EventName:
    """A French event phrase split into core and state, the state agreeing with the core."""
    text = _clean(text)
    low = text.lower()
    if not state:
        for noun in sorted(_NOMINAL, key=len, reverse=True):
            m = re.match(rf"^(?:la |le |l'|les )?{noun}s?\s+(?:du |de la |de l'|des |de |d')",
                         low)
            if m:
                text, state = text[m.end():], _NOMINAL[noun]
                break
            if low == noun or low.startswith(noun + " "):
                state = _NOMINAL[noun]
    if not state:
        m = _PASSIVE.match(text)
        if m and m["subj"]:
            text, state = m["subj"], m["pp"]
    core = _core(text)
    state = _agree(state or _default_state(core), core) if (state or core) else ""
    return EventName(core=_fold(core), state=state.replace(" ", "_"), words=text,
                     shown=core)


def ending_fr(subject: EventName, sentence: str) -> EventName:
    """ "le mandat de la MINURCAT" → Mandat de la MINURCAT terminé."""
    shown = subject.shown or subject.core
    if "mandat" in sentence.lower() and "mandat" not in shown.lower():
        shown = f"mandat de {shown}"
    return EventName(core=f"fin {_fold(shown)}", state=_agree("terminé", shown),
                     words=subject.words, shown=shown[:1].upper() + shown[1:])


def subject_fr(sentence: str, start: int, end: int, previous_end: int,
               previous_sentence: str = "") -> EventName | None:
    """What a French phrase at ``sentence[start:end]`` constrains (None when unclear)."""
    prefix = re.split(r"[;:]", sentence[previous_end:start])[-1].strip(" ,.")
    if previous_end and re.fullmatch(r"(?:soit|ou|c'est-à-dire|puis)?", prefix, re.IGNORECASE):
        return EventName("", "", "")  # "…, soit au plus tard le 18 mars": the same event
    prefix = _LEAD_IN.sub("", re.sub(r"^(?:et|puis|soit|ou)\s+", "", prefix,
                                     flags=re.IGNORECASE))
    after = _object_after(sentence[end:])
    gerund = _GERUND.search(prefix)
    if gerund and after:  # "en mesurant une fois par trimestre les progrès accomplis"
        return describe_fr(after, state=_participle(gerund["stem"] + "er"))
    infinitive = _LAST_WORD_INF.search(prefix)
    if infinitive and after and not _LAST_INF.search(prefix) and not _MODAL.match(prefix):
        # "…, censée assurer à compter du 1er juillet 2013 la relève de la MISMA"
        return describe_fr(after, state=_participle(infinitive["verb"].lower()))
    if (not prefix or _BARE_VERB.match(prefix)) and previous_sentence:
        return describe_fr(previous_sentence)
    if re.search(r"(?:\bet|\bou|\bque|qu'\w*)\s*$", prefix, re.IGNORECASE) and after:
        prefix = ""  # "préconise qu'immédiatement sa signature et dans un délai de N, X"
    mandate = _MANDATE.search(f"{prefix} {after}")
    if mandate:
        return describe_fr(_ACRONYM.sub(lambda m: m["acr"], mandate["np"]), state="prorogé")
    if _ENVISAGES.search(prefix) and after:  # "L'accord prévoit un délai de N, pour X"
        prefix, after = "", re.sub(r"^(?:pour|afin de)\s+", "", after, flags=re.IGNORECASE)
    in_force = _QUI_IN_FORCE.search(prefix)
    if in_force:  # "un cessez-le-feu général qui entre en vigueur dès la signature"
        return describe_fr(in_force["np"], state="en vigueur")
    clause = prefix if prefix and not _ends_in_verb(prefix) else f"{prefix} {after}".strip()
    for special in (_STAYS, _BEFORE_QUI):
        m = special.search(clause)
        if m:
            return describe_fr(m.groupdict().get("subj") or m["np"])
    m = _INVERTED.match(clause)
    if m:
        return describe_fr(m["subj"], state=m["pp"])
    future = _FUTURE.match(clause)
    if future and not _MODAL.match(clause) and not _REQUEST.match(clause):
        stem = future["verb"].lower()
        stem = re.sub(r"(?:eront|era)$", "er", stem) if re.search(r"e(?:ront|ra)$", stem) \
            else re.sub(r"(?:iront|ira)$", "ir", stem)  # "déposeront" -> déposer
        return describe_fr(future["rest"], state=_participle(stem))
    for pattern in (_LAST_INF, _REQUEST, _MODAL):
        m = pattern.search(clause) if pattern is _LAST_INF else pattern.match(clause)
        if m and (pattern is not _LAST_INF or m["rest"].strip()):
            return _from_verb(m, after)
    if not prefix and after:
        return subject_fr(after, len(after), len(after), 0)
    return describe_fr(clause) if clause else None


def _object_after(text: str) -> str:
    """The words after a phrase up to the clause's end: "une cessation immédiate, complète et
    irrévocable des hostilités" keeps its noun and drops the list of adjectives."""
    rest = re.split(r"[;:.]", text.lstrip(" ,"), maxsplit=1)[0]
    first = rest.split(",")[0]
    listed = _ADJECTIVE_LIST.match(rest)
    if listed and not re.search(r"\b(?:des|du|de la|de l')\s", first):
        first = f"{listed['head']} {listed['tail']}"
    return first.strip(" «»\"")


def _owned(rest: str, subj: str) -> str:
    """ "ses troupes présentes …" done by "le Rwanda" → troupes du Rwanda présentes …"""
    m = _POSSESSIVE_FR.match(rest)
    owner = subj.split(",")[-1].strip()
    if not m or not owner or len(owner.split()) > 6:
        return rest
    article = re.match(r"(?:(le|la|les)\s+|(l')\s*)", owner, re.IGNORECASE)
    of = {"le": "du ", "la": "de la ", "les": "des ", "l'": "de l'"}.get(
        (article.group(1) or article.group(2)).lower(), "de ") if article else "de "
    owner = owner[article.end():] if article else owner
    return f"{m['noun']} {of}{owner}{m['rest']}"


def _from_verb(m: re.Match[str], after: str) -> EventName | None:
    verb, rest = m["verb"].lower(), m["rest"].strip(" ,")
    owner = m.groupdict().get("subj") or ""
    committed = _COMMITS.search(m.string[:m.start()])
    if not owner and committed:  # "le Rwanda s'engage à retirer ses troupes"
        owner = committed["owner"]
    rest = _owned(rest, owner)
    if re.fullmatch(r"[a-zà-ÿ]+ment", rest) and after:
        rest = after  # "lancer solennellement, dès la signature, un ordre de X": the order
    subj = m.groupdict().get("subj") or ""
    if verb == "être":
        pp = rest.split()[0] if rest.split() else ""
        return describe_fr(subj, state=pp) if subj else None
    two = f"{verb} {' '.join(rest.split()[:2])}"
    for phrasal, pp in _PHRASAL.items():
        if two.startswith(phrasal):
            rest = rest[len(phrasal) - len(verb):].strip()
            return describe_fr(rest if rest and not subj else subj or rest, state=pp)
    obj = rest or after
    if not obj:
        return describe_fr(subj, state=_participle(verb)) if subj else None
    return describe_fr(obj, state=_participle(verb))


def _ends_in_verb(prefix: str) -> bool:
    """A clause whose object follows the phrase: "doit", "de", an infinitive ("assurer")."""
    return bool(re.search(r"\b(?:doit|doivent|devra|devront|de|d'|à|être|est|sont|sera|"
                          r"[a-zà-ÿ]{3,}(?:er|ir))\s*$", prefix, re.IGNORECASE))


def _participle(verb: str) -> str:
    if verb in _VERBS:
        return _VERBS[verb]
    if verb.endswith("er"):
        return verb[:-2] + "é"
    if verb.endswith("ir"):
        return verb[:-2] + "i"
    if verb.endswith("re"):
        return verb[:-2] + "u"
    return verb


def _clean(text: str) -> str:
    text = re.sub(r"[«»“”\"]", " ", text.replace("’", "'"))
    text = _STOPS.split(text, maxsplit=1)[0]
    return " ".join(text.split()).strip(" ,.;:")


def _core(text: str) -> str:
    words = text.split()
    while words and (words[0].lower() in _DETERMINERS or words[0].lower() in ("de", "d'")):
        words.pop(0)
    out = " ".join(words)
    out = re.sub(r"^(?:l'|d')", "", out, flags=re.IGNORECASE)
    return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _DETERMINERS
             and w not in ("de", "d", "l", "du", "des")]
    return " ".join(w[:-1] if len(w) > 4 and w.endswith(("s", "x")) else w for w in words)


def _agree(state: str, core: str) -> str:
    """The participle agreeing in gender and number with the core's head noun."""
    if not state or state == "en vigueur":
        return state
    head = core.lower().split()[0] if core.split() else ""
    head = re.sub(r"^(?:l'|d')", "", head)
    feminine = head in _FEMININE or head.endswith(("tion", "sion", "té", "ure", "ance", "ence"))
    plural = head.endswith(("s", "x")) and head not in ("mois", "fonds", "cas", "processus")
    first, _, rest = state.partition(" ")
    if (feminine and not first.endswith("e")) or (feminine and first.endswith("é")):
        first += "e"
    if plural and not first.endswith("s"):
        first += "s"
    return f"{first} {rest}".strip()


def _default_state(core: str) -> str:
    head = _fold(core).split()[0] if _fold(core).split() else ""
    return {"accord": "signé", "resolution": "adopté", "election": "tenu",
            "gouvernement": "formé", "rapport": "présenté", "mission": "déployé",
            "jour": ""}.get(head, "")
