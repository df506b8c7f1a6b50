"""Items by the section they stand in: criteria, assumptions, constraints, stakeholders,
objectives, and actors with their responsibilities.

A section's role comes from words in its heading (``SECTION_ROLES``), so
"CRITERIA FOR SUCCESS", "Benchmarks" and "Success criteria" all hold criteria.
A short heading inside a responsibilities section (``DPKO / ITF:``, ``SRSG``)
names an actor; every clause under it ("S/he is to lead…") is one of its
responsibilities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Actor,
    Assumption,
    Constraint,
    Criterion,
    Objective,
    ObjectivePart,
    Responsibility,
    Source,
    SourceRef,
    Stakeholder,
)
from .duties import find_duty
from .text import Clause, Sentence

__all__ = ["SECTION_ROLES", "ClauseItems", "SectionItems", "section_role"]

SECTION_ROLES: tuple[tuple[str, str], ...] = (
    ("criteri", "criteria"), ("success", "criteria"), ("benchmark", "criteria"),
    ("assumption", "assumptions"), ("constraint", "constraints"), ("limitation", "constraints"),
    ("stakeholder", "stakeholders"), ("partner", "stakeholders"),
    ("strategic direction", "objectives"), ("objective", "objectives"),
    ("responsibilit", "responsibilities"), ("tasks", "responsibilities"),
    ("roles", "responsibilities"),
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_PROPER = re.compile(r"\b(?:Government|Council|Commission|Committee|Union|Mission|Office|Team)"
                     r"(?: of(?: the)?(?: [A-Z][a-z]+)+)?\b")
_SEASON_WORDS = re.compile(r"\b(?:rain|rainy|season|monsoon|dry season)\b", re.IGNORECASE)


def section_role(section: str) -> str:
    """What a section holds, from its heading ('' when it holds nothing special)."""
    low = section.lower()
    for word, role in SECTION_ROLES:
        if word in low:
            return role
    return ""


@dataclass(frozen=True, slots=True)
class ClauseItems:
    """What the temporal pass found in one clause: relation ids and constrained events."""

    relations: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


@dataclass
class SectionItems:
    """The section-placed items of a draft, built clause by clause."""

    criteria: list[Criterion] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    _section_actor: dict[str, str] = field(default_factory=dict)

    def add(self, clause: Clause, found: ClauseItems) -> bool:
        """Place a clause by its section's role; False when the section places nothing."""
        role = section_role(clause.section)
        if not role or _lead_in(clause):
            return bool(role)
        getattr(self, f"_add_{role}")(clause, found)
        return True

    def _add_criteria(self, clause: Clause, found: ClauseItems) -> None:
        self.criteria.append(Criterion(
            id=f"criterion_{len(self.criteria) + 1}", name=_short(clause.text),
            source=clause.source, text=clause.text, deadlines=list(found.relations),
            events=list(found.events)))

    def _add_assumptions(self, clause: Clause, found: ClauseItems) -> None:
        self.assumptions.append(Assumption(
            id=f"assumption_{len(self.assumptions) + 1}", name=_short(clause.text),
            source=clause.source, text=clause.text, affects=list(found.relations),
            status="unknown"))

    def _add_constraints(self, clause: Clause, found: ClauseItems) -> None:
        kind = "season" if _SEASON_WORDS.search(clause.text) else (
            "fixed_date" if found.relations else "other")
        self.constraints.append(Constraint(
            id=f"constraint_{len(self.constraints) + 1}", name=_short(clause.text),
            source=clause.source, text=clause.text, kind=kind, affects=list(found.relations)))

    def _add_stakeholders(self, clause: Clause, found: ClauseItems) -> None:
        actor_ids = [self._actor(name, clause).id for name in _named_parties(clause.text)]
        self.stakeholders.append(Stakeholder(
            id=f"stakeholder_{len(self.stakeholders) + 1}", name=_short(clause.text),
            source=clause.source, actors=actor_ids, expectation=clause.text,
            where="field" if "field" in clause.text.lower() else "both"))

    def _add_objectives(self, clause: Clause, found: ClauseItems) -> None:
        if not self.objectives or clause.text.startswith(("“", '"')):
            self.objectives.append(Objective(
                id=f"objective_{len(self.objectives) + 1}", name=_short(clause.text),
                source=clause.source, text=clause.text.strip("“”\"")))
            return
        objective = self.objectives[-1]
        objective.parts.append(ObjectivePart(
            id=f"{objective.id}_part_{len(objective.parts) + 1}", name=_short(clause.text),
            source=clause.source, text=clause.text))

    def _add_responsibilities(self, clause: Clause, found: ClauseItems) -> None:
        duty = find_duty(clause.text)
        name = clause.subsection or (duty.actor if duty and duty.actor else "") or (
            self._section_actor.get(clause.section, "") if duty else "")
        actor = self._actor(name or _first_party(clause.text), clause)
        self._assign(actor, clause.section, clause.source, clause.text, found)

    def add_duty(self, clause: Clause, sentence: Sentence, found: ClauseItems) -> bool:
        """A responsibility from a sentence's modal form ("The Force Commander shall deploy
        …", "S/he is to …" for the section's actor) outside a responsibilities section."""
        duty = find_duty(sentence.text)
        if duty is None or section_role(clause.section) in ("responsibilities", "assumptions"):
            return False
        name = duty.actor or clause.subsection or self._section_actor.get(clause.section)
        if not name:
            return False
        source = SourceRef(section=clause.section, lines=(sentence.first, sentence.last))
        self._assign(self._actor(name, clause), clause.section, source, sentence.text, found)
        return True

    def _assign(self, actor: Actor, section: str, source: Source | str, text: str,
                found: ClauseItems) -> None:
        actor.responsibilities.append(Responsibility(
            id=f"{actor.id}_resp_{len(actor.responsibilities) + 1}", name=_short(text),
            source=source, text=text, items=[*found.relations, *found.events]))
        self._section_actor[section] = actor.name

    def _actor(self, name: str, clause: Clause) -> Actor:
        actor_id = _actor_id(name)
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        actor = Actor(id=actor_id, name=name, source=clause.source,
                      kind="body" if name.isupper() else "organisation")
        self.actors.append(actor)
        return actor


def _lead_in(clause: Clause) -> bool:
    return clause.text.rstrip().endswith(":")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).strip("“”\"·• ")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _named_parties(text: str) -> list[str]:
    found = [m.group(0) for m in _PROPER.finditer(text)]
    found += [m.group(0).rstrip("s") for m in _ACRONYM.finditer(text)]
    seen: dict[str, None] = {}
    for name in found:
        seen.setdefault(name, None)
    return [n for n in seen if n not in {"HQ", "UN"}]


def _first_party(text: str) -> str:
    parties = _named_parties(text)
    return parties[0] if parties else "Unnamed actor"


def _actor_id(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return ("actor_" + text)[:60] if text else "actor"
