"""A product's draft as a Word document: its sections' Markdown as headings, paragraphs,
lists and tables (the HTML and PDF come from the same Markdown through :mod:`.pdf`)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from markdown_it import MarkdownIt

__all__ = ["product_docx"]

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def product_docx(title: str, subtitle: str, sections: Sequence[tuple[str, str]]) -> bytes:
    """A .docx of ``title``, then each (section title, Markdown) as a level-1 heading and
    its text."""
    doc = Document()
    doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle)
    for heading, markdown in sections:
        doc.add_heading(heading, level=1)
        _write(doc, markdown)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _write(doc: DocumentObject, markdown: str) -> None:
    """Headings (one level below the section's), paragraphs, list items and tables."""
    tokens = _MD.parse(markdown)
    style, level, row, rows = None, 0, list[str](), list[list[str]]()
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1]) + 1, 9)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            style = "List Bullet" if kind.startswith("bullet") else "List Number"
        elif kind in ("bullet_list_close", "ordered_list_close"):
            style = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            rows.append(row)
        elif kind == "table_close":
            _table(doc, rows)
            rows = []
        elif kind == "inline":
            text = token.content
            if tokens[i - 1].type in ("th_open", "td_open"):
                row.append(text)
            elif level:
                doc.add_heading(text, level=level)
                level = 0
            else:
                doc.add_paragraph(text, style=style)
        elif kind in ("fence", "code_block"):
            doc.add_paragraph(token.content.rstrip("\n"))


def _table(doc: DocumentObject, rows: list[list[str]]) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
