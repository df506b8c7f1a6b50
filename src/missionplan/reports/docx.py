"""Planning documents as Word files people keep editing.

Real Word structure, not a picture of a page: headings in the built-in
``Heading 1``/``Heading 2`` styles (so the navigation pane and a table of
contents work), tables in ``Table Grid``, charts as pictures and page breaks
between the parts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Inches

from .charts import conflict_events, criteria_png, gantt_png
from .context import STATUS_LABELS, TO_BE_WRITTEN, ReportContext
from .html import DocumentKind, format_day
from .words import item_label

__all__ = ["render_docx"]

Writer = Callable[[DocumentObject, ReportContext], None]
TITLES = {DocumentKind.brief: "Planning brief",
          DocumentKind.annex: "Annex: timeline of the planning process",
          DocumentKind.concept: "Mission concept (skeleton)"}


def render_docx(kind: DocumentKind, ctx: ReportContext) -> bytes:
    """One document as DOCX bytes."""
    doc = Document()
    stamp = datetime.combine(ctx.generated, time())
    doc.core_properties.title = f"{TITLES[kind]}: {ctx.title}"
    doc.core_properties.author = "missionplan"
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.add_heading(TITLES[kind], level=0)
    doc.add_paragraph(f"{ctx.title} · dates as of {format_day(ctx.as_of)} · "
                      f"prepared {format_day(ctx.generated)} by missionplan")
    if ctx.basis:
        doc.add_paragraph(ctx.basis).runs[0].italic = True
    WRITERS[kind](doc, ctx)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


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


def _priorities(doc: DocumentObject, ctx: ReportContext) -> None:
    """Ranked priorities numbered, the others as bullets after them."""
    def line(p: Any) -> str:
        return f"{p.name}: {p.text}" if p.name and p.text else str(p.text or p.label())

    _bullets(doc, [line(p) for p in ctx.ranked_priorities], numbered=True)
    if ctx.unranked_priorities:
        if ctx.ranked_priorities:
            doc.add_paragraph("Further priorities, not ranked:")
        _bullets(doc, [line(p) for p in ctx.unranked_priorities])


def _todo(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run(TO_BE_WRITTEN).italic = True


def _event_rows(ctx: ReportContext, *, outputs_only: bool = False) -> list[list[str]]:
    events = ctx.outputs if outputs_only else ctx.events
    return [[item_label(e.name, e.id), format_day(e.earliest), format_day(e.latest),
             format_day(None if e.actual else e.forecast), format_day(e.actual),
             ctx.who(e.owner), e.source or ""] for e in events]


EVENT_HEADER = ("Event", "Earliest", "Latest", "Forecast", "Actual", "Responsible", "Clause")


def _deadlines(doc: DocumentObject, ctx: ReportContext) -> None:
    rows = ctx.deadline_table
    _table(doc, ("Deadline", "Due", "Status", "Why", "Clause"),
           [[d.name, d.due + ("*" if d.estimated else ""), d.status.replace("_", " "), d.why,
             d.clause] for d in rows])
    if any(d.estimated for d in rows):
        doc.add_paragraph(f"* {ctx.estimate_note}")


def _gantt(doc: DocumentObject, ctx: ReportContext) -> None:
    _picture(doc, gantt_png(ctx.schedule, conflicts=conflict_events(ctx.plan, ctx.schedule)))


def _write_brief(doc: DocumentObject, ctx: ReportContext) -> None:
    doc.add_heading("Objective and priorities", level=1)
    for o in ctx.plan.objectives:
        doc.add_paragraph(o.text or o.label())
        _bullets(doc, [p.text or p.label() for p in o.parts])
    if ctx.priorities:
        doc.add_heading("Mission-wide priorities", level=2)
        _priorities(doc, ctx)
    doc.add_heading("Timeline", level=1)
    _gantt(doc, ctx)
    _table(doc, EVENT_HEADER, _event_rows(ctx))
    _page_break(doc)
    _write_conflicts(doc, ctx)
    doc.add_heading("Deadlines", level=1)
    _deadlines(doc, ctx)
    _write_criteria(doc, ctx)
    for title, lines in (("Risk summary", ctx.risk_lines),
                         ("Deployment summary", ctx.deployment_lines)):
        if lines is not None:
            doc.add_heading(title, level=1)
            _bullets(doc, lines)


def _write_conflicts(doc: DocumentObject, ctx: ReportContext) -> None:
    doc.add_heading("Conflicts and the decisions they need", level=1)
    if not ctx.conflicts:
        _write_slip_decisions(doc, ctx)
    for i, c in enumerate(ctx.conflicts, start=1):
        doc.add_heading(f"Conflict {i}", level=2)
        doc.add_paragraph(c.description)
        if c.clauses:
            _table(doc, ("Clause", "Relation", "Directive's words"),
                   [[cl.source, cl.text, cl.quote] for cl in c.clauses])
        doc.add_paragraph().add_run(f"Decision needed: {c.decision}").bold = True


def _write_slip_decisions(doc: DocumentObject, ctx: ReportContext) -> None:
    needed = ctx.decisions
    if not needed:
        doc.add_paragraph("The plan's relations are consistent and no deadline is late or at "
                          "risk: no decision is needed.")
        return
    many = len(needed) != 1
    doc.add_paragraph(f"The plan's relations are consistent, but {len(needed)} "
                      f"deadline{'s slip' if many else ' slips'}: each needs a decision.")
    for d in needed:
        doc.add_heading(f"{d.deadline} ({STATUS_LABELS.get(d.status, d.status)})", level=2)
        doc.add_paragraph(d.how_late)
        if d.clause:
            doc.add_paragraph(f"Clause: {d.clause}")
        doc.add_paragraph().add_run("Decision needed: choose one.").bold = True
        _bullets(doc, d.options)


def _write_criteria(doc: DocumentObject, ctx: ReportContext) -> None:
    doc.add_heading("Criteria for success", level=1)
    if not ctx.criteria:
        doc.add_paragraph("The plan names no criteria for success.")
        return
    _picture(doc, criteria_png(ctx.criteria, as_of=ctx.as_of))
    _table(doc, ("Criterion", "Status", "Due", "Forecast", "Odds", "Why"),
           [[c.name, c.status_label, format_day(c.due),
             f"{format_day(c.actual)} (done)" if c.actual else format_day(c.forecast)
             + (f"; movement plan: {format_day(c.deployed)}" if c.deployed else ""),
             c.odds_label, " ".join([c.why or c.text, *c.reconcile])] for c in ctx.criteria])
    if ctx.forecast_basis:
        doc.add_paragraph(f"Forecast: {ctx.forecast_basis}; odds: the share of simulated "
                          "worlds that meet the criterion.")


def _write_annex(doc: DocumentObject, ctx: ReportContext) -> None:
    doc.add_heading("Process outputs and key dates", level=1)
    _table(doc, ("Output or decision", *EVENT_HEADER[1:]), _event_rows(ctx, outputs_only=True))
    doc.add_heading("Deadlines", level=2)
    _deadlines(doc, ctx)
    _page_break(doc)
    doc.add_heading("Timeline chart", level=1)
    _gantt(doc, ctx)


def _write_concept(doc: DocumentObject, ctx: ReportContext) -> None:
    plan = ctx.plan
    doc.add_heading("1. Political context and strategic assessment", level=1)
    _todo(doc)
    doc.add_heading("2. Vision", level=1)
    for o in plan.objectives:
        doc.add_paragraph(o.text or o.label())
    if not plan.objectives:
        _todo(doc)
    doc.add_heading("3. Mission-wide priorities", level=1)
    parts = [p.text or p.label() for p in plan.objectives[0].parts] if plan.objectives else []
    if ctx.priorities:
        _priorities(doc, ctx)
    elif parts:
        _bullets(doc, parts, numbered=True)
    else:
        _todo(doc)
    doc.add_heading("4. Phasing", level=1)
    doc.add_paragraph("Key dates that bound the phases, as the plan sets them:")
    _table(doc, ("Milestone", "Earliest", "Latest"),
           [[item_label(e.name, e.id), format_day(e.earliest), format_day(e.latest)]
            for e in ctx.events])
    _todo(doc)
    _page_break(doc)
    _write_components(doc, ctx)
    _write_assumptions_risks(doc, ctx)
    doc.add_heading("8. Mission structure and support concept", level=1)
    _todo(doc)
    doc.add_heading("9. Coordination with the UN country team and partners", level=1)
    _todo(doc)


def _write_components(doc: DocumentObject, ctx: ReportContext) -> None:
    doc.add_heading("5. Component roles", level=1)
    for component, items in ctx.components().items():
        doc.add_heading(component.capitalize(), level=2)
        _bullets(doc, items)
    if ctx.plan.actors:
        doc.add_heading("Responsibilities", level=2)
        _table(doc, ("Actor", "Responsible for"),
               [[a.label(), "; ".join(r.text or r.label() for r in a.responsibilities)
                 or TO_BE_WRITTEN] for a in ctx.plan.actors])
    _todo(doc)


def _write_assumptions_risks(doc: DocumentObject, ctx: ReportContext) -> None:
    plan = ctx.plan
    doc.add_heading("6. Planning assumptions", level=1)
    if plan.assumptions:
        _table(doc, ("Assumption", "How it is watched", "Status"),
               [[a.text or a.label(), a.watch, a.status] for a in plan.assumptions])
    else:
        _todo(doc)
    doc.add_heading("7. Risks", level=1)
    if plan.risks:
        _table(doc, ("Risk", "Likelihood"),
               [[r.text or r.label(), f"{round(r.probability * 100)}%"] for r in plan.risks])
    else:
        _todo(doc)
    if ctx.risk_lines:
        _bullets(doc, ctx.risk_lines)


WRITERS: dict[DocumentKind, Writer] = {DocumentKind.brief: _write_brief,
                                       DocumentKind.annex: _write_annex,
                                       DocumentKind.concept: _write_concept}
