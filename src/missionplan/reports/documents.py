"""One entry point for documents: a kind, a format, the context; bytes out."""

from __future__ import annotations

from enum import StrEnum

from .context import ReportContext
from .html import DocumentKind, render_html

__all__ = ["DocumentFormat", "render_document"]


class DocumentFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    docx = "docx"


def render_document(kind: DocumentKind, fmt: DocumentFormat, ctx: ReportContext) -> bytes:
    """A planning document in the format asked for."""
    if fmt is DocumentFormat.docx:
        from .docx import render_docx

        return render_docx(kind, ctx)
    html = render_html(kind, ctx)
    if fmt is DocumentFormat.pdf:
        from .pdf import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")
