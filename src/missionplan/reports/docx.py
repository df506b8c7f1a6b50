"""Planning documents as Word files people keep editing.

Real Word structure, not a picture of a page: A4 pages; the classification marking,
symbol and date in the header and the distribution line and "Page N of M" (Word's
PAGE and NUMPAGES fields) in the footer; headings in the built-in
``Heading 1``/``Heading 2`` styles (so the navigation pane and a table of contents
work), tables in ``Table Grid``, charts as pictures and page breaks between the parts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt

from ..i18n import N_
from .blocks import Bullets, Chart, Heading, Para, Section, Table
from .charts import DOCUMENT_FOLD, conflict_events, criteria_png, gantt_png
from .context import ReportContext
from .frame import Frame, document_frame
from .html import TITLES, DocumentKind, document_sections
from .words import item_label

__all__ = ["render_docx"]

Writer = Callable[[DocumentObject, ReportContext], None]


def render_docx(kind: DocumentKind, ctx: ReportContext) -> bytes:
    """One document as DOCX bytes."""
    _ = ctx.words.gettext
    doc = Document()
    frame = ctx.frame or document_frame(ctx.plan, kind.value, generated=ctx.generated,
                                        lang=ctx.lang)
    _page_setup(doc, frame)
    stamp = datetime.combine(ctx.generated, time())
    title = _(TITLES[kind])
    doc.core_properties.title = f"{title}: {ctx.title}"
    doc.core_properties.author = "missionplan"
    doc.core_properties.language = ctx.lang.value
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.add_heading(title, level=0)
    doc.add_paragraph(_("%(plan)s · dates as of %(day)s · prepared %(prepared)s by "
                        "missionplan") % {"plan": ctx.title, "day": ctx.words.day(ctx.as_of),
                                          "prepared": ctx.words.day(ctx.generated)})
    if ctx.basis:
        doc.add_paragraph(ctx.basis).runs[0].italic = True
    sections = document_sections(kind, ctx)
    if kind is DocumentKind.brief:
        _write_sections(doc, ctx, sections)
        _page_break(doc)
        _write_brief(doc, ctx)
    else:
        _write_sections(doc, ctx, sections)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_setup(doc: DocumentObject, frame: Frame) -> None:
    """A4 with the frame in the header and footer of every page."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(22)
    section.left_margin = section.right_margin = Mm(18)
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(head.add_run(frame.classification), bold=True)
    right = section.header.add_paragraph()
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small(right.add_run(frame.header_right))
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(foot.add_run(frame.classification), bold=True)
    line = section.footer.add_paragraph()
    _small(line.add_run(frame.distribution + "\t\t"))
    for piece in frame.page_label():
        if piece in ("PAGE", "NUMPAGES"):
            _field(line, piece)
        else:
            _small(line.add_run(piece))


def _small(run: Any, *, bold: bool = False) -> None:
    run.font.size = Pt(8)
    run.bold = bold


