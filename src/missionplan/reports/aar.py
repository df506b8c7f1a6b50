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
from ..i18n import Language, Words, words
from ..model.diff import KIND_LABELS, Change, section_title
from .context import STATUS_LABELS
from .documents import DocumentFormat
from .html import environment, stylesheet, svg_data_uri

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


def _status(value: str, w: Words) -> str:
    label = STATUS_LABELS.get(value)
    return w.gettext(label) if label else value.replace("_", " ")


def _odds(value: float | None, w: Words) -> str:
    return "" if value is None else w.percent(value)


def aar_tables(review: Review, lang: Language = Language.en) -> AarTables:
    """The review's tables in ``lang``, the same for every format."""
    w = words(lang)
    _, day = w.gettext, w.day
    teams = review.syndicates
    names = [s.title for s in teams]
    summary = Table(_("Where each syndicate stands"), [
        _("Syndicate"), _("Criteria met"), _("Late"), _("At risk"), _("Injects received"),
        _("Decisions"), _("Own changes to the plan")], [
        [s.title, str(s.met), str(s.missed),
         str(sum(1 for c in s.outlook.criteria if c.status.value == "at_risk")),
         str(len(s.deliveries)), str(len(s.decisions)),
         str(len(_own(s.changes)))] for s in teams])
    by_id = {s.name: {c.id: c for c in s.outlook.criteria} for s in teams}
    first = teams[0].outlook.criteria if teams else []
    criteria = Table(_("Criteria for success, as of the review"), [_("Criterion"), *names], [
        [c.name, *(_criterion_cell(by_id[s.name].get(c.id), w) for s in teams)]
        for c in first],
        note=(_("Odds from %(runs)s simulated worlds per syndicate.")
              % {"runs": w.number(review.samples)}
              if review.samples else _("Odds not computed (no simulation asked for).")))
    rows = []
    for inject in review.injects:
        cells = []
        for s in teams:
            cost = review.cost(inject.id, s.name)
            if cost is None or cost.arrived is None:
                cells.append(_("not arrived"))
                continue
            answers = [d for d in s.decisions if d.after_inject == inject.id]
            parts = [_("arrived %(day)s") % {"day": day(cost.arrived)}]
            if cost.days is None:
                parts.append(_("cost not measured"))
            elif cost.days or (cost.odds or 0) >= 0.005:
                parts.append(_("cost %(days)s days, odds −%(odds)s")
                             % {"days": cost.days, "odds": w.percent(cost.odds or 0)})
            else:
                parts.append(_("no cost"))
            if cost.broke:
                parts.append(w.ngettext("put %(num)s deadline at risk or late",
                                        "put %(num)s deadlines at risk or late",
                                        len(cost.broke)) % {"num": len(cost.broke)})
            if cost.deployment_days:
                parts.append(_("deployment %(days)s days")
                             % {"days": f"{cost.deployment_days:+d}"})
            if answers:
                quickest = min((d.days_after for d in answers if d.days_after is not None),
                               default=None)
                parts.append(w.ngettext("%(num)s decision after it",
                                        "%(num)s decisions after it", len(answers))
                             % {"num": len(answers)}
                             + (w.ngettext(", the first %(num)s day later",
                                           ", the first %(num)s days later", quickest)
                                % {"num": quickest} if quickest is not None else ""))
            else:
                parts.append(_("no decision after it"))
            cells.append("; ".join(parts))
        when = (day(inject.at) if inject.at else
                _("%(days)s days after %(event)s") % {"days": inject.after.days,
                                                      "event": inject.after.event}
                if inject.after else "")
        rows.append([when, f"{inject.title}" + (f" ({inject.sender})" if inject.sender else ""),
                     str(inject.tests or ""), *cells])
    injects = Table(_("The injects, what each cost and how each syndicate answered"),
                    [_("Due"), _("Inject"), _("Tests"), *names], rows,
                    note=_("Cost: the most any criterion's forecast slipped, and the most "
                           "its odds fell, just after the inject against just before, on "
                           "the day it was due."))
    deadlines = {s.name: {d.id: d for d in s.deadlines} for s in teams}
    reference = teams[0].deadlines if teams else []
    timeliness = Table(_("Timeliness of the products and deadlines"), [_("Deadline"), *names], [
        [d.text, *(_deadline_cell(deadlines[s.name].get(d.id), w) for s in teams)]
        for d in reference])
    decisions = [Table(_("Decisions of %(syndicate)s") % {"syndicate": s.title},
                       [_("Scenario day"), _("Who"), _("What"), _("After inject"),
                        _("Days after")],
                       [[day(d.day) if d.day else "", d.user, d.text,
                         d.after_title or "—",
                         "" if d.days_after is None else str(d.days_after)]
                        for d in s.decisions]) for s in teams]
    changes = [_changes_table(_("What %(syndicate)s changed in its plan")
                              % {"syndicate": s.title}, _own(s.changes), w)
               for s in teams]
    for (a, b), diff in review.pairs.items():
        ta = next(s.title for s in teams if s.name == a)
        tb = next(s.title for s in teams if s.name == b)
        changes.append(_changes_table(_("%(first)s against %(second)s")
                                      % {"first": ta, "second": tb}, diff, w,
                                      before=ta, after=tb))
    return AarTables(review.exercise.title or review.exercise.id, review.as_of,
                     review.exercise.synthetic, summary, criteria, injects, timeliness,
                     decisions, changes)


