"""A document's sections as plain blocks, so HTML and DOCX render the same content.

A section is a title and a list of blocks: paragraphs, lists, tables, sub-headings and
charts. Sections built here (the summary, the mission concept, the Council annex) are
rendered by one macro (``blocks.html.j2``) and one DOCX writer; a paragraph of style
``awaits`` is a section's placeholder that names the input it waits for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Block", "Bullets", "Chart", "Heading", "Para", "Section", "Table", "awaits"]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph; ``style`` is '', ``awaits``, ``note`` or ``decision``."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Bullets:
    items: list[str]
    numbered: bool = False
    css: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    css: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A sub-heading inside a section (HTML ``h3``, Word ``Heading 2``)."""

    text: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart the renderer draws: ``gantt`` or ``criteria``, with its description."""

    name: str
    alt: str


Block = Para | Bullets | Table | Heading | Chart


@dataclass(frozen=True, slots=True)
class Section:
    """A level-1 section: HTML ``h2``, Word ``Heading 1``."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    page_break: bool = False

    def kind_of(self, block: Block) -> str:
        """The block's kind, for templates: para, bullets, table, heading, chart."""
        return type(block).__name__.lower().replace("paragraph", "para")


def awaits(gettext: Callable[[str], str], what: str) -> Para:
    """A section's placeholder: the input it awaits, in the document's language."""
    return Para(gettext("Awaits %(input)s.") % {"input": what}, "awaits")