def _field(paragraph: Any, name: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in on every page."""
    run = paragraph.add_run()
    _small(run)
    for kind, text in (("begin", None), (None, f" {name} "), ("separate", None),
                       (None, "1"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == f" {name} ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def _table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _page_break(doc: DocumentObject) -> None:
    untyped: Any = doc  # python-docx leaves add_page_break unannotated
    untyped.add_page_break()


def _picture(doc: DocumentObject, png: bytes) -> None:
    doc.add_picture(io.BytesIO(png), width=Inches(6.3))


def _bullets(doc: DocumentObject, lines: Sequence[str], *, numbered: bool = False) -> None:
    style = "List Number" if numbered else "List Bullet"
    for line in lines:
        doc.add_paragraph(line, style=style)


def _write_sections(doc: DocumentObject, ctx: ReportContext, sections: list[Section]) -> None:
    """Sections built as blocks, as Word paragraphs, lists and tables."""
    for section in sections:
        if section.page_break:
            _page_break(doc)
        doc.add_heading(section.title, level=1)
        for block in section.blocks:
            if isinstance(block, Para):
                run = doc.add_paragraph().add_run(block.text)
                run.italic = block.style in ("awaits", "note")
                run.bold = block.style == "decision"
            elif isinstance(block, Heading):
                doc.add_heading(block.text, level=2)
            elif isinstance(block, Bullets):
                _bullets(doc, block.items, numbered=block.numbered)
            elif isinstance(block, Table):
                _table(doc, block.header, block.rows)
            elif isinstance(block, Chart):
                _chart(doc, ctx, block.name)


def _chart(doc: DocumentObject, ctx: ReportContext, name: str) -> None:
    if name == "map":
        if ctx.deployment_map is not None:
            _picture(doc, ctx.deployment_map.png)
    elif name == "gantt":
        _picture(doc, gantt_png(ctx.schedule, conflicts=conflict_events(ctx.plan, ctx.schedule),
                                fold=DOCUMENT_FOLD))
    elif ctx.criteria:
        _picture(doc, criteria_png(ctx.criteria, as_of=ctx.as_of))


def _priorities(doc: DocumentObject, ctx: ReportContext) -> None:
    """Ranked priorities numbered, the others as bullets after them."""
    def line(p: Any) -> str:
        return f"{p.name}: {p.text}" if p.name and p.text else str(p.text or p.label())

    _bullets(doc, [line(p) for p in ctx.ranked_priorities], numbered=True)
    if ctx.unranked_priorities:
        if ctx.ranked_priorities:
            doc.add_paragraph(ctx.words.gettext("Further priorities, not ranked:"))
        _bullets(doc, [line(p) for p in ctx.unranked_priorities])


def _event_rows(ctx: ReportContext) -> list[list[str]]:
    day = ctx.words.day
    return [[item_label(e.name, e.id), day(e.earliest), day(e.latest),
             day(None if e.actual else e.forecast), day(e.actual),
             ctx.who(e.owner), e.source or ""] for e in ctx.events]


EVENT_HEADER = (N_("Event"), N_("Earliest"), N_("Latest"), N_("Forecast"), N_("Actual"),
                N_("Responsible"), N_("Clause"))


def _deadlines(doc: DocumentObject, ctx: ReportContext) -> None:
    _ = ctx.words.gettext
    rows = ctx.deadline_table
    _table(doc, (_("Deadline"), _("Due"), _("Status"), _("Why"), _("Clause")),
           [[d.name, d.due + ("*" if d.estimated else ""), ctx.status_label(d.status), d.why,
             d.clause] for d in rows])
    if any(d.estimated for d in rows):
        doc.add_paragraph(f"* {ctx.estimate_note}")


def _write_brief(doc: DocumentObject, ctx: ReportContext) -> None:
    _ = ctx.words.gettext
    doc.add_heading(_("Objective and priorities"), level=1)
    for o in ctx.plan.objectives:
        doc.add_paragraph(o.text or o.label())
        _bullets(doc, [p.text or p.label() for p in o.parts])
    if ctx.priorities:
        doc.add_heading(_("Mission-wide priorities"), level=2)
        _priorities(doc, ctx)
    doc.add_heading(_("Timeline"), level=1)
    _chart(doc, ctx, "gantt")
    _table(doc, [_(h) for h in EVENT_HEADER], _event_rows(ctx))
    _page_break(doc)
    _write_conflicts(doc, ctx)
    doc.add_heading(_("Deadlines"), level=1)
    _deadlines(doc, ctx)
    _write_criteria(doc, ctx)
    for title, lines in ((_("Risk summary"), ctx.risk_lines),
                         (_("Deployment summary"), ctx.deployment_lines)):
        if lines is not None:
            doc.add_heading(title, level=1)
            _bullets(doc, lines)


def _write_conflicts(doc: DocumentObject, ctx: ReportContext) -> None:
    w = ctx.words
    _ = w.gettext
    doc.add_heading(_("Conflicts and the decisions they need"), level=1)
    if not ctx.conflicts:
        _write_slip_decisions(doc, ctx)
    for i, c in enumerate(ctx.conflicts, start=1):
        doc.add_heading(_("Conflict %(n)s") % {"n": i}, level=2)
        doc.add_paragraph(c.description)
        if c.clauses:
            _table(doc, (_("Clause"), _("Relation"), _("Directive's words")),
                   [[cl.source, cl.text, cl.quote] for cl in c.clauses])
        days = w.ngettext("%(num)s day", "%(num)s days", c.excess_days) % {
            "num": c.excess_days}
        doc.add_paragraph().add_run(_(
            "Decision needed: decide which of these clauses gives way, by at least %(days)s, "
            "or ask the issuing authority to amend one of them.") % {"days": days}).bold = True


def _write_slip_decisions(doc: DocumentObject, ctx: ReportContext) -> None:
    w = ctx.words
    _ = w.gettext
    needed = ctx.decisions
    if not needed:
        doc.add_paragraph(_("The plan's relations are consistent and no deadline is late or "
                            "at risk: no decision is needed."))
        return
    doc.add_paragraph(w.ngettext(
        "The plan's relations are consistent, but %(num)s deadline slips: each needs a "
        "decision.", "The plan's relations are consistent, but %(num)s deadlines slip: each "
        "needs a decision.", len(needed)) % {"num": len(needed)})
    for d in needed:
        doc.add_heading(f"{d.deadline} ({ctx.status_label(d.status)})", level=2)
        doc.add_paragraph(d.how_late)
        if d.clause:
            doc.add_paragraph(_("Clause: %(clause)s") % {"clause": d.clause})
        doc.add_paragraph().add_run(_("Decision needed: choose one.")).bold = True
        _bullets(doc, d.options)


def _write_criteria(doc: DocumentObject, ctx: ReportContext) -> None:
    w = ctx.words
    _ = w.gettext
    doc.add_heading(_("Criteria for success"), level=1)
    if not ctx.criteria:
        doc.add_paragraph(_("The plan names no criteria for success."))
        return
    _chart(doc, ctx, "criteria")

    def forecast(c: Any) -> str:
        if c.actual:
            return str(_("%(day)s (done)") % {"day": w.day(c.actual)})
        moved = (_("movement plan: %(day)s") % {"day": w.day(c.deployed)}) if c.deployed else ""
        return "; ".join(part for part in (w.day(c.forecast), moved) if part)

    _table(doc, (_("Criterion"), _("Status"), _("Due"), _("Forecast"), _("Odds"), _("Why")),
           [[c.name, ctx.status_label(c.status), w.day(c.due), forecast(c),
             w.percent(c.odds) if c.odds is not None else "",
             " ".join([c.why or c.text, *c.reconcile])] for c in ctx.criteria])
    if ctx.forecast_basis:
        doc.add_paragraph(_("Forecast: %(basis)s; odds: the share of simulated worlds that "
                            "meet the criterion.") % {"basis": ctx.forecast_basis})
