"""Plain-text lines for the terminal: relations one per line, clause text shortened at words.

Ids stay whole (``from → to [min, max] (SECTION:LINES)``) so they read at 80
columns; :func:`shorten` cuts text at a word boundary with an ellipsis.
"""

from __future__ import annotations

from ..model import Relation

__all__ = ["relation_line", "shorten"]


def relation_line(relation: Relation) -> str:
    """``from → to [min, max] (SECTION:LINES)``, or ``to ≤ DATE`` for a calendar bound."""
    where = f" ({relation.source})" if relation.source is not None else ""
    if relation.from_ is None:
        bound = f"≤ {relation.not_after}" if relation.not_after else f"≥ {relation.not_before}"
        return f"{relation.to} {bound}{where}"
    lo, hi = relation.bounds()
    return f"{relation.from_} → {relation.to} [{lo or '-'}, {hi or '-'}]{where}"


def shorten(text: str, width: int) -> str:
    """``text`` with whitespace folded, cut at a word boundary with '…' if longer than width."""
    words = " ".join(text.split())
    if len(words) <= width:
        return words
    cut = words[:width].rsplit(" ", 1)[0] if " " in words[:width] else words[:width - 1]
    return cut.rstrip(" ,;:") + "…"

