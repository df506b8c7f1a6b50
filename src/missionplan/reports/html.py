"""Planning documents as HTML, from the Jinja2 templates the web workspace shares."""

from __future__ import annotations

import base64
from enum import StrEnum
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .charts import conflict_events, criteria_svg, gantt_svg
from .context import STATUS_LABELS, TO_BE_WRITTEN, ReportContext
from .words import format_day, item_label, shorten

__all__ = ["DocumentKind", "environment", "format_day", "render_html", "stylesheet"]


class DocumentKind(StrEnum):
    """The documents missionplan writes."""

    brief = "brief"
    annex = "annex"
    concept = "concept"


def environment() -> Environment:
    """The Jinja2 environment of the report templates, with their filters."""
    env = Environment(loader=PackageLoader("missionplan.reports", "templates"),
                      autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["day"] = format_day
    env.filters["shorten_words"] = shorten
    env.filters["label"] = lambda row: item_label(row.name, row.id)
    env.filters["status_label"] = lambda value: STATUS_LABELS.get(str(value), str(value))
    return env


def stylesheet() -> str:
    """The documents' CSS (screen and print)."""
    return files("missionplan.reports").joinpath("templates/report.css").read_text("utf-8")


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_html(kind: DocumentKind, ctx: ReportContext) -> str:
    """One document as a complete HTML page (CSS and charts inline, no outside files)."""
    template = environment().get_template(f"{kind.value}.html.j2")
    charts: dict[str, str] = {}
    if kind in (DocumentKind.brief, DocumentKind.annex):
        gantt = gantt_svg(ctx.schedule, conflicts=conflict_events(ctx.plan, ctx.schedule))
        charts["gantt_uri"] = svg_data_uri(gantt)
    if kind is DocumentKind.brief and ctx.criteria:
        charts["criteria_uri"] = svg_data_uri(criteria_svg(ctx.criteria, as_of=ctx.as_of))
    return template.render(ctx=ctx, css=stylesheet(), to_be_written=TO_BE_WRITTEN, **charts)
