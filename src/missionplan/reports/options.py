"""The options analysis: the courses of action side by side on the criteria, the
deployment day, the odds and what drives the cost, then the recommendation and its
reasons (the directive asks for recommendations on the structure, size and concept of
the operation)."""

from __future__ import annotations

from ..outlook.options import OptionOutcome, OptionsComparison
from .blocks import Block, Bullets, Heading, Para, Section, Table, awaits
from .context import ReportContext

__all__ = ["options_sections", "reasons"]


def options_sections(ctx: ReportContext) -> list[Section]:
    """The options analysis' sections."""
    _ = ctx.words.gettext
    found = ctx.options
    if found is None or not found.outcomes:
        return [Section("options", _("The options"), [awaits(_, _(
            "the courses of action the plan declares (courses_of_action: each with its "
            "force, lift and phasing)"))])]
    return [Section("recommendation", _("Recommendation"), _recommendation(ctx, found)),
            Section("options", _("The options"), [_overview(ctx, found)]),
            Section("criteria", _("Criteria for success under each option"),
                    [_criteria(ctx, found)]),
            Section("costs", _("What drives the cost"), _costs(ctx, found))]


def _recommendation(ctx: ReportContext, found: OptionsComparison) -> list[Block]:
    _ = ctx.words.gettext
    if found.recommended is None:
        return [Para(_("No option can be recommended."))]
    best = found.outcome(found.recommended)
    blocks: list[Block] = [Para(_("Recommended: %(option)s.") % {"option": best.course.label()},
                                "decision")]
    if found.by_planners:
        blocks.append(Para(_("The planning team's choice.") + (
            f" {best.course.reasons}" if best.course.reasons else "")))
    lines = reasons(ctx, best, found.runner_up())
    if lines:
        blocks.append(Bullets(lines))
    return blocks


def reasons(ctx: ReportContext, best: OptionOutcome, other: OptionOutcome | None) -> list[str]:
    """How the recommended option compares with the next best, in figures."""
    if other is None:
        return []
    w = ctx.words
    _ = w.gettext
    name = other.course.label()
    out = [_("%(n)s criteria for success at risk, against %(m)s under %(other)s.") % {
        "n": best.at_risk, "m": other.at_risk, "other": name}]
    if best.mean_odds is not None and other.mean_odds is not None:
        out.append(_("Mean odds of meeting the criteria %(p)s, against %(q)s.") % {
            "p": w.percent(best.mean_odds), "q": w.percent(other.mean_odds)})
    if best.deployed_day is not None and other.deployed_day is not None:
        gap = other.deployed_day - best.deployed_day
        sentence = (_("Deployed on %(day)s, %(n)s days earlier.") if gap > 0 else
                    _("Deployed on %(day)s, %(n)s days later.") if gap < 0 else
                    _("Deployed on %(day)s, the same day."))
        out.append(sentence % {"day": w.day(best.deployed), "n": abs(gap)})
    if best.lift_hours is not None and other.lift_hours is not None:
        out.append(_("%(h)s hours of air lift, against %(k)s.") % {
            "h": w.number(round(best.lift_hours)), "k": w.number(round(other.lift_hours))})
    return out


def _overview(ctx: ReportContext, found: OptionsComparison) -> Table:
    w = ctx.words
    _ = w.gettext
    rows = []
    for o in found.outcomes:
        deployed = (_("%(day)s (day %(n)s)") % {"day": w.day(o.deployed), "n": o.deployed_day}
                    if o.deployed_day is not None else (o.note or "–"))
        rows.append([o.course.label() + (" ★" if o.course.id == found.recommended else ""),
                     o.course.text, deployed, w.number(o.at_risk),
                     w.percent(o.mean_odds) if o.mean_odds is not None else "–",
                     w.number(round(o.lift_hours)) if o.lift_hours is not None else "–"])
    return Table([_("Option"), _("Description"), _("Deployed"), _("Criteria at risk"),
                  _("Mean odds"), _("Air lift (hours)")], rows, "options")


def _criteria(ctx: ReportContext, found: OptionsComparison) -> Table:
    w = ctx.words
    by_option = [{c.id: c for c in o.criteria} for o in found.outcomes]
    rows = []
    for crit in found.outcomes[0].criteria:
        cells = [crit.name]
        for answers in by_option:
            c = answers.get(crit.id)
            if c is None:
                cells.append("–")
                continue
            odds = f" · {w.percent(c.odds)}" if c.odds is not None else ""
            cells.append(ctx.status_label(c.status.value) + odds)
        rows.append(cells)
    return Table([w.gettext("Criterion"), *(o.course.label() for o in found.outcomes)], rows,
                 "criteria")


def _costs(ctx: ReportContext, found: OptionsComparison) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    blocks: list[Block] = []
    for o in found.outcomes:
        blocks.append(Heading(o.course.label()))
        lines = []
        if o.helicopter_hours is not None:
            lines.append(_("Helicopters %(h)s hours, fixed-wing aircraft %(f)s hours.") % {
                "h": w.number(round(o.helicopter_hours)),
                "f": w.number(round(o.fixed_wing_hours or 0))})
        lines += o.bottlenecks
        blocks.append(Bullets(lines) if lines else Para(o.note or _("No bottleneck."), "note"))
    return blocks
