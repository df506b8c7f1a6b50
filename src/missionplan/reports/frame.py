"""UN document conventions around every document: the classification marking, the
document symbol and date, the distribution line and the page numbers.

The marking says how the document may be handled: ``UN RESTRICTED`` when it shows
restricted items (human rights or protection information), else ``UNCLASSIFIED``;
either can be set (``--classification``, ``MISSIONPLAN_CLASSIFICATION``). The symbol
names the document (``NORTHWIND/BRIEF/2025-03-01`` unless given); the distribution
line follows the marking (``Distr.: General``, ``Distr.: Restricted``). HTML and PDF
carry them in the page's header and footer boxes, DOCX in the section's header and
footer, with Word's PAGE and NUMPAGES fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import N_, Language, words
from ..model import Plan

__all__ = ["RESTRICTED", "UNCLASSIFIED", "Frame", "FrameOptions", "document_frame",
           "has_restricted", "page_css"]

UNCLASSIFIED = N_("UNCLASSIFIED")
RESTRICTED = N_("UN RESTRICTED")
_DISTRIBUTION = {UNCLASSIFIED: N_("Distr.: General"), RESTRICTED: N_("Distr.: Restricted")}


@dataclass(frozen=True, slots=True)
class Frame:
    """What stands around a document's text on every page, in its language."""

    classification: str
    symbol: str
    date: str
    distribution: str
    lang: Language = Language.en

    def page_label(self) -> list[str]:
        """"Page N of M" in pieces: text, and the counters ``PAGE`` and ``NUMPAGES``."""
        label = words(self.lang).gettext("Page %(page)s of %(pages)s")
        marked = label.replace("%(pages)s", "\0NUMPAGES\0").replace("%(page)s", "\0PAGE\0")
        return [piece for piece in marked.split("\0") if piece]

    @property
    def header_right(self) -> str:
        return f"{self.symbol} · {self.date}"


@dataclass(frozen=True, slots=True)
class FrameOptions:
    """What a user sets of the frame (``--classification``, ``--symbol``,
    ``--distribution``); ``None`` follows from the plan."""

    classification: str | None = None
    symbol: str | None = None
    distribution: str | None = None

    def frame(self, plan: Plan, kind: str, *, generated: date,
              lang: Language = Language.en) -> Frame:
        return document_frame(plan, kind, generated=generated, lang=lang,
                              classification=self.classification, symbol=self.symbol,
                              distribution=self.distribution)


def has_restricted(plan: Plan) -> bool:
    """Whether any item of the plan (nested parts included) is restricted."""
    return any(item.restricted for _, item in plan.items())


def document_frame(plan: Plan, kind: str, *, generated: date, lang: Language = Language.en,
                   classification: str | None = None, symbol: str | None = None,
                   distribution: str | None = None) -> Frame:
    """The frame of one document; what is not given follows from the plan."""
    w = words(lang)
    marking = RESTRICTED if has_restricted(plan) else UNCLASSIFIED
    shown = classification.strip() if classification and classification.strip() else (
        w.gettext(marking))
    default_symbol = f"{plan.id.upper()}/{kind.upper()}/{generated.isoformat()}"
    return Frame(classification=shown, symbol=symbol or default_symbol,
                 date=w.day(generated),
                 distribution=distribution or w.gettext(_DISTRIBUTION[marking]), lang=lang)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(frame: Frame) -> str:
    """The ``@page`` rules that print the frame on every page (WeasyPrint's margin boxes)."""
    css_counters = {"PAGE": "counter(page)", "NUMPAGES": "counter(pages)"}
    counters = " ".join(css_counters.get(piece) or _css_string(piece)
                        for piece in frame.page_label())
    marking = _css_string(frame.classification)
    return (
        "@page { font-family: \"DejaVu Sans\", sans-serif; "
        f"@top-center {{ content: {marking}; font-weight: bold; font-size: 9pt; }} "
        f"@top-right {{ content: {_css_string(frame.header_right)}; font-size: 8pt; "
        "color: #333; } "
        f"@bottom-left {{ content: {_css_string(frame.distribution)}; font-size: 8pt; "
        "color: #333; } "
        f"@bottom-center {{ content: {marking}; font-weight: bold; font-size: 9pt; }} "
        f"@bottom-right {{ content: {counters}; font-size: 8pt; color: #333; }} }}")

