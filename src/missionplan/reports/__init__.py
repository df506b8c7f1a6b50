"""Documents, exchange formats and charts drawn from a plan and its analyses.

Documents (brief, annex, concept) render from one :class:`ReportContext` to
HTML, PDF or DOCX; exchange formats (iCalendar, XLSX tracker, HXL CSV, MSPDI,
TaskJuggler) write from a plan and its schedule; charts come from one module
shared with the web workspace. :mod:`.run` is what the CLI and the web call
(``make_document`` / ``make_export`` return an ``Output``: bytes, sections,
``to_json``); :mod:`.analyses` runs the brief's risk and deployment summaries
by default when the plan has the data; :mod:`.atomic` writes files whole.
"""

from .charts import criteria_png, criteria_svg, gantt_png, gantt_svg
from .context import ReportContext, build_context
from .documents import DocumentFormat, render_document
from .html import DocumentKind, render_html

__all__ = [
    "DocumentFormat", "DocumentKind", "ReportContext", "build_context", "criteria_png",
    "criteria_svg", "gantt_png", "gantt_svg", "render_document", "render_html",
]
