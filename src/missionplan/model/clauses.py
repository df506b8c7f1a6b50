"""The clauses of a directive, and those a plan leaves without a citation.

A directive is plain text in sections. This module splits it into the
clauses a plan item can cite, so that a plan can be checked for coverage:
every clause of the directive should be encoded by at least one item.

The rules, which hold for any directive written the usual way:

* A **heading** is a line whose letters are all upper case (``SITUATION``,
  ``CRITERIA FOR SUCCESS``, ``DPKO / ITF:``). A trailing colon is not part of
  the section's name. Headings are not clauses.
* Everything before the first heading is the **title** and is not a clause.
* A **clause** is a non-empty line below a heading: a paragraph line or a
  bullet line. A hard-wrapped sentence stays one clause: a line that starts
  in lower case, with no bullet mark, continues the clause above it when
  that clause does not end in punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import SourceRef
    from .plan import Plan

__all__ = ["Clause", "clauses_not_cited", "directive_clauses", "is_heading", "section_name",
           "uncited_clauses"]

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u2013]|\(?[0-9]+[.)]|\(?[a-z][.)])\s+")
_ENDS_CLAUSE = re.compile(r"[.;:,!?\"'\u201d\u2019)]\s*$")
_MAX_HEADING = 80


@dataclass(frozen=True, slots=True)
class Clause:
    """One citable clause of a directive: its section, 1-based line range and text."""

    section: str
    first: int
    last: int
    text: str

    def __str__(self) -> str:
        where = (f"{self.section}:{self.first}" if self.first == self.last
                 else f"{self.section}:{self.first}-{self.last}")
        return f"{where} {_shorten(self.text)}"

    def overlaps(self, first: int, last: int) -> bool:
        """True when the line range ``first``..``last`` shares a line with this clause."""
        return first <= self.last and self.first <= last


def _shorten(text: str, *, width: int = 70) -> str:
    """The text with whitespace folded, cut to ``width`` characters with an ellipsis."""
    folded = " ".join(text.split())
    return folded if len(folded) <= width else folded[: width - 1].rstrip() + "\u2026"


def is_heading(line: str) -> bool:
    """True when ``line`` is a section heading: short, and every letter in it upper case."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 2 and len(text) <= _MAX_HEADING
            and all(c.isupper() for c in letters))


def section_name(heading: str) -> str:
    """The section's name as citations write it: the heading without a trailing colon."""
    return " ".join(heading.strip().rstrip(":").split())


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` is the hard-wrapped rest of the clause ending in ``previous``."""
    text = line.strip()
    return (bool(text) and text[0].islower() and not _BULLET.match(line)
            and not _ENDS_CLAUSE.search(previous))


def directive_clauses(lines: Sequence[str]) -> list[Clause]:
    """Split a directive's lines (without line ends) into its clauses, in order."""
    clauses: list[Clause] = []
    section: str | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if is_heading(line):
            section = section_name(line)
        elif section is not None:
            last = clauses[-1] if clauses else None
            if last is not None and last.last == number - 1 and _continues(last.text, line):
                clauses[-1] = Clause(last.section, last.first, number,
                                     f"{last.text} {line.strip()}")
            else:
                clauses.append(Clause(section, number, number, line.strip()))
    return clauses


def clauses_not_cited(clauses: Iterable[Clause],
                      citations: Iterable[SourceRef]) -> list[Clause]:
    """The clauses that no citation shares a line with."""
    ranges = [c.lines for c in citations]
    return [clause for clause in clauses
            if not any(clause.overlaps(first, last) for first, last in ranges)]


def uncited_clauses(plan: Plan) -> list[Clause]:
    """The clauses of the plan's directive that no item of the plan cites.

    A clause counts as cited when the ``source`` or one of the ``sources`` of
    any item (nested responsibilities and objective parts included) shares a
    line with it. A plan that names no directive, or whose directive file
    cannot be found, has no clauses to cite: the result is empty, so callers
    that need the text should check ``plan.directive_lines()`` first.
    """
    citations = [ref for _, item in plan.items() for ref in item.citations()]
    return clauses_not_cited(directive_clauses(plan.directive_lines()), citations)