def _own(changes: list[Change]) -> list[Change]:
    """Changes to the plan, less the actual dates a plan file may carry."""
    return [c for c in changes if c.section != "actuals"]


def _criterion_cell(c: object, w: Words) -> str:
    from ..outlook import CriterionOutlook

    if not isinstance(c, CriterionOutlook):
        return ""
    _ = w.gettext
    when = (_("done %(day)s") % {"day": w.day(c.actual)} if c.actual else
            _("forecast %(day)s") % {"day": w.day(c.forecast)} if c.forecast else "")
    odds = (", " + _("odds %(odds)s") % {"odds": _odds(c.odds, w)}
            if c.odds is not None else "")
    return f"{_status(c.status.value, w)}" + (f" ({when}{odds})" if when or odds else "")


def _deadline_cell(d: object, w: Words) -> str:
    from ..schedule import DeadlineRow

    if not isinstance(d, DeadlineRow):
        return ""
    _ = w.gettext
    if d.actual is not None:
        if d.missed_by and d.missed_by > 0:
            return _("late by %(days)s days (%(day)s)") % {"days": d.missed_by,
                                                           "day": w.day(d.actual)}
        return _("on time (%(day)s)") % {"day": w.day(d.actual)}
    return _("open: %(status)s") % {"status": _status(d.status.value, w)} + (
        ", " + _("forecast %(day)s") % {"day": w.day(d.forecast)} if d.forecast else "")


def _changes_table(caption: str, changes: list[Change], w: Words, *, before: str = "",
                   after: str = "") -> Table:
    _ = w.gettext
    rows = []
    for c in changes[:_CHANGES_SHOWN]:
        detail = "; ".join(f"{f.name}: {_short(f.before)} → {_short(f.after)}"
                           for f in c.fields[:4])
        rows.append([section_title(c.section), c.label, _(KIND_LABELS[c.kind]), detail])
    more = len(changes) - len(rows)
    note = ((w.ngettext("%(num)s difference in all", "%(num)s differences in all",
                        len(changes)) % {"num": len(changes)}
             + ("; " + _("the first %(num)s shown.") % {"num": len(rows)}
                if more > 0 else "."))
            if changes else _("No difference."))
    return Table(caption, [_("Section"), _("Item"), _("Change"),
                           f"{before or _('before')} → {after or _('now')}"], rows, note)


def _short(value: object) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def render_aar(review: Review, fmt: DocumentFormat, *, generated: date,
               lang: Language = Language.en) -> bytes:
    """The review as HTML, PDF or DOCX bytes, in ``lang``."""
    tables = aar_tables(review, lang)
    if fmt is DocumentFormat.docx:
        return _docx(review, tables, generated, lang)
    html = aar_html(review, tables, generated=generated, lang=lang)
    if fmt is DocumentFormat.pdf:
        from .pdf import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")


def aar_html(review: Review, tables: AarTables, *, generated: date,
             lang: Language = Language.en) -> str:
    from .aar_charts import costs_svg, timeline_svg

    template = environment(lang).get_template("aar.html.j2")
    return template.render(t=tables, css=stylesheet(), generated=generated, lang=lang.value,
                           timeline_uri=svg_data_uri(timeline_svg(review, lang)),
                           costs_uri=svg_data_uri(costs_svg(review, lang)) if review.delivered()
                           else None)


def _docx(review: Review, tables: AarTables, generated: date, lang: Language) -> bytes:
    from docx import Document
    from docx.shared import Inches

    from .aar_charts import costs_png, timeline_png

    w = words(lang)
    _ = w.gettext
    doc = Document()
    stamp = datetime.combine(generated, time())
    doc.core_properties.title = _("After-action review: %(title)s") % {"title": tables.title}
    doc.core_properties.author = "missionplan"
    doc.core_properties.language = lang.value
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.add_heading(_("After-action review"), level=0)
    doc.add_paragraph(_("%(title)s · as of %(day)s · prepared %(made)s by missionplan")
                      % {"title": tables.title, "day": w.day(tables.as_of),
                         "made": w.day(generated)})
    if tables.synthetic:
        doc.add_paragraph(_("The exercise's injects are synthetic: made up for training.")
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
    doc.add_heading(_("Injects and responses"), level=1)
    doc.add_picture(io.BytesIO(timeline_png(review, lang)), width=Inches(6.3))
    if review.delivered():
        doc.add_picture(io.BytesIO(costs_png(review, lang)), width=Inches(6.3))
    table(tables.injects, level=2)
    table(tables.timeliness)
    doc.add_heading(_("Decisions"), level=1)
    for t in tables.decisions:
        table(t, level=2)
    doc.add_heading(_("How the plans differ"), level=1)
    for t in tables.changes:
        table(t, level=2)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
