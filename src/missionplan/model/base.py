"""What every plan item shares: an id, a citation of the clause it came from, access marks."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

__all__ = ["Approval", "Id", "Item", "Source", "StrictModel"]

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80,
                          description="Identifier: lower case letters, digits and '_'")]

_SOURCE_TEXT = re.compile(r"^\s*(?P<section>[^:]+?)\s*:\s*(?P<a>\d+)(?:\s*-\s*(?P<b>\d+))?\s*$")


class StrictModel(BaseModel):
    """A model that refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False,
                              validate_assignment=False)


def _source_from_text(value: Any) -> Any:
    if isinstance(value, str):
        m = _SOURCE_TEXT.match(value)
        if not m:
            raise ValueError("a source is written 'SECTION:LINE' or 'SECTION:FIRST-LAST', "
                             "for example 'TIMELINE:120'")
        first = int(m["a"])
        return {"section": m["section"], "lines": [first, int(m["b"] or first)]}
    return value


class _SourceModel(StrictModel):
    section: str = Field(description="The directive section the clause stands in, e.g. TIMELINE")
    lines: tuple[int, int] = Field(description="First and last line of the clause (1-based)")

    @model_validator(mode="after")
    def _ordered(self) -> _SourceModel:
        if self.lines[0] < 1 or self.lines[1] < self.lines[0]:
            raise ValueError(f"line range {self.lines[0]}-{self.lines[1]} is not a range of "
                             "lines: the first must be at least 1 and not after the last")
        return self

    def __str__(self) -> str:
        a, b = self.lines
        return f"{self.section}:{a}" if a == b else f"{self.section}:{a}-{b}"

    def covers(self, line: int) -> bool:
        return self.lines[0] <= line <= self.lines[1]


Source = Annotated[_SourceModel, BeforeValidator(_source_from_text)]
"""A citation: section name and line range of the directive text (``TIMELINE:120``)."""
SourceRef = _SourceModel


class Approval(StrEnum):
    """Whether an item is part of the plan or awaits the planning lead's decision."""

    approved = "approved"
    proposed = "proposed"
    rejected = "rejected"


_NOT_TEXT = frozenset({"id", "owner", "component"})


class Item(StrictModel):
    """Fields every plan item may carry."""

    id: Id
    name: str = Field(default="", description="Short human name")
    source: Source | None = Field(default=None, description="The clause this item encodes")
    sources: list[Source] = Field(default_factory=list,
                                  description="Further clauses this item encodes")
    note: str = Field(default="", description="Free text: a reading taken, a caveat")
    owner: str | None = Field(default=None, description="Id of the responsible actor")
    component: str | None = Field(default=None,
                                  description="Mission component or agency that owns the item")
    restricted: bool = Field(default=False,
                             description="Human rights or protection information: cleared "
                                         "roles only")
    approval: Approval = Field(default=Approval.approved,
                               description="'proposed' for a task no clause names")
    fr: dict[str, str] = Field(default_factory=dict,
                               description="French versions of the item's text fields "
                                           "({name: ..., text: ...}); documents in French "
                                           "use them")

    @model_validator(mode="after")
    def _french_fields(self) -> Item:
        texts = sorted(k for k, v in self.__dict__.items()
                       if type(v) is str and k not in _NOT_TEXT)
        wrong = sorted(set(self.fr) - set(texts))
        if wrong:
            raise ValueError(f"'fr' names what is not a text field of this item: "
                             f"{', '.join(wrong)} (its text fields: {', '.join(texts)})")
        return self

    def citations(self) -> list[_SourceModel]:
        """Every clause this item cites, the main one first."""
        return ([self.source] if self.source else []) + list(self.sources)

    def label(self) -> str:
        return self.name or self.id.replace("_", " ")
