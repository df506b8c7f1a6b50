"""Planning documents as PDF: the same HTML, laid out for print by WeasyPrint."""

from __future__ import annotations

from ..errors import MissingExtraError

__all__ = ["html_to_pdf"]


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML page (CSS and images inline) as A4 PDF bytes."""
    try:
        from weasyprint import HTML
    except ImportError:  # pragma: no cover - depends on the install
        raise MissingExtraError("PDF documents", "pdf", "weasyprint") from None
    pdf = HTML(string=html, base_url=".").write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
