"""The products of the planning process, and the lines of effort that serve the priorities.

A *product* is something the process must deliver (the Draft Mission Plan, the
Secretary-General's report, the Mission Concept, a component's concept of operations): it
is owned by an actor, completes an event of the plan (its date is the event's date),
names who contributes and who reviews it, and carries a template of sections. A section
is written by people, or *filled* by the plan and kept current (the timeline, the
criteria and their status, the assumptions, the alignment, the risk odds, the deployment
estimate).

A *line of effort* is what one component (or the country team) does for the
mission-wide priorities: the alignment matrix reads them.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from .base import Id, Item, StrictModel

__all__ = ["Fill", "LineOfEffort", "Product", "ProductKind", "ProductSection"]


class ProductKind(StrEnum):
    document = "document"
    presentation = "presentation"
    decision = "decision"


class Fill(StrEnum):
    """A section the plan writes and keeps current."""

    timeline = "timeline"
    criteria = "criteria"
    assumptions = "assumptions"
    alignment = "alignment"
    risk = "risk"
    deployment = "deployment"

    @property
    def analysis(self) -> str | None:
        """The analysis the section is written from (``risk`` or ``deployment``), if any:
        it has to have run on the plan as it stands."""
        return self.value if self in (Fill.risk, Fill.deployment) else None


class ProductSection(StrictModel):
    """One section of a product's template: written by people, or filled by the plan."""

    id: Id
    title: str
    guidance: str = Field(default="", description="What the section holds, for the writer")
    fill: Fill | None = Field(default=None,
                              description="Filled by the plan and kept current: timeline, "
                                          "criteria, assumptions, alignment, risk (the "
                                          "odds) or deployment (the estimate)")
    restricted: bool = Field(default=False,
                             description="Human rights or protection content: cleared "
                                         "people only")


class Product(Item):
    """A product of the planning process: owned, due by its event, reviewed, endorsed."""

    kind: ProductKind = ProductKind.document
    event: Id = Field(description="The event the product completes: endorsing it dates it")
    contributors: list[Id] = Field(default_factory=list, description="Actors who write in it")
    reviewers: list[Id] = Field(default_factory=list, description="Actors who review it")
    human_rights_check: bool = Field(
        default=True, description="Endorsement waits for a cleared reviewer's human rights "
                                  "compliance check")
    structure: str = Field(default="", description="Where the sections' structure comes from")
    sections: list[ProductSection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_sections(self) -> Product:
        seen: set[str] = set()
        for section in self.sections:
            if section.id in seen:
                raise ValueError(f"section '{section.id}' appears twice")
            seen.add(section.id)
        return self

    def section(self, section_id: str) -> ProductSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


class LineOfEffort(Item):
    """What a component (``component``) does, and which mission-wide priorities it serves."""

    text: str = ""
    priorities: list[Id] = Field(default_factory=list, description="Ids of the priorities")
