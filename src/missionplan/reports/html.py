"""Planning documents as HTML, from the Jinja2 templates the web workspace shares.

Templates speak the document's language through ``_()`` (newstyle gettext: variables
as keyword arguments, ``_("Due %(day)s", day=...)``) and the ``day`` filter; see
:mod:`missionplan.i18n`.
"""

from __future__ import annotations

import base64
from enum import StrEnum
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..i18n import N_, Language, template_gettext, words
from .blocks import Section
from .charts import DOCUMENT_FOLD, conflict_events, criteria_svg, gantt_svg
from .concept import concept_sections
from .context import TO_BE_WRITTEN, ReportContext
from .council import annex_sections
from .frame import document_frame, page_css
from .options import options_sections
from .summary import summary_section
from .words import format_day, item_label, shorten

__all__ = ["TITLES", "DocumentKind", "document_sections", "environment", "format_day",
           "render_html", "sections_html", "stylesheet"]


class DocumentKind(StrEnum):
    """The documents missionplan writes."""

    brief = "brief"
    annex = "annex"
    concept = "concept"
    options = "options"


TITLES = {DocumentKind.brief: N_("Planning brief"),
          DocumentKind.options: N_("Options analysis"),
          DocumentKind.annex: N_("Annex to the report of the Secretary-General: proposed "
                                 "timeline"),
          DocumentKind.concept: N_("Mission concept")}


@cache
def environment(lang: Language = Language.en) -> Environment:
    """The Jinja2 environment of the report templates in one language, with its filters."""
    env = Environment(loader=PackageLoader("missionplan.reports", "templates"),
                      autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    w = words(lang)
    env.globals.update(template_gettext(lang))
    env.filters["day"] = w.day
    env.filters["percent"] = w.percent
    env.filters["shorten_words"] = shorten
    env.filters["label"] = lambda row: item_label(row.name, row.id)
    return env


def stylesheet() -> str:
    """The documents' CSS (screen and print)."""
    return files("missionplan.reports").joinpath("templates/report.css").read_text("utf-8")


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def document_sections(kind: DocumentKind, ctx: ReportContext) -> list[Section]:
    """The sections built as blocks: the brief's summary, the annex, the concept."""
    if kind is DocumentKind.brief:
        return [summary_section(ctx)]
    if kind is DocumentKind.options:
        return options_sections(ctx)
    return annex_sections(ctx) if kind is DocumentKind.annex else concept_sections(ctx)


def sections_html(sections: list[Section], *, lang: Language = Language.en,
                  charts: dict[str, str] | None = None) -> Markup:
    """Sections as HTML to put in a page (the web workspace shows a document's sections
    this way, in the person's language)."""
    macro = environment(lang).get_template("blocks.html.j2").module.section  # type: ignore[attr-defined]
    return Markup("".join(str(macro(s, charts or {})) for s in sections))


def render_html(kind: DocumentKind, ctx: ReportContext) -> str:
    """One document as a complete HTML page (CSS and charts inline, no outside files)."""
    name = "brief.html.j2" if kind is DocumentKind.brief else "sections.html.j2"
    template = environment(ctx.lang).get_template(name)
    charts: dict[str, str] = {}
    if kind in (DocumentKind.brief, DocumentKind.annex):
        gantt = gantt_svg(ctx.schedule, conflicts=conflict_events(ctx.plan, ctx.schedule),
                          fold=DOCUMENT_FOLD)
        charts["gantt"] = svg_data_uri(gantt)
    if ctx.deployment_map is not None:
        charts["map"] = svg_data_uri(ctx.deployment_map.svg)
    if kind is DocumentKind.brief and ctx.criteria:
        charts["criteria"] = svg_data_uri(criteria_svg(ctx.criteria, as_of=ctx.as_of))
    frame = ctx.frame or document_frame(ctx.plan, kind.value, generated=ctx.generated,
                                        lang=ctx.lang)
    return template.render(ctx=ctx, css=Markup(stylesheet() + "\n" + page_css(frame)),
                           frame=frame, to_be_written=TO_BE_WRITTEN, charts=charts,
                           sections=document_sections(kind, ctx), lang=ctx.lang.value,
                           title=TITLES[kind])
