"""A directive's layout: sections, clauses with their line numbers, sentences.

A *section* starts at a heading: a line in capitals with a real word in it
(``CRITERIA FOR SUCCESS``) or a short line opening with Article, Part,
Chapter, Section, Annex or Protocol. A short line that ends with a colon or is
a lone acronym (``DPKO / ITF:``, ``SRSG``) is a *subsection* heading: it names
whom the clauses under it concern. A *clause* is a paragraph or a list item;
lines wrapped mid-sentence stay in one clause. A *sentence* keeps the lines it
spans, so every item extracted from it can cite them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Clause", "Document", "Sentence", "split_document"]

PREAMBLE = "PREAMBLE"
_NUMBERED_HEADING = re.compile(
    r"^(article|part|chapter|section|annex|protocol|appendix)\b[^.;]{0,80}$", re.IGNORECASE)
_ITEM_START = re.compile(r"^\s*(?:[·•\-–*]|\(?[0-9]{1,3}[.)]|\(?[a-z]{1,3}\)|\([ivx]+\))\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[A-Z“\"(0-9])")
_ABBREVIATION = re.compile(r"\b(?:No|Nos|Art|e\.g|i\.e|Mr|Mrs|Ms|Dr|St|para|paras|cf|etc|"
                           r"U\.N|U\.S|Inc|Ltd|vs)\.$", re.IGNORECASE)
_HEADLINE = re.compile(r"^(?P<head>[^:;,.]{2,90}?):\s+(?P<rest>\S.*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a clause, with the lines it spans."""

    text: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Clause:
    """A paragraph or list item: its section, subsection, line range and text."""

    section: str
    first: int
    last: int
    text: str
    subsection: str = ""
    sentences: tuple[Sentence, ...] = field(default=())

    @property
    def source(self) -> str:
        """The citation ``SECTION:FIRST-LAST`` (``SECTION:LINE`` for one line)."""
        lines = str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        return f"{self.section}:{lines}"

    @property
    def headline(self) -> tuple[str, str] | None:
        """``(head, rest)`` for a clause written ``Head: rest``, else None."""
        m = _HEADLINE.match(self.text)
        if not m or len(m["head"].split()) > 10:
            return None
        return m["head"].strip(), m["rest"].strip()


@dataclass(frozen=True, slots=True)
class Document:
    """A directive split into clauses, with its title."""

    title: str
    clauses: tuple[Clause, ...]
    lines: tuple[str, ...]

    def sections(self) -> list[str]:
        seen: dict[str, None] = {}
        for clause in self.clauses:
            seen.setdefault(clause.section, None)
        return list(seen)


def split_document(text: str) -> Document:
    """Split a directive's text into sections, clauses and sentences."""
    lines = tuple(text.splitlines())
    clauses: list[Clause] = []
    section, subsection, title = PREAMBLE, "", ""
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        kind = _heading_kind(line, previous_blank=not block)
        if not line or kind:
            clauses.extend(_clauses_of(block, section, subsection))
            block = []
        if not line:
            continue
        if kind == "section":
            section, subsection = _section_name(line), ""
        elif kind == "subsection":
            subsection = line.rstrip(":").strip()
        elif not title and section == PREAMBLE and not clauses and not block and (
                len(line.split()) <= 12 and not line.endswith((".", ";", ","))):
            title = line
        else:
            block.append((number, line))
    clauses.extend(_clauses_of(block, section, subsection))
    return Document(title=title, clauses=tuple(clauses), lines=lines)


def _section_name(line: str) -> str:
    return re.sub(r"\s+", " ", line.rstrip(":").replace(":", " -").strip())


def _heading_kind(line: str, *, previous_blank: bool) -> str:
    if not line or not previous_blank:
        return ""
    words = line.rstrip(":").split()
    if not words or len(words) > 10 or line.endswith((".", ";", ",")):
        return ""
    letters = [c for c in line if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters)
    if capitals and not line.endswith(":") and any(_is_word(w) for w in words):
        return "section"
    if _NUMBERED_HEADING.match(line) and len(words) <= 10 and not _ITEM_START.match(line):
        return "section"
    if (capitals or line.endswith(":")) and len(words) <= 4:
        return "subsection"
    return ""


def _is_word(token: str) -> bool:
    letters = [c for c in token.lower() if c.isalpha()]
    vowels = sum(c in "aeiouy" for c in letters)
    return len(letters) >= 5 and vowels >= 2


def _clauses_of(block: list[tuple[int, str]], section: str, subsection: str) -> list[Clause]:
    groups: list[list[tuple[int, str]]] = []
    for number, line in block:
        if groups and not _starts_clause(line, groups[-1][-1][1]):
            groups[-1].append((number, line))
        else:
            groups.append([(number, line)])
    return [_make_clause(group, section, subsection) for group in groups]


def _starts_clause(line: str, previous: str) -> bool:
    return bool(_ITEM_START.match(line)) or previous.rstrip().endswith((";", ".", ":", "!", "?"))


def _make_clause(group: list[tuple[int, str]], section: str, subsection: str) -> Clause:
    text = " ".join(line for _, line in group)
    return Clause(section=section, first=group[0][0], last=group[-1][0], text=text,
                  subsection=subsection, sentences=tuple(_sentences(group)))


def _sentences(group: list[tuple[int, str]]) -> list[Sentence]:
    starts: list[tuple[int, int]] = []  # (offset in joined text, line number)
    offset = 0
    for number, line in group:
        starts.append((offset, number))
        offset += len(line) + 1
    text = " ".join(line for _, line in group)
    out: list[Sentence] = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[begin:m.start()].rstrip("”\"’'")):
            continue
        out.append(_sentence(text, begin, m.start(), starts))
        begin = m.end()
    if text[begin:].strip():
        out.append(_sentence(text, begin, len(text), starts))
    return out


def _sentence(text: str, begin: int, end: int, starts: list[tuple[int, int]]) -> Sentence:
    first = max(n for off, n in starts if off <= begin)
    last = max(n for off, n in starts if off <= max(begin, end - 1))
    return Sentence(text=text[begin:end].strip(), first=first, last=last)
