"""The after-action review as a document: HTML, PDF and Word from one set of tables.

:func:`aar_tables` turns a :class:`~missionplan.exercise.review.Review` into the tables
people read (the same rows in every format and on the trainer's page): where each
syndicate stands, each criterion per syndicate, each inject with what it cost each
syndicate and how they answered, the timeliness of their products, their decisions, and
how their plans differ. :func:`render_aar` writes them in the format asked for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..exercise.review import Review
from ..model.diff import Change, section_title
from .context import STATUS_LABELS
from .documents import DocumentFormat
from .html import environment, stylesheet, svg_data_uri
from .words import format_day

__all__ = ["AarTables", "Table", "aar_tables", "render_aar"]

_CHANGES_SHOWN = 40


@dataclass(frozen=True, slots=True)
class Table:
    """A table of text: a caption, a header and rows (each cell a string)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass(frozen=True)
class AarTables:
    """Every table of the review, in reading order."""

    title: str
    as_of: date
    synthetic: bool
    summary: Table
    criteria: Table
    injects: Table
    timeliness: Table
    decisions: list[Table] = field(default_factory=list)
    changes: list[Table] = field(default_factory=list)


def _status(value: str) -> str:
    return STATUS_LABELS.get(value, value.replace("_", " "))


def _odds(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def aar_tables(review: Review) -> AarTables:
    """The review's tables, the same for every format."""
    teams = review.syndicates
    names = [s.title for s in teams]
    summary = Table("Where each syndicate stands", [
        "Syndicate", "Criteria met", "Late", "At risk", "Injects received", "Decisions",
        "Own changes to the plan"], [
        [s.title, str(s.met), str(s.missed),
         str(sum(1 for c in s.outlook.criteria if c.status.value == "at_risk")),
         str(len(s.deliveries)), str(len(s.decisions)),
         str(len(_own(s.changes)))] for s in teams])
    by_id = {s.name: {c.id: c for c in s.outlook.criteria} for s in teams}
    first = teams[0].outlook.criteria if teams else []
    criteria = Table("Criteria for success, as of the review", ["Criterion", *names], [
        [c.name, *(_criterion_cell(by_id[s.name].get(c.id)) for s in teams)] for c in first],
        note=(f"Odds from {review.samples:,} simulated worlds per syndicate."
              if review.samples else "Odds not computed (no simulation asked for)."))
    rows = []
    for inject in review.injects:
        cells = []
        for s in teams:
            cost = review.cost(inject.id, s.name)
            if cost is None or cost.arrived is None:
                cells.append("not arrived")
                continue
            answers = [d for d in s.decisions if d.after_inject == inject.id]
            parts = [f"arrived {format_day(cost.arrived)}"]
            if cost.days is None:
                parts.append("cost not measured")
            elif cost.days or (cost.odds or 0) >= 0.005:
                parts.append(f"cost {cost.days} days, odds −{cost.odds or 0:.0%}")
            else:
                parts.append("no cost")
            if cost.broke:
                parts.append(f"put {len(cost.broke)} deadline(s) at risk or late")
            if cost.deployment_days:
                parts.append(f"deployment {cost.deployment_days:+d} days")
            if answers:
                quickest = min((d.days_after for d in answers if d.days_after is not None),
                               default=None)
                parts.append(f"{len(answers)} decision(s) after it"
                             + (f", the first {quickest} day(s) later" if quickest is not None
                                else ""))
            else:
                parts.append("no decision after it")
            cells.append("; ".join(parts))
        when = (format_day(inject.at) if inject.at else
                f"{inject.after.days} days after {inject.after.event}" if inject.after else "")
        rows.append([when, f"{inject.title}" + (f" ({inject.sender})" if inject.sender else ""),
                     str(inject.tests or ""), *cells])
    injects = Table("The injects, what each cost and how each syndicate answered",
                    ["Due", "Inject", "Tests", *names], rows,
                    note="Cost: the most any criterion's forecast slipped, and the most its "
                         "odds fell, just after the inject against just before, on the day "
                         "it was due.")
    deadlines = {s.name: {d.id: d for d in s.deadlines} for s in teams}
    reference = teams[0].deadlines if teams else []
    timeliness = Table("Timeliness of the products and deadlines", ["Deadline", *names], [
        [d.text, *(_deadline_cell(deadlines[s.name].get(d.id)) for s in teams)]
        for d in reference])
    decisions = [Table(f"Decisions of {s.title}", ["Scenario day", "Who", "What",
                                                   "After inject", "Days after"],
                       [[format_day(d.day) if d.day else "", d.user, d.text,
                         d.after_title or "—",
                         "" if d.days_after is None else str(d.days_after)]
                        for d in s.decisions]) for s in teams]
    changes = [_changes_table(f"What {s.title} changed in its plan", _own(s.changes))
               for s in teams]
    for (a, b), diff in review.pairs.items():
        ta = next(s.title for s in teams if s.name == a)
        tb = next(s.title for s in teams if s.name == b)
        changes.append(_changes_table(f"{ta} against {tb}", diff,
                                      before=ta, after=tb))
    return AarTables(review.exercise.title or review.exercise.id, review.as_of,
                     review.exercise.synthetic, summary, criteria, injects, timeliness,
                     decisions, changes)


def _own(changes: list[Change]) -> list[Change]:
    """Changes to the plan, less the actual dates a plan file may carry."""
    return [c for c in changes if c.section != "actuals"]


def _criterion_cell(c: object) -> str:
    from ..outlook import CriterionOutlook

    if not isinstance(c, CriterionOutlook):
        return ""
    when = (f"done {format_day(c.actual)}" if c.actual else
            f"forecast {format_day(c.forecast)}" if c.forecast else "")
    odds = f", odds {_odds(c.odds)}" if c.odds is not None else ""
    return f"{_status(c.status.value)}" + (f" ({when}{odds})" if when or odds else "")


def _deadline_cell(d: object) -> str:
    from ..schedule import DeadlineRow

    if not isinstance(d, DeadlineRow):
        return ""
    if d.actual is not None:
        if d.missed_by and d.missed_by > 0:
            return f"late by {d.missed_by} days ({format_day(d.actual)})"
        return f"on time ({format_day(d.actual)})"
    return f"open: {_status(d.status.value)}" + (
        f", forecast {format_day(d.forecast)}" if d.forecast else "")


def _changes_table(caption: str, changes: list[Change], *, before: str = "before",
                   after: str = "now") -> Table:
    rows = []
    for c in changes[:_CHANGES_SHOWN]:
        detail = "; ".join(f"{f.name}: {_short(f.before)} → {_short(f.after)}"
                           for f in c.fields[:4])
        rows.append([section_title(c.section), c.label, c.kind, detail])
    more = len(changes) - len(rows)
    note = (f"{len(changes)} difference(s) in all" + (f"; the first {len(rows)} shown."
                                                       if more > 0 else ".")
            if changes else "No difference.")
    return Table(caption, ["Section", "Item", "Change", f"{before} → {after}"], rows, note)


def _short(value: object) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def render_aar(review: Review, fmt: DocumentFormat, *, generated: date) -> bytes:
    """The review as HTML, PDF or DOCX bytes."""
    tables = aar_tables(review)
    if fmt is DocumentFormat.docx:
        return _docx(review, tables, generated)
    html = aar_html(review, tables, generated=generated)
    if fmt is DocumentFormat.pdf:
        from .pdf import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")


def aar_html(review: Review, tables: AarTables, *, generated: date) -> str:
    from .aar_charts import costs_svg, timeline_svg

    template = environment().get_template("aar.html.j2")
    return template.render(t=tables, css=stylesheet(), generated=generated,
                           timeline_uri=svg_data_uri(timeline_svg(review)),
                           costs_uri=svg_data_uri(costs_svg(review)) if review.delivered()
                           else None)


def _docx(review: Review, tables: AarTables, generated: date) -> bytes:
    from docx import Document
    from docx.shared import Inches

    from .aar_charts import costs_png, timeline_png

    doc = Document()
    stamp = datetime.combine(generated, time())
    doc.core_properties.title = f"After-action review: {tables.title}"
    doc.core_properties.author = "missionplan"
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.add_heading("After-action review", level=0)
    doc.add_paragraph(f"{tables.title} · as of {format_day(tables.as_of)} · prepared "
                      f"{format_day(generated)} by missionplan")
    if tables.synthetic:
        doc.add_paragraph("The exercise's injects are synthetic: made up for training."
                          ).runs[0].italic = True

    def table(t: Table, level: int = 1) -> None:
        doc.add_heading(t.caption, level=level)
        grid = doc.add_table(rows=1, cols=len(t.header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, t.header, strict=True):
            cell.text = text
        for row in t.rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        if t.note:
            doc.add_paragraph(t.note).runs[0].italic = True

    table(tables.summary)
    table(tables.criteria)
    doc.add_heading("Injects and responses", level=1)
    doc.add_picture(io.BytesIO(timeline_png(review)), width=Inches(6.3))
    if review.delivered():
        doc.add_picture(io.BytesIO(costs_png(review)), width=Inches(6.3))
    table(tables.injects, level=2)
    table(tables.timeliness)
    doc.add_heading("Decisions", level=1)
    for t in tables.decisions:
        table(t, level=2)
    doc.add_heading("How the plans differ", level=1)
    for t in tables.changes:
        table(t, level=2)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
